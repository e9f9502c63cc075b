"""Export (issue 14, item 2): a ZIP of everything the registry finds of the learner, each
item in it and nobody else's, offered by a private link for a limited time."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import DataExport
from accounts.privacy import holdings
from accounts.tasks import remove_expired_exports
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def ask_for_export(client, django_capture_on_commit_callbacks) -> DataExport:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("data_export_request"))
    assert response.status_code == 302
    return DataExport.objects.order_by("-created_at").first()


def download(client, export) -> zipfile.ZipFile:
    response = client.get(reverse("data_export_download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "no-store" in response["Cache-Control"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def everything(archive: zipfile.ZipFile) -> bytes:
    return b"".join(archive.read(name) for name in archive.namelist())


class TestTheExport:
    def test_it_holds_every_kind_of_data_and_nobody_elses(
        self, client, people, django_capture_on_commit_callbacks
    ):
        a, b = people
        export = ask_for_export(client, django_capture_on_commit_callbacks)
        assert export.status == DataExport.Status.READY
        archive = download(client, export)
        names = set(archive.namelist())
        assert {"index.html", "schema.json"} <= names
        for holding in holdings():
            assert f"data/{holding.label}.json" in names

        def records(label):
            return json.loads(archive.read(f"data/{label}.json"))

        assert records("accounts.user") == [
            {
                "id": a.user.pk,
                "email": a.user.email,
                "full_name": "Aino Aalto",
                "preferred_language": "fi",
                "date_joined": a.user.date_joined.isoformat(),
                "last_login": a.user.last_login.isoformat() if a.user.last_login else None,
            }
        ]
        assert [row["email"] for row in records("account.emailaddress")] == [a.user.email]
        assert [row["text"] for row in records("courses.reflection")] == [a.reflection]
        assert len(records("courses.lessoncompletion")) == 1
        assert len(records("courses.enrolment")) == 1
        attempts = records("courses.quizattempt")
        assert len(attempts) == 1 and attempts[0]["answers"] and attempts[0]["score"]
        assert [row["type"] for row in records("mfa.authenticator")] == ["totp"]
        assert len(records("sessions.session")) >= 1
        assert "id" not in records("sessions.session")[0]  # never the session key
        [certificate] = records("certificates.certificate")
        assert certificate["code"] == a.certificate.code
        with a.certificate.pdf.open("rb") as stored:
            assert archive.read(certificate["pdf"]) == stored.read()
        assert [row["action"] for row in records("wagtailcore.modellogentry")] == ["wagtail.edit"]

        # Nothing of B's, and no secrets of A's.
        blob = everything(archive)
        for foreign in (b.user.email, b.reflection, b.certificate.code, "Bertta"):
            assert foreign.encode() not in blob
        assert a.user.password.encode() not in blob
        assert client.session.session_key.encode() not in blob

    def test_the_summary_speaks_the_learners_language_and_the_schema_describes_each_file(
        self, client, people, django_capture_on_commit_callbacks
    ):
        a, _ = people
        a.user.preferred_language = "en"
        a.user.save()
        archive = download(client, ask_for_export(client, django_capture_on_commit_callbacks))
        summary = archive.read("index.html").decode()
        assert '<html lang="en">' in summary
        assert "Your data" in summary and a.reflection in summary
        schema = json.loads(archive.read("schema.json"))
        assert schema["format"] == "foresight-course-data-export/1"
        assert set(schema["data"]) == {f"data/{h.label}.json" for h in holdings()}
        fields = schema["data"]["data/courses.reflection.json"]["fields"]
        assert set(fields) == {"lesson", "prompt_id", "text", "updated_at"}

        a.user.preferred_language = "fi"
        a.user.save()
        summary = download(client, ask_for_export(client, django_capture_on_commit_callbacks)).read(
            "index.html"
        )
        assert b'<html lang="fi">' in summary
        assert b"Tietosi" in summary

    def test_the_learner_is_emailed_the_link(
        self, client, people, django_capture_on_commit_callbacks
    ):
        a, _ = people
        mail.outbox.clear()
        export = ask_for_export(client, django_capture_on_commit_callbacks)
        [message] = mail.outbox
        assert message.to == [a.user.email]
        assert reverse("data_export_download", args=[export.pk]) in message.body


class TestTheLink:
    def test_somebody_else_anonymous_and_expired_get_404(
        self, client, people, django_capture_on_commit_callbacks
    ):
        a, b = people
        export = ask_for_export(client, django_capture_on_commit_callbacks)
        url = reverse("data_export_download", args=[export.pk])
        other = Client()
        other.force_login(b.user)
        assert other.get(url).status_code == 404
        assert Client().get(url).status_code == 404
        DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
        assert client.get(url).status_code == 404

    def test_expired_files_are_removed(self, client, people, django_capture_on_commit_callbacks):
        export = ask_for_export(client, django_capture_on_commit_callbacks)
        storage, name = export.file.storage, export.file.name
        assert storage.exists(name)
        assert remove_expired_exports.apply().get() == 0  # still in its window
        DataExport.objects.filter(pk=export.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
        assert remove_expired_exports.apply().get() == 1
        assert not storage.exists(name)
        assert not DataExport.objects.filter(pk=export.pk).exists()


class TestOneAtATime:
    def test_a_second_export_while_one_is_prepared_is_refused_clearly(self, client, people):
        a, _ = people
        DataExport.objects.create(user=a.user, language="fi")
        response = client.post(reverse("data_export_request"), follow=True)
        assert "valmisteilla" in response.content.decode()
        assert DataExport.objects.filter(user=a.user).count() == 1

    def test_the_database_holds_it(self, people):
        a, _ = people
        DataExport.objects.create(user=a.user, language="fi")
        with pytest.raises(IntegrityError), transaction.atomic():
            DataExport.objects.create(user=a.user, language="fi", status="running")

    def test_an_export_a_dead_worker_left_can_be_asked_for_again(self, people, settings):
        a, _ = people
        stuck = DataExport.objects.create(user=a.user, language="fi")
        DataExport.objects.filter(pk=stuck.pk).update(
            created_at=timezone.now() - timedelta(minutes=settings.DATA_EXPORT_STALE_MINUTES + 1)
        )
        remove_expired_exports.apply().get()
        stuck.refresh_from_db()
        assert stuck.status == DataExport.Status.FAILED
        DataExport.objects.create(user=a.user, language="fi")  # no longer refused


class TestSubjectAccessRequest:
    def test_staff_export_a_learners_data_from_the_admin(
        self, people, django_capture_on_commit_callbacks
    ):
        a, b = people
        staff = UserFactory(is_staff=True, is_superuser=True)
        admin = Client()
        admin.force_login(staff)
        url = reverse("accounts_data_export", args=[a.user.pk])
        assert admin.get(url).status_code == 200
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            assert admin.post(url).status_code == 302
        export = DataExport.objects.get(user=a.user, requested_by=staff)
        [message] = mail.outbox
        assert message.to == [staff.email]
        archive = download(admin, export)
        assert a.reflection.encode() in everything(archive)
        assert b.reflection.encode() not in everything(archive)
        # Another learner cannot open it, nor the admin page.
        other = Client()
        other.force_login(b.user)
        assert other.get(reverse("data_export_download", args=[export.pk])).status_code == 404
        assert other.get(url).status_code in (302, 403)
