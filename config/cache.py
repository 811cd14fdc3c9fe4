"""The cache is an optimisation: when Redis is down, every read is a miss and every write is skipped.

Django's Redis backend raises on a lost connection, which made every report page answer 500 while Redis
was away. ``SoftRedisCache`` turns those errors into misses (``get`` returns the default, ``add`` says
it did not add, writes do nothing) and logs the outage once until the cache answers again.
"""
from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

try:  # the redis client's own error classes; the package is a dependency of the project
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import RedisError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    CACHE_ERRORS: tuple[type[BaseException], ...] = (RedisError, RedisConnectionError, RedisTimeoutError, OSError)
except ImportError:  # pragma: no cover
    CACHE_ERRORS = (OSError,)


class SoftRedisCache(RedisCache):
    _down = False

    def _failed(self, error: BaseException) -> None:
        if not SoftRedisCache._down:
            logger.warning("cache unavailable, serving without it: %s", error)
            SoftRedisCache._down = True

    def _ok(self) -> None:
        if SoftRedisCache._down:
            logger.warning("cache available again")
            SoftRedisCache._down = False

    def _soft(self, method: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except CACHE_ERRORS as error:
            self._failed(error)
            return default
        self._ok()
        return result

    def get(self, key, default=None, version=None):
        return self._soft("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._soft("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._soft("has_key", False, key, version)

    def add(self, key, value, timeout=None, version=None):
        # Not added: a caller taking a lock with add() computes the value itself (nobody else can).
        return self._soft("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=None, version=None):
        return self._soft("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=None, version=None):
        return self._soft("set_many", [], data, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._soft("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._soft("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._soft("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        return self._soft("incr", None, key, delta, version)

    def clear(self):
        return self._soft("clear", False)
