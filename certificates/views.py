import hashlib

from django.conf import settings
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from certificates import issuing
from certificates.codes import normalize
from certificates.forms import (
    MAX_UPLOAD_BYTES,
    ConfirmNameForm,
    VerifyCodeForm,
    VerifyUploadForm,
)
from certificates.models import Certificate
from certificates.pdf_data import verification_url
from core.ratelimit import client_ip, hit
from courses.models import CoursePage

PDF_MAGIC = b"%PDF-"


def _visible_to(request: HttpRequest, code: str) -> Certificate:
    """The certificate if the requester is its owner, or may view certificates in the admin
    (Wagtail's snippet permission, given to course managers); 404 for everyone else."""
    canonical = normalize(code)
    if canonical is None or not request.user.is_authenticated:
        raise Http404
    may_view_all = request.user.has_perm("certificates.view_certificate")
    owner = Q() if may_view_all else Q(user=request.user)
    return get_object_or_404(Certificate.objects.filter(owner), code=canonical)


def certificate_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The plain HTML version of the certificate: the accessible equivalent of the PDF."""
    certificate = _visible_to(request, code)
    return render(
        request,
        "certificates/certificate.html",
        {
            "certificate": certificate,
            "verify_url": verification_url(certificate.code),
            "linkedin_url": linkedin_url(certificate),
        },
    )


def certificate_pdf(request: HttpRequest, code: str) -> FileResponse:
    certificate = _visible_to(request, code)
    if certificate.status != Certificate.Status.READY or not certificate.pdf:
        raise Http404
    if certificate.is_revoked and not request.user.has_perm("certificates.view_certificate"):
        raise Http404  # a revoked certificate is not handed out again; staff keep the file
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.code}.pdf",
        content_type="application/pdf",
    )


def confirm_name(request: HttpRequest, code: str) -> HttpResponse:
    certificate = _visible_to(request, code)
    if certificate.user_id != request.user.id:
        raise Http404
    if certificate.status != Certificate.Status.AWAITING_NAME:
        return redirect("dashboard")
    form = ConfirmNameForm(request.POST or None, initial={"name": certificate.user.full_name})
    if request.method == "POST" and form.is_valid():
        issuing.confirm_name(certificate, form.cleaned_data["name"])
        return redirect("certificate_detail", code=certificate.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "certificates/confirm_name.html",
        {"form": form, "certificate": certificate},
        status=status,
    )


def course_certificate(request: HttpRequest, course_id: int) -> HttpResponse:
    """Where "Get your certificate" leads from a completed course, in any of its languages:
    the name confirmation while it waits for the name, else the certificate. A visitor is
    asked to sign up first (their completion joins the new account); a learner without a
    certificate for the course gets a 404."""
    course = get_object_or_404(CoursePage.objects.live().public(), id=course_id)
    if not request.user.is_authenticated:
        here = reverse("course_certificate", kwargs={"course_id": course.id})
        return redirect(reverse("account_signup") + "?" + urlencode({"next": here}))
    certificate = get_object_or_404(
        Certificate, user=request.user, course_key=course.translation_key, is_current=True
    )
    if certificate.status == Certificate.Status.AWAITING_NAME:
        return redirect("certificate_confirm_name", code=certificate.code)
    return redirect("certificate_detail", code=certificate.code)


@never_cache
def certificate_status(request: HttpRequest) -> JsonResponse:
    """What the dashboard polls while a certificate is being prepared."""
    if not request.user.is_authenticated:
        return JsonResponse({"certificates": []})
    rows = Certificate.objects.filter(user=request.user, is_current=True).values_list(
        "code", "status"
    )
    return JsonResponse({"certificates": [{"code": c, "status": s} for c, s in rows]})


def linkedin_url(certificate: Certificate) -> str:
    template = certificate.template
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.course_title,
        "organizationName": template.issuer if template else settings.CERTIFICATE_DEFAULT_ISSUER,
        "issueYear": certificate.completed_on.year,
        "issueMonth": certificate.completed_on.month,
        "certUrl": verification_url(certificate.code),
        "certId": certificate.code,
    }
    return "https://www.linkedin.com/profile/add?" + urlencode(params)


# Public verification -----------------------------------------------------------------

LOOKUPS_PER_MINUTE = 30


def _rate_limited(request: HttpRequest) -> int:
    """Seconds to wait when the client has used its LOOKUPS_PER_MINUTE, else 0."""
    verdict = hit("verify", client_ip(request), LOOKUPS_PER_MINUTE, 60)
    return 0 if verdict.allowed else verdict.retry_after


def _lookup(code: str) -> Certificate | None:
    canonical = normalize(code)
    if canonical is None:
        return None
    return (
        Certificate.objects.select_related("template", "superseded_by")
        .filter(code=canonical)
        .first()
    )


def _speak_the_certificates_language(request: HttpRequest, certificate: Certificate) -> None:
    """An employer who opens a printed link without any language preference reads the
    page in the certificate's language; one who has a preference keeps it."""
    if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES and not request.META.get(
        "HTTP_ACCEPT_LANGUAGE"
    ):
        translation.activate(certificate.language)
        request.LANGUAGE_CODE = certificate.language


def _not_found(request: HttpRequest, code: str) -> HttpResponse:
    """A mistyped code: say so and offer to type it again."""
    typed = code[:40]
    return render(
        request,
        "certificates/verify_not_found.html",
        {"form": VerifyCodeForm(initial={"code": typed}), "typed": typed},
        status=404,
    )


def verify_lookup(request: HttpRequest) -> HttpResponse:
    """The retype form: a code typed in any case, with or without dashes, opens its page."""
    form = VerifyCodeForm(request.GET or None)
    if form.is_valid():
        return redirect("verify", code=form.cleaned_data["code"])
    return render(
        request,
        "certificates/verify_not_found.html",
        {"form": form, "typed": ""},
        status=400 if form.is_bound else 200,
    )


def _public(certificate: Certificate) -> dict:
    template = certificate.template
    data = {
        "code": certificate.code,
        "status": certificate.validity,
        "name": certificate.name,
        "course": certificate.course_title,
        "completed_on": certificate.completed_on.isoformat(),
        "issuer": template.issuer if template else settings.CERTIFICATE_DEFAULT_ISSUER,
        "pdf_sha256": certificate.pdf_sha256 or None,
        # Files issued before the certificate was drawn again: genuine, not current.
        "earlier_pdf_sha256": list(
            certificate.renderings.exclude(sha256=certificate.pdf_sha256)
            .order_by("rendered_at")
            .values_list("sha256", flat=True)
        ),
    }
    if certificate.is_withdrawn:
        data["withdrawn_at"] = certificate.withdrawn_at.isoformat()
        data["withdrawn_by"] = "holder"
    if certificate.is_revoked:
        data["revoked_at"] = certificate.revoked_at.isoformat()
        data["revoke_reason"] = certificate.revoke_reason
    if certificate.is_superseded:
        data["superseded_by"] = certificate.superseded_by.code
    return data


def _too_many(request: HttpRequest, retry_after: int) -> HttpResponse:
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response


def verify(request: HttpRequest, code: str) -> HttpResponse:
    if retry_after := _rate_limited(request):
        return _too_many(request, retry_after)
    certificate = _lookup(code)
    if certificate is None:
        return _not_found(request, code)
    if normalize(code) != code:
        return redirect("verify", code=normalize(code))
    _speak_the_certificates_language(request, certificate)
    context = {"certificate": certificate, "data": _public(certificate)}
    status = 200
    if request.method == "POST":
        context.update(_compare_upload(request, certificate))
        status = 400 if context.get("upload_error") else 200
    else:
        context["form"] = VerifyUploadForm()
    return render(request, "certificates/verify.html", context, status=status)


def _compare_upload(request: HttpRequest, certificate: Certificate) -> dict:
    try:
        too_large = int(request.META.get("CONTENT_LENGTH") or 0) > MAX_UPLOAD_BYTES + 10_000
    except ValueError:
        too_large = True
    if too_large:
        return {
            "form": VerifyUploadForm(),
            "upload_error": _(
                "The file is too large: a certificate PDF is well under %(limit)s MB."
            )
            % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
        }
    form = VerifyUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return {"form": form, "upload_error": _("Choose a PDF file to compare.")}
    upload = form.cleaned_data["pdf"]
    digest = hashlib.sha256()
    first = b""
    for chunk in upload.chunks(64 * 1024):
        first = first or chunk[:5]
        digest.update(chunk)
    if first != PDF_MAGIC:
        return {"form": VerifyUploadForm(), "upload_error": _("That file is not a PDF.")}
    sha256 = digest.hexdigest()
    current = bool(certificate.pdf_sha256) and sha256 == certificate.pdf_sha256
    earlier = not current and certificate.renderings.filter(sha256=sha256).exists()
    return {
        "form": VerifyUploadForm(),
        "upload_checked": True,
        "upload_matches": current,
        "upload_earlier": earlier,
        "upload_sha256": sha256,
    }


def verify_json(request: HttpRequest, code: str) -> JsonResponse:
    if retry_after := _rate_limited(request):
        response = JsonResponse({"error": "rate limited"}, status=429)
        response["Retry-After"] = str(retry_after)
        return response
    certificate = _lookup(code)
    if certificate is None:
        return JsonResponse({"error": "not found", "code": code[:40]}, status=404)
    return JsonResponse(_public(certificate))
