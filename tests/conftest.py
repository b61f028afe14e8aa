import uuid

import pytest
from django.conf import settings
from django.utils import translation

from identity.roles import Role
from requests_tracker.access import (
    Representation,
    Section,
    add_representation_provider,
    remove_representation_provider,
)
from requests_tracker.models import PartyRole, Status
from requests_tracker.registry import (
    APPLICANT,
    SYSTEM,
    PartyView,
    Service,
    ServiceGroup,
    Transition,
    Workflow,
    service_registry,
)

from .factories import RequestFactory, UserFactory

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
postgres_only = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="needs PostgreSQL row locks and concurrent connections; SQLite serialises writers. "
    "Set DATABASE_URL to run it.",
)

TEST_WORKFLOW = Workflow(
    transitions=(
        Transition(Status.DRAFT, Status.SUBMITTED, by={APPLICANT}, label="Submit"),
        Transition(Status.SUBMITTED, Status.UNDER_REVIEW, by={Role.ENFORCEMENT_CLERK}, label="Start review"),
        Transition(
            Status.UNDER_REVIEW,
            Status.RETURNED,
            by={Role.ENFORCEMENT_CLERK},
            label="Return",
            decision="Reasons for the return",
        ),
        Transition(Status.RETURNED, Status.SUBMITTED, by={APPLICANT}, label="Resubmit"),
        Transition(
            Status.UNDER_REVIEW, Status.IN_EXECUTION, by={Role.ENFORCEMENT_JUDGE}, label="Order execution"
        ),
        Transition(
            Status.IN_EXECUTION, Status.COMPLETED, by={SYSTEM, Role.ENFORCEMENT_JUDGE}, label="Complete"
        ),
        Transition([Status.DRAFT, Status.SUBMITTED], Status.CANCELLED, by={APPLICANT}, label="Cancel"),
    )
)


@pytest.fixture(autouse=True)
def isolated_cache(settings):
    """Each test counts sign-in attempts and keeps handoffs in a cache space of its own, also on Redis."""
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the portal's default language: a request in English through the test
    client leaves English active in the thread, which the next test would otherwise inherit."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploads of a test land in its own folder."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def test_service():
    """A service with a small workflow, registered as a domain app would register one."""
    service = service_registry.register(
        Service(
            code="test_service",
            prefix="TST",
            name="Test service",
            group=ServiceGroup.DOCUMENTS,
            workflow=TEST_WORKFLOW,
            # A debtor of the test service sees it once filed: its parties and its documents.
            party_views={
                PartyRole.DEBTOR: PartyView(
                    statuses=frozenset(Status.values) - {Status.DRAFT},
                    sections=frozenset({Section.PARTIES, Section.DOCUMENTS}),
                )
            },
        )
    )
    yield service
    service_registry.unregister(service.code)


@pytest.fixture
def party_service():
    """A service whose filing names a defendant and witnesses (for the parties step)."""
    service = service_registry.register(
        Service(
            code="party_service",
            prefix="PRT",
            name="Party service",
            group=ServiceGroup.LAWSUITS,
            workflow=TEST_WORKFLOW,
            party_roles=(PartyRole.DEFENDANT, PartyRole.WITNESS),
        )
    )
    yield service
    service_registry.unregister(service.code)


@pytest.fixture
def citizen(db):
    return UserFactory()


@pytest.fixture
def clerk(db):
    return UserFactory(roles=[Role.ENFORCEMENT_CLERK])


@pytest.fixture
def judge(db):
    return UserFactory(roles=[Role.ENFORCEMENT_JUDGE])


@pytest.fixture
def draft(citizen):
    return RequestFactory(applicant=citizen)


@pytest.fixture
def representation():
    """``representation(agent, principal, services=None)``: the agent acts for the principal (as a
    valid power of attorney will make it) until the test ends."""
    providers = []

    def grant(agent, principal, services=None):
        scope = None if services is None else frozenset(services)

        def provider(user):
            return [Representation(principal.pk, scope)] if user.pk == agent.pk else []

        providers.append(add_representation_provider(provider))

    yield grant
    for provider in providers:
        remove_representation_provider(provider)


@pytest.fixture
def rendered_html(monkeypatch):
    """The HTML each issued document's PDF was made from (the QR code is an image in it, its link
    the text), as the PDF's text is shaped Arabic that is hard to read back."""
    from requests_tracker import issuing

    pages = []
    real = issuing.document_html

    def spy(document):
        pages.append(real(document))
        return pages[-1]

    monkeypatch.setattr(issuing, "document_html", spy)
    return pages
