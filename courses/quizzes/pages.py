"""Quiz pages: graded module and final quizzes, and profile self-tests like the futurist
test."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.fields import StreamField
from core.pages import CachedRestrictionsMixin
from courses.learners import learner_for
from courses.models.pages import LearningItemMixin
from courses.quizzes import engine
from courses.quizzes.attempts import attempts_of
from courses.quizzes.questions import QuizQuestionsBlock

# Profile keys are slugs, so "/" never occurs in one; Wagtail routes it as a path segment.
PROFILE_SEPARATOR = "/"


class QuizPage(CachedRestrictionsMixin, LearningItemMixin, RoutablePageMixin, Page):
    is_quiz = True

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

    @classmethod
    def outline_pages(cls, within) -> list:
        # A self-test is there to explore; only graded quizzes count in the course.
        return list(cls.objects.live().filter(within, mode=cls.Mode.GRADED).defer_streamfields())

    def clean(self):
        super().clean()
        graded = [block.block.graded for block in self.questions]
        errors = {}
        if self.mode == self.Mode.GRADED and not all(graded):
            errors["questions"] = _("A graded quiz cannot have self-test questions.")
        if self.mode == self.Mode.PROFILE:
            if any(graded):
                errors["questions"] = _("A self-test has only self-test questions.")
            keys = {profile.key for profile in self.profiles.all()}
            if not keys:
                errors["mode"] = _("A self-test needs at least one profile.")
            unknown = {
                key for block in self.questions for key in block.block.profile_keys(block.value)
            } - keys
            if unknown and keys:
                errors["questions"] = _("Unknown profile keys: %(keys)s") % {
                    "keys": ", ".join(sorted(unknown))
                }
        if self.pool_size and self.pool_size > len(graded):
            errors["pool_size"] = _("The quiz has only %(count)s questions.") % {
                "count": len(graded)
            }
        if errors:
            raise ValidationError(errors)

    @cached_property
    def profile_list(self) -> list[QuizProfile]:
        return list(self.profiles.select_related("image", "recommended_module"))

    def full_draw(self) -> list[dict]:
        """Every question in the editor's order: how a self-test is always shown."""
        return engine.draw(
            self.questions, pool_size=0, shuffle_questions=False, shuffle_choices=False
        )

    def get_context(self, request, *args, errors=None, post=None, form_errors=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            errors=errors or {},
            form_errors=form_errors or [],
            max_payload=settings.QUIZ_MAX_PAYLOAD,
        )
        if self.course is not None and self.id:
            context.update(self.course.outline().navigation(self.id), course=self.course)
        if self.is_profile:
            context["questions"] = engine.public_questions(self.questions, self.full_draw(), post)
            return context
        attempts = list(attempts_of(self, learner_for(request).attempt_owner()))
        submitted = [attempt for attempt in attempts if attempt.is_submitted]
        open_attempt = next((a for a in attempts if not a.is_submitted), None)
        limit = self.max_attempts
        context.update(
            attempts=submitted,
            open_attempt=open_attempt,
            passed=any(attempt.passed for attempt in submitted),
            # Never below 0, even after an editor lowers the limit below what was used.
            attempts_left=max(limit - len(submitted), 0) if limit else None,
            can_start=open_attempt is None and (not limit or len(attempts) < limit),
        )
        if open_attempt is not None:
            context["questions"] = engine.public_questions(
                open_attempt.question_values, open_attempt.drawn, post
            )
        return context

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.serve_learning_item(request, *args, **kwargs)

    @path("result/<path:keys>/", name="profile_result")
    def profile_result(self, request, keys: str):
        """The shareable result page: its address names the profiles and nothing else."""
        by_key = {profile.key: profile for profile in self.profile_list}
        wanted = keys.split(PROFILE_SEPARATOR)
        if not wanted or len(set(wanted)) != len(wanted) or not set(wanted) <= by_key.keys():
            raise Http404
        context = self.get_context(request)
        context.update(
            profiles=[by_key[key] for key in wanted], share_url=request.build_absolute_uri()
        )
        return TemplateResponse(request, "courses/quiz_profile_result.html", context)


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
