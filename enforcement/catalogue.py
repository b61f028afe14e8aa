from django.utils.translation import gettext_lazy as _

from requests_tracker.access import Section
from requests_tracker.calendar import Period
from requests_tracker.models import PartyRole, Status
from requests_tracker.notifications import Event
from requests_tracker.registry import (
    DetailStep,
    PartyView,
    RequiredDocument,
    Service,
    ServiceGroup,
    ServiceLink,
)

from .forms import CreditorAccountForm, ExecutionDetailsForm
from .selectors import EXECUTION_SECTION
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
    duration=_(
        "Reviewed within 2 working days; the debtor then has 5 calendar days from the notice of the "
        "execution order to pay or disclose assets."
    ),
    links=(ServiceLink(_("Execution request inquiry"), "enforcement:inquiry"),),
    # The names the real portal gives enforcement requests; "in progress" keeps the shared قيد الإجراء.
    status_labels={
        Status.SUBMITTED: _("New"),
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
    # The debtor sees the request from the execution order on, and then the order, the instrument
    # and amount, the bill, payments and measures: never the creditor's IBAN, documents or thread.
    party_views={
        PartyRole.DEBTOR: PartyView(
            statuses=frozenset({Status.IN_EXECUTION, Status.COMPLETED}),
            sections=frozenset({Section.PARTIES, Section.ISSUED, EXECUTION_SECTION}),
            steps=frozenset({"instrument"}),
        )
    },
    # Article 46 gives the debtor five days from the notice of the order: calendar days, as the law
    # counts them, not the working days of a service's own target.
    execution_period=Period.calendar_days(5),
    guidance={
        Status.IN_PROGRESS: _(
            "The enforcement judge examines the instrument and decides whether to issue the execution order "
            "(Decision 34)."
        ),
        Status.IN_EXECUTION: _(
            "The execution order (Decision 34) is issued. The debtor has 5 calendar days from its notice to pay "
            "or disclose enough assets; otherwise the enforcement judge orders the measures of Article 46."
        ),
        Status.COMPLETED: _("The amount was paid in full."),
    },
    check=execution_check,
    page_section=page_section,
)

EVENTS = {
    "execution_order": Event(
        sms=_(
            "Najiz: execution order on request %(reference)s. Pay %(amount)s SAR with bill %(bill)s "
            "within 5 calendar days."
        ),
        subject=_("Execution order on request %(reference)s"),
        email=_(
            "An execution order (Decision 34) was issued against you on request %(reference)s for %(amount)s SAR.\n\n"
            "Pay with bill number %(bill)s, or disclose enough assets, within 5 calendar days of this notice; "
            "otherwise the measures of Article 46 of the Enforcement Law are taken."
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
    "order_published": Event(
        sms=_(
            "Najiz: the execution order on request %(reference)s was published; the debtor's 5 days run from today."
        ),
        subject=_("Request %(reference)s: execution order published"),
        email=_(
            "The debtor on request %(reference)s could not be reached by SMS, so the execution order was "
            "published. The 5 days of Article 46 run from today."
        ),
    ),
    "grace_granted": Event(
        sms=_(
            "Najiz: the enforcement judge granted a grace period until %(until)s on request %(reference)s."
        ),
        subject=_("Request %(reference)s: grace period until %(until)s"),
        email=_(
            "The enforcement judge granted the debtor a grace period until %(until)s on request %(reference)s. "
            "The 5 days stop meanwhile and resume when it ends."
        ),
    ),
    "measure_ordered": Event(
        sms=_("Najiz: the enforcement judge ordered a measure on request %(reference)s: %(measure)s."),
        subject=_("Request %(reference)s: measure ordered"),
        email=_("On request %(reference)s the enforcement judge ordered this measure: %(measure)s."),
    ),
    "measure_declined": Event(
        sms=_("Najiz: the enforcement judge did not order a measure on request %(reference)s: %(measure)s."),
        subject=_("Request %(reference)s: measure not ordered"),
        email=_(
            "On request %(reference)s the enforcement judge decided not to order this measure: %(measure)s."
        ),
    ),
    "measures_lifted": Event(
        sms=_("Najiz: request %(reference)s was paid in full; the measures are lifted."),
        subject=_("Request %(reference)s: measures lifted"),
        email=_("Request %(reference)s was paid in full and its enforcement measures are lifted."),
    ),
}
