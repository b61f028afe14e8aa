"""What other parts of the portal may ask of powers of attorney (DESIGN §2: through these, never
through the models): who acts for whom on which service, and a POA's standing."""

from django.db.models import Q
from django.utils import timezone

from requests_tracker.access import Representation
from requests_tracker.models import IssuedDocument, Party, PartyRole, Request, Status

from .models import Clause, PowerOfAttorney

SERVICE = "poa"
# The request page's POA part: the document, its standing, the clauses, each agent, the answers.
POA_SECTION = "poa"
# A POA whose document reads one of these still gives its remaining agents their authority.
IN_FORCE = (IssuedDocument.Status.VALID, IssuedDocument.Status.PARTIALLY_TERMINATED)
PRINCIPAL_ROLES = (PartyRole.APPLICANT, PartyRole.PRINCIPAL)


def in_force() -> Q:
    """POAs (as PowerOfAttorney rows) that give authority today: issued, not revoked, not past
    their end date (the day's expiry sweep may not have run yet: the date decides)."""
    return Q(
        request__status=Status.COMPLETED,
        document__status__in=IN_FORCE,
        ends_on__gte=timezone.localdate(),
    )


def agent_parties_in_force(user):
    """The agent rows naming ``user`` on POAs in force, whose authority has not ended."""
    return Party.objects.filter(
        role=PartyRole.AGENT,
        request__service=SERVICE,
        request__poa__in=PowerOfAttorney.objects.filter(in_force()),
        poa_end__isnull=True,
    ).filter(Q(user=user) | Q(user__isnull=True, id_number=user.national_id))


def representations_for(user) -> list[Representation]:
    """The core's hook (``add_representation_provider``): for every POA in force naming ``user`` an
    agent, each principal with the services its clauses cover. Three queries, whatever the count."""
    if not user.is_authenticated:
        return []
    poa_ids = list(agent_parties_in_force(user).values_list("request_id", flat=True))
    if not poa_ids:
        return []
    covered: dict[int, set[str]] = {pk: set() for pk in poa_ids}
    for poa_id, services in PowerOfAttorney.clauses.through.objects.filter(
        powerofattorney_id__in=poa_ids
    ).values_list("powerofattorney_id", "clause__services"):
        covered[poa_id].update(services or ())
    found = []
    for poa_id, principal_id in Party.objects.filter(
        request_id__in=poa_ids, role__in=PRINCIPAL_ROLES, user__isnull=False
    ).values_list("request_id", "user_id"):
        if principal_id != user.pk and covered[poa_id]:
            found.append(Representation(principal_id, frozenset(covered[poa_id])))
    return found


def poa_for(request: Request) -> PowerOfAttorney | None:
    return PowerOfAttorney.objects.filter(request=request).select_related("document").first()


def clauses_offered():
    return Clause.objects.filter(active=True)


def poas_of(user):
    """The POA requests ``user`` is a principal or an agent in, newest first: drafts only their
    author's (My POAs)."""
    named = Party.objects.filter(request__service=SERVICE).filter(
        Q(user=user) | Q(user__isnull=True, id_number=user.national_id)
    )
    return (
        Request.objects.filter(service=SERVICE)
        .filter(Q(applicant=user) | (Q(pk__in=named.values("request_id")) & ~Q(status=Status.DRAFT)))
        .select_related("poa", "poa__document")
        .prefetch_related("parties")
        .order_by("-created_at", "-pk")
    )
