"""A friendly 503 page while the database is unreachable.

When PostgreSQL restarts, requests in flight and requests during the outage raise
`OperationalError` (cannot connect, server shutting down) or `InterfaceError` (the
connection was closed). Visitors then get a short Dutch page with status 503 and
Retry-After, rendered without touching the database, instead of a 500.

Recovery needs no restart of the app server: Django closes a connection that raised
an error at the end of the request when it no longer works, and with
CONN_HEALTH_CHECKS a persistent connection (CONN_MAX_AGE) is pinged before it is
reused, so the first request after the database is back opens a fresh connection.
"""

import logging

from django import db
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

from voion_portal.core.context_processors import site

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (db.OperationalError, db.InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_outage(exception: BaseException | None) -> bool:
    return isinstance(exception, DATABASE_ERRORS)


def database_unavailable(request) -> HttpResponse:
    """The 503 page. Its template context is built here, without context processors:
    those may look at the session or the user, which live in the database."""
    content = loader.get_template("503.html").render({"request": request, **site(request)})
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database connection failure in a view into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_outage(exception):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        return database_unavailable(request)
