"""Notices never stall, never vanish, never repeat: one message's error is that message's failure,
each row is sent once even when its worker is killed mid-batch, and lost claims are taken back."""

from datetime import timedelta

import pytest
from django.db import DataError
from django.urls import reverse
from django.utils import timezone

from identity.demo import DEMO_PEOPLE, seed_people
from identity.gateways import outbox_key
from identity.models import OutboxMessage, User
from requests_tracker import notifications
from requests_tracker.models import OutboundMessage

from ..factories import RequestFactory, UserFactory

pytestmark = pytest.mark.django_db


class WorkerKilled(BaseException):
    """What the loop sees of a worker killed in the middle of a batch: not an error to handle."""


def waiting(count: int, *, channel: str = "sms") -> list[OutboundMessage]:
    """``count`` messages the sweep must send, oldest first (as after a broker outage)."""
    a_while_ago = timezone.now() - timedelta(minutes=5)
    return [
        OutboundMessage.objects.create(
            event="message",
            channel=channel,
            to=f"+9665{n:08d}" if channel == "sms" else f"person{n}@example.com",
            subject=f"Notice {n}",
            body=f"Najiz: notice {n}",
            created_at=a_while_ago,
            next_attempt_at=a_while_ago + timedelta(seconds=n),
        )
        for n in range(count)
    ]


def states(messages) -> list[str]:
    by_id = dict(OutboundMessage.objects.filter(pk__in=[m.pk for m in messages]).values_list("pk", "state"))
    return [by_id[m.pk] for m in messages]


@pytest.mark.parametrize(
    "error",
    [RuntimeError("gateway bug"), DataError("value too long for type character varying(64)")],
    ids=["any-error", "database-error"],
)
def test_a_gateway_that_raises_between_two_good_ones_fails_only_its_own_message(monkeypatch, error):
    first, bad, last = waiting(3)
    real_send = notifications.send_sms

    def flaky(**kwargs):
        if kwargs["to"] == bad.to:
            raise error
        real_send(**kwargs)

    monkeypatch.setattr(notifications, "send_sms", flaky)
    assert notifications.relay_unsent() == 3
    assert states([first, bad, last]) == ["sent", "pending", "sent"], "nothing is left 'sending'"
    bad.refresh_from_db()
    assert bad.attempts == 1 and type(error).__name__ in bad.last_error
    assert bad.next_attempt_at > timezone.now(), "retried later, with backoff"
    assert set(OutboxMessage.objects.values_list("recipient", flat=True)) == {first.to, last.to}

    monkeypatch.setattr(notifications, "send_sms", real_send)
    OutboundMessage.objects.filter(pk=bad.pk).update(next_attempt_at=timezone.now())
    assert notifications.relay_unsent() == 1
    assert states([bad]) == ["sent"]


def test_the_demo_people_get_their_email_from_the_development_outbox(settings):
    """The demo's addresses made the old key 68 characters long: PostgreSQL refused every email
    (SQLite, which does not enforce the column's length, hid it)."""
    settings.MAILERS = {"default": {"BACKEND": "identity.gateways.DevOutboxEmailBackend"}}
    seed_people()
    people = list(User.objects.filter(national_id__in=[p[0] for p in DEMO_PEOPLE]).exclude(email=""))
    assert people and all(person.email.endswith("@demo.najiz.localhost") for person in people)
    notifications.notify_event(
        event="message", request=RequestFactory(applicant=people[0]), recipients=people
    )
    emails = OutboundMessage.objects.filter(channel="email")
    assert emails.count() == len(people)

    for message in emails:
        assert notifications.deliver(message.pk) is True
        assert notifications.deliver(message.pk) is False
    assert set(emails.values_list("state", flat=True)) == {"sent"}
    kept = OutboxMessage.objects.filter(channel="email")
    assert sorted(kept.values_list("recipient", flat=True)) == sorted(p.email for p in people), "once each"
    message = emails.first()
    assert kept.get(recipient=message.to).key == outbox_key(f"{message.pk}:{message.to}")


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_batch_sends_nothing_twice_through_a_gateway_without_keys(
    monkeypatch, mailoutbox
):
    """Email through Django's memory backend, which like plain SMTP knows nothing of idempotency
    keys: whatever reached it before the kill must not reach it again."""
    messages = waiting(5, channel="email")
    real_send = notifications.send_email
    calls = 0

    def killed_on_the_third(**kwargs):
        nonlocal calls
        calls += 1
        if calls == 3:
            raise WorkerKilled
        real_send(**kwargs)

    monkeypatch.setattr(notifications, "send_email", killed_on_the_third)
    with pytest.raises(WorkerKilled):
        notifications.relay_unsent()
    assert states(messages) == ["sent", "sent", "sending", "sending", "sending"], "each marked as it went"
    assert len(mailoutbox) == 2

    monkeypatch.setattr(notifications, "send_email", real_send)
    assert notifications.relay_unsent() == 0, "the claim is the worker's until it times out"
    OutboundMessage.objects.filter(state="sending").update(
        claimed_at=timezone.now() - notifications.CLAIM_TIMEOUT - timedelta(seconds=1)
    )
    assert notifications.relay_unsent() == 3
    assert states(messages) == ["sent"] * 5
    assert sorted(email.to[0] for email in mailoutbox) == sorted(m.to for m in messages), "each exactly once"
    retaken = OutboundMessage.objects.get(pk=messages[2].pk)
    assert retaken.attempts == 2 and retaken.last_error == notifications.LOST_CLAIM


def test_a_message_that_kills_its_worker_every_time_fails_for_good_and_is_shown(monkeypatch, client):
    (message,) = waiting(1)

    def kills_the_worker(**kwargs):
        raise WorkerKilled

    monkeypatch.setattr(notifications, "send_sms", kills_the_worker)
    for attempt in range(1, notifications.MAX_ATTEMPTS + 1):
        with pytest.raises(WorkerKilled):
            notifications.relay_unsent()
        message.refresh_from_db()
        assert message.state == "sending" and message.attempts == attempt
        OutboundMessage.objects.filter(pk=message.pk).update(
            claimed_at=timezone.now() - notifications.CLAIM_TIMEOUT - timedelta(seconds=1)
        )
    assert notifications.relay_unsent() == 1, "taken back once more, and given up"
    message.refresh_from_db()
    assert message.state == "failed" and message.attempts == notifications.MAX_ATTEMPTS
    assert message.last_error == notifications.LOST_CLAIM
    assert notifications.relay_unsent() == 0

    client.force_login(UserFactory(roles=["supervisor"]))
    page = client.get(reverse("admin:requests_tracker_outboundmessage_changelist"), {"state": "failed"})
    assert message.to in page.text and "its claim was taken back" in page.text
