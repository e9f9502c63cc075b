"""The learner's dashboard: where the apps meet. Courses gives the progress, certificates
its template tag (loaded by the template)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from courses.learners import learner_for
from courses.models import CoursePage


def dashboard(request: HttpRequest) -> HttpResponse:
    learner = learner_for(request)
    ids = learner.course_ids()
    courses = CoursePage.objects.live().in_bulk(ids)
    # Each course in the language the learner reads now, where it is translated: progress
    # is kept per course, whatever the language.
    localized = [courses[course_id].localized for course_id in ids if course_id in courses]
    rows = [(course, learner.progress(course.outline())) for course in localized]
    return render(request, "cms/dashboard.html", {"rows": rows, "anonymous": learner.is_anonymous})
