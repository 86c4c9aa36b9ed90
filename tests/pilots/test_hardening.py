"""The interest form under abuse (rate limit) and the retention of personal data."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from pilots.models import Fase, Interesseaanmelding
from tests.factories import InteresseaanmeldingFactory, PilotFactory
from voion_portal.core import ratelimit

pytestmark = pytest.mark.django_db

VALID = {
    "naam": "Anna de Vries",
    "email": "anna@school.nl",
    "organisatie": "Stichting Voorbeeldscholen",
    "toestemming": "on",
    "website": "",
}


@pytest.fixture
def pilot():
    return PilotFactory(fase=Fase.WERVING)


def test_sixth_post_within_ten_minutes_gets_a_friendly_429(client, pilot, settings):
    assert (settings.INTEREST_RATE_LIMIT, settings.INTEREST_RATE_WINDOW) == (5, 600)
    for _ in range(5):
        assert client.post(pilot.get_absolute_url(), VALID).status_code == 302
    typed = {**VALID, "naam": "Zesde Poging", "bericht": "Wij doen graag mee met drie scholen."}
    response = client.post(pilot.get_absolute_url(), typed)
    assert response.status_code == 429
    body = response.content.decode()
    assert "nog niet verstuurd" in body and "10 minuten opnieuw" in body
    # What the visitor typed comes back in the form, ready to send again later.
    assert 'value="Zesde Poging"' in body and "Wij doen graag mee met drie scholen." in body
    assert 'value="anna@school.nl"' in body
    assert '<html lang="nl">' in body and 'class="site-header"' in body
    assert 0 < int(response.headers["Retry-After"]) <= 600
    assert "no-store" in response.headers["Cache-Control"]
    assert Interesseaanmelding.objects.count() == 5
    # Reading the page stays possible.
    assert client.get(pilot.get_absolute_url()).status_code == 200


def test_invalid_posts_count_too(client, pilot):
    for _ in range(5):
        assert client.post(pilot.get_absolute_url(), {**VALID, "email": "x"}).status_code == 400
    assert client.post(pilot.get_absolute_url(), VALID).status_code == 429
    assert not Interesseaanmelding.objects.exists()


def test_the_limit_is_per_client_address(client, pilot):
    url = pilot.get_absolute_url()
    for _ in range(5):
        client.post(url, VALID, REMOTE_ADDR="198.51.100.1")
    assert client.post(url, VALID, REMOTE_ADDR="198.51.100.1").status_code == 429
    assert client.post(url, VALID, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, pilot):
    for n in range(5):
        client.post(pilot.get_absolute_url(), VALID, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    response = client.post(pilot.get_absolute_url(), VALID, HTTP_X_FORWARDED_FOR="10.9.9.99")
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_counts(client, pilot, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(pilot.get_absolute_url(), VALID, HTTP_X_FORWARDED_FOR="203.0.113.1")
    blocked = client.post(pilot.get_absolute_url(), VALID, HTTP_X_FORWARDED_FOR="203.0.113.1")
    other = client.post(pilot.get_absolute_url(), VALID, HTTP_X_FORWARDED_FOR="203.0.113.2")
    assert (blocked.status_code, other.status_code) == (429, 302)


def test_the_limit_is_configurable(client, pilot, settings):
    settings.INTEREST_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(pilot.get_absolute_url(), VALID).status_code == 302
    assert client.post(pilot.get_absolute_url(), VALID).status_code == 429


def test_the_window_slides(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    for _ in range(5):
        assert ratelimit.hit("test", "192.0.2.1", 5, 600) == 0
        now[0] += 60
    # 5 posts at t=0..240; the sixth at t=300 waits until the first leaves the window.
    assert ratelimit.hit("test", "192.0.2.1", 5, 600) == pytest.approx(300)
    now[0] = 1_000_000.0 + 601
    assert ratelimit.hit("test", "192.0.2.1", 5, 600) == 0


# -- retention ------------------------------------------------------------------------------


def _registration(days_old: int, handled: bool) -> Interesseaanmelding:
    registration = InteresseaanmeldingFactory(afgehandeld=handled)
    Interesseaanmelding.objects.filter(pk=registration.pk).update(
        aangemeld_op=timezone.now() - datetime.timedelta(days=days_old)
    )
    return registration


def test_purge_removes_only_old_handled_registrations(settings, capsys):
    settings.REGISTRATION_RETENTION_DAYS = 365
    old_handled = _registration(400, handled=True)
    old_open = _registration(400, handled=False)
    recent_handled = _registration(30, handled=True)
    call_command("purge_registrations")
    assert "1 afgehandelde aanmelding(en) ouder dan 365 dagen verwijderd" in capsys.readouterr().out
    remaining = set(Interesseaanmelding.objects.values_list("pk", flat=True))
    assert remaining == {old_open.pk, recent_handled.pk}
    assert old_handled.pk not in remaining


def test_purge_days_option_overrides_the_setting(capsys):
    _registration(40, handled=True)
    _registration(10, handled=True)
    call_command("purge_registrations", "--days", "20")
    assert capsys.readouterr().out.startswith("1 afgehandelde")
    assert Interesseaanmelding.objects.count() == 1


def test_purge_dry_run_deletes_nothing(capsys):
    _registration(400, handled=True)
    call_command("purge_registrations", "--days", "30", "--dry-run")
    assert "1 afgehandelde aanmelding(en)" in capsys.readouterr().out
    assert Interesseaanmelding.objects.count() == 1


def test_purge_refuses_a_negative_period():
    with pytest.raises(CommandError):
        call_command("purge_registrations", "--days", "-1")


# On SQLite the test database lives in shared memory, where a waiting writer fails at
# once instead of waiting: this runs on PostgreSQL (deselected on SQLite, never skipped).
@pytest.mark.postgres
def test_the_limit_is_exact_across_connections(transactional_db):
    """Posts from several threads (each its own database connection, like workers or
    servers) at the same moment: exactly the limit gets through."""
    import threading

    from django.db import connection

    allowed, errors = [], []
    start = threading.Barrier(8)

    def post():
        try:
            start.wait()
            allowed.append(ratelimit.hit("threads", "192.0.2.7", 5, 600) == 0)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert allowed.count(True) == 5 and allowed.count(False) == 3


def test_counts_are_kept_in_the_database_not_in_a_per_process_cache(pilot, client):
    from django.core.cache import cache

    for _ in range(5):
        client.post(pilot.get_absolute_url(), VALID)
    cache.clear()  # another worker's cache knows nothing of these posts
    assert client.post(pilot.get_absolute_url(), VALID).status_code == 429
    assert ratelimit.purge_expired() == 0


def test_rows_of_visitors_whose_window_passed_are_cleared_without_a_job(monkeypatch):
    from voion_portal.core.models import Snelheidsteller

    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    for address in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
        ratelimit.hit("interest", address, 5, 600)
    assert Snelheidsteller.objects.count() == 3

    now[0] += 601  # their windows have passed; a new visitor posts
    ratelimit.hit("interest", "192.0.2.4", 5, 600)

    assert list(Snelheidsteller.objects.values_list("sleutel", flat=True)) == [
        ratelimit._key("interest", "192.0.2.4")
    ]
