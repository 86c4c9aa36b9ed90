from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from voion_portal.search.counting import week_of
from voion_portal.search.models import Zoekopdracht


class Command(BaseCommand):
    help = (
        "Verwijdert de wekelijkse zoektellingen van weken die eindigden vóór de bewaartermijn "
        "(SEARCH_LOG_RETENTION_DAYS, of --days). De week waarin de termijn begint blijft staan."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Bewaartermijn in dagen (standaard: SEARCH_LOG_RETENTION_DAYS).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Alleen tellen wat verwijderd zou worden.",
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        if days is None:
            days = settings.SEARCH_LOG_RETENTION_DAYS
        if days < 0:
            raise CommandError("De bewaartermijn kan niet negatief zijn.")
        # Whole weeks only: a week is kept while any of its days lies within the period.
        first_kept_week = week_of(timezone.localdate() - timedelta(days=days))
        expired = Zoekopdracht.objects.older_than(first_kept_week)
        if dry_run:
            count = expired.count()
            self.stdout.write(
                f"{count} zoektelling(en) van vóór de week van {first_kept_week:%d-%m-%Y} "
                "zou(den) worden verwijderd."
            )
            return
        count, _ = expired.delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"{count} zoektelling(en) van vóór de week van {first_kept_week:%d-%m-%Y} "
                "verwijderd."
            )
        )
