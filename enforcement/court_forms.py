"""The forms of the enforcement case file: what the clerk records and the judge decides."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from identity.fields import AmountField, DigitsDateField, WholeNumberField

from .models import AssetDisclosure, Debtor, Measure
from .services import DISCRETIONARY, MAX_GRACE_DAYS


class _OfRequest(forms.Form):
    """A form whose choices are rows of one request: a debtor, an asset."""

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if "debtor" in self.fields:
            self.fields["debtor"].queryset = Debtor.objects.filter(execution_id=request.pk).select_related(
                "party"
            )
        if "asset" in self.fields:
            self.fields["asset"].queryset = AssetDisclosure.objects.filter(execution_id=request.pk)


class PublicationForm(_OfRequest):
    debtor = forms.ModelChoiceField(queryset=Debtor.objects.none(), label=_("Debtor"))
    newspaper = forms.CharField(label=_("Daily newspaper"), max_length=120)
    published_on = DigitsDateField(
        label=_("Published on"), widget=forms.DateInput(attrs={"type": "date"}), initial=timezone.localdate
    )
    cost = AmountField(label=_("Cost of the publication (SAR)"), min_value=Decimal("0"), decimal_places=2)


class GraceForm(_OfRequest):
    """The judge's grace period, in days, for one debtor or all of them (the service bounds it)."""

    days = WholeNumberField(label=_("Grant a grace period (days)"), min_value=1, max_value=MAX_GRACE_DAYS)
    debtor = forms.ModelChoiceField(
        queryset=Debtor.objects.none(), label=_("Debtor"), required=False, empty_label=_("All debtors")
    )


class DecisionForm(_OfRequest):
    """Decision 46 for one debtor: the mandatory measures are in it; the judge picks the others."""

    debtor = forms.ModelChoiceField(queryset=Debtor.objects.none(), label=_("Debtor"))
    ordered = forms.MultipleChoiceField(
        label=_("Discretionary measures to order"),
        choices=[(kind, Measure.Kind(kind).label) for kind in DISCRETIONARY],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class VerificationForm(_OfRequest):
    asset = forms.ModelChoiceField(queryset=AssetDisclosure.objects.none(), label=_("Asset"))
    note = forms.CharField(
        label=_("Note (required when it did not check out)"), max_length=300, required=False
    )


class AssetForm(_OfRequest):
    asset = forms.ModelChoiceField(queryset=AssetDisclosure.objects.none(), label=_("Asset"))


class SaleForm(_OfRequest):
    asset = forms.ModelChoiceField(queryset=AssetDisclosure.objects.none(), label=_("Asset"))
    proceeds = AmountField(label=_("Sale proceeds (SAR)"), min_value=Decimal("0.01"), decimal_places=2)
