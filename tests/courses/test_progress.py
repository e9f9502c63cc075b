"""Progress and completion rules, as a learner sees them on the course page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.learners import AccountLearner
from courses.models import Enrolment, LessonCompletion, Reflection
from courses.progress import State
from tests.conftest import complete, dashboard_url, save_reflection
from tests.factories import LessonPageFactory, ModulePageFactory


def progress_of(user, course):
    return AccountLearner(user).progress(course.outline())


def lesson_row(html: str, lesson) -> str:
    """The course page's list item for one lesson."""
    for chunk in html.split('<li class="lesson-list__item')[1:]:
        row = chunk.split("</li>", 1)[0]
        if f'href="{lesson.url}"' in row:
            return row
    raise AssertionError(f"{lesson.title} is not listed on the course page")


class TestPercentDone:
    """A course of four required lessons, one optional lesson and one lesson still in draft:
    the learner's percentage counts only the published required lessons."""

    @pytest.fixture
    def built(self, build_course):
        built = build_course(lessons=4, modules=2)
        built.optional = LessonPageFactory(parent=built.modules[0], required=False)
        built.draft = LessonPageFactory(
            parent=built.modules[1], live=False, first_published_at=None
        )
        return built

    def test_optional_and_unpublished_lessons_do_not_count(self, learner_client, learner, built):
        complete(learner_client, built.lessons[0])
        complete(learner_client, built.optional)

        progress = progress_of(learner, built.course)
        assert (progress.required_done, progress.required_total) == (1, 4)
        assert progress.percent == 25
        html = learner_client.get(built.course.url).content.decode()
        assert 'aria-valuenow="25"' in html
        assert f'href="{built.draft.url}"' not in html

    def test_completing_a_draft_lesson_is_refused_and_counts_nothing(
        self, learner_client, learner, built
    ):
        assert complete(learner_client, built.draft).status_code == 404
        assert progress_of(learner, built.course).percent == 0

    def test_lessons_of_an_unpublished_module_do_not_count(self, learner_client, learner, built):
        hidden = ModulePageFactory(parent=built.course, live=False, first_published_at=None)
        LessonPageFactory(parent=hidden)
        for lesson in built.lessons[:2]:
            complete(learner_client, lesson)

        assert progress_of(learner, built.course).required_total == 4
        assert progress_of(learner, built.course).percent == 50

    def test_anonymous_visitor_sees_the_same_percentage(self, client, built):
        complete(client, built.lessons[0])
        complete(client, built.optional)

        response = client.get(built.course.url)
        assert response.context["progress"].percent == 25
        assert 'aria-valuenow="25"' in response.content.decode()

    def test_optional_lessons_are_not_needed_to_complete_the_course(
        self, learner_client, learner, built, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in built.lessons:
                complete(learner_client, lesson)

        progress = progress_of(learner, built.course)
        assert progress.is_complete
        assert progress.percent == 100
        assert not progress.is_done(progress.outline.get(built.optional.id))


def test_mark_complete_also_saves_the_answer_typed(learner_client, learner, course):
    lesson = course.lessons[0]
    field = f"reflection-{course.reflection_id(0)}"
    response = complete(learner_client, lesson, **{field: "  Vastaus ennen valmista.  "})
    assert response.status_code == 302
    assert response.url == course.lessons[1].url  # on to the next lesson
    assert Reflection.objects.get(user=learner, lesson=lesson).text == "Vastaus ennen valmista."
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).exists()


def test_clearing_an_answer_deletes_it(learner_client, learner, course):
    save_reflection(learner_client, course.lessons[0], "Ensin näin.")
    save_reflection(learner_client, course.lessons[0], "   ")
    assert not Reflection.objects.filter(user=learner).exists()


class TestCourseCompletion:
    """A learner works through a course of three lessons. The last required lesson completes
    the course: the completion date is recorded and `course_completed` is sent once, after
    the transaction commits. Pressing "complete" again changes nothing."""

    def test_last_required_lesson_completes_the_course_once(
        self,
        learner_client,
        learner,
        build_course,
        completions_sent,
        django_capture_on_commit_callbacks,
    ):
        built = build_course(lessons=3, modules=1)
        with django_capture_on_commit_callbacks(execute=True):
            complete(learner_client, built.lessons[0])
            complete(learner_client, built.lessons[1])
        assert Enrolment.objects.get(user=learner, course=built.course).completed_at is None
        assert completions_sent == []

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = complete(learner_client, built.lessons[2])
        assert response.status_code == 302
        assert response.url == built.course.url  # the last lesson leads back to the course
        enrolment = Enrolment.objects.get(user=learner, course=built.course)
        assert enrolment.completed_at is not None
        assert len(callbacks) == 1
        assert len(completions_sent) == 1
        assert completions_sent[0]["user"] == learner
        assert completions_sent[0]["course"].id == built.course.id
        assert completions_sent[0]["completed_at"] == enrolment.completed_at

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            complete(learner_client, built.lessons[2])
            complete(learner_client, built.lessons[0])
        assert callbacks == []
        assert len(completions_sent) == 1
        assert Enrolment.objects.get(pk=enrolment.pk).completed_at == enrolment.completed_at
        assert LessonCompletion.objects.filter(user=learner).count() == 3

    def test_signal_waits_for_the_commit(
        self, learner_client, build_course, completions_sent, django_capture_on_commit_callbacks
    ):
        built = build_course(lessons=1, modules=1)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            complete(learner_client, built.lessons[0])
        assert completions_sent == []  # nothing sent while the transaction is open
        assert len(callbacks) == 1

    def test_course_page_and_dashboard_show_the_course_complete(
        self, learner_client, build_course, django_capture_on_commit_callbacks
    ):
        built = build_course(lessons=2, modules=1)
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in built.lessons:
                complete(learner_client, lesson)

        response = learner_client.get(built.course.url)
        assert response.context["progress"].state == State.DONE
        html = response.content.decode()
        assert 'aria-valuenow="100"' in html
        assert html.count("badge--done") == 3  # the module and both lessons

        dashboard = learner_client.get(dashboard_url())
        [(course, progress)] = dashboard.context["rows"]
        assert course.id == built.course.id
        assert progress.is_complete


class TestLessonAddedAfterCompletion:
    """A learner completes a course; later an editor publishes a new lesson in it. The
    course stays complete at 100 % with its original date, and the new lesson is marked
    "new" until the learner reads it; completing it sends no second completion."""

    @pytest.fixture
    def completed(self, learner_client, build_course, django_capture_on_commit_callbacks):
        built = build_course(lessons=2, modules=2)
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in built.lessons:
                complete(learner_client, lesson)
        return built

    def test_new_lesson_is_marked_new_and_course_stays_complete(
        self,
        learner_client,
        learner,
        completed,
        completions_sent,
        django_capture_on_commit_callbacks,
    ):
        completed_at = Enrolment.objects.get(user=learner).completed_at
        new_lesson = LessonPageFactory(
            parent=completed.modules[1], first_published_at=completed_at + timedelta(minutes=5)
        )

        progress = progress_of(learner, completed.course)
        assert progress.completed_at == completed_at
        assert progress.percent == 100
        assert [item.id for item in progress.new_items] == [new_lesson.id]
        assert progress.is_new(progress.outline.get(new_lesson.id))
        assert not progress.is_new(progress.outline.get(completed.lessons[0].id))

        response = learner_client.get(completed.course.url)
        html = response.content.decode()
        assert 'aria-valuenow="100"' in html
        assert "badge--new" in lesson_row(html, new_lesson)
        assert "badge--new" not in lesson_row(html, completed.lessons[0])
        assert html.count("badge--new") == 1

        with django_capture_on_commit_callbacks(execute=True):
            complete(learner_client, new_lesson)
        progress = progress_of(learner, completed.course)
        assert progress.new_items == []
        assert progress.completed_at == completed_at
        assert completions_sent == []
        html = learner_client.get(completed.course.url).content.decode()
        assert "badge--new" not in html

    def test_lessons_published_before_completion_are_not_new(self, learner, completed):
        old = LessonPageFactory(
            parent=completed.modules[0], first_published_at=timezone.now() - timedelta(days=30)
        )
        progress = progress_of(learner, completed.course)
        assert not progress.is_new(progress.outline.get(old.id))
        assert progress.percent == 100
