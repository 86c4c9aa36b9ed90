"""Writing without Markdown and the media library, as an editor does it in a browser."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from instrumenten.models import Instrument
from kennisbank.models import Artikel
from tests.browser.test_editing import editors, logged_in  # noqa: F401  (fixture, helper)
from tests.factories import PDF_BYTES, image_bytes
from voion_portal.media.models import Afbeelding, Document

pytestmark = pytest.mark.usefixtures("editors")


def test_an_article_with_heading_list_image_and_item_link_without_typing_markdown(
    browser, site, tmp_path
):
    tool = Instrument.objects.published().get(slug="werkbalans")
    photo = tmp_path / "lerarenkamer.jpg"
    photo.write_bytes(image_bytes(1800, 1000))
    anna = logged_in(browser, site, "anna")
    anna.goto(f"{site}/admin/kennisbank/artikel/add/")
    anna.fill("#id_titel", "Werkdruk bespreekbaar maken")
    text = anna.locator("#id_tekst")
    toolbar = anna.get_by_role("toolbar", name="Opmaak van Tekst")

    # The toolbar is one tab stop; the arrow keys walk its buttons.
    text.focus()
    anna.keyboard.press("Shift+Tab")
    assert anna.evaluate("document.activeElement.textContent") == "Kop"
    anna.keyboard.press("Enter")
    anna.keyboard.type("Waarom dit gesprek")
    anna.keyboard.press("End")
    anna.keyboard.type("\n\ntijd\nruimte\nsteun")
    anna.evaluate(
        "() => { const a = document.querySelector('#id_tekst');"
        " a.setSelectionRange(a.value.indexOf('tijd'), a.value.length); }"
    )
    text.focus()
    anna.keyboard.press("Shift+Tab")
    for _ in range(4):
        anna.keyboard.press("ArrowRight")
    assert anna.evaluate("document.activeElement.textContent") == "Opsomming"
    anna.keyboard.press("Enter")

    # An image uploaded from inside the chooser, with the alternative text it requires.
    toolbar.get_by_role("button", name="Afbeelding", exact=True).click()
    dialog = anna.get_by_role("dialog", name="Afbeelding invoegen")
    dialog.get_by_text("Nieuwe afbeelding uploaden").click()
    dialog.get_by_label("Afbeelding", exact=True).set_input_files(str(photo))
    dialog.get_by_role("button", name="Uploaden en invoegen").click()
    expect(dialog.get_by_text("Beschrijf wat de afbeelding laat zien.")).to_be_visible()
    dialog.get_by_label("Alternatieve tekst").fill("Twee docenten in de lerarenkamer")
    dialog.get_by_role("button", name="Uploaden en invoegen").click()
    expect(dialog).to_be_hidden()

    anna.keyboard.type("Gebruik ")
    toolbar.get_by_role("button", name="Link naar item").click()
    anna.keyboard.type("Werkbalans")
    chooser = anna.get_by_role("dialog", name="Link naar een item")
    chooser.locator(".item-chooser-results button").first.click()
    anna.keyboard.type(" in het team.")

    toolbar.get_by_role("button", name="Voorbeeld", exact=True).click()
    preview = anna.locator(".field-tekst .md-preview")
    expect(preview.locator("h2")).to_have_text("Waarom dit gesprek")
    expect(preview.locator("img")).to_have_attribute("alt", "Twee docenten in de lerarenkamer")

    anna.click("input[name=_save]")
    anna.wait_for_url("**/artikel/")
    article = Artikel.objects.get(titel="Werkdruk bespreekbaar maken")
    image = Afbeelding.objects.get(alt_tekst="Twee docenten in de lerarenkamer")
    html = article.tekst_html
    assert "<h2>Waarom dit gesprek</h2>" in html
    assert "<li>tijd</li>" in html and "<li>steun</li>" in html
    assert '<figure class="figuur"><img' in html and image.sizes[0][2] in html
    assert f'<a href="{tool.get_absolute_url()}">Werkbalans</a> in het team.' in html


def test_a_pdf_and_a_logo_for_an_instrument_and_a_visitor_downloads_the_pdf(
    browser, site, tmp_path
):
    logo, pdf = tmp_path / "voion.png", tmp_path / "JP2025.pdf"
    logo.write_bytes(image_bytes(600, 240, "PNG"))
    pdf.write_bytes(PDF_BYTES)
    anna = logged_in(browser, site, "anna")
    anna.goto(f"{site}/admin/voion_portal/afbeelding/add/")
    anna.set_input_files("#id_upload", str(logo))
    anna.fill("#id_alt_tekst", "Logo van Voion")
    anna.click("input[name=_save]")
    anna.goto(f"{site}/admin/voion_portal/document/add/")
    anna.set_input_files("#id_upload", str(pdf))
    anna.fill("#id_titel", "Jaarplan Voion 2025")
    anna.click("input[name=_save]")
    assert Document.objects.filter(titel="Jaarplan Voion 2025", soort="pdf").exists()

    tool = Instrument.objects.published().get(slug="werkbalans")
    anna.goto(f"{site}/admin/instrumenten/instrument/{tool.pk}/change/")
    for field, typed in [("logo", "Voion"), ("documenten", "Jaarplan Voion")]:
        anna.locator(f".field-{field} .select2-selection").click()
        anna.keyboard.type(typed)
        anna.locator(".select2-results__option--highlighted").wait_for()
        anna.keyboard.press("Enter")
    anna.click("input[name=_save]")
    anna.wait_for_url("**/instrument/")

    visitor = browser.new_page()
    visitor.goto(site + tool.get_absolute_url())
    expect(visitor.get_by_role("img", name="Logo van Voion")).to_be_visible()
    download_link = visitor.get_by_role("link", name="Jaarplan Voion 2025 (PDF, ")
    with visitor.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename == "jaarplan-voion-2025.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
