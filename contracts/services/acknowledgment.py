"""Acknowledgments (إقرارات): the acknowledger (the applicant, in person) acknowledges a debt, a
waiver or a repayment in favour of one beneficiary, who accepts with his code; a notary approves and
the acknowledgment is issued. At most SAR 3,000,000 a year per acknowledger. A notarized debt
acknowledgment is an executive instrument its beneficiary can have enforced."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from enforcement.models import InstrumentType
from identity.digits import format_money, money_figure
from requests_tracker.errors import AmountOutOfRange, TransitionForbidden
from requests_tracker.issuing import document_issue
from requests_tracker.models import PartyRole, Request, Status
from requests_tracker.notifications import notify_event
from requests_tracker.parties import registry_name
from requests_tracker.pdf import gregorian_date, hijri_date
from requests_tracker.services import request_lock_editable

from ..models import Acknowledgment
from ..workflow import NOTARIES
from .notarization import is_approver, issued_parties, minors_refused, parties_of

SERVICE = "acknowledgment"
ACKNOWLEDGMENT_KIND = "acknowledgment"
ACKNOWLEDGMENT_SECTION = "acknowledgment"
YEARLY_LIMIT = Decimal("3000000")
# An acknowledgment counts against its year's limit from its submission until it is refused,
# cancelled or lapses.
ALIVE = (Status.SUBMITTED, Status.IN_PROGRESS, Status.RETURNED, Status.COMPLETED)
DETAIL_FIELDS = ("kind", "amount", "subject", "due_on")
# The PDF is Arabic whatever the reader's language: its own words for the kinds.
KINDS_AR = {
    Acknowledgment.Kind.DEBT: "إقرار بدين",
    Acknowledgment.Kind.WAIVER: "إقرار بتنازل وإبراء",
    Acknowledgment.Kind.REPAYMENT: "إقرار بسداد واستيفاء",
}


# --- The wizard's details --------------------------------------------------------------------------


def acknowledgment_details(request) -> dict:
    acknowledgment = Acknowledgment.objects.filter(request=request).first()
    if acknowledgment is None:
        return {}
    return {
        "kind": acknowledgment.kind,
        "amount": acknowledgment.amount,
        "subject": acknowledgment.subject,
        "due_on": acknowledgment.due_on or "",
    }


def acknowledgment_save_details(*, request, data: dict, actor) -> Acknowledgment:
    data = {name: data.get(name) for name in DETAIL_FIELDS}
    if data["kind"] != Acknowledgment.Kind.DEBT:
        data["due_on"] = None  # only a debt falls due
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        acknowledgment, _created = Acknowledgment.objects.update_or_create(request=locked, defaults=data)
    return acknowledgment


# --- The yearly limit ------------------------------------------------------------------------------


def acknowledger_of(request: Request):
    return request.represented or request.applicant


def acknowledged_in_year(user, year: int, *, statuses=ALIVE, besides: Request | None = None) -> Decimal:
    """What ``user`` acknowledged in requests submitted in ``year`` that are in ``statuses``,
    ``besides`` the request being decided."""
    found = Acknowledgment.objects.filter(
        request__service=SERVICE,
        request__applicant=user,
        request__represented__isnull=True,
        request__status__in=statuses,
        request__submitted_at__year=year,
    )
    if besides is not None:
        found = found.exclude(request=besides)
    return found.aggregate(total=Sum("amount"))["total"] or Decimal("0")


def _over_the_limit(acknowledger, amount: Decimal, already: Decimal) -> str | None:
    if already + amount <= YEARLY_LIMIT:
        return None
    left = max(YEARLY_LIMIT - already, Decimal("0"))
    return _(
        "A person acknowledges at most %(limit)s a year. %(name)s has %(left)s left this year, "
        "less than this acknowledgment's %(amount)s."
    ) % {
        "limit": format_money(YEARLY_LIMIT),
        "name": registry_name(acknowledger),
        "left": format_money(left),
        "amount": format_money(amount),
    }


# --- Checks before submitting ----------------------------------------------------------------------


def acknowledgment_check(request) -> list[str]:
    """What stops the acknowledgment from being submitted, beyond its steps' forms."""
    problems = []
    if request.represented_id:
        problems.append(_("An acknowledgment is made by the acknowledger in person."))
    acknowledger = acknowledger_of(request)
    beneficiaries = parties_of(request, PartyRole.BENEFICIARY)
    if len(beneficiaries) != 1:
        problems.append(_("Name exactly one beneficiary."))
    if any(party.id_number == acknowledger.national_id for party in beneficiaries):
        problems.append(_("The beneficiary cannot be the acknowledger."))
    problems += minors_refused([*parties_of(request, PartyRole.APPLICANT), *beneficiaries])
    acknowledgment = Acknowledgment.objects.filter(request=request).first()
    if acknowledgment is not None:
        already = acknowledged_in_year(acknowledger, timezone.localdate().year, besides=request)
        refusal = _over_the_limit(acknowledger, acknowledgment.amount, already)
        if refusal:
            problems.append(refusal)
    return problems


# --- The notary's approval: the acknowledgment is issued -----------------------------------------------


def acknowledgment_issue(*, request, change, service) -> None:
    """Engine hook on the notary's approval: the yearly limit is checked again with the
    acknowledger's row locked (two acknowledgments submitted together must not pass it together:
    only those already issued count now), then the acknowledgment is issued and both told."""
    if not is_approver(change.actor, NOTARIES):
        raise TransitionForbidden(_("Only a notary approves an acknowledgment."))
    acknowledger = acknowledger_of(request)
    get_user_model().objects.select_for_update().filter(pk=acknowledger.pk).first()
    acknowledgment = Acknowledgment.objects.get(request=request)
    year = timezone.localdate().year
    already = acknowledged_in_year(acknowledger, year, statuses=(Status.COMPLETED,), besides=request)
    refusal = _over_the_limit(acknowledger, acknowledgment.amount, already)
    if refusal:
        raise AmountOutOfRange(refusal)
    document = document_issue(
        kind=ACKNOWLEDGMENT_KIND,
        request=request,
        parties=issued_parties(request, PartyRole.BENEFICIARY),
        actor=change.actor,
        details={"kind": acknowledgment.kind, "amount": str(acknowledgment.amount)},
    )
    notify_event(
        event="acknowledgment_issued",
        request=request,
        recipients=[acknowledger, *parties_of(request, PartyRole.BENEFICIARY)],
        params={"number": document.number, "amount": money_figure(acknowledgment.amount)},
    )


# --- The document: PDF, verification, executive instrument ------------------------------------------


def _dates(day) -> dict | None:
    return {"gregorian": gregorian_date(day), "hijri": hijri_date(day)} if day else None


def acknowledgment_pdf_context(document) -> dict:
    acknowledgment = Acknowledgment.objects.select_related("request").get(request=document.request)
    parties = list(document.parties.order_by("pk"))
    return {
        "acknowledgment": acknowledgment,
        "kind_ar": KINDS_AR[acknowledgment.kind],
        "amount": money_figure(acknowledgment.amount),
        "due_on": _dates(acknowledgment.due_on),
        "reference": acknowledgment.request.reference,
        "acknowledger": next((p for p in parties if p.role == PartyRole.APPLICANT), None),
        "beneficiary": next((p for p in parties if p.role == PartyRole.BENEFICIARY), None),
        "notary": document.issued_by.name_ar if document.issued_by else "",
    }


def acknowledgment_verify_rows(document) -> list[tuple]:
    details = document.details
    return [
        (_("Kind"), Acknowledgment.Kind(details["kind"]).label),
        (_("Amount"), format_money(details["amount"])),
    ]


def acknowledgment_is_final(document) -> bool:
    """A notarized acknowledgment is final from its issue, while valid (the core checks that)."""
    return True


def acknowledgment_instrument(document) -> dict:
    """What an enforcement request's instrument step is filled in with."""
    return {
        "request_type": "financial",
        "instrument_type": InstrumentType.NOTARIZED,
        "instrument_number": document.number,
        "instrument_date": timezone.localdate(document.issued_at),
        "instrument_issuer": _("Ministry of Justice, notarization"),
        "instrument_in_arabic": True,
        "amount": Decimal(document.details["amount"]),
    }


def acknowledgment_enforced_by(document, person) -> bool:
    """Only a debt acknowledgment is enforced, by its beneficiary, once the debt is due."""
    if document.details.get("kind") != Acknowledgment.Kind.DEBT:
        return False
    acknowledgment = Acknowledgment.objects.filter(request_id=document.request_id).first()
    if acknowledgment is None or (acknowledgment.due_on and acknowledgment.due_on > timezone.localdate()):
        return False
    return document.parties.filter(role=PartyRole.BENEFICIARY, national_id=person.national_id).exists()


def acknowledgment_issued_document(request: Request):
    """The issued acknowledgment of ``request``, or None."""
    return request.issued_documents.filter(kind=ACKNOWLEDGMENT_KIND).first() if request.pk else None
