"""Long plans and guides in the admin, in a real browser: the SHRM guide's steps reordered by
dragging and with the keyboard, an activity edited inside the Jaarplan 2024's page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from jaarplan.models import Activiteit, Jaarplan
from kennisbank.models import Stappenplan
from tests.browser.pages import IGNORE_PLUGIN_WARNING
from voion_portal.editors.permissions import REDACTIE_GROUP

pytestmark = IGNORE_PLUGIN_WARNING

PASSWORD = "een-lang-wachtwoord-2026"
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


@pytest.fixture
def editor_page(browser, site, django_user_model):
    user = django_user_model.objects.create_user(
        "anna", password=PASSWORD, first_name="Anna", last_name="Bakker", is_staff=True
    )
    user.groups.add(Group.objects.get(name=REDACTIE_GROUP))
    # Tall enough to show a main step and the one above it while dragging.
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "anna")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
    yield page
    context.close()


def main_step(page, title):
    return page.locator(f".step-main:has(> .inline-related h3:text-is('{title}'))")


def main_titles(page):
    return page.locator(".step-main > .inline-related h3").all_text_contents()


def drag_above(page, step, target):
    """Drag `step` by its grip onto the top edge of `target`, in small moves as a hand does."""
    # Both in view, the target clear of the window's edge (where dragging scrolls the page).
    target.evaluate("el => { el.scrollIntoView({block: 'start'}); window.scrollBy(0, -150); }")
    grip = step.locator(":scope > .inline-related .step-handle").bounding_box()
    goal = target.locator(":scope > .inline-related .arranged-form-head").bounding_box()
    page.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + grip["height"] / 2)
    page.mouse.down()
    for part in range(1, 11):
        y = grip["y"] + (goal["y"] + 4 - grip["y"]) * part / 10
        page.mouse.move(grip["x"] + 4, y)
        page.wait_for_timeout(60)
    page.wait_for_timeout(200)
    page.mouse.up()


def assert_accessible(page, selector):
    # Django's own autocomplete widget (select2) has known axe findings on every admin page
    # that uses it (an unlabelled search box, a list holding spans): not checked here.
    context = {"include": [[selector]], "exclude": [[".select2-container"]]}
    results = Axe().run(page, context=context, options=WCAG_21_AA)
    assert results.violations_count == 0, f"{selector}\n{results.generate_report()}"


def test_reorder_the_shrm_guide_by_dragging_and_with_the_keyboard(editor_page, site, client):
    page = editor_page
    guide = Stappenplan.objects.get(slug="strategisch-personeelsbeleid")
    page.goto(f"{site}/admin/kennisbank/stappenplan/{guide.pk}/change/")
    assert main_titles(page)[:3] == ["Externe en interne analyse", "Key-issues", "Hr-uitdagingen"]
    assert_accessible(page, "#stappen-group")

    # Drag Key-issues to the top: its sub-step comes along.
    drag_above(page, main_step(page, "Key-issues"), main_step(page, "Externe en interne analyse"))
    assert main_titles(page)[:2] == ["Key-issues", "Externe en interne analyse"]
    sub_steps = main_step(page, "Key-issues").locator(".step-sub h4").all_text_contents()
    assert sub_steps == ["Voorbeelden van mogelijke key-issues"]
    # Drag Hr-uitdagingen above Externe en interne analyse.
    drag_above(
        page, main_step(page, "Hr-uitdagingen"), main_step(page, "Externe en interne analyse")
    )
    assert main_titles(page)[:3] == ["Key-issues", "Hr-uitdagingen", "Externe en interne analyse"]

    # With the keyboard alone: Omlaag on Key-issues, twice; focus stays on the button.
    down = page.get_by_role("button", name="Omlaag: Key-issues")
    down.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Omlaag: Key-issues"
    )
    status = page.locator("[data-step-status]")
    assert status.get_attribute("aria-live") == "polite"
    expect(status).to_have_text("‘Key-issues’ staat nu op plaats 3 van 6 van de hoofdstappen.")
    assert main_titles(page)[:3] == ["Hr-uitdagingen", "Externe en interne analyse", "Key-issues"]
    # A sub-step moves within its main step only.
    page.get_by_role("button", name="Omhoog: Scans voor het bepalen van relevante").focus()
    page.keyboard.press("Enter")
    analysis = main_step(page, "Externe en interne analyse").locator(".step-sub h4")
    assert analysis.all_text_contents()[-2:] == [
        "Scans voor het bepalen van relevante ontwikkelingen",
        "Zaken die gaan over de interne situatie en (onderwijskundige) doelen",
    ]

    page.click("input[name=_save]")
    page.wait_for_url("**/stappenplan/")
    public = client.get("/stappenplannen/strategisch-personeelsbeleid/").content.decode()
    order = ["Hr-uitdagingen", "Externe en interne analyse", "Key-issues", "Vertaling naar"]
    positions = [public.index(title) for title in order]
    assert positions == sorted(positions)
    scans = public.index("Scans voor het bepalen van relevante ontwikkelingen")
    assert scans < public.index("Zaken die gaan over de interne situatie")


def test_edit_an_activity_description_inside_the_jaarplan_page(editor_page, site, client):
    page = editor_page
    plan = Jaarplan.objects.get(slug="jaarplan-voion-2024")
    activity = plan.activiteiten.select_related("thema").order_by("pk").first()
    page.goto(f"{site}/admin/jaarplan/jaarplan/{plan.pk}/change/")
    # Every thema starts folded; open the activity's own.
    group = page.locator("details.arranged-subsection").filter(
        has=page.locator(f"summary h4:text-is('{activity.thema.naam}')")
    )
    field = group.locator("textarea[name$='-omschrijving'] >> nth=0")
    assert not field.is_visible()
    group.locator("> summary").click()
    card = group.locator(".arranged-form").filter(
        has=page.locator(f"h5:text-is('{activity.titel}')")
    )
    description = card.locator("textarea[name$='-omschrijving']")
    description.fill("Voion **onderzoekt** dit samen met scholen.")
    assert_accessible(page, "#activiteiten-group")
    page.click("input[name=_save]")
    page.wait_for_url("**/jaarplan/")
    activity = Activiteit.objects.get(pk=activity.pk)
    assert activity.omschrijving == "Voion **onderzoekt** dit samen met scholen."
    public = client.get("/jaarplan/jaarplan-voion-2024/").content.decode()
    assert "Voion <strong>onderzoekt</strong> dit samen met scholen." in public
