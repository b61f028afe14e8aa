from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PreferencesForm(forms.Form):
    email_notifications = forms.BooleanField(
        label=_("Send me notices by email too"),
        required=False,
        help_text=_("Legal notices by SMS to your registered mobile number are always sent."),
    )
    language = forms.ChoiceField(label=_("Language of my notices"), choices=settings.LANGUAGES)
