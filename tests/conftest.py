from __future__ import annotations

import functools
import os
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


# Local services ------------------------------------------------------------------------
#
# A test marked @pytest.mark.services("redis", "postgresql") runs for real when those services
# answer; without them it skips with the reason, unless REQUIRE_SERVICES=1 (set by CI) turns
# the skip into a failure.

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


@functools.cache
def _redis_missing() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2, socket_timeout=2).ping()
    except (redis.RedisError, OSError) as error:
        return f"Redis at {REDIS_URL} (set REDIS_URL): {str(error).rstrip('.')}"
    return None


def _postgresql_missing() -> str | None:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        vendor = engine.rsplit(".", 1)[-1]
        return f"PostgreSQL (set DATABASE_URL=postgres://...): the test database is {vendor}"
    return None


SERVICES = {"redis": _redis_missing, "postgresql": _postgresql_missing}
_services_failure = pytest.StashKey[str]()


def pytest_collection_modifyitems(config, items):
    required = os.environ.get("REQUIRE_SERVICES") == "1"
    for item in items:
        marker = item.get_closest_marker("services")
        if marker is None:
            continue
        if not marker.args or set(marker.args) - set(SERVICES):
            item.stash[_services_failure] = (
                f"services marker: name one or more of {sorted(SERVICES)}, not {marker.args}"
            )
            continue
        missing = [reason for name in marker.args if (reason := SERVICES[name]())]
        if not missing:
            continue
        reason = "; ".join(f"needs {what}" for what in missing)
        if required:
            item.stash[_services_failure] = f"REQUIRE_SERVICES=1 but the test {reason}"
        else:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before any fixture: a test whose required services are missing fails."""
    if failure := item.stash.get(_services_failure, None):
        pytest.fail(failure, pytrace=False)


@pytest.fixture
def redis_url() -> str:
    """Where the Redis of a test marked services("redis") answers."""
    return REDIS_URL


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


# Quizzes -------------------------------------------------------------------------------


def quiz_url(name: str, quiz) -> str:
    """Where a quiz page's forms post: name is quiz_start, quiz_submit or profile_submit."""
    with translation.override("fi"):
        return reverse(name, kwargs={"quiz_id": getattr(quiz, "id", quiz)})


def attempt_url(attempt) -> str:
    """The result page of a submitted attempt."""
    with translation.override("fi"):
        return reverse("quiz_attempt", kwargs={"attempt_id": getattr(attempt, "pk", attempt)})


def start_quiz(client, quiz):
    """Presses "Start the quiz" (or "Try again")."""
    return client.post(quiz_url("quiz_start", quiz))


def quiz_answers(attempt, *, wrong=(), skip=()) -> dict:
    """The form data a learner sends for an attempt: every drawn question answered right,
    except the question ids in `wrong` (answered wholly wrong) and `skip` (left blank)."""
    from courses.quizzes import engine

    blocks = engine.question_map(attempt.question_values)
    data: dict = {"attempt": str(attempt.pk)}
    for spec in attempt.drawn:
        qid, kind = spec["id"], spec["kind"]
        if qid in skip:
            continue
        value = blocks[qid].value
        bad = qid in wrong
        if kind in ("single", "multiple"):
            picks = [
                child.id
                for child in value["choices"].bound_blocks
                if bool(child.value["correct"]) != bad
            ]
            data[engine.field_name(qid)] = picks[0] if kind == "single" else picks
        elif kind == "truefalse":
            right = value["correct_answer"]
            data[engine.field_name(qid)] = (
                {"true": "false", "false": "true"}[right] if bad else right
            )
        elif kind == "ordering":
            authored = [child.id for child in value["items"].bound_blocks]
            for item in spec["items"]:
                position = authored.index(item)
                if bad:
                    position = (position + 1) % len(authored)
                data[engine.field_name(qid, item)] = str(position + 1)
        elif kind == "matching":
            token_of = {pair: token for token, pair in spec["rights"]}
            lefts = spec["lefts"]
            for n, pair in enumerate(lefts):
                target = lefts[(n + 1) % len(lefts)] if bad else pair
                data[engine.field_name(qid, pair)] = token_of[target]
        elif kind == "profile":
            data[engine.field_name(qid)] = spec["choices"][0]
    return data


def submit_quiz(client, quiz, data: dict):
    """Presses "Submit answers" with the given form data."""
    return client.post(quiz_url("quiz_submit", quiz), data)


@pytest.fixture
def quiz(course):
    """A published graded quiz with one question of each type, last in the course's second
    module; 70 % passes, attempts are unlimited."""
    from tests.factories import QuizPageFactory

    return QuizPageFactory(parent=course.modules[-1])


def fi(message: str) -> str:
    """A message as a Finnish learner sees it in the page's HTML."""
    from django.utils.html import escape
    from django.utils.translation import gettext

    with translation.override("fi"):
        return escape(gettext(message))


@pytest.fixture
def wagtail_roots(transactional_db):
    """What migrations seed and a transactional test's flush removes: the locales, the root
    page and the root collection (the live server needs committed data, so these tests
    cannot run inside a rolled-back transaction)."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page, Site

    ContentType.objects.clear_cache()
    locales = {
        code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES
    }
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locales["fi"]))
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def eager_celery():
    """Runs Celery tasks in-process even when REDIS_URL is set (the browser tests look at the
    pages; tests/integration exercises real workers)."""
    from cms.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def limiter_clock(monkeypatch):
    """The rate limiter counts in fixed one-minute windows: its clock starts the test just
    after a full minute, so a test's burst of requests never straddles two windows."""
    import time as real_time

    from core import ratelimit

    started = real_time.time()
    base = started - started % 60 + 60.1

    class Clock:
        @staticmethod
        def time() -> float:
            return base + (real_time.time() - started)

    monkeypatch.setattr(ratelimit, "time", Clock())
