from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.codes import normalize
from certificates.issuing import NAME_MAX_LENGTH, InvalidName, clean_name

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ConfirmNameForm(forms.Form):
    name = forms.CharField(
        label=_("Your name as it will be printed"),
        max_length=NAME_MAX_LENGTH,
        strip=False,
        help_text=_("Check the spelling: the name cannot be changed on this certificate later."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_name(self) -> str:
        try:
            return clean_name(self.cleaned_data["name"])
        except InvalidName as error:
            raise forms.ValidationError(str(error)) from error


class VerifyUploadForm(forms.Form):
    pdf = forms.FileField(
        label=_("A certificate PDF to compare"),
        help_text=_("The file is compared byte for byte with the one issued and then discarded."),
    )


class VerifyCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_(
            "Sixteen letters and digits, for example 7K3M-9QXV-A2BC-DEFG. Upper or lower case, "
            "with or without dashes."
        ),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalize(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("That is not a certificate code: check it has sixteen letters and digits.")
            )
        return code
