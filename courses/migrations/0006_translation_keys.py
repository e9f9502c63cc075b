"""Enrolments and quiz attempts are kept per course and quiz whatever the language:
both get the translation key their pages share, and the unique rules move onto it."""

from django.db import migrations, models
from django.db.models import Q


def fill_keys(apps, schema_editor):
    Enrolment = apps.get_model("courses", "Enrolment")
    QuizAttempt = apps.get_model("courses", "QuizAttempt")
    Page = apps.get_model("wagtailcore", "Page")
    keys = dict(Page.objects.values_list("id", "translation_key"))

    # One enrolment per learner and course: translations of one course merge into the
    # earliest, keeping the earliest completion and the latest visit.
    kept = {}
    for enrolment in Enrolment.objects.order_by("started_at", "pk"):
        enrolment.course_key = keys[enrolment.course_id]
        first = kept.get((enrolment.user_id, enrolment.course_key))
        if first is None:
            kept[(enrolment.user_id, enrolment.course_key)] = enrolment
            enrolment.save()
            continue
        if enrolment.completed_at and (
            first.completed_at is None or enrolment.completed_at < first.completed_at
        ):
            first.completed_at = enrolment.completed_at
        if enrolment.last_visited_at and (
            first.last_visited_at is None or enrolment.last_visited_at > first.last_visited_at
        ):
            first.course_id = enrolment.course_id
            first.last_page_id = enrolment.last_page_id
            first.last_visited_at = enrolment.last_visited_at
        first.save()
        enrolment.delete()

    # Attempts at translations of one quiz are numbered as one series, oldest first.
    series = {}
    attempts = list(QuizAttempt.objects.order_by("started_at", "pk"))
    for attempt in attempts:
        attempt.quiz_key = keys[attempt.quiz_id]
        owner = attempt.user_id or attempt.anonymous_token
        number = series.get((attempt.quiz_key, owner), 0) + 1
        series[(attempt.quiz_key, owner)] = number
        attempt.number = number
    # Open attempts beyond the first of a series would break "one open attempt".
    seen_open = set()
    for attempt in attempts:
        owner = attempt.user_id or attempt.anonymous_token
        if attempt.submitted_at is None:
            if (attempt.quiz_key, owner) in seen_open:
                attempt.delete()
                continue
            seen_open.add((attempt.quiz_key, owner))
        attempt.save()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_remove_coursepage_certificate_template"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="enrolment", name="unique_enrolment"),
        migrations.RemoveConstraint(
            model_name="quizattempt", name="unique_attempt_number_per_user"
        ),
        migrations.RemoveConstraint(
            model_name="quizattempt", name="unique_attempt_number_per_token"
        ),
        migrations.RemoveConstraint(model_name="quizattempt", name="one_open_attempt_per_user"),
        migrations.RemoveConstraint(model_name="quizattempt", name="one_open_attempt_per_token"),
        migrations.AddField(
            model_name="enrolment",
            name="course_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="quizattempt",
            name="quiz_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="enrolment",
            name="course_key",
            field=models.UUIDField(editable=False),
        ),
        migrations.AlterField(
            model_name="quizattempt",
            name="quiz_key",
            field=models.UUIDField(editable=False),
        ),
        migrations.AddConstraint(
            model_name="enrolment",
            constraint=models.UniqueConstraint(
                fields=("user", "course_key"), name="unique_enrolment"
            ),
        ),
        migrations.AddConstraint(
            model_name="quizattempt",
            constraint=models.UniqueConstraint(
                condition=Q(user__isnull=False),
                fields=("quiz_key", "user", "number"),
                name="unique_attempt_number_per_user",
            ),
        ),
        migrations.AddConstraint(
            model_name="quizattempt",
            constraint=models.UniqueConstraint(
                condition=Q(anonymous_token__isnull=False),
                fields=("quiz_key", "anonymous_token", "number"),
                name="unique_attempt_number_per_token",
            ),
        ),
        migrations.AddConstraint(
            model_name="quizattempt",
            constraint=models.UniqueConstraint(
                condition=Q(user__isnull=False, submitted_at__isnull=True),
                fields=("quiz_key", "user"),
                name="one_open_attempt_per_user",
            ),
        ),
        migrations.AddConstraint(
            model_name="quizattempt",
            constraint=models.UniqueConstraint(
                condition=Q(anonymous_token__isnull=False, submitted_at__isnull=True),
                fields=("quiz_key", "anonymous_token"),
                name="one_open_attempt_per_token",
            ),
        ),
    ]
