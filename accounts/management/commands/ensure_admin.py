import secrets

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Creates an admin account if there is no superuser yet, and prints its login once."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="admin@example.com")

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account exists already; its password is not shown again.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            email=options["email"], password=password, full_name="Admin"
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin account created. Email: {user.email}  Password: {password}\n"
                "Save the password now: it is shown only this once."
            )
        )
