"""Mail about a new interest registration, sent by the task worker.

The visitor's request only saves the registration and queues `send_registration_mails`
(after the commit): it never waits for a mail server, and a mail server that is down
loses nothing. The task tells the editors (`PILOT_NOTIFICATION_EMAILS`, or else every
active member of the Redactie group with an address) and confirms to the visitor; each
mail is sent once (its moment is recorded on the registration). A failure is recorded
and the task queued again later, up to `REGISTRATION_MAIL_ATTEMPTS` times.
"""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from pilots.models import Interesseaanmelding
from voion_portal.editors.permissions import REDACTIE_GROUP

logger = logging.getLogger(__name__)

# Minutes to wait before attempt 2, 3, ...: a mail server back within the hour is in time.
RETRY_AFTER_MINUTES = (1, 5, 15, 60)


@task()
def send_registration_mails(registration_id: int, attempt: int = 1) -> str:
    registration = (
        Interesseaanmelding.objects.select_related("pilot").filter(pk=registration_id).first()
    )
    if registration is None:
        return "aanmelding bestaat niet meer"
    try:
        if registration.melding_verstuurd_op is None:
            _tell_the_editors(registration)
            registration.melding_verstuurd_op = timezone.now()
        if registration.bevestiging_verstuurd_op is None:
            _confirm_to_the_visitor(registration)
            registration.bevestiging_verstuurd_op = timezone.now()
        registration.mail_fout = ""
        return "verstuurd"
    except Exception as error:  # an SMTP, DNS or socket error: try again later
        registration.mail_fout = f"poging {attempt}: {error}"[:300]
        if attempt >= settings.REGISTRATION_MAIL_ATTEMPTS:
            logger.error("Gave up mailing about registration %s: %s", registration.pk, error)
            raise
        wait = RETRY_AFTER_MINUTES[min(attempt, len(RETRY_AFTER_MINUTES)) - 1]
        later = timezone.now() + datetime.timedelta(minutes=wait)
        send_registration_mails.using(run_after=later).enqueue(registration.pk, attempt + 1)
        return f"mislukt, opnieuw om {timezone.localtime(later):%H:%M}"
    finally:
        registration.save(
            update_fields=["melding_verstuurd_op", "bevestiging_verstuurd_op", "mail_fout"]
        )


def editor_addresses() -> list[str]:
    if settings.PILOT_NOTIFICATION_EMAILS:
        return list(settings.PILOT_NOTIFICATION_EMAILS)
    editors = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=REDACTIE_GROUP)
        .exclude(email="")
    )
    return sorted(set(editors.values_list("email", flat=True)))


def _tell_the_editors(registration) -> None:
    recipients = editor_addresses()
    if not recipients:
        logger.warning("No editor address to tell about registration %s", registration.pk)
        return
    admin_url = reverse("admin:pilots_interesseaanmelding_change", args=[registration.pk])
    send_mail(
        f"Nieuwe interesse in pilot: {registration.pilot.titel}",
        f"{registration.naam} ({registration.organisatie}) meldde interesse aan voor "
        f"{registration.pilot.titel}.\n\nBekijk en handel de aanmelding af in het beheer:\n"
        f"{settings.SITE_URL}{admin_url}\n\nDe bezoeker kreeg de belofte van contact binnen "
        "twee weken.",
        None,
        recipients,
    )


def _confirm_to_the_visitor(registration) -> None:
    send_mail(
        f"Uw aanmelding voor {registration.pilot.titel}",
        f"Beste {registration.naam},\n\nDank u wel voor uw interesse in de pilot "
        f"{registration.pilot.titel}. Wij nemen binnen twee weken contact met u op.\n\n"
        f"Met vriendelijke groet,\nde redactie van {settings.SITE_NAME}\n\n"
        f"{settings.SITE_URL}{registration.pilot.get_absolute_url()}",
        None,
        [registration.email],
    )
