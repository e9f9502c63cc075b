from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.names import has_a_letter, normalise_name


def _clean_name(value: str) -> str:
    name = normalise_name(value)
    if name and not has_a_letter(name):
        raise forms.ValidationError(_("A name needs at least one letter."))
    return name


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form (allauth calls signup())."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        required=False,
        help_text=_("Your name as it should appear on certificates. You can change it later."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language

        self.fields["preferred_language"].initial = (get_language() or "fi")[:2]

    def clean_full_name(self) -> str:
        return _clean_name(self.cleaned_data["full_name"])

    def signup(self, request, user: User) -> None:
        user.full_name = self.cleaned_data["full_name"]
        user.preferred_language = self.cleaned_data["preferred_language"] or "fi"
        user.save(update_fields=["full_name", "preferred_language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]
        labels = {"full_name": _("Full name"), "preferred_language": _("Preferred language")}
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True

    def clean_full_name(self) -> str:
        name = _clean_name(self.cleaned_data["full_name"])
        if not name:
            raise forms.ValidationError(_("Enter your full name."))
        return name
