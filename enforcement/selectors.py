"""Reads and predicates of enforcement: who is on the debtor's side, who may take which decision.

Services call these to refuse a wrong actor; views and the admin call the same ones to hide what
the service would refuse, so the two never disagree.
"""

from django.db.models import QuerySet

from identity.roles import Role, roles_of
from requests_tracker.access import on_applicant_side, representations, staff_viewer, viewer_for
from requests_tracker.models import Party, PartyRole, Request, Status

from .models import ExecutionRequest

# The request page's enforcement section: the order, amounts, bill, payments and measures.
EXECUTION_SECTION = "execution"

# "Under enforcement" and its two stages: paid in part, and a grace period the judge granted.
UNDER_ENFORCEMENT = frozenset({Status.IN_EXECUTION, Status.PARTIALLY_EXECUTED, Status.GRACE_GRANTED})

# Who decides what, as the Enforcement Law gives it: the judge orders; the clerk records facts.
JUDICIAL = frozenset({Role.ENFORCEMENT_JUDGE})
RECORDING = frozenset({Role.ENFORCEMENT_CLERK, Role.ENFORCEMENT_JUDGE})


def execution_for(request: Request) -> ExecutionRequest | None:
    """The request's enforcement details, read once per request object (Django keeps the answer of
    the one-to-one on it), however many parts of a page ask."""
    try:
        return request.execution
    except ExecutionRequest.DoesNotExist:
        return None


def debtors(request: Request) -> QuerySet[Party]:
    return request.parties.filter(role=PartyRole.DEBTOR).select_related("user")


def creditors(request: Request) -> list:
    """The creditor's side to tell: who filed, and the person filed for."""
    return [person for person in (request.applicant, request.represented) if person is not None]


def on_creditor_side(request: Request, user) -> bool:
    """The creditor, or his agent acting on the request: never the debtor's side."""
    return on_applicant_side(request, user)


def debtor_parties_of(request: Request, user) -> QuerySet[Party]:
    """The debtor parties ``user`` is, or acts for, on ``request``."""
    acting_for = {r.principal_id for r in representations(user) if r.covers(request.service)} | {user.pk}
    return request.parties.filter(role=PartyRole.DEBTOR, user_id__in=acting_for)


def debtors_seen_by(request: Request, viewer):
    """The debtors of the order whose notice, decision and measures ``viewer`` reads: all of them to
    the creditor's side and staff, a debtor's own (or his principal's) to the debtor's side."""
    from .models import Debtor

    rows = Debtor.objects.filter(execution_id=request.pk)
    if viewer is None:
        return rows.none()
    return rows if viewer.everything else rows.filter(party__in=debtor_parties_of(request, viewer.user))


def on_debtor_side(request: Request, user) -> bool:
    """A debtor of the request, or someone acting for one; never the creditor's own side."""
    viewer = viewer_for(request, user)
    return viewer is not None and not viewer.applicant_side and viewer.is_party(PartyRole.DEBTOR)


def may_pay(request: Request, user) -> bool:
    """The bill is paid by the debtor's side; the creditor cannot pay a debt owed to him. There is no
    bill for an execution in kind or by monthly deductions (maintenance)."""
    execution = execution_for(request)
    return (
        request.status in UNDER_ENFORCEMENT
        and execution is not None
        and bool(execution.bill_number)
        and on_debtor_side(request, user)
    )


def may_disclose(request: Request, user) -> bool:
    """Assets are disclosed by the debtor's side, once the execution order exists."""
    return may_pay(request, user)


def acts_as(request: Request, user, roles: frozenset[str]) -> bool:
    """``user`` works this request's queue in one of ``roles``."""
    return staff_viewer(request, user) is not None and bool(roles_of(user) & roles)


def poa_stops_against(national_ids) -> dict[str, str]:
    """Of ``national_ids``, those under the Article 46 measure "stop of the powers of attorney he
    issued over money", each with the reference of the request that ordered it (the public question
    the powers of attorney ask before issuing one with money clauses)."""
    from .models import Measure

    found = {}
    for national_id, reference in (
        Party.objects.filter(
            role=PartyRole.DEBTOR,
            id_number__in=list(national_ids),
            execution_debtor__measures__kind=Measure.Kind.POA_STOP,
            execution_debtor__measures__state=Measure.State.APPLIED,
        )
        .values_list("id_number", "request__reference")
        .order_by("request__pk")
    ):
        found.setdefault(national_id, reference)
    return found


def deeds_under_seizure(numbers) -> dict[str, str]:
    """Of the title deed ``numbers``, those the enforcement judge ordered seized and not yet released
    or sold, each with the reference of the request that seized it (the public question a property
    transfer asks before the sale)."""
    from .models import AssetDisclosure

    wanted = {number.strip() for number in numbers if number and number.strip()}
    if not wanted:
        return {}
    found: dict[str, str] = {}
    for number, reference in (
        AssetDisclosure.objects.filter(
            kind=AssetDisclosure.Kind.PROPERTY,
            identifier__in=wanted,
            seized_at__isnull=False,
            released_at__isnull=True,
            sold_for__isnull=True,
        )
        .values_list("identifier", "execution__request__reference")
        .order_by("pk")
    ):
        found.setdefault(number, reference)
    return found
