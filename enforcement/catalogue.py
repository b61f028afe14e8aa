from django.utils.translation import gettext_lazy as _

from requests_tracker.access import Section
from requests_tracker.calendar import Period
from requests_tracker.issuing import DocumentKind
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

from .documents import decision_46_pdf_context, decision_46_verify_rows
from .forms import CreditorAccountForm, ExecutionDetailsForm
from .selectors import EXECUTION_SECTION, UNDER_ENFORCEMENT
from .services import (
    DECISION_46,
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
    # Paid in part and grace granted are stages of "under enforcement": each debtor's clocks live on.
    stages={Status.PARTIALLY_EXECUTED: Status.IN_EXECUTION, Status.GRACE_GRANTED: Status.IN_EXECUTION},
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
            statuses=frozenset({*UNDER_ENFORCEMENT, Status.COMPLETED}),
            sections=frozenset({Section.PARTIES, Section.ISSUED, EXECUTION_SECTION}),
            steps=frozenset({"instrument"}),
        )
    },
    # Article 46 gives each debtor five calendar days, as the law counts them, from his own notice of
    # the order: ``enforcement.services`` starts each debtor's clock on delivery, not the engine.
    execution_period=Period.calendar_days(5),
    execution_clock=False,
    guidance={
        Status.IN_PROGRESS: _(
            "The enforcement judge examines the instrument and decides whether to issue the execution order "
            "(Decision 34)."
        ),
        Status.IN_EXECUTION: _(
            "The execution order (Decision 34) is issued. Each debtor has 5 calendar days from its delivery to "
            "his registered mobile to pay or disclose enough assets; otherwise the enforcement judge issues "
            "Decision 46 with the measures of Article 46."
        ),
        Status.PARTIALLY_EXECUTED: _(
            "Part of the amount was paid. The balance is still enforced: the debtor pays it with the bill, or "
            "the measures ordered continue."
        ),
        Status.GRACE_GRANTED: _(
            "The enforcement judge granted a grace period. The debtor's five days and reminders wait until "
            "it ends; the creditor may ask for reactivation."
        ),
        Status.COMPLETED: _("Executed: paid in full, settled, or carried out in kind."),
    },
    check=execution_check,
    page_section=page_section,
)

DECISION_46_DOCUMENT = DocumentKind(
    code=DECISION_46,
    title=_("Enforcement judge's decision (Decision 46)"),
    template="enforcement/decision_46_pdf.html",
    context=decision_46_pdf_context,
    verify_rows=decision_46_verify_rows,
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
        sms=_(
            "Najiz: the enforcement judge issued Decision 46 (%(number)s) on request %(reference)s; "
            "balance %(balance)s SAR."
        ),
        subject=_("Request %(reference)s: Decision 46 issued"),
        email=_(
            "The five days passed without full payment or a verified disclosure of enough assets on request "
            "%(reference)s (balance %(balance)s SAR). The enforcement judge issued Decision 46, number %(number)s, "
            "with the measures of Article 46 of the Enforcement Law; each has been sent to its authority. "
            "The decision is on the request page."
        ),
    ),
    "debtor_notified": Event(
        sms=_(
            "Najiz: the execution order on request %(reference)s reached %(name)s; the 5 days end on %(until)s."
        ),
        subject=_("Request %(reference)s: debtor notified"),
        email=_(
            "The execution order on request %(reference)s reached the debtor %(name)s. His 5 days of Article 46 "
            "end on %(until)s."
        ),
    ),
    "order_published": Event(
        sms=_("Najiz: the order on request %(reference)s was published in %(newspaper)s for %(name)s."),
        subject=_("Request %(reference)s: execution order published"),
        email=_(
            "The debtor %(name)s could not be reached within 20 days, so the execution order on request "
            "%(reference)s was published in %(newspaper)s. Its cost, %(cost)s SAR, is added to the debt, "
            "and his 5 days run from the day of publication."
        ),
    ),
    "grace_granted": Event(
        sms=_(
            "Najiz: the enforcement judge granted a grace period until %(until)s on request %(reference)s."
        ),
        subject=_("Request %(reference)s: grace period until %(until)s"),
        email=_(
            "The enforcement judge granted the debtor a grace period until %(until)s on request %(reference)s. "
            "The 5 days and the reminders stop meanwhile and resume when it ends."
        ),
    ),
    "grace_ended": Event(
        sms=_("Najiz: the grace period on request %(reference)s has ended; enforcement resumes."),
        subject=_("Request %(reference)s: grace period ended"),
        email=_("The grace period on request %(reference)s has ended, and its enforcement resumes."),
    ),
    "execution_settled": Event(
        sms=_(
            "Najiz: the creditor confirmed a settlement on request %(reference)s; it is closed as executed."
        ),
        subject=_("Request %(reference)s: settled"),
        email=_(
            "The creditor confirmed a settlement on request %(reference)s, which is closed as executed. "
            "Any measures in force are lifted by the enforcement judge's order."
        ),
    ),
    "execution_withdrawn": Event(
        sms=_("Najiz: the creditor withdrew enforcement request %(reference)s."),
        subject=_("Request %(reference)s: withdrawn"),
        email=_(
            "The creditor withdrew enforcement request %(reference)s. Any measures in force are lifted by the "
            "enforcement judge's order."
        ),
    ),
    "measures_lifted": Event(
        sms=_("Najiz: the enforcement judge lifted the measures on request %(reference)s (%(reason)s)."),
        subject=_("Request %(reference)s: measures lifted"),
        email=_(
            "The enforcement judge ordered the measures on request %(reference)s lifted (%(reason)s). "
            "Each lifting has been sent to its authority."
        ),
    ),
    "asset_verified": Event(
        sms=_("Najiz: a disclosed asset (%(asset)s) on request %(reference)s was verified."),
        subject=_("Request %(reference)s: disclosed asset verified"),
        email=_("The enforcement clerk verified a disclosed asset (%(asset)s) on request %(reference)s."),
    ),
    "asset_refuted": Event(
        sms=_(
            "Najiz: a disclosed asset (%(asset)s) on request %(reference)s did not check out and counts as none."
        ),
        subject=_("Request %(reference)s: disclosure did not check out"),
        email=_(
            "A disclosed asset (%(asset)s) on request %(reference)s did not check out against its registry, "
            "so it counts as no disclosure. The reason is on the request page."
        ),
    ),
    "asset_seized": Event(
        sms=_("Najiz: the enforcement judge ordered an asset (%(asset)s) seized on request %(reference)s."),
        subject=_("Request %(reference)s: asset seized"),
        email=_(
            "The enforcement judge ordered a verified asset (%(asset)s) seized on request %(reference)s; "
            "the order was sent to its registry."
        ),
    ),
    "asset_sold": Event(
        sms=_("Najiz: a seized asset (%(asset)s) on request %(reference)s was sold; %(amount)s SAR paid in."),
        subject=_("Request %(reference)s: seized asset sold"),
        email=_(
            "A seized asset (%(asset)s) on request %(reference)s was sold, and %(amount)s SAR of its proceeds "
            "were paid in on the debt."
        ),
    ),
}
