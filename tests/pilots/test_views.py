import pytest
from django.core import mail

from pilots.models import Fase, Interesseaanmelding
from tests.factories import PilotFactory

pytestmark = pytest.mark.django_db

VALID = {
    "naam": "Anna de Vries",
    "email": "anna@school.nl",
    "organisatie": "Stichting Voorbeeldscholen",
    "functie": "Bestuurder",
    "toestemming": "on",
    "website": "",
}


def test_pilot_page_shows_structure_and_form(client):
    pilot = PilotFactory(
        titel="Bovenbestuurlijke samenwerking",
        fase=Fase.WERVING,
        periode="maximaal 12 maanden",
        deelname="- Schoolbesturen werken samen",
        opbrengst="- Meer baanzekerheid",
        contact="Mail [info@voion.nl](mailto:info@voion.nl)",
    )
    body = client.get(pilot.get_absolute_url()).content.decode()
    for text in (
        "Wat houdt deelname in?",
        "Wat levert deelname op?",
        "maximaal 12 maanden",
        "Schoolbesturen werken samen",
        "mailto:info@voion.nl",
        "csrfmiddlewaretoken",
    ):
        assert text in body


def test_register_interest(client, settings):
    settings.PILOT_NOTIFICATION_EMAILS = ["redactie@voion.nl"]
    pilot = PilotFactory(fase=Fase.WERVING)
    response = client.post(pilot.get_absolute_url(), VALID, follow=True)
    assert response.redirect_chain[-1][0].endswith("#aanmelden")
    assert "Dank u wel" in response.content.decode()
    registration = Interesseaanmelding.objects.get()
    assert registration.pilot == pilot and registration.toestemming
    assert registration.afgehandeld is False


def test_the_alternative_interest_url_accepts_the_post(client):
    pilot = PilotFactory(fase=Fase.WERVING)
    client.post(f"{pilot.get_absolute_url()}interesse/", VALID)
    assert Interesseaanmelding.objects.filter(pilot=pilot).count() == 1


def test_invalid_form_keeps_input_and_explains_in_dutch(client):
    pilot = PilotFactory(fase=Fase.WERVING)
    data = {**VALID, "email": "geen-adres", "toestemming": ""}
    response = client.post(pilot.get_absolute_url(), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul een geldig e-mailadres in" in body
    assert "Geef toestemming" in body
    assert 'value="Anna de Vries"' in body and 'value="Stichting Voorbeeldscholen"' in body
    assert not Interesseaanmelding.objects.exists()


def test_honeypot_rejects_bots(client):
    pilot = PilotFactory(fase=Fase.WERVING)
    response = client.post(pilot.get_absolute_url(), {**VALID, "website": "http://spam"})
    assert response.status_code == 400
    assert not Interesseaanmelding.objects.exists()


def test_closed_pilot_takes_no_registrations(client):
    pilot = PilotFactory(fase=Fase.AFGEROND)
    body = client.get(pilot.get_absolute_url()).content.decode()
    assert "alleen zolang een pilot in de fase ‘werving’ is; deze pilot is afgerond" in body
    assert client.post(pilot.get_absolute_url(), VALID).status_code == 400
    assert not Interesseaanmelding.objects.exists()


def test_mail_failure_does_not_lose_the_registration(client, settings, monkeypatch):
    settings.PILOT_NOTIFICATION_EMAILS = ["redactie@voion.nl"]

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("pilots.views.send_mail", broken)
    pilot = PilotFactory(fase=Fase.WERVING)
    response = client.post(pilot.get_absolute_url(), VALID)
    assert response.status_code == 302
    assert Interesseaanmelding.objects.count() == 1
    assert len(mail.outbox) == 0


def test_csrf_is_enforced(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    pilot = PilotFactory(fase=Fase.WERVING)
    assert strict.post(pilot.get_absolute_url(), VALID).status_code == 403
    assert not Interesseaanmelding.objects.exists()


def test_pilot_list(client, django_assert_max_num_queries):
    for _ in range(5):
        PilotFactory()
    with django_assert_max_num_queries(2):
        assert client.get("/pilots/").status_code == 200
