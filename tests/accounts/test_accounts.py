"""Accounts: sign-up with mandatory email verification, the profile, password reset and
allauth's login rate limit."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from tests.conftest import dashboard_url
from tests.factories import PASSWORD

NEW_PASSWORD = "another-long-password-17"  # noqa: S105


def link_in(message, path_prefix: str) -> str:
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S+)", message.body)
    assert match, f"no {path_prefix} link in:\n{message.body}"
    return match.group(1)


def logged_in_as(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


class TestSignUp:
    """A visitor signs up. They are not logged in until they follow the link in the email
    the site sends; following it confirms the address and logs them in."""

    def test_email_confirmation_link_logs_the_new_learner_in(self, client, db):
        response = client.post(
            "/accounts/signup/",
            {
                "email": "Uusi.Oppija@Example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "full_name": "  Uusi   Oppija ",
            },
        )
        assert response.status_code == 302
        assert logged_in_as(client) is None
        user = User.objects.get(email__iexact="uusi.oppija@example.com")
        assert user.full_name == "Uusi Oppija"
        assert user.preferred_language == "fi"
        assert not EmailAddress.objects.get(user=user).verified

        [message] = mail.outbox
        assert message.to == [user.email]
        link = link_in(message, "/accounts/confirm-email/")

        assert client.get(link).status_code == 200  # confirming is a POST, not a GET
        assert not EmailAddress.objects.get(user=user).verified
        response = client.post(link)
        assert response.status_code == 302
        assert EmailAddress.objects.get(user=user).verified
        assert logged_in_as(client) == user
        assert client.get(dashboard_url()).context["user"] == user

    def test_unverified_learner_cannot_log_in(self, client, db):
        client.post(
            "/accounts/signup/",
            {"email": "odottaa@example.com", "password1": PASSWORD, "password2": PASSWORD},
        )
        client.logout()

        response = client.post(
            "/accounts/login/", {"login": "odottaa@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response.url == "/accounts/confirm-email/"  # "check your email"
        assert logged_in_as(client) is None

    def test_email_already_in_use_is_refused(self, client, learner):
        client.post(
            "/accounts/signup/",
            {"email": learner.email.upper(), "password1": PASSWORD, "password2": PASSWORD},
        )
        assert User.objects.filter(email__iexact=learner.email).count() == 1
        assert logged_in_as(client) is None


class TestProfile:
    """A learner changes the name printed on certificates and their language."""

    def test_profile_needs_login(self, client, db):
        response = client.get("/accounts/profile/")
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")

    def test_learner_changes_name_and_language(self, learner_client, learner):
        page = learner_client.get("/accounts/profile/")
        assert page.status_code == 200
        assert learner.email in page.content.decode()

        response = learner_client.post(
            "/accounts/profile/",
            {"full_name": "  Maija   Meikäläinen ", "preferred_language": "sv"},
        )
        assert response.status_code == 302
        assert response.url == "/accounts/profile/"
        learner.refresh_from_db()
        assert (learner.full_name, learner.preferred_language) == ("Maija Meikäläinen", "sv")
        page = learner_client.get("/accounts/profile/").content.decode()
        assert 'value="Maija Meikäläinen"' in page
        assert '<html lang="sv">' in page  # the site now speaks the chosen language

    @pytest.mark.parametrize("name", ["", "   ", "\t\n "])
    def test_blank_name_is_refused(self, learner_client, learner, name):
        before = learner.full_name
        response = learner_client.post(
            "/accounts/profile/", {"full_name": name, "preferred_language": "en"}
        )
        assert response.status_code == 200
        form = response.context["form"]
        assert form.errors["full_name"]
        assert 'class="field-error"' in response.content.decode()
        learner.refresh_from_db()
        assert (learner.full_name, learner.preferred_language) == (before, "fi")

    def test_unknown_language_is_refused(self, learner_client, learner):
        response = learner_client.post(
            "/accounts/profile/", {"full_name": "Maija", "preferred_language": "de"}
        )
        assert response.status_code == 200
        assert "preferred_language" in response.context["form"].errors
        learner.refresh_from_db()
        assert learner.preferred_language == "fi"


def test_password_reset_sends_a_link_that_sets_a_new_password(client, learner):
    response = client.post("/accounts/password/reset/", {"email": learner.email})
    assert response.status_code == 302

    [message] = mail.outbox
    assert message.to == [learner.email]
    link = link_in(message, "/accounts/password/reset/key/")

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    response = client.post(set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    learner.refresh_from_db()
    assert learner.check_password(NEW_PASSWORD)


class TestLoginRateLimit:
    """Someone guesses passwords from one address: after 30 login attempts in a minute the
    site answers 429 with its own page. Another address is not affected."""

    def test_31st_login_post_from_one_ip_is_429(self, client, learner):
        statuses = [
            client.post(
                "/accounts/login/", {"login": learner.email, "password": f"wrong-{attempt}"}
            ).status_code
            for attempt in range(30)
        ]
        assert 429 not in statuses

        response = client.post("/accounts/login/", {"login": learner.email, "password": PASSWORD})
        assert response.status_code == 429
        assert "429.html" in [template.name for template in response.templates]
        assert logged_in_as(client) is None

        other = client.post(
            "/accounts/login/",
            {"login": learner.email, "password": "wrong"},
            REMOTE_ADDR="192.0.2.10",
        )
        assert other.status_code == 200


def test_an_email_address_too_long_to_keep_is_refused_not_cut_short(client, db):
    from django.urls import reverse

    from accounts.models import User

    address = "x" * 300 + "@b.fi"
    response = client.post(
        reverse("account_signup"),
        {
            "email": address,
            "password1": "a-long-test-password-42",
            "password2": "a-long-test-password-42",
        },
    )
    assert response.status_code == 200
    assert "254" in response.content.decode()
    assert not User.objects.exists()
