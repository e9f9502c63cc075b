"""The certificate rules: issue once per completion, confirm the name, render, revoke,
re-issue, regenerate. Views, receivers and tasks call these; the PDF's data comes from
pdf_data.py and the drawing from rendering.py. Work for the background is announced with
signals after commit: this module knows nothing of Celery."""

from __future__ import annotations

import hashlib
import logging
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from certificates.models import (
    Certificate,
    CertificateRendering,
    CertificateTemplate,
    CourseCertificate,
    RegenerationJob,
)
from certificates.pdf_data import certificate_data, verification_url
from certificates.rendering import render_certificate
from certificates.signals import regeneration_continues, render_needed
from core.links import absolute
from core.names import has_a_letter, normalise_name
from courses.models import CoursePage, Enrolment

logger = logging.getLogger(__name__)
NAME_MAX_LENGTH = 200


class InvalidName(ValueError):
    pass


class AlreadySuperseded(ValueError):
    """The certificate was re-issued already; re-issue the current one instead."""


class HolderGone(ValueError):
    """The holder deleted their account: the certificate stays as they chose, and nobody is
    left to re-issue it to."""


def clean_name(name: str) -> str:
    """The name to print: NFC, inner whitespace collapsed; a name with no letter (empty,
    or only invisible characters) or a too long one is refused."""
    cleaned = normalise_name(name)
    if not has_a_letter(cleaned):
        raise InvalidName(_("Enter the name to print on the certificate."))
    if len(cleaned) > NAME_MAX_LENGTH:
        raise InvalidName(
            _("The name can be at most %(limit)s characters long.") % {"limit": NAME_MAX_LENGTH}
        )
    return cleaned


def _course_length(course: CoursePage) -> str:
    hours = course.estimated_duration_minutes / 60
    return _("%(hours)s h") % {"hours": formats.number_format(round(hours, 1), decimal_pos=None)}


def issue_for_completion(user, course: CoursePage, completed_at) -> Certificate | None:
    """The learner's one current certificate for the course, created on completion, in the
    language of the translation they completed it in (when its template has that language).

    The partial unique constraint on (user, course's translation key) makes parallel
    completions, in one language or several, end with one certificate. The first
    certificate a learner ever gets waits for the name to be confirmed.
    """
    key = course.translation_key
    existing = Certificate.objects.filter(user=user, course_key=key, is_current=True).first()
    if existing is not None:
        return existing
    if not Enrolment.objects.filter(user=user, course_key=key, completed_at__isnull=False).exists():
        return None  # only a completed course earns a certificate
    language = course.locale.language_code
    template = _template_for(course, language)
    title = course.title
    if template is not None and template.locale_id != course.locale_id:
        # The template has no translation in the course's language: the whole certificate
        # is printed in the template's language (title included), never in two at once.
        language = template.locale.language_code
        printed = course.get_translation_or_none(template.locale)
        title = printed.title if printed is not None and printed.live else title
    confirmed_before = (
        Certificate.objects.filter(user=user)
        .exclude(status=Certificate.Status.AWAITING_NAME)
        .exists()
    )
    with translation.override(language):
        length = _course_length(course)
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=user,
                course=course,
                language=language,
                template=template,
                name=user.full_name if confirmed_before else "",
                course_title=title,
                course_length=length,
                completed_on=timezone.localdate(completed_at) if completed_at else date.today(),
                status=Certificate.Status.PENDING
                if confirmed_before and user.full_name
                else Certificate.Status.AWAITING_NAME,
            )
    except IntegrityError:
        return Certificate.objects.get(user=user, course_key=key, is_current=True)
    if certificate.status == Certificate.Status.PENDING:
        _render_after_commit(certificate.pk)
    return certificate


def _render_after_commit(certificate_id: int) -> None:
    transaction.on_commit(
        partial(render_needed.send, sender=Certificate, certificate_id=certificate_id)
    )


def _template_for(course: CoursePage, language: str) -> CertificateTemplate | None:
    template = CourseCertificate.template_for(course)
    if template is None:
        return None
    localized = template.get_translation_or_none(course.locale)
    return localized or template


def confirm_name(certificate: Certificate, name: str) -> Certificate:
    name = clean_name(name)
    updated = Certificate.objects.filter(
        pk=certificate.pk, status=Certificate.Status.AWAITING_NAME
    ).update(name=name, status=Certificate.Status.PENDING)
    if updated:
        # The confirmed spelling is the profile's name from now on, for later certificates.
        user = certificate.user
        if user.full_name != name:
            user.full_name = name
            user.save(update_fields=["full_name"])
        _render_after_commit(certificate.pk)
    certificate.refresh_from_db()
    return certificate


def render(certificate_id: int) -> Certificate | None:
    """Renders a pending certificate's PDF once. Safe to run twice at once: the row lock
    lets one run draw the PDF and the other find it done.

    One worker task is this function, so it keeps to four statements: the locked read (with
    the template, its images and the learner), one UPDATE, one INSERT and the commit. The
    UPDATE is a queryset update, not save(): a rendering changes no reference Wagtail keeps
    in its reference index, which save() would look up and rewrite every time.
    """
    with transaction.atomic():
        try:
            certificate = (
                Certificate.objects.select_for_update(of=("self",))
                .select_related("template__logo", "template__signature", "user")
                .get(pk=certificate_id)
            )
        except Certificate.DoesNotExist:
            return None
        if certificate.status not in (Certificate.Status.PENDING, Certificate.Status.FAILED):
            return certificate
        pdf = render_certificate(certificate_data(certificate))
        certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(pdf), save=False)
        certificate.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
        certificate.status = Certificate.Status.READY
        certificate.rendered_at = timezone.now()
        certificate.last_error = ""
        certificate.render_attempts += 1
        # The learner is told once, when the first rendering is committed; a regeneration
        # sets notified_at beforehand to stay silent. The row is locked: no other run of
        # this (or of notify_ready) can be telling them at the same time.
        notify = certificate.notified_at is None
        if notify:
            certificate.notified_at = certificate.rendered_at
        Certificate.objects.filter(pk=certificate.pk).update(
            pdf=certificate.pdf.name,
            pdf_sha256=certificate.pdf_sha256,
            status=certificate.status,
            rendered_at=certificate.rendered_at,
            last_error="",
            render_attempts=certificate.render_attempts,
            notified_at=certificate.notified_at,
        )
        # Every rendering stays verifiable: a file downloaded before a regeneration is genuine.
        # The same bytes drawn again are one rendering (the unique constraint keeps it so).
        CertificateRendering.objects.bulk_create(
            [
                CertificateRendering(
                    certificate=certificate,
                    sha256=certificate.pdf_sha256,
                    rendered_at=certificate.rendered_at,
                )
            ],
            ignore_conflicts=True,
        )
        if notify:
            transaction.on_commit(partial(_send_ready_email, certificate))
    return certificate


def mark_failed(certificate_id: int, error: str) -> None:
    Certificate.objects.filter(pk=certificate_id).exclude(status=Certificate.Status.READY).update(
        status=Certificate.Status.FAILED, last_error=error[:2000]
    )


def notify_ready(certificate_id: int) -> None:
    """Emails the learner once that the certificate is ready (a link, not an attachment)."""
    updated = Certificate.objects.filter(pk=certificate_id, notified_at=None).update(
        notified_at=timezone.now()
    )
    if updated:
        _send_ready_email(Certificate.objects.select_related("user").get(pk=certificate_id))


def _send_ready_email(certificate: Certificate) -> None:
    with translation.override(certificate.language):
        link = absolute(reverse("certificate_detail", args=[certificate.code]))
        context = {"certificate": certificate, "link": link}
        send_mail(
            _("Your certificate is ready: %(course)s") % {"course": certificate.course_title},
            render_to_string("certificates/email/ready.txt", context),
            None,
            [certificate.user.email],
        )


def sweep(older_than: timedelta | None = None) -> int:
    """Renders every certificate pending for longer than `older_than` (by default
    settings.CERTIFICATE_SWEEP_AFTER seconds): its task died with a worker, or never reached
    the broker. Celery beat runs it every few seconds, and a starting worker for everything
    pending before it started.

    Each row is locked with SKIP LOCKED first and kept locked through render(): a row that a
    live render (or another sweep) holds is skipped, not waited for, and never drawn twice.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.CERTIFICATE_SWEEP_AFTER)
    due = list(
        Certificate.objects.filter(
            status=Certificate.Status.PENDING, created_at__lt=timezone.now() - older_than
        )
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    count = 0
    for pk in due:
        try:
            with transaction.atomic():
                taken = (
                    Certificate.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk, status=Certificate.Status.PENDING)
                    .values_list("pk", flat=True)
                    .first()
                )
                if taken is None:
                    continue
                render(pk)
        except Exception as error:  # one broken certificate must not stop the others
            logger.exception("Sweep: rendering certificate %s failed", pk)
            mark_failed(pk, f"{type(error).__name__}: {error}")
            continue
        count += 1
    return count


def revoke(certificate: Certificate, reason: str, by=None) -> None:
    """Revokes once; the learner is told by email, in the certificate's language."""
    revoked = Certificate.objects.filter(pk=certificate.pk, revoked_at=None).update(
        revoked_at=timezone.now(), revoke_reason=reason
    )
    certificate.refresh_from_db()
    log(certificate, "certificates.revoke", user=by, data={"reason": reason})
    if revoked and certificate.user_id:  # nobody to tell once the account is deleted
        transaction.on_commit(partial(notify_revoked, certificate.pk))


def notify_revoked(certificate_id: int) -> None:
    certificate = Certificate.objects.select_related("user").get(pk=certificate_id)
    with translation.override(certificate.language):
        context = {"certificate": certificate, "link": verification_url(certificate.code)}
        send_mail(
            _("Your certificate has been revoked: %(course)s")
            % {"course": certificate.course_title},
            render_to_string("certificates/email/revoked.txt", context),
            None,
            [certificate.user.email],
        )


def reissue(certificate: Certificate, name: str, by=None) -> Certificate:
    """A corrected name gets a new certificate with a new code; the old one is superseded."""
    name = clean_name(name)
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.user_id is None:
            raise HolderGone(old.code)
        if not old.is_current:
            raise AlreadySuperseded(old.superseded_by.code if old.superseded_by else "")
        old.is_current = False
        old.save(update_fields=["is_current"])
        new = Certificate.objects.create(
            user=old.user,
            course=old.course,
            template=old.template,
            language=old.language,
            name=name,
            course_title=old.course_title,
            course_length=old.course_length,
            completed_on=old.completed_on,
            status=Certificate.Status.PENDING,
        )
        old.superseded_by = new
        old.save(update_fields=["superseded_by"])
        log(old, "certificates.reissue", user=by, data={"new_code": new.code})
        _render_after_commit(new.pk)
    return new


CHUNK = 50


def start_regeneration(course: CoursePage, by=None) -> RegenerationJob:
    """Queues re-drawing of the course's valid certificates, e.g. after a template change."""
    certificates = Certificate.objects.filter(
        course_key=course.translation_key,
        is_current=True,
        status=Certificate.Status.READY,
        user__isnull=False,  # a deleted account's certificate has no file to draw again
    )
    job = RegenerationJob.objects.create(course=course, total=certificates.count(), started_by=by)
    log(course, "certificates.regenerate", user=by, data={"job": job.pk, "total": job.total})
    _continue_after_commit(job.pk)
    return job


def _continue_after_commit(job_id: int) -> None:
    transaction.on_commit(
        partial(regeneration_continues.send, sender=RegenerationJob, job_id=job_id)
    )


def regenerate_chunk(job_id: int) -> bool:
    """Re-draws the next CHUNK certificates of a job; True while more remain."""
    with transaction.atomic():
        job = (
            RegenerationJob.objects.select_for_update(of=("self",))
            .select_related("course")
            .get(pk=job_id)
        )
        if job.status == RegenerationJob.Status.DONE:
            return False
        chunk = list(
            Certificate.objects.filter(
                course_key=job.course.translation_key,
                is_current=True,
                status=Certificate.Status.READY,
                user__isnull=False,
                pk__gt=job.last_id,
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:CHUNK]
        )
        job.status = RegenerationJob.Status.RUNNING
        job.save(update_fields=["status"])
    for pk in chunk:
        Certificate.objects.filter(pk=pk, status=Certificate.Status.READY).update(
            status=Certificate.Status.PENDING, notified_at=timezone.now()
        )
        render(pk)
    with transaction.atomic():
        job = RegenerationJob.objects.select_for_update().get(pk=job_id)
        if chunk:
            job.done += len(chunk)
            job.last_id = chunk[-1]
        more = len(chunk) == CHUNK
        if not more:
            job.status, job.finished_at = RegenerationJob.Status.DONE, timezone.now()
        job.save()
    if more:
        _continue_after_commit(job_id)
    return more


def erase_for_holder(certificates: QuerySet, choice: str) -> list:
    """What deleting the holder's account does to their certificates (the privacy registry
    calls it with the holder's choice, certificates/privacy.py).

    Certificates never issued (waiting for the name, being drawn, failed) go. Issued ones
    stay under their codes, detached from the account and without their PDFs: kept
    verifiable, the public record keeps the printed name, course, date and the hashes of
    the files; withdrawn, the name goes too and the verification page says "withdrawn by
    the holder". Their entries in the admin's log keep the action and the code, not the
    name. Returns the stored PDFs, to delete once the erasure is committed.
    """
    rows = list(certificates.select_for_update().only("pk", "code", "status", "pdf"))
    files = [(row.pdf.storage, row.pdf.name) for row in rows if row.pdf]
    issued = [row.pk for row in rows if row.status == Certificate.Status.READY]
    content_type = ContentType.objects.get_for_model(Certificate)
    for row in rows:
        ModelLogEntry.objects.filter(content_type=content_type, object_id=str(row.pk)).update(
            label=row.code, data={}
        )
    Certificate.objects.filter(pk__in=[row.pk for row in rows]).exclude(pk__in=issued).delete()
    erased = {"user": None, "pdf": "", "last_error": "", "notified_at": None}
    if choice == "withdraw":
        erased |= {"name": "", "withdrawn_at": timezone.now()}
    Certificate.objects.filter(pk__in=issued).update(**erased)
    return files


def holder_has_issued(certificates: QuerySet) -> bool:
    return certificates.filter(status=Certificate.Status.READY).exists()
