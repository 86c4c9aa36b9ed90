"""Bulk writes of content (update, bulk_create, bulk_update, delete) make cached pages
stale, as saving through the admin does."""

import pytest
from django.utils import timezone

from kennisbank.models import Artikel, Stap
from tests.factories import ArtikelFactory, SectorFactory, StapFactory
from voion_portal.core.content import Status
from voion_portal.taxonomy.models import Sector

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def cached(client, url) -> str:
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    return response.content.decode()


def test_a_queryset_update_shows_at_once(client):
    ArtikelFactory(titel="Oude titel", slug="werkdruk")
    assert "Oude titel" in cached(client, "/kennisbank/")
    Artikel.objects.filter(slug="werkdruk").update(titel="Nieuwe titel")
    html = client.get("/kennisbank/").content.decode()
    assert "Nieuwe titel" in html and "Oude titel" not in html


def test_a_bulk_create_shows_at_once(client):
    ArtikelFactory(titel="Eerste artikel")
    cached(client, "/kennisbank/")
    now = timezone.now()
    Artikel.objects.bulk_create(
        [
            Artikel(
                titel="In bulk geladen",
                slug="in-bulk",
                soort="nieuws",
                status=Status.GEPUBLICEERD,
                publicatiedatum=now,
                samenvatting="Kort.",
            ),
        ]
    )
    assert "In bulk geladen" in client.get("/kennisbank/").content.decode()


def test_a_bulk_update_shows_at_once(client):
    artikel = ArtikelFactory(titel="Oude titel")
    cached(client, artikel.get_absolute_url())
    artikel.titel = "Bijgewerkt in bulk"
    Artikel.objects.bulk_update([artikel], ["titel"])
    assert "Bijgewerkt in bulk" in client.get(artikel.get_absolute_url()).content.decode()


def test_a_queryset_delete_shows_at_once(client):
    ArtikelFactory(titel="Blijft staan")
    ArtikelFactory(titel="Wordt verwijderd", slug="weg")
    assert "Wordt verwijderd" in cached(client, "/kennisbank/")
    Artikel.objects.filter(slug="weg").delete()
    assert "Wordt verwijderd" not in client.get("/kennisbank/").content.decode()


def test_updating_steps_and_taxonomy_in_bulk_shows_at_once(client):
    stap = StapFactory(titel="Oude stap")
    url = stap.get_absolute_url()
    assert "Oude stap" in cached(client, url)
    Stap.objects.filter(pk=stap.pk).update(titel="Nieuwe stap")
    assert "Nieuwe stap" in client.get(url).content.decode()

    SectorFactory(slug="vo")
    artikel = ArtikelFactory(titel="Voor het vo")
    artikel.sectoren.set(Sector.objects.filter(slug="vo"))
    cached(client, "/kennisbank/")
    Sector.objects.filter(slug="vo").update(naam="Voortgezet onderwijs (nieuw)")
    assert "Voortgezet onderwijs (nieuw)" in client.get("/kennisbank/").content.decode()
