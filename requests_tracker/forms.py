from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from identity.fields import (
    DigitsDateField,
    DigitsDateTimeField,
    DigitsField,
    MobileField,
    NationalIdField,
    number_input,
)
from identity.validators import validate_national_id

from .models import IdType, PartyRole, Status
from .parties import InvalidMobile, saudi_mobile
from .registry import service_registry
from .uploads import upload_problem, upload_rules_text

ACCEPT = "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"


class DocumentField(forms.FileField):
    """A file field that applies the upload rules and states them beside the field."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            problem = upload_problem(upload)
            if problem:
                raise ValidationError(problem)
        return upload


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        problems = [problem for upload in uploads if (problem := upload_problem(upload))]
        if problems:
            raise ValidationError(problems)
        return uploads


class StartForm(forms.Form):
    start_token = forms.UUIDField(widget=forms.HiddenInput)
    client_national_id = NationalIdField(
        label=_("Filing for someone else? Their national ID"),
        required=False,
        help_text=_(
            "Only under a valid power of attorney that covers this service. Leave empty to file for yourself."
        ),
    )

    def clean_client_national_id(self):
        value = self.cleaned_data["client_national_id"].strip()
        if value:
            validate_national_id(value)
        return value


class PartyForm(forms.Form):
    role = forms.ChoiceField(label=_("Role in the request"))
    id_type = forms.ChoiceField(label=_("ID type"), choices=IdType.choices, initial=IdType.NATIONAL_ID)
    id_number = DigitsField(label=_("ID number"), max_length=20)
    name = forms.CharField(
        label=_("Full name"),
        required=False,
        max_length=200,
        help_text=_(
            "Needed only when the person is not registered in the portal; "
            "a registered person's name comes from the registry."
        ),
    )
    phone = MobileField(
        label=_("Mobile number"),
        required=False,
        max_length=24,
        help_text=_(
            "Needed only when the person is not registered: notices are sent to it. "
            "A Saudi mobile number, such as 05XXXXXXXX."
        ),
    )
    nationality = forms.CharField(label=_("Nationality"), required=False, max_length=60)
    national_address = forms.CharField(
        label=_("National address"),
        required=False,
        max_length=200,
        help_text=_("Short address or building, street, district, city."),
    )

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, PartyRole(role).label) for role in service.party_roles]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not phone:
            return phone
        try:
            return saudi_mobile(phone)
        except InvalidMobile as error:
            raise ValidationError(error.message, code="mobile") from None

    def clean(self):
        data = super().clean()
        if data.get("id_type") in {IdType.NATIONAL_ID, IdType.IQAMA} and data.get("id_number"):
            try:
                validate_national_id(data["id_number"])
            except ValidationError as error:
                self.add_error("id_number", error)
        return data


class DocumentUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Which document"))
    file = DocumentField(label=_("File"))

    def __init__(self, *args, service, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(d.kind, d.label) for d in service.required_documents] + [
            ("other", _("Other supporting document"))
        ]
        self.fields["file"].help_text = upload_rules_text()


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    attachments = AttachmentsField(label=_("Attachments"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = upload_rules_text()


class RequirementAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    files = AttachmentsField(label=_("Documents"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = upload_rules_text()


SORTS = {
    "-updated": ("-updated_at", _("Recently updated")),
    "-created": ("-created_at", _("Newest first")),
    "created": ("created_at", _("Oldest first")),
    "reference": ("reference", _("Reference number")),
}


class MyRequestsFilter(forms.Form):
    q = DigitsField(
        label=_("Reference number"),
        required=False,
        max_length=32,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    service = forms.ChoiceField(label=_("Service"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Status.choices]
    )
    since = DigitsDateField(label=pgettext_lazy("date filter", "From"), required=False)
    until = DigitsDateField(label=pgettext_lazy("date filter", "To"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"), required=False, choices=[(key, label) for key, (_f, label) in SORTS.items()]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = [("", _("All services"))] + [
            (service.code, service.name) for service in service_registry.all()
        ]


class RequirementForm(forms.Form):
    text = forms.CharField(
        label=_("Documents or information needed"), widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )


class InterviewForm(forms.Form):
    starts_at = DigitsDateTimeField(label=_("Date and time"))
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")


class StaffNoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note to the applicant"), widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )
    attachments = AttachmentsField(label=_("Attachments"))


class VerifyForm(forms.Form):
    """What /verify/ asks: the document's number and the national ID of one of its parties. It is
    posted, so that nobody's ID is left in an address, a log or a browser's history."""

    number = DigitsField(
        label=_("Document number"),
        max_length=20,
        help_text=_("Printed on the document, under its QR code."),
        widget=number_input(autocomplete="off"),
    )
    national_id = NationalIdField(
        label=_("National ID of one of its parties"), widget=number_input(autocomplete="off")
    )


class VerifyLinkForm(forms.Form):
    """The QR code's link: the number and a token printed only on the document itself."""

    number = DigitsField(max_length=20)
    token = forms.CharField(max_length=64)


class NotificationReadForm(forms.Form):
    """Mark one notice read, or all of them when ``notification`` is empty."""

    notification = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class RemovalForm(forms.Form):
    """Which party or document the wizard's "remove" button names."""

    party = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
    document = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)


class NotificationPageForm(forms.Form):
    """The notification centre's page: the notices older than ``before``, or the latest."""

    before = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1)
