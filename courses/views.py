"""Lesson progress: saving reflections and marking a lesson complete."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import outline_cache
from courses.forms import ACTION_COMPLETE, ReflectionForm
from courses.learners import learner_for
from courses.models import LessonPage


@require_POST
def lesson_progress(request: HttpRequest, lesson_id: int) -> HttpResponse:
    """Saves the learner's reflections and, with action=complete, marks the lesson done."""
    lesson = outline_cache.live_public(LessonPage, lesson_id)
    if lesson is None:
        raise Http404
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
        return redirect(outline_cache.url_of(lesson, request))

    learner.complete(lesson, outline)
    next_item = outline.next(lesson.id)
    messages.success(request, _("Lesson “%(title)s” marked complete.") % {"title": lesson.title})
    return redirect(outline_cache.url_of(next_item.page if next_item else course, request))
