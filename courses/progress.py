"""Progress rules: what counts as done, when a course is complete, where to continue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from courses.models.learning import Enrolment, LessonCompletion
from courses.quizzes.records import QuizAttempt
from courses.signals import course_completed

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    from courses.models import ModulePage
    from courses.outline import CourseOutline, OutlineItem


class State(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass
class CourseProgress:
    outline: CourseOutline
    done: dict[int, datetime] = field(default_factory=dict)
    started: bool = False
    completed_at: datetime | None = None
    last_page_id: int | None = None

    @property
    def required_total(self) -> int:
        return len(self.outline.required_ids)

    @property
    def required_done(self) -> int:
        return len(self.outline.required_ids & self.done.keys())

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def percent(self) -> int:
        # A completed course stays at 100 %: lessons added later show up as new instead.
        if self.is_complete:
            return 100
        if not self.required_total:
            return 0
        return self.required_done * 100 // self.required_total

    def is_done(self, item: OutlineItem) -> bool:
        return item.id in self.done

    def is_new(self, item: OutlineItem) -> bool:
        published = item.page.first_published_at
        return bool(
            self.completed_at and published and published > self.completed_at
        ) and not self.is_done(item)

    @property
    def new_items(self) -> list[OutlineItem]:
        return [item for item in self.outline.items if self.is_new(item)]

    def item_state(self, item: OutlineItem) -> State:
        if self.is_done(item):
            return State.DONE
        if item.id == self.last_page_id:
            return State.IN_PROGRESS
        return State.NOT_STARTED

    def module_state(self, module: ModulePage) -> State:
        items = self.outline.items_in(module)
        required = [item for item in items if item.required]
        if required and all(self.is_done(item) for item in required):
            return State.DONE
        if any(self.item_state(item) != State.NOT_STARTED for item in items):
            return State.IN_PROGRESS
        return State.NOT_STARTED

    @property
    def state(self) -> State:
        if self.is_complete:
            return State.DONE
        return State.IN_PROGRESS if self.started or self.done else State.NOT_STARTED

    @property
    def continue_item(self) -> OutlineItem | None:
        """Where "Continue" leads: the page left unfinished, else the next undone item."""
        items = self.outline.items
        last = self.outline.get(self.last_page_id)
        if last is not None and not self.is_done(last):
            return last
        start = last.position if last is not None else 0
        for item in items[start:] + items[:start]:
            if not self.is_done(item):
                return item
        return items[0] if items else None

    def rows(self) -> list[tuple[ModulePage, State, list[tuple[OutlineItem, State, bool]]]]:
        """Modules with their items, states and "new" flags, for templates."""
        return [
            (
                module,
                self.module_state(module),
                [
                    (item, self.item_state(item), self.is_new(item))
                    for item in self.outline.items_in(module)
                ],
            )
            for module in self.outline.modules
        ]


def required_items_done(outline: CourseOutline, done_ids: set[int]) -> bool:
    required = outline.required_ids
    return bool(required) and required <= done_ids


def passed_quizzes(quiz_ids: list[int], **learner) -> dict[int, datetime]:
    """When each quiz was first passed, for a user=... or an anonymous_token=..."""
    if not quiz_ids:
        return {}
    return dict(
        QuizAttempt.objects.filter(quiz_id__in=quiz_ids, passed=True, **learner)
        .values("quiz_id")
        .annotate(first=Min("submitted_at"))
        .values_list("quiz_id", "first")
    )


def account_done(user: AbstractBaseUser, outline: CourseOutline) -> dict[int, datetime]:
    """Done items of an account: completed lessons and passed quizzes."""
    done = dict(
        LessonCompletion.objects.filter(user=user, lesson_id__in=outline.lesson_ids).values_list(
            "lesson_id", "completed_at"
        )
    )
    done.update(passed_quizzes(outline.quiz_ids, user=user))
    return done


def record_course_completion(
    user: AbstractBaseUser, outline: CourseOutline, when: datetime | None = None
) -> bool:
    """Marks the course complete for the user if every required item is done.

    The conditional UPDATE (or the unique enrolment, for a learner not yet enrolled) makes
    the first caller the only winner, so `course_completed` is sent once per learner and
    course, and only after the transaction commits.
    """
    course = outline.course
    if not required_items_done(outline, set(account_done(user, outline))):
        return False
    completed_at = when or timezone.now()
    won = bool(
        Enrolment.objects.filter(user=user, course=course, completed_at=None).update(
            completed_at=completed_at
        )
    )
    if not won:
        _enrolment, won = Enrolment.objects.get_or_create(
            user=user, course=course, defaults={"completed_at": completed_at}
        )
    if won:
        transaction.on_commit(
            partial(
                course_completed.send,
                sender=type(course),
                user=user,
                course=course,
                completed_at=completed_at,
            )
        )
    return won
