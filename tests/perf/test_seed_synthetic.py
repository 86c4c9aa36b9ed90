"""`seed_synthetic`, the benchmark's data generator: totals, realistic rows, search vectors."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from instrumenten.models import Instrument
from jaarplan.models import Activiteit
from kennisbank.models import Artikel, Stap
from pilots.models import Pilot
from voion_portal.search.indexing import refresh_search_vectors

SIZES = {"articles": 90, "instruments": 150, "activities": 75, "pilots": 6, "steps": 45}


def totals() -> dict[str, int]:
    return {
        "articles": Artikel.objects.count(),
        "instruments": Instrument.objects.count(),
        "activities": Activiteit.objects.count(),
        "pilots": Pilot.objects.count(),
        "steps": Stap.objects.count(),
    }


@pytest.mark.django_db
def test_seeds_up_to_the_totals_with_rows_the_portal_shows(client):
    call_command("load_content", stdout=io.StringIO())
    call_command("seed_synthetic", verbosity=0, **SIZES)
    assert totals() == SIZES

    call_command("seed_synthetic", verbosity=0, **SIZES)  # totals, not increments
    assert totals() == SIZES

    newest = Artikel.objects.published().order_by("-pk").first()
    assert newest.samenvatting
    assert "<p>" in newest.tekst_html
    assert newest.themas.exists() and newest.sectoren.exists() and newest.doelgroepen.exists()
    assert client.get(newest.get_absolute_url()).status_code == 200
    assert client.get("/kennisbank/?sector=vo").status_code == 200
    step = Stap.objects.published().order_by("-pk").first()
    assert client.get(step.get_absolute_url()).status_code == 200

    if connection.vendor == "postgresql":
        # Computed while inserting, with the expression refresh_search_vectors uses.
        vectors = dict(Artikel.objects.values_list("pk", "search_vector"))
        assert all(vectors.values())
        refresh_search_vectors(Artikel)
        assert dict(Artikel.objects.values_list("pk", "search_vector")) == vectors
