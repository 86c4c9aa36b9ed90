"""A renamed item's old address keeps working: 301 to where it is now."""

import pytest
from django.urls import reverse

from tests.editors.forms import form_data
from tests.factories import (
    ArtikelFactory,
    DraftArtikelFactory,
    InstrumentFactory,
    JaarplanFactory,
    StapFactory,
    StappenplanFactory,
)
from voion_portal.editors.models import OudAdres

pytestmark = pytest.mark.django_db


def rename_in_the_admin(client, item, slug):
    url = reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk])
    data = form_data(client.get(url), f"{item._meta.model_name}_form")
    data["slug"] = [slug]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    item.refresh_from_db()


def test_an_article_renamed_in_the_admin_answers_301_at_its_old_address(editor_client, client):
    article = ArtikelFactory(slug="werkdruk-in-het-po")
    old = article.get_absolute_url()
    rename_in_the_admin(editor_client, article, "werkdruk-aanpakken-in-het-po")

    editor_client.logout()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/kennisbank/werkdruk-aanpakken-in-het-po/"
    assert client.get(response["Location"]).status_code == 200


def test_renamed_twice_both_old_addresses_lead_straight_to_the_newest(client):
    tool = InstrumentFactory(slug="arboscan")
    first = tool.get_absolute_url()
    tool.slug = "arboscan-vo"
    tool.save()  # a rename in code (a script, the loader) counts too
    second = tool.get_absolute_url()
    tool.slug = "arboscan-voortgezet-onderwijs"
    tool.save()
    for old in (first, second):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, tool.get_absolute_url())


def test_the_query_string_comes_along(client):
    article = ArtikelFactory(slug="oud")
    article.slug = "nieuw"
    article.save()
    response = client.get("/kennisbank/oud/?utm_source=nieuwsbrief")
    assert response["Location"] == "/kennisbank/nieuw/?utm_source=nieuwsbrief"


def test_renaming_a_stappenplan_keeps_the_addresses_of_its_steps(client):
    plan = StappenplanFactory(slug="spb")
    step = StapFactory(stappenplan=plan, slug="verkennen")
    old_plan, old_step = plan.get_absolute_url(), step.get_absolute_url()
    plan.slug = "strategisch-personeelsbeleid"
    plan.save()
    step.refresh_from_db()
    assert client.get(old_plan)["Location"] == plan.get_absolute_url()
    assert client.get(old_step)["Location"] == step.get_absolute_url()
    assert step.get_absolute_url().startswith("/stappenplannen/strategisch-personeelsbeleid/")


def test_renaming_a_jaarplan_does_not_send_its_old_address_to_an_activity(client):
    from tests.factories import ActiviteitFactory

    plan = JaarplanFactory(slug="jaarplan-2024")
    ActiviteitFactory(jaarplan=plan)
    old = plan.get_absolute_url()
    plan.slug = "jaarplan-voion-2024"
    plan.save()
    assert client.get(old)["Location"] == plan.get_absolute_url()
    assert "#" not in plan.get_absolute_url()


def test_a_draft_renamed_leaves_no_old_address():
    draft = DraftArtikelFactory(slug="werktitel")
    draft.slug = "definitieve-titel"
    draft.save()
    assert not OudAdres.objects.exists()


def test_an_old_address_of_an_item_no_longer_public_is_not_found(client):
    article = ArtikelFactory(slug="oud")
    article.slug = "nieuw"
    article.save()
    article.status = "concept"
    article.save()
    assert client.get("/kennisbank/oud/").status_code == 404
    article.delete()
    assert client.get("/kennisbank/oud/").status_code == 404


def test_a_live_page_at_an_old_address_wins(client):
    article = ArtikelFactory(slug="oud")
    article.slug = "nieuw"
    article.save()
    newcomer = ArtikelFactory(slug="oud", titel="Een ander artikel")
    response = client.get("/kennisbank/oud/")
    assert response.status_code == 200 and newcomer.titel in response.content.decode()


def test_renamed_back_the_old_address_is_forgotten():
    article = ArtikelFactory(slug="a")
    article.slug = "b"
    article.save()
    article.slug = "a"
    article.save()
    assert list(OudAdres.objects.values_list("pad", flat=True)) == ["/kennisbank/b/"]


def test_editors_see_the_old_addresses_and_where_they_lead(editor_client):
    article = ArtikelFactory(slug="oud")
    article.slug = "nieuw"
    article.save()
    listing = editor_client.get(reverse("admin:voion_portal_oudadres_changelist"))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "/kennisbank/oud/" in page and 'href="/kennisbank/nieuw/"' in page
    assert editor_client.get(reverse("admin:voion_portal_oudadres_add")).status_code == 403


def test_a_hostile_or_overlong_address_is_simply_not_found(client):
    assert client.get("/kennisbank/%00/").status_code == 404
    assert client.get("/kennisbank/" + "x" * 600 + "/").status_code == 404
