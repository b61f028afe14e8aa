import itertools

import pytest
from django.utils import translation

from identity.roles import Role
from requests_tracker.errors import DecisionRequired, TransitionForbidden, TransitionNotDeclared
from requests_tracker.models import Status, StatusChange
from requests_tracker.registry import SYSTEM, Transition, Workflow, service_registry
from requests_tracker.services import request_transition

from ..conftest import TEST_WORKFLOW
from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db

DECLARED = {(source, t.target) for t in TEST_WORKFLOW.transitions for source in t.source}
UNDECLARED = [pair for pair in itertools.permutations(Status.values, 2) if pair not in DECLARED]


def _put_in(request, status):
    """Place a request in ``status`` for a test, as a migration of old data would."""
    type(request).objects.filter(pk=request.pk).update(status=status)
    request.refresh_from_db()
    return request


@pytest.mark.parametrize(("source", "target"), UNDECLARED)
def test_every_undeclared_transition_is_refused_with_a_clear_error(source, target, citizen):
    request = _put_in(RequestFactory(applicant=citizen), source)
    superuser = UserFactory(is_superuser=True, is_staff=True)

    with translation.override("en"):
        with pytest.raises(TransitionNotDeclared) as refusal:
            request_transition(request=request, to=target, actor=superuser)
        assert (
            f"“{Status(source).label}” cannot be moved to “{Status(target).label}”" in refusal.value.message
        )
    request.refresh_from_db()
    assert request.status == source
    assert not StatusChange.objects.filter(request=request).exists()


def test_refusal_speaks_arabic_by_default(draft, citizen):
    with pytest.raises(TransitionNotDeclared) as refusal, translation.override("ar"):
        request_transition(request=draft, to=Status.COMPLETED, actor=citizen)
    assert "لا يمكن" in refusal.value.message


def test_applicant_submits_and_the_history_records_who_and_when(draft, citizen):
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen, note="  first filing ")

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.submitted_at is not None
    change = draft.history.get()
    assert (change.from_status, change.to_status) == (Status.DRAFT, Status.SUBMITTED)
    assert change.actor == citizen
    assert change.actor_role == "applicant"
    assert change.note == "first filing"


def test_a_role_without_the_permission_is_refused(draft, citizen, clerk, judge):
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)

    # The judge's role is not the one that starts a review; a stranger is no applicant.
    for outsider in (judge, UserFactory()):
        with pytest.raises(TransitionForbidden):
            request_transition(request=draft, to=Status.UNDER_REVIEW, actor=outsider)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED

    request_transition(request=draft, to=Status.UNDER_REVIEW, actor=clerk)
    draft.refresh_from_db()
    assert draft.status == Status.UNDER_REVIEW
    assert draft.history.last().actor_role == Role.ENFORCEMENT_CLERK


def test_a_clerk_cannot_act_as_the_applicant_of_someone_elses_request(draft, clerk):
    with pytest.raises(TransitionForbidden):
        request_transition(request=draft, to=Status.SUBMITTED, actor=clerk)


def test_a_group_member_who_is_no_longer_staff_is_refused(draft, citizen, clerk):
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    clerk.is_staff = False
    clerk.save()
    with pytest.raises(TransitionForbidden):
        request_transition(request=draft, to=Status.UNDER_REVIEW, actor=clerk)


def test_returning_needs_a_reason_the_applicant_can_read(draft, citizen, clerk):
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    request_transition(request=draft, to=Status.UNDER_REVIEW, actor=clerk)

    # An internal note is no reason: the applicant never reads it.
    with pytest.raises(DecisionRequired):
        request_transition(request=draft, to=Status.RETURNED, actor=clerk, decision="   ", note="Call him.")

    request_transition(
        request=draft,
        to=Status.RETURNED,
        actor=clerk,
        decision="Attach the signed contract.",
        note="Second return this month.",
    )
    change = draft.history.last()
    assert (change.decision, change.note) == ("Attach the signed contract.", "Second return this month.")


def test_a_step_without_a_declared_decision_carries_none_from_a_person(draft, citizen, clerk):
    request_transition(request=draft, to=Status.SUBMITTED, actor=citizen, decision="I decide.")
    assert draft.history.last().decision == ""


def test_only_the_system_or_the_judge_completes(draft, citizen):
    _put_in(draft, Status.IN_EXECUTION)
    with pytest.raises(TransitionForbidden):
        request_transition(request=draft, to=Status.COMPLETED, actor=citizen)

    request_transition(request=draft, to=Status.COMPLETED, actor=None)
    change = draft.history.get()
    assert change.actor is None and change.actor_role == SYSTEM


def test_hooks_run_on_entering_a_state_inside_the_transaction(draft, citizen, test_service):
    seen = []

    def hook(*, request, change, service):
        seen.append((request.reference, change.to_status, service.code))

    service_registry.on_transition(hook)
    try:
        request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    finally:
        service_registry._listeners.remove(hook)

    assert seen == [(draft.reference, Status.SUBMITTED, "test_service")]


def test_a_failing_hook_rolls_the_transition_back(draft, citizen, test_service):
    def failing_hook(**kwargs):
        raise RuntimeError("notification store unavailable")

    service_registry.on_transition(failing_hook)
    try:
        with pytest.raises(RuntimeError):
            request_transition(request=draft, to=Status.SUBMITTED, actor=citizen)
    finally:
        service_registry._listeners.remove(failing_hook)

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not draft.history.exists()


def test_a_workflow_declaring_the_same_step_twice_is_rejected_at_start_up():
    with pytest.raises(ValueError, match="declared twice"):
        Workflow(
            transitions=(
                Transition(Status.DRAFT, Status.SUBMITTED, by={"applicant"}, label="a"),
                Transition([Status.RETURNED, Status.DRAFT], Status.SUBMITTED, by={"applicant"}, label="b"),
            )
        )


def test_a_service_may_name_a_status_its_own_way(draft, test_service):
    assert draft.get_status_display() == str(Status.DRAFT.label)
    service_registry.unregister(test_service.code)
    renamed = service_registry.register(
        type(test_service)(**{**test_service.__dict__, "status_labels": {Status.DRAFT: "Not yet filed"}})
    )
    assert draft.get_status_display() == "Not yet filed"
    service_registry.unregister(renamed.code)
    service_registry.register(test_service)


def test_reference_numbers_carry_the_service_prefix_and_hijri_year(citizen):
    first = RequestFactory(applicant=citizen)
    second = RequestFactory(applicant=citizen)
    prefix, year, number = first.reference.split("-")
    assert prefix == "TST"
    assert 1440 < int(year) < 1500
    assert second.reference == f"TST-{year}-{int(number) + 1:06d}"
