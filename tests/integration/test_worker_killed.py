"""A worker process killed with SIGKILL in the middle of a batch, as the kernel's OOM killer or a
lost machine does: once another worker takes over, every notice reaches its person exactly once
and every deadline fires exactly once (a real `celery -A najiz worker` process, a Redis of the
test's own, the test's PostgreSQL database)."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone

from identity.gateways import outbox_key
from identity.models import OutboxMessage
from requests_tracker import deadlines, notifications
from requests_tracker.models import Deadline, Notification, OutboundMessage, Status
from requests_tracker.services import request_transition
from requests_tracker.tasks import relay_outbox, sweep_deadlines

from ..brokers import REAL_SERVICES, private_redis, use_broker
from ..factories import RequestFactory, UserFactory
from ..recording import RECORDED, RECORDED_SLOW, calls, fired_text

pytestmark = [*REAL_SERVICES, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 100  # each one's request is submitted, then taken into review: 200 SMS in one relay batch


@pytest.fixture
def broker(tmp_path):
    with private_redis(tmp_path / "redis") as server:
        use_broker(server.url())
        try:
            yield server
        finally:
            use_broker(settings.CELERY_BROKER_URL)


def worker_database_url() -> str:
    """The test database, for a worker process (pytest-django made it; it is not in DATABASE_URL)."""
    database = connection.settings_dict
    password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    return (
        f"postgres://{quote(database['USER'] or '', safe='')}{password}@{database['HOST'] or '127.0.0.1'}"
        f":{database['PORT'] or 5432}/{quote(database['NAME'], safe='')}"
    )


@contextmanager
def worker_process(name: str, *, broker, folder: Path, delay: float):
    """``celery -A najiz worker`` as `make run` starts it (prefork, two processes) on the test's
    database and broker, its gateways and deadline handler recording into ``folder/calls.log``.
    Always gone when the block ends, whatever happened in it."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "najiz.settings",
        "DJANGO_ENV": "test",
        "DATABASE_URL": worker_database_url(),
        "REDIS_URL": broker.url(),
        "SMS_BACKEND": "tests.recording.RecordingSmsBackend",
        "RECORDING_LOG": str(folder / "calls.log"),
        "RECORDING_DELAY": str(delay),
        "PYTHONPATH": str(ROOT),
    }
    with open(folder / f"{name}.log", "wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and fixed arguments
            [sys.executable, "-m", "celery", "-A", "najiz", "worker", "--pool", "prefork",
             "--concurrency", "2", "--loglevel", "WARNING", "--hostname", f"{name}@%h",
             "--without-mingle", "--without-gossip", "--without-heartbeat",
             "--include", "tests.recording_worker"],
            cwd=ROOT, env=environment, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the pool's processes die with it
        )  # fmt: skip
    try:
        yield process
    finally:
        kill(process)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL to the worker and its pool processes at once: nothing of it runs on."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_for(condition, seconds: float, *, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            output = "".join(path.read_text(errors="replace")[-3000:] for path in log.glob("worker-*.log"))
            pytest.fail(f"not within {seconds} s; the workers said:\n{output}")
        time.sleep(0.02)


def states(queryset) -> Counter:
    return Counter(queryset.values_list("state", flat=True))


def test_a_worker_killed_mid_batch_leaves_every_notice_delivered_exactly_once(broker, tmp_path):
    calls_log = tmp_path / "calls.log"
    citizens = [UserFactory(email="") for _ in range(PEOPLE)]  # told by SMS only
    clerk = UserFactory(roles=["enforcement_clerk"])
    for citizen in citizens:
        request = RequestFactory(applicant=citizen)
        request_transition(request=request, to=Status.SUBMITTED, actor=citizen)
        request_transition(request=request, to=Status.UNDER_REVIEW, actor=clerk)
    # The broker lost the deliveries queued after each commit (Redis restarted without persistence)
    # and a minute went by: the 200 messages wait for the sweep, one relay batch.
    redis.Redis.from_url(broker.url()).flushall()
    a_minute_ago = timezone.now() - timedelta(minutes=2)
    OutboundMessage.objects.update(created_at=a_minute_ago, next_attempt_at=a_minute_ago)
    messages = OutboundMessage.objects.all()
    assert messages.count() == 2 * PEOPLE and states(messages) == {"pending": 2 * PEOPLE}

    with worker_process("worker-a", broker=broker, folder=tmp_path, delay=0.03) as worker:
        relay_outbox.delay()  # what beat sends every minute
        wait_for(lambda: calls(calls_log, "sms").total() >= 60, seconds=60, log=tmp_path)
        kill(worker)
    handed_before_the_kill = calls(calls_log, "sms")
    after_the_kill = dict(messages.values_list("pk", "state"))
    assert set(after_the_kill.values()) == {"sent", "sending"}, "the kill landed in the middle of the batch"
    stranded = {str(pk) for pk, state in after_the_kill.items() if state == "sending"}
    delivered_before = set(OutboxMessage.objects.values_list("key", flat=True))
    sent_before = {outbox_key(str(pk)) for pk, state in after_the_kill.items() if state == "sent"}
    assert sent_before <= delivered_before, "a message is marked sent only once its gateway took it"
    assert len(delivered_before - sent_before) <= 1, "and at once: only the one in hand at the kill is not"

    # CLAIM_TIMEOUT later the sweep takes the dead worker's claims back; another worker sends them.
    OutboundMessage.objects.filter(state="sending").update(
        claimed_at=timezone.now() - notifications.CLAIM_TIMEOUT - timedelta(seconds=1)
    )
    with worker_process("worker-b", broker=broker, folder=tmp_path, delay=0):
        relay_outbox.delay()
        wait_for(lambda: states(messages) == {"sent": 2 * PEOPLE}, seconds=60, log=tmp_path)
        time.sleep(0.5)  # nothing more arrives

    delivered = Counter(OutboxMessage.objects.values_list("key", flat=True))
    assert delivered == Counter(outbox_key(str(pk)) for pk in after_the_kill), "each exactly once"
    for citizen in citizens:
        bodies = list(OutboxMessage.objects.filter(recipient=citizen.phone).values_list("body", flat=True))
        assert len(bodies) == len(set(bodies)) == 2, "received, then under review: one SMS each"
    # Only a message in the gateway's hands at the kill may reach it again, and its key keeps the
    # person from getting it twice.
    handed = calls(calls_log, "sms")
    again = {key for key, count in handed.items() if count > 1}
    assert again <= stranded & set(handed_before_the_kill) and len(again) <= 1
    assert set(handed) == {str(pk) for pk in after_the_kill} and max(handed.values()) <= 2
    for message in messages.filter(pk__in=stranded):
        assert message.attempts == 2 and message.last_error == notifications.LOST_CLAIM


def test_a_worker_killed_mid_sweep_fires_every_deadline_exactly_once(broker, tmp_path):
    """The sweep commits batch by batch: a killed batch rolls back whole, handlers' writes with it,
    and is fired again; a batch committed before the kill is never fired again."""
    calls_log = tmp_path / "calls.log"
    citizen = UserFactory(email="")
    long_ago = timezone.now() - timedelta(hours=1)

    def due(kind: str, count: int, since) -> list[Deadline]:
        made = [
            Deadline(
                request=RequestFactory(applicant=citizen),
                kind=kind,
                status=Status.DRAFT,
                due_at=since + timedelta(seconds=n),
            )
            for n in range(count)
        ]
        return Deadline.objects.bulk_create(made)

    first_batch = due(RECORDED, deadlines.SWEEP_BATCH, long_ago)
    second_batch = due(RECORDED_SLOW, 40, long_ago + timedelta(minutes=30))  # due later: the next batch
    fast_pks = {str(d.pk) for d in first_batch}
    slow_pks = {str(d.pk) for d in second_batch}

    def fired(pks) -> int:
        return sum(1 for pk in calls(calls_log, "deadline") if pk in pks)

    with worker_process("worker-a", broker=broker, folder=tmp_path, delay=0.05) as worker:
        sweep_deadlines.delay()  # what beat sends every minute
        wait_for(lambda: fired(slow_pks) >= 10, seconds=60, log=tmp_path)
        kill(worker)
    ran_in_the_killed_batch = {pk for pk in calls(calls_log, "deadline") if pk in slow_pks}
    assert 10 <= len(ran_in_the_killed_batch) < len(slow_pks), "killed in the middle of the second batch"

    first = Deadline.objects.filter(pk__in=fast_pks)
    second = Deadline.objects.filter(pk__in=slow_pks)
    assert states(first) == {"done": len(fast_pks)}, "the first batch committed before the kill"
    assert states(second) == {"pending": len(slow_pks)}, "the killed batch rolled back whole"
    assert set(second.values_list("attempts", flat=True)) == {0}
    assert not Notification.objects.filter(text__in=[fired_text(pk) for pk in slow_pks]).exists(), (
        "nothing its handlers wrote was kept"
    )

    with worker_process("worker-b", broker=broker, folder=tmp_path, delay=0):
        sweep_deadlines.delay()
        wait_for(lambda: states(second) == {"done": len(slow_pks)}, seconds=60, log=tmp_path)
        sweep_deadlines.delay()  # the next minute's sweep finds nothing left
        time.sleep(1)

    assert states(first) == {"done": len(fast_pks)} and states(second) == {"done": len(slow_pks)}
    assert set(Deadline.objects.values_list("attempts", flat=True)) == {1}
    bell = Counter(Notification.objects.filter(recipient=citizen).values_list("text", flat=True))
    assert bell == Counter(fired_text(pk) for pk in fast_pks | slow_pks), "one notice per deadline"
    handled = calls(calls_log, "deadline")
    assert handled == Counter({pk: 2 if pk in ran_in_the_killed_batch else 1 for pk in fast_pks | slow_pks})
