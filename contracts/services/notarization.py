"""What every notarization shares: who may be a party (18 or older by the registry's birth date),
and the step after every party accepted."""

from django.utils import timezone
from django.utils.translation import gettext as _

from requests_tracker.models import Party, Request, Status
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


def notarization_consented(*, request: Request, actor) -> None:
    """Every party accepted: the request goes to the notary's (or the ma'zoun's) queue."""
    request_transition(request=request, to=Status.IN_PROGRESS, actor=None)
