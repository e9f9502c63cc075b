"""Item analysis figures on a known data set, and the admin report that shows them."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission

from courses.quizzes import item_analysis
from tests.factories import UserFactory

SINGLE = {
    "type": "single_choice",
    "id": "q1",
    "value": {
        "prompt": "<p>Which is a <b>megatrend</b>?</p>",
        "choices": [
            {"type": "item", "id": "a", "value": {"text": "Ageing", "correct": True}},
            {"type": "item", "id": "b", "value": {"text": "A fad", "correct": False}},
            {"type": "item", "id": "c", "value": {"text": "A rumour", "correct": False}},
        ],
    },
}
MULTIPLE = {
    "type": "multiple_choice",
    "id": "q2",
    "value": {
        "prompt": "<p>PESTEL letters?</p>",
        "choices": [
            {"type": "item", "id": "p", "value": {"text": "Political", "correct": True}},
            {"type": "item", "id": "e", "value": {"text": "Economic", "correct": True}},
            {"type": "item", "id": "x", "value": {"text": "Xenial", "correct": False}},
        ],
    },
}
ORDERING = {"type": "ordering", "id": "q3", "value": {"prompt": "<p>Order</p>", "items": []}}


def attempt(score, passed, answers, results):
    return SimpleNamespace(
        score=score,
        passed=passed,
        answers=answers,
        results=[{"id": qid, "correct": ok, "credit": credit} for qid, ok, credit in results],
        question_data=[SINGLE, MULTIPLE, ORDERING],
    )


# Four attempts: q1 right 3 of 4 (a, a, a, b); q2 right 1 of 4 with partial credit;
# q3 right 2 of 4.
ATTEMPTS = [
    attempt(
        100,
        True,
        {"q1": "a", "q2": ["e", "p"]},
        [("q1", True, 1), ("q2", True, 1), ("q3", True, 1)],
    ),
    attempt(
        50, False, {"q1": "a", "q2": ["p"]}, [("q1", True, 1), ("q2", False, 0.5), ("q3", False, 0)]
    ),
    attempt(
        50,
        False,
        {"q1": "a", "q2": ["p", "x"]},
        [("q1", True, 1), ("q2", False, 0), ("q3", False, 0.5)],
    ),
    attempt(
        25, False, {"q1": "b", "q2": ["x"]}, [("q1", False, 0), ("q2", False, 0), ("q3", True, 1)]
    ),
]


def test_summary_and_per_question_figures():
    summary, questions = item_analysis.analyse(ATTEMPTS, ["q1", "q2", "q3"])
    assert (summary.attempts, summary.passed, summary.pass_rate) == (4, 1, 25.0)
    assert summary.mean_score == 56.2  # (100 + 50 + 50 + 25) / 4 = 56.25, one decimal
    by_id = {question.question_id: question for question in questions}
    assert [q.question_id for q in questions] == ["q1", "q2", "q3"]
    assert by_id["q1"].text == "Which is a megatrend?"
    assert by_id["q1"].share_correct == 75.0
    assert by_id["q2"].share_correct == 25.0
    assert by_id["q2"].mean_credit == 37.5  # (1 + 0.5 + 0 + 0) / 4
    assert by_id["q3"].share_correct == 50.0
    assert by_id["q1"].chosen == {"a": 3, "b": 1}
    assert by_id["q2"].chosen == {"e": 1, "p": 3, "x": 2}


def test_rows_give_the_choice_distribution():
    _summary, questions = item_analysis.analyse(ATTEMPTS, ["q1", "q2", "q3"])
    rows = item_analysis.rows(questions)
    q1 = [row for row in rows if row["number"] == 1]
    assert [(r["choice"], r["chosen"], r["share_chosen"]) for r in q1] == [
        ("Ageing", 3, 75.0),
        ("A fad", 1, 25.0),
        ("A rumour", 0, 0.0),
    ]
    assert [bool(r["correct_choice"]) for r in q1] == [True, False, False]
    q3 = [row for row in rows if row["number"] == 3]
    assert len(q3) == 1 and q3[0]["choice"] == "" and q3[0]["share_correct"] == 50.0


def test_questions_removed_from_the_quiz_come_last():
    _summary, questions = item_analysis.analyse(ATTEMPTS, ["q3", "q1"])
    assert [q.question_id for q in questions] == ["q3", "q1", "q2"]


@pytest.mark.django_db
class TestQuizReportInTheAdmin:
    """A course manager with the permission to view quiz attempts opens the quiz results
    report, downloads it as CSV; a learner without it is refused."""

    def test_manager_sees_and_exports_the_report(self, client):
        manager = UserFactory(is_staff=True)
        manager.user_permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_quizattempt"),
        )
        client.force_login(manager)
        response = client.get("/admin/reports/quizzes/")
        assert response.status_code == 200
        csv = client.get("/admin/reports/quizzes/?export=csv")
        assert csv.status_code == 200
        assert b"".join(csv.streaming_content).decode().splitlines()[0].count(",") == 3

    def test_staff_without_the_permission_is_refused(self, client):
        editor = UserFactory(is_staff=True)
        editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(editor)
        response = client.get("/admin/reports/quizzes/")
        # Wagtail answers a permission error with a redirect to the dashboard and a message.
        assert (response.status_code, response.url) == (302, "/admin/")
        assert client.get("/admin/reports/quizzes/?export=csv").status_code == 302
