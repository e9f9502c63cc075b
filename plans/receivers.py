"""A visitor's plan joins their account when they sign up or log in, like their learning."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from plans import store


def _merge(request, user) -> None:
    if request is not None and hasattr(request, "session"):
        store.merge_session_into_account(request.session, user)


@receiver(user_logged_in, dispatch_uid="plans_merge_on_login")
def merge_on_login(sender, request, user, **kwargs) -> None:
    _merge(request, user)


@receiver(user_signed_up, dispatch_uid="plans_merge_on_signup")
def merge_on_signup(sender, request, user, **kwargs) -> None:
    _merge(request, user)
