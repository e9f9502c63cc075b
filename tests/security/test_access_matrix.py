"""The URL × role matrix (issue #11).

Every URL pattern the resolver knows (the site's, allauth's, Wagtail admin's, the language-
prefixed ones), every Wagtail page type and every sub-route of a routable page is requested
with GET by seven roles, and each answer is compared with `EXPECTED` below. A pattern no entry
covers fails the test with its name: a new URL cannot slip in without somebody deciding who
may open it. Every mismatching cell is reported in one assertion.

The roles (columns): anonymous, learner A, learner B, an editor (staff, Wagtail's Editors
group), a non-staff editor (admin access and page rights through a group, no staff flag), a
course manager (certificates and quiz results) and a superuser. URLs are filled with learner
A's objects (A's certificate code, A's quiz attempt, A's passkey...), so the learner B column
is B aiming at A's objects; `EXTRA` adds B's own, to show that ownership, not an empty
account, decides, and the bad-input and export variants of some URLs.

Beside the outcome, every answer is checked for two things: it shows nothing of A's (email,
name, certificate code, reflection) to a role that may not see it, and it does not log the
requester out. Last, every URL that answers 405 to a GET is sent a POST without a CSRF token,
which must be refused with 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import urlsplit

from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import get_page_models

from tests.security.conftest import REFLECTION_A, ROLES, World, role_clients, sign_in

LANGUAGE = "fi"

# Outcomes -------------------------------------------------------------------------------

OK = "ok"  # 2xx
LOGIN = "login"  # a redirect to allauth's login page, /accounts/login/
DENIED = "denied"  # Wagtail refusing an admin user: a redirect to /admin/ with a message
E403, E404, E405 = "403", "404", "405"


def to(path: str) -> str:
    """A redirect to `path` or somewhere below it (not the login page, not /admin/)."""
    return f"redirect {path}"


def either(*outcomes: str) -> frozenset[str]:
    """Any of these; used only where two fixes are equally right, and said why."""
    return frozenset(outcomes)


class Row(NamedTuple):
    """The expected outcome for each role; None: the cell is not requested."""

    anonymous: object
    learner_a: object
    learner_b: object  # aiming at learner A's objects
    editor: object
    nonstaff_editor: object
    manager: object
    superuser: object


def everyone(outcome) -> Row:
    return Row(*[outcome] * len(ROLES))


def admin(editor, nonstaff_editor, manager, superuser) -> Row:
    """A Wagtail admin URL: visitors and learners are sent to log in."""
    return Row(LOGIN, LOGIN, LOGIN, editor, nonstaff_editor, manager, superuser)


def logged_in(outcome, anonymous=LOGIN) -> Row:
    return Row(anonymous, *[outcome] * (len(ROLES) - 1))


PUBLIC = everyone(OK)
ANY_ADMIN = admin(OK, OK, OK, OK)
# Page rights: both editors have them (the Editors group add and change, the page-editors
# group add, change and publish); the course manager has none.
PAGE_EDITORS = admin(OK, OK, DENIED, OK)
PUBLISHERS = admin(DENIED, OK, DENIED, OK)  # publish rights: not Wagtail's Editors group
# Image and document rights come with Wagtail's Editors group's collection permissions.
MEDIA_EDITORS = admin(OK, DENIED, DENIED, OK)
SUPERUSER_ONLY = admin(DENIED, DENIED, DENIED, OK)
NOBODY = admin(DENIED, DENIED, DENIED, DENIED)
# certificates.view_certificate / change_certificate / courses.view_quizattempt: the manager.
CERTIFICATE_STAFF = admin(DENIED, DENIED, OK, OK)
QUIZ_RESULTS = admin(DENIED, DENIED, OK, OK)
EVENT_STAFF = admin(DENIED, DENIED, OK, OK)  # events.view_registration
ADMIN_POST_ONLY = admin(E405, E405, E405, E405)
NOT_FOUND_FOR_ADMINS = admin(E404, E404, E404, E404)
# A learner's own things: the owner; the certificate also for staff with the permission.
OWNER_ONLY = Row(E404, OK, E404, E404, E404, E404, E404)
OWNER_OR_CERTIFICATE_STAFF = Row(E404, OK, E404, E404, E404, OK, OK)


# The expected-access table ------------------------------------------------------------
#
# Keys are URL patterns exactly as the resolver writes them ("<lang>/" for the language
# prefix); a key ending in "*" covers every pattern starting with what precedes it. An exact
# key wins over a prefix, and a longer prefix over a shorter one.

EXPECTED: dict[str, Row] = {
    # The site -------------------------------------------------------------------------
    "healthz": PUBLIC,
    "healthz/worker": PUBLIC,  # "eager" here; with a broker, 503 while no worker beats
    "<lang>/my/": PUBLIC,  # anonymous learners keep their progress in the session
    "<lang>/haku/": PUBLIC,
    "<lang>/my/lessons/*": everyone(E405),  # POST only
    "<lang>/my/quizzes/*": everyone(E405),  # start, submit, profile: POST only
    "<lang>/my/quiz-attempts/<id:attempt_id>/": OWNER_ONLY,  # staff read attempts in reports
    "<lang>/my/certificates/status.json": PUBLIC,  # the requester's own list; empty for visitors
    # "Get your certificate" on a completed course: each learner's own certificate (A and B
    # both have one), a visitor is asked to sign up (their completion joins the account),
    # anyone without one gets 404.
    "<lang>/my/certificates/course/<id:course_id>/": Row(
        to("/accounts/signup/"), *[to("/fi/my/certificates/")] * 2, E404, E404, E404, E404
    ),
    "<lang>/my/certificates/<str:code>/": OWNER_OR_CERTIFICATE_STAFF,
    "<lang>/my/certificates/<str:code>/pdf/": OWNER_OR_CERTIFICATE_STAFF,
    # A's certificate waiting for the name: only A confirms it.
    "<lang>/my/certificates/<str:code>/name/": OWNER_ONLY,
    # The page-privacy login must not log anyone in itself: allauth's login does.
    "<lang>/_util/login/": everyone(LOGIN),
    # A password-protected page's form: shown to everyone, logs nobody in.
    "<lang>/_util/authenticate_with_password/*": PUBLIC,
    "<lang>/^((?:[\\w\\-]+/)*)$": everyone(E404),  # a slug no page has; pages: PAGE_TYPES
    "verify/": PUBLIC,  # the form to type a code
    "verify/<str:code>/": PUBLIC,  # printed on the certificate: public by design
    "verify/<str:code>.json": PUBLIC,
    "documents/^(\\d+)/(.*)$": PUBLIC,  # a document in the public root collection
    "documents/authenticate_with_password/*": PUBLIC,  # the collection password form
    "^media/*": PUBLIC,  # an image's original file
    "i18n/setlang/": everyone(to("/")),  # a GET changes no language
    # allauth ---------------------------------------------------------------------------
    "accounts/profile/": logged_in(OK),
    # Data rights (issue 14): the export is asked for with a POST; A's export file is A's
    # alone (staff see a learner's export only if they asked for it, in the admin).
    "accounts/profile/export/": logged_in(E405),
    "accounts/profile/export/<uuid:export_id>/": OWNER_ONLY,
    "accounts/profile/delete/": logged_in(OK),
    "accounts/deleted/": PUBLIC,
    # Events (issue 15): signing up is a POST; the registration page is behind the random
    # link emailed to the person (anyone holding it may see and cancel that sign-up).
    "<lang>/my/events/<id:event_id>/signup/": everyone(E405),
    "<lang>/my/events/registration/<uuid:token>/": PUBLIC,
    # The foresight plan (issue 15): everyone has their own, visitors in the session. A has
    # written one (with A's reflection in it): its PDF and its actions' .ics are A's alone,
    # and everybody else gets a 404 (they have none).
    "<lang>/my/plan/<id:course_id>/": PUBLIC,
    "<lang>/my/plan/<id:course_id>/<slug:key>/": PUBLIC,
    "<lang>/my/plan/<id:course_id>/pdf/": OWNER_ONLY,
    "<lang>/my/plan/<id:course_id>/ical/": OWNER_ONLY,
    "<lang>/my/tools/": PUBLIC,  # the worksheets, public PDF forms
    "<lang>/my/tools/<slug:key>/": PUBLIC,
    "accounts/login/": Row(OK, *[to("/fi/my/")] * 6),
    "accounts/signup/": Row(OK, *[to("/fi/my/")] * 6),
    "accounts/login/code/confirm/": logged_in(to("/fi/my/")),  # no code was requested
    "accounts/logout/": logged_in(OK, anonymous=to("/")),  # a GET asks; a POST logs out
    "accounts/inactive/": PUBLIC,
    "accounts/reauthenticate/": logged_in(OK),
    "accounts/reauthenticate/code/": logged_in(OK),
    "accounts/reauthenticate/code/confirm/": logged_in(to("/accounts/reauthenticate/code/")),
    "accounts/email/": logged_in(OK),
    "accounts/confirm-email/": PUBLIC,
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": PUBLIC,  # a key that is not valid: a message
    "accounts/password/change/": logged_in(OK),
    "accounts/password/set/": logged_in(to("/accounts/password/change/")),  # they have one
    "accounts/password/reset/*": PUBLIC,
    # A key that is not valid: a message, nothing changes.
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": PUBLIC,
    # allauth.mfa: each user's own authenticators; the clients confirmed their password a
    # moment ago, so the pages answer instead of asking for it first.
    "accounts/2fa/": logged_in(OK),
    "accounts/2fa/authenticate/": logged_in(to("/fi/my/")),  # no sign-in waits for a code
    "accounts/2fa/webauthn/login/": logged_in(to("/fi/my/")),
    # Staff confirm with their authenticator app; learners have none and use the password.
    "accounts/2fa/reauthenticate/": Row(LOGIN, *[to("/accounts/reauthenticate/")] * 2, *[OK] * 4),
    "accounts/2fa/totp/activate/": Row(
        LOGIN,
        OK,
        OK,
        *[to("/accounts/2fa/totp/deactivate/")] * 4,  # staff have one already
    ),
    "accounts/2fa/totp/deactivate/": Row(LOGIN, E404, E404, OK, OK, OK, OK),
    "accounts/2fa/recovery-codes/": logged_in(E404),  # nobody has generated any
    "accounts/2fa/recovery-codes/download/": logged_in(E404),
    "accounts/2fa/recovery-codes/generate/": logged_in(OK),
    "accounts/2fa/webauthn/": logged_in(OK),  # the user's passkeys
    "accounts/2fa/webauthn/add/": logged_in(OK),
    # Only A has a passkey to confirm with.
    "accounts/2fa/webauthn/reauthenticate/": Row(LOGIN, OK, *[to("/accounts/reauthenticate/")] * 5),
    "accounts/2fa/webauthn/keys/*": OWNER_ONLY._replace(anonymous=LOGIN),  # A's passkey
    # One way in: Wagtail's login and password reset lead to allauth's ----------------------
    "admin/login/": everyone(LOGIN),
    "admin/password_reset/*": everyone(to("/accounts/password/reset/")),
    "^admin/password_reset/*": everyone(to("/accounts/password/reset/")),
    # The Wagtail admin: Wagtail's permission model decides --------------------------------
    "admin/": ANY_ADMIN,  # the dashboard
    "admin/account/": ANY_ADMIN,  # their own language and notification settings
    "admin/dismissibles/": ANY_ADMIN,
    "admin/test404/": ANY_ADMIN,  # Wagtail's 404 template, rendered as a page
    "admin/choose-external-link/": ANY_ADMIN,  # the link choosers' forms
    "admin/choose-email-link/": ANY_ADMIN,
    "admin/choose-phone-link/": ANY_ADMIN,
    "admin/choose-anchor-link/": ANY_ADMIN,
    "admin/sprite/": PUBLIC,
    "admin/jsi18n/": PUBLIC,
    # No such admin URL: Wagtail sends whoever lacks admin access to its login URL (which
    # leads on to allauth's), and tells admin users it is not there.
    "admin/^.*/$": Row(*[to("/admin/login/")] * 3, E404, E404, E404, E404),
    # Wagtail's deliberate error page, for testing error reports: not on the live site.
    "admin/failwhale/": everyone(E404),
    # One account system: the admin's logout is allauth's (which asks before it logs out).
    "admin/logout/": everyone(to("/accounts/logout/")),
    # Bulk actions on certificates list learners: only certificate staff get that far.
    "admin/bulk/certificates/<str:model_name>/<str:action>/": CERTIFICATE_STAFF,
    "admin/block-preview/": NOT_FOUND_FOR_ADMINS,  # no block named in the query
    "admin/editing-sessions/*": ADMIN_POST_ONLY,
    "admin/api/main/*": ANY_ADMIN,  # the rich text editor's API
    "admin/api/main/^pages/<int:pk>/": admin(OK, OK, E404, OK),
    "admin/api/main/^pages/<int:pk>/action/<str:action_name>/": ADMIN_POST_ONLY,
    "admin/api/main/^pages/find/": NOT_FOUND_FOR_ADMINS,  # no path asked for
    "admin/api/main/^documents/find/": NOT_FOUND_FOR_ADMINS,
    "admin/api/main/^images/find/": NOT_FOUND_FOR_ADMINS,
    # Pages (the quiz page; its module as parent and destination).
    "admin/pages/*": PAGE_EDITORS,
    "admin/pages/<int:page_id>/delete/": PUBLISHERS,
    "admin/pages/<int:page_id>/unpublish/": PUBLISHERS,
    "admin/pages/<int:page_to_move_id>/move/": PUBLISHERS,
    "admin/pages/<int:page_id>/privacy/": PUBLISHERS,
    "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": PUBLISHERS,
    "admin/pages/<int:page_id>/convert_alias/": NOT_FOUND_FOR_ADMINS,  # the quiz is no alias
    "admin/pages/<int:page_id>/lock/": ADMIN_POST_ONLY,
    "admin/pages/<int:page_id>/unlock/": ADMIN_POST_ONLY,
    "admin/pages/<int:page_to_move_id>/set_position/": ADMIN_POST_ONLY,
    "admin/pages/<int:page_id>/revisions/": admin(*[to("/admin/pages/")] * 4),  # to history
    # Wagtail checks the move on POST; the GET shows titles the page chooser shows anyway.
    "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": ANY_ADMIN,
    "admin/pages/create/<slug:app_label>/<slug:model_name>": ANY_ADMIN,  # where may I add?
    # No workflow runs on the quiz: there is no task state to act on or preview.
    "admin/pages/workflow/action/*": NOT_FOUND_FOR_ADMINS,
    "admin/pages/workflow/collect_action_data/*": NOT_FOUND_FOR_ADMINS,
    "admin/pages/workflow/preview/*": NOBODY,
    "admin/pages/workflow/confirm_cancellation/*": ANY_ADMIN,  # "nothing to confirm"
    "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": (
        NOT_FOUND_FOR_ADMINS._replace(manager=DENIED)
    ),
    # Bulk-deleting A's certificate: Wagtail's confirmation lists the certificates the user
    # may not delete, by code and learner's name, so without view_certificate it is refused.
    "admin/bulk/*": CERTIFICATE_STAFF,
    "admin/choose-page/*": ANY_ADMIN,
    "admin/tag-autocomplete/*": ANY_ADMIN,
    "admin/collections/*": SUPERUSER_ONLY,
    "admin/collections/<int:pk>/delete/": admin(E404, E404, E404, OK),
    "admin/workflows/*": SUPERUSER_ONLY,
    "admin/workflows/enable/<int:pk>/": ADMIN_POST_ONLY,
    "admin/workflows/remove/*": ADMIN_POST_ONLY,
    "admin/workflows/tasks/enable/<int:pk>/": ADMIN_POST_ONLY,
    # Straight to the form of the one task type there is.
    "admin/workflows/tasks/select_type/": SUPERUSER_ONLY._replace(
        superuser=to("/admin/workflows/tasks/add/")
    ),
    "admin/workflows/task_chooser/*": ANY_ADMIN,
    "admin/reports/locked/*": SUPERUSER_ONLY,  # needs the unlock right
    "admin/reports/workflow/*": PAGE_EDITORS,
    "admin/reports/workflow_tasks/*": PAGE_EDITORS,
    "admin/reports/aging-pages/*": PAGE_EDITORS,
    "admin/reports/page-types-usage/*": PAGE_EDITORS,
    "admin/reports/site-history/*": ANY_ADMIN,  # each sees the entries they may see
    "admin/reports/quizzes/*": QUIZ_RESULTS,
    "admin/forms/*": PAGE_EDITORS,
    # The site has no form page type: the quiz's id names no form.
    "admin/forms/submissions/*": NOT_FOUND_FOR_ADMINS,
    "admin/forms/submissions/<int:page_id>/delete/": NOBODY,
    "admin/redirects/*": SUPERUSER_ONLY,
    "admin/redirects/import/process/": admin(DENIED, DENIED, DENIED, E405),
    "admin/settings/*": SUPERUSER_ONLY,
    # To the default site's settings; site links have no preview.
    "admin/settings/<slug:app_name>/<slug:model_name>/": SUPERUSER_ONLY._replace(
        superuser=to("/admin/settings/cms/sitelinks/")
    ),
    "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": SUPERUSER_ONLY._replace(
        superuser=E404
    ),
    "admin/translation/*": SUPERUSER_ONLY,
    "admin/embeds/*": ANY_ADMIN,
    "admin/sites/*": SUPERUSER_ONLY,
    "admin/users/*": SUPERUSER_ONLY,
    "admin/groups/*": SUPERUSER_ONLY,
    "admin/locales/*": SUPERUSER_ONLY,
    "admin/locales/new/": NOBODY,  # every language of the site has its locale already
    "admin/documents/*": MEDIA_EDITORS,
    "admin/documents/multiple/<int:doc_id>/": ADMIN_POST_ONLY,
    "admin/documents/multiple/<int:doc_id>/delete/": ADMIN_POST_ONLY,
    "admin/documents/multiple/create_from_uploaded_document/*": ADMIN_POST_ONLY,
    "admin/documents/multiple/delete_upload/*": ADMIN_POST_ONLY,
    "admin/documents/chooser/": ANY_ADMIN,  # lists what the user may choose
    "admin/documents/chooser/results/": ANY_ADMIN,
    "admin/documents/chooser/chosen-multiple/": ANY_ADMIN,
    "admin/images/*": MEDIA_EDITORS,
    "admin/images/multiple/<int:image_id>/": ADMIN_POST_ONLY,
    "admin/images/multiple/<int:image_id>/delete/": ADMIN_POST_ONLY,
    "admin/images/multiple/create_from_uploaded_image/*": ADMIN_POST_ONLY,
    "admin/images/multiple/delete_upload/*": ADMIN_POST_ONLY,
    # The URL generator needs Wagtail's dynamic image serve view, which the site leaves out.
    "admin/images/<int:image_id>/generate_url/*": admin(E404, DENIED, DENIED, E404),
    "admin/images/chooser/": ANY_ADMIN,
    "admin/images/chooser/results/": ANY_ADMIN,
    "admin/images/chooser/chosen-multiple/": ANY_ADMIN,
    # Snippets: the certificate models sit in their own menu group, not the snippet index.
    "admin/snippets/": NOBODY,
    # Certificates hold learners' names and emails: view_certificate to see any of them,
    # in the listing, its CSV, the inspect view or the chooser; only completion makes one.
    "admin/snippets/certificates/certificate/*": CERTIFICATE_STAFF,
    "admin/snippets/choose/certificates/certificate/*": CERTIFICATE_STAFF,
    "admin/snippets/certificates/certificate/add/": NOBODY,
    "admin/snippets/choose/certificates/certificate/create/": NOBODY,
    "admin/snippets/certificates/certificate/delete/<int:pk>/": SUPERUSER_ONLY,
    "admin/certificates/*": CERTIFICATE_STAFF,  # revoke, re-issue, regenerate
    # Templates and the course-template links hold no personal data; Wagtail's choosers
    # list them to any admin user, everything else needs the snippet's rights.
    "admin/snippets/certificates/certificatetemplate/*": SUPERUSER_ONLY,
    "admin/snippets/certificates/coursecertificate/*": SUPERUSER_ONLY,
    "admin/snippets/choose/certificates/certificatetemplate/*": ANY_ADMIN,
    "admin/snippets/choose/certificates/coursecertificate/*": ANY_ADMIN,
    "admin/snippets/choose/certificates/certificatetemplate/create/": SUPERUSER_ONLY,
    "admin/snippets/choose/certificates/coursecertificate/create/": SUPERUSER_ONLY,
    # Sign-ups hold names and addresses: the course manager (view and change registration)
    # sees, exports and marks attendance; only the sign-up form makes one.
    "admin/snippets/events/registration/*": EVENT_STAFF,
    "admin/snippets/choose/events/registration/*": EVENT_STAFF,
    "admin/snippets/events/registration/add/": NOBODY,
    "admin/snippets/choose/events/registration/create/": NOBODY,
    "admin/snippets/events/registration/delete/<int:pk>/": SUPERUSER_ONLY,
    "admin/snippets/events/organisation/*": SUPERUSER_ONLY,
    "admin/snippets/choose/events/organisation/*": ANY_ADMIN,
    "admin/snippets/choose/events/organisation/create/": SUPERUSER_ONLY,
}

# One live page of each type, served at its URL; "<type> <route>" is a routable page's
# sub-route.
PAGE_TYPES: dict[str, Row] = {
    "wagtailcore.Page": PUBLIC,
    "cms.HomePage": PUBLIC,
    "cms.StandardPage": PUBLIC,
    "cms.GlossaryPage": PUBLIC,
    "cms.GuestLectureIndexPage": PUBLIC,
    "cms.GuestLecturePage": PUBLIC,
    "courses.CourseIndexPage": PUBLIC,
    "courses.CoursePage": PUBLIC,
    "courses.ModulePage": PUBLIC,
    "courses.LessonPage": PUBLIC,
    "courses.QuizPage": PUBLIC,
    "courses.QuizPage result/<path:keys>/": PUBLIC,  # a self-test's shareable result
    "events.EventIndexPage": PUBLIC,
    "events.EventIndexPage <int:year>/<int:month>/": PUBLIC,  # the month view
    "events.EventIndexPage ical/": PUBLIC,  # the calendar feeds
    "events.EventIndexPage ical/<str:kind>/": PUBLIC,
    "events.EventPage": PUBLIC,
    "events.EventPage ical/": PUBLIC,
}

# Where a sub-route of a routable page is requested.
ROUTE_URLS: dict[str, Callable[[World], str]] = {
    "courses.QuizPage result/<path:keys>/": lambda w: w.profile_quiz.url + "result/visio/",
    "events.EventIndexPage <int:year>/<int:month>/": (
        lambda w: w.pages["events.EventIndexPage"].url + "2027/3/"
    ),
    "events.EventIndexPage ical/": lambda w: w.pages["events.EventIndexPage"].url + "ical/",
    "events.EventIndexPage ical/<str:kind>/": (
        lambda w: w.pages["events.EventIndexPage"].url + "ical/webinar/"
    ),
    "events.EventPage ical/": lambda w: w.pages["events.EventPage"].url + "ical/",
}

ID_PAST_BIGINT = "99999999999999999999"
MISSING = 99_999  # an id no object has


def _on(language_url: str) -> str:
    return f"/{LANGUAGE}{language_url}"


# Requests beyond one per pattern: named (label, URL from the world, row).
EXTRA: list[tuple[str, Callable[[World], str], Row]] = [
    (
        "<lang>/my/certificates/<str:code>/ of learner B",
        lambda w: _on(f"/my/certificates/{w.certificate_b.code}/"),
        Row(E404, E404, OK, E404, E404, OK, OK),
    ),
    (
        "<lang>/my/certificates/<str:code>/pdf/ of learner B",
        lambda w: _on(f"/my/certificates/{w.certificate_b.code}/pdf/"),
        Row(E404, E404, OK, E404, E404, OK, OK),
    ),
    (
        "<lang>/my/quiz-attempts/<id:attempt_id>/ of learner B",
        lambda w: _on(f"/my/quiz-attempts/{w.attempt_b.pk}/"),
        Row(E404, E404, OK, E404, E404, E404, E404),
    ),
    (
        "<lang>/my/certificates/<str:code>/ with a code in no valid form",
        lambda w: _on("/my/certificates/ei-koodi/"),
        everyone(E404),
    ),
    (
        "<lang>/my/quiz-attempts/<id:attempt_id>/ past the database's integers",
        lambda w: _on(f"/my/quiz-attempts/{ID_PAST_BIGINT}/"),
        everyone(E404),
    ),
    (
        "admin/reports/quizzes/<id:quiz_id>/ past the database's integers",
        lambda w: f"/admin/reports/quizzes/{ID_PAST_BIGINT}/",
        # The report's URL refusing, or no URL matching (Wagtail's catch-all): both are right.
        Row(
            *[either(LOGIN, to("/admin/login/"))] * 3,
            either(DENIED, E404),
            either(DENIED, E404),
            E404,
            E404,
        ),
    ),
    (
        "admin/reports/quizzes/<id:quiz_id>/ that no quiz has",
        lambda w: f"/admin/reports/quizzes/{MISSING}/",
        admin(DENIED, DENIED, E404, E404),
    ),
    (
        "admin/reports/quizzes/ as CSV",
        lambda w: "/admin/reports/quizzes/?export=csv",
        QUIZ_RESULTS,
    ),
    (
        "admin/reports/quizzes/<id:quiz_id>/ as CSV",
        lambda w: f"/admin/reports/quizzes/{w.quiz.pk}/?export=csv",
        QUIZ_RESULTS,
    ),
    (
        "admin/snippets/certificates/certificate/ as CSV (learners' emails)",
        lambda w: "/admin/snippets/certificates/certificate/?export=csv",
        CERTIFICATE_STAFF,
    ),
    (
        "admin/snippets/choose/certificates/certificate/results/ searching A's code",
        lambda w: (
            "/admin/snippets/choose/certificates/certificate/results/?q=" + w.certificate_a.code
        ),
        CERTIFICATE_STAFF,
    ),
    (
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/ deleting learner A",
        lambda w: f"/admin/bulk/accounts/user/delete/?id={w.users['learner_a'].pk}",
        SUPERUSER_ONLY,
    ),
    (
        "page behind a login (page privacy)",
        lambda w: w.login_page.url,
        logged_in(OK),
    ),
    (
        "page behind a shared password (page privacy): the password form",
        lambda w: w.password_page.url,
        PUBLIC,
    ),
    (
        "^media/ file of a document in a password-protected collection",
        lambda w: f"/media/{w.private_document.file.name}",
        # Never served: no /media/ pattern matches (404), or the language redirect of the
        # page tree takes it (and finds no page there).
        everyone(either(E404, to(f"/{LANGUAGE}/media/"))),
    ),
]


# Filling the patterns' parameters ----------------------------------------------------------
#
# (pattern prefix, {parameter: value}): the longest prefix that names a parameter fills it.
# Where no object fits, MISSING stands in, and EXPECTED says what that gives.


def _uidb64(w: World) -> str:
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    return urlsafe_base64_encode(force_bytes(w.users["learner_a"].pk))


def _uidb36(w: World) -> str:
    from allauth.account.utils import user_pk_to_url_str

    return user_pk_to_url_str(w.users["learner_a"])


def _fixed(value) -> Callable[[World], object]:
    return lambda w: value


PARAMS: list[tuple[str, dict[str, Callable[[World], object]]]] = [
    (
        "",
        {
            "page_id": lambda w: w.quiz.pk,
            "parent_page_id": lambda w: w.course.modules[0].pk,
            "page_to_move_id": lambda w: w.quiz.pk,
            "destination_id": lambda w: w.course.modules[0].pk,
            "content_type_app_name": _fixed("courses"),
            "content_type_model_name": _fixed("lessonpage"),
            "app_label": _fixed("courses"),
            "model_name": _fixed("lessonpage"),
            "revision_id": lambda w: w.page_revision.pk,
            "revision_id_a": _fixed("earliest"),
            "revision_id_b": _fixed("latest"),
            "task_id": lambda w: w.task.pk,
            "collection_id": lambda w: w.collection.pk,
            "quiz_id": lambda w: w.quiz.pk,
            "course_id": lambda w: w.course.course.pk,
            "job_id": lambda w: w.regeneration.pk,
            "redirect_id": lambda w: w.redirect.pk,
            "document_id": lambda w: w.document.pk,
            "doc_id": lambda w: w.document.pk,
            "image_id": lambda w: w.image.pk,
            "filter_spec": _fixed("fill-80x80"),
            "uploaded_file_id": _fixed(MISSING),
            "session_id": _fixed(MISSING),
            "workflow_state_id": _fixed(MISSING),
            "task_state_id": _fixed(MISSING),
            "action_name": _fixed("approve"),
            "lesson_id": lambda w: w.course.lessons[0].pk,
            "attempt_id": lambda w: w.attempt_a.pk,
            "code": lambda w: w.certificate_a.code,
            "export_id": lambda w: w.export_a.pk,
            "event_id": lambda w: w.pages["events.EventPage"].pk,
            "user_id": lambda w: w.users["learner_a"].pk,
            "restriction_id": lambda w: w.collection_restriction.pk,
            "page_view_restriction_id": lambda w: w.password_restriction.pk,
            "uidb64": _uidb64,
            "token": _fixed("set-password"),
            "uidb36": _uidb36,
            "key": _fixed("ei-kelpaa"),
            "path": lambda w: w.image.file.name,
        },
    ),
    ("accounts/2fa/webauthn/keys/", {"pk": lambda w: w.passkey_a.pk}),
    ("admin/api/main/^pages/", {"pk": lambda w: w.quiz.pk, "action_name": _fixed("copy")}),
    ("admin/api/main/^documents/", {"pk": lambda w: w.document.pk}),
    ("admin/api/main/^images/", {"pk": lambda w: w.image.pk}),
    ("admin/pages/^(?P<pk>", {"pk": lambda w: w.quiz.pk}),
    (
        "admin/bulk/",
        {
            "app_label": _fixed("certificates"),
            "model_name": _fixed("certificate"),
            "action": _fixed("delete"),
        },
    ),
    ("admin/tag-autocomplete/", {"app_name": _fixed("taggit"), "model_name": _fixed("tag")}),
    ("admin/collections/", {"pk": lambda w: w.collection.pk}),
    (
        "admin/workflows/",
        {
            "pk": lambda w: w.workflow.pk,
            "page_pk": lambda w: w.workflow_page.pk,
            "workflow_pk": lambda w: w.workflow.pk,
        },
    ),
    (
        "admin/workflows/tasks/",
        {
            "pk": lambda w: w.task.pk,
            "app_label": _fixed("wagtailcore"),
            "model_name": _fixed("groupapprovaltask"),
        },
    ),
    (
        "admin/editing-sessions/",
        {
            "app_label": _fixed("wagtailcore"),
            "model_name": _fixed("page"),
            "object_id": lambda w: w.quiz.pk,
        },
    ),
    ("admin/certificates/", {"pk": lambda w: w.certificate_a.pk}),
    (
        "admin/settings/",
        {"app_name": _fixed("cms"), "model_name": _fixed("sitelinks"), "pk": lambda w: w.site.pk},
    ),
    (
        "admin/translation/submit/snippet/",
        {
            "app_label": _fixed("certificates"),
            "model_name": _fixed("certificatetemplate"),
            "pk": lambda w: w.template.pk,
        },
    ),
    ("admin/snippets/certificates/certificate/", {"pk": lambda w: w.certificate_a.pk}),
    ("admin/snippets/events/registration/", {"pk": lambda w: w.registration_a.pk}),
    ("admin/snippets/choose/events/registration/", {"pk": lambda w: w.registration_a.pk}),
    ("admin/snippets/events/organisation/", {"pk": lambda w: w.organisation.pk}),
    ("admin/snippets/choose/events/organisation/", {"pk": lambda w: w.organisation.pk}),
    ("admin/snippets/choose/certificates/certificate/", {"pk": lambda w: w.certificate_a.pk}),
    (
        "admin/snippets/certificates/certificatetemplate/",
        {"pk": lambda w: w.template.pk, "revision_id": lambda w: w.template_revision.pk},
    ),
    ("admin/snippets/choose/certificates/certificatetemplate/", {"pk": lambda w: w.template.pk}),
    ("admin/snippets/certificates/coursecertificate/", {"pk": lambda w: w.course_certificate.pk}),
    (
        "admin/snippets/choose/certificates/coursecertificate/",
        {"pk": lambda w: w.course_certificate.pk},
    ),
    ("admin/sites/", {"pk": lambda w: w.site.pk}),
    ("admin/users/", {"pk": lambda w: w.users["learner_a"].pk}),
    ("admin/groups/", {"pk": lambda w: w.editors.pk}),
    ("admin/documents/chooser/", {"pk": lambda w: w.document.pk}),
    ("admin/images/chooser/", {"pk": lambda w: w.image.pk}),
    ("admin/locales/", {"pk": lambda w: w.locale.pk}),
    ("<lang>/my/certificates/<str:code>/name/", {"code": lambda w: w.certificate_a_unnamed.code}),
    ("<lang>/my/events/registration/", {"token": lambda w: w.registration_a.token}),
    ("<lang>/my/plan/<id:course_id>/<slug:key>/", {"key": _fixed("firm")}),
    ("<lang>/my/tools/<slug:key>/", {"key": _fixed("roadmap")}),
    ("<lang>/_util/authenticate_with_password/", {"page_id": lambda w: w.password_page.pk}),
]

# Patterns with unnamed groups, by prefix.
POSITIONAL: dict[str, Callable[[World], list]] = {
    "documents/": lambda w: [w.document.pk, w.document.filename],
    "<lang>/": lambda w: ["ei-ole-olemassa/"],
}

# Patterns without a name: their URL, by prefix.
UNNAMED: dict[str, Callable[[World], str]] = {
    "admin/^.*/$": lambda w: "/admin/ei-ole-olemassa/",
    "^media/": lambda w: f"/media/{w.image.file.name}",
}

# Query strings some patterns need to mean something, by exact pattern.
QUERY: dict[str, Callable[[World], str]] = {
    "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/": (
        lambda w: f"id={w.certificate_a.pk}"
    ),
    "admin/bulk/certificates/<str:model_name>/<str:action>/": (
        lambda w: f"id={w.certificate_a.pk}"
    ),
}


# Enumeration ---------------------------------------------------------------------------


class Route(NamedTuple):
    key: str  # the pattern as the resolver writes it, "<lang>/" for the language prefix
    name: str | None  # the namespaced name, for reverse()
    params: tuple[str, ...]
    positional: int  # how many unnamed groups


def url_routes() -> list[Route]:
    routes: dict[str, Route] = {}

    def walk(patterns, prefix: str, namespace: tuple, params: tuple, positional: int):
        for entry in patterns:
            pattern = entry.pattern
            names: tuple[str, ...] = ()
            unnamed = 0
            if isinstance(pattern, LocalePrefixPattern):
                text = "<lang>/"
            else:
                text = str(pattern)
                if isinstance(pattern, RoutePattern):
                    names = tuple(pattern.converters)
                elif isinstance(pattern, RegexPattern):
                    names = tuple(pattern.regex.groupindex)
                    unnamed = 0 if names else pattern.regex.groups
            key = prefix + text
            if isinstance(entry, URLResolver):
                inner = (*namespace, entry.namespace) if entry.namespace else namespace
                walk(entry.url_patterns, key, inner, params + names, positional + unnamed)
            else:
                name = ":".join((*namespace, entry.name)) if entry.name else None
                # Of two equal patterns the first answers; the other is unreachable.
                routes.setdefault(key, Route(key, name, params + names, positional + unnamed))

    # Translated patterns ("haku/", "search/") are named as the Finnish site has them,
    # whatever language an earlier test left active.
    with translation.override(LANGUAGE):
        walk(get_resolver().url_patterns, "", (), (), 0)
    return list(routes.values())


def page_type_keys() -> list[str]:
    keys = []
    for model in get_page_models():
        keys.append(model._meta.label)
        if issubclass(model, RoutablePageMixin):
            keys += [
                f"{model._meta.label} {route.pattern}"
                for route in model.get_subpage_urls()
                if str(route.pattern)
            ]
    return keys


def expected_row(key: str) -> Row | None:
    if key in EXPECTED:
        return EXPECTED[key]
    prefixes = [rule[:-1] for rule in EXPECTED if rule.endswith("*")]
    matching = [prefix for prefix in prefixes if key.startswith(prefix)]
    return EXPECTED[max(matching, key=len) + "*"] if matching else None


def _prefixed(table: dict, key: str):
    matching = [prefix for prefix in table if key.startswith(prefix)]
    return table[max(matching, key=len)] if matching else None


def _value(key: str, param: str, world: World):
    for prefix, values in sorted(PARAMS, key=lambda rule: -len(rule[0])):
        if key.startswith(prefix) and param in values:
            return values[param](world)
    raise LookupError(f"no value for the parameter {param} of {key}")


def url_for(route: Route, world: World) -> str:
    with translation.override(LANGUAGE):
        if route.name is None:
            if unnamed := _prefixed(UNNAMED, route.key):
                url = unnamed(world)
            else:
                url = "/" + route.key.replace("<lang>/", f"{LANGUAGE}/").replace("^", "")
        elif route.positional:
            url = reverse(route.name, args=_prefixed(POSITIONAL, route.key)(world))
        else:
            kwargs = {param: _value(route.key, param, world) for param in route.params}
            url = reverse(route.name, kwargs=kwargs)
    if route.key in QUERY:
        url += "?" + QUERY[route.key](world)
    return url


def page_url(key: str, world: World) -> str:
    label, _, route = key.partition(" ")
    return ROUTE_URLS[key](world) if route else world.pages[label].url


# Requesting ------------------------------------------------------------------------------


def outcome(response) -> str:
    status = response.status_code
    if 200 <= status < 300:
        return OK
    if 300 <= status < 400:
        target = urlsplit(response["Location"]).path
        if target == "/accounts/login/":
            return LOGIN
        if target == "/admin/":
            return DENIED
        return to(target)
    return str(status)


def matches(expected, got: str) -> bool:
    if isinstance(expected, frozenset):
        return any(matches(one, got) for one in expected)
    if expected.startswith("redirect ") and got.startswith("redirect "):
        return got.startswith(expected)
    return got == expected


def _shown(expected) -> str:
    return " or ".join(sorted(expected)) if isinstance(expected, frozenset) else expected


class Cell(NamedTuple):
    key: str
    url: str
    role: str
    expected: object
    got: str


def _logged_out(client) -> bool:
    return "_auth_user_id" not in client.session


def _post_only(expected) -> bool:
    return expected == E405 or (isinstance(expected, frozenset) and E405 in expected)


# Who may see learner A's personal data (email, name, certificate code, reflection): A, and
# staff with the certificate permission. The public verification page shows the printed
# name and code by design: whoever has the code may check it.
KEEP_A_FROM = ("anonymous", "learner_b", "editor", "nonstaff_editor")
PUBLIC_BY_DESIGN = ("verify/",)


def learner_a_traces(world: World) -> dict[str, bytes]:
    a = world.users["learner_a"]
    return {
        "A's email": a.email.encode(),
        "A's name": a.full_name.encode(),
        "A's certificate code": world.certificate_a.code.encode(),
        "A's reflection": REFLECTION_A.encode(),
    }


def shown(response, url: str, traces: dict[str, bytes]) -> list[str]:
    """What of A's the response shows, beyond what the requester put in the URL."""
    if response.streaming:
        return []
    return [
        what
        for what, trace in traces.items()
        if trace in response.content and trace.decode() not in url
    ]


def request_row(
    world: World, clients: dict, key: str, url: str, row: Row, method: str = "get"
) -> list[Cell]:
    """Requests `url` as each role `row` names; returns the cells that differ."""
    differ = []
    traces = learner_a_traces(world)
    for role, expected in zip(ROLES, row, strict=True):
        if expected is None:
            continue
        client = clients[role]
        response = getattr(client, method)(url)
        got = outcome(response)
        if not matches(expected, got):
            differ.append(Cell(key, url, role, expected, got))
        if role in KEEP_A_FROM and not key.startswith(PUBLIC_BY_DESIGN):
            if leaked := shown(response, url, traces):
                differ.append(Cell(key, url, role, "nothing of A's", ", ".join(leaked)))
        if world.users[role] is not None and _logged_out(client):
            differ.append(Cell(key, url, role, "still logged in", "logged out"))
            sign_in(client, world.users[role])
    return differ


# Tests -----------------------------------------------------------------------------------


def test_every_url_pattern_and_page_type_has_an_expected_row():
    missing = [route.key for route in url_routes() if expected_row(route.key) is None]
    missing += [key for key in page_type_keys() if key not in PAGE_TYPES]
    assert not missing, "No expected access for:\n  " + "\n  ".join(missing)


def test_url_role_matrix(world: World, media_served_from_media_root):
    differ: list[Cell] = []
    requested = 0
    post_only: list[tuple[str, str, Row]] = []

    for route in url_routes():
        row = expected_row(route.key)
        if row is None:
            differ.append(Cell(route.key, "", "-", "an expected row", "none"))
            continue
        try:
            url = url_for(route, world)
        except (LookupError, NoReverseMatch) as error:
            differ.append(Cell(route.key, "", "-", "a URL to request", str(error)))
            continue
        differ += request_row(world, world.clients, route.key, url, row)
        requested += sum(expected is not None for expected in row)
        if any(_post_only(expected) for expected in row):
            post_only.append((route.key, url, row))

    for key in page_type_keys():
        row = PAGE_TYPES.get(key)
        label, _, route = key.partition(" ")
        if row is None or label not in world.pages or (route and key not in ROUTE_URLS):
            differ.append(Cell(key, "", "-", "an expected row and a page to serve", "none"))
            continue
        differ += request_row(world, world.clients, f"page {key}", page_url(key, world), row)
        requested += len(ROLES)

    for label, make_url, row in EXTRA:
        differ += request_row(world, world.clients, label, make_url(world), row)
        requested += sum(expected is not None for expected in row)

    # Last, as a POST that got through could change what the GETs above look at.
    clients = role_clients(world.users, first_address=30, enforce_csrf_checks=True)
    for key, url, row in post_only:
        refused = Row(*[E403 if _post_only(expected) else None for expected in row])
        label = f"POST without a CSRF token: {key}"
        differ += request_row(world, clients, label, url, refused, method="post")
        requested += sum(expected is not None for expected in refused)

    report = "\n".join(
        f"  {cell.key} | {cell.role} | expected {_shown(cell.expected)} | got {cell.got}"
        + (f" | {cell.url}" if cell.url else "")
        for cell in differ
    )
    assert not differ, f"{len(differ)} of {requested} cells differ from the table:\n{report}"
