"""Wagtail user admin forms: our user has one full name instead of first and last names."""

from django import forms
from wagtail.users import forms as wagtail_forms

from accounts.models import User

_FIELDS = {"email", "full_name", "preferred_language", "is_superuser", "groups"}


class UserCreationForm(wagtail_forms.UserCreationForm):
    first_name = None
    last_name = None

    class Meta:
        model = User
        fields = _FIELDS
        widgets = {"groups": forms.CheckboxSelectMultiple}


class UserEditForm(wagtail_forms.UserEditForm):
    first_name = None
    last_name = None

    class Meta:
        model = User
        fields = _FIELDS | {"is_active"}
        widgets = {"groups": forms.CheckboxSelectMultiple}
