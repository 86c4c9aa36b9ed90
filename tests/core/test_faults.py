"""While the database is unreachable visitors get a friendly 503, never a traceback."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import RequestFactory

from tests.factories import ArtikelFactory, PilotFactory
from voion_portal.site.views import server_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down():
    """Every attempt to use the database fails, as while PostgreSQL restarts."""
    error = OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    with mock.patch.object(connection, "ensure_connection", side_effect=error):
        yield


def assert_friendly_503(response, through_middleware=True):
    assert response.status_code == 503
    body = response.content.decode()
    assert "Even niet beschikbaar" in body and '<html lang="nl">' in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert response.headers["Retry-After"] == "30"
    assert "no-store" in response.headers["Cache-Control"]
    if through_middleware:
        assert "Content-Security-Policy" in response.headers


def test_pages_answer_503_without_touching_the_database(client):
    artikel = ArtikelFactory()
    pilot = PilotFactory()
    for url in ("/", "/kennisbank/", artikel.get_absolute_url(), pilot.get_absolute_url()):
        assert client.get(url).status_code == 200
    with mock.patch.object(connection, "ensure_connection", side_effect=OperationalError("down")):
        for url in ("/", "/kennisbank/", "/instrumenten/?sector=vo", artikel.get_absolute_url()):
            assert_friendly_503(client.get(url))
        # The interest form's POST too: the visitor is told to try again.
        assert_friendly_503(client.post(pilot.get_absolute_url(), {"naam": "Anna"}))
    # The database is back: the same client gets pages again.
    assert client.get("/").status_code == 200


def test_a_logged_in_editor_also_gets_the_503(editor_client, database_down):
    assert_friendly_503(editor_client.get("/admin/"))


def test_a_closed_connection_is_a_503_too(client):
    with mock.patch.object(
        connection, "ensure_connection", side_effect=InterfaceError("connection already closed")
    ):
        assert_friendly_503(client.get("/"))


def test_outage_outside_a_view_is_a_503_via_the_500_handler():
    """Database errors raised in middleware reach handler500, which turns them into a 503."""
    request = RequestFactory().get("/")
    try:
        raise OperationalError("the database system is shutting down")
    except OperationalError:
        assert_friendly_503(server_error(request), through_middleware=False)


def test_other_errors_stay_a_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_persistent_connections_are_health_checked(settings):
    """Recovery without restarting the app server: a reused connection is pinged first."""
    database = settings.DATABASES["default"]
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["CONN_MAX_AGE"] > 0
