from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from voion_portal.loader.loader import ContentError, ContentLoader


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
        # A first version of every item without history, so an editor's first change can be
        # compared and reverted and a deleted item recovered (items with history are skipped).
        call_command(
            "createinitialrevisions", comment="Geladen uit de inhoudsbestanden.", verbosity=0
        )
        self.stdout.write(self.style.SUCCESS(f"Inhoud geladen: {report.summary()}."))
        for item in report.kept:
            self.stdout.write(f"  behouden (bewerkt door redactie): {item}")
