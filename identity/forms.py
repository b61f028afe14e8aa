from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .fields import DigitsField, number_input


class PreferencesForm(forms.Form):
    email_notifications = forms.BooleanField(
        label=_("Send me notices by email too"),
        required=False,
        help_text=_("Legal notices by SMS to your registered mobile number are always sent."),
    )
    language = forms.ChoiceField(label=_("Language of my notices"), choices=settings.LANGUAGES)


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
