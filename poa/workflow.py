from django.utils.translation import gettext_lazy as _

from identity.roles import Role
from requests_tracker.models import Status
from requests_tracker.registry import APPLICANT, SYSTEM, Transition, Workflow

from .services import poa_issue

# A business representative's POA is checked by a notary (the company's register and signatories).
NOTARIES = {Role.NOTARY, Role.SUPERVISOR}

POA_WORKFLOW = Workflow(
    transitions=(
        Transition(Status.DRAFT, Status.SUBMITTED, by={APPLICANT}, label=_("Confirm and submit")),
        Transition(Status.SUBMITTED, Status.COMPLETED, by={SYSTEM}, label=_("Issue")),
        Transition(Status.SUBMITTED, Status.IN_PROGRESS, by={SYSTEM}, label=_("Send to the notary")),
        Transition(
            Status.SUBMITTED,
            Status.REJECTED,
            by={SYSTEM},
            label=_("Rejected by a principal"),
            decision=_("Which principal rejected it"),
        ),
        Transition(Status.IN_PROGRESS, Status.COMPLETED, by=NOTARIES, label=_("Approve and issue")),
        Transition(
            Status.IN_PROGRESS,
            Status.RETURNED,
            by=NOTARIES,
            label=_("Return for amendment"),
            decision=_("Reasons for the return, for the principal"),
        ),
        Transition(
            Status.IN_PROGRESS,
            Status.REJECTED,
            by=NOTARIES,
            label=_("Reject"),
            decision=_("Reasons for the rejection, for the principal"),
        ),
        Transition(Status.RETURNED, Status.SUBMITTED, by={APPLICANT}, label=_("Resubmit")),
        # Cancelled by the principal, or lapsed when the others did not all answer within 48 hours.
        Transition(
            [Status.DRAFT, Status.SUBMITTED, Status.RETURNED],
            Status.CANCELLED,
            by={APPLICANT, SYSTEM},
            label=_("Cancel"),
        ),
    ),
    on_enter={Status.COMPLETED: (poa_issue,)},
)
