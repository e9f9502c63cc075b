from django.core.management.base import BaseCommand, CommandError

from cms.demo.loader import DemoLoader
from cms.demo.source import ContentError


class Command(BaseCommand):
    help = (
        "Loads the course, lectures and site pages from content/. Creates what is missing; "
        "changes nothing else."
    )

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        try:
            created = DemoLoader(log=self.stdout.write if verbose else lambda message: None).run()
        except ContentError as error:
            # Nothing was saved: the loader runs in one transaction.
            raise CommandError(f"Content error, nothing loaded: {error}") from error
        self.stdout.write(f"Demo content: {created} item(s) created.")
