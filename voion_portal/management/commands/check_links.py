from django.core.management.base import BaseCommand

from voion_portal.editors import linkcheck


class Command(BaseCommand):
    help = (
        "Controleert alle externe links in de inhoud (instrumenten, artikelen, stappenplannen, "
        "jaarplannen en activiteiten, pilots, organisaties en links in teksten) en legt per "
        "adres de statuscode, het eindadres en de fout vast. Plan dit buiten de website in, "
        "bijvoorbeeld elke nacht, en met --aangevraagd elke paar minuten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--aangevraagd",
            action="store_true",
            help="Alleen links waarvoor de redactie een controle aanvroeg, en nieuwe links.",
        )
        parser.add_argument(
            "--timeout", type=float, default=None, help="Seconden per verzoek (standaard 10)."
        )
        parser.add_argument(
            "--workers", type=int, default=None, help="Gelijktijdige verzoeken (standaard 8)."
        )

    def handle(self, *args, aangevraagd, timeout, workers, **options):
        report = linkcheck.run(only_requested=aangevraagd, timeout=timeout, workers=workers)
        self.stdout.write(
            f"{report.checked} van {report.links} links gecontroleerd: "
            f"{len(report.broken)} kapot, {report.redirected} doorverwezen."
        )
        for link in report.broken:
            reason = link.fout or f"status {link.statuscode}"
            self.stdout.write(self.style.WARNING(f"  kapot: {link.url} ({reason})"))
            for place in link.vindplaatsen.all():
                self.stdout.write(f"    in {place.item} — {place.veld}")
