from django import forms
from django.utils.translation import gettext_lazy as _

from core.names import has_a_letter, normalise_name


class VisitorSignupForm(forms.Form):
    """A visitor without an account signs up with a name and an address (confirmed by a
    link sent to it)."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_name(self) -> str:
        name = normalise_name(self.cleaned_data["name"])
        if not has_a_letter(name):
            raise forms.ValidationError(_("A name needs at least one letter."))
        return name
