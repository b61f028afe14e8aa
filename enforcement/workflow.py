from django.utils.translation import gettext_lazy as _

from identity.roles import Role
from requests_tracker.models import Status
from requests_tracker.registry import APPLICANT, SYSTEM, Transition, Workflow

from .services import execution_order_issued

CLERK = {Role.ENFORCEMENT_CLERK, Role.SUPERVISOR}
# Judicial decisions (the execution order) are the enforcement judge's alone; a supervisor oversees.
JUDGE = {Role.ENFORCEMENT_JUDGE}

ENFORCEMENT = Workflow(
    transitions=(
        Transition(Status.DRAFT, Status.SUBMITTED, by={APPLICANT}, label=_("Submit")),
        Transition(Status.SUBMITTED, Status.UNDER_REVIEW, by=CLERK, label=_("Start the review")),
        Transition(
            Status.UNDER_REVIEW,
            Status.RETURNED,
            by=CLERK,
            label=_("Return for amendment"),
            decision=_("Reasons for the return, for the applicant"),
        ),
        Transition(Status.RETURNED, Status.SUBMITTED, by={APPLICANT}, label=_("Resubmit")),
        Transition(
            [Status.UNDER_REVIEW, Status.IN_PROGRESS],
            Status.REJECTED,
            by=CLERK | JUDGE,
            label=_("Reject"),
            decision=_("Reasons for the rejection, for the applicant"),
        ),
        Transition(
            Status.UNDER_REVIEW, Status.IN_PROGRESS, by=CLERK, label=_("Refer to the enforcement judge")
        ),
        # The decision is the text of the execution order (Decision 34), which both parties read.
        Transition(
            Status.IN_PROGRESS,
            Status.IN_EXECUTION,
            by=JUDGE,
            label=_("Issue the execution order (Decision 34)"),
            decision=_("Text of the execution order (Decision 34)"),
        ),
        Transition(Status.IN_EXECUTION, Status.COMPLETED, by={SYSTEM} | JUDGE, label=_("Close as executed")),
        Transition(
            [Status.DRAFT, Status.SUBMITTED, Status.RETURNED],
            Status.CANCELLED,
            by={APPLICANT},
            label=_("Cancel"),
        ),
    ),
    on_enter={Status.IN_EXECUTION: (execution_order_issued,)},
)
