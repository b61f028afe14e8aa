from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from enforcement.validators import normalise_iban, validate_iban
from identity.fields import AmountField, DigitsField

from ..services.realty import SELLER_KEY, title_deeds_of


class PropertyTransferForm(forms.Form):
    """The property, its price and the seller's account.

    The deeds offered are the seller's own valid ones. The wizard builds a step's form with the
    step's ``load(request)`` as its initial data (and checks a draft with it as its data), so
    ``load`` gives the seller's national ID under ``SELLER_KEY``; what was loaded wins over what
    was posted, so no one offers himself another person's deeds."""

    deed = forms.ChoiceField(
        label=_("Title deed"),
        widget=forms.RadioSelect,
        help_text=_("The valid title deeds registered in the seller's name."),
    )
    price = AmountField(label=_("Price (SAR)"), min_value=Decimal("0.01"), max_digits=14, decimal_places=2)
    seller_iban = DigitsField(
        label=_("Seller's IBAN"),
        max_length=34,
        help_text=_(
            "An active Saudi IBAN in the seller's name: SA followed by 22 characters. "
            "The price is paid into it 24 hours after the transfer."
        ),
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        seller = self.initial.get(SELLER_KEY) or (self.data.get(SELLER_KEY) if not self.initial else "")
        self.fields["deed"].choices = [
            (str(deed.pk), deed_label(deed)) for deed in (title_deeds_of(seller) if seller else [])
        ]

    def clean_seller_iban(self):
        value = normalise_iban(self.cleaned_data["seller_iban"])
        validate_iban(value)
        return value


def deed_label(deed) -> str:
    label = _("Deed %(number)s: %(city)s, %(district)s, plot %(plot)s, %(area)s m²") % {
        "number": deed.document.number,
        "city": deed.city,
        "district": deed.district,
        "plot": deed.plot_number,
        "area": f"{deed.area:,.2f}",
    }
    if deed.mortgagee:
        label += " " + _("(mortgaged to %(mortgagee)s)") % {"mortgagee": deed.mortgagee}
    return label
