"""The learner's dashboard: where the apps meet. Courses gives the progress, certificates
its template tag (loaded by the template)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.pages import active_locale_id
from courses.learners import learner_for
from courses.models import CoursePage


def dashboard(request: HttpRequest) -> HttpResponse:
    learner = learner_for(request)
    ids = learner.course_ids()
    courses = CoursePage.live_by_id()
    # Each course in the language the learner reads now, where it is translated: progress
    # is kept per course, whatever the language.
    locale_id = active_locale_id()
    outlines = [courses[course_id].outline() for course_id in ids if course_id in courses]
    localized = [
        outline
        if outline.course.locale_id == locale_id
        else outline.translations.get(locale_id, outline)
        for outline in outlines
    ]
    rows = [(outline.course, learner.progress(outline)) for outline in localized]
    return render(request, "cms/dashboard.html", {"rows": rows, "anonymous": learner.is_anonymous})
