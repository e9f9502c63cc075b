"""The region's foresight year: organisations, events, and who signed up for them."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.pages import CachedRestrictionsMixin
from events.calendar import ics
from events.feeds import calendar_event
from events.forms import VisitorSignupForm
from events.kinds import EventKind, EventLanguage
from events.listing import EventFilterForm, month_grid, months_with_events, year_wheel


class Organisation(TranslatableMixin, models.Model):
    """One of the region's organisations that runs events (a snippet)."""

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("website")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def ics_response(events, name: str, filename: str | None = None) -> HttpResponse:
    response = HttpResponse(
        ics([calendar_event(event) for event in events], name),
        content_type="text/calendar; charset=utf-8",
    )
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class EventIndexPage(RoutablePageMixin, CachedRestrictionsMixin, Page):
    """The events with filters, the year wheel (with its list), a month view, and the
    calendar feeds: all events, and one per kind."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("events index")

    def events(self):
        return EventPage.objects.child_of(self).live().public().select_related("organiser")

    @path("")
    def index(self, request):
        now = timezone.now()
        upcoming = self.events().filter(end__gte=now).order_by("start")
        organisers = Organisation.objects.filter(
            pk__in=upcoming.exclude(organiser=None).values("organiser_id")
        )
        form = EventFilterForm(
            request.GET or None, months=months_with_events(upcoming), organisers=organisers
        )
        # The twelve months from this one, or a calendar year when one is asked for.
        year = _year(request.GET.get("year"))
        today = timezone.localdate()
        first = date(year, 1, 1) if year else today.replace(day=1)
        window = self.events().filter(
            start__gte=datetime(first.year, first.month, 1, tzinfo=timezone.get_current_timezone())
            - timedelta(days=1),
            start__lt=datetime(
                first.year + 1, first.month, 1, tzinfo=timezone.get_current_timezone()
            )
            + timedelta(days=1),
        )
        return self.render(
            request,
            context_overrides={
                "filter_form": form,
                "filtered": form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
                "upcoming": form.apply(upcoming),
                "past": self.events().filter(end__lt=now).order_by("-start")[:6],
                "wheel": year_wheel(first, window),
                "calendar_year": year,
                "wheel_years": [today.year - 1, today.year, today.year + 1],
                "this_month": timezone.localtime(now),
                "kinds": EventKind.choices,
            },
        )

    @path("<int:year>/<int:month>/", name="month")
    def month(self, request, year: int, month: int):
        if not (2000 <= year <= 2100 and 1 <= month <= 12):
            raise Http404
        events = self.events().filter(start__year=year, start__month=month).order_by("start")
        previous = (year, month - 1) if month > 1 else (year - 1, 12)
        following = (year, month + 1) if month < 12 else (year + 1, 1)
        return self.render(
            request,
            template="events/month.html",
            context_overrides={
                "year": year,
                "month": month,
                "weeks": month_grid(year, month, events),
                "events": events,
                "previous": previous if previous[0] >= 2000 else None,
                "following": following if following[0] <= 2100 else None,
            },
        )

    @path("ical/", name="feed")
    def feed(self, request):
        return ics_response(self.events().order_by("start"), self.title)

    @path("ical/<str:kind>/", name="kind_feed")
    def kind_feed(self, request, kind: str):
        if kind not in EventKind.values:
            raise Http404
        label = str(EventKind(kind).label)
        return ics_response(
            self.events().filter(kind=kind).order_by("start"), f"{self.title}: {label}"
        )


def _year(value: str | None) -> int | None:
    try:
        year = int(value or 0)
    except ValueError:
        return None
    return year if 2000 <= year <= 2100 else None


class EventPage(RoutablePageMixin, CachedRestrictionsMixin, Page):
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=[("scheduled", _("Scheduled")), ("cancelled", _("Cancelled"))],
        default="scheduled",
        help_text=_(
            "Cancel an event instead of unpublishing it: calendars that subscribed are told, "
            "and everyone who signed up gets an email."
        ),
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    event_language = models.CharField(
        _("language of the event"), max_length=8, choices=EventLanguage.choices, default="fi"
    )
    summary = models.TextField(_("summary"), max_length=600)
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many can sign up; empty for no sign-up, e.g. an open webinar."),
    )
    signup_deadline = models.DateTimeField(_("sign-up deadline"), null=True, blank=True)
    lessons = ParentalManyToManyField(
        "courses.LessonPage", verbose_name=_("related lessons"), blank=True, related_name="+"
    )
    # iCalendar: increases whenever the time, place or status changes, so that calendars
    # that subscribed replace their copy (RFC 5545 SEQUENCE); the fingerprint is of those.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    schedule_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("place"),
                FieldPanel("online_url"),
                FieldPanel("organiser"),
                FieldPanel("audience"),
                FieldPanel("event_language"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("signup_deadline")], heading=_("Sign-up")
        ),
        FieldPanel("lessons"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("start"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("An event ends after it starts.")
        if self.signup_deadline and self.start and self.signup_deadline > self.start:
            errors["signup_deadline"] = _("Sign-up closes before the event starts.")
        if self.signup_deadline and self.capacity is None:
            errors["capacity"] = _("Set a capacity to take sign-ups.")
        if self.start and not (2000 <= timezone.localtime(self.start).year <= 2100):
            errors["start"] = _("Give a date between the years 2000 and 2100.")
        if self.capacity is not None and self.pk and self.translation_key:
            seated = self.seated()
            if self.capacity < seated:
                errors["capacity"] = _(
                    "%(count)s people already have a place: the capacity cannot be lower."
                ) % {"count": seated}
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def takes_signups(self) -> bool:
        return self.capacity is not None

    @property
    def signups_open(self) -> bool:
        closes = self.signup_deadline or self.start
        return self.takes_signups and not self.is_cancelled and timezone.now() < closes

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.start)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.end)

    def fingerprint(self) -> str:
        """Of what a calendar shows: when a published change alters it, SEQUENCE goes up."""
        parts = [
            self.start.isoformat(),
            self.end.isoformat(),
            self.place,
            self.online_url,
            self.status,
            self.title,
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    def seated(self) -> int:
        """How many have a place (in any language of the event)."""
        return Registration.objects.filter(
            event_key=self.translation_key, seat__isnull=False
        ).count()

    def places_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.seated())

    @path("")
    def detail(self, request):
        registration = None
        if request.user.is_authenticated:
            registration = (
                Registration.objects.filter(
                    event_key=self.translation_key,
                    user=request.user,
                    status__in=Registration.ACTIVE,
                )
                .only("status", "token")
                .first()
            )
        response = self.render(
            request,
            context_overrides={
                "registration": registration,
                "places_left": self.places_left(),
                "signup_form": VisitorSignupForm(),
            },
        )
        if self.takes_signups:
            # The places left change with every sign-up: never from a shared cache.
            response["Cache-Control"] = "no-cache"
        return response

    @path("ical/", name="ics")
    def ics_file(self, request):
        return ics_response([self], self.title, filename=f"{self.slug}.ics")


class Registration(models.Model):
    """One person's place at an event, or their place in its waiting list.

    A place is a seat number from 1 to the event's capacity, unique per event: parallel
    sign-ups cannot seat more people than there are seats, whatever the timing (the
    database refuses the second of two rows with the same seat). One active registration
    per account and per address."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the email address to be confirmed")
        CONFIRMED = "confirmed", _("Has a place")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Sign-up cancelled")

    ACTIVE = (Status.UNCONFIRMED, Status.CONFIRMED, Status.WAITING)

    event = models.ForeignKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    # Shared by every translation of the event: one set of seats, whatever the language.
    event_key = models.UUIDField(editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    seat = models.PositiveIntegerField(_("place number"), null=True, blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "seat"],
                condition=Q(seat__isnull=False),
                name="one_person_per_seat",
            ),
            models.UniqueConstraint(
                fields=["event_key", "user"],
                condition=Q(user__isnull=False, status__in=["unconfirmed", "confirmed", "waiting"]),
                name="one_active_registration_per_account",
            ),
            models.UniqueConstraint(
                "event_key",
                Lower("email"),
                condition=Q(status__in=["unconfirmed", "confirmed", "waiting"]),
                name="one_active_registration_per_address",
            ),
            models.CheckConstraint(
                condition=Q(seat__isnull=True) | Q(status="confirmed", seat__gte=1),
                name="only_confirmed_registrations_have_seats",
            ),
        ]
        indexes = [models.Index(fields=["event_key", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.name} – {self.event}"

    def save(self, *args, **kwargs):
        if self.event_key is None:
            self.event_key = self.event.translation_key
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


REMINDER_AHEAD = timedelta(days=1)
