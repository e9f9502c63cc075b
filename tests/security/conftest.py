"""The world the URL × role matrix requests: one live page of every page type, two learners
with records of their own, staff in four roles, and the objects the admin's URLs point at.

Learner A owns what the URLs name; learner B has the same kinds of records, so B asking for
A's shows that ownership, not an empty account, decides."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

import factory
import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client, RequestFactory
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Revision,
    Site,
    Task,
    Workflow,
    WorkflowPage,
)

from events import signup
from plans.models import ForesightPlan
from tests.conftest import (
    BuiltCourse,
    complete,
    quiz_answers,
    save_reflection,
    start_quiz,
    submit_quiz,
)
from tests.events.factories import EventPageFactory, OrganisationFactory
from tests.factories import (
    DocumentFactory,
    ImageFactory,
    PublishedPageFactory,
    QuizPageFactory,
    UserFactory,
    profile_question,
    root_collection,
    site_home,
)

ROLES = (
    "anonymous",
    "learner_a",
    "learner_b",
    "editor",
    "nonstaff_editor",
    "manager",
    "superuser",
)

# Learner A's own words in a lesson's reflection: nobody else should ever see them.
REFLECTION_A = "Ainon heikko signaali: kyläkauppojen paluu."

# Their authenticator app's secret (base32): everyone who can open the admin has one.
TOTP_SECRET = "KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF"  # noqa: S105

MANAGER_PERMISSIONS = (
    ("certificates", "view_certificate"),
    ("certificates", "change_certificate"),
    ("courses", "view_quizattempt"),
    ("events", "view_registration"),
    ("events", "change_registration"),
    ("wagtailadmin", "access_admin"),
)


# Page types the shared factories do not cover ------------------------------------------


class PlainPageFactory(PublishedPageFactory):
    """Wagtail's base Page: not creatable in the admin, but still a page type that serves."""

    title = "Sivu"
    slug = factory.Sequence(lambda n: f"sivu-{n}")
    parent = factory.LazyFunction(site_home)

    class Meta:
        model = Page


class StandardPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Tietoa {n}")
    slug = factory.Sequence(lambda n: f"tietoa-{n}")
    parent = factory.LazyFunction(site_home)

    class Meta:
        model = "cms.StandardPage"


class GlossaryPageFactory(PublishedPageFactory):
    title = "Sanasto"
    slug = factory.Sequence(lambda n: f"sanasto-{n}")
    parent = factory.LazyFunction(site_home)

    class Meta:
        model = "cms.GlossaryPage"


class GuestLectureIndexPageFactory(PublishedPageFactory):
    title = "Vierasluennot"
    slug = factory.Sequence(lambda n: f"luennot-{n}")
    parent = factory.LazyFunction(site_home)

    class Meta:
        model = "cms.GuestLectureIndexPage"


class GuestLecturePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Luento {n}")
    slug = factory.Sequence(lambda n: f"luento-{n}")
    date = datetime.date(2023, 5, 4)
    summary = "<p>Heikot signaalit yrittäjän arjessa.</p>"
    parent = factory.SubFactory(GuestLectureIndexPageFactory)

    class Meta:
        model = "cms.GuestLecturePage"


# The world ------------------------------------------------------------------------------


@dataclass
class World:
    """Everything a matrix URL may name, and one logged-in client per role."""

    users: dict  # role -> user (None for the anonymous visitor)
    clients: dict  # role -> django.test.Client
    pages: dict  # page model label -> one live page of that type
    course: BuiltCourse
    quiz: Page
    profile_quiz: Page
    login_page: Page  # private: visible to logged-in visitors
    password_page: Page  # private: behind a shared password
    password_restriction: PageViewRestriction
    certificate_a: object  # ready, with a PDF
    certificate_a_unnamed: object  # waiting for A to confirm the name
    certificate_b: object
    export_a: object  # learner A's data export, ready for download
    registration_a: object  # learner A's place at the event
    organisation: object
    attempt_a: object
    attempt_b: object
    passkey_a: object  # learner A's passkey (allauth.mfa), or None without allauth.mfa
    template: object
    course_certificate: object
    regeneration: object
    image: object
    document: object
    private_document: object  # in a password-restricted collection
    collection: Collection
    collection_restriction: CollectionViewRestriction
    site: Site
    locale: Locale
    workflow: Workflow
    workflow_page: Page  # the page the workflow is assigned to
    task: Task
    page_revision: Revision
    template_revision: Revision
    redirect: object
    editors: Group


def _export(user):
    """A data export of the account, built and ready (accounts/exporting.py)."""
    from accounts import exporting

    export = exporting.request(user)
    exporting.build_and_offer(str(export.pk))
    export.refresh_from_db()
    return export


def _group(name: str, *permissions: tuple[str, str]) -> Group:
    group = Group.objects.create(name=name)
    for app_label, codename in permissions:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return group


def _users() -> dict:
    editor = UserFactory(is_staff=True, full_name="Eeva Editori")
    editor.groups.add(Group.objects.get(name="Editors"))

    # Admin access and page rights through a group, without the staff flag.
    page_editors = _group("Page editors", ("wagtailadmin", "access_admin"))
    for permission_type in ("add", "change", "publish"):
        GroupPagePermission.objects.create(
            group=page_editors, page=Page.get_first_root_node(), permission_type=permission_type
        )
    nonstaff_editor = UserFactory(is_staff=False, full_name="Niilo Ei-henkilökuntaa")
    nonstaff_editor.groups.add(page_editors)

    manager = UserFactory(is_staff=True, full_name="Kaisa Kurssivastaava")
    manager.groups.add(_group("Course managers", *MANAGER_PERMISSIONS))

    users = {
        "anonymous": None,
        "learner_a": UserFactory(full_name="Aino Oppija"),
        "learner_b": UserFactory(full_name="Bertta Oppija"),
        "editor": editor,
        "nonstaff_editor": nonstaff_editor,
        "manager": manager,
        "superuser": UserFactory(is_staff=True, is_superuser=True, full_name="Sami Pääkäyttäjä"),
    }
    for user in users.values():
        if user is not None and user.has_perm("wagtailadmin.access_admin"):
            _second_factor(user)
    return users


def _second_factor(user) -> None:
    """The authenticator app the admin asks everyone with admin access to set up."""
    if not apps.is_installed("allauth.mfa"):
        return
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)


def sign_in(client: Client, user) -> None:
    """Logs the user in as allauth does, with the password and (for those who have one) the
    second factor, and as if they had just confirmed their password again: the account's
    security pages answer instead of asking for it first."""
    from allauth.account.internal.flows.login import record_authentication

    client.force_login(user)
    request = RequestFactory().get("/")
    request.user, request.session = user, client.session
    record_authentication(request, user, method="password", email=user.email)
    record_authentication(request, user, method="password", reauthenticated=True)
    if apps.is_installed("allauth.mfa"):
        from allauth.mfa.models import Authenticator

        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is not None:
            record_authentication(request, user, method="mfa", id=totp.pk, type=totp.type)
    request.session.save()


def role_clients(users: dict, *, first_address: int = 10, **client_options) -> dict:
    """A client per role, each from its own address (no role spends another's rate limit)."""
    clients = {}
    for number, role in enumerate(ROLES, start=first_address):
        client = Client(REMOTE_ADDR=f"192.0.2.{number}", **client_options)
        client.raise_request_exception = False
        if users[role] is not None:
            sign_in(client, users[role])
        clients[role] = client
    return clients


def _passkey(user):
    """A passkey the learner added (a second factor is optional for learners): a
    registration as a browser sends it, with a fresh key pair and no attestation."""
    if not apps.is_installed("allauth.mfa"):
        return None
    from allauth.mfa.models import Authenticator
    from cryptography.hazmat.primitives.asymmetric import ec
    from fido2.cose import ES256
    from fido2.webauthn import (
        Aaguid,
        AttestationObject,
        AttestedCredentialData,
        AuthenticatorAttestationResponse,
        AuthenticatorData,
        CollectedClientData,
        RegistrationResponse,
    )

    credential_id = hashlib.sha256(user.email.encode()).digest()[:16]
    public_key = ES256.from_cryptography_key(ec.generate_private_key(ec.SECP256R1()).public_key())
    auth_data = AuthenticatorData.create(
        hashlib.sha256(b"testserver").digest(),
        AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.AT,
        0,
        AttestedCredentialData.create(Aaguid.NONE, credential_id, public_key),
    )
    registration = RegistrationResponse(
        raw_id=credential_id,
        response=AuthenticatorAttestationResponse(
            client_data=CollectedClientData.create(
                type="webauthn.create", challenge=b"0" * 16, origin="http://testserver"
            ),
            attestation_object=AttestationObject.create("none", auth_data, {}),
        ),
    )
    return Authenticator.objects.create(
        user=user,
        type=Authenticator.Type.WEBAUTHN,
        data={"name": "Ainon puhelin", "credential": dict(registration)},
    )


def _certificate(user, built: BuiltCourse, template, status: str):
    from certificates.models import Certificate

    certificate = Certificate.objects.create(
        user=user,
        course=built.course,
        template=template,
        language="fi",
        name=user.full_name if status == Certificate.Status.READY else "",
        course_title=built.course.title,
        course_length="1 h",
        completed_on=datetime.date(2026, 3, 14),
        status=status,
    )
    if status == Certificate.Status.READY:
        data = b"%PDF-1.4 matrix test certificate " + certificate.code.encode()
        certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(data), save=False)
        certificate.pdf_sha256 = hashlib.sha256(data).hexdigest()
        certificate.save()
    return certificate


def _learn(client, built: BuiltCourse, quiz, reflection: str) -> object:
    """The learner writes a reflection, completes the first lesson and passes the quiz."""
    from courses.quizzes.records import QuizAttempt

    lesson = built.lessons[0]
    assert save_reflection(client, lesson, reflection).status_code == 302
    assert complete(client, lesson).status_code == 302
    assert start_quiz(client, quiz).status_code == 302
    attempt = QuizAttempt.objects.filter(quiz=quiz, submitted_at__isnull=True).latest("pk")
    assert submit_quiz(client, quiz, quiz_answers(attempt)).status_code == 302
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    return attempt


@pytest.fixture
def world(db, build_course, eager_celery, monkeypatch, tmp_path) -> World:
    """Built once for the one test that requests the whole matrix."""
    from wagtail.contrib.redirects.models import Redirect

    from certificates.models import Certificate, CourseCertificate, RegenerationJob
    from tests.certificates.factories import CertificateTemplateFactory

    monkeypatch.setattr(
        Certificate._meta.get_field("pdf"),
        "storage",
        FileSystemStorage(location=tmp_path / "private"),
    )
    users = _users()
    clients = role_clients(users)

    built = build_course(lessons=2, modules=1)
    second = build_course(lessons=1, modules=1)
    quiz = QuizPageFactory(parent=built.modules[-1])
    profile_quiz = QuizPageFactory(
        parent=built.course,
        mode="profile",
        questions=[
            profile_question("tyyli", [("Visio", {"visio": 2}), ("Suunnitelma", {"plan": 2})])
        ],
        profiles=[{"key": "visio", "name": "Visionääri"}, {"key": "plan", "name": "Suunnittelija"}],
    )
    lecture = GuestLecturePageFactory()
    organisation = OrganisationFactory()
    event = EventPageFactory(organiser=organisation)
    home = site_home()
    pages = {
        "wagtailcore.Page": PlainPageFactory(),
        "cms.HomePage": home,
        "cms.StandardPage": StandardPageFactory(),
        "cms.GlossaryPage": GlossaryPageFactory(),
        "cms.GuestLectureIndexPage": lecture.get_parent().specific,
        "cms.GuestLecturePage": lecture,
        "courses.CourseIndexPage": built.course.get_parent().specific,
        "courses.CoursePage": built.course,
        "courses.ModulePage": built.modules[0],
        "courses.LessonPage": built.lessons[0],
        "courses.QuizPage": quiz,
        "events.EventIndexPage": event.get_parent().specific,
        "events.EventPage": event,
    }

    login_page = StandardPageFactory(title="Vain kirjautuneille")
    PageViewRestriction.objects.create(page=login_page, restriction_type="login")
    password_page = StandardPageFactory(title="Salasanan takana")
    password_restriction = PageViewRestriction.objects.create(
        page=password_page, restriction_type="password", password="kymenlaakso-2026"
    )

    template = CertificateTemplateFactory()
    course_certificate = CourseCertificate.objects.create(course=built.course, template=template)
    CourseCertificate.objects.create(course=second.course, template=template)
    template_revision = template.save_revision(user=users["superuser"])

    attempt_a = _learn(clients["learner_a"], built, quiz, REFLECTION_A)
    attempt_b = _learn(clients["learner_b"], built, quiz, "Bertan heikko signaali: etätyö.")
    ready = Certificate.Status.READY
    certificate_a = _certificate(users["learner_a"], built, template, ready)
    certificate_a_unnamed = _certificate(
        users["learner_a"], second, template, Certificate.Status.AWAITING_NAME
    )
    certificate_b = _certificate(users["learner_b"], built, template, ready)
    export_a = _export(users["learner_a"])
    registration_a = signup.sign_up(event, user=users["learner_a"], language="fi")
    ForesightPlan.objects.create(
        user=users["learner_a"],
        course=built.course,
        answers={
            "firm": {"firm": REFLECTION_A},
            "roadmap": {"action_1": "Kokeilu", "when_1": "2027-02-01"},
        },
    )

    private = root_collection().add_child(name="Työpajan sisäiset")
    collection_restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type="password", password="kymenlaakso-2026"
    )

    return World(
        users=users,
        clients=clients,
        pages=pages,
        course=built,
        quiz=quiz,
        profile_quiz=profile_quiz,
        login_page=login_page,
        password_page=password_page,
        password_restriction=password_restriction,
        certificate_a=certificate_a,
        certificate_a_unnamed=certificate_a_unnamed,
        certificate_b=certificate_b,
        export_a=export_a,
        registration_a=registration_a,
        organisation=organisation,
        attempt_a=attempt_a,
        attempt_b=attempt_b,
        passkey_a=_passkey(users["learner_a"]),
        template=template,
        course_certificate=course_certificate,
        regeneration=RegenerationJob.objects.create(
            course=built.course, started_by=users["superuser"], total=2
        ),
        image=ImageFactory(title="Tulevaisuuskartta"),
        document=DocumentFactory(title="Työkirja"),
        private_document=DocumentFactory(
            title="Sisäinen muistio",
            collection=private,
            file=factory.django.FileField(filename="muistio.pdf", data=b"%PDF-1.4 private"),
        ),
        collection=private,
        collection_restriction=collection_restriction,
        site=Site.objects.get(is_default_site=True),
        locale=Locale.get_default(),
        workflow=Workflow.objects.first(),
        workflow_page=WorkflowPage.objects.first().page,
        task=Task.objects.first(),
        page_revision=quiz.latest_revision,
        template_revision=template_revision,
        redirect=Redirect.objects.create(old_path="/vanha-kurssi", redirect_page=built.course),
        editors=Group.objects.get(name="Editors"),
    )


@pytest.fixture
def media_served_from_media_root(monkeypatch, settings):
    """The /media/ URL pattern took MEDIA_ROOT when the URLconf was imported; point it at
    this test's MEDIA_ROOT so it serves the files the test made."""
    from django.urls import URLPattern, get_resolver

    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLPattern) and "document_root" in pattern.default_args:
            monkeypatch.setitem(pattern.default_args, "document_root", str(settings.MEDIA_ROOT))
