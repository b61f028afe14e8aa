"""The case file's personal-status actions: the judge sets the way, orders police assistance and
imprisonment; the clerk or the judge records each handover and refusal. Who may take each is the
service's rule (``enforcement.selectors``), asked here first to refuse early and to hide the forms."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from identity.fields import WholeNumberField
from requests_tracker.access import staff_viewer
from requests_tracker.errors import NoteRequired, RequestError
from requests_tracker.models import Party, PartyRole

from .models import Imprisonment, InKindEvent, MaintenanceInstalment
from .personal_status import (
    in_kind_context,
    in_kind_imprison,
    in_kind_order_police,
    in_kind_record,
    in_kind_set_way,
    is_in_kind,
)
from .selectors import JUDICIAL, RECORDING, UNDER_ENFORCEMENT, acts_as, execution_for


class InKindWayForm(forms.Form):
    place = forms.CharField(label=_("Place of the handover"), max_length=300)
    schedule = forms.CharField(
        label=_("Days and hours"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For visitation: the days and hours of each visit."),
    )


class InKindRecordForm(forms.Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=InKindEvent.Kind.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ImprisonForm(forms.Form):
    months = WholeNumberField(
        label=_("Months of imprisonment"), min_value=1, max_value=Imprisonment.MOST_MONTHS
    )
    party = forms.ModelChoiceField(
        queryset=Party.objects.none(), label=_("Debtor"), required=False, empty_label=_("The only debtor")
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = request.parties.filter(role=PartyRole.DEBTOR)


# Each action: who may take it, and its form.
IN_KIND_ACTIONS = {
    "in_kind_way": (JUDICIAL, InKindWayForm),
    "in_kind_record": (RECORDING, InKindRecordForm),
    "in_kind_police": (JUDICIAL, None),
    "in_kind_imprison": (JUDICIAL, ImprisonForm),
}


def _act(action: str, obj, actor, data: dict) -> None:
    if action == "in_kind_way":
        in_kind_set_way(request=obj, actor=actor, place=data["place"], schedule=data["schedule"])
    elif action == "in_kind_record":
        in_kind_record(request=obj, actor=actor, kind=data["kind"], note=data["note"])
    elif action == "in_kind_police":
        in_kind_order_police(request=obj, actor=actor)
    elif action == "in_kind_imprison":
        in_kind_imprison(request=obj, actor=actor, months=data["months"], party=data["party"])


def in_kind_admin_action(admin, request, obj) -> HttpResponseRedirect:
    """The POST of one personal-status action on request ``obj``, from the case file; back to it."""
    action = request.POST.get("action")
    if action not in IN_KIND_ACTIONS or not acts_as(obj, request.user, IN_KIND_ACTIONS[action][0]):
        raise PermissionDenied
    form_class = IN_KIND_ACTIONS[action][1]
    form = None
    if form_class is ImprisonForm:
        form = ImprisonForm(request.POST, request=obj)
    elif form_class is not None:
        form = form_class(request.POST)
    try:
        if form is not None and not form.is_valid():
            raise NoteRequired(" ".join(error for errors in form.errors.values() for error in errors))
        _act(action, obj, request.user, form.cleaned_data if form else {})
    except RequestError as error:
        admin.message_user(request, error.message, messages.ERROR)
    else:
        admin.message_user(request, gettext("Done; the parties have been notified."), messages.SUCCESS)
    return HttpResponseRedirect(
        reverse(f"admin:{admin.opts.app_label}_{admin.opts.model_name}_change", args=[obj.pk])
    )


def in_kind_admin_context(request, obj) -> dict:
    """What the case file's personal-status part shows ``request.user``: the page's own section and
    the forms of the actions he may take, under enforcement only."""
    execution = execution_for(obj)
    if execution is None or not execution.personal_status_kind or execution.ordered_at is None:
        return {}
    section = in_kind_context(obj, staff_viewer(obj, request.user))
    open_in_kind = is_in_kind(execution) and obj.status in UNDER_ENFORCEMENT
    is_judge = open_in_kind and acts_as(obj, request.user, JUDICIAL)
    order = section.get("order")
    refusal_pending = any(
        event.refusal and not hasattr(event, "imprisonment") for event in section.get("events", [])
    )
    return {
        "in_kind": section,
        "in_kind_way_form": InKindWayForm(
            initial={"place": order.place, "schedule": order.schedule} if order else None
        )
        if is_judge
        else None,
        "in_kind_record_form": InKindRecordForm()
        if open_in_kind and order and acts_as(obj, request.user, RECORDING)
        else None,
        "in_kind_may_order_police": is_judge and order is not None,
        "in_kind_imprison_form": ImprisonForm(request=obj) if is_judge and refusal_pending else None,
        "instalment_states": MaintenanceInstalment.State,
    }
