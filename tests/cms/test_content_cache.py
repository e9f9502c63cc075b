"""Every cached view shows an editor's change on the very next request (issue 13, item 5):
whole pages for visitors without a session, the route from an address to its page, the
header's language links and navigation, a lesson's key terms and related lectures, view
restrictions, and account permissions. The cache is pinned to local memory, so between
requests the pages really come from it (the X-Page-Cache header says so)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import GlossaryPage, GlossaryTerm, StandardPage
from core import content_cache
from tests.conftest import complete, progress_url
from tests.factories import LessonPageFactory


@pytest.fixture(autouse=True)
def local_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "content-cache-tests",
        }
    }
    cache.clear()
    yield
    cache.clear()


def read(client, url):
    """A page twice: the second answer is from the cache for a visitor without a session."""
    client.get(url)
    return client.get(url)


def test_a_reader_without_a_session_gets_the_page_from_the_cache(client, course):
    lesson = course.lessons[0]
    first = client.get(lesson.url)
    assert first["X-Page-Cache"] == "miss"
    second = client.get(lesson.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content.decode().count(lesson.title) >= 1
    assert "sessionid" not in client.cookies


def test_a_published_change_is_on_the_next_request(client, course, learner):
    lesson = course.lessons[0]
    signed_in = Client()
    signed_in.force_login(learner)
    assert read(client, lesson.url)["X-Page-Cache"] == "hit"
    read(signed_in, lesson.url)
    lesson.title = "Tulevaisuuden merkit"
    lesson.save_revision().publish()
    anonymous = client.get(lesson.url)
    assert "Tulevaisuuden merkit" in anonymous.content.decode()
    assert anonymous["X-Page-Cache"] == "miss"
    assert "Tulevaisuuden merkit" in signed_in.get(lesson.url).content.decode()
    # and on the pages that list it: the module, the course, and the next lesson's pager
    assert "Tulevaisuuden merkit" in client.get(course.modules[0].url).content.decode()
    assert "Tulevaisuuden merkit" in client.get(course.course.url).content.decode()


def test_a_draft_is_not_shown_until_published(client, course):
    lesson = course.lessons[0]
    read(client, lesson.url)
    lesson.title = "Luonnos"
    lesson.save_revision()
    assert "Luonnos" not in client.get(lesson.url).content.decode()


def test_unpublishing_answers_404_at_once(client, course, learner):
    lesson = course.lessons[1]
    signed_in = Client()
    signed_in.force_login(learner)
    read(client, lesson.url)
    read(signed_in, lesson.url)
    lesson.unpublish()
    assert client.get(lesson.url).status_code == 404
    assert signed_in.get(lesson.url).status_code == 404


def test_deleting_answers_404_at_once(client, course):
    lesson = course.lessons[1]
    url = lesson.url
    read(client, url)
    lesson.delete()
    assert client.get(url).status_code == 404


def moved(client, old: str, new: str) -> bool:
    """The old address no longer serves the page (it answers 404, or leads to the new
    one by Wagtail's automatic redirect), and the new one serves it."""
    response = client.get(old)
    gone = response.status_code == 404 or (
        response.status_code in (301, 302) and response["Location"].endswith(new)
    )
    return gone and client.get(new).status_code == 200


def test_a_moved_page_answers_at_its_new_address(client, course):
    lesson = course.lessons[0]
    old = lesson.url
    read(client, old)
    lesson.move(course.modules[-1], pos="last-child")
    lesson.refresh_from_db()
    assert lesson.url != old
    assert moved(client, old, lesson.url)


def test_a_new_slug_moves_the_address_at_once(client, course):
    lesson = course.lessons[0]
    old = lesson.url
    read(client, old)
    lesson.slug = "uusi-osoite"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert lesson.url != old
    assert moved(client, old, lesson.url)


def test_scheduled_publishing_is_on_the_next_request(client, course):
    lesson = course.lessons[0]
    read(client, lesson.url)
    lesson.title = "Ajastettu otsikko"
    revision = lesson.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    assert revision.approved_go_live_at is not None
    assert "Ajastettu otsikko" not in client.get(lesson.url).content.decode()
    call_command("publish_scheduled")
    assert "Ajastettu otsikko" in client.get(lesson.url).content.decode()


def test_a_new_lesson_shows_in_the_module_at_once(client, course):
    module = course.modules[0]
    read(client, module.url)
    LessonPageFactory(parent=module, title="Aivan uusi oppitunti")
    assert "Aivan uusi oppitunti" in client.get(module.url).content.decode()


def test_a_view_restriction_applies_on_the_next_request(client, course, learner):
    """A page made private is never served from the cache again to anyone it excludes."""
    lesson = course.lessons[0]
    assert read(client, lesson.url).status_code == 200
    PageViewRestriction.objects.create(
        page=course.course, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
    signed_in = Client()
    signed_in.force_login(learner)
    assert signed_in.get(lesson.url).status_code == 200


def test_lifting_a_view_restriction_applies_on_the_next_request(client, course):
    restriction = PageViewRestriction.objects.create(
        page=course.course, restriction_type=PageViewRestriction.LOGIN
    )
    lesson = course.lessons[0]
    assert read(client, lesson.url).status_code == 302
    restriction.delete()
    assert client.get(lesson.url).status_code == 200


def test_a_new_glossary_term_shows_under_the_lesson_at_once(client, course, home):
    home.add_child(instance=GlossaryPage(title="Sanasto", slug="sanasto"))
    lesson = course.lessons[0]
    read(client, lesson.url)
    GlossaryTerm.objects.create(
        term="Heikko signaali",
        anchor="heikko-signaali",
        definition="Varhainen merkki muutoksesta.",
        introduced_in=lesson,
        locale=lesson.locale,
    )
    page = client.get(lesson.url).content.decode()
    assert page.count("Heikko signaali") >= 1


def test_a_page_added_to_the_menu_shows_in_the_header_at_once(client, course, home):
    read(client, course.lessons[0].url)
    page = home.add_child(
        instance=StandardPage(title="Yhteystiedot", slug="yhteystiedot", show_in_menus=True)
    )
    page.save_revision().publish()
    assert "Yhteystiedot" in client.get(course.lessons[0].url).content.decode()


def test_a_cached_page_forms_work_without_javascript(course):
    """The completion form on a page from the cache carries a token for this visitor: a
    browser without JavaScript posts it and the lesson is done."""
    lesson = course.lessons[0]
    Client().get(lesson.url)  # someone else filled the cache
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(lesson.url)
    assert page["X-Page-Cache"] == "hit"
    assert "csrftoken" in browser.cookies  # this visitor's own CSRF cookie
    html = page.content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    assert len(token) == 64
    response = browser.post(
        progress_url(lesson), {"action": "complete", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert "sessionid" in browser.cookies  # their session starts when they act


def test_two_visitors_never_share_a_csrf_token(course):
    lesson = course.lessons[0]
    Client().get(lesson.url)
    tokens = set()
    for _visitor in range(2):
        html = Client().get(lesson.url).content.decode()
        tokens.add(html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0])
    assert len(tokens) == 2
    assert "\x00" not in html


def test_a_learner_with_a_session_never_gets_or_fills_the_page_cache(client, course):
    lesson, other = course.lessons[0], course.lessons[1]
    complete(client, lesson)  # an anonymous learner: progress in their session
    first = client.get(other.url)
    second = client.get(other.url)
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    # what they saw (their own progress) was not stored for anyone else
    assert Client().get(other.url)["X-Page-Cache"] == "miss"


def test_a_page_with_a_query_string_is_rendered(client, course):
    lesson = course.lessons[0]
    read(client, lesson.url)
    assert "X-Page-Cache" not in client.get(lesson.url + "?utm_source=uutiskirje")


def test_a_preview_is_never_cached(client, course):
    """An editor's preview shows the draft; nobody else ever gets it from a cache."""
    lesson = course.lessons[0]
    read(client, lesson.url)
    lesson.title = "Esikatseltava luonnos"
    lesson.save_revision()
    preview = lesson.make_preview_request()
    assert "Esikatseltava luonnos" in preview.content.decode()
    assert "Esikatseltava luonnos" not in client.get(lesson.url).content.decode()
    assert "Esikatseltava luonnos" not in Client().get(lesson.url).content.decode()


def test_permissions_granted_or_revoked_apply_on_the_next_request(client, learner, course):
    client.force_login(learner)
    editors = Group.objects.create(name="Muokkaajat")
    assert not learner.has_perm("wagtailadmin.access_admin")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    learner.groups.add(editors)
    fresh = type(learner).objects.get(pk=learner.pk)
    assert fresh.has_perm("wagtailadmin.access_admin")
    learner.groups.remove(editors)
    fresh = type(learner).objects.get(pk=learner.pk)
    assert not fresh.has_perm("wagtailadmin.access_admin")


def test_with_the_cache_empty_pages_render_from_the_database(client, course):
    lesson = course.lessons[0]
    read(client, lesson.url)
    cache.clear()
    content_cache.local.clear()
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"


def test_a_body_change_is_on_the_next_request_for_everyone(client, course, learner):
    """The lesson body is rendered once per published revision: a new one shows at once,
    and the reflection prompts keep their words and each learner's own answer."""
    from tests.conftest import save_reflection

    lesson = course.lessons[0]
    signed_in = Client()
    signed_in.force_login(learner)
    save_reflection(signed_in, lesson, "Oma vastaukseni")
    read(client, lesson.url)
    first = read(signed_in, lesson.url).content.decode()
    assert "Paragraph 1." in first and "Question 1?" in first and "A few sentences." in first
    assert "Oma vastaukseni" in first
    assert "Oma vastaukseni" not in client.get(lesson.url).content.decode()
    body = lesson.body.raw_data
    body[0]["value"] = "<p>Uusi kappale.</p>"
    lesson.body = body
    lesson.save_revision().publish()
    for visitor in (client, signed_in):
        page = visitor.get(lesson.url).content.decode()
        assert "Uusi kappale." in page and "Paragraph 1." not in page
        assert "Question 1?" in page
    assert "Oma vastaukseni" in signed_in.get(lesson.url).content.decode()


def test_a_page_from_the_cache_has_every_header_the_stack_gives_it(course):
    """The page cache answers before the rest of the middleware: the page it answers
    carries the security, privacy and language headers the stack gave the stored page,
    and the visitor's own cookies (CSRF, language) are set for them, not copied."""
    lesson = course.lessons[0]
    miss = Client().get(lesson.url)
    hit = Client().get(lesson.url)
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"]) == ("miss", "hit")
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Cross-Origin-Opener-Policy",
        "Permissions-Policy",
        "Content-Language",
        "Content-Type",
        "Vary",
    ):
        assert hit.get(header) == miss.get(header), header
    assert "Cookie" in hit["Vary"]
    assert int(hit["Content-Length"]) == len(hit.content)
    assert hit.cookies["django_language"].value == "fi"
    assert hit.cookies["csrftoken"].value != miss.cookies["csrftoken"].value


def test_a_returning_reader_keeps_their_own_csrf_cookie(course):
    lesson = course.lessons[0]
    Client().get(lesson.url)
    browser = Client(enforce_csrf_checks=True)
    browser.get(lesson.url)
    cookie = browser.cookies["csrftoken"].value
    again = browser.get(lesson.url)
    assert again["X-Page-Cache"] == "hit"
    # Django sends the cookie again with a page that uses it (its expiry renewed), with
    # the same secret: the tokens in the reader's other open tabs stay good.
    assert browser.cookies["csrftoken"].value == cookie
    assert "django_language" not in again.cookies


def test_a_page_that_is_not_wagtails_is_never_stored(client, learner):
    """Only Wagtail pages are stored: another view's answer for a visitor without a
    session (the sign-in page, a certificate check) is rendered every time."""
    for url in ("/verify/", "/fi/haku/"):
        first, second = client.get(url), client.get(url)
        assert "X-Page-Cache" not in first and "X-Page-Cache" not in second, url


def test_the_dashboard_shows_a_course_change_on_the_next_request(client, course, learner):
    """The dashboard reads the live courses from the cache: a renamed course shows its new
    title at once, and an unpublished one leaves the list at once."""
    from tests.conftest import dashboard_url

    client.force_login(learner)
    complete(client, course.lessons[0])
    assert course.course.title in client.get(dashboard_url()).content.decode()
    course.course.title = "Ennakointi uudella nimellä"
    course.course.save_revision().publish()
    assert "Ennakointi uudella nimellä" in client.get(dashboard_url()).content.decode()
    course.course.unpublish()
    page = client.get(dashboard_url()).content.decode()
    assert "Ennakointi uudella nimellä" not in page
    assert "card__title" not in page


def test_marking_a_lesson_follows_a_change_on_the_next_request(client, course, learner):
    """The completion view reads the live public lesson from the cache: unpublished, or
    put behind a password, it answers 404 at once and nothing is saved."""
    from courses.models import LessonCompletion

    client.force_login(learner)
    first, second = course.lessons[0], course.lessons[1]
    assert complete(client, first).status_code == 302
    complete(Client(), second)  # someone fills the cache for the second lesson
    PageViewRestriction.objects.create(
        page=second, restriction_type=PageViewRestriction.PASSWORD, password="salainen"
    )
    assert complete(client, second).status_code == 404
    first.unpublish()
    assert complete(client, first).status_code == 404
    assert list(LessonCompletion.objects.filter(user=learner).values_list("lesson", flat=True)) == [
        first.id
    ]


def test_a_new_site_changes_the_page_urls_on_the_next_request(client, course):
    """Page URLs are built from Wagtail's site root paths, kept in each process's memory:
    a site added for the course (its own domain) is in them at once, and serves the course
    on its domain."""
    from wagtail.models import Site

    lesson = course.lessons[0]
    url = lesson.url
    read(client, url)
    assert "https://ennakointi.example.fi" not in content_cache.site_root_paths().__repr__()
    Site.objects.create(
        hostname="ennakointi.example.fi", port=443, root_page=course.course, site_name="Kurssi"
    )
    paths = content_cache.site_root_paths()
    assert any(path.root_url == "https://ennakointi.example.fi" for path in paths)
    page = client.get(url)
    assert page.status_code == 200
    assert course.lessons[1].title in page.content.decode()
    on_its_own_domain = client.get("/", HTTP_HOST="ennakointi.example.fi", secure=True, follow=True)
    assert course.course.title in on_its_own_domain.content.decode()


def _token(html: str, action: str) -> str:
    form = html.split(f'action="{action}"', 1)[1]
    return form.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


def test_the_cached_header_carries_each_learners_own_csrf_token(course, learner):
    """The header is rendered once per page and signed-in state: each learner's log-out
    and language forms carry a token of their own, and work."""
    from django.urls import reverse

    from tests.factories import UserFactory

    lesson = course.lessons[0]
    first = Client(enforce_csrf_checks=True)
    first.force_login(UserFactory())
    first.get(lesson.url)  # fills the header fragment
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(learner)
    html = browser.get(lesson.url).content.decode()
    logout = reverse("account_logout")
    assert "\x00" not in html
    token = _token(html, logout)
    assert token != _token(first.get(lesson.url).content.decode(), logout)
    response = browser.post(logout, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "_auth_user_id" not in browser.session
    # signed out, the header offers signing in: the signed-in header was not reused
    assert f'action="{logout}"' not in browser.get(lesson.url).content.decode()


def test_a_menu_change_shows_in_a_signed_in_learners_header_at_once(course, home, learner):
    signed_in = Client()
    signed_in.force_login(learner)
    read(signed_in, course.lessons[0].url)
    page = home.add_child(
        instance=StandardPage(title="Tapahtumat", slug="tapahtumat", show_in_menus=True)
    )
    page.save_revision().publish()
    html = signed_in.get(course.lessons[0].url).content.decode()
    assert "Tapahtumat" in html
    # and in the footer-and-header of a view that is not a page (rendered, never stored)
    assert "Tapahtumat" in signed_in.get("/fi/my/").content.decode()


def test_a_quiz_changed_by_an_editor_is_what_the_next_submission_sees(learner_client, quiz):
    """The quiz views read the live public quiz from the cache: unpublished, it answers
    404 at once and the open attempt stays ungraded; republished with a new pass mark, the
    next attempt takes it."""
    from courses.models import QuizAttempt
    from tests.conftest import quiz_answers, start_quiz, submit_quiz

    assert start_quiz(learner_client, quiz).status_code == 302
    attempt = QuizAttempt.objects.get()
    quiz.unpublish()
    assert submit_quiz(learner_client, quiz, quiz_answers(attempt)).status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    quiz.pass_mark = 100
    quiz.save_revision().publish()
    assert submit_quiz(learner_client, quiz, quiz_answers(attempt)).status_code == 302
    assert start_quiz(learner_client, quiz).status_code == 302
    newest = QuizAttempt.objects.order_by("-pk").first()
    assert newest.pk != attempt.pk
    assert newest.pass_mark == 100
