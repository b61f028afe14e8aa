"""Who sees what (DESIGN §3): the one module that answers, for the portal's pages, its downloads and
htmx partials, and for the staff queues in the admin. Nothing else decides who sees what.

A request is seen from one of three sides:

* the applicant's side: who filed it, the person it was filed for, and whoever acts for either of
  them under a representation a domain vouches for (a lawyer under a valid power of attorney). They
  see everything, drafts included for the one who wrote them;
* another party (a debtor, a defendant): only in the statuses its service declares for that party's
  role (``Service.party_views``), and then only the sections declared there. A role the service
  does not declare sees nothing;
* staff: the queues of the services where one of their roles takes a step (every service for a
  supervisor), never a draft.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from identity.roles import Role, roles_of

from .models import Document, Party, PartyRole, Request, Status
from .registry import Service, service_registry


class Section(StrEnum):
    """The parts of a request a viewer may be given; a service may name more of its own."""

    PARTIES = "parties"
    DETAILS = "details"  # the answers of every detail step (a party view may name single steps)
    DOCUMENTS = "documents"  # what the applicant's side uploaded
    REQUIREMENTS = "requirements"  # documents or information the staff asked for, and the answers
    INTERVIEWS = "interviews"
    HISTORY = "history"  # the timeline, with the staff's notes to the applicant
    THREAD = "thread"  # the message thread and its attachments
    ISSUED = "issued"  # documents the portal issued on the request


@dataclass(frozen=True)
class Representation:
    """``principal_id`` has let the viewer act for them on ``services`` (None: every service)."""

    principal_id: int
    services: frozenset[str] | None = None

    def covers(self, service: str) -> bool:
        return self.services is None or service in self.services


RepresentationProvider = Callable[..., Iterable[Representation]]
_representation_providers: list[RepresentationProvider] = []


def add_representation_provider(provider: RepresentationProvider) -> RepresentationProvider:
    """Let a domain say for whom ``user`` acts: ``provider(user)`` yields Representations (the POA
    app: a lawyer's clients whose valid power of attorney covers the service)."""
    if provider not in _representation_providers:
        _representation_providers.append(provider)
    representations_changed()
    return provider


def remove_representation_provider(provider: RepresentationProvider) -> None:
    if provider in _representation_providers:
        _representation_providers.remove(provider)
    representations_changed()


# Bumped whenever a representation may have begun or ended (a POA issued or revoked, a decree made
# final): the answer kept on a user object is good until then. A user object lives for one HTTP
# request, so a change in another process is seen from the next request on.
_generation = [0]


def representations_changed() -> None:
    _generation[0] += 1


def representations(user) -> list[Representation]:
    """The user as themselves, then everyone they act for: asked by every access check, so asked of
    the domains once per user object until a representation changes."""
    # Kept for this generation and this day: a POA ends with its date, whatever the sweep has done.
    key = (_generation[0], timezone.localdate())
    kept = getattr(user, "_representations", None)
    if kept is not None and kept[0] == key:
        return kept[1]
    found = [Representation(user.pk)] + [
        found for provider in _representation_providers for found in provider(user)
    ]
    user._representations = (key, found)
    return found


def acts_for(user, principal, service: str) -> bool:
    """Whether ``user`` may act for ``principal`` on ``service``: themselves, or under a domain's
    representation (the filing wizard asks before a lawyer files for a client)."""
    return _acts_for_id(user, principal.pk, service)


def _acts_for_id(user, principal_id: int, service: str) -> bool:
    return any(r.principal_id == principal_id and r.covers(service) for r in representations(user))


def files_for(request: Request, user) -> bool:
    """Whether ``user`` stands as the one filing ``request``: its author filing for themselves, or
    for someone they still act for. A lawyer whose power of attorney was revoked or expired is no
    longer that, on the requests he filed too."""
    if not user.is_authenticated or request.applicant_id != user.pk:
        return False
    return request.represented_id is None or _acts_for_id(user, request.represented_id, request.service)


@dataclass(frozen=True)
class Viewer:
    """One user looking at one request: from which side, in which party roles, and what they see."""

    user: object
    applicant_side: bool = False
    staff: bool = False
    party_roles: frozenset[str] = frozenset()
    sections: frozenset[str] = frozenset()
    steps: frozenset[str] | None = None  # detail steps shown when DETAILS is not given whole

    @property
    def everything(self) -> bool:
        return self.applicant_side or self.staff

    def sees(self, section: str) -> bool:
        return self.everything or section in self.sections

    def sees_step(self, slug: str) -> bool:
        return self.sees(Section.DETAILS) or (self.steps is not None and slug in self.steps)

    def is_party(self, role: str) -> bool:
        return role in self.party_roles


# --- The portal: citizens, lawyers and other parties -----------------------------------------------


def _party_views_condition() -> Q:
    """Party rows through which their user sees the request: each service's declared roles, in the
    statuses declared for them."""
    condition = Q(pk__in=[])
    for service in service_registry.all():
        for role, view in service.party_views.items():
            condition |= Q(role=role, request__service=service.code, request__status__in=view.statuses)
    return condition


def _ways_in(user, only: set[int] | None = None) -> list[QuerySet]:
    """The ids of the requests ``user`` may open, one indexed look-up per way in: what they filed
    (drafts too: a draft is its author's alone), then for themselves and everyone they act for,
    what was filed by or for that person and what names them as a party the service lets see it.
    United, never ORed: an OR across these columns makes PostgreSQL read the whole table."""
    ways_in = [
        Request.objects.filter(applicant=user, represented__isnull=True)
        .values_list("pk", flat=True)
        .order_by()
    ]
    if only is not None:  # only as someone acting for these people
        ways_in = []
    seen_through = _party_views_condition()
    # Everyone acted for on the same services is looked up together: a lawyer with two hundred
    # clients asks four questions per scope, not four per client.
    scopes: dict[frozenset[str] | None, list[int]] = {}
    for representation in representations(user):
        if only is None or representation.principal_id in only:
            scopes.setdefault(representation.services, []).append(representation.principal_id)
    for services, principals in scopes.items():
        scope = Q() if services is None else Q(service__in=services)
        after_filing = Request.objects.filter(scope).exclude(status=Status.DRAFT)
        clients = [principal for principal in principals if principal != user.pk]
        if clients:
            ways_in.append(
                after_filing.filter(applicant_id__in=clients).values_list("pk", flat=True).order_by()
            )
            # Drafts this user writes for a client, while the client's authority lasts.
            ways_in.append(
                Request.objects.filter(scope, applicant=user, represented_id__in=clients, status=Status.DRAFT)
                .values_list("pk", flat=True)
                .order_by()
            )
        ways_in.append(
            after_filing.filter(represented_id__in=principals).values_list("pk", flat=True).order_by()
        )
        party_scope = Q() if services is None else Q(request__service__in=services)
        ways_in.append(
            Party.objects.filter(seen_through, party_scope, user_id__in=principals)
            .exclude(role=PartyRole.APPLICANT)
            .values_list("request_id", flat=True)
            .order_by()
        )
    return ways_in


def requests_for_user(user, *, only: set[int] | None = None) -> QuerySet[Request]:
    """Every request ``user`` may open in the portal (My requests, the request page, its parts); with
    ``only``, those he opens as someone acting for one of these people (a page of a lawyer's clients)."""
    if not user.is_authenticated:
        return Request.objects.none()
    ways_in = _ways_in(user, only)
    if not ways_in:
        return Request.objects.none()
    first, *others = ways_in
    return Request.objects.filter(pk__in=first.union(*others).order_by())


def visible_request_ids(user) -> list[int]:
    """The ids of ``requests_for_user``, read once. A list, not a subquery: PostgreSQL then fetches a
    page's rows by primary key instead of weighing a join against the whole table."""
    if not user.is_authenticated:
        return []
    first, *others = _ways_in(user)
    return list(first.union(*others).order_by())


def _portal_viewer(request: Request, user) -> Viewer | None:
    if not user.is_authenticated:
        return None
    if request.status == Status.DRAFT:
        return Viewer(user, applicant_side=True) if files_for(request, user) else None
    service = service_registry.get(request.service)
    acting_for = {r.principal_id for r in representations(user) if r.covers(request.service)}
    # Filed for someone: whoever acts for that person, the one who filed only while he still does.
    own_side = request.represented_id or request.applicant_id
    if own_side in acting_for:
        return Viewer(user, applicant_side=True)
    roles = set(
        Party.objects.filter(request=request, user_id__in=acting_for)
        .exclude(role=PartyRole.APPLICANT)
        .values_list("role", flat=True)
    )
    views = [
        service.party_views[role]
        for role in roles
        if role in service.party_views and request.status in service.party_views[role].statuses
    ]
    if not views:
        return None
    steps = frozenset().union(*(view.steps for view in views))
    return Viewer(
        user,
        party_roles=frozenset(roles),
        sections=frozenset().union(*(view.sections for view in views)),
        steps=steps,
    )


def viewer_for(request: Request, user) -> Viewer | None:
    """How ``user`` sees ``request`` in the portal, or None when they may not open it."""
    return _portal_viewer(request, user)


def parties_seeing(request: Request, section: str) -> list[Party]:
    """The other parties whose role sees ``section`` of ``request`` in its status: who may be told
    of what happens there (an interview, a hearing)."""
    service = service_registry.get(request.service)
    roles = [
        role
        for role, view in service.party_views.items()
        if request.status in view.statuses and section in view.sections
    ]
    return list(request.parties.filter(role__in=roles).select_related("user"))


def request_and_viewer_or_404(user, pk, *, section: str | None = None) -> tuple[Request, Viewer]:
    """The request and how ``user`` sees it; 404 when they may not open it, or not ``section`` of it.
    One row by its key and the viewer's answer, rather than the list of everything they may open."""
    if not user.is_authenticated:
        raise Http404
    request = get_object_or_404(Request.objects.select_related("applicant", "represented"), pk=pk)
    viewer = viewer_for(request, user)
    if viewer is None or (section is not None and not viewer.sees(section)):
        raise Http404
    return request, viewer


def request_for_user_or_404(user, pk) -> Request:
    return request_and_viewer_or_404(user, pk)[0]


def on_applicant_side(request: Request, user) -> bool:
    """Who filed, the person filed for, or someone acting for either: the side the thread belongs to."""
    viewer = viewer_for(request, user)
    return viewer is not None and viewer.applicant_side


def issued_seen_by(request: Request, viewer: Viewer):
    """The documents issued on ``request`` that ``viewer`` may read: all of them to its own side and
    staff; to another party, those that name him (or someone he acts for) as a party: a debtor reads
    his own Decision 46, not his co-debtor's."""
    from .issuing import issued_for_request

    issued = issued_for_request(request)
    if viewer.everything:
        return issued
    principals = [r.principal_id for r in representations(viewer.user) if r.covers(request.service)]
    national_ids = get_user_model().objects.filter(pk__in=principals).values_list("national_id", flat=True)
    return issued.filter(parties__national_id__in=national_ids).distinct()


def documents_seen_by(request: Request, viewer: Viewer) -> QuerySet[Document]:
    """The uploads of ``request`` this viewer may download: the applicant's documents and the
    answers to requirements with those sections, thread attachments with the thread."""
    documents = Document.objects.filter(request=request)
    if viewer.everything:
        return documents
    allowed = Q(pk__in=[])
    if viewer.sees(Section.DOCUMENTS):
        allowed |= Q(message__isnull=True, requirement__isnull=True)
    if viewer.sees(Section.REQUIREMENTS):
        allowed |= Q(message__isnull=True, requirement__isnull=False)
    if viewer.sees(Section.THREAD):
        allowed |= Q(message__isnull=False)
    return documents.filter(allowed)


def document_for_user_or_404(user, *, request_pk, document_pk) -> Document:
    request, viewer = request_and_viewer_or_404(user, request_pk)
    return get_object_or_404(documents_seen_by(request, viewer), pk=document_pk)


# --- Staff: the queues in the admin --------------------------------------------------------------


def staff_services(user, among: Iterable[str] = ()) -> list[Service]:
    """The services whose queue ``user`` works: those whose workflow gives one of their roles a step
    (a notary never sees enforcement requests); a supervisor, who receives escalations from every
    service, sees them all. ``among`` narrows to a domain's services."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return []
    wanted = set(among)
    services = [s for s in service_registry.all() if not wanted or s.code in wanted]
    roles = roles_of(user)
    if Role.SUPERVISOR in roles:
        return services
    return [s for s in services if any(t.by & roles for t in s.workflow.transitions)]


def staff_requests(user, among: Iterable[str] = (), *, queryset=None) -> QuerySet[Request]:
    """The requests in ``user``'s queues (of ``queryset``, e.g. a domain's proxy): never a draft,
    which is its author's alone."""
    codes = [service.code for service in staff_services(user, among)]
    queryset = Request.objects.all() if queryset is None else queryset
    return queryset.filter(service__in=codes).exclude(status=Status.DRAFT)


def staff_viewer(request: Request, user) -> Viewer | None:
    """How a staff member sees a request of their queue (everything), or None outside it."""
    if request.status == Status.DRAFT or request.service not in {s.code for s in staff_services(user)}:
        return None
    return Viewer(user, staff=True)
