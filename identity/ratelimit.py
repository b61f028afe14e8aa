"""Fixed-window counters in the shared cache, so every web process counts together.

A window starts at the first event and lasts ``window_seconds``; later events never extend it. An
event is counted before it is judged, in one atomic step, so that N requests arriving at once see
N different counts and at most ``count`` of them pass (``over``). On Redis that step is INCR with
the expiry set by the first hit (EXPIRE NX, in the same MULTI). The development caches keep the
count beside the end of its window, updated under a lock: a thread lock for the in-memory cache,
a file lock for the file cache that the web server, the worker and beat share.
"""

import fcntl
import math
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from redis.exceptions import RedisError

_memory_lock = threading.Lock()


@contextmanager
def _locked(backend):
    if isinstance(backend, FileBasedCache):
        directory = Path(backend._dir)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        with (directory / "ratelimit.lock").open("a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)
    elif isinstance(backend, LocMemCache):
        with _memory_lock:
            yield
    else:
        raise ImproperlyConfigured(
            f"identity.ratelimit cannot count atomically on {type(backend).__name__}; "
            "use Redis (REDIS_URL), or the in-memory or file cache in development."
        )


class CounterUnavailable(Exception):
    """The shared cache that keeps the counts cannot be reached. A limit that cannot count cannot
    let anyone through: the person is asked to try again shortly (``CounterUnavailableMiddleware``)."""


@contextmanager
def _reachable():
    try:
        yield
    except RedisError as error:
        raise CounterUnavailable(str(error)) from error


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window_seconds: int

    def _key(self, subject: str) -> str:
        return f"ratelimit:{self.name}:{subject}"

    def hit(self, subject: str) -> int:
        """Count one more event for ``subject``; returns the count in the current window, this one included."""
        backend = caches["default"]
        key = self._key(subject)
        if isinstance(backend, RedisCache):
            raw_key = backend.make_and_validate_key(key)
            with _reachable():
                client = backend._cache.get_client(raw_key, write=True)
                with client.pipeline(transaction=True) as pipeline:
                    pipeline.incr(raw_key)
                    pipeline.expire(raw_key, self.window_seconds, nx=True)
                    count, _expiry_set = pipeline.execute()
            return count
        with _locked(backend):
            now = time.time()
            count, window_ends = self._window(backend, key, now)
            count += 1
            backend.set(key, (count, window_ends), timeout=math.ceil(window_ends - now))
            return count

    def over(self, subject: str) -> bool:
        """Count one more event for ``subject`` and say whether it goes over the limit (and must be refused)."""
        return self.hit(subject) > self.count

    def current(self, subject: str) -> int:
        """How many events ``subject`` has in the current window."""
        backend = caches["default"]
        if isinstance(backend, RedisCache):
            with _reachable():
                return backend.get(self._key(subject)) or 0
        return self._window(backend, self._key(subject), time.time())[0]

    def exceeded(self, subject: str) -> bool:
        """Whether the limit is reached: the next event would be over it."""
        return self.current(subject) >= self.count

    def reset(self, subject: str) -> None:
        with _reachable():
            caches["default"].delete(self._key(subject))

    def _window(self, backend, key: str, now: float) -> tuple[int, float]:
        """(count, end of window) as the development caches keep it; a new window once it has ended."""
        stored = backend.get(key)
        if stored is None or stored[1] <= now:
            return 0, now + self.window_seconds
        return stored


# Sign-in at the national SSO (DESIGN §2.4). Per-IP limits are generous because a mobile carrier
# puts many customers behind one address.
PASSWORD_FAILURES_PER_ACCOUNT = Limit("sso-password-account", count=5, window_seconds=15 * 60)
SIGN_IN_ATTEMPTS_PER_IP = Limit("sso-attempts-ip", count=30, window_seconds=15 * 60)
SIGN_IN_STARTS_PER_IP = Limit("sso-starts-ip", count=30, window_seconds=15 * 60)
CODES_SENT_PER_ACCOUNT = Limit("sso-codes-account", count=10, window_seconds=60 * 60)
WRONG_CODES_PER_ACCOUNT = Limit("sso-wrong-codes-account", count=10, window_seconds=15 * 60)
CODE_ENTRIES_PER_IP = Limit("sso-code-entries-ip", count=30, window_seconds=15 * 60)
CONFIRMATION_CODES_PER_ACCOUNT = Limit("confirm-codes-account", count=10, window_seconds=60 * 60)
