"""The site around the course: glossary, megatrends, lectures, the statement, and search."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from cms.models import (
    GlossaryPage,
    GlossaryTerm,
    GuestLectureIndexPage,
    GuestLecturePage,
    HomePage,
    StandardPage,
)
from courses.models import LessonPage, ModulePage, QuizPage

LANGUAGES = ["fi", "en"]


def search_url(language: str) -> str:
    with translation.override(language):
        return reverse("search")


def search(client, language: str, query: str, **params) -> str:
    response = client.get(search_url(language), {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_has_at_least_15_terms_each_linked_from_its_lesson(
    site_content, client, language
):
    terms = GlossaryTerm.objects.filter(locale__language_code=language)
    assert terms.count() >= 15
    glossary = GlossaryPage.objects.live().get(locale__language_code=language)
    html = client.get(glossary.url).content.decode()
    lesson_pages = {}
    for term in terms:
        assert f'id="{term.anchor}"' in html
        lesson = term.introduced_in
        assert lesson is not None and lesson.locale_id == term.locale_id, term.term
        if lesson.pk not in lesson_pages:
            lesson_pages[lesson.pk] = client.get(lesson.url).content.decode()
        assert f'href="{glossary.url}#{term.anchor}"' in lesson_pages[lesson.pk], term.term


def term_pattern(term: str, language: str) -> re.Pattern:
    """A term in running text, in any inflection: each word by its stem. Finnish words
    inflect at the end, so a Finnish stem drops up to three letters; English keeps the word."""
    words = re.findall(r"\w+", term.split(" (")[0])
    stems = [word[: max(4, len(word) - 3)] if language == "fi" else word for word in words]
    return re.compile(r"\b" + r"\W+".join(re.escape(stem) + r"\w*" for stem in stems), re.I)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_term_links_from_the_first_lesson_that_names_it(site_content, language):
    lessons = list(
        LessonPage.objects.live().filter(locale__language_code=language).order_by("path")
    )
    texts = [re.sub(r"<[^>]+>", " ", str(lesson.body.render_as_block())) for lesson in lessons]
    for term in GlossaryTerm.objects.filter(locale__language_code=language):
        pattern = term_pattern(term.term, language)
        naming = [
            lesson for lesson, text in zip(lessons, texts, strict=True) if pattern.search(text)
        ]
        assert term.introduced_in in naming, f"{term.introduced_in.title} never names {term}"
        assert naming[0] == term.introduced_in, f"{naming[0].title} names {term} first"


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_lessons_and_the_glossary_entry_by_each_term(site_content, client, language):
    lessons = LessonPage.objects.live().filter(locale__language_code=language)
    for term in GlossaryTerm.objects.filter(locale__language_code=language):
        html = search(client, language, term.term.split(" (")[0])
        assert f"#{term.anchor}" in html, f"{term} not in the glossary results"
        found = [lesson for lesson in lessons if f'href="{lesson.url}"' in html]
        assert found, f"searching {term} finds no lesson"


@pytest.mark.parametrize(
    ("language", "query", "slug"),
    [
        ("fi", "heikko signaali", "heikot-signaalit"),
        ("fi", "tulevaisuuspyörä", "tulevaisuuspyora"),
        ("en", "weak signal", "weak-signals"),
        ("en", "futures wheel", "futures-wheel"),
    ],
)
def test_search_finds_the_lesson_that_teaches_a_term(site_content, client, language, query, slug):
    lesson = LessonPage.objects.get(locale__language_code=language, slug=slug)
    html = search(client, language, query)
    assert f'href="{lesson.url}"' in html
    # Each result says what it is in the visitor's words, not the admin's page type.
    assert {"fi": "Oppitunti", "en": "Lesson"}[language] in html
    assert "Lesson page" not in html and "Oppituntisivu" not in html


def test_search_stays_in_the_visitors_language(site_content, client):
    fi_lesson = LessonPage.objects.filter(locale__language_code="fi").first()
    html = search(client, "en", fi_lesson.title)
    assert f'href="{fi_lesson.url}"' not in html
    html = search(client, "fi", fi_lesson.title)
    assert f'href="{fi_lesson.url}"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x" * 201}, "200"),
        ({"q": "megatrend", "page": "abc"}, None),
        ({"q": "megatrend", "page": "999"}, None),
        ({"q": "   "}, None),
        ({"q": "zzzqqqxx"}, "zzzqqqxx"),
    ],
)
def test_bad_search_input_gets_an_answer_not_an_error(site_content, client, params, message):
    response = client.get(search_url("en"), params)
    assert response.status_code == 200
    if message:
        assert message in response.content.decode()


def test_megatrends_page_covers_the_2023_set_and_the_2026_themes(site_content, client):
    for language in LANGUAGES:
        page = StandardPage.objects.live().get(
            locale__language_code=language, slug__in=["megatrendit", "megatrends"]
        )
        headings = [b.value["text"] for b in page.body if b.block_type == "heading"]
        assert len(headings) >= 6, headings
        html = client.get(page.url).content.decode()
        assert "sitra.fi" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_accessibility_statement_has_what_the_law_asks(site_content, client, language):
    page = StandardPage.objects.live().get(
        locale__language_code=language,
        slug__in=["saavutettavuusseloste", "accessibility-statement"],
    )
    text = client.get(page.url).content.decode()
    assert "14" in text
    assert "WCAG 2.1" in text
    assert re.search(r"Valvontaviranomainen|Supervisory authority", text)
    assert "saavutettavuusvaatimukset.fi" in text
    home = HomePage.objects.get(locale__language_code=language)
    assert f'href="{page.url}"' in client.get(home.url).content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_leads_to_the_course_the_futurist_test_and_the_lectures(
    site_content, client, language
):
    home = HomePage.objects.get(locale__language_code=language)
    html = client.get(home.url).content.decode()
    test = QuizPage.objects.get(locale__language_code=language, mode=QuizPage.Mode.PROFILE)
    lectures = GuestLectureIndexPage.objects.get(locale__language_code=language)
    glossary = GlossaryPage.objects.get(locale__language_code=language)
    for page in (test, lectures, glossary):
        assert f'href="{page.url}"' in html, page.title


@pytest.mark.parametrize("language", LANGUAGES)
def test_lecture_library_filters_by_theme_year_and_kind(site_content, client, language):
    index = GuestLectureIndexPage.objects.live().get(locale__language_code=language)
    lectures = GuestLecturePage.objects.live().child_of(index)
    assert lectures.count() >= 4
    assert lectures.filter(kind="workshop").exists()
    assert len({lecture.date.year for lecture in lectures}) >= 2

    def listed(**params) -> set[str]:
        html = client.get(index.url, params).content.decode()
        return {lecture.title for lecture in lectures if f'href="{lecture.url}"' in html}

    assert listed() == {lecture.title for lecture in lectures}
    tag = lectures.first().tags.first()
    assert listed(theme=tag.slug) == {
        lecture.title for lecture in lectures if tag in lecture.tags.all()
    }
    year = lectures.first().date.year
    assert listed(year=year) == {lecture.title for lecture in lectures if lecture.date.year == year}
    assert listed(kind="workshop") == {
        lecture.title for lecture in lectures if lecture.kind == "workshop"
    }


@pytest.mark.parametrize("params", [{"theme": "no-such-theme"}, {"year": "abc"}, {"kind": "x"}])
def test_an_unknown_filter_says_so_and_shows_everything(site_content, client, params):
    index = GuestLectureIndexPage.objects.live().get(locale__language_code="en")
    response = client.get(index.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "That filter is not available" in html
    for lecture in GuestLecturePage.objects.live().child_of(index):
        assert f'href="{lecture.url}"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_lecture_has_speakers_captioned_video_slides_and_course_links(
    site_content, client, language
):
    for lecture in GuestLecturePage.objects.live().filter(locale__language_code=language):
        html = client.get(lecture.url).content.decode()
        assert lecture.speakers.count() >= 1
        for link in lecture.speakers.all():
            assert link.speaker.localized.name in html
        assert '<track kind="captions"' in html
        assert f'srclang="{language}"' in html
        assert lecture.slides and lecture.slides.url in html
        assert lecture.slides.file.read(5) == b"%PDF-"
        modules = [link.module for link in lecture.module_links.all()]
        assert modules and all(m.locale_id == lecture.locale_id for m in modules)
        for module in modules:
            assert f'href="{module.url}"' in html
        captions = lecture.video[0].value["captions"]
        vtt = captions.file.open("rb").read().decode()
        assert vtt.startswith("WEBVTT")
        assert len(re.findall(r"\d\d:\d\d\.\d{3} --> \d\d:\d\d\.\d{3}", vtt)) >= 3


def test_a_lesson_shows_lectures_related_to_its_module(site_content, client):
    lecture = GuestLecturePage.objects.live().filter(locale__language_code="fi").first()
    module = lecture.module_links.first().module
    lesson = LessonPage.objects.live().child_of(module).first()
    html = client.get(lesson.url).content.decode()
    assert f'href="{lecture.url}"' in html
    unrelated = ModulePage.objects.filter(locale__language_code="fi").exclude(
        lecture_links__page__locale__language_code="fi"
    )
    for module in unrelated:
        lesson = LessonPage.objects.live().child_of(module).first()
        assert "related-lectures" not in client.get(lesson.url).content.decode()
