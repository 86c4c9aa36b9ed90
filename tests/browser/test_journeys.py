"""What visitors do on the portal, in a real browser: filter and share the catalogue, walk a
guide step by step, register interest in a pilot; and no page throws errors at them."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from pilots.models import Interesseaanmelding
from tests.browser.pages import (
    BROWSER_DB,
    GUIDE_URL,
    IGNORE_PLUGIN_WARNING,
    NOT_FOUND_URL,
    PAGES,
    PILOT_URL,
)

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

PILLAR = re.compile(r"^Kunnen werken\b")
SECTOR_VO = re.compile(r"^Voortgezet onderwijs\b")


def result_count(page) -> int:
    text = page.locator("p.result-count").inner_text()
    match = re.match(r"\s*(\d+)\b", text)
    assert match, f"no number in the result count {text!r}"
    return int(match.group(1))


def facet_count(page, facet: str, option: re.Pattern) -> int:
    """The number a facet option promises ("Voortgezet onderwijs 26 resultaten")."""
    label = page.get_by_role("group", name=facet).locator("label").filter(has_text=option)
    return int(re.search(r"(\d+)", label.inner_text()).group(1))


def checkbox(page, facet: str, option: re.Pattern):
    return page.get_by_role("group", name=facet).get_by_role("checkbox", name=option)


def result_titles(page) -> list[str]:
    return page.locator(".listing-results .cards article h3").all_inner_texts()


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def assert_filtered_on_pillar_and_vo(page, total: int, after_pillar: int, promised_vo: int):
    assert query(page).get("pijler") == ["kunnen-werken"], page.url
    assert query(page).get("sector") == ["vo"], page.url
    count = result_count(page)
    assert 0 < count < total
    assert count <= after_pillar
    assert count == promised_vo, "the facet promised a different number of results"
    expect(page.locator("p.result-count")).to_have_attribute("aria-live", "polite")
    chips = page.locator(".chips a.chip")
    expect(chips.filter(has_text="Kunnen werken")).to_have_count(1)
    expect(chips.filter(has_text="Voortgezet onderwijs")).to_have_count(1)
    expect(checkbox(page, "DI-pijler", PILLAR)).to_be_checked()
    expect(checkbox(page, "Sector", SECTOR_VO)).to_be_checked()
    assert len(result_titles(page)) == min(count, settings.PAGE_SIZE)


def test_filter_catalogue_by_ticking_boxes_then_share_and_open_an_instrument(page, site, browser):
    page.goto(f"{site}/instrumenten/")
    total = result_count(page)

    page.evaluate("window.__sameDocument = true")
    promised_pillar = facet_count(page, "DI-pijler", PILLAR)
    checkbox(page, "DI-pijler", PILLAR).click()  # filters.js updates the results in place
    expect(page).to_have_url(re.compile(r"[?&]pijler=kunnen-werken"))
    expect(page.locator("p.result-count")).to_have_text(
        re.compile(rf"^{promised_pillar} instrumenten gevonden")
    )
    after_pillar = result_count(page)
    assert 0 < after_pillar < total
    expect(page.locator(".chips a.chip").filter(has_text="Kunnen werken")).to_have_count(1)

    promised_vo = facet_count(page, "Sector", SECTOR_VO)
    checkbox(page, "Sector", SECTOR_VO).click()
    expect(page).to_have_url(re.compile(r"[?&]sector=vo"))
    expect(page.locator("p.result-count")).to_have_text(
        re.compile(rf"^{promised_vo} instrumenten gevonden")
    )
    assert_filtered_on_pillar_and_vo(page, total, after_pillar, promised_vo)
    assert page.evaluate("window.__sameDocument === true"), "the page was reloaded"

    # "Kopieer link" (in the swapped-in results) copies the selection's address.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    copy = page.locator(".listing-results").get_by_role("button", name="Kopieer link")
    copy.click()
    expect(page.locator(".listing-results [data-share-status]")).to_have_text("Link gekopieerd")
    shared_url = page.evaluate("navigator.clipboard.readText()")
    assert re.search(r"/instrumenten/\?pijler=kunnen-werken&sector=vo$", shared_url), shared_url

    # A colleague opens the shared link in their own browser and sees the same list.
    count_text, titles = page.locator("p.result-count").inner_text(), result_titles(page)
    colleague = browser.new_context(locale="nl-NL")
    try:
        other = colleague.new_page()
        other.goto(shared_url)
        expect(other.locator("p.result-count")).to_have_text(count_text)
        assert result_titles(other) == titles
        expect(checkbox(other, "Sector", SECTOR_VO)).to_be_checked()
    finally:
        colleague.close()

    # Open the first instrument of the results.
    first = page.locator(".listing-results .cards article h3 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/instrumenten/[\w-]+/$"))
    expect(page.locator("h1")).to_have_text(title)


def test_filter_catalogue_without_javascript_with_the_submit_button(browser, site):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(f"{site}/instrumenten/")
        total = result_count(page)
        promised_pillar = facet_count(page, "DI-pijler", PILLAR)

        checkbox(page, "DI-pijler", PILLAR).check()
        checkbox(page, "Sector", SECTOR_VO).check()
        assert urlsplit(page.url).query == "", "without JavaScript nothing happens until submit"

        # The panel has the apply button at its top and at its end: use the top one.
        with page.expect_navigation():
            page.get_by_role("button", name="Filters toepassen").first.click()
        assert result_count(page) <= promised_pillar
        # The number promised next to "vo" on this page is the count after applying it.
        promised_vo = facet_count(page, "Sector", SECTOR_VO)
        assert_filtered_on_pillar_and_vo(page, total, promised_pillar, promised_vo)

        # Removing a filter through its chip works without JavaScript too.
        with page.expect_navigation():
            page.locator(".chips a.chip").filter(has_text="Voortgezet onderwijs").click()
        assert query(page) == {"pijler": ["kunnen-werken"]}
        assert result_count(page) == promised_pillar
    finally:
        context.close()


def test_from_an_instrument_to_its_activity_in_the_jaarplan(page, site):
    page.goto(f"{site}/instrumenten/werkbalans/")
    expect(page.locator("h1")).to_have_text("Werkbalans")
    section = page.locator("section").filter(
        has=page.get_by_role("heading", name="In de jaarplannen")
    )
    link = section.get_by_role("link").first
    title = link.inner_text()
    href = link.get_attribute("href")
    assert re.fullmatch(r"/jaarplan/jaarplan-voion-2024/#[\w-]+", href), href
    fragment = href.split("#", 1)[1]

    link.click()
    page.wait_for_url(re.compile(r"/jaarplan/jaarplan-voion-2024/#" + re.escape(fragment) + "$"))
    assert urlsplit(page.url).fragment == fragment
    target = page.locator(f"[id='{fragment}']")
    expect(target).to_be_visible()
    expect(target).to_be_in_viewport()
    expect(target).to_contain_text(title)
    # The activity links back to the instrument the visitor came from.
    expect(target.locator("a[href='/instrumenten/werkbalans/']")).to_be_visible()


def current_step(page):
    return page.locator("nav.step-list a[aria-current='page']")


def test_search_from_the_header_with_the_keyboard(page, site):
    """A school leader types what they look for in the header's search box and presses Enter."""
    page.goto(f"{site}/")
    box = page.get_by_role("searchbox", name="Zoek in het portaal")
    box.fill("starters begeleiden")
    with page.expect_navigation():
        box.press("Enter")
    expect(page.locator("h1")).to_have_text("Zoeken")
    instruments = page.locator("section.search-group", has=page.locator("#groep-instrumenten"))
    expect(instruments.locator("ol.search-results > li a").first).to_have_text(
        re.compile(r"^Begeleiding starters (po|vo|mbo)$")
    )
    expect(instruments.locator("mark").first).to_be_visible()
    # The typo finds the same, with the correction offered.
    box = page.get_by_role("searchbox", name="Zoek in het portaal")
    box.fill("duurzame inzetbaarhied")
    with page.expect_navigation():
        box.press("Enter")
    expect(page.get_by_text("duurzame inzetbaarheid").first).to_be_visible()
    assert page.locator("section.search-group").count() >= 2


def test_walk_the_shrm_guide_step_by_step(page, site):
    page.goto(f"{site}{GUIDE_URL}")
    start = page.get_by_role("link", name=re.compile(r"^Begin bij stap 1"))
    first_title = start.inner_text().split(":", 1)[1].strip()
    with page.expect_navigation():
        start.click()
    assert re.search(re.escape(GUIDE_URL) + r"[\w-]+/$", page.url), page.url
    expect(page.locator("h1")).to_have_text(first_title)
    expect(current_step(page)).to_have_count(1)
    expect(current_step(page)).to_have_text(first_title)
    # The first step's "previous" link leads back to the overview.
    expect(page.locator("nav.pager a[rel=prev]")).to_contain_text("overzicht")

    visited = [(page.url, first_title)]
    for _ in range(4):
        next_link = page.locator("nav.pager a[rel=next]")
        expect(next_link).to_contain_text("Volgende")
        expected = next_link.inner_text().removeprefix("Volgende").strip()
        with page.expect_navigation():
            next_link.click()
        expect(page.locator("h1")).to_have_text(expected)
        expect(current_step(page)).to_have_count(1)
        expect(current_step(page)).to_have_text(expected)
        assert page.url not in [url for url, _ in visited]
        visited.append((page.url, expected))

    previous_link = page.locator("nav.pager a[rel=prev]")
    expect(previous_link).to_contain_text("Vorige")
    with page.expect_navigation():
        previous_link.click()
    previous_url, previous_title = visited[-2]
    assert page.url == previous_url
    expect(page.locator("h1")).to_have_text(previous_title)
    expect(current_step(page)).to_have_text(previous_title)
    # Still inside step 1 of the cycle: the diagram marks it as the current step.
    expect(page.locator("svg a[aria-current='step']")).to_have_count(1)
    expect(page.locator("svg a[aria-current='step']")).to_have_attribute(
        "aria-label", re.compile(r"^Stap 1: " + re.escape(first_title))
    )


def test_register_interest_in_a_pilot(page, site):
    page.goto(f"{site}{PILOT_URL}")
    form = page.locator("form").filter(has=page.get_by_role("button", name="Interesse aanmelden"))
    submit = form.get_by_role("button", name="Interesse aanmelden")

    # 1. Sending the empty form: Dutch messages, in a summary and at the fields.
    with page.expect_navigation():
        submit.click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Controleer het formulier")
    for message in (
        "Vul uw naam in.",
        "Vul uw e-mailadres in.",
        "Vul uw school of bestuur in.",
        "Geef toestemming voor het gebruik van uw gegevens",
    ):
        expect(summary).to_contain_text(message)
        expect(form.locator(".field-error").filter(has_text=message)).to_have_count(1)
    expect(page.get_by_label("Naam")).to_have_attribute("aria-invalid", "true")

    # 2. Partly filled, with a mistake: what was typed is still there.
    page.get_by_label("Naam").fill("Anna de Vries")
    page.get_by_label("E-mailadres").fill("anna@")
    page.get_by_label("Telefoonnummer").fill("06 12345678")
    page.get_by_label("School of bestuur").fill("Stichting Voortgezet Onderwijs Noord")
    page.get_by_label("Functie").fill("Hr-adviseur")
    page.get_by_label("Toelichting").fill("Wij werken al samen met twee besturen in de regio.")
    with page.expect_navigation():
        submit.click()
    expect(page.get_by_role("alert")).to_contain_text("Vul een geldig e-mailadres in")
    expect(page.get_by_role("alert")).not_to_contain_text("Vul uw naam in.")
    expect(page.get_by_label("Naam")).to_have_value("Anna de Vries")
    expect(page.get_by_label("E-mailadres")).to_have_value("anna@")
    expect(page.get_by_label("Telefoonnummer")).to_have_value("06 12345678")
    expect(page.get_by_label("School of bestuur")).to_have_value(
        "Stichting Voortgezet Onderwijs Noord"
    )
    expect(page.get_by_label("Functie")).to_have_value("Hr-adviseur")
    expect(page.get_by_label("Toelichting")).to_have_value(
        "Wij werken al samen met twee besturen in de regio."
    )
    assert not Interesseaanmelding.objects.exists()

    # 3. Corrected, consent given: thanked, and the editors have the registration.
    page.get_by_label("E-mailadres").fill("anna.devries@svon.nl")
    page.get_by_role("checkbox", name=re.compile(r"^Ik geef toestemming")).check()
    with page.expect_navigation():
        submit.click()
    expect(page.get_by_text("Dank u wel")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    assert urlsplit(page.url).fragment == "aanmelden"

    registration = Interesseaanmelding.objects.get()
    assert registration.pilot.slug == PILOT_URL.strip("/").split("/")[-1]
    assert registration.naam == "Anna de Vries"
    assert registration.email == "anna.devries@svon.nl"
    assert registration.telefoon == "06 12345678"
    assert registration.organisatie == "Stichting Voortgezet Onderwijs Noord"
    assert registration.functie == "Hr-adviseur"
    assert registration.toestemming is True
    assert registration.afgehandeld is False

    # The visitor did not wait for a mail server: the task worker sends the mails.
    assert mail.outbox == []
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert "anna.devries@svon.nl" in [address for message in mail.outbox for address in message.to]
    registration.refresh_from_db()
    assert registration.bevestiging_verstuurd_op is not None


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_console_errors(page, site, problems, path):
    response = page.goto(f"{site}{path}")
    expected_status = 404 if path == NOT_FOUND_URL else 200
    assert response.status == expected_status
    messages = problems.messages
    if expected_status == 404:
        # The browser reports the page's own 404 status; that one is intended.
        own = f"'url': '{page.url}'"
        messages = [m for m in messages if not ("status of 404" in m and own in m)]
    # Chromium asks for the site icon once per browser session, so whichever test comes
    # first would see a missing icon; test_the_site_icon_loads checks it on its own.
    messages = [m for m in messages if "/favicon.ico'" not in m]
    assert messages == [], "\n".join(messages)


def test_the_site_icon_loads(page, site):
    """Browsers fetch the icon a page declares, or /favicon.ico; a 404 is a console error."""
    page.goto(f"{site}/")
    icon_url = page.evaluate(
        "document.querySelector('link[rel~=icon]')?.href || location.origin + '/favicon.ico'"
    )
    response = page.request.get(icon_url)
    assert response.status == 200, f"{icon_url} answers {response.status}"
    assert response.headers["content-type"].startswith("image/"), response.headers
