from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
    site_home,
)


@dataclass
class BuiltCourse:
    course: object
    modules: list
    lessons: list  # in reading order

    def reflection_id(self, lesson_index: int = 0) -> str:
        return self.lessons[lesson_index].reflection_prompts[0].id


@pytest.fixture(autouse=True)
def _clear_cache(request):
    """allauth's rate limits and Wagtail's site root paths live in the cache; with Redis the
    cache outlives the test transaction, so every test starts and ends with an empty one."""
    uses_db = "db" in request.fixturenames or request.node.get_closest_marker("django_db")
    if uses_db:
        request.getfixturevalue("db")
        cache.clear()
    yield
    if uses_db:
        cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded images and documents go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def home(db):
    return site_home()


@pytest.fixture
def build_course(home):
    """Builds a published course of `lessons` lessons spread evenly over `modules` modules."""

    def build(lessons: int = 4, modules: int = 2, **course_fields) -> BuiltCourse:
        course = CoursePageFactory(**course_fields)
        built = BuiltCourse(course=course, modules=[], lessons=[])
        per_module, extra = divmod(lessons, modules)
        for number in range(modules):
            module = ModulePageFactory(parent=course)
            built.modules.append(module)
            for _ in range(per_module + (1 if number < extra else 0)):
                built.lessons.append(LessonPageFactory(parent=module))
        return built

    return build


@pytest.fixture
def course(build_course) -> BuiltCourse:
    return build_course(lessons=4, modules=2)


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


def progress_url(lesson) -> str:
    """Where a lesson's "Save answer" and "Mark complete" buttons post; takes a page or an id."""
    with translation.override("fi"):
        return reverse("lesson_progress", kwargs={"lesson_id": getattr(lesson, "id", lesson)})


def dashboard_url(language: str = "fi") -> str:
    with translation.override(language):
        return reverse("dashboard")


def complete(client, lesson, **data):
    """Presses "Mark complete" on a lesson."""
    return client.post(progress_url(lesson), {"action": "complete", **data})


def save_reflection(client, lesson, text: str, prompt_index: int = 0):
    """Presses "Save answer" under a lesson's reflection prompt."""
    prompt_id = lesson.reflection_prompts[prompt_index].id
    return client.post(progress_url(lesson), {"action": "save", f"reflection-{prompt_id}": text})


@pytest.fixture
def completions_sent():
    """The course_completed signals sent during the test, as their keyword arguments."""
    from courses.signals import course_completed

    sent = []

    def receiver(sender, **kwargs):
        sent.append(kwargs)

    course_completed.connect(receiver, weak=False, dispatch_uid="tests-completions-sent")
    yield sent
    course_completed.disconnect(dispatch_uid="tests-completions-sent")
