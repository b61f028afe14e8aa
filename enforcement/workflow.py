from django.utils.translation import gettext_lazy as _

from identity.roles import Role
from requests_tracker.models import Status
from requests_tracker.registry import APPLICANT, SYSTEM, Transition, Workflow

from .selectors import UNDER_ENFORCEMENT
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
            [Status.UNDER_REVIEW, Status.IN_PROGRESS, *UNDER_ENFORCEMENT],
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
        # The stages of enforcement follow the payments and the grace periods, by the system.
        Transition(
            [Status.IN_EXECUTION, Status.GRACE_GRANTED],
            Status.PARTIALLY_EXECUTED,
            by={SYSTEM},
            label=_("Paid in part"),
        ),
        Transition(
            [Status.IN_EXECUTION, Status.PARTIALLY_EXECUTED],
            Status.GRACE_GRANTED,
            by={SYSTEM},
            label=_("Grace period"),
        ),
        Transition(
            [Status.PARTIALLY_EXECUTED, Status.GRACE_GRANTED],
            Status.IN_EXECUTION,
            by={SYSTEM},
            label=_("Resume enforcement"),
        ),
        # Executed: paid in full or settled (by the system, from the payment or the creditor's
        # confirmation), or an execution in kind the judge records done.
        Transition(UNDER_ENFORCEMENT, Status.COMPLETED, by={SYSTEM}, label=_("Close as executed")),
        # Withdrawn by the creditor (``execution_withdraw``), which leaves the lifting to the judge.
        Transition(UNDER_ENFORCEMENT, Status.CANCELLED, by={SYSTEM}, label=_("Withdrawn")),
        Transition(
            [Status.DRAFT, Status.SUBMITTED, Status.RETURNED],
            Status.CANCELLED,
            by={APPLICANT},
            label=_("Cancel"),
        ),
    ),
    on_enter={Status.IN_EXECUTION: (execution_order_issued,)},
)
