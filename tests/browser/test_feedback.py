"""'Was deze pagina nuttig?' in a real browser, on a page served from the page cache: with
JavaScript the answer is sent in the background; without, the page comes back thanking."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.pages import BROWSER_DB, IGNORE_PLUGIN_WARNING, PAGES
from voion_portal.feedback.models import Paginafeedback

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

ARTICLE = PAGES["artikel"]
COMMENT = "Graag een voorbeeld uit het mbo."
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def open_from_the_page_cache(page, url):
    """Another visitor's request fills the page cache; this visitor is served from it."""
    assert page.request.get(url).headers.get("x-page-cache") == "miss"
    response = page.goto(url)
    assert response.headers.get("x-page-cache") == "hit"
    widget = page.get_by_role("region", name="Was deze pagina nuttig?")
    expect(widget).to_be_visible()
    expect(widget.locator("input[name=csrfmiddlewaretoken]")).to_have_count(0)
    return widget


def answer_no_with_a_comment(page, widget):
    widget.get_by_text("Iets toevoegen?").click()
    comment = widget.get_by_label("Wat kunnen we aan deze pagina verbeteren?")
    expect(comment).to_be_visible()
    expect(comment).to_have_accessible_description(re.compile(r"^Schrijf geen persoonsgegevens op"))
    comment.fill(COMMENT)
    # With the keyboard: from the comment to "Ja", "Nee", and press it.
    page.keyboard.press("Tab")
    expect(widget.get_by_role("button", name="Ja")).to_be_focused()
    page.keyboard.press("Tab")
    expect(widget.get_by_role("button", name="Nee")).to_be_focused()
    page.keyboard.press("Enter")


def assert_stored(path):
    stored = Paginafeedback.objects.get()
    assert (stored.pad, stored.nuttig, stored.opmerking) == (path, False, COMMENT)


def test_with_javascript_the_answer_goes_in_the_background(page, site, problems):
    widget = open_from_the_page_cache(page, f"{site}{ARTICLE}")
    answer_no_with_a_comment(page, widget)
    thanks = page.get_by_text("Bedankt voor uw reactie")
    expect(thanks).to_be_visible()
    expect(thanks).to_be_focused()
    expect(widget.get_by_role("button", name="Nee")).to_be_hidden()
    assert page.url == f"{site}{ARTICLE}"  # no reload
    assert_stored(ARTICLE)
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()
    assert problems.messages == []


def test_without_javascript_the_page_comes_back_thanking(browser, site, page):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    visitor = context.new_page()
    try:
        widget = open_from_the_page_cache(visitor, f"{site}{ARTICLE}")
        with visitor.expect_navigation():
            answer_no_with_a_comment(visitor, widget)
        assert visitor.url == f"{site}{ARTICLE}?feedback=bedankt#feedback"
        thanks = visitor.get_by_text("Bedankt voor uw reactie")
        expect(thanks).to_be_visible()
        expect(thanks).to_be_focused()
        expect(visitor.get_by_role("button", name="Nee")).to_have_count(0)
        assert_stored(ARTICLE)
    finally:
        context.close()
    # axe needs JavaScript to run: the same thank-you page, checked in a page that has it.
    page.goto(f"{site}{ARTICLE}?feedback=bedankt#feedback")
    expect(page.get_by_text("Bedankt voor uw reactie")).to_be_visible()
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_the_catalogue_keeps_its_filters_after_answering_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    try:
        url = f"{site}{PAGES['instrumenten-gefilterd']}"
        page.goto(url)
        with page.expect_navigation():
            page.get_by_role("button", name="Ja").click()
        assert page.url == f"{url}&feedback=bedankt#feedback"
        assert Paginafeedback.objects.get().pad == "/instrumenten/"
    finally:
        context.close()
