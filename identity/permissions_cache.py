"""A user's groups and permissions from the shared cache (Redis in production), not two queries on
every staff page. Any change to group memberships or to a group's permissions moves one version
number, which retires every cached answer at once."""

from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

VERSION_KEY = "identity:permissions-version"
LIFETIME = 10 * 60


def version() -> int:
    current = cache.get(VERSION_KEY)
    if current is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        current = cache.get(VERSION_KEY) or 1
    return current


def permissions_changed(**kwargs) -> None:
    """Signal receiver for membership and permission changes: every cached answer is stale now."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # never read yet
        cache.add(VERSION_KEY, 2, timeout=None)


def cached(kind: str, user_pk: int, compute):
    key = f"identity:{kind}:{user_pk}:{version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, LIFETIME)
    return value


class CachedPermissionsBackend(ModelBackend):
    """Django's model backend, its per-user permission sets kept in the shared cache."""

    def _get_permissions(self, user_obj, obj, from_name):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cache_name = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cache_name):
            compute = super()._get_permissions.__get__(self)
            setattr(
                user_obj,
                cache_name,
                cached(f"{from_name}-permissions", user_obj.pk, lambda: compute(user_obj, obj, from_name)),
            )
        return getattr(user_obj, cache_name)
