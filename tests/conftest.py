import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import Client

from voion_portal.editors.permissions import REDACTIE_GROUP

# The judged search relevance score, printed at the end of every run that includes it
# (also under pytest-xdist, whose main process loads only the conftest files on the paths
# it was given): registered here once, for the whole suite.
pytest_plugins = ["tests.search.relevance_report"]


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """Pages use the production manifest storage, which needs collectstatic first."""
    from django.conf import settings

    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Facet terms and pages are cached; each test starts with the database it builds."""
    from django.conf import settings

    alias = settings.PAGE_CACHE_MACHINE_ALIAS
    page_tier = caches[alias] if alias in settings.CACHES else None
    for store in (cache, page_tier):
        if store is not None:
            store.clear()
    yield
    for store in (cache, page_tier):
        if store is not None:
            store.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Each test uploads into a storage of its own, empty at the start."""
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))
    return settings.MEDIA_ROOT


@pytest.fixture
def editor(django_user_model):
    """A staff user in the Redactie group: what the fund's editors are."""
    user = django_user_model.objects.create_user(
        username="redacteur",
        email="redactie@example.nl",
        password="een-lang-wachtwoord-2026",
        is_staff=True,
    )
    user.groups.add(Group.objects.get(name=REDACTIE_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def colleague(django_user_model):
    """A second editor, working in the admin at the same time as `editor`."""
    user = django_user_model.objects.create_user(
        "els", password="x", first_name="Els", last_name="de Vries", is_staff=True
    )
    user.groups.add(Group.objects.get(name=REDACTIE_GROUP))
    return user


@pytest.fixture
def colleague_client(colleague):
    session = Client()
    session.force_login(colleague)
    return session


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="staf", password="x", is_staff=True)
    client.force_login(user)
    return client


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: it would hide a part that was not tested."""
    import os

    if not os.environ.get("FAIL_ON_SKIP"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"FAIL_ON_SKIP: {skipped} test(s) were skipped", red=True)
        session.exitstatus = 1


def pytest_collection_modifyitems(config, items):
    """Backend-specific tests run on their backend only: deselected (not skipped) elsewhere.

    `make test` runs on SQLite and `make test-postgres` on PostgreSQL; CI runs both.
    """
    from django.conf import settings

    on_postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    unwanted = "sqlite" if on_postgres else "postgres"

    def is_unwanted(item):
        return item.get_closest_marker(unwanted) or (
            not _browser_tests_wanted(config) and "tests/browser/" in item.nodeid
        )

    deselected = [item for item in items if is_unwanted(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not is_unwanted(item)]


def _browser_tests_wanted(config) -> bool:
    """Browser tests need Debian's Chromium. VOION_BROWSER_TESTS: 1 = always (CI installs
    Chromium, so a missing browser fails loudly), 0 = never, unset = when Chromium exists."""
    import os
    import shutil

    wanted = os.environ.get("VOION_BROWSER_TESTS", "")
    if wanted in {"0", "1"}:
        return wanted == "1"
    if shutil.which("chromium") or os.path.exists("/usr/bin/chromium"):
        return True
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter:
        reporter.write_line(
            "Chromium not found: browser tests not run (apt-get install chromium)", yellow=True
        )
    return False
