"""What learners did in quizzes: attempts, and the aggregate counts of self-test results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from courses.quizzes.questions import QuizQuestionsBlock

QUESTIONS = QuizQuestionsBlock()


class QuizAttempt(models.Model):
    """One attempt at a quiz, by an account or an anonymous visitor's token.

    The drawn questions are copied from the page revision the attempt started with, so a
    later edit of the quiz never changes what was asked or how it is graded.
    """

    quiz = models.ForeignKey("courses.QuizPage", on_delete=models.CASCADE, related_name="attempts")
    # Shared by every translation of the quiz: attempts are numbered and limited per quiz,
    # whatever language they were taken in.
    quiz_key = models.UUIDField(editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    anonymous_token = models.UUIDField(null=True, blank=True, db_index=True)
    number = models.PositiveSmallIntegerField(_("attempt"))
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The rules the attempt started under: a later change of pass mark or scoring never
    # regrades it.
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    partial_credit = models.BooleanField(default=True)
    drawn = models.JSONField(default=list)
    question_data = models.JSONField(default=list)
    answers = models.JSONField(null=True, blank=True)
    results = models.JSONField(null=True, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True)
    passed = models.BooleanField(_("passed"), null=True)
    profile_result = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, anonymous_token__isnull=True)
                | Q(user__isnull=True, anonymous_token__isnull=False),
                name="attempt_by_user_or_token",
            ),
            models.UniqueConstraint(
                fields=["quiz_key", "user", "number"],
                condition=Q(user__isnull=False),
                name="unique_attempt_number_per_user",
            ),
            models.UniqueConstraint(
                fields=["quiz_key", "anonymous_token", "number"],
                condition=Q(anonymous_token__isnull=False),
                name="unique_attempt_number_per_token",
            ),
            models.UniqueConstraint(
                fields=["quiz_key", "user"],
                condition=Q(user__isnull=False, submitted_at__isnull=True),
                name="one_open_attempt_per_user",
            ),
            models.UniqueConstraint(
                fields=["quiz_key", "anonymous_token"],
                condition=Q(anonymous_token__isnull=False, submitted_at__isnull=True),
                name="one_open_attempt_per_token",
            ),
        ]
        indexes = [
            # A quiz's submitted attempts, and its figures (count, passed, mean score) from
            # the index alone: the quiz reports at a hundred thousand attempts a quiz.
            models.Index(
                fields=["quiz", "submitted_at", "passed", "score"], name="attempt_quiz_figures"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.number}"

    def save(self, *args, **kwargs):
        if self.quiz_key is None:
            self.quiz_key = self.quiz.translation_key
        super().save(*args, **kwargs)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @cached_property
    def question_values(self):
        """The drawn questions as the StreamValue they were when the attempt started."""
        return QUESTIONS.to_python(self.question_data)


class ProfileResultCount(models.Model):
    """How many takers got each result of a self-test: the only thing kept of anonymous
    takers, who leave no personal data."""

    quiz = models.ForeignKey(
        "courses.QuizPage", on_delete=models.CASCADE, related_name="result_counts"
    )
    result = models.CharField(max_length=200)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["quiz", "result"], name="unique_profile_result")
        ]

    def __str__(self) -> str:
        return f"{self.quiz}: {self.result} × {self.count}"
