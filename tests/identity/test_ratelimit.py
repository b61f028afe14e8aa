"""The sign-in's counters: atomic under concurrency and true to their window, on every cache the
portal runs on (Redis in production, the in-memory cache in tests, the file cache in development)."""

import threading
import time
import uuid

import pytest

from identity.ratelimit import Limit


@pytest.fixture(params=["locmem", "filebased", "redis"])
def cache_backend(request, settings, tmp_path):
    backends = {
        "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": uuid.uuid4().hex},
        "filebased": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        },
        "redis": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": settings.REDIS_URL},
    }
    if request.param == "redis" and not settings.REDIS_URL:
        pytest.skip("needs Redis: set REDIS_URL to run it.")
    settings.CACHES = {"default": {**backends[request.param], "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}
    return request.param


def test_parallel_hits_each_get_a_count_of_their_own(cache_backend):
    limit = Limit("test-parallel", count=5, window_seconds=60)
    start = threading.Barrier(20)
    counts = []

    def hit():
        start.wait()
        counts.append(limit.hit("subject"))

    threads = [threading.Thread(target=hit) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(counts) == list(range(1, 21))
    assert limit.current("subject") == 20


def test_the_window_runs_from_the_first_hit_and_later_hits_do_not_stretch_it(cache_backend):
    limit = Limit("test-window", count=5, window_seconds=1)
    assert limit.hit("subject") == 1
    time.sleep(0.5)
    assert limit.hit("subject") == 2
    time.sleep(0.7)  # 1.2 s after the first hit: that window is over, whatever came after it
    assert limit.current("subject") == 0
    assert limit.hit("subject") == 1


def test_over_counts_first_and_refuses_past_the_limit(cache_backend):
    limit = Limit("test-over", count=2, window_seconds=60)
    assert [limit.over("subject") for _ in range(3)] == [False, False, True]
    assert limit.exceeded("subject")
    assert not limit.exceeded("another-subject")
    limit.reset("subject")
    assert limit.current("subject") == 0
    assert not limit.over("subject")
