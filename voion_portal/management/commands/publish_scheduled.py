"""`manage.py publish_scheduled`: do what editors planned for this moment.

Publishes the working copies whose moment has come and takes offline the items whose
"depubliceren op" has come (`editors.scheduling`). Run it every minute (cron or a
systemd timer, see docs/operations.md): a correction planned for 14:00 is public by
14:01. A new item planned with a future publication moment needs nothing: it is public
from that moment on by itself.
"""

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

from voion_portal.editors.scheduling import run_due


class Command(BaseCommand):
    help = "Publiceert geplande werkversies en depubliceert items waarvan het moment is gekomen."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDEN",
            help="Blijf draaien en kijk elke zoveel seconden (zonder cron; `make run` doet "
            "dit met 60).",
        )

    def handle(self, *args, **options):
        every = options["every"]
        try:
            while True:
                self._run_once(options["verbosity"])
                if every <= 0:
                    return
                # A long-running loop recycles its connection as a request would; never
                # inside a transaction (a caller's, or a test's).
                if not connection.in_atomic_block:
                    close_old_connections()
                time.sleep(every)
        except KeyboardInterrupt:
            return

    def _run_once(self, verbosity: int) -> None:
        done = run_due()
        for line in done:
            self.stdout.write(line)
        if verbosity > 1 or done:
            self.stdout.write(f"{len(done)} geplande actie(s) uitgevoerd.")
