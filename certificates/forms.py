from django import forms
from django.utils.translation import gettext_lazy as _

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
