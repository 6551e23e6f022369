"""The one runtime object: built at start-up, passed down, never global.

`open_runtime` owns the store, the coordinator, the brain and every long-lived actor in
one task group. Leaving it stops intake, lets conversation actors finish the message
in hand (up to `server.drain_seconds`), then cancels the rest; whatever is unfinished
stays in the inbox/outbox for the next start.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import Any, AsyncIterator, Callable

import anyio

from actors.capacity import ProcessingSlots
from actors.dialogue.llm.reader import ModelReaders
from actors.dialogue.turn import Brain, TurnOutput
from actors.integrations import IntegrationActors
from actors.registry import ConversationRegistry
from actors.sender import SenderActor
from actors.supervisor import Supervisor
from actors.sweeper import Sweeper
from daemon.config import Config, ConfigDiff, diff
from daemon.logs import LogSettings, get_logger
from daemon.metrics import Metrics
from daemon.sdnotify import Notifier
from integrations.clock import Clock
from integrations.coordination import Coordinator, LocalCoordinator, RedisCoordinator
from integrations.knowledge import Knowledge, load_knowledge
from integrations.messages import Media
from integrations.stock import parse_stock_csv, sample_stock_text
from integrations.store import Store, open_configured_store
from integrations.transport import Transport

log = get_logger(component="runtime")


class Runtime:
    def __init__(self, config: Config, *, clock: Clock, store: Store, coordinator: Coordinator, metrics: Metrics,
                 notifier: Notifier, log_settings: LogSettings) -> None:
        self.config = config
        self.clock = clock
        self.store = store
        self.coordinator = coordinator
        self.metrics = metrics
        self.notifier = notifier
        self.log_settings = log_settings
        self.supervisor = Supervisor(clock)
        self.processing = ProcessingSlots(config.limits.max_active_conversations)
        self.registry = ConversationRegistry(self)
        self.sender = SenderActor(self)
        self.integrations = IntegrationActors(self)
        self.sweeper = Sweeper(self)
        self.brain: Brain | None = None
        # The optional language model reader for the current `[llm]` config (follows reloads).
        self.model_readers = ModelReaders()
        # The dealer's knowledge file, validated with the config and swapped with it on reload.
        self.knowledge: Knowledge = load_knowledge(config.business.knowledge_file)
        self.draining = False
        self.stop_event = anyio.Event()
        self.fatal: BaseException | None = None
        self._transport: Transport | None = None
        self._transport_key: tuple[Any, ...] | None = None
        self._turn_listeners: dict[int, Callable[[TurnOutput], None]] = {}
        # Parts built outside the runtime (the HTTP app) that must follow a reload.
        self.config_listeners: list[Callable[[Config], None]] = []
        metrics.gauge("seldenrijk_active_conversations", lambda: self.registry.active)
        metrics.gauge("seldenrijk_inbox_pending", self._inbox_pending)
        metrics.gauge("seldenrijk_outbox_open", self.outbox_open)

    async def _inbox_pending(self) -> float:
        return (await self.store.inbox.counts()).get("pending", 0)

    async def outbox_open(self) -> float:
        counts = await self.store.outbox.counts()
        return counts.get("queued", 0) + counts.get("sending", 0)

    # -- transport -------------------------------------------------------------------------------

    def provider_name(self) -> str:
        return self.config.whatsapp.provider

    def _wanted_transport(self) -> tuple[Any, ...] | None:
        c = self.config
        if c.whatsapp.provider == "waha":
            return ("waha", c.waha)
        if c.twilio.has_credentials:
            return ("twilio", c.twilio)
        return None  # the local transport: replies are recorded with status `local`

    def transport(self) -> Transport | None:
        """The transport for the current config, built on first use (inside the loop)."""
        key = self._wanted_transport()
        if key is None:
            return None
        if key != self._transport_key or self._transport is None:
            from integrations.twilio_client import TwilioTransport
            from integrations.waha_client import WahaTransport

            self._transport = WahaTransport(key[1]) if key[0] == "waha" else TwilioTransport(key[1])
            self._transport_key = key
        return self._transport

    # -- wiring used by the actors ----------------------------------------------------------------

    def wake_sender(self) -> None:
        self.sender.wake()

    def deliver(self, conversation_id: str, phone: str, inbox_id: int | None = None) -> None:
        self.registry.deliver(conversation_id, phone, inbox_id)

    def on_turn(self, inbound_id: int, callback: Callable[[TurnOutput], None]) -> None:
        self._turn_listeners[inbound_id] = callback

    def publish_turn(self, inbound_id: int, out: TurnOutput) -> None:
        callback = self._turn_listeners.pop(inbound_id, None)
        if callback is not None:
            callback(out)

    async def chatwoot_mirror(self, conversation_id: str, phone: str, direction: str, text: str, *, ref: str,
                              name: str = "", media: tuple[Media, ...] = (), message_id: str = "") -> None:
        await self.integrations.mirror(conversation_id, phone, direction, text, ref=ref, name=name, media=media,
                                       message_id=message_id)

    async def notify_human(self, conversation_id: str, phone: str, note: str) -> None:
        await self.integrations.notify_human(conversation_id, phone, note)

    async def settle(self, timeout: float) -> None:
        """Send what is queued now — replies, and side effects including debounced ones — waiting at
        most `timeout`; whatever is still open (a provider down, a retry backing off) stays durable."""
        await self.store.tasks.bring_forward()
        with anyio.move_on_after(timeout):
            while await self.outbox_open() or await self.store.tasks.count_fresh():
                self.wake_sender()
                self.integrations.wake()
                await anyio.sleep(0.05)

    # -- config ------------------------------------------------------------------------------------

    async def apply_config(self, new: Config) -> ConfigDiff:
        """Swap the config whole; keys that need a restart keep their old effect and are reported."""
        change = diff(self.config, new)
        knowledge = load_knowledge(new.business.knowledge_file)  # validated already; read before anything changes
        self.config = new
        self.knowledge = knowledge
        self.log_settings.level = new.logging.level
        self.log_settings.secrets = new.secret_values()
        self.processing.total = new.limits.max_active_conversations
        for listener in self.config_listeners:
            listener(new)
        if self._transport is not None and self._wanted_transport() != self._transport_key:
            old, self._transport, self._transport_key = self._transport, None, None
            await old.aclose()
        await self.integrations.config_changed()
        return change

    async def aclose_transport(self) -> None:
        if self._transport is not None:
            await self._transport.aclose()
            self._transport = None


async def seed_stock(store: Store) -> None:
    """Load the shipped sample stock on the very first start, so the assistant has cars to offer."""
    if await store.cars.count() == 0:
        cars = parse_stock_csv(sample_stock_text())
        await store.cars.replace_all(cars)
        log.info("stock_seeded", cars=len(cars))


async def open_coordinator(config: Config, clock: Clock) -> Coordinator:
    if not config.redis.url:
        return LocalCoordinator(clock)
    return RedisCoordinator.from_url(config.redis.url, clock, lock_ttl=config.redis.lease_seconds)


@asynccontextmanager
async def open_runtime(
    config: Config, *, clock: Clock | None = None, log_settings: LogSettings | None = None,
    notifier: Notifier | None = None, brain: Brain | None = None,
) -> AsyncIterator[Runtime]:
    clock = clock or Clock()
    store = await open_configured_store(config.store, clock)
    coordinator: Coordinator | None = None
    rt: Runtime | None = None
    try:
        coordinator = await open_coordinator(config, clock)
        await seed_stock(store)
        rt = Runtime(config, clock=clock, store=store, coordinator=coordinator, metrics=Metrics(),
                     notifier=notifier or Notifier(""), log_settings=log_settings or LogSettings(config.logging.level))
        if brain is None and config.store.url:
            from actors.postgres_dialogue import open_postgres_dialogue

            brain = await open_postgres_dialogue(rt)
        elif brain is None:
            from actors.dialogue.dialogue import open_dialogue

            brain = await open_dialogue(rt)
        rt.brain = brain
        async with anyio.create_task_group() as tg:
            await tg.start(rt.registry.run)
            tg.start_soon(rt.supervisor.supervise, "sender", rt.sender.run, rt.metrics)
            tg.start_soon(rt.supervisor.supervise, "sweeper", rt.sweeper.run, rt.metrics)
            await rt.integrations.start(tg)
            try:
                yield rt
            finally:
                await _drain(rt)
                tg.cancel_scope.cancel()
    finally:
        with anyio.CancelScope(shield=True):
            if rt is not None:
                rt.sender.mailbox.close()
                await rt.aclose_transport()
                await rt.integrations.aclose()
                await rt.model_readers.aclose()
                if rt.brain is not None:
                    await rt.brain.aclose()
            if isinstance(coordinator, RedisCoordinator):
                await coordinator.aclose()
            await store.close()


async def _drain(rt: Runtime) -> None:
    """Stop intake and give conversation actors until the deadline to finish the message in hand."""
    rt.draining = True
    rt.registry.stop_all()
    with anyio.move_on_after(rt.config.server.drain_seconds, shield=True) as scope:
        await rt.registry.wait_idle()
    if scope.cancelled_caught:
        log.warning("drain_deadline_passed", active=rt.registry.active)
