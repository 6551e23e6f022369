"""The store contract (DESIGN §3): the same suite against every backend, SQLite on a real file in a
temp dir and PostgreSQL in a throw-away database: inbox, outbox, and the side tables."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import AsyncIterator

import psycopg
import pytest

from integrations.clock import ManualClock
from integrations.messages import InboundMessage, Location, Media
from integrations.stock import Car
from integrations.store import Store, open_store
from integrations.store.appointments import Appointment
from integrations.store.outbox import Draft

pytestmark = pytest.mark.anyio

PHONE = "+31612345678"
CONV = "twilio:+31612345678"
# What a statement that breaks a constraint raises, per backend.
INTEGRITY = (sqlite3.IntegrityError, psycopg.IntegrityError)


def _msg(n: int, phone: str = PHONE, body: str = "Hoi") -> InboundMessage:
    return InboundMessage(
        provider="twilio", message_id="SM" + str(n).rjust(32, "0"), conversation_id=f"twilio:{phone}", phone=phone,
        body=body, received_at="2026-11-24T09:00:00+00:00", profile_name="Jan", wa_id=phone[1:],
    )


def _car(stock_id: str, model: str = "Golf", price: int = 24950) -> Car:
    return Car(stock_id, "Volkswagen", model, "1.5 TSI Life", 2021, 42000, "benzine", "handgeschakeld", "hatchback",
               price, "grijs", f"https://seldenrijk.nl/voorraad/{stock_id}")


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture(params=["sqlite", "postgresql"])
async def store(request: pytest.FixtureRequest, tmp_path: Path, clock: ManualClock) -> AsyncIterator[Store]:
    """A freshly created store of each backend."""
    if request.param == "sqlite":
        location = str(tmp_path / "seldenrijk.db")
    else:
        location = request.getfixturevalue("postgres_url")
    opened = await open_store(location, clock)
    try:
        yield opened
    finally:
        await opened.close()


async def _sent_row(store: Store, sid: str) -> int:
    """A queued reply that went through sending to `sent` with provider id `sid`."""
    outbox_id = await store.outbox.enqueue(conversation_id=CONV, phone=PHONE, provider="twilio",
                                           draft=Draft(body="Goedemiddag"))
    assert outbox_id is not None
    await store.outbox.mark_sending(outbox_id)
    await store.outbox.mark_sent(outbox_id, sid, "sent")
    return outbox_id


async def _refuse_done(store: Store) -> None:
    """Make marking an inbox row done fail inside the database (a trigger), as a failing disk would."""
    if store.main.backend == "sqlite":
        await store.main.execute(
            "CREATE TRIGGER refuse_done BEFORE UPDATE OF status ON inbox WHEN NEW.status = 'done'"
            " BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
    else:
        await store.main.execute(
            "CREATE FUNCTION refuse_done() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            " RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', MESSAGE = 'injected failure';"
            " END $$")
        await store.main.execute("CREATE TRIGGER refuse_done BEFORE UPDATE OF status ON inbox FOR EACH ROW"
                                 " WHEN (NEW.status = 'done') EXECUTE FUNCTION refuse_done()")


async def _allow_done(store: Store) -> None:
    if store.main.backend == "sqlite":
        await store.main.execute("DROP TRIGGER refuse_done")
    else:
        await store.main.execute("DROP TRIGGER refuse_done ON inbox")


# --- inbox ----------------------------------------------------------------------------------------


async def test_inbox_add_stores_and_reports_a_duplicate(store: Store) -> None:
    """The first add stores the message; the same provider id again is reported as a duplicate of that row."""
    first = await store.inbox.add(_msg(1))
    again = await store.inbox.add(_msg(1, body="changed"))
    assert not first.duplicate and first.id > 0
    assert again.duplicate and again.id == first.id
    row = await store.inbox.get(first.id)
    assert row is not None and row.message == _msg(1) and row.status == "pending"
    assert await store.inbox.counts() == {"pending": 1}


async def test_inbox_round_trips_the_whole_message(store: Store) -> None:
    """Media, location, referral and button fields survive the JSON payload column."""
    msg = InboundMessage(
        provider="twilio", message_id="SM" + "9" * 32, conversation_id=CONV, phone=PHONE, body="",
        received_at="2026-11-24T09:00:00+00:00", media=(Media("https://api.twilio.com/m/0", "image/jpeg"),),
        location=Location(52.1, 5.6, "Barneveld", "Showroom"), referral={"ReferralBody": "Golf"},
        button_payload="slot_1", button_text="Ja", message_type="image",
    )
    added = await store.inbox.add(msg)
    row = await store.inbox.get(added.id)
    assert row is not None and row.message == msg


async def test_inbox_pending_is_oldest_first_and_filters_by_conversation(store: Store) -> None:
    """Pending rows come back in arrival order, for all conversations or for one."""
    other = "+31687654321"
    ids = [(await store.inbox.add(_msg(n, phone=other if n % 2 else PHONE))).id for n in range(1, 6)]
    assert [r.id for r in await store.inbox.pending()] == ids
    assert [r.id for r in await store.inbox.pending(CONV)] == [ids[1], ids[3]]
    assert [r.id for r in await store.inbox.pending(f"twilio:{other}")] == [ids[0], ids[2], ids[4]]


async def test_inbox_mark_removes_a_row_from_pending(store: Store, clock: ManualClock) -> None:
    """A marked row is no longer pending and keeps its status and note."""
    a = await store.inbox.add(_msg(1))
    b = await store.inbox.add(_msg(2))
    await store.inbox.mark(a.id, "rate_limited", note="over limit")
    assert [r.id for r in await store.inbox.pending()] == [b.id]
    assert (await store.inbox.get(a.id)).status == "rate_limited"
    row = await store.main.fetchone("SELECT note, done_at FROM inbox WHERE id = ?", (a.id,))
    assert row["note"] == "over limit" and row["done_at"] == clock.iso()


async def test_inbox_add_can_record_a_message_that_is_not_to_be_processed(store: Store) -> None:
    """A message stored with another status (rate limited, opted out) is kept but not pending."""
    added = await store.inbox.add(_msg(1), status="rate_limited", note="limit")
    assert await store.inbox.pending() == []
    assert (await store.inbox.get(added.id)).status == "rate_limited"


# --- outbox: finish_inbound -----------------------------------------------------------------------


async def _finish(store: Store, inbound_id: int, drafts, **kw):
    return await store.outbox.finish_inbound(inbound_id=inbound_id, conversation_id=CONV, phone=PHONE,
                                             provider="twilio", drafts=drafts, **kw)


async def test_finish_inbound_queues_replies_and_marks_the_inbox_row_done(store: Store) -> None:
    """Replies are queued with seq 0..n, the transcript is appended, and the inbound row is done."""
    inbound = await store.inbox.add(_msg(1))
    ids = await _finish(store, inbound.id, [Draft(body="Eén"), Draft(body="Twee")],
                        transcript=[("in", "customer", "Hoi"), ("out", "bot", "Eén\nTwee")])
    rows = await store.outbox.for_inbound(inbound.id)
    assert [r.id for r in rows] == ids
    assert [(r.seq, r.body, r.status) for r in rows] == [(0, "Eén", "queued"), (1, "Twee", "queued")]
    assert (await store.inbox.get(inbound.id)).status == "done"
    assert await store.conversations.transcript(CONV) == [("in", "customer", "Hoi"), ("out", "bot", "Eén\nTwee")]
    assert [await store.outbox.events(i) for i in ids] == [["queued"], ["queued"]]


async def test_replaying_finish_inbound_adds_no_second_reply(store: Store) -> None:
    """The same inbound id and seq again queue nothing: a replay cannot send the answer twice."""
    inbound = await store.inbox.add(_msg(1))
    first = await _finish(store, inbound.id, [Draft(body="Ja, de Golf is er nog.")])
    again = await _finish(store, inbound.id, [Draft(body="Ja, de Golf is er nog.")])
    assert len(first) == 1 and again == []
    assert len(await store.outbox.all_rows()) == 1
    assert await store.outbox.events(first[0]) == ["queued"]
    assert (await store.inbox.get(inbound.id)).status == "done"


async def test_replaying_finish_inbound_adds_no_second_transcript(store: Store) -> None:
    """A replayed turn leaves the transcript as it was, like the outbox."""
    inbound = await store.inbox.add(_msg(1))
    turn = [("in", "customer", "Hoi"), ("out", "bot", "Goedemiddag")]
    await _finish(store, inbound.id, [Draft(body="Goedemiddag")], transcript=turn)
    await _finish(store, inbound.id, [Draft(body="Goedemiddag")], transcript=turn)
    assert await store.conversations.transcript(CONV) == turn


async def test_finish_inbound_without_replies_still_marks_done(store: Store) -> None:
    """A silent turn (handoff, opt-out) marks the inbound row with its note and queues nothing."""
    inbound = await store.inbox.add(_msg(1))
    assert await _finish(store, inbound.id, [], note="handoff") == []
    row = await store.main.fetchone("SELECT status, note FROM inbox WHERE id = ?", (inbound.id,))
    assert (row["status"], row["note"]) == ("done", "handoff")
    assert await store.outbox.all_rows() == []


async def test_a_failure_after_the_replies_rolls_back_everything(store: Store) -> None:
    """A transcript line that violates NOT NULL aborts the transaction: no reply queued, inbox still pending."""
    inbound = await store.inbox.add(_msg(1))
    with pytest.raises(INTEGRITY):
        await _finish(store, inbound.id, [Draft(body="Eén"), Draft(body="Twee")],
                      transcript=[("in", "customer", None)])
    assert await store.outbox.all_rows() == []
    assert await store.main.fetchall("SELECT * FROM outbox_events") == []
    assert [r.id for r in await store.inbox.pending()] == [inbound.id]


async def test_a_failure_marking_the_inbox_row_rolls_back_the_replies(store: Store) -> None:
    """When the inbox update itself fails (a trigger aborts it), the queued replies disappear with it."""
    inbound = await store.inbox.add(_msg(1))
    await _refuse_done(store)
    with pytest.raises(INTEGRITY, match="injected failure"):
        await _finish(store, inbound.id, [Draft(body="Eén")], transcript=[("in", "customer", "Hoi")])
    assert await store.outbox.all_rows() == []
    assert await store.conversations.transcript(CONV) == []
    assert [r.id for r in await store.inbox.pending()] == [inbound.id]
    await _allow_done(store)
    assert len(await _finish(store, inbound.id, [Draft(body="Eén")])) == 1
    assert (await store.inbox.get(inbound.id)).status == "done"


async def test_the_store_stays_usable_after_a_rolled_back_transaction(store: Store) -> None:
    """A failed transaction releases the connection: the next one commits normally."""
    inbound = await store.inbox.add(_msg(1))
    with pytest.raises(INTEGRITY):
        await _finish(store, inbound.id, [Draft(body="x")], transcript=[("in", "customer", None)])
    await store.contacts.ensure(PHONE, "Jan")
    assert (await store.contacts.get(PHONE)).name == "Jan"


# --- outbox: status -------------------------------------------------------------------------------


async def test_status_callbacks_never_move_a_row_backwards(store: Store) -> None:
    """`read` before `delivered` applies; the late `delivered` is recorded but ignored."""
    sid = "SM" + "a" * 32
    outbox_id = await _sent_row(store, sid)
    moved = await store.outbox.apply_status(sid, "read", None, None)
    assert moved is not None and moved.row.id == outbox_id
    assert await store.outbox.apply_status(sid, "delivered", None, None) is None
    assert (await store.outbox.get(outbox_id)).status == "read"
    assert await store.outbox.events(outbox_id) == ["queued", "sending", "sent", "read", "delivered"]


async def test_failed_after_sent_applies_with_its_error(store: Store) -> None:
    """A failure reported after `sent` (e.g. 63016 outside the window) moves the row to failed."""
    sid = "SM" + "b" * 32
    outbox_id = await _sent_row(store, sid)
    assert await store.outbox.apply_status(sid, "failed", "63016", "outside window") is not None
    row = await store.outbox.get(outbox_id)
    assert (row.status, row.error_code, row.error_message) == ("failed", "63016", "outside window")
    assert await store.outbox.events(outbox_id) == ["queued", "sending", "sent", "failed"]


async def test_delivered_then_read_moves_forward_in_order(store: Store) -> None:
    """In-order callbacks each move the row forward."""
    sid = "SM" + "c" * 32
    outbox_id = await _sent_row(store, sid)
    assert await store.outbox.apply_status(sid, "delivered", None, None) is not None
    assert await store.outbox.apply_status(sid, "read", None, None) is not None
    assert await store.outbox.apply_status(sid, "sent", None, None) is None
    assert (await store.outbox.get(outbox_id)).status == "read"
    assert await store.outbox.events(outbox_id) == ["queued", "sending", "sent", "delivered", "read", "sent"]


async def test_a_status_for_an_unknown_message_is_ignored(store: Store) -> None:
    """A callback for a sid we never sent changes nothing."""
    assert await store.outbox.apply_status("SM" + "f" * 32, "delivered", None, None) is None
    assert await store.main.fetchall("SELECT * FROM outbox_events") == []


async def test_open_rows_are_queued_and_sending_rows_oldest_first(store: Store) -> None:
    """Start-up resumes exactly the rows still to be sent, in order."""
    async def enqueue(body: str, status: str = "queued") -> int:
        new_id = await store.outbox.enqueue(conversation_id=CONV, phone=PHONE, provider="twilio",
                                            draft=Draft(body=body), status=status)
        assert new_id is not None
        return new_id

    queued = await enqueue("a")
    sending = await enqueue("b")
    await store.outbox.mark_sending(sending)
    sent = await enqueue("c")
    await store.outbox.mark_sent(sent, "SM" + "d" * 32, "sent")
    failed = await enqueue("d")
    await store.outbox.mark_failed(failed, "21211", "invalid To")
    await enqueue("e", status="local")
    later = await enqueue("f")
    assert [(r.id, r.status) for r in await store.outbox.open_rows()] == [
        (queued, "queued"), (sending, "sending"), (later, "queued")]
    assert (await store.outbox.get(sending)).attempts == 1


async def test_defer_requeues_with_the_next_attempt_and_error(store: Store, clock: ManualClock) -> None:
    """A transient failure puts the row back to queued with its next attempt time and code, and records it."""
    outbox_id = await store.outbox.enqueue(conversation_id=CONV, phone=PHONE, provider="twilio",
                                           draft=Draft(body="x"))
    await store.outbox.mark_sending(outbox_id)
    await store.outbox.defer(outbox_id, clock.iso(300), "20429", "too many requests")
    row = await store.outbox.get(outbox_id)
    assert (row.status, row.next_attempt_at, row.error_code, row.error_message, row.attempts) == (
        "queued", clock.iso(300), "20429", "too many requests", 1)
    assert await store.outbox.events(outbox_id) == ["queued", "sending", "queued"]


async def test_reschedule_moves_the_attempt_but_keeps_the_status(store: Store, clock: ManualClock) -> None:
    """An ambiguous `sending` row stays `sending` when only its next attempt moves; no event is added."""
    outbox_id = await store.outbox.enqueue(conversation_id=CONV, phone=PHONE, provider="twilio",
                                           draft=Draft(body="x"))
    await store.outbox.mark_sending(outbox_id)
    await store.outbox.reschedule(outbox_id, clock.iso(60))
    row = await store.outbox.get(outbox_id)
    assert (row.status, row.next_attempt_at) == ("sending", clock.iso(60))
    assert await store.outbox.events(outbox_id) == ["queued", "sending"]


async def test_enqueue_with_the_same_origin_ref_is_ignored(store: Store) -> None:
    """An agent reply relayed twice from Chatwoot (same origin ref) is queued once."""
    draft = Draft(body="Ik bel u zo.", origin="chatwoot", origin_ref="cw:42")
    first = await store.outbox.enqueue(conversation_id=CONV, phone=PHONE, provider="twilio", draft=draft)
    again = await store.outbox.enqueue(conversation_id=CONV, phone=PHONE, provider="twilio", draft=draft)
    assert first is not None and again is None
    assert len(await store.outbox.all_rows(CONV)) == 1


# --- contacts, conversations, appointments --------------------------------------------------------


async def test_contact_ensure_creates_then_fills_in_without_erasing(store: Store) -> None:
    """A later ensure with a name updates it; an empty name or wa_id never erases what is known."""
    await store.contacts.ensure(PHONE, "", "")
    assert (await store.contacts.get(PHONE)).name == ""
    await store.contacts.ensure(PHONE, "Jan", "31612345678")
    await store.contacts.ensure(PHONE, "", "")
    contact = await store.contacts.get(PHONE)
    assert (contact.name, contact.wa_id, contact.lead_status, contact.opted_out) == ("Jan", "31612345678", "COLD",
                                                                                    False)
    await store.contacts.ensure(PHONE, "Jan de Vries")
    assert (await store.contacts.get(PHONE)).name == "Jan de Vries"
    assert await store.contacts.get("+31600000000") is None


async def test_contact_lead_and_opt_out_are_stored(store: Store) -> None:
    """set_lead stores score, status and reasons; opt-out toggles; both create the contact if needed."""
    await store.contacts.set_lead(PHONE, 75, "HOT", ("financing", "test_drive"))
    await store.contacts.set_opted_out(PHONE, True)
    contact = await store.contacts.get(PHONE)
    assert (contact.lead_score, contact.lead_status, contact.lead_reasons, contact.opted_out) == (
        75, "HOT", ("financing", "test_drive"), True)
    await store.contacts.set_opted_out(PHONE, False)
    await store.contacts.set_invalid_number(PHONE)
    contact = await store.contacts.get(PHONE)
    assert not contact.opted_out and contact.invalid_number


async def test_conversation_handoff_and_chatwoot_link(store: Store) -> None:
    """Handoff is set and cleared with its reason; the Chatwoot id finds the conversation back."""
    await store.conversations.ensure(CONV, PHONE, "twilio")
    await store.conversations.set_handoff(CONV, True, "asked_for_human")
    await store.conversations.ensure(CONV, PHONE, "twilio")
    conversation = await store.conversations.get(CONV)
    assert (conversation.handoff, conversation.handoff_reason) == (True, "asked_for_human")
    await store.conversations.set_chatwoot(CONV, 4242)
    assert (await store.conversations.by_chatwoot(4242)).id == CONV
    assert await store.conversations.by_chatwoot(1) is None
    await store.conversations.set_handoff(CONV, False)
    conversation = await store.conversations.get(CONV)
    assert (conversation.handoff, conversation.handoff_reason, conversation.chatwoot_conversation_id) == (
        False, None, 4242)


async def test_booking_the_same_appointment_twice_is_a_no_op(store: Store) -> None:
    """A replayed booking (same id) returns False and leaves the first booking as it was."""
    appt = Appointment("appt-1", CONV, PHONE, "VW-001", "Volkswagen Golf", "2026-12-01T10:00:00+01:00",
                       "2026-12-01T11:00:00+01:00", "booked", None, None)
    assert await store.appointments.book(appt) is True
    assert await store.appointments.book(appt) is False
    await store.appointments.update("appt-1", calendar_event_id="evt1")
    assert await store.appointments.book(appt) is False
    stored = await store.appointments.get("appt-1")
    assert stored is not None and stored.calendar_event_id == "evt1"
    assert [a.id for a in await store.appointments.for_conversation(CONV)] == ["appt-1"]


# --- cars and tasks -------------------------------------------------------------------------------


async def test_replace_all_swaps_the_whole_stock(store: Store) -> None:
    """The new stock replaces the old one completely."""
    await store.cars.replace_all([_car("A1"), _car("A2")])
    assert await store.cars.replace_all([_car("B1", "Polo")]) == 1
    assert [c.stock_id for c in await store.cars.all()] == ["B1"]
    assert await store.cars.get("B1") == _car("B1", "Polo")


async def test_a_failing_insert_keeps_the_old_stock(store: Store) -> None:
    """A duplicate stock id in the new list aborts the import and the previous stock is still there."""
    await store.cars.replace_all([_car("A1"), _car("A2")])
    with pytest.raises(INTEGRITY):
        await store.cars.replace_all([_car("B1"), _car("B2"), _car("B1", "Polo")])
    assert [c.stock_id for c in await store.cars.all()] == ["A1", "A2"]
    assert await store.cars.count() == 2


async def test_task_add_is_keyed(store: Store) -> None:
    """Adding the same key twice keeps one pending task."""
    assert await store.tasks.add("deal", "deal:appt-1", {"appointment": "appt-1"}) is True
    assert await store.tasks.add("deal", "deal:appt-1", {"appointment": "other"}) is False
    tasks = await store.tasks.pending("deal")
    assert [(t.key, t.payload) for t in tasks] == [("deal:appt-1", {"appointment": "appt-1"})]


async def test_scheduling_a_pending_key_does_not_duplicate_or_postpone_it(store: Store, clock: ManualClock) -> None:
    """A burst of schedules becomes one task: the payload is the latest, the first due time is kept."""
    await store.tasks.schedule("contact_sync", "contact:+316", {"v": 1}, delay_seconds=10)
    clock.advance(5)
    await store.tasks.schedule("contact_sync", "contact:+316", {"v": 2}, delay_seconds=10)
    tasks = await store.tasks.pending("contact_sync")
    assert len(tasks) == 1
    assert tasks[0].payload == {"v": 2}
    assert tasks[0].next_attempt_at == ManualClock().iso(10)


async def test_scheduling_a_done_key_re_arms_it(store: Store, clock: ManualClock) -> None:
    """A key that already ran becomes pending again with a fresh due time and zero attempts."""
    await store.tasks.schedule("contact_sync", "contact:+316", {"v": 1})
    task = (await store.tasks.pending("contact_sync"))[0]
    await store.tasks.retry_later(task.id, clock.iso(1), "timeout")
    await store.tasks.done(task.id)
    assert await store.tasks.pending("contact_sync") == []
    clock.advance(60)
    await store.tasks.schedule("contact_sync", "contact:+316", {"v": 2}, delay_seconds=30)
    (rearmed,) = await store.tasks.pending("contact_sync")
    assert (rearmed.id, rearmed.payload, rearmed.attempts, rearmed.next_attempt_at) == (
        task.id, {"v": 2}, 0, clock.iso(30))


async def test_failed_tasks_leave_pending_and_pending_kinds_filters(store: Store) -> None:
    """A failed task is not pending; pending_kinds returns only the asked kinds, oldest first."""
    await store.tasks.add("deal", "deal:1", {})
    await store.tasks.add("calendar", "cal:1", {})
    await store.tasks.add("chatwoot", "cw:1", {})
    deal = (await store.tasks.pending("deal"))[0]
    await store.tasks.fail(deal.id, "400 bad")
    assert [t.key for t in await store.tasks.pending_kinds(("deal", "calendar", "chatwoot"))] == ["cal:1", "cw:1"]
    assert [t.key for t in await store.tasks.pending_kinds(("chatwoot",))] == ["cw:1"]


async def test_seen_reports_a_redelivered_event(store: Store) -> None:
    """The first sighting of an event id returns False, every later one True, per source."""
    assert await store.tasks.seen("chatwoot", "delivery-1") is False
    assert await store.tasks.seen("chatwoot", "delivery-1") is True
    assert await store.tasks.seen("hubspot", "delivery-1") is False


# --- two instances on one store -------------------------------------------------------------------


async def test_two_instances_finishing_the_same_turn_queue_its_replies_once(store: Store, clock: ManualClock) -> None:
    """Two stores on one database (two instances) commit the same turn at once: one queues the
    replies and marks the row done, the other finds it done and adds nothing."""
    import anyio

    other = await open_store(store.path, clock)
    try:
        inbound = await store.inbox.add(_msg(1))
        results: list[list[int]] = []

        async def finish(s: Store) -> None:
            results.append(await _finish(s, inbound.id, [Draft(body="Eén"), Draft(body="Twee")],
                                         transcript=[("in", "customer", "Hoi")]))

        async with anyio.create_task_group() as tg:
            tg.start_soon(finish, store)
            tg.start_soon(finish, other)
        assert sorted(len(r) for r in results) == [0, 2]
        assert [r.body for r in await store.outbox.all_rows()] == ["Eén", "Twee"]
        assert await store.conversations.transcript(CONV) == [("in", "customer", "Hoi")]
    finally:
        await other.close()


async def test_a_turn_under_a_lease_that_was_taken_over_commits_nothing(store: Store) -> None:
    """Once a newer lease holder (token 2) has begun a turn, the old holder (token 1) cannot finish
    its stale one: Fenced, and no reply, transcript or inbox change is written."""
    from integrations.store.fences import Fence, Fenced

    inbound = await store.inbox.add(_msg(1))
    await store.conversations.begin_turn(CONV, PHONE, "twilio", "Jan", PHONE[1:], "2026-11-24T09:00:00+00:00",
                                         fence=Fence(PHONE, 1))
    await store.conversations.begin_turn(CONV, PHONE, "twilio", "Jan", PHONE[1:], "2026-11-24T09:00:00+00:00",
                                         fence=Fence(PHONE, 2))
    with pytest.raises(Fenced):
        await _finish(store, inbound.id, [Draft(body="Oud")], transcript=[("in", "customer", "Hoi")],
                      fence=Fence(PHONE, 1))
    assert await store.outbox.all_rows() == []
    assert await store.conversations.transcript(CONV) == []
    assert [r.id for r in await store.inbox.pending()] == [inbound.id]
    with pytest.raises(Fenced):
        await store.conversations.begin_turn(CONV, PHONE, "twilio", "Jan", PHONE[1:], "2026-11-24T09:00:00+00:00",
                                             fence=Fence(PHONE, 1))
    assert len(await _finish(store, inbound.id, [Draft(body="Nieuw")], fence=Fence(PHONE, 2))) == 1


async def test_exists_finds_a_stored_message_by_its_provider_id(store: Store) -> None:
    """What the webhook asks when Redis says "seen" on a shared store: is the row really there?"""
    msg = _msg(1)
    assert not await store.inbox.exists(msg.provider, msg.message_id)
    await store.inbox.add(msg)
    assert await store.inbox.exists(msg.provider, msg.message_id)
    assert store.shared == (store.main.backend == "postgresql")


async def test_reschedule_keeps_the_time_of_the_last_status_change(store: Store, clock: ManualClock) -> None:
    """A `sending` row waiting out another instance's call keeps `updated_at` from its mark, so the
    wait ends (regression: rescheduling moved it along and the row waited for ever)."""
    outbox_id = await store.outbox.enqueue(conversation_id=CONV, phone=PHONE, provider="twilio",
                                           draft=Draft(body="Hallo"))
    await store.outbox.mark_sending(outbox_id)
    marked = (await store.outbox.get(outbox_id)).updated_at
    clock.advance(30)
    await store.outbox.reschedule(outbox_id, clock.iso(60))
    row = await store.outbox.get(outbox_id)
    assert row.updated_at == marked and row.next_attempt_at == clock.iso(60) and row.status == "sending"


async def test_identities_file_a_bsuid_sender_and_merge_when_the_phone_appears(store: Store) -> None:
    """On both backends: a username sender is filed under its BSUID; a later message naming both that BSUID and
    a known phone joins the two contacts onto the older one, never splits them."""
    from integrations.store.identities import Identity

    phone_first = await store.identities.resolve(Identity(phone="+31612345678", wa_id="31612345678"), "Jan")
    bsuid_only = await store.identities.resolve(Identity(bsuid="NL.1502345678901234"), "Jan")
    assert bsuid_only.key == "NL.1502345678901234" and bsuid_only.contact_id != phone_first.contact_id
    both = await store.identities.resolve(Identity(phone="+31612345678", bsuid="NL.1502345678901234"))
    assert both.key == phone_first.key and both.contact_id == phone_first.contact_id
    known = await store.identities.known(phone_first.key)
    assert known.bsuids == ("NL.1502345678901234",) and known.reply_address == "+31612345678"
    again = await store.identities.resolve(Identity(bsuid="NL.1502345678901234"))
    assert again.key == phone_first.key
