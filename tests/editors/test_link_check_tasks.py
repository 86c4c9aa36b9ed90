"""Link checks asked for in the admin run on the task worker, with their progress shown."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.editors.test_linkcheck import TIMEOUT
from voion_portal.editors import linkcheck
from voion_portal.editors.models import ExterneLink

pytestmark = pytest.mark.django_db(transaction=True)

LIST = "admin:voion_portal_externelink_changelist"


def run_the_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture
def quick_checks(settings):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = True
    settings.LINK_CHECK_TIMEOUT = TIMEOUT


def test_check_all_from_the_list_runs_on_the_worker_and_shows_progress(
    content,
    server,
    quick_checks,
    editor_client,
):
    page = editor_client.get(reverse(LIST)).content.decode()
    assert "Alle links nu controleren" in page
    response = editor_client.post(reverse("admin:voion_portal_externelink_check_all"))
    assert response.status_code == 302
    assert not ExterneLink.objects.filter(gecontroleerd_op__isnull=False).exists()
    assert "Een controle staat klaar" in editor_client.get(reverse(LIST)).content.decode()

    run_the_worker()
    assert ExterneLink.objects.filter(gecontroleerd_op__isnull=False).count() == 5
    page = editor_client.get(reverse(LIST)).content.decode()
    assert "Laatste controle klaar" in page and "5 van 5 links gecontroleerd: 3 kapot" in page


def test_the_links_of_chosen_items_are_checked_on_request(
    content,
    server,
    quick_checks,
    editor_client,
):
    linkcheck.run()
    ok = ExterneLink.objects.get(url=f"{server}/ok")
    checked_at = ok.gecontroleerd_op
    response = editor_client.post(
        reverse("admin:instrumenten_instrument_changelist"),
        {"action": "check_item_links", "_selected_action": [content.pk]},
        follow=True,
    )
    assert "1 link wordt gecontroleerd" in response.content.decode()
    ok.refresh_from_db()
    assert ok.aangevraagd_op is not None and ok.gecontroleerd_op == checked_at

    run_the_worker()
    ok.refresh_from_db()
    assert ok.aangevraagd_op is None and ok.gecontroleerd_op > checked_at
    others = ExterneLink.objects.exclude(pk=ok.pk)
    assert all(link.gecontroleerd_op < ok.gecontroleerd_op for link in others), "only its own"
