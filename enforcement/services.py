"""Enforcement: details, Decision 34, notifying the debtor, payments, disclosure, Article 46."""

import secrets
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from identity.digits import format_money, money_figure
from requests_tracker.deadlines import (
    FIVE_DAYS,
    FIVE_DAYS_REMINDER,
    deadline_pause,
    deadline_resume,
    deadline_start,
)
from requests_tracker.errors import AmountOutOfRange, NoteRequired, TransitionForbidden
from requests_tracker.issuing import document_is_final, document_kind, enforceable_document
from requests_tracker.models import Deadline, PartyRole, Request, Status
from requests_tracker.notifications import notify_event
from requests_tracker.services import request_lock_editable, request_start, request_transition

from .models import AssetDisclosure, ExecutionRequest, Measure, Payment, PickedInstrument
from .selectors import JUDICIAL, RECORDING, acts_as, debtors, execution_for, may_disclose, may_pay

ARTICLE_46 = _("Enforcement Law, Article 46")
MANDATORY = (
    Measure.Kind.TRAVEL_BAN,
    Measure.Kind.POA_STOP,
    Measure.Kind.ASSET_DISCLOSURE,
    Measure.Kind.LICENCE_DISCLOSURE,
    Measure.Kind.CREDIT_BUREAU,
)
DISCRETIONARY = (
    Measure.Kind.GOVERNMENT_BAR,
    Measure.Kind.FINANCIAL_BAR,
    Measure.Kind.FAMILY_DISCLOSURE,
    Measure.Kind.IMPRISONMENT,
)
GRACE_END = "enforcement_grace_end"
PUBLICATION_AFTER = timedelta(days=20)

DETAIL_FIELDS = (
    "request_type", "instrument_type", "instrument_number", "instrument_date", "instrument_issuer",
    "instrument_in_arabic", "amount", "title_deeds",
)  # fmt: skip


def execution_details(request) -> dict:
    execution = execution_for(request)
    if execution:
        return model_to_dict(execution, fields=DETAIL_FIELDS)
    picked = PickedInstrument.objects.filter(request=request).select_related("document").first()
    if picked is None:
        return {}
    filled = document_kind(picked.document.kind).instrument(picked.document)
    return {name: value for name, value in filled.items() if name in DETAIL_FIELDS and value is not None}


def execution_start_from_document(*, document, applicant, start_token, represented=None) -> Request:
    """A draft enforcement request with ``document`` (a final judgment, a decree the portal issued)
    picked as its instrument: the public door other domains open ("file an enforcement request")."""
    kind = document_kind(document.kind)
    if kind.instrument is None:
        raise TransitionForbidden(_("This document is not an executive instrument."))
    if not kind.enforced_by(document, represented or applicant):
        raise TransitionForbidden(_("Only a party this document favours may have it enforced."))
    if not document_is_final(document):
        raise TransitionForbidden(
            _("This judgment is not final yet: it can be enforced once the objection period ends.")
        )
    with transaction.atomic():
        draft = request_start(
            service="enforcement", applicant=applicant, represented=represented, start_token=start_token
        )
        PickedInstrument.objects.get_or_create(request=draft, defaults={"document": document})
    return draft


def execution_account(request) -> dict:
    execution = execution_for(request)
    return {"creditor_iban": execution.creditor_iban} if execution else {}


def execution_save_details(*, request, data: dict, actor) -> ExecutionRequest:
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        execution, _created = ExecutionRequest.objects.update_or_create(request=locked, defaults=data)
    return execution


def execution_save_account(*, request, data: dict, actor) -> None:
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        ExecutionRequest.objects.filter(request=locked).update(creditor_iban=data["creditor_iban"])


def execution_check(request) -> list[str]:
    """What the wizard's steps cannot see alone: debtors, and a translation of a foreign instrument."""
    problems = []
    if not request.parties.filter(role=PartyRole.DEBTOR).exists():
        problems.append(_("Add at least one debtor."))
    execution = execution_for(request)
    issued = enforceable_document(execution.instrument_number) if execution else None
    if issued is not None and not document_is_final(issued):
        problems.append(
            _("Judgment %(number)s is not final yet: it can be enforced once the objection period ends.")
            % {"number": issued.number}
        )
    if issued is not None and not document_kind(issued.kind).enforced_by(
        issued, request.represented or request.applicant
    ):
        problems.append(
            _("Document %(number)s does not favour the person this request is filed for.")
            % {"number": issued.number}
        )
    if (
        execution
        and not execution.instrument_in_arabic
        and not request.documents.filter(kind="translation").exists()
    ):
        problems.append(_("Upload an Arabic translation of the instrument."))
    return problems


def _locked(request: Request) -> ExecutionRequest:
    return ExecutionRequest.objects.select_for_update().select_related("request").get(request=request)


# --- Decision 34 and the notice to the debtor -------------------------------------------------------


def execution_order_issued(*, request, change, service) -> None:
    """Hook on entering in execution: the judge's decision is the text of the order; the debtor is told by SMS at once,
    and the five days of Article 46 run from that notice."""
    execution = _locked(request)
    now = timezone.now()
    execution.order_text = change.decision
    execution.ordered_at = now
    execution.bill_number = f"{secrets.randbelow(10**11):011d}"
    reachable = [party for party in debtors(request) if party.phone]
    execution.notified_at = now if reachable else None
    execution.notified_by = "sms" if reachable else ""
    execution.save(update_fields=["order_text", "ordered_at", "bill_number", "notified_at", "notified_by"])
    notify_event(
        event="execution_order",
        request=request,
        recipients=reachable,
        params={"amount": money_figure(execution.balance), "bill": execution.bill_number},
    )
    if not reachable:
        # No one to notify: the clock starts when the order is published (recorded by the clerk).
        for kind in (FIVE_DAYS, FIVE_DAYS_REMINDER):
            deadline_pause(request=request, kind=kind)


def execution_record_publication(*, request: Request, actor) -> None:
    """The debtor could not be reached: the order was published; the five days run from now."""
    with transaction.atomic():
        locked_request = Request.objects.select_for_update().get(pk=request.pk)
        if not acts_as(locked_request, actor, RECORDING):
            raise TransitionForbidden(_("Only the enforcement clerk or judge records a publication."))
        if locked_request.status != Status.IN_EXECUTION:
            raise TransitionForbidden(_("There is no execution order to publish."))
        execution = _locked(locked_request)
        if execution.notified_at is not None:
            raise TransitionForbidden(_("The debtor has already been notified."))
        execution.notified_at = timezone.now()
        execution.notified_by = "publication"
        execution.save(update_fields=["notified_at", "notified_by"])
        for kind in (FIVE_DAYS, FIVE_DAYS_REMINDER):
            deadline_resume(request=locked_request, kind=kind)
        notify_event(
            event="order_published",
            request=locked_request,
            recipients=[locked_request.applicant, locked_request.represented],
        )


# --- Payments and disclosure ---------------------------------------------------------------------


def execution_pay(*, request: Request, amount: Decimal, actor) -> Payment:
    """A payment through the bill, by the debtor's side. Full payment executes the request and lifts
    any measures."""
    with transaction.atomic():
        # The live deadlines first, then the request: the order the sweep takes them in.
        list(Deadline.objects.select_for_update().filter(request=request, state__in=["pending", "paused"]))
        locked_request = Request.objects.select_for_update().get(pk=request.pk)
        execution = _locked(request)
        if locked_request.status != Status.IN_EXECUTION:
            raise TransitionForbidden(_("This request is not awaiting payment."))
        if not may_pay(locked_request, actor):
            raise TransitionForbidden(
                _("Only the debtor's side pays this bill; a creditor does not pay himself.")
            )
        if amount <= 0 or amount > execution.balance:
            raise AmountOutOfRange(
                _("Pay between 0.01 and the balance, %(balance)s.")
                % {"balance": format_money(execution.balance)}
            )
        payment = Payment.objects.create(
            execution=execution, amount=amount, paid_by=actor, receipt=f"R{secrets.randbelow(10**12):012d}"
        )
        execution.paid += amount
        execution.save(update_fields=["paid"])
        creditors = [request.applicant, request.represented]
        if execution.balance == 0:
            request_transition(
                request=locked_request, to=Status.COMPLETED, actor=None, decision=_("Paid in full.")
            )
            lifted = Measure.objects.filter(execution=execution, state__in=["applied", "proposed"]).update(
                state=Measure.State.LIFTED, lifted_at=timezone.now()
            )
            if lifted:
                notify_event(
                    event="measures_lifted", request=request, recipients=[*creditors, *debtors(request)]
                )
        else:
            notify_event(
                event="partial_payment",
                request=request,
                recipients=[*creditors, *debtors(request)],
                params={"amount": money_figure(amount), "balance": money_figure(execution.balance)},
            )
    return payment


# The most one asset may be declared at: the column's bound, far above any real holding.
MAX_ASSET_VALUE = Decimal("999999999999.99")


def execution_disclose(
    *, request: Request, actor, kind: str, description: str, value: Decimal
) -> AssetDisclosure:
    """The debtor's side declares an asset to the court, once the execution order exists."""
    description = description.strip()
    if not description:
        raise NoteRequired(_("Describe the asset: bank and IBAN, deed number, plate …"))
    if kind not in AssetDisclosure.Kind.values:
        raise NoteRequired(_("Choose the kind of asset."))
    if not Decimal("0.01") <= value <= MAX_ASSET_VALUE:
        raise AmountOutOfRange(
            _("An asset's value is between 0.01 and %(most)s SAR.") % {"most": MAX_ASSET_VALUE}
        )
    with transaction.atomic():
        locked_request = Request.objects.select_for_update().get(pk=request.pk)
        if not may_disclose(locked_request, actor):
            raise TransitionForbidden(
                _("Only the debtor's side discloses assets, and only once the execution order is issued.")
            )
        execution = _locked(locked_request)
        return AssetDisclosure.objects.create(
            execution=execution, kind=kind, description=description, value=value, disclosed_by=actor
        )


def disclosed_enough(execution: ExecutionRequest) -> bool:
    total = sum((d.value for d in execution.disclosures.all()), Decimal("0"))
    return total >= execution.balance


# --- Article 46 at the end of the five days ------------------------------------------------------


def article_46(*, deadline) -> None:
    """The five days passed: with a balance left and not enough disclosed, the debtor is deemed a
    procrastinator. Mandatory measures are applied, discretionary ones queued for the judge."""
    request = Request.objects.select_for_update().get(pk=deadline.request_id)
    execution = _locked(request)
    if request.status != Status.IN_EXECUTION or execution.balance <= 0 or disclosed_enough(execution):
        return
    now = timezone.now()
    for kind in MANDATORY:
        Measure.objects.get_or_create(
            execution=execution, kind=kind,
            defaults={"mandatory": True, "legal_basis": ARTICLE_46, "state": Measure.State.APPLIED, "applied_at": now},
        )  # fmt: skip
    for kind in DISCRETIONARY:
        Measure.objects.get_or_create(
            execution=execution, kind=kind,
            defaults={"mandatory": False, "legal_basis": ARTICLE_46, "state": Measure.State.PROPOSED},
        )  # fmt: skip
    if execution.article_46_at is None:
        execution.article_46_at = now
        execution.save(update_fields=["article_46_at"])
        notify_event(
            event="measures_applied",
            request=request,
            recipients=[request.applicant, request.represented, *debtors(request)],
            params={"balance": money_figure(execution.balance)},
        )


def remind_debtor(*, deadline) -> None:
    execution = ExecutionRequest.objects.get(request_id=deadline.request_id)
    notify_event(
        event="payment_reminder",
        request=deadline.request,
        recipients=list(debtors(deadline.request)),
        params={"balance": money_figure(execution.balance), "bill": execution.bill_number},
    )


def measure_decide(*, measure: Measure, actor, order: bool) -> Measure:
    """The enforcement judge orders or declines a discretionary measure; both sides are told."""
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=measure.execution_id)
        if not acts_as(request, actor, JUDICIAL):
            raise TransitionForbidden(_("Only the enforcement judge orders or declines a measure."))
        measure = Measure.objects.select_for_update().get(pk=measure.pk)
        if measure.state != Measure.State.PROPOSED or request.status != Status.IN_EXECUTION:
            raise TransitionForbidden(_("This measure has already been decided."))
        measure.state = Measure.State.APPLIED if order else Measure.State.DECLINED
        measure.applied_at = timezone.now() if order else None
        measure.decided_by = actor
        measure.save(update_fields=["state", "applied_at", "decided_by"])
        notify_event(
            event="measure_ordered" if order else "measure_declined",
            request=request,
            recipients=[request.applicant, request.represented, *debtors(request)],
            params={"measure": measure.get_kind_display()},
        )
    return measure


MAX_GRACE_DAYS = 90


def execution_grant_grace(*, request: Request, actor, days: int) -> None:
    """A grace period (مهلة) from the judge stops the clock until it ends; both sides are told."""
    if not 1 <= days <= MAX_GRACE_DAYS:
        raise AmountOutOfRange(
            ngettext(
                "A grace period is from 1 to %(most)d day.",
                "A grace period is from 1 to %(most)d days.",
                MAX_GRACE_DAYS,
            )
            % {"most": MAX_GRACE_DAYS}
        )
    with transaction.atomic():
        locked_request = Request.objects.select_for_update().get(pk=request.pk)
        if not acts_as(locked_request, actor, JUDICIAL):
            raise TransitionForbidden(_("Only the enforcement judge grants a grace period."))
        if locked_request.status != Status.IN_EXECUTION:
            raise TransitionForbidden(
                _("A grace period is granted only while the request is under enforcement.")
            )
        execution = _locked(locked_request)
        execution.grace_until = timezone.now() + timedelta(days=days)
        execution.save(update_fields=["grace_until"])
        deadline_pause(request=locked_request, kind=FIVE_DAYS)
        Deadline.objects.filter(request=locked_request, kind=GRACE_END, state="pending").update(
            state="cancelled"
        )
        deadline_start(request=locked_request, kind=GRACE_END, after=timedelta(days=days))
        notify_event(
            event="grace_granted",
            request=locked_request,
            recipients=[locked_request.applicant, locked_request.represented, *debtors(locked_request)],
            params={"until": date_format(timezone.localtime(execution.grace_until), "Y-m-d")},
        )


def grace_ended(*, deadline) -> None:
    deadline_resume(request=deadline.request, kind=FIVE_DAYS)
    ExecutionRequest.objects.filter(request_id=deadline.request_id).update(grace_until=None)
