"""Quizzes: graded module and final quizzes, and profile self-tests like the futurist test."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses.blocks import RICH_TEXT_FEATURES
from courses.fields import StreamField
from courses.models.pages import LearningItemMixin
from courses.quiz_blocks import QuizQuestionsBlock


class QuizPage(LearningItemMixin, RoutablePageMixin, Page):
    class Mode(models.TextChoices):
        GRADED = "graded", _("Graded quiz")
        PROFILE = "profile", _("Profile self-test (like the futurist test)")

    class Reveal(models.TextChoices):
        NEVER = "never", _("Never")
        AFTER_PASS = "after_pass", _("After passing")
        AFTER_LAST_ATTEMPT = "after_last_attempt", _("After passing or the last attempt")

    class Scoring(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing")
        PARTIAL = "partial", _("Partial credit")

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    questions = StreamField(QuizQuestionsBlock(), verbose_name=_("questions"), blank=True)
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices, default=Mode.GRADED)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("maximum attempts"), default=0, help_text=_("0 means unlimited.")
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    pool_size = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        default=0,
        help_text=_("Draw this many questions at random for each attempt; 0 means all."),
    )
    reveal_answers = models.CharField(
        _("show correct answers"),
        max_length=24,
        choices=Reveal.choices,
        default=Reveal.AFTER_LAST_ATTEMPT,
    )
    scoring = models.CharField(
        _("multiple-choice, ordering and matching scoring"),
        max_length=16,
        choices=Scoring.choices,
        default=Scoring.PARTIAL,
    )
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("A required graded quiz must be passed to complete the course."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("mode"),
        FieldPanel("questions"),
        InlinePanel("profiles", label=_("Profiles (self-test mode)")),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("pool_size"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("scoring"),
                FieldPanel("reveal_answers"),
                FieldPanel("required"),
            ],
            heading=_("Quiz settings"),
        ),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.ModulePage", "courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz page")

    @property
    def is_profile(self) -> bool:
        return self.mode == self.Mode.PROFILE

    @property
    def counts_for_progress(self) -> bool:
        return self.mode == self.Mode.GRADED and self.required

    @property
    def partial_credit(self) -> bool:
        return self.scoring == self.Scoring.PARTIAL

    def clean(self):
        super().clean()
        kinds = [block.block.kind for block in self.questions]
        errors = {}
        if self.mode == self.Mode.GRADED and "profile" in kinds:
            errors["questions"] = _("A graded quiz cannot have self-test questions.")
        if self.mode == self.Mode.PROFILE:
            if any(kind != "profile" for kind in kinds):
                errors["questions"] = _("A self-test has only self-test questions.")
            keys = {profile.key for profile in self.profiles.all()}
            if not keys:
                errors["mode"] = _("A self-test needs at least one profile.")
            unknown = {
                points["profile"]
                for block in self.questions
                if block.block.kind == "profile"
                for choice in block.value["choices"]
                for points in choice["points"]
            } - keys
            if unknown and keys:
                errors["questions"] = _("Unknown profile keys: %(keys)s") % {
                    "keys": ", ".join(sorted(unknown))
                }
        if self.pool_size and self.pool_size > len(kinds):
            errors["pool_size"] = _("The quiz has only %(count)s questions.") % {
                "count": len(kinds)
            }
        if errors:
            raise ValidationError(errors)

    @cached_property
    def profile_list(self) -> list[QuizProfile]:
        return list(self.profiles.select_related("image", "recommended_module"))

    def get_context(self, request, *args, **kwargs):
        from courses.quiz_views import quiz_context

        context = super().get_context(request, *args, **kwargs)
        context.update(quiz_context(request, self, **kwargs))
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.serve_learning_item(request, *args, **kwargs)

    @path("result/<path:keys>/", name="profile_result")
    def profile_result(self, request, keys: str):
        from courses.quiz_views import profile_result

        return profile_result(request, self, keys)


class QuizProfile(Orderable):
    """A profile of a self-test: the result a taker gets, with advice where to start."""

    page = ParentalKey(QuizPage, on_delete=models.CASCADE, related_name="profiles")
    key = models.SlugField(_("key"), max_length=50, help_text=_("Used in the questions' points."))
    name = models.CharField(_("name"), max_length=100)
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES)
    tips = RichTextField(_("tips"), blank=True, features=RICH_TEXT_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(_("image alternative text"), max_length=300, blank=True)
    recommended_module = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("recommended module"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("key"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("tips"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("recommended_module", heading=_("Recommended module")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("profile")
        constraints = [
            models.UniqueConstraint(fields=["page", "key"], name="unique_profile_key_per_quiz")
        ]

    def __str__(self) -> str:
        return self.name


class QuizAttempt(models.Model):
    """One attempt at a quiz, by an account or an anonymous visitor's token.

    The drawn questions are copied from the page revision the attempt started with, so a
    later edit of the quiz never changes what was asked or how it is graded.
    """

    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="attempts")
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
                fields=["quiz", "user", "number"],
                condition=Q(user__isnull=False),
                name="unique_attempt_number_per_user",
            ),
            models.UniqueConstraint(
                fields=["quiz", "anonymous_token", "number"],
                condition=Q(anonymous_token__isnull=False),
                name="unique_attempt_number_per_token",
            ),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=Q(user__isnull=False, submitted_at__isnull=True),
                name="one_open_attempt_per_user",
            ),
            models.UniqueConstraint(
                fields=["quiz", "anonymous_token"],
                condition=Q(anonymous_token__isnull=False, submitted_at__isnull=True),
                name="one_open_attempt_per_token",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.number}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @cached_property
    def question_values(self):
        """The drawn questions as the StreamValue they were when the attempt started."""
        stream_block = QuizPage._meta.get_field("questions").stream_block
        return stream_block.to_python(self.question_data)


class ProfileResultCount(models.Model):
    """How many takers got each result of a self-test: the only thing kept of anonymous
    takers, who leave no personal data."""

    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="result_counts")
    result = models.CharField(max_length=200)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["quiz", "result"], name="unique_profile_result")
        ]

    def __str__(self) -> str:
        return f"{self.quiz}: {self.result} × {self.count}"
