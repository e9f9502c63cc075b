"""A visitor's learning joins their account when they sign up or log in."""

from __future__ import annotations

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import Max
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


def merge_session_into_account(session: SessionBase, user) -> None:
    """Moves a visitor's progress and reflections into their account.

    Unique constraints and get_or_create make a second merge a no-op; the session data is
    dropped once merged.
    """
    data = read_session(session)
    if not any(data.values()):
        session.pop(SESSION_KEY, None)
        return
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
            _merge_attempts(user, data["token"])
        courses = CoursePage.objects.in_bulk([int(key) for key in data["courses"]])
        for lesson in lessons.values():
            course = course_of(lesson)
            if course is not None:
                courses.setdefault(course.id, course)
        for course in courses.values():
            entry = data["courses"].get(str(course.id), {})
            _merge_enrolment(user, course, entry)
            completed = entry.get("completed")
            record_course_completion(
                user, course.outline(), parse_datetime(completed) if completed else None
            )
    session.pop(SESSION_KEY, None)


def _merge_enrolment(user, course: CoursePage, entry: dict) -> None:
    started = parse_datetime(entry["started"]) if entry.get("started") else timezone.now()
    visited = parse_datetime(entry["visited"]) if entry.get("visited") else None
    last_id = entry.get("last")
    if last_id and not Page.objects.filter(id=last_id).exists():
        last_id = None
    enrolment, created = Enrolment.objects.get_or_create(
        user=user,
        course=course,
        defaults={"started_at": started, "last_page_id": last_id, "last_visited_at": visited},
    )
    if created or not (last_id and visited):
        return
    changed = []
    if enrolment.started_at > started:
        enrolment.started_at = started
        changed.append("started_at")
    if enrolment.last_visited_at is None or enrolment.last_visited_at < visited:
        enrolment.last_page_id, enrolment.last_visited_at = last_id, visited
        changed += ["last_page", "last_visited_at"]
    if changed:
        enrolment.save(update_fields=changed)


def _merge_attempts(user, token: str) -> None:
    """Moves a visitor's quiz attempts to the account, numbered after the account's own.

    An unfinished anonymous attempt is dropped when the account has one open already.
    """
    for attempt in QuizAttempt.objects.filter(anonymous_token=token).order_by("quiz", "number"):
        mine = QuizAttempt.objects.filter(quiz_id=attempt.quiz_id, user=user)
        if not attempt.is_submitted and mine.filter(submitted_at=None).exists():
            attempt.delete()
            continue
        attempt.number = (mine.aggregate(last=Max("number"))["last"] or 0) + 1
        attempt.user, attempt.anonymous_token = user, None
        attempt.save(update_fields=["number", "user", "anonymous_token"])
