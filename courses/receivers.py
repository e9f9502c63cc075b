"""An anonymous visitor's learning joins their account when they sign up or log in."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from courses.learners.merge import merge_session_into_account


@receiver(user_logged_in, dispatch_uid="courses_merge_on_login")
def merge_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        merge_session_into_account(request.session, user)


@receiver(user_signed_up, dispatch_uid="courses_merge_on_signup")
def merge_on_signup(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        merge_session_into_account(request.session, user)
