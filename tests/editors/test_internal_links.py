"""Internal links chosen by title follow their item and are reported when they break."""

import pytest
from django.urls import reverse

from instrumenten.models import Instrument
from kennisbank.models import Artikel
from tests.editors.forms import form_data
from tests.factories import ArtikelFactory, DraftInstrumentFactory, InstrumentFactory

pytestmark = pytest.mark.django_db


def linking_article(tool, **fields):
    return ArtikelFactory(tekst=f"Zie [de Werkbalans](item:instrumenten/{tool.pk}).", **fields)


def test_a_chosen_link_gets_the_items_address():
    tool = InstrumentFactory(slug="werkbalans")
    article = linking_article(tool)
    assert '<a href="/instrumenten/werkbalans/">de Werkbalans</a>' in article.tekst_html


def test_the_link_follows_a_renamed_item_without_touching_the_text(client):
    tool = InstrumentFactory(slug="werkbalans")
    article = linking_article(tool)
    tool.slug = "werkbalans-vo"
    tool.save()
    article.refresh_from_db()
    assert '<a href="/instrumenten/werkbalans-vo/">de Werkbalans</a>' in article.tekst_html
    assert "item:instrumenten/" in article.tekst, "the text still names the item, not a path"
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'href="/instrumenten/werkbalans-vo/"' in page


def test_a_link_to_an_item_that_goes_offline_becomes_plain_text_and_comes_back():
    tool = InstrumentFactory(slug="werkbalans")
    article = linking_article(tool)
    tool.status = "concept"
    tool.save()
    article.refresh_from_db()
    assert "<a " not in article.tekst_html and "de Werkbalans" in article.tekst_html
    tool.status = "gepubliceerd"
    tool.save()
    article.refresh_from_db()
    assert 'href="/instrumenten/werkbalans/"' in article.tekst_html


def test_a_link_to_a_deleted_item_becomes_plain_text():
    tool = InstrumentFactory()
    article = linking_article(tool)
    tool.delete()
    article.refresh_from_db()
    assert "<a " not in article.tekst_html


def test_saving_a_text_with_a_link_to_a_draft_warns_the_editor(editor_client):
    draft = DraftInstrumentFactory(titel="Nog geheim")
    article = ArtikelFactory()
    url = reverse("admin:kennisbank_artikel_change", args=[article.pk])
    data = form_data(editor_client.get(url), "artikel_form")
    data["tekst"] = [f"Lees [dit](item:instrumenten/{draft.pk})."]
    response = editor_client.post(url, data, follow=True)
    text = response.content.decode()
    assert "de link naar ‘Nog geheim’ in tekst werkt niet voor bezoekers" in text


def test_the_dashboard_lists_public_texts_with_unreachable_links(editor_client):
    draft = DraftInstrumentFactory(titel="Nog geheim")
    linking_article(draft, titel="Artikel met een dode link")
    deleted = InstrumentFactory(titel="Weg")
    linking_article(deleted, titel="Nog een dode link")
    deleted.delete()
    board = editor_client.get(reverse("admin:index")).content.decode()
    assert "Artikel met een dode link" in board and "Nog geheim is niet openbaar" in board
    assert "Nog een dode link" in board and "bestaat niet meer" in board


def test_the_chooser_finds_items_by_title_for_editors_only(editor_client, client):
    tool = InstrumentFactory(titel="Werkbalans")
    ArtikelFactory(titel="Werkdruk in het vo")
    found = editor_client.get(reverse("choose_item"), {"q": "werk"}).json()
    labels = {result["label"]: result for result in found["results"]}
    assert set(labels) >= {"Werkbalans", "Werkdruk in het vo"}
    assert labels["Werkbalans"]["markdown"] == f"[Werkbalans](item:instrumenten/{tool.pk})"
    assert editor_client.get(reverse("choose_item"), {"q": "w"}).json()["results"] == []

    editor_client.logout()
    assert client.get(reverse("choose_item"), {"q": "werk"}).status_code == 302


def test_the_markdown_text_areas_offer_the_chooser(editor_client):
    article = ArtikelFactory()
    page = editor_client.get(reverse("admin:kennisbank_artikel_change", args=[article.pk]))
    assert 'data-item-chooser="/admin/kies-item/"' in page.content.decode()


def test_old_hand_typed_links_are_left_as_they_are():
    article = ArtikelFactory(tekst="Zie [de scan](/instrumenten/arboscan/).")
    assert '<a href="/instrumenten/arboscan/">de scan</a>' in article.tekst_html
    assert Instrument.objects.count() == 0 and Artikel.objects.count() == 1
