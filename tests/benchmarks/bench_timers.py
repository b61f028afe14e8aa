"""Benchmarks of the deadline sweep and the notification outbox on PostgreSQL (`make bench`).

Targets:
- the sweep query, with 1,000,000 pending deadlines none of which is due, under 10 ms (partial index);
- the same with 1,000 more due but backing off after their handler raised, under 10 ms;
- one worker fires 10,000 due deadlines at 500 or more a second;
- the outbox relays 10,000 notices at 500 or more a second;
gateway time excluded (the gateways are replaced by ones that return at once).

Runs against $BENCH_DATABASE_URL (default: a `najiz_bench` database on the local PostgreSQL, created
and migrated here). Prints the numbers and the query plan; exits non-zero when a target is missed.
"""

import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/najiz_bench")
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ["DJANGO_ENV"] = "test"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "najiz.settings")

DEADLINES = 1_000_000
BACKING_OFF = 1_000
DUE = 10_000
NOTICES = 10_000


def ensure_database() -> None:
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres",
        password=parts.password, dbname="postgres",
    )  # fmt: skip
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def report(name: str, value: float, unit: str, ok: bool) -> bool:
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {value:,.2f} {unit}")
    return ok


def main() -> int:
    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from identity.models import User
    from requests_tracker import deadlines, notifications
    from requests_tracker.models import OutboundMessage, Request, Status

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE requests_tracker_deadline, requests_tracker_outboundmessage, "
            "requests_tracker_notification, requests_tracker_request CASCADE"
        )
    user, _ = User.objects.get_or_create(national_id="1010000006")
    request = Request.objects.create(
        reference="BEN-1448-000001", service="bench", applicant=user, status=Status.IN_EXECUTION
    )

    print(f"Inserting {DEADLINES:,} pending deadlines, none due …")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO requests_tracker_deadline
                (request_id, kind, status, due_at, state, created_at, attempts, last_error)
            SELECT %s, 'bench-' || n, 'in_execution', now() + interval '1 day' + n * interval '1 second',
                   'pending', now(), 0, ''
            FROM generate_series(1, %s) AS n
            """,
            [request.pk, DEADLINES],
        )
        cursor.execute("ANALYZE requests_tracker_deadline")
    print(f"      inserted in {time.perf_counter() - started:.1f} s")

    results = []
    from django.db import transaction

    def measure_sweep(name: str) -> None:
        sweep = (
            deadlines.due_deadlines(timezone.now())
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("request")[: deadlines.SWEEP_BATCH]
        )  # the query fire_due runs
        with transaction.atomic():
            print("Sweep query plan (EXPLAIN ANALYZE):")
            for line in sweep.explain(analyze=True).splitlines():
                print(f"      {line}")
        timings = []
        for _ in range(50):
            with transaction.atomic():
                started = time.perf_counter()
                list(sweep.all())  # a fresh queryset each time: nothing cached
                timings.append((time.perf_counter() - started) * 1000)
        median = statistics.median(timings)
        results.append(report(f"{name} (median of 50)", median, "ms", median < 10))

    measure_sweep("sweep query, 1,000,000 pending and none due")

    print(f"Adding {BACKING_OFF:,} due deadlines whose handler raised, backing off …")
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO requests_tracker_deadline
                (request_id, kind, status, due_at, state, created_at, attempts, last_error, next_attempt_at)
            SELECT %s, 'bench-failing-' || n, 'in_execution', now() - interval '1 hour', 'pending', now(),
                   3, 'RuntimeError: bench', now() + interval '1 hour'
            FROM generate_series(1, %s) AS n
            """,
            [request.pk, BACKING_OFF],
        )
        cursor.execute("ANALYZE requests_tracker_deadline")
    measure_sweep("sweep query, the same and 1,000 due but backing off")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM requests_tracker_deadline WHERE kind LIKE 'bench-failing-%%'")

    print(f"Adding {DUE:,} due deadlines beside them and firing them with one worker …")
    fired_notices = []
    deadlines.register_deadline_handler("bench-fire", lambda deadline: fired_notices.append(deadline.pk))
    with connection.cursor() as cursor:  # one more request each, beside the million still pending
        cursor.execute(
            """
            INSERT INTO requests_tracker_request
                (reference, service, applicant_id, status, created_at, updated_at)
            SELECT 'BEN-1448-1' || lpad(n::text, 6, '0'), 'bench', %s, 'in_execution', now(), now()
            FROM generate_series(1, %s) AS n
            """,
            [user.pk, DUE],
        )
        cursor.execute(
            """
            INSERT INTO requests_tracker_deadline
                (request_id, kind, status, due_at, state, created_at, attempts, last_error)
            SELECT id, 'bench-fire', 'in_execution', now() - interval '1 second', 'pending', now(), 0, ''
            FROM requests_tracker_request WHERE reference LIKE 'BEN-1448-1%%'
            """
        )
    started = time.perf_counter()
    fired = deadlines.fire_due()
    elapsed = time.perf_counter() - started
    assert fired == DUE == len(set(fired_notices)), (fired, len(fired_notices))
    results.append(
        report(
            f"deadlines fired ({fired:,} in {elapsed:.2f} s)",
            fired / elapsed,
            "per second",
            fired / elapsed >= 500,
        )
    )

    print(f"Relaying {NOTICES:,} notices through the outbox …")
    a_while_ago = timezone.now() - timezone.timedelta(minutes=5)
    OutboundMessage.objects.bulk_create(
        OutboundMessage(
            recipient=user, request=request, event="status_changed", channel="sms", to="+966500000001",
            body=f"Najiz: request BEN-1448-000001 notice {n}", created_at=a_while_ago, next_attempt_at=a_while_ago,
        )
        for n in range(NOTICES)
    )  # fmt: skip
    notifications.send_sms = lambda **kwargs: None  # the gateway's own time is not ours to measure
    started = time.perf_counter()
    relayed = notifications.relay_unsent()
    elapsed = time.perf_counter() - started
    assert relayed == NOTICES == OutboundMessage.objects.filter(state="sent").count()
    results.append(
        report(
            f"notices relayed ({relayed:,} in {elapsed:.2f} s)",
            relayed / elapsed,
            "per second",
            relayed / elapsed >= 500,
        )
    )

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE requests_tracker_deadline, requests_tracker_outboundmessage CASCADE")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
