"""The agreed custody (حضانة باتفاق الطرفين), notarized, as the catalogue, the filing wizard and the
registry see it."""

from django.utils.translation import gettext_lazy as _

from requests_tracker.access import Section
from requests_tracker.issuing import DocumentKind
from requests_tracker.models import PartyRole, Status
from requests_tracker.notifications import Event
from requests_tracker.registry import Consenting, DetailStep, PartyView, Service, ServiceGroup

from ..forms.custody import CustodyDetailsForm
from ..services.custody import (
    CUSTODY_DEED_KIND,
    SERVICE,
    custody_check,
    custody_deed_issue,
    custody_details,
    custody_pdf_context,
    custody_save_details,
    custody_verify_rows,
)
from ..services.notarization import notarization_consented
from ..workflow import AFTER_SUBMISSION, NOTARIES, notarization_workflow

# The witnesses read what they attest; the deed is the custodian's and the father's.
WITNESSED = frozenset({Section.PARTIES, Section.DETAILS})
SEEN = WITNESSED | {Section.ISSUED}

CUSTODY_SERVICE = Service(
    code=SERVICE,
    prefix="CUS",
    name=_("Agreed custody"),
    group=ServiceGroup.NOTARIZATION,
    workflow=notarization_workflow(approvers=NOTARIES, on_enter={Status.COMPLETED: (custody_deed_issue,)}),
    description=_(
        "Record before a notary the custody of your children that you and their father agreed, with the visits, "
        "and receive a custody deed without going to court."
    ),
    audience=_("The custodian, usually the mother, filing in person."),
    requirements=(
        _("The national IDs of the father and of two adult witnesses, all registered in the portal."),
        _("Each child's name, ID number and birth date."),
        _("No custody case between you and the father may be pending in court."),
    ),
    duration=_("Issued once the father and both witnesses have accepted and a notary has approved it."),
    status_labels={
        Status.SUBMITTED: _("Awaiting the father and the witnesses"),
        Status.IN_PROGRESS: _("With the notary"),
        Status.COMPLETED: _("Notarized"),
    },
    party_roles=(PartyRole.FATHER, PartyRole.WITNESS),
    unregistered_parties_allowed=False,
    steps=(
        DetailStep(
            "custody",
            _("The children and the visits"),
            CustodyDetailsForm,
            custody_details,
            custody_save_details,
        ),
    ),
    notify_parties_on=frozenset(),  # they are asked, and told of the deed, by the service
    party_views={
        PartyRole.FATHER: PartyView(statuses=AFTER_SUBMISSION, sections=SEEN),
        PartyRole.WITNESS: PartyView(statuses=AFTER_SUBMISSION, sections=WITNESSED),
    },
    guidance={
        Status.SUBMITTED: _(
            "The father and the witnesses have 48 hours to accept or reject it with a code sent to their mobiles."
        ),
        Status.IN_PROGRESS: _("A notary reviews the agreement before the custody deed is issued."),
        Status.COMPLETED: _(
            "The custody deed is issued. Anyone can check it at the verification page with its number and the ID "
            "of a party."
        ),
    },
    check=custody_check,
    confirmation=_("filing this agreed custody"),
    consenting=Consenting(
        roles=frozenset({PartyRole.FATHER, PartyRole.WITNESS}),
        then=notarization_consented,
        title=_("Accept or reject the agreed custody"),
        intro=_(
            "You are named in agreed custody request %(reference)s. Read the children, the reason and the visits "
            "on the request page, then answer with a code sent to your mobile."
        ),
    ),
)

CUSTODY_DOCUMENT = DocumentKind(
    code=CUSTODY_DEED_KIND,
    title=_("Custody deed"),
    template="contracts/custody_deed_pdf.html",
    context=custody_pdf_context,
    verify_rows=custody_verify_rows,
)

SERVICES = (CUSTODY_SERVICE,)
DOCUMENTS = (CUSTODY_DOCUMENT,)
EVENTS = {
    "custody_deed_issued": Event(
        sms=_("Najiz: custody deed %(number)s (request %(reference)s) was notarized and issued."),
        subject=_("Custody deed %(number)s issued"),
        email=_(
            "Custody deed %(number)s (request %(reference)s) was approved by a notary and issued. Download it from "
            "the request page in Najiz."
        ),
    ),
}
DEADLINES: dict = {}
