"""One way in: every login route goes through allauth, with its lockout and its email
verification rule; Wagtail's own login, password reset and page-privacy login only lead
there."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "kymi-joki-2026!"
OTHER_ROUTES = ["/admin/login/", "/fi/_util/login/", "/en/_util/login/"]


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True, password=PASSWORD)


@pytest.fixture
def unverified(db):
    user = UserFactory(password=PASSWORD, verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


@pytest.mark.parametrize("route", OTHER_ROUTES)
def test_the_other_login_routes_lead_to_allauth(client, route):
    response = client.get(f"{route}?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/admin/"


@pytest.mark.parametrize("route", OTHER_ROUTES)
def test_a_right_password_posted_to_another_route_signs_nobody_in(client, staff, route):
    client.post(route, {"username": staff.email, "password": PASSWORD})

    assert not signed_in(client)


@pytest.mark.parametrize("route", OTHER_ROUTES)
def test_thirty_wrong_passwords_then_the_right_one_signs_nobody_in(client, staff, route):
    for attempt in range(30):
        client.post(route, {"username": staff.email, "password": f"wrong-{attempt}"})
    client.post(route, {"username": staff.email, "password": PASSWORD})

    assert not signed_in(client)


def test_allauth_locks_the_account_after_five_wrong_passwords(client, staff):
    login = reverse("account_login")
    for attempt in range(5):
        client.post(login, {"login": staff.email, "password": f"wrong-{attempt}"})

    response = client.post(login, {"login": staff.email, "password": PASSWORD})

    assert not signed_in(client)
    assert response.status_code in (200, 429)


def test_an_unverified_email_is_refused_on_every_route(client, unverified):
    client.post(reverse("account_login"), {"login": unverified.email, "password": PASSWORD})
    assert not signed_in(client)
    for route in OTHER_ROUTES:
        client.post(route, {"username": unverified.email, "password": PASSWORD})
        assert not signed_in(client)


def test_the_admin_password_reset_leads_to_allauth_and_sends_nothing(client, staff):
    for _ in range(10):
        response = client.post("/admin/password_reset/", {"email": staff.email})
        assert response.status_code == 302
        assert response["Location"] == reverse("account_reset_password")

    assert mail.outbox == []


def test_allauth_throttles_password_reset_emails(client, staff):
    for _ in range(10):
        client.post(reverse("account_reset_password"), {"email": staff.email})

    assert 1 <= len(mail.outbox) <= 5
