"""Completing the course across languages, and the moment of completion.

A learner starts the course in Finnish, switches to Swedish with the header's language
switcher, finds the Finnish progress in the Swedish course, finishes there and is led from
the congratulation to the certificate and its verification. A Swedish translation published
only in part cannot be completed in Swedish alone: the course page lists what is missing,
with links to the Finnish pages.

Full-page screenshots of the completion, the certificate and the partly translated course,
at a phone and a desktop width, go to /tmp/shots/ for a person to look at.
"""

import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Page

from certificates.models import Certificate, CourseCertificate
from cms.demo import source
from courses.models import CoursePage, Enrolment, LessonCompletion
from tests.browser.conftest import verified_user
from tests.browser.course_content import answer_quiz, quiz_questions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-Secret-4321"
COMPLETE = "button[name=action][value=complete]"
START = "main form[action$='/start/'] button"
SHOTS = Path("/tmp/shots")
SHOT_VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def sv(message: str) -> str:
    """A message as the Swedish site shows it (the English text where untranslated)."""
    with translation.override("sv"):
        return gettext(message)


def progress_text(done: int, total: int) -> str:
    """The course page's progress line in Swedish."""
    percent = done * 100 // total
    return sv("%(percent)s %% done (%(done)s of %(total)s required parts)") % {
        "percent": percent,
        "done": done,
        "total": total,
    }


def shoot(page, name: str) -> None:
    """Full-page screenshots of the page as it is, at a phone and a desktop width; the page
    is left at the width it had."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size
    for width, size in SHOT_VIEWPORTS.items():
        page.set_viewport_size(size)
        page.wait_for_timeout(150)  # let the layout settle at the new width
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(before)


def finnish_course() -> CoursePage:
    return CoursePage.objects.get(locale__language_code="fi")


def translate_into_swedish(pages) -> None:
    """Swedish copies of `pages` (Finnish pages of the course, in any order) the way an
    editor makes them: copy for translation, parents too, and publish every copy."""
    swedish = Locale.objects.get(language_code="sv")
    for page in sorted(pages, key=lambda page: page.path):
        page = page.specific
        if page.get_translation_or_none(swedish) is not None:
            continue
        copy = page.copy_for_translation(swedish, copy_parents=True)
        copy.save_revision().publish()
        # Parents copied on the way (the course index) are published too.
        for parent in copy.get_ancestors().filter(locale=swedish, live=False):
            parent.specific.save_revision().publish()


def translate_the_certificate_template(course) -> None:
    """The translator also translates the course's certificate template, so a learner who
    finishes in Swedish gets a certificate wholly in Swedish."""
    template = CourseCertificate.template_for(course)
    copy = template.copy_for_translation(Locale.objects.get(language_code="sv"))
    copy.heading, copy.statement = "Intyg", "har slutfört webbkursen"
    copy.save()


def swedish(page) -> Page:
    return page.get_translation(Locale.objects.get(language_code="sv"))


def path_of(page) -> str:
    return page.specific.url


def sign_in(page, live_server, email: str, next_url: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/?next={next_url}")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server.url + next_url)


def finish_the_course(page, modules_done: int) -> None:
    """From wherever the learner is, completes every lesson and passes every quiz in course
    order, all on Swedish pages, and stops on the final quiz's result. The quizzes are the
    Finnish ones copied for translation, so the Finnish answers are the right ones."""
    modules = [module.key for module in source.course_modules()]
    quizzes_taken = modules_done
    while True:
        assert page.locator("html").get_attribute("lang") == "sv", page.url
        assert "/sv/" in page.url, page.url
        if page.locator(COMPLETE).count():
            with page.expect_navigation():  # the next page, loaded, before looking at it
                page.locator(COMPLETE).click()
            continue
        assert page.locator(START).count(), f"neither a lesson nor a quiz: {page.url}"
        module_key = modules[quizzes_taken] if quizzes_taken < len(modules) else None
        page.locator(START).click()
        answer_quiz(page, quiz_questions("fi", module_key), right=True)
        assert page.locator(".result-summary--passed").is_visible(), page.url
        quizzes_taken += 1
        if module_key is None:
            return
        # No congratulation before the end.
        assert page.locator(".completion").count() == 0, page.url
        with page.expect_navigation():
            page.locator(".result-actions a.button--primary").click()


def test_a_learner_starts_in_finnish_finishes_in_swedish_and_gets_the_certificate(
    loaded_site, live_server, browser
):
    fi_course = finnish_course()
    translate_into_swedish(fi_course.get_descendants(inclusive=True))
    translate_the_certificate_template(fi_course)
    sv_course = swedish(fi_course).specific
    fi_outline = fi_course.outline()
    sv_outline = sv_course.outline()
    required = len(fi_outline.required_keys)
    assert sv_outline.is_whole and len(sv_outline.required_ids) == required
    fi_items = [item.page for item in fi_outline.items]
    sv_items = [item.page for item in sv_outline.items]
    first_module = fi_outline.modules[0]
    # The learner does two lessons in Finnish, before the first module's quiz.
    assert not any(item.is_quiz for item in fi_outline.items_in(first_module)[:3])

    learner = verified_user("oppija@example.com", PASSWORD, full_name="Åsa Nyström-Virtanen")
    context = browser.new_context(viewport=SHOT_VIEWPORTS["desktop"], locale="fi-FI")
    page = context.new_page()
    sign_in(page, live_server, learner.email, path_of(fi_course))

    # In Finnish: start, and complete two lessons.
    assert page.locator("html").get_attribute("lang") == "fi"
    page.locator(".course-status .button--primary").click()
    assert page.url == live_server.url + path_of(fi_items[0])
    page.locator(COMPLETE).click()
    page.locator(COMPLETE).click()
    assert page.url == live_server.url + path_of(fi_items[2])
    assert LessonCompletion.objects.filter(user=learner).count() == 2

    # Mid-course, the header's language switcher leads to the same lesson in Swedish.
    page.locator(".language-switcher button[lang=sv]").click()
    page.wait_for_url(live_server.url + path_of(sv_items[2]))
    assert page.locator("html").get_attribute("lang") == "sv"

    # The Swedish course page shows the Finnish progress: two lessons done.
    page.locator(".lesson__header .eyebrow a").first.click()
    page.wait_for_url(live_server.url + path_of(sv_course))
    track = page.locator(".course-status .progress__track")
    assert track.get_attribute("aria-valuenow") == str(2 * 100 // required)
    done = page.locator(".lesson-list__item--done")
    assert done.count() == 2
    assert [done.nth(i).locator("a").get_attribute("href") for i in range(2)] == [
        path_of(lesson) for lesson in sv_items[:2]
    ]
    assert sv("Done") in done.first.locator(".badge--done").inner_text()
    assert progress_text(2, required) in page.locator(".progress__label").inner_text()
    assert page.locator(".completion").count() == 0
    assert page.locator(".course-status [role=note]").count() == 0  # nothing missing
    shoot(page, "sv-course-mid-way")

    # "Continue" leads to where the learner was, in Swedish.
    resume = page.locator(".course-status .button--primary")
    assert sv("Continue where you left off") in resume.inner_text()
    resume.click()
    assert page.url == live_server.url + path_of(sv_items[2])

    finish_the_course(page, modules_done=0)

    # The completion moment on the final quiz's result.
    result_url = page.url
    completion = page.locator(".completion")
    assert completion.is_visible()
    assert sv("Congratulations, you have completed the course!") in completion.inner_text()
    get_it = completion.get_by_role("link", name=sv("Get your certificate"))
    assert get_it.get_attribute("href") == f"/sv/my/certificates/course/{sv_course.id}/"
    assert page.get_by_role("link", name=sv("Continue the course")).count() == 0
    shoot(page, "sv-final-result-completed")

    enrolment = Enrolment.objects.get(user=learner)
    assert enrolment.completed_at is not None
    assert enrolment.course_key == fi_course.translation_key

    # The Swedish course page says the same, in another tab of the same session.
    course_tab = context.new_page()
    course_tab.goto(live_server.url + path_of(sv_course))
    assert (
        course_tab.locator(".course-status .progress__track").get_attribute("aria-valuenow")
        == "100"
    )
    assert course_tab.locator(".lesson-list__item--done").count() == len(
        [item for item in sv_outline.items if item.module is not None]
    )
    course_completion = course_tab.locator(".course-status .completion")
    assert sv("Congratulations, you have completed the course!") in (course_completion.inner_text())
    assert course_completion.get_by_role("link", name=sv("Get your certificate")).get_attribute(
        "href"
    ) == (f"/sv/my/certificates/course/{sv_course.id}/")
    shoot(course_tab, "sv-course-completed")
    course_tab.close()

    # "Get your certificate": confirm the name, then the certificate page.
    assert page.url == result_url
    get_it.click()
    page.wait_for_url(re.compile(r".*/sv/my/certificates/[^/]+/name/$"))
    assert page.locator("input[name=name]").input_value() == "Åsa Nyström-Virtanen"
    page.locator("main form button[type=submit]").click()
    certificate = Certificate.objects.get(user=learner, is_current=True)
    page.wait_for_url(f"{live_server.url}/sv/my/certificates/{certificate.code}/")
    # Rendering runs in-process here; the page polls and reloads while it is being prepared.
    download = page.get_by_role("link", name=sv("Download PDF"))
    download.wait_for(state="visible", timeout=60_000)
    assert page.get_by_text(sv("Being prepared…")).count() == 0
    verify_url = f"{live_server.url}/verify/{certificate.code}/"
    verify_link = page.locator(f"a[href='{verify_url}']")
    assert verify_link.is_visible()
    assert "Åsa Nyström-Virtanen" in page.locator(".certificate-html__name").inner_text()
    shoot(page, "sv-certificate-ready")

    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.READY
    assert certificate.language == "sv"
    assert certificate.template.heading == "Intyg"
    with page.expect_download() as pdf:
        download.click()
    assert pdf.value.path().read_bytes().startswith(b"%PDF-")

    verify_link.click()
    page.wait_for_url(verify_url)
    assert page.locator(".verdict--valid").is_visible()
    assert certificate.code in page.locator("main").inner_text()
    shoot(page, "sv-verify-valid")
    context.close()


def test_a_course_translated_in_part_is_not_complete_in_swedish_alone(
    loaded_site, live_server, browser
):
    fi_course = finnish_course()
    fi_outline = fi_course.outline()
    first_module = fi_outline.modules[0]
    first_lesson = fi_outline.items_in(first_module)[0].page
    translate_into_swedish([fi_course, first_module, first_lesson])
    sv_course = swedish(fi_course).specific
    sv_lesson = swedish(first_lesson).specific
    required = len(fi_outline.required_keys)
    missing = [item for item in fi_outline.items if item.required and item.id != first_lesson.id]
    assert len(missing) == required - 1

    learner = verified_user("elev@example.com", PASSWORD, full_name="Elsa Lindqvist")
    context = browser.new_context(viewport=SHOT_VIEWPORTS["desktop"], locale="sv-SE")
    page = context.new_page()
    sign_in(page, live_server, learner.email, path_of(sv_course))
    assert page.locator("html").get_attribute("lang") == "sv"

    note = page.locator(".course-status [role=note]")
    assert note.is_visible()
    assert len(sv_course.outline().items) == 1

    page.locator(".course-status .button--primary").click()
    assert page.url == live_server.url + path_of(sv_lesson)
    page.locator(COMPLETE).click()
    # The Swedish course's only lesson done: back on the course page, not complete.
    page.wait_for_url(live_server.url + path_of(sv_course))
    assert page.locator("html").get_attribute("lang") == "sv"
    assert LessonCompletion.objects.filter(user=learner, lesson=sv_lesson).exists()
    assert page.locator(".completion").count() == 0
    assert page.get_by_text(sv("Congratulations, you have completed the course!")).count() == 0
    assert page.get_by_role("link", name=sv("Get your certificate")).count() == 0
    assert page.locator(".course-status .message--success").count() == 0
    assert page.locator(".course-status .progress__track").get_attribute("aria-valuenow") == str(
        100 // required
    )
    assert page.locator(".lesson-list__item--done").count() == 1
    assert progress_text(1, required) in page.locator(".progress__label").inner_text()

    # The parts missing in Swedish, each linking to its Finnish page.
    note = page.locator(".course-status [role=note]")
    with translation.override("sv"):
        expected_text = translation.ngettext(
            "%(counter)s required part of this course is not yet available in this "
            "language. Your progress counts in every language, so you can do it in "
            "another one:",
            "%(counter)s required parts of this course are not yet available in this "
            "language. Your progress counts in every language, so you can do them in "
            "another one:",
            len(missing),
        ) % {"counter": len(missing)}
    assert expected_text in note.inner_text()
    links = note.locator("li a")
    assert links.count() == len(missing)
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        path_of(item.page) for item in missing
    ]
    assert {links.nth(i).get_attribute("lang") for i in range(links.count())} == {"fi"}
    assert [links.nth(i).inner_text() for i in range(links.count())] == [
        item.page.title for item in missing
    ]
    shoot(page, "sv-course-partly-translated")

    enrolment = Enrolment.objects.filter(user=learner).first()
    assert enrolment is None or enrolment.completed_at is None
    assert not Certificate.objects.filter(user=learner).exists()

    # A link leads to the Finnish page of the next lesson.
    links.first.click()
    page.wait_for_url(live_server.url + path_of(missing[0].page))
    assert page.locator("html").get_attribute("lang") == "fi"
    context.close()
