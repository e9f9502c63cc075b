"""`load_demo_content` makes a small bilingual course; running it again changes nothing
and keeps what editors changed."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from cms.models import HomePage
from courses.models import CoursePage, LessonPage, ModulePage


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    return {
        "pages": sorted(
            Page.objects.values_list("id", "title", "live", "latest_revision_id", "path")
        ),
        "images": sorted(get_image_model().objects.values_list("id", "file")),
        "documents": sorted(get_document_model().objects.values_list("id", "file")),
        "revisions": Revision.objects.count(),
        "site_root": Site.objects.get(is_default_site=True).root_page_id,
    }


@pytest.fixture
def demo(db):
    load_demo()


def test_running_twice_changes_nothing(demo):
    before = snapshot()
    assert len(before["pages"]) > 10
    assert before["images"] and before["documents"]

    output = load_demo()

    assert snapshot() == before
    assert "0 item(s) created" in output


def test_an_editors_later_edit_is_kept(demo):
    lesson = LessonPage.objects.filter(locale__language_code="fi").order_by("path").first()
    lesson.title = "Toimittajan muokkaama otsikko"
    lesson.save_revision().publish()
    before = snapshot()

    load_demo()

    lesson.refresh_from_db()
    assert lesson.title == "Toimittajan muokkaama otsikko"
    assert lesson.live
    assert snapshot() == before


def test_an_editor_may_rename_and_move_a_page(demo):
    lesson = LessonPage.objects.filter(locale__language_code="en").order_by("path").last()
    other_module = ModulePage.objects.filter(locale__language_code="en").order_by("path").first()
    lesson.slug = "renamed-by-an-editor"
    lesson.save_revision().publish()
    lesson.move(other_module, pos="last-child")
    before = snapshot()

    load_demo()

    assert snapshot() == before
    assert LessonPage.objects.filter(slug="renamed-by-an-editor").count() == 1


def block_types(lessons) -> set[str]:
    return {block.block_type for lesson in lessons for block in lesson.body}


@pytest.mark.parametrize("language", ["fi", "en"])
def test_demo_course_has_modules_lessons_and_every_kind_of_media(demo, client, language):
    course = CoursePage.objects.live().get(locale__language_code=language)
    modules = ModulePage.objects.live().child_of(course)
    assert modules.count() >= 2
    lessons = []
    for module in modules:
        module_lessons = list(LessonPage.objects.live().child_of(module))
        assert len(module_lessons) >= 2, module.title
        lessons += module_lessons

    assert {"paragraph", "image", "video", "document"} <= block_types(lessons)
    blocks = [block for lesson in lessons for block in lesson.body]
    images = [block.value for block in blocks if block.block_type == "image"]
    assert all(value["image"] and value["alt_text"].strip() for value in images)
    videos = [block.value for block in blocks if block.block_type == "video"]
    assert all(value["captions"].filename.endswith(".vtt") for value in videos)
    assert all(f".{language}" in value["captions"].filename for value in videos)
    documents = [block.value for block in blocks if block.block_type == "document"]
    assert all(value["document"] for value in documents)

    assert client.get(course.url).status_code == 200
    video_lesson = next(
        lesson for lesson in lessons if "video" in {b.block_type for b in lesson.body}
    )
    html = client.get(video_lesson.url).content.decode()
    assert '<track kind="captions"' in html


def test_finnish_and_english_courses_are_translations(demo):
    fi = CoursePage.objects.get(locale__language_code="fi")
    en = CoursePage.objects.get(locale__language_code="en")
    assert fi.translation_key == en.translation_key
    assert fi.url.startswith("/fi/") and en.url.startswith("/en/")
    site_root = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(site_root, HomePage)
    assert site_root.locale.language_code == "fi"


def test_the_privacy_notice_is_in_every_language_and_linked_from_every_footer(demo, client):
    """Issue 14, item 4: the privacy notice (tietosuojaseloste, dataskyddsbeskrivning) is
    loaded in fi, sv and en as translations of one page, named in site settings, and every
    page's footer and the sign-up form link to it in the visitor's language."""
    from cms.models import SiteLinks, StandardPage

    titles = {"fi": "Tietosuojaseloste", "sv": "Dataskyddsbeskrivning", "en": "Privacy notice"}
    notices = {
        language: StandardPage.objects.live().get(title=title) for language, title in titles.items()
    }
    assert len({page.translation_key for page in notices.values()}) == 1
    links = SiteLinks.objects.get(site=Site.objects.get(is_default_site=True))
    assert links.privacy_notice_id == notices["fi"].id
    for language, notice in notices.items():
        page = client.get(notice.url)
        assert page.status_code == 200
        html = page.content.decode()
        # the controller's details are placeholders, and say so
        assert "[" in html and "]" in html
        home = client.get(f"/{language}/", follow=True).content.decode()
        footer = home.split('class="site-footer"', 1)[1]
        assert f'href="{notice.url}"' in footer, language
        # allauth's pages live outside the language prefixes: the language cookie decides
        client.cookies["django_language"] = language
        signup = client.get("/accounts/signup/")
        assert signup.status_code == 200
        assert f'href="{notice.url}"' in signup.content.decode(), language
