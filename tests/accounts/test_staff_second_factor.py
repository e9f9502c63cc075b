"""Staff sign in with a second factor: the admin stays closed until they have set one up,
and from then on allauth asks for a code at every sign-in. Learners may add one."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.factories import PASSWORD, TOTP_SECRET, UserFactory, totp_code


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("who", ["superuser", "editor", "non-staff with admin access"])
def test_the_admin_sends_staff_without_a_second_factor_to_set_one_up(db, client, who):
    if who == "superuser":
        user = UserFactory(is_staff=True, is_superuser=True, second_factor=False)
    elif who == "editor":
        user = UserFactory(is_staff=True, second_factor=False)
        user.groups.add(Group.objects.get(name="Editors"))
    else:
        user = UserFactory()
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    for path in ["/admin/", "/admin/pages/", "/admin/snippets/certificates/certificate/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp"), path


def test_a_learner_is_not_asked(client, learner):
    client.force_login(learner)
    assert client.get("/fi/my/").status_code == 200


def test_setting_up_the_authenticator_app_opens_the_admin(db, client):
    """allauth asks for the password once more before a factor is added."""
    user = UserFactory(is_staff=True, is_superuser=True, second_factor=False)
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert signed_in(client)
    assert client.get("/admin/")["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(
        reverse("account_reauthenticate")
    )
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]

    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200


class TestSignIn:
    """A course manager with the authenticator app signs in: password, then the code."""

    @pytest.fixture
    def manager(self, db):
        user = UserFactory(is_staff=True, is_superuser=True)
        assert Authenticator.objects.filter(user=user).exists()
        return user

    def test_the_password_alone_does_not_sign_in(self, client, manager):
        response = client.post(
            reverse("account_login"), {"login": manager.email, "password": PASSWORD}
        )

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_authenticate"))
        assert not signed_in(client)

    def test_a_wrong_code_does_not_sign_in(self, client, manager):
        client.post(reverse("account_login"), {"login": manager.email, "password": PASSWORD})
        wrong = f"{(int(totp_code()) + 1) % 1_000_000:06d}"

        response = client.post(reverse("mfa_authenticate"), {"code": wrong})

        assert response.status_code == 200
        assert not signed_in(client)

    def test_the_code_signs_in_and_opens_the_admin(self, client, manager):
        client.post(reverse("account_login"), {"login": manager.email, "password": PASSWORD})

        client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})

        assert signed_in(client)
        assert client.get("/admin/").status_code == 200
