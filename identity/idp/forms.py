from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from identity.fields import DigitsField, NationalIdField, number_input


class CredentialsForm(forms.Form):
    national_id = NationalIdField(
        label=pgettext_lazy("sign-in form", "National ID"),
        help_text=_("National ID or iqama number: 10 digits."),
        widget=number_input(autocomplete="username"),
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(forms.Form):
    # No ``pattern`` on the input: a [0-9] pattern makes the browser refuse a code typed in
    # Arabic-Indic digits, which the field reads as Latin ones.
    code = DigitsField(
        label=_("Verification code"),
        max_length=6,
        min_length=6,
        help_text=_("The 6 digits sent by SMS to your registered mobile number."),
        widget=number_input(autocomplete="one-time-code"),
    )


class NafathForm(forms.Form):
    national_id = NationalIdField(
        label=pgettext_lazy("sign-in form", "National ID"),
        help_text=_("National ID or iqama number: 10 digits."),
        widget=number_input(autocomplete="username"),
    )
