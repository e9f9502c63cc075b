"""A course's published structure in reading order: plain data built from the pages the
course page reads (`CoursePage.outline()`, a fixed number of queries)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from uuid import UUID

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
    def key(self) -> UUID:
        """The translation key the item shares with its translations."""
        return self.page.translation_key

    @property
    def required(self) -> bool:
        return self.page.required


class CourseOutline:
    """One translation's items, and what completing the course requires in any language.

    `required_keys` are the translation keys of the required items of the course as its
    default-language version offers them (or, when that is not live, of every live
    translation): a translation that lacks one of them cannot be completed in that
    language alone, and progress counts by key, so it follows the learner across languages.
    """

    def __init__(
        self,
        course: CoursePage,
        modules: list[ModulePage],
        items: list[OutlineItem],
        required_keys: frozenset[UUID] | None = None,
        translations: dict[UUID, CourseOutline] | None = None,
    ):
        self.course = course
        self.modules = modules
        self.items = items
        self._index = {item.id: i for i, item in enumerate(items)}
        self._by_key = {item.key: item for item in items}
        self.required_keys = (
            frozenset(item.key for item in items if item.required)
            if required_keys is None
            else required_keys
        )
        # Other live translations' outlines, by their locale id: where a missing item is.
        self.translations = translations or {}
        self._missing: list | None = None

    @classmethod
    def build(
        cls,
        course: CoursePage,
        modules: list[ModulePage],
        pages: list[LessonPage | QuizPage],
        steplen: int,
        required_keys: frozenset[UUID] | None = None,
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
        return cls(course, sorted(modules, key=lambda module: module.path), items, required_keys)

    @classmethod
    def build_family(
        cls,
        course: CoursePage,
        courses: list[CoursePage],
        modules: list[ModulePage],
        pages: list[LessonPage | QuizPage],
        steplen: int,
        default_locale_id: int | None,
    ) -> CourseOutline:
        """The outline of `course`, with the requirements taken from its translations.

        `courses` are the course's live translations (with `course` itself), `modules` and
        `pages` the live ones under any of them."""
        by_course: dict[int, tuple[list, list]] = {c.id: ([], []) for c in courses}
        path_length = len(course.path)
        course_by_path = {c.path: c for c in courses}
        for module in modules:
            owner = course_by_path.get(module.path[:path_length])
            if owner is not None:
                by_course[owner.id][0].append(module)
        for page in pages:
            owner = course_by_path.get(page.path[:path_length])
            if owner is not None:
                by_course[owner.id][1].append(page)
        outlines = {c.id: cls.build(c, *by_course[c.id], steplen=steplen) for c in courses}
        source = next((c for c in courses if c.locale_id == default_locale_id), None)
        if source is not None:
            required = outlines[source.id].required_keys
        else:
            required = frozenset().union(*(o.required_keys for o in outlines.values()))
        outline = outlines[course.id]
        outline.required_keys = required
        outline.translations = {c.locale_id: outlines[c.id] for c in courses if c.id != course.id}
        return outline

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
        """This translation's items that completing the course requires."""
        return {item.id for item in self.items if item.key in self.required_keys}

    @property
    def keys(self) -> frozenset[UUID]:
        """Every key that matters here: this translation's items and the required ones."""
        return self.required_keys | self._by_key.keys()

    def by_key(self, key: UUID) -> OutlineItem | None:
        return self._by_key.get(key)

    @property
    def missing_keys(self) -> frozenset[UUID]:
        """Required items this translation does not offer (yet)."""
        return self.required_keys - self._by_key.keys()

    @property
    def is_whole(self) -> bool:
        return not self.missing_keys

    def missing_items(self) -> list[tuple[OutlineItem, CourseOutline]]:
        """Each required item this translation lacks, as another translation offers it
        (the first that does, in locale order). Read once per outline: every module's
        state asks for it."""
        if self._missing is None:
            self._missing = self._find_missing()
        return self._missing

    def _find_missing(self) -> list[tuple[OutlineItem, CourseOutline]]:
        found = []
        for key in sorted(self.missing_keys, key=str):
            for locale_id in sorted(self.translations):
                item = self.translations[locale_id].by_key(key)
                if item is not None:
                    found.append((item, self.translations[locale_id]))
                    break
        return sorted(found, key=lambda pair: (pair[1].course.locale_id, pair[0].position))

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
        """The page's place in the course for templates: its item, its neighbours, and for a
        lesson its number among the course's lessons (quizzes are not lessons)."""
        lesson_ids = [item.id for item in self.items if not item.is_quiz]
        return {
            "item": self.get(page_id),
            "previous_item": self.previous(page_id),
            "next_item": self.next(page_id),
            "lesson_number": lesson_ids.index(page_id) + 1 if page_id in lesson_ids else None,
            "lesson_count": len(lesson_ids),
        }

    def required_keys_in(self, module: ModulePage) -> set[UUID]:
        """The required items of a module, with those only other translations offer yet."""
        here = {item.key for item in self.items_in(module) if item.key in self.required_keys}
        elsewhere = {
            item.key
            for item, _outline in self.missing_items()
            if item.module is not None and item.module.translation_key == module.translation_key
        }
        return here | elsewhere

    def items_in(self, module: ModulePage) -> list[OutlineItem]:
        return [item for item in self.items if item.module and item.module.id == module.id]
