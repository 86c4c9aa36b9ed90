"""WCAG 2.1 A/AA checks with axe-core in a real browser, on every page type, and a phone-
width check. A failure message is axe's report: rule, element and what to fix."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.pages import BROWSER_DB, IGNORE_PLUGIN_WARNING, PAGES, PILOT_URL

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

axe = Axe()


def assert_accessible(page):
    results = axe.run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_page_meets_wcag_21_aa(page, site, path):
    page.goto(f"{site}{path}")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert_accessible(page)


def test_pilot_form_with_errors_meets_wcag_21_aa(page, site):
    page.goto(f"{site}{PILOT_URL}")
    with page.expect_navigation():
        page.get_by_role("button", name="Interesse aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Controleer het formulier")
    assert_accessible(page)


def test_pilot_thank_you_meets_wcag_21_aa(page, site):
    page.goto(f"{site}{PILOT_URL}")
    page.get_by_label("Naam").fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna.devries@svon.nl")
    page.get_by_label("School of bestuur").fill("Stichting Voortgezet Onderwijs Noord")
    page.get_by_role("checkbox", name="Ik geef toestemming", exact=False).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Interesse aanmelden").click()
    expect(page.get_by_text("Dank u wel")).to_be_visible()
    assert_accessible(page)


PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize(
    "path",
    [PAGES["home"], PAGES["instrumenten-gefilterd"], PAGES["substap"]],
    ids=["home", "instrumenten-gefilterd", "substap"],
)
def test_no_horizontal_scroll_on_a_phone(browser, site, path):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site}{path}")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate(
            """(limit) => Array.from(document.querySelectorAll('body *'))
                .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
                .slice(0, 5)
                .map((el) => el.tagName.toLowerCase()
                     + (el.id ? '#' + el.id : '')
                     + (el.className && typeof el.className === 'string'
                        ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                     + ' right=' + Math.round(el.getBoundingClientRect().right))""",
            PHONE["width"],
        )
        assert scroll_width <= PHONE["width"], f"page is {scroll_width}px wide: {wide}"
    finally:
        context.close()
