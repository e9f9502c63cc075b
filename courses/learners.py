"""Who is learning: an account (rows in the database) or an anonymous visitor (the session).

Both offer the same operations, so views and pages never branch on which one they have.
An anonymous visitor's work is merged into their account when they sign up or log in.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from courses.models import Enrolment, LessonCompletion, LessonPage, Reflection
from courses.outline import CourseOutline
from courses.progress import (
    CourseProgress,
    account_done,
    course_of,
    passed_quizzes,
    record_course_completion,
    required_items_done,
)

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase
    from django.http import HttpRequest
    from wagtail.models import Page

    from courses.models import CoursePage

SESSION_KEY = "learning"


class Learner:
    @staticmethod
    def for_request(request: HttpRequest) -> Learner:
        if request.user.is_authenticated:
            return AccountLearner(request.user)
        return SessionLearner(request.session)

    is_anonymous = False

    def progress(self, outline: CourseOutline) -> CourseProgress:
        raise NotImplementedError

    def record_visit(self, course: CoursePage, page: Page) -> None:
        raise NotImplementedError

    def complete(self, lesson: LessonPage, course: CoursePage) -> None:
        raise NotImplementedError

    def reflections(self, lesson: LessonPage) -> dict[str, str]:
        raise NotImplementedError

    def save_reflections(self, lesson: LessonPage, answers: dict[str, str]) -> None:
        raise NotImplementedError

    def course_ids(self) -> list[int]:
        raise NotImplementedError

    def attempt_owner(self, create: bool = False) -> dict:
        """The filter that selects this learner's quiz attempts (user=... or token=...)."""
        raise NotImplementedError

    def record_course_completion(self, course: CoursePage) -> None:
        raise NotImplementedError


class AccountLearner(Learner):
    def __init__(self, user):
        self.user = user
        self._enrolments: dict[int, Enrolment | None] = {}

    def _enrolment(self, course: CoursePage) -> Enrolment | None:
        if course.id not in self._enrolments:
            self._enrolments[course.id] = Enrolment.objects.filter(
                user=self.user, course=course
            ).first()
        return self._enrolments[course.id]

    def progress(self, outline: CourseOutline) -> CourseProgress:
        enrolment = self._enrolment(outline.course)
        done = account_done(self.user, outline)
        return CourseProgress(
            outline=outline,
            done=done,
            started=enrolment is not None,
            completed_at=enrolment.completed_at if enrolment else None,
            last_page_id=enrolment.last_page_id if enrolment else None,
        )

    def record_visit(self, course: CoursePage, page: Page) -> None:
        now = timezone.now()
        enrolment, created = Enrolment.objects.get_or_create(
            user=self.user,
            course=course,
            defaults={"last_page": page, "last_visited_at": now, "started_at": now},
        )
        if not created and enrolment.last_page_id != page.id:
            enrolment.last_page, enrolment.last_visited_at = page, now
            enrolment.save(update_fields=["last_page", "last_visited_at"])
        self._enrolments[course.id] = enrolment

    def complete(self, lesson: LessonPage, course: CoursePage) -> None:
        with transaction.atomic():
            LessonCompletion.objects.get_or_create(user=self.user, lesson=lesson)
            Enrolment.objects.get_or_create(user=self.user, course=course)
            record_course_completion(self.user, course)
        self._enrolments.pop(course.id, None)

    def reflections(self, lesson: LessonPage) -> dict[str, str]:
        return dict(
            Reflection.objects.filter(user=self.user, lesson=lesson).values_list(
                "prompt_id", "text"
            )
        )

    def save_reflections(self, lesson: LessonPage, answers: dict[str, str]) -> None:
        now = timezone.now()
        with transaction.atomic():
            for prompt_id, text in answers.items():
                if text:
                    Reflection.objects.update_or_create(
                        user=self.user,
                        lesson=lesson,
                        prompt_id=prompt_id,
                        defaults={"text": text, "updated_at": now},
                    )
                else:
                    Reflection.objects.filter(
                        user=self.user, lesson=lesson, prompt_id=prompt_id
                    ).delete()

    def attempt_owner(self, create: bool = False) -> dict:
        return {"user": self.user}

    def record_course_completion(self, course: CoursePage) -> None:
        record_course_completion(self.user, course)
        self._enrolments.pop(course.id, None)

    def course_ids(self) -> list[int]:
        return list(
            Enrolment.objects.filter(user=self.user)
            .order_by("-last_visited_at", "-started_at")
            .values_list("course_id", flat=True)
        )


def _timestamp(value) -> str | None:
    """An aware ISO timestamp from session data, or None."""
    if not isinstance(value, str):
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:  # well formed but impossible, like month 13
        return None
    return value if parsed and parsed.tzinfo else None


MAX_PAGE_ID = 2**31 - 1  # page ids are 32-bit integer columns


def _page_id(value) -> int | None:
    """A page id from session data, as an int or a string of ASCII digits, within range."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 10:
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_PAGE_ID:
        return value
    return None


def _token(value) -> str | None:
    try:
        return str(uuid.UUID(value)) if isinstance(value, str) else None
    except ValueError:
        return None


def read_session(session: SessionBase) -> dict:
    """The visitor's learning data, with anything malformed dropped (never trusted)."""
    raw = session.get(SESSION_KEY)
    data: dict = {"done": {}, "reflections": {}, "courses": {}, "token": None}
    if not isinstance(raw, dict):
        return data
    data["token"] = _token(raw.get("token"))
    done = raw.get("done")
    if isinstance(done, dict):
        for key, at in done.items():
            if isinstance(key, str) and _page_id(key) and _timestamp(at):
                data["done"][key] = at
    reflections = raw.get("reflections")
    if isinstance(reflections, dict):
        limit = settings.REFLECTION_MAX_LENGTH
        for key, entry in reflections.items():
            lesson_id, _sep, prompt_id = (
                key.partition(":") if isinstance(key, str) else ("", "", "")
            )
            if not (_page_id(lesson_id) and prompt_id and isinstance(entry, dict)):
                continue
            text, at = entry.get("text"), _timestamp(entry.get("at"))
            if isinstance(text, str) and 0 < len(text) <= limit and at:
                data["reflections"][key] = {"text": text, "at": at}
    courses = raw.get("courses")
    if isinstance(courses, dict):
        for key, entry in courses.items():
            if not (isinstance(key, str) and _page_id(key) and isinstance(entry, dict)):
                continue
            started = _timestamp(entry.get("started"))
            if started:
                data["courses"][key] = {
                    "started": started,
                    "last": _page_id(entry.get("last")),
                    "visited": _timestamp(entry.get("visited")),
                    "completed": _timestamp(entry.get("completed")),
                }
    return data


class SessionLearner(Learner):
    is_anonymous = True

    def __init__(self, session: SessionBase):
        self.session = session
        self.data = read_session(session)

    def _save(self) -> None:
        self.session[SESSION_KEY] = self.data
        self.session.modified = True

    def _course(self, course: CoursePage) -> dict:
        now = timezone.now().isoformat()
        return self.data["courses"].setdefault(
            str(course.id), {"started": now, "last": None, "visited": None, "completed": None}
        )

    def progress(self, outline: CourseOutline) -> CourseProgress:
        ids = {str(item_id) for item_id in outline.lesson_ids}
        done = {int(key): parse_datetime(at) for key, at in self.data["done"].items() if key in ids}
        if self.data["token"]:
            done.update(passed_quizzes(outline.quiz_ids, anonymous_token=self.data["token"]))
        entry = self.data["courses"].get(str(outline.course.id))
        completed = entry and entry["completed"]
        return CourseProgress(
            outline=outline,
            done=done,
            started=entry is not None,
            completed_at=parse_datetime(completed) if completed else None,
            last_page_id=entry["last"] if entry else None,
        )

    def record_visit(self, course: CoursePage, page: Page) -> None:
        entry = self._course(course)
        if entry["last"] != page.id or entry["visited"] is None:
            entry["last"], entry["visited"] = page.id, timezone.now().isoformat()
            self._save()

    def complete(self, lesson: LessonPage, course: CoursePage) -> None:
        self.data["done"].setdefault(str(lesson.id), timezone.now().isoformat())
        self.record_course_completion(course)

    def record_course_completion(self, course: CoursePage) -> None:
        entry = self._course(course)
        if not entry["completed"]:
            progress = self.progress(CourseOutline.for_course(course))
            if required_items_done(progress.outline, set(progress.done)):
                entry["completed"] = timezone.now().isoformat()
        self._save()

    def attempt_owner(self, create: bool = False) -> dict:
        if self.data["token"] is None and create:
            self.data["token"] = str(uuid.uuid4())
            self._save()
        return {"anonymous_token": self.data["token"]}

    def reflections(self, lesson: LessonPage) -> dict[str, str]:
        prefix = f"{lesson.id}:"
        return {
            key[len(prefix) :]: entry["text"]
            for key, entry in self.data["reflections"].items()
            if key.startswith(prefix)
        }

    def save_reflections(self, lesson: LessonPage, answers: dict[str, str]) -> None:
        now = timezone.now().isoformat()
        for prompt_id, text in answers.items():
            key = f"{lesson.id}:{prompt_id}"
            if text:
                self.data["reflections"][key] = {"text": text, "at": now}
            else:
                self.data["reflections"].pop(key, None)
        self._save()

    def course_ids(self) -> list[int]:
        entries = sorted(
            self.data["courses"].items(),
            key=lambda pair: pair[1]["visited"] or pair[1]["started"],
            reverse=True,
        )
        return [int(key) for key, _entry in entries]


def merge_session_into_account(session: SessionBase, user) -> None:
    """Moves a visitor's progress and reflections into their account.

    Unique constraints and get_or_create make a second merge a no-op; the session data is
    dropped once merged.
    """
    from courses.models import CoursePage

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
            record_course_completion(user, course, parse_datetime(completed) if completed else None)
    session.pop(SESSION_KEY, None)


def _merge_enrolment(user, course: CoursePage, entry: dict) -> None:
    from wagtail.models import Page

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
    from django.db.models import Max

    from courses.models import QuizAttempt

    for attempt in QuizAttempt.objects.filter(anonymous_token=token).order_by("quiz", "number"):
        mine = QuizAttempt.objects.filter(quiz_id=attempt.quiz_id, user=user)
        if not attempt.is_submitted and mine.filter(submitted_at=None).exists():
            attempt.delete()
            continue
        attempt.number = (mine.aggregate(last=Max("number"))["last"] or 0) + 1
        attempt.user, attempt.anonymous_token = user, None
        attempt.save(update_fields=["number", "user", "anonymous_token"])
