from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class Command(BaseCommand):
    help = "Load the demo data of every app (people per role, sample requests); safe to run again."

    def handle(self, *args, **options):
        if settings.PRODUCTION and not settings.DEMO_MODE:
            raise CommandError(
                "Demo data is for development and demonstration deployments (DEMO_MODE) only; "
                "it is never loaded in production."
            )
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                seed = getattr(app_config, "seed_demo", None)
                if seed is not None:
                    summary = seed()
                    self.stdout.write(f"{app_config.label}: {summary}")
