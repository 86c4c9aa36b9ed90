"""A per-client rate limit for public POSTs, counted in the database.

Each client address has one row per kind of form (`Snelheidsteller`) with the moments
it posted within the window (a sliding window). The counts live in the database, so all
workers and app servers share them without Redis, and they are exact under concurrency:
`hit` first takes the row's write lock with an UPDATE (a row lock on PostgreSQL, the
database's write lock on SQLite), and only then reads, decides and writes. Two posts at
the same moment therefore queue at that UPDATE; the second sees the first one's moment.
(Django's database cache would not do: its get and set are separate statements, so two
workers can read the same count and both let a post through.)
"""

import datetime
import hashlib
import math
import time
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from voion_portal.core.models import Snelheidsteller
from voion_portal.core.security import client_ip


def _key(scope: str, address: str) -> str:
    digest = hashlib.sha256(address.encode("utf-8", "replace")).hexdigest()[:32]
    return f"{scope[:60]}:{digest}"


def _moment(seconds: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def hit(scope: str, address: str, limit: int, window: int) -> float:
    """Count one attempt. Returns 0 when allowed, else the seconds until the next one is."""
    if limit <= 0:
        return 0
    key = _key(scope, address)
    now = time.time()
    rows = Snelheidsteller.objects.filter(sleutel=key)
    created = False
    with transaction.atomic():
        # The lock first: an UPDATE that changes nothing still waits for, and then holds,
        # the row's write lock until the end of the transaction.
        if not rows.update(momenten=F("momenten")):
            try:
                with transaction.atomic():
                    Snelheidsteller.objects.create(
                        sleutel=key, momenten=[], verloopt_op=_moment(now + window)
                    )
                created = True
            except IntegrityError:  # another worker created it just now
                pass
            rows.update(momenten=F("momenten"))
        counter = rows.get()
        recent = [moment for moment in counter.momenten if moment > now - window]
        if len(recent) >= limit:
            return recent[0] + window - now
        recent.append(now)
        counter.momenten = recent
        counter.verloopt_op = _moment(now + window)
        counter.save(update_fields=["momenten", "verloopt_op"])
    if created:
        # A new visitor's row: the moment to clear the rows whose window has passed, so
        # the table holds only the last window's visitors without a scheduled job.
        purge_expired(_moment(now))
    return 0


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Remove the rows whose window has passed; returns how many."""
    deleted, _ = Snelheidsteller.objects.filter(verloopt_op__lt=now or timezone.now()).delete()
    return deleted


def too_many_requests(
    request, retry_after: float, back_url: str | None = None, template="429.html", context=None
):
    """The friendly Dutch 429 page, with Retry-After; its link leads to `back_url`
    (by default the page that was posted to). A view whose form should stay filled in
    passes its own template and context."""
    seconds = max(1, math.ceil(retry_after))
    response = render(
        request,
        template,
        {
            "retry_minutes": max(1, math.ceil(seconds / 60)),
            "back_url": back_url or request.path,
            **(context or {}),
        },
        status=429,
    )
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def posts_left_wait(request, scope: str, limit_setting: str, window_setting: str) -> float:
    """Count this POST; 0 when allowed, else the seconds to wait."""
    return hit(
        scope,
        client_ip(request),
        getattr(settings, limit_setting),
        getattr(settings, window_setting),
    )


def limit_posts(scope: str, limit_setting: str, window_setting: str):
    """Decorator: a view's POSTs are limited per client address; other methods are free."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                wait = posts_left_wait(request, scope, limit_setting, window_setting)
                if wait:
                    return too_many_requests(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
