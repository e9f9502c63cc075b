"""Completion re-evaluated when a course's structure changes.

When an editor publishes, unpublishes, moves or deletes part of a course, learners who
have now done everything the course requires are complete without doing anything more
(and `course_completed` gives them their certificate). Run in the background by
`courses.tasks`, for every translation of the course at once.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from django.db.models import Count

from courses.models import CoursePage, Enrolment, LessonCompletion, QuizAttempt
from courses.progress import record_course_completion

if TYPE_CHECKING:
    from uuid import UUID

    from courses.outline import CourseOutline


def course_key_of(page) -> UUID | None:
    """The translation key of the course a page is in (or is), if any."""
    course = CoursePage.objects.ancestor_of(page, inclusive=True).first()
    return course.translation_key if course is not None else None


def reevaluate(course_key: UUID) -> int:
    """Records completion for every enrolled learner whom the course's current structure
    makes complete; returns how many became complete. Safe to run twice at once: the
    conditional update in `record_course_completion` lets one run win per learner."""
    courses = list(
        CoursePage.objects.live().filter(translation_key=course_key).order_by("locale_id")
    )
    if not courses:
        return 0
    outlines: dict[int, CourseOutline] = {}

    def outline_for(course: CoursePage) -> CourseOutline:
        if course.id not in outlines:
            outlines[course.id] = course.outline()
        return outlines[course.id]

    live = {course.id: course for course in courses}
    required = list(outline_for(courses[0]).required_keys)
    if not required:
        return 0
    pending = Enrolment.objects.filter(course_key=course_key, completed_at=None)
    # Two counting queries find who may be complete; each of them is checked in full.
    done = Counter(
        dict(
            LessonCompletion.objects.filter(
                user__in=pending.values("user"), lesson__translation_key__in=required
            )
            .values("user")
            .annotate(n=Count("lesson__translation_key", distinct=True))
            .values_list("user", "n")
        )
    )
    done.update(
        dict(
            QuizAttempt.objects.filter(
                user__in=pending.values("user"), quiz_key__in=required, passed=True
            )
            .values("user")
            .annotate(n=Count("quiz_key", distinct=True))
            .values_list("user", "n")
        )
    )
    candidates = [user_id for user_id, count in done.items() if count >= len(required)]
    completed = 0
    for enrolment in pending.filter(user__in=candidates).select_related("user"):
        course = live.get(enrolment.course_id, courses[0])
        if record_course_completion(enrolment.user, outline_for(course)):
            completed += 1
    return completed
