from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from identity.fields import AmountField, ChildrenField, DigitsDateTimeField

from .models import CaseCategory, Court, CourtType, Hearing, Judgment, Memo


class CourtForm(forms.Form):
    """Which court hears the claim, and what kind of claim it is: the court by city, the category by
    its parent category (a sub-category is what is chosen)."""

    family = False
    court = forms.ChoiceField(label=_("City and court"))
    category = forms.ChoiceField(label=_("Case category"), help_text=_("Choose the sub-category that fits."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        courts = Court.objects.all()
        if self.family:
            courts = courts.filter(court_type=CourtType.PERSONAL_STATUS)
        by_city: dict[str, list] = {}
        for court in courts:
            by_city.setdefault(court.city, []).append((str(court.pk), court.name))
        self.fields["court"].choices = [("", "—"), *by_city.items()]
        leaves = CaseCategory.objects.filter(parent__isnull=False).select_related("parent")
        leaves = leaves.exclude(family="") if self.family else leaves.filter(family="")
        by_parent: dict[str, list] = {}
        for category in leaves:
            label = f"{category.parent.name} — {CourtType(category.court_type).label}"
            by_parent.setdefault(label, []).append((str(category.pk), category.name))
        self.fields["category"].choices = [("", "—"), *by_parent.items()]

    def clean(self):
        data = super().clean()
        court = Court.objects.filter(pk=data.get("court") or None).first()
        category = CaseCategory.objects.filter(pk=data.get("category") or None).first()
        if court and category and court.court_type != category.court_type:
            self.add_error(
                "category",
                _("This court does not hear this kind of claim: choose another court or category."),
            )
        data["court"], data["category"] = court, category
        return data


class FamilyCourtForm(CourtForm):
    family = True


class ClaimForm(forms.Form):
    national_address = forms.CharField(
        label=_("Your national address"),
        max_length=200,
        help_text=_("Short address or building, street, district, city."),
    )
    subject = forms.CharField(label=_("Subject of the claim"), max_length=300)
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 6}))
    claims = forms.CharField(
        label=_("Your claims"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you ask the court to rule: one claim per line."),
    )
    amount = AmountField(
        label=_("Amount claimed (SAR)"), required=False, help_text=_("For a financial claim.")
    )
    children = ChildrenField(
        required=False,
        help_text=_(
            "For custody, visitation or guardianship: one child per line: name, ID number, birth date (YYYY-MM-DD)."
        ),
    )

    def clean_claims(self):
        claims = [line.strip() for line in self.cleaned_data["claims"].splitlines() if line.strip()]
        if not claims:
            raise forms.ValidationError(_("State at least one claim."))
        return claims


# --- Staff forms (the case file) ------------------------------------------------------------------------------


class HearingForm(forms.Form):
    starts_at = DigitsDateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    mode = forms.ChoiceField(label=_("Attendance"), choices=Hearing.Mode.choices)
    room = forms.CharField(label=_("Court room"), required=False, max_length=60)

    def clean_starts_at(self):
        starts_at = self.cleaned_data["starts_at"]
        if starts_at <= timezone.now():
            raise forms.ValidationError(_("A hearing is scheduled in the future."))
        return starts_at


class RegistrationForm(HearingForm):
    circuit = forms.CharField(label=_("Circuit"), max_length=100)

    field_order = ["circuit", "starts_at", "mode", "room"]


class MinutesForm(forms.Form):
    hearing = forms.IntegerField(widget=forms.HiddenInput)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 4}))


class JudgmentForm(forms.Form):
    reasoning = forms.CharField(label=_("Reasoning"), widget=forms.Textarea(attrs={"rows": 6}))
    ruling = forms.CharField(label=_("Ruling"), widget=forms.Textarea(attrs={"rows": 4}))
    judged_on = forms.DateField(
        label=_("Date of the judgment"), widget=forms.DateInput(attrs={"type": "date"})
    )
    winner = forms.ChoiceField(label=_("In favour of"), choices=Judgment.Winner.choices)
    amount = AmountField(label=_("Amount awarded (SAR)"), required=False)


# --- The parties' forms (the case page) -------------------------------------------------------------------------


class MemoForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Memo.Kind.choices, widget=forms.RadioSelect, initial=Memo.Kind.MEMO
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))


class ObjectionForm(forms.Form):
    grounds = forms.CharField(label=_("Grounds of the objection"), widget=forms.Textarea(attrs={"rows": 6}))


class RepresentativeForm(forms.Form):
    lawyer_national_id = forms.CharField(label=_("The lawyer's national ID"), max_length=10)


class CaseLookupForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=20)
