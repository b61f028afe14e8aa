from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from identity.fields import AmountField, DigitsField, HijriOrGregorianDateField

from .bank import account_problem
from .models import AssetDisclosure, ExecutionRequest, RequestType
from .validators import normalise_iban, validate_iban, validate_not_future

# The key under which the account step's ``load`` gives the creditor's national ID.
CREDITOR_KEY = "creditor_id"


class ExecutionDetailsForm(forms.ModelForm):
    class Meta:
        model = ExecutionRequest
        fields = (
            "request_type", "instrument_type", "instrument_number", "instrument_date", "instrument_issuer",
            "instrument_in_arabic", "personal_status_kind", "amount", "monthly_amount", "title_deeds",
        )  # fmt: skip
        field_classes = {
            "instrument_number": DigitsField,
            "instrument_date": HijriOrGregorianDateField,
            "amount": AmountField,
            "monthly_amount": AmountField,
            "title_deeds": DigitsField,
        }
        help_texts = {
            "instrument_date": _(
                "Year-month-day, such as 2025-06-26, or 1447-01-01 in the Hijri calendar: choose the "
                "calendar below the date."
            ),
            "amount": _(
                "Leave it empty for custody, visitation or delivery of a child: they are executed in kind. "
                "For maintenance, the total of the months to execute."
            ),
            "monthly_amount": _("For maintenance only: the monthly amount the judgment sets."),
        }
        widgets = {
            "request_type": forms.RadioSelect,
            # Numbers that may hold a slash, a dash or (deeds) commas: a text keyboard, which has them.
            "instrument_number": forms.TextInput(attrs={"dir": "ltr"}),
            "title_deeds": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request_type"].choices = RequestType.choices
        self.fields["amount"].min_value = Decimal("0.01")
        self.fields["monthly_amount"].min_value = Decimal("0.01")

    def clean_instrument_date(self):
        value = self.cleaned_data["instrument_date"]
        if value is not None:
            validate_not_future(value)
        return value

    def clean(self):
        data = super().clean()
        if data.get("request_type") == RequestType.REAL_ESTATE and not data.get("title_deeds", "").strip():
            self.add_error("title_deeds", _("A real-estate execution names the title deeds."))
        # Imported here: the personal-status services build on the enforcement services, which use
        # this module.
        from .personal_status import personal_status_form_errors

        for field, message in personal_status_form_errors(data):
            self.add_error(field, message)
        return data


class CreditorAccountForm(forms.Form):
    """The account the money is paid into: an active IBAN that a bank holds under the creditor's ID.

    The creditor is the person the request is filed for (a lawyer's client), not the agent filing.
    The wizard builds a step's form with the step's ``load(request)`` as its initial data (and
    checks a draft with it as its data), so ``load`` gives the creditor's national ID under
    ``CREDITOR_KEY``; what was loaded wins over what was posted."""

    creditor_iban = DigitsField(
        label=_("Creditor's IBAN"),
        max_length=34,
        help_text=_("An active Saudi IBAN in the creditor's name: SA followed by 22 characters."),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def clean_creditor_iban(self):
        value = normalise_iban(self.cleaned_data["creditor_iban"])
        validate_iban(value)
        creditor = self._creditor()
        if creditor is not None:
            problem = account_problem(iban=value, holder=creditor)
            if problem:
                raise forms.ValidationError(problem, code="not_the_creditors")
        return value

    def _creditor(self):
        national_id = self.initial.get(CREDITOR_KEY) or (
            self.data.get(CREDITOR_KEY) if not self.initial else ""
        )
        return get_user_model().objects.filter(national_id=national_id).first() if national_id else None


class PaymentForm(forms.Form):
    amount = AmountField(label=_("Amount to pay (SAR)"), min_value=Decimal("0.01"), decimal_places=2)


class DisclosureForm(forms.ModelForm):
    class Meta:
        model = AssetDisclosure
        fields = ("kind", "identifier", "description", "value")
        field_classes = {"value": AmountField, "identifier": DigitsField}
        widgets = {"identifier": forms.TextInput(attrs={"dir": "ltr"})}
        help_texts = {
            "identifier": _("The title deed number, the IBAN, the plate or the securities account.")
        }


class InquiryForm(forms.Form):
    reference = DigitsField(
        label=_("Execution request number"), max_length=32, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
