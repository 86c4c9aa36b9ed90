"""A per-client rate limit for public POSTs, kept in Django's cache.

Each client address has a small list of the moments it posted within the window
(a sliding window). It works on any cache backend; with the default per-process
local-memory cache each app-server worker counts for itself, so production shares
one cache between workers (CACHE_URL).
"""

import hashlib
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from voion_portal.core.security import client_ip


def _key(scope: str, address: str) -> str:
    digest = hashlib.sha256(address.encode("utf-8", "replace")).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(scope: str, address: str, limit: int, window: int) -> float:
    """Count one attempt. Returns 0 when allowed, else the seconds until the next one is."""
    if limit <= 0:
        return 0
    key = _key(scope, address)
    now = time.time()
    recent = [moment for moment in cache.get(key, []) if moment > now - window]
    if len(recent) >= limit:
        return recent[0] + window - now
    recent.append(now)
    cache.set(key, recent, timeout=window)
    return 0


def too_many_requests(request, retry_after: float, back_url: str | None = None):
    """The friendly Dutch 429 page, with Retry-After; its link leads to `back_url`
    (by default the page that was posted to)."""
    seconds = max(1, math.ceil(retry_after))
    response = render(
        request,
        "429.html",
        {"retry_minutes": max(1, math.ceil(seconds / 60)), "back_url": back_url or request.path},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def limit_posts(scope: str, limit_setting: str, window_setting: str):
    """Decorator: a view's POSTs are limited per client address; other methods are free."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                wait = hit(
                    scope,
                    client_ip(request),
                    getattr(settings, limit_setting),
                    getattr(settings, window_setting),
                )
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
