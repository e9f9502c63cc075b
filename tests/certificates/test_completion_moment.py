"""The moment of completion (issue 12, finding 8): the final result page and the course page
congratulate and lead to the name confirmation, then to the certificate and its
verification link. One certificate per course whatever the language it was finished in."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from certificates.models import Certificate
from courses.learners import AccountLearner
from tests.certificates.conftest import as_seen, learner_url
from tests.conftest import complete, quiz_answers, start_quiz, submit_quiz
from tests.factories import QuizPageFactory, UserFactory

CONGRATULATIONS = "Congratulations, you have completed the course!"


def course_certificate_url(course) -> str:
    with translation.override("fi"):
        return reverse("course_certificate", kwargs={"course_id": course.id})


@pytest.fixture
def final_quiz(certified_course):
    """A required final quiz directly under the course, after its lessons."""
    return QuizPageFactory(parent=certified_course.course)


def pass_quiz(client, quiz):
    start_quiz(client, quiz)
    from courses.models import QuizAttempt

    attempt = QuizAttempt.objects.filter(submitted_at=None).get()
    return submit_quiz(client, quiz, quiz_answers(attempt))


class TestSignedIn:
    @pytest.fixture
    def learner(self, db):
        return UserFactory(full_name="")

    def test_passing_the_final_quiz_leads_to_name_then_certificate(
        self, client, learner, certified_course, final_quiz, django_capture_on_commit_callbacks
    ):
        client.force_login(learner)
        for lesson in certified_course.lessons:
            complete(client, lesson)
        with django_capture_on_commit_callbacks(execute=True):
            response = pass_quiz(client, final_quiz)
        result = client.get(response["Location"])
        page = result.content.decode()
        assert as_seen(CONGRATULATIONS) in page
        link = course_certificate_url(certified_course.course)
        assert f'href="{link}"' in page

        certificate = Certificate.objects.get(user=learner)
        to_name = client.get(link)
        assert to_name.status_code == 302
        assert to_name["Location"] == learner_url("certificate_confirm_name", certificate.code)

        with django_capture_on_commit_callbacks(execute=True):
            confirmed = client.post(to_name["Location"], {"name": "Aino Ahkera"})
        assert confirmed["Location"] == learner_url("certificate_detail", certificate.code)
        detail = client.get(confirmed["Location"]).content.decode()
        assert f"/verify/{certificate.code}/" in detail
        assert learner_url("certificate_pdf", certificate.code) in detail
        assert client.get(link)["Location"] == learner_url("certificate_detail", certificate.code)

    def test_the_completed_course_page_congratulates_and_links_the_certificate(
        self, client, learner, certified_course, django_capture_on_commit_callbacks
    ):
        client.force_login(learner)
        with django_capture_on_commit_callbacks(execute=True):
            for lesson in certified_course.lessons:
                complete(client, lesson)
        page = client.get(certified_course.course.url).content.decode()
        assert as_seen(CONGRATULATIONS) in page
        assert course_certificate_url(certified_course.course) in page

    def test_an_unfinished_course_page_does_not_congratulate(
        self, client, learner, certified_course
    ):
        client.force_login(learner)
        complete(client, certified_course.lessons[0])
        page = client.get(certified_course.course.url).content.decode()
        assert as_seen(CONGRATULATIONS) not in page
        assert client.get(course_certificate_url(certified_course.course)).status_code == 404

    def test_a_failed_final_quiz_does_not_congratulate(
        self, client, learner, certified_course, final_quiz
    ):
        from tests.courses.test_quiz_attempts import ALL, take

        client.force_login(learner)
        for lesson in certified_course.lessons:
            complete(client, lesson)
        attempt = take(client, final_quiz, wrong=ALL)
        page = client.get(reverse("quiz_attempt", kwargs={"attempt_id": attempt.pk}))
        assert as_seen(CONGRATULATIONS) not in page.content.decode()

    def test_someone_else_s_certificate_is_not_reachable(
        self, client, learner, certified_course, ready_certificate
    ):
        ready_certificate(UserFactory(full_name="Bertta Bergström"))
        client.force_login(learner)
        assert client.get(course_certificate_url(certified_course.course)).status_code == 404


def test_a_visitor_who_finished_is_asked_to_sign_up_for_the_certificate(client, certified_course):
    for lesson in certified_course.lessons:
        complete(client, lesson)
    page = client.get(certified_course.course.url).content.decode()
    assert as_seen(CONGRATULATIONS) in page
    link = course_certificate_url(certified_course.course)
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/signup/")
    assert "next=" in response["Location"]


def test_an_unknown_course_is_404(client, learner):
    client.force_login(learner)
    with translation.override("fi"):
        url = reverse("course_certificate", kwargs={"course_id": 987654})
    assert client.get(url).status_code == 404


def swedish_copies(certified_course) -> dict:
    """Every page of the course translated into Swedish and published, by Finnish id."""
    swedish = Locale.objects.get(language_code="sv")
    copies = {}
    for page in [certified_course.course, *certified_course.modules, *certified_course.lessons]:
        copy = page.copy_for_translation(swedish, copy_parents=True).specific
        for ancestor in copy.get_ancestors().specific():
            if not ancestor.live and ancestor.depth > 1:
                ancestor.save_revision().publish()
        copy.save_revision().publish()
        copies[page.id] = copy
    return copies


def finish_in_two_languages(user, certified_course, copies) -> None:
    course_sv = copies[certified_course.course.id]
    learner = AccountLearner(user)
    learner.complete(certified_course.lessons[0], certified_course.course.outline())
    learner.complete(copies[certified_course.lessons[1].id], course_sv.outline())
    for lesson in certified_course.lessons:
        learner.complete(lesson, certified_course.course.outline())


def test_finishing_in_two_languages_gives_one_certificate(
    certified_course, certificate_template, django_capture_on_commit_callbacks
):
    user = UserFactory(full_name="Aino Ahkera")
    copies = swedish_copies(certified_course)
    course_sv = copies[certified_course.course.id]
    swedish_template = certificate_template.copy_for_translation(
        Locale.objects.get(language_code="sv")
    )
    swedish_template.heading = "Intyg"
    swedish_template.save()
    with django_capture_on_commit_callbacks(execute=True):
        finish_in_two_languages(user, certified_course, copies)
    certificates = list(Certificate.objects.filter(user=user))
    assert len(certificates) == 1
    assert certificates[0].language == "sv"
    assert certificates[0].course_title == course_sv.title
    assert certificates[0].template == swedish_template


def test_without_a_swedish_template_the_certificate_is_wholly_finnish(
    certified_course, certificate_template, django_capture_on_commit_callbacks
):
    """Finished in Swedish, but the course's template has no Swedish translation: the
    certificate is printed in Finnish throughout, never half in each."""
    user = UserFactory(full_name="Aino Ahkera")
    copies = swedish_copies(certified_course)
    with django_capture_on_commit_callbacks(execute=True):
        finish_in_two_languages(user, certified_course, copies)
    [certificate] = Certificate.objects.filter(user=user)
    assert certificate.course.locale.language_code == "sv"
    assert certificate.language == "fi"
    assert certificate.template == certificate_template
    assert certificate.course_title == certified_course.course.title
    assert certificate.course_length == "2,5 h"
