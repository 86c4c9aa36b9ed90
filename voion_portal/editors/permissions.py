"""The editors' group ("Redactie") and exactly what it may do.

Editors curate all content and the taxonomy (which includes its history, revert,
recovery and — through the same model permissions — import and export); they read and
handle interest registrations but cannot add or delete them; they read the link-check
results and ask for new checks; they have no rights at all on users, groups or
permissions.

This is live policy, not history: the group is brought in line with it after every
`migrate` (a post_migrate handler, connected in `VoionPortalConfig.ready`), so a change
here reaches every database on its next migrate without a data migration.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

from voion_portal.core import registry

REDACTIE_GROUP = "Redactie"


def user_name(user) -> str:
    """How the admin names a colleague: full name, else user name ("" for nobody)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


FULL_ACTIONS = ("add", "change", "delete", "view")
# model (app_label, model_name) -> actions, where editors get less than everything
RESTRICTED = {
    ("pilots", "interesseaanmelding"): ("view", "change"),
    ("voion_portal", "fixturerecord"): (),  # the content loader's bookkeeping
    # link-check results: written by `manage.py check_links`; editors read them and ask
    # for a new check (change), but neither add nor delete them
    ("voion_portal", "externelink"): ("view", "change"),
    ("voion_portal", "vindplaats"): ("view",),
    # old addresses of renamed items: recorded on save; editors read them and delete one
    # whose address should answer "not found" again
    ("voion_portal", "oudadres"): ("view", "delete"),
    # working copies: made, published and thrown away from the item's own change form
    ("voion_portal", "werkversie"): ("view",),
    ("voion_portal", "internelink"): (),  # bookkeeping of the texts' internal links
    # what browsers reported the Content-Security-Policy blocked: read, and deleted
    ("voion_portal", "csprapport"): ("view", "delete"),
    # the search's spelling dictionary and stem list: kept by saves and database
    # triggers, never edited by hand
    ("voion_portal", "zoekwoord"): (),
    ("voion_portal", "woordstam"): (),
    # the vectors from before each save, kept an hour for the facet counts: bookkeeping
    ("voion_portal", "tekstwijziging"): (),
    # visitors' answers to "Was deze pagina nuttig?": read, and deleted (personal data)
    ("voion_portal", "paginafeedback"): ("view", "delete"),
    # weekly counts of visitors' searches, kept by the search counter: read and deleted
    ("voion_portal", "zoekopdracht"): ("view", "delete"),
    # the rate limit's counts of public posts: bookkeeping, never shown
    ("voion_portal", "snelheidsteller"): (),
}


def _content_apps() -> list[str]:
    """The labels of the project's own apps: all they hold is the editors' to curate,
    except what `RESTRICTED` limits."""
    return [config.label for config in registry.project_apps()]


def redactie_permission_codenames(apps=global_apps) -> list[tuple[str, str]]:
    """(app_label, codename) pairs the Redactie group holds, for the models `apps` knows."""
    pairs = []
    for app_label in _content_apps():
        for model in global_apps.get_app_config(app_label).get_models():
            model_name = model._meta.model_name
            try:
                apps.get_model(app_label, model_name)
            except LookupError:
                continue  # not in `apps`: a migrate that stopped short of this model
            actions = RESTRICTED.get((app_label, model_name), FULL_ACTIONS)
            pairs.extend((app_label, f"{action}_{model_name}") for action in actions)
    return pairs


def sync_redactie_group(apps=global_apps, using=DEFAULT_DB_ALIAS):
    """Create or update the group so it holds exactly the policy's permissions."""
    # post_migrate reaches the apps one by one, and Django creates each app's permissions
    # only when its own turn comes: those of content apps later in INSTALLED_APPS would
    # not exist yet. Creating them here (it is idempotent) makes the order irrelevant.
    for app_label in _content_apps():
        create_permissions(
            global_apps.get_app_config(app_label), verbosity=0, using=using, apps=apps
        )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = redactie_permission_codenames(apps)
    existing = {
        (permission.content_type.app_label, permission.codename): permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=_content_apps())
        .select_related("content_type")
    }
    missing = sorted(set(wanted) - existing.keys())
    if missing:
        raise Permission.DoesNotExist(f"permissions missing for the Redactie group: {missing}")
    group, _ = Group.objects.using(using).get_or_create(name=REDACTIE_GROUP)
    group.permissions.set([existing[pair] for pair in wanted])
    return group


def sync_redactie_group_after_migrate(sender, apps=global_apps, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate handler: `apps` is the migrated state, which may stop short of the
    newest models (`migrate app 0003`); the group then gets what that state knows."""
    try:
        apps.get_model("auth", "Group")
        apps.get_model("auth", "Permission")
    except LookupError:
        return  # auth not migrated (yet) in this state: nothing to attach rights to
    sync_redactie_group(apps, using)
