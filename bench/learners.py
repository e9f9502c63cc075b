"""The people `make bench` serves, made through the site's own views and rules.

- a learner signed in mid-course: module 1 done (its quiz passed), the first lesson of
  module 2 done, an open attempt at module 2's quiz, now reading module 2's second lesson;
- an anonymous visitor who completed two lessons (progress in the session), reading the
  same lesson;
- a learner with a ready certificate, for the verification page;
- pools of fresh signed-in learners for the POST journeys, one row per request, so every
  completion and every quiz submission is a first one, as a learner's would be.

With BENCH_LEARNERS, `manage.py scale_data` has made that many learners before these; the
learner signed in mid-course is still made here, through the views, so the signed-in pages
show the same history at any scale and differ only in the size of the tables around it.

Needs Django set up (bench.pages does that first).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from certificates import issuing
from certificates.models import Certificate, CourseCertificate
from cms.models import HomePage
from courses.models import CoursePage, Enrolment, QuizAttempt, QuizPage
from courses.quizzes import item_analysis, item_counts
from courses.quizzes.attempts import start_attempt
from tests.conftest import quiz_answers  # the right answers to any question type, kept by the tests

LANGUAGE = "fi"


def path_of(page) -> str:
    return urlsplit(page.url).path


def url(name: str, **kwargs) -> str:
    with translation.override(LANGUAGE):
        return reverse(name, kwargs=kwargs)


@dataclass(frozen=True)
class Csrf:
    """A CSRF cookie and a form token for it, as a browser holds after loading a form."""

    cookie: str
    token: str

    @classmethod
    def new(cls) -> Csrf:
        request = RequestFactory().get("/")
        token = get_token(request)
        return cls(cookie=request.META["CSRF_COOKIE"], token=token)


@dataclass
class Site:
    """The pages and people of the benchmark."""

    home: str
    course: str
    module: str
    lesson: str  # the lesson the mid-course learner and the visitor are reading
    quiz: str  # module 2's quiz, where the mid-course learner has an open attempt
    dashboard: str
    search: str
    verify: str
    certificate_code: str
    learner_session: str
    visitor_session: str
    csrf: Csrf
    submit_quiz_id: int  # module 1's quiz: the pools' learners submit it
    completion_lesson_ids: list[int]  # the lessons the pools' learners complete


def _ok(response, what: str, status: int = 302) -> None:
    if response.status_code != status:
        raise SystemExit(f"preparing the learners: {what} answered {response.status_code}")


def _pass_quiz(client: Client, quiz, user) -> None:
    _ok(client.post(url("quiz_start", quiz_id=quiz.id)), f"starting {quiz.title}")
    attempt = QuizAttempt.objects.get(user=user, quiz_key=quiz.translation_key, submitted_at=None)
    _ok(client.post(url("quiz_submit", quiz_id=quiz.id), quiz_answers(attempt)), "a quiz")
    attempt.refresh_from_db()
    if not attempt.passed:
        raise SystemExit(f"preparing the learners: the right answers failed {quiz.title}")


def _complete(client: Client, lesson) -> None:
    _ok(client.post(url("lesson_progress", lesson_id=lesson.id), {"action": "complete"}), "done")


def _certificate(course: CoursePage) -> str:
    """A learner who finished the course, with a rendered certificate."""
    user = User.objects.create_user("valmis@bench.example", full_name="Aino Esimerkki")
    now = timezone.now()
    Enrolment.objects.create(
        user=user, course=course, started_at=now, last_visited_at=now, completed_at=now
    )
    certificate = Certificate.objects.create(
        user=user,
        course=course,
        language=LANGUAGE,
        name=user.full_name,
        course_title=course.title,
        course_length="5 h",
        completed_on=timezone.localdate(now),
        template=CourseCertificate.template_for(course),
    )
    certificate = issuing.render(certificate.pk)
    if certificate.status != Certificate.Status.READY:
        raise SystemExit(f"preparing the learners: the certificate is {certificate.status}")
    return certificate.code


def prepare(host: str) -> Site:
    course = CoursePage.objects.live().filter(locale__language_code=LANGUAGE).first()
    if course is None:
        raise SystemExit("preparing the learners: no Finnish course (load_demo_content?)")
    outline = course.outline()
    module_one, module_two = outline.modules[0], outline.modules[1]
    first = [item for item in outline.items if item.module and item.module.id == module_one.id]
    second = [item for item in outline.items if item.module and item.module.id == module_two.id]
    lessons_two = [item.page for item in second if not item.is_quiz]
    quiz_one = next(item.page for item in first if item.is_quiz)
    quiz_two = next(item.page for item in second if item.is_quiz)
    reading = lessons_two[1]

    learner = User.objects.create_user("kesken@bench.example", full_name="Maija Mallikas")
    client = Client(HTTP_HOST=host)
    client.force_login(learner)
    for item in first:
        if item.is_quiz:
            _pass_quiz(client, item.page, learner)
        else:
            _complete(client, item.page)
    _complete(client, lessons_two[0])
    _ok(client.post(url("quiz_start", quiz_id=quiz_two.id)), "starting module 2's quiz")
    _ok(client.get(path_of(reading)), "reading a lesson", 200)

    visitor = Client(HTTP_HOST=host)
    _ok(visitor.get(path_of(first[0].page)), "a visitor's first lesson", 200)
    for item in first[:2]:
        _complete(visitor, item.page)
    _ok(visitor.get(path_of(reading)), "a visitor reading a lesson", 200)

    lessons = [item.page.id for item in outline.items if not item.is_quiz]
    home = HomePage.objects.live().filter(locale__language_code=LANGUAGE).first()
    code = _certificate(course)
    return Site(
        home=path_of(home),
        course=path_of(course),
        module=path_of(module_one),
        lesson=path_of(reading),
        quiz=path_of(quiz_two),
        dashboard=url("dashboard"),
        search=url("search") + "?" + urlencode({"q": "ennakointi"}),
        verify=reverse("verify", kwargs={"code": code}),
        certificate_code=code,
        learner_session=client.cookies[settings.SESSION_COOKIE_NAME].value,
        visitor_session=visitor.cookies[settings.SESSION_COOKIE_NAME].value,
        csrf=Csrf.new(),
        submit_quiz_id=quiz_one.id,
        # Never the last lesson: with the quizzes still to pass, nobody in a pool completes
        # the course, so no certificate is drawn inside a request.
        completion_lesson_ids=lessons[:-1],
    )


# Pools: one row per request --------------------------------------------------------------


def _signed_in(count: int) -> list[tuple[User, str]]:
    """`count` new learners, each with a signed-in session (as after allauth's login)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    batch = uuid.uuid4().hex[:8]
    users = User.objects.bulk_create(
        User(
            email=f"pool-{batch}-{n}@bench.example",
            full_name=f"Oppija {n}",
            password=make_password(None),
        )
        for n in range(count)
    )
    learners = []
    for user in users:
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        learners.append((user, session.session_key))
    return learners


def quiz_submission_rows(site: Site, count: int) -> list[tuple[str, str, str]]:
    """(session, form body, attempt id): learners who started module 1's quiz; each row
    submits the right answers to the learner's open attempt."""
    quiz = QuizPage.objects.get(id=site.submit_quiz_id)
    rows = []
    with transaction.atomic():
        for user, session in _signed_in(count):
            attempt = start_attempt(quiz, {"user": user})
            data = {"csrfmiddlewaretoken": site.csrf.token, **quiz_answers(attempt)}
            rows.append((session, urlencode(data, doseq=True), str(attempt.pk)))
    return rows


def lesson_completion_rows(site: Site, count: int) -> list[tuple[str, str, str, str]]:
    """(session, progress path, user id, lesson id): each row marks a lesson complete for a
    learner who has not completed it. Lesson by lesson, so parallel requests are different
    learners'."""
    lessons = site.completion_lesson_ids
    with transaction.atomic():
        learners = _signed_in(-(-count // len(lessons)))
    return [
        (session, url("lesson_progress", lesson_id=lesson), str(user.pk), str(lesson))
        for lesson in lessons
        for user, session in learners
    ]


def completion_body(site: Site) -> str:
    return urlencode({"csrfmiddlewaretoken": site.csrf.token, "action": "complete"})


# At scale ---------------------------------------------------------------------------------


def time_item_analysis() -> str:
    """The item analysis report's work for the most attempted quiz (its admin page less the
    template): the figure issue 13 wants under 2 s at 100,000 attempts."""
    busiest = (
        QuizAttempt.objects.filter(submitted_at__isnull=False)
        .values("quiz")
        .annotate(count=Count("*"))
        .order_by("-count")
        .first()
    )
    if busiest is None:
        return "item analysis: no submitted attempts"
    quiz = QuizPage.objects.get(pk=busiest["quiz"])
    timings = []
    for _run in range(3):
        started = time.perf_counter()
        tally = item_counts.count_items(quiz)
        summary, questions = tally.figures([block.id for block in quiz.questions])
        item_analysis.rows(questions)
        timings.append(time.perf_counter() - started)
    return (
        f"Item analysis of {quiz.title} ({summary.attempts:,} submitted attempts): "
        f"{min(timings):.2f} s at best of 3, {max(timings):.2f} s at worst"
    )
