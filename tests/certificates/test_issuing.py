"""Issuing: one certificate per learner and course, however the completion arrives."""

import hashlib
import threading
import time

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django.utils import timezone
from django.utils.html import escape

from certificates import issuing
from certificates.models import Certificate, CourseCertificate
from courses.learners import AccountLearner
from courses.models import Enrolment
from courses.progress import record_course_completion
from tests.certificates.conftest import (
    as_seen,
    complete_course,
    learner_url,
    mark_completed,
    pdf_bytes,
    pdf_text,
)
from tests.conftest import complete, dashboard_url, fi
from tests.factories import UserFactory


def certificates_of(user, built):
    return Certificate.objects.filter(user=user, course=built.course)


def confirm_url(certificate) -> str:
    return learner_url("certificate_confirm_name", certificate.code)


class TestOneCertificatePerLearnerAndCourse:
    @pytest.mark.django_db(transaction=True)
    def test_ten_completions_at_once_give_one_certificate(self, wagtail_roots, certified_course):
        """Ten requests finish the course at the same moment (double clicks, two tabs, a
        retried request), each on its own database connection.

        SQLite's in-memory test database is shared-cache, where a locked table is reported at
        once instead of waited for as the file database in production does (timeout 20 s);
        on SQLite a thread that meets such a lock tries again, as that busy timeout would.
        """
        user = UserFactory()
        completed_at = mark_completed(user, certified_course)
        threads_total = 10
        barrier = threading.Barrier(threads_total)
        issued, errors = [], []

        def issue():
            for _ in range(200):
                try:
                    return issuing.issue_for_completion(user, certified_course.course, completed_at)
                except OperationalError as error:
                    if connection.vendor != "sqlite" or "locked" not in str(error):
                        raise
                    time.sleep(0.01)
            raise AssertionError("the table stayed locked")

        def finish():
            try:
                barrier.wait(timeout=10)
                issued.append(issue().pk)
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=finish) for _ in range(threads_total)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

        assert errors == []
        assert certificates_of(user, certified_course).count() == 1
        only = certificates_of(user, certified_course).get()
        assert issued == [only.pk] * threads_total
        assert only.status == Certificate.Status.AWAITING_NAME

    def test_completing_the_course_twice_gives_one_certificate(
        self, learner, certified_course, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            complete_course(learner, certified_course)
            # The last lesson marked again, and the completion recorded again directly.
            AccountLearner(learner).complete(
                certified_course.lessons[-1], certified_course.course.outline()
            )
            assert record_course_completion(learner, certified_course.course.outline()) is False
            again = issuing.issue_for_completion(learner, certified_course.course, timezone.now())

        assert certificates_of(learner, certified_course).get() == again

    def test_marking_the_last_lesson_complete_issues_the_certificate(
        self, learner_client, learner, certified_course, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in certified_course.lessons[:-1]:
                complete(learner_client, lesson)
            assert not certificates_of(learner, certified_course).exists()
            complete(learner_client, certified_course.lessons[-1])

        certificate = certificates_of(learner, certified_course).get()
        enrolment = Enrolment.objects.get(user=learner, course=certified_course.course)
        assert certificate.completed_on == timezone.localdate(enrolment.completed_at)
        assert certificate.course_title == certified_course.course.title
        assert certificate.template == CourseCertificate.template_for(certified_course.course)
        assert certificate.language == "fi"
        assert certificate.course_length == "2,5 h"

        # Marking a lesson again later does not make a second one.
        with django_capture_on_commit_callbacks(execute=True):
            complete(learner_client, certified_course.lessons[0])
        assert certificates_of(learner, certified_course).count() == 1

    def test_the_certificate_is_issued_only_after_the_completion_commits(
        self, learner, certified_course, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            complete_course(learner, certified_course)
        assert not certificates_of(learner, certified_course).exists()

        with django_capture_on_commit_callbacks(execute=True):
            for callback in callbacks:
                callback()
        assert certificates_of(learner, certified_course).count() == 1

    def test_a_course_not_yet_complete_gives_no_certificate(
        self, learner, certified_course, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            AccountLearner(learner).complete(
                certified_course.lessons[0], certified_course.course.outline()
            )
            # Even when asked directly.
            assert (
                issuing.issue_for_completion(learner, certified_course.course, timezone.now())
                is None
            )

        assert not certificates_of(learner, certified_course).exists()


class TestNameConfirmation:
    """A learner finishes a first course: the certificate waits until the learner has
    checked how the name is printed. Later certificates use that name straight away."""

    @pytest.fixture
    def waiting(self, learner, certified_course, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            complete_course(learner, certified_course)
        return certificates_of(learner, certified_course).get()

    def test_the_first_certificate_waits_for_the_name(self, waiting, learner_client):
        assert waiting.status == Certificate.Status.AWAITING_NAME
        assert waiting.name == ""
        assert not waiting.pdf
        assert mail.outbox == []

        dashboard = learner_client.get(dashboard_url()).content.decode()
        assert confirm_url(waiting) in dashboard

    def test_the_confirm_page_is_prefilled_with_the_profile_name(self, waiting, learner_client):
        response = learner_client.get(confirm_url(waiting))

        assert response.status_code == 200
        assert response.context["form"]["name"].value() == waiting.user.full_name
        assert f'value="{waiting.user.full_name}"' in response.content.decode()

    def test_the_confirm_page_says_who_sees_the_name(self, waiting, learner_client):
        """Consent before the name goes public: the page says what the verification page
        shows, to whom, and what it never shows (issue 14, item 4)."""
        page = learner_client.get(confirm_url(waiting)).content.decode()
        notice = fi(
            "The name you confirm is printed on the certificate and shown on its verification"
            " page, with the course, the completion date and whether the certificate is valid,"
            " to anyone who has the certificate's code or QR code, such as an employer. Your"
            " email address and your studies are never shown there."
        )
        assert "QR-koodi" in notice  # the Finnish the learner reads
        assert notice in page

    @pytest.mark.parametrize(
        ("typed", "message"),
        [
            ("", "This field is required."),
            ("   ", "Enter the name to print on the certificate."),
            ("\t\n ", "Enter the name to print on the certificate."),
            ("\u00a0\u3000", "Enter the name to print on the certificate."),
        ],
    )
    def test_a_blank_name_is_refused_and_nothing_changes(
        self, waiting, learner_client, django_capture_on_commit_callbacks, typed, message
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = learner_client.post(confirm_url(waiting), {"name": typed})

        assert response.status_code == 400
        assert as_seen(message) in response.content.decode()
        self.assert_unchanged(waiting)

    def test_a_name_over_200_characters_is_refused_and_nothing_changes(
        self, waiting, learner_client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = learner_client.post(confirm_url(waiting), {"name": "Å" * 201})

        assert response.status_code == 400
        [error] = response.context["form"].errors["name"]
        assert "200" in error
        assert escape(error) in response.content.decode()
        self.assert_unchanged(waiting)

    def test_the_name_rule_itself_refuses_blank_and_overlong_names(self, waiting):
        for bad in ("  ", "x" * 201, " ".join(["ab"] * 101)):
            with pytest.raises(issuing.InvalidName):
                issuing.confirm_name(waiting, bad)
        self.assert_unchanged(waiting)

    def assert_unchanged(self, waiting):
        before_name = waiting.user.full_name
        waiting.refresh_from_db()
        waiting.user.refresh_from_db()
        assert waiting.status == Certificate.Status.AWAITING_NAME
        assert waiting.name == ""
        assert waiting.user.full_name == before_name
        assert not waiting.pdf
        assert mail.outbox == []

    def test_a_confirmed_name_is_rendered_and_the_pdf_is_fingerprinted(
        self, waiting, learner_client, django_capture_on_commit_callbacks
    ):
        # The rendering is handed over only when the confirmation commits.
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = learner_client.post(
                confirm_url(waiting), {"name": "  Šárka   Nguyễn-Øster "}
            )
        assert response.status_code == 302
        waiting.refresh_from_db()
        assert waiting.status == Certificate.Status.PENDING
        assert waiting.name == "Šárka Nguyễn-Øster"
        assert not waiting.pdf

        with django_capture_on_commit_callbacks(execute=True):
            for callback in callbacks:
                callback()

        waiting.refresh_from_db()
        assert waiting.status == Certificate.Status.READY
        assert waiting.render_attempts == 1
        assert waiting.rendered_at is not None
        data = pdf_bytes(waiting)
        assert data.startswith(b"%PDF-")
        assert waiting.pdf_sha256 == hashlib.sha256(data).hexdigest()
        assert "Šárka Nguyễn-Øster" in pdf_text(data)

    def test_confirming_again_changes_nothing(
        self, waiting, learner_client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            learner_client.post(confirm_url(waiting), {"name": "Анна Петрова"})
            response = learner_client.post(confirm_url(waiting), {"name": "Someone Else"})

        assert response.status_code == 302
        waiting.refresh_from_db()
        assert waiting.name == "Анна Петрова"
        assert len(mail.outbox) == 1

    def test_another_learner_cannot_confirm_the_name(
        self, waiting, client, django_capture_on_commit_callbacks
    ):
        client.force_login(UserFactory())
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(confirm_url(waiting)).status_code == 404
            assert client.post(confirm_url(waiting), {"name": "Mallory"}).status_code == 404

        self.assert_unchanged(waiting)

    def test_an_empty_profile_name_is_filled_from_the_confirmed_name(
        self, certified_course, client, django_capture_on_commit_callbacks
    ):
        user = UserFactory(full_name="")
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            complete_course(user, certified_course)
        certificate = certificates_of(user, certified_course).get()
        assert client.get(confirm_url(certificate)).context["form"]["name"].value() == ""

        with django_capture_on_commit_callbacks(execute=True):
            client.post(confirm_url(certificate), {"name": "Ελένη Παπαδοπούλου"})

        user.refresh_from_db()
        assert user.full_name == "Ελένη Παπαδοπούλου"

    def test_the_second_certificate_skips_the_confirmation(
        self, waiting, learner, learner_client, other_course, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            learner_client.post(confirm_url(waiting), {"name": learner.full_name})
            complete_course(learner, other_course)

        second = certificates_of(learner, other_course).get()
        assert second.status == Certificate.Status.READY
        assert second.name == learner.full_name
        assert learner.full_name in pdf_text(pdf_bytes(second))
        assert len(mail.outbox) == 2


class TestRenderingCost:
    """A worker renders thousands of certificates in a row: each costs a fixed, small number
    of statements, whatever the template carries."""

    @pytest.mark.parametrize("with_images", [False, True], ids=["plain", "logo and signature"])
    def test_a_render_is_a_locked_read_an_update_and_an_insert(
        self,
        learner,
        certificate_template,
        certified_course,
        django_assert_num_queries,
        django_capture_on_commit_callbacks,
        with_images,
    ):
        from tests.certificates.factories import CertificateFactory
        from tests.factories import ImageFactory

        if with_images:
            certificate_template.logo = ImageFactory(file__color="navy")
            certificate_template.signature = ImageFactory(file__color="black")
            certificate_template.save()
        certificate = CertificateFactory(
            user=learner, course=certified_course.course, template=certificate_template
        )

        with django_capture_on_commit_callbacks(execute=True):
            with django_assert_num_queries(
                2  # SAVEPOINT and RELEASE: render's transaction, inside the test's
                + 1  # the certificate, locked, with its template, their images and the learner
                + 1  # UPDATE: the file, its SHA-256, ready, notified
                + 1  # INSERT the rendering (its SHA-256), unless the same one is recorded
            ):
                issuing.render(certificate.pk)

        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.READY
        assert certificate.pdf_sha256 == hashlib.sha256(pdf_bytes(certificate)).hexdigest()
        assert list(certificate.renderings.values_list("sha256", flat=True)) == [
            certificate.pdf_sha256
        ]
        assert certificate.notified_at is not None
        assert [message.to for message in mail.outbox] == [[learner.email]]
