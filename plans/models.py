"""The learner's foresight plan, one per account and course (every translation of it)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ForesightPlan(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="foresight_plans",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Shared by every translation of the course: one plan, whatever the language.
    course_key = models.UUIDField(editable=False)
    answers = models.JSONField(_("plan"), default=dict)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("foresight plan")
        verbose_name_plural = _("foresight plans")
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="one_plan_per_course")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.course}"

    def save(self, *args, **kwargs):
        if self.course_key is None:
            self.course_key = self.course.translation_key
        super().save(*args, **kwargs)
