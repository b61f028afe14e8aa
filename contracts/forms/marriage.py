from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from identity.fields import AmountField, DigitsDateField, MobileField, NationalIdField
from identity.validators import validate_national_id
from requests_tracker.errors import RequestError
from requests_tracker.parties import registry_name, saudi_mobile

from ..models import DivorceDeed, MarriageContract
from ..services.marriage import divorce_refusals, mazouns

# The issuer's name goes into the spouses' SMS, which must stay within two segments.
ISSUER_NAME_LENGTH = 60


class MazounChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return registry_name(obj)


class MarriageDetailsForm(forms.ModelForm):
    """The wizard's contract step: the ma'zoun the husband chooses, the dowry and the conditions."""

    mazoun = MazounChoiceField(
        queryset=mazouns(),
        label=_("ma'zoun"),
        help_text=_("The ma'zoun who reviews and approves the contract once every party has accepted."),
    )

    class Meta:
        model = MarriageContract
        fields = ("mazoun", "dowry_advanced", "dowry_deferred", "conditions")
        field_classes = {"dowry_advanced": AmountField, "dowry_deferred": AmountField}
        widgets = {"conditions": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read at each use: a ma'zoun who joins or leaves is offered, or not, from then on.
        self.fields["mazoun"].queryset = mazouns()
        for name in ("dowry_advanced", "dowry_deferred"):
            self.fields[name].validators.append(MinValueValidator(0))


class DivorceRegisterForm(forms.ModelForm):
    """The admin's form to register a divorce: the spouses by ID, and what was registered. Bound to
    the registrar (``actor``) so that it says at once what ``divorce_register`` would refuse."""

    husband_id = NationalIdField(label=_("husband's ID"), validators=[validate_national_id])
    husband_name = forms.CharField(
        label=_("husband's full name"),
        max_length=200,
        required=False,
        help_text=_("Only when he is not registered in the portal."),
    )
    wife_id = NationalIdField(label=_("wife's ID"), validators=[validate_national_id])
    wife_name = forms.CharField(
        label=_("wife's full name"),
        max_length=200,
        required=False,
        help_text=_("Only when she is not registered in the portal."),
    )
    wife_phone = MobileField(
        label=_("wife's mobile number"),
        max_length=20,
        required=False,
        help_text=_("Only when she is not registered in the portal: she is told of the deed by SMS."),
    )

    actor = None

    class Meta:
        model = DivorceDeed
        fields = ("kind", "divorced_on", "marriage_deed_number", "issuer", "issuer_name")
        field_classes = {"divorced_on": DigitsDateField}

    field_order = (
        "husband_id",
        "husband_name",
        "wife_id",
        "wife_name",
        "wife_phone",
        "kind",
        "divorced_on",
        "marriage_deed_number",
        "issuer",
        "issuer_name",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer_name"].max_length = ISSUER_NAME_LENGTH
        self.fields["issuer_name"].widget.attrs["maxlength"] = str(ISSUER_NAME_LENGTH)

    def clean_wife_phone(self):
        phone = self.cleaned_data["wife_phone"].strip()
        if not phone:
            return ""
        try:
            return saudi_mobile(phone)
        except RequestError as refused:
            raise forms.ValidationError(refused.message) from None

    def clean_divorced_on(self):
        day = self.cleaned_data["divorced_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of the divorce cannot be in the future."))
        return day

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        for problem in divorce_refusals(
            actor=self.actor,
            husband_id=data["husband_id"],
            wife_id=data["wife_id"],
            issuer=data["issuer"],
            husband_name=data.get("husband_name", ""),
            wife_name=data.get("wife_name", ""),
            wife_phone=data.get("wife_phone", ""),
        ):
            self.add_error(None, problem)
        return data
