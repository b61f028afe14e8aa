from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from identity.fields import NationalIdField, number_input


class CredentialsForm(forms.Form):
    national_id = NationalIdField(
        label=pgettext_lazy("sign-in form", "National ID"),
        help_text=_("National ID or iqama number: 10 digits."),
        widget=number_input(autocomplete="username"),
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class NafathForm(forms.Form):
    national_id = NationalIdField(
        label=pgettext_lazy("sign-in form", "National ID"),
        help_text=_("National ID or iqama number: 10 digits."),
        widget=number_input(autocomplete="username"),
    )
