"""Whole-page cache for anonymous visitors, stale the moment content changes.

Pages are stored under the content generation (`voion_portal.core.caching`): an
editor's publish shows at once, and no page outlives the next scheduled publication.
Logged-in staff (who may preview drafts) and visitors with a message to see are never
served from it; /admin/ never is.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date

from voion_portal.core.caching import (
    content_cache,
    content_cache_timeout,
    content_key,
    current_generation,
)

CACHEABLE_TYPES = ("text/html", "application/rss+xml", "application/xml", "text/plain")
SESSION_COOKIES = ("sessionid", "messages")


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
        cached = content_cache().get(key)
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
        return content_key(
            "page", (request.method, request.get_host(), request.get_full_path()), generation
        )

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
        content_cache().set(key, response, timeout)
