"""Remember what is derived from the published content until that content changes.

Everything the portal derives from its content (whole pages, cards, facet counts, search
counts and corrections) is cached under the *content generation*. Saving or deleting
anything the public can see bumps the generation, so every such value is stale at once;
and nothing is kept past the next scheduled publication, so an item planned for 14:00
appears at 14:00 even if nobody saves anything.

The generation must be the same for every app-server process:

* with a shared cache (Redis, see CACHE_URL) it lives in that cache;
* with the default per-process local-memory cache it is the modification time of a small
  stamp file, which all workers on the machine see.

`remember` and `remember_many` are the one way to cache such a value.
"""

import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from voion_portal.core import registry
from voion_portal.core.content import bulk_changed

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
NEXT_PUBLICATION_KEY = "page-cache:next-publication:{generation}"
_ABSENT = object()
# The generation while the shared cache cannot be reached: nothing is kept under it.
UNREACHABLE = "unreachable"


def content_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def _shared_cache() -> bool:
    backend = settings.CACHES[settings.PAGE_CACHE_ALIAS]["BACKEND"]
    return not backend.endswith("LocMemCache")


def _stamp_file() -> Path:
    configured = getattr(settings, "PAGE_CACHE_STAMP_FILE", "")
    if configured:
        return Path(configured)
    project = hashlib.sha1(str(settings.BASE_DIR).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"voion-portal-{project}.stamp"


# A bump this process could not make while the shared cache was unreachable: made as
# soon as it answers again, so an edit saved during a Redis outage is not hidden by
# pages cached before it (if Redis kept them).
_missed_bump = False


def _fresh_generation() -> int:
    # Never a number an earlier Redis (restarted empty) may have used for its pages.
    return int(time.time() * 1000)


def current_generation() -> str:
    global _missed_bump
    if _shared_cache():
        cache = content_cache()
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, _fresh_generation(), None)
            generation = cache.get(GENERATION_KEY)
            if generation is None:
                return UNREACHABLE
        if _missed_bump:
            _missed_bump = False
            bump_generation()
            generation = cache.get(GENERATION_KEY, generation)
        return str(generation)
    try:
        return str(os.stat(_stamp_file()).st_mtime_ns)
    except FileNotFoundError:
        return "0"


def bump_generation() -> None:
    """Make everything remembered stale, in every process."""
    global _missed_bump
    if _shared_cache():
        try:
            bumped = content_cache().incr(GENERATION_KEY)
        except ValueError:  # no generation yet (Redis restarted empty)
            bumped = content_cache().set(GENERATION_KEY, _fresh_generation(), None)
        if bumped is None:  # the cache backend ignored a connection error
            _missed_bump = True
            logger.warning(
                "The shared cache is unreachable: the content generation is "
                "bumped when it answers again."
            )
        return
    stamp = _stamp_file()
    previous = int(current_generation())
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


def on_content_change(sender, **kwargs):
    bump_generation()
    # A visitor's request between the save and the commit still reads the old row and
    # would cache it under the new generation: make that entry stale as well.
    transaction.on_commit(bump_generation)


def connect_signals():
    """Bump the generation on every change to a model of the project's own apps that
    the public can see (taxonomy and content, with their many-to-many links)."""
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


# -- how long -----------------------------------------------------------------------------------


def _next_publication_seconds(generation: str) -> float | None:
    """Seconds until the next scheduled item goes live (None if nothing is scheduled)."""
    key = NEXT_PUBLICATION_KEY.format(generation=generation)
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
    until_next = _next_publication_seconds(generation)
    if until_next is not None:
        timeout = min(timeout, int(until_next))
    return max(timeout, 0)


# -- remembering ----------------------------------------------------------------------------------


def content_key(name: str, vary, generation: str) -> str:
    """The cache key of `vary` (anything with a stable repr) under `name` and `generation`."""
    digest = hashlib.sha1(repr(vary).encode("utf-8", "surrogateescape")).hexdigest()
    return f"{name}:{generation}:{digest}"


def store(key: str, value, generation: str) -> None:
    """Keep `value` under `key` as long as content of `generation` may be cached."""
    timeout = content_cache_timeout(generation)
    if timeout:
        content_cache().set(key, value, timeout)


def remember(name: str, vary, compute: Callable[[], object]):
    """`compute()`, remembered under `name` and `vary` until the content changes.

    `vary` is whatever the value depends on besides the content (a query, a selection);
    None, empty and false values are remembered too.
    """
    generation = current_generation()
    key = content_key(name, vary, generation)
    value = content_cache().get(key, _ABSENT)
    if value is _ABSENT:
        value = compute()
        store(key, value, generation)
    return value


def remember_many(
    name: str,
    varies: Iterable,
    compute_missing: Callable[[list], list],
    timeout: int | None = None,
) -> list:
    """One value per item of `varies`, in order; `compute_missing(missing_varies)` is
    called once, with only those not remembered, and returns their values in order.

    `timeout` replaces the content's lifetime for values that do not depend on what is
    published (lookup tables): they are still dropped when the content changes."""
    varies = list(varies)
    generation = current_generation()
    keys = [content_key(name, vary, generation) for vary in varies]
    found = content_cache().get_many(keys)
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
