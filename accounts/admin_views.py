"""The user admin's privacy tools: deleting through the one erasure path, and the subject
access request (an export of a learner's data, for the staff member to hand over)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction
from wagtail.users.views.users import DeleteView

from accounts import erasure, exporting, tasks
from accounts.models import AccountDeletion, DataExport, User
from accounts.privacy import Choice, choices_needed

CHOICE_HELP = gettext_lazy(
    "Keep verifiable: the verification pages keep the printed name, course and date, with "
    "no account behind them. Withdraw: they say the holder withdrew the certificate, and "
    "show no name."
)


class CertificateChoiceForm(forms.Form):
    certificates = forms.ChoiceField(
        label=gettext_lazy("The learner's certificates"),
        choices=AccountDeletion.Certificates.choices,
        widget=forms.RadioSelect,
        help_text=CHOICE_HELP,
    )

    def __init__(self, *args, asks: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not asks:
            del self.fields["certificates"]

    @property
    def choice(self) -> Choice:
        return Choice(self.cleaned_data.get("certificates") or Choice.WITHDRAW)


class UserDeleteView(DeleteView):
    """Wagtail's user deletion, through accounts/erasure.py and with the holder's choice for
    the certificates (asked of the staff member, who should ask the learner)."""

    template_name = "accounts/admin/confirm_delete.html"
    form_class = CertificateChoiceForm
    success_message = gettext_lazy("User '%(object)s' is being deleted.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "asks": choices_needed(self.object)}

    def form_valid(self, form):
        self.choice = form.choice
        return super().form_valid(form)

    def delete_action(self):
        try:
            tasks.delete_account(self.object, self.choice, by=self.request.user)
        except erasure.DeletionUnderway:
            messages.warning(self.request, _("This account is already being deleted."))


class UserBulkDeleteAction(DeleteBulkAction):
    """Bulk deletion of users, through the same path: one choice for all their
    certificates."""

    form_class = CertificateChoiceForm
    template_name = "accounts/admin/confirm_bulk_delete.html"

    def get_execution_context(self):
        return {
            **super().get_execution_context(),
            "choice": self.cleaned_form.choice,
            "by": self.request.user,
        }

    @classmethod
    def execute_action(cls, objects, model=None, choice=Choice.WITHDRAW, by=None, **kwargs):
        started = 0
        for user in objects:
            try:
                tasks.delete_account(user, choice, by=by)
            except erasure.DeletionUnderway:
                continue
            started += 1
        return started, 0


def data_export(request: HttpRequest, user_id: int) -> HttpResponse:
    """A subject access request: staff who may change users prepare a learner's export,
    which is theirs to download and hand over."""
    if not request.user.has_perm("accounts.change_user"):
        raise PermissionDenied
    subject = get_object_or_404(User, pk=user_id)
    if request.method == "POST":
        try:
            tasks.request_export(subject, by=request.user)
        except exporting.ExportUnderway:
            messages.error(request, _("An export of this account is already being prepared."))
        else:
            messages.success(
                request,
                _("The export is being prepared. You will get an email when it is ready."),
            )
        return redirect("accounts_data_export", user_id=subject.pk)
    exports = DataExport.objects.filter(user=subject, requested_by=request.user).order_by(
        "-created_at"
    )
    return TemplateResponse(
        request,
        "accounts/admin/data_export.html",
        {"subject": subject, "exports": exports, "page_title": _("Data export")},
    )
