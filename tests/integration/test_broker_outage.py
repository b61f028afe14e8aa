"""Redis crashes for thirty seconds while requests move on: the changes commit at once, and once
Redis is back every notice reaches its person exactly once (a real worker, a real Redis of the
test's own that it really kills, PostgreSQL)."""

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from identity.gateways import outbox_key, sms_backend
from identity.models import OutboxMessage, User
from najiz.celery import app
from requests_tracker.models import OutboundMessage, Status, StatusChange
from requests_tracker.services import request_transition
from requests_tracker.tasks import relay_outbox

from ..brokers import REAL_SERVICES, private_redis, use_broker
from ..factories import RequestFactory, UserFactory
from ..recording import calls

pytestmark = [*REAL_SERVICES, pytest.mark.django_db(transaction=True)]

OUTAGE_SECONDS = 30
PEOPLE = 100  # each one's request is submitted, then taken into review: 200 status changes
ACTING_AT_ONCE = 8


@pytest.fixture
def broker(tmp_path):
    """A Redis of the test's own as the Celery broker, restored to the configured one afterwards.
    The cache stays where it is configured unless a test moves it there too."""
    with private_redis(tmp_path / "redis") as server:
        use_broker(server.url())
        try:
            yield server
        finally:
            use_broker(settings.CELERY_BROKER_URL)


@pytest.fixture
def gateway_log(tmp_path, settings, monkeypatch):
    """SMS and email go through gateways that record every hand-over and deliver by idempotency key."""
    log = tmp_path / "gateway.log"
    monkeypatch.setenv("RECORDING_LOG", str(log))
    settings.SMS_BACKEND = "tests.recording.RecordingSmsBackend"
    settings.MAILERS = {"default": {"BACKEND": "tests.recording.RecordingEmailBackend"}}
    sms_backend.cache_clear()
    yield log
    sms_backend.cache_clear()


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def gateway_key(message: OutboundMessage) -> str:
    """The development outbox's key for what the gateway delivered of ``message``."""
    return outbox_key(str(message.pk) if message.channel == "sms" else f"{message.pk}:{message.to}")


def test_after_redis_is_down_for_thirty_seconds_every_notice_of_200_changes_arrives_exactly_once(
    broker, gateway_log
):
    citizens = [UserFactory() for _ in range(PEOPLE)]
    requests = [RequestFactory(applicant=citizen) for citizen in citizens]
    clerk = UserFactory(roles=["enforcement_clerk"])

    def move_on(request):
        """A person submits a request and a clerk takes it into review: two status changes."""
        timings = []
        try:
            for to, actor in ((Status.SUBMITTED, request.applicant), (Status.UNDER_REVIEW, clerk)):
                started = time.monotonic()
                request_transition(request=request, to=to, actor=actor)
                timings.append(time.monotonic() - started)
        finally:
            connection.close()
        return timings

    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        # Before the outage notices go out at once, through their own tasks.
        first, *others = requests
        move_on(first)
        assert wait_for(lambda: OutboxMessage.objects.count() == 4, seconds=15)

        broker.kill()
        down_since = time.monotonic()
        try:
            with ThreadPoolExecutor(max_workers=ACTING_AT_ONCE) as people:
                timings = [t for each in people.map(move_on, others) for t in each]
            during = time.monotonic() - down_since
            assert during < OUTAGE_SECONDS, f"the changes took {during:.1f} s: longer than the outage"
            assert max(timings) < 3, "an outage delays the notices, not the person"
            assert StatusChange.objects.filter(request__in=requests).count() == 2 * PEOPLE
            assert OutboundMessage.objects.filter(state="pending").count() == 4 * (PEOPLE - 1)
            assert OutboxMessage.objects.count() == 4, "nothing is delivered while the broker is down"
            time.sleep(max(0, OUTAGE_SECONDS - (time.monotonic() - down_since)))
        finally:
            broker.start()  # the same port, empty: whatever it held is gone

        # What the minute sweep does once a minute has passed: beat sends the relay to the worker.
        a_minute_ago = timezone.now() - timedelta(minutes=2)
        OutboundMessage.objects.update(created_at=a_minute_ago, next_attempt_at=a_minute_ago)
        relay_outbox.delay()
        assert wait_for(lambda: not OutboundMessage.objects.exclude(state="sent").exists(), seconds=60), (
            Counter(OutboundMessage.objects.values_list("state", flat=True))
        )
        # And a change made now is told at once again, by its own task.
        request_transition(request=first, to=Status.RETURNED, actor=clerk, decision="Sign the last page.")
        assert wait_for(lambda: OutboxMessage.objects.count() == 4 * PEOPLE + 2, seconds=20)
        time.sleep(1)  # nothing more arrives

    messages = list(OutboundMessage.objects.all())
    assert len(messages) == 4 * PEOPLE + 2
    assert Counter(m.state for m in messages) == {"sent": len(messages)}, "none pending, sending or failed"
    delivered = Counter(OutboxMessage.objects.values_list("key", flat=True))
    assert delivered == Counter(gateway_key(m) for m in messages), "each delivered, none twice"
    handed_over = calls(gateway_log, "sms") + calls(gateway_log, "email")
    assert handed_over == Counter(str(m.pk) for m in messages), "each handed to its gateway exactly once"
    for citizen in citizens:
        sms = OutboxMessage.objects.filter(recipient=citizen.phone)
        emails = OutboxMessage.objects.filter(recipient=citizen.email)
        expected = 3 if citizen == first.applicant else 2  # received, under review (and returned)
        assert sms.count() == emails.count() == expected
        assert len(set(sms.values_list("body", flat=True))) == expected


def test_while_redis_is_down_people_and_staff_still_move_requests_on(broker, settings):
    """REDIS_URL is the broker and the cache: with that Redis down a person still submits through
    the wizard and sees the request in My requests, a clerk still takes it into review, and the
    notices wait in the outbox."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": broker.url(1)}}
    assert settings.CACHES["default"]["BACKEND"] == "najiz.cache.ResilientRedisCache", (
        "the cache REDIS_URL gives"
    )
    citizen = UserFactory()
    clerk = UserFactory(roles=["enforcement_clerk"])
    draft = RequestFactory(applicant=citizen)
    browser = Client(raise_request_exception=False)
    browser.force_login(citizen)
    broker.kill()
    try:
        submitted = browser.post(reverse("wizard_step", args=[draft.pk, "review"]))
        assert submitted.status_code == 302, "the person's submission goes through"
        assert browser.get(reverse("my_requests")).status_code == 200
        clerk = User.objects.get(pk=clerk.pk)  # as a new page loads the clerk: nothing remembered
        request_transition(request=draft, to=Status.UNDER_REVIEW, actor=clerk)
    finally:
        broker.start()
    draft.refresh_from_db()
    assert draft.status == Status.UNDER_REVIEW and draft.history.count() == 2
    waiting = Counter(OutboundMessage.objects.filter(request=draft).values_list("state", flat=True))
    assert waiting == {"pending": 4}, "the notices wait for the sweep"
