"""Editors can only build the course tree in its one shape:
CourseIndexPage > CoursePage > ModulePage > LessonPage, and nothing under a lesson."""

import pytest
from wagtail.models import Page

from cms.models import HomePage, StandardPage
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage, QuizPage

COURSE_TYPES = [CourseIndexPage, CoursePage, ModulePage, LessonPage]


@pytest.mark.parametrize(
    ("page_type", "only_parent"),
    [(CoursePage, CourseIndexPage), (ModulePage, CoursePage), (LessonPage, ModulePage)],
)
def test_each_course_page_type_has_exactly_one_parent_type(db, page_type, only_parent):
    for parent_type in [Page, HomePage, StandardPage, *COURSE_TYPES]:
        assert page_type.can_exist_under(parent_type()) is (parent_type is only_parent), (
            f"{page_type.__name__} under {parent_type.__name__}"
        )


def test_allowed_subpage_types_follow_the_course_tree():
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_subpage_models() == [ModulePage, QuizPage]  # a final quiz
    assert ModulePage.allowed_subpage_models() == [LessonPage, QuizPage]
    assert LessonPage.allowed_subpage_models() == []
    assert QuizPage.allowed_subpage_models() == []


def test_a_quiz_belongs_to_a_module_or_is_a_course_final_quiz(db):
    for parent_type in [Page, HomePage, StandardPage, CourseIndexPage, LessonPage, QuizPage]:
        assert not QuizPage.can_exist_under(parent_type()), parent_type.__name__
    assert QuizPage.can_exist_under(ModulePage())
    assert QuizPage.can_exist_under(CoursePage())


def test_course_pages_cannot_be_created_in_the_wrong_place(course, home):
    index = course.course.get_parent().specific
    module = course.modules[0]
    lesson = course.lessons[0]

    assert CoursePage.can_create_at(index)
    assert not CoursePage.can_create_at(home)
    assert not CoursePage.can_create_at(module)

    assert ModulePage.can_create_at(course.course)
    assert not ModulePage.can_create_at(index)
    assert not ModulePage.can_create_at(lesson)

    assert LessonPage.can_create_at(module)
    assert not LessonPage.can_create_at(course.course)
    assert not LessonPage.can_create_at(home)


def test_nothing_can_be_created_under_a_lesson(course):
    lesson = course.lessons[0]
    for page_type in [Page, HomePage, StandardPage, *COURSE_TYPES]:
        assert not page_type.can_create_at(lesson), page_type.__name__
