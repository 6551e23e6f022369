"""Cross-instance coordination (DESIGN §2): dedupe, per-sender rate limit, conversation locks.

Redis is used for nothing else. Without Redis the daemon is single-instance and the
same contracts are met in process (dedupe is also backed by the inbox's unique key).
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import AsyncIterator, Protocol

import anyio
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from daemon.logs import get_logger

log = get_logger(component="coordination")
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)

DEDUPE_TTL = 3600
LOCK_TTL = 30.0

# Compare-and-delete / compare-and-extend: only the holder of the token may touch the lock.
_RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
# Take the lock and draw the next fencing token in one step: a holder always has a token, and a
# later holder always a larger one (the counter has no TTL).
_ACQUIRE = (
    "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return redis.call('incr', KEYS[2]) else return 0 end"
)
_RENEW = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"
)


class LockLost(Exception):
    """The conversation lock expired or was taken while we held it."""


@dataclass(frozen=True)
class Lease:
    """What holding a conversation lock gives: its fencing token (`integrations.store.fences`).
    None in process (one instance is all there is) and while Redis cannot be reached."""

    token: int | None = None


class Coordinator(Protocol):
    async def first_delivery(self, message_sid: str) -> bool: ...
    async def forget_delivery(self, message_sid: str) -> None: ...
    async def count_message(self, phone: str, window: int) -> int: ...
    def conversation_lock(self, phone: str) -> AbstractAsyncContextManager[Lease]: ...
    def delivery_lease(self, phone: str) -> AbstractAsyncContextManager[bool]: ...
    async def ping(self) -> bool: ...


@dataclass
class LocalCoordinator:
    """Single instance: bounded in-memory dedupe, fixed-window counters, no-op locks."""

    clock: object
    max_entries: int = 100_000

    def __post_init__(self) -> None:
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._counts: dict[tuple[str, int], int] = {}
        self._locks: dict[str, tuple[anyio.Lock, int]] = {}

    async def first_delivery(self, message_sid: str) -> bool:
        now = self.clock.monotonic()
        while self._seen and next(iter(self._seen.values())) < now:
            self._seen.popitem(last=False)
        if message_sid in self._seen:
            return False
        self._seen[message_sid] = now + DEDUPE_TTL
        if len(self._seen) > self.max_entries:
            self._seen.popitem(last=False)
        return True

    async def forget_delivery(self, message_sid: str) -> None:
        self._seen.pop(message_sid, None)

    async def count_message(self, phone: str, window: int) -> int:
        if len(self._counts) > 10_000:
            self._counts = {k: v for k, v in self._counts.items() if k[1] == window}
        key = (phone, window)
        self._counts[key] = self._counts.get(key, 0) + 1
        return self._counts[key]

    @asynccontextmanager
    async def conversation_lock(self, phone: str) -> AsyncIterator[Lease]:
        """One holder per phone in this process; entries live only while someone holds or waits."""
        lock, users = self._locks.get(phone, (anyio.Lock(), 0))
        self._locks[phone] = (lock, users + 1)
        try:
            async with lock:
                yield Lease()
        finally:
            lock, users = self._locks[phone]
            if users == 1:
                del self._locks[phone]
            else:
                self._locks[phone] = (lock, users - 1)

    @asynccontextmanager
    async def delivery_lease(self, phone: str) -> AsyncIterator[bool]:
        """Always granted: this process is the only sender (its sender keeps one worker per phone)."""
        yield True

    async def ping(self) -> bool:
        return True


class RedisCoordinator:
    """Shared between instances through one Redis; keys as DESIGN §2 names them.

    When Redis cannot be reached, each call falls back to the in-process behaviour and logs
    `redis_unavailable`: a webhook must still be stored and answered (Twilio does not redeliver
    after a 5xx), and the inbox's unique key still catches duplicates on this instance.
    /readyz reports the outage so a load balancer can take the instance out.
    """

    def __init__(self, redis: Redis, clock, *, lock_ttl: float = LOCK_TTL, poll: float = 0.05) -> None:
        # lock_ttl: how long a lease outlives a holder that stopped renewing it (crashed, paused),
        # so how long its conversations wait before another instance takes them over.
        self.redis = redis
        self.clock = clock
        self.lock_ttl = lock_ttl
        self.poll = poll
        self.fallback = LocalCoordinator(clock)

    def _degraded(self, operation: str, exc: Exception) -> None:
        log.error("redis_unavailable", operation=operation, error=repr(exc), fallback="in-process", alert=True)

    @classmethod
    def from_url(cls, url: str, clock, *, lock_ttl: float = LOCK_TTL) -> "RedisCoordinator":
        return cls(Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5), clock, lock_ttl=lock_ttl)

    async def aclose(self) -> None:
        with anyio.CancelScope(shield=True):
            await self.redis.aclose()

    async def first_delivery(self, message_sid: str) -> bool:
        try:
            return bool(await self.redis.set(f"twilio:message:{message_sid}", "1", nx=True, ex=DEDUPE_TTL))
        except UNAVAILABLE as exc:
            self._degraded("dedupe", exc)
            return await self.fallback.first_delivery(message_sid)

    async def forget_delivery(self, message_sid: str) -> None:
        """Undo the mark when the inbox commit failed, so Twilio's retry is processed."""
        await self.fallback.forget_delivery(message_sid)
        try:
            await self.redis.delete(f"twilio:message:{message_sid}")
        except UNAVAILABLE as exc:
            self._degraded("forget", exc)

    async def count_message(self, phone: str, window: int) -> int:
        key = f"ratelimit:{phone}:{window}"
        try:
            async with self.redis.pipeline(transaction=True) as pipe:
                pipe.incr(key)
                pipe.expire(key, 120)
                count, _ = await pipe.execute()
        except UNAVAILABLE as exc:
            self._degraded("rate_limit", exc)
            return await self.fallback.count_message(phone, window)
        return int(count)

    @asynccontextmanager
    async def conversation_lock(self, phone: str) -> AsyncIterator[Lease]:
        """Hold `conversation:lock:{phone}` while the body runs, renewing it at a third of its TTL;
        the lease's fencing token comes from `conversation:fence:{phone}`."""
        key = f"conversation:lock:{phone}"
        token = secrets.token_hex(16)
        ttl_ms = int(self.lock_ttl * 1000)
        try:
            while not (fence := int(await self.redis.eval(_ACQUIRE, 2, key, f"conversation:fence:{phone}",
                                                          token, ttl_ms))):
                await anyio.sleep(self.poll)
        except UNAVAILABLE as exc:
            self._degraded("lock", exc)
            async with self.fallback.conversation_lock(phone) as lease:
                yield lease
            return
        async with self._holding(key, token, ttl_ms):
            yield Lease(fence)

    @asynccontextmanager
    async def delivery_lease(self, phone: str) -> AsyncIterator[bool]:
        """Try `delivery:lock:{phone}` once: True (held, renewed, released after) when this instance
        may send to `phone` now, False when another instance is sending to it. A holder that dies
        leaves it to expire; the next holder finds its `sending` rows and reconciles them first."""
        key = f"delivery:lock:{phone}"
        token = secrets.token_hex(16)
        ttl_ms = int(self.lock_ttl * 1000)
        try:
            acquired = bool(await self.redis.set(key, token, nx=True, px=ttl_ms))
        except UNAVAILABLE as exc:
            self._degraded("delivery_lease", exc)
            yield True
            return
        if not acquired:
            yield False
            return
        async with self._holding(key, token, ttl_ms):
            yield True

    @asynccontextmanager
    async def _holding(self, key: str, token: str, ttl_ms: int) -> AsyncIterator[None]:
        """Renew the held `key` while the body runs (LockLost when it is gone), release it after."""
        error: BaseException | None = None
        try:
            async with anyio.create_task_group() as tg:
                tg.start_soon(self._renew, key, token, ttl_ms)
                try:
                    yield
                except Exception as exc:
                    # Raised after the group, so the body's error comes out unchanged, not in a group.
                    error = exc
                finally:
                    tg.cancel_scope.cancel()
            if error is not None:
                raise error
        finally:
            with anyio.CancelScope(shield=True):
                try:
                    await self.redis.eval(_RELEASE, 1, key, token)
                except UNAVAILABLE as exc:
                    self._degraded("unlock", exc)  # the key expires by its TTL

    async def _renew(self, key: str, token: str, ttl_ms: int) -> None:
        while True:
            await anyio.sleep(self.lock_ttl / 3)
            try:
                renewed = await self.redis.eval(_RENEW, 1, key, token, ttl_ms)
            except UNAVAILABLE as exc:
                self._degraded("renew", exc)
                continue
            if not renewed:
                # Expired or taken by another instance: stop before this turn commits anything,
                # so two instances never answer the same conversation; the message is retried.
                log.error("lock_lost", key=key, alert=True)
                raise LockLost(key)

    async def ping(self) -> bool:
        try:
            with anyio.fail_after(1):
                return bool(await self.redis.ping())
        except Exception:
            return False
