"""Editors maintain the keuzehulp's mapping in the admin."""

import pytest

from keuzehulp.models import Onderwerp

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["doel", "onderwerp", "publiek"])
def test_editors_see_the_answers_in_the_admin(editor_client, catalogue, model):
    listing = editor_client.get(f"/admin/keuzehulp/{model}/")
    assert listing.status_code == 200
    add = editor_client.get(f"/admin/keuzehulp/{model}/add/")
    assert add.status_code == 200
    assert "Staat in de adressen van de keuzehulp" in add.content.decode()


def test_a_subject_needs_a_thema_or_a_pillar(editor_client, catalogue):
    data = {"naam": "Iets", "kort": "iets", "slug": "iets", "toelichting": "", "volgorde": 3}
    response = editor_client.post("/admin/keuzehulp/onderwerp/add/", data)
    assert response.status_code == 200
    assert "Kies minstens één thema of één DI-pijler" in response.content.decode()
    assert not Onderwerp.objects.filter(slug="iets").exists()


def test_an_editor_adds_a_subject_and_visitors_can_choose_it(editor_client, client, catalogue):
    from voion_portal.taxonomy.models import Thema

    thema = Thema.objects.get(slug="arbeidsmarkt")
    data = {
        "naam": "Personeelsplanning",
        "kort": "personeelsplanning",
        "slug": "personeelsplanning",
        "toelichting": "",
        "volgorde": 5,
        "themas": [thema.pk],
    }
    response = editor_client.post("/admin/keuzehulp/onderwerp/add/", data)
    assert response.status_code == 302
    page = client.get("/keuzehulp/vraag/onderwerp/?sector=vo&doel=gesprek")
    assert "Personeelsplanning" in page.content.decode()
    result = client.get(
        "/keuzehulp/resultaat/?sector=vo&doel=gesprek&onderwerp=personeelsplanning&voor=hr"
    ).content.decode()
    assert "Past bij:</strong> vo · gesprek · personeelsplanning · hr" in result
