from functools import lru_cache

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from courses.learners import learner_for
from courses.models import CoursePage
from plans import store
from plans.calendar import actions_ics
from plans.pdf_data import plan_data
from plans.rendering import render_plan
from plans.steps import STEPS, actions, is_complete, step, stored
from plans.worksheet_texts import TITLES, texts_for
from plans.worksheets import SHEETS, render_worksheet


def _course(course_id: int) -> CoursePage:
    return get_object_or_404(CoursePage.objects.live().public(), id=course_id)


@never_cache
def overview(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(course_id)
    data = store.load(request, course)
    return render(
        request,
        "plans/overview.html",
        {
            "course": course,
            "steps": [(candidate, candidate.key in data) for candidate in STEPS],
            "complete": is_complete(data),
            "started": bool(data),
        },
    )


@never_cache
def edit_step(request: HttpRequest, course_id: int, key: str) -> HttpResponse:
    """One step of the plan: GET shows it (with the learner's reflections that feed it, and
    a start from them), POST saves it and goes on; bad input saves nothing."""
    course = _course(course_id)
    current = step(key)
    if current is None:
        raise Http404
    data = store.load(request, course)
    reflections = store.reflections_for(request, course).get(key, [])
    if request.method == "POST":
        form = current.form(request.POST)
        if form.is_valid():
            store.save_step(request, course, key, stored(form.cleaned_data))
            if is_complete(store.load(request, course)):
                # Finished: where the course requires the plan, this may complete it.
                learner_for(request).record_plan_done(course.outline())
            following = STEPS.index(current) + 1
            if following < len(STEPS) and "save_and_stay" not in request.POST:
                return redirect("plan_step", course_id=course.id, key=STEPS[following].key)
            return redirect("plan", course_id=course.id)
        status = 400
    else:
        initial = dict(data.get(key, {}))
        if current.prefill and not initial.get(current.prefill) and reflections:
            initial[current.prefill] = "\n\n".join(reflections)
        form = current.form(initial=initial)
        status = 200
    index = STEPS.index(current)
    return render(
        request,
        "plans/step.html",
        {
            "course": course,
            "step": current,
            "form": form,
            "reflections": reflections,
            "number": index + 1,
            "count": len(STEPS),
            "steps": [(candidate, candidate.key in data) for candidate in STEPS],
            "previous": STEPS[index - 1] if index else None,
        },
        status=status,
    )


def _data(request, course):
    data = store.load(request, course)
    learner = request.user.full_name if request.user.is_authenticated else ""
    return data, plan_data(
        data, learner=learner, course=course.title, language=translation.get_language()
    )


@never_cache
def pdf(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(course_id)
    data, plan = _data(request, course)
    if not data:
        raise Http404
    response = HttpResponse(render_plan(plan), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="foresight-plan.pdf"'
    return response


@never_cache
def ical(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course(course_id)
    planned = actions(store.load(request, course))
    if not planned:
        raise Http404
    body = actions_ics(
        planned,
        title=_("My foresight plan"),
        uid_base=reverse("plan", kwargs={"course_id": course.id})
        + (
            str(request.user.pk)
            if request.user.is_authenticated
            else request.session.session_key or ""
        ),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="foresight-plan-actions.ics"'
    return response


def tools(request: HttpRequest) -> HttpResponse:
    """The worksheets, each a fillable PDF in the reader's language."""
    return render(request, "plans/tools.html", {"sheets": list(TITLES.items())})


def worksheet(request: HttpRequest, key: str) -> HttpResponse:
    if key not in SHEETS:
        raise Http404
    language = translation.get_language()
    response = HttpResponse(_worksheet_pdf(key, language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{key}-{language}.pdf"'
    return response


@lru_cache(maxsize=64)
def _worksheet_pdf(key: str, language: str) -> bytes:
    """Drawn once per process and language: a worksheet changes only with the code."""
    return render_worksheet(key, texts_for(key, language))
