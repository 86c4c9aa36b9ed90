from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from voion_portal.media.archive import write_archive


class Command(BaseCommand):
    help = (
        "Schrijft alle bestanden van de mediabibliotheek (afbeeldingen en documenten) naar één "
        "archief (.tar.gz) met een manifest van SHA-256-sommen. Maak het samen met de pg_dump "
        "van de database; zet terug met restore_media."
    )

    def add_arguments(self, parser):
        parser.add_argument("archief", help="Pad van het archief, bijv. media-20260101.tar.gz")

    def handle(self, *args, archief, **options):
        outcome = write_archive(archief)
        self.stdout.write(
            f"{outcome.files} bestanden ({filesizeformat(outcome.size)}) in {archief}."
        )
        if outcome.missing:
            for name in outcome.missing:
                self.stderr.write(f"  ontbreekt in de opslag: {name}")
            raise CommandError(f"{len(outcome.missing)} bestanden ontbreken in de opslag.")
