from django.utils.translation import gettext_lazy as _

from identity.roles import Role
from requests_tracker.models import Status
from requests_tracker.registry import APPLICANT, Transition, Workflow

from .services import judgment_issued, lawsuit_registered

CLAIMS_CLERKS = {Role.CLAIMS_CLERK, Role.SUPERVISOR}
JUDGES = {Role.CIRCUIT_JUDGE}

LAWSUIT_WORKFLOW = Workflow(
    transitions=(
        Transition(Status.DRAFT, Status.SUBMITTED, by={APPLICANT}, label=_("Submit the claim")),
        Transition(
            Status.SUBMITTED,
            Status.IN_PROGRESS,
            by=CLAIMS_CLERKS,
            label=_("Register the case"),
            own_form=True,
        ),
        Transition(
            Status.SUBMITTED,
            Status.RETURNED,
            by=CLAIMS_CLERKS,
            label=_("Return for amendment"),
            decision=_("Reasons for the return, for the plaintiff"),
        ),
        Transition(Status.RETURNED, Status.SUBMITTED, by={APPLICANT}, label=_("Resubmit")),
        Transition(
            Status.IN_PROGRESS, Status.COMPLETED, by=JUDGES, label=_("Issue the judgment"), own_form=True
        ),
        Transition(
            [Status.DRAFT, Status.SUBMITTED, Status.RETURNED],
            Status.CANCELLED,
            by={APPLICANT},
            label=_("Withdraw the claim"),
        ),
    ),
    on_enter={Status.IN_PROGRESS: (lawsuit_registered,), Status.COMPLETED: (judgment_issued,)},
)
