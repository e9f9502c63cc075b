"""The course tree: CourseIndexPage > CoursePage > ModulePage > LessonPage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.fields import StreamField
from core.pages import CachedRestrictionsMixin
from courses import outline_cache
from courses.blocks import LessonBodyBlock
from courses.forms import ReflectionForm
from courses.learners import learner_for
from courses.outline import CourseOutline


class CourseIndexPage(CachedRestrictionsMixin, Page):
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


class CoursePage(CachedRestrictionsMixin, Page):
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

    plan_required = models.BooleanField(
        _("foresight plan required"),
        default=False,
        help_text=_(
            "The course is complete, and its certificate issued, only when the learner has "
            "also written every step of their foresight plan."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("learning_outcomes"),
        FieldPanel("estimated_duration_minutes"),
        FieldPanel("cover_image"),
        FieldPanel("plan_required"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("course page")

    @property
    def estimated_hours(self) -> float:
        return round(self.estimated_duration_minutes / 60, 1)

    @classmethod
    def live_by_id(cls) -> dict[int, CoursePage]:
        """Every live course by page id, light fields only (never bodies), from the cache
        while the content is unchanged (courses/outline_cache.py). The pages are shared by
        the requests of this process: read them, never change them."""
        return outline_cache.live_courses(lambda: cls.objects.live().defer_streamfields().in_bulk())

    def outline(self) -> CourseOutline:
        """The course's published structure in reading order, with what completing it
        requires across its translations. Read from the cache (courses/outline_cache.py),
        else with one query for the translations and one per kind of page, whatever the
        size of the course. Build it once per request and pass it on."""
        parts = outline_cache.get(self.translation_key)
        if parts is None:
            parts = self._outline_parts()
            outline_cache.put(self.translation_key, parts)
        # Self as given: a preview shows its own draft.
        family = [self, *(course for course in parts["courses"] if course.id != self.id)]
        return CourseOutline.build_family(
            self,
            courses=family,
            modules=parts["modules"],
            pages=parts["pages"],
            steplen=Page.steplen,
            default_locale_id=parts["default_locale_id"],
        )

    def _outline_parts(self) -> dict:
        """The live translations of the course, their live modules and learning items."""
        translations = list(
            CoursePage.objects.live()
            .filter(translation_key=self.translation_key)
            .select_related("locale")
        )
        default_language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        within = Q(path__startswith=self.path)
        for course in translations:
            within |= Q(path__startswith=course.path)
        return {
            "courses": translations,
            "default_locale_id": next(
                (c.locale_id for c in translations if c.locale.language_code == default_language),
                None,
            ),
            "modules": list(ModulePage.objects.live().filter(within, depth=self.depth + 1)),
            "pages": [page for kind in LEARNING_ITEM_TYPES for page in kind.outline_pages(within)],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline = self.outline()
        context["outline"] = outline
        context["progress"] = learner_for(request).progress(outline)
        return context


class ModulePage(CachedRestrictionsMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    class Meta:
        verbose_name = _("module page")

    @cached_property
    def course(self) -> CoursePage | None:
        return course_of(self)

    def prime_route_cache(self) -> None:
        """Stored with the page in the route cache (cms/page_cache.py): its course."""
        self.course  # noqa: B018

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        course = self.course
        if course is not None:
            outline = course.outline()
            progress = learner_for(request).progress(outline)
            context.update(
                course=course,
                progress=progress,
                items=[
                    (item, progress.item_state(item), progress.is_new(item))
                    for item in outline.items_in(self)
                ],
            )
        return context


def course_of(page: Page) -> CoursePage | None:
    if not page.path:
        return None
    return CoursePage.objects.ancestor_of(page).first()


# Every kind of page a learner works through, in the order they were defined; the course
# outline asks each kind for its pages.
LEARNING_ITEM_TYPES: list[type[LearningItemMixin]] = []


class LearningItemMixin:
    """A page a learner works through inside a course: a lesson or a quiz."""

    is_quiz = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if issubclass(cls, Page):
            LEARNING_ITEM_TYPES.append(cls)

    @classmethod
    def outline_pages(cls, within: Q) -> list:
        """This kind's live pages that count in a course outline, under the courses
        `within` selects (a filter on paths): light fields only, never the bodies."""
        return list(cls.objects.live().filter(within).defer_streamfields())

    @cached_property
    def course(self) -> CoursePage | None:
        return course_of(self)

    def prime_route_cache(self) -> None:
        """Stored with the page in the route cache (cms/page_cache.py): its course."""
        self.course  # noqa: B018

    def serve_learning_item(self, request, *args, **kwargs):
        if self.course is not None and not getattr(request, "is_preview", False):
            learner_for(request).record_visit(self.course, self)
        return Page.serve(self, request, *args, **kwargs)


class LessonPage(CachedRestrictionsMixin, LearningItemMixin, Page):
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

    def get_context(self, request, *args, reflection_form=None, outline=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        learner = learner_for(request)
        context["reflection_form"] = reflection_form or ReflectionForm(
            self, initial=learner.reflections(self) if self.id and self.reflection_prompts else {}
        )
        context["reflection_max_length"] = settings.REFLECTION_MAX_LENGTH
        if self.course is not None:
            outline = outline or self.course.outline()
            progress = learner.progress(outline)
            context.update(
                outline.navigation(self.id),
                course=self.course,
                progress=progress,
                is_done=self.id in progress.done,
            )
        return context
