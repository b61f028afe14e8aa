"""What a status means and what happens next, in the words the portal shows a person."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from .models import Request, Status
from .registry import service_registry

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
        "parties possibly interviewed, more documents possibly requested. This usually takes five days."
    ),
    Status.COMPLETED: _("Done."),
    Status.REJECTED: _("Rejected. The reason is in the timeline."),
    Status.CANCELLED: _("Cancelled."),
}

NEXT = {
    Status.DRAFT: _("Complete the steps and submit the request."),
    Status.SUBMITTED: _("A clerk will start reviewing it, usually within 2 working days."),
    Status.UNDER_REVIEW: _("You will be told when it is accepted, returned for amendment or rejected."),
    Status.RETURNED: _("Correct the request and resubmit it."),
    Status.IN_PROGRESS: _("The competent body will carry it out; you will be notified at each step."),
    Status.IN_EXECUTION: _("The authority completes the execution; you will be notified when it is done."),
    Status.COMPLETED: _("Nothing more is needed from you."),
    Status.REJECTED: _("You may file a new request once the reason is addressed."),
    Status.CANCELLED: _("Nothing more will happen on this request."),
}

# How long a status usually lasts, for the "by when" of what happens next.
TYPICAL_DAYS = {Status.SUBMITTED: 2, Status.IN_EXECUTION: 5}


def meaning(status: str) -> str:
    return MEANING[status]


def next_step(request: Request) -> dict:
    """{"text": what happens next, "by": the expected date or None}."""
    service = service_registry.get(request.service)
    text = service.guidance.get(request.status) or NEXT[request.status]
    days = TYPICAL_DAYS.get(request.status)
    started = request.status_changed_at or request.submitted_at
    return {"text": text, "by": started + timedelta(days=days) if days and started else None}
