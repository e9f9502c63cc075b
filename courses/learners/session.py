"""An anonymous learner: progress and reflections live in the session, validated on read.

Quiz attempts need rows; they are keyed by a random token kept in the session.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from courses.learners.base import Learner
from courses.progress import CourseProgress, passed_quizzes, required_items_done

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase
    from wagtail.models import Page

    from courses.models import CoursePage, LessonPage
    from courses.outline import CourseOutline

SESSION_KEY = "learning"


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

    def complete(self, lesson: LessonPage, outline: CourseOutline) -> None:
        self.data["done"].setdefault(str(lesson.id), timezone.now().isoformat())
        self.record_course_completion(outline)

    def record_course_completion(self, outline: CourseOutline) -> None:
        entry = self._course(outline.course)
        if not entry["completed"]:
            progress = self.progress(outline)
            if required_items_done(outline, set(progress.done)):
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
