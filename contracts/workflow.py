from django.utils.translation import gettext_lazy as _

from identity.roles import Role
from requests_tracker.models import Status
from requests_tracker.registry import APPLICANT, Transition, Workflow

from .services import certified_copy_issue

CLERKS = {Role.NOTARY, Role.SUPERVISOR}

CERTIFIED_COPY = Workflow(
    transitions=(
        Transition(Status.DRAFT, Status.SUBMITTED, by={APPLICANT}, label=_("Submit")),
        Transition(Status.SUBMITTED, Status.UNDER_REVIEW, by=CLERKS, label=_("Start the review")),
        Transition(
            Status.UNDER_REVIEW,
            Status.RETURNED,
            by=CLERKS,
            label=_("Return for amendment"),
            decision=_("Reasons for the return, for the applicant"),
        ),
        Transition(Status.RETURNED, Status.SUBMITTED, by={APPLICANT}, label=_("Resubmit")),
        Transition(
            Status.UNDER_REVIEW,
            Status.REJECTED,
            by=CLERKS,
            label=_("Reject"),
            decision=_("Reasons for the rejection, for the applicant"),
        ),
        Transition(Status.UNDER_REVIEW, Status.IN_PROGRESS, by=CLERKS, label=_("Accept")),
        Transition(Status.IN_PROGRESS, Status.IN_EXECUTION, by=CLERKS, label=_("Prepare the copy")),
        Transition(Status.IN_EXECUTION, Status.COMPLETED, by=CLERKS, label=_("Issue the copy")),
        Transition(
            [Status.DRAFT, Status.SUBMITTED, Status.RETURNED],
            Status.CANCELLED,
            by={APPLICANT},
            label=_("Cancel"),
        ),
    ),
    on_enter={Status.COMPLETED: (certified_copy_issue,)},
)
