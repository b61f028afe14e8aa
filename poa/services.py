"""Powers of attorney: the details of the wizard, the principals' answers, issuing, revocation and
withdrawal, expiry. Every function checks its actor, whatever calls it (DESIGN §3)."""

import datetime
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from enforcement.selectors import poa_stops_against
from identity.roles import Role, roles_of
from requests_tracker.access import representations_changed
from requests_tracker.deadlines import deadline_start
from requests_tracker.errors import TransitionForbidden
from requests_tracker.issuing import IssuedParty, document_issue, document_set_status
from requests_tracker.models import Deadline, IssuedDocument, Party, PartyRole, Request, Status
from requests_tracker.notifications import notify_event
from requests_tracker.parties import registry_name
from requests_tracker.services import request_lock_editable, request_transition

from .models import AgentEnd, Clause, PoaType, PowerOfAttorney
from .selectors import IN_FORCE, PRINCIPAL_ROLES

POA_KIND = "poa"
REVOCATION_KIND = "poa_revocation"
MAX_PRINCIPALS = 50
LONGEST = 365  # days: a POA lasts at most a year
# Deadline kinds: the notice a week before the end, on the last day, the end itself.
ENDING_NOTICE = "poa_ending_notice"
LAST_DAY_NOTICE = "poa_last_day_notice"
EXPIRY = "poa_expiry"
NOTICE_HOUR = 9


# --- The wizard's details --------------------------------------------------------------------------


def poa_details(request) -> dict:
    poa = PowerOfAttorney.objects.filter(request=request).first()
    if poa is None:
        return {}
    return {
        "poa_type": poa.poa_type,
        "clauses": list(poa.clauses.values_list("code", flat=True)),
        "may_delegate": poa.may_delegate,
        "ends_on": poa.ends_on,
        "company_name": poa.company_name,
        "commercial_register": poa.commercial_register,
    }


def poa_save_details(*, request, data: dict, actor) -> PowerOfAttorney:
    data = dict(data)
    codes = data.pop("clauses")
    with transaction.atomic():
        locked = request_lock_editable(request=request, actor=actor)
        poa, _created = PowerOfAttorney.objects.update_or_create(request=locked, defaults=data)
        poa.clauses.set(Clause.objects.filter(code__in=codes, active=True))
    return poa


def list_text(items) -> str:
    """Items joined with the comma of the language being read."""
    return ("، " if (get_language() or "ar").startswith("ar") else ", ").join(items)


def latest_end(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) + timedelta(days=LONGEST)


def keep_parties(request: Request) -> None:
    """Read the request's parties once for the questions a page asks of them (who is a principal,
    who an agent still in force); services acting on a locked row read them afresh."""
    request._poa_parties = list(request.parties.select_related("user", "poa_end"))


def _parties(request: Request) -> list[Party]:
    kept = getattr(request, "_poa_parties", None)
    return kept if kept is not None else list(request.parties.select_related("user", "poa_end"))


def principal_parties(request: Request) -> list[Party]:
    return [party for party in _parties(request) if party.role in PRINCIPAL_ROLES]


def agent_parties(request: Request) -> list[Party]:
    return [party for party in _parties(request) if party.role == PartyRole.AGENT]


def _poa(request: Request) -> PowerOfAttorney | None:
    """The request's POA with its document, kept on the request object by Django."""
    try:
        return request.poa
    except PowerOfAttorney.DoesNotExist:
        return None


def _money_refusals(poa: PowerOfAttorney, national_ids) -> list[str]:
    """Article 46: a debtor under the stop of POAs over money cannot give one with money clauses."""
    money = [clause.text for clause in poa.clauses.all() if clause.money]
    if not money:
        return []
    return [
        _(
            "The principal with ID %(id)s is under the enforcement measure “stop of issuing powers of "
            "attorney over money” (request %(reference)s), so this power of attorney cannot include: "
            "%(clauses)s. Remove these clauses, or issue it once the measure is lifted."
        )
        % {"id": national_id, "reference": reference, "clauses": list_text(money)}
        for national_id, reference in poa_stops_against(national_ids).items()
    ]


def poa_check(request) -> list[str]:
    """What stops the POA from being issued, beyond the steps' own forms."""
    problems = []
    if request.represented_id:
        problems.append(_("A power of attorney is issued by the principal in person."))
    poa = PowerOfAttorney.objects.filter(request=request).first()
    principals = principal_parties(request)
    agents = agent_parties(request)
    if not agents:
        problems.append(_("Add at least one agent."))
    if len(principals) > MAX_PRINCIPALS:
        problems.append(
            ngettext(
                "A power of attorney has at most %(count)d principal.",
                "A power of attorney has at most %(count)d principals.",
                MAX_PRINCIPALS,
            )
            % {"count": MAX_PRINCIPALS}
        )
    if poa is None:
        return problems
    if poa.ends_on > latest_end() or poa.ends_on <= timezone.localdate():
        problems.append(_("The end date must be after today and at most one year ahead."))
    if poa.poa_type == PoaType.JUDICIAL:
        for agent in agents:
            if agent.user is None or Role.LAWYER not in roles_of(agent.user):
                problems.append(
                    _(
                        "%(name)s holds no active lawyer licence: a judicial power of attorney goes to a lawyer."
                    )
                    % {"name": agent.name or agent.id_number}
                )
    if poa.poa_type == PoaType.BUSINESS and not (poa.company_name and poa.commercial_register):
        problems.append(_("Give the company's name and commercial register number."))
    problems += _money_refusals(poa, [party.id_number for party in principals])
    return problems


# --- Submitting: the co-principals' answers, then the document ---------------------------------------


def poa_consented(*, request, actor) -> None:
    """Every other principal accepted (or there was none to ask): the POA is issued, or a business
    representative's goes to the notary."""
    poa = PowerOfAttorney.objects.get(request=request)
    if poa.poa_type == PoaType.BUSINESS:
        request_transition(request=request, to=Status.IN_PROGRESS, actor=None)
    else:
        request_transition(request=request, to=Status.COMPLETED, actor=None)


def _everyone(request: Request) -> list[Party]:
    return list(request.parties.select_related("user"))


def _issued_parties(request: Request) -> list[IssuedParty]:
    return [
        IssuedParty(
            party.role, party.id_number, party.name or (party.user and registry_name(party.user)) or ""
        )
        for party in request.parties.select_related("user")
    ]


def _at(day: datetime.date, hour: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _start_at(request: Request, kind: str, when: datetime.datetime) -> None:
    now = timezone.now()
    if when > now:
        deadline = deadline_start(request=request, kind=kind, after=when - now)
        # deadline_start reads the clock again, a few microseconds on: due at the hour exactly, so
        # that the 09:00 sweep sends the 09:00 notice.
        deadline.due_at = when
        deadline.save(update_fields=["due_at"])


def poa_issue(*, request, change, service) -> None:
    """Engine hook on completion: the POA enters the core registry with its PDF, its end is
    scheduled (a notice a week before and on the last day, the expiry the next midnight), and every
    party is told."""
    poa = PowerOfAttorney.objects.select_for_update().get(request=request)
    poa.document = document_issue(
        kind=POA_KIND,
        request=request,
        parties=_issued_parties(request),
        actor=change.actor,
        details={"poa_type": poa.poa_type, "ends_on": poa.ends_on.isoformat()},
    )
    poa.save(update_fields=["document"])
    representations_changed()
    _start_at(request, ENDING_NOTICE, _at(poa.ends_on - timedelta(days=7), NOTICE_HOUR))
    _start_at(request, LAST_DAY_NOTICE, _at(poa.ends_on, NOTICE_HOUR))
    _start_at(request, EXPIRY, _at(poa.ends_on + timedelta(days=1)))
    notify_event(
        event="poa_issued",
        request=request,
        recipients=_everyone(request),
        params={"number": poa.document.number, "until": poa.ends_on},
    )


# --- Revocation and withdrawal ----------------------------------------------------------------------


def _holds_role(party: Party, user) -> bool:
    return party.user_id == user.pk or (party.user_id is None and party.id_number == user.national_id)


def _locked_in_force(request: Request) -> PowerOfAttorney:
    poa = (
        PowerOfAttorney.objects.select_for_update(of=("self",))
        .select_related("document")
        .get(request=request)
    )
    if (
        request.status != Status.COMPLETED
        or poa.document is None
        or poa.document.status not in IN_FORCE
        or poa.ends_on < timezone.localdate()
    ):
        raise TransitionForbidden(_("This power of attorney is no longer in force."))
    return poa


def is_principal(request: Request, user) -> bool:
    return any(_holds_role(party, user) for party in principal_parties(request))


def active_agents(request: Request) -> list[Party]:
    return [party for party in agent_parties(request) if not hasattr(party, "poa_end")]


def _in_force_now(request: Request) -> bool:
    poa = _poa(request)
    return (
        poa is not None
        and request.status == Status.COMPLETED
        and poa.document is not None
        and poa.document.status in IN_FORCE
        and poa.ends_on >= timezone.localdate()
    )


def may_revoke(request: Request, user) -> bool:
    return _in_force_now(request) and is_principal(request, user)


def may_withdraw(request: Request, user) -> bool:
    return _in_force_now(request) and any(_holds_role(party, user) for party in active_agents(request))


def poa_revoke(*, request: Request, actor, agent_pk: int | None = None) -> IssuedDocument:
    """A principal ends the POA (``agent_pk`` None) or one agent's authority, at once. Returns the
    revocation certificate."""
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        poa = _locked_in_force(locked)
        if not is_principal(locked, actor):
            raise TransitionForbidden(_("Only a principal may revoke this power of attorney."))
        agents = active_agents(locked)
        ending = agents if agent_pk is None else [agent for agent in agents if agent.pk == agent_pk]
        if not ending:
            raise TransitionForbidden(_("This agent's authority has already ended."))
        return _end_agents(
            locked, poa, ending, actor=actor, kind=AgentEnd.Kind.REVOKED, remaining=len(agents) - len(ending)
        )


def poa_withdraw(*, request: Request, actor) -> IssuedDocument:
    """An agent steps down: his authority ends at once, the principals are told."""
    with transaction.atomic():
        locked = Request.objects.select_for_update().get(pk=request.pk)
        poa = _locked_in_force(locked)
        agents = active_agents(locked)
        ending = [agent for agent in agents if _holds_role(agent, actor)]
        if not ending:
            raise TransitionForbidden(_("You are not an agent in force on this power of attorney."))
        return _end_agents(
            locked,
            poa,
            ending,
            actor=actor,
            kind=AgentEnd.Kind.WITHDRAWN,
            remaining=len(agents) - len(ending),
        )


def _end_agents(request, poa, ending, *, actor, kind, remaining: int) -> IssuedDocument:
    now = timezone.now()
    whole = remaining == 0
    certificate = document_issue(
        kind=REVOCATION_KIND,
        request=request,
        parties=_issued_parties(request),
        actor=actor,
        details={
            "poa_number": poa.document.number,
            "kind": kind,
            "whole": whole,
            "agents": [{"name": agent.name, "id": agent.id_number} for agent in ending],
        },
    )
    representations_changed()
    AgentEnd.objects.bulk_create(
        AgentEnd(poa=poa, party=agent, kind=kind, at=now, by=actor, certificate=certificate)
        for agent in ending
    )
    names = list_text(agent.name or agent.id_number for agent in ending)
    if whole:
        reason = (
            _("Revoked by a principal.") if kind == AgentEnd.Kind.REVOKED else _("The last agent withdrew.")
        )
        document_set_status(
            document=poa.document, status=IssuedDocument.Status.REVOKED, actor=actor, reason=reason
        )
        Deadline.objects.filter(
            request=request, kind__in=[ENDING_NOTICE, LAST_DAY_NOTICE, EXPIRY], state="pending"
        ).update(state=Deadline.State.CANCELLED)
    else:
        document_set_status(
            document=poa.document,
            status=IssuedDocument.Status.PARTIALLY_TERMINATED,
            actor=actor,
            reason=_("Ended for: %(names)s.") % {"names": names},
        )
    notify_event(
        event="poa_revoked" if whole else "poa_agent_ended",
        request=request,
        recipients=_everyone(request),
        params={"number": poa.document.number, "certificate": certificate.number, "agent": names},
    )
    return certificate


# --- The end date ------------------------------------------------------------------------------------


def ending_notice(*, deadline: Deadline) -> None:
    poa = PowerOfAttorney.objects.select_related("document").get(request_id=deadline.request_id)
    if poa.document is None or poa.document.status not in IN_FORCE:
        return
    request = deadline.request
    # The deadline's kind says which notice it is: a sweep that runs late (or a clock moved in a
    # test) must not turn the week's notice into the last day's, nor the other way round.
    notify_event(
        event="poa_ends_today" if deadline.kind == LAST_DAY_NOTICE else "poa_ending",
        request=request,
        recipients=_everyone(request),
        params={"number": poa.document.number, "until": poa.ends_on},
    )


def expire(*, deadline: Deadline) -> None:
    poa = PowerOfAttorney.objects.select_related("document").get(request_id=deadline.request_id)
    if poa.document is None or poa.document.status not in IN_FORCE:
        return
    representations_changed()
    document_set_status(
        document=poa.document,
        status=IssuedDocument.Status.EXPIRED,
        reason=_("The end date passed."),
    )


# --- Replicating ----------------------------------------------------------------------------------------


def poa_replicate(*, request: Request, actor, start_token) -> Request:
    """A new draft with the type and the still-offered clauses of ``request``, for one of its
    principals to issue again (to the same or other agents)."""
    from requests_tracker.services import request_start

    if not is_principal(request, actor):
        raise TransitionForbidden(_("Only a principal may replicate this power of attorney."))
    source = PowerOfAttorney.objects.get(request=request)
    with transaction.atomic():
        draft = request_start(service=request.service, applicant=actor, start_token=start_token)
        if not PowerOfAttorney.objects.filter(request=draft).exists():
            poa = PowerOfAttorney.objects.create(
                request=draft,
                poa_type=source.poa_type,
                may_delegate=source.may_delegate,
                ends_on=latest_end(),
                company_name=source.company_name,
                commercial_register=source.commercial_register,
            )
            poa.clauses.set(source.clauses.filter(active=True))
    return draft
