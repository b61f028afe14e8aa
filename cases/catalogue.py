"""The lawsuit and family-claim services, as the portal's catalogue, filing wizard and registry see them."""

from dataclasses import replace

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from requests_tracker.access import Section
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

from .documents import judgment_pdf_context, judgment_verify_rows
from .forms import ClaimForm, CourtForm, FamilyCourtForm
from .selectors import FAMILY, HEARINGS_SECTION, LAWSUIT
from .services import (
    DECREE_KIND,
    JUDGMENT_KIND,
    judgment_enforced_by,
    judgment_instrument,
    judgment_is_final,
    lawsuit_check,
    lawsuit_claim,
    lawsuit_court,
    lawsuit_save_claim,
    lawsuit_save_court,
)
from .views import page_section
from .workflow import LAWSUIT_WORKFLOW

REGISTERED = frozenset({Status.IN_PROGRESS, Status.COMPLETED})
# The defendant sees the case from its registration: the claim and its evidence, the hearings, the
# judgment; never the plaintiff's thread with the circuit.
DEFENDANT_VIEW = PartyView(
    statuses=REGISTERED,
    sections=frozenset(
        {Section.PARTIES, Section.DETAILS, Section.DOCUMENTS, Section.ISSUED, HEARINGS_SECTION}
    ),
)
# A co-plaintiff sees the claim from its filing.
PLAINTIFF_VIEW = PartyView(
    statuses=frozenset({Status.SUBMITTED, Status.RETURNED, *REGISTERED}),
    sections=frozenset(
        {
            Section.PARTIES,
            Section.DETAILS,
            Section.DOCUMENTS,
            Section.HISTORY,
            Section.ISSUED,
            HEARINGS_SECTION,
        }
    ),
)
STATUS_LABELS = {
    Status.SUBMITTED: _("Under claims review"),
    Status.IN_PROGRESS: pgettext_lazy("case status", "Under consideration"),
    Status.COMPLETED: _("Judgment issued"),
    Status.CANCELLED: _("Withdrawn"),
}
GUIDANCE = {
    Status.SUBMITTED: _(
        "The claims-review centre checks the claim: it registers it with a case number, a circuit and "
        "the first hearing, or returns it to you for amendment."
    ),
    Status.IN_PROGRESS: _(
        "The circuit hears the case. Follow its sessions here, register for video hearings, and file memos."
    ),
    Status.COMPLETED: _(
        "The judgment is issued. The side it went against may object within 30 days; without an objection "
        "it becomes final and can be enforced."
    ),
}
LINKS = (ServiceLink(_("Case inquiry"), "cases:inquiry"), ServiceLink(_("My sessions"), "cases:sessions"))


def _service(code, prefix, name, group, description, court_form, family: bool) -> Service:
    return Service(
        code=code,
        prefix=prefix,
        name=name,
        group=group,
        workflow=LAWSUIT_WORKFLOW,
        description=description,
        audience=_(
            "The plaintiff, or his lawyer or agent under a power of attorney with the pleading clause."
        ),
        requirements=(
            _("Each defendant's ID number (national ID, iqama or visitor ID)."),
            _("Your national address."),
            _("The facts, your claims one by one, and the amount if the claim is financial."),
            *((_("Each child's name, ID number and birth date."),) if family else ()),
            _("Your evidence (PDF, JPEG or PNG)."),
        ),
        duration=_("Claims are reviewed within 2 working days; the first hearing is set on registration."),
        links=LINKS,
        status_labels=STATUS_LABELS,
        party_roles=(PartyRole.PLAINTIFF, PartyRole.DEFENDANT),
        steps=(
            DetailStep("court", _("Court and case type"), court_form, lawsuit_court, lawsuit_save_court),
            DetailStep("claim", _("The claim"), ClaimForm, lawsuit_claim, lawsuit_save_claim),
        ),
        required_documents=(RequiredDocument("evidence", _("Evidence"), required=False),),
        party_views={PartyRole.DEFENDANT: DEFENDANT_VIEW, PartyRole.PLAINTIFF: PLAINTIFF_VIEW},
        guidance=GUIDANCE,
        check=lawsuit_check,
        page_section=page_section,
    )


LAWSUIT_SERVICE = _service(
    LAWSUIT,
    "LAW",
    _("Statement of claim"),
    ServiceGroup.LAWSUITS,
    _(
        "File a lawsuit before a general, commercial, labour or criminal (private right) court, and follow it to judgment."
    ),
    CourtForm,
    family=False,
)
FAMILY_SERVICE = _service(
    FAMILY,
    "FAM",
    _("Custody, visitation or guardianship claim"),
    ServiceGroup.FAMILY,
    _("Ask the personal status court for custody of your children, visitation, or guardianship."),
    FamilyCourtForm,
    family=True,
)

JUDGMENT_DOCUMENT = DocumentKind(
    code=JUDGMENT_KIND,
    title=_("Judgment"),
    template="cases/judgment_pdf.html",
    context=judgment_pdf_context,
    verify_rows=judgment_verify_rows,
    is_final=judgment_is_final,
    instrument=judgment_instrument,
    enforced_by=judgment_enforced_by,
)
# A family claim's decree is a judgment under its own title: same PDF, rows and questions.
DECREE_DOCUMENT = replace(JUDGMENT_DOCUMENT, code=DECREE_KIND, title=_("Personal status decree"))

EVENTS = {
    "case_registered": Event(
        sms=_("Najiz: case %(case)s (request %(reference)s) is registered. First hearing: %(when)s."),
        subject=_("Case %(case)s registered"),
        email=_(
            "The claim filed as request %(reference)s is registered as case %(case)s. The first hearing is on "
            "%(when)s. Follow the case and its sessions in Najiz."
        ),
    ),
    "hearing_scheduled": Event(
        sms=_("Najiz: a hearing in case %(case)s (request %(reference)s) is set for %(when)s."),
        subject=_("Case %(case)s: hearing on %(when)s"),
        email=_(
            "A hearing in case %(case)s (request %(reference)s) is set for %(when)s. For a video hearing, "
            "register for remote attendance in Najiz: the link shows 15 minutes before it starts."
        ),
    ),
    "judgment_issued": Event(
        sms=_(
            "Najiz: judgment %(number)s was issued in case %(case)s (request %(reference)s). Objection until %(until)s."
        ),
        subject=_("Case %(case)s: judgment issued"),
        email=_(
            "Judgment %(number)s was issued in case %(case)s (request %(reference)s). The side it went against "
            "may object until %(until)s; after that it is final."
        ),
    ),
    "objection_filed": Event(
        sms=_("Najiz: an objection was filed against the judgment in case %(case)s (request %(reference)s)."),
        subject=_("Case %(case)s: objection filed"),
        email=_("An objection was filed against the judgment in case %(case)s (request %(reference)s)."),
    ),
    "client_message": Event(
        sms=_("Najiz: a new message about case %(case)s (request %(reference)s) awaits you."),
        subject=_("Case %(case)s: a new message"),
        email=_(
            "A new message about case %(case)s (request %(reference)s) awaits you in Najiz, in the thread "
            "between the party and his lawyer."
        ),
    ),
    "judgment_final": Event(
        sms=_("Najiz: judgment %(number)s in case %(case)s (request %(reference)s) is now final."),
        subject=_("Case %(case)s: judgment final"),
        email=_(
            "No objection was filed within 30 days: judgment %(number)s in case %(case)s (request %(reference)s) "
            "is final. The side it favours can now file an enforcement request with it."
        ),
    ),
}
