"""Attempts: graded against the questions the learner started with, limited in number,
graded once, counted in course progress, joined to the account on login, shown with the
correct answers only when the quiz allows, and private to their taker."""

import re

import pytest
from django.test import Client

from courses.models import QuizAttempt, QuizPage
from courses.quizzes import engine
from tests.conftest import (
    attempt_url,
    complete,
    fi,
    quiz_answers,
    quiz_url,
    start_quiz,
    submit_quiz,
)
from tests.factories import (
    PASSWORD,
    QuizPageFactory,
    UserFactory,
    choice_question,
    graded_questions,
    quiz_uuid,
)

SINGLE = quiz_uuid("single")
ALL = {quiz_uuid(key) for key in ("single", "multiple", "truefalse", "ordering", "matching")}


def publish(quiz: QuizPage, **fields) -> QuizPage:
    """The editor changes the quiz and publishes a new revision."""
    page = QuizPage.objects.get(pk=quiz.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return QuizPage.objects.get(pk=quiz.pk)


def flipped_single_choice() -> dict:
    """The single-choice question with its second choice made the correct one."""
    return choice_question(
        "single",
        (
            ("Väestön ikääntyminen", False, "Palaute oikea valinta."),
            ("Kesän muotiväri", True, "Palaute muotiväri."),
            ("Huomisen pörssikurssi", False, "Palaute pörssikurssi."),
        ),
    )


def take(client, quiz, *, wrong=(), expect=302) -> QuizAttempt:
    """Starts an attempt and submits it, answering `wrong` questions wrong."""
    assert start_quiz(client, quiz).status_code == 302
    attempt = QuizAttempt.objects.get(quiz=quiz, submitted_at=None)
    assert submit_quiz(client, quiz, quiz_answers(attempt, wrong=wrong)).status_code == expect
    attempt.refresh_from_db()
    return attempt


def score_text(html: str) -> str:
    return re.search(r'class="result-summary__score">(.*?)</p>', html, re.S).group(1)


def verdicts(html: str) -> list[str]:
    """Each reviewed question's badge: done (right), in_progress (partly right), new (wrong)."""
    return re.findall(r'<h3 class="review__question">.*?class="badge badge--(\w+)"', html, re.S)


class TestEditsAfterStarting:
    """A learner starts the quiz. The editor then makes the second choice of the
    single-choice question the correct one, deletes the true/false question and publishes.
    The learner still sees, and is graded on, the questions they started with; their next
    attempt gets the new ones."""

    def test_the_open_attempt_keeps_its_questions(self, learner_client, quiz):
        start_quiz(learner_client, quiz)
        attempt = QuizAttempt.objects.get()
        assert attempt.revision_id == quiz.live_revision_id
        answers = quiz_answers(attempt)
        assert answers[engine.field_name(SINGLE)] == quiz_uuid("single", 0)

        questions = graded_questions()
        questions[0] = flipped_single_choice()
        del questions[2]  # the true/false question
        edited = publish(quiz, questions=questions)
        assert edited.live_revision_id != attempt.revision_id

        page = learner_client.get(quiz.url).content.decode()
        assert f'id="question-{quiz_uuid("truefalse")}"' in page

        response = submit_quiz(learner_client, quiz, answers)
        assert response.status_code == 302
        attempt.refresh_from_db()
        assert attempt.score == 100
        assert attempt.passed
        assert [row["correct"] for row in attempt.results] == [True] * 5

        start_quiz(learner_client, quiz)
        second = QuizAttempt.objects.get(submitted_at=None)
        assert [spec["id"] for spec in second.drawn] == [
            SINGLE,
            quiz_uuid("multiple"),
            quiz_uuid("ordering"),
            quiz_uuid("matching"),
        ]
        assert quiz_answers(second)[engine.field_name(SINGLE)] == quiz_uuid("single", 1)


class TestStoredResult:
    """A learner submits; the editor later changes the quiz. The score and the marks on the
    result page stay as they were graded."""

    def test_changing_the_correct_answer_changes_no_score(self, learner_client, quiz):
        attempt = take(learner_client, quiz, wrong={SINGLE})
        assert (attempt.score, attempt.passed) == (80, True)
        result = learner_client.get(attempt_url(attempt)).content.decode()
        assert verdicts(result) == ["new", "done", "done", "done", "done"]

        questions = graded_questions()
        questions[0] = flipped_single_choice()  # the learner's wrong pick is now correct
        publish(quiz, questions=questions, pass_mark=90)

        attempt.refresh_from_db()
        assert (attempt.score, attempt.passed) == (80, True)
        result = learner_client.get(attempt_url(attempt)).content.decode()
        assert "80 %" in score_text(result)
        assert verdicts(result) == ["new", "done", "done", "done", "done"]
        quiz_page = learner_client.get(quiz.url).content.decode()
        assert re.search(r"80 %\s*</a>", quiz_page)

    def test_changing_the_scoring_changes_no_mark_on_the_result_page(self, learner_client, quiz):
        assert start_quiz(learner_client, quiz).status_code == 302
        attempt = QuizAttempt.objects.get()
        data = quiz_answers(attempt)
        data[engine.field_name(quiz_uuid("multiple"))] = [quiz_uuid("multiple", 0)]  # 1 of 2
        assert submit_quiz(learner_client, quiz, data).status_code == 302
        attempt.refresh_from_db()
        assert attempt.score == 90
        before = learner_client.get(attempt_url(attempt)).content.decode()
        assert verdicts(before) == ["done", "in_progress", "done", "done", "done"]

        publish(quiz, scoring=QuizPage.Scoring.ALL_OR_NOTHING)

        attempt.refresh_from_db()
        assert attempt.score == 90
        after = learner_client.get(attempt_url(attempt)).content.decode()
        assert "90 %" in score_text(after)
        # The page still adds up to the stored 90 %: question 2 was half right.
        assert verdicts(after) == verdicts(before)


class TestAttemptLimit:
    """A quiz allows two attempts. The learner fails twice; a third start is refused with a
    message and leaves no new attempt."""

    def test_a_third_start_is_refused(self, learner_client, learner, course):
        quiz = QuizPageFactory(parent=course.modules[0], max_attempts=2)
        for number in (1, 2):
            attempt = take(learner_client, quiz, wrong=ALL)
            assert (attempt.number, attempt.passed) == (number, False)

        response = start_quiz(learner_client, quiz)
        assert response.status_code == 400
        html = response.content.decode()
        assert fi("You have used all your attempts at this quiz.") in html
        assert QuizAttempt.objects.filter(user=learner).count() == 2

        page = learner_client.get(quiz.url).content.decode()
        assert fi("You have used all your attempts at this quiz.") in page
        assert quiz_url("quiz_start", quiz) not in page

    def test_an_anonymous_visitor_has_the_same_limit(self, client, course):
        quiz = QuizPageFactory(parent=course.modules[0], max_attempts=1)
        take(client, quiz, wrong=ALL)
        assert start_quiz(client, quiz).status_code == 400
        assert QuizAttempt.objects.count() == 1


def test_submitting_twice_gives_one_result(learner_client, quiz):
    """A double click, or the back button and a new answer: the first submission stands."""
    start_quiz(learner_client, quiz)
    attempt = QuizAttempt.objects.get()
    first = submit_quiz(learner_client, quiz, quiz_answers(attempt))
    assert first.status_code == 302
    assert first["Location"] == attempt_url(attempt)
    attempt.refresh_from_db()
    graded_at = attempt.submitted_at

    second = submit_quiz(learner_client, quiz, quiz_answers(attempt, wrong=ALL))
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    attempt.refresh_from_db()
    assert (attempt.score, attempt.passed, attempt.submitted_at) == (100, True, graded_at)
    assert QuizAttempt.objects.count() == 1


class TestPassingCompletesTheCourse:
    """A course has one lesson and a required quiz. The learner completes the lesson and
    fails the quiz: the course is not complete. They pass on the second attempt: the quiz
    counts as done and the course is complete, announced once; passing again announces
    nothing more."""

    def test_the_pass_completes_the_course_once(
        self,
        learner_client,
        build_course,
        completions_sent,
        django_capture_on_commit_callbacks,
    ):
        built = build_course(lessons=1, modules=1)
        quiz = QuizPageFactory(parent=built.modules[0])
        with django_capture_on_commit_callbacks(execute=True):
            complete(learner_client, built.lessons[0])
            take(learner_client, quiz, wrong=ALL)
        progress = learner_client.get(built.course.url).context["progress"]
        assert (progress.required_done, progress.required_total) == (1, 2)
        assert not progress.is_complete
        assert completions_sent == []

        with django_capture_on_commit_callbacks(execute=True):
            take(learner_client, quiz)
        progress = learner_client.get(built.course.url).context["progress"]
        assert progress.required_done == 2
        assert progress.is_complete
        assert len(completions_sent) == 1
        assert completions_sent[0]["course"].id == built.course.id

        with django_capture_on_commit_callbacks(execute=True):
            take(learner_client, quiz)
        assert len(completions_sent) == 1

    def test_a_quiz_that_is_not_required_does_not_hold_completion(
        self, learner_client, build_course
    ):
        built = build_course(lessons=1, modules=1)
        QuizPageFactory(parent=built.modules[0], required=False)
        complete(learner_client, built.lessons[0])
        assert learner_client.get(built.course.url).context["progress"].is_complete


class TestAnonymousAttemptsJoinTheAccount:
    """A learner failed the quiz once in their account. Later, not logged in, they pass it;
    when they log in the anonymous attempt becomes attempt 2 of the account and the course
    progress counts the pass."""

    def test_attempts_move_to_the_account_on_login(self, client, learner, course, quiz):
        client.force_login(learner)
        take(client, quiz, wrong=ALL)
        client.logout()

        client.get(quiz.url)
        anonymous = take(client, quiz)
        assert anonymous.user is None and anonymous.anonymous_token is not None
        assert anonymous.number == 1
        assert client.get(attempt_url(anonymous)).status_code == 200

        response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
        assert response.status_code == 302

        assert not QuizAttempt.objects.filter(user=None).exists()
        mine = list(QuizAttempt.objects.filter(user=learner).order_by("number"))
        assert [(a.number, a.score, a.passed) for a in mine] == [(1, 0, False), (2, 100, True)]
        assert mine[1].pk == anonymous.pk
        assert client.get(attempt_url(anonymous)).status_code == 200
        progress = client.get(course.course.url).context["progress"]
        assert quiz.id in progress.done


REVEAL_CASES = [
    # reveal rule, attempts allowed, pass or fail each attempt, answers shown after each
    ("never", 2, [False, True], [False, False]),
    ("never", 1, [False], [False]),
    ("after_pass", 3, [False, True], [False, True]),
    ("after_pass", 1, [False], [False]),  # the last attempt is used, but not passed
    ("after_last_attempt", 2, [False, False], [False, True]),
    ("after_last_attempt", 3, [True], [True]),
    ("after_last_attempt", 0, [False, False], [False, False]),  # unlimited: no last one
]


@pytest.mark.parametrize(("reveal", "max_attempts", "passes", "shown"), REVEAL_CASES)
def test_correct_answers_are_shown_only_as_the_quiz_allows(
    learner_client, course, reveal, max_attempts, passes, shown
):
    quiz = QuizPageFactory(
        parent=course.modules[0], reveal_answers=reveal, max_attempts=max_attempts
    )
    for passed, answers_shown in zip(passes, shown, strict=True):
        attempt = take(learner_client, quiz, wrong=set() if passed else ALL)
        assert attempt.passed is passed
        html = learner_client.get(attempt_url(attempt)).content.decode()
        assert ("is-correct" in html) is answers_shown
        assert (fi("Correct order:") in html) is answers_shown
        # Each wrong match names its correct partner only when answers are shown.
        names_partner = f"</strong>; {fi('correct answer')}: " in html
        assert names_partner is (answers_shown and not passed)


class TestResultsArePrivate:
    """A learner's result page is theirs: another learner, a visitor without an account and
    a visitor with attempts of their own all get a 404."""

    @pytest.fixture
    def attempt(self, learner_client, quiz):
        return take(learner_client, quiz)

    def test_another_learner_gets_404(self, attempt):
        other = Client()
        other.force_login(UserFactory())
        assert other.get(attempt_url(attempt)).status_code == 404

    def test_a_visitor_gets_404(self, attempt):
        assert Client().get(attempt_url(attempt)).status_code == 404

    def test_a_visitor_with_own_attempts_gets_404(self, attempt, quiz):
        visitor = Client()
        own = take(visitor, quiz)
        assert visitor.get(attempt_url(own)).status_code == 200
        assert visitor.get(attempt_url(attempt)).status_code == 404

    def test_an_unsubmitted_attempt_has_no_result_page(self, learner_client, quiz, attempt):
        start_quiz(learner_client, quiz)
        open_attempt = QuizAttempt.objects.get(submitted_at=None)
        assert learner_client.get(attempt_url(open_attempt)).status_code == 404
