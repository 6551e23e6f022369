"""Coordination (DESIGN §2): one contract suite for LocalCoordinator and RedisCoordinator, then Redis specifics.

The Redis suite runs against a real Redis; two RedisCoordinator instances on their own connections
stand for two daemons. Lock expiry and renewal are Redis' own wall-clock TTLs, so those tests use a
short `lock_ttl` and observe the key over a few TTLs instead of a ManualClock.
"""

from __future__ import annotations

import socket
import uuid
from typing import AsyncIterator, Callable

import anyio
import pytest
from redis.asyncio import Redis

from integrations.clock import ManualClock
from integrations.coordination import DEDUPE_TTL, LocalCoordinator, RedisCoordinator

pytestmark = pytest.mark.anyio

Factory = Callable[..., object]



def _sid() -> str:
    return "SM" + uuid.uuid4().hex


def _phone() -> str:
    return "+316" + str(uuid.uuid4().int)[:8]


@pytest.fixture
async def make(request: pytest.FixtureRequest) -> AsyncIterator[Factory]:
    """Builds coordinators of the parametrised kind; every call is one more daemon (Redis) or the same process."""
    kind = request.param
    clock = ManualClock()
    clients: list[Redis] = []
    local = LocalCoordinator(clock)

    def factory(**kwargs: object) -> object:
        if kind == "local":
            return local
        client = Redis.from_url(request.getfixturevalue("redis_url"))
        clients.append(client)
        return RedisCoordinator(client, clock, poll=0.01, **kwargs)

    yield factory
    for client in clients:
        await client.aclose()


both = pytest.mark.parametrize("make", ["local", "redis"], indirect=True)


# --- the contract ---------------------------------------------------------------------------------


@both
async def test_first_delivery_is_true_once_then_false(make: Factory) -> None:
    """A MessageSid is new exactly once; every redelivery is reported as a duplicate."""
    coordinator = make()
    sid = _sid()
    assert await coordinator.first_delivery(sid) is True
    assert await coordinator.first_delivery(sid) is False
    assert await coordinator.first_delivery(sid) is False
    assert await coordinator.first_delivery(_sid()) is True


@both
async def test_a_second_instance_sees_the_first_delivery(make: Factory) -> None:
    """Dedupe is shared by every daemon using the same coordination backend."""
    sid = _sid()
    assert await make().first_delivery(sid) is True
    assert await make().first_delivery(sid) is False


@both
async def test_forget_delivery_lets_the_retry_through(make: Factory) -> None:
    """After a failed inbox commit the mark is removed, so Twilio's retry is processed once."""
    coordinator = make()
    sid = _sid()
    assert await coordinator.first_delivery(sid)
    await coordinator.forget_delivery(sid)
    assert await coordinator.first_delivery(sid) is True
    assert await coordinator.first_delivery(sid) is False
    await coordinator.forget_delivery(_sid())  # forgetting an unknown sid is harmless


@both
async def test_count_message_counts_per_phone_and_window(make: Factory) -> None:
    """Each (phone, window) pair has its own counter starting at 1."""
    coordinator = make()
    jan, piet = _phone(), _phone()
    assert [await coordinator.count_message(jan, 100) for _ in range(3)] == [1, 2, 3]
    assert await coordinator.count_message(piet, 100) == 1
    assert await coordinator.count_message(jan, 101) == 1
    assert await coordinator.count_message(jan, 100) == 4


@both
async def test_ping_reports_the_backend_reachable(make: Factory) -> None:
    """Readiness asks the coordinator whether it works; a live backend answers True."""
    assert await make().ping() is True


@pytest.mark.parametrize("make", ["local", "redis"], indirect=True)
async def test_conversation_lock_admits_one_holder_at_a_time(make: Factory) -> None:
    """Several holders of one phone's lock never overlap inside it."""
    phone = _phone()
    inside = 0
    most = 0
    entered = 0

    async def holder() -> None:
        nonlocal inside, most, entered
        coordinator = make()
        async with coordinator.conversation_lock(phone):
            inside += 1
            entered += 1
            most = max(most, inside)
            for _ in range(5):
                await anyio.lowlevel.checkpoint()
            inside -= 1

    with anyio.fail_after(10):
        async with anyio.create_task_group() as tg:
            for _ in range(4):
                tg.start_soon(holder)
    assert entered == 4
    assert most == 1


@pytest.mark.parametrize("make", ["local", "redis"], indirect=True)
async def test_the_second_holder_waits_until_the_first_releases(make: Factory) -> None:
    """While the first holder is inside, the second waits; it enters once the first leaves."""
    phone = _phone()
    first, second = make(), make()
    first_inside = anyio.Event()
    release_first = anyio.Event()
    second_inside = anyio.Event()
    order: list[str] = []

    async def hold_first() -> None:
        async with first.conversation_lock(phone):
            order.append("first in")
            first_inside.set()
            await release_first.wait()
            order.append("first out")

    async def hold_second() -> None:
        await first_inside.wait()
        async with second.conversation_lock(phone):
            order.append("second in")
            second_inside.set()

    with anyio.fail_after(10):
        async with anyio.create_task_group() as tg:
            tg.start_soon(hold_first)
            tg.start_soon(hold_second)
            await first_inside.wait()
            with anyio.move_on_after(0.3):
                await second_inside.wait()
            assert not second_inside.is_set()
            release_first.set()
            await second_inside.wait()
    assert order == ["first in", "first out", "second in"]


@both
async def test_locks_of_different_phones_do_not_block_each_other(make: Factory) -> None:
    """Different conversations run concurrently."""
    first, second = make(), make()
    with anyio.fail_after(5):
        async with first.conversation_lock(_phone()):
            async with second.conversation_lock(_phone()):
                pass


@both
async def test_the_lock_is_released_when_the_body_is_cancelled(make: Factory) -> None:
    """A holder cancelled mid-work releases the lock, so the next holder gets in at once."""
    phone = _phone()
    first, second = make(), make()
    with anyio.CancelScope() as scope:
        async with first.conversation_lock(phone):
            scope.cancel()
            await anyio.lowlevel.checkpoint()
    assert scope.cancelled_caught
    with anyio.fail_after(5):
        async with second.conversation_lock(phone):
            pass


@pytest.mark.parametrize("make", ["local", "redis"], indirect=True)
async def test_an_error_inside_the_lock_propagates_unchanged(make: Factory) -> None:
    """The lock is transparent to the body's exceptions (the actor's error boundary matches on them)."""
    phone = _phone()
    coordinator = make()
    with pytest.raises(LookupError, match="no such car"):
        async with coordinator.conversation_lock(phone):
            raise LookupError("no such car")


@both
async def test_the_lock_is_released_after_an_error(make: Factory) -> None:
    """An exception inside the lock does not leave it held."""
    phone = _phone()
    first, second = make(), make()
    with pytest.raises(RuntimeError):
        async with first.conversation_lock(phone):
            raise RuntimeError("boom")
    with anyio.fail_after(5):
        async with second.conversation_lock(phone):
            pass


# --- LocalCoordinator specifics -------------------------------------------------------------------


async def test_local_dedupe_forgets_a_sid_after_the_ttl() -> None:
    """The in-process dedupe window is DEDUPE_TTL seconds on the injected clock."""
    clock = ManualClock()
    coordinator = LocalCoordinator(clock)
    sid = _sid()
    assert await coordinator.first_delivery(sid)
    clock.advance(DEDUPE_TTL - 1)
    assert await coordinator.first_delivery(sid) is False
    clock.advance(2)
    assert await coordinator.first_delivery(sid) is True


async def test_local_dedupe_is_bounded() -> None:
    """Beyond max_entries the oldest sids are dropped, so memory stays bounded under a flood."""
    coordinator = LocalCoordinator(ManualClock(), max_entries=3)
    sids = [_sid() for _ in range(4)]
    for sid in sids:
        assert await coordinator.first_delivery(sid)
    assert await coordinator.first_delivery(sids[3]) is False
    assert await coordinator.first_delivery(sids[0]) is True


# --- RedisCoordinator specifics -------------------------------------------------------------------


@pytest.fixture
async def redis(redis_url: str) -> AsyncIterator[Redis]:
    client = Redis.from_url(redis_url, decode_responses=True)
    yield client
    await client.aclose()


async def test_redis_dedupe_key_is_named_after_the_sid_with_an_hour_ttl(redis: Redis) -> None:
    """`twilio:message:{MessageSid}` is set NX with a TTL of about 3600 s."""
    coordinator = RedisCoordinator(redis, ManualClock())
    sid = _sid()
    await coordinator.first_delivery(sid)
    assert await redis.exists(f"twilio:message:{sid}") == 1
    assert 3590 <= await redis.ttl(f"twilio:message:{sid}") <= 3600
    await coordinator.forget_delivery(sid)
    assert await redis.exists(f"twilio:message:{sid}") == 0


async def test_redis_rate_counter_expires(redis: Redis) -> None:
    """Rate-limit counters carry a TTL, so old windows do not pile up in Redis."""
    coordinator = RedisCoordinator(redis, ManualClock())
    phone = _phone()
    await coordinator.count_message(phone, 7)
    assert 0 < await redis.ttl(f"ratelimit:{phone}:7") <= 120


async def test_redis_lock_key_is_named_after_the_phone_and_has_a_ttl(redis: Redis) -> None:
    """While held, `conversation:lock:{phone}` exists with a TTL no longer than lock_ttl; release deletes it."""
    coordinator = RedisCoordinator(redis, ManualClock(), lock_ttl=30)
    phone = _phone()
    key = f"conversation:lock:{phone}"
    async with coordinator.conversation_lock(phone):
        assert await redis.exists(key) == 1
        assert 0 < await redis.pttl(key) <= 30_000
        assert len(await redis.get(key)) >= 16
    assert await redis.exists(key) == 0


async def test_redis_lock_release_spares_a_key_taken_by_someone_else(redis: Redis) -> None:
    """If the key now holds another daemon's token (ours expired), leaving the lock does not delete it."""
    coordinator = RedisCoordinator(redis, ManualClock(), lock_ttl=30)
    phone = _phone()
    key = f"conversation:lock:{phone}"
    async with coordinator.conversation_lock(phone):
        await redis.set(key, "token-of-another-daemon", px=30_000)
    assert await redis.get(key) == "token-of-another-daemon"


async def test_redis_lock_held_by_another_token_keeps_us_out(redis: Redis) -> None:
    """A key holding a foreign token blocks acquisition until it is gone."""
    coordinator = RedisCoordinator(redis, ManualClock(), poll=0.01)
    phone = _phone()
    key = f"conversation:lock:{phone}"
    await redis.set(key, "token-of-another-daemon", px=30_000)
    with anyio.move_on_after(0.2) as scope:
        async with coordinator.conversation_lock(phone):
            pytest.fail("entered a lock held by another daemon")
    assert scope.cancelled_caught
    assert await redis.get(key) == "token-of-another-daemon"
    await redis.delete(key)
    with anyio.fail_after(5):
        async with coordinator.conversation_lock(phone):
            pass


async def test_redis_lock_is_renewed_while_held_longer_than_its_ttl(redis: Redis, redis_url: str) -> None:
    """Holding the lock for several TTLs keeps the same token in the key, and a second daemon stays out."""
    ttl = 0.2
    holder = RedisCoordinator(redis, ManualClock(), lock_ttl=ttl, poll=0.01)
    other_client = Redis.from_url(redis_url)
    other = RedisCoordinator(other_client, ManualClock(), lock_ttl=ttl, poll=0.01)
    phone = _phone()
    key = f"conversation:lock:{phone}"
    try:
        async with holder.conversation_lock(phone):
            token = await redis.get(key)
            start = anyio.current_time()
            with anyio.move_on_after(ttl * 4):
                async with other.conversation_lock(phone):
                    pytest.fail("a second daemon entered a lock that is still being renewed")
            assert anyio.current_time() - start >= ttl * 4 * 0.9
            assert await redis.get(key) == token
            assert 0 < await redis.pttl(key) <= ttl * 1000
        assert await redis.exists(key) == 0
        with anyio.fail_after(5):
            async with other.conversation_lock(phone):
                pass
    finally:
        await other_client.aclose()


async def test_redis_lock_waiter_cancelled_before_entry_leaves_the_key_alone(redis: Redis) -> None:
    """A waiter that gives up never deletes the holder's key."""
    holder = RedisCoordinator(redis, ManualClock(), poll=0.01)
    waiter = RedisCoordinator(redis, ManualClock(), poll=0.01)
    phone = _phone()
    key = f"conversation:lock:{phone}"
    async with holder.conversation_lock(phone):
        token = await redis.get(key)
        with anyio.move_on_after(0.1):
            async with waiter.conversation_lock(phone):
                pytest.fail("entered a held lock")
        assert await redis.get(key) == token


async def test_redis_ping_fails_cleanly_when_redis_is_unreachable() -> None:
    """Readiness reports False, not an exception, when Redis does not answer."""
    with socket.socket() as spare:
        spare.bind(("127.0.0.1", 0))
        port = spare.getsockname()[1]
    client = Redis.from_url(f"redis://127.0.0.1:{port}/0", socket_connect_timeout=0.5)
    try:
        assert await RedisCoordinator(client, ManualClock()).ping() is False
    finally:
        await client.aclose()


@pytest.mark.anyio
async def test_an_unreachable_redis_degrades_to_in_process_coordination():
    """With Redis down, dedupe, counting and locks still work on this instance instead of raising."""
    from integrations.clock import ManualClock
    from integrations.coordination import RedisCoordinator

    coordinator = RedisCoordinator.from_url("redis://127.0.0.1:1/0", ManualClock())
    try:
        assert await coordinator.first_delivery("SM" + "a" * 32) is True
        assert await coordinator.first_delivery("SM" + "a" * 32) is False
        assert await coordinator.count_message("+31612345678", 1) == 1
        async with coordinator.conversation_lock("+31612345678"):
            pass
        assert await coordinator.ping() is False
    finally:
        await coordinator.aclose()


@pytest.mark.anyio
async def test_a_lost_redis_lock_aborts_the_work_before_it_commits(redis_url):
    """If another holder takes the key while we work, renewal notices and the body is cancelled with LockLost."""
    import redis.asyncio as aioredis

    from integrations.clock import ManualClock
    from integrations.coordination import LockLost, RedisCoordinator

    coordinator = RedisCoordinator(aioredis.Redis.from_url(redis_url), ManualClock(), lock_ttl=0.3)
    thief = aioredis.Redis.from_url(redis_url)
    finished = False
    try:
        with pytest.raises(BaseException) as info:
            async with coordinator.conversation_lock("+31612345678"):
                await thief.set("conversation:lock:+31612345678", "someone-else", px=5000)
                await anyio.sleep(2)
                finished = True
        assert info.group_contains(LockLost)
        assert not finished
        assert await thief.get("conversation:lock:+31612345678") == b"someone-else"  # not released by us
    finally:
        await thief.aclose()
        await coordinator.aclose()


# --- leases across instances ------------------------------------------------------------------------


async def test_each_new_holder_of_a_conversation_lease_gets_a_larger_fencing_token(redis_url: str) -> None:
    """Two daemons taking one conversation's lease in turn: every token is larger than the one before."""
    clients = [Redis.from_url(redis_url), Redis.from_url(redis_url)]
    first, second = (RedisCoordinator(c, ManualClock(), poll=0.01) for c in clients)
    phone = _phone()
    tokens = []
    try:
        for coordinator in (first, second, first):
            async with coordinator.conversation_lock(phone) as lease:
                tokens.append(lease.token)
    finally:
        for client in clients:
            await client.aclose()
    assert tokens[0] is not None and tokens == sorted(set(tokens))


async def test_a_recipient_is_sent_to_by_one_instance_at_a_time(redis_url: str) -> None:
    """While one daemon holds a recipient's delivery lease, another is refused it at once; after, it is granted."""
    clients = [Redis.from_url(redis_url), Redis.from_url(redis_url)]
    first, second = (RedisCoordinator(c, ManualClock(), poll=0.01) for c in clients)
    phone = _phone()
    try:
        async with first.delivery_lease(phone) as mine:
            assert mine
            async with second.delivery_lease(phone) as theirs:
                assert not theirs
        async with second.delivery_lease(phone) as theirs:
            assert theirs
    finally:
        for client in clients:
            await client.aclose()


async def test_the_local_coordinator_grants_leases_without_tokens() -> None:
    """In process there is one instance: the lease carries no token and delivery is always granted."""
    local = LocalCoordinator(ManualClock())
    async with local.conversation_lock(_phone()) as lease:
        assert lease.token is None
    async with local.delivery_lease(_phone()) as mine:
        assert mine
