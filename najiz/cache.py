"""Redis as a cache that degrades to a miss.

The cache holds nothing that is not also somewhere else (sessions are written through to the
database, counts and permissions are read again from it), so while Redis is away a page or a
status change goes on without it instead of failing: a read is a miss, a write or a deletion is
skipped, and the outage is logged. The Celery broker on the same Redis has its own fallback: the
outbox keeps every notice until it is back.
"""

import logging
from functools import wraps

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _degrades_to(fallback):
    def decorator(method):
        @wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning("Cache unavailable for %s: %s", method.__name__, error)
                return fallback(*args, **kwargs) if callable(fallback) else fallback

        return wrapper

    return decorator


class ResilientRedisCache(RedisCache):
    get = _degrades_to(lambda key, default=None, version=None: default)(RedisCache.get)
    get_many = _degrades_to({})(RedisCache.get_many)
    has_key = _degrades_to(False)(RedisCache.has_key)
    add = _degrades_to(False)(RedisCache.add)
    set = _degrades_to(None)(RedisCache.set)
    set_many = _degrades_to([])(RedisCache.set_many)
    touch = _degrades_to(False)(RedisCache.touch)
    delete = _degrades_to(False)(RedisCache.delete)
    delete_many = _degrades_to(None)(RedisCache.delete_many)
    # The permissions' version number: a bump lost to an outage leaves cached permissions at most
    # their lifetime (ten minutes) behind.
    incr = _degrades_to(None)(RedisCache.incr)
