"""An anonymous learner: progress and reflections live in the session, validated on read.

Quiz attempts need rows; they are keyed by a random token kept in the session.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail.models import Page

from courses.learners.base import VISIT_INTERVAL, Learner
from courses.progress import CourseProgress, earliest, passed_quizzes, required_items_done

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase

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
        # Keyed by the course's translation key: one entry whatever the language.
        for key, entry in courses.items():
            key = _token(key)
            if not (key and isinstance(entry, dict)):
                continue
            started, course_id = _timestamp(entry.get("started")), _page_id(entry.get("course"))
            if started and course_id:
                data["courses"][key] = {
                    "course": course_id,
                    "started": started,
                    "last": _page_id(entry.get("last")),
                    "visited": _timestamp(entry.get("visited")),
                    "completed": _timestamp(entry.get("completed")),
                    "plan": _timestamp(entry.get("plan")),
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
        entry = self.data["courses"].setdefault(
            str(course.translation_key),
            {"course": course.id, "started": now, "last": None, "visited": None, "completed": None},
        )
        entry["course"] = course.id  # the language used last
        return entry

    def _done_keys(self, outline: CourseOutline, extra_ids: list[int]) -> tuple[dict, dict]:
        """The done items by translation key, and the keys of the pages in extra_ids."""
        ids = [int(key) for key in self.data["done"]] + extra_ids
        keys = (
            dict(
                Page.objects.filter(id__in=ids, translation_key__in=outline.keys).values_list(
                    "id", "translation_key"
                )
            )
            if ids
            else {}
        )
        lessons = [
            (keys[int(key)], parse_datetime(at))
            for key, at in self.data["done"].items()
            if int(key) in keys
        ]
        return earliest(
            lessons, passed_quizzes(outline.keys, anonymous_token=self.data["token"])
        ), keys

    def progress(self, outline: CourseOutline) -> CourseProgress:
        entry = self.data["courses"].get(str(outline.course.translation_key))
        last = entry["last"] if entry else None
        done, keys = self._done_keys(outline, [last] if last else [])
        completed = parse_datetime(entry["completed"]) if entry and entry["completed"] else None
        if completed is None and required_items_done(outline, done):
            # Complete since the course changed under the visitor; it is recorded on sign-in.
            completed = max(done[key] for key in outline.required_keys)
        return CourseProgress(
            outline=outline,
            done_keys=done,
            started=entry is not None,
            completed_at=completed,
            last_key=keys.get(last),
        )

    def record_visit(self, course: CoursePage, page: Page) -> None:
        """Remembers the page for a visitor who has acted (completed, reflected, answered),
        at most once a minute per course. A reader who only reads leaves no session on the
        server: their place is kept in their own browser (static/js/resume.js)."""
        if SESSION_KEY not in self.session:
            return
        entry = self.data["courses"].get(str(course.translation_key))
        if entry and (entry["course"], entry["last"]) == (course.id, page.id) and entry["visited"]:
            return
        now = timezone.now()
        if entry and entry["visited"] and now - parse_datetime(entry["visited"]) < VISIT_INTERVAL:
            return
        self._remember(course, page, now)

    def _remember(self, course: CoursePage, page: Page, now) -> None:
        entry = self._course(course)
        entry["last"], entry["visited"] = page.id, now.isoformat()
        self._save()

    def complete(self, lesson: LessonPage, outline: CourseOutline) -> None:
        now = timezone.now()
        self.data["done"].setdefault(str(lesson.id), now.isoformat())
        self._remember(outline.course, lesson, now)
        self.record_course_completion(outline)

    def record_course_completion(self, outline: CourseOutline) -> None:
        entry = self._course(outline.course)
        if not entry["completed"]:
            done, _keys = self._done_keys(outline, [])
            plan_ok = not outline.course.plan_required or entry.get("plan")
            if required_items_done(outline, done) and plan_ok:
                entry["completed"] = timezone.now().isoformat()
        self._save()

    def record_plan_done(self, outline: CourseOutline) -> None:
        entry = self._course(outline.course)
        entry["plan"] = entry.get("plan") or timezone.now().isoformat()
        self.record_course_completion(outline)

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
            self.data["courses"].values(),
            key=lambda entry: entry["visited"] or entry["started"],
            reverse=True,
        )
        return [entry["course"] for entry in entries]
