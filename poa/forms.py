from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from identity.fields import DigitsDateField, DigitsField

from .models import ClauseGroup, PoaType
from .selectors import clauses_offered
from .services import latest_end


class PoaDetailsForm(forms.Form):
    """The POA itself: its type, the clauses from the ministry's list, delegation, the end date."""

    poa_type = forms.ChoiceField(
        label=_("Type of power of attorney"), choices=PoaType.choices, widget=forms.RadioSelect
    )
    clauses = forms.MultipleChoiceField(
        label=_("Clauses"),
        help_text=_("What the agents may do for you. A judicial POA needs a litigation clause."),
        widget=forms.CheckboxSelectMultiple,
    )
    may_delegate = forms.BooleanField(label=_("The agents may delegate to another agent"), required=False)
    ends_on = DigitsDateField(
        label=_("Valid until"),
        help_text=_("At most one year from today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    company_name = forms.CharField(
        label=_("Company name"), required=False, max_length=200, help_text=_("For a business representative.")
    )
    commercial_register = DigitsField(
        label=_("Commercial register number"),
        required=False,
        max_length=10,
        min_length=10,
        help_text=_("10 digits, for a business representative."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grouped: dict[str, list] = {}
        for clause in clauses_offered():
            grouped.setdefault(clause.group, []).append((clause.code, clause.text))
        self.fields["clauses"].choices = [
            (ClauseGroup(group).label, choices) for group, choices in grouped.items()
        ]
        self.fields["ends_on"].widget.attrs["max"] = latest_end().isoformat()

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        if ends_on <= timezone.localdate():
            raise forms.ValidationError(_("The end date must be after today."))
        if ends_on > latest_end():
            raise forms.ValidationError(
                _("A power of attorney lasts at most one year: choose a date until %(date)s.")
                % {"date": latest_end().isoformat()}
            )
        return ends_on

    def clean(self):
        data = super().clean()
        if data.get("poa_type") == PoaType.BUSINESS:
            for name in ("company_name", "commercial_register"):
                if not data.get(name):
                    self.add_error(name, _("Required for a business representative."))
        return data
