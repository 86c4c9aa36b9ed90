"""Filtering that keeps your place: the catalogue and the kennisbank filtered with the
keyboard alone, results updated in place (address, focus, announced count, Back), the sort
order that never changes the page on arrow keys, the same without JavaScript, and the
collapsed filter panel on a phone."""

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from tests.browser.pages import BROWSER_DB, IGNORE_PLUGIN_WARNING

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 800}
PILLAR_ID = "f-pijler-kunnen-werken"
SECTOR_ID = "f-sector-vo"
COUNT = re.compile(r"^\s*(\d+) (instrument|instrumenten|artikel|artikelen) gevonden")


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def announced(page) -> str:
    return page.locator("[data-result-count]").inner_text()


def count_in(text: str) -> int:
    match = COUNT.match(text)
    assert match, f"no result count in {text!r}"
    return int(match.group(1))


def promised(page, checkbox_id: str) -> int:
    """The number a facet option promises, e.g. "Kunnen werken (30)"."""
    count = page.locator(f"label[for={checkbox_id}] .count").inner_text()
    return int(re.match(r"\s*(\d+)", count).group(1))


def titles(page) -> list[str]:
    return page.locator(".listing-results .cards article h3").all_inner_texts()


def focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def tab_to(page, element_id: str, limit: int = 60) -> int:
    """Press Tab until the element with this id has focus; returns the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused_id(page) == element_id:
            return presses
    raise AssertionError(f"#{element_id} not reached in {limit} Tabs")


def mark_document(page):
    """A flag that only survives as long as the page is not reloaded."""
    page.evaluate("window.__sameDocument = true")


def assert_same_document(page):
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded"


def server_titles(browser, site, url: str) -> list[str]:
    """What the server renders for this address, in a fresh browser without JavaScript."""
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        other = context.new_page()
        other.goto(url if url.startswith("http") else f"{site}{url}")
        return titles(other)
    finally:
        context.close()


def test_keyboard_filtering_keeps_focus_announces_the_count_and_back_restores(browser, site):
    context = browser.new_context(viewport=WIDE, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}/instrumenten/")
        unfiltered_titles, unfiltered_text = titles(page), announced(page)
        expect(page.locator("[data-result-count]")).to_have_attribute("aria-live", "polite")
        mark_document(page)

        # Tab to "Kunnen werken" and tick it with Space.
        tab_to(page, PILLAR_ID)
        will_give = promised(page, PILLAR_ID)
        page.keyboard.press("Space")
        expect(page).to_have_url(re.compile(r"/instrumenten/\?pijler=kunnen-werken$"))
        expect(page.locator("[data-result-count]")).to_have_text(
            re.compile(rf"^{will_give} instrumenten gevonden")
        )
        assert_same_document(page)
        assert focused_id(page) == PILLAR_ID, "focus left the checkbox that was ticked"
        expect(page.locator(f"#{PILLAR_ID}")).to_be_checked()
        pillar_titles = titles(page)
        assert pillar_titles == server_titles(browser, site, page.url)
        assert len(pillar_titles) == min(will_give, 20)
        expect(page.locator(".chips .chip").filter(has_text="Kunnen werken")).to_have_count(1)
        expect(page.locator("[data-filter-summary]")).to_have_text("Filters (1 actief)")

        # The next Tab goes on from the checkbox, not from the top of the page.
        page.keyboard.press("Tab")
        assert focused_id(page) == "f-pijler-competent-zijn"

        # Tick "Voortgezet onderwijs" too: the count the facet promised is what is announced.
        tab_to(page, SECTOR_ID)
        will_give = promised(page, SECTOR_ID)
        page.keyboard.press("Space")
        expect(page).to_have_url(re.compile(r"pijler=kunnen-werken&sector=vo$"))
        expect(page.locator("[data-result-count]")).to_have_text(
            re.compile(rf"^{will_give} instrumenten gevonden")
        )
        assert focused_id(page) == SECTOR_ID
        assert titles(page) == server_titles(browser, site, page.url)

        # Back restores the previous results, in place; and once more, the unfiltered list.
        page.go_back()
        expect(page).to_have_url(re.compile(r"/instrumenten/\?pijler=kunnen-werken$"))
        expect(page.locator(f"#{SECTOR_ID}")).not_to_be_checked()
        expect(page.locator(f"#{PILLAR_ID}")).to_be_checked()
        expect(page.locator(".listing-results .cards article h3")).to_have_text(pillar_titles)
        page.go_back()
        expect(page).to_have_url(re.compile(r"/instrumenten/$"))
        expect(page.locator("[data-result-count]")).to_have_text(
            re.compile(re.escape(unfiltered_text))
        )
        expect(page.locator(".listing-results .cards article h3")).to_have_text(unfiltered_titles)
        expect(page.locator(".chips")).to_have_count(0)
        assert_same_document(page)
    finally:
        context.close()


def test_removing_a_chip_updates_in_place_and_keeps_focus_in_the_chips(browser, site):
    context = browser.new_context(viewport=WIDE, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}/instrumenten/?pijler=kunnen-werken&sector=vo")
        mark_document(page)
        chip = page.locator(".chips .chip").filter(has_text="Kunnen werken")
        chip.focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/instrumenten/\?sector=vo$"))
        assert_same_document(page)
        expect(page.locator(f"#{PILLAR_ID}")).not_to_be_checked()
        expect(page.locator(".chips .chip")).to_have_count(1)
        remaining = page.evaluate("document.activeElement.textContent")
        assert "Voortgezet onderwijs" in remaining, "focus should move to the remaining chip"
        assert count_in(announced(page)) == promised(page, SECTOR_ID)
    finally:
        context.close()


def test_sort_order_does_not_change_the_page_on_arrow_keys(browser, site):
    context = browser.new_context(viewport=WIDE, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}/instrumenten/")
        before = titles(page)
        mark_document(page)
        requests = []
        page.on(
            "request",
            lambda request: "/instrumenten/" in request.url and requests.append(request.url),
        )

        tab_to(page, "sortering")
        chosen_before = page.locator("#sortering").input_value()
        page.keyboard.press("ArrowDown")
        chosen = page.locator("#sortering").input_value()
        assert chosen != chosen_before, "ArrowDown should move the choice"
        page.wait_for_timeout(600)
        assert requests == [], "moving through the sort order must not load anything"
        assert urlsplit(page.url).query == ""
        assert titles(page) == before
        assert focused_id(page) == "sortering"

        # Enter commits the choice: applied in place, focus stays on the select.
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(rf"sort={chosen}"))
        assert_same_document(page)
        expect(page.locator(".listing-results .cards article h3").first).not_to_have_text(before[0])
        assert titles(page) == server_titles(browser, site, page.url)
        assert focused_id(page) == "sortering"
        expect(page.locator("#sortering")).to_have_value(chosen)
    finally:
        context.close()


def test_filter_without_javascript_with_the_apply_button_at_the_top(browser, site):
    context = browser.new_context(viewport=WIDE, java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}/instrumenten/")
        will_give = promised(page, PILLAR_ID)
        top_button = page.locator("#filters-toepassen-boven")
        first_facet = page.locator("fieldset.facet").first
        assert top_button.bounding_box()["y"] < first_facet.bounding_box()["y"]

        tab_to(page, PILLAR_ID)
        page.keyboard.press("Space")
        expect(page.locator(f"#{PILLAR_ID}")).to_be_checked()
        assert urlsplit(page.url).query == "", "without JavaScript nothing happens until submit"
        # Shift+Tab back up to the apply button at the top of the panel and press it.
        for _ in range(20):
            page.keyboard.press("Shift+Tab")
            if focused_id(page) == "filters-toepassen-boven":
                break
        assert focused_id(page) == "filters-toepassen-boven"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert query(page).get("pijler") == ["kunnen-werken"]
        assert count_in(announced(page)) == will_give
        expect(page.locator(f"#{PILLAR_ID}")).to_be_checked()
        expect(page.locator(".chips .chip").filter(has_text="Kunnen werken")).to_have_count(1)

        # The sort order is applied by the same button, never by the select itself.
        applied_url = page.url
        page.locator("#sortering").select_option("nieuw")
        assert page.url == applied_url
        with page.expect_navigation():
            page.locator("#filters-toepassen-onder").click()
        assert query(page).get("sort") == ["nieuw"]
        assert query(page).get("pijler") == ["kunnen-werken"]
    finally:
        context.close()


def test_on_a_phone_the_panel_is_collapsed_and_shows_its_results(browser, site):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site}/instrumenten/?sector=vo")
        toggle = page.locator("summary.filter-toggle")
        expect(toggle).to_be_visible()
        expect(toggle).to_have_text("Filters (1 actief)")
        expect(page.locator(f"#{PILLAR_ID}")).to_be_hidden()
        first_result = page.locator(".listing-results .cards article").first
        assert first_result.bounding_box()["y"] <= 1200

        toggle.click()
        expect(page.locator(f"#{PILLAR_ID}")).to_be_visible()
        total = count_in(announced(page))
        show = page.get_by_role("button", name=re.compile(r"^Toon \d+ resultaten?$"))
        expect(show).to_have_text(f"Toon {total} resultaten")
        expect(show).to_be_in_viewport()  # it stays at the foot of the open panel

        will_give = promised(page, PILLAR_ID)
        page.locator(f"label[for={PILLAR_ID}]").click()
        expect(show).to_have_text(re.compile(rf"^Toon {will_give} resultaten?$"))
        expect(toggle).to_have_text("Filters (2 actief)")
        show.click()
        expect(page.locator(f"#{PILLAR_ID}")).to_be_hidden()
        assert focused_id(page) == "resultaten-kop"
        expect(page.locator("[data-result-count]")).to_be_in_viewport()
        assert count_in(announced(page)) == will_give
    finally:
        context.close()


def test_on_a_phone_without_javascript_the_panel_is_collapsed_too(browser, site):
    context = browser.new_context(
        viewport=PHONE, locale="nl-NL", is_mobile=True, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(f"{site}/instrumenten/")
        assert page.locator(".listing-results .cards article").first.bounding_box()["y"] <= 1200
        page.locator("summary.filter-toggle").click()
        page.locator(f"label[for={PILLAR_ID}]").click()
        with page.expect_navigation():
            page.locator("#filters-toepassen-boven").click()
        assert query(page).get("pijler") == ["kunnen-werken"]
    finally:
        context.close()


def test_on_wide_screens_the_panel_is_an_open_sidebar(browser, site):
    for javascript in (True, False):
        context = browser.new_context(viewport=WIDE, locale="nl-NL", java_script_enabled=javascript)
        try:
            page = context.new_page()
            page.goto(f"{site}/kennisbank/")
            expect(page.locator("summary.filter-toggle")).to_be_hidden()
            expect(page.locator("fieldset.facet").first).to_be_visible()
            panel = page.locator(".listing-filters").bounding_box()
            results = page.locator(".listing-results").bounding_box()
            assert panel["x"] + panel["width"] <= results["x"], (
                "the panel is not beside the results"
            )
            expect(page.get_by_role("button", name=re.compile("^Toon"))).to_be_hidden()
        finally:
            context.close()


def test_kennisbank_filters_in_place_too(browser, site):
    context = browser.new_context(viewport=WIDE, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}/kennisbank/")
        mark_document(page)
        checkbox = page.locator("fieldset.facet input[type=checkbox]").first
        checkbox_id = checkbox.get_attribute("id")
        will_give = promised(page, checkbox_id)
        checkbox.focus()
        page.keyboard.press("Space")
        expect(page.locator("[data-result-count]")).to_have_text(
            re.compile(rf"^{will_give} artikel(en)? gevonden")
        )
        assert_same_document(page)
        assert focused_id(page) == checkbox_id
        assert titles(page) == server_titles(browser, site, page.url)
    finally:
        context.close()
