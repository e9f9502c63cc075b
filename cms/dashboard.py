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
    rows = [
        (courses[course_id], learner.progress(courses[course_id].outline()))
        for course_id in ids
        if course_id in courses
    ]
    return render(request, "cms/dashboard.html", {"rows": rows, "anonymous": learner.is_anonymous})
