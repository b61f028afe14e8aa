"""Reads and predicates of enforcement: who is on the debtor's side, who may take which decision.

Services call these to refuse a wrong actor; views and the admin call the same ones to hide what
the service would refuse, so the two never disagree.
"""

import re

from django.db.models import Q, QuerySet

from identity.roles import Role, roles_of
from requests_tracker.access import staff_viewer, viewer_for
from requests_tracker.models import Party, PartyRole, Request, Status

from .models import ExecutionRequest

# The request page's enforcement section: the order, amounts, bill, payments and measures.
EXECUTION_SECTION = "execution"

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


def on_debtor_side(request: Request, user) -> bool:
    """A debtor of the request, or someone acting for one; never the creditor's own side."""
    viewer = viewer_for(request, user)
    return viewer is not None and not viewer.applicant_side and viewer.is_party(PartyRole.DEBTOR)


def may_pay(request: Request, user) -> bool:
    """The bill is paid by the debtor's side; the creditor cannot pay a debt owed to him."""
    return request.status == Status.IN_EXECUTION and on_debtor_side(request, user)


def may_disclose(request: Request, user) -> bool:
    """Assets are disclosed by the debtor's side, once the execution order exists."""
    return request.status == Status.IN_EXECUTION and on_debtor_side(request, user)


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
            request__execution__measures__kind=Measure.Kind.POA_STOP,
            request__execution__measures__state=Measure.State.APPLIED,
        )
        .values_list("id_number", "request__reference")
        .order_by("request__pk")
    ):
        found.setdefault(national_id, reference)
    return found


# An enforcement request seizes the deeds it lists from its filing until it ends: a property sold
# meanwhile would escape the execution.
SEIZING_STATUSES = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.IN_PROGRESS, Status.IN_EXECUTION)
DEED_SEPARATORS = re.compile(r"[,،\s]+")


def deeds_under_seizure(numbers) -> dict[str, str]:
    """Of the title deed ``numbers``, those listed by an enforcement request still running, each
    with that request's reference (the public question a property transfer asks before the sale)."""
    wanted = {number.strip() for number in numbers if number and number.strip()}
    if not wanted:
        return {}
    listing = Q(pk__in=[])
    for number in wanted:
        listing |= Q(title_deeds__contains=number)
    found: dict[str, str] = {}
    for listed, reference in (
        ExecutionRequest.objects.filter(listing, request__status__in=SEIZING_STATUSES)
        .values_list("title_deeds", "request__reference")
        .order_by("request__pk")
    ):
        # Listed comma-separated; a containing match may be another number's part (123 in 41234).
        for number in DEED_SEPARATORS.split(listed):
            if number in wanted:
                found.setdefault(number, reference)
    return found
