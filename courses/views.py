from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.forms import ACTION_COMPLETE, ReflectionForm
from courses.learners import Learner
from courses.models import CoursePage, LessonPage
from courses.outline import CourseOutline


@require_POST
def lesson_progress(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """Saves the learner's reflections and, with action=complete, marks the lesson done."""
    lesson = get_object_or_404(LessonPage.objects.live().public(), id=lesson_id)
    course = lesson.course
    if course is None or not course.live:
        raise Http404
    form = ReflectionForm(lesson, request.POST)
    if not form.is_valid():
        context = lesson.get_context(request, reflection_form=form)
        return TemplateResponse(request, lesson.get_template(request), context, status=400)

    learner = Learner.for_request(request)
    learner.save_reflections(lesson, form.answers())
    if request.POST.get("action") != ACTION_COMPLETE:
        messages.success(request, _("Your answers have been saved."))
        return redirect(lesson.url)

    learner.complete(lesson, course)
    next_item = CourseOutline.for_course(course).next(lesson.id)
    messages.success(request, _("Lesson “%(title)s” marked complete.") % {"title": lesson.title})
    return redirect(next_item.page.url if next_item else course.url)


def dashboard(request: HttpRequest) -> HttpResponse:
    learner = Learner.for_request(request)
    ids = learner.course_ids()
    courses = CoursePage.objects.live().in_bulk(ids)
    rows = []
    for course_id in ids:
        if course_id in courses:
            course = courses[course_id]
            rows.append((course, learner.progress(CourseOutline.for_course(course))))
    return render(
        request,
        "courses/dashboard.html",
        {"rows": rows, "anonymous": learner.is_anonymous},
    )
