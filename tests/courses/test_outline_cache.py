"""The cached course outline is never stale: each way an editor changes a course shows on
the very next request (issue 13, item 5). The cache is pinned to local memory, so the
outline really comes from it between requests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from core import content_cache
from courses import outline_cache
from tests.factories import LessonPageFactory


@pytest.fixture(autouse=True)
def local_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "outline-cache",
        }
    }
    cache.clear()
    yield
    cache.clear()


def titles(client, course) -> list[str]:
    outline = client.get(course.course.url).context["outline"]
    return [item.page.title for item in outline.items]


def test_the_second_request_reads_the_outline_from_the_cache(
    client, course, django_assert_num_queries
):
    client.get(course.course.url)
    assert outline_cache.get(course.course.translation_key) is not None


def test_publishing_a_new_lesson_shows_at_once(client, course):
    before = titles(client, course)
    lesson = LessonPageFactory(parent=course.modules[0], live=False, title="Uusi oppitunti")
    assert titles(client, course) == before
    lesson.save_revision().publish()
    assert "Uusi oppitunti" in titles(client, course)


def test_a_published_title_change_shows_at_once(client, course):
    titles(client, course)
    lesson = course.lessons[0]
    lesson.title = "Uusi otsikko"
    lesson.save_revision().publish()
    assert titles(client, course)[0] == "Uusi otsikko"


def test_unpublishing_a_lesson_hides_it_at_once(client, course):
    titles(client, course)
    course.lessons[1].unpublish()
    assert course.lessons[1].title not in titles(client, course)


def test_moving_a_lesson_shows_at_once(client, course):
    before = titles(client, course)
    course.lessons[0].move(course.modules[-1], pos="last-child")
    after = titles(client, course)
    assert after[-1] == before[0]


def test_deleting_a_lesson_hides_it_at_once(client, course):
    titles(client, course)
    title = course.lessons[2].title
    course.lessons[2].delete()
    assert title not in titles(client, course)


def test_scheduled_publishing_shows_at_once(client, course):
    from cms.tasks import publish_scheduled

    titles(client, course)
    lesson = LessonPageFactory(parent=course.modules[0], live=False, title="Ajastettu")
    revision = lesson.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    revision.publish()  # with a go-live time in the past: left for the scheduler
    publish_scheduled()
    lesson.refresh_from_db()
    assert lesson.live
    assert "Ajastettu" in titles(client, course)


def test_a_change_in_an_uncommitted_transaction_starts_a_generation_again_on_commit(
    course, django_capture_on_commit_callbacks
):
    course.course.outline()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        course.lessons[0].save_revision().publish()
        # A reader in between stores what it read under the generation it saw ...
        stale = course.course.outline()
    assert stale is not None
    seen = content_cache.generation()
    assert outline_cache.get(course.course.translation_key) is not None
    for callback in callbacks:
        callback()
    # ... which nobody reads once the change has committed (what the commit's own tasks
    # read afterwards is stored under the new generation).
    assert content_cache.generation() != seen
    assert (
        content_cache._get(
            f"content:{content_cache.code_fingerprint()}:{seen}:course-outline:"
            f"{course.course.translation_key}"
        )
        is not None
    )  # still there, under a generation nobody asks for


def test_without_a_cache_the_outline_is_read_from_the_database(client, course, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert len(titles(client, course)) == len(course.lessons)
