"""Taking the Celery broker away and bringing it back, for tests of outages."""

import shutil
import signal
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.conf import settings
from kombu import pools

from najiz.celery import app

from .conftest import postgres_only

REDIS_SERVER = shutil.which("redis-server")
# The marks of a test that needs PostgreSQL, a real Redis broker and a redis-server of its own.
REAL_SERVICES = [
    postgres_only,
    pytest.mark.skipif(
        not settings.REDIS_URL or REDIS_SERVER is None,
        reason="needs the real services: set REDIS_URL, with redis-server installed, to run it",
    ),
]


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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateRedis:
    """A redis-server of the test's own, on a free port, that the test may crash and restart: the
    machine's shared Redis, which other processes use, is never touched. It keeps nothing on disk,
    so a restart loses whatever it held, as a crashed Redis without persistence does."""

    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.folder = folder
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "redis.log", "ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - the redis-server binary, fixed arguments
                [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--daemonize", "no", "--dir", str(self.folder)],
                stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.02)
            finally:
                client.close()

    def kill(self) -> None:
        """Crash it (SIGKILL): connections drop at once and what it held is gone."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


@contextmanager
def private_redis(folder: Path):
    server = PrivateRedis(folder)
    server.start()
    try:
        yield server
    finally:
        server.kill()
