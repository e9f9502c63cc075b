"""The worksheets a lesson's method has (cms and courses templates load this)."""

from django import template
from django.urls import reverse

from plans.worksheet_texts import TITLES

register = template.Library()

# A reflection that feeds a plan step teaches that step's method: its worksheet.
WORKSHEET_OF_STEP = {
    "pestel": "pestel",
    "signals": "signal-log",
    "wheel": "futures-wheel",
    "scenarios": "scenarios",
    "roadmap": "roadmap",
}


@register.simple_tag
def worksheets_for_lesson(lesson) -> list[tuple[str, str]]:
    """(URL, title) of the worksheets for the methods the lesson's reflections practise."""
    keys = []
    for block in lesson.reflection_prompts:
        key = WORKSHEET_OF_STEP.get(block.value.get("plan_step") or "")
        if key and key not in keys:
            keys.append(key)
    return [(reverse("worksheet", args=[key]), str(TITLES[key][0])) for key in keys]
