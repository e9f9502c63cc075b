"""Lesson progress: saving reflections and marking a lesson complete."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import content_cache
from courses.forms import ACTION_COMPLETE, ReflectionForm
from courses.learners import learner_for
from courses.models import LessonPage


def live_public_lesson(lesson_id: int) -> LessonPage:
    """The live lesson anyone may read, with its course, from the content cache while the
    content is unchanged (a publish, unpublish, move or new view restriction shows at
    once); else 404. Shared by the requests of this process: read it, never change it."""

    def read():
        lesson = LessonPage.objects.live().public().filter(id=lesson_id).first()
        if lesson is None:
            return False  # "no such lesson", cached as such until the content changes
        lesson.prime_route_cache()
        return lesson

    lesson = content_cache.get_or_set(read, "live-public-lesson", lesson_id)
    if not lesson:
        raise Http404
    return lesson


@require_POST
def lesson_progress(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """Saves the learner's reflections and, with action=complete, marks the lesson done."""
    lesson = live_public_lesson(lesson_id)
    course = lesson.course
    if course is None or not course.live:
        raise Http404
    outline = course.outline()
    form = ReflectionForm(lesson, request.POST)
    if not form.is_valid():
        context = lesson.get_context(request, reflection_form=form, outline=outline)
        return TemplateResponse(request, lesson.get_template(request), context, status=400)

    learner = learner_for(request)
    learner.save_reflections(lesson, form.answers())
    if request.POST.get("action") != ACTION_COMPLETE:
        messages.success(request, _("Your answers have been saved."))
        return redirect(lesson.url)

    learner.complete(lesson, outline)
    next_item = outline.next(lesson.id)
    messages.success(request, _("Lesson “%(title)s” marked complete.") % {"title": lesson.title})
    return redirect(next_item.page.url if next_item else course.url)
