"""The five days in execution, with the clock moved by due dates, never by sleeping."""

import threading
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from requests_tracker import deadlines
from requests_tracker.calendar import RIYADH, add_working_days
from requests_tracker.models import Deadline, Notification, OutboundMessage, Request, Status

from ..conftest import postgres_only
from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db


def in_execution(citizen):
    judge = UserFactory(roles=["enforcement_judge"])
    clerk = UserFactory(roles=["enforcement_clerk"])
    request = RequestFactory(applicant=citizen)
    from requests_tracker.services import request_transition

    request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
    request_transition(request=request, to=Status.UNDER_REVIEW, actor=clerk)
    request_transition(request=request, to=Status.IN_EXECUTION, actor=judge)
    return request


def move_clock(request, kind, *, to=None):
    Deadline.objects.filter(request=request, kind=kind).update(
        due_at=to or timezone.now() - timedelta(seconds=1)
    )


def test_entering_execution_starts_five_working_days_and_a_day_three_reminder(citizen):
    request = in_execution(citizen)
    live = {d.kind: d.due_at for d in Deadline.objects.filter(request=request, state="pending")}
    assert set(live) == {deadlines.FIVE_DAYS, deadlines.FIVE_DAYS_REMINDER}
    # The test service's own target: working days (tests/requests_tracker/test_calendar.py pins the days).
    assert abs(live[deadlines.FIVE_DAYS] - add_working_days(timezone.now(), 5)) < timedelta(minutes=1)
    assert abs(live[deadlines.FIVE_DAYS_REMINDER] - add_working_days(timezone.now(), 3)) < timedelta(
        minutes=1
    )


def test_nothing_fires_before_it_is_due(citizen):
    request = in_execution(citizen)
    assert deadlines.fire_due() == 0
    request.refresh_from_db()
    assert request.escalated_at is None


def test_day_three_reminds_and_day_five_escalates_to_the_supervisor_once(citizen):
    supervisor = UserFactory(roles=["supervisor"])
    request = in_execution(citizen)
    move_clock(request, deadlines.FIVE_DAYS_REMINDER)
    assert deadlines.fire_due() == 1
    assert (
        OutboundMessage.objects.filter(request=request, event="deadline_reminder", to=citizen.phone).count()
        == 1
    )

    move_clock(request, deadlines.FIVE_DAYS)
    assert deadlines.fire_due() == 1
    assert deadlines.fire_due() == 0, "a fired deadline never fires again"
    request.refresh_from_db()
    assert request.escalated_at is not None
    assert Notification.objects.filter(recipient=supervisor, request=request).count() == 1
    assert (
        OutboundMessage.objects.filter(request=request, event="deadline_missed", to=citizen.phone).count()
        == 1
    )


def test_leaving_the_state_cancels_the_deadlines(citizen):
    from requests_tracker.services import request_transition

    request = in_execution(citizen)
    request_transition(request=request, to=Status.COMPLETED, actor=None)
    move_clock(request, deadlines.FIVE_DAYS)
    assert deadlines.fire_due() == 0
    assert set(Deadline.objects.filter(request=request).values_list("state", flat=True)) == {"cancelled"}


def test_a_paused_clock_keeps_its_remaining_time(citizen):
    request = in_execution(citizen)
    move_clock(request, deadlines.FIVE_DAYS, to=timezone.now() + timedelta(days=2))
    deadlines.deadline_pause(request=request, kind=deadlines.FIVE_DAYS)
    Deadline.objects.filter(request=request, kind=deadlines.FIVE_DAYS).update(
        due_at=timezone.now() - timedelta(days=9)
    )
    assert deadlines.fire_due() == 0, "a paused deadline does not fire"
    deadlines.deadline_resume(request=request, kind=deadlines.FIVE_DAYS)
    resumed = Deadline.objects.get(request=request, kind=deadlines.FIVE_DAYS)
    assert abs(resumed.due_at - (timezone.now() + timedelta(days=2))) < timedelta(minutes=1)


def test_a_service_registers_its_own_handler_for_a_kind(citizen, test_service):
    fired = []
    deadlines.register_deadline_handler(
        deadlines.FIVE_DAYS, lambda deadline: fired.append(deadline.pk), service="test_service"
    )
    try:
        request = in_execution(citizen)
        move_clock(request, deadlines.FIVE_DAYS)
        deadlines.fire_due()
    finally:
        deadlines._handlers.pop((deadlines.FIVE_DAYS, "test_service"))
    assert len(fired) == 1
    request.refresh_from_db()
    assert request.escalated_at is None, "the service's handler replaced the generic one"


def test_the_request_page_and_the_queue_show_the_time_left(client, citizen, monkeypatch):
    sunday = datetime(2026, 11, 22, 9, 0, tzinfo=RIYADH)  # five working days: to the Sunday after
    monkeypatch.setattr(timezone, "now", lambda: sunday)
    request = in_execution(citizen)
    monkeypatch.setattr(timezone, "now", lambda: sunday + timedelta(hours=1))
    client.force_login(citizen)
    client.post(reverse("set_language"), {"language": "en"})
    assert "6 days and 23 hours" in client.get(reverse("request_detail", args=[request.pk])).text
    supervisor = UserFactory(roles=["supervisor"])
    client.force_login(supervisor)
    client.post(reverse("set_language"), {"language": "en"})
    move_clock(request, deadlines.FIVE_DAYS)
    assert "overdue" in client.get(reverse("admin:requests_tracker_request_changelist")).text


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_sweeps_at_the_same_moment_fire_each_due_deadline_once():
    citizen = UserFactory()
    requests = [RequestFactory(applicant=citizen) for _ in range(40)]
    fired = []
    lock = threading.Lock()

    def record(deadline):
        with lock:
            fired.append(deadline.pk)

    deadlines.register_deadline_handler("race", record)
    Deadline.objects.bulk_create(
        Deadline(request=r, kind="race", status=Status.DRAFT, due_at=timezone.now() - timedelta(seconds=1))
        for r in requests
    )
    barrier = threading.Barrier(2)

    def sweep():
        barrier.wait()
        try:
            deadlines.fire_due(batch=7)
        finally:
            connection.close()

    try:
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        deadlines._handlers.pop(("race", None))
    assert sorted(fired) == sorted(set(fired)) and len(fired) == 40
    assert Deadline.objects.filter(kind="race", state="done").count() == 40
    assert Request.objects.count() == 40
