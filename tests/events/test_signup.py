"""Sign-up (issue 15, item 3): seats held by the database, the waiting list, visitors
confirmed by a link, the emails with the .ics, and bad input that saves nothing."""

from __future__ import annotations

import datetime
import threading

import pytest
import vobject
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from events import signup
from events.models import Registration
from events.tasks import send_reminders
from tests.conftest import fi
from tests.events.factories import EventPageFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status


def signup_url(event) -> str:
    with translation.override("fi"):
        return reverse("event_signup", args=[event.id])


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def eager(settings):
    from cms.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


class TestPlaces:
    def test_places_then_the_waiting_list_then_promotion(self, django_capture_on_commit_callbacks):
        event = EventPageFactory(capacity=2)
        people = [UserFactory() for _ in range(4)]
        with django_capture_on_commit_callbacks(execute=True):
            registrations = [signup.sign_up(event, user=person, language="fi") for person in people]
        assert [r.status for r in registrations] == [
            Status.CONFIRMED,
            Status.CONFIRMED,
            Status.WAITING,
            Status.WAITING,
        ]
        assert sorted(r.seat for r in registrations[:2]) == [1, 2]
        assert event.places_left() == 0
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            signup.cancel(registrations[0])
        third = Registration.objects.get(pk=registrations[2].pk)
        assert third.status == Status.CONFIRMED and third.seat == 1
        assert Registration.objects.get(pk=registrations[3].pk).status == Status.WAITING
        promoted = [m for m in mail.outbox if people[2].email in m.to]
        assert promoted and promoted[0].attachments  # the .ics for the new place

    def test_the_database_refuses_two_people_on_one_seat(self):
        event = EventPageFactory(capacity=5)
        first, second = UserFactory(), UserFactory()
        Registration.objects.create(
            event=event,
            user=first,
            name="A",
            email=first.email,
            language="fi",
            status=Status.CONFIRMED,
            seat=1,
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            Registration.objects.create(
                event=event,
                user=second,
                name="B",
                email=second.email,
                language="fi",
                status=Status.CONFIRMED,
                seat=1,
            )

    def test_a_larger_capacity_seats_the_line_when_published(
        self, django_capture_on_commit_callbacks
    ):
        event = EventPageFactory(capacity=1)
        with django_capture_on_commit_callbacks(execute=True):
            signup.sign_up(event, user=UserFactory(), language="fi")
            waiting = signup.sign_up(event, user=UserFactory(), language="fi")
        assert waiting.status == Status.WAITING
        event.capacity = 2
        with django_capture_on_commit_callbacks(execute=True):
            event.save_revision().publish()
        assert Registration.objects.get(pk=waiting.pk).status == Status.CONFIRMED

    def test_capacity_cannot_drop_below_the_places_taken(self):
        event = EventPageFactory(capacity=2)
        signup.sign_up(event, user=UserFactory(), language="fi")
        signup.sign_up(event, user=UserFactory(), language="fi")
        event.capacity = 1
        with pytest.raises(ValidationError) as error:
            event.full_clean()
        assert "capacity" in error.value.message_dict


@pytest.mark.services("postgresql")
@pytest.mark.django_db(transaction=True)
def test_twenty_parallel_sign_ups_never_overbook(wagtail_roots):
    """Twenty learners press "Sign up" at the same moment for the last five places."""
    event = EventPageFactory(capacity=5)
    people = [UserFactory() for _ in range(20)]
    barrier = threading.Barrier(len(people))
    errors = []

    def press(person):
        try:
            barrier.wait()
            signup.sign_up(event, user=person, language="fi")
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seated = Registration.objects.filter(event_key=event.translation_key, seat__isnull=False)
    assert seated.count() == 5
    assert sorted(seated.values_list("seat", flat=True)) == [1, 2, 3, 4, 5]
    assert Registration.objects.filter(status=Status.WAITING).count() == 15


class TestTheForm:
    def test_a_learner_signs_up_and_gets_the_ics_in_their_language(
        self, django_capture_on_commit_callbacks
    ):
        learner = UserFactory(preferred_language="fi")
        event = EventPageFactory()
        with django_capture_on_commit_callbacks(execute=True):
            response = logged_in(learner).post(signup_url(event))
        assert response.status_code == 302
        registration = Registration.objects.get(user=learner)
        assert registration.status == Status.CONFIRMED
        [message] = mail.outbox
        assert message.to == [learner.email]
        assert "Sinulla on paikka" in message.subject or event.title in message.subject
        name, content, mimetype = message.attachments[0]
        assert mimetype.startswith("text/calendar")
        text = content.decode() if isinstance(content, bytes) else content
        assert vobject.readOne(text).vevent.summary.value == event.title
        page = logged_in(learner).get(event.url).content.decode()
        assert reverse("event_registration", args=[registration.token]).split("/")[-2] in page

    def test_a_visitor_confirms_by_the_link_and_a_get_changes_nothing(
        self, client, django_capture_on_commit_callbacks
    ):
        event = EventPageFactory()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                signup_url(event), {"name": "Maija Meikäläinen", "email": "maija@example.com"}
            )
        assert response.status_code == 302
        registration = Registration.objects.get(email="maija@example.com")
        assert registration.status == Status.UNCONFIRMED and registration.seat is None
        [message] = mail.outbox
        link = reverse("event_registration", args=[registration.token])
        assert link in message.body
        client.get(link)
        registration.refresh_from_db()
        assert registration.status == Status.UNCONFIRMED
        with django_capture_on_commit_callbacks(execute=True):
            client.post(link, {"action": "confirm"})
        registration.refresh_from_db()
        assert registration.status == Status.CONFIRMED and registration.seat == 1
        with django_capture_on_commit_callbacks(execute=True):
            client.post(link, {"action": "cancel"})
        registration.refresh_from_db()
        assert registration.status == Status.CANCELLED and registration.seat is None

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"status": "cancelled"}, "The event has been cancelled."),
            ({"signup_deadline": "past"}, "Sign-up for this event has closed."),
        ],
    )
    def test_closed_or_cancelled_events_refuse_clearly(self, change, message):
        event = EventPageFactory()
        if change.get("signup_deadline") == "past":
            change = {"signup_deadline": timezone.now() - datetime.timedelta(minutes=1)}
        for field, value in change.items():
            setattr(event, field, value)
        event.save()
        response = logged_in(UserFactory()).post(signup_url(event), follow=True)
        assert fi(message) in response.content.decode()
        assert not Registration.objects.exists()

    def test_a_double_sign_up_is_refused_and_saves_nothing(self):
        learner = UserFactory()
        event = EventPageFactory()
        client = logged_in(learner)
        client.post(signup_url(event))
        response = client.post(signup_url(event), follow=True)
        assert fi("You have already signed up for this event.") in response.content.decode()
        assert Registration.objects.count() == 1

    @pytest.mark.parametrize(
        "data",
        [
            {"name": "", "email": "a@example.com"},
            {"name": "Maija", "email": "ei-osoite"},
            {"name": "x" * 100_000, "email": "a@example.com"},
            {"name": "12345", "email": "a@example.com"},
        ],
        ids=["no-name", "bad-email", "huge-name", "no-letters"],
    )
    def test_a_visitors_bad_input_gets_the_form_again(self, client, data):
        event = EventPageFactory()
        response = client.post(signup_url(event), data)
        assert response.status_code == 400
        assert 'class="field-error"' in response.content.decode()
        assert not Registration.objects.exists()

    def test_somebody_elses_or_a_made_up_registration_is_404(self, client):
        made_up = "00000000-0000-4000-8000-000000000000"
        with translation.override("fi"):
            url = reverse("event_registration", args=[made_up])
        assert client.get(url).status_code == 404


class TestEventValidation:
    @pytest.mark.parametrize(
        ("fields", "error_field"),
        [
            ({"end": "before"}, "end"),
            ({"capacity": 0}, "capacity"),
            ({"start": "year-9999"}, "start"),
        ],
    )
    def test_bad_event_fields_are_refused(self, fields, error_field):
        event = EventPageFactory.build(parent=None)
        if fields.get("end") == "before":
            event.end = event.start - datetime.timedelta(hours=1)
        if "capacity" in fields:
            event.capacity = fields["capacity"]
        if fields.get("start") == "year-9999":
            event.start = event.start.replace(year=9999)
            event.end = event.start + datetime.timedelta(hours=1)
        with pytest.raises(ValidationError) as error:
            event.full_clean(exclude=["path", "depth", "content_type", "translation_key", "locale"])
        assert error_field in error.value.message_dict


def test_the_day_before_reminder_goes_once(django_capture_on_commit_callbacks):
    event = EventPageFactory(start=timezone.now() + datetime.timedelta(hours=20))
    learner = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        signup.sign_up(event, user=learner, language="fi")
    mail.outbox.clear()
    assert send_reminders.apply().get() == 1
    assert send_reminders.apply().get() == 0
    [reminder] = mail.outbox
    assert reminder.to == [learner.email] and reminder.attachments


def test_staff_see_export_and_mark_attendance_and_nobody_adds_by_hand(
    django_capture_on_commit_callbacks,
):
    from django.contrib.auth.models import Group, Permission

    event = EventPageFactory()
    learner = UserFactory(full_name="Aino Osallistuja")
    with django_capture_on_commit_callbacks(execute=True):
        registration = signup.sign_up(event, user=learner, language="fi")
    organisers = Group.objects.create(name="Tapahtumajärjestäjät")
    organisers.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_registration", "change_registration"]
        )
    )
    organiser = UserFactory(is_staff=True)
    organiser.groups.add(organisers)
    client = logged_in(organiser)
    listing = reverse("wagtailsnippets_events_registration:list")
    assert "Aino Osallistuja" in client.get(listing, {"event": event.pk}).content.decode()
    csv = client.get(listing, {"event": event.pk, "export": "csv"})
    assert csv.status_code == 200 and b"Aino Osallistuja" in b"".join(csv.streaming_content)
    xlsx = client.get(listing, {"export": "xlsx"})
    assert xlsx.status_code == 200
    edit = reverse("wagtailsnippets_events_registration:edit", args=[registration.pk])
    response = client.post(edit, {"attended": "true"})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True and registration.status == Status.CONFIRMED
    assert client.get(reverse("wagtailsnippets_events_registration:add")).status_code in (
        302,
        403,
    )


def test_an_erased_accounts_place_goes_to_the_first_in_line(django_capture_on_commit_callbacks):
    from accounts import erasure
    from accounts.privacy import Choice

    event = EventPageFactory(capacity=1)
    leaving, waiting = UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        signup.sign_up(event, user=leaving, language="fi")
        signup.sign_up(event, user=waiting, language="fi")
    with django_capture_on_commit_callbacks(execute=True):
        deletion = erasure.request(leaving, Choice.WITHDRAW)
        erasure.erase(deletion.pk)
    promoted = Registration.objects.get(user=waiting)
    assert promoted.status == Status.CONFIRMED and promoted.seat == 1
