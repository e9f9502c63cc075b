"""The course tree: CourseIndexPage > CoursePage > ModulePage > LessonPage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import RICH_TEXT_FEATURES, LessonBodyBlock
from courses.fields import StreamField


class CourseIndexPage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["courses"] = (
            CoursePage.objects.live().public().child_of(self).select_related("cover_image")
        )
        return context


class CoursePage(Page):
    summary = models.TextField(_("summary"), max_length=600)
    learning_outcomes = StreamField(
        [
            (
                "outcome",
                blocks.CharBlock(
                    label=_("Learning outcome"),
                    max_length=300,
                    icon="tick",
                    description=_("One thing the learner can do after the course."),
                ),
            )
        ],
        verbose_name=_("learning outcomes"),
        blank=True,
        help_text=_("What the learner can do after the course, one item each."),
    )
    estimated_duration_minutes = models.PositiveIntegerField(
        _("estimated duration (minutes)"), default=60
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Named by string: courses never imports the certificates app.
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name=_("certificate template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        FieldPanel("estimated_duration_minutes"),
        FieldPanel("cover_image"),
    ]
    settings_panels = [FieldPanel("certificate_template"), *Page.settings_panels]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("course page")

    @property
    def estimated_hours(self) -> float:
        return round(self.estimated_duration_minutes / 60, 1)

    def get_context(self, request, *args, **kwargs):
        from courses.learners import Learner
        from courses.outline import CourseOutline

        context = super().get_context(request, *args, **kwargs)
        outline = CourseOutline.for_course(self)
        context["outline"] = outline
        context["progress"] = Learner.for_request(request).progress(outline)
        return context


class ModulePage(Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("module page")

    def get_context(self, request, *args, **kwargs):
        from courses.learners import Learner
        from courses.outline import CourseOutline
        from courses.progress import course_of

        context = super().get_context(request, *args, **kwargs)
        course = course_of(self)
        if course is not None:
            outline = CourseOutline.for_course(course)
            progress = Learner.for_request(request).progress(outline)
            context.update(
                course=course,
                progress=progress,
                items=[
                    (item, progress.item_state(item), progress.is_new(item))
                    for item in outline.items_in(self)
                ],
            )
        return context


class LearningItemMixin:
    """A page a learner works through inside a course: a lesson or a quiz."""

    @cached_property
    def course(self) -> CoursePage | None:
        from courses.progress import course_of

        return course_of(self)

    def serve_learning_item(self, request, *args, **kwargs):
        from courses.learners import Learner

        if self.course is not None and not getattr(request, "is_preview", False):
            Learner.for_request(request).record_visit(self.course, self)
        return Page.serve(self, request, *args, **kwargs)


class LessonPage(LearningItemMixin, Page):
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required lessons count towards progress and course completion."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    settings_panels = [
        FieldPanel("estimated_minutes"),
        FieldPanel("required"),
        *Page.settings_panels,
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson page")

    @property
    def reflection_prompts(self) -> list:
        return [block for block in self.body if block.block_type == "reflection"]

    def serve(self, request, *args, **kwargs):
        return self.serve_learning_item(request, *args, **kwargs)

    def get_context(self, request, *args, reflection_form=None, **kwargs):
        from courses.forms import ReflectionForm
        from courses.learners import Learner
        from courses.outline import CourseOutline

        context = super().get_context(request, *args, **kwargs)
        learner = Learner.for_request(request)
        context["reflection_form"] = reflection_form or ReflectionForm(
            self, initial=learner.reflections(self) if self.id else {}
        )
        context["reflection_max_length"] = settings.REFLECTION_MAX_LENGTH
        if self.course is not None:
            outline = CourseOutline.for_course(self.course)
            progress = learner.progress(outline)
            context.update(
                outline.navigation(self.id),
                course=self.course,
                progress=progress,
                is_done=self.id in progress.done,
            )
        return context
