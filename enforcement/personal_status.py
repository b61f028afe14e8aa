"""Personal-status execution (Enforcement Law, Articles 73, 74 and 92).

Custody, visitation and the delivery of a child are executed in kind: Decision 34 orders the debtor
to hand the child over (or allow the visit) as the enforcement judge sets, with no amount, bill or
Article 46 measure. The judge sets the place and the times; the clerk or the judge records each
handover and each refusal; a refusal may bring police assistance and imprisonment of one to three
months (Article 92). A recorded handover ends custody and delivery; visitation runs on, one visit
after another.

Maintenance (نفقة) is money: the judge's monthly amount is deducted each month from the debtor's
account into the applicant's IBAN by a bank order, one deadline row per instalment. A deduction the
bank refuses is recorded as failed, both sides and the judge are told, and the schedule goes on.
"""

import calendar
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from identity.digits import money_figure
from requests_tracker.deadlines import deadline_start
from requests_tracker.errors import AmountOutOfRange, NoteRequired, RequestError, TransitionForbidden
from requests_tracker.models import Deadline, Party, Request
from requests_tracker.notifications import Event, notify_event

from .bank import BankError, bank_registry
from .models import (
    IN_KIND,
    Authority,
    ClosingReason,
    Debtor,
    ExecutionRequest,
    Imprisonment,
    InKindEvent,
    InKindOrder,
    MaintenanceInstalment,
    Payment,
    PersonalStatusKind,
    RequestType,
)
from .models.in_kind import REFUSALS
from .selectors import (
    EXECUTION_SECTION,
    JUDICIAL,
    RECORDING,
    UNDER_ENFORCEMENT,
    acts_as,
    creditors,
    debtors,
    execution_for,
)
from .services import dispatch_send, execution_close, execution_record_payment

MAINTENANCE_DUE = "enforcement_maintenance_due"
# A handover of the child ends these; a visit is one of many and leaves the request open.
ENDED_BY_HANDOVER = frozenset({PersonalStatusKind.CUSTODY, PersonalStatusKind.CHILD_DELIVERY})
# The longest maintenance schedule a filing may ask for: twenty years of monthly deductions.
MOST_MAINTENANCE_MONTHS = 240


class WayNotSet(RequestError):
    """Nothing is recorded or ordered before the judge has set where and when the child is handed over."""


class NoRefusal(RequestError):
    """Imprisonment (Article 92) answers a recorded refusal, and each refusal once."""


# --- Reads -------------------------------------------------------------------------------------


def is_in_kind(execution: ExecutionRequest | None) -> bool:
    return execution is not None and execution.personal_status_kind in IN_KIND and execution.in_kind


def is_maintenance(execution: ExecutionRequest | None) -> bool:
    return execution is not None and execution.personal_status_kind == PersonalStatusKind.MAINTENANCE


def maintenance_months(execution: ExecutionRequest) -> int:
    """How many monthly instalments the total is paid in (the last one smaller if it does not divide)."""
    whole, rest = divmod(execution.amount, execution.monthly_amount)
    return int(whole) + (1 if rest else 0)


def _filing_errors(*, request_type, kind, amount, monthly) -> list[tuple[str, str]]:
    """(field, message) for each thing wrong with the amounts and the matter of a filing."""
    if request_type != RequestType.PERSONAL_STATUS:
        errors = []
        if kind:
            errors.append(
                (
                    "personal_status_kind",
                    _(
                        "Custody, visitation, delivery of a child and maintenance are personal-status requests."
                    ),
                )
            )
        if amount is None and request_type:
            errors.append(("amount", _("Give the amount to execute.")))
        return errors
    if not kind:
        return [
            (
                "personal_status_kind",
                _(
                    "Choose the personal-status matter: custody, visitation, delivery of a child or maintenance."
                ),
            )
        ]
    if kind in IN_KIND:
        if amount is None:
            return []
        return [
            (
                "amount",
                _(
                    "Custody, visitation and delivery of a child are executed in kind, not in money: "
                    "leave the amount empty."
                ),
            )
        ]
    if monthly is None or monthly <= 0:
        return [("monthly_amount", _("Give the monthly maintenance the judgment sets."))]
    if amount is None or amount <= 0:
        return [("amount", _("Give the total of the months of maintenance to execute."))]
    if amount % monthly:
        return [
            (
                "amount",
                _("The total of the maintenance is a whole number of months of %(monthly)s SAR.")
                % {"monthly": money_figure(monthly)},
            )
        ]
    if amount / monthly > MOST_MAINTENANCE_MONTHS:
        return [
            (
                "amount",
                _("A maintenance request executes at most %(most)d months.")
                % {"most": MOST_MAINTENANCE_MONTHS},
            )
        ]
    return []


def personal_status_problems(execution: ExecutionRequest) -> list[str]:
    """What is wrong with the amounts and the personal-status matter of a filing, in the applicant's
    words (for ``execution_check``): custody, visitation and delivery carry no amount; maintenance
    gives its monthly amount and a total of whole months."""
    return [
        message
        for _field, message in _filing_errors(
            request_type=execution.request_type,
            kind=execution.personal_status_kind,
            amount=execution.amount,
            monthly=execution.monthly_amount,
        )
    ]


def personal_status_form_errors(data: dict) -> list[tuple[str, str]]:
    """For ``ExecutionDetailsForm.clean``: (field, message) for each error to add to the form.
    Clears in ``data`` the monthly amount a matter other than maintenance does not use."""
    if data.get("personal_status_kind") != PersonalStatusKind.MAINTENANCE:
        data["monthly_amount"] = None
    return _filing_errors(
        request_type=data.get("request_type"),
        kind=data.get("personal_status_kind"),
        amount=data.get("amount"),
        monthly=data.get("monthly_amount"),
    )


def in_kind_context(request: Request, viewer) -> dict:
    """The personal-status part of the request page: the way the judge set, the recorded handovers
    and refusals, imprisonment and the maintenance instalments. Both parties see it once the request
    is under enforcement (the section's own rule: the debtor sees it from Decision 34 on)."""
    if viewer is None or not viewer.sees(EXECUTION_SECTION):
        return {}
    execution = execution_for(request)
    if execution is None or not execution.personal_status_kind or execution.ordered_at is None:
        return {}
    context = {"execution": execution, "kind": execution.get_personal_status_kind_display()}
    if is_in_kind(execution):
        context.update(
            in_kind=True,
            order=InKindOrder.objects.filter(execution=execution).first(),
            events=list(execution.in_kind_events.select_related("recorded_by", "imprisonment")),
            imprisonments=list(execution.imprisonments.select_related("party")),
        )
    elif is_maintenance(execution):
        context.update(maintenance=True, instalments=list(execution.instalments.all()))
    return context


# --- Decision 34 ---------------------------------------------------------------------------------


def in_kind_order_issued(*, request: Request, execution: ExecutionRequest) -> None:
    """What Decision 34 does for custody, visitation or delivery of a child: the debtor is told, as a
    legal notice, that he must hand the child over or allow the visit as the judge sets; no amount."""
    notify_event(
        event="in_kind_order",
        request=request,
        recipients=list(debtors(request)),
        params={"matter": execution.get_personal_status_kind_display()},
        legal=True,
    )


def maintenance_order_issued(*, request: Request, execution: ExecutionRequest) -> None:
    """What Decision 34 does for maintenance: the monthly deductions are scheduled, and both sides
    learn the amount and the first date."""
    instalments = maintenance_schedule(execution)
    if not instalments:
        return
    notify_event(
        event="maintenance_scheduled",
        request=request,
        recipients=[*debtors(request), *creditors(request)],
        params={
            "monthly": money_figure(execution.monthly_amount),
            "first": date_format(instalments[0].due_on, "Y-m-d"),
            "count": len(instalments),
        },
        legal=True,
    )


# --- The judge and the clerk, for an execution in kind -------------------------------------------


def _lock(request: Request) -> tuple[Request, ExecutionRequest]:
    """The request and its execution locked, after its live deadlines: the order the sweep takes them in."""
    list(Deadline.objects.select_for_update().filter(request_id=request.pk, state__in=["pending", "paused"]))
    locked = Request.objects.select_for_update().get(pk=request.pk)
    execution = ExecutionRequest.objects.select_for_update().select_related("request").get(request=locked)
    return locked, execution


def _in_kind_under_enforcement(locked: Request, execution: ExecutionRequest) -> None:
    if not is_in_kind(execution) or locked.status not in UNDER_ENFORCEMENT:
        raise TransitionForbidden(
            _("This is done only for custody, visitation or delivery of a child under enforcement.")
        )


def _order_of(execution: ExecutionRequest) -> InKindOrder:
    order = InKindOrder.objects.select_for_update().filter(execution=execution).first()
    if order is None:
        raise WayNotSet(_("The enforcement judge has not yet set the place and times of the execution."))
    return order


def _everyone(request: Request) -> list:
    return [*creditors(request), *debtors(request)]


def in_kind_set_way(*, request: Request, actor, place: str, schedule: str = "") -> InKindOrder:
    """The enforcement judge sets where the child is handed over and, for visitation, the days and
    hours; set again, it replaces the earlier way. Both sides are told."""
    place, schedule = place.strip(), schedule.strip()
    if not place:
        raise NoteRequired(_("Give the place where the child is handed over."))
    with transaction.atomic():
        locked, execution = _lock(request)
        if not acts_as(locked, actor, JUDICIAL):
            raise TransitionForbidden(_("Only the enforcement judge sets how the execution is carried out."))
        _in_kind_under_enforcement(locked, execution)
        if execution.personal_status_kind == PersonalStatusKind.VISITATION and not schedule:
            raise NoteRequired(_("Give the days and hours of the visits."))
        order, _created = InKindOrder.objects.update_or_create(
            execution=execution,
            defaults={"place": place, "schedule": schedule, "set_by": actor, "set_at": timezone.now()},
        )
        notify_event(
            event="in_kind_way_set",
            request=locked,
            recipients=_everyone(locked),
            params={"matter": execution.get_personal_status_kind_display()},
            legal=True,
        )
    return order


def in_kind_record(*, request: Request, actor, kind: str, note: str = "") -> InKindEvent:
    """The clerk or the judge records a handover or a refusal. A handover of custody or of the child
    executes the request; each visit is recorded and visitation goes on. A refusal is the ground the
    judge may order police assistance or imprisonment on."""
    note = note.strip()
    if kind not in InKindEvent.Kind.values:
        raise NoteRequired(_("Choose what happened: executed, refused, or the child was hidden."))
    if kind in REFUSALS and not note:
        raise NoteRequired(_("Describe the refusal: who refused, where and how."))
    with transaction.atomic():
        locked, execution = _lock(request)
        if not acts_as(locked, actor, RECORDING):
            raise TransitionForbidden(
                _("Only the enforcement clerk or judge records an execution or a refusal.")
            )
        _in_kind_under_enforcement(locked, execution)
        _order_of(execution)
        event = InKindEvent.objects.create(
            execution=execution, kind=kind, note=note, recorded_by=actor, at=timezone.now()
        )
        matter = execution.get_personal_status_kind_display()
        if kind in REFUSALS:
            notify_event(
                event="in_kind_refused",
                request=locked,
                recipients=[*_everyone(locked), locked.assignee],
                params={"matter": matter},
            )
        else:
            notify_event(
                event="in_kind_executed",
                request=locked,
                recipients=_everyone(locked),
                params={"matter": matter, "date": date_format(timezone.localtime(event.at), "Y-m-d")},
            )
            if execution.personal_status_kind in ENDED_BY_HANDOVER:
                execution_close(
                    locked,
                    execution,
                    ClosingReason.IN_KIND,
                    decision=_(
                        "The child was handed over as the enforcement judge set: the execution is complete."
                    ),
                )
    return event


def in_kind_order_police(*, request: Request, actor):
    """The enforcement judge orders the police to assist the execution (Article 73): an order sent
    to the police with the place the judge set; both sides are told."""
    with transaction.atomic():
        locked, execution = _lock(request)
        if not acts_as(locked, actor, JUDICIAL):
            raise TransitionForbidden(_("Only the enforcement judge orders police assistance."))
        _in_kind_under_enforcement(locked, execution)
        order = _order_of(execution)
        dispatch = dispatch_send(
            execution=execution,
            authority=Authority.POLICE,
            subject=_("Assist the execution of %(matter)s on request %(reference)s at %(place)s")
            % {
                "matter": execution.get_personal_status_kind_display(),
                "reference": locked.reference,
                "place": order.place,
            },
        )
        order.police_ordered_at = dispatch.sent_at
        order.police_ordered_by = actor
        order.save(update_fields=["police_ordered_at", "police_ordered_by"])
        notify_event(event="in_kind_police", request=locked, recipients=_everyone(locked), legal=True)
    return dispatch


def _months_text(months: int) -> str:
    return ngettext("%(count)d month", "%(count)d months", months) % {"count": months}


# Rendered in each recipient's own language when the notice is written (Arabic has three forms here).
_lazy_months_text = lazy(_months_text, str)


def in_kind_imprison(*, request: Request, actor, months: int, party: Party | None = None) -> Imprisonment:
    """The enforcement judge orders the imprisonment of the one who refused (Article 92), for one to
    three months, for the latest recorded refusal not yet answered; the order goes to the police.
    ``party`` is the debtor to imprison, needed only when the request has more than one."""
    if not 1 <= months <= Imprisonment.MOST_MONTHS:
        raise AmountOutOfRange(
            _("Imprisonment under Article 92 is from 1 to %(most)d months.")
            % {"most": Imprisonment.MOST_MONTHS}
        )
    with transaction.atomic():
        locked, execution = _lock(request)
        if not acts_as(locked, actor, JUDICIAL):
            raise TransitionForbidden(_("Only the enforcement judge orders imprisonment."))
        _in_kind_under_enforcement(locked, execution)
        refusal = (
            execution.in_kind_events.select_for_update(of=("self",))
            .filter(kind__in=REFUSALS, imprisonment__isnull=True)
            .order_by("-at", "-pk")
            .first()
        )
        if refusal is None:
            raise NoRefusal(_("Imprisonment is ordered for a recorded refusal, and once for each refusal."))
        candidates = list(debtors(locked))
        if party is not None:
            candidates = [one for one in candidates if one.pk == party.pk]
        if len(candidates) != 1:
            raise TransitionForbidden(_("Choose the debtor who refused."))
        debtor_party = candidates[0]
        dispatch = dispatch_send(
            execution=execution,
            authority=Authority.POLICE,
            debtor=Debtor.objects.filter(party=debtor_party).first(),
            subject=_(
                "Imprisonment of %(id)s for %(months)s (Enforcement Law, Article 92), request %(reference)s"
            )
            % {"id": debtor_party.id_number, "months": _months_text(months), "reference": locked.reference},
        )
        imprisonment = Imprisonment.objects.create(
            execution=execution, party=debtor_party, refusal=refusal, months=months,
            ordered_by=actor, ordered_at=dispatch.sent_at, dispatch=dispatch,
        )  # fmt: skip
        notify_event(
            event="in_kind_imprisonment",
            request=locked,
            recipients=[*creditors(locked), debtor_party],
            params={"months": _lazy_months_text(months)},
            legal=True,
        )
    return imprisonment


# --- Maintenance ---------------------------------------------------------------------------------


def _months_later(moment: datetime, months: int) -> datetime:
    """The same day and time ``months`` later, on the month's last day when it is shorter."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _instalment_due_at(execution: ExecutionRequest, number: int) -> datetime:
    """Instalment ``number`` falls due that many months after the order, in the Kingdom's time."""
    return _months_later(timezone.localtime(execution.ordered_at), number)


def maintenance_schedule(execution: ExecutionRequest) -> list[MaintenanceInstalment]:
    """The monthly instalments of a maintenance order, each of the monthly amount (the last one what
    is left), the first a month after the order; the first one's deadline starts now, each fired one
    starts the next. Called once, from Decision 34; a second call changes nothing."""
    existing = list(execution.instalments.all())
    if existing or not is_maintenance(execution) or not execution.monthly_amount or not execution.amount:
        return existing
    if execution.ordered_at is None:
        execution.ordered_at = timezone.now()
        execution.save(update_fields=["ordered_at"])
    monthly, left = execution.monthly_amount, execution.amount
    instalments = []
    number = 0
    while left > 0:
        number += 1
        amount = min(monthly, left)
        left -= amount
        instalments.append(
            MaintenanceInstalment(
                execution=execution,
                number=number,
                amount=amount,
                due_on=_instalment_due_at(execution, number).date(),
            )
        )
    MaintenanceInstalment.objects.bulk_create(instalments)
    _start_instalment_clock(execution, 1)
    return instalments


def _start_instalment_clock(execution: ExecutionRequest, number: int) -> None:
    start = timezone.localtime(execution.ordered_at)
    deadline_start(
        request=execution.request,
        kind=MAINTENANCE_DUE,
        after=_instalment_due_at(execution, number) - start,
        start=start,
    )


def maintenance_due(*, deadline) -> None:
    """An instalment's day: the bank is ordered to move it from the debtor's account into the
    applicant's IBAN. A deduction is paid in on the debt (the last one executes the request); one the
    bank refuses is recorded failed with its reason, a refusal to pay that both sides and the judge
    are told of. Either way the next instalment's clock starts."""
    request = Request.objects.select_for_update().get(pk=deadline.request_id)
    execution = ExecutionRequest.objects.select_for_update().select_related("request").get(request=request)
    if request.status not in UNDER_ENFORCEMENT or not is_maintenance(execution):
        return
    instalment = (
        execution.instalments.select_for_update()
        .filter(state=MaintenanceInstalment.State.SCHEDULED)
        .order_by("number")
        .first()
    )
    if instalment is None:
        return
    debtor = debtors(request).first()
    # What the bill may already have paid is not deducted again.
    amount = min(instalment.amount, execution.balance)
    instalment.processed_at = timezone.now()
    try:
        if debtor is None or amount <= 0:
            raise BankError(_("There is nothing to deduct, or no debtor to deduct it from."))
        with transaction.atomic():
            instalment.bank_reference = bank_registry().order_transfer(
                from_national_id=debtor.id_number,
                to_iban=execution.creditor_iban,
                amount=amount,
                reference=f"{request.reference}-{instalment.number:03d}",
            )
    except BankError as error:
        instalment.state = MaintenanceInstalment.State.FAILED
        instalment.failure_reason = str(error.message)[:300]
        instalment.save(update_fields=["state", "failure_reason", "processed_at"])
        notify_event(
            event="maintenance_failed",
            request=request,
            recipients=[*_everyone(request), request.assignee],
            params={"number": instalment.number, "amount": money_figure(instalment.amount)},
        )
    else:
        instalment.state = MaintenanceInstalment.State.DEDUCTED
        instalment.payment = execution_record_payment(
            execution=execution, amount=amount, source=Payment.Source.BANK_ORDER
        )
        instalment.save(update_fields=["state", "bank_reference", "payment", "processed_at"])
    request.refresh_from_db(fields=["status"])
    following = (
        execution.instalments.filter(state=MaintenanceInstalment.State.SCHEDULED).order_by("number").first()
    )
    if following is not None and request.status in UNDER_ENFORCEMENT:
        # The sweep marks this deadline done only after its handler returns; it is done now, so that
        # the next instalment's clock is the one live deadline of its kind.
        Deadline.objects.filter(pk=deadline.pk).update(state=Deadline.State.DONE, fired_at=timezone.now())
        _start_instalment_clock(execution, following.number)


# --- Notices -------------------------------------------------------------------------------------

IN_KIND_EVENTS = {
    "in_kind_order": Event(
        sms=gettext_lazy(
            "Najiz: execution order on request %(reference)s (%(matter)s). Comply as the enforcement judge sets; "
            "see the portal."
        ),
        subject=gettext_lazy("Execution order on request %(reference)s: %(matter)s"),
        email=gettext_lazy(
            "An execution order (Decision 34) was issued against you on request %(reference)s: %(matter)s.\n\n"
            "You must hand over the child, or allow the visit, at the place and times the enforcement judge "
            "sets, which you will find in the Najiz portal. A refusal may lead to police assistance and to "
            "imprisonment under Article 92 of the Enforcement Law."
        ),
    ),
    "in_kind_way_set": Event(
        sms=gettext_lazy(
            "Najiz: the enforcement judge set the place and times of the execution of request %(reference)s. "
            "See the portal."
        ),
        subject=gettext_lazy("Request %(reference)s: place and times of the execution"),
        email=gettext_lazy(
            "The enforcement judge set where and when %(matter)s is executed on request %(reference)s. "
            "Read the place and the days and hours in the Najiz portal and keep to them."
        ),
    ),
    "in_kind_executed": Event(
        sms=gettext_lazy("Najiz: the execution of request %(reference)s was recorded on %(date)s."),
        subject=gettext_lazy("Request %(reference)s: execution recorded"),
        email=gettext_lazy(
            "The enforcement court recorded on %(date)s that %(matter)s was executed on request %(reference)s."
        ),
    ),
    "in_kind_refused": Event(
        sms=gettext_lazy(
            "Najiz: a refusal to execute request %(reference)s was recorded; the enforcement judge will decide."
        ),
        subject=gettext_lazy("Request %(reference)s: refusal to execute recorded"),
        email=gettext_lazy(
            "The enforcement court recorded a refusal to execute %(matter)s on request %(reference)s. "
            "The enforcement judge may order police assistance and imprisonment under Article 92 of the "
            "Enforcement Law."
        ),
    ),
    "in_kind_police": Event(
        sms=gettext_lazy(
            "Najiz: the enforcement judge ordered police assistance to execute request %(reference)s."
        ),
        subject=gettext_lazy("Request %(reference)s: police assistance ordered"),
        email=gettext_lazy(
            "The enforcement judge ordered the police to assist the execution of request %(reference)s "
            "at the place and times set."
        ),
    ),
    "in_kind_imprisonment": Event(
        sms=gettext_lazy(
            "Najiz: the enforcement judge ordered imprisonment for %(months)s for refusing to execute "
            "request %(reference)s (Article 92)."
        ),
        subject=gettext_lazy("Request %(reference)s: imprisonment ordered"),
        email=gettext_lazy(
            "For the refusal to execute request %(reference)s, the enforcement judge ordered imprisonment "
            "for %(months)s under Article 92 of the Enforcement Law. The order was sent to the police."
        ),
    ),
    "maintenance_scheduled": Event(
        sms=gettext_lazy(
            "Najiz: request %(reference)s: maintenance of %(monthly)s SAR will be deducted monthly from "
            "%(first)s, %(count)s times."
        ),
        subject=gettext_lazy("Request %(reference)s: monthly maintenance deductions"),
        email=gettext_lazy(
            "Under the execution order on request %(reference)s, maintenance of %(monthly)s SAR is deducted "
            "each month from the debtor's bank account into the applicant's account, %(count)s times, the "
            "first on %(first)s. Keep the amount in the account on each date."
        ),
    ),
    "maintenance_failed": Event(
        sms=gettext_lazy(
            "Najiz: maintenance instalment %(number)s (%(amount)s SAR) on request %(reference)s could not be "
            "deducted."
        ),
        subject=gettext_lazy("Request %(reference)s: maintenance instalment not deducted"),
        email=gettext_lazy(
            "Maintenance instalment %(number)s of %(amount)s SAR on request %(reference)s could not be deducted "
            "from the debtor's account. The enforcement judge sees it as a refusal to pay."
        ),
    ),
}
