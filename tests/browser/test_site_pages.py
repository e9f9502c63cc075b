import pytest

from cms.models import GlossaryTerm, GuestLectureIndexPage, GuestLecturePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fi", "en"])
def test_a_visitor_reads_the_glossary_megatrends_and_lectures_and_searches(
    loaded_site, live_server, browser, screenshot, language, viewport
):
    """From the home page a visitor follows a lesson's key term to the glossary, opens the
    megatrends page from the menu, filters the lecture library by a theme, watches a
    placeholder lecture with captions, and searches for a glossary term."""
    from tests.browser.conftest import VIEWPORTS

    page = browser.new_context(viewport=VIEWPORTS[viewport]).new_page()
    shot = f"site-{language}-{viewport}"
    page.goto(f"{live_server.url}/{language}/")
    screenshot(page, f"{shot}-01-home")

    term = GlossaryTerm.objects.filter(locale__language_code=language).order_by("pk").first()
    page.goto(live_server.url + term.introduced_in.url)
    page.locator(".key-terms a", has_text=term.term).first.click()
    assert page.url.endswith(f"#{term.anchor}")
    assert page.locator(f"#{term.anchor}").is_visible()
    screenshot(page, f"{shot}-02-glossary")

    page.locator(".section-nav a", has_text="Megatren").click()
    assert page.locator("main h2").count() >= 6
    screenshot(page, f"{shot}-03-megatrends")

    lectures = GuestLecturePage.objects.live().filter(locale__language_code=language)
    library = GuestLectureIndexPage.objects.get(locale__language_code=language)
    page.locator(f".section-nav a[href='{library.url}']").click()
    tag = lectures.first().tags.first()
    page.select_option("select[name=theme]", label=tag.name)
    page.locator(".filters button[type=submit]").click()
    expected = {lecture.title for lecture in lectures if tag in lecture.tags.all()}
    shown = set(page.locator(".lecture-card h2").all_inner_texts())
    assert shown == expected
    screenshot(page, f"{shot}-04-lectures-filtered")
    page.locator(".lecture-card h2 a").first.click()
    track = page.locator("video track[kind=captions]")
    assert track.get_attribute("srclang") == language
    captions = page.request.get(live_server.url + track.get_attribute("src"))
    assert captions.ok and captions.text().startswith("WEBVTT")
    assert captions.headers["content-type"].startswith("text/vtt")
    page.locator(".video__transcript summary").click()
    screenshot(page, f"{shot}-05-lecture")

    search = page.locator("#header-search")
    if not search.is_visible():
        search.scroll_into_view_if_needed()
    search.fill(term.term.split(" (")[0])
    search.press("Enter")
    page.wait_for_load_state()
    assert page.locator(".search-terms dt a", has_text=term.term.split(" (")[0]).count()
    assert page.locator(".search-result").count() >= 1
    screenshot(page, f"{shot}-06-search")
