"""The content-type registry: every list of content types derives from it."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from instrumenten.models import Instrument
from jaarplan.models import Activiteit, ActiviteitLink, Jaarplan
from kennisbank.models import Artikel, Stap, Stappenplan
from pilots.models import Pilot
from voion_portal.core import registry
from voion_portal.taxonomy.models import Organisatie


def test_the_project_apps_are_ours_only_even_with_a_virtualenv_inside_the_checkout():
    labels = {config.label for config in registry.project_apps()}
    assert {
        "voion_portal",
        "taxonomy",
        "instrumenten",
        "kennisbank",
        "jaarplan",
        "pilots",
    } <= labels
    assert not labels & {"auth", "admin", "contenttypes", "sessions", "reversion", "axes"}


def test_search_covers_the_searchable_types_in_the_overview_order():
    keys = [entry.key for entry in registry.searchable_types()]
    assert keys == [
        "themas",
        "instrumenten",
        "kennisbank",
        "pilots",
        "stappenplan",
        "stappenplannen",
        "jaarplannen",
    ]
    assert registry.get(Stap).parent == "stappenplan"


def test_schedule_sitemap_and_link_check_read_the_same_registrations():
    assert {entry.model for entry in registry.scheduled_types()} == {
        Artikel,
        Instrument,
        Pilot,
        Stappenplan,
        Jaarplan,
    }
    assert Activiteit not in {entry.model for entry in registry.sitemap_types()}
    sources = {source.model: source for source in registry.link_sources()}
    assert sources[Instrument].url_fields == ("url",)
    assert sources[ActiviteitLink].owner == "activiteit"
    assert Organisatie in sources


def test_a_model_cannot_be_registered_twice():
    with pytest.raises(ImproperlyConfigured):
        registry.register(Artikel, key="nog-eens", label="Nog eens")
