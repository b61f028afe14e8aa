from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CredentialsForm(forms.Form):
    national_id = forms.CharField(
        label=pgettext_lazy("sign-in form", "National ID"),
        max_length=10,
        help_text=_("National ID or iqama number: 10 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username", "dir": "ltr"}),
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=6,
        min_length=6,
        help_text=_("The 6 digits sent by SMS to your registered mobile number."),
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "dir": "ltr",
                "pattern": "[0-9]{6}",
            }
        ),
    )


class NafathForm(forms.Form):
    national_id = forms.CharField(
        label=pgettext_lazy("sign-in form", "National ID"),
        max_length=10,
        help_text=_("National ID or iqama number: 10 digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username", "dir": "ltr"}),
    )
