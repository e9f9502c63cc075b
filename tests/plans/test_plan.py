"""The learner's foresight plan (issue 15, item 4): steps saved as they go, for visitors in
the session and merged on log-in, prefilled from the reflections that feed them, bad input
saving nothing, and a PDF and an .ics of the learner's own words."""

from __future__ import annotations

import io

import pytest
import vobject
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from courses.models import Reflection
from plans.models import ForesightPlan
from plans.store import SESSION_KEY
from tests.conftest import fi
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LONG_WORDS = "Ennakointi " * 120
NON_LATIN = "Будущее 未来 مستقبل भविष्य"

STEP_DATA = {
    "firm": {"firm": f"Pieni kahvila Kotkassa. {LONG_WORDS}"},
    "pestel": {"economic": "Energian hinta nousee.", "social": NON_LATIN},
    "signals": {"signal_1": "Kyläkauppojen paluu", "why_1": "Paikallisuus kasvaa."},
    "wheel": {
        "change": "Etätyö yleistyy",
        "effect_1": "Vähemmän lounasasiakkaita",
        "effect_1_1": "Uusi aamiaistuote",
        "effect_2": "Enemmän iltakävijöitä",
    },
    "scenarios": {
        "x": "Energian hinta",
        "x_low": "halpa",
        "x_high": "kallis",
        "y": "Matkailu",
        "y_low": "hiipuu",
        "y_high": "kukoistaa",
        "high_high": "Kallis kukoistus",
        "low_high": "Halpa kukoistus",
        "low_low": "Hiljainen satama",
        "high_low": "Ahdas aika",
    },
    "roadmap": {
        "action_1": "Testaa aamiaista",
        "when_1": "2027-02-01",
        "who_1": "Aino",
        "action_2": "Kysy asiakkailta",
        "when_2": "2027-03-15",
        "action_3": "Uusi hinnasto",
        "when_3": "2027-05-01",
    },
}


def url(name: str, course, key: str | None = None) -> str:
    with translation.override("fi"):
        kwargs = {"course_id": course.id} | ({"key": key} if key else {})
        return reverse(name, kwargs=kwargs)


def fill_all(client, course) -> None:
    for key, data in STEP_DATA.items():
        response = client.post(url("plan_step", course, key), data)
        assert response.status_code == 302, (key, response.content.decode()[:2000])


def test_a_learner_writes_the_plan_and_downloads_it(learner_client, learner, course):
    fill_all(learner_client, course.course)
    plan = ForesightPlan.objects.get(user=learner)
    assert plan.answers["roadmap"]["when_1"] == "2027-02-01"
    overview = learner_client.get(url("plan", course.course)).content.decode()
    assert url("plan_pdf", course.course) in overview
    response = learner_client.get(url("plan_pdf", course.course))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 3
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for words in (
        "Pieni kahvila Kotkassa",
        "Energian hinta nousee",
        "Kyläkauppojen paluu",
        "Etätyö yleistyy",
        "Uusi aamiaistuote",
        "Kallis kukoistus",
        "Hiljainen satama",
        "Testaa aamiaista",
        "Будущее",
    ):
        assert words in text, (words, text[text.find("Etätyö") - 300 : text.find("Etätyö") + 300])
    calendar = vobject.readOne(learner_client.get(url("plan_ical", course.course)).content.decode())
    assert sorted(event.summary.value for event in calendar.vevent_list) == [
        "Kysy asiakkailta",
        "Testaa aamiaista",
        "Uusi hinnasto",
    ]


def test_a_read_never_writes(client, course):
    client.get(url("plan_step", course.course, "firm"))
    client.get(url("plan", course.course))
    assert SESSION_KEY not in client.session


def test_a_visitors_plan_joins_the_account_on_log_in(client, course):
    client.post(url("plan_step", course.course, "firm"), STEP_DATA["firm"])
    assert client.session[SESSION_KEY]
    user = UserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    plan = ForesightPlan.objects.get(user=user)
    assert plan.answers["firm"]["firm"].startswith("Pieni kahvila")
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("key", "data", "message"),
    [
        ("firm", {"firm": "x" * 100_000}, None),
        ("firm", {"firm": ""}, "This field is required."),
        ("roadmap", {**STEP_DATA["roadmap"], "when_1": "9999-01-01"}, None),
        ("roadmap", {**STEP_DATA["roadmap"], "when_2": "ei päivä"}, None),
        ("roadmap", {"action_1": "Vain yksi", "when_1": "2027-01-01"}, None),
        ("pestel", {}, "Write at least one change."),
    ],
    ids=["huge", "empty", "year-9999", "not-a-date", "too-few-actions", "no-pestel"],
)
def test_bad_input_saves_nothing(learner_client, learner, course, key, data, message):
    response = learner_client.post(url("plan_step", course.course, key), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    if message:
        assert fi(message) in html
    assert not ForesightPlan.objects.filter(user=learner).exists()


def test_unknown_steps_and_courses_are_404(learner_client, course):
    assert learner_client.get(url("plan_step", course.course, "nonsense")).status_code == 404
    with translation.override("fi"):
        missing = reverse("plan", kwargs={"course_id": 999_999})
    assert learner_client.get(missing).status_code == 404
    assert learner_client.get(url("plan_pdf", course.course)).status_code == 404  # no plan yet


def test_a_reflection_marked_for_a_step_prefills_it(learner_client, learner, build_course):
    from tests.factories import LessonPageFactory, lesson_body

    built = build_course(lessons=1, modules=1)
    body = lesson_body()
    for block in body:
        if block["type"] == "reflection":
            block["value"]["plan_step"] = "firm"
    lesson = LessonPageFactory(parent=built.modules[0], body=body)
    prompt = lesson.reflection_prompts[0]
    Reflection.objects.create(
        user=learner, lesson=lesson, prompt_id=prompt.id, text="Oma kahvila, kolme työntekijää."
    )
    html = learner_client.get(url("plan_step", built.course, "firm")).content.decode()
    assert html.count("Oma kahvila, kolme työntekijää.") == 2  # shown, and in the field


def test_somebody_elses_plan_is_never_shown(course):
    owner = UserFactory()
    ForesightPlan.objects.create(user=owner, course=course.course, answers=STEP_DATA)
    other = Client()
    other.force_login(UserFactory())
    assert other.get(url("plan_pdf", course.course)).status_code == 404
    assert (
        "Pieni kahvila" not in other.get(url("plan_step", course.course, "firm")).content.decode()
    )


class TestRequiredForTheCertificate:
    """Where an editor makes the plan required, finishing every lesson and quiz is not yet
    completion: the finished plan is, for accounts and for visitors who then sign up."""

    @pytest.fixture
    def required(self, course):
        course.course.plan_required = True
        course.course.save()
        return course

    def finish_lessons(self, client, built):
        from tests.conftest import complete

        for lesson in built.lessons:
            complete(client, lesson)

    def test_an_account_completes_with_the_plan(
        self,
        learner_client,
        learner,
        required,
        completions_sent,
        django_capture_on_commit_callbacks,
    ):
        from courses.models import Enrolment

        with django_capture_on_commit_callbacks(execute=True):
            self.finish_lessons(learner_client, required)
        enrolment = Enrolment.objects.get(user=learner)
        assert enrolment.completed_at is None and completions_sent == []
        dashboard = learner_client.get(reverse("dashboard")).content.decode()
        assert url("plan", required.course) in dashboard
        with django_capture_on_commit_callbacks(execute=True):
            fill_all(learner_client, required.course)
        enrolment.refresh_from_db()
        assert enrolment.plan_done_at and enrolment.completed_at
        assert [sent["user"] for sent in completions_sent] == [learner]

    def test_a_visitor_finishes_then_signs_in_and_completes(
        self, client, required, completions_sent, django_capture_on_commit_callbacks
    ):
        from courses.models import Enrolment

        self.finish_lessons(client, required)
        fill_all(client, required.course)
        user = UserFactory()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        enrolment = Enrolment.objects.get(user=user)
        assert enrolment.plan_done_at and enrolment.completed_at
        assert [sent["user"] for sent in completions_sent] == [user]

    def test_a_course_that_does_not_require_it_completes_without(
        self, learner_client, learner, course, django_capture_on_commit_callbacks
    ):
        from courses.models import Enrolment

        with django_capture_on_commit_callbacks(execute=True):
            self.finish_lessons(learner_client, course)
        assert Enrolment.objects.get(user=learner).completed_at is not None
