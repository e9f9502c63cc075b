import time

from allauth.account import app_settings as account_settings
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.base.forms import BaseAuthenticateForm
from allauth.mfa.models import Authenticator
from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountDeletion, User
from accounts.privacy import Choice
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


class DeleteAccountForm(BaseAuthenticateForm):
    """Deleting one's own account: the password again, the second factor's code where one
    is enrolled (allauth's own check, rate-limited), and the choice for the certificates
    when there are issued ones."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    certificates = forms.ChoiceField(
        label=_("Your certificates"),
        choices=AccountDeletion.Certificates.choices,
        widget=forms.RadioSelect,
    )
    field_order = ["certificates", "password", "code"]

    def __init__(self, *args, request, asks_for_certificates: bool, **kwargs):
        super().__init__(*args, user=request.user, **kwargs)
        self.request = request
        self.fields["code"].label = _("Code from your authenticator app, or a recovery code")
        factors = set(Authenticator.objects.filter(user=self.user).values_list("type", flat=True))
        if not factors - {Authenticator.Type.WEBAUTHN}:
            del self.fields["code"]
        # A passkey cannot be typed: one whose only second factor is a passkey confirms it
        # with allauth's passkey re-authentication first (recorded in the session).
        self.needs_passkey = factors == {Authenticator.Type.WEBAUTHN}
        self.passkey_confirmed = self.needs_passkey and _recently_used_passkey(request)
        if not asks_for_certificates:
            del self.fields["certificates"]

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not get_account_adapter().reauthenticate(self.user, password):
            raise forms.ValidationError(_("The password is not correct."))
        return password

    def clean_code(self) -> str:
        if self.errors.get("password"):
            return ""  # a wrong password: the code is not spent
        try:
            return super().clean_code()
        except forms.ValidationError as error:
            raise forms.ValidationError(_("The code is not correct.")) from error

    def clean(self):
        cleaned = super().clean()
        if self.needs_passkey and not self.passkey_confirmed and "password" not in self.errors:
            raise forms.ValidationError(_("Confirm with your passkey first."))
        return cleaned

    @property
    def choice(self) -> Choice:
        return Choice(self.cleaned_data.get("certificates") or Choice.WITHDRAW)


def _recently_used_passkey(request) -> bool:
    """Whether the session's user re-authenticated with a passkey within allauth's
    re-authentication timeout."""
    records = get_authentication_records(request, request.user)
    return any(
        record.get("method") == "mfa"
        and record.get("type") == Authenticator.Type.WEBAUTHN
        and record.get("reauthenticated")
        and time.time() - record["at"] < account_settings.REAUTHENTICATION_TIMEOUT
        for record in records
    )
