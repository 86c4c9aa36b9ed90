"""Migrations are history; the editors' rights are live policy, applied after every migrate."""

import ast
import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db.migrations.loader import MigrationLoader

from voion_portal.editors.permissions import REDACTIE_GROUP, redactie_permission_codenames

FULL = ("add", "change", "delete", "view")
# What the group held on a fresh database before its rights moved out of the migrations;
# a change of policy changes this list on purpose.
EXPECTED_REDACTIE = {
    ("voion_portal", "paginafeedback"): ("view", "delete"),
    ("voion_portal", "zoekopdracht"): ("view", "delete"),
    ("voion_portal", "snelheidsteller"): (),
    ("taxonomy", "dipijler"): FULL,
    ("taxonomy", "doelgroep"): FULL,
    ("taxonomy", "kernopgave"): FULL,
    ("taxonomy", "organisatie"): FULL,
    ("taxonomy", "sector"): FULL,
    ("taxonomy", "thema"): FULL,
    ("instrumenten", "instrument"): FULL,
    ("instrumenten", "instrumentsoort"): FULL,
    ("kennisbank", "artikel"): FULL,
    ("kennisbank", "stap"): FULL,
    ("kennisbank", "stappenplan"): FULL,
    ("jaarplan", "activiteit"): FULL,
    ("jaarplan", "activiteitlink"): FULL,
    ("jaarplan", "jaarplan"): FULL,
    ("pilots", "pilot"): FULL,
    ("pilots", "interesseaanmelding"): ("view", "change"),
    ("voion_portal", "synoniem"): FULL,
    ("voion_portal", "externelink"): ("view", "change"),
    ("voion_portal", "vindplaats"): ("view",),
    ("voion_portal", "oudadres"): ("view", "delete"),
    ("voion_portal", "werkversie"): ("view",),
    ("voion_portal", "internelink"): (),  # bookkeeping of the texts' internal links
    ("voion_portal", "afbeelding"): FULL,
    ("voion_portal", "csprapport"): ("view", "delete"),
    ("voion_portal", "document"): FULL,
    # The keuzehulp's answers and what they mean: the editors maintain them.
    ("keuzehulp", "doel"): FULL,
    ("keuzehulp", "onderwerp"): FULL,
    ("keuzehulp", "publiek"): FULL,
}


def _project_migration_modules():
    """The migration modules of the apps in this repository (not Django's or a library's)."""
    root = Path(settings.BASE_DIR).resolve()
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for (app_label, name), migration in sorted(loader.disk_migrations.items()):
        module = importlib.import_module(migration.__module__)
        path = Path(module.__file__).resolve()
        if path.is_relative_to(root) and ".venv" not in path.parts:
            yield f"{app_label}.{name}", path


def _imports(path: Path) -> set[str]:
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or ""))
    return imported


def test_migrations_import_django_only():
    """Project code (such as voion_portal.editors) changes later;
    a migration that read it would do something else on tomorrow's fresh database."""
    modules = dict(_project_migration_modules())
    assert {label.split(".")[0] for label in modules} >= {
        "voion_portal",
        "taxonomy",
        "instrumenten",
        "kennisbank",
        "jaarplan",
        "pilots",
    }
    offenders = {
        label: sorted(name for name in _imports(path) if name.split(".")[0] != "django")
        for label, path in modules.items()
    }
    assert {label: names for label, names in offenders.items() if names} == {}


def _redactie_permissions() -> set[tuple[str, str]]:
    return set(
        Group.objects.get(name=REDACTIE_GROUP).permissions.values_list(
            "content_type__app_label", "codename"
        )
    )


def _expected() -> set[tuple[str, str]]:
    return {
        (app_label, f"{action}_{model}")
        for (app_label, model), actions in EXPECTED_REDACTIE.items()
        for action in actions
    }


@pytest.mark.django_db
def test_the_test_databases_migrate_gave_redactie_exactly_its_rights():
    assert _redactie_permissions() == _expected()
    assert _redactie_permissions() == set(redactie_permission_codenames())


@pytest.mark.django_db
def test_every_migrate_puts_the_group_back_in_line_with_the_policy():
    group = Group.objects.get(name=REDACTIE_GROUP)
    group.permissions.set(Permission.objects.filter(codename__endswith="_user"))
    call_command("migrate", verbosity=0)  # nothing to migrate: only post_migrate runs
    assert _redactie_permissions() == _expected()

    group.delete()
    call_command("migrate", verbosity=0)
    assert _redactie_permissions() == _expected()
