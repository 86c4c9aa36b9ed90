"""The mails about a registration: queued by the request, sent by the task worker."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pilots.models import Fase, Interesseaanmelding
from tests.factories import PilotFactory
from tests.pilots.test_views import VALID

pytestmark = pytest.mark.django_db(transaction=True)


def run_the_worker():
    """What `manage.py db_worker` does, once: every task that is due, then stop."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def register(client):
    pilot = PilotFactory(fase=Fase.WERVING, titel="Samen opleiden")
    response = client.post(pilot.get_absolute_url(), VALID)
    assert response.status_code == 302
    return Interesseaanmelding.objects.get()


def test_the_visitor_does_not_wait_for_mail_and_the_worker_sends_it(client, editor):
    registration = register(client)
    assert mail.outbox == [], "nothing is sent in the visitor's request"
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    run_the_worker()
    to_editors, to_visitor = sorted(mail.outbox, key=lambda message: message.to != [editor.email])
    assert to_editors.to == [editor.email], "the Redactie group, when no address is set"
    assert "Samen opleiden" in to_editors.subject and "/admin/pilots/" in to_editors.body
    assert to_visitor.to == [registration.email]
    assert "binnen twee weken" in to_visitor.body
    registration.refresh_from_db()
    assert registration.melding_verstuurd_op and registration.bevestiging_verstuurd_op


def test_configured_addresses_get_the_notice(client, settings):
    settings.PILOT_NOTIFICATION_EMAILS = ["pilots@voion.nl"]
    register(client)
    run_the_worker()
    assert ["pilots@voion.nl"] in [message.to for message in mail.outbox]


def test_a_mail_server_that_is_down_loses_nothing_and_is_tried_again(client, editor, monkeypatch):
    registration = register(client)
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("pilots.tasks.send_mail", refuse)
    run_the_worker()
    registration.refresh_from_db()
    assert "smtp down" in registration.mail_fout and registration.melding_verstuurd_op is None
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=30)

    monkeypatch.undo()
    retry.run_after = timezone.now()
    retry.save(update_fields=["run_after"])
    run_the_worker()
    registration.refresh_from_db()
    assert registration.melding_verstuurd_op and registration.mail_fout == ""
    assert len(mail.outbox) == 2


def test_each_mail_is_sent_once_even_if_the_task_runs_again(client, editor):
    from pilots.tasks import send_registration_mails

    registration = register(client)
    run_the_worker()
    send_registration_mails.enqueue(registration.pk)
    run_the_worker()
    assert len(mail.outbox) == 2
