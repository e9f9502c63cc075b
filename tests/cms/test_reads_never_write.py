"""A read never writes (issue 13, item 3): opening a page a second time sends no INSERT,
UPDATE or DELETE to the database, whichever cache is configured (the database cache in the
quick start: Wagtail's image renditions go to a cache of their own in memory)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ImageFactory

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes_of(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


@pytest.fixture
def pictured(course):
    course.course.cover_image = ImageFactory()
    course.course.save_revision().publish()
    return course


@pytest.mark.parametrize("who", ["visitor", "learner"])
def test_opening_pages_again_writes_nothing(client, learner, pictured, who):
    if who == "learner":
        client.force_login(learner)
    urls = [
        "/fi/",
        pictured.course.url,
        pictured.modules[0].url,
        pictured.lessons[0].url,
        pictured.lessons[1].url,
    ]
    for url in urls:
        client.get(url)
    for url in urls:
        assert writes_of(client, url) == [], url
