"""Staff actions on a certificate: revoke with a reason, re-issue with a corrected name.
Each is written to Wagtail's audit log by certificates.issuing."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied, require_admin_access
from wagtail.admin.views.bulk_action import dispatcher as bulk_action

from certificates import issuing
from certificates.forms import ConfirmNameForm
from certificates.models import Certificate, RegenerationJob
from courses.models import CoursePage


class RevokeForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=500)


def _certificate(request, pk: int) -> Certificate:
    if not request.user.has_perm("certificates.change_certificate"):
        raise PermissionDenied
    return get_object_or_404(Certificate, pk=pk)


def _edit_url(certificate: Certificate) -> str:
    return reverse("wagtailsnippets_certificates_certificate:edit", args=[certificate.pk])


def revoke(request, pk: int):
    certificate = _certificate(request, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        issuing.revoke(certificate, form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("Certificate %(code)s revoked.") % {"code": certificate.code})
        return redirect(_edit_url(certificate))
    return TemplateResponse(
        request,
        "certificates/admin/action.html",
        {
            "certificate": certificate,
            "form": form,
            "page_title": _("Revoke certificate"),
            "submit": _("Revoke"),
            "header_icon": "warning",
        },
    )


def reissue(request, pk: int):
    certificate = _certificate(request, pk)
    form = ConfirmNameForm(request.POST or None, initial={"name": certificate.name})
    if request.method == "POST" and form.is_valid():
        try:
            new = issuing.reissue(certificate, form.cleaned_data["name"], by=request.user)
        except issuing.AlreadySuperseded as superseded:
            messages.error(
                request,
                _("%(old)s has already been re-issued as %(code)s.")
                % {"old": certificate.code, "code": superseded},
            )
            return redirect(_edit_url(certificate))
        except issuing.HolderGone:
            messages.error(
                request,
                _("The holder of %(code)s has deleted their account: it cannot be re-issued.")
                % {"code": certificate.code},
            )
            return redirect(_edit_url(certificate))
        messages.success(
            request,
            _("Re-issued as %(code)s; %(old)s is now superseded.")
            % {"code": new.code, "old": certificate.code},
        )
        return redirect(_edit_url(new))
    return TemplateResponse(
        request,
        "certificates/admin/action.html",
        {
            "certificate": certificate,
            "form": form,
            "page_title": _("Re-issue certificate"),
            "submit": _("Re-issue with a new code"),
            "header_icon": "redirect",
        },
    )


class RegenerateForm(forms.Form):
    course = forms.ModelChoiceField(
        label=gettext_lazy("Course"),
        queryset=None,
        help_text=gettext_lazy(
            "Every valid certificate of the course is drawn again with "
            "the course's current template; codes stay the same."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.order_by("path")


def regenerate(request):
    if not request.user.has_perm("certificates.change_certificate"):
        raise PermissionDenied
    form = RegenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = issuing.start_regeneration(form.cleaned_data["course"], by=request.user)
        return redirect("certificate_regeneration", job_id=job.pk)
    return TemplateResponse(
        request,
        "certificates/admin/regenerate.html",
        {"form": form, "page_title": _("Regenerate certificates"), "header_icon": "resubmit"},
    )


def regeneration(request, job_id: int):
    if not request.user.has_perm("certificates.change_certificate"):
        raise PermissionDenied
    job = get_object_or_404(RegenerationJob.objects.select_related("course"), pk=job_id)
    return TemplateResponse(
        request,
        "certificates/admin/regeneration.html",
        {"job": job, "page_title": _("Regenerating certificates"), "header_icon": "resubmit"},
    )


@require_admin_access
def certificate_bulk_action(request, model_name: str, action: str):
    """Wagtail's bulk actions list the chosen objects before checking what may be done to
    them; certificates name learners, so only staff who may view them get that far."""
    if not request.user.has_perm("certificates.view_certificate"):
        return permission_denied(request)
    return bulk_action.index(request, "certificates", model_name, action)
