from django.core.management.base import BaseCommand, CommandError

from voion_portal.editors import completeness


class Command(BaseCommand):
    help = (
        "Toont elk gepubliceerd item dat iets mist waarmee bezoekers het vinden: een "
        "samenvatting, doelgroep, sector, thema of (instrumenten) een externe link."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--strikt",
            action="store_true",
            help="Eindig met een foutcode als er iets ontbreekt (voor een controle na het laden).",
        )

    def handle(self, *args, strikt, **options):
        found = completeness.gaps()
        for gap in found:
            self.stdout.write(f"{gap.kind}: {gap.title} — mist {', '.join(gap.missing)}")
            self.stdout.write(f"    {gap.admin_url}")
        if not found:
            self.stdout.write("Alle gepubliceerde items zijn compleet.")
            return
        summary = f"{len(found)} gepubliceerde item(s) missen iets."
        if strikt:
            raise CommandError(summary)
        self.stdout.write(summary)
