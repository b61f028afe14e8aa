"""The other parties' answers to a submitted request (``Service.consenting``).

Some requests bind people besides the one filing: another principal of a power of attorney, the
buyer of a property, the wife, her guardian and the witnesses of a marriage contract. Once the
applicant has submitted with his own code, each of them is asked by SMS and accepts or rejects with
a code sent to their own registered mobile, within the service's window. One rejection rejects the
request; the window's end with answers still awaited cancels it; the last acceptance runs the
service's next step. Every function checks its actor, whatever calls it (DESIGN §3).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from identity.confirmations import confirmation_used

from .deadlines import deadline_start
from .errors import TransitionForbidden
from .models import Deadline, Party, PartyConsent, Request, Status
from .notifications import notify_event
from .parties import registry_name
from .registry import Consenting, service_registry

DEADLINE = "party_consent"
AWAITING = Status.SUBMITTED


def consenting_of(request: Request) -> Consenting | None:
    return service_registry.get(request.service).consenting


def consent_purpose(request: Request) -> str:
    """What the one-time code confirming an answer on ``request`` is bound to."""
    return f"consent:{request.pk}"


def consents_ask(*, request: Request, actor) -> None:
    """Right after the applicant confirmed the submission with his code: every party in the
    service's consenting roles, other than the one submitting, is asked to answer within the
    window. Asked again after an amendment, whoever had answered before: what they accepted may
    have changed. With no one to ask, the service goes on at once."""
    consenting = consenting_of(request)
    if consenting is None:
        return
    asked = [
        party
        for party in request.parties.select_related("user")
        if party.role in consenting.roles and party.user_id != actor.pk
    ]
    PartyConsent.objects.filter(request=request).exclude(party__in=asked).delete()
    for party in asked:
        PartyConsent.objects.update_or_create(
            request=request,
            party=party,
            defaults={"decision": PartyConsent.Decision.PENDING, "decided_at": None},
        )
    if not asked:
        consenting.then(request=request, actor=actor)
        return
    deadline_start(request=request, kind=DEADLINE, after=consenting.window)
    notify_event(
        event=consenting.asked, request=request, recipients=asked, params={"name": registry_name(actor)}
    )


def pending_consent(request: Request, user) -> PartyConsent | None:
    """The answer ``user`` still owes on ``request``, or None."""
    if request.status != AWAITING or consenting_of(request) is None:
        return None
    return (
        PartyConsent.objects.filter(request=request, decision=PartyConsent.Decision.PENDING, party__user=user)
        .select_related("party")
        .first()
    )


def consents_of(request: Request) -> dict[int, PartyConsent]:
    """Each asked party's answer, by the party's primary key."""
    return {consent.party_id: consent for consent in request.consents.all()}


def consent_give(*, request: Request, actor, accept: bool) -> PartyConsent:
    """``actor`` accepts or rejects, having confirmed with his one-time code. A rejection rejects
    the request; the last acceptance runs the service's next step."""
    if not confirmation_used(user=actor, purpose=consent_purpose(request)):
        raise TransitionForbidden(_("Confirm with the verification code sent to your mobile first."))
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        consent = pending_consent(locked, actor)
        if consent is None:
            raise TransitionForbidden(_("There is no answer awaited from you on this request."))
        consent.decision = PartyConsent.Decision.ACCEPTED if accept else PartyConsent.Decision.REJECTED
        consent.decided_at = timezone.now()
        consent.save(update_fields=["decision", "decided_at"])
        consenting = consenting_of(locked)
        if not accept:
            name = registry_name(actor)
            _transition(
                request=locked,
                to=Status.REJECTED,
                actor=None,
                decision=_("%(name)s (%(role)s) rejected the request.")
                % {"name": name, "role": consent.party.get_role_display()},
            )
            _cancel_window(locked)
            notify_event(
                event=consenting.rejected, request=locked, recipients=_everyone(locked), params={"name": name}
            )
        elif not PartyConsent.objects.filter(request=locked, decision=PartyConsent.Decision.PENDING).exists():
            _cancel_window(locked)
            consenting.then(request=locked, actor=actor)
    return consent


def consents_lapsed(*, deadline: Deadline) -> None:
    """The window ended with answers still awaited: the request lapses, and every party is told."""
    request = Request.objects.select_for_update().get(pk=deadline.request_id)
    consenting = consenting_of(request)
    if request.status != AWAITING or consenting is None:
        return
    if not PartyConsent.objects.filter(request=request, decision=PartyConsent.Decision.PENDING).exists():
        return
    _transition(request=request, to=Status.CANCELLED, actor=None)
    notify_event(event=consenting.lapsed, request=request, recipients=_everyone(request))


def _transition(**kwargs) -> None:
    # The engine (``services``) asks this module after each submission, so it is imported here
    # when called rather than at the top, which would make the two modules import each other.
    from .services import request_transition

    request_transition(**kwargs)


def _cancel_window(request: Request) -> None:
    Deadline.objects.filter(request=request, kind=DEADLINE, state=Deadline.State.PENDING).update(
        state=Deadline.State.CANCELLED
    )


def _everyone(request: Request) -> list[Party]:
    return list(request.parties.select_related("user"))
