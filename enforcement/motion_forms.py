from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from identity.fields import AmountField, WholeNumberField
from requests_tracker.models import Party

from .models import Motion
from .motions import DEBTOR_KINDS, MAX_AMOUNT
from .services import MAX_GRACE_DAYS


class DebtorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, party):
        return f"{party.name} ({party.id_number})" if party.name else party.id_number


class MotionForm(forms.Form):
    """A motion of one ``kind``: only the details that kind needs, then the grounds. The debtor is
    asked only when the filer may name more than one."""

    debtor = DebtorChoiceField(queryset=None, label=_("Debtor"), widget=forms.RadioSelect, empty_label=None)
    new_amount = AmountField(
        label=_("New amount (SAR)"),
        min_value=Decimal("0.01"),
        max_value=MAX_AMOUNT,
        decimal_places=2,
        help_text=_("The amount the execution is to be for, not less than what has been paid."),
    )
    employer = forms.CharField(
        label=_("The debtor's employer"),
        max_length=200,
        help_text=_("The company or government body that pays his wages."),
    )
    days = WholeNumberField(label=_("Days of grace asked for"), min_value=1, max_value=MAX_GRACE_DAYS)
    reason = forms.CharField(
        label=_("Grounds of the motion"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}),
        help_text=_("What the enforcement judge should know to decide it."),
    )

    FIELDS_OF = {
        Motion.Kind.AMEND_AMOUNT: {"new_amount"},
        Motion.Kind.WAGE_GARNISHMENT: {"employer"},
        Motion.Kind.GRACE: {"days"},
    }

    def __init__(self, *args, kind: str, debtors, **kwargs):
        super().__init__(*args, **kwargs)
        wanted = {"reason"} | self.FIELDS_OF.get(kind, set())
        if kind in DEBTOR_KINDS and len(debtors) > 1:
            wanted.add("debtor")
            self.fields["debtor"].queryset = Party.objects.filter(pk__in=[party.pk for party in debtors])
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
