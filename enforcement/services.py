"""Enforcement: details, Decision 34, notifying the debtor, payments, disclosure, Article 46."""

import secrets
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from identity.digits import format_money, money_figure
from requests_tracker.calendar import Period
from requests_tracker.deadlines import (
    FIVE_DAYS,
    FIVE_DAYS_REMINDER,
    REMINDER_DAY,
    deadline_cancel,
    deadline_pause,
    deadline_resume,
    deadline_start,
)
from requests_tracker.errors import AmountOutOfRange, NoteRequired, TransitionForbidden
from requests_tracker.issuing import (
    IssuedParty,
    document_is_final,
    document_issue,
    document_kind,
    enforceable_document,
)
from requests_tracker.models import Deadline, IdType, IssuedDocument, PartyRole, Request, Status
from requests_tracker.notifications import notify_event
from requests_tracker.parties import partial_name, registry_name
from requests_tracker.services import request_lock_editable, request_start, request_transition

from .bank import account_problem
from .forms import CREDITOR_KEY
from .models import (
    AssetDisclosure,
    Authority,
    ClosingReason,
    Debtor,
    Dispatch,
    ExecutionRequest,
    LegalBasis,
    Measure,
    Payment,
    PersonalStatusKind,
    PickedInstrument,
)
from .selectors import (
    JUDICIAL,
    RECORDING,
    UNDER_ENFORCEMENT,
    acts_as,
    creditors,
    debtor_parties_of,
    debtors,
    execution_for,
    may_disclose,
    may_pay,
    on_creditor_side,
)

# Article 46 gives each debtor five calendar days from his own notice of the order.
ARTICLE_46_PERIOD = Period.calendar_days(5)
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
# Where each measure is sent to take effect, and to be lifted.
AUTHORITY_OF = {
    Measure.Kind.TRAVEL_BAN: Authority.PASSPORTS,
    Measure.Kind.POA_STOP: Authority.NOTARIES,
    Measure.Kind.ASSET_DISCLOSURE: Authority.ASSET_REGISTRIES,
    Measure.Kind.LICENCE_DISCLOSURE: Authority.COMMERCE,
    Measure.Kind.CREDIT_BUREAU: Authority.CREDIT_BUREAU,
    Measure.Kind.GOVERNMENT_BAR: Authority.GOVERNMENT,
    Measure.Kind.FINANCIAL_BAR: Authority.FINANCIAL_INSTITUTIONS,
    Measure.Kind.FAMILY_DISCLOSURE: Authority.ASSET_REGISTRIES,
    Measure.Kind.IMPRISONMENT: Authority.POLICE,
}
DECISION_46 = "enforcement_decision_46"
GRACE_END = "enforcement_grace_end"
# Article 34: a debtor the order has not reached in 20 days is notified by publication.
PUBLICATION_AFTER = timedelta(days=20)
PUBLICATION_DUE = "enforcement_publication_due"
# A debtor's own timers, which his grace period stops.
DEBTOR_CLOCKS = (FIVE_DAYS, FIVE_DAYS_REMINDER, PUBLICATION_DUE)

DETAIL_FIELDS = (
    "request_type", "instrument_type", "instrument_number", "instrument_date", "instrument_issuer",
    "instrument_in_arabic", "personal_status_kind", "amount", "monthly_amount", "title_deeds",
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
    """The account step's answer, and the creditor's national ID its form checks the IBAN against."""
    data = {CREDITOR_KEY: (request.represented or request.applicant).national_id}
    execution = execution_for(request)
    if execution:
        data["creditor_iban"] = execution.creditor_iban
    return data


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
    """What the wizard's steps cannot see alone: debtors with the nationality and national address
    the law asks for, a portal judgment that is final and favours the creditor, an account the banks
    hold under the creditor's ID (checked again at every submission: it may have been closed since),
    and a translation of a foreign instrument."""
    from .personal_status import personal_status_problems

    problems = []
    named = list(request.parties.filter(role=PartyRole.DEBTOR))
    if not named:
        problems.append(_("Add at least one debtor."))
    for debtor in named:
        # Only Saudi citizens hold a national ID (1…): the ID itself gives the nationality.
        saudi = debtor.id_type == IdType.NATIONAL_ID and debtor.id_number.startswith("1")
        missing_nationality = not (debtor.nationality.strip() or saudi)
        missing_address = not debtor.national_address.strip()
        # A registered person's name is the registry's: the filer sees its first and last name only.
        who = {"debtor": (partial_name(debtor.name) if debtor.user_id else debtor.name) or debtor.id_number}
        if missing_nationality and missing_address:
            problems.append(_("Debtor %(debtor)s: give the nationality and the national address.") % who)
        elif missing_nationality:
            problems.append(_("Debtor %(debtor)s: give the nationality.") % who)
        elif missing_address:
            problems.append(_("Debtor %(debtor)s: give the national address.") % who)
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
    if execution:
        problems += personal_status_problems(execution)
    if execution and execution.creditor_iban:
        refused = account_problem(
            iban=execution.creditor_iban, holder=request.represented or request.applicant
        )
        if refused:
            problems.append(refused)
    if (
        execution
        and not execution.instrument_in_arabic
        and not request.documents.filter(kind="translation").exists()
    ):
        problems.append(_("Upload an Arabic translation of the instrument."))
    return problems


def execution_locked(request: Request) -> ExecutionRequest:
    return ExecutionRequest.objects.select_for_update().select_related("request").get(request=request)


# --- Decision 34 and the notice to each debtor -------------------------------------------------


def execution_order_issued(*, request, change, service) -> None:
    """Hook on entering in execution: the judge's decision is the text of the order. Each debtor gets
    his own row and is told by SMS at the mobile the national registry holds for his ID (never a
    number the creditor typed); his five days run from its delivery (``debtor_notified``). A debtor
    the SMS has not reached by day 20 is to be published (``publication_due``)."""
    execution = execution_locked(request)
    now = timezone.now()
    execution.order_text = change.decision
    execution.ordered_at = now
    execution.save(update_fields=["order_text", "ordered_at"])
    for party in debtors(request):
        Debtor.objects.get_or_create(party=party, defaults={"execution": execution})
        deadline_start(request=request, kind=PUBLICATION_DUE, after=PUBLICATION_AFTER, party=party)
    # Personal status: custody, visitation and delivery are executed in kind, maintenance by monthly
    # deductions; neither has a bill or the five days of Article 46. (Imported here: those services
    # build on this module's payments and dispatches.)
    from .personal_status import in_kind_order_issued, maintenance_order_issued

    if execution.in_kind:
        in_kind_order_issued(request=request, execution=execution)
    elif execution.personal_status_kind == PersonalStatusKind.MAINTENANCE:
        maintenance_order_issued(request=request, execution=execution)
    else:
        execution.bill_number = _bill_number()
        execution.save(update_fields=["bill_number"])
        for party in debtors(request):
            _send_order(request, execution, party)


def _bill_number() -> str:
    return f"{secrets.randbelow(10**11):011d}"


def _send_order(request, execution, party) -> None:
    notify_event(
        event="execution_order",
        request=request,
        recipients=[party],
        params={"amount": money_figure(execution.balance), "bill": execution.bill_number},
        legal=True,
    )


def order_delivered(*, message) -> None:
    """Delivery listener of the execution order: the debtor it reached is notified from now."""
    if message.channel != "sms" or message.party_id is None:
        return
    debtor = Debtor.objects.select_for_update().filter(party_id=message.party_id).first()
    if debtor is not None and debtor.notified_at is None:
        debtor_notified(debtor=debtor, at=message.sent_at, by=Debtor.NotifiedBy.SMS)


def debtor_notified(*, debtor: Debtor, at, by: str) -> None:
    """The order reached ``debtor`` (SMS delivered, or published) at ``at``: his own five days of
    Article 46 start then, with the reminder on their third day; the day-20 prompt is over."""
    request = debtor.execution.request
    debtor.notified_at = at
    debtor.notified_by = by
    debtor.save(update_fields=["notified_at", "notified_by"])
    deadline_cancel(request=request, kind=PUBLICATION_DUE, party=debtor.party)
    if not debtor.execution.bill_number:
        return  # executed in kind or by deductions: no five days to pay
    deadline_start(request=request, kind=FIVE_DAYS, after=ARTICLE_46_PERIOD, party=debtor.party, start=at)
    deadline_start(
        request=request, kind=FIVE_DAYS_REMINDER, after=Period.calendar_days(REMINDER_DAY),
        party=debtor.party, start=at,
    )  # fmt: skip
    if debtor.in_grace():
        for kind in DEBTOR_CLOCKS:
            deadline_pause(request=request, kind=kind, party=debtor.party)
    notify_event(
        event="debtor_notified",
        request=request,
        recipients=creditors(request),
        params={
            "name": debtor_name(debtor),
            "until": date_format(timezone.localtime(ARTICLE_46_PERIOD.end(at)), "Y-m-d"),
        },
    )


def debtor_name(debtor: Debtor) -> str:
    return debtor.party.name or debtor.party.id_number


def publication_due(*, deadline) -> None:
    """Day 20 with no delivery: the clerk is prompted to publish the order in a daily newspaper."""
    debtor = Debtor.objects.select_for_update().get(party_id=deadline.party_id)
    if debtor.notified_at is None:
        debtor.publication_due_at = timezone.now()
        debtor.save(update_fields=["publication_due_at"])


MAX_PUBLICATION_COST = Decimal("100000")


def execution_record_publication(
    *, request: Request, debtor: Debtor, actor, newspaper: str, published_on, cost: Decimal
) -> None:
    """The clerk records the publication of the order for a debtor not reached in 20 days: the
    newspaper, the day and its cost, which is added to the debt; his five days run from that day."""
    newspaper = newspaper.strip()
    if not newspaper:
        raise NoteRequired(_("Name the daily newspaper the order was published in."))
    if not Decimal("0") <= cost <= MAX_PUBLICATION_COST:
        raise AmountOutOfRange(
            _("The publication cost is between 0 and %(most)s SAR.")
            % {"most": format_money(MAX_PUBLICATION_COST)}
        )
    with transaction.atomic():
        locked_request = Request.objects.select_for_update().get(pk=request.pk)
        if not acts_as(locked_request, actor, RECORDING):
            raise TransitionForbidden(_("Only the enforcement clerk or judge records a publication."))
        if locked_request.status not in UNDER_ENFORCEMENT:
            raise TransitionForbidden(_("There is no execution order to publish."))
        execution = execution_locked(locked_request)
        debtor = (
            Debtor.objects.select_for_update().select_related("party").get(pk=debtor.pk, execution=execution)
        )
        if debtor.notified_at is not None:
            raise TransitionForbidden(_("This debtor has already been notified."))
        if debtor.publication_due_at is None:
            raise TransitionForbidden(
                _("The order is published only when the debtor could not be notified within 20 days.")
            )
        today = timezone.localdate()
        if not timezone.localdate(execution.ordered_at) <= published_on <= today:
            raise TransitionForbidden(_("The publication date is between the order's date and today."))
        debtor.newspaper, debtor.published_on, debtor.publication_cost = newspaper, published_on, cost
        debtor.save(update_fields=["newspaper", "published_on", "publication_cost"])
        if cost and not execution.in_kind:
            execution.costs += cost
            execution.save(update_fields=["costs"])
        start = timezone.now() if published_on == today else _day_start(published_on)
        debtor_notified(debtor=debtor, at=start, by=Debtor.NotifiedBy.PUBLICATION)
        notify_event(
            event="order_published",
            request=locked_request,
            recipients=creditors(locked_request),
            params={"name": debtor_name(debtor), "newspaper": newspaper, "cost": money_figure(cost)},
        )


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


# --- Payments -------------------------------------------------------------------------------------


def execution_pay(*, request: Request, amount: Decimal, actor) -> Payment:
    """A payment through the bill, by the debtor's side."""
    with transaction.atomic():
        # The live deadlines first, then the request: the order the sweep takes them in.
        list(Deadline.objects.select_for_update().filter(request=request, state__in=["pending", "paused"]))
        locked_request = Request.objects.select_for_update().get(pk=request.pk)
        execution = execution_locked(request)
        if locked_request.status not in UNDER_ENFORCEMENT or not execution.bill_number:
            raise TransitionForbidden(_("This request is not awaiting payment."))
        if not may_pay(locked_request, actor):
            raise TransitionForbidden(
                _("Only the debtor's side pays this bill; a creditor does not pay himself.")
            )
        return execution_record_payment(
            execution=execution, amount=amount, source=Payment.Source.BILL, actor=actor
        )


def execution_record_payment(
    *, execution: ExecutionRequest, amount: Decimal, source: str, actor=None
) -> Payment:
    """Money paid in on the debt (the bill, a seized asset's proceeds, a deduction from the debtor's
    account): full payment closes the request as executed, part of it makes it partially executed.
    Called inside the caller's transaction, with the request locked."""
    if amount <= 0 or amount > execution.balance:
        raise AmountOutOfRange(
            _("Pay between 0.01 and the balance, %(balance)s.") % {"balance": format_money(execution.balance)}
        )
    request = execution.request
    payment = Payment.objects.create(
        execution=execution, source=source, amount=amount, paid_by=actor,
        receipt=f"R{secrets.randbelow(10**12):012d}",
    )  # fmt: skip
    execution.paid += amount
    execution.save(update_fields=["paid"])
    if execution.balance == 0:
        execution_close(request, execution, ClosingReason.PAID, decision=_("Paid in full."))
    else:
        notify_event(
            event="partial_payment",
            request=request,
            recipients=[*creditors(request), *debtors(request)],
            params={"amount": money_figure(amount), "balance": money_figure(execution.balance)},
        )
        execution_status_refresh(request)
    return payment


# --- Disclosure ---------------------------------------------------------------------------------

# The most one asset may be declared at: the column's bound, far above any real holding.
MAX_ASSET_VALUE = Decimal("999999999999.99")


def execution_disclose(
    *, request: Request, actor, kind: str, description: str, value: Decimal, identifier: str = ""
) -> AssetDisclosure:
    """The debtor's side declares an asset to the court, once the execution order exists. It counts
    only once the enforcement clerk has verified it (``enforcement.assets``)."""
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
        execution = execution_locked(locked_request)
        debtor = Debtor.objects.filter(
            execution=execution, party__in=debtor_parties_of(locked_request, actor)
        ).first()
        return AssetDisclosure.objects.create(
            execution=execution, debtor=debtor, kind=kind, description=description,
            identifier=identifier.strip(), value=value, disclosed_by=actor,
        )  # fmt: skip


def verified_enough(execution: ExecutionRequest) -> bool:
    """Whether the verified, unreleased assets cover the balance: a disclosure the clerk has not
    verified, or that did not check out, counts as none."""
    total = sum(
        (
            d.value
            for d in execution.disclosures.all()
            if d.verification == AssetDisclosure.Verification.VERIFIED
            and d.released_at is None
            and d.sold_for is None
        ),
        Decimal("0"),
    )
    return total >= execution.balance


# --- Article 46: the decision prepared on day five, issued by the judge -----------------------------


def article_46(*, deadline) -> None:
    """A debtor's five days passed: with a balance left and not enough verified assets he is deemed a
    procrastinator. Decision 46 is prepared for the judge, due today: the mandatory measures filled
    in, the discretionary ones proposed. Nothing is in force until the judge issues it."""
    request = Request.objects.select_for_update().get(pk=deadline.request_id)
    execution = execution_locked(request)
    debtor = Debtor.objects.select_for_update().get(party_id=deadline.party_id)
    if (
        request.status not in UNDER_ENFORCEMENT
        or execution.in_kind
        or execution.balance <= 0
        or debtor.in_grace()
        or verified_enough(execution)
    ):
        return
    for kind in MANDATORY:
        Measure.objects.get_or_create(
            debtor=debtor, kind=kind,
            defaults={"mandatory": True, "legal_basis": LegalBasis.ARTICLE_46, "state": Measure.State.PROPOSED},
        )  # fmt: skip
    for kind in DISCRETIONARY:
        Measure.objects.get_or_create(
            debtor=debtor, kind=kind,
            defaults={"mandatory": False, "legal_basis": LegalBasis.ARTICLE_46, "state": Measure.State.PROPOSED},
        )  # fmt: skip
    if debtor.decision_due_at is None:
        debtor.decision_due_at = timezone.now()
        debtor.save(update_fields=["decision_due_at"])


def decision_46_issue(*, debtor: Debtor, actor, ordered=()) -> IssuedDocument:
    """The enforcement judge issues Decision 46 against ``debtor``: the mandatory measures and the
    discretionary ones he ``ordered`` come into force, each sent to its authority; the others are
    not ordered. The decision is an issued document both sides download and anyone can verify."""
    ordered = set(ordered)
    with transaction.atomic():
        request = Request.objects.select_for_update().get(pk=debtor.execution_id)
        if not acts_as(request, actor, JUDICIAL):
            raise TransitionForbidden(_("Only the enforcement judge issues Decision 46."))
        execution = execution_locked(request)
        debtor = Debtor.objects.select_for_update().select_related("party").get(pk=debtor.pk)
        if debtor.decision_due_at is None or debtor.decision_id is not None:
            raise TransitionForbidden(_("There is no Decision 46 awaiting the judge for this debtor."))
        if request.status not in UNDER_ENFORCEMENT or execution.balance <= 0:
            raise TransitionForbidden(_("This request is no longer under enforcement with a balance."))
        now = timezone.now()
        applied = []
        for measure in Measure.objects.select_for_update().filter(
            debtor=debtor, state=Measure.State.PROPOSED
        ):
            in_force = measure.mandatory or measure.kind in ordered
            measure.state = Measure.State.APPLIED if in_force else Measure.State.DECLINED
            measure.applied_at = now if in_force else None
            measure.decided_by = actor
            measure.save(update_fields=["state", "applied_at", "decided_by"])
            if in_force:
                applied.append(measure)
        document = document_issue(
            kind=DECISION_46,
            request=request,
            parties=[
                *(
                    IssuedParty(PartyRole.CREDITOR, person.national_id, registry_name(person))
                    for person in creditors(request)
                    if person
                ),
                IssuedParty(PartyRole.DEBTOR, debtor.party.id_number, debtor_name(debtor)),
            ],
            actor=actor,
            details={
                "debtor": debtor.party.id_number,
                "balance": str(execution.balance),
                "measures": [measure.kind for measure in applied],
            },
        )
        debtor.decision = document
        debtor.save(update_fields=["decision"])
        for measure in applied:
            dispatch_send(
                execution=execution, authority=AUTHORITY_OF[measure.kind], debtor=debtor, measure=measure,
                subject=f"{measure.get_kind_display()}: {debtor.party.id_number}",
            )  # fmt: skip
        notify_event(
            event="measures_applied",
            request=request,
            recipients=[*creditors(request), debtor.party],
            params={"balance": money_figure(execution.balance), "number": document.number},
            legal=True,
        )
    return document


def dispatch_send(
    *, execution, authority: str, subject: str, debtor=None, measure=None, action=Dispatch.Action.APPLY
) -> Dispatch:
    """Send an order of the enforcement court to ``authority`` (a mock channel: the dispatch is
    recorded with its time and the reference the channel gives it)."""
    return Dispatch.objects.create(
        execution=execution, debtor=debtor, measure=measure, authority=authority, action=action,
        subject=subject[:300], reference=f"D{secrets.randbelow(10**14):014d}", sent_at=timezone.now(),
    )  # fmt: skip


def remind_debtor(*, deadline) -> None:
    """Day three of a debtor's five days: he is reminded of the bill, unless he has paid or is in
    a grace period (his reminder is paused with his clock, and checked here again)."""
    request = deadline.request
    execution = ExecutionRequest.objects.get(request_id=deadline.request_id)
    debtor = Debtor.objects.select_related("party").get(party_id=deadline.party_id)
    if request.status not in UNDER_ENFORCEMENT or execution.balance <= 0 or debtor.in_grace():
        return
    notify_event(
        event="payment_reminder",
        request=request,
        recipients=[debtor.party],
        params={"balance": money_figure(execution.balance), "bill": execution.bill_number},
        legal=True,
    )


# --- Grace, statuses, closing and lifting ----------------------------------------------------------

MAX_GRACE_DAYS = 90


def grace_days_checked(days) -> None:
    """A grace period is a whole number of days the law's practice bounds (refused otherwise)."""
    if days is None or not 1 <= days <= MAX_GRACE_DAYS:
        raise AmountOutOfRange(
            ngettext(
                "A grace period is from 1 to %(most)d day.",
                "A grace period is from 1 to %(most)d days.",
                MAX_GRACE_DAYS,
            )
            % {"most": MAX_GRACE_DAYS}
        )


def _judged(request: Request, actor, refusal) -> tuple[Request, ExecutionRequest]:
    locked_request = Request.objects.select_for_update().get(pk=request.pk)
    if not acts_as(locked_request, actor, JUDICIAL):
        raise TransitionForbidden(refusal)
    if locked_request.status not in UNDER_ENFORCEMENT:
        raise TransitionForbidden(_("This request is not under enforcement."))
    return locked_request, execution_locked(locked_request)


def execution_grant_grace(*, request: Request, actor, days: int, debtor: Debtor | None = None) -> None:
    """A grace period (مهلة) from the judge, for one debtor or all: every timer and reminder of
    theirs stops until it ends, and the request shows "grace period granted" with its end date once
    every debtor is in one."""
    grace_days_checked(days)
    with transaction.atomic():
        locked_request, execution = _judged(
            request, actor, _("Only the enforcement judge grants a grace period.")
        )
        chosen = _debtors_locked(execution, debtor)
        until = timezone.now() + timedelta(days=days)
        for one in chosen:
            one.grace_until = until
            one.save(update_fields=["grace_until"])
            for kind in DEBTOR_CLOCKS:
                deadline_pause(request=locked_request, kind=kind, party=one.party)
            deadline_cancel(request=locked_request, kind=GRACE_END, party=one.party)
            deadline_start(
                request=locked_request, kind=GRACE_END, after=timedelta(days=days), party=one.party
            )
        execution_status_refresh(locked_request)
        notify_event(
            event="grace_granted",
            request=locked_request,
            recipients=[*creditors(locked_request), *(one.party for one in chosen)],
            params={"until": date_format(timezone.localtime(until), "Y-m-d")},
        )


def execution_end_grace(*, request: Request, actor, debtor: Debtor | None = None) -> None:
    """Reactivation after grace, by the judge's order: the clocks run again from where they stopped."""
    with transaction.atomic():
        locked_request, execution = _judged(
            request, actor, _("Only the enforcement judge reactivates a request.")
        )
        chosen = [one for one in _debtors_locked(execution, debtor) if one.grace_until is not None]
        if not chosen:
            raise TransitionForbidden(_("No grace period is running."))
        for one in chosen:
            _grace_over(locked_request, one)
        execution_status_refresh(locked_request)
        notify_event(
            event="grace_ended",
            request=locked_request,
            recipients=[*creditors(locked_request), *(one.party for one in chosen)],
        )


def _debtors_locked(execution, debtor) -> list[Debtor]:
    found = Debtor.objects.select_for_update().select_related("party").filter(execution=execution)
    if debtor is not None:
        found = found.filter(pk=debtor.pk)
    found = list(found)
    if not found:
        raise TransitionForbidden(_("This debtor is not under this execution order."))
    return found


def _grace_over(request, debtor: Debtor) -> None:
    debtor.grace_until = None
    debtor.save(update_fields=["grace_until"])
    deadline_cancel(request=request, kind=GRACE_END, party=debtor.party)
    for kind in DEBTOR_CLOCKS:
        deadline_resume(request=request, kind=kind, party=debtor.party)


def grace_ended(*, deadline) -> None:
    request = Request.objects.select_for_update().get(pk=deadline.request_id)
    debtor = Debtor.objects.select_for_update().select_related("party").get(party_id=deadline.party_id)
    debtor.grace_until = None
    debtor.save(update_fields=["grace_until"])
    for kind in DEBTOR_CLOCKS:
        deadline_resume(request=request, kind=kind, party=debtor.party)
    execution_status_refresh(request)
    notify_event(event="grace_ended", request=request, recipients=[*creditors(request), debtor.party])


def execution_status_refresh(request: Request) -> None:
    """The status a request under enforcement shows: "grace period granted" while every debtor is in
    one, "partially executed" once part is paid, "under enforcement" otherwise."""
    request = Request.objects.select_for_update().get(pk=request.pk)
    if request.status not in UNDER_ENFORCEMENT:
        return
    execution = execution_locked(request)
    debtor_rows = list(Debtor.objects.filter(execution=execution))
    if debtor_rows and all(one.in_grace() for one in debtor_rows):
        target = Status.GRACE_GRANTED
    elif execution.paid > 0 and execution.balance > 0:
        target = Status.PARTIALLY_EXECUTED
    else:
        target = Status.IN_EXECUTION
    if target != request.status:
        request_transition(request=request, to=target, actor=None)


def execution_close(request: Request, execution: ExecutionRequest, reason: str, *, decision: str) -> None:
    """End the enforcement (paid, settled or withdrawn). Measures in force and seized assets stay
    until the judge's lifting order, now due."""
    execution.closing_reason = reason
    pending = (
        Measure.objects.filter(debtor__execution=execution, state=Measure.State.APPLIED).exists()
        or execution.disclosures.filter(
            seized_at__isnull=False, released_at__isnull=True, sold_for__isnull=True
        ).exists()
    )
    execution.lifting_due_at = timezone.now() if pending else None
    execution.save(update_fields=["closing_reason", "lifting_due_at"])
    Measure.objects.filter(debtor__execution=execution, state=Measure.State.PROPOSED).update(
        state=Measure.State.DECLINED
    )
    target = Status.CANCELLED if reason == ClosingReason.WITHDRAWN else Status.COMPLETED
    request_transition(request=request, to=target, actor=None, decision=decision)


def _creditor_closing(*, request: Request, actor, reason: str, decision: str, event: str) -> None:
    with transaction.atomic():
        locked_request = Request.objects.select_for_update().get(pk=request.pk)
        if not on_creditor_side(locked_request, actor):
            raise TransitionForbidden(_("Only the creditor or his agent may do this."))
        if locked_request.status not in UNDER_ENFORCEMENT:
            raise TransitionForbidden(_("This request is not under enforcement."))
        execution = execution_locked(locked_request)
        execution_close(locked_request, execution, reason, decision=decision)
        notify_event(
            event=event,
            request=locked_request,
            recipients=[*creditors(locked_request), *debtors(locked_request)],
        )


def execution_settle(*, request: Request, actor) -> None:
    """The creditor confirms he settled with the debtor: the request is executed, and the measures
    go to the judge to lift."""
    _creditor_closing(
        request=request, actor=actor, reason=ClosingReason.SETTLED,
        decision=_("Settled: the creditor confirmed a settlement with the debtor."), event="execution_settled",
    )  # fmt: skip


def execution_withdraw(*, request: Request, actor) -> None:
    """The creditor withdraws his request: enforcement ends, and the measures go to the judge to lift."""
    _creditor_closing(
        request=request, actor=actor, reason=ClosingReason.WITHDRAWN,
        decision=_("Withdrawn by the creditor."), event="execution_withdrawn",
    )  # fmt: skip


def measures_lift(*, request: Request, actor) -> int:
    """The judge's lifting order, once the request is paid, settled or withdrawn: every measure in
    force is lifted and each lifting sent to its authority; seized assets not sold are released.
    Returns how many measures were lifted."""
    with transaction.atomic():
        locked_request = Request.objects.select_for_update().get(pk=request.pk)
        if not acts_as(locked_request, actor, JUDICIAL):
            raise TransitionForbidden(_("Only the enforcement judge orders the lifting of measures."))
        execution = execution_locked(locked_request)
        if execution.lifting_due_at is None:
            raise TransitionForbidden(_("There are no measures awaiting lifting on this request."))
        now = timezone.now()
        lifted = list(
            Measure.objects.select_for_update()
            .select_related("debtor__party")
            .filter(debtor__execution=execution, state=Measure.State.APPLIED)
        )
        for measure in lifted:
            measure.state = Measure.State.LIFTED
            measure.lifted_at = now
            measure.save(update_fields=["state", "lifted_at"])
            dispatch_send(
                execution=execution, authority=AUTHORITY_OF[measure.kind], debtor=measure.debtor, measure=measure,
                action=Dispatch.Action.LIFT, subject=f"{measure.get_kind_display()}: {measure.debtor.party.id_number}",
            )  # fmt: skip
        for asset in execution.disclosures.select_for_update().filter(
            seized_at__isnull=False, released_at__isnull=True, sold_for__isnull=True
        ):
            asset.released_at = now
            asset.save(update_fields=["released_at"])
            dispatch_send(
                execution=execution, authority=Authority.ASSET_REGISTRIES, debtor=asset.debtor,
                action=Dispatch.Action.LIFT, subject=f"{asset.get_kind_display()}: {asset.identifier or asset.description}",
            )  # fmt: skip
        execution.lifting_due_at = None
        execution.save(update_fields=["lifting_due_at"])
        notify_event(
            event="measures_lifted",
            request=locked_request,
            recipients=[*creditors(locked_request), *debtors(locked_request)],
            params={
                "reason": ClosingReason(execution.closing_reason).label if execution.closing_reason else ""
            },
        )
    return len(lifted)
