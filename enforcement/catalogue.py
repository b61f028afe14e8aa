from django.utils.translation import gettext_lazy as _

from requests_tracker.models import PartyRole, Status
from requests_tracker.notifications import Event
from requests_tracker.registry import DetailStep, RequiredDocument, Service, ServiceGroup

from .forms import CreditorAccountForm, ExecutionDetailsForm
from .services import (
    execution_account,
    execution_check,
    execution_details,
    execution_save_account,
    execution_save_details,
)
from .views import page_section
from .workflow import ENFORCEMENT

ENFORCEMENT_SERVICE = Service(
    code="enforcement",
    prefix="ENF",
    name=_("Enforcement request"),
    group=ServiceGroup.ENFORCEMENT,
    workflow=ENFORCEMENT,
    description=_(
        "Ask the enforcement court to execute a judgment, a cheque, a promissory note or another executive instrument."
    ),
    audience=_(
        "The creditor, or a lawyer or agent under a power of attorney with the “enforcement application” clause."
    ),
    requirements=(
        _(
            "The executive instrument: its number, date and issuer, and a copy (with an Arabic translation if it is not in Arabic)."
        ),
        _("The debtor's ID number, and name and mobile number if not registered."),
        _("An active IBAN in the creditor's name."),
    ),
    duration=_("Reviewed within 2 working days; the debtor has 5 days from the execution order to pay."),
    status_labels={
        Status.SUBMITTED: _("New"),
        Status.IN_PROGRESS: _("Before the enforcement judge"),
        Status.IN_EXECUTION: _("Under enforcement"),
        Status.COMPLETED: _("Executed"),
    },
    party_roles=(PartyRole.DEBTOR,),
    steps=(
        DetailStep(
            "instrument",
            _("Request and instrument"),
            ExecutionDetailsForm,
            execution_details,
            execution_save_details,
        ),
        DetailStep(
            "account", _("Creditor's account"), CreditorAccountForm, execution_account, execution_save_account
        ),
    ),
    required_documents=(
        RequiredDocument("instrument", _("A copy of the executive instrument")),
        RequiredDocument(
            "translation", _("An Arabic translation, if the instrument is not in Arabic"), required=False
        ),
    ),
    notify_parties_on=frozenset(),  # the debtor hears of the execution order, not of the filing
    guidance={
        Status.IN_EXECUTION: _(
            "The debtor has 5 days from the notice of the execution order to pay or disclose enough assets; "
            "otherwise the measures of Article 46 are taken."
        ),
        Status.COMPLETED: _("The amount was paid in full."),
    },
    check=execution_check,
    page_section=lambda request, user: page_section(request, user),
)

EVENTS = {
    "execution_order": Event(
        sms=_(
            "Najiz: execution order on request %(reference)s. Pay %(amount)s SAR with bill %(bill)s within 5 days."
        ),
        subject=_("Execution order on request %(reference)s"),
        email=_(
            "An execution order (Decision 34) was issued against you on request %(reference)s for %(amount)s SAR.\n\n"
            "Pay with bill number %(bill)s, or disclose enough assets, within 5 days; otherwise the measures of "
            "Article 46 of the Enforcement Law are taken."
        ),
    ),
    "payment_reminder": Event(
        sms=_("Najiz: request %(reference)s: pay %(balance)s SAR with bill %(bill)s before the 5 days end."),
        subject=_("Request %(reference)s: payment due"),
        email=_(
            "%(balance)s SAR remain on request %(reference)s. Pay with bill %(bill)s before the 5 days end."
        ),
    ),
    "partial_payment": Event(
        sms=_("Najiz: %(amount)s SAR paid on request %(reference)s; %(balance)s SAR remain."),
        subject=_("Request %(reference)s: partial payment"),
        email=_(
            "A payment of %(amount)s SAR was made on request %(reference)s. The balance is %(balance)s SAR."
        ),
    ),
    "measures_applied": Event(
        sms=_("Najiz: Article 46 measures were ordered on request %(reference)s; balance %(balance)s SAR."),
        subject=_("Request %(reference)s: Article 46 measures"),
        email=_(
            "The five days passed without full payment or disclosure on request %(reference)s "
            "(balance %(balance)s SAR). The measures of Article 46 of the Enforcement Law were ordered."
        ),
    ),
    "measures_lifted": Event(
        sms=_("Najiz: request %(reference)s was paid in full; the measures are lifted."),
        subject=_("Request %(reference)s: measures lifted"),
        email=_("Request %(reference)s was paid in full and its enforcement measures are lifted."),
    ),
}
