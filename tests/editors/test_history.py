"""History, comparison, revert and recovery of content (django-reversion)."""

import io

import pytest
import reversion
import yaml
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from instrumenten.models import Instrument
from jaarplan.models import ActiviteitLink
from kennisbank.models import Stap, Stappenplan
from tests.editors.forms import form_data
from tests.factories import (
    ActiviteitFactory,
    DraftInstrumentFactory,
    InstrumentFactory,
    InstrumentSoortFactory,
    SectorFactory,
    StapFactory,
    StappenplanFactory,
    ThemaFactory,
)
from voion_portal.core.content import Status
from voion_portal.editors import history

pytestmark = pytest.mark.django_db


def admin_url(obj, view, *args):
    info = obj._meta.app_label, obj._meta.model_name
    return reverse("admin:{}_{}_{}".format(*info, view), args=args)


def change(client, obj, **changes):
    """Open the change form, change some fields, save, as an editor would."""
    url = admin_url(obj, "change", obj.pk)
    data = form_data(client.get(url), f"{obj._meta.model_name}_form")
    data.update(
        {name: value if isinstance(value, list) else [value] for name, value in changes.items()}
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def versions_of(obj):
    return list(Version.objects.get_for_object(obj).order_by("pk"))


@pytest.fixture
def instrument(editor_client):
    """An instrument edited twice in the admin: two versions, A and B."""
    vo, po = SectorFactory(slug="vo"), SectorFactory(slug="po")
    scan, monitor = InstrumentSoortFactory(naam="Scan"), InstrumentSoortFactory(naam="Monitor")
    item = InstrumentFactory(titel="Arboscan", soort=scan, tekst="De **oude** tekst.")
    item.sectoren.set([vo])
    change(editor_client, item, titel="Arboscan-VO")  # version A
    change(
        editor_client,
        item,
        titel="Arboscan voor het vo",
        tekst="Een heel **nieuwe** tekst.",
        soort=str(monitor.pk),
        sectoren=[str(po.pk)],
    )  # version B
    item.refresh_from_db()
    return item


def test_every_save_in_the_admin_is_a_version_with_editor_and_comment(instrument, editor):
    first, second = versions_of(instrument)
    assert first.revision.user == editor and second.revision.user == editor
    assert first.field_dict["titel"] == "Arboscan-VO"
    assert second.field_dict["titel"] == "Arboscan voor het vo"
    assert "Titel" in second.revision.get_comment(), "the comment says what changed"


def test_history_page_lists_versions_and_offers_comparison(editor_client, instrument):
    body = editor_client.get(admin_url(instrument, "history", instrument.pk)).content.decode()
    first, second = versions_of(instrument)
    assert admin_url(instrument, "compare", instrument.pk) in body
    assert admin_url(instrument, "revision", instrument.pk, first.pk) in body
    assert f'name="a" value="{first.pk}"' in body and f'name="b" value="{second.pk}"' in body
    assert "redacteur" in body and "(huidige versie)" in body


def test_comparison_shows_old_and_new_values_readably(editor_client, instrument):
    first, second = versions_of(instrument)
    url = admin_url(instrument, "compare", instrument.pk)
    response = editor_client.get(url, {"a": second.pk, "b": first.pk})  # order does not matter
    body = response.content.decode()
    assert response.status_code == 200
    assert "Arboscan-VO" in body and "Arboscan voor het vo" in body
    assert "<del>oude</del>" in body and "<ins>nieuwe</ins>" in body  # a word diff of the text
    assert "Scan" in body and "Monitor" in body  # foreign keys by name, not id
    assert "<del>Sector vo</del>" in body and "<ins>Sector po</ins>" in body  # M2M by name
    assert "tekst_html" not in body and "search_vector" not in body
    assert admin_url(instrument, "revision", instrument.pk, first.pk) in body


def test_compare_without_two_versions_goes_back_to_history(editor_client, instrument):
    url = admin_url(instrument, "compare", instrument.pk)
    response = editor_client.get(url, {"a": "x"})
    assert response.status_code == 302
    assert response["Location"] == admin_url(instrument, "history", instrument.pk)


def test_revert_restores_old_field_values_and_relations(editor_client, instrument, editor):
    first, _ = versions_of(instrument)
    url = admin_url(instrument, "revision", instrument.pk, first.pk)
    preview = editor_client.get(url)
    assert preview.status_code == 200
    instrument.refresh_from_db()
    assert instrument.titel == "Arboscan voor het vo", "looking at a version changes nothing"

    response = editor_client.post(url, form_data(preview, "instrument_form"))
    assert response.status_code == 302
    instrument.refresh_from_db()
    assert instrument.titel == "Arboscan-VO"
    assert instrument.soort.naam == "Scan"
    assert [s.slug for s in instrument.sectoren.all()] == ["vo"]
    assert instrument.tekst_html == "<p>De <strong>oude</strong> tekst.</p>"
    assert instrument.gewijzigd_door == editor
    latest = versions_of(instrument)[-1]
    assert latest.revision.get_comment().startswith("Teruggezet naar de versie van")


def test_revert_of_a_stappenplan_restores_its_steps(editor_client):
    with reversion.create_revision():
        plan = StappenplanFactory(titel="SHRM-cyclus")
        first = StapFactory(stappenplan=plan, titel="Oriënteren", slug="orienteren", volgorde=1)
        second = StapFactory(stappenplan=plan, titel="Plannen", slug="plannen", volgorde=2)
        plan.save()
    version, second_pk = versions_of(plan)[0], second.pk
    with reversion.create_revision():
        first.titel = "Verkennen"
        first.save()
        second.delete()
        StapFactory(stappenplan=plan, titel="Nieuw", slug="nieuw", volgorde=3)
        plan.save()

    url = admin_url(plan, "revision", plan.pk, version.pk)
    response = editor_client.post(url, form_data(editor_client.get(url), "stappenplan_form"))
    assert response.status_code == 302
    assert sorted(plan.stappen.values_list("titel", flat=True)) == ["Oriënteren", "Plannen"]
    assert Stap.objects.filter(pk=second_pk).exists(), "the deleted step is back, same id"


def test_revert_of_a_jaarplan_restores_activities_and_their_links():
    with reversion.create_revision():
        activity = ActiviteitFactory(titel="Arbocatalogus bijhouden", thema=ThemaFactory())
        link = activity.links.create(titel="Arbocatalogus", url="https://www.arbocatalogus-vo.nl/")
        plan = activity.jaarplan
        plan.save()
    version, link_pk = versions_of(plan)[0], link.pk
    with reversion.create_revision():
        activity.titel = "Iets anders"
        activity.save()
        link.delete()
        plan.save()

    history.revert_item(version)
    activity.refresh_from_db()
    assert activity.titel == "Arbocatalogus bijhouden"
    assert ActiviteitLink.objects.get(pk=link_pk).url == "https://www.arbocatalogus-vo.nl/"


def test_revert_touches_only_the_item_not_others_in_the_same_revision():
    with reversion.create_revision():
        one = InstrumentFactory(titel="Een")
        two = InstrumentFactory(titel="Twee")
    version = versions_of(one)[0]
    Instrument.objects.filter(pk=one.pk).update(titel="Een gewijzigd")
    Instrument.objects.filter(pk=two.pk).update(titel="Twee gewijzigd")
    history.revert_item(version)
    assert Instrument.objects.get(pk=one.pk).titel == "Een"
    assert Instrument.objects.get(pk=two.pk).titel == "Twee gewijzigd"


def test_a_version_of_another_model_is_not_found_here(editor_client, instrument):
    with reversion.create_revision():
        plan = StappenplanFactory()
    other = versions_of(plan)[0]
    url = reverse("admin:instrumenten_instrument_recover", args=[other.pk])
    assert editor_client.get(url).status_code == 404
    assert Stappenplan.objects.filter(pk=plan.pk).exists()


def test_deleted_item_is_recovered_with_its_relations(editor_client):
    item = InstrumentFactory(titel="Werkbalans")  # no history yet: created outside the admin
    item.sectoren.add(SectorFactory(slug="vo"))
    pk = item.pk
    delete_url = admin_url(item, "delete", pk)
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Instrument.objects.filter(pk=pk).exists()

    recover_list = editor_client.get(reverse("admin:instrumenten_instrument_recoverlist"))
    assert "Werkbalans" in recover_list.content.decode()
    version = Version.objects.get_deleted(Instrument).get(object_id=str(pk))
    url = reverse("admin:instrumenten_instrument_recover", args=[version.pk])
    response = editor_client.post(url, form_data(editor_client.get(url), "instrument_form"))
    assert response.status_code == 302
    recovered = Instrument.objects.get(pk=pk)
    assert recovered.titel == "Werkbalans"
    assert [s.slug for s in recovered.sectoren.all()] == ["vo"]


def test_deleted_stappenplan_comes_back_with_its_steps(editor_client):
    plan = StappenplanFactory(titel="Taakbeleid")
    StapFactory(stappenplan=plan, titel="Stap een", slug="een")
    StapFactory(stappenplan=plan, titel="Stap twee", slug="twee")
    url = reverse("admin:kennisbank_stappenplan_changelist")
    editor_client.post(
        url, {"action": "delete_selected", "_selected_action": [plan.pk], "post": "yes"}
    )
    assert not Stap.objects.exists()
    version = Version.objects.get_deleted(Stappenplan).get()
    recover = reverse("admin:kennisbank_stappenplan_recover", args=[version.pk])
    editor_client.post(recover, form_data(editor_client.get(recover), "stappenplan_form"))
    assert sorted(Stap.objects.values_list("titel", flat=True)) == ["Stap een", "Stap twee"]


def test_list_actions_record_one_revision_per_item(editor_client, editor):
    drafts = [DraftInstrumentFactory(), DraftInstrumentFactory()]
    url = reverse("admin:instrumenten_instrument_changelist")
    pks = [d.pk for d in drafts]
    editor_client.post(url, {"action": "publish", "_selected_action": pks})
    for draft in drafts:
        (version,) = versions_of(draft)
        assert version.revision.version_set.count() == 1, "reverting one must not touch the other"
        assert version.revision.get_comment() == "Gepubliceerd."
        assert version.revision.user == editor
        assert version.field_dict["status"] == Status.GEPUBLICEERD


def test_content_loader_gives_every_item_a_first_version(tmp_path, editor_client):
    (tmp_path / "inhoud.yaml").write_text(
        yaml.safe_dump(
            {
                "sectoren": [{"slug": "vo", "naam": "Voortgezet onderwijs", "afkorting": "vo"}],
                "instrumenten": [
                    {
                        "slug": "arboscan-vo",
                        "titel": "Arboscan-VO",
                        "soort": "Scan",
                        "sectoren": ["vo"],
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    call_command("load_content", directory=str(tmp_path), stdout=io.StringIO())
    item = Instrument.objects.get(slug="arboscan-vo")
    (version,) = versions_of(item)
    assert version.revision.get_comment() == "Geladen uit de inhoudsbestanden."
    call_command("load_content", directory=str(tmp_path), stdout=io.StringIO())
    assert len(versions_of(item)) == 1, "loading again adds no versions"
    change(editor_client, item, titel="Arboscan VO")
    first, second = versions_of(item)
    compare = editor_client.get(
        admin_url(item, "compare", item.pk), {"a": first.pk, "b": second.pk}
    ).content.decode()
    assert "Arboscan-VO" in compare and "Arboscan VO" in compare


def test_revert_survives_a_deleted_user(django_user_model):
    former = django_user_model.objects.create_user("oud-redacteur")
    with reversion.create_revision():
        item = InstrumentFactory(titel="Arboscan", gewijzigd_door=former, aangemaakt_door=former)
    version = versions_of(item)[0]
    Instrument.objects.filter(pk=item.pk).update(titel="Anders")
    former.delete()
    history.revert_item(version)
    item.refresh_from_db()
    assert item.titel == "Arboscan" and item.gewijzigd_door is None


@pytest.mark.postgres
def test_revert_rebuilds_the_search_vector():
    from django.contrib.postgres.search import SearchQuery

    with reversion.create_revision():
        item = InstrumentFactory(titel="Arboscan", samenvatting="Risico-inventarisatie")
    version = versions_of(item)[0]
    item.titel, item.samenvatting = "Werkbalans", "Balans"
    item.save()
    history.revert_item(version)
    query = SearchQuery("arboscan", config="dutch")
    assert list(Instrument.objects.filter(search_vector=query)) == [item]


def test_saving_an_untouched_text_sent_with_crlf_is_no_change(editor_client):
    item = InstrumentFactory(tekst="Eerste alinea.\n\nTweede alinea.")
    url = admin_url(item, "change", item.pk)
    data = form_data(editor_client.get(url), "instrument_form")
    data["tekst"] = [data["tekst"][0].replace("\n", "\r\n")]  # as a browser sends it
    assert editor_client.post(url, data).status_code == 302
    latest = versions_of(item)[-1]
    assert "Tekst" not in latest.revision.get_comment()
    item.refresh_from_db()
    assert item.tekst == "Eerste alinea.\n\nTweede alinea."


def test_text_written_with_crlf_in_code_is_stored_with_plain_newlines():
    item = InstrumentFactory(samenvatting="Regel een.\r\nRegel twee.\rRegel drie.")
    item.refresh_from_db()
    assert item.samenvatting == "Regel een.\nRegel twee.\nRegel drie."
