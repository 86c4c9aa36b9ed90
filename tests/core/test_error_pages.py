"""Error pages under hostile requests: a broken body or a forged CSRF cookie gives a Dutch
400 (never a 500), and HEAD is answered wherever GET is."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from pilots.models import Fase
from tests.factories import PilotFactory, ThemaFactory

pytestmark = pytest.mark.django_db

LATIN_1_FORM = "application/x-www-form-urlencoded; charset=latin-1"


@pytest.fixture
def hostile_client():
    """A client that enforces CSRF like a browser would meet it, carries a made-up CSRF
    cookie, and reports errors as responses instead of raising them."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "verzonnen" * 4
    return client


def pilot_url():
    return PilotFactory(fase=Fase.WERVING).get_absolute_url()


@pytest.mark.parametrize("url", ["/kennisbank/", "/admin/login/", "/zoeken/", "pilot"])
@pytest.mark.parametrize("content_type", [LATIN_1_FORM, "multipart/form-data; boundary=x"])
def test_a_post_with_a_forged_csrf_cookie_and_an_odd_body_gives_a_dutch_400(
    hostile_client, url, content_type
):
    url = pilot_url() if url == "pilot" else url
    response = hostile_client.post(url, "naam=%E9t%E9", content_type=content_type)
    assert response.status_code in {400, 403}, response.status_code
    body = response.content.decode()
    assert '<html lang="nl">' in body
    assert "no-store" in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize("charset", ["latin-1", "x-onbekend", "utf-7", "utf-8", ""])
@pytest.mark.parametrize("csrf_cookie", [None, "a" * 32])
def test_an_unknown_or_odd_charset_never_gives_a_500(charset, csrf_cookie):
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if csrf_cookie:
        client.cookies["csrftoken"] = csrf_cookie
    content_type = "application/x-www-form-urlencoded" + (f"; charset={charset}" if charset else "")
    for url in ("/zoeken/", "/admin/login/", pilot_url()):
        # generic(): the body goes out as these bytes, whatever the charset claims.
        response = client.generic(
            "POST", url, b"naam=%E9t%E9&csrfmiddlewaretoken=" + b"b" * 32, content_type
        )
        assert response.status_code in {400, 403}, (url, charset, response.status_code)


def test_the_400_page_is_dutch():
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.cookies["csrftoken"] = "a" * 32
    response = client.generic(
        "POST", "/zoeken/", b"q=a", "application/x-www-form-urlencoded; charset=latin-1"
    )
    assert response.status_code == 400
    assert "Dit verzoek kunnen we niet verwerken" in response.content.decode()


def test_the_403_page_is_dutch(hostile_client):
    response = hostile_client.post(pilot_url(), {"naam": "Anna"})
    assert response.status_code == 403
    body = response.content.decode()
    assert '<html lang="nl">' in body and "niet verstuurd" in body


def public_patterns(resolver=None, prefix=""):
    """Every URL pattern outside the admin, as (route, name)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            yield from public_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def test_head_is_answered_wherever_get_is(client, settings):
    thema = ThemaFactory()
    pilot = PilotFactory(fase=Fase.WERVING)
    checked = 0
    for route in public_patterns():
        if "<" in route:
            continue
        url = "/" + route
        get = client.get(url)
        head = client.head(url)
        assert head.status_code == get.status_code, (url, get.status_code, head.status_code)
        assert head.content == b""
        checked += 1
    for url in (thema.get_absolute_url(), pilot.get_absolute_url()):
        assert client.head(url).status_code == client.get(url).status_code == 200
    assert checked >= 10
