"""`manage.py publish_scheduled`: publish the working copies whose moment has come.

Run it every minute (cron or a systemd timer, see docs/operations.md): a working copy
planned for 14:00 is then public by 14:01. Items planned with a future publication
moment need nothing: they are public from that moment on by themselves.
"""

from django.core.management.base import BaseCommand

from voion_portal.editors.workingcopy import publish_due


class Command(BaseCommand):
    help = "Publiceert de werkversies waarvan het geplande moment is aangebroken."

    def handle(self, *args, **options):
        published = publish_due()
        for name in published:
            self.stdout.write(f"gepubliceerd: {name}")
        if options["verbosity"] > 1 or published:
            self.stdout.write(f"{len(published)} werkversie(s) gepubliceerd.")
