from datetime import timedelta

import pytest
from django.utils import timezone

from cms.tasks import publish_scheduled
from tests.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def test_beat_task_publishes_a_scheduled_lesson_when_its_time_comes(course):
    """An editor schedules a lesson for later; it stays unpublished until celery beat's
    task runs after the go-live time, and then learners see it."""
    lesson = LessonPageFactory(parent=course.modules[0], live=False, first_published_at=None)
    lesson.go_live_at = timezone.now() + timedelta(hours=1)
    revision = lesson.save_revision()
    revision.publish()
    lesson.refresh_from_db()
    assert not lesson.live
    assert lesson.scheduled_revision is not None

    publish_scheduled()
    lesson.refresh_from_db()
    assert not lesson.live  # not yet due

    # An hour passes: the go-live time stored in the revision is now in the past.
    past = timezone.now() - timedelta(seconds=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    publish_scheduled()
    lesson.refresh_from_db()
    assert lesson.live
