"""The pilot's interest form in a real browser, with and without JavaScript: from the
status to the form, focus on the error summary, the confirmation in the form's place."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from pilots.models import Interesseaanmelding
from tests.browser.pages import BROWSER_DB, IGNORE_PLUGIN_WARNING, PILOT_URL

pytestmark = [BROWSER_DB, IGNORE_PLUGIN_WARNING]

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def assert_accessible(page, javascript):
    if not javascript:
        return  # axe runs as a script; the markup is the same with and without it
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def visitor(request, browser):
    context = browser.new_context(
        java_script_enabled=request.param, locale="nl-NL", viewport={"width": 360, "height": 800}
    )
    page = context.new_page()
    page.javascript = request.param
    yield page
    context.close()


def test_from_the_status_to_the_form_then_errors_then_thanks(visitor, site):
    page = visitor
    page.goto(f"{site}{PILOT_URL}")
    signup = page.get_by_role("link", name="Meld u aan voor deze pilot")
    expect(signup).to_be_visible()
    signup.click()
    expect(page.get_by_role("heading", name="Interesse aanmelden")).to_be_in_viewport()

    # Sent empty: the title says so and focus is on the summary, in view.
    page.get_by_label("Naam").fill("Anna de Vries")
    with page.expect_navigation():
        page.get_by_role("button", name="Interesse aanmelden").click()
    assert page.title().startswith("Fout: ")
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Vul uw e-mailadres in.")
    expect(page.get_by_label("Naam")).to_have_value("Anna de Vries")
    assert_accessible(page, page.javascript)

    # From the summary with the keyboard to the field it names.
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link", name="Vul uw e-mailadres in.")).to_be_focused()
    page.keyboard.press("Enter")
    email = page.get_by_label("E-mailadres")
    expect(email).to_be_focused()
    expect(email).to_have_accessible_description("Fout: Vul uw e-mailadres in.")

    email.fill("anna.devries@svon.nl")
    page.get_by_label("School of bestuur").fill("Stichting Voortgezet Onderwijs Noord")
    page.get_by_role("checkbox").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Interesse aanmelden").click()

    # Thanked, with what happens next, focused; no empty form to fill in again.
    assert not page.title().startswith("Fout")
    panel = page.locator(".confirmation-panel")
    expect(panel).to_be_focused()
    expect(panel).to_be_in_viewport()
    expect(panel.get_by_role("heading").first).to_have_text(
        "Dank u wel, uw aanmelding is ontvangen"
    )
    expect(panel).to_contain_text("binnen twee weken")
    expect(page.get_by_role("button", name="Interesse aanmelden")).to_have_count(0)
    expect(page.get_by_label("Naam")).to_have_count(0)
    assert Interesseaanmelding.objects.get().naam == "Anna de Vries"
    assert_accessible(page, page.javascript)

    # A reload shows the form again, the confirmation is gone.
    page.goto(f"{site}{PILOT_URL}")
    expect(page.locator(".confirmation-panel")).to_have_count(0)
    expect(page.get_by_role("button", name="Interesse aanmelden")).to_be_visible()
