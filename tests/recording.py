"""Gateways and a deadline handler that keep a durable record of every call, for fault tests that
run a real worker, in a thread or in a process of its own that the test kills.

Each call is appended to the file named by ``RECORDING_LOG`` before it takes effect, so the record
survives a SIGKILL that lands anywhere after it. The gateways then deliver into the development
outbox (``identity.OutboxMessage``) by idempotency key, as the real HTTP gateway does: a message
handed over twice reaches its recipient once. ``RECORDING_DELAY`` seconds of latency per call make
a batch long enough for a kill to land in its middle.
"""

import os
import time
from collections import Counter
from pathlib import Path

from identity.gateways import IDEMPOTENCY_HEADER, DevOutboxEmailBackend, DevOutboxSmsBackend
from requests_tracker.deadlines import register_deadline_handler
from requests_tracker.models import Notification

RECORDED = "test_recorded"  # a deadline kind whose handler records its firing
RECORDED_SLOW = "test_recorded_slow"  # the same, taking RECORDING_DELAY seconds


def _record(*fields) -> None:
    line = "\t".join(str(field) for field in fields) + "\n"
    # One write(2) with O_APPEND: whole lines, also from several processes at once.
    descriptor = os.open(os.environ["RECORDING_LOG"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(descriptor, line.encode())
    finally:
        os.close(descriptor)


def _latency() -> None:
    time.sleep(float(os.environ.get("RECORDING_DELAY", "0")))


def calls(log: Path, what: str) -> Counter:
    """How many times each key was handed to ``what`` ("sms", "email" or "deadline")."""
    if not log.exists():
        return Counter()
    lines = (line.split("\t") for line in log.read_text().splitlines())
    return Counter(fields[1] for fields in lines if fields[0] == what)


class RecordingSmsBackend(DevOutboxSmsBackend):
    def send(self, *, to: str, text: str, key: str | None = None, secret: bool = False) -> None:
        _latency()
        _record("sms", key, to)
        super().send(to=to, text=text, key=key, secret=secret)


class RecordingEmailBackend(DevOutboxEmailBackend):
    def send_messages(self, email_messages):
        _latency()
        for message in email_messages:
            _record("email", message.extra_headers.get(IDEMPOTENCY_HEADER), *message.recipients())
        return super().send_messages(email_messages)


def record_firing(*, deadline) -> None:
    """Fires a deadline as the real handlers do, inside the sweep's transaction: the person sees a
    bell notice. The call itself is recorded outside the transaction, whatever becomes of it."""
    if deadline.kind == RECORDED_SLOW:
        _latency()
    _record("deadline", deadline.pk)
    Notification.objects.create(
        recipient_id=deadline.request.applicant_id, request=deadline.request, text=fired_text(deadline.pk)
    )


def fired_text(deadline_pk) -> str:
    return f"Deadline {deadline_pk} fired"


def register_recording_deadlines() -> None:
    register_deadline_handler(RECORDED, record_firing)
    register_deadline_handler(RECORDED_SLOW, record_firing)
