"""What every learner can do, whoever keeps their records."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wagtail.models import Page

    from courses.models import CoursePage, LessonPage
    from courses.outline import CourseOutline
    from courses.progress import CourseProgress


# A read writes nothing but the learner's own "last visited", at most this often per course.
VISIT_INTERVAL = timedelta(minutes=1)


class Learner:
    is_anonymous = False
    user_id: int | None = None

    def progress(self, outline: CourseOutline) -> CourseProgress:
        raise NotImplementedError

    def record_visit(self, course: CoursePage, page: Page) -> None:
        raise NotImplementedError

    def complete(self, lesson: LessonPage, outline: CourseOutline) -> None:
        """Marks the lesson done, and the course complete when nothing required is left."""
        raise NotImplementedError

    def record_course_completion(self, outline: CourseOutline) -> None:
        raise NotImplementedError

    def record_plan_done(self, outline: CourseOutline) -> None:
        """The learner's foresight plan for the course is finished (it may complete it)."""
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
