"""`manage.py publish_scheduled`: do what editors planned for this moment.

Publishes the working copies whose moment has come and takes offline the items whose
"depubliceren op" has come (`editors.scheduling`). Run it every minute (cron or a
systemd timer, see docs/operations.md): a correction planned for 14:00 is public by
14:01. A new item planned with a future publication moment needs nothing: it is public
from that moment on by itself.
"""

from django.core.management.base import BaseCommand

from voion_portal.editors.scheduling import run_due


class Command(BaseCommand):
    help = "Publiceert geplande werkversies en depubliceert items waarvan het moment is gekomen."

    def handle(self, *args, **options):
        done = run_due()
        for line in done:
            self.stdout.write(line)
        if options["verbosity"] > 1 or done:
            self.stdout.write(f"{len(done)} geplande actie(s) uitgevoerd.")
