"""Where a plan is kept: the account's row, or a visitor's session until they sign up (then
it joins the account, like the rest of their learning)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.learners import learner_for
from courses.models import CoursePage
from plans.models import ForesightPlan
from plans.steps import STEP_KEYS

SESSION_KEY = "foresight_plans"


def _session_plans(session) -> dict:
    plans = session.get(SESSION_KEY)
    return plans if isinstance(plans, dict) else {}


def load(request, course: CoursePage) -> dict:
    """The plan's steps so far ({step key: values})."""
    if request.user.is_authenticated:
        plan = ForesightPlan.objects.filter(
            user=request.user, course_key=course.translation_key
        ).first()
        data = plan.answers if plan else {}
    else:
        data = _session_plans(request.session).get(str(course.translation_key), {})
    return {
        key: value for key, value in data.items() if key in STEP_KEYS and isinstance(value, dict)
    }


def save_step(request, course: CoursePage, key: str, values: dict) -> None:
    if request.user.is_authenticated:
        with transaction.atomic():
            plan = (
                ForesightPlan.objects.select_for_update()
                .filter(user=request.user, course_key=course.translation_key)
                .first()
            )
            if plan is None:
                try:
                    with transaction.atomic():
                        plan = ForesightPlan.objects.create(
                            user=request.user, course=course, answers={}
                        )
                except IntegrityError:  # made meanwhile by a parallel save
                    plan = ForesightPlan.objects.select_for_update().get(
                        user=request.user, course_key=course.translation_key
                    )
            plan.answers = {**plan.answers, key: values}
            plan.updated_at = timezone.now()
            plan.save(update_fields=["answers", "updated_at"])
        return
    plans = _session_plans(request.session)
    entry = plans.get(str(course.translation_key), {})
    plans[str(course.translation_key)] = {**entry, key: values}
    request.session[SESSION_KEY] = plans


def merge_session_into_account(session, user) -> None:
    """A visitor's plans join the account; a step the account has already is kept."""
    plans = _session_plans(session)
    if not plans:
        return
    courses = {
        str(page.translation_key): page
        for page in CoursePage.objects.filter(translation_key__in=list(plans))
    }
    with transaction.atomic():
        for key, data in plans.items():
            course = courses.get(key)
            if course is None or not isinstance(data, dict):
                continue
            plan, _created = ForesightPlan.objects.select_for_update().get_or_create(
                user=user, course_key=course.translation_key, defaults={"course": course}
            )
            steps = {k: v for k, v in data.items() if k in STEP_KEYS and isinstance(v, dict)}
            plan.answers = {**steps, **plan.answers}
            plan.updated_at = timezone.now()
            plan.save(update_fields=["answers", "updated_at"])
    session.pop(SESSION_KEY, None)


def reflections_for(request, course: CoursePage) -> dict[str, list[str]]:
    """The learner's own answers to the reflections that feed each plan step."""
    learner = learner_for(request)
    found: dict[str, list[str]] = {}
    lessons = [item.page for item in course.outline().items if not item.is_quiz]
    for lesson in lessons:
        marked = {
            block.id: block.value.get("plan_step")
            for block in lesson.reflection_prompts
            if block.value.get("plan_step")
        }
        if not marked:
            continue
        answers = learner.reflections(lesson)
        for block_id, step_key in marked.items():
            if answers.get(block_id):
                found.setdefault(step_key, []).append(answers[block_id])
    return found
