"""The real content in fixtures/: complete, consistent, idempotent, editor-safe."""

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.core.validators import URLValidator
from django.db import transaction

from instrumenten.models import Instrument
from jaarplan.models import Activiteit, ActiviteitLink, Jaarplan
from kennisbank.models import Artikel, Stap, Stappenplan
from pilots.models import Pilot
from voion_portal.editors import completeness
from voion_portal.loader.loader import ContentError, ContentLoader
from voion_portal.loader.models import FixtureRecord
from voion_portal.taxonomy.models import Thema

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def read_fixture_lists() -> dict[str, list]:
    merged: dict[str, list] = {}
    for path in sorted(FIXTURES.glob("*.yaml")):
        for key, items in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            merged.setdefault(key, []).extend(items)
    return merged


def count_steps(stappenplannen):
    return sum(
        1 + len(step.get("substappen") or [])
        for plan in stappenplannen
        for step in plan.get("stappen", [])
    )


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The real content, loaded once for this module inside a transaction that is rolled
    back afterwards; each test runs in a savepoint within it, so edits don't leak."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield ContentLoader(FIXTURES).load()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_counts_match_the_files(loaded):
    data = read_fixture_lists()
    assert Instrument.objects.count() == len(data["instrumenten"])
    assert Pilot.objects.count() == len(data["pilots"])
    assert Artikel.objects.count() == len(data["artikelen"])
    assert Stappenplan.objects.count() == len(data["stappenplannen"])
    assert Stap.objects.count() == count_steps(data["stappenplannen"])
    assert Jaarplan.objects.count() == len(data["jaarplannen"])
    assert Activiteit.objects.count() == sum(len(p["activiteiten"]) for p in data["jaarplannen"])
    themas = sum(len(k.get("themas", [])) for k in data["kernopgaven"])
    assert Thema.objects.count() == themas


def test_loading_twice_changes_nothing(loaded):
    counts = {m: m.objects.count() for m in (Instrument, Artikel, Stap, Activiteit, ActiviteitLink)}
    stamps = dict(Instrument.objects.values_list("slug", "gewijzigd"))
    second = ContentLoader(FIXTURES).load()
    assert {m: m.objects.count() for m in counts} == counts
    assert dict(Instrument.objects.values_list("slug", "gewijzigd")) == stamps
    assert all("ongewijzigd" in what for what in second.counts), second.summary()


def copy_fixtures_with(tmp_path, slug, **changes):
    """A copy of fixtures/ in which one Voion instrument's entry is changed."""
    for path in FIXTURES.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    voion = tmp_path / "instrumenten_voion.yaml"
    data = yaml.safe_load(voion.read_text(encoding="utf-8"))
    for item in data["instrumenten"]:
        if item["slug"] == slug:
            item.update(changes)
    voion.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


def test_reload_keeps_an_editors_change_and_does_not_revive_deleted_items(tmp_path, loaded):
    werkbalans = Instrument.objects.get(slug="werkbalans")
    werkbalans.samenvatting = "Door de redactie herschreven."
    werkbalans.save()
    Pilot.objects.get(slug="pilots-onderwijstijd").delete()
    changed = copy_fixtures_with(tmp_path, "werkbalans", samenvatting="Nieuw in het bestand.")

    ContentLoader(FIXTURES).load()
    report = ContentLoader(changed).load()

    assert Instrument.objects.get(slug="werkbalans").samenvatting == "Door de redactie herschreven."
    assert any("Werkbalans" in kept for kept in report.kept)
    assert not Pilot.objects.filter(slug="pilots-onderwijstijd").exists()


def test_changed_file_updates_items_nobody_edited(tmp_path, loaded):
    changed = copy_fixtures_with(
        tmp_path, "arboscan-vo", samenvatting="Nieuwe samenvatting uit het bestand."
    )
    ContentLoader(changed).load()
    assert Instrument.objects.get(slug="arboscan-vo").samenvatting == (
        "Nieuwe samenvatting uit het bestand."
    )


def as_loaded_before_the_source_fields(slug):
    """Put an article back as an older loader (which wrote no source fields) left it."""
    artikel = Artikel.objects.get(slug=slug)
    Artikel.objects.filter(pk=artikel.pk).update(bron_titel="", bron_jaar=None, door_redactie=False)
    artikel.refresh_from_db()
    older = ["titel", "soort", "samenvatting", "tekst", "bron_url", "status", "publicatiedatum"]
    loader = ContentLoader(FIXTURES)
    m2m = ["sectoren", "themas", "pijlers", "doelgroepen", "instrumenten", "pilots"]
    state = loader._state_checksum(
        artikel, {name: None for name in older}, {name: None for name in m2m}
    )
    FixtureRecord.objects.filter(key=f"kennisbank.artikel:{slug}").update(
        fixture_checksum="written by an older file", state_checksum=state
    )
    return artikel


def test_corrected_files_reach_items_an_older_loader_wrote_and_nobody_edited(loaded):
    as_loaded_before_the_source_fields("jaarplan-voion-2024-in-het-kort")
    edited = as_loaded_before_the_source_fields("onderzoek-vestigingsgedrag-van-leraren")
    Artikel.objects.filter(pk=edited.pk).update(titel="Door de redactie herschreven")

    ContentLoader(FIXTURES).load()

    untouched = Artikel.objects.get(slug="jaarplan-voion-2024-in-het-kort")
    assert untouched.door_redactie and untouched.bron_titel == "Jaarplan Voion 2024"
    kept = Artikel.objects.get(slug="onderzoek-vestigingsgedrag-van-leraren")
    assert kept.titel == "Door de redactie herschreven" and not kept.door_redactie


def test_a_broken_reference_aborts_the_whole_load(tmp_path):
    shutil.copy(FIXTURES / "taxonomie.yaml", tmp_path / "taxonomie.yaml")
    (tmp_path / "instrumenten.yaml").write_text(
        "instrumenten:\n"
        "  - {slug: goed, titel: Goed, sectoren: [vo]}\n"
        "  - {slug: fout, titel: Fout, themas: [bestaat-niet]}\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError, match="bestaat-niet"):
        ContentLoader(tmp_path).load()
    assert not Instrument.objects.filter(slug__in=["goed", "fout"]).exists()


def test_the_sources_named_items_are_all_there(loaded):
    flagship = {
        "arboscan-vo", "arbocatalogus-vo", "re-integratiegids-vo", "werkbalans", "teamwerk-vo",
        "sociale-veiligheidscheck-vo", "welzijnscheck-vo", "voortgezet-werkplezier",
        "verzuimbenchmark-vo", "scenariomodel-vo", "scenariomodel-po", "cao-vo-app",
        "vo-signalen", "veilige-praktijklokalen", "raamwerk-professionele-gesprek-en-taakbeleid",
        "regio-in-beeld",
    }  # fmt: skip
    assert flagship <= set(Instrument.objects.values_list("slug", flat=True))
    assert set(Instrument.objects.filter(uitgelicht=True).values_list("slug", flat=True)) >= {
        "arboscan-vo", "werkbalans", "scenariomodel-vo",
    }  # fmt: skip
    assert set(Pilot.objects.values_list("slug", flat=True)) == {
        "bovenbestuurlijke-samenwerking-voor-personeelsbehoud", "mentoring-zij-instromers",
        "in-gesprek-over-de-deeltijdfactor", "pilots-onderwijstijd",
    }  # fmt: skip
    voion = Jaarplan.objects.get(slug="jaarplan-voion-2024")
    assert voion.activiteiten.values("thema").distinct().count() == 9
    po = Jaarplan.objects.get(slug="jaarplan-arbeidsmarktplatform-po-2025")
    assert po.sector.slug == "po"
    assert po.activiteiten.values("thema__kernopgave").distinct().count() == 3
    assert Artikel.objects.count() >= 30
    assert set(Stappenplan.objects.values_list("slug", flat=True)) == {
        "strategisch-personeelsbeleid", "het-gesprek-over-werkdruk-en-taakbeleid",
    }  # fmt: skip
    assert (
        Stap.objects.filter(
            stappenplan__slug="het-gesprek-over-werkdruk-en-taakbeleid", hoofdstap=None
        ).count()
        == 6
    )
    assert (
        Instrument.objects.filter(stappen__stappenplan__slug="strategisch-personeelsbeleid")
        .distinct()
        .count()
        >= 80
    )


def all_html_and_urls():
    html_fields = [
        (Instrument, ["tekst_html"]),
        (Artikel, ["tekst_html"]),
        (Stappenplan, ["tekst_html"]),
        (Stap, ["tekst_html"]),
        (Jaarplan, ["tekst_html"]),
        (Activiteit, ["omschrijving_html"]),
        (Pilot, ["aanleiding_html", "ondersteuning_html", "deelname_html", "opbrengst_html",
                 "contact_html"]),
    ]  # fmt: skip
    url_fields = [
        (Instrument, "url"), (Artikel, "bron_url"), (Stappenplan, "bron_url"),
        (Jaarplan, "bron_url"), (Pilot, "bron_url"), (ActiviteitLink, "url"),
    ]  # fmt: skip
    hrefs = []
    for model, fields in html_fields:
        for row in model.objects.values_list(*fields):
            for html in row:
                hrefs.extend(re.findall(r'href="([^"]+)"', html))
    urls = [u for model, f in url_fields for u in model.objects.values_list(f, flat=True) if u]
    return hrefs, urls


def test_every_internal_link_in_bodies_points_at_an_existing_page(loaded, client):
    hrefs, _ = all_html_and_urls()
    internal = sorted({h for h in hrefs if h.startswith("/")})
    broken = [h for h in internal if client.get(h).status_code != 200]
    assert not broken, f"internal links that do not resolve: {broken}"


def test_every_external_url_is_well_formed_http(loaded):
    hrefs, urls = all_html_and_urls()
    validate = URLValidator(schemes=["http", "https"])
    external = [h for h in hrefs if not h.startswith("/") and not h.startswith("mailto:")]
    bad = []
    for url in [*external, *urls]:
        try:
            validate(url)
        except Exception:
            bad.append(url)
        else:
            assert urlsplit(url).scheme in {"http", "https"}
    assert not bad, f"malformed URLs: {bad}"


# Named in a source, but no source gives an address for them (the PO plan gives none at
# all): the report rightly lists them for the editors, and nothing is invented.
NO_ADDRESS_IN_ANY_SOURCE = {
    "Arbeidsmarktanalyse PO",
    "Handreiking Organiseren in tijden van tekorten",
    "Kennisdossier Het goede gesprek",
    "Kennisdossier Landelijke aanpak personeelstekort",
    "Onderwijsatlas",
    "Regionale arbeidsmarktanalyses PO",
    "Sluitende aanpak",
    "Sociale Veiligheidscheck-VO",
    "Visiedocument Het goede gesprek",
}


def test_every_published_item_has_what_makes_it_findable(loaded):
    # The editors' completeness report on the loaded content: nothing missing but the
    # external links no source gives.
    gaps = {(gap.kind, gap.title): gap.missing for gap in completeness.gaps()}
    assert gaps == {("instrument", title): ["externe link"] for title in NO_ADDRESS_IN_ANY_SOURCE}


def test_summaries_by_the_editors_say_so_and_name_their_source(loaded):
    summaries = Artikel.objects.filter(door_redactie=True)
    assert summaries.exists()
    assert not summaries.filter(bron_url="").exists()
    assert not summaries.filter(bron_titel="").exists()


def test_the_shrm_tools_overview_is_an_appendix_outside_the_cycle(loaded):
    guide = Stappenplan.objects.get(slug="strategisch-personeelsbeleid")
    outline = guide.outline()
    appendix = Stap.objects.get(stappenplan=guide, slug="overzicht-alle-tools")
    assert appendix.bijlage
    assert appendix not in outline.phases and outline.number(appendix) is None
