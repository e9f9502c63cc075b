"""A course's published structure in reading order: plain data built from the pages the
course page reads (`CoursePage.outline()`, a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from courses.models import CoursePage, LessonPage, ModulePage, QuizPage


@dataclass(frozen=True)
class OutlineItem:
    """One thing a learner works through: a lesson, or a graded quiz to pass.

    A final quiz sits directly under the course and has no module."""

    page: LessonPage | QuizPage
    module: ModulePage | None
    position: int
    is_quiz: bool = False

    @property
    def id(self) -> int:
        return self.page.id

    @property
    def required(self) -> bool:
        return self.page.required


class CourseOutline:
    def __init__(self, course: CoursePage, modules: list[ModulePage], items: list[OutlineItem]):
        self.course = course
        self.modules = modules
        self.items = items
        self._index = {item.id: i for i, item in enumerate(items)}

    @classmethod
    def build(
        cls,
        course: CoursePage,
        modules: list[ModulePage],
        pages: list[LessonPage | QuizPage],
        steplen: int,
    ) -> CourseOutline:
        """Orders the course's live modules and learning items by tree path; an item under
        a module that is not live is left out."""
        module_by_path = {module.path: module for module in modules}
        module_path_length = len(course.path) + steplen
        items = []
        for page in sorted(pages, key=lambda page: page.path):
            if page.depth == course.depth + 1:
                module = None  # a final quiz
            else:
                module = module_by_path.get(page.path[:module_path_length])
                if module is None:
                    continue
            items.append(
                OutlineItem(
                    page=page,
                    module=module,
                    position=len(items) + 1,
                    is_quiz=page.is_quiz,
                )
            )
        return cls(course, sorted(modules, key=lambda module: module.path), items)

    @property
    def item_ids(self) -> list[int]:
        return [item.id for item in self.items]

    @property
    def lesson_ids(self) -> list[int]:
        return [item.id for item in self.items if not item.is_quiz]

    @property
    def quiz_ids(self) -> list[int]:
        return [item.id for item in self.items if item.is_quiz]

    @property
    def final_items(self) -> list[OutlineItem]:
        return [item for item in self.items if item.module is None]

    @property
    def required_ids(self) -> set[int]:
        return {item.id for item in self.items if item.required}

    def get(self, page_id: int | None) -> OutlineItem | None:
        index = self._index.get(page_id)
        return None if index is None else self.items[index]

    def previous(self, page_id: int) -> OutlineItem | None:
        index = self._index.get(page_id)
        return self.items[index - 1] if index else None

    def next(self, page_id: int) -> OutlineItem | None:
        index = self._index.get(page_id)
        if index is None or index + 1 >= len(self.items):
            return None
        return self.items[index + 1]

    def navigation(self, page_id: int) -> dict:
        """The page's place in the course for templates: its item and its neighbours."""
        return {
            "item": self.get(page_id),
            "previous_item": self.previous(page_id),
            "next_item": self.next(page_id),
        }

    def items_in(self, module: ModulePage) -> list[OutlineItem]:
        return [item for item in self.items if item.module and item.module.id == module.id]
