"""The keuzehulp with the real content of fixtures/: the acceptance of the issue."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from keuzehulp.models import Doel, Onderwerp, Publiek
from voion_portal.loader.loader import ContentLoader

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The real content, loaded once for this module and rolled back afterwards."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield ContentLoader(FIXTURES).load()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_a_fresh_load_gives_every_question_its_answers(loaded):
    assert Doel.objects.count() >= 4
    assert Onderwerp.objects.filter(slug__in=["werkdruk", "starters"]).count() == 2
    assert {"willen-werken", "kunnen-werken", "competent-zijn"} <= set(
        Onderwerp.objects.values_list("pijlers__slug", flat=True)
    )
    assert Publiek.objects.count() >= 4
    # every answer stands for something in the catalogue
    assert not Doel.objects.filter(soorten=None).exists()
    assert not Publiek.objects.filter(doelgroepen=None).exists()


def test_a_vo_school_that_wants_to_talk_about_workload_gets_about_five_tools(loaded, client):
    """Four questions answered: vo, het gesprek voeren, werkdruk, het team."""
    url = "/keuzehulp/"
    for param, value in [
        ("sector", "vo"),
        ("doel", "gesprek"),
        ("onderwerp", "werkdruk"),
        ("voor", "team"),
    ]:
        page = client.get(url)
        assert page.status_code == 200
        assert f'value="{value}"' in page.content.decode()
        separator = "&" if "?" in url else "?"
        response = client.get(f"{url}{separator}beantwoord={param}&{param}={value}")
        assert response.status_code == 302
        url = response["Location"]
    assert url.startswith("/keuzehulp/resultaat/?")
    html = client.get(url).content.decode()
    full = html[html.index('id="kop-passend"') : html.index('id="kop-bijna"')]
    found = re.findall(r'<h3><a href="/instrumenten/([^"]+)/">', full)
    assert 4 <= len(found) <= 7, found
    assert {
        "werkbalans",
        "teamwerk-vo",
        "raamwerk-professionele-gesprek-en-taakbeleid",
        "voortgezet-werkplezier",
    } <= set(found)
    assert full.count("Past bij:</strong> vo · gesprek · werkdruk · team") == len(found)


def test_loading_again_keeps_an_editors_change_to_the_mapping(loaded):
    werkdruk = Onderwerp.objects.get(slug="werkdruk")
    werkdruk.naam = "Werkdruk, taakbeleid en werkplezier"
    werkdruk.save()
    report = ContentLoader(FIXTURES).load()
    werkdruk.refresh_from_db()
    assert werkdruk.naam == "Werkdruk, taakbeleid en werkplezier"
    assert report.counts["antwoorden op ‘Waarover gaat uw vraag?’ ongewijzigd"] >= 8
