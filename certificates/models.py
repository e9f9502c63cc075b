"""Certificates and the templates they are printed from."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index

from certificates.codes import new_code
from certificates.pdf_data import certificate_data
from certificates.rendering import render_certificate
from certificates.storage import certificate_storage


class CertificateTemplate(
    TranslatableMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """What a course's certificates say and look like; one translation per language."""

    name = models.CharField(_("name"), max_length=100)
    heading = models.CharField(_("heading"), max_length=100, default="Todistus")
    statement = models.CharField(
        _("statement"),
        max_length=200,
        default="on suorittanut kurssin",
        help_text=_("Printed between the learner's name and the course title."),
    )
    issuer = models.CharField(_("issuer organisation"), max_length=200)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    signatory_name = models.CharField(_("signatory name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory title"), max_length=200, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#0b5563",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use the form #0b5563."))],
    )
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="certificatetemplate")

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("heading"), FieldPanel("statement"), FieldPanel("issuer")],
            heading=_("Texts"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signature"),
                FieldPanel("accent_colour"),
            ],
            heading=_("Look and signature"),
        ),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")

    def __str__(self) -> str:
        return self.name

    @property
    def revisions(self):
        return self._revisions

    def serve_preview(self, request, mode_name):
        """A sample certificate with this template, so editors see it before publishing."""
        sample = Certificate(
            code="SAMP-LE00-0000-0000",
            template=self,
            language=self.locale.language_code if self.locale_id else "fi",
            name="Šárka Nguyễn-Øster",
            course_title="Ennakoinnin perusteet yrittäjille",
            course_length="5 h",
            completed_on=date.today(),
        )
        pdf = render_certificate(certificate_data(sample))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="preview.pdf"'
        return response


class CourseCertificate(models.Model):
    """Which template a course's certificates are printed from. One link serves every
    translation of the course: each language prints the template's own translation."""

    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("certificate template"),
        on_delete=models.CASCADE,
        related_name="course_links",
    )

    panels = [
        FieldPanel("course", heading=_("Course")),
        FieldPanel("template", heading=_("Certificate template")),
    ]

    class Meta:
        verbose_name = _("course certificate")
        verbose_name_plural = _("course certificates")

    def __str__(self) -> str:
        return f"{self.course} – {self.template}"

    @classmethod
    def template_for(cls, course) -> CertificateTemplate | None:
        """The template linked to the course, or else to another translation of it."""
        links = list(
            cls.objects.filter(course__translation_key=course.translation_key).select_related(
                "template"
            )
        )
        links.sort(key=lambda link: link.course_id != course.id)
        return links[0].template if links else None


class Certificate(models.Model):
    class Status(models.TextChoices):
        AWAITING_NAME = "awaiting_name", _("Waiting for the learner to confirm the name")
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Rendering failed")

    code = models.CharField(_("code"), max_length=19, unique=True, default=new_code)
    # Empty once the holder's account is deleted (accounts/erasure.py, through
    # certificates/privacy.py): the certificate then stays verifiable, detached from any
    # account, or withdrawn. PROTECT makes sure no deletion skips that choice.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # Not a "usage" of the account for Wagtail: its user deletion would refuse to delete a
    # protected account instead of asking for the holder's choice.
    user.wagtail_reference_index_ignore = True
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    # Shared by every translation of the course: one current certificate per course,
    # whatever language it was completed in.
    course_key = models.UUIDField(editable=False)
    template = models.ForeignKey(
        CertificateTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    name = models.CharField(_("name as printed"), max_length=200, blank=True)
    course_title = models.CharField(_("course title as printed"), max_length=255)
    course_length = models.CharField(_("course length"), max_length=50, blank=True)
    completed_on = models.DateField(_("completion date"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    pdf = models.FileField(
        _("PDF"), storage=certificate_storage, upload_to="certificates/", blank=True
    )
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    render_attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    is_current = models.BooleanField(default=True)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoke_reason = models.CharField(_("reason for revoking"), max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn by the holder"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course_key"],
                condition=Q(is_current=True),
                name="one_current_certificate_per_course",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.code} – {self.name or self.holder} – {self.course_title}"

    def save(self, *args, **kwargs):
        if self.course_key is None:
            self.course_key = self.course.translation_key
        super().save(*args, **kwargs)

    @property
    def holder(self) -> str:
        """The learner's email address for staff, or that the account is gone."""
        return self.user.email if self.user_id else gettext("(account deleted)")

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_superseded(self) -> bool:
        return self.superseded_by_id is not None

    def earlier_renderings(self) -> str:
        """The hashes of the files issued before the certificate was last drawn again."""
        earlier = self.renderings.exclude(sha256=self.pdf_sha256).order_by("rendered_at")
        return ", ".join(earlier.values_list("sha256", flat=True)) or "–"

    earlier_renderings.short_description = _("SHA-256 of earlier renderings (still genuine)")

    @property
    def validity(self) -> str:
        if self.is_withdrawn:
            return "withdrawn"
        if self.is_revoked:
            return "revoked"
        if self.is_superseded:
            return "superseded"
        return "valid" if self.status == self.Status.READY else "pending"


class CertificateRendering(models.Model):
    """Every PDF ever issued for a certificate, by its SHA-256: a file downloaded before the
    certificate was drawn again still verifies as a genuine earlier rendering."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="renderings"
    )
    sha256 = models.CharField(max_length=64)
    rendered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("certificate rendering")
        verbose_name_plural = _("certificate renderings")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate", "sha256"], name="unique_rendering_per_certificate"
            )
        ]
        indexes = [models.Index(fields=["sha256"])]

    def __str__(self) -> str:
        return f"{self.certificate.code} {self.sha256[:12]}"


class RegenerationJob(models.Model):
    """Re-drawing every certificate of a course after its template changed, in chunks."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    last_id = models.PositiveBigIntegerField(default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate regeneration")

    def __str__(self) -> str:
        return f"{self.course} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else self.done * 100 // self.total
