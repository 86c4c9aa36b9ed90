"""What the search page shows for each result and group, on both backends: thema pages
among the results, each result's kind, date and sectors, and the total per group."""

import datetime

import pytest
from django.contrib.postgres.indexes import GinIndex
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    ArtikelFactory,
    InstrumentFactory,
    InstrumentSoortFactory,
    KernopgaveFactory,
    SectorFactory,
    ThemaFactory,
)
from voion_portal.core import registry
from voion_portal.search.indexing import rebuild_after_migrate
from voion_portal.taxonomy.models import Thema

pytestmark = pytest.mark.django_db


def search_page(client, query: str, **extra):
    response = client.get(reverse("zoeken"), {"q": query, **extra})
    assert response.status_code == 200
    return response


def group(response, key: str) -> dict:
    return next(found for found in response.context["groups"] if found["key"] == key)


def test_a_thema_page_is_found_by_its_name_and_introduction_and_leads(client):
    kernopgave = KernopgaveFactory(naam="Stimuleren veilig en vitaal werken")
    ThemaFactory(
        naam="Gezond werken", slug="gezond-werken", kernopgave=kernopgave, omschrijving="Vitaal."
    )
    ThemaFactory(naam="Arbeidsmarkt", omschrijving="Over regionaal samenwerken en vitaliteit.")
    ArtikelFactory(titel="Gezond werken op school")

    response = search_page(client, "gezond werken")

    assert response.context["groups"][0]["key"] == "themas"
    themas = group(response, "themas")["items"]
    assert [thema.result_title for thema in themas] == ["Gezond werken"]
    assert themas[0].facts == ["Thema bij Stimuleren veilig en vitaal werken"]
    body = response.content.decode()
    assert f'href="{reverse("thema", kwargs={"slug": "gezond-werken"})}"' in body
    # The introduction is searched too, with a snippet from it.
    introduced = group(search_page(client, "regionaal"), "themas")["items"]
    assert [thema.result_title for thema in introduced] == ["Arbeidsmarkt"]
    assert "<mark>regionaal</mark>" in introduced[0].snippet.lower()


def test_a_renamed_thema_is_found_by_its_new_name_only(client):
    thema = ThemaFactory(naam="Werkplezier")
    thema.naam = "Energiek werken"
    thema.save()
    assert not any(
        g["key"] == "themas" for g in search_page(client, "werkplezier").context["groups"]
    )
    assert group(search_page(client, "energiek"), "themas")["items"][0].pk == thema.pk


def test_each_result_shows_its_kind_date_and_sectors(client):
    vo, mbo = SectorFactory(slug="vo", volgorde=2), SectorFactory(slug="mbo", volgorde=3)
    article = ArtikelFactory(
        titel="Vitaliteit in het vo",
        soort="onderzoek",
        publicatiedatum=timezone.make_aware(datetime.datetime(2025, 3, 3, 10)),
    )
    article.sectoren.set([vo, mbo])
    ArtikelFactory(titel="Vitaliteit samengevat", door_redactie=True, bron_jaar=2023)
    tool = InstrumentFactory(titel="Vitaliteitsscan", soort=InstrumentSoortFactory(naam="Scan"))
    tool.sectoren.set([vo])

    response = search_page(client, "vitaliteit")

    facts = {item.result_title: item.facts for item in group(response, "kennisbank")["items"]}
    assert facts["Vitaliteit in het vo"] == ["Onderzoek", "3 maart 2025", "vo, mbo"]
    # A summary by the editors shows the source's year, never a publication day.
    assert facts["Vitaliteit samengevat"][1] == "samenvatting van de redactie, bron uit 2023"
    [found_tool] = group(response, "instrumenten")["items"]
    assert found_tool.facts[0] == "Scan" and found_tool.facts[-1] == "vo"
    assert "Onderzoek · 3 maart 2025 · vo, mbo" in response.content.decode()


def test_each_group_tells_how_many_it_found_beyond_those_shown(client):
    for number in range(8):
        ArtikelFactory(titel=f"Mentoring deel {number}")
    InstrumentFactory(titel="Mentoring-kaart")

    response = search_page(client, "mentoring")

    articles = group(response, "kennisbank")
    assert len(articles["items"]) < 8 and articles["total"] == 8
    assert group(response, "instrumenten")["total"] == 1
    assert response.context["total"] == 9
    body = response.content.decode()
    assert "9 resultaten voor" in body
    assert "Alle 8 resultaten in kennisbank" in body
    # The type's own page agrees.
    assert search_page(client, "mentoring", type="kennisbank").context["total"] == 8


def test_every_searchable_type_declares_its_search_index_on_the_model():
    """Adding a searchable type is its registration plus the vector and index its model
    declares; `makemigrations` writes the rest."""
    for entry in registry.searchable_types():
        indexes = [
            index
            for index in entry.model._meta.indexes
            if isinstance(index, GinIndex) and index.fields == ["search_vector"]
        ]
        assert len(indexes) == 1, entry.model
    assert registry.get(Thema).searchable


def test_items_a_migration_left_unindexed_are_indexed_after_migrate(client):
    """A type that has just become searchable has existing items without a vector (or,
    on SQLite, an index entry): `migrate` fills them in."""
    thema = ThemaFactory(naam="Loopbaanbeleid")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("UPDATE taxonomy_thema SET search_vector = NULL")
        else:
            cursor.execute("DELETE FROM search_fts_taxonomy_thema")
    assert not any(
        g["key"] == "themas" for g in search_page(client, "loopbaanbeleid").context["groups"]
    )

    rebuild_after_migrate(using="default")

    assert group(search_page(client, "loopbaanbeleid"), "themas")["items"][0].pk == thema.pk


def test_a_group_with_very_many_matches_says_more_than(client, settings):
    settings.SEARCH_GROUP_TOTAL_CAP = 6
    for number in range(8):
        ArtikelFactory(titel=f"Verzuim deel {number}")

    response = search_page(client, "verzuim")

    articles = group(response, "kennisbank")
    assert (articles["total"], articles["more_than_total"]) == (6, True)
    body = response.content.decode()
    assert "Meer dan 6 resultaten voor" in body
    assert "meer dan 6 resultaten" in body
    assert "Alle resultaten in kennisbank" in body
    # The type's own page counts them all.
    assert search_page(client, "verzuim", type="kennisbank").context["total"] == 8
