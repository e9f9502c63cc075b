"""What each worksheet says, in the reader's language (the drawing is in worksheets.py)."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plans.worksheets import WorksheetTexts

# Key → (title, what it is for), for the tools page and the PDF.
TITLES = {
    "pestel": (
        gettext_lazy("PESTEL canvas"),
        gettext_lazy("Scan the changes around your firm under six headings."),
    ),
    "signal-log": (
        gettext_lazy("Signal log"),
        gettext_lazy("Write down weak signals as you notice them, and what they could mean."),
    ),
    "futures-wheel": (
        gettext_lazy("Futures wheel"),
        gettext_lazy("One change in the middle, its first and second effects around it."),
    ),
    "scenarios": (
        gettext_lazy("2×2 scenarios"),
        gettext_lazy("Two uncertainties make four futures: name and describe each."),
    ),
    "futures-table": (
        gettext_lazy("Futures table"),
        gettext_lazy("Uncertain factors and their alternative states, to combine into futures."),
    ),
    "roadmap": (
        gettext_lazy("Action roadmap"),
        gettext_lazy("Actions with dates and the people responsible."),
    ),
    "workshop-guide": (
        gettext_lazy("A small future workshop in your own firm"),
        gettext_lazy("A one-page guide to running one, with room for your plan."),
    ),
}


def _labels(key: str) -> dict[str, str]:
    if key == "pestel":
        return {
            "business": _("Your firm or the question you scan for"),
            "political": _("Political"),
            "economic": _("Economic"),
            "social": _("Social"),
            "technological": _("Technological"),
            "environmental": _("Environmental"),
            "legal": _("Legal"),
        }
    if key == "signal-log":
        return {
            "date": _("Date"),
            "signal": _("The signal"),
            "source": _("Where you saw it"),
            "meaning": _("What it could mean for your firm"),
        }
    if key == "futures-wheel":
        return {
            "change": _("The change at the centre"),
            "effect": _("First-order effect"),
            "second": _("Second-order effect"),
        }
    if key == "scenarios":
        return {
            "x": _("First uncertainty (left: one extreme, right: the other)"),
            "y": _("Second uncertainty (down: one extreme, up: the other)"),
            "low_high": _("Future: left and up"),
            "high_high": _("Future: right and up"),
            "low_low": _("Future: left and down"),
            "high_low": _("Future: right and down"),
            "about": _("what it is like"),
        }
    if key == "futures-table":
        return {
            "factor": _("Uncertain factor"),
            "state_a": _("State A"),
            "state_b": _("State B"),
            "state_c": _("State C"),
        }
    if key == "roadmap":
        return {"action": _("Action"), "when": _("By when"), "who": _("Who"), "done": _("Done")}
    return {
        "topic": _("Topic of your workshop"),
        "participants": _("Whom you invite"),
        "date": _("Date and place"),
    }


def _guide() -> tuple[str, ...]:
    return (
        _(
            "Choose one question that matters to your firm, such as what your customers will "
            "need in 2035."
        ),
        _(
            "Invite four to eight people: staff, a customer, a partner, someone from outside "
            "your industry."
        ),
        _("Gather weak signals beforehand: everyone brings two."),
        _("Build a futures wheel or a 2×2 frame together; keep to two hours."),
        _(
            "End with three actions, each with a date and a person responsible, and put them "
            "on your roadmap."
        ),
    )


def texts_for(key: str, language: str) -> WorksheetTexts:
    with translation.override(language):
        title, intro = TITLES[key]
        return WorksheetTexts(
            language=language,
            title=str(title),
            intro=str(intro),
            labels=_labels(key),
            footer=_("Foresight basics for entrepreneurs – fill in on screen or print."),
            guide=_guide() if key == "workshop-guide" else (),
        )
