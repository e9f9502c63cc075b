import pytest
from wagtail.users.models import UserProfile

from courses.models import LessonPage, ModulePage
from tests.browser.conftest import sign_in_with_second_factor, verified_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "x-long-Secret-7"
DOCUMENTS = {
    "video": "Paikkamerkkivideo",
    "captions": {"fi": "course-intro (fi)", "en": "course-intro (en)"},
}


@pytest.fixture
def editor(loaded_site):
    return verified_user("editor@example.com", PASSWORD, superuser=True)


def choose_document(page, search: str, title_part: str) -> None:
    page.locator("button.chooser__choose-button:visible").first.click()
    modal = page.locator("[role=dialog]").last
    modal.locator("input[name=q]").fill(search)
    modal.locator("a", has_text=title_part).first.click()
    page.locator("[role=dialog]").last.wait_for(state="hidden")


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fi", "en"])
def test_an_editor_adds_a_captioned_video_lesson_previews_and_publishes_it(
    editor, live_server, browser, screenshot, language, viewport
):
    """Journey (c): an editor, with the admin in their language, adds a lesson with a
    captioned video under a module, looks at the preview, publishes, and finds the lesson
    on the site with the captions track."""
    from tests.browser.conftest import VIEWPORTS

    UserProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(
        preferred_language=language
    )
    module = ModulePage.objects.filter(locale__language_code=language).order_by("path").first()
    title = (
        f"Toimittajan oppitunti {viewport}" if language == "fi" else f"Editor's lesson {viewport}"
    )
    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    shot = f"editor-{language}-{viewport}"

    page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{module.pk}/")
    sign_in_with_second_factor(page, editor.email, PASSWORD)
    page.wait_for_url(f"**/admin/pages/add/courses/lessonpage/{module.pk}/")
    assert page.locator("html").get_attribute("lang") == language

    page.fill("#id_title", title)
    page.locator("[data-streamfield-action='ADD'], button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Video").click()
    page.fill("[name=body-0-value-title]", f"{title}: video")
    choose_document(page, DOCUMENTS["video"], DOCUMENTS["video"])
    choose_document(page, "course-intro", DOCUMENTS["captions"][language])
    assert page.locator("[name=body-0-value-captions]").input_value()
    screenshot(page, f"{shot}-01-editing")

    page.locator("[data-side-panel-toggle=preview]").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    preview.locator("video track[kind=captions]").wait_for(state="attached")
    assert preview.locator("h1").inner_text() == title
    screenshot(page, f"{shot}-02-preview")
    page.locator("[data-side-panel-toggle=preview]").click()

    # Wagtail saves a draft as the editor types; publishing while that save is still on its
    # way races it (a second page with the same slug). The editor waits for "Saved".
    page.locator(".w-autosave-indicator__state--saving").wait_for(state="hidden")
    page.locator("nav.footer__container .w-dropdown__toggle").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(f"**/admin/pages/{module.pk}/")

    lesson = LessonPage.objects.get(title=title)
    assert lesson.live and lesson.get_parent().pk == module.pk
    page.goto(live_server.url + lesson.url)
    assert page.locator("h1").inner_text() == title
    track = page.locator("video track[kind=captions]")
    assert track.get_attribute("srclang") == language
    assert (
        page.request.get(live_server.url + track.get_attribute("src")).text().startswith("WEBVTT")
    )
    screenshot(page, f"{shot}-03-on-the-site")
