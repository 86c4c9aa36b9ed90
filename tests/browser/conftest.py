"""Browser tests: Playwright (sync API) drives Debian's Chromium against a live Django server.

* Playwright's sync API runs an asyncio loop in the test thread; Django refuses ORM calls
  from a thread with a running loop unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
* The browser is Debian's `/usr/bin/chromium` (never `playwright install`).
* Every test starts with the real content of `fixtures/`. Loading it with the content
  loader takes seconds, so it is loaded once per session and kept as a snapshot of every
  table; each (transactional) test gets the snapshot written back with one bulk insert per
  table (a fraction of a second), and Django empties the tables after the test as usual.
"""

import os

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL"}


def _stored_models(alias=DEFAULT_DB_ALIAS):
    """Every model with its own table in this database, many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and router.allow_migrate_model(alias, model)
    ]


class DatabaseSnapshot:
    """Every row of every table, as model instances; written back with raw bulk inserts.

    Writing back is what Django's serialized rollback does, without the per-object saves:
    one INSERT per table (per batch), in one transaction, foreign keys checked at the end.
    """

    def __init__(self, alias=DEFAULT_DB_ALIAS):
        self.alias = alias
        self.rows = {
            model: list(model._base_manager.using(alias).order_by("pk"))
            for model in _stored_models(alias)
        }

    def restore(self):
        from django.contrib.contenttypes.models import ContentType

        connection = connections[self.alias]
        call_command(
            "flush",
            verbosity=0,
            interactive=False,
            database=self.alias,
            reset_sequences=False,
            allow_cascade=True,
            inhibit_post_migrate=True,
        )
        with transaction.atomic(using=self.alias):
            with connection.constraint_checks_disabled():
                for model, objs in self.rows.items():
                    if not objs:
                        continue
                    fields = model._meta.local_concrete_fields
                    batch = connection.ops.bulk_batch_size(fields, objs) or len(objs)
                    for start in range(0, len(objs), batch):
                        model._base_manager.using(self.alias)._insert(
                            objs[start : start + batch], fields=fields, raw=True, using=self.alias
                        )
            connection.check_constraints(table_names=[m._meta.db_table for m in self.rows])
            sequences = connection.ops.sequence_reset_sql(no_style(), list(self.rows))
            if sequences:
                with connection.cursor() as cursor:
                    for sql in sequences:
                        cursor.execute(sql)
        ContentType.objects.clear_cache()
        cache.clear()


@pytest.fixture(scope="session")
def content_snapshot(django_db_setup, django_db_blocker):
    """The database with the real content of fixtures/ loaded: loaded once per session."""
    from django.conf import settings

    from voion_portal.loader.loader import ContentLoader

    with django_db_blocker.unblock():
        before = DatabaseSnapshot()
        ContentLoader(Path(settings.BASE_DIR) / "fixtures").load()
        with_content = DatabaseSnapshot()
        before.restore()
    return with_content


@pytest.fixture(scope="module", autouse=True)
def _database_as_found(django_db_setup, django_db_blocker):
    """Transactional tests leave empty tables behind; leave the database as we found it."""
    with django_db_blocker.unblock():
        found = DatabaseSnapshot()
    yield
    with django_db_blocker.unblock():
        found.restore()


@pytest.fixture(autouse=True)
def portal_content(transactional_db, content_snapshot):
    """Each browser test starts with the real content of fixtures/ and an empty cache."""
    from voion_portal.search.indexing import rebuild_search_index

    content_snapshot.restore()
    # The rows came back without save signals: the SQLite full-text index is rebuilt from them.
    rebuild_search_index()
    yield
    cache.clear()


def _through_the_app(application):
    """The live server's static handler: none. Static files go through the project's own
    middleware, so WhiteNoise serves what collectstatic wrote (the manifest's hashed names),
    as in production. Django's StaticFilesHandler only knows the unhashed source files."""
    return application


@pytest.fixture(scope="session")
def live_server(request, collected_static):
    """pytest-django's live server, with static files served as in production."""
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = LiveServer(addr, start=False)
    server.thread.static_handler = _through_the_app
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(live_server):
    """The live server's origin, e.g. http://localhost:51234."""
    return live_server.url


class PageProblems:
    """Console errors and uncaught exceptions a page produced, as a visitor's devtools show."""

    def __init__(self):
        self.messages: list[str] = []

    def watch(self, page):
        def on_console(message):
            if message.type == "error":
                self.messages.append(
                    f"console.error on {page.url}: {message.text} {message.location}"
                )

        def on_page_error(error):
            self.messages.append(f"pageerror on {page.url}: {error}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        return page


@pytest.fixture
def problems(page):
    """Collects console errors and page errors of the `page` fixture."""
    watcher = PageProblems()
    watcher.watch(page)
    return watcher
