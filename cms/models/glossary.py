"""The glossary: foresight terms as translatable snippets, shown on one glossary page per
language and linked from the lesson where each term is first taught."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from core.blocks import RICH_TEXT_FEATURES
from core.pages import CachedRestrictionsMixin


class GlossaryTermQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class GlossaryTerm(TranslatableMixin, index.Indexed, models.Model):
    term = models.CharField(_("term"), max_length=120)
    anchor = models.SlugField(
        _("anchor"),
        max_length=120,
        allow_unicode=True,
        help_text=_("The term's address on the glossary page, e.g. “weak-signal”."),
    )
    definition = RichTextField(_("definition"), features=RICH_TEXT_FEATURES)
    introduced_in = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("first taught in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_terms",
        help_text=_("The lesson that first teaches the term; it links to the glossary."),
    )

    objects = GlossaryTermQuerySet.as_manager()

    panels = [
        FieldPanel("term"),
        FieldPanel("anchor"),
        FieldPanel("definition"),
        PageChooserPanel("introduced_in", "courses.LessonPage"),
    ]
    search_fields = [
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("definition"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "anchor"], name="unique_glossary_anchor"),
        ]

    def __str__(self) -> str:
        return self.term

    def glossary_page(self) -> "GlossaryPage | None":
        return GlossaryPage.objects.live().filter(locale_id=self.locale_id).first()


class GlossaryPage(CachedRestrictionsMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("glossary page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = (
            GlossaryTerm.objects.filter(locale_id=self.locale_id)
            .select_related("introduced_in")
            .order_by("term")
        )
        return context
