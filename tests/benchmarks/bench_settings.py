"""The portal's settings plus the ceiling route: a minimal view behind the same middleware stack,
for `make bench` only. The portal's own URLs never include it."""

from najiz.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.bench_urls"
