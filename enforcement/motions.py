"""Motions on an enforcement request: what a party asks the enforcement judge after the execution
order (a grace period and its end, garnishment of wages, a new amount, a SADAD bill for the debtor).

Who may file what, and when, is ``motion_refusal``: the service asks it on the locked request, and
the request page and the form ask it to offer only what the service would accept.
"""

import secrets
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from identity.digits import money_figure
from requests_tracker.errors import AmountOutOfRange, NoteRequired, TransitionForbidden
from requests_tracker.models import Party, Request
from requests_tracker.notifications import Event, notify_event

from .models import Authority, ClosingReason, Debtor, ExecutionRequest, Motion
from .selectors import (
    JUDICIAL,
    UNDER_ENFORCEMENT,
    acts_as,
    creditors,
    debtor_parties_of,
    debtors,
    execution_for,
    on_creditor_side,
    on_debtor_side,
)
from .services import (
    dispatch_send,
    execution_close,
    execution_end_grace,
    execution_grant_grace,
    execution_status_refresh,
    grace_days_checked,
)

# The law's "no similar motion in the past 15 days": a refused motion counts too, or a refusal
# could be asked again the next minute.
REPEAT_AFTER = timedelta(days=15)
# Motions about money: none on an execution in kind (custody, visitation), which has no amount.
MONEY_KINDS = frozenset({Motion.Kind.AMEND_AMOUNT, Motion.Kind.WAGE_GARNISHMENT, Motion.Kind.SADAD_BILL})
# Motions that concern one debtor of the order.
DEBTOR_KINDS = frozenset(
    {Motion.Kind.WAGE_GARNISHMENT, Motion.Kind.SADAD_BILL, Motion.Kind.GRACE, Motion.Kind.REACTIVATION}
)
# What the debtor's side may ask for itself: time to pay.
DEBTOR_SIDE_KINDS = frozenset({Motion.Kind.GRACE})
MAX_AMOUNT = Decimal("999999999999.99")

MOTION_EVENTS = {
    "motion_filed": Event(
        sms=gettext_lazy(
            "Najiz: your motion (%(motion)s) on request %(reference)s awaits the enforcement judge."
        ),
        subject=gettext_lazy("Request %(reference)s: motion filed (%(motion)s)"),
        email=gettext_lazy(
            "Your motion (%(motion)s) on request %(reference)s was filed. The enforcement judge will decide it, "
            "and you will be told of the decision."
        ),
    ),
    "motion_granted": Event(
        sms=gettext_lazy(
            "Najiz: the enforcement judge granted the motion (%(motion)s) on request %(reference)s."
        ),
        subject=gettext_lazy("Request %(reference)s: motion granted (%(motion)s)"),
        email=gettext_lazy(
            "On request %(reference)s the enforcement judge granted the motion (%(motion)s).\n\n%(note)s"
        ),
    ),
    "motion_refused": Event(
        sms=gettext_lazy(
            "Najiz: the enforcement judge refused the motion (%(motion)s) on request %(reference)s."
        ),
        subject=gettext_lazy("Request %(reference)s: motion refused (%(motion)s)"),
        email=gettext_lazy(
            "On request %(reference)s the enforcement judge refused the motion (%(motion)s).\n\nReasons: %(note)s"
        ),
    ),
    "motion_bill": Event(
        sms=gettext_lazy(
            "Najiz: request %(reference)s: pay %(balance)s SAR with the new SADAD bill %(bill)s."
        ),
        subject=gettext_lazy("Request %(reference)s: new SADAD bill %(bill)s"),
        email=gettext_lazy(
            "The enforcement judge issued a new SADAD bill on request %(reference)s: number %(bill)s, "
            "for the balance of %(balance)s SAR."
        ),
    ),
}


# --- Who may file what -------------------------------------------------------------------------


def _side(request: Request, user) -> str | None:
    """The side ``user`` files from: the creditor's (the applicant, or his agent on this request),
    the debtor's, or none (staff, strangers)."""
    if not user.is_authenticated:
        return None
    if on_creditor_side(request, user):
        return "creditor"
    if on_debtor_side(request, user):
        return "debtor"
    return None


def motion_debtors(request: Request, user) -> list[Party]:
    """The debtors ``user`` may name in a motion: any of the order's for the creditor's side, his
    own (or his principal's) for the debtor's side."""
    side = _side(request, user)
    if side == "creditor":
        found = debtors(request)
    elif side == "debtor":
        found = debtor_parties_of(request, user)
    else:
        return []
    return list(found.filter(execution_debtor__isnull=False).select_related("execution_debtor"))


def _in_grace(party: Party) -> bool:
    try:
        return party.execution_debtor.in_grace()
    except Debtor.DoesNotExist:
        return False


def _recent(request: Request, filed: list[Motion] | None = None) -> dict[str, Motion]:
    """The latest motion of each kind filed on ``request`` within the 15 days, in one query (none
    when the request's motions are ``filed`` already)."""
    since = timezone.now() - REPEAT_AFTER
    if filed is None:
        filed = Motion.objects.filter(request=request, filed_at__gt=since)
    recent = {}
    for motion in sorted((m for m in filed if m.filed_at > since), key=lambda m: m.filed_at):
        recent[motion.kind] = motion
    return recent


def motion_refusal(
    request: Request, user, kind: str, *, debtor: Party | None = None, known: dict | None = None
) -> str | None:
    """Why ``user`` may not file a motion of ``kind`` on ``request`` now, or None when he may.
    With ``debtor``, the refusal is about that debtor; without, the motion is possible if it is for
    one of the debtors the user may name. ``known`` carries what asking for every kind at once
    reads only once (the recent motions, the debtors the user may name)."""
    if kind not in Motion.Kind.values:
        return _("There is no such motion.")
    side = _side(request, user)
    if side is None:
        return _(
            "Only the creditor's side, or the debtor's side for a grace period, files motions on a request."
        )
    if side == "debtor" and kind not in DEBTOR_SIDE_KINDS:
        return _("The debtor's side may only ask for a grace period.")
    execution = execution_for(request)
    if request.status not in UNDER_ENFORCEMENT or execution is None:
        return _("Motions are filed only while the request is under enforcement.")
    if execution.ordered_at is None:
        return _("Motions are filed only once the execution order (Decision 34) is issued.")
    if kind in MONEY_KINDS and execution.in_kind:
        return _("This request is executed in kind: it has no amount or bill for this motion.")
    known = known if known is not None else {}
    if "recent" not in known:
        known["recent"] = _recent(request)
    last = known["recent"].get(kind)
    if last is not None:
        return _(
            "A motion of this kind was filed on this request on %(filed)s; another may be filed from %(next)s."
        ) % {
            "filed": date_format(timezone.localtime(last.filed_at), "Y-m-d"),
            "next": date_format(timezone.localtime(last.filed_at + REPEAT_AFTER), "Y-m-d"),
        }
    if kind in DEBTOR_KINDS:
        if "debtors" not in known:
            known["debtors"] = motion_debtors(request, user)
        candidates = known["debtors"]
        if debtor is not None:
            if debtor.pk not in {party.pk for party in candidates}:
                return _("Choose a debtor of this execution order.")
            candidates = [debtor]
        if not candidates:
            return _("Choose a debtor of this execution order.")
        if kind == Motion.Kind.GRACE and all(_in_grace(party) for party in candidates):
            return _("A grace period is already running for this debtor.")
        if kind == Motion.Kind.REACTIVATION and not any(_in_grace(party) for party in candidates):
            return _("No grace period is running for this debtor: there is nothing to reactivate.")
    return None


def motions_open_to(request: Request, user, *, filed: list[Motion] | None = None) -> list[str]:
    """The kinds of motion ``user`` may file on ``request`` now; ``filed``, the request's motions
    when the caller has read them already."""
    if _side(request, user) is None:
        return []
    known: dict = {} if filed is None else {"recent": _recent(request, filed)}
    return [kind for kind in Motion.Kind.values if motion_refusal(request, user, kind, known=known) is None]


# --- Filing ------------------------------------------------------------------------------------


def _new_amount_checked(execution: ExecutionRequest, new_amount) -> None:
    if new_amount is None or not Decimal("0.01") <= new_amount <= MAX_AMOUNT:
        raise AmountOutOfRange(_("Give the new amount, more than zero."))
    if new_amount < execution.paid:
        raise AmountOutOfRange(
            _("The new amount cannot be less than what the debtor has already paid, %(paid)s SAR.")
            % {"paid": money_figure(execution.paid)}
        )


def motion_file(
    *,
    request: Request,
    actor,
    kind: str,
    reason: str = "",
    debtor: Party | None = None,
    new_amount: Decimal | None = None,
    employer: str = "",
    days: int | None = None,
) -> Motion:
    """File a motion for the enforcement judge; the filer's side is told it awaits the judge."""
    reason = (reason or "").strip()
    employer = (employer or "").strip()
    if not reason:
        raise NoteRequired(_("Give the grounds of your motion."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        refusal = motion_refusal(locked, actor, kind, debtor=debtor)
        if refusal:
            raise TransitionForbidden(refusal)
        execution = execution_for(locked)
        details = {}
        if kind in DEBTOR_KINDS:
            if debtor is None:
                candidates = [
                    party
                    for party in motion_debtors(locked, actor)
                    if motion_refusal(locked, actor, kind, debtor=party) is None
                ]
                if len(candidates) != 1:
                    raise NoteRequired(_("Choose the debtor the motion concerns."))
                debtor = candidates[0]
            details["debtor"] = debtor
        if kind == Motion.Kind.AMEND_AMOUNT:
            _new_amount_checked(execution, new_amount)
            if new_amount == execution.amount:
                raise AmountOutOfRange(_("The new amount is the amount already under enforcement."))
            details["new_amount"] = new_amount
        elif kind == Motion.Kind.WAGE_GARNISHMENT:
            if not employer:
                raise NoteRequired(_("Name the debtor's employer."))
            details["employer"] = employer[:200]
        elif kind == Motion.Kind.GRACE:
            grace_days_checked(days)
            details["days"] = days
        motion = Motion.objects.create(
            request=locked, kind=kind, filed_by=actor, filed_at=timezone.now(), reason=reason, **details
        )
        notify_event(
            event="motion_filed",
            request=locked,
            recipients=[actor, *(creditors(locked) if _side(locked, actor) == "creditor" else [debtor])],
            params={"motion": Motion.Kind(motion.kind).label},
        )
    return motion


# --- The judge's decision --------------------------------------------------------------------------


def _debtor_row(motion: Motion) -> Debtor:
    return Debtor.objects.select_related("party").get(party_id=motion.debtor_id)


def _grant(locked: Request, motion: Motion, actor) -> None:
    """Do what the motion asks, inside the decision's transaction: a refusal by a service it calls
    leaves the motion pending."""
    if locked.status not in UNDER_ENFORCEMENT:
        raise TransitionForbidden(_("This request is no longer under enforcement."))
    if motion.kind == Motion.Kind.AMEND_AMOUNT:
        execution = ExecutionRequest.objects.select_for_update().select_related("request").get(request=locked)
        _new_amount_checked(execution, motion.new_amount)
        execution.amount = motion.new_amount
        execution.save(update_fields=["amount"])
        if execution.balance == 0:
            execution_close(locked, execution, ClosingReason.PAID, decision=_("Paid in full."))
        else:
            execution_status_refresh(locked)
    elif motion.kind == Motion.Kind.WAGE_GARNISHMENT:
        debtor = _debtor_row(motion)
        dispatch_send(
            execution=execution_for(locked),
            authority=Authority.EMPLOYER,
            debtor=debtor,
            subject=_(
                "Garnishment of the wages of %(name)s (ID %(id_number)s) by %(employer)s, request %(reference)s"
            )
            % {
                "name": debtor.party.name or debtor.party.id_number,
                "id_number": debtor.party.id_number,
                "employer": motion.employer,
                "reference": locked.reference,
            },
        )
    elif motion.kind == Motion.Kind.SADAD_BILL:
        execution = ExecutionRequest.objects.select_for_update().get(request=locked)
        # One bill per request: the new one replaces the old, so what the debtor pays with is
        # the number the request page shows.
        execution.bill_number = f"{secrets.randbelow(10**11):011d}"
        execution.save(update_fields=["bill_number"])
        motion.bill_number = execution.bill_number
        notify_event(
            event="motion_bill",
            request=locked,
            recipients=[motion.debtor],
            params={"bill": execution.bill_number, "balance": money_figure(execution.balance)},
            legal=True,
        )
    elif motion.kind == Motion.Kind.GRACE:
        debtor = _debtor_row(motion)
        if debtor.in_grace():
            raise TransitionForbidden(_("A grace period is already running for this debtor."))
        execution_grant_grace(request=locked, actor=actor, days=motion.days, debtor=debtor)
    elif motion.kind == Motion.Kind.REACTIVATION:
        execution_end_grace(request=locked, actor=actor, debtor=_debtor_row(motion))


def motion_decide(*, motion: Motion, actor, grant: bool, note: str = "") -> Motion:
    """The enforcement judge grants (and so carries out) or refuses a motion, once; both sides are told."""
    note = (note or "").strip()
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=motion.request_id)
        if not acts_as(locked, actor, JUDICIAL):
            raise TransitionForbidden(_("Only the enforcement judge of the request decides its motions."))
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.state != Motion.State.PENDING:
            raise TransitionForbidden(_("This motion has already been decided."))
        if not grant and not note:
            raise NoteRequired(_("Give the reasons for refusing the motion, for the parties."))
        if grant:
            _grant(locked, motion, actor)
        motion.state = Motion.State.GRANTED if grant else Motion.State.REFUSED
        motion.decided_by = actor
        motion.decided_at = timezone.now()
        motion.decision_note = note
        motion.save(update_fields=["state", "decided_by", "decided_at", "decision_note", "bill_number"])
        concerned = [motion.debtor] if motion.debtor_id else list(debtors(locked))
        notify_event(
            event="motion_granted" if grant else "motion_refused",
            request=locked,
            recipients=[*creditors(locked), *concerned],
            params={"motion": Motion.Kind(motion.kind).label, "note": note},
        )
    return motion


# --- The request page ----------------------------------------------------------------------------


def motions_context(request: Request, viewer) -> dict:
    """What the request page's motions part shows ``viewer``: the motions filed on the request (both
    sides read them) and, to a party who may file one now, a link per kind."""
    filed = list(request.motions.select_related("debtor").order_by("-filed_at", "-pk"))
    open_kinds = [] if viewer.staff else motions_open_to(request, viewer.user, filed=filed)
    return {
        "list": filed,
        "open": [
            {
                "label": Motion.Kind(kind).label,
                "url": reverse("enforcement:motion_new", args=[request.pk, kind]),
            }
            for kind in open_kinds
        ],
    }
