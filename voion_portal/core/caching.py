"""Remember what is derived from the published content until that content changes.

Everything the portal derives from its content (whole pages, cards, facet counts, search
counts and corrections) is cached under *content generations*, one per topic: each
project app (kennisbank, instrumenten, jaarplan, pilots, …) is a topic, and the
taxonomy and the project's own app (`voion_portal`: synonyms, media) are shared topics
every value depends on. Saving or deleting anything the public can see bumps the generation
of its app's topic, so every value that depends on it is stale at once while the
others stay: saving a pilot leaves the catalogue's and the kennisbank's pages, cards
and counts alone. A value that does not say what it depends on depends on everything.
Nothing is kept past the next scheduled publication, so an item planned for 14:00
appears at 14:00 even if nobody saves anything.

The generations must be the same for every app-server process:

* with a shared cache (Redis, see CACHE_URL) they live in that cache;
* with the default per-process local-memory cache each is the modification time of a
  small stamp file per topic, which all workers on the machine see.

`remember`, `remember_many` and `remember_or_refresh` are the one way to cache such a
value.
"""

import functools
import hashlib
import logging
import os
import re
import time
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from voion_portal.core import registry
from voion_portal.core.content import bulk_changed
from voion_portal.core.revalidation import not_recorded, note_cached

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
NEXT_PUBLICATION_KEY = "page-cache:next-publication:{generation}"
_ABSENT = object()
# The generation while the shared cache cannot be reached: nothing is kept under it.
UNREACHABLE = "unreachable"


def content_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def is_shared(alias: str) -> bool:
    """Whether the cache `alias` is one for all processes (not local memory)."""
    return not settings.CACHES[alias]["BACKEND"].endswith("LocMemCache")


def _shared_cache() -> bool:
    return is_shared(settings.PAGE_CACHE_ALIAS)


def _stamp_file(topic: str) -> Path:
    base = Path(settings.PAGE_CACHE_STAMP_FILE)
    return base.with_name(f"{base.name}.{topic}")


# -- topics -------------------------------------------------------------------------------------

# The taxonomy (sectors, thema's, pillars) and the project's own app (synonyms, media,
# redirects): what every page may show.
SHARED_TOPICS = ("taxonomy", "voion_portal")


# Part of every generation: bumping it (`bump_generation()`) makes everything stale.
EVERYTHING = "everything"


def all_topics() -> tuple[str, ...]:
    """What depends on every topic depends on: the labels of the project's apps (more
    specific topics, such as a list's counts, always change with their app's)."""
    return tuple(sorted({config.label for config in registry.project_apps()} | {*SHARED_TOPICS}))


def topic_of(model) -> str:
    """The topic a change to `model` makes stale: its app's."""
    return model._meta.app_label


def _topics(topics: Iterable[str] | None) -> tuple[str, ...]:
    """`topics` with the shared topics, in a fixed order; None: every topic."""
    if topics is None:
        return (*all_topics(), EVERYTHING)
    return (*sorted({*topics, *SHARED_TOPICS}), EVERYTHING)


def _generation_key(topic: str) -> str:
    return f"{GENERATION_KEY}:{topic}"


# Bumps this process could not make while the shared cache was unreachable: made as
# soon as it answers again, so an edit saved during a Redis outage is not hidden by
# pages cached before it (if Redis kept them).
_missed_bumps: set[str] = set()


def _fresh_generation() -> int:
    # Never a number an earlier Redis (restarted empty) may have used for its pages.
    return int(time.time() * 1000)


def current_generation(topics: Iterable[str] | None = None) -> str:
    """The generation of everything that depends on `topics` (None: on every topic).

    It changes whenever one of those topics changes, and only then."""
    topics = _topics(topics)
    if not _shared_cache():
        return ".".join(_stamp(topic) for topic in topics)
    cache = content_cache()
    if _missed_bumps:
        missed = tuple(_missed_bumps)
        _missed_bumps.clear()
        bump_generation(missed)
    keys = [_generation_key(topic) for topic in topics]
    found = cache.get_many(keys)
    if any(key not in found for key in keys):
        for key in keys:
            if key not in found:
                cache.add(key, _fresh_generation(), None)
        found = cache.get_many(keys)
        if any(key not in found for key in keys):
            return UNREACHABLE
    return ".".join(str(found[key]) for key in keys)


def topic_generations(topics: Iterable[str]) -> dict[str, str]:
    """The generation of each of `topics` alone (with the shared ones), read at once ({}
    while unreachable)."""
    topics = tuple(sorted(set(topics)))
    parts = current_generation(topics).split(".")
    if len(parts) != len(_topics(topics)):
        return {}
    return dict(zip(_topics(topics), parts, strict=True))


def generation_from(stamps: dict[str, str], topics: Iterable[str] | None) -> str:
    """What `current_generation(topics)` gives, made from `topic_generations(...)` read
    before; read afresh for topics `stamps` does not hold (a list's counts topic)."""
    wanted = _topics(topics)
    if not all(topic in stamps for topic in wanted):
        return current_generation(topics)
    return ".".join(stamps[topic] for topic in wanted)


def _stamp(topic: str) -> str:
    try:
        return str(os.stat(_stamp_file(topic)).st_mtime_ns)
    except FileNotFoundError:
        return "0"


def bump_generation(topics: Iterable[str] | None = None) -> None:
    """Make everything remembered that depends on `topics` stale, in every process.

    None: everything remembered is stale."""
    topics = (EVERYTHING,) if topics is None else tuple(topics)
    if _shared_cache():
        cache = content_cache()
        for topic in topics:
            key = _generation_key(topic)
            try:
                bumped = cache.incr(key)
            except ValueError:  # no generation yet (Redis restarted empty)
                bumped = cache.set(key, _fresh_generation(), None)
            if bumped is None:  # the cache backend ignored a connection error
                _missed_bumps.add(topic)
        if _missed_bumps:
            logger.warning(
                "The shared cache is unreachable: the content generation is "
                "bumped when it answers again."
            )
        return
    for topic in topics:
        stamp = _stamp_file(topic)
        previous = int(_stamp(topic))
        stamp.touch(exist_ok=True)
        # Strictly increasing, even for two saves within the clock's resolution.
        now = max(time.time_ns(), previous + 1)
        os.utime(stamp, ns=(now, now))


# -- what counts as a change ------------------------------------------------------------------


def shown_to_public(model) -> bool:
    """Whether changes to `model` can show on a public page.

    Models that never do (personal data, bookkeeping, editors-only results) say so with
    a class attribute `shown_to_public = False`.
    """
    return getattr(model, "shown_to_public", True)


def cards_topic(model) -> str:
    """The topic of the cards of `model`: every change of its app except a plain save of
    one `model` item, which changes only that item's card (cards are kept per saved
    version: `voion_portal.listing.cards`). Only for models that declare
    `cards_show_own_row = True`: their card shows nothing but the item's own row, its
    links and the taxonomy, never a row of another model of the app."""
    return _cards_topic_of(topic_of(model))


def _cards_topic_of(app_label: str) -> str:
    return f"{app_label}.cards"


def all_cards_topics() -> tuple[str, ...]:
    """The cards topic of every project app: unchanged while the only changes are plain
    saves of single articles or instruments."""
    return tuple(_cards_topic_of(config.label) for config in registry.project_apps())


# A save is stamped (its generation bumped) before its transaction commits, and rows
# written in it (the vectors kept from before the save) are dated then too: whatever
# asks "what was saved since", asks from this long before.
SAVE_TO_COMMIT_SECONDS = 60


def _saved_in_place(sender, kwargs) -> bool:
    """A save of one existing item that also stamped its `gewijzigd` anew."""
    if kwargs.get("signal") is not post_save or kwargs.get("created") or kwargs.get("raw"):
        return False
    if not getattr(sender, "cards_show_own_row", False):
        return False
    update_fields = kwargs.get("update_fields")
    return update_fields is None or "gewijzigd" in update_fields


def on_content_change(sender, **kwargs):
    topics = (topic_of(sender),)
    if not _saved_in_place(sender, kwargs):
        topics = (*topics, cards_topic(sender))
    bump_generation(topics)
    # A visitor's request between the save and the commit still reads the old row and
    # would cache it under the new generation: make that entry stale as well.
    transaction.on_commit(lambda: bump_generation(topics))


def connect_signals():
    """Bump its topic's generation on every change to a model of the project's own apps
    that the public can see (taxonomy and content, with their many-to-many links)."""
    for app_config in registry.project_apps():
        for model in app_config.get_models():
            if not shown_to_public(model):
                continue
            uid = f"content-change-{model._meta.label_lower}"
            post_save.connect(on_content_change, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(on_content_change, sender=model, dispatch_uid=f"{uid}-delete")
            bulk_changed.connect(on_content_change, sender=model, dispatch_uid=f"{uid}-bulk")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    on_content_change,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}-{field.name}-m2m",
                )


@functools.cache
def _table_topics() -> tuple[dict[str, str | None], re.Pattern]:
    """Each model table's topic (None: changes to it bump no topic), and a pattern
    finding them in SQL."""
    project = {config.label for config in registry.project_apps()}
    found = {}
    for model in apps.get_models(include_auto_created=True):
        owner = model._meta.auto_created or model  # a many-to-many table: its model
        public = owner._meta.app_label in project and shown_to_public(owner)
        found[model._meta.db_table] = topic_of(model) if public else None
    names = "|".join(re.escape(name) for name in sorted(found, key=len, reverse=True))
    return found, re.compile(rf"(?<![\w$])({names})(?![\w$])")


_READ_FROM = re.compile(r"\b(?:FROM|JOIN)\s+(\(|\"?[\w$]+)", re.IGNORECASE)


def topics_read(sql: str) -> frozenset[str] | None:
    """The topics whose generation every change to the rows `sql` reads bumps; None
    when it reads something no generation follows (a table of a model not shown to the
    public, one of no model, a function or a common table expression)."""
    tables, pattern = _table_topics()
    for target in _READ_FROM.findall(sql):
        if target != "(" and target.strip('"') not in tables:
            return None
    topics = set()
    for table in pattern.findall(sql):
        topic = tables[table]
        if topic is None:
            return None
        topics.add(topic)
    return frozenset(topics)


# -- how long -----------------------------------------------------------------------------------


def _next_publication_seconds() -> float | None:
    """Seconds until the next scheduled item goes live (None if nothing is scheduled).

    Looked up once per state of all content, whichever topics the value asking shows:
    one lookup after an edit, not one per combination of topics."""
    key = NEXT_PUBLICATION_KEY.format(generation=current_generation())
    cached = content_cache().get(key)
    if cached is None or (cached and cached <= timezone.now().timestamp()):
        # Unknown, or that publication has happened: look for the next one.
        # The earliest scheduled moment of each type, all in one query.
        parts = [
            entry.model.objects.scheduled()
            .order_by()
            .values("status")
            .annotate(first=Min("publicatiedatum"))
            .values_list("first", flat=True)
            for entry in registry.scheduled_types()
        ]
        with not_recorded():
            moments = [moment.timestamp() for moment in parts[0].union(*parts[1:], all=True)]
        cached = min(moments) if moments else 0
        content_cache().set(key, cached, settings.PAGE_CACHE_SECONDS)
    if not cached:
        return None
    return cached - timezone.now().timestamp()


def content_cache_timeout(generation: str) -> int:
    """How long something derived from the published content may be cached (0: not at all).

    At most PAGE_CACHE_SECONDS, and never past the next scheduled publication.
    """
    timeout = settings.PAGE_CACHE_SECONDS
    if not timeout or generation == UNREACHABLE:
        return 0
    until_next = _next_publication_seconds()
    if until_next is not None:
        timeout = min(timeout, int(until_next))
    return max(timeout, 0)


# -- remembering ----------------------------------------------------------------------------------


def _one_read(function):
    """A remembered value is one read of the page that takes it: noted by its topics'
    generation (`note_cached`), while the queries that look it up or compute it are not
    recorded as the page's own (`voion_portal.core.revalidation`)."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        with not_recorded():
            return function(*args, **kwargs)

    return wrapper


def content_key(name: str, vary, generation: str) -> str:
    """The cache key of `vary` (anything with a stable repr) under `name` and `generation`."""
    digest = hashlib.sha1(repr(vary).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{name}:{generation}:{digest}"


def store(key: str, value, generation: str) -> None:
    """Keep `value` under `key` as long as content of `generation` may be cached."""
    timeout = content_cache_timeout(generation)
    if timeout:
        content_cache().set(key, value, timeout)


@_one_read
def remember(
    name: str,
    vary,
    compute: Callable[[], object],
    topics: Iterable[str] | None = None,
    follows_matches: bool = False,
):
    """`compute()`, remembered under `name` and `vary` until content of `topics` changes.

    `vary` is whatever the value depends on besides the content (a query, a selection);
    `topics` the apps whose content it shows (None: any). None, empty and false values
    are remembered too. `follows_matches`: the value changes with its topics' texts only
    when which items match a search changes (`revalidation.note_cached`).
    """
    generation = current_generation(topics)
    note_cached(topics, generation, follows_matches)
    key = content_key(name, vary, generation)
    value = content_cache().get(key, _ABSENT)
    if value is _ABSENT:
        value = compute()
        store(key, value, generation)
    return value


@_one_read
def remember_many(
    name: str,
    varies: Iterable,
    compute_missing: Callable[[list], list],
    timeout: int | None = None,
    topics: Iterable[str] | None = None,
    follows_matches: bool = False,
) -> list:
    """One value per item of `varies`, in order; `compute_missing(missing_varies)` is
    called once, with only those not remembered, and returns their values in order.

    `timeout` replaces the content's lifetime for values that do not depend on what is
    published (lookup tables): they are still dropped when the content changes."""
    varies = list(varies)
    generation = current_generation(topics)
    note_cached(topics, generation, follows_matches)
    keys = [content_key(name, vary, generation) for vary in varies]
    # A copy: django-redis answers an unreachable server with one shared empty dict.
    found = dict(content_cache().get_many(keys))
    missing = [(key, vary) for key, vary in zip(keys, varies, strict=True) if key not in found]
    if missing:
        values = compute_missing([vary for _, vary in missing])
        fresh = {key: value for (key, _), value in zip(missing, values, strict=True)}
        if timeout is None:
            timeout = content_cache_timeout(generation)
        if timeout:
            content_cache().set_many(fresh, timeout)
        found |= fresh
    return [found[key] for key in keys]


# -- remembering what is too costly to recompute on a visitor's request ---------------------


def _latest_key(name: str, vary) -> str:
    return content_key(name, vary, "latest")


def shared_cache():
    """Where values computed by the task worker are kept for every web process: Redis
    if configured, else a table in the database (the default cache is then per process)."""
    return caches[settings.SHARED_CACHE_ALIAS]


@_one_read
def remember_or_refresh(
    name: str,
    vary,
    compute: Callable[[], object],
    refresh: Callable[[], object],
    topics: Iterable[str] | None = None,
    revalidate: Callable[[object], object] | None = None,
    follows_matches: bool = False,
) -> tuple[object, bool]:
    """`(value, fresh)`: like `remember`, but after a change the visitor is not made to
    wait for `compute()`.

    While the value of the current generation is missing and one of an earlier
    generation is known, that one is returned with `fresh` False, and `refresh()` is
    called (once per generation and process) to have it recomputed elsewhere, by the
    task worker calling `recompute`. Only when no earlier value is known, or a refresh
    asked for has not arrived after REFRESH_GRACE_SECONDS (the worker is down or far
    behind), is it computed here. The values live in `shared_cache()`, one lookup for
    both, after this process's own copy.

    `revalidate(earlier)`, if given, may tell that the change left the earlier value
    right: it returns the value to keep for the current generation (None: it cannot
    tell), which is then current without a recount.
    """
    generation = current_generation(topics)
    note_cached(topics, generation, follows_matches)
    key = content_key(name, vary, generation)
    timeout = content_cache_timeout(generation)
    if not timeout:
        return compute(), True
    local = content_cache()  # this process's copy, when the shared cache is the database
    value = local.get(key, _ABSENT)
    if value is not _ABSENT:
        return value, True
    latest_key = _latest_key(name, vary)
    # A copy: django-redis answers an unreachable server with one shared empty dict.
    found = dict(shared_cache().get_many([key, latest_key]))
    if key in found:
        local.set(key, found[key], timeout)
        return found[key], True
    if latest_key in found and revalidate is not None:
        kept = revalidate(found[latest_key])
        if kept is not None:
            _keep(name, vary, key, kept, timeout)
            local.set(key, kept, timeout)
            return kept, True
    if latest_key in found:
        requested_key = f"{key}:refresh-requested"
        now = time.time()
        if local.add(requested_key, now, timeout):
            asked = refresh() is not False  # False: the worker could not be asked
        else:
            requested = local.get(requested_key, now)
            asked = now - requested < settings.REFRESH_GRACE_SECONDS
        if asked:
            return found[latest_key], False
    return recompute(name, vary, compute, topics, known_missing=True), True


def recompute(
    name: str,
    vary,
    compute: Callable[[], object],
    topics: Iterable[str] | None = None,
    known_missing: bool = False,
):
    """`compute()`, remembered for `remember_or_refresh` under the current generation
    (read before computing: a change meanwhile leaves the value stale, as it should);
    not computed again if that generation's value is there already."""
    generation = current_generation(topics)
    store = shared_cache()
    key = content_key(name, vary, generation)
    if not known_missing:
        value = store.get(key, _ABSENT)
        if value is not _ABSENT:  # already recomputed: asked for twice, or by a visitor
            return value
    value = compute()
    timeout = content_cache_timeout(generation)
    if timeout:
        _keep(name, vary, key, value, timeout)
        if store is not content_cache():
            content_cache().set(key, value, timeout)  # this process's copy
    return value


def _keep(name: str, vary, key: str, value, timeout: int) -> None:
    """`value` in the shared cache under `key`, and as the latest value of `name` and
    `vary`, which is kept longer: what a visitor sees while the next generation's value
    is being computed."""
    store = shared_cache()
    store.set(key, value, timeout)
    store.set(_latest_key(name, vary), value, max(timeout, settings.PAGE_CACHE_SECONDS))
