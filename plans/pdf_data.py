"""A stored plan as the PDF renderer's plain data, in the learner's language."""

from __future__ import annotations

import datetime

from django.utils import formats, translation
from django.utils.translation import gettext as _

from plans.rendering import PlanData, Quadrant
from plans.steps import EFFECTS, PESTEL, SCENARIO_NAMES, SECOND_ORDER, SIGNALS, actions


def _date(value: str) -> str:
    try:
        return formats.date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    except (TypeError, ValueError):
        return ""


def plan_data(data: dict, *, learner: str, course: str, language: str) -> PlanData:
    with translation.override(language):
        firm = data.get("firm", {})
        pestel = data.get("pestel", {})
        signals = data.get("signals", {})
        wheel = data.get("wheel", {})
        scenarios = data.get("scenarios", {})
        return PlanData(
            language=language,
            labels={
                "title": _("My foresight plan"),
                "firm": _("Your firm"),
                "pestel": _("PESTEL scan"),
                "signals": _("Weak signals I follow"),
                "wheel": _("Futures wheel"),
                "scenarios": _("Scenarios"),
                "roadmap": _("Roadmap"),
            },
            learner=learner,
            course=course,
            date=formats.date_format(datetime.date.today(), "DATE_FORMAT"),
            firm=firm.get("firm", ""),
            pestel=[(str(label), pestel.get(key, "")) for key, label in PESTEL],
            signals=[
                (signals.get(f"signal_{n}", ""), signals.get(f"why_{n}", ""))
                for n in range(1, SIGNALS + 1)
                if signals.get(f"signal_{n}")
            ],
            change=wheel.get("change", ""),
            effects=[
                (
                    wheel.get(f"effect_{n}", ""),
                    [wheel.get(f"effect_{n}_{s}", "") for s in range(1, SECOND_ORDER + 1)],
                )
                for n in range(1, EFFECTS + 1)
                if wheel.get(f"effect_{n}")
            ],
            x=(scenarios.get("x", ""), scenarios.get("x_low", ""), scenarios.get("x_high", "")),
            y=(scenarios.get("y", ""), scenarios.get("y_low", ""), scenarios.get("y_high", "")),
            quadrants={
                key: Quadrant(scenarios.get(key, ""), scenarios.get(f"{key}_about", ""))
                for key, _label in SCENARIO_NAMES
            },
            actions=[(_date(day), action, who) for day, action, who in actions(data)],
        )
