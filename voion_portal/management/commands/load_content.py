from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from voion_portal.content_loader import ContentError, ContentLoader


class Command(BaseCommand):
    help = (
        "Laadt de inhoud uit fixtures/*.yaml. Veilig om vaker te draaien: maakt ontbrekende "
        "items aan en overschrijft nooit wat de redactie heeft bewerkt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            default=str(Path(settings.BASE_DIR) / "fixtures"),
            help="Map met de .yaml-bestanden (standaard: fixtures/).",
        )

    def handle(self, *args, directory, **options):
        loader = ContentLoader(Path(directory))
        try:
            report = loader.load()
        except ContentError as error:
            raise CommandError(f"De inhoud is niet geladen:\n{error}") from error
        self.stdout.write(self.style.SUCCESS(f"Inhoud geladen: {report.summary()}."))
        for item in report.kept:
            self.stdout.write(f"  behouden (bewerkt door redactie): {item}")
