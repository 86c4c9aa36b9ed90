"""Publiceren, Inplannen op …, Depubliceren op …: publication as explicit choices."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from kennisbank.models import Artikel
from tests.editors.forms import form_data
from tests.factories import ArtikelFactory, DraftArtikelFactory

pytestmark = pytest.mark.django_db


def change_url(item):
    return reverse("admin:kennisbank_artikel_change", args=[item.pk])


def submit(client, item, **fields):
    url = change_url(item)
    data = form_data(client.get(url), "artikel_form")
    for name, value in fields.items():
        data[name] = [value]
    return client.post(url, data)


def moment_fields(name, moment):
    local = timezone.localtime(moment)
    return {f"{name}_0": local.strftime("%d-%m-%Y"), f"{name}_1": local.strftime("%H:%M:%S")}


def test_the_form_asks_concept_publish_or_plan(editor_client):
    page = editor_client.get(change_url(DraftArtikelFactory())).content.decode()
    for label in ("Concept — alleen de redactie ziet het", "Publiceren — openbaar", "Inplannen —"):
        assert label in page
    assert 'name="publiceren" value="concept"' in page and "Depubliceren op" in page
    assert 'name="status"' not in page


def test_publishing_a_draft_makes_it_public_now(editor_client, client):
    draft = DraftArtikelFactory(publicatiedatum=timezone.now() + datetime.timedelta(days=3))
    assert submit(editor_client, draft, publiceren="nu").status_code == 302
    draft.refresh_from_db()
    assert draft.is_published and draft.publicatiedatum <= timezone.now()
    editor_client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_saving_a_published_article_keeps_its_publication_moment(editor_client):
    first_published = (timezone.now() - datetime.timedelta(days=40)).replace(microsecond=0)
    article = ArtikelFactory(publicatiedatum=first_published)
    assert submit(editor_client, article, publiceren="nu").status_code == 302
    article.refresh_from_db()
    assert article.publicatiedatum == first_published


def test_planning_needs_a_moment_in_the_future(editor_client):
    draft = DraftArtikelFactory()
    past = moment_fields("publicatiedatum", timezone.now() - datetime.timedelta(hours=1))
    refused = submit(editor_client, draft, publiceren="inplannen", **past)
    assert refused.status_code == 200
    assert "Kies voor inplannen een moment in de toekomst" in refused.content.decode()
    assert Artikel.objects.get(pk=draft.pk).status == "concept"

    future = moment_fields("publicatiedatum", timezone.now() + datetime.timedelta(days=1))
    assert submit(editor_client, draft, publiceren="inplannen", **future).status_code == 302
    assert Artikel.objects.get(pk=draft.pk).publication_state == "gepland"


def test_back_to_concept(editor_client, client):
    article = ArtikelFactory()
    assert submit(editor_client, article, publiceren="concept").status_code == 302
    editor_client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_depublish_at_a_moment_takes_the_article_offline_then(editor_client, client):
    article = ArtikelFactory()
    end = (timezone.localtime() + datetime.timedelta(days=2)).replace(
        hour=17, minute=0, second=0, microsecond=0
    )
    response = submit(
        editor_client, article, publiceren="nu", **moment_fields("depubliceren_op", end)
    )
    assert response.status_code == 302
    listing = editor_client.get(reverse("admin:kennisbank_artikel_changelist")).content.decode()
    assert "tot " in listing

    with time_machine.travel(end - datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
    assert Artikel.objects.get(pk=article.pk).status == "gepubliceerd"
    with time_machine.travel(end + datetime.timedelta(seconds=30)):
        call_command("publish_scheduled")
    offline = Artikel.objects.get(pk=article.pk)
    assert offline.status == "concept" and offline.depubliceren_op is None
    latest = Version.objects.get_for_object(offline).order_by("-pk").first()
    assert latest.revision.get_comment() == "Gedepubliceerd op het geplande moment."
    editor_client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_depublish_moment_before_publication_is_refused(editor_client):
    draft = DraftArtikelFactory()
    start = timezone.now() + datetime.timedelta(days=5)
    fields = {
        **moment_fields("publicatiedatum", start),
        **moment_fields("depubliceren_op", start - datetime.timedelta(days=1)),
    }
    refused = submit(editor_client, draft, publiceren="inplannen", **fields)
    assert refused.status_code == 200
    assert "Depubliceren kan pas na het publicatiemoment" in refused.content.decode()


def test_the_scheduler_can_keep_running_without_cron(monkeypatch):
    from voion_portal.management.commands import publish_scheduled

    runs = []

    def sleep_then_stop(seconds):
        runs.append(seconds)
        if len(runs) == 2:
            raise KeyboardInterrupt  # Ctrl-C, or `make run` stopping

    monkeypatch.setattr(publish_scheduled.time, "sleep", sleep_then_stop)
    article = ArtikelFactory(depubliceren_op=timezone.now() + datetime.timedelta(minutes=5))
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        call_command("publish_scheduled", every=60)
    assert runs == [60, 60]
    assert Artikel.objects.get(pk=article.pk).status == "concept"
