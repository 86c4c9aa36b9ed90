from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from pilots.models import Interesseaanmelding


class Command(BaseCommand):
    help = (
        "Verwijdert afgehandelde interesseaanmeldingen die ouder zijn dan de bewaartermijn "
        "(REGISTRATION_RETENTION_DAYS, of --days). Open aanmeldingen blijven altijd staan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Bewaartermijn in dagen (standaard: REGISTRATION_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tellen wat verwijderd zou worden.",
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = settings.REGISTRATION_RETENTION_DAYS
        if days < 0:
            raise CommandError("De bewaartermijn kan niet negatief zijn.")
        cutoff = timezone.now() - timedelta(days=days)
        expired = Interesseaanmelding.objects.filter(afgehandeld=True, aangemeld_op__lt=cutoff)
        if dry_run:
            count = expired.count()
            self.stdout.write(
                f"{count} afgehandelde aanmelding(en) ouder dan {days} dagen zou(den) "
                "worden verwijderd."
            )
            return
        _, per_model = expired.delete()
        count = per_model.get(Interesseaanmelding._meta.label, 0)
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} afgehandelde aanmelding(en) ouder dan {days} dagen verwijderd."
            )
        )
