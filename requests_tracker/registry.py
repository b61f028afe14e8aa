"""The service registry: each domain app declares its services here from its AppConfig.ready().

The core never imports a domain app. A domain describes a service (code, reference prefix,
group, workflow as data) and registers it; the engine, the admin queues and the pages read it back.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .calendar import Period
from .models import Status

if TYPE_CHECKING:
    from .models import Request, StatusChange

# Who may take a step, besides the staff roles of identity.roles.Role.
APPLICANT = "applicant"
SYSTEM = "system"

Hook = Callable[..., Any]

# What a service that declares no execution period promises: five working days (DESIGN §2.2).
SERVICE_LEVEL_PERIOD = Period.working_days(5)
"""Called as hook(request=..., change=..., service=...) inside the transaction of the transition."""


class ServiceGroup(models.TextChoices):
    LAWSUITS = "lawsuits", _("Lawsuits")
    ENFORCEMENT = "enforcement", _("Enforcement")
    POWERS_OF_ATTORNEY = "powers_of_attorney", _("Powers of attorney")
    NOTARIZATION = "notarization", _("Notarization")
    DOCUMENTS = "documents", _("Documents and proofs")
    FAMILY = "family", _("Family")


@dataclass(frozen=True, init=False)
class Transition:
    """One declared step: from any of ``source`` to ``target``, taken by one of ``by``.

    ``decision`` names the legal text the step carries (the text of an execution order, the reasons
    for a return or a rejection): the step cannot be taken without it, it is stored with the step,
    and the parties read it where their view of the request shows the timeline or the service's
    section. Staff may add an internal note to any step; no party ever reads that.
    """

    source: frozenset[str]
    target: str
    by: frozenset[str]
    label: Any
    decision: Any = None
    own_form: bool = False

    def __init__(
        self,
        source: Iterable[str] | str,
        target: str,
        *,
        by: Iterable[str],
        label,
        decision=None,
        own_form: bool = False,
    ):
        object.__setattr__(self, "source", frozenset([source] if isinstance(source, str) else source))
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "by", frozenset(by))
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "decision", decision)
        # Taken through the service's own form, which gathers what the step needs (a registration's
        # circuit and first hearing, a judgment's reasoning and ruling): never a bare button.
        object.__setattr__(self, "own_form", own_form)


@dataclass(frozen=True)
class Workflow:
    transitions: tuple[Transition, ...]
    on_enter: Mapping[str, tuple[Hook, ...]] = field(default_factory=dict)

    def __post_init__(self):
        seen: set[tuple[str, str]] = set()
        for transition in self.transitions:
            for source in transition.source:
                pair = (source, transition.target)
                if pair in seen:
                    raise ValueError(f"Transition {source} → {transition.target} is declared twice.")
                if source == transition.target:
                    raise ValueError(f"Transition {source} → {source} goes nowhere.")
                seen.add(pair)
        statuses = set(Status.values)
        for status in {s for t in self.transitions for s in (*t.source, t.target)} | set(self.on_enter):
            if status not in statuses:
                raise ValueError(f"Unknown status {status!r} in a workflow.")

    def find(self, source: str, target: str) -> Transition | None:
        for transition in self.transitions:
            if source in transition.source and transition.target == target:
                return transition
        return None

    def leaving(self, source: str) -> list[Transition]:
        return [t for t in self.transitions if source in t.source]

    def is_final(self, status: str) -> bool:
        """No step leaves ``status``: reaching it cannot be undone, so people confirm the step first."""
        return not self.leaving(status)

    def irreversible(self, transition: Transition) -> bool:
        return self.is_final(transition.target)

    @property
    def statuses(self) -> list[str]:
        used = {s for t in self.transitions for s in (*t.source, t.target)}
        return [status for status in Status.values if status in used]


@dataclass(frozen=True)
class DetailStep:
    """One page of a service's filing wizard: a form, how to fill it from a request, how to save it.

    ``load(request) -> dict`` gives the form's initial data; ``save(request=, data=, actor=)`` stores
    the cleaned data (in the domain's detail model, through the domain's service function).
    """

    slug: str
    title: Any
    form_class: type
    load: Callable[..., dict]
    save: Callable[..., None]


@dataclass(frozen=True)
class RequiredDocument:
    kind: str
    label: Any
    required: bool = True


@dataclass(frozen=True)
class ServiceLink:
    """A further page of a service, listed under it in the catalogue (an inquiry by number)."""

    label: Any
    url_name: str
    signed_in: bool = True


@dataclass(frozen=True)
class PartyView:
    """What another party in one role sees of a request (DESIGN §3), declared by its service: only in
    ``statuses`` (from the step that legally involves them), and only ``sections`` of it
    (``requests_tracker.access.Section`` names, or the service's own), with the answers of ``steps``."""

    statuses: frozenset[str]
    sections: frozenset[str] = frozenset()
    steps: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Consenting:
    """The other parties a service asks to accept a submitted request, each with a one-time code
    sent to their registered mobile, within ``window`` (``requests_tracker.consents``).

    Once the last of them accepts, ``then(request=, actor=)`` runs in the same transaction (the
    power of attorney is issued, the contract goes to the notary); one rejection rejects the
    request; the window's end with answers still awaited cancels it. Each of these is told through
    the service's events: ``asked`` to those asked, ``rejected`` and ``lapsed`` to every party.
    """

    roles: frozenset[str]
    then: Callable[..., None]
    title: Any
    intro: Any
    window: timedelta = timedelta(hours=48)
    asked: str = "consent_requested"
    rejected: str = "consent_rejected"
    lapsed: str = "consent_lapsed"


@dataclass(frozen=True)
class Service:
    code: str
    prefix: str
    name: Any
    group: str
    workflow: Workflow
    status_labels: Mapping[str, Any] = field(default_factory=dict)
    description: Any = ""
    # What the catalogue tells a person before they start.
    audience: Any = ""
    requirements: tuple = ()
    duration: Any = ""
    links: tuple[ServiceLink, ...] = ()
    # The filing wizard: parties (by role; empty means none), detail steps, documents.
    party_roles: tuple[str, ...] = ()
    # The roles the applicant's own side may also be named in (a husband filing his marriage).
    applicant_roles: frozenset[str] = frozenset()
    unregistered_parties_allowed: bool = True
    steps: tuple[DetailStep, ...] = ()
    required_documents: tuple[RequiredDocument, ...] = ()
    # The statuses on whose entry the other parties are told (a defendant on registration).
    notify_parties_on: frozenset = frozenset()
    # What each other party's role sees, and from when; a role not named here sees nothing.
    party_views: Mapping[str, PartyView] = field(default_factory=dict)
    # What the person is told to expect in each status, beyond the shared wording.
    guidance: Mapping[str, Any] = field(default_factory=dict)
    # How long "in execution" lasts before its deadline falls due: the service's own target in
    # working days, unless the law sets the period in calendar days (enforcement's Article 46).
    execution_period: Period = SERVICE_LEVEL_PERIOD
    # Whether the engine starts that period's deadline on entering "in execution"; a service that
    # runs a clock per party from each one's notice (enforcement) starts its own.
    execution_clock: bool = True
    # Statuses that are stages of another for the timers: a deadline started in one lives on in the
    # others (enforcement's "partially executed" and "grace granted" are stages of "in execution").
    stages: Mapping[str, str] = field(default_factory=dict)
    # What else stops a request from being submitted, in the applicant's words (a translation of a
    # foreign instrument).
    check: Callable[..., list[str]] = lambda request: []
    # What the applicant confirms with a one-time code sent to their registered mobile before the
    # request is submitted ("issuing this power of attorney"), or None when submitting is enough.
    confirmation: Any = None
    # What follows a submission in the same transaction (a power of attorney with no other
    # principal to wait for is issued at once): ``after_submit(request=, actor=)``.
    after_submit: Callable[..., None] = lambda *, request, actor: None
    # The other parties who accept the submitted request with their own code, or None.
    consenting: Consenting | None = None
    # Whether citizens start it in the wizard; a deed registered by a court or a ma'zoun is not.
    startable: bool = True
    # The service's own part of the request page: (template name, context) for a
    # ``requests_tracker.access.Viewer``, or None.
    page_section: Callable[..., tuple[str, dict] | None] = lambda request, viewer: None

    def status_label_lazy(self, status: str):
        """The status as this service names it, still to be translated (for a recipient's language)."""
        return self.status_labels.get(status) or Status(status).label

    def status_label(self, status: str) -> str:
        return str(self.status_label_lazy(status))

    def stage(self, status: str) -> str:
        """The status whose timers run while a request is in ``status``."""
        return self.stages.get(status, status)

    def matches(self, query: str) -> bool:
        """Whether the service's name or description mention ``query``, in Arabic or in English."""
        texts = []
        for language in ("ar", "en"):
            with override(language):
                texts += [
                    str(part) for part in (self.name, self.description, self.audience, *self.requirements)
                ]
        return query.casefold() in " ".join(texts).casefold()


class ServiceRegistry:
    def __init__(self) -> None:
        self._services: dict[str, Service] = {}
        self._listeners: list[Hook] = []

    def register(self, service: Service) -> Service:
        if service.code in self._services:
            raise ValueError(f"Service {service.code!r} is registered twice.")
        if any(s.prefix == service.prefix for s in self._services.values()):
            raise ValueError(f"Reference prefix {service.prefix!r} is taken.")
        if not (2 <= len(service.prefix) <= 5 and service.prefix.isalpha() and service.prefix.isupper()):
            raise ValueError("A reference prefix is 2 to 5 capital letters.")
        self._services[service.code] = service
        return service

    def unregister(self, code: str) -> None:
        self._services.pop(code, None)

    def get(self, code: str) -> Service:
        try:
            return self._services[code]
        except KeyError:
            raise LookupError(f"No service {code!r} is registered.") from None

    def all(self) -> list[Service]:
        return list(self._services.values())

    def on_transition(self, listener: Hook) -> Hook:
        """Subscribe a core listener (notifications, deadlines) to every transition of every service."""
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener

    def hooks_for(self, service: Service, target: str) -> list[Hook]:
        return [*self._listeners, *service.workflow.on_enter.get(target, ())]


service_registry = ServiceRegistry()


@dataclass(frozen=True)
class NavLink:
    """A page a domain adds to the header for signed-in people (My POAs), or only for ``roles``
    (a lawyer's clients)."""

    label: Any
    url_name: str
    roles: frozenset[str] = frozenset()


nav_links: list[NavLink] = []


def register_nav_link(link: NavLink) -> NavLink:
    if link not in nav_links:
        nav_links.append(link)
    return link


def run_hooks(*, request: "Request", change: "StatusChange", service: Service) -> None:
    for hook in service_registry.hooks_for(service, change.to_status):
        hook(request=request, change=change, service=service)


def refill_when_empty(*, model: str, migration: str) -> Hook:
    """A post_migrate receiver that runs a data migration's ``seed(apps, schema_editor)`` again when
    ``model`` ("app_label.Model") has no row: a catalogue seeded by migration comes back after a
    database is emptied without migrating (``flush``, as between transactional tests). A catalogue
    holding any row is left as the ministry edited it."""
    from importlib import import_module

    def refill(sender, apps=None, using="default", **kwargs) -> None:
        if apps is None:  # flush sends no migration state: the models as they are
            from django.apps import apps
        if not apps.get_model(model).objects.using(using).exists():
            import_module(migration).seed(apps, None)

    return refill
