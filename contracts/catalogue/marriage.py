"""The marriage contract and the divorce deed, as the portal's catalogue, wizard and registry see them."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from requests_tracker.access import Section
from requests_tracker.issuing import DocumentKind
from requests_tracker.models import PartyRole, Status
from requests_tracker.notifications import Event
from requests_tracker.parties import registry_name
from requests_tracker.registry import (
    Consenting,
    DetailStep,
    PartyView,
    RequiredDocument,
    Service,
    ServiceGroup,
    Transition,
    Workflow,
)

from ..forms.marriage import MarriageDetailsForm
from ..models import DivorceDeed, MarriageContract
from ..services.marriage import (
    DIVORCE_DEED_KIND,
    DIVORCE_REGISTRARS,
    DIVORCE_SERVICE,
    MARRIAGE_DEED_KIND,
    MARRIAGE_SERVICE,
    SCREENING_DOCUMENT,
    divorce_issue,
    divorce_pdf_context,
    divorce_verify_rows,
    marriage_check,
    marriage_consented,
    marriage_details,
    marriage_issue,
    marriage_pdf_context,
    marriage_save_details,
    marriage_verify_rows,
)
from ..workflow import AFTER_SUBMISSION, MAZOUNS, notarization_workflow

MARRIAGE_SECTION = "marriage"
DIVORCE_SECTION = "divorce"

PARTY_SEES = frozenset({Section.PARTIES, Section.DETAILS, MARRIAGE_SECTION})


def marriage_page_section(request, viewer):
    """The contract's part of the request page: the ma'zoun, the dowry and the conditions."""
    if not viewer.sees(MARRIAGE_SECTION):
        return None
    contract = MarriageContract.objects.filter(request=request).select_related("mazoun").first()
    if contract is None:
        return None
    return "contracts/marriage_section.html", {"contract": contract, "mazoun": registry_name(contract.mazoun)}


def divorce_page_section(request, viewer):
    """The divorce's part of the request page: its kind, date and issuer."""
    if not viewer.sees(DIVORCE_SECTION):
        return None
    deed = DivorceDeed.objects.filter(request=request).first()
    if deed is None:
        return None
    return "contracts/divorce_section.html", {"deed": deed}


MARRIAGE_SERVICE_DEFINITION = Service(
    code=MARRIAGE_SERVICE,
    prefix="MAR",
    name=_("Marriage contract"),
    group=ServiceGroup.NOTARIZATION,
    workflow=notarization_workflow(approvers=MAZOUNS, on_enter={Status.COMPLETED: (marriage_issue,)}),
    description=_(
        "Contract a marriage electronically: the wife, her guardian and two witnesses accept with codes sent "
        "to their mobiles, and the ma'zoun you choose approves it and issues the marriage deed."
    ),
    audience=_("The husband, in person; every party 18 or older and registered in the portal."),
    requirements=(
        _("The national IDs of the wife, her guardian and two witnesses, all registered in the portal."),
        _("The advanced and deferred dowry, and any conditions."),
        _("When either spouse is not a Saudi citizen, the premarital medical screening certificate."),
    ),
    duration=_("Once every party has accepted within 48 hours, the ma'zoun reviews it."),
    status_labels={
        Status.SUBMITTED: _("Awaiting the parties' acceptance"),
        Status.IN_PROGRESS: _("With the ma'zoun"),
        Status.COMPLETED: pgettext_lazy("marriage contract status", "Deed issued"),
    },
    party_roles=(PartyRole.WIFE, PartyRole.GUARDIAN, PartyRole.WITNESS),
    unregistered_parties_allowed=False,
    steps=(
        DetailStep(
            "contract", _("The contract"), MarriageDetailsForm, marriage_details, marriage_save_details
        ),
    ),
    required_documents=(
        RequiredDocument(SCREENING_DOCUMENT, _("Premarital medical screening certificate"), required=False),
    ),
    party_views={
        PartyRole.WIFE: PartyView(statuses=AFTER_SUBMISSION, sections=PARTY_SEES | {Section.ISSUED}),
        PartyRole.GUARDIAN: PartyView(statuses=AFTER_SUBMISSION, sections=PARTY_SEES),
        PartyRole.WITNESS: PartyView(statuses=AFTER_SUBMISSION, sections=PARTY_SEES),
    },
    guidance={
        Status.SUBMITTED: _(
            "The wife, her guardian and the two witnesses each accept or reject with a code sent to their "
            "mobile, within 48 hours."
        ),
        Status.IN_PROGRESS: _("The ma'zoun you chose reviews the contract and approves it."),
        Status.COMPLETED: _(
            "The marriage deed is issued. Download it below; anyone can verify it with its number and a party's ID."
        ),
    },
    check=marriage_check,
    confirmation=_("submitting a marriage contract"),
    consenting=Consenting(
        roles=frozenset({PartyRole.WIFE, PartyRole.GUARDIAN, PartyRole.WITNESS}),
        then=marriage_consented,
        title=_("Accept or reject the marriage contract"),
        intro=_(
            "You are named a party to marriage contract %(reference)s. Read its parties, dowry and conditions on "
            "the request page, then answer with a code sent to your mobile."
        ),
        asked="marriage_consent_requested",
    ),
    page_section=marriage_page_section,
)

# A divorce is registered, not filed: the registrar's own form takes it from nothing to the deed.
DIVORCE_WORKFLOW = Workflow(
    transitions=(
        Transition(
            Status.DRAFT,
            Status.COMPLETED,
            by=DIVORCE_REGISTRARS,
            label=_("Register the divorce"),
            own_form=True,
        ),
    ),
    on_enter={Status.COMPLETED: (divorce_issue,)},
)

DIVORCE_SERVICE_DEFINITION = Service(
    code=DIVORCE_SERVICE,
    prefix="DIV",
    name=_("Divorce deed"),
    group=ServiceGroup.NOTARIZATION,
    workflow=DIVORCE_WORKFLOW,
    description=_(
        "A divorce registered by a court or a ma'zoun: both spouses are told by SMS and find the deed under "
        "My requests."
    ),
    audience=_("Registered by the court or the ma'zoun; the spouses do not apply."),
    startable=False,
    status_labels={Status.COMPLETED: pgettext_lazy("divorce deed status", "Registered")},
    party_roles=(PartyRole.HUSBAND, PartyRole.WIFE),
    party_views={
        PartyRole.WIFE: PartyView(
            statuses=frozenset({Status.COMPLETED}),
            sections=frozenset({Section.PARTIES, Section.ISSUED, DIVORCE_SECTION}),
        ),
        PartyRole.HUSBAND: PartyView(
            statuses=frozenset({Status.COMPLETED}),
            sections=frozenset({Section.PARTIES, Section.ISSUED, DIVORCE_SECTION}),
        ),
    },
    guidance={
        Status.COMPLETED: _(
            "The divorce deed is registered. Download it below; anyone can verify it with its number and a spouse's ID."
        ),
    },
    page_section=divorce_page_section,
)

MARRIAGE_DEED = DocumentKind(
    code=MARRIAGE_DEED_KIND,
    title=_("Marriage deed"),
    template="contracts/marriage_deed_pdf.html",
    context=marriage_pdf_context,
    verify_rows=marriage_verify_rows,
)
DIVORCE_DEED = DocumentKind(
    code=DIVORCE_DEED_KIND,
    title=_("Divorce deed"),
    template="contracts/divorce_deed_pdf.html",
    context=divorce_pdf_context,
    verify_rows=divorce_verify_rows,
)

SERVICES = (MARRIAGE_SERVICE_DEFINITION, DIVORCE_SERVICE_DEFINITION)
DOCUMENTS = (MARRIAGE_DEED, DIVORCE_DEED)
EVENTS = {
    "marriage_consent_requested": Event(
        sms=_(
            "Najiz: %(name)s named you in marriage contract %(reference)s. Accept or reject in Najiz within 48 hours."
        ),
        subject=_("Marriage contract %(reference)s: your answer is awaited"),
        email=_(
            "%(name)s named you a party to marriage contract %(reference)s.\n\n"
            "Sign in to Najiz, read it, and accept or reject it with a code sent to your mobile within 48 hours; "
            "otherwise the request lapses."
        ),
    ),
    "marriage_to_mazoun": Event(
        sms=_("Najiz: marriage contract %(reference)s was accepted by every party and awaits your approval."),
        subject=_("Marriage contract %(reference)s awaits your approval"),
        email=_(
            "Every party accepted marriage contract %(reference)s, which names you its ma'zoun. "
            "Review it in the ma'zouns' queue and approve it, return it or reject it."
        ),
    ),
    "marriage_deed_issued": Event(
        sms=_("Najiz: marriage deed %(number)s was issued for contract %(reference)s. It is in Najiz."),
        subject=_("Marriage deed %(number)s issued"),
        email=_(
            "The ma'zoun approved marriage contract %(reference)s and marriage deed %(number)s was issued. "
            "Anyone can verify it in Najiz with its number and the ID of a party."
        ),
    ),
    "divorce_registered": Event(
        sms=_("Najiz: divorce deed %(number)s was registered by %(issuer)s. See and download it in Najiz."),
        subject=_("Divorce deed %(number)s registered"),
        email=_(
            "Divorce deed %(number)s was registered by %(issuer)s. Sign in to Najiz to see it and download it "
            "under My requests (request %(reference)s)."
        ),
    ),
}
DEADLINES: dict = {}
