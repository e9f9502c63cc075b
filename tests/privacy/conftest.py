"""A learner with every kind of data the site keeps, and another beside them."""

# The certificate fixtures are imported to be used here: their names are fixtures' names.
# ruff: noqa: F811

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.files.storage import FileSystemStorage
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts.models import DataExport, User
from certificates.models import Certificate
from courses.learners import AccountLearner
from courses.models import QuizAttempt, Reflection
from tests.certificates.conftest import (  # noqa: F401  (fixtures)
    certificate_storage,
    certificate_template,
    certified_course,
    eager_celery,
    ready_certificate,
)
from tests.conftest import quiz_answers, save_reflection, start_quiz, submit_quiz
from tests.factories import UserFactory, enrol_second_factor


@pytest.fixture(autouse=True)
def export_storage(monkeypatch, tmp_path):
    """Export files go to a fresh private folder per test, so a test can see them go."""
    storage = FileSystemStorage(location=tmp_path / "exports")
    monkeypatch.setattr(DataExport._meta.get_field("file"), "storage", storage)
    return storage


@dataclass
class Person:
    user: User
    certificate: Certificate
    reflection: str
    password: str


def build_person(client, built, quiz, ready_certificate, *, name: str, secret: str) -> Person:
    """An account with a session, a second factor, progress, a reflection, a submitted quiz
    attempt, a certificate with its PDF, and an entry of its own in the admin's log."""
    user = UserFactory(full_name=name)
    enrol_second_factor(user)
    client.force_login(user)
    lesson = built.lessons[0]
    AccountLearner(user).complete(lesson, built.course.outline())
    save_reflection(client, lesson, secret)
    assert Reflection.objects.filter(user=user, text=secret).exists()
    start_quiz(client, quiz)
    attempt = QuizAttempt.objects.get(user=user, quiz=quiz, submitted_at=None)
    submit_quiz(client, quiz, quiz_answers(attempt))
    assert QuizAttempt.objects.filter(user=user, submitted_at__isnull=False).exists()
    certificate = ready_certificate(user)
    log(instance=user, action="wagtail.edit", user=user)
    return Person(user, certificate, secret, "a-long-test-password-42")


@pytest.fixture
def people(client, certified_course, ready_certificate, django_capture_on_commit_callbacks):
    """(A, B): two learners who took the same course; the client is logged in as A."""
    from django.test import Client

    from tests.factories import QuizPageFactory

    quiz = QuizPageFactory(parent=certified_course.modules[-1], required=False)
    other = Client()
    b = build_person(
        other, certified_course, quiz, ready_certificate, name="Bertta Bee", secret="B:n ajatus"
    )
    a = build_person(
        client, certified_course, quiz, ready_certificate, name="Aino Aalto", secret="A:n ajatus"
    )
    assert ModelLogEntry.objects.filter(user=a.user).exists()
    return a, b
