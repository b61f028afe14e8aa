"""The case file: everything a staff member needs to decide on a request, read for one screen.

The admin's change page of every queue shows it (``admin/requests_tracker/case_file.html``): the
parties as the portal knows them, the service's answers, the documents with a preview, what is
awaited from the applicant, interviews, the thread, the whole history with decisions and internal
notes, the deadlines with the time left and the documents the portal issued. Who may read it is the
access module's answer for staff (``staff_viewer``); nothing here widens it.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .access import staff_viewer
from .deadlines import FIVE_DAYS, FIVE_DAYS_REMINDER, describe_time_left
from .issuing import issued_for_request
from .models import Deadline, Document, Request, Status
from .parties import registered_user

_deadline_labels: dict[str, object] = {
    FIVE_DAYS: _("End of the five days in execution"),
    FIVE_DAYS_REMINDER: _("Reminder on the third day"),
}
# Reminders are timers of their own but promise nothing to anyone: they never make a request due.
_reminder_kinds: set[str] = {FIVE_DAYS_REMINDER}

# The open statuses a queue works: a request in one of them with a due deadline is "overdue".
OPEN_STATUSES = (
    Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION,
    Status.PARTIALLY_EXECUTED, Status.GRACE_GRANTED,
)  # fmt: skip
DUE_SOON = timedelta(hours=24)


def register_deadline_label(kind: str, label, *, reminder: bool = False) -> None:
    """Name a domain's deadline kind for staff; a ``reminder`` never makes its request due."""
    _deadline_labels[kind] = label
    if reminder:
        _reminder_kinds.add(kind)


def deadline_label(kind: str) -> str:
    return str(_deadline_labels.get(kind, kind))


def with_due_at(queryset: QuerySet[Request]) -> QuerySet[Request]:
    """Annotate ``due_at``: when the earliest running deadline of the request falls due (None without
    one). Reminders are left out: a request is due when something must have been decided."""
    return queryset.annotate(
        due_at=Subquery(
            Deadline.objects.filter(request=OuterRef("pk"), state=Deadline.State.PENDING)
            .exclude(kind__in=_reminder_kinds)
            .values("request")
            .annotate(first=Min("due_at"))
            .values("first")[:1]
        )
    )


# Conditions on requests for the queue filters and the index counts. They ask the deadlines, through
# their partial index of running ones, which requests are due, rather than computing every request's
# due time: a queue of fifty thousand is counted as fast as one of fifty.


def _requests_due(**due_at) -> QuerySet:
    return (
        Deadline.objects.filter(state=Deadline.State.PENDING, **due_at)
        .exclude(kind__in=_reminder_kinds)
        .values("request_id")
    )


def overdue_condition(now: datetime) -> Q:
    """Open and past a deadline, or escalated to the supervisor: one list of ids from the running
    deadlines and the escalated requests, each read through its own partial index."""
    escalated = Request.objects.filter(escalated_at__isnull=False).values("pk")
    return Q(pk__in=_requests_due(due_at__lte=now).union(escalated), status__in=OPEN_STATUSES)


def due_soon_condition(now: datetime) -> Q:
    return Q(pk__in=_requests_due(due_at__gt=now, due_at__lte=now + DUE_SOON), status__in=OPEN_STATUSES)


def escalated_condition() -> Q:
    return Q(escalated_at__isnull=False, status__in=OPEN_STATUSES)


@dataclass(frozen=True)
class PartyRecord:
    party: object
    registered: bool
    name_ar: str
    name_en: str
    phone: str
    email: str


@dataclass(frozen=True)
class DeadlineRecord:
    deadline: Deadline
    label: str
    left: timedelta
    reminder: bool

    @property
    def overdue(self) -> bool:
        return self.left.total_seconds() <= 0

    @property
    def left_text(self) -> str:
        return describe_time_left(self.left)


def _party_records(request: Request) -> list[PartyRecord]:
    records = []
    for party in request.parties.select_related("user").order_by("pk"):
        # A party named before they registered is linked when seen here, as the registry has them now.
        user = party.user or registered_user(id_type=party.id_type, id_number=party.id_number)
        records.append(
            PartyRecord(
                party=party,
                registered=user is not None,
                name_ar=user.name_ar if user else party.name,
                name_en=user.name_en if user else "",
                phone=(user.phone if user else "") or party.phone,
                email=user.email if user else "",
            )
        )
    return records


def _deadline_records(request: Request, now: datetime) -> list[DeadlineRecord]:
    running = request.deadlines.filter(
        state__in=[Deadline.State.PENDING, Deadline.State.PAUSED, Deadline.State.FAILED]
    ).order_by("due_at")
    return [
        DeadlineRecord(
            deadline=deadline,
            label=deadline_label(deadline.kind),
            left=(deadline.remaining if deadline.state == Deadline.State.PAUSED else deadline.due_at - now),
            reminder=deadline.kind in _reminder_kinds,
        )
        for deadline in running
    ]


def previewable(document: Document) -> str:
    """How the case file shows ``document`` in the page: "image", "pdf" or "" (a link only)."""
    if document.content_type.startswith("image/"):
        return "image"
    return "pdf" if document.content_type == "application/pdf" else ""


def case_file(*, request: Request, user) -> dict | None:
    """The case file of ``request`` for the staff member ``user``; None outside their queues."""
    if staff_viewer(request, user) is None:
        return None
    from .wizard import answers  # the wizard owns how a service's answers read

    now = timezone.now()
    documents = list(request.documents.select_related("uploaded_by", "message", "requirement").order_by("pk"))
    return {
        "parties": _party_records(request),
        "answers": answers(request),
        "documents": [{"document": d, "preview": previewable(d)} for d in documents],
        "requirements": list(request.requirements.select_related("requested_by").order_by("requested_at")),
        "interviews": list(request.interviews.order_by("starts_at")),
        "thread": list(request.messages.select_related("author").prefetch_related("attachments")),
        "history": list(request.history.select_related("actor")),
        "deadlines": _deadline_records(request, now),
        "issued": list(issued_for_request(request)),
        "now": now,
    }
