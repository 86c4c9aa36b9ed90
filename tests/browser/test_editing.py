"""Editors in the admin, in a real browser: no edit lost by leaving, or by a colleague."""

import datetime

import pytest
import reversion
import time_machine
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from instrumenten.models import Instrument
from kennisbank.models import Artikel
from voion_portal.editors.permissions import REDACTIE_GROUP

PASSWORD = "een-lang-wachtwoord-2026"


@pytest.fixture
def editors(django_user_model):
    group = Group.objects.get(name=REDACTIE_GROUP)
    for username, first, last in [("anna", "Anna", "Bakker"), ("els", "Els", "de Vries")]:
        user = django_user_model.objects.create_user(
            username, password=PASSWORD, first_name=first, last_name=last, is_staff=True
        )
        user.groups.add(group)


def logged_in(browser, site, username):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{site}/admin/")
    return page


def test_leaving_a_form_with_unsaved_changes_asks_first(browser, site, editors):
    page = logged_in(browser, site, "anna")
    tool = Instrument.objects.published().order_by("pk").first()
    page.goto(f"{site}/admin/instrumenten/instrument/{tool.pk}/change/")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()  # "stay on this page"

    page.on("dialog", answer)
    page.click("a:text('Geschiedenis')")  # nothing typed yet: leaves without asking
    page.wait_for_url("**/history/")
    assert asked == []

    page.go_back()
    # Typed as a person types: a browser asks before leaving only after a real gesture.
    page.fill("#id_samenvatting", "")
    page.click("#id_samenvatting")
    page.keyboard.type("Een nieuwe samenvatting.")
    page.click("a:text('Geschiedenis')", no_wait_after=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    assert page.url.endswith("/change/") and page.input_value("#id_samenvatting") == (
        "Een nieuwe samenvatting."
    )

    page.remove_listener("dialog", answer)
    page.click("input[name=_save]")  # saving is leaving on purpose
    page.wait_for_url("**/instrument/")
    assert Instrument.objects.get(pk=tool.pk).samenvatting == "Een nieuwe samenvatting."


def test_two_editors_on_one_instrument_the_second_is_told_and_keeps_her_text(
    browser, site, editors
):
    tool = Instrument.objects.published().order_by("pk").first()
    with reversion.create_revision():
        tool.save()  # its first version, as the admin or the content loader records
    url = f"{site}/admin/instrumenten/instrument/{tool.pk}/change/"
    anna, els = logged_in(browser, site, "anna"), logged_in(browser, site, "els")
    anna.goto(url)
    els.goto(url)

    els.fill("#id_samenvatting", "De samenvatting van Els.")
    els.click("input[name=_save]")
    els.wait_for_url("**/instrument/")

    anna.fill("#id_samenvatting", "De samenvatting van Anna.")
    anna.click("input[name=_save]")
    message = anna.locator(".errorlist.nonfield")
    assert "Els de Vries heeft dit item opgeslagen" in message.inner_text()
    assert anna.input_value("#id_samenvatting") == "De samenvatting van Anna."
    assert Instrument.objects.get(pk=tool.pk).samenvatting == "De samenvatting van Els."

    with anna.context.expect_page() as comparison:
        message.get_by_role("link").click()
    comparison.value.wait_for_load_state()
    assert "De samenvatting van Els." in comparison.value.content()


def test_correct_a_live_article_preview_it_and_schedule_the_correction(browser, site, editors):
    article = Artikel.objects.published().order_by("pk").first()
    with reversion.create_revision():
        article.save()
    first_words = article.samenvatting
    anna = logged_in(browser, site, "anna")
    visitor = browser.new_context(locale="nl-NL").new_page()

    anna.goto(f"{site}/admin/kennisbank/artikel/{article.pk}/change/")
    anna.fill("#id_samenvatting", "Een verbeterde samenvatting, klaar voor morgen.")
    anna.click("input[name=_werkversie]")
    assert "De werkversie is opgeslagen" in anna.locator(".messagelist").inner_text()
    visitor.goto(site + article.get_absolute_url())
    assert first_words in visitor.content() and "verbeterde samenvatting" not in visitor.content()

    with anna.context.expect_page() as preview:
        anna.click("text=Bekijk de werkversie op de website")
    preview.value.wait_for_load_state()
    assert "Een verbeterde samenvatting, klaar voor morgen." in preview.value.content()
    assert "dit is de werkversie" in preview.value.locator(".preview-banner").inner_text()

    moment = (timezone.localtime() + datetime.timedelta(days=1)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    anna.fill("input[name=moment]", moment.strftime("%Y-%m-%dT%H:%M"))
    anna.click("button[name=inplannen]")
    assert "wordt gepubliceerd op" in anna.locator(".messagelist").inner_text()

    # The scheduler (cron, every minute) runs just before and just after 14:00.
    with time_machine.travel(moment - datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled")
    visitor.goto(site + article.get_absolute_url())
    assert "verbeterde samenvatting" not in visitor.content()
    with time_machine.travel(moment + datetime.timedelta(seconds=20), tick=False):
        call_command("publish_scheduled")
    visitor.goto(site + article.get_absolute_url())
    assert "Een verbeterde samenvatting, klaar voor morgen." in visitor.content()


def test_link_to_another_item_by_choosing_it_with_the_keyboard(browser, site, editors):
    tool = Instrument.objects.published().order_by("pk").first()
    article = Artikel.objects.published().order_by("pk").first()
    anna = logged_in(browser, site, "anna")
    anna.goto(f"{site}/admin/kennisbank/artikel/{article.pk}/change/")

    text = anna.locator("#id_tekst")
    text.click()
    anna.keyboard.press("Control+End")
    anna.keyboard.type("\n\nMeer hierover: ")
    anna.locator(".field-tekst .item-chooser-open").click()
    dialog = anna.get_by_role("dialog", name="Link naar een item")
    assert dialog.is_visible()
    assert anna.evaluate("document.activeElement.closest('dialog') !== null")
    assert anna.evaluate("document.activeElement.type") == "search"
    anna.keyboard.type(tool.titel[:12])
    first = dialog.locator(".item-chooser-results button").first
    first.wait_for()
    anna.keyboard.press("Tab")
    anna.keyboard.press("Enter")
    assert not dialog.is_visible()
    assert f"(item:instrumenten/{tool.pk})" in text.input_value()

    anna.click("input[name=_save]")
    anna.wait_for_url("**/artikel/")
    article.refresh_from_db()
    assert f'href="{tool.get_absolute_url()}"' in article.tekst_html
