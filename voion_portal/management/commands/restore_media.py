from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from voion_portal.media.archive import ArchiveError, restore_archive


class Command(BaseCommand):
    help = (
        "Zet de bestanden uit een archief van backup_media terug in de opslag, onder dezelfde "
        "namen; elk bestand wordt eerst tegen het manifest gecontroleerd. Bestanden die al "
        "goed staan, blijven staan."
    )

    def add_arguments(self, parser):
        parser.add_argument("archief", help="Het archief van backup_media.")

    def handle(self, *args, archief, **options):
        try:
            outcome = restore_archive(archief)
        except (ArchiveError, OSError) as error:
            raise CommandError(f"Terugzetten mislukt: {error}") from error
        self.stdout.write(f"{outcome.files} bestanden ({filesizeformat(outcome.size)}) teruggezet.")
