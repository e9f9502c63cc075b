"""The library of guest lectures and future-workshop materials."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, VideoBlock
from core.fields import StreamField
from core.pages import CachedRestrictionsMixin

LECTURES_PER_PAGE = 12


class Speaker(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldPanel("photo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LectureTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms.GuestLecturePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class LectureSpeaker(Orderable):
    page = ParentalKey("cms.GuestLecturePage", on_delete=models.CASCADE, related_name="speakers")
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("speaker")]


class LectureModuleLink(Orderable):
    page = ParentalKey(
        "cms.GuestLecturePage", on_delete=models.CASCADE, related_name="module_links"
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        verbose_name=_("course module"),
        on_delete=models.CASCADE,
        related_name="lecture_links",
    )

    panels = [PageChooserPanel("module", "courses.ModulePage")]


class GuestLecturePage(CachedRestrictionsMixin, Page):
    class Kind(models.TextChoices):
        LECTURE = "lecture", _("Guest lecture")
        WORKSHOP = "workshop", _("Future workshop")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.LECTURE)
    date = models.DateField(_("date"))
    event = models.CharField(_("event"), max_length=200, blank=True)
    event_page = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("event page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="materials",
        help_text=_("The event in the calendar these are the materials of."),
    )
    summary = RichTextField(_("summary"), features=RICH_TEXT_FEATURES)
    video = StreamField(
        [("video", VideoBlock())],
        verbose_name=_("video"),
        blank=True,
        max_num=1,
        help_text=_("A recording with captions or a transcript."),
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager(through=LectureTag, blank=True, verbose_name=_("themes"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("date"),
                FieldPanel("event"),
                FieldPanel("event_page"),
                FieldPanel("tags"),
            ],
            heading=_("Event"),
        ),
        InlinePanel("speakers", label=_("Speakers")),
        FieldPanel("summary"),
        FieldPanel("video"),
        FieldPanel("slides"),
        InlinePanel("module_links", label=_("Related course modules")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("event"),
        index.SearchField("video"),
        index.FilterField("date"),
    ]
    parent_page_types = ["cms.GuestLectureIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guest lecture or workshop material")
        verbose_name_plural = _("guest lectures and workshop materials")


class LectureFilterForm(forms.Form):
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, data, *, themes, years):
        super().__init__(data)
        self.fields["theme"].choices = [("", _("All themes")), *themes]
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        self.fields["kind"].choices = [("", _("All materials")), *GuestLecturePage.Kind.choices]


class GuestLectureIndexPage(CachedRestrictionsMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.GuestLecturePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("lecture library")

    def lectures(self):
        return GuestLecturePage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        lectures = self.lectures()
        themes = (
            Tag.objects.filter(cms_lecturetag_items__content_object__in=lectures)
            .distinct()
            .order_by("name")
        )
        years = sorted({day.year for day in lectures.values_list("date", flat=True)}, reverse=True)
        form = LectureFilterForm(
            request.GET, themes=[(tag.slug, tag.name) for tag in themes], years=years
        )
        if form.is_valid():
            if form.cleaned_data["theme"]:
                lectures = lectures.filter(tagged_items__tag__slug=form.cleaned_data["theme"])
            if form.cleaned_data["year"]:
                lectures = lectures.filter(date__year=form.cleaned_data["year"])
            if form.cleaned_data["kind"]:
                lectures = lectures.filter(kind=form.cleaned_data["kind"])
        paginator = Paginator(
            lectures.order_by("-date", "title").prefetch_related("tags", "speakers__speaker"),
            LECTURES_PER_PAGE,
        )
        context.update(
            filter_form=form,
            filtered=form.is_valid() and any(form.cleaned_data.values()),
            lectures=paginator.get_page(request.GET.get("page")),
        )
        return context
