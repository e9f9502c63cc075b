from django.core.management.base import BaseCommand

from cms.demo.loader import DemoLoader


class Command(BaseCommand):
    help = "Loads the demo course and site pages. Creates what is missing; changes nothing else."

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        created = DemoLoader(log=self.stdout.write if verbose else lambda message: None).run()
        self.stdout.write(f"Demo content: {created} item(s) created.")
