"""The page frame as a visitor meets it: a compact header with a menu button on a phone, the
navigation without JavaScript, the footer; and a screenshot of every page type at phone and
laptop width (into tests/browser/screens/, or the folder VOION_SCREENSHOTS names)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.pages import BROWSER_DB, GUIDE_URL, IGNORE_PLUGIN_WARNING, PAGES

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

PHONE = {"width": 360, "height": 800}
LAPTOP = {"width": 1280, "height": 800}
SCREENS = Path(os.environ.get("VOION_SCREENSHOTS") or Path(__file__).parent / "screens")

# Every page type a visitor meets, by name.
PAGE_TYPES = {
    "home": PAGES["home"],
    "kennisbank": PAGES["kennisbank"],
    "catalogus": PAGES["instrumenten"],
    "catalogus-gefilterd": PAGES["instrumenten-gefilterd"],
    "instrument": PAGES["instrument"],
    "artikel": PAGES["artikel"],
    "jaarplannen": PAGES["jaarplannen"],
    "jaarplan": PAGES["jaarplan"],
    "thema": PAGES["thema"],
    "themas": "/themas/",
    "pilots": PAGES["pilots"],
    "pilot": PAGES["pilot"],
    "stappenplannen": PAGES["stappenplannen"],
    "stappenplan": GUIDE_URL,
    "stap": PAGES["stap"],
    "zoeken": PAGES["zoeken"],
    "toegankelijkheid": "/toegankelijkheid/",
    "privacy": PAGES["privacy"],
    "404": PAGES["404"],
}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_without_script(browser):
    context = browser.new_context(viewport=PHONE, locale="nl-NL", java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_phone_header_is_compact_and_the_menu_button_opens_the_navigation(phone, site, problems):
    problems.watch(phone)
    phone.goto(f"{site}/kennisbank/")
    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= PHONE["height"] * 0.25, f"header is {header['height']}px tall"
    menu = phone.get_by_role("button", name="Menu")
    navigation = phone.get_by_role("navigation", name="Hoofdmenu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_have_attribute("aria-controls", "hoofdmenu")
    expect(navigation.get_by_role("link", name="Instrumenten")).to_be_hidden()
    expect(phone.get_by_role("searchbox", name="Zoek in het portaal")).to_be_visible()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(navigation.get_by_role("link", name="Instrumenten")).to_be_visible()
    expect(navigation.get_by_role("link", name="Kennisbank")).to_have_attribute(
        "aria-current", "page"
    )

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(navigation.get_by_role("link", name="Instrumenten")).to_be_hidden()
    assert problems.messages == []


def test_menu_works_with_the_keyboard_alone(phone, site):
    phone.goto(f"{site}/")
    phone.keyboard.press("Tab")  # the skip link
    phone.keyboard.press("Tab")  # the logo and name
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.getAttribute('aria-controls')") == "hoofdmenu"
    phone.keyboard.press("Enter")
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent.trim()") == "Kennisbank"
    phone.keyboard.press("Escape")
    menu = phone.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()


def test_without_javascript_the_navigation_simply_shows(phone_without_script, site):
    page = phone_without_script
    page.goto(f"{site}/")
    navigation = page.get_by_role("navigation", name="Hoofdmenu")
    for label in ("Kennisbank", "Instrumenten", "Thema's", "Jaarplannen", "Pilots"):
        expect(navigation.get_by_role("link", name=label)).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()


def test_on_a_laptop_the_navigation_shows_without_a_menu_button(page, site):
    page.set_viewport_size(LAPTOP)
    page.goto(f"{site}/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    navigation = page.get_by_role("navigation", name="Hoofdmenu")
    expect(navigation.get_by_role("link", name="Keuzehulp")).to_be_visible()
    expect(page.get_by_role("link", name="Mijn selectie")).to_be_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 100, f"header is {header['height']}px tall on a laptop"


def test_footer_names_the_organisation_contact_and_statements(page, site):
    page.goto(f"{site}/")
    footer = page.get_by_role("contentinfo")
    expect(footer).to_contain_text("Voion")
    expect(footer.get_by_role("link", name="info@voion.nl")).to_have_attribute(
        "href", "mailto:info@voion.nl"
    )
    footer.get_by_role("link", name="Toegankelijkheid").click()
    expect(page).to_have_url(f"{site}/toegankelijkheid/")
    expect(page).to_have_title(re.compile(r"^Toegankelijkheidsverklaring"))
    expect(page.get_by_role("main")).to_contain_text("WCAG 2.1")
    expect(page.get_by_role("main")).to_contain_text("voldoet gedeeltelijk")
    footer = page.get_by_role("contentinfo")
    expect(footer.get_by_role("link", name="Privacyverklaring")).to_be_visible()
    expect(
        footer.get_by_role("link", name="RSS-feed kennisbank (nieuwe artikelen)")
    ).to_have_attribute("href", "/feeds/kennisbank/")


def test_home_starts_from_what_a_visitor_wants_to_do(page, site):
    page.goto(f"{site}/")
    page.get_by_role("link", name="Kunnen werken").first.click()
    expect(page).to_have_url(f"{site}/instrumenten/?pijler=kunnen-werken")
    page.go_back()
    page.get_by_role("link", name="Aan de slag met strategisch personeelsbeleid").click()
    expect(page).to_have_url(f"{site}{GUIDE_URL}")


@pytest.mark.parametrize("width", [PHONE["width"], LAPTOP["width"]])
def test_screenshot_of_every_page_type(browser, site, width):
    """Not an assertion of looks: the pictures to look at before calling a change done."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="nl-NL", is_mobile=width < 600
    )
    try:
        page = context.new_page()
        for name, path in PAGE_TYPES.items():
            response = page.goto(f"{site}{path}")
            assert response.status == (404 if name == "404" else 200), path
            page.screenshot(path=SCREENS / f"{name}-{width}.png", full_page=True)
    finally:
        context.close()
