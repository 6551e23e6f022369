"""The conversation actor: handles one conversation's inbox rows strictly in arrival order.

Its mailbox carries only wake-ups; the inbox is the queue. On each wake-up it reads the
conversation's pending inbox rows oldest first and handles them one by one — customer
messages through the dialogue, events from outside (agent replies, Chatwoot status changes,
delivery failures: `actors.conversation_events`) by their applier — so it is the only writer of
its conversation's state, and a lost or dropped wake-up can delay a row but never lose or
reorder it.

What happens to a row when something fails:
- the dialogue (or an applier) raises: retried twice, then an apology and a human (messages) or
  the row set aside as `failed` (events);
- the store cannot write (disk full, read-only, out of descriptors): no attempt is counted, the
  actor ends and the row stays pending; the sweep (`actors.sweeper`) wakes the conversation
  again once the store writes.

With several instances on one store, a conversation's rows may be woken on more than one of
them. Each row is worked under the conversation's lease, and only if it is still pending once
the lease is held (another instance may have handled it meanwhile); every write of the turn
carries the lease's fencing token, so an instance that lost its lease mid-turn commits nothing
(`Fenced`) and leaves the row to the lease's new holder.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import anyio
import structlog

from actors.conversation_events import apply_event
from actors.dialogue.language.understanding import understand
from actors.dialogue.turn import TurnInput, TurnOutput
from actors.mailbox import Mailbox
from actors.messages import Stop
from actors.outbound import plan_outbound
from daemon.logs import get_logger
from integrations.inbox_events import MESSAGE
from integrations.interactive import (YES_NO, Interactive, Tap, asks_yes_or_no, car_picker, parse_tap,
                                      slot_picker, yes_no_buttons)
from integrations.coordination import Lease
from integrations.store.fences import Fence, Fenced
from integrations.store.health import is_store_failure
from integrations.store.inbox import InboxRow
from integrations.store.outbox import Draft

if TYPE_CHECKING:
    from integrations.messages import InboundMessage
    from daemon.runtime import Runtime
    from actors.registry import ConversationRegistry

MAX_ATTEMPTS = 3
# What a tap on an offer that is no longer the current one reads as: a question for the times free now.
STALE_TAP_TEXT = "welke tijden zijn er nog vrij?"
# What the dialogue can ask that a Ja / Nee / Spreek medewerker button answers (`Expect` values).
YES_NO_QUESTIONS = frozenset({"slot_confirm", "colleague_check", "test_drive", "move_confirm"})
TYPING_DELAY = 1.0  # seconds a turn runs before "typing…" is shown
TYPING_MAX_AGE = timedelta(seconds=60)  # older messages are replays: no indicator
FALLBACK = {
    "nl": "Sorry, er ging bij ons iets mis met je bericht. Een collega van {name} neemt zo snel mogelijk contact met je op.",
    "en": "Sorry, something went wrong on our side. A colleague from {name} will get back to you as soon as possible.",
}


class ConversationActor:
    def __init__(self, rt: "Runtime", conversation_id: str, phone: str, mailbox: Mailbox[Any],
                 registry: "ConversationRegistry") -> None:
        self.rt = rt
        self.conversation_id = conversation_id
        self.phone = phone
        self.mailbox = mailbox
        self.registry = registry
        self.stopping = False
        self._attempts: dict[int, int] = {}
        self.fence: Fence | None = None  # the lease this actor's writes carry while it holds one
        self.log = get_logger(actor="conversation", conversation_id=conversation_id)

    def _hold(self, phone: str, lease: Lease) -> None:
        self.fence = Fence(phone, lease.token) if lease.token is not None else None

    async def _next_in_line(self, row: InboxRow) -> bool:
        """Read again under the lease: is `row` still the conversation's oldest pending row? Another
        instance may have finished it meanwhile (then the drain reads on and finds the next)."""
        pending = await self.rt.store.inbox.pending(self.conversation_id)
        if pending and pending[0].id == row.id:
            return True
        self.log.info("row_no_longer_first", inbox_id=row.id)
        return False

    async def run(self) -> None:
        """Until idle, stopped or cancelled; the registry forgets this actor on the way out."""
        try:
            with self.mailbox.inbox:
                while True:
                    message = None
                    with anyio.move_on_after(self.rt.config.limits.actor_idle_seconds):
                        message = await self.mailbox.inbox.receive()
                    if message is None:
                        # No await between this check and `forget`: a wake-up posted before it is
                        # seen here, one posted after it spawns a fresh actor.
                        try:
                            message = self.mailbox.inbox.receive_nowait()
                        except anyio.WouldBlock:
                            self.log.debug("actor_idle_stop")
                            return
                    if isinstance(message, Stop):
                        return
                    try:
                        await self.drain()
                    except Exception as exc:
                        # The store itself failed (disk full, …): this actor ends, its rows stay
                        # pending for the sweep or the next start, and the other conversations go on.
                        if is_store_failure(exc):
                            self.log.error("store_unavailable", error=repr(exc), action="row stays pending")
                        else:
                            self.log.error("conversation_actor_failed", error=repr(exc), exc_info=exc)
                        return
                    if self.stopping:
                        return  # the Stop may not have fitted in a full mailbox
        except anyio.EndOfStream:
            return
        finally:
            self.registry.forget(self)

    async def drain(self) -> None:
        """Handle pending rows oldest first; a row that fails is retried before any later one.

        The whole drain holds one processing slot, the reading of the pending rows included: in a
        burst, thousands of conversations are woken at once, and only as many as there are slots
        touch the store or the dialogue; the others wait without queueing work anywhere.
        """
        async with self.rt.processing.hold():
            while not self.stopping:
                # Read again after every row: on a shared store another instance may have handled
                # some meanwhile, and a row this one could not commit (Fenced) is still first.
                rows = await self.rt.store.inbox.pending(self.conversation_id)
                if not rows:
                    return
                while not self.stopping:
                    if await self.handle_safely(rows[0]):
                        break

    async def handle_safely(self, row: InboxRow) -> bool:
        """The error boundary. True when the row is finished: handled, or — after MAX_ATTEMPTS
        failures — answered with an apology and handed to a human (a message) or set aside as
        `failed` (an event). False: try it again. A failure of the store itself is not an attempt:
        it propagates, the actor ends, and the sweep brings the row back once the store writes.
        A turn refused by its fence (`Fenced`) is not an attempt either: True, and the drain,
        reading the pending rows again, meets the row again under a lease of its own."""
        message_id = row.message.message_id if row.message is not None else f"inbox:{row.id}"
        with structlog.contextvars.bound_contextvars(conversation_id=self.conversation_id, message_id=message_id):
            try:
                if row.kind == MESSAGE:
                    await self.handle(row)
                else:
                    async with self.rt.coordinator.conversation_lock(row.phone) as lease:
                        self._hold(row.phone, lease)
                        if await self._next_in_line(row):
                            await apply_event(self, row)
            except Fenced as exc:
                # Our lease ran out mid-turn and another instance holds it now: nothing of this
                # turn was written; the row is the new holder's (or the sweep's) to finish.
                self.rt.metrics.inc("seldenrijk_messages_handled_total", outcome="fenced")
                self.log.warning("turn_fenced", inbox_id=row.id, error=str(exc))
            except Exception as exc:
                if is_store_failure(exc):
                    raise
                attempts = self._attempts.get(row.id, 0) + 1
                self._attempts[row.id] = attempts
                self.rt.metrics.inc("seldenrijk_messages_handled_total", outcome="error")
                self.log.error("message_failed", attempt=attempts, error=repr(exc), exc_info=exc)
                if attempts < MAX_ATTEMPTS:
                    await self.rt.clock.sleep(0.2 * attempts)
                    return False
                self._attempts.pop(row.id, None)
                if row.kind == MESSAGE:
                    await self.give_up(row, repr(exc))
                else:
                    await self.rt.store.inbox.mark(row.id, "failed", repr(exc)[:500])
                    self.log.error("inbox_event_failed", kind=row.kind, error=repr(exc), alert=True)
            else:
                self._attempts.pop(row.id, None)
            finally:
                self.fence = None
            return True

    async def handle(self, row: InboxRow) -> None:
        rt, msg = self.rt, row.message
        assert msg is not None
        started = time.perf_counter()
        async with rt.coordinator.conversation_lock(msg.phone) as lease:
            self._hold(msg.phone, lease)
            if not await self._next_in_line(row):
                return
            conversation, contact = await rt.store.conversations.begin_turn(
                self.conversation_id, msg.phone, msg.provider, msg.profile_name, msg.wa_id, msg.received_at,
                msg.to, fence=self.fence)
            # Only Twilio's media URLs are fetched (with the account's credentials); WAHA's are not.
            await rt.chatwoot_mirror(self.conversation_id, msg.phone, "incoming", _mirrored(msg),
                                     ref=f"in:{msg.message_id}", name=msg.profile_name,
                                     media=msg.media if msg.provider == "twilio" else (), message_id=msg.message_id)
            if conversation.handoff:
                await rt.store.outbox.finish_inbound(
                    inbound_id=row.id, conversation_id=self.conversation_id, phone=msg.phone,
                    provider=rt.provider_name(), drafts=(), note="handoff",
                    transcript=(("in", "customer", msg.text),), fence=self.fence,
                )
                rt.metrics.inc("seldenrijk_messages_handled_total", outcome="handoff")
                self.log.info("reply_skipped", reason="handoff")
                rt.publish_turn(row.id, TurnOutput(
                    replies=(), intent=understand(msg.text).intent, lead_score=contact.lead_score,
                    lead_status=contact.lead_status, lead_reasons=contact.lead_reasons,
                    handoff=conversation.handoff_reason or "human"))
                return
            assert rt.brain is not None
            failure: Exception | None = None
            async with anyio.create_task_group() as tg:
                if self._wants_typing(msg):
                    tg.start_soon(self._typing, msg.message_id)
                try:
                    msg = await self._read_tap(msg)
                    # An opt-out stays until the customer opts in again; their questions are still answered.
                    out = await rt.brain.respond(TurnInput(self.conversation_id, row.id, msg, msg.profile_name,
                                                           opted_out=contact.opted_out))
                    await self.commit(row, out)
                except Exception as exc:
                    failure = exc  # raised below as itself, not wrapped in the task group's ExceptionGroup
                finally:
                    tg.cancel_scope.cancel()  # the reply is queued: "typing…" has nothing more to say
            if failure is not None:
                raise failure
        ms = round((time.perf_counter() - started) * 1000, 2)
        rt.metrics.observe("seldenrijk_handle_seconds", ms / 1000)
        rt.metrics.inc("seldenrijk_messages_handled_total", outcome="answered" if out.replies else "silent")
        self.log.info("message_handled", intent=out.intent, lead_score=out.lead_score, lead_status=out.lead_status,
                      replies=len(out.replies), handoff=out.handoff, reader=out.reader, writer=out.writer, ms=ms)

    async def _interactive_form(self, inbound_id: int, out: TurnOutput) -> str | None:
        """The reply's tappable form (its text stays the reply): offered times or listed cars as a list
        picker, a yes/no question with quick-reply buttons; None when interactive messages are off."""
        cfg = self.rt.config.twilio
        if not cfg.interactive or self.rt.provider_name() != "twilio" or self.rt.transport() is None:
            return None  # the local transport shows the text: no checkpoint read for a form never sent
        body = "\n".join(out.replies)
        if out.offered_slots:
            picker = slot_picker(body, out.offered_slots, inbound_id, out.language)
            return picker.to_json() if picker is not None else None
        if out.listed_cars and not out.handoff:
            # a list of cars and "wil je er een komen bekijken?": tapping a car answers more than a yes would
            picker = car_picker(body, out.listed_cars, inbound_id, out.language)
            if picker is not None:
                return picker.to_json()
        pending = getattr(self.rt.brain, "pending_question", None)
        if pending is not None and not out.handoff:
            asked_at, expect = await pending(self.conversation_id)
            if asked_at == inbound_id and expect in YES_NO_QUESTIONS and asks_yes_or_no(body):
                return yes_no_buttons(body, inbound_id).to_json()
        return None

    async def _read_tap(self, msg: InboundMessage) -> InboundMessage:
        """A tap becomes what the customer would have typed, once checked against what is open now.

        A list item (`ListId`, or `ButtonPayload` on some accounts) becomes the number of that time
        in the current offer — only while the tapped time is still on offer; a tap on a time no
        longer offered asks for the times free now instead: never booked blindly (the dialogue
        checks the calendar again). A yes/no button counts only while its question is the one
        open; an old one reads as a question mark, so it confirms nothing that was asked since. A car
        from a list reads as the customer pasting its name and link: the dialogue finds it in the
        stock as it is now (or says it has gone), from any list we sent, since a car stays a car."""
        tap = parse_tap(msg.list_id or msg.button_payload)
        if tap is None:
            return msg
        if tap.kind == "yn":
            pending = getattr(self.rt.brain, "pending_question", None)
            asked_at, expect = (await pending(self.conversation_id)) if pending is not None else (0, "nothing")
            if asked_at == tap.offer and expect in YES_NO_QUESTIONS and 1 <= tap.number <= len(YES_NO):
                self.log.info("tap_accepted", kind=tap.kind, number=tap.number)
                return replace(msg, body=YES_NO[tap.number - 1][1])
            self.log.info("tap_stale", kind=tap.kind, number=tap.number)
            return replace(msg, body="?")
        if tap.kind == "car":
            pointer = await self._tapped(tap)
            self.log.info("tap_accepted" if pointer else "tap_stale", kind=tap.kind, number=tap.number)
            return replace(msg, body=pointer or "?")
        if tap.kind != "slot":
            return msg
        start = await self._tapped(tap)
        current = getattr(self.rt.brain, "offered_starts", None)
        offered: list[str] = (await current(self.conversation_id)) if current is not None else []
        if start and start in offered:
            self.log.info("tap_accepted", kind=tap.kind, number=tap.number)
            return replace(msg, body=str(offered.index(start) + 1))
        self.log.info("tap_stale", kind=tap.kind, number=tap.number)
        return replace(msg, body=STALE_TAP_TEXT)

    async def _tapped(self, tap: Tap) -> str:
        """What the tapped item of the list we sent for inbound row `tap.offer` stands for ("" if none)."""
        for sent in await self.rt.store.outbox.for_inbound(tap.offer):
            if sent.conversation_id == self.conversation_id and sent.interactive:
                form = Interactive.from_json(sent.interactive)
                if form.kind == tap.kind and 1 <= tap.number <= len(form.items):
                    return form.items[tap.number - 1].ref
        return ""

    def _wants_typing(self, msg: InboundMessage) -> bool:
        """Only for a fresh Twilio message: a replay (picked up after a restart or a store outage) or
        a message already a minute old would show "typing…" for an answer long expected."""
        cfg = self.rt.config.twilio
        if not cfg.typing_indicator or msg.provider != "twilio" or not msg.message_id.startswith(("SM", "MM")):
            return False
        age = self.rt.clock.now() - datetime.fromisoformat(msg.received_at)
        return age <= TYPING_MAX_AGE

    async def _typing(self, message_id: str) -> None:
        """Best effort, owned by the turn's task group: after TYPING_DELAY (a quick turn needs no
        indicator), ask Twilio to show "typing…"; cancelled the moment the reply is queued, and
        every failure is a debug line, never the turn's."""
        await self.rt.clock.sleep(TYPING_DELAY)
        transport = self.rt.transport()
        if transport is None:
            return
        try:
            await transport.typing(message_id)
        except Exception as exc:
            self.log.debug("typing_indicator_failed", error=repr(exc)[:300])
        else:
            self.log.debug("typing_indicator_sent")

    async def commit(self, row: InboxRow, out: TurnOutput, *, from_dialogue: bool = True) -> None:
        rt, msg = self.rt, row.message
        assert msg is not None
        local = rt.transport() is None
        form = await self._interactive_form(row.id, out) if from_dialogue and out.replies else None
        drafts = [Draft(body="\n".join(out.replies), sender=msg.to or None, interactive=form)] if out.replies else []
        # The reply answers this message, so the window runs from it; a message replayed more than a
        # day late (the daemon was down) is not answered with free text Twilio would refuse.
        conversation = await rt.store.conversations.get(self.conversation_id)
        planned = await plan_outbound(rt, conversation_id=self.conversation_id, phone=msg.phone, drafts=drafts,
                                      purpose="reply", last_inbound_at=msg.received_at,
                                      window_closed_at=conversation.window_closed_at if conversation else None,
                                      ref=f"in:{msg.message_id}")
        transcript = [("in", "customer", msg.text)] + [("out", "bot", d.body or "") for d in drafts if not planned.refused]
        # The lead score at planning time is the one before this turn; the CRM task reads the
        # contact when it runs, after the commit below, so it sends the new one.
        tasks = await rt.integrations.plan_turn(self.conversation_id, msg, out, row.id,
                                                reply_sent=not planned.refused) + planned.tasks
        await rt.store.outbox.finish_inbound(
            inbound_id=row.id, conversation_id=self.conversation_id, phone=msg.phone, provider=rt.provider_name(),
            drafts=planned.drafts, status="local" if local else "queued", transcript=transcript,
            note=None if planned.drafts else ("outside the 24-hour window" if planned.refused else "silent"),
            lead=(out.lead_score, out.lead_status, out.lead_reasons),
            handoff=out.handoff, opted_out=out.opted_out if from_dialogue else None, tasks=tasks,
            fence=self.fence,
        )
        if local:
            for draft in planned.drafts:
                self.log.info("reply_local", chars=len(draft.body or ""))
        rt.integrations.announce(self.conversation_id, out, tasks)
        rt.wake_sender()
        rt.publish_turn(row.id, out)

    async def give_up(self, row: InboxRow, error: str) -> None:
        """Apologise and hand over. If even that cannot be committed the row stays pending and the
        error goes up: the actor ends, and the message is tried again at the next wake-up or start."""
        rt = self.rt
        name = rt.config.business.name
        out = TurnOutput(replies=(FALLBACK["nl"].format(name=name),), intent="other", handoff="error")
        await self.commit(row, out, from_dialogue=False)
        self.log.error("message_abandoned", error=error, action="apology_and_handoff")


def _mirrored(msg: InboundMessage) -> str:
    """What Chatwoot shows for a customer message: its text, and what came with it."""
    parts = [msg.text] if msg.text else []
    if msg.location:
        where = msg.location
        named = ", ".join(x for x in (where.label, where.address) if x)
        parts.append(f"📍 Locatie gedeeld{': ' + named if named else ''} ({where.latitude}, {where.longitude})"
                     f" https://www.google.com/maps/search/?api=1&query={where.latitude},{where.longitude}")
    if msg.media and not msg.text:
        parts.append(f"[{len(msg.media)} bijlage(n): {', '.join(m.content_type for m in msg.media)}]")
    return "\n".join(parts) or "[leeg bericht]"
