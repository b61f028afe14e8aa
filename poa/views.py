"""The portal's POA pages: its part of the request page, My POAs, a co-principal's answer,
revocation and withdrawal (each confirmed on a page of its own, without JavaScript), replication,
and a lawyer's clients."""

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from requests_tracker.access import request_and_viewer_or_404, requests_for_user
from requests_tracker.errors import RequestError
from requests_tracker.models import IssuedDocument, Party, PartyRole, Request, Status
from requests_tracker.registry import service_registry

from .models import ClauseGroup, PowerOfAttorney
from .selectors import IN_FORCE, POA_SECTION, PRINCIPAL_ROLES, SERVICE, agent_parties_in_force, poas_of
from .services import (
    agent_parties,
    is_principal,
    keep_parties,
    may_revoke,
    may_withdraw,
    poa_replicate,
    poa_revoke,
    poa_withdraw,
    principal_parties,
)

ACCEPT, REJECT = "accept", "reject"
PENDING = "pending"
STANDINGS = {
    IssuedDocument.Status.VALID: gettext_lazy("Valid"),
    IssuedDocument.Status.PARTIALLY_TERMINATED: gettext_lazy("Partially terminated"),
    IssuedDocument.Status.REVOKED: gettext_lazy("Revoked"),
    IssuedDocument.Status.EXPIRED: gettext_lazy("Expired"),
    PENDING: gettext_lazy("Not issued yet"),
}


def standing(poa: PowerOfAttorney | None) -> str:
    """Where a POA stands for its parties: the document's status, expired once its date has passed
    (whether or not the night's sweep has recorded it yet); "pending" before it is issued."""
    if poa is None or poa.document_id is None:
        return PENDING
    status = poa.document.status
    if status in IN_FORCE and poa.ends_on < timezone.localdate():
        return IssuedDocument.Status.EXPIRED
    return status


def _poa_or_404(user, pk, *, section=POA_SECTION) -> tuple[Request, PowerOfAttorney]:
    filed, _viewer = request_and_viewer_or_404(user, pk, section=section)
    if filed.service != SERVICE:
        raise Http404
    poa = PowerOfAttorney.objects.filter(request=filed).select_related("document").first()
    if poa is None:
        raise Http404
    return filed, poa


def page_section(request, viewer):
    """The POA's part of the request page: its standing, clauses and agents, and what ``viewer`` may
    do (answer as a co-principal, revoke, withdraw, replicate)."""
    if not viewer.sees(POA_SECTION):
        return None
    poa = PowerOfAttorney.objects.filter(request=request).select_related("document").first()
    if poa is None:
        return None
    user = viewer.user
    keep_parties(request)
    groups: dict[str, list] = {}
    for clause in poa.clauses.order_by("position"):
        groups.setdefault(ClauseGroup(clause.group).label, []).append(clause.text)
    agents = list(agent_parties(request))
    state = standing(poa)
    context = {
        "poa": poa,
        "standing": state,
        "standing_label": STANDINGS[state],
        "groups": groups,
        "principals": principal_parties(request),
        "agents": [{"party": agent, "end": getattr(agent, "poa_end", None)} for agent in agents],
        "may_revoke": state in IN_FORCE and may_revoke(request, user),
        "may_withdraw": state in IN_FORCE and may_withdraw(request, user),
        "may_replicate": request.status != Status.DRAFT and is_principal(request, user),
    }
    return "poa/section.html", context


@login_required
@require_safe
def mine(request):
    """My POAs: as principal and as agent, each with where it stands, filtered by that."""
    wanted = request.GET.get("standing", "")
    if wanted not in STANDINGS:
        wanted = ""
    rows = []
    for filed in poas_of(request.user):
        poa = getattr(filed, "poa", None)
        state = standing(poa)
        if wanted and state != wanted:
            continue
        rows.append(
            {
                "filed": filed,
                "poa": poa,
                "standing": state,
                "standing_label": STANDINGS[state],
                "as_principal": filed.applicant_id == request.user.pk
                or any(
                    party.role == PartyRole.PRINCIPAL and party.id_number == request.user.national_id
                    for party in filed.parties.all()
                ),
            }
        )
    context = {
        "as_principal": [row for row in rows if row["as_principal"]],
        "as_agent": [row for row in rows if not row["as_principal"]],
        "standings": [(value, label) for value, label in STANDINGS.items()],
        "wanted": wanted,
    }
    return render(request, "poa/mine.html", context)


def _confirmed_end(request, filed, *, title, text, button, act):
    """Ask first; only the confirmation posted from that page acts. No JavaScript needed."""
    if request.method != "POST" or request.POST.get("confirmed") != "yes":
        return render(
            request,
            "poa/confirm_end.html",
            {
                "filed": filed,
                "title": title,
                "text": text,
                "button": button,
                "agent": request.GET.get("agent", ""),
            },
        )
    try:
        certificate = act()
    except RequestError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Done. Revocation certificate %(number)s was issued and every party was told by SMS.")
            % {"number": certificate.number},
        )
    return redirect("request_detail", pk=filed.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def revoke(request, pk):
    filed, poa = _poa_or_404(request.user, pk)
    if not may_revoke(filed, request.user):
        raise Http404
    agent_pk = request.POST.get("agent") or request.GET.get("agent") or None
    agent = None
    if agent_pk:
        agent = next((party for party in agent_parties(filed) if str(party.pk) == agent_pk), None)
        if agent is None:
            raise Http404
    if agent is None:
        title = _("Revoke the whole power of attorney?")
        text = _(
            "Every agent's authority under power of attorney %(number)s ends at once, on the requests they filed "
            "for you too. This cannot be undone: to give authority again you issue a new power of attorney."
        ) % {"number": poa.document.number}
    else:
        title = _("End this agent's authority?")
        text = _(
            "%(name)s will no longer act for you under power of attorney %(number)s, from now on. The other agents "
            "keep theirs. This cannot be undone."
        ) % {"name": agent.name, "number": poa.document.number}
    return _confirmed_end(
        request,
        filed,
        title=title,
        text=text,
        button=_("Yes, revoke"),
        act=lambda: poa_revoke(request=filed, actor=request.user, agent_pk=agent.pk if agent else None),
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, pk):
    filed, poa = _poa_or_404(request.user, pk)
    if not may_withdraw(filed, request.user):
        raise Http404
    return _confirmed_end(
        request,
        filed,
        title=_("Withdraw as agent?"),
        text=_(
            "You will no longer act under power of attorney %(number)s, from now on, and lose access to the "
            "requests you filed under it. The principals are told by SMS. This cannot be undone."
        )
        % {"number": poa.document.number},
        button=_("Yes, withdraw"),
        act=lambda: poa_withdraw(request=filed, actor=request.user),
    )


@login_required
@require_POST
def replicate(request, pk):
    filed, _poa = _poa_or_404(request.user, pk)
    try:
        draft = poa_replicate(request=filed, actor=request.user, start_token=uuid.uuid4())
    except RequestError as error:
        messages.error(request, error.message)
        return redirect("request_detail", pk=filed.pk)
    messages.success(request, _("A new draft was made with the clauses still offered. Choose its agents."))
    return redirect("wizard_step", pk=draft.pk, step="parties")


# Each client's latest requests on the list; the rest are in My requests.
REQUESTS_PER_CLIENT = 5
CLIENTS_PER_PAGE = 10


@login_required
@require_safe
def clients(request):
    """A lawyer's or agent's clients: each principal of a POA in force naming him, what it covers,
    and the client's latest requests he may open (through the one access module). A page of 10
    clients costs the same queries with 20 clients or 2,000."""
    user = request.user
    poa_ids = list(agent_parties_in_force(user).values_list("request_id", flat=True))
    poas_of_client: dict[int, list[int]] = {}
    for client_id, poa_id in (
        Party.objects.filter(request_id__in=poa_ids, role__in=PRINCIPAL_ROLES, user__isnull=False)
        .exclude(user=user)
        .values_list("user_id", "request_id")
    ):
        poas_of_client.setdefault(client_id, []).append(poa_id)
    name = "name_en" if (get_language() or "ar").startswith("en") else "name_ar"
    people = get_user_model().objects.filter(pk__in=poas_of_client).order_by(name, "pk")
    page = Paginator(people, CLIENTS_PER_PAGE).get_page(request.GET.get("page"))
    on_page = {person.pk: person for person in page}
    poas = {
        poa.pk: poa
        for poa in PowerOfAttorney.objects.filter(
            request_id__in=[poa_id for pk in on_page for poa_id in poas_of_client[pk]]
        )
        .select_related("document")
        .prefetch_related("clauses")
    }
    services = {service.code: service for service in service_registry.all()}
    rows = []
    for pk, person in on_page.items():
        held = [poas[poa_id] for poa_id in poas_of_client[pk] if poa_id in poas]
        covered = {code for poa in held for clause in poa.clauses.all() for code in clause.services}
        rows.append(
            {
                "user": person,
                "poas": [
                    {"poa": poa, "clauses": [clause.text for clause in poa.clauses.all()]} for poa in held
                ],
                "file": [services[code] for code in sorted(covered) if code in services],
                "requests": [],
                "more": 0,
            }
        )
    by_pk = {row["user"].pk: row for row in rows}
    client = Coalesce("represented_id", "applicant_id")
    latest = (
        requests_for_user(user, only=set(by_pk))
        .exclude(service=SERVICE)
        .annotate(client=client)
        .filter(client__in=list(by_pk))
        .annotate(
            position=Window(RowNumber(), partition_by=[client], order_by=F("updated_at").desc()),
            total=Window(Count("pk"), partition_by=[client]),
        )
        .filter(position__lte=REQUESTS_PER_CLIENT)
        .order_by("client", "position")
    )
    for filed in latest:
        row = by_pk[filed.client]
        row["requests"].append(filed)
        row["more"] = filed.total - len(row["requests"])
    page.object_list = rows
    return render(request, "poa/clients.html", {"page": page, "count": page.paginator.count})
