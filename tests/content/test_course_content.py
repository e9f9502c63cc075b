"""The foresight course as loaded from content/: every lesson teaches, every quiz question
can be answered right and explains itself, and the Finnish and English trees match."""

import re

import pytest
from django.utils.html import strip_tags
from wagtail.models import Page

from courses.models import CoursePage, LessonPage, ModulePage, QuizPage
from courses.quizzes.questions import QuizQuestionsBlock

LANGUAGES = ["fi", "en"]


def words(html: str) -> int:
    return len(re.findall(r"\w+(?:[-–']\w+)*", strip_tags(html)))


def lesson_words(lesson: LessonPage) -> int:
    total = 0
    for block in lesson.body:
        if block.block_type == "paragraph":
            total += words(str(block.value))
        elif block.block_type == "heading":
            total += words(block.value["text"])
        elif block.block_type == "callout":
            total += words(block.value["title"]) + words(str(block.value["text"]))
    return total


def course(language: str) -> CoursePage:
    return CoursePage.objects.live().get(locale__language_code=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_six_modules_of_two_to_four_lessons_each_with_a_quiz(site_content, language):
    modules = ModulePage.objects.live().child_of(course(language))
    assert modules.count() == 6
    for module in modules:
        assert 2 <= LessonPage.objects.live().child_of(module).count() <= 4, module.title
        quiz = QuizPage.objects.live().child_of(module).get()
        assert 3 <= len(quiz.questions) <= 5, quiz.title
        assert quiz.mode == QuizPage.Mode.GRADED and quiz.required
    final = QuizPage.objects.live().child_of(course(language)).filter(mode=QuizPage.Mode.GRADED)
    assert final.count() == 1
    test = QuizPage.objects.live().child_of(course(language)).get(mode=QuizPage.Mode.PROFILE)
    assert sorted(test.profiles.values_list("key", flat=True)) == sorted(
        ["present-dweller", "firefighter", "preparer", "future-maker", "explorer"]
    )
    assert all(profile.recommended_module_id for profile in test.profiles.all())
    assert 10 <= len(test.questions) <= 12


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lesson_teaches_300_to_700_words_and_asks_a_reflection(site_content, language):
    lessons = LessonPage.objects.live().descendant_of(course(language))
    assert lessons.count() >= 12
    for lesson in lessons:
        assert 300 <= lesson_words(lesson) <= 700, (lesson.title, lesson_words(lesson))
        prompts = [b for b in lesson.body if b.block_type == "reflection"]
        assert prompts and all(b.value["prompt"].strip() for b in prompts), lesson.title
        assert any(b.block_type == "heading" for b in lesson.body), (
            f"{lesson.title} has no section heading"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_quiz_question_has_a_valid_answer_key_and_an_explanation(site_content, language):
    quizzes = QuizPage.objects.live().filter(
        locale__language_code=language, mode=QuizPage.Mode.GRADED
    )
    assert quizzes.count() == 7
    for quiz in quizzes:
        # The editor's own validation accepts every question as loaded.
        QuizQuestionsBlock().clean(quiz.questions)
        for question in quiz.questions:
            where = f"{quiz.title}: {strip_tags(str(question.value['prompt']))}"
            assert words(str(question.value["explanation"])) >= 5, where
            if question.block_type in ("single_choice", "multiple_choice"):
                correct = [c for c in question.value["choices"] if c["correct"]]
                wrong = [c for c in question.value["choices"] if not c["correct"]]
                if question.block_type == "single_choice":
                    assert len(correct) == 1, where
                else:
                    assert correct and wrong, where
                assert wrong, where
            elif question.block_type == "true_false":
                assert question.value["correct_answer"] in ("true", "false"), where
            elif question.block_type == "ordering":
                assert len(question.value["items"]) >= 3, where
            elif question.block_type == "matching":
                rights = [pair["right"] for pair in question.value["pairs"]]
                assert len(rights) >= 3 and len(set(rights)) == len(rights), where


def test_the_course_uses_every_question_type_but_profile(site_content):
    kinds = {
        question.block_type
        for quiz in QuizPage.objects.live().filter(locale__language_code="fi")
        for question in quiz.questions
    }
    assert {"single_choice", "multiple_choice", "true_false", "ordering", "matching"} <= kinds


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_image_has_alt_text_and_every_video_captions(site_content, client, language):
    pages = Page.objects.live().filter(locale__language_code=language).specific()
    images = videos = 0
    for page in pages:
        for field in ("body", "video"):
            for block in getattr(page, field, None) or []:
                if block.block_type == "image":
                    images += 1
                    assert block.value["alt_text"].strip(), page.title
                if block.block_type == "video":
                    videos += 1
                    assert block.value["captions"].filename.endswith(f".{language}.vtt")
                    assert block.value["transcript"], page.title
    assert images >= 6 and videos >= 4
    for lesson in LessonPage.objects.live().filter(locale__language_code=language)[:6]:
        html = client.get(lesson.url).content.decode()
        for tag in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'\salt="[^"]+"', tag), (lesson.title, tag)


def tree(home: Page) -> list[tuple]:
    return [
        (page.depth, str(page.translation_key), page.specific_class.__name__)
        for page in home.get_descendants(inclusive=True).order_by("path")
    ]


def test_finnish_and_english_trees_have_the_same_structure(site_content):
    homes = {home.locale.language_code: home for home in Page.objects.filter(depth=2, live=True)}
    assert tree(homes["fi"]) == tree(homes["en"])
    assert len(tree(homes["fi"])) > 40
    for language in LANGUAGES:
        for lesson in LessonPage.objects.filter(locale__language_code=language):
            other = lesson.get_translation(
                homes["en" if language == "fi" else "fi"].locale
            ).specific
            assert [b.block_type for b in lesson.body] == [b.block_type for b in other.body], (
                lesson.title
            )


def test_swedish_has_a_home_page_for_translators_to_fill(site_content):
    sv = Page.objects.get(depth=2, locale__language_code="sv")
    assert sv.live
