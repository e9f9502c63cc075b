"""Views and page context for quizzes. Rules live in courses.attempts and courses.quiz."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses import quiz as engine
from courses.attempts import (
    AttemptLimitReached,
    attempts_of,
    count_profile_result,
    start_attempt,
    submit_attempt,
)
from courses.learners import Learner
from courses.models import QuizAttempt, QuizPage
from courses.outline import CourseOutline

# Profile keys are slugs, so "/" never occurs in one; Wagtail routes it as a path segment.
PROFILE_SEPARATOR = "/"


def _full_draw(quiz: QuizPage) -> list[dict]:
    return engine.draw(quiz.questions, pool_size=0, shuffle_questions=False, shuffle_choices=False)


def public_questions(values, drawn: list[dict], post=None) -> list[dict]:
    """What the learner sees before submitting: prompts and choices, never which is right."""
    blocks = engine.question_map(values)
    sent = post if post is not None else {}
    questions = []
    for number, spec in enumerate(drawn, start=1):
        block = blocks[spec["id"]]
        value = block.value
        qid, kind = spec["id"], spec["kind"]
        name = engine.field_name(qid)
        question = {
            "id": qid,
            "number": number,
            "kind": kind,
            "name": name,
            "prompt": value["prompt"],
            "image": value.get("image"),
            "image_alt": value.get("image_alt", ""),
        }
        chosen = sent.getlist(name) if hasattr(sent, "getlist") else []
        if kind in ("single", "multiple", "profile"):
            texts = {child.id: child.value["text"] for child in value["choices"].bound_blocks}
            question["options"] = [
                {"value": cid, "label": texts[cid], "checked": cid in chosen}
                for cid in spec["choices"]
            ]
        elif kind == "truefalse":
            question["options"] = [
                {"value": "true", "label": _("True"), "checked": "true" in chosen},
                {"value": "false", "label": _("False"), "checked": "false" in chosen},
            ]
        elif kind == "ordering":
            texts = {child.id: child.value for child in value["items"].bound_blocks}
            question["positions"] = list(range(1, len(spec["items"]) + 1))
            question["items"] = [
                {
                    "label": texts[item],
                    "name": engine.field_name(qid, item),
                    "selected": sent.get(engine.field_name(qid, item), "") if sent else "",
                }
                for item in spec["items"]
            ]
        elif kind == "matching":
            pairs = {child.id: child.value for child in value["pairs"].bound_blocks}
            question["rights"] = [
                {"value": token, "label": pairs[pair_id]["right"]}
                for token, pair_id in spec["rights"]
            ]
            question["lefts"] = [
                {
                    "label": pairs[pair_id]["left"],
                    "name": engine.field_name(qid, pair_id),
                    "selected": sent.get(engine.field_name(qid, pair_id), "") if sent else "",
                }
                for pair_id in spec["lefts"]
            ]
        questions.append(question)
    return questions


def quiz_context(request, quiz: QuizPage, errors=None, post=None, form_errors=None, **_kw):
    learner = Learner.for_request(request)
    context = {
        "errors": errors or {},
        "form_errors": form_errors or [],
        "max_payload": settings.QUIZ_MAX_PAYLOAD,
    }
    if quiz.course is not None and quiz.id:
        context.update(
            CourseOutline.for_course(quiz.course).navigation(quiz.id), course=quiz.course
        )
    if quiz.is_profile:
        context["questions"] = public_questions(quiz.questions, _full_draw(quiz), post)
        return context
    attempts = list(attempts_of(quiz, learner.attempt_owner()))
    submitted = [attempt for attempt in attempts if attempt.is_submitted]
    open_attempt = next((a for a in attempts if not a.is_submitted), None)
    limit = quiz.max_attempts
    context.update(
        attempts=submitted,
        open_attempt=open_attempt,
        passed=any(attempt.passed for attempt in submitted),
        attempts_left=(limit - len(submitted)) if limit else None,
        can_start=open_attempt is None and (not limit or len(attempts) < limit),
    )
    if open_attempt is not None:
        context["questions"] = public_questions(
            open_attempt.question_values, open_attempt.drawn, post
        )
    return context


def _live_quiz(quiz_id: int, mode: str) -> QuizPage:
    return get_object_or_404(QuizPage.objects.live().public(), id=quiz_id, mode=mode)


def _render_quiz(request, quiz: QuizPage, status: int, **kwargs) -> TemplateResponse:
    context = quiz.get_context(request, **kwargs)
    return TemplateResponse(request, quiz.get_template(request), context, status=status)


@require_POST
def quiz_start(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _live_quiz(quiz_id, QuizPage.Mode.GRADED)
    learner = Learner.for_request(request)
    try:
        start_attempt(quiz, learner.attempt_owner(create=True))
    except AttemptLimitReached:
        return _render_quiz(
            request, quiz, 400, form_errors=[_("You have used all your attempts at this quiz.")]
        )
    return redirect(quiz.url + "#quiz-form")


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > settings.QUIZ_MAX_PAYLOAD
    except ValueError:
        return True


@require_POST
def quiz_submit(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _live_quiz(quiz_id, QuizPage.Mode.GRADED)
    learner = Learner.for_request(request)
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
    learner = Learner.for_request(request)
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
        "review": review(attempt, reveal),
        "can_retry": open_or_more,
        "attempts_left": (limit - len(attempts)) if limit else None,
    }
    if quiz.course is not None:
        context["next_item"] = CourseOutline.for_course(quiz.course).next(quiz.id)
    return TemplateResponse(request, "courses/quiz_result.html", context)


def review(attempt: QuizAttempt, reveal: bool) -> list[dict]:
    """Each question with the learner's answer, right or wrong, feedback and explanation;
    the correct answers only when `reveal`."""
    blocks = engine.question_map(attempt.question_values)
    # Marks come from the stored results: a later change of the quiz's scoring never
    # changes what an attempt shows.
    stored = {result["id"]: result for result in attempt.results or []}
    rows = []
    for number, spec in enumerate(attempt.drawn, start=1):
        block = blocks[spec["id"]]
        answer = (attempt.answers or {}).get(spec["id"])
        result = engine.grade_question(block, spec, answer, partial_credit=True)
        mark = stored.get(spec["id"], {"correct": result.correct, "credit": result.credit})
        value = block.value
        row = {
            "number": number,
            "kind": spec["kind"],
            "prompt": value["prompt"],
            "image": value.get("image"),
            "image_alt": value.get("image_alt", ""),
            "correct": mark["correct"],
            "credit": round(mark["credit"] * 100),
            "feedback": result.feedback,
            "explanation": value["explanation"],
        }
        if spec["kind"] in ("single", "multiple"):
            picked = {answer} if isinstance(answer, str) else set(answer or [])
            row["choices"] = [
                {
                    "label": child.value["text"],
                    "picked": child.id in picked,
                    "correct": reveal and child.value["correct"],
                }
                for child in value["choices"].bound_blocks
                if child.id in spec["choices"]
            ]
        elif spec["kind"] == "truefalse":
            row["choices"] = [
                {
                    "label": _("True"),
                    "picked": answer == "true",
                    "correct": reveal and value["correct_answer"] == "true",
                },
                {
                    "label": _("False"),
                    "picked": answer == "false",
                    "correct": reveal and value["correct_answer"] == "false",
                },
            ]
        elif spec["kind"] == "ordering":
            texts = {child.id: child.value for child in value["items"].bound_blocks}
            row["your_order"] = [texts[item] for item in answer or []]
            if reveal:
                row["correct_order"] = [child.value for child in value["items"].bound_blocks]
        elif spec["kind"] == "matching":
            pairs = {child.id: child.value for child in value["pairs"].bound_blocks}
            row["matches"] = [
                {
                    "left": pairs[pair_id]["left"],
                    "chosen": pairs[(answer or {}).get(pair_id, pair_id)]["right"]
                    if (answer or {}).get(pair_id) in pairs
                    else "",
                    "right": (answer or {}).get(pair_id) == pair_id if reveal else None,
                    "correct_answer": pairs[pair_id]["right"] if reveal else None,
                }
                for pair_id in spec["lefts"]
            ]
        rows.append(row)
    return rows


@require_POST
def profile_submit(request: HttpRequest, quiz_id: int) -> HttpResponse:
    quiz = _live_quiz(quiz_id, QuizPage.Mode.PROFILE)
    if _too_large(request):
        return _render_quiz(
            request, quiz, 400, form_errors=[_("The answers sent were too large to read.")]
        )
    parsed = engine.parse_answers(request.POST, _full_draw(quiz), quiz.questions)
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
    return redirect(quiz.url + quiz.reverse_subpage("profile_result", args=[result]))


def profile_result(request: HttpRequest, quiz: QuizPage, keys: str) -> HttpResponse:
    """The shareable result page: its address names the profiles and nothing else."""
    by_key = {profile.key: profile for profile in quiz.profile_list}
    wanted = keys.split(PROFILE_SEPARATOR)
    if not wanted or len(set(wanted)) != len(wanted) or not set(wanted) <= by_key.keys():
        raise Http404
    context = quiz.get_context(request)
    context.update(
        profiles=[by_key[key] for key in wanted],
        share_url=request.build_absolute_uri(),
    )
    return TemplateResponse(request, "courses/quiz_profile_result.html", context)
