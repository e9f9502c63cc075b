"""Quiz views: start, submit, the result of an attempt, a self-test's submission.
The rules live in `attempts` and `engine`; the quiz page's own context in `pages`."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import outline_cache
from courses.learners import learner_for
from courses.quizzes import engine
from courses.quizzes.attempts import (
    AttemptLimitReached,
    attempts_of,
    count_profile_result,
    start_attempt,
    submit_attempt,
)
from courses.quizzes.pages import PROFILE_SEPARATOR, QuizPage
from courses.quizzes.records import QuizAttempt


def _live_quiz(quiz_id: int, mode: str) -> QuizPage:
    """The live public quiz, from the content cache (shared: never changed here)."""
    quiz = outline_cache.live_public(QuizPage, quiz_id, mode=mode)
    if quiz is None:
        raise Http404
    return quiz


def _render_quiz(request, quiz: QuizPage, status: int, **kwargs) -> TemplateResponse:
    context = quiz.get_context(request, **kwargs)
    return TemplateResponse(request, quiz.get_template(request), context, status=status)


@require_POST
def quiz_start(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _live_quiz(quiz_id, QuizPage.Mode.GRADED)
    learner = learner_for(request)
    try:
        start_attempt(quiz, learner.attempt_owner(create=True))
    except AttemptLimitReached:
        return _render_quiz(
            request, quiz, 400, form_errors=[_("You have used all your attempts at this quiz.")]
        )
    return redirect(outline_cache.url_of(quiz, request) + "#quiz-form")


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.QUIZ_MAX_PAYLOAD
    except ValueError:
        return True


@require_POST
def quiz_submit(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _live_quiz(quiz_id, QuizPage.Mode.GRADED)
    learner = learner_for(request)
    if _too_large(request):
        return _render_quiz(
            request, quiz, 400, form_errors=[_("The answers sent were too large to read.")]
        )
    owner = learner.attempt_owner()
    attempt_id = request.POST.get("attempt", "")
    attempt = (
        attempts_of(quiz, owner).filter(pk=int(attempt_id)).first()
        if attempt_id.isascii() and attempt_id.isdigit() and len(attempt_id) < 12
        else None
    )
    if attempt is None:
        return _render_quiz(
            request,
            quiz,
            400,
            post=request.POST,
            form_errors=[_("This attempt is not open any more. Start a new attempt.")],
        )
    attempt.quiz = quiz  # the very quiz it belongs to, not read again
    submission = submit_attempt(attempt, request.POST, learner)
    if not submission.attempt.is_submitted:
        return _render_quiz(
            request,
            quiz,
            400,
            post=request.POST,
            errors=submission.parsed.errors,
            form_errors=submission.parsed.form_errors,
        )
    return redirect("quiz_attempt", attempt_id=submission.attempt.pk)


def _reveal(quiz: QuizPage, attempts: list[QuizAttempt]) -> bool:
    passed = any(a.passed for a in attempts)
    if quiz.reveal_answers == QuizPage.Reveal.AFTER_PASS:
        return passed
    if quiz.reveal_answers == QuizPage.Reveal.AFTER_LAST_ATTEMPT:
        used_up = bool(quiz.max_attempts) and len(attempts) >= quiz.max_attempts
        return passed or used_up
    return False


def attempt_result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    learner = learner_for(request)
    owner = learner.attempt_owner()
    if not any(owner.values()):
        raise Http404
    attempt = get_object_or_404(
        QuizAttempt.objects.select_related("quiz").filter(**owner, submitted_at__isnull=False),
        pk=attempt_id,
    )
    quiz = attempt.quiz
    attempts = list(attempts_of(quiz, owner).filter(submitted_at__isnull=False))
    reveal = _reveal(quiz, attempts)
    limit = quiz.max_attempts
    open_or_more = not limit or len(attempts) < limit
    context = {
        "page": quiz,
        "quiz": quiz,
        "attempt": attempt,
        "reveal": reveal,
        "review": engine.review(
            attempt.question_values,
            attempt.drawn,
            attempt.answers,
            attempt.results,
            reveal=reveal,
        ),
        "can_retry": open_or_more,
        "attempts_left": max(limit - len(attempts), 0) if limit else None,
    }
    if quiz.course is not None:
        outline = quiz.course.outline()
        context.update(
            course=quiz.course,
            next_item=outline.next(quiz.id),
            course_complete=attempt.passed and learner.progress(outline).is_complete,
        )
    return TemplateResponse(request, "courses/quiz_result.html", context)


@require_POST
def profile_submit(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _live_quiz(quiz_id, QuizPage.Mode.PROFILE)
    if _too_large(request):
        return _render_quiz(
            request, quiz, 400, form_errors=[_("The answers sent were too large to read.")]
        )
    parsed = engine.parse_answers(request.POST, quiz.full_draw(), quiz.questions)
    if not parsed.is_valid:
        return _render_quiz(
            request,
            quiz,
            400,
            post=request.POST,
            errors=parsed.errors,
            form_errors=parsed.form_errors,
        )
    keys = [profile.key for profile in quiz.profile_list]
    top = engine.top_profiles(engine.profile_scores(quiz.questions, parsed.answers), keys)
    result = PROFILE_SEPARATOR.join(top)
    count_profile_result(quiz, result)
    return redirect(
        outline_cache.url_of(quiz, request) + quiz.reverse_subpage("profile_result", args=[result])
    )
