"""Each real worker here starts on an empty queue.

The rest of the suite runs against the same Redis, which is then also its Celery broker, so the
notices its tests commit are queued there and nobody consumes them. A worker started here would
first work through those thousands of stale tasks before it reached the one its test is waiting for.
"""

import pytest
from django.conf import settings


@pytest.fixture(autouse=True)
def empty_queue():
    if settings.CELERY_BROKER_URL.startswith("redis"):
        from najiz.celery import app

        app.control.purge()
    yield
