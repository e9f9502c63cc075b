"""One definition of complete, across translations and edits (issue 12, findings 1, 2, 10).

The course's required items come from its default-language structure by translation key:
a Swedish copy published item by item cannot be completed until it offers every one,
progress follows the learner from one language to the other, and a change in the
structure (publish, unpublish, move, delete) completes learners who have now done
everything, without them doing anything more.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import Locale

from courses.completion import reevaluate
from courses.learners import AccountLearner, SessionLearner
from courses.models import Enrolment
from tests.conftest import complete
from tests.factories import LessonPageFactory, QuizPageFactory


def swedish(page, publish: bool = True):
    """The page's Swedish translation, made as a translator does it (parents copied along,
    and published so the copy can be served)."""
    locale = Locale.objects.get(language_code="sv")
    copy = page.copy_for_translation(locale, copy_parents=True).specific
    for ancestor in copy.get_ancestors().specific():
        if not ancestor.live and ancestor.depth > 1:
            ancestor.save_revision().publish()
    copy.refresh_from_db()
    if publish:
        copy.save_revision().publish()
        copy.refresh_from_db()
    return copy


def progress_of(user, course):
    return AccountLearner(user).progress(course.outline())


def is_complete(user, course) -> bool:
    return Enrolment.objects.filter(
        user=user, course_key=course.translation_key, completed_at__isnull=False
    ).exists()


@pytest.fixture
def finnish(build_course):
    return build_course(lessons=4, modules=2)


class TestPartlyTranslatedCourse:
    def test_one_swedish_lesson_does_not_complete_a_four_lesson_course(self, finnish, learner):
        course_sv = swedish(finnish.course)
        module_sv = swedish(finnish.modules[0])
        lesson_sv = swedish(finnish.lessons[0])

        outline = course_sv.outline()
        assert [item.id for item in outline.items] == [lesson_sv.id]
        assert not outline.is_whole
        AccountLearner(learner).complete(lesson_sv, outline)

        progress = progress_of(learner, course_sv)
        assert (progress.required_done, progress.required_total) == (1, 4)
        assert progress.percent == 25
        assert not progress.is_complete
        assert not is_complete(learner, course_sv)
        assert module_sv.live

    def test_the_swedish_course_becomes_completable_only_when_whole(
        self, finnish, learner, django_capture_on_commit_callbacks, completions_sent
    ):
        course_sv = swedish(finnish.course)
        for module in finnish.modules:
            swedish(module)
        learner_ = AccountLearner(learner)
        published = []
        for index, lesson in enumerate(finnish.lessons):
            with django_capture_on_commit_callbacks(execute=True):
                published.append(swedish(lesson))
                learner_.complete(published[-1], course_sv.outline())
            whole = index == len(finnish.lessons) - 1
            assert course_sv.outline().is_whole == whole
            assert is_complete(learner, course_sv) == whole, index
        assert len(completions_sent) == 1
        assert completions_sent[0]["course"].id == course_sv.id

    def test_the_course_page_names_what_is_missing_and_where_it_is(
        self, finnish, client, django_capture_on_commit_callbacks
    ):
        course_sv = swedish(finnish.course)
        swedish(finnish.modules[0])
        swedish(finnish.lessons[0])
        response = client.get(course_sv.url)
        assert response.status_code == 200
        page = response.content.decode()
        with translation.override("sv"):
            for lesson in finnish.lessons[1:]:
                assert f'href="{lesson.url}"' in page, lesson.title
        assert response.context["progress"].required_total == 4

    def test_a_module_is_not_done_while_its_parts_are_only_in_finnish(
        self, finnish, learner, learner_client
    ):
        course_sv = swedish(finnish.course)
        module_sv = swedish(finnish.modules[0])
        lesson_sv = swedish(finnish.lessons[0])
        complete(learner_client, lesson_sv)

        progress = progress_of(learner, course_sv)
        assert progress.module_state(module_sv) == "in_progress"
        # "Continue" leads to the first required part still to do, in Finnish.
        assert progress.continue_item.page.id == finnish.lessons[1].id
        # The last Swedish lesson does not claim to finish the course.
        page = learner_client.get(lesson_sv.url).content.decode()
        with translation.override("sv"):
            assert escape(gettext("Mark complete and finish")) not in page
            assert escape(gettext("Mark complete")) in page

    def test_a_module_is_done_when_its_finnish_only_parts_were_done_in_finnish(
        self, finnish, learner, learner_client
    ):
        course_sv = swedish(finnish.course)
        module_sv = swedish(finnish.modules[0])
        complete(learner_client, swedish(finnish.lessons[0]))
        complete(learner_client, finnish.lessons[1])
        progress = progress_of(learner, course_sv)
        assert progress.module_state(module_sv) == "done"

    def test_a_required_quiz_missing_in_swedish_keeps_it_incomplete(self, finnish, learner):
        quiz = QuizPageFactory(parent=finnish.modules[-1])
        course_sv = swedish(finnish.course)
        for page in [*finnish.modules, *finnish.lessons]:
            swedish(page)
        learner_ = AccountLearner(learner)
        for lesson in course_sv.outline().items:
            learner_.complete(lesson.page, course_sv.outline())
        outline = course_sv.outline()
        assert quiz.translation_key in outline.missing_keys
        assert not is_complete(learner, course_sv)
        assert progress_of(learner, course_sv).required_done == 4


class TestProgressAcrossLanguages:
    def test_lessons_done_in_finnish_are_done_in_swedish(self, finnish, learner):
        course_sv = swedish(finnish.course)
        for page in [*finnish.modules, *finnish.lessons]:
            swedish(page)
        learner_ = AccountLearner(learner)
        learner_.complete(finnish.lessons[0], finnish.course.outline())
        learner_.complete(finnish.lessons[1], finnish.course.outline())
        learner_.record_visit(finnish.course, finnish.lessons[2])

        progress = progress_of(learner, course_sv)
        assert progress.required_done == 2
        sv_items = course_sv.outline().items
        assert [progress.is_done(item) for item in sv_items] == [True, True, False, False]
        # "Continue" leads to the Swedish version of the page left last.
        assert progress.continue_item.page.translation_key == finnish.lessons[2].translation_key
        assert progress.continue_item.id == sv_items[2].id

    def test_finishing_in_the_other_language_completes_once(
        self, finnish, learner, django_capture_on_commit_callbacks, completions_sent
    ):
        course_sv = swedish(finnish.course)
        for page in [*finnish.modules, *finnish.lessons]:
            swedish(page)
        learner_ = AccountLearner(learner)
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in finnish.lessons[:3]:
                learner_.complete(lesson, finnish.course.outline())
            last_sv = course_sv.outline().items[3].page
            learner_.complete(last_sv, course_sv.outline())
            # Completing the same lesson again in Finnish changes nothing.
            learner_.complete(finnish.lessons[3], finnish.course.outline())
        assert [sent["course"].id for sent in completions_sent] == [course_sv.id]
        assert Enrolment.objects.filter(user=learner).count() == 1
        assert progress_of(learner, finnish.course).is_complete

    def test_a_visitor_s_progress_follows_too(self, finnish, client):
        course_sv = swedish(finnish.course)
        for page in [*finnish.modules, *finnish.lessons]:
            swedish(page)
        complete(client, finnish.lessons[0])
        response = client.get(course_sv.url)
        assert response.context["progress"].required_done == 1
        visitor = SessionLearner(client.session)
        assert visitor.progress(course_sv.outline()).required_done == 1

    def test_the_course_page_in_swedish_shows_finnish_work_done(self, finnish, learner_client):
        course_sv = swedish(finnish.course)
        for page in [*finnish.modules, *finnish.lessons]:
            swedish(page)
        for lesson in finnish.lessons[:2]:
            complete(learner_client, lesson)
        response = learner_client.get(course_sv.url)
        assert response.status_code == 200
        assert response.context["progress"].percent == 50


@pytest.mark.usefixtures("eager_celery")
class TestStructureChanges:
    """Finding 2: an editor's change completes the learners it makes complete."""

    @pytest.fixture
    def nearly_done(self, finnish, learner):
        learner_ = AccountLearner(learner)
        for lesson in finnish.lessons[:3]:
            learner_.complete(lesson, finnish.course.outline())
        assert not is_complete(learner, finnish.course)
        return finnish

    def test_unpublishing_the_missing_lesson_completes_the_learner(
        self, nearly_done, learner, django_capture_on_commit_callbacks, completions_sent
    ):
        with django_capture_on_commit_callbacks(execute=True):
            nearly_done.lessons[3].unpublish()
        assert is_complete(learner, nearly_done.course)
        assert [sent["user"] for sent in completions_sent] == [learner]

    def test_deleting_the_missing_lesson_completes_the_learner(
        self, nearly_done, learner, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            nearly_done.lessons[3].delete()
        assert is_complete(learner, nearly_done.course)

    def test_moving_the_missing_lesson_out_completes_the_learner(
        self, nearly_done, learner, build_course, django_capture_on_commit_callbacks
    ):
        elsewhere = build_course(lessons=1, modules=1)
        with django_capture_on_commit_callbacks(execute=True):
            nearly_done.lessons[3].move(elsewhere.modules[0], pos="last-child")
        assert is_complete(learner, nearly_done.course)

    def test_making_the_missing_lesson_optional_completes_the_learner(
        self, nearly_done, learner, django_capture_on_commit_callbacks
    ):
        lesson = nearly_done.lessons[3]
        lesson.required = False
        with django_capture_on_commit_callbacks(execute=True):
            lesson.save_revision().publish()
        assert is_complete(learner, nearly_done.course)

    def test_publishing_a_new_lesson_completes_nobody(
        self, nearly_done, learner, django_capture_on_commit_callbacks, completions_sent
    ):
        with django_capture_on_commit_callbacks(execute=True):
            LessonPageFactory(parent=nearly_done.modules[0]).save_revision().publish()
        assert not is_complete(learner, nearly_done.course)
        assert completions_sent == []

    def test_reevaluating_twice_completes_once(self, nearly_done, learner, completions_sent):
        nearly_done.lessons[3].unpublish()
        assert reevaluate(nearly_done.course.translation_key) == 1
        assert reevaluate(nearly_done.course.translation_key) == 0

    def test_only_learners_who_did_everything_are_completed(
        self, nearly_done, learner, django_capture_on_commit_callbacks
    ):
        from tests.factories import UserFactory

        behind = UserFactory()
        AccountLearner(behind).complete(nearly_done.lessons[0], nearly_done.course.outline())
        with django_capture_on_commit_callbacks(execute=True):
            nearly_done.lessons[3].unpublish()
        assert is_complete(learner, nearly_done.course)
        assert not is_complete(behind, nearly_done.course)

    def test_a_visitor_sees_the_course_complete_after_the_change(self, finnish, client):
        for lesson in finnish.lessons[:3]:
            complete(client, lesson)
        finnish.lessons[3].unpublish()
        response = client.get(finnish.course.url)
        assert response.context["progress"].is_complete
        assert response.context["progress"].percent == 100
