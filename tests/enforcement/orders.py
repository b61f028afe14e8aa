"""Enforcement requests brought to Decision 34, and the clock moved, for the enforcement tests."""

from datetime import timedelta
from decimal import Decimal

from enforcement.models import Debtor, ExecutionRequest, Measure
from requests_tracker import deadlines
from requests_tracker.errors import RequestError
from requests_tracker.models import Deadline, OutboundMessage, PartyRole, Request, Status
from requests_tracker.notifications import deliver
from requests_tracker.services import party_add, request_transition

from ..factories import RequestFactory, UserFactory

VALID_IBAN = "SA0380000000608010167519"
MANDATORY = {"travel_ban", "poa_stop", "asset_disclosure", "licence_disclosure", "credit_bureau"}
DISCRETIONARY = {"government_bar", "financial_bar", "family_disclosure", "imprisonment"}
ORDER_TEXT = "يلزم المنفذ ضده بالسداد."


def execution_order(*, creditor=None, debtors=None, amount="10000.00", delivered=True, **details):
    """An enforcement request taken to Decision 34 against ``debtors`` (users, or ID numbers of
    people not registered in the portal); with ``delivered``, the order's SMS reaches each of them."""
    creditor = creditor or UserFactory()
    debtors = debtors if debtors is not None else [UserFactory()]
    request = RequestFactory(applicant=creditor, service="enforcement")
    ExecutionRequest.objects.create(
        request=request, request_type=details.pop("request_type", "financial"), instrument_type="cheque",
        instrument_number="778812", instrument_date="2026-10-01", instrument_issuer="Al Rajhi Bank",
        amount=Decimal(amount) if amount is not None else None, creditor_iban=VALID_IBAN, **details,
    )  # fmt: skip
    for debtor in debtors:
        if isinstance(debtor, str):
            party_add(
                request=request,
                role=PartyRole.DEBTOR,
                id_number=debtor,
                name="مدين غير مسجل",
                phone="0500000001",
            )
        else:
            party_add(request=request, role=PartyRole.DEBTOR, id_number=debtor.national_id)
    clerk, judge = UserFactory(roles=["enforcement_clerk"]), UserFactory(roles=["enforcement_judge"])
    request_transition(request=request, to=Status.SUBMITTED, actor=creditor)
    request_transition(request=request, to=Status.UNDER_REVIEW, actor=clerk)
    request_transition(request=request, to=Status.IN_PROGRESS, actor=clerk)
    request_transition(request=request, to=Status.IN_EXECUTION, actor=judge, decision=ORDER_TEXT)
    if delivered:
        deliver_orders(request)
    request = Request.objects.get(pk=request.pk)
    request.judge, request.clerk = judge, clerk
    return request


def deliver_orders(request, *, to=None) -> int:
    """The SMS gateway takes the execution orders still waiting (to the ``to`` party only, if
    given): what a worker does once the order's transaction commits."""
    waiting = OutboundMessage.objects.filter(request=request, event="execution_order", state="pending")
    if to is not None:
        waiting = waiting.filter(party=to)
    return sum(deliver(message.pk) for message in waiting)


def day(request, number):
    """Move the clock ``number`` days on, by moving the running deadlines back; fire what is due."""
    shift = timedelta(days=number)
    for deadline in Deadline.objects.filter(request=request, state="pending"):
        Deadline.objects.filter(pk=deadline.pk).update(due_at=deadline.due_at - shift)
    for debtor in Debtor.objects.filter(execution_id=request.pk, grace_until__isnull=False):
        Debtor.objects.filter(pk=debtor.pk).update(grace_until=debtor.grace_until - shift)
    return deadlines.fire_due()


def measures(request, debtor=None):
    found = Measure.objects.filter(debtor__execution_id=request.pk)
    if debtor is not None:
        found = (
            found.filter(debtor__party__user=debtor)
            if not isinstance(debtor, Debtor)
            else found.filter(debtor=debtor)
        )
    return dict(found.values_list("kind", "state"))


def debtor_row(request, user=None) -> Debtor:
    rows = Debtor.objects.filter(execution_id=request.pk).select_related("party")
    return rows.get(party__user=user) if user is not None else rows.get()


def order_between(*, creditor=None, debtor=None, debtor_phone=True, amount="10000.00"):
    """(request, creditor, debtor): a request at Decision 34 against one debtor, the order delivered;
    without ``debtor_phone`` the debtor is someone the registry has no mobile for."""
    creditor, debtor = creditor or UserFactory(), debtor or UserFactory()
    request = execution_order(
        creditor=creditor, debtors=[debtor if debtor_phone else "1000000008"], amount=amount
    )
    return request, creditor, debtor


def refused(service, **arguments) -> bool:
    """Whether the service refuses these arguments with a message for the user."""
    try:
        service(**arguments)
    except RequestError:
        return True
    return False
