import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create a local superuser 'admin' with a random password, printed once. "
        "Refused unless DEBUG is on: production never gets a default account."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Refusing to create a demo admin with DEBUG off. In production, use "
                "`python manage.py createsuperuser`."
            )
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The admin account '{username}' already exists (its password was printed when "
                f"it was made). To set a new one: .venv/bin/python manage.py changepassword "
                f"{username}"
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(
            self.style.SUCCESS("Demo admin created. Log in at http://127.0.0.1:8000/en/admin/")
            + f"\n  username: {username}\n  password: {password}\n"
            "  (shown this once; it is not stored anywhere in clear)"
        )
