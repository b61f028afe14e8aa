from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from identity.fields import AmountField, DigitsDateField, DigitsField, WholeNumberField

from .models import AssetDisclosure, ExecutionRequest, Measure, RequestType
from .validators import normalise_iban, validate_iban


class ExecutionDetailsForm(forms.ModelForm):
    class Meta:
        model = ExecutionRequest
        fields = (
            "request_type", "instrument_type", "instrument_number", "instrument_date", "instrument_issuer",
            "instrument_in_arabic", "amount", "title_deeds",
        )  # fmt: skip
        field_classes = {
            "instrument_number": DigitsField,
            "instrument_date": DigitsDateField,
            "amount": AmountField,
            "title_deeds": DigitsField,
        }
        widgets = {
            "instrument_date": forms.DateInput(attrs={"type": "date"}),
            "request_type": forms.RadioSelect,
            # Numbers that may hold a slash, a dash or (deeds) commas: a text keyboard, which has them.
            "instrument_number": forms.TextInput(attrs={"dir": "ltr"}),
            "title_deeds": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_type"].choices = RequestType.choices
        self.fields["amount"].min_value = Decimal("0.01")

    def clean(self):
        data = super().clean()
        if data.get("request_type") == RequestType.REAL_ESTATE and not data.get("title_deeds", "").strip():
            self.add_error("title_deeds", _("A real-estate execution names the title deeds."))
        return data


class CreditorAccountForm(forms.Form):
    creditor_iban = DigitsField(
        label=_("Creditor's IBAN"),
        max_length=34,
        help_text=_("An active Saudi IBAN in the creditor's name: SA followed by 22 characters."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def clean_creditor_iban(self):
        value = normalise_iban(self.cleaned_data["creditor_iban"])
        validate_iban(value)
        return value


class PaymentForm(forms.Form):
    amount = AmountField(label=_("Amount to pay (SAR)"), min_value=Decimal("0.01"), decimal_places=2)


class DisclosureForm(forms.ModelForm):
    class Meta:
        model = AssetDisclosure
        fields = ("kind", "description", "value")
        field_classes = {"value": AmountField}


class InquiryForm(forms.Form):
    reference = DigitsField(
        label=_("Execution request number"), max_length=32, widget=forms.TextInput(attrs={"dir": "ltr"})
    )


class GraceForm(forms.Form):
    """The judge's grace period, in days (the service bounds it)."""

    days = WholeNumberField(label=_("Grant a grace period (days)"), min_value=1, max_value=90)


class MeasureDecisionForm(forms.Form):
    """Which proposed measure of ``request`` the judge decides on."""

    measure = forms.ModelChoiceField(queryset=Measure.objects.none(), label=_("Measure"))

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = Measure.objects.filter(execution__request=request)
