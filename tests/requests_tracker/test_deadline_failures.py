"""A deadline whose handler raises fails alone: rolled back, retried with backoff, failed for good
after the last attempt, shown to supervisors, and never holding back the deadlines behind it."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from requests_tracker import deadlines
from requests_tracker.models import Deadline, Notification, Status
from requests_tracker.services import request_transition

from ..conftest import ON_POSTGRES
from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db

FLAKY = "test_flaky"


class HandlerBroke(Exception):
    pass


@pytest.fixture
def broken():
    """Registers the ``test_flaky`` handler: it writes a bell notice, then fails for the requests in
    the returned set by breaking a database constraint (PostgreSQL aborts the transaction there)."""
    failing = set()

    def handler(*, deadline):
        Notification.objects.create(recipient=deadline.request.applicant, request=deadline.request, text="x")
        if deadline.request_id in failing:
            Deadline.objects.create(  # a second live deadline of the kind: IntegrityError
                request=deadline.request, kind=FLAKY, status=Status.DRAFT, due_at=timezone.now()
            )

    deadlines.register_deadline_handler(FLAKY, handler)
    yield failing
    deadlines._handlers.pop((FLAKY, None))


def flaky_deadline(*, minutes_ago: int) -> Deadline:
    request = RequestFactory()
    return Deadline.objects.create(
        request=request,
        kind=FLAKY,
        status=request.status,
        due_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def retry_is_due(deadline):
    """Move the clock past the deadline's backoff."""
    Deadline.objects.filter(pk=deadline.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_a_handler_that_raises_between_two_good_ones_fails_alone_and_leaves_nothing_behind(broken):
    first, bad, last = (flaky_deadline(minutes_ago=m) for m in (3, 2, 1))
    broken.add(bad.request_id)

    assert deadlines.fire_due() == 2
    for deadline in (first, bad, last):
        deadline.refresh_from_db()
    assert first.state == last.state == Deadline.State.DONE, "the rows behind it fired on time"
    assert bad.state == Deadline.State.PENDING and bad.attempts == 1
    assert "IntegrityError" in bad.last_error
    assert timedelta(seconds=50) < bad.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    assert not Notification.objects.filter(request=bad.request).exists(), "its writes were rolled back"
    assert Notification.objects.filter(request__in=[first.request, last.request]).count() == 2

    assert deadlines.fire_due() == 0, "backing off: not tried again at the next sweep"
    broken.clear()  # whatever broke is mended
    retry_is_due(bad)
    assert deadlines.fire_due() == 1
    bad.refresh_from_db()
    assert bad.state == Deadline.State.DONE and bad.attempts == 2
    assert Notification.objects.filter(request=bad.request).count() == 1


def test_retries_back_off_then_fail_for_good(broken):
    bad = flaky_deadline(minutes_ago=1)
    broken.add(bad.request_id)
    waits = []
    for _ in range(deadlines.MAX_ATTEMPTS):
        retry_is_due(bad)
        deadlines.fire_due()
        bad.refresh_from_db()
        if bad.next_attempt_at:
            waits.append(bad.next_attempt_at - timezone.now())
    assert waits == sorted(waits) and waits[-1] > waits[0] * 8, "each retry waits longer"
    assert bad.state == Deadline.State.FAILED and bad.attempts == deadlines.MAX_ATTEMPTS
    Deadline.objects.filter(pk=bad.pk).update(due_at=timezone.now() - timedelta(days=30))
    assert deadlines.fire_due() == 0, "failed for good: the sweep leaves it to a supervisor"


def test_supervisors_see_failing_deadlines_and_retry_them_now(broken, client):
    good = flaky_deadline(minutes_ago=2)
    bad = flaky_deadline(minutes_ago=1)
    broken.add(bad.request_id)
    deadlines.fire_due()
    Deadline.objects.filter(pk=bad.pk).update(state=Deadline.State.FAILED)

    supervisor = UserFactory(roles=["supervisor"])
    client.force_login(supervisor)
    client.post(reverse("set_language"), {"language": "en"})
    changelist = reverse("admin:requests_tracker_deadline_changelist")
    page = client.get(changelist)
    assert page.status_code == 200
    assert bad.request.reference in page.text and "IntegrityError" in page.text
    assert good.request.reference not in page.text, "only deadlines in trouble are listed"

    answer = client.post(changelist, {"action": "retry_now", "_selected_action": [bad.pk]}, follow=True)
    assert "failed again" in answer.text
    bad.refresh_from_db()
    assert bad.state == Deadline.State.PENDING and bad.attempts == 1, "a new round, still backing off"

    broken.clear()
    answer = client.post(changelist, {"action": "retry_now", "_selected_action": [bad.pk]}, follow=True)
    assert f"{bad.request.reference} ({FLAKY}) fired." in answer.text
    bad.refresh_from_db()
    assert bad.state == Deadline.State.DONE
    assert bad.request.reference not in client.get(changelist).text

    clerk = UserFactory(roles=["enforcement_clerk"])
    client.force_login(clerk)
    assert client.get(changelist).status_code == 403


def test_only_a_supervisor_retries_and_only_a_deadline_in_trouble(broken):
    bad = flaky_deadline(minutes_ago=1)
    with pytest.raises(PermissionDenied):
        deadlines.deadline_retry(deadline=bad, actor=UserFactory(roles=["enforcement_clerk"]))
    with pytest.raises(deadlines.DeadlineNotRetryable):
        deadlines.deadline_retry(deadline=bad, actor=UserFactory(roles=["supervisor"]))


def test_a_failed_deadline_ends_when_its_request_moves_on(citizen, test_service):
    def article_broken(*, deadline):
        raise HandlerBroke("the registry of measures is unreachable")

    deadlines.register_deadline_handler(deadlines.FIVE_DAYS, article_broken, service=test_service.code)
    try:
        request = RequestFactory(applicant=citizen)
        request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
        request_transition(
            request=request, to=Status.UNDER_REVIEW, actor=UserFactory(roles=["enforcement_clerk"])
        )
        request_transition(
            request=request, to=Status.IN_EXECUTION, actor=UserFactory(roles=["enforcement_judge"])
        )
        five = Deadline.objects.get(request=request, kind=deadlines.FIVE_DAYS)
        Deadline.objects.filter(pk=five.pk).update(
            due_at=timezone.now() - timedelta(seconds=1), attempts=deadlines.MAX_ATTEMPTS - 1
        )
        deadlines.fire_due()
        five.refresh_from_db()
        assert five.state == Deadline.State.FAILED and "unreachable" in five.last_error

        request_transition(request=request, to=Status.COMPLETED, actor=None)
        five.refresh_from_db()
        assert five.state == Deadline.State.CANCELLED and "unreachable" in five.last_error
        assert not deadlines.deadlines_needing_attention().filter(pk=five.pk).exists()
    finally:
        deadlines._handlers.pop((deadlines.FIVE_DAYS, test_service.code))


@pytest.mark.skipif(not ON_POSTGRES, reason="asks PostgreSQL's planner. Set DATABASE_URL to run it.")
def test_the_sweep_reads_the_partial_index_also_with_retries():
    """With sequential scans ruled out, PostgreSQL can still answer the sweep's query from
    ``deadline_pending_due``: the backoff condition did not take it off the index."""
    sweep = (
        deadlines.due_deadlines(timezone.now())
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("request")[: deadlines.SWEEP_BATCH]
    )
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = sweep.explain()
    assert "deadline_pending_due" in plan


def test_the_supervisors_list_costs_the_same_for_two_deadlines_or_six(
    broken, client, django_assert_num_queries
):
    supervisor = UserFactory(roles=["supervisor"])
    client.force_login(supervisor)
    changelist = reverse("admin:requests_tracker_deadline_changelist")

    def fail(count):
        for _ in range(count):
            broken.add(flaky_deadline(minutes_ago=1).request_id)
        deadlines.fire_due()

    fail(2)
    client.get(changelist)  # the session and permissions are read once
    with CaptureQueriesContext(connection) as two:
        assert client.get(changelist).status_code == 200
    fail(4)
    with django_assert_num_queries(len(two)):
        page = client.get(changelist)
    assert page.text.count("IntegrityError") == 6

    detail = client.get(reverse("admin:requests_tracker_deadline_change", args=[Deadline.objects.first().pk]))
    assert detail.status_code == 200 and 'name="_save"' not in detail.text, "view only"
