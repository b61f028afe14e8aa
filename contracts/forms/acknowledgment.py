from django import forms
from django.utils.translation import gettext_lazy as _

from identity.fields import AmountField, DigitsDateField

from ..models import Acknowledgment


class AcknowledgmentDetailsForm(forms.Form):
    """What is acknowledged: a debt, a waiver or a repayment, its amount and what it is for."""

    kind = forms.ChoiceField(
        label=_("What you acknowledge"), choices=Acknowledgment.Kind.choices, widget=forms.RadioSelect
    )
    amount = AmountField(label=_("Amount (SAR)"), min_value=1, max_digits=14, decimal_places=2)
    subject = forms.CharField(
        label=_("What it is for"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The loan, sale or other dealing it concerns."),
    )
    due_on = DigitsDateField(
        label=_("Payable on"),
        required=False,
        help_text=_("For a debt: when it is due. Leave it empty for a debt payable on demand."),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") != Acknowledgment.Kind.DEBT:
            data["due_on"] = None
        return data
