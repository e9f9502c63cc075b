"""Deletion (issue 14, item 3): after the password and the second factor, everything of the
learner is erased, files included; their certificates stay verifiable without an account,
or say "withdrawn by the holder"; the admin's log keeps the action without the name; staff
deleting in the admin go the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from accounts import erasure
from accounts.models import AccountDeletion, DataExport, User
from accounts.privacy import REGISTRY, Choice, holdings
from accounts.tasks import remove_unconfirmed_signups
from certificates.models import Certificate
from courses.models import Reflection
from tests.factories import PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.django_db


def delete_me(client, callbacks, *, certificates="keep", password=PASSWORD, code=None):
    data = {"certificates": certificates, "password": password}
    if code is not None:
        data["code"] = code
    with callbacks(execute=True):
        return client.post(reverse("account_delete"), data)


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def nothing_left_of(pk: int) -> list[str]:
    """Every registered holding asked for the rows of the account `pk`: what it finds."""
    ghost = User(pk=pk)
    return [
        f"{holding.label}: {holding.rows(ghost).count()}"
        for holding in holdings()
        if holding.rows(ghost).exists()
    ]


def verify_json(code: str) -> dict:
    response = Client().get(reverse("verify_json", args=[code]))
    assert response.status_code == 200
    return response.json()


class TestBadInputChangesNothing:
    @pytest.mark.parametrize(
        "fields",
        [
            {"password": "wrong-password"},
            {"code": "000000"},
            {"code": ""},
            {"certificates": ""},
            {"certificates": "burn"},
        ],
        ids=["password", "code", "no-code", "no-choice", "bad-choice"],
    )
    def test_a_wrong_password_code_or_choice(
        self, client, people, django_capture_on_commit_callbacks, fields
    ):
        a, _ = people
        data = {"certificates": "keep", "password": PASSWORD, "code": totp_code(), **fields}
        response = delete_me(client, django_capture_on_commit_callbacks, **data)
        assert response.status_code == 400
        assert 'class="field-error"' in response.content.decode()
        a.user.refresh_from_db()
        assert a.user.is_active
        assert not AccountDeletion.objects.exists()
        assert Reflection.objects.filter(user=a.user).exists()
        assert client.get(reverse("profile")).status_code == 200  # still logged in

    def test_a_second_request_while_one_runs_is_refused_clearly(
        self, client, people, django_capture_on_commit_callbacks
    ):
        a, _ = people
        AccountDeletion.objects.create(user=a.user, certificates="keep")
        response = delete_me(client, django_capture_on_commit_callbacks, code=totp_code())
        assert response.status_code == 400
        assert "poistetaan jo" in response.content.decode()
        assert AccountDeletion.objects.count() == 1
        with pytest.raises(erasure.DeletionUnderway):
            erasure.request(a.user, Choice.KEEP)

    def test_the_database_allows_one_deletion_per_account(self, people):
        a, _ = people
        AccountDeletion.objects.create(user=a.user, certificates="keep")
        with pytest.raises(IntegrityError), transaction.atomic():
            AccountDeletion.objects.create(user=a.user, certificates="withdraw")

    def test_no_deletion_skips_the_certificates_choice(self, people):
        a, _ = people
        with pytest.raises(ProtectedError), transaction.atomic():
            a.user.delete()


class TestDeletingOnesAccount:
    def test_keep_verifiable(self, client, people, django_capture_on_commit_callbacks, tmp_path):
        a, b = people
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("data_export_request"))
        assert files_under(tmp_path / "exports")
        pk, code, email = a.user.pk, a.certificate.code, a.user.email
        mail.outbox.clear()
        response = delete_me(client, django_capture_on_commit_callbacks, code=totp_code())
        assert response.status_code == 302
        assert response["Location"] == reverse("account_deleted") + "?certificates=keep"

        assert not User.objects.filter(pk=pk).exists()
        assert nothing_left_of(pk) == []
        # No file of A's is left: the certificate PDF and the export are gone, B's stays.
        assert files_under(tmp_path / "exports") == []
        assert [path.name for path in files_under(tmp_path / "private")] == [
            Path(b.certificate.pdf.name).name
        ]
        # The certificate still verifies, with the printed name and no account behind it.
        certificate = Certificate.objects.get(code=code)
        assert certificate.user_id is None and not certificate.pdf
        data = verify_json(code)
        assert data["status"] == "valid" and data["name"] == "Aino Aalto"
        assert data["pdf_sha256"] == a.certificate.pdf_sha256
        page = Client().get(reverse("verify", args=[code])).content.decode()
        assert "Aino Aalto" in page
        # The last email says so.
        [goodbye] = mail.outbox
        assert goodbye.to == [email]
        # Logged out; the account cannot log in.
        assert client.get(reverse("profile")).status_code == 302
        assert not Client().login(email=email, password=PASSWORD)
        # B is untouched.
        assert Reflection.objects.filter(user=b.user).exists()
        assert verify_json(b.certificate.code)["name"] == "Bertta Bee"

    def test_withdraw(self, client, people, django_capture_on_commit_callbacks, tmp_path):
        a, _ = people
        pk, code = a.user.pk, a.certificate.code
        response = delete_me(
            client, django_capture_on_commit_callbacks, certificates="withdraw", code=totp_code()
        )
        assert response.status_code == 302
        assert nothing_left_of(pk) == []
        data = verify_json(code)
        assert data["status"] == "withdrawn" and data["withdrawn_by"] == "holder"
        assert data["withdrawn_at"] and data["name"] == ""
        response = Client().get(reverse("verify", args=[code]))
        assert response.status_code == 200
        page = response.content.decode()
        assert "Aino" not in page
        assert "Todistuksen haltija on peruuttanut" in page or "Haltija peruutti" in page

    def test_the_log_keeps_the_action_but_not_the_name(
        self, client, people, django_capture_on_commit_callbacks
    ):
        a, _ = people
        pk = a.user.pk
        user_type = ContentType.objects.get_for_model(User)
        assert ModelLogEntry.objects.filter(content_type=user_type, object_id=str(pk)).exists()
        delete_me(client, django_capture_on_commit_callbacks, code=totp_code())
        about = ModelLogEntry.objects.filter(content_type=user_type, object_id=str(pk))
        assert {entry.action for entry in about} == {"wagtail.edit", "wagtail.delete"}
        for entry in ModelLogEntry.objects.all():
            assert "Aino" not in entry.label and "Aino" not in str(entry.data)
            assert entry.user_id != pk
        # Certificate entries keep the code, lose the name.
        assert all(
            "Aino" not in entry.label for entry in ModelLogEntry.objects.filter(label__contains="-")
        )

    def test_a_learner_without_a_second_factor_or_certificates(
        self, django_capture_on_commit_callbacks
    ):
        user = UserFactory()
        client = Client()
        client.force_login(user)
        form = client.get(reverse("account_delete")).content.decode()
        assert 'name="code"' not in form and 'name="certificates"' not in form
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("account_delete"), {"password": PASSWORD})
        assert response.status_code == 302
        assert not User.objects.filter(pk=user.pk).exists()


class TestStaffDeletingInTheAdmin:
    @pytest.fixture
    def admin(self):
        staff = UserFactory(is_staff=True, is_superuser=True)
        client = Client()
        client.force_login(staff)
        return client

    def test_the_same_path_and_choice(self, admin, people, django_capture_on_commit_callbacks):
        a, _ = people
        url = reverse("wagtailusers_users:delete", args=[a.user.pk])
        page = admin.get(url).content.decode()
        assert 'name="certificates"' in page
        with django_capture_on_commit_callbacks(execute=True):
            response = admin.post(url, {})
        assert response.status_code == 200  # the choice is required
        assert User.objects.filter(pk=a.user.pk).exists()
        with django_capture_on_commit_callbacks(execute=True):
            response = admin.post(url, {"certificates": "withdraw"})
        assert response.status_code == 302
        assert nothing_left_of(a.user.pk) == []
        assert verify_json(a.certificate.code)["status"] == "withdrawn"

    def test_bulk_deletion_too(self, admin, people, django_capture_on_commit_callbacks):
        a, b = people
        url = (
            reverse(
                "wagtail_bulk_action",
                args=["accounts", "user", "delete"],
            )
            + f"?id={a.user.pk}&id={b.user.pk}"
        )
        with django_capture_on_commit_callbacks(execute=True):
            response = admin.post(url, {"certificates": "keep"})
        assert response.status_code == 302
        assert not User.objects.filter(pk__in=[a.user.pk, b.user.pk]).exists()
        assert verify_json(a.certificate.code)["name"] == "Aino Aalto"
        assert verify_json(b.certificate.code)["status"] == "valid"


class TestUnconfirmedSignups:
    def test_are_removed_after_their_time(self, settings, people):
        from datetime import timedelta

        from django.utils import timezone

        old = timezone.now() - timedelta(days=settings.UNCONFIRMED_SIGNUP_DAYS + 1)
        stale = UserFactory(verified=False)
        fresh = UserFactory(verified=False)
        confirmed_long_ago = UserFactory()
        User.objects.filter(pk__in=[stale.pk, confirmed_long_ago.pk]).update(date_joined=old)
        mail.outbox.clear()
        assert remove_unconfirmed_signups.apply().get() == 1
        assert not User.objects.filter(pk=stale.pk).exists()
        assert User.objects.filter(pk__in=[fresh.pk, confirmed_long_ago.pk]).count() == 2
        assert mail.outbox == []  # the address was never shown to be the person's
        assert DataExport.objects.count() == 0
        assert REGISTRY  # the registry drove it


def test_a_deleted_holders_certificate_cannot_be_reissued(
    client, people, django_capture_on_commit_callbacks
):
    from certificates import issuing

    a, _ = people
    delete_me(client, django_capture_on_commit_callbacks, code=totp_code())
    certificate = Certificate.objects.get(code=a.certificate.code)
    with pytest.raises(issuing.HolderGone):
        issuing.reissue(certificate, "Joku Muu")
    assert Certificate.objects.filter(course=certificate.course, user=None).count() == 1


def test_a_passkey_only_learner_confirms_with_the_passkey_first(
    django_capture_on_commit_callbacks,
):
    """A passkey cannot be typed into the form: the learner whose second factor is a passkey
    re-authenticates with it (allauth's passkey page), and only then may delete."""
    import time

    from allauth.account.internal.flows import login as allauth_login

    from tests.security.conftest import _passkey

    user = UserFactory()
    passkey = _passkey(user)
    client = Client()
    client.force_login(user)
    form = client.get(reverse("account_delete")).content.decode()
    assert reverse("mfa_reauthenticate_webauthn") in form and 'name="code"' not in form
    with django_capture_on_commit_callbacks(execute=True):
        refused = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert refused.status_code == 400
    assert User.objects.filter(pk=user.pk, is_active=True).exists()

    session = client.session
    session[allauth_login.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {
            "method": "mfa",
            "type": "webauthn",
            "id": passkey.pk,
            "reauthenticated": True,
            "at": time.time(),
        }
    ]
    session[allauth_login._AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()
    with django_capture_on_commit_callbacks(execute=True):
        accepted = client.post(reverse("account_delete"), {"password": PASSWORD})
    assert accepted.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
