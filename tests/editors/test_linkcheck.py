"""Link checking against a local HTTP server started by the test.

Outcomes: 200, 301 → 200, 404, a timeout, a refused connection, and a server that
refuses HEAD but answers GET. Nothing leaves this machine.
"""

import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import (
    ActiviteitFactory,
    ArtikelFactory,
    InstrumentFactory,
    PilotFactory,
    StapFactory,
)
from voion_portal.editors import linkcheck
from voion_portal.editors.models import ExterneLink

pytestmark = pytest.mark.django_db

TIMEOUT = 0.5


class Handler(BaseHTTPRequestHandler):
    def _answer(self):
        path = self.path.split("?")[0]
        if path == "/ok":
            self.send_response(200)
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif path == "/missing":
            self.send_response(404)
        elif path == "/slow":
            time.sleep(TIMEOUT * 4)
            self.send_response(200)
        elif path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif path == "/no-head":
            self.send_response(200)
        elif path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        else:
            self.send_response(500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = _answer

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def refused():
    """An address where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def check(url):
    return linkcheck.check_url(url, timeout=TIMEOUT, allow_private=True)


def test_ok(server):
    result = check(f"{server}/ok")
    assert (result.status, result.final_url, result.error, result.broken) == (
        200,
        f"{server}/ok",
        "",
        False,
    )


def test_redirect_is_followed_to_its_final_address(server):
    result = check(f"{server}/moved")
    assert result.status == 200 and not result.broken
    assert result.final_url == f"{server}/ok"


def test_not_found(server):
    result = check(f"{server}/missing")
    assert result.status == 404 and result.broken


def test_timeout(server):
    started = time.monotonic()
    result = check(f"{server}/slow")
    assert result.broken and result.status is None
    assert result.error == f"geen antwoord binnen {TIMEOUT:g} seconden"
    assert time.monotonic() - started < TIMEOUT * 3


def test_connection_refused(refused):
    result = check(refused)
    assert result.broken and result.error == "verbinding geweigerd"


def test_head_refused_falls_back_to_get(server):
    result = check(f"{server}/no-head")
    assert result.status == 200 and not result.broken


def test_redirect_loop_stops(server):
    result = check(f"{server}/loop")
    assert result.broken and result.error == "te veel doorverwijzingen"


def test_addresses_with_non_ascii_characters_are_requested_encoded(server):
    result = check(f"{server}/ok/../café?q=één")
    assert result.status == 500 and result.error == "", "an answer, not an encoding error"


def test_addresses_on_this_machine_are_not_requested_from_the_server(server):
    result = linkcheck.check_url(f"{server}/ok", timeout=TIMEOUT, allow_private=False)
    assert result.broken and result.error == "intern of privé-adres: niet gecontroleerd"


def test_checks_run_concurrently(server):
    started = time.monotonic()
    results = list(
        linkcheck.check_urls(
            [f"{server}/slow?{n}" for n in range(4)], timeout=TIMEOUT, workers=4, allow_private=True
        )
    )
    assert len(results) == 4 and all(r.broken for r in results)
    assert time.monotonic() - started < TIMEOUT * 3, "four timeouts at once, not one after another"


def test_links_inside_markdown_are_found():
    html = (
        '<p><a href="https://a.nl/x#kop">a</a> <a href="/intern/">b</a> '
        '<a href="mailto:x@y.nl">c</a></p>'
    )
    found = [linkcheck.normalise(href) for href in linkcheck.links_in_html(html)]
    assert found == ["https://a.nl/x", None, None]


@pytest.fixture
def content(server, refused):
    instrument = InstrumentFactory(titel="Arboscan-VO", url=f"{server}/ok")
    ArtikelFactory(
        titel="Werkdruk", bron_url=f"{server}/missing", tekst=f"Zie [deze scan]({server}/slow)."
    )
    activity = ActiviteitFactory(titel="Arbocatalogus")
    activity.links.create(titel="Catalogus", url=f"{server}/moved")
    PilotFactory(titel="Mentoring", bron_url=refused, aanleiding=f"Lees [meer]({server}/ok).")
    StapFactory(titel="Oriënteren", tekst=f"[Tool]({server}/missing)")
    return instrument


def test_command_checks_every_link_and_records_where_it_occurs(content, server, refused, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = True
    out = io.StringIO()
    call_command("check_links", "--timeout", str(TIMEOUT), stdout=out)
    links = {link.url: link for link in ExterneLink.objects.prefetch_related("vindplaatsen")}
    assert set(links) == {
        f"{server}/ok",
        f"{server}/missing",
        f"{server}/slow",
        f"{server}/moved",
        refused,
    }

    ok, missing, slow, moved = (links[f"{server}/{p}"] for p in ("ok", "missing", "slow", "moved"))
    assert (ok.statuscode, ok.kapot) == (200, False) and ok.gecontroleerd_op
    assert (missing.statuscode, missing.kapot) == (404, True)
    assert slow.kapot and "geen antwoord" in slow.fout
    assert (moved.statuscode, moved.eind_url, moved.kapot) == (200, f"{server}/ok", False)
    assert links[refused].fout == "verbinding geweigerd"

    assert sorted((p.item, p.veld) for p in ok.vindplaatsen.all()) == [
        ("Arboscan-VO", "externe link"),
        ("Mentoring", "aanleiding (tekst)"),
    ]
    assert sorted((p.item, p.veld) for p in missing.vindplaatsen.all()) == [
        ("Oriënteren", "tekst (tekst)"),
        ("Werkdruk", "bron"),
    ]
    assert [(p.item, p.veld) for p in moved.vindplaatsen.all()] == [("Arbocatalogus", "links")]
    text = out.getvalue()
    assert "3 kapot" in text and f"kapot: {server}/missing (status 404)" in text
    assert "in Werkdruk — bron" in text


def test_links_no_longer_in_the_content_disappear(content, server, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = True
    linkcheck.run(timeout=TIMEOUT)
    content.url = ""
    content.save()
    linkcheck.run(timeout=TIMEOUT)
    ok = ExterneLink.objects.get(url=f"{server}/ok")
    assert [p.item for p in ok.vindplaatsen.all()] == ["Mentoring"]


def test_editor_sees_broken_links_and_requests_a_new_check(
    content, server, settings, editor_client
):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = True
    linkcheck.run(timeout=TIMEOUT)
    url = reverse("admin:voion_portal_externelink_changelist")
    response = editor_client.get(url, {"resultaat": "kapot"})
    assert response.status_code == 200
    shown = {link.url for link in response.context["cl"].result_list}
    assert f"{server}/missing" in shown and f"{server}/ok" not in shown
    body = response.content.decode()
    assert "Werkdruk" in body and reverse("admin:kennisbank_artikel_changelist") in body

    missing = ExterneLink.objects.get(url=f"{server}/missing")
    checked_at = missing.gecontroleerd_op
    response = editor_client.post(
        url, {"action": "request_check", "_selected_action": [missing.pk]}, follow=True
    )
    assert "Controle aangevraagd voor 1 link." in response.content.decode()
    missing.refresh_from_db()
    assert missing.aangevraagd_op is not None
    assert missing.gecontroleerd_op == checked_at, "nothing is checked inside the request"

    report = linkcheck.run(only_requested=True, timeout=TIMEOUT)
    assert report.checked == 1
    missing.refresh_from_db()
    assert missing.aangevraagd_op is None and missing.gecontroleerd_op > checked_at


def test_editors_cannot_add_or_delete_link_results(editor_client):
    assert editor_client.get(reverse("admin:voion_portal_externelink_add")).status_code == 403
