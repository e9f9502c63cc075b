"""Whatever a visitor types into search is read as words: the full-text syntax of SQLite
and PostgreSQL never sees a quote, a bracket or an operator, so nothing answers 500."""

import pytest

from tests.factories import LessonPageFactory

SPECIALS = [
    '"',
    "'",
    '"heikko',
    "(",
    ")",
    "*",
    "^",
    ":",
    "-",
    "+",
    "NEAR",
    "NOT",
    "AND OR NOT",
    "heikko NOT",
    "heikko*",
    "NEAR(heikko signaali)",
    "a:b",
    "\\",
    "%",
    "&|!",
    "\u200f\u202e",
    "e\u0301",
    "🙂",
    "x" * 200,
]


@pytest.fixture
def lesson(course):
    return LessonPageFactory(parent=course.modules[0], title="Heikko signaali kertoo muutoksesta")


@pytest.mark.parametrize("query", SPECIALS)
def test_special_characters_never_break_search(client, lesson, query):
    response = client.get("/fi/haku/", {"q": query})

    assert response.status_code == 200


@pytest.mark.parametrize("raw", ["%ED%A0%80", "%FF%FE", "%00", "%C0%AF", "q=%22&q=%28"])
def test_bytes_that_are_no_text_never_break_search(client, lesson, raw):
    query = raw if raw.startswith("q=") else f"q={raw}"

    assert client.get(f"/fi/haku/?{query}").status_code in (200, 400)


@pytest.mark.parametrize("query", ['"heikko signaali"', "HEIKKO!", "(signaali)", "heikko–signaali"])
def test_the_words_are_still_found(client, lesson, query):
    response = client.get("/fi/haku/", {"q": query})

    assert response.status_code == 200
    assert lesson.title in response.content.decode()


def test_the_visitor_sees_what_they_typed(client, lesson):
    page = client.get("/fi/haku/", {"q": '"heikko"'}).content.decode()
    assert "&quot;heikko&quot;" in page
