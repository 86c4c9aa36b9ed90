import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest

pytestmark = pytest.mark.django_db


def test_create_editor_makes_a_staff_user_in_redactie(monkeypatch, client):
    monkeypatch.setenv("EDITOR_PASSWORD", "lang-en-uniek-wachtwoord-42")
    call_command("create_editor", username="els", email="els@voion.nl")
    user = get_user_model().objects.get(username="els")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Redactie"]
    # django-axes checks every login against a request.
    assert client.login(
        request=HttpRequest(), username="els", password="lang-en-uniek-wachtwoord-42"
    )
    assert client.get("/admin/instrumenten/instrument/").status_code == 200


def test_create_editor_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "12345")
    with pytest.raises(CommandError):
        call_command("create_editor", username="zwak")
    assert not get_user_model().objects.filter(username="zwak").exists()
