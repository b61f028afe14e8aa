"""Taking the Celery broker away and bringing it back, for tests of outages."""

from contextlib import contextmanager

from django.conf import settings
from kombu import pools

from najiz.celery import app


def use_broker(url: str) -> None:
    """Point the application at ``url``, dropping every pooled connection to the old one."""
    app.conf.broker_url = url
    app.pool.force_close_all()
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_down():
    use_broker("redis://127.0.0.1:1/0")  # nothing listens there
    try:
        yield
    finally:
        use_broker(settings.CELERY_BROKER_URL)
