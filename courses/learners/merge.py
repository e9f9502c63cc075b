"""A visitor's learning joins their account when they sign up or log in."""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Page

from courses.learners.session import SESSION_KEY, read_session
from courses.models import (
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    QuizAttempt,
    Reflection,
    course_of,
)
from courses.progress import record_course_completion


def merge_session_into_account(session: SessionBase, user) -> list[str]:
    """Moves a visitor's progress and reflections into their account.

    Unique constraints and get_or_create make a second merge a no-op; the session data is
    dropped once merged. Returns the titles of the quizzes whose attempts went over the
    limit together with the account's (only the best were kept), for the learner to be told.
    """
    data = read_session(session)
    trimmed: list[str] = []
    if not any(data.values()):
        session.pop(SESSION_KEY, None)
        return trimmed
    with transaction.atomic():
        lessons = LessonPage.objects.in_bulk([int(key) for key in data["done"]])
        for key, at in data["done"].items():
            if int(key) in lessons:
                LessonCompletion.objects.get_or_create(
                    user=user, lesson_id=int(key), defaults={"completed_at": parse_datetime(at)}
                )
        reflection_lessons = LessonPage.objects.in_bulk(
            [int(key.partition(":")[0]) for key in data["reflections"]]
        )
        prompts = {
            lesson_id: {block.id for block in lesson.reflection_prompts}
            for lesson_id, lesson in reflection_lessons.items()
        }
        for key, entry in data["reflections"].items():
            lesson_id, _sep, prompt_id = key.partition(":")
            if prompt_id not in prompts.get(int(lesson_id), ()):
                continue
            at = parse_datetime(entry["at"])
            reflection, created = Reflection.objects.get_or_create(
                user=user,
                lesson_id=int(lesson_id),
                prompt_id=prompt_id,
                defaults={"text": entry["text"], "updated_at": at},
            )
            if not created and reflection.updated_at < at:
                reflection.text, reflection.updated_at = entry["text"], at
                reflection.save(update_fields=["text", "updated_at"])
        if data["token"]:
            trimmed = _merge_attempts(user, data["token"])
        for course, entry in _visited_courses(data, lessons.values()).values():
            _merge_enrolment(user, course, entry)
            completed = entry.get("completed")
            record_course_completion(
                user, course.outline(), parse_datetime(completed) if completed else None
            )
    session.pop(SESSION_KEY, None)
    return trimmed


def _visited_courses(data: dict, lessons) -> dict[str, tuple[CoursePage, dict]]:
    """Translation key → (the translation used last, the session's entry) of every course
    the visitor started or completed a lesson in."""
    entries = data["courses"]
    pages = CoursePage.objects.in_bulk([entry["course"] for entry in entries.values()])
    courses = {}
    for key, entry in entries.items():
        course = pages.get(entry["course"])
        if course is not None and str(course.translation_key) == key:
            courses[key] = (course, entry)
    for lesson in lessons:
        course = course_of(lesson)
        if course is not None:
            courses.setdefault(str(course.translation_key), (course, {}))
    return courses


def _merge_enrolment(user, course: CoursePage, entry: dict) -> None:
    started = parse_datetime(entry["started"]) if entry.get("started") else timezone.now()
    visited = parse_datetime(entry["visited"]) if entry.get("visited") else None
    last_id = entry.get("last")
    if last_id and not Page.objects.filter(id=last_id).exists():
        last_id = None
    enrolment, created = Enrolment.objects.get_or_create(
        user=user,
        course_key=course.translation_key,
        defaults={
            "course": course,
            "started_at": started,
            "last_page_id": last_id,
            "last_visited_at": visited,
        },
    )
    if entry.get("plan") and enrolment.plan_done_at is None:
        enrolment.plan_done_at = parse_datetime(entry["plan"])
        enrolment.save(update_fields=["plan_done_at"])
    if created or not (last_id and visited):
        return
    changed = []
    if enrolment.started_at > started:
        enrolment.started_at = started
        changed.append("started_at")
    if enrolment.last_visited_at is None or enrolment.last_visited_at < visited:
        enrolment.course, enrolment.last_page_id, enrolment.last_visited_at = (
            course,
            last_id,
            visited,
        )
        changed += ["course", "last_page", "last_visited_at"]
    if changed:
        enrolment.save(update_fields=changed)


def _rank(attempt: QuizAttempt) -> tuple:
    """Best first: a submitted attempt before an open one, a pass before a fail, a higher
    score, an earlier submission."""
    submitted = attempt.submitted_at.timestamp() if attempt.submitted_at else 0
    return (attempt.is_submitted, bool(attempt.passed), attempt.score or 0, -submitted)


def _merge_attempts(user, token: str) -> list[str]:
    """Moves a visitor's quiz attempts to the account: one series per quiz (in any
    language), numbered in the order they were started.

    A visitor's open attempt is dropped when the account has one open already. When the
    series is longer than the quiz allows, the best attempts within the limit are kept
    and the quiz's title is returned, so a merge never gives more attempts than allowed.
    """
    trimmed = []
    theirs_by_key: dict = {}
    for attempt in QuizAttempt.objects.filter(anonymous_token=token).select_related("quiz"):
        theirs_by_key.setdefault(attempt.quiz_key, []).append(attempt)
    for key, theirs in theirs_by_key.items():
        mine = list(
            QuizAttempt.objects.select_for_update()
            .filter(quiz_key=key, user=user)
            .select_related("quiz")
        )
        series = list(mine)
        for attempt in sorted(theirs, key=lambda a: a.started_at):
            if not attempt.is_submitted and any(not a.is_submitted for a in series):
                attempt.delete()
                continue
            series.append(attempt)
        limits = [a.quiz.max_attempts for a in series if a.quiz.max_attempts]
        limit = min(limits) if limits else 0
        if limit and len(series) > limit:
            ranked = sorted(series, key=_rank, reverse=True)
            for attempt in ranked[limit:]:
                attempt.delete()
            series = ranked[:limit]
            trimmed.append(theirs[0].quiz.title)
        series.sort(key=lambda a: (a.started_at, a.pk))
        # Two passes, so renumbering never meets a number still taken in the series.
        for offset in (20000, 0):
            for number, attempt in enumerate(series, start=1):
                attempt.number = offset + number
                attempt.user, attempt.anonymous_token = user, None
                attempt.save(update_fields=["number", "user", "anonymous_token"])
    return trimmed
