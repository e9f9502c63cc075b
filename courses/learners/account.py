"""A signed-in learner: progress, visits and reflections are rows in the database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from courses.learners.base import Learner
from courses.models.learning import Enrolment, LessonCompletion, Reflection
from courses.progress import CourseProgress, account_done, record_course_completion

if TYPE_CHECKING:
    from wagtail.models import Page

    from courses.models import CoursePage, LessonPage
    from courses.outline import CourseOutline


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
        return CourseProgress(
            outline=outline,
            done=account_done(self.user, outline),
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

    def complete(self, lesson: LessonPage, outline: CourseOutline) -> None:
        with transaction.atomic():
            LessonCompletion.objects.get_or_create(user=self.user, lesson=lesson)
            enrolment, _created = Enrolment.objects.get_or_create(
                user=self.user, course=outline.course
            )
            if enrolment.completed_at is None:
                record_course_completion(self.user, outline)
        self._enrolments.pop(outline.course.id, None)

    def record_course_completion(self, outline: CourseOutline) -> None:
        record_course_completion(self.user, outline)
        self._enrolments.pop(outline.course.id, None)

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
        return list(
            Enrolment.objects.filter(user=self.user)
            .order_by("-last_visited_at", "-started_at")
            .values_list("course_id", flat=True)
        )
