import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count

from certificates.models import Certificate
from cms.demo import scale
from courses.models import Enrolment, LessonCompletion, QuizAttempt

# The tables scale_data fills, analysed afterwards so the planner knows their new sizes.
TABLES = ("accounts_user", "account_emailaddress", "courses_lessoncompletion",
          "courses_quizattempt", "courses_enrolment", "certificates_certificate")  # fmt: skip


class Command(BaseCommand):
    help = (
        "Makes N learners (default 100,000) with realistic histories in the course that is "
        "loaded (load_demo_content): about 20 lesson completions each, graded quiz attempts "
        "and certificates for those who finished. For benchmarks only: never on a live site. "
        "Adds only the learners that are missing, so running it twice changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=100_000)
        parser.add_argument(
            "--completions",
            type=float,
            default=20,
            help="lesson completions per learner on average (default 20)",
        )

    def handle(self, *args, learners: int, completions: float, **options):
        if learners < 0:
            raise CommandError("--learners must be 0 or more")
        existing = scale.existing_numbers()
        missing = [n for n in range(1, learners + 1) if n not in existing]
        if not missing:
            self.stdout.write(f"{len(existing)} scaled learners already; nothing to do.")
            return
        started = time.monotonic()
        try:
            data = scale.ScaleData(completions_per_learner=completions)
        except ValueError as error:
            raise CommandError(str(error)) from error
        size = scale.BATCH.get(connection.vendor, 1000)
        for start in range(0, len(missing), size):
            numbers = missing[start : start + size]
            rows = data.batch(numbers)
            with transaction.atomic():
                data.write(rows)
            if options["verbosity"] > 1 or len(numbers) == size:
                self.stdout.write(
                    f"  learners {numbers[0]}–{numbers[-1]}: {len(rows.completions)} "
                    f"completions, {len(rows.attempts)} attempts "
                    f"({time.monotonic() - started:.0f} s)"
                )
        if connection.vendor == "postgresql":
            # VACUUM sets the visibility map too, so index-only scans work from the start;
            # inside a transaction (a test's) only ANALYZE can run.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            with connection.cursor() as cursor:
                for table in TABLES:
                    cursor.execute(f"{command} {connection.ops.quote_name(table)}")
        self.stdout.write(self._summary(len(missing), time.monotonic() - started))

    @staticmethod
    def _summary(added: int, seconds: float) -> str:
        learners = scale.scaled_learners()
        busiest = (
            QuizAttempt.objects.filter(user__in=learners, submitted_at__isnull=False)
            .values_list("quiz__title")
            .order_by()
            .annotate(count=Count("id"))
            .order_by("-count")
            .first()
        )
        return (
            f"Added {added} learners in {seconds:.0f} s. Scaled learners now: "
            f"{learners.count()}; lesson completions "
            f"{LessonCompletion.objects.filter(user__in=learners).count()}, quiz attempts "
            f"{QuizAttempt.objects.filter(user__in=learners).count()}, enrolments "
            f"{Enrolment.objects.filter(user__in=learners).count()} (completed "
            f"{Enrolment.objects.filter(user__in=learners, completed_at__isnull=False).count()}"
            f"), certificates {Certificate.objects.filter(user__in=learners).count()}."
            + (f" Most attempted quiz: {busiest[0]} ({busiest[1]})." if busiest else "")
        )
