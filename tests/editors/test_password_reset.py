"""A locked-out or forgetful editor gets back in by e-mail, without waiting."""

import re

import pytest
from django.conf import settings
from django.core import mail

pytestmark = pytest.mark.django_db

PASSWORD = "een-lang-wachtwoord-2026"
NEW_PASSWORD = "nog-een-veel-langer-wachtwoord-2027"


def lock_out(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post("/admin/login/", {"username": editor.username, "password": "x"})
    assert response.status_code == 429
    return response


def test_a_locked_out_editor_resets_the_password_by_mail_and_logs_in_at_once(client, editor):
    editor.email = "els@voion.nl"
    editor.save()
    locked = lock_out(client, editor)
    assert 'href="/admin/wachtwoord-vergeten/"' in locked.content.decode()

    asked = client.post("/admin/wachtwoord-vergeten/", {"email": "els@voion.nl"})
    assert asked.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["els@voion.nl"]
    link = re.search(r"http://testserver(/admin/wachtwoord-herstellen/\S+/)", message.body)
    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302 and done["Location"] == "/admin/wachtwoord-hersteld/"

    # Same address, same minute: the lock-out is gone with the new password.
    login = client.post("/admin/login/", {"username": editor.username, "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_the_login_page_offers_the_way_back_in_dutch(client):
    page = client.get("/admin/login/").content.decode()
    assert 'href="/admin/wachtwoord-vergeten/"' in page
    form = client.get("/admin/wachtwoord-vergeten/").content.decode()
    assert "E-mailadres" in form and "Wachtwoord vergeten</h1>" in form
    assert "Forgotten" not in form


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post("/admin/wachtwoord-vergeten/", {"email": "niemand@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_asking_for_links_is_rate_limited_per_address(client, editor, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = 2
    editor.email = "els@voion.nl"
    editor.save()
    for _ in range(2):
        client.post("/admin/wachtwoord-vergeten/", {"email": "els@voion.nl"})
    refused = client.post("/admin/wachtwoord-vergeten/", {"email": "els@voion.nl"})
    assert refused.status_code == 429
    assert len(mail.outbox) == 2
