"""What a status means and what happens next, in the words the portal shows a person."""

from django.utils.translation import gettext_lazy as _

from .calendar import Period
from .deadlines import FIVE_DAYS
from .models import Deadline, Request, Status
from .registry import Service, service_registry

MEANING = {
    Status.DRAFT: _("Not submitted yet. Only you can see it; resume it to submit."),
    Status.SUBMITTED: _("Received and waiting for review."),
    Status.UNDER_REVIEW: _("Staff are checking the request and its documents."),
    Status.RETURNED: _(
        "Something must be corrected or added. Read the note, correct the request and resubmit it."
    ),
    Status.IN_PROGRESS: _("Accepted: the competent body is acting on it."),
    Status.IN_EXECUTION: _(
        "Approved and being carried out by the competent authority: documents are checked, papers prepared, "
        "parties possibly interviewed, more documents possibly requested."
    ),
    Status.PARTIALLY_EXECUTED: _("Part of the amount was paid; the balance is still being enforced."),
    Status.GRACE_GRANTED: _(
        "The judge granted a grace period: the timers stop until it ends, then enforcement resumes."
    ),
    Status.COMPLETED: _("Done."),
    Status.REJECTED: _("Rejected. The reason is in the timeline."),
    Status.CANCELLED: _("Cancelled."),
}

NEXT = {
    Status.DRAFT: _("Complete the steps and submit the request."),
    Status.SUBMITTED: _("A clerk will start reviewing it."),
    Status.UNDER_REVIEW: _("You will be told when it is accepted, returned for amendment or rejected."),
    Status.RETURNED: _("Correct the request and resubmit it."),
    Status.IN_PROGRESS: _("The competent body will carry it out; you will be notified at each step."),
    Status.IN_EXECUTION: _("The authority completes the execution; you will be notified when it is done."),
    Status.PARTIALLY_EXECUTED: _("The balance must be paid; you will be notified of each payment."),
    Status.GRACE_GRANTED: _("Enforcement resumes when the grace period ends."),
    Status.COMPLETED: _("Nothing more is needed from you."),
    Status.REJECTED: _("You may file a new request once the reason is addressed."),
    Status.CANCELLED: _("Nothing more will happen on this request."),
}

# How long a status usually lasts, for the "by when" of what happens next: a review is promised in
# working days (``requests_tracker.calendar``); "in execution" lasts the service's execution period.
TYPICAL_PERIOD = {Status.SUBMITTED: Period.working_days(2)}


def meaning(status: str) -> str:
    return MEANING[status]


def expected_period(service: Service, status: str) -> Period | None:
    if status == Status.IN_EXECUTION:
        return service.execution_period
    return TYPICAL_PERIOD.get(status)


def next_step(request: Request) -> dict:
    """What happens next, and by when: {"text", "by": the expected moment or None, "within": the
    period in words, saying whether it counts working or calendar days ("within 2 working days")}.

    In execution, "by" is the running deadline's due time (it moves with a grace period and waits
    while the enforcement clock is stopped); otherwise it is counted from the last status change.
    """
    service = service_registry.get(request.service)
    text = service.guidance.get(request.status) or NEXT[request.status]
    period = expected_period(service, request.status)
    if period is None:
        return {"text": text, "by": None, "within": ""}
    started = request.status_changed_at or request.submitted_at
    by = period.end(started) if started else None
    if request.status == Status.IN_EXECUTION:
        clock = (
            Deadline.objects.filter(request=request, kind=FIVE_DAYS, status=Status.IN_EXECUTION)
            .exclude(state=Deadline.State.CANCELLED)
            .order_by("-pk")
            .first()
        )
        if clock is not None:
            by = None if clock.state == Deadline.State.PAUSED else clock.due_at
    return {"text": text, "by": by, "within": period.within()}
