"""Progress rules: what counts as done, when a course is complete, where to continue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from courses.models.learning import Enrolment, LessonCompletion
from courses.quizzes.records import QuizAttempt
from courses.signals import course_completed

if TYPE_CHECKING:
    from collections.abc import Iterable
    from uuid import UUID

    from django.contrib.auth.models import AbstractBaseUser

    from courses.models import ModulePage
    from courses.outline import CourseOutline, OutlineItem


class State(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass
class CourseProgress:
    """A learner's progress in one translation of a course. What is done is known by
    translation key, so work done in another language counts here too."""

    outline: CourseOutline
    done_keys: dict[UUID, datetime] = field(default_factory=dict)
    started: bool = False
    completed_at: datetime | None = None
    last_key: UUID | None = None

    def __post_init__(self):
        # This translation's done items by page id, for templates and navigation.
        self.done = {
            item.id: self.done_keys[item.key]
            for item in self.outline.items
            if item.key in self.done_keys
        }
        last = self.outline.by_key(self.last_key) if self.last_key else None
        self.last_page_id = last.id if last is not None else None

    @property
    def required_total(self) -> int:
        return len(self.outline.required_keys)

    @property
    def required_done(self) -> int:
        return len(self.outline.required_keys & self.done_keys.keys())

    @property
    def missing_undone(self) -> list:
        """Required items not offered in this language that the learner has still to do,
        with the translation that offers each."""
        return [
            (item, outline)
            for item, outline in self.outline.missing_items()
            if item.key not in self.done_keys
        ]

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def plan_missing(self) -> bool:
        """Everything is done but the foresight plan the course requires."""
        return (
            self.outline.course.plan_required
            and not self.is_complete
            and bool(self.required_total)
            and self.required_done == self.required_total
        )

    @property
    def percent(self) -> int:
        # A completed course stays at 100 %: lessons added later show up as new instead.
        if self.is_complete:
            return 100
        if not self.required_total:
            return 0
        # A required plan counts as one more step.
        steps = self.required_total + (1 if self.outline.course.plan_required else 0)
        return self.required_done * 100 // steps

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
        required = self.outline.required_keys_in(module)
        if required and required <= self.done_keys.keys():
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
        # Everything here is done: what is left is only in another language.
        missing = self.missing_undone
        if missing:
            return missing[0][0]
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


def required_items_done(outline: CourseOutline, done_keys: Iterable[UUID]) -> bool:
    """The one definition of complete: every item the course requires, in any language,
    is done (in whichever language the learner did it)."""
    required = outline.required_keys
    return bool(required) and required <= set(done_keys)


def earliest(*pairs: Iterable[tuple[UUID, datetime]]) -> dict[UUID, datetime]:
    """key → the earliest time, from (key, time) pairs of several translations."""
    done: dict[UUID, datetime] = {}
    for key, at in chain(*pairs):
        if key not in done or at < done[key]:
            done[key] = at
    return done


def passed_quizzes(keys: Iterable[UUID], **learner) -> list[tuple[UUID, datetime]]:
    """When each quiz (by translation key) was first passed, for a user=... or an
    anonymous_token=..."""
    keys = list(keys)
    if not keys or not any(learner.values()):
        return []
    return list(
        QuizAttempt.objects.filter(quiz_key__in=keys, passed=True, **learner)
        .values("quiz_key")
        .annotate(first=Min("submitted_at"))
        .values_list("quiz_key", "first")
    )


def account_done(user: AbstractBaseUser, outline: CourseOutline) -> dict[UUID, datetime]:
    """Done items of an account by translation key: completed lessons and passed quizzes,
    in any language."""
    keys = list(outline.keys)
    lessons = LessonCompletion.objects.filter(
        user=user, lesson__translation_key__in=keys
    ).values_list("lesson__translation_key", "completed_at")
    return earliest(lessons, passed_quizzes(keys, user=user))


def record_course_completion(
    user: AbstractBaseUser, outline: CourseOutline, when: datetime | None = None
) -> bool:
    """Marks the course complete for the user if every required item is done.

    The conditional UPDATE (or the unique enrolment, for a learner not yet enrolled) makes
    the first caller the only winner, so `course_completed` is sent once per learner and
    course, and only after the transaction commits.
    """
    course = outline.course
    if not required_items_done(outline, account_done(user, outline)):
        return False
    if (
        course.plan_required
        and not Enrolment.objects.filter(
            user=user, course_key=course.translation_key, plan_done_at__isnull=False
        ).exists()
    ):
        return False
    completed_at = when or timezone.now()
    won = bool(
        Enrolment.objects.filter(
            user=user, course_key=course.translation_key, completed_at=None
        ).update(completed_at=completed_at)
    )
    if not won:
        _enrolment, won = Enrolment.objects.get_or_create(
            user=user,
            course_key=course.translation_key,
            defaults={"course": course, "completed_at": completed_at},
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


def record_plan_done(user: AbstractBaseUser, outline: CourseOutline) -> bool:
    """The learner finished their foresight plan for the course: remembered once, and the
    course completes if that was all it still needed. Returns whether it completed now."""
    course = outline.course
    with transaction.atomic():
        enrolment, _created = Enrolment.objects.get_or_create(
            user=user, course_key=course.translation_key, defaults={"course": course}
        )
        Enrolment.objects.filter(pk=enrolment.pk, plan_done_at=None).update(
            plan_done_at=timezone.now()
        )
        return record_course_completion(user, outline)
