import getpass
import os

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from voion_portal.editors.permissions import REDACTIE_GROUP


class Command(BaseCommand):
    help = (
        "Maakt een redacteur aan: een stafaccount in de groep Redactie (geen superuser). "
        "Het wachtwoord wordt gevraagd, of gelezen uit EDITOR_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", help="Gebruikersnaam van de redacteur.")
        parser.add_argument("--email", default="", help="E-mailadres.")

    def handle(self, *args, username=None, email="", **options):
        username = username or input("Gebruikersnaam: ").strip()
        if not username:
            raise CommandError("Geef een gebruikersnaam op.")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Er bestaat al een gebruiker '{username}'.")
        password = os.environ.get("EDITOR_PASSWORD") or getpass.getpass("Wachtwoord: ")
        user = User(username=username, email=email, is_staff=True)
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=REDACTIE_GROUP))
        self.stdout.write(self.style.SUCCESS(f"Redacteur '{username}' aangemaakt."))
