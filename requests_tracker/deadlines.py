"""Deadlines: the five days "in execution" and any timer a service needs (DESIGN §2.2).

Deadlines are rows. The beat sweep takes the due ones with ``select_for_update(skip_locked=True)``
through a partial index, so two sweeps at the same moment share the work and each deadline fires
once. A deadline lives while its request stays in the status it was started for: the engine's
listener cancels it when the request moves on. Handlers are registered per kind, and a service may
register its own handler for a kind (enforcement's Article 46).

Each handler runs in its own savepoint. One that raises leaves no partial writes; its deadline
keeps running with the error, the attempt counted and a later try (backing off 1, 2, 4 … minutes),
and the deadlines behind it fire on time. After ``MAX_ATTEMPTS`` it is failed for good; supervisors
see failing and failed deadlines in the admin and may retry them (``deadline_retry``).
"""

import logging
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .calendar import Period
from .errors import RequestError
from .models import Deadline, Request, Status

logger = logging.getLogger(__name__)

FIVE_DAYS = "five_days"
FIVE_DAYS_REMINDER = "five_days_reminder"
# The reminder goes out on the third day of the execution period, counted as the period counts.
REMINDER_DAY = 3
SWEEP_BATCH = 500
MAX_ATTEMPTS = 6

Handler = Callable[..., None]
_handlers: dict[tuple[str, str | None], Handler] = {}


def register_deadline_handler(kind: str, handler: Handler, *, service: str | None = None) -> Handler:
    """``handler(deadline=...)`` runs when a ``kind`` deadline falls due; ``service`` narrows it to
    one service (that service's handler replaces the generic one)."""
    _handlers[(kind, service)] = handler
    return handler


def handler_for(deadline: Deadline) -> Handler:
    return _handlers.get((deadline.kind, deadline.request.service)) or _handlers[(deadline.kind, None)]


def deadline_start(
    *, request: Request, kind: str, after: timedelta | Period, party=None, start=None
) -> Deadline:
    """Start a ``kind`` timer that falls due ``after`` from ``start`` (now by default): a duration,
    or a period of working or calendar days (``requests_tracker.calendar``); ``party``'s own when
    each party has a clock of its own (a debtor's five days)."""
    start = start or timezone.now()
    due_at = after.end(start) if isinstance(after, Period) else start + after
    status = request.service_definition.stage(request.status)
    return Deadline.objects.create(request=request, party=party, kind=kind, status=status, due_at=due_at)


def _live(request: Request, kind: str, state: str, party=None):
    found = Deadline.objects.select_for_update().filter(request=request, kind=kind, state=state)
    return found.filter(party=party) if party is not None else found


def deadline_pause(*, request: Request, kind: str, party=None) -> None:
    """Stop the clock (a grace period granted by the judge); ``deadline_resume`` restarts it. With
    ``party``, only that party's clock; without, every clock of that kind on the request."""
    now = timezone.now()
    for deadline in _live(request, kind, Deadline.State.PENDING, party):
        deadline.remaining = max(deadline.due_at - now, timedelta(0))
        deadline.state = Deadline.State.PAUSED
        deadline.save(update_fields=["remaining", "state"])


def deadline_resume(*, request: Request, kind: str, party=None) -> None:
    now = timezone.now()
    for deadline in _live(request, kind, Deadline.State.PAUSED, party):
        deadline.due_at = now + deadline.remaining
        deadline.remaining = None
        deadline.state = Deadline.State.PENDING
        deadline.save(update_fields=["due_at", "remaining", "state"])


def deadline_cancel(*, request: Request, kind: str, party=None) -> None:
    """End a running or paused clock that no longer has a purpose (a debtor reached before day 20)."""
    live = Deadline.objects.filter(request=request, kind=kind, state__in=["pending", "paused"])
    if party is not None:
        live = live.filter(party=party)
    live.update(state=Deadline.State.CANCELLED)


def deadlines_on_transition(*, request: Request, change, service) -> None:
    """Engine listener: cancel the timers of the status left (a failed one too: what it was for is
    over, and its error stays on the row), unless the new status is a stage of the same one; start
    the five days on entering execution, in working days for a service's own target and in calendar
    days where the law sets them, unless the service runs its own clocks (``execution_clock``)."""
    stage = service.stage(change.to_status)
    Deadline.objects.filter(request=request, state__in=["pending", "paused", "failed"]).exclude(
        status=stage
    ).update(state=Deadline.State.CANCELLED)
    period = service.execution_period
    entering = change.to_status == Status.IN_EXECUTION and service.stage(change.from_status) != stage
    if entering and service.execution_clock:
        deadline_start(request=request, kind=FIVE_DAYS, after=period)
        deadline_start(
            request=request,
            kind=FIVE_DAYS_REMINDER,
            after=Period(min(REMINDER_DAY, period.days), working=period.working),
        )


def due_deadlines(now):
    """Running deadlines that are due and not waiting out a backoff: what the sweep takes, in the
    order of the partial index ``deadline_pending_due``."""
    return (
        Deadline.objects.filter(state=Deadline.State.PENDING, due_at__lte=now)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("due_at")
    )


def _backoff(attempts: int) -> timedelta:
    return timedelta(minutes=min(2 ** (attempts - 1), 60))


def _fire(deadline: Deadline, *, now) -> bool:
    """Run the deadline's handler in a savepoint; True when it fired. A handler that raises rolls
    back alone, and its deadline records the error and when to try again, or fails for good."""
    try:
        with transaction.atomic():
            handler_for(deadline)(deadline=deadline)
    except Exception as error:
        attempts = deadline.attempts + 1
        failed = attempts >= MAX_ATTEMPTS
        Deadline.objects.filter(pk=deadline.pk).update(
            state=Deadline.State.FAILED if failed else Deadline.State.PENDING,
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=None if failed else now + _backoff(attempts),
        )
        logger.log(
            logging.ERROR if failed else logging.WARNING,
            "Deadline %s (%s, request %s) failed on attempt %s%s",
            deadline.pk, deadline.kind, deadline.request_id, attempts, ", for good" if failed else "",
            exc_info=error,
        )  # fmt: skip
        return False
    return True


def fire_due(now=None, *, batch: int = SWEEP_BATCH) -> int:
    """One sweep: fire every due deadline exactly once, in batches; returns how many fired."""
    fired = 0
    while True:
        moment = now or timezone.now()
        with transaction.atomic():
            due = list(
                due_deadlines(moment)
                .select_for_update(skip_locked=True, of=("self",))
                .select_related("request")[:batch]
            )
            done = [deadline.pk for deadline in due if _fire(deadline, now=moment)]
            Deadline.objects.filter(pk__in=done).update(
                state=Deadline.State.DONE,
                fired_at=timezone.now(),
                attempts=F("attempts") + 1,
                next_attempt_at=None,
            )
            fired += len(done)
        if len(due) < batch:
            return fired


class DeadlineNotRetryable(RequestError):
    """The deadline is neither failing nor failed, or a newer timer of its kind runs in its place."""


def deadlines_needing_attention():
    """For supervisors: deadlines whose handler raised, still retrying or failed for good."""
    return Deadline.objects.filter(
        Q(state=Deadline.State.FAILED) | Q(state=Deadline.State.PENDING, attempts__gt=0)
    )


def deadline_retry(*, deadline: Deadline, actor) -> bool:
    """A supervisor's "retry now": a new round of attempts, the first of them at once. True when the
    handler fired; otherwise its new error is recorded and the sweep keeps trying with backoff."""
    if not actor.has_perm("requests_tracker.change_deadline"):
        raise PermissionDenied
    with transaction.atomic():
        locked = Deadline.objects.select_for_update().select_related("request").get(pk=deadline.pk)
        if not deadlines_needing_attention().filter(pk=locked.pk).exists():
            raise DeadlineNotRetryable(_("This deadline is not failing: there is nothing to retry."))
        if (
            locked.state == Deadline.State.FAILED
            and Deadline.objects.filter(
                request_id=locked.request_id, kind=locked.kind, state__in=["pending", "paused"]
            ).exists()
        ):
            raise DeadlineNotRetryable(_("A newer deadline of this kind is running for this request."))
        # A new round of attempts; running again, as the handler finds it when the sweep fires it.
        locked.state, locked.attempts = Deadline.State.PENDING, 0
        locked.save(update_fields=["state", "attempts"])
        fired = _fire(locked, now=timezone.now())
        if fired:
            Deadline.objects.filter(pk=locked.pk).update(
                state=Deadline.State.DONE, fired_at=timezone.now(), attempts=1, next_attempt_at=None
            )
    logger.info("Deadline %s retried by %s: %s", locked.pk, actor.pk, "fired" if fired else "failed again")
    return fired


def time_left(request: Request) -> timedelta | None:
    deadline = Deadline.objects.filter(request=request, kind=FIVE_DAYS, state="pending").first()
    return deadline.due_at - timezone.now() if deadline else None


def describe_time_left(left: timedelta) -> str:
    """The time left in words ("4 days and 23 hours"), each count in its plural form (Arabic has six)."""
    if left.total_seconds() <= 0:
        return gettext("overdue")
    days, hours = left.days, left.seconds // 3600
    days_text = ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    hours_text = ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    if days and hours:
        return gettext("%(days)s and %(hours)s") % {"days": days_text, "hours": hours_text}
    if days:
        return days_text
    return hours_text if hours else gettext("less than an hour")


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
        params={"due": due, "status": request.service_definition.status_label_lazy(request.status)},
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
