"""Notifications through a real Celery worker consuming from Redis (eager mode proves nothing here)."""

import time
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.utils import timezone

from identity.models import OutboxMessage
from najiz.celery import app
from requests_tracker.models import Deadline, OutboundMessage, Status
from requests_tracker.services import request_transition
from requests_tracker.tasks import relay_outbox

from ..brokers import broker_down
from ..factories import RequestFactory, UserFactory

pytestmark = [
    pytest.mark.skipif(not settings.REDIS_URL, reason="needs a real broker: set REDIS_URL to run it"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def kept_email(settings):
    """Emails are kept by the development outbox, where the test can count them as SMS are."""
    settings.MAILERS = {"default": {"BACKEND": "identity.gateways.DevOutboxEmailBackend"}}


@pytest.fixture
def worker():
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        yield


def wait_for(condition, seconds=15.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def delivered_to(person):
    return OutboxMessage.objects.filter(recipient__in=[person.phone, person.email])


def test_a_status_change_sends_exactly_one_sms_and_one_email(worker):
    citizen = UserFactory()
    request = RequestFactory(applicant=citizen)
    request_transition(request=request, to=Status.SUBMITTED, actor=citizen)

    assert wait_for(lambda: delivered_to(citizen).count() == 2)
    time.sleep(0.5)  # nothing more arrives
    assert sorted(delivered_to(citizen).values_list("channel", flat=True)) == ["email", "sms"]
    assert set(OutboundMessage.objects.filter(request=request).values_list("state", flat=True)) == {"sent"}


def test_the_workers_delivery_of_an_execution_order_starts_that_debtors_five_days(worker):
    from enforcement.models import Debtor

    from ..enforcement.orders import execution_order

    debtor = UserFactory()
    request = execution_order(debtors=[debtor], delivered=False)
    assert wait_for(lambda: Debtor.objects.filter(party__request=request, notified_at__isnull=False).exists())
    row = Debtor.objects.get(party__request=request)
    sms = OutboundMessage.objects.get(request=request, event="execution_order", channel="sms")
    assert row.notified_by == "sms" and row.notified_at == sms.sent_at and sms.to == debtor.phone
    clock = Deadline.objects.get(request=request, kind="five_days", party=row.party)
    assert clock.due_at == sms.sent_at + timedelta(days=5)


def test_with_the_broker_down_the_change_commits_and_everything_is_delivered_once_it_is_back():
    citizen = UserFactory()
    request = RequestFactory(applicant=citizen)
    with broker_down():
        started = time.monotonic()
        request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
        assert time.monotonic() - started < 10, "an outage delays the notice, not the person"
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    assert OutboundMessage.objects.filter(request=request, state="pending").count() == 2
    assert not delivered_to(citizen).exists()

    OutboundMessage.objects.update(created_at=timezone.now() - timedelta(minutes=2))  # a minute went by
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        relay_outbox.delay()  # what beat sends every minute
        relay_outbox.delay()  # twice, as after a beat restart: still delivered once
        assert wait_for(lambda: delivered_to(citizen).count() == 2)
        time.sleep(0.5)
    assert delivered_to(citizen).count() == 2
    assert set(OutboundMessage.objects.filter(request=request).values_list("state", flat=True)) == {"sent"}


def test_after_an_outage_every_sms_and_email_of_many_people_is_delivered_once():
    """What an outage leaves: more notices than one batch, pending, to addresses as long as the
    demo's (68-character keys in the development email outbox). The sweep sends each exactly once
    and leaves nothing pending or sending."""
    a_while_ago = timezone.now() - timedelta(minutes=2)
    people = range(120)
    OutboundMessage.objects.bulk_create(
        OutboundMessage(
            event="message", channel=channel, to=to, subject="Najiz", body="Najiz: a notice",
            created_at=a_while_ago, next_attempt_at=a_while_ago,
        )
        for n in people
        for channel, to in (("sms", f"+9665{n:08d}"), ("email", f"10{n:08d}@demo.najiz.localhost"))
    )  # fmt: skip
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10):
        relay_outbox.delay()
        assert wait_for(lambda: not OutboundMessage.objects.exclude(state="sent").exists(), seconds=30)
    recipients = list(OutboxMessage.objects.values_list("recipient", flat=True))
    assert len(recipients) == 240 and len(set(recipients)) == 240
