"""Races that must leave one consistent answer (PostgreSQL: SQLite serialises every writer)."""

import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils.translation import override

from requests_tracker.errors import RequestError, TransitionNotDeclared
from requests_tracker.models import Notification, OutboundMessage, Request, Status, StatusChange
from requests_tracker.services import request_start, request_transition

from ..conftest import postgres_only
from ..factories import RequestFactory, UserFactory

pytestmark = [postgres_only, pytest.mark.django_db(transaction=True)]


def _in_thread(function):
    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()

    return run


def test_two_clerks_acting_at_once_leave_one_winner_and_one_history_row():
    citizen = UserFactory()
    request = RequestFactory(applicant=citizen)
    request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
    clerks = [UserFactory(roles=["enforcement_clerk"]) for _ in range(2)]
    barrier = threading.Barrier(2)

    @_in_thread
    def act(clerk):
        barrier.wait()
        try:
            request_transition(
                request=Request.objects.get(pk=request.pk), to=Status.UNDER_REVIEW, actor=clerk
            )
            return "won"
        except RequestError:
            return "refused"

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = sorted(pool.map(act, clerks))

    assert outcomes == ["refused", "won"]
    assert StatusChange.objects.filter(request=request, to_status=Status.UNDER_REVIEW).count() == 1
    request.refresh_from_db()
    assert request.status == Status.UNDER_REVIEW


def test_fifty_staff_acting_at_once_leave_one_winner_one_history_row_and_one_notice():
    """Fifty clerks press "Start review" on one request at the same moment: one moves it, the other
    forty-nine are told it has moved on, and the applicant hears of the change once."""
    citizen = UserFactory()
    request = RequestFactory(applicant=citizen)
    request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
    clerks = [UserFactory(roles=["enforcement_clerk"]) for _ in range(50)]
    barrier = threading.Barrier(50)

    @_in_thread
    def act(clerk):
        barrier.wait()
        try:
            with override("en"):
                request_transition(
                    request=Request.objects.get(pk=request.pk), to=Status.UNDER_REVIEW, actor=clerk
                )
            return "won", clerk.pk
        except TransitionNotDeclared as refusal:
            return refusal.message, clerk.pk
        except Exception as error:  # a deadlock or a lost connection would be a failure too
            return repr(error), clerk.pk

    with ThreadPoolExecutor(max_workers=50) as pool:
        outcomes = list(pool.map(act, clerks))

    winners = [clerk for outcome, clerk in outcomes if outcome == "won"]
    refusals = Counter(outcome for outcome, _clerk in outcomes if outcome != "won")
    assert len(winners) == 1
    assert refusals == {"A request that is “Under review” cannot be moved to “Under review”.": 49}
    request.refresh_from_db()
    assert request.status == Status.UNDER_REVIEW
    history = list(request.history.order_by("pk").values_list("from_status", "to_status", "actor"))
    assert history == [
        (Status.DRAFT, Status.SUBMITTED, citizen.pk),
        (Status.SUBMITTED, Status.UNDER_REVIEW, winners[0]),
    ]
    told = OutboundMessage.objects.filter(request=request, event="status_changed")
    assert sorted(told.values_list("channel", flat=True)) == ["email", "sms"], "told once, not fifty times"
    assert Notification.objects.filter(request=request, recipient=citizen).count() == 2


def test_fifty_concurrent_creations_get_fifty_distinct_reference_numbers():
    applicants = [UserFactory() for _ in range(10)]

    @_in_thread
    def create(index):
        return request_start(
            service="test_service", applicant=applicants[index % 10], start_token=uuid.uuid4()
        ).reference

    with ThreadPoolExecutor(max_workers=10) as pool:
        references = list(pool.map(create, range(50)))

    assert len(set(references)) == 50
    numbers = sorted(int(reference.rsplit("-", 1)[1]) for reference in references)
    assert numbers == list(range(numbers[0], numbers[0] + 50)), (
        "numbers are consecutive: none lost, none reused"
    )


def test_two_simultaneous_starts_of_one_request_give_one_draft():
    """A double click sends the same start twice at once: one draft, one reference, no error."""
    applicant = UserFactory()
    token = uuid.uuid4()
    barrier = threading.Barrier(2)

    @_in_thread
    def start(_index):
        barrier.wait()
        return request_start(service="test_service", applicant=applicant, start_token=token).pk

    with ThreadPoolExecutor(max_workers=2) as pool:
        drafts = set(pool.map(start, range(2)))

    assert len(drafts) == 1
    assert Request.objects.filter(applicant=applicant).count() == 1
