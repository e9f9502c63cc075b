"""Everyone who can open the admin signs in with a second factor.

allauth asks for the second factor at sign-in once one is set up; this middleware makes
setting one up the first thing a staff member does in the admin, and keeps the admin
closed to them until they have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.mfa.utils import is_mfa_enabled
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

ADMIN_PREFIX = "/admin/"


def needs_second_factor(user) -> bool:
    return (
        user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
        and not is_mfa_enabled(user)
    )


class StaffSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(ADMIN_PREFIX) and needs_second_factor(request.user):
            messages.warning(
                request,
                _(
                    "The admin needs a second factor. Set up an authenticator app (or a "
                    "passkey) now; you will be asked for a code when you sign in."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
