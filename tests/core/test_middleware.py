"""Request bodies are refused from their declared length before anything reads them;
personal pages are never cached; no page may use the device's sensors."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.middleware import body_limit
from tests.conftest import complete, dashboard_url

MB = 1024 * 1024


class CountingBody(io.RawIOBase):
    """A request body that only counts how much of it is read."""

    def __init__(self, size: int):
        self.size, self.read_bytes = size, 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        size = self.size - self.read_bytes if size is None or size < 0 else size
        size = min(size, self.size - self.read_bytes)
        self.read_bytes += size
        return b"a" * size


def post_declaring(client, path: str, size: int):
    body = CountingBody(size)
    response = client.generic(
        "POST",
        path,
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(size),
        **{"wsgi.input": body},
    )
    return response, body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "size"),
    [
        ("/verify/7K3M-9QXV-A2BC-DEFG/", 300 * MB),
        ("/fi/my/lessons/1/progress/", 3 * MB),
        ("/accounts/login/", 3 * MB),
        ("/admin/images/multiple/add/", 300 * MB),
    ],
)
def test_a_body_over_the_limit_is_refused_unread(client, path, size):
    response, body = post_declaring(client, path, size)

    assert response.status_code == 413
    assert body.read_bytes == 0
    with translation.override("fi"):
        message = gettext("What you sent is too large: at most %(limit)s MB can be sent here.")
    assert message.split("%(limit)s")[0] in response.content.decode()


@pytest.mark.django_db
def test_a_length_that_is_no_number_is_refused(client):
    response = client.generic("POST", "/accounts/login/", b"x", CONTENT_LENGTH="lots")
    assert response.status_code == 413


def test_the_longest_prefix_sets_the_limit(settings):
    settings.REQUEST_BODY_LIMIT = 100
    settings.REQUEST_BODY_LIMITS = {"/admin/": 1000, "/admin/images/": 5000}
    assert body_limit("/fi/haku/") == 100
    assert body_limit("/admin/pages/") == 1000
    assert body_limit("/admin/images/multiple/add/") == 5000


@pytest.mark.django_db
def test_a_signed_in_page_is_private_and_not_stored(learner_client, course):
    for url in [course.course.url, course.lessons[0].url, dashboard_url(), reverse("profile")]:
        response = learner_client.get(url)
        assert response.status_code == 200, url
        assert "private" in response["Cache-Control"], url
        assert "no-store" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url


@pytest.mark.django_db
def test_an_anonymous_learners_progress_page_is_private(client, course):
    complete(client, course.lessons[0])

    response = client.get(dashboard_url())

    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_every_page_sets_a_permissions_policy(client, course):
    for url in [course.course.url, "/verify/0000-0000-0000-0000/", "/accounts/login/"]:
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


@pytest.mark.django_db
def test_a_first_time_reader_gets_no_private_marking(client, course):
    """Nothing personal on a page read without a session: shared caches may keep it."""
    response = client.get(course.course.url)

    assert "no-store" not in response.get("Cache-Control", "")
