"""Every page type, in Finnish and English, at phone and desktop width and at 200 % zoom:
axe-core finds no violation of any impact, the page reflows without sideways scrolling at
200 % zoom, and nothing moves for a visitor who asked for reduced motion. Each page type is
saved as a screenshot at both widths."""

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from certificates.issuing import issue_for_completion
from cms.demo import source
from cms.models import GlossaryPage, GuestLectureIndexPage, GuestLecturePage, StandardPage
from courses.models import CoursePage, Enrolment, LessonPage, ModulePage, QuizPage
from tests.browser.accessibility import (
    ZOOM_200,
    axe_source,
    axe_violations,
    horizontal_overflow,
    moving_elements,
)
from tests.browser.conftest import VIEWPORTS, verified_user
from tests.browser.course_content import answer_quiz, quiz_questions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-Secret-4321"


def learner_with_certificate(language: str) -> tuple[User, object]:
    learner = verified_user(f"learner-{language}@example.com", PASSWORD, full_name="Aino Virtanen")
    course = CoursePage.objects.get(locale__language_code=language)
    Enrolment.objects.create(user=learner, course=course, completed_at=timezone.now())
    return learner, issue_for_completion(learner, course, timezone.now())


def allauth_links(language: str) -> dict[str, str]:
    unverified = User.objects.create_user(email=f"new-{language}@example.com", password=PASSWORD)
    address = EmailAddress.objects.create(user=unverified, email=unverified.email)
    reset = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(unverified),
            "key": default_token_generator.make_token(unverified),
        },
    )
    return {
        "login": reverse("account_login"),
        "signup": reverse("account_signup"),
        "password-reset": reverse("account_reset_password"),
        "password-reset-done": reverse("account_reset_password_done"),
        "password-reset-key": reset,
        "password-reset-key-done": reverse("account_reset_password_from_key_done"),
        "verification-sent": reverse("account_email_verification_sent"),
        "confirm-email": reverse(
            "account_confirm_email", args=[EmailConfirmationHMAC(address).key]
        ),
        "inactive": reverse("account_inactive"),
    }


class Pages:
    """The same page open at phone width, desktop width and 200 % zoom, checked together."""

    def __init__(self, browser, live_server, screenshot, language: str):
        self.base = live_server.url
        self.language = language
        self.screenshot = screenshot
        self.axe = axe_source()
        self.failures: list[str] = []
        locale = "fi-FI" if language == "fi" else "en-GB"
        options = {
            "phone": {"viewport": VIEWPORTS["phone"]},
            "desktop": {"viewport": VIEWPORTS["desktop"]},
            "zoom-200": ZOOM_200,
        }
        self.tabs = {
            name: browser.new_context(locale=locale, reduced_motion="reduce", **opts).new_page()
            for name, opts in options.items()
        }

    def each(self, action) -> None:
        for tab in self.tabs.values():
            action(tab)

    def check(self, label: str) -> None:
        for name, tab in self.tabs.items():
            where = f"{label} [{self.language}, {name}] {tab.url.removeprefix(self.base)}"
            if name == "zoom-200":
                overflow = horizontal_overflow(tab)
                if overflow > 0:
                    self.failures.append(f"{where}: scrolls {overflow}px sideways at 200 % zoom")
                continue
            self.failures += [f"{where}: {v}" for v in axe_violations(tab, self.axe)]
            moving = moving_elements(tab)
            if moving:
                self.failures.append(f"{where}: moves despite reduced motion: {moving}")
            self.screenshot(tab, f"a11y-{label}-{self.language}-{name}")

    def visit(self, label: str, path: str) -> None:
        self.each(lambda tab: tab.goto(self.base + path))
        self.check(label)

    def close(self) -> None:
        for tab in self.tabs.values():
            tab.context.close()


@pytest.mark.parametrize("language", ["fi", "en"])
def test_every_page_type_passes_axe_reflows_and_keeps_still(
    loaded_site, live_server, browser, screenshot, language
):
    learner, certificate = learner_with_certificate(language)
    in_language = {"locale__language_code": language}
    course = CoursePage.objects.get(**in_language)
    module = ModulePage.objects.filter(**in_language).order_by("path").first()
    lesson = LessonPage.objects.live().filter(**in_language).order_by("path").first()
    quiz = QuizPage.objects.filter(**in_language, mode=QuizPage.Mode.GRADED).order_by("path")[0]
    futurist = QuizPage.objects.get(**in_language, mode=QuizPage.Mode.PROFILE)
    lecture = GuestLecturePage.objects.live().filter(**in_language).first()
    with translation.override(language):
        search = reverse("search")
        dashboard = reverse("dashboard")
        confirm = reverse("certificate_confirm_name", args=[certificate.code])
        detail = reverse("certificate_detail", args=[certificate.code])
    allauth = allauth_links(language)

    pages = Pages(browser, live_server, screenshot, language)
    try:
        for label, path in [
            ("home", f"/{language}/"),
            ("course", course.url),
            ("module", module.url),
            ("lesson", lesson.url),
            ("futurist-test", futurist.url),
            ("futurist-result", f"{futurist.url}result/explorer/"),
            ("futurist-result-mix", f"{futurist.url}result/explorer/preparer/"),
            ("lectures", GuestLectureIndexPage.objects.get(**in_language).url),
            ("lecture", lecture.url),
            ("glossary", GlossaryPage.objects.get(**in_language).url),
            ("search", f"{search}?q={'megatrendi' if language == 'fi' else 'megatrend'}"),
            ("search-nothing", f"{search}?q=zzqqxx"),
            ("standard-page", StandardPage.objects.filter(**in_language).first().url),
            ("not-found", f"/{language}/no-such-page/"),
            ("verify", reverse("verify", args=["0000-0000-0000-0000"])),
            ("verify-retype-error", f"{reverse('verify_lookup')}?code=12"),
            *((f"account-{name}", path) for name, path in allauth.items()),
        ]:
            pages.visit(label, path)

        def log_in(tab):
            tab.goto(f"{live_server.url}{allauth['login']}")
            tab.fill("input[name=login]", learner.email)
            tab.fill("input[name=password]", PASSWORD)
            tab.locator("main form button[type=submit]").click()
            tab.wait_for_load_state()

        pages.each(log_in)
        for label, path in [
            ("dashboard", dashboard),
            ("profile", reverse("profile")),
            ("account-email", reverse("account_email")),
            ("account-password-change", reverse("account_change_password")),
            ("account-reauthenticate", reverse("account_reauthenticate")),
            ("account-logout", reverse("account_logout")),
            ("certificate-confirm-name", confirm),
            ("quiz", quiz.url),
        ]:
            pages.visit(label, path)

        pages.each(lambda tab: tab.locator("main form[action$='/start/'] button").click())
        pages.check("quiz-form")
        questions = quiz_questions(language, source.course_modules()[0].key)
        pages.each(lambda tab: answer_quiz(tab, questions, right=False))
        pages.check("quiz-result")

        tab = pages.tabs["desktop"]
        tab.goto(live_server.url + confirm)
        tab.locator("main form button[type=submit]").click()
        tab.wait_for_load_state()
        for label, path in [
            ("certificate", detail),
            ("dashboard-certificate", dashboard),
            ("verify-valid", reverse("verify", args=[certificate.code])),
        ]:
            pages.visit(label, path)
    finally:
        pages.close()
    assert not pages.failures, "\n".join(pages.failures)


def test_the_checks_find_what_they_look_for(browser):
    """The scans above can fail: each finds a planted fault."""
    page = browser.new_context(reduced_motion="reduce", **ZOOM_200).new_page()
    page.set_content(
        "<html><body><main><img src='x.png'>"
        "<div style='width:2000px;transition:width 2s'>wide</div></main></body></html>"
    )
    rules = {violation.split(" ")[0] for violation in axe_violations(page, axe_source())}
    assert {"image-alt", "html-has-lang"} <= rules
    assert horizontal_overflow(page) > 0
    assert moving_elements(page) == ["div."]
    page.context.close()
