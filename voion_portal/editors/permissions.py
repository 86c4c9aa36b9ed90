"""The editors' group ("Redactie") and exactly what it may do.

Editors curate all content and the taxonomy (which includes its history, revert,
recovery and — through the same model permissions — import and export); they read and
handle interest registrations but cannot add or delete them; they read the link-check
results and ask for new checks; they have no rights at all on users, groups or
permissions.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

REDACTIE_GROUP = "Redactie"

CONTENT_APPS = ("taxonomy", "instrumenten", "kennisbank", "jaarplan", "pilots", "voion_portal")
FULL_ACTIONS = ("add", "change", "delete", "view")
# model (app_label, model_name) -> actions, where editors get less than everything
RESTRICTED = {
    ("pilots", "interesseaanmelding"): ("view", "change"),
    ("voion_portal", "fixturerecord"): (),  # the content loader's bookkeeping
    # link-check results: written by `manage.py check_links`; editors read them and ask
    # for a new check (change), but neither add nor delete them
    ("voion_portal", "externelink"): ("view", "change"),
    ("voion_portal", "vindplaats"): ("view",),
}


def redactie_permission_codenames(apps=global_apps) -> list[tuple[str, str]]:
    """(app_label, codename) pairs the Redactie group holds, for the models `apps` knows."""
    pairs = []
    for app_label in CONTENT_APPS:
        for model in global_apps.get_app_config(app_label).get_models():
            model_name = model._meta.model_name
            try:
                apps.get_model(app_label, model_name)
            except LookupError:
                continue  # not migrated yet at this point of the migration history
            actions = RESTRICTED.get((app_label, model_name), FULL_ACTIONS)
            pairs.extend((app_label, f"{action}_{model_name}") for action in actions)
    return pairs


def sync_redactie_group(apps, schema_editor=None):
    """Create or update the group; usable from a data migration (historical apps).

    Permissions are normally created after all migrations ran; creating them here
    lets the group get them in the same `migrate`.
    """
    for app_label in CONTENT_APPS:
        create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=REDACTIE_GROUP)
    permissions = [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in redactie_permission_codenames(apps)
    ]
    group.permissions.set(permissions)
    return group
