"""Production settings, security headers on every page type, admin hardening."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from kennisbank.models import Artikel
from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    InstrumentFactory,
    PilotFactory,
    StapFactory,
    ThemaFactory,
)
from voion_portal.core.security import client_ip, permissions_policy_header

PROJECT_ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "voion_portal.settings",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "portal.example.nl",
    "CSRF_TRUSTED_ORIGINS": "https://portal.example.nl",
    "SITE_URL": "https://portal.example.nl",
    "BEHIND_TLS_PROXY": "true",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "TRUSTED_PROXY_COUNT": "1",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    }
    environment.update(PRODUCTION_ENVIRONMENT)
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output


def run_without_secret_key(tmp_path, *args):
    environment = {
        key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG", "TMPDIR"}
    }
    environment.update(PRODUCTION_ENVIRONMENT)
    del environment["SECRET_KEY"]
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'nokey.sqlite3'}"
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_build_steps_run_without_the_secret_key(tmp_path):
    result = run_without_secret_key(tmp_path, "manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_the_server_refuses_to_start_without_the_secret_key(tmp_path):
    result = run_without_secret_key(tmp_path, "-c", "import voion_portal.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_check_deploy_complains_without_production_settings(tmp_path):
    """The clean result above is earned by the settings, not by a silenced check."""
    environment = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME"}}
    environment.update(
        DJANGO_SETTINGS_MODULE="voion_portal.settings",
        DEBUG="false",
        SECRET_KEY="short",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W009"):
        assert warning in output


# -- headers on every page type ------------------------------------------------------------


@pytest.fixture
def pages(db):
    """One URL per page type, with the content each needs."""
    thema = ThemaFactory(slug="gezond-werken")
    instrument = InstrumentFactory()
    artikel = ArtikelFactory()
    pilot = PilotFactory()
    stap = StapFactory()
    activiteit = ActiviteitFactory(thema=thema)
    return {
        "home": "/",
        "kennisbank": "/kennisbank/",
        "instrumenten": "/instrumenten/",
        "jaarplannen": "/jaarplan/",
        "pilots": "/pilots/",
        "stappenplannen": "/stappenplannen/",
        "artikel": artikel.get_absolute_url(),
        "instrument": instrument.get_absolute_url(),
        "jaarplan": activiteit.jaarplan.get_absolute_url(),
        "pilot": pilot.get_absolute_url(),
        "stappenplan": stap.stappenplan.get_absolute_url(),
        "stap": stap.get_absolute_url(),
        "thema": f"/themas/{thema.slug}/",
        "zoeken": "/zoeken/?q=werkdruk",
        "feed": "/feeds/kennisbank/",
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "privacy": "/privacy/",
        "404": "/bestaat/niet/",
        "admin login": "/admin/login/",
    }


def assert_security_headers(response, framed_page=True):
    csp = response.headers["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    if framed_page:  # static files are served before the X-Frame-Options middleware
        assert response.headers["X-Frame-Options"] == "DENY"
    policy = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


PAGE_TYPES = [
    "home",
    "kennisbank",
    "instrumenten",
    "jaarplannen",
    "pilots",
    "stappenplannen",
    "artikel",
    "instrument",
    "jaarplan",
    "pilot",
    "stappenplan",
    "stap",
    "thema",
    "zoeken",
    "feed",
    "sitemap",
    "robots",
    "privacy",
    "404",
    "admin login",
]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_security_headers_on_every_page_type(client, pages, page_type):
    response = client.get(pages[page_type])
    assert response.status_code == (404 if page_type == "404" else 200)
    assert_security_headers(response)


def test_security_headers_on_static_files(client):
    response = client.get("/static/js/portal.js")
    assert response.status_code == 200
    assert_security_headers(response, framed_page=False)


def test_pages_have_no_inline_script_or_style(client, pages):
    """The CSP forbids inline script and style: the templates must not need them."""
    for page_type in PAGE_TYPES:
        body = client.get(pages[page_type]).content.decode()
        assert "<script>" not in body and "<style" not in body and " style=" not in body
        assert " onclick=" not in body and " onload=" not in body
        if "<script" in body:
            assert body.count("<script") == body.count("<script src=")


def test_the_admin_needs_no_inline_script(editor_client, pages):
    """Django's admin pages only load scripts from files, so `script-src 'self'` suffices."""
    artikel = Artikel.objects.get()
    for url in (
        "/admin/",
        "/admin/instrumenten/instrument/",
        "/admin/instrumenten/instrument/add/",
        f"/admin/kennisbank/artikel/{artikel.pk}/change/",
        "/admin/pilots/interesseaanmelding/",
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)
        body = response.content.decode()
        for tag in re.findall(r"<script\b[^>]*>", body):
            assert " src=" in tag or 'type="application/json"' in tag, (url, tag)
        assert not re.search(r"\son[a-z]+=", body), url
        assert " style=" not in body, url


def test_permissions_policy_header_format():
    assert (
        permissions_policy_header({"camera": [], "fullscreen": ["self"]})
        == "camera=(), fullscreen=(self)"
    )


# -- admin: never cached, lock-out -----------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/login/", "/admin/instrumenten/instrument/", "/admin/nergens/"]
)
def test_admin_responses_are_never_cached(client, editor_client, url):
    for browser in (client, editor_client):
        response = browser.get(url)
        cache_control = response.headers["Cache-Control"]
        for directive in ("no-cache", "no-store", "private"):
            assert directive in cache_control, (url, response.status_code, cache_control)


def test_public_pages_are_not_marked_private(client, pages):
    response = client.get(pages["instrument"])
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_five_bad_logins_lock_the_account_with_a_friendly_dutch_page(client, editor):
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(
            "/admin/login/", {"username": editor.username, "password": "fout-wachtwoord"}
        )
        assert response.status_code == 200
        assert "Voer de correcte gebruikersnaam" in response.content.decode()
    locked = client.post(
        "/admin/login/", {"username": editor.username, "password": "fout-wachtwoord"}
    )
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in body and "30 minuten" in body
    assert '<html lang="nl">' in body
    assert "no-store" in locked.headers["Cache-Control"]
    assert_security_headers(locked)

    # Even the right password is refused now, from this address.
    retry = client.post(
        "/admin/login/", {"username": editor.username, "password": "een-lang-wachtwoord-2026"}
    )
    assert retry.status_code == 429
    assert "_auth_user_id" not in client.session


def test_an_attacker_elsewhere_cannot_lock_a_named_editor_out(client, editor):
    for attempt in range(django_settings.AXES_FAILURE_LIMIT + 3):
        client.post(
            "/admin/login/",
            {"username": editor.username, "password": "fout-wachtwoord"},
            REMOTE_ADDR=f"203.0.113.{attempt % 2 + 1}",
        )
    assert (
        client.post(
            "/admin/login/",
            {"username": editor.username, "password": "fout"},
            REMOTE_ADDR="203.0.113.1",
        ).status_code
        == 429
    ), "the attacker's address is locked"
    # The editor, at their own address, logs in as always.
    response = client.post(
        "/admin/login/",
        {"username": editor.username, "password": "een-lang-wachtwoord-2026"},
        REMOTE_ADDR="198.51.100.20",
    )
    assert response.status_code == 302


def test_one_address_trying_many_usernames_is_locked_out(client, editor):
    for attempt in range(django_settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": f"gok{attempt}", "password": "fout"})
    response = client.post(
        "/admin/login/", {"username": editor.username, "password": "een-lang-wachtwoord-2026"}
    )
    assert response.status_code == 429


def test_check_deploy_warns_behind_a_proxy_without_a_trusted_proxy(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR"}
    }
    environment.update(PRODUCTION_ENVIRONMENT)
    environment["TRUSTED_PROXY_COUNT"] = "0"
    environment["DATABASE_URL"] = f"sqlite:///{tmp_path / 'deploy.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "voion.W001" in result.stdout + result.stderr


def test_a_good_login_before_the_limit_still_works(client, editor):
    for _ in range(django_settings.AXES_FAILURE_LIMIT - 1):
        client.post("/admin/login/", {"username": editor.username, "password": "fout"})
    response = client.post(
        "/admin/login/", {"username": editor.username, "password": "een-lang-wachtwoord-2026"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# -- the client's address ----------------------------------------------------------------------


def test_client_ip_ignores_forwarded_for_unless_a_proxy_is_trusted(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.5"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # what our proxy saw; 6.6.6.6 is forgeable
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request) == "6.6.6.6"
    settings.TRUSTED_PROXY_COUNT = 3  # fewer entries than proxies: not via the proxies
    assert client_ip(request) == "10.0.0.5"


def test_a_login_without_a_next_address_lands_on_the_admin_index(client, editor):
    response = client.post(
        "/admin/login/", {"username": editor.username, "password": "een-lang-wachtwoord-2026"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_a_staff_login_lasts_a_working_day(client, editor):
    client.post(
        "/admin/login/", {"username": editor.username, "password": "een-lang-wachtwoord-2026"}
    )
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == 8 * 3600
    assert client.session.get_expiry_age() == 8 * 3600
