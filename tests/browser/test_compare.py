"""Vergelijken in a real browser: ticking instruments in the catalogue with the keyboard
alone and comparing them, the same without JavaScript, at most four, the comparison at
phone width (stacked, no sideways scrolling) and axe on all of it."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.pages import BROWSER_DB, IGNORE_PLUGIN_WARNING
from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_filtering import tab_to

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
RAAMWERK = "raamwerk-professionele-gesprek-en-taakbeleid"
# Both on the first page of results.
CATALOGUE = "/instrumenten/?q=taakbeleid"
COMPARE = f"/instrumenten/vergelijk/?instrument=werkbalans&instrument={RAAMWERK}"


def chosen(page) -> list[str]:
    return sorted(parse_qs(urlsplit(page.url).query).get("instrument", []))


def test_with_the_keyboard_tick_two_cards_and_compare_them(browser, site):
    context = browser.new_context(viewport=WIDE, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}{CATALOGUE}")
        expect(page.get_by_role("checkbox", name="Vergelijk Werkbalans")).to_be_visible()
        assert_accessible(page)
        tab_to(page, f"vergelijk-{RAAMWERK}")
        page.keyboard.press("Space")
        tab_to(page, "vergelijk-werkbalans")
        page.keyboard.press("Space")
        status = page.locator("[data-compare-status]")
        expect(status).to_have_text("2 instrumenten gekozen.")
        button = page.get_by_role("button", name="Vergelijk geselecteerde instrumenten (2)")
        expect(button).to_be_visible()
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.hasAttribute('data-compare-submit')"):
                break
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert urlsplit(page.url).path == "/instrumenten/vergelijk/"
        assert chosen(page) == sorted([RAAMWERK, "werkbalans"])
        table = page.get_by_role("table", name="Vergelijking van Raamwerk")
        expect(table).to_be_visible()
        expect(table.get_by_role("columnheader", name="Werkbalans")).to_be_visible()
        expect(table.get_by_role("rowheader", name="Wie doet mee")).to_be_visible()
        expect(table).to_contain_text("werkgever, leidinggevenden en onderwijspersoneel")
        expect(table).to_contain_text("Werkbalans verder implementeren")
        assert_accessible(page)
        # Removing one leaves a single instrument: the page asks for another, kindly.
        page.get_by_role(
            "link", name=re.compile(r"^Verwijder\s+Werkbalans\s+uit vergelijking$")
        ).click()
        expect(page.get_by_text("Kies nog minstens één instrument")).to_be_visible()
        assert chosen(page) == [RAAMWERK]
        assert_accessible(page)
    finally:
        context.close()


def test_without_javascript_the_ticked_cards_are_compared(browser, site):
    context = browser.new_context(viewport=WIDE, locale="nl-NL", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site}{CATALOGUE}")
        page.get_by_label("Vergelijk Werkbalans").check()
        page.get_by_label("Vergelijk Raamwerk").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Vergelijk geselecteerde instrumenten").click()
        assert chosen(page) == sorted([RAAMWERK, "werkbalans"])
        expect(page.get_by_role("table")).to_be_visible()
    finally:
        context.close()


def test_at_most_four_and_the_choice_survives_filtering_in_place(browser, site):
    context = browser.new_context(viewport=WIDE, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}/instrumenten/?sector=vo")
        boxes = page.locator("input[data-compare-toggle]")
        for n in range(4):
            boxes.nth(n).check()
        fifth = boxes.nth(4)
        fifth.click()
        expect(fifth).not_to_be_checked()
        expect(page.locator("[data-compare-status]")).to_contain_text("maximaal 4")
        first = boxes.nth(0).get_attribute("value")
        # Filtering swaps the results in place; the remembered boxes are ticked again.
        page.locator("label[for=f-pijler-kunnen-werken]").click()
        expect(page).to_have_url(re.compile(r"pijler=kunnen-werken"))
        expect(
            page.get_by_role("button", name="Vergelijk geselecteerde instrumenten (4)")
        ).to_be_visible()
        with page.expect_navigation():
            page.get_by_role("button", name="Vergelijk geselecteerde instrumenten (4)").click()
        assert len(chosen(page)) == 4 and first in chosen(page)
        expect(page.get_by_role("table")).to_be_visible()
    finally:
        context.close()


def test_on_a_phone_each_instrument_is_a_card_without_sideways_scrolling(browser, site):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site}{COMPARE}")
        expect(page.get_by_role("table")).to_be_hidden()
        cards = page.locator(".compare-card")
        expect(cards).to_have_count(2)
        expect(page.get_by_role("heading", level=2, name="Werkbalans")).to_be_visible()
        expect(cards.nth(1)).to_contain_text("Wie doet mee")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_accessible(page)
    finally:
        context.close()
