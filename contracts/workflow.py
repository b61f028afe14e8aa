from django.utils.translation import gettext_lazy as _

from identity.roles import Role
from requests_tracker.models import Status
from requests_tracker.registry import APPLICANT, SYSTEM, Transition, Workflow

from .services.certified_copy import certified_copy_issue

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

# Notarization: the transfer, the acknowledgment and the custody agreement go to a notary; the
# marriage contract to the ma'zoun its husband chose.
NOTARIES = CLERKS
MAZOUNS = {Role.MAZOUN, Role.SUPERVISOR}


# What the other parties of a notarization see it in: from its submission on, whatever came of it.
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


def notarization_workflow(*, approvers, on_enter=None) -> Workflow:
    """The shape every notarization shares: the applicant submits with his code; the other parties
    accept with theirs (``requests_tracker.consents``), which sends it to the ``approvers``; they
    approve it (the deed is issued by ``on_enter[COMPLETED]``), return it or reject it."""
    return Workflow(
        transitions=(
            Transition(Status.DRAFT, Status.SUBMITTED, by={APPLICANT}, label=_("Confirm and submit")),
            Transition(
                Status.SUBMITTED,
                Status.IN_PROGRESS,
                by={SYSTEM},
                label=_("Accepted by every party: to the notary or the ma'zoun"),
            ),
            Transition(
                Status.SUBMITTED,
                Status.REJECTED,
                by={SYSTEM},
                label=_("Rejected by a party"),
                decision=_("Which party rejected it"),
            ),
            Transition(
                Status.IN_PROGRESS, Status.COMPLETED, by=approvers, label=_("Approve and issue the deed")
            ),
            Transition(
                Status.IN_PROGRESS,
                Status.RETURNED,
                by=approvers,
                label=_("Return for amendment"),
                decision=_("Reasons for the return, for the applicant"),
            ),
            Transition(
                Status.IN_PROGRESS,
                Status.REJECTED,
                by=approvers,
                label=_("Reject"),
                decision=_("Reasons for the rejection, for the parties"),
            ),
            Transition(Status.RETURNED, Status.SUBMITTED, by={APPLICANT}, label=_("Resubmit")),
            # Cancelled by the applicant, or lapsed when the parties did not all answer in time.
            Transition(
                [Status.DRAFT, Status.SUBMITTED, Status.RETURNED],
                Status.CANCELLED,
                by={APPLICANT, SYSTEM},
                label=_("Cancel"),
            ),
        ),
        on_enter=on_enter or {},
    )
