"""What every notarization shares: who may be a party (18 or older by the registry's birth date),
and the step after every party accepted."""

from django.utils import timezone
from django.utils.translation import gettext as _

from identity.roles import roles_of
from requests_tracker.issuing import IssuedParty
from requests_tracker.models import Party, PartyRole, Request, Status
from requests_tracker.parties import registry_name
from requests_tracker.services import request_transition

ADULT_AGE = 18


def minors_refused(parties, *, today=None) -> list[str]:
    """One refusal for each party who is under 18 on ``today``, or whose birth date the registry
    does not give the portal (such a person signs in once, and the national SSO tells it)."""
    today = today or timezone.localdate()
    problems = []
    for party in parties:
        name = party.name or party.id_number
        age = party.user.age_on(today) if party.user_id else None
        if age is None:
            problems.append(
                _(
                    "The registry's birth date of %(name)s is not known to the portal yet: they sign in to Najiz "
                    "once, then this can be submitted."
                )
                % {"name": name}
            )
        elif age < ADULT_AGE:
            problems.append(
                _("%(name)s is under %(age)d: every party to a notarized contract is 18 or older.")
                % {"name": name, "age": ADULT_AGE}
            )
    return problems


def parties_of(request: Request, *roles: str) -> list[Party]:
    return [party for party in request.parties.select_related("user") if party.role in roles]


def is_approver(user, approvers) -> bool:
    """Whether ``user`` (a step's actor, None for the system) is active staff in one of ``approvers``."""
    return user is not None and user.is_active and user.is_staff and bool(roles_of(user) & approvers)


def party_name(party: Party) -> str:
    """A party's name for a deed: the registry's for a registered person, else the one given."""
    return party.name or (registry_name(party.user) if party.user_id else "") or party.id_number


def issued_parties(request: Request, *roles: str, first_role: str = PartyRole.APPLICANT) -> list[IssuedParty]:
    """A deed's parties: the person who filed (or was filed for), in ``first_role``, then the
    parties in ``roles``, in that order."""
    filer = request.represented or request.applicant
    rows = [IssuedParty(first_role, filer.national_id, registry_name(filer))]
    for role in roles:
        rows += [
            IssuedParty(party.role, party.id_number, party_name(party)) for party in parties_of(request, role)
        ]
    return rows


def notarization_consented(*, request: Request, actor) -> None:
    """Every party accepted: the request goes to the notary's (or the ma'zoun's) queue."""
    request_transition(request=request, to=Status.IN_PROGRESS, actor=None)
