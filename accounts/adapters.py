from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from core.ratelimit import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Sends allauth's emails in the learner's preferred language."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def clean_email(self, email: str) -> str:
        """An address longer than the account keeps is refused, not cut short (allauth would
        store its first 254 characters: somebody else's address, or none)."""
        email = super().clean_email(email)
        limit = User._meta.get_field("email").max_length
        if len(email) > limit:
            raise forms.ValidationError(
                _("An email address can be at most %(limit)s characters long.") % {"limit": limit}
            )
        return email

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True

    def get_client_ip(self, request: HttpRequest) -> str:
        """allauth's login, sign-up and reset limits key on the same address as the site's."""
        return client_ip(request)
