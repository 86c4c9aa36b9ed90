"""Whole-page cache for anonymous visitors, invalidated the moment content changes.

Every cached page is stored under the current *content generation*. Saving or
deleting any public content (or taxonomy) bumps the generation, so the next
request renders afresh: an editor's publish shows up at once. The generation
must be visible to every app-server process:

* with a shared cache (Redis, see CACHE_URL) it lives in that cache;
* with the default per-process local-memory cache it is the modification time of
  a small stamp file, which all workers on the machine see.

A page is never cached beyond the next scheduled publication, so an item planned
for 14:00 appears at 14:00 even if nobody saves anything.
"""

import hashlib
import os
import tempfile
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

GENERATION_KEY = "page-cache:generation"
NEXT_PUBLICATION_KEY = "page-cache:next-publication:{generation}"
CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/plain")
SESSION_COOKIES = ("sessionid", "messages")
# Models whose changes never show on public pages (personal data, bookkeeping).
NOT_PUBLIC = {
    "pilots.interesseaanmelding",
    "voion_portal.fixturerecord",
    "voion_portal.externelink",  # link-check results (editors only)
    "voion_portal.vindplaats",
    "voion_portal.zoekwoord",  # the spelling dictionary grows with titles already saved
}
CONTENT_APPS = ("taxonomy", "instrumenten", "kennisbank", "jaarplan", "pilots", "voion_portal")


def page_cache():
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


def current_generation() -> str:
    if _shared_cache():
        generation = page_cache().get(GENERATION_KEY)
        if generation is None:
            page_cache().add(GENERATION_KEY, 1, None)
            generation = page_cache().get(GENERATION_KEY, 1)
        return str(generation)
    try:
        return str(os.stat(_stamp_file()).st_mtime_ns)
    except FileNotFoundError:
        return "0"


def bump_generation() -> None:
    """Make every cached page stale, in every process."""
    if _shared_cache():
        try:
            page_cache().incr(GENERATION_KEY)
        except ValueError:
            page_cache().set(GENERATION_KEY, int(time.time() * 1000), None)
        return
    stamp = _stamp_file()
    previous = int(current_generation())
    stamp.touch(exist_ok=True)
    # Strictly increasing, even for two saves within the clock's resolution.
    now = max(time.time_ns(), previous + 1)
    os.utime(stamp, ns=(now, now))


def on_content_change(sender, **kwargs):
    if sender._meta.label_lower not in NOT_PUBLIC:
        bump_generation()
        # A visitor's request between the save and the commit still reads the old row
        # and would cache it under the new generation: make that entry stale as well.
        transaction.on_commit(bump_generation)


def connect_signals():
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label_lower in NOT_PUBLIC:
                continue
            uid = f"page-cache-{model._meta.label_lower}"
            post_save.connect(on_content_change, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(on_content_change, sender=model, dispatch_uid=f"{uid}-delete")
            for field in model._meta.local_many_to_many:
                m2m_changed.connect(
                    on_content_change,
                    sender=field.remote_field.through,
                    dispatch_uid=f"{uid}-{field.name}-m2m",
                )


SCHEDULABLE_MODELS = (
    "kennisbank.Artikel",
    "instrumenten.Instrument",
    "pilots.Pilot",
    "jaarplan.Jaarplan",
    "kennisbank.Stappenplan",
)


def _next_publication_seconds(generation: str) -> float | None:
    """Seconds until the next scheduled item goes live (None if nothing is scheduled)."""
    key = NEXT_PUBLICATION_KEY.format(generation=generation)
    cached = page_cache().get(key)
    if cached is None or (cached and cached <= timezone.now().timestamp()):
        # Unknown, or that publication has happened: look for the next one.
        # The earliest scheduled moment of each type, all in one query.
        parts = [
            apps.get_model(label)
            .objects.scheduled()
            .order_by()
            .values("status")
            .annotate(first=Min("publicatiedatum"))
            .values_list("first", flat=True)
            for label in SCHEDULABLE_MODELS
        ]
        moments = [moment.timestamp() for moment in parts[0].union(*parts[1:], all=True)]
        cached = min(moments) if moments else 0
        page_cache().set(key, cached, settings.PAGE_CACHE_SECONDS)
    if not cached:
        return None
    return cached - timezone.now().timestamp()


def content_cache_timeout(generation: str) -> int:
    """How long something derived from the published content may be cached (0: not at all).

    At most PAGE_CACHE_SECONDS, and never past the next scheduled publication.
    """
    timeout = settings.PAGE_CACHE_SECONDS
    if not timeout:
        return 0
    until_next = _next_publication_seconds(generation)
    if until_next is not None:
        timeout = min(timeout, int(until_next))
    return max(timeout, 0)


class AnonymousPageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache; stores what it may."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _cacheable_request(self, request) -> bool:
        if request.method not in ("GET", "HEAD"):
            return False
        if request.path.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES):
            return False
        if any(name in request.COOKIES for name in SESSION_COOKIES):
            return False  # logged in (staff preview) or a one-off message to show
        return "no-cache" not in request.headers.get("Cache-Control", "")

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not self._cacheable_request(request):
            return self.get_response(request)
        generation = current_generation()
        key = self._key(request, generation)
        cached = page_cache().get(key)
        if cached is not None:
            cached["X-Page-Cache"] = "hit"
            return cached
        response = self.get_response(request)
        if self._cacheable_response(response):
            self._store(key, response, generation)
        response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _key(request, generation: str) -> str:
        raw = f"{request.method}:{request.get_host()}:{request.get_full_path()}"
        digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
        return f"page-cache:{generation}:{digest}"

    @staticmethod
    def _cacheable_response(response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        control = response.get("Cache-Control", "")
        if "private" in control or "no-store" in control or "no-cache" in control:
            return False
        return response.get("Content-Type", "").startswith(CACHEABLE_TYPES)

    def _store(self, key, response, generation):
        timeout = content_cache_timeout(generation)
        if not timeout:
            return
        set_response_etag(response)
        response["Last-Modified"] = http_date()
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        page_cache().set(key, response, timeout)
