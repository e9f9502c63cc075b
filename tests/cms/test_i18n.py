"""Languages: "/" follows the browser's language, pages say which language they are in,
the language switcher leads to the same page in the other language, and the interface
speaks Finnish on Finnish pages."""

import re

import pytest
from wagtail.models import Locale

from tests.factories import (
    CourseIndexPageFactory,
    CoursePageFactory,
    HomePageFactory,
    LessonPageFactory,
    ModulePageFactory,
)


def translation_of(factory, page, language: str, parent, **fields):
    return factory(
        parent=parent,
        locale=Locale.objects.get(language_code=language),
        translation_key=page.translation_key,
        slug=f"{page.slug}-{language}",
        title=f"{page.title} ({language})",
        **fields,
    )


@pytest.fixture
def homes(home):
    root = home.get_parent()
    return {
        "fi": home,
        "sv": translation_of(HomePageFactory, home, "sv", root),
        "en": translation_of(HomePageFactory, home, "en", root),
    }


@pytest.fixture
def english_course(homes, course):
    """The course's English translation: every page of the tree with the same
    translation key in the English locale."""
    index = course.course.get_parent().specific
    en_index = translation_of(CourseIndexPageFactory, index, "en", homes["en"])
    en_course = translation_of(CoursePageFactory, course.course, "en", en_index)
    en_module = translation_of(ModulePageFactory, course.modules[0], "en", en_course)
    en_lesson = translation_of(LessonPageFactory, course.lessons[0], "en", en_module)
    return en_lesson


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def switcher_targets(response) -> dict[str, str]:
    """Language code -> where the language switcher's button for it leads."""
    html = response.content.decode()
    pairs = re.findall(
        r'name="language" value="([a-z]+)">\s*<input type="hidden" name="next" value="([^"]*)"',
        html,
    )
    return dict(pairs)


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        (None, "/fi/"),
        ("fi-FI,fi;q=0.9", "/fi/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("sv-FI,sv;q=0.9,en;q=0.5", "/sv/"),
        ("de-DE,de;q=0.9", "/fi/"),
    ],
)
def test_root_redirects_by_browser_language(client, homes, accept_language, expected):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.url == expected
    page = client.get(response.url)
    assert page.status_code == 200
    assert html_lang(page) == expected.strip("/")


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_html_lang_matches_the_page_language(client, homes, language):
    response = client.get(homes[language].url)
    assert response.status_code == 200
    assert homes[language].url == f"/{language}/"
    assert html_lang(response) == language


def test_pages_outside_the_language_prefix_keep_the_last_language(client, homes):
    client.get("/en/")
    assert html_lang(client.get("/accounts/login/")) == "en"
    client.get("/sv/")
    assert html_lang(client.get("/accounts/login/")) == "sv"


def test_switcher_on_a_finnish_lesson_leads_to_its_english_translation(
    client, course, english_course
):
    lesson = course.lessons[0]
    assert english_course.url.startswith("/en/")

    response = client.get(lesson.url)
    assert html_lang(response) == "fi"
    targets = switcher_targets(response)
    assert targets["fi"] == lesson.url
    assert targets["en"] == english_course.url
    assert targets["sv"] == "/sv/"  # no Swedish translation: that language's home

    english = client.get(targets["en"])
    assert english.status_code == 200
    assert html_lang(english) == "en"
    assert switcher_targets(english)["fi"] == lesson.url


def test_switcher_skips_a_translation_that_is_not_published(client, course, english_course):
    english_course.unpublish()
    targets = switcher_targets(client.get(course.lessons[0].url))
    assert targets["en"] == "/en/"


def test_finnish_pages_speak_finnish(client, course):
    html = client.get(course.lessons[0].url).content.decode()
    skip_link = re.search(r'<a class="skip-link" href="#main">([^<]+)</a>', html).group(1)
    assert skip_link != "Skip to main content"
    assert "Mark complete" not in html


def test_english_pages_speak_english(client, homes):
    html = client.get("/en/").content.decode()
    assert '<a class="skip-link" href="#main">Skip to main content</a>' in html
