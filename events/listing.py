"""What the events pages show: the filters, the year wheel's data, the month grid."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from events import wheel
from events.kinds import EventKind, EventLanguage

KINDS = [kind for kind, _label in EventKind.choices]


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    organiser = forms.TypedChoiceField(
        label=_("Organiser"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, months: list[tuple[int, int]], organisers):
        super().__init__(data)
        self.fields["kind"].choices = [("", _("All kinds")), *EventKind.choices]
        self.fields["month"].choices = [
            ("", _("All months")),
            *((f"{year}-{month:02d}", f"{MONTHS[month]} {year}") for year, month in months),
        ]
        self.fields["language"].choices = [("", _("All languages")), *EventLanguage.choices]
        self.fields["organiser"].choices = [
            ("", _("All organisers")),
            *((organisation.pk, str(organisation)) for organisation in organisers),
        ]

    def apply(self, events):
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["month"]:
            year, month = (int(part) for part in data["month"].split("-"))
            events = events.filter(start__year=year, start__month=month)
        if data["language"]:
            events = events.filter(event_language=data["language"])
        if data["organiser"]:
            events = events.filter(organiser_id=data["organiser"])
        return events


def months_with_events(events) -> list[tuple[int, int]]:
    return sorted(
        {
            (moment.year, moment.month)
            for moment in (timezone.localtime(s) for s in events.values_list("start", flat=True))
        }
    )


@dataclass(frozen=True)
class WheelMonth:
    first_day: date
    name: str
    sector: wheel.Sector
    events: list


def year_wheel(first: date, events) -> dict:
    """The wheel of the twelve months from `first`: the months (with their events, for the
    equivalent list) and the dots. `events` may hold others: those outside are left out."""
    starts = wheel.month_starts(first)
    inside = [
        event
        for event in events
        if starts[0] <= timezone.localtime(event.start).date() < starts[-1]
    ]
    months = [
        WheelMonth(
            sector.first_day,
            f"{MONTHS[sector.first_day.month]} {sector.first_day.year}",
            sector,
            [
                event
                for event in inside
                if (timezone.localtime(event.start).year, timezone.localtime(event.start).month)
                == (sector.first_day.year, sector.first_day.month)
            ],
        )
        for sector in wheel.sectors(first)
    ]
    dots = wheel.dots(
        first,
        [
            (timezone.localtime(event.start).date(), KINDS.index(event.kind), event)
            for event in inside
        ],
    )
    return {
        "first": starts[0],
        "last": starts[-2],
        "months": months,
        "dots": dots,
        "size": wheel.SIZE,
    }


@dataclass(frozen=True)
class Day:
    date: date
    in_month: bool
    events: list


def month_grid(year: int, month: int, events) -> list[list[Day]]:
    """The weeks of the month, Monday first, with each day's events."""
    by_day: dict[date, list] = {}
    for event in events:
        by_day.setdefault(timezone.localtime(event.start).date(), []).append(event)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [[Day(day, day.month == month, by_day.get(day, [])) for day in week] for week in weeks]
