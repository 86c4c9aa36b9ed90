"""A stappenplan's change page: the steps as a tree, reordered by their Volgorde fields."""

import re

import pytest
from django.urls import reverse

from kennisbank.models import Stap
from tests.editors.forms import form_data
from tests.factories import StapFactory, StappenplanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide():
    """A small SHRM cycle: two phases with sub-steps, one phase without, an appendix."""
    plan = StappenplanFactory(titel="Strategisch personeelsbeleid", slug="shrm")
    analyse = StapFactory(stappenplan=plan, titel="Analyse", slug="analyse", volgorde=1)
    StapFactory(
        stappenplan=plan, titel="Werkwijze", slug="werkwijze", volgorde=2, hoofdstap=analyse
    )
    StapFactory(stappenplan=plan, titel="Scans", slug="scans", volgorde=3, hoofdstap=analyse)
    StapFactory(stappenplan=plan, titel="Overzicht tools", slug="tools", volgorde=4, bijlage=True)
    issues = StapFactory(stappenplan=plan, titel="Key-issues", slug="key-issues", volgorde=5)
    StapFactory(
        stappenplan=plan, titel="Voorbeelden", slug="voorbeelden", volgorde=6, hoofdstap=issues
    )
    StapFactory(stappenplan=plan, titel="Monitoring", slug="monitoring", volgorde=7)
    return plan


def change_url(plan):
    return reverse("admin:kennisbank_stappenplan_change", args=[plan.pk])


def tree_of(response) -> list:
    """[(main step title, [sub-step titles])] as the change page nests them."""
    body = response.content.decode()
    start = body.index('class="step-list step-list-main"')
    end = body.index('class="arranged-new"', start)
    tree: list = []
    for level, title in re.findall(
        r'<li class="step-node step-(main|sub)".*?<h[34] class="arranged-form-title">([^<]+)<',
        body[start:end],
        flags=re.S,
    ):
        if level == "main":
            tree.append((title, []))
        else:
            tree[-1][1].append(title)
    return tree


def index_of(data, title):
    return next(
        name.split("-")[1]
        for name, values in data.items()
        if name.endswith("-titel") and values == [title]
    )


def public_order(client, plan) -> list[str]:
    body = client.get(f"/stappenplannen/{plan.slug}/").content.decode()
    titles = ["Analyse", "Werkwijze", "Scans", "Key-issues", "Voorbeelden", "Monitoring"]
    return sorted(titles, key=lambda title: body.index(f">{title}<"))


def test_sub_steps_are_shown_under_their_main_step_in_reading_order(editor_client, guide):
    response = editor_client.get(change_url(guide))
    assert tree_of(response) == [
        ("Analyse", ["Werkwijze", "Scans"]),
        ("Key-issues", ["Voorbeelden"]),
        ("Monitoring", []),
        ("Overzicht tools", []),  # an appendix comes after the steps, as on the site
    ]
    # Without JavaScript the order is in the Volgorde fields, ready to be typed over.
    data = form_data(response, "stappenplan_form")
    assert data[f"stappen-{index_of(data, 'Key-issues')}-volgorde"] == ["5"]


def test_a_main_step_can_only_hang_under_a_main_step_of_the_same_guide(editor_client, guide):
    other = StapFactory(titel="Uit een ander stappenplan")
    body = editor_client.get(change_url(guide)).content.decode()
    select = re.search(r'<select name="stappen-0-hoofdstap".*?</select>', body, flags=re.S)[0]
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert options == ["---------", "Analyse", "Overzicht tools", "Key-issues", "Monitoring"]
    assert other.titel not in select


def test_new_numbers_reorder_the_public_guide_and_sub_steps_move_with_their_step(
    editor_client, client, guide
):
    assert public_order(client, guide) == [
        "Analyse",
        "Werkwijze",
        "Scans",
        "Key-issues",
        "Voorbeelden",
        "Monitoring",
    ]
    data = form_data(editor_client.get(change_url(guide)), "stappenplan_form")
    # What dragging Key-issues to the top sends: every step numbered in the order shown.
    for number, title in enumerate(
        [
            "Key-issues",
            "Voorbeelden",
            "Analyse",
            "Scans",
            "Werkwijze",
            "Monitoring",
            "Overzicht tools",
        ],
        start=1,
    ):
        data[f"stappen-{index_of(data, title)}-volgorde"] = [str(number)]
    assert editor_client.post(change_url(guide), data).status_code == 302
    assert public_order(client, guide) == [
        "Key-issues",
        "Voorbeelden",
        "Analyse",
        "Scans",
        "Werkwijze",
        "Monitoring",
    ]
    assert tree_of(editor_client.get(change_url(guide)))[0] == ("Key-issues", ["Voorbeelden"])


def test_a_step_with_sub_steps_cannot_become_a_sub_step_and_the_tree_keeps_the_edits(
    editor_client, guide
):
    data = form_data(editor_client.get(change_url(guide)), "stappenplan_form")
    analyse = Stap.objects.get(slug="analyse")
    data[f"stappen-{index_of(data, 'Key-issues')}-hoofdstap"] = [str(analyse.pk)]
    data[f"stappen-{index_of(data, 'Monitoring')}-volgorde"] = ["0"]  # moved to the top
    response = editor_client.post(change_url(guide), data)
    assert response.status_code == 200
    assert "Deze stap heeft zelf onderdelen en blijft daarom een hoofdstap." in (
        response.content.decode()
    )
    assert Stap.objects.get(slug="key-issues").hoofdstap is None
    # The page sent back shows the steps as the editor left them.
    assert [main for main, _ in tree_of(response)][:2] == ["Monitoring", "Analyse"]


def test_a_sub_step_moves_to_another_main_step_by_its_hoofdstap(editor_client, guide):
    data = form_data(editor_client.get(change_url(guide)), "stappenplan_form")
    issues = Stap.objects.get(slug="key-issues")
    data[f"stappen-{index_of(data, 'Scans')}-hoofdstap"] = [str(issues.pk)]
    assert editor_client.post(change_url(guide), data).status_code == 302
    assert Stap.objects.get(slug="scans").hoofdstap == issues
    assert tree_of(editor_client.get(change_url(guide)))[1] == (
        "Key-issues",
        ["Scans", "Voorbeelden"],
    )
