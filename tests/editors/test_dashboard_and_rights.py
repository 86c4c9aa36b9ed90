"""The editors' dashboard on the admin index, and what the Redactie group may do."""

import pytest
import reversion
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from tests.factories import (
    ArtikelFactory,
    DraftArtikelFactory,
    DraftInstrumentFactory,
    InstrumentFactory,
    InteresseaanmeldingFactory,
    ScheduledArtikelFactory,
)
from voion_portal.editors.models import ExterneLink, Vindplaats
from voion_portal.editors.permissions import REDACTIE_GROUP

pytestmark = pytest.mark.django_db


@pytest.fixture
def attention():
    DraftArtikelFactory(titel="Concept over werkdruk")
    DraftArtikelFactory()
    DraftInstrumentFactory(titel="Nieuwe scan")
    ScheduledArtikelFactory(titel="Komt morgen")
    InteresseaanmeldingFactory()
    InteresseaanmeldingFactory()
    InteresseaanmeldingFactory(afgehandeld=True)
    article = ArtikelFactory(titel="Recent bewerkt")
    now = timezone.now()
    broken = ExterneLink.objects.create(
        url="https://weg.example.nl/", gecontroleerd_op=now, statuscode=404, kapot=True
    )
    Vindplaats.objects.create(
        link=broken,
        content_type=ContentType.objects.get_for_model(article),
        object_id=article.pk,
        item=article.titel,
        veld="bron",
    )
    ExterneLink.objects.create(url="https://goed.example.nl/", gecontroleerd_op=now, statuscode=200)


def test_dashboard_shows_counts_with_links_to_the_filtered_lists(editor_client, attention):
    response = editor_client.get("/admin/")
    body = response.content.decode()
    assert response.status_code == 200
    expected = {
        "/admin/kennisbank/artikel/?publicatie=concept": "2",
        "/admin/instrumenten/instrument/?publicatie=concept": "1",
        "/admin/kennisbank/artikel/?publicatie=gepland": "1",
        "/admin/pilots/interesseaanmelding/?afgehandeld__exact=0": "2",
        "/admin/voion_portal/externelink/?resultaat=kapot": "1",
    }
    for url, count in expected.items():
        assert f'href="{url}"' in body, url
        fragment = body.split(f'href="{url}"', 1)[1][:120]
        assert f">{count}</span>" in fragment, (url, fragment)
    assert "Komt morgen" in body, "the next scheduled items are named"
    assert "Recent bewerkt" in body and "Recent gewijzigd" in body
    assert "/admin/kennisbank/artikel/?gewijzigd=week" in body


def test_every_dashboard_link_opens_a_list_with_that_count(editor_client, attention):
    cases = {
        "/admin/kennisbank/artikel/?publicatie=concept": 2,
        "/admin/instrumenten/instrument/?publicatie=concept": 1,
        "/admin/kennisbank/artikel/?publicatie=gepland": 1,
        "/admin/pilots/interesseaanmelding/?afgehandeld__exact=0": 2,
        "/admin/voion_portal/externelink/?resultaat=kapot": 1,
    }
    for url, count in cases.items():
        response = editor_client.get(url)
        assert response.status_code == 200, url
        assert response.context["cl"].result_count == count, url


def test_dashboard_query_count_is_constant(editor_client, attention, django_assert_max_num_queries):
    editor_client.get("/admin/")
    for n in range(10):
        DraftArtikelFactory(titel=f"Nog een {n}")
        InteresseaanmeldingFactory()
    with django_assert_max_num_queries(30):
        response = editor_client.get("/admin/")
    assert response.status_code == 200


def test_dashboard_shows_only_what_the_user_may_see(client, django_user_model, attention):
    staff = django_user_model.objects.create_user("staf", password="x", is_staff=True)
    client.force_login(staff)
    body = client.get("/admin/").content.decode()
    assert "publicatie=concept" not in body and "afgehandeld__exact=0" not in body


@pytest.fixture
def item_with_history(editor_client):
    with reversion.create_revision():
        item = InstrumentFactory(titel="Werkbalans")
    with reversion.create_revision():
        item.titel = "Werkbalans VO"
        item.save()
    return item


def test_editors_can_use_history_compare_revert_and_recover(editor_client, item_with_history):
    item = item_with_history
    first, second = Version.objects.get_for_object(item).order_by("pk")
    base = "/admin/instrumenten/instrument/"
    pages = [
        f"{base}{item.pk}/history/",
        f"{base}{item.pk}/history/compare/?a={first.pk}&b={second.pk}",
        f"{base}{item.pk}/history/{first.pk}/",
        f"{base}recover/",
        f"{base}import/",
        f"{base}export/",
        "/admin/kennisbank/artikel/import/",
        "/admin/kennisbank/artikel/export/",
        "/admin/kennisbank/artikel/recover/",
        "/admin/voion_portal/externelink/",
    ]
    for url in pages:
        assert editor_client.get(url).status_code == 200, url


def test_staff_outside_redactie_cannot_see_history_or_versions(
    client, django_user_model, item_with_history
):
    staff = django_user_model.objects.create_user("staf", password="x", is_staff=True)
    client.force_login(staff)
    item = item_with_history
    first, second = Version.objects.get_for_object(item).order_by("pk")
    base = "/admin/instrumenten/instrument/"
    for url in (
        f"{base}{item.pk}/history/",
        f"{base}{item.pk}/history/compare/?a={first.pk}&b={second.pk}",
        f"{base}{item.pk}/history/{first.pk}/",
        f"{base}recover/",
        "/admin/voion_portal/externelink/",
    ):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize(
    "name",
    ["auth_user_changelist", "auth_user_add", "auth_group_changelist", "auth_group_add"],
)
def test_editors_still_have_no_rights_on_users_and_groups(editor_client, name):
    assert editor_client.get(reverse(f"admin:{name}")).status_code == 403


def test_redactie_group_has_exactly_the_new_rights():
    codenames = set(
        Group.objects.get(name=REDACTIE_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"view_externelink", "change_externelink", "view_vindplaats"} <= codenames
    assert not {"add_externelink", "delete_externelink", "change_vindplaats"} & codenames
    assert not {c for c in codenames if c.endswith(("_user", "_group", "_permission"))}
    assert not {c for c in codenames if c.endswith(("_revision", "_version"))}
