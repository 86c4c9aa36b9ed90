"""Guides, long pages and detail pages in a real browser: the step comes first on a phone,
the cycle is legible, anchors land in view, contents stay in view, and paper shows content
with its addresses."""

import re

from playwright.sync_api import expect

from tests.browser.pages import BROWSER_DB, GUIDE_URL, IGNORE_PLUGIN_WARNING

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

PHONE = {"width": 360, "height": 800}
WIDE = {"width": 1280, "height": 800}
STEP_URL = f"{GUIDE_URL}werkwijze/"
JAARPLAN_URL = "/jaarplan/jaarplan-voion-2024/"
INSTRUMENT_URL = "/instrumenten/werkbalans/"


def phone_page(browser):
    return browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True).new_page()


def header_bottom(page) -> float:
    """Where the page's own content starts to be visible: below a header that stays put."""
    return page.evaluate(
        """() => {
          const header = document.querySelector('.site-header');
          const position = header ? getComputedStyle(header).position : 'static';
          return ['sticky', 'fixed'].includes(position) ? header.getBoundingClientRect().bottom : 0;
        }"""
    )


def test_on_a_phone_the_step_comes_first_and_the_steps_navigation_is_collapsed(browser, site):
    page = phone_page(browser)
    try:
        page.goto(f"{site}{STEP_URL}")
        heading = page.locator("h1")
        expect(heading).to_have_text("Werkwijze")
        assert heading.bounding_box()["y"] < PHONE["height"], "the step's heading is not in view"
        # The step's text starts on the first screen too.
        first_text = page.locator(".guide-main .body > *").first
        assert first_text.bounding_box()["y"] < PHONE["height"]

        steps = page.locator("details.step-nav")
        summary = steps.locator("summary")
        expect(summary).to_have_text(re.compile(r"^Alle stappen \(\d+\)$"))
        assert steps.evaluate("details => details.open") is False
        current = page.locator("nav.step-list a[aria-current='page']")
        expect(current).to_be_hidden()
        # Previous/next come at the end of the step, before the navigation.
        pager = page.locator("nav.pager")
        assert pager.bounding_box()["y"] > first_text.bounding_box()["y"]
        assert steps.bounding_box()["y"] > pager.bounding_box()["y"]

        summary.click()
        expect(current).to_be_visible()
        expect(current).to_have_text("Werkwijze")
    finally:
        page.context.close()


def test_the_cycle_is_legible_on_a_phone_and_each_phase_links_to_its_step(browser, site):
    page = phone_page(browser)
    try:
        page.goto(f"{site}{GUIDE_URL}")
        svg = page.locator("figure.cycle svg")
        svg.scroll_into_view_if_needed()
        sizes = svg.evaluate(
            """svg => [...svg.querySelectorAll('text')].map(text =>
                 parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a)"""
        )
        assert sizes, "the cycle has no text"
        assert min(sizes) >= 14, f"cycle text renders at {min(sizes):.1f}px"
        # Nothing is drawn on the arrows: the only text is the phase numbers.
        numbers = svg.locator("text").all_text_contents()
        assert numbers == [str(n) for n in range(1, len(numbers) + 1)]

        # The phases are the guide's real phases: the numbered list beside the cycle,
        # each circle linking where its list item links; the appendix is not one of them.
        phase_links = svg.locator("a")
        hrefs = [phase_links.nth(i).get_attribute("href") for i in range(phase_links.count())]
        listed = page.locator(".guide-steps nav.step-list ol.step-phases > li > a")
        assert hrefs == [listed.nth(i).get_attribute("href") for i in range(listed.count())]
        assert len(hrefs) == len(numbers)
        appendix = page.locator(".guide-steps .step-appendix a").get_attribute("href")
        assert appendix not in hrefs

        title = listed.nth(2).inner_text()
        with page.expect_navigation():
            phase_links.nth(2).click()
        assert page.url.endswith(hrefs[2])
        expect(page.locator("h1")).to_have_text(title)
        expect(page.locator("svg a[aria-current='step']")).to_have_attribute(
            "aria-label", f"Stap 3: {title}"
        )
    finally:
        page.context.close()


def test_a_jump_in_the_jaarplan_contents_lands_with_the_heading_in_view(browser, site):
    page = browser.new_context(viewport=WIDE, locale="nl-NL").new_page()
    try:
        page.goto(f"{site}{JAARPLAN_URL}")
        contents = page.locator("nav.contents")
        expect(contents.get_by_role("heading", name="Op deze pagina")).to_be_visible()
        link = contents.get_by_role("link", name="Gezond werken")
        target = link.get_attribute("href").lstrip("#")
        link.click()
        page.wait_for_url(re.compile(rf"#{target}$"))
        heading = page.locator(f"[id='{target}'] h3")
        expect(heading).to_be_in_viewport()
        top = heading.bounding_box()["y"]
        assert top >= header_bottom(page), "the heading is hidden under the header"
        assert top < WIDE["height"] / 2

        # On a wide screen the contents stays in view while reading, down to the end.
        page.keyboard.press("End")
        page.wait_for_function("window.scrollY > 3000")
        expect(contents).to_be_in_viewport()
        back = page.get_by_role("link", name="Naar boven").last
        back.click()
        page.wait_for_function("window.scrollY < 400")
    finally:
        page.context.close()


def test_a_printed_instrument_page_has_no_navigation_and_spells_out_addresses(page, site):
    page.goto(f"{site}{INSTRUMENT_URL}")
    main_action = page.locator(".main-action a")
    address = main_action.get_attribute("href")
    assert address.startswith("http")
    page.emulate_media(media="print")

    for chrome in (
        "nav[aria-label='Hoofdmenu']",
        "nav[aria-label='Kruimelpad']",
        "form[role='search']",
        ".site-footer",
        ".page-actions",
    ):
        expect(page.locator(chrome)).to_be_hidden()
    # The main action prints as words with its address, not as an empty coloured box.
    after = main_action.evaluate("a => getComputedStyle(a, '::after').content")
    assert address in after
    background = main_action.evaluate("a => getComputedStyle(a).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent")
    footer = page.locator(".print-footer")
    expect(footer).to_be_visible()
    expect(footer).to_contain_text(f"Afgedrukt van {site}{INSTRUMENT_URL}, bijgewerkt")

    page.emulate_media(media="screen")
    expect(page.locator(".print-footer")).to_be_hidden()
    expect(page.locator(".page-actions")).to_be_visible()
