from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import erasure, exporting, tasks
from accounts.forms import DeleteAccountForm, ProfileForm
from accounts.models import DataExport
from accounts.privacy import Choice, choices_needed
from core.ratelimit import hit

EXPORTS_PER_DAY = 5


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # The site now speaks the language the learner chose.
        translation.activate(user.preferred_language)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.preferred_language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
        )
        return response
    exports = DataExport.objects.filter(user=request.user, requested_by=None).order_by(
        "-created_at"
    )[:5]
    return render(request, "accounts/profile.html", {"form": form, "exports": exports})


@login_required
@require_POST
def request_export(request: HttpRequest) -> HttpResponse:
    """Asks for a copy of the account's data; the link comes by email and on the profile."""
    if not hit("data-export", str(request.user.pk), EXPORTS_PER_DAY, 24 * 60 * 60).allowed:
        messages.error(
            request,
            _("You have asked for %(count)s data exports today. Please try again tomorrow.")
            % {"count": EXPORTS_PER_DAY},
        )
        return redirect("profile")
    try:
        tasks.request_export(request.user)
    except exporting.ExportUnderway:
        messages.error(
            request,
            _(
                "Your data export is already being prepared. You will get an email when it "
                "is ready."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "Your data export is being prepared. You will get an email when it is "
                "ready, and you can download it on this page."
            ),
        )
    return redirect("profile")


@never_cache
def download_export(request: HttpRequest, export_id) -> FileResponse:
    """The export's ZIP for the person it is about, or the staff member who asked for it;
    404 for anybody else, and after it has expired."""
    if not request.user.is_authenticated:
        raise Http404
    export = (
        DataExport.objects.filter(pk=export_id)
        .filter(Q(user=request.user) | Q(requested_by=request.user))
        .first()
    )
    if export is None or not export.is_available:
        raise Http404
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"data-export-{export.finished_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    """Deleting one's own account, after the password (and the second factor) again."""
    user = request.user
    form = DeleteAccountForm(
        request.POST or None, request=request, asks_for_certificates=choices_needed(user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            tasks.delete_account(user, form.choice)
        except erasure.DeletionUnderway:
            form.add_error(None, _("Your account is already being deleted."))
        else:
            logout(request)
            return redirect(f"{reverse('account_deleted')}?certificates={form.choice}")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/delete.html", {"form": form}, status=status)


def account_deleted(request: HttpRequest) -> HttpResponse:
    """Where a deleted account's last request lands: what happened, and to the
    certificates."""
    choice = request.GET.get("certificates")
    return render(
        request,
        "accounts/deleted.html",
        {"choice": choice if choice in {Choice.KEEP, Choice.WITHDRAW} else None},
    )
