"""Races that must leave one consistent answer (PostgreSQL: SQLite serialises every writer)."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from requests_tracker.errors import RequestError
from requests_tracker.models import Request, Status, StatusChange
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
