"""The keuzehulp in a real browser: four questions on a phone with the keyboard alone,
the error when nothing is chosen, Back and "Vorige vraag", and axe on every step."""

import re
from urllib.parse import parse_qs, urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.pages import BROWSER_DB, IGNORE_PLUGIN_WARNING

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

PHONE = {"width": 360, "height": 740}
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
axe = Axe()
ANSWERS = [("sector", "vo"), ("doel", "gesprek"), ("onderwerp", "werkdruk"), ("voor", "team")]


def assert_accessible(page):
    results = axe.run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, predicate, limit: int = 60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return
    raise AssertionError(f"not reached in {limit} Tabs: {predicate}")


def choose_with_keyboard(page, param: str, value: str):
    """Tab into the radio group, arrow to the answer, Tab to the button and press Enter."""
    tab_to(page, f"document.activeElement.name === '{param}'")
    for _ in range(12):
        if focused_id(page) == f"antwoord-{param}-{value}":
            break
        page.keyboard.press("ArrowDown")
    assert page.is_checked(f"#antwoord-{param}-{value}")
    tab_to(page, "document.activeElement.type === 'submit' && !!document.activeElement.form")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_four_questions_with_the_keyboard_on_a_phone(browser, site):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    try:
        page.goto(f"{site}/keuzehulp/")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Welk instrument past bij mijn vraag?"
        )
        for number, (param, value) in enumerate(ANSWERS, start=1):
            expect(page.get_by_text(f"Vraag {number} van 4")).to_be_visible()
            # the question is a fieldset whose legend names it
            expect(
                page.get_by_role("group", name=re.compile(f"^Vraag {number} van 4"))
            ).to_be_visible()
            assert_accessible(page)
            choose_with_keyboard(page, param, value)
            assert parse_qs(urlsplit(page.url).query)[param] == [value]

        assert urlsplit(page.url).path == "/keuzehulp/resultaat/"
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Instrumenten die passen bij uw vraag"
        )
        full = page.locator("section:has(#kop-passend) .keuzehulp-result")
        expect(full.filter(has_text="Werkbalans")).to_have_count(1)
        expect(full.first.locator(".keuzehulp-reden")).to_have_text(
            "Past bij: vo · gesprek · werkdruk · team"
        )
        assert 4 <= full.count() <= 7
        assert_accessible(page)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= PHONE["width"]

        # The catalogue link gives the same selection.
        count = full.count()
        page.get_by_role("link", name="Bekijk in de catalogus, met dezelfde filters").click()
        expect(page.locator("[data-result-count]")).to_contain_text(f"{count} instrumenten")

        # Back returns to the result; "Vorige vraag" to the last question, answer kept.
        page.go_back()
        assert urlsplit(page.url).path == "/keuzehulp/resultaat/"
        page.get_by_role("link", name="Vorige vraag").click()
        assert page.is_checked("#antwoord-voor-team")
        assert problems == []
    finally:
        context.close()


def test_choosing_nothing_shows_the_error_and_focuses_it(page, site):
    page.goto(f"{site}/keuzehulp/vraag/doel/?sector=vo")
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende vraag").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Kies wat u wilt doen, of kies ‘Maakt niet uit’.")
    assert focused_id(page) == "formulierfouten"
    assert page.title().startswith("Fout: ")
    assert_accessible(page)
    # the link in the summary leads to the first answer
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused_id(page).startswith("antwoord-doel-")


def test_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}/keuzehulp/")
        for param, value in ANSWERS:
            page.check(f"#antwoord-{param}-{value}")
            with page.expect_navigation():
                page.locator("form.keuzehulp-form button[type=submit]").click()
        expect(page.locator(".keuzehulp-result").first).to_contain_text("Past bij:")
    finally:
        context.close()
