"""The powers-of-attorney service, as the portal's catalogue, filing wizard and registry see it."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from requests_tracker.access import Section
from requests_tracker.issuing import DocumentKind
from requests_tracker.models import PartyRole, Status
from requests_tracker.notifications import Event
from requests_tracker.registry import Consenting, DetailStep, PartyView, Service, ServiceGroup, ServiceLink

from .documents import poa_pdf_context, poa_verify_rows, revocation_pdf_context, revocation_verify_rows
from .forms import PoaDetailsForm
from .selectors import POA_SECTION, SERVICE
from .services import (
    POA_KIND,
    REVOCATION_KIND,
    poa_check,
    poa_consented,
    poa_details,
    poa_save_details,
)
from .views import page_section
from .workflow import POA_WORKFLOW

AFTER_SUBMISSION = frozenset(
    {
        Status.SUBMITTED,
        Status.IN_PROGRESS,
        Status.RETURNED,
        Status.COMPLETED,
        Status.REJECTED,
        Status.CANCELLED,
    }
)
SEEN = frozenset({Section.PARTIES, Section.DETAILS, Section.ISSUED, POA_SECTION})

POA_SERVICE = Service(
    code=SERVICE,
    prefix="POA",
    name=_("Electronic power of attorney"),
    group=ServiceGroup.POWERS_OF_ATTORNEY,
    workflow=POA_WORKFLOW,
    description=_(
        "Let a lawyer, a relative or anyone you trust act for you: choose the agents and exactly what they may do. "
        "No visit, no stamp: you confirm with a code sent to your mobile."
    ),
    audience=_("Any adult registered in the portal, alone or with up to 49 other principals."),
    requirements=(
        _("The national ID of each agent; they must be registered in the portal."),
        _("For a judicial power of attorney, the agent must be a lawyer with an active licence."),
        _("The national ID of any other principal: each accepts with a code within 48 hours."),
        _("For a business representative, the company's name and commercial register number."),
    ),
    duration=_(
        "Issued at once when you are the only principal; otherwise when every principal has accepted, within 48 hours."
    ),
    links=(
        ServiceLink(_("My powers of attorney"), "poa:mine"),
        ServiceLink(_("Verify a power of attorney"), "verify", signed_in=False),
    ),
    status_labels={
        Status.SUBMITTED: _("Awaiting the principals"),
        Status.IN_PROGRESS: _("With the notary"),
        Status.COMPLETED: pgettext_lazy("power of attorney status", "Issued"),
        Status.CANCELLED: _("Cancelled or lapsed"),
    },
    party_roles=(PartyRole.PRINCIPAL, PartyRole.AGENT),
    unregistered_parties_allowed=False,
    steps=(DetailStep("poa", _("The power of attorney"), PoaDetailsForm, poa_details, poa_save_details),),
    notify_parties_on=frozenset(),  # the principals are asked, and everyone told of the issue, by the service
    party_views={
        PartyRole.PRINCIPAL: PartyView(statuses=AFTER_SUBMISSION, sections=SEEN),
        PartyRole.AGENT: PartyView(statuses=frozenset({Status.COMPLETED}), sections=SEEN),
    },
    guidance={
        Status.SUBMITTED: _(
            "Every other principal has 48 hours to accept or reject with a code sent to their mobile."
        ),
        Status.IN_PROGRESS: _(
            "A notary checks the company's details before the power of attorney is issued."
        ),
        Status.COMPLETED: _(
            "The power of attorney is issued. Anyone can check it at the verification page with its number and the ID of a party."
        ),
    },
    check=poa_check,
    confirmation=_("issuing a power of attorney"),
    consenting=Consenting(
        roles=frozenset({PartyRole.PRINCIPAL}),
        then=poa_consented,
        title=_("Accept or reject the power of attorney"),
        intro=_(
            "You are named a principal in request %(reference)s. Read its agents and clauses on the request "
            "page, then answer with a code sent to your mobile."
        ),
        asked="poa_consent_requested",
        rejected="poa_rejected",
        lapsed="poa_lapsed",
    ),
    page_section=page_section,
)

POA_DOCUMENT = DocumentKind(
    code=POA_KIND,
    title=_("Electronic power of attorney"),
    template="poa/poa_pdf.html",
    context=poa_pdf_context,
    verify_rows=poa_verify_rows,
)
REVOCATION_DOCUMENT = DocumentKind(
    code=REVOCATION_KIND,
    title=_("Power of attorney revocation certificate"),
    template="poa/revocation_pdf.html",
    context=revocation_pdf_context,
    verify_rows=revocation_verify_rows,
)

EVENTS = {
    "poa_consent_requested": Event(
        sms=_(
            "Najiz: %(name)s named you a principal in POA request %(reference)s. Accept or reject in Najiz within 48 hours."
        ),
        subject=_("Power of attorney %(reference)s: your answer is awaited"),
        email=_(
            "%(name)s named you a principal in power of attorney request %(reference)s.\n\n"
            "Sign in to Najiz and accept or reject it with a code sent to your mobile within 48 hours; "
            "otherwise the request lapses."
        ),
    ),
    "poa_issued": Event(
        sms=_("Najiz: power of attorney %(number)s was issued, valid until %(until)s."),
        subject=_("Power of attorney %(number)s issued"),
        email=_(
            "Power of attorney %(number)s (request %(reference)s) was issued and is valid until %(until)s."
        ),
    ),
    "poa_rejected": Event(
        sms=_("Najiz: POA request %(reference)s was rejected by %(name)s, a principal. Nothing was issued."),
        subject=_("Power of attorney request %(reference)s rejected"),
        email=_(
            "%(name)s, a principal, rejected power of attorney request %(reference)s, so it was not issued."
        ),
    ),
    "poa_lapsed": Event(
        sms=_("Najiz: POA request %(reference)s lapsed: not every principal answered within 48 hours."),
        subject=_("Power of attorney request %(reference)s lapsed"),
        email=_(
            "Power of attorney request %(reference)s lapsed because not every principal answered within 48 hours."
        ),
    ),
    "poa_revoked": Event(
        sms=_("Najiz: power of attorney %(number)s was revoked. Revocation certificate %(certificate)s."),
        subject=_("Power of attorney %(number)s revoked"),
        email=_(
            "Power of attorney %(number)s was revoked and no longer gives any authority. Revocation certificate: %(certificate)s."
        ),
    ),
    "poa_agent_ended": Event(
        sms=_("Najiz: POA %(number)s ended for %(agent)s. Certificate %(certificate)s."),
        subject=_("Power of attorney %(number)s partially terminated"),
        email=_(
            "Power of attorney %(number)s no longer gives authority to %(agent)s. Certificate: %(certificate)s."
        ),
    ),
    "poa_ending": Event(
        sms=_("Najiz: power of attorney %(number)s ends on %(until)s."),
        subject=_("Power of attorney %(number)s ends on %(until)s"),
        email=_(
            "Power of attorney %(number)s ends on %(until)s. Issue a new one in Najiz if it is still needed."
        ),
    ),
    "poa_ends_today": Event(
        sms=_("Najiz: power of attorney %(number)s ends today."),
        subject=_("Power of attorney %(number)s ends today"),
        email=_(
            "Power of attorney %(number)s ends today at midnight. Issue a new one in Najiz if it is still needed."
        ),
    ),
}
