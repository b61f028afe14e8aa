"""The other parties' answers to a submitted request (``requests_tracker.consents``): asked by SMS,
each answers with a code sent to their own mobile; one rejection rejects, the last acceptance goes
on, the window's end cancels, an amendment asks everyone again."""

import datetime
import uuid

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from identity.roles import Role
from requests_tracker.access import Section
from requests_tracker.consents import consent_give, consent_purpose, pending_consent
from requests_tracker.deadlines import fire_due
from requests_tracker.errors import TransitionForbidden
from requests_tracker.models import Deadline, IdType, OutboundMessage, PartyConsent, PartyRole, Status
from requests_tracker.registry import (
    APPLICANT,
    SYSTEM,
    Consenting,
    PartyView,
    Service,
    ServiceGroup,
    Transition,
    Workflow,
    service_registry,
)
from requests_tracker.services import (
    request_party_add,
    request_start,
    request_submit,
    request_transition,
    submit_purpose,
)

from ..clients import english_client as browser
from ..factories import UserFactory
from ..poa.helpers import confirm

pytestmark = pytest.mark.django_db

WORKFLOW = Workflow(
    transitions=(
        Transition(Status.DRAFT, Status.SUBMITTED, by={APPLICANT}, label="Submit"),
        Transition(Status.SUBMITTED, Status.IN_PROGRESS, by={SYSTEM}, label="Accepted"),
        Transition(Status.SUBMITTED, Status.REJECTED, by={SYSTEM}, label="Rejected", decision="Who"),
        Transition(Status.IN_PROGRESS, Status.RETURNED, by={Role.NOTARY}, label="Return", decision="Why"),
        Transition(Status.RETURNED, Status.SUBMITTED, by={APPLICANT}, label="Resubmit"),
        Transition(
            [Status.DRAFT, Status.SUBMITTED], Status.CANCELLED, by={APPLICANT, SYSTEM}, label="Cancel"
        ),
    )
)


def _accepted(*, request, actor):
    request_transition(request=request, to=Status.IN_PROGRESS, actor=None)


@pytest.fixture(autouse=True)
def agreed_service():
    service = service_registry.register(
        Service(
            code="agreed_service",
            prefix="AGR",
            name="Agreed service",
            group=ServiceGroup.NOTARIZATION,
            workflow=WORKFLOW,
            party_roles=(PartyRole.WITNESS, PartyRole.OTHER),
            unregistered_parties_allowed=False,
            confirmation="submitting the agreed service",
            consenting=Consenting(
                roles=frozenset({PartyRole.WITNESS}),
                then=_accepted,
                title="Answer",
                intro="You are named in request %(reference)s.",
            ),
            party_views={
                PartyRole.WITNESS: PartyView(
                    statuses=frozenset(Status.values) - {Status.DRAFT}, sections=frozenset({Section.PARTIES})
                )
            },
        )
    )
    yield service
    service_registry.unregister(service.code)


def _submitted(applicant, *witnesses, other=None):
    draft = request_start(service="agreed_service", applicant=applicant, start_token=uuid.uuid4())
    for person, role in [
        *((w, PartyRole.WITNESS) for w in witnesses),
        *([(other, PartyRole.OTHER)] if other else []),
    ]:
        request_party_add(
            request=draft,
            actor=applicant,
            role=role,
            id_type=IdType.NATIONAL_ID,
            id_number=person.national_id,
        )
    confirm(applicant, submit_purpose(draft))
    with TestCase.captureOnCommitCallbacks(execute=True):
        request_submit(request=draft, actor=applicant)
    draft.refresh_from_db()
    return draft


def _answer(user, request, *, accept=True):
    confirm(user, consent_purpose(request))
    consent_give(request=request, actor=user, accept=accept)
    request.refresh_from_db()


def test_each_party_in_the_roles_is_asked_by_sms_and_the_last_acceptance_goes_on():
    applicant, first, second, bystander = UserFactory(), UserFactory(), UserFactory(), UserFactory()
    filed = _submitted(applicant, first, second, other=bystander)
    assert filed.status == Status.SUBMITTED
    asked = set(
        OutboundMessage.objects.filter(event="consent_requested", channel="sms").values_list("to", flat=True)
    )
    assert {first.phone, second.phone} <= asked and bystander.phone not in asked
    assert pending_consent(filed, bystander) is None
    _answer(first, filed)
    assert filed.status == Status.SUBMITTED
    _answer(second, filed)
    assert filed.status == Status.IN_PROGRESS
    assert not Deadline.objects.filter(
        request=filed, state=Deadline.State.PENDING, kind="party_consent"
    ).exists()


def test_an_answer_needs_the_partys_own_code():
    applicant, witness = UserFactory(), UserFactory()
    filed = _submitted(applicant, witness)
    with pytest.raises(TransitionForbidden):
        consent_give(request=filed, actor=witness, accept=True)
    confirm(applicant, consent_purpose(filed))  # the applicant's code is not the witness's
    with pytest.raises(TransitionForbidden):
        consent_give(request=filed, actor=witness, accept=True)
    with pytest.raises(TransitionForbidden):  # and the applicant owes no answer
        consent_give(request=filed, actor=applicant, accept=True)


def test_one_rejection_rejects_the_request_and_names_who():
    applicant, first, second = UserFactory(), UserFactory(), UserFactory()
    filed = _submitted(applicant, first, second)
    _answer(first, filed, accept=False)
    assert filed.status == Status.REJECTED
    assert first.name_ar in filed.history.get(to_status=Status.REJECTED).decision
    with pytest.raises(TransitionForbidden):
        _answer(second, filed)


def test_the_window_ends_with_answers_awaited_and_the_request_lapses():
    applicant, witness = UserFactory(), UserFactory()
    filed = _submitted(applicant, witness)
    fire_due(now=timezone.now() + datetime.timedelta(hours=47))
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED
    fire_due(now=timezone.now() + datetime.timedelta(hours=49))
    filed.refresh_from_db()
    assert filed.status == Status.CANCELLED
    assert OutboundMessage.objects.filter(event="consent_lapsed", to=witness.phone).exists()


def test_an_amended_request_asks_everyone_again():
    applicant, witness, notary = UserFactory(), UserFactory(), UserFactory(roles=[Role.NOTARY])
    filed = _submitted(applicant, witness)
    _answer(witness, filed)
    request_transition(request=filed, to=Status.RETURNED, actor=notary, decision="Fix the name")
    confirm(applicant, submit_purpose(filed))
    request_submit(request=filed, actor=applicant)
    filed.refresh_from_db()
    assert filed.status == Status.SUBMITTED
    assert PartyConsent.objects.get(request=filed).decision == PartyConsent.Decision.PENDING


def test_the_answer_page_is_the_asked_partys_alone():
    applicant, witness, stranger = UserFactory(), UserFactory(), UserFactory()
    filed = _submitted(applicant, witness)
    url = reverse("consent_answer", args=[filed.pk])
    assert browser(stranger).get(url).status_code == 404
    assert browser(applicant).get(url).status_code == 404
    page = browser(witness).get(reverse("request_detail", args=[filed.pk]))
    assert url in page.content.decode()
    assert browser(witness).get(url).status_code == 200
