"""A signed-in learner: progress, visits and reflections are rows in the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from courses.learners.base import VISIT_INTERVAL, Learner
from courses.models.learning import Enrolment, LessonCompletion, Reflection
from courses.progress import (
    CourseProgress,
    account_done,
    record_course_completion,
    record_plan_done,
)

if TYPE_CHECKING:
    from uuid import UUID

    from wagtail.models import Page

    from courses.models import CoursePage, LessonPage
    from courses.outline import CourseOutline


class AccountLearner(Learner):
    def __init__(self, user):
        self.user = user
        self.user_id = user.pk
        self._enrolments: dict[UUID, Enrolment | None] = {}

    def _enrolment(self, course: CoursePage) -> Enrolment | None:
        key = course.translation_key
        if key not in self._enrolments:
            self._enrolments[key] = (
                Enrolment.objects.filter(user=self.user, course_key=key)
                .select_related("last_page")
                .first()
            )
        return self._enrolments[key]

    def progress(self, outline: CourseOutline) -> CourseProgress:
        enrolment = self._enrolment(outline.course)
        last = enrolment.last_page if enrolment else None
        return CourseProgress(
            outline=outline,
            done_keys=account_done(self.user, outline),
            started=enrolment is not None,
            completed_at=enrolment.completed_at if enrolment else None,
            last_key=last.translation_key if last else None,
        )

    def record_visit(self, course: CoursePage, page: Page) -> None:
        """Remembers the page, and the course's language the learner uses now: at most once
        a minute per course, so reading is not a stream of writes."""
        now = timezone.now()
        enrolment, created = Enrolment.objects.select_related("last_page").get_or_create(
            user=self.user,
            course_key=course.translation_key,
            defaults={
                "course": course,
                "last_page": page,
                "last_visited_at": now,
                "started_at": now,
            },
        )
        moved = (enrolment.last_page_id, enrolment.course_id) != (page.id, course.id)
        recent = enrolment.last_visited_at and now - enrolment.last_visited_at < VISIT_INTERVAL
        if not created and moved and not recent:
            self._remember(enrolment, course, page, now)
        self._enrolments[course.translation_key] = enrolment

    @staticmethod
    def _remember(enrolment: Enrolment, course: CoursePage, page: Page, now) -> None:
        enrolment.course, enrolment.last_page, enrolment.last_visited_at = course, page, now
        enrolment.save(update_fields=["course", "last_page", "last_visited_at"])

    def complete(self, lesson: LessonPage, outline: CourseOutline) -> None:
        course = outline.course
        with transaction.atomic():
            # Once per learner and lesson (a unique constraint): a second click inserts nothing.
            LessonCompletion.objects.bulk_create(
                [LessonCompletion(user=self.user, lesson=lesson)], ignore_conflicts=True
            )
            enrolment, _created = Enrolment.objects.get_or_create(
                user=self.user, course_key=course.translation_key, defaults={"course": course}
            )
            self._remember(enrolment, course, lesson, timezone.now())
            if enrolment.completed_at is None:
                record_course_completion(self.user, outline)
        self._enrolments.pop(course.translation_key, None)

    def record_course_completion(self, outline: CourseOutline) -> None:
        record_course_completion(self.user, outline)
        self._enrolments.pop(outline.course.translation_key, None)

    def record_plan_done(self, outline: CourseOutline) -> None:
        record_plan_done(self.user, outline)
        self._enrolments.pop(outline.course.translation_key, None)

    def reflections(self, lesson: LessonPage) -> dict[str, str]:
        return dict(
            Reflection.objects.filter(user=self.user, lesson=lesson).values_list(
                "prompt_id", "text"
            )
        )

    def save_reflections(self, lesson: LessonPage, answers: dict[str, str]) -> None:
        if not answers:
            return
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

    def course_ids(self) -> list[int]:
        enrolments = list(
            Enrolment.objects.filter(user=self.user)
            .select_related("last_page")
            .order_by("-last_visited_at", "-started_at")
        )
        # Kept for progress(): the dashboard reads each enrolment once.
        for enrolment in enrolments:
            self._enrolments.setdefault(enrolment.course_key, enrolment)
        return [enrolment.course_id for enrolment in enrolments]
