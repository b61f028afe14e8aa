"""Deadlines: the five days "in execution" and any timer a service needs (DESIGN §2.2).

Deadlines are rows. The beat sweep takes the due ones with ``select_for_update(skip_locked=True)``
through a partial index, so two sweeps at the same moment share the work and each deadline fires
once. A deadline lives while its request stays in the status it was started for: the engine's
listener cancels it when the request moves on. Handlers are registered per kind, and a service may
register its own handler for a kind (enforcement's Article 46).
"""

from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from .models import Deadline, Request, Status

FIVE_DAYS = "five_days"
FIVE_DAYS_REMINDER = "five_days_reminder"
EXECUTION_PERIOD = timedelta(days=5)
REMINDER_AFTER = timedelta(days=3)
SWEEP_BATCH = 500

Handler = Callable[..., None]
_handlers: dict[tuple[str, str | None], Handler] = {}


def register_deadline_handler(kind: str, handler: Handler, *, service: str | None = None) -> Handler:
    """``handler(deadline=...)`` runs when a ``kind`` deadline falls due; ``service`` narrows it to
    one service (that service's handler replaces the generic one)."""
    _handlers[(kind, service)] = handler
    return handler


def handler_for(deadline: Deadline) -> Handler:
    return _handlers.get((deadline.kind, deadline.request.service)) or _handlers[(deadline.kind, None)]


def deadline_start(*, request: Request, kind: str, after: timedelta) -> Deadline:
    return Deadline.objects.create(
        request=request, kind=kind, status=request.status, due_at=timezone.now() + after
    )


def deadline_pause(*, request: Request, kind: str) -> None:
    """Stop the clock (a grace period granted by the judge); ``deadline_resume`` restarts it."""
    now = timezone.now()
    for deadline in Deadline.objects.select_for_update().filter(request=request, kind=kind, state="pending"):
        deadline.remaining = max(deadline.due_at - now, timedelta(0))
        deadline.state = Deadline.State.PAUSED
        deadline.save(update_fields=["remaining", "state"])


def deadline_resume(*, request: Request, kind: str) -> None:
    now = timezone.now()
    for deadline in Deadline.objects.select_for_update().filter(request=request, kind=kind, state="paused"):
        deadline.due_at = now + deadline.remaining
        deadline.remaining = None
        deadline.state = Deadline.State.PENDING
        deadline.save(update_fields=["due_at", "remaining", "state"])


def deadlines_on_transition(*, request: Request, change, service) -> None:
    """Engine listener: cancel the timers of the status left; start the five days on entering execution."""
    Deadline.objects.filter(request=request, state__in=["pending", "paused"]).exclude(
        status=change.to_status
    ).update(state=Deadline.State.CANCELLED)
    if change.to_status == Status.IN_EXECUTION:
        deadline_start(request=request, kind=FIVE_DAYS, after=EXECUTION_PERIOD)
        deadline_start(request=request, kind=FIVE_DAYS_REMINDER, after=REMINDER_AFTER)


def fire_due(now=None, *, batch: int = SWEEP_BATCH) -> int:
    """One sweep: fire every due deadline exactly once, in batches; returns how many fired."""
    fired = 0
    while True:
        with transaction.atomic():
            due = list(
                Deadline.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("request")
                .filter(state=Deadline.State.PENDING, due_at__lte=now or timezone.now())
                .order_by("due_at")[:batch]
            )
            for deadline in due:
                handler_for(deadline)(deadline=deadline)
            Deadline.objects.filter(pk__in=[d.pk for d in due]).update(
                state=Deadline.State.DONE, fired_at=timezone.now()
            )
            fired += len(due)
        if len(due) < batch:
            return fired


def time_left(request: Request) -> timedelta | None:
    deadline = Deadline.objects.filter(request=request, kind=FIVE_DAYS, state="pending").first()
    return deadline.due_at - timezone.now() if deadline else None


def describe_time_left(left: timedelta) -> str:
    if left.total_seconds() <= 0:
        return gettext("overdue")
    return gettext("%(days)d days and %(hours)d hours") % {"days": left.days, "hours": left.seconds // 3600}


# --- The generic handlers: a reminder on day three, the supervisor's queue on day five ------------


def remind(*, deadline: Deadline) -> None:
    from .notifications import notify_event

    request = deadline.request
    five = Deadline.objects.filter(request=request, kind=FIVE_DAYS, state="pending").first()
    due = date_format(timezone.localtime(five.due_at), "Y-m-d") if five else ""
    notify_event(
        event="deadline_reminder",
        request=request,
        recipients=[request.applicant, request.represented, request.assignee],
        params={"due": due},
    )


def escalate(*, deadline: Deadline) -> None:
    """The service-level target is missed: into the supervisor's queue, and the applicant is told."""
    from .notifications import notify_event

    request = deadline.request
    Request.objects.filter(pk=request.pk, escalated_at__isnull=True).update(escalated_at=timezone.now())
    supervisors = get_user_model().objects.filter(groups__name="supervisor", is_active=True)
    notify_event(
        event="deadline_missed",
        request=request,
        recipients=[request.applicant, request.represented, request.assignee, *supervisors],
    )


register_deadline_handler(FIVE_DAYS_REMINDER, remind)
register_deadline_handler(FIVE_DAYS, escalate)
