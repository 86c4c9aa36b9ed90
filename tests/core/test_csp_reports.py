"""Browsers' reports of what the Content-Security-Policy blocked: stored, never a 500."""

import json

import pytest
from django.urls import reverse

from voion_portal.core.models import CspRapport

pytestmark = pytest.mark.django_db
URL = "/csp-rapport/"

CLASSIC = {
    "csp-report": {
        "document-uri": "https://portal.example.nl/kennisbank/",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "https://evil.example/x.js",
        "source-file": "https://portal.example.nl/kennisbank/",
        "line-number": 12,
    }
}
REPORTING_API = [
    {
        "type": "csp-violation",
        "body": {
            "documentURL": "https://portal.example.nl/",
            "effectiveDirective": "img-src",
            "blockedURL": "https://tracker.example/p.gif",
        },
    }
]


def post(client, payload, content_type="application/csp-report", **extra):
    body = payload if isinstance(payload, bytes | str) else json.dumps(payload)
    return client.post(URL, body, content_type=content_type, **extra)


def test_the_policy_tells_browsers_where_to_report(client):
    assert f"report-uri {URL}" in client.get("/")["Content-Security-Policy"]


def test_both_report_formats_are_stored_for_editors(client, editor_client):
    assert post(client, CLASSIC, HTTP_USER_AGENT="Firefox/140").status_code == 204
    assert post(client, REPORTING_API, "application/reports+json").status_code == 204
    stored = {(r.regel, r.geblokkeerd, r.pagina) for r in CspRapport.objects.all()}
    assert stored == {
        ("script-src-elem", "https://evil.example/x.js", "https://portal.example.nl/kennisbank/"),
        ("img-src", "https://tracker.example/p.gif", "https://portal.example.nl/"),
    }
    page = editor_client.get(reverse("admin:voion_portal_csprapport_changelist"))
    assert page.status_code == 200 and "evil.example/x.js" in page.content.decode()


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b"not json", "application/csp-report"),
        (b"\xff\xfe\x00", "application/json"),
        (b'{"csp-report": "x"}', "application/csp-report"),
        (b"[1, 2, 3]", "application/reports+json"),
        (b"csp-report=x", "application/x-www-form-urlencoded"),
        (json.dumps({"csp-report": {"blocked-uri": "x" * 9000}}).encode(), "application/json"),
    ],
)
def test_garbage_is_refused_with_a_400_and_stores_nothing(client, body, content_type):
    assert post(client, body, content_type).status_code == 400
    assert not CspRapport.objects.exists()


def test_values_are_cut_to_size_and_nul_bytes_removed(client):
    report = {"csp-report": {"document-uri": "/a\x00b" + "c" * 600, "blocked-uri": ["x"]}}
    assert post(client, report).status_code == 204
    stored = CspRapport.objects.get()
    assert stored.pagina.startswith("/abc") and len(stored.pagina) == 500
    assert stored.geblokkeerd == ""


def test_reports_are_rate_limited_per_address(client, settings):
    settings.CSP_REPORT_RATE_LIMIT = 3
    codes = [post(client, CLASSIC).status_code for _ in range(5)]
    assert codes == [204, 204, 204, 429, 429]
    assert CspRapport.objects.count() == 3


def test_only_posts_are_accepted(client):
    assert client.get(URL).status_code == 405
