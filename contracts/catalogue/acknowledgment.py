"""The acknowledgment (إقرار: a debt, a waiver, a repayment), as the catalogue, the filing wizard and
the registry see it."""

from django.utils.translation import gettext_lazy as _

from requests_tracker.access import Section
from requests_tracker.issuing import DocumentKind, document_is_final, document_kind
from requests_tracker.models import PartyRole, Status
from requests_tracker.notifications import Event
from requests_tracker.registry import Consenting, DetailStep, PartyView, Service, ServiceGroup

from ..forms.acknowledgment import AcknowledgmentDetailsForm
from ..models import Acknowledgment
from ..services.acknowledgment import (
    ACKNOWLEDGMENT_KIND,
    ACKNOWLEDGMENT_SECTION,
    SERVICE,
    acknowledgment_check,
    acknowledgment_details,
    acknowledgment_enforced_by,
    acknowledgment_instrument,
    acknowledgment_is_final,
    acknowledgment_issue,
    acknowledgment_pdf_context,
    acknowledgment_save_details,
    acknowledgment_verify_rows,
)
from ..services.notarization import notarization_consented
from ..workflow import AFTER_SUBMISSION, NOTARIES, notarization_workflow


def page_section(request, viewer):
    """The acknowledgment's part of the request page: the issued acknowledgment, and for its
    beneficiary, once a debt is due, "File an enforcement request" with it as the instrument."""
    if not viewer.sees(ACKNOWLEDGMENT_SECTION):
        return None
    acknowledgment = Acknowledgment.objects.filter(request=request).first()
    if acknowledgment is None:
        return None
    document = request.issued_documents.filter(kind=ACKNOWLEDGMENT_KIND).first()
    may_enforce = (
        document is not None
        and document_is_final(document)
        and document_kind(document.kind).enforced_by(document, viewer.user)
    )
    context = {"acknowledgment": acknowledgment, "document": document, "may_enforce": may_enforce}
    return "contracts/acknowledgment_section.html", context


ACKNOWLEDGMENT_SERVICE = Service(
    code=SERVICE,
    prefix="ACK",
    name=_("Acknowledgment (debt, waiver, repayment)"),
    group=ServiceGroup.NOTARIZATION,
    workflow=notarization_workflow(approvers=NOTARIES, on_enter={Status.COMPLETED: (acknowledgment_issue,)}),
    description=_(
        "Acknowledge a debt you owe, a waiver of what is owed to you, or a repayment you received, before a "
        "notary and without a visit. A notarized debt acknowledgment can be enforced like a judgment."
    ),
    audience=_("Any adult registered in the portal, acknowledging in person in favour of another adult."),
    requirements=(
        _(
            "The national ID of the beneficiary; they must be registered in the portal and accept with a code."
        ),
        _("The amount and what it is for; for a debt, when it is payable."),
        _("At most SAR 3,000,000 of acknowledgments a year per person."),
    ),
    duration=_("Issued once the beneficiary has accepted and a notary has approved it."),
    status_labels={
        Status.SUBMITTED: _("Awaiting the beneficiary"),
        Status.IN_PROGRESS: _("With the notary"),
        Status.COMPLETED: _("Notarized"),
    },
    party_roles=(PartyRole.BENEFICIARY,),
    unregistered_parties_allowed=False,
    steps=(
        DetailStep(
            "acknowledgment",
            _("The acknowledgment"),
            AcknowledgmentDetailsForm,
            acknowledgment_details,
            acknowledgment_save_details,
        ),
    ),
    notify_parties_on=frozenset(),  # the beneficiary is asked, and both told of the issue, by the service
    party_views={
        PartyRole.BENEFICIARY: PartyView(
            statuses=AFTER_SUBMISSION,
            sections=frozenset({Section.PARTIES, Section.DETAILS, Section.ISSUED, ACKNOWLEDGMENT_SECTION}),
        ),
    },
    guidance={
        Status.SUBMITTED: _(
            "The beneficiary has 48 hours to accept or reject it with a code sent to their mobile."
        ),
        Status.IN_PROGRESS: _("A notary reviews the acknowledgment before it is issued."),
        Status.COMPLETED: _(
            "The acknowledgment is notarized. Anyone can check it at the verification page with its number and the "
            "ID of a party."
        ),
    },
    check=acknowledgment_check,
    confirmation=_("making this acknowledgment"),
    consenting=Consenting(
        roles=frozenset({PartyRole.BENEFICIARY}),
        then=notarization_consented,
        title=_("Accept or reject the acknowledgment"),
        intro=_(
            "You are named the beneficiary of acknowledgment request %(reference)s. Read it on the request page, "
            "then answer with a code sent to your mobile."
        ),
    ),
    page_section=page_section,
)

ACKNOWLEDGMENT_DOCUMENT = DocumentKind(
    code=ACKNOWLEDGMENT_KIND,
    title=_("Notarized acknowledgment"),
    template="contracts/acknowledgment_pdf.html",
    context=acknowledgment_pdf_context,
    verify_rows=acknowledgment_verify_rows,
    is_final=acknowledgment_is_final,
    instrument=acknowledgment_instrument,
    enforced_by=acknowledgment_enforced_by,
)

SERVICES = (ACKNOWLEDGMENT_SERVICE,)
DOCUMENTS = (ACKNOWLEDGMENT_DOCUMENT,)
EVENTS = {
    "acknowledgment_issued": Event(
        sms=_("Najiz: acknowledgment %(number)s of SAR %(amount)s (request %(reference)s) was notarized."),
        subject=_("Acknowledgment %(number)s notarized"),
        email=_(
            "Acknowledgment %(number)s of SAR %(amount)s (request %(reference)s) was approved by a notary and "
            "issued. Download it from the request page in Najiz."
        ),
    ),
}
DEADLINES: dict = {}
