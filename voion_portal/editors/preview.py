"""An item's public page as it would look with changes that are not (or not yet) public.

The change is written inside a transaction, the item's public page is rendered by its
own view and template from that state, and the transaction is rolled back: the preview
is exactly what visitors would get, and nothing of it stays. A banner says what the
page shows (`preview_note`, read by the `preview` context processor).
"""

from urllib.parse import urlsplit

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import resolve
from django.utils.cache import patch_cache_control


class _RolledBack(Exception):
    def __init__(self, response):
        self.response = response


def preview_page(request, write, note: str) -> HttpResponse:
    """`write()` changes the database and returns the item to show; its public page is
    rendered for `request.user` with `note` as banner, then everything is undone."""
    try:
        with transaction.atomic():
            item = write()
            raise _RolledBack(public_page(request, item, note))
    except _RolledBack as rolled_back:
        return rolled_back.response


def public_page(request, item, note: str) -> HttpResponse:
    """The public page of `item` as the database holds it now, for `request.user`."""
    path = urlsplit(item.get_absolute_url()).path
    match = resolve(path)
    # The editor's own request (host, cookies, session, user) as a GET of the page.
    page_request = HttpRequest()
    page_request.method = "GET"
    page_request.path = page_request.path_info = path
    page_request.META = {**request.META, "REQUEST_METHOD": "GET", "QUERY_STRING": ""}
    page_request.META.pop("CONTENT_TYPE", None)
    page_request.META.pop("CONTENT_LENGTH", None)
    page_request.COOKIES = request.COOKIES
    page_request.user = request.user
    page_request.session = request.session
    page_request.preview_note = note
    response = match.func(page_request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    page = HttpResponse(response.content, status=response.status_code)
    page["Content-Type"] = response.get("Content-Type", "text/html; charset=utf-8")
    page["X-Robots-Tag"] = "noindex"
    patch_cache_control(page, private=True, no_store=True)
    return page
