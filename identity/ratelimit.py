"""Fixed-window counters in the cache, so every web process shares them (Redis when REDIS_URL is set)."""

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window_seconds: int

    def _key(self, subject: str) -> str:
        return f"ratelimit:{self.name}:{subject}"

    def hit(self, subject: str) -> int:
        """Count one more event for ``subject``; returns the count in the current window."""
        key = self._key(subject)
        if cache.add(key, 1, timeout=self.window_seconds):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=self.window_seconds)
            return 1

    def exceeded(self, subject: str) -> bool:
        return (cache.get(self._key(subject)) or 0) >= self.count

    def reset(self, subject: str) -> None:
        cache.delete(self._key(subject))


# Sign-in at the national SSO (DESIGN §2.4).
PASSWORD_FAILURES_PER_ACCOUNT = Limit("sso-password-account", count=5, window_seconds=15 * 60)
SIGN_IN_ATTEMPTS_PER_IP = Limit("sso-attempts-ip", count=30, window_seconds=15 * 60)
CODES_SENT_PER_ACCOUNT = Limit("sso-codes-account", count=10, window_seconds=60 * 60)
WRONG_CODES_PER_ACCOUNT = Limit("sso-wrong-codes-account", count=10, window_seconds=15 * 60)
