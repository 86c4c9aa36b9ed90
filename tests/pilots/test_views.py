import pytest

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
    assert response.status_code == 200
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


def test_a_recruiting_pilot_links_from_its_status_to_the_form(client):
    pilot = PilotFactory(fase=Fase.WERVING)
    body = client.get(pilot.get_absolute_url()).content.decode()
    status = body[body.index('class="pilot-status"') :]
    status = status[: status.index("</dd>")]
    assert 'href="#aanmelden"' in status and "Meld u aan" in status
    assert 'id="aanmelden"' in body
    listing = client.get("/pilots/").content.decode()
    assert f'href="{pilot.get_absolute_url()}#aanmelden"' in listing


def test_a_closed_pilot_has_no_sign_up_link(client):
    pilot = PilotFactory(fase=Fase.AFGEROND)
    assert "Meld u aan" not in client.get(pilot.get_absolute_url()).content.decode()
    assert "Meld u aan" not in client.get("/pilots/").content.decode()


def test_errors_are_summarised_with_links_and_the_title_says_fout(client):
    pilot = PilotFactory(fase=Fase.WERVING, titel="Samen werven")
    data = {**VALID, "naam": "", "email": "geen-adres"}
    response = client.post(pilot.get_absolute_url(), data)
    assert response.status_code == 400
    body = response.content.decode()
    title = body[body.index("<title>") + 7 : body.index("</title>")]
    assert title.startswith("Fout: Samen werven")
    summary = body[body.index("error-summary") :]
    summary = summary[: summary.index("</div>")]
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary
    assert "data-focus-on-load" in summary and "autofocus" in summary
    assert '<a href="#id_naam">Vul uw naam in.</a>' in summary
    assert '<a href="#id_email">Vul een geldig e-mailadres in' in summary
    # Each field with an error points at its own message.
    assert 'aria-describedby="id_email_error"' in body
    assert 'id="id_email_error"' in body
    # Nothing typed is lost.
    assert 'value="geen-adres"' in body and 'value="Bestuurder"' in body


def test_the_honeypot_is_never_listed_in_the_summary(client):
    pilot = PilotFactory(fase=Fase.WERVING)
    body = client.post(pilot.get_absolute_url(), {**VALID, "website": "x"}).content.decode()
    assert "Controleer het formulier" in body
    assert "#id_website" not in body


def test_a_valid_page_has_no_fout_in_its_title(client):
    pilot = PilotFactory(fase=Fase.WERVING, titel="Samen werven")
    body = client.get(pilot.get_absolute_url()).content.decode()
    assert "<title>Samen werven" in body
    assert "error-summary" not in body


def test_after_registering_a_confirmation_takes_the_forms_place(client):
    pilot = PilotFactory(fase=Fase.WERVING)
    response = client.post(pilot.get_absolute_url(), VALID)
    assert response.status_code == 302  # post/redirect/get
    page = client.get(response["Location"])
    body = page.content.decode()
    assert "Dank u wel, uw aanmelding is ontvangen" in body
    assert "Wat gebeurt er nu?" in body and "binnen twee weken" in body
    section = body[body.index('class="register"') :]
    section = section[: section.index("</section>")]
    assert "<form" not in section and "Interesse aanmelden</button>" not in body
    assert "csrfmiddlewaretoken" not in body
    assert "confirmation-panel" in body and "data-focus-on-load" in body
    assert "no-store" in page["Cache-Control"]
    # The confirmation shows once: a reload shows the form again.
    again = client.get(pilot.get_absolute_url()).content.decode()
    assert "aanmelding is ontvangen" not in again
    assert "csrfmiddlewaretoken" in again


def test_the_pilot_page_is_never_page_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    pilot = PilotFactory(fase=Fase.WERVING)
    for _ in range(2):
        response = client.get(pilot.get_absolute_url())
        assert response["X-Page-Cache"] == "miss"
        assert "no-store" in response["Cache-Control"]
