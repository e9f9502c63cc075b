"""The foresight plan's steps: what each asks, as forms that check every value.

A plan is plain data (a dict of the steps' cleaned values, kept as JSON): the firm in one
paragraph, a PESTEL scan, three weak signals, one futures wheel, a 2×2 scenario frame and a
roadmap of three to five actions with dates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

SHORT, MEDIUM, LONG = 200, 500, 1500
FIRST_YEAR, LAST_YEAR = 2000, 2100
PESTEL = [
    ("political", _("Political")),
    ("economic", _("Economic")),
    ("social", _("Social")),
    ("technological", _("Technological")),
    ("environmental", _("Environmental")),
    ("legal", _("Legal")),
]
SIGNALS, EFFECTS, SECOND_ORDER = 3, 3, 2
ACTIONS_MIN, ACTIONS_MAX = 3, 5


def _text(label, limit: int, *, required: bool = False, rows: int | None = None, help_text=""):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label, max_length=limit, required=required, widget=widget, help_text=help_text
    )


class FirmForm(forms.Form):
    firm = _text(
        _("Your firm in one paragraph"),
        LONG,
        required=True,
        rows=6,
        help_text=_("What you do, for whom, and what you want the firm to be in five years."),
    )


class PestelForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in PESTEL:
            self.fields[key] = _text(label, MEDIUM, rows=3)

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(key) for key, _label in PESTEL):
            raise forms.ValidationError(_("Write at least one change."))
        return cleaned


class SignalsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, SIGNALS + 1):
            self.fields[f"signal_{number}"] = _text(
                _("Weak signal %(number)s") % {"number": number}, SHORT, required=number == 1
            )
            self.fields[f"why_{number}"] = _text(_("Why you will follow it"), MEDIUM, rows=2)


class WheelForm(forms.Form):
    change = _text(_("The change at the centre"), SHORT, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, EFFECTS + 1):
            self.fields[f"effect_{number}"] = _text(
                _("First-order effect %(number)s") % {"number": number},
                SHORT,
                required=number == 1,
            )
            for sub in range(1, SECOND_ORDER + 1):
                self.fields[f"effect_{number}_{sub}"] = _text(
                    _("Its effect %(number)s.%(sub)s") % {"number": number, "sub": sub}, SHORT
                )


class ScenariosForm(forms.Form):
    x = _text(_("First uncertainty"), SHORT, required=True)
    x_low = _text(_("Its one extreme"), SHORT, required=True)
    x_high = _text(_("Its other extreme"), SHORT, required=True)
    y = _text(_("Second uncertainty"), SHORT, required=True)
    y_low = _text(_("Its one extreme"), SHORT, required=True)
    y_high = _text(_("Its other extreme"), SHORT, required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SCENARIO_NAMES:
            self.fields[key] = _text(label, SHORT // 2, required=True)
            self.fields[f"{key}_about"] = _text(_("In a sentence or two"), MEDIUM, rows=2)


SCENARIO_NAMES = [
    ("high_high", _("Name of the future: both at their other extreme")),
    ("low_high", _("Name of the future: the first at its one extreme, the second at its other")),
    ("low_low", _("Name of the future: both at their one extreme")),
    ("high_low", _("Name of the future: the first at its other extreme, the second at its one")),
]


class RoadmapForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, ACTIONS_MAX + 1):
            required = number <= ACTIONS_MIN
            self.fields[f"action_{number}"] = _text(
                _("Action %(number)s") % {"number": number}, SHORT, required=required
            )
            self.fields[f"when_{number}"] = forms.DateField(
                label=_("Date"),
                required=required,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"who_{number}"] = _text(_("Who"), 100)

    def clean(self):
        cleaned = super().clean()
        for number in range(1, ACTIONS_MAX + 1):
            day = cleaned.get(f"when_{number}")
            if day and not (FIRST_YEAR <= day.year <= LAST_YEAR):
                self.add_error(
                    f"when_{number}",
                    _("Give a date between the years %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR},
                )
            if cleaned.get(f"action_{number}") and not day and f"when_{number}" not in self.errors:
                self.add_error(f"when_{number}", _("Give the action a date."))
        return cleaned


@dataclass(frozen=True)
class Step:
    key: str  # one of courses.blocks.PLAN_STEPS: reflections marked with it feed the step
    title: str
    intro: str
    form: type[forms.Form]
    prefill: str | None  # the field a reflection fills while it is empty


STEPS = [
    Step("firm", _("Your firm"), _("Start from your firm as it is now."), FirmForm, "firm"),
    Step(
        "pestel",
        _("PESTEL scan"),
        _("The changes around your firm, one short note under each letter."),
        PestelForm,
        None,
    ),
    Step("signals", _("Weak signals"), _("Three weak signals you will follow."), SignalsForm, None),
    Step("wheel", _("Futures wheel"), _("One change and what follows from it."), WheelForm, None),
    Step("scenarios", _("Scenarios"), _("Two uncertainties, four futures."), ScenariosForm, None),
    Step("roadmap", _("Roadmap"), _("Three to five actions with dates."), RoadmapForm, None),
]
STEP_KEYS = [step.key for step in STEPS]


def step(key: str) -> Step | None:
    return next((candidate for candidate in STEPS if candidate.key == key), None)


def actions(plan: dict) -> list[tuple[str, str, str]]:
    """The roadmap's actions as (ISO date, action, who), in date order."""
    roadmap = plan.get("roadmap", {})
    return sorted(
        (
            (roadmap.get(f"when_{n}", ""), roadmap[f"action_{n}"], roadmap.get(f"who_{n}", ""))
            for n in range(1, ACTIONS_MAX + 1)
            if roadmap.get(f"action_{n}")
        ),
        key=lambda action: action[0],
    )


def stored(cleaned: dict) -> dict:
    """A form's cleaned values as JSON keeps them (dates as ISO text, no empty values)."""
    return {
        key: value.isoformat() if isinstance(value, datetime.date) else value
        for key, value in cleaned.items()
        if value not in (None, "")
    }


def is_complete(data: dict) -> bool:
    """Every step saved with its required answers (checked again by the step's form)."""
    return all(key in data and step(key).form(data=data[key]).is_valid() for key in STEP_KEYS)
