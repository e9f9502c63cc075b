"""What a learner has done. Unique constraints keep every "exactly once" rule true."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    """A learner's place in a course. One per course, whatever the language: `course_key` is
    the translation key every translation of the course shares, and `course` the translation
    the learner used last."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    course_key = models.UUIDField(editable=False)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    # When the learner finished every step of their foresight plan (the plans app says so):
    # needed for completion where the course requires the plan.
    plan_done_at = models.DateTimeField(_("foresight plan finished"), null=True, blank=True)
    last_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("last page visited"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_visited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="unique_enrolment"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course}"

    def save(self, *args, **kwargs):
        if self.course_key is None:
            self.course_key = self.course.translation_key
        super().save(*args, **kwargs)


class LessonCompletion(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="completions"
    )
    completed_at = models.DateTimeField(_("completed"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson completion")
        verbose_name_plural = _("lesson completions")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="unique_lesson_completion"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.lesson}"


class Reflection(models.Model):
    """The learner's own answer to a reflection prompt (keyed by the prompt's block id)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="reflections"
    )
    prompt_id = models.CharField(max_length=64)
    text = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson", "prompt_id"], name="unique_reflection_per_prompt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.lesson} – {self.prompt_id}"
