from django import forms
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from certificates import admin_views
from certificates.models import Certificate, CertificateTemplate, CourseCertificate
from core.permissions import NoAddingByHandPolicy, chooser_requiring


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    list_display = ["name", "issuer", "locale"]


class CourseCertificateViewSet(SnippetViewSet):
    model = CourseCertificate
    icon = "link"
    menu_label = _("Course certificates")
    list_display = ["course", "template"]


CertificateChooserViewSet = chooser_requiring("certificates.view_certificate")


class CertificateIndexView(IndexView):
    # Certificates come from course completion only.
    add_url = None

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Regenerate a course's certificates"),
                url=reverse("certificate_regenerate"),
                icon_name="resubmit",
            ),
        ]


# Certificates come from course completion only: nobody adds one by hand.
register_permission_policy(Certificate, NoAddingByHandPolicy(Certificate))


class CertificateViewSet(SnippetViewSet):
    model = Certificate
    index_view_class = CertificateIndexView
    chooser_viewset_class = CertificateChooserViewSet
    icon = "success"
    menu_label = _("Certificates")
    list_display = [
        "code",
        "name",
        "course_title",
        Column("user", label=_("Learner"), accessor="holder"),
        "status",
        "completed_on",
        Column("validity", label=_("Validity")),
    ]
    list_filter = ["status", "language", "course", "completed_on"]
    list_export = [
        "code",
        "name",
        "holder",
        "course_title",
        "status",
        "validity",
        "completed_on",
        "revoked_at",
        "revoke_reason",
        "pdf_sha256",
        "withdrawn_at",
    ]
    export_headings = {"holder": _("Learner")}
    search_fields = ["code", "name", "course_title"]
    ordering = ["-created_at"]
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "code",
        "name",
        "user",
        "course",
        "course_title",
        "course_length",
        "language",
        "completed_on",
        "status",
        "template",
        "pdf_sha256",
        "earlier_renderings",
        "created_at",
        "rendered_at",
        "is_current",
        "superseded_by",
        "revoked_at",
        "revoke_reason",
        "last_error",
    ]

    def get_form_class(self, for_update=False):
        # Certificates change only through the audited actions below.
        class ReadOnlyForm(forms.ModelForm):
            class Meta:
                model = Certificate
                fields: list[str] = []

        return ReadOnlyForm


class CertificatesGroup(SnippetViewSetGroup):
    items = (CertificateViewSet, CertificateTemplateViewSet, CourseCertificateViewSet)
    menu_icon = "success"
    menu_label = _("Certificates")
    menu_name = "certificates"


register_snippet(CertificatesGroup)


@hooks.register("register_admin_urls")
def register_certificate_action_urls():
    return [
        path("certificates/<id:pk>/revoke/", admin_views.revoke, name="certificate_revoke"),
        path("certificates/<id:pk>/reissue/", admin_views.reissue, name="certificate_reissue"),
        path("certificates/regenerate/", admin_views.regenerate, name="certificate_regenerate"),
        path(
            "certificates/regenerate/<id:job_id>/",
            admin_views.regeneration,
            name="certificate_regeneration",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def certificate_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Certificate) or not user.has_perm("certificates.change_certificate"):
        return
    if not snippet.is_revoked:
        yield ListingButton(
            _("Revoke"), reverse("certificate_revoke", args=[snippet.pk]), priority=30
        )
    if snippet.is_current and snippet.user_id:
        yield ListingButton(
            _("Re-issue"), reverse("certificate_reissue", args=[snippet.pk]), priority=40
        )


@hooks.register("register_log_actions")
def register_certificate_log_actions(actions):
    actions.register_action("certificates.revoke", _("Revoke certificate"), _("Revoked"))
    actions.register_action("certificates.reissue", _("Re-issue certificate"), _("Re-issued"))
    actions.register_action(
        "certificates.regenerate", _("Regenerate certificates"), _("Certificates regenerated")
    )
