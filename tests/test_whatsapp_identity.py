"""Customers who write under a WhatsApp username: business-scoped user ids (BSUIDs) as senders,
one contact for all of a person's identifiers, replies to the phone when it is known (api-notes §W.4).

Black-box through the signed webhook, the real runtime and the real Twilio SDK against the fake."""

from __future__ import annotations

import sqlite3

import pytest

from integrations.clock import Clock
from integrations.store import open_store
from integrations.store.identities import Identity
from integrations.store.schema import MIGRATIONS
from tests.conftest import arrived, idle, inbound_params, make_config, running, sid, signed, until

pytestmark = pytest.mark.anyio

WHATSAPP = "/webhooks/twilio/whatsapp"
PHONE = "+31612345678"
BSUID = "NL.1502345678901234"
PARENT = "NL.ENT.99887766554433"


def bsuid_params(n: int, body: str, *, bsuid: str = BSUID, phone: str | None = None, parent: str | None = None,
                 username: str | None = None) -> list[tuple[str, str]]:
    """What Twilio posts for a username user: `From` is the BSUID when the phone is hidden, and
    `ExternalUserId` (and `ParentExternalUserId`) carry the ids either way."""
    params = [(k, v) for k, v in inbound_params(sid(n), body, phone=phone or PHONE) if k not in ("From", "WaId")]
    params += [("From", f"whatsapp:{phone or bsuid}"), ("ExternalUserId", bsuid)]
    if phone:
        params.append(("WaId", phone[1:]))
    if parent:
        params.append(("ParentExternalUserId", parent))
    if username:
        params.append(("ProfileUsername", username))
    return params


async def _post(client, params):
    body, headers = signed(WHATSAPP, params)
    return await client.post(WHATSAPP, data=body, headers=headers)


async def _conversations_of_inbox(rt) -> list[str]:
    rows = await rt.store.main.fetchall("SELECT conversation_id FROM inbox ORDER BY id")
    return [r["conversation_id"] for r in rows]


async def test_a_bsuid_only_sender_gets_exactly_one_reply_addressed_to_the_bsuid(tmp_path, fake_twilio):
    """`From=whatsapp:NL.…` used to be a 400 (the message lost); now it is answered once, to the BSUID."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        response = await _post(client, bsuid_params(1, "Hallo, hebben jullie een Golf?", username="jan.rijdt"))
        assert response.status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
        assert [m["to"] for m in fake_twilio.sent] == [f"whatsapp:{BSUID}"]
        assert await _conversations_of_inbox(rt) == [f"twilio:{BSUID}"]
        known = await rt.store.identities.known(BSUID)
        assert known.bsuids == (BSUID,) and known.usernames == ("jan.rijdt",) and known.phone is None
        assert known.contact_id and (await rt.store.contacts.get(BSUID)).contact_id == known.contact_id


async def test_the_same_person_later_with_a_phone_continues_the_same_conversation(tmp_path, fake_twilio):
    """A BSUID-only contact who later writes with their number visible stays in one conversation, and
    from then on is answered on the phone number."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        assert (await _post(client, bsuid_params(1, "Hallo"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
        assert (await _post(client, bsuid_params(2, "ik zoek een golf", phone=PHONE))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        await idle(rt)
        # And once more without the phone: still the same conversation, still answered on the phone.
        assert (await _post(client, bsuid_params(3, "wat kost die?"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 3)
        await idle(rt)
        assert await _conversations_of_inbox(rt) == [f"twilio:{BSUID}"] * 3
        assert [m["to"] for m in fake_twilio.sent] == [f"whatsapp:{BSUID}", f"whatsapp:{PHONE}", f"whatsapp:{PHONE}"]
        transcript = await rt.store.conversations.transcript(f"twilio:{BSUID}")
        assert [body for direction, _, body in transcript if direction == "in"] == ["Hallo", "ik zoek een golf", "wat kost die?"]


async def test_a_phone_conversation_continues_when_a_bsuid_first_appears_beside_the_phone(tmp_path, fake_twilio):
    """The seed's `twilio:+316…` conversation is not split when Twilio starts sending the BSUID too."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        assert (await _post(client, inbound_params(sid(1), "Hallo"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
        assert (await _post(client, bsuid_params(2, "ik zoek een golf", phone=PHONE, parent=PARENT))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        await idle(rt)
        assert (await _post(client, bsuid_params(3, "wat kost die?"))).status_code == 200  # phone hidden now
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 3)
        await idle(rt)
        assert await _conversations_of_inbox(rt) == [f"twilio:{PHONE}"] * 3
        assert {m["to"] for m in fake_twilio.sent} == {f"whatsapp:{PHONE}"}
        known = await rt.store.identities.known(PHONE)
        assert known.bsuids == (BSUID,) and known.parent_bsuids == (PARENT,) and known.phones == (PHONE,)


async def test_two_contacts_linked_by_one_message_are_merged_onto_the_older_never_split(tmp_path, fake_twilio):
    """A phone contact and a BSUID-only contact turn out to be one person: both identifiers now lead to
    the older contact's conversation; the younger is marked merged into it."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        assert (await _post(client, inbound_params(sid(1), "Hallo"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        assert (await _post(client, bsuid_params(2, "Hoi"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        await idle(rt)
        assert await _conversations_of_inbox(rt) == [f"twilio:{PHONE}", f"twilio:{BSUID}"]
        assert (await _post(client, bsuid_params(3, "ik ben het", phone=PHONE))).status_code == 200
        assert (await _post(client, bsuid_params(4, "nog een vraag"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 4)
        await idle(rt)
        assert (await _conversations_of_inbox(rt))[2:] == [f"twilio:{PHONE}"] * 2
        assert [m["to"] for m in fake_twilio.sent][2:] == [f"whatsapp:{PHONE}"] * 2
        row = await rt.store.main.fetchone("SELECT merged_into FROM contacts WHERE phone = ?", (BSUID,))
        assert row["merged_into"] == PHONE


async def test_a_parent_bsuid_sender_is_accepted_and_answered_on_it(tmp_path, fake_twilio):
    """A sender known only by the parent form `NL.ENT.…` is a customer too."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        params = [(k, v) for k, v in bsuid_params(1, "Hallo") if k not in ("From", "ExternalUserId")]
        params += [("From", f"whatsapp:{PARENT}")]
        assert (await _post(client, params)).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        assert fake_twilio.sent[0]["to"] == f"whatsapp:{PARENT}"
        assert (await rt.store.identities.known(PARENT)).parent_bsuids == (PARENT,)


@pytest.mark.parametrize("sender", ["whatsapp:nl.1502345678", "whatsapp:NL.", "whatsapp:NL.15023-456", "whatsapp:N.123456",
                                    "whatsapp:NL." + "1" * 129])
async def test_a_malformed_whatsapp_id_is_refused_with_a_clear_400(tmp_path, sender):
    """Neither a phone number nor a BSUID: 400 naming `From`, nothing stored."""
    async with running(make_config(tmp_path)) as (rt, client):
        params = [(k, v) for k, v in inbound_params(sid(1), "Hallo") if k != "From"] + [("From", sender)]
        response = await _post(client, params)
        assert response.status_code == 400
        assert "From" in (await response.get_data(as_text=True))
        assert await rt.store.inbox.counts() == {}


async def test_a_malformed_external_user_id_beside_a_phone_is_ignored_not_refused(tmp_path, fake_twilio):
    """The message itself is fine: it is answered on the phone; the bad id is not recorded."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        params = inbound_params(sid(1), "Hallo") + [("ExternalUserId", "not an id")]
        assert (await _post(client, params)).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        assert (await rt.store.identities.known(PHONE)).bsuids == ()


def test_bsuids_are_masked_in_log_values_like_phone_numbers():
    """A BSUID identifies a person like a phone number does: in a conversation id, an address, a
    repr or a nested value it is masked to its country and last three characters."""
    from daemon.logs import LogSettings, _Mask

    event = _Mask(LogSettings()).clean({
        "event": "webhook_accepted", "conversation_id": f"twilio:{BSUID}", "to": f"whatsapp:{PARENT}",
        "error": f"PhoneError('not an E.164 number: {BSUID!r}')", "deep": [{"ids": [BSUID]}],
    })
    assert event["conversation_id"] == "twilio:NL.*************234"
    assert event["to"] == "whatsapp:NL.ENT.***********433"
    assert BSUID not in str(event) and BSUID[3:] not in str(event) and PARENT[7:] not in str(event)
    assert _Mask(LogSettings()).clean("OK.no, NL.1a and SM0123456789abcdef0123456789abcdef") == (
        "OK.no, NL.1a and SM0123456789abcdef0123456789abcdef")


async def test_the_store_migration_keeps_phone_conversations_and_records_their_identifiers(tmp_path, fake_twilio):
    """A database of schema 5 (phone-keyed contacts) is upgraded: each contact gets a stable id and its
    phone and WaId as identifiers, and its `twilio:+316…` conversation continues when the BSUID shows up."""
    path = tmp_path / "seldenrijk.db"
    conn = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:5], start=1):
        conn.executescript(script.sqlite)
        conn.execute(f"PRAGMA user_version={number}")
    conn.execute("INSERT INTO contacts (phone, name, wa_id, lead_score, created_at, updated_at)"
                 " VALUES (?, 'Jan', ?, 45, '2026-05-01T10:00:00+00:00', 'x')", (PHONE, PHONE[1:]))
    conn.execute("INSERT INTO conversations (id, phone, provider, created_at, updated_at)"
                 " VALUES (?, ?, 'twilio', 'x', 'x')", (f"twilio:{PHONE}", PHONE))
    conn.commit()
    conn.close()
    store = await open_store(str(path), Clock())
    try:
        known = await store.identities.known(PHONE)
        assert known.phones == (PHONE,) and known.wa_ids == (PHONE[1:],) and len(known.contact_id) == 32
        resolved = await store.identities.resolve(Identity(phone=PHONE, bsuid=BSUID, wa_id=PHONE[1:]))
        assert (resolved.key, resolved.learned, resolved.created) == (PHONE, ("bsuid",), False)
        assert (await store.contacts.get(PHONE)).lead_score == 45
    finally:
        await store.close()
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        assert (await _post(client, bsuid_params(1, "Hallo"))).status_code == 200  # only the BSUID now
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        assert fake_twilio.sent[0]["to"] == f"whatsapp:{PHONE}"
        assert await _conversations_of_inbox(rt) == [f"twilio:{PHONE}"]


async def test_first_messages_of_one_person_arriving_together_land_in_one_conversation(tmp_path):
    """Resolution is decided inside the write transaction: a BSUID-only and a phone+BSUID first message
    at the same moment are filed under one contact."""
    import anyio

    store = await open_store(str(tmp_path / "s.db"), Clock())
    try:
        keys: list[str] = []

        async def resolve(identity: Identity) -> None:
            keys.append((await store.identities.resolve(identity)).key)

        async with anyio.create_task_group() as tg:
            tg.start_soon(resolve, Identity(bsuid=BSUID))
            tg.start_soon(resolve, Identity(phone=PHONE, bsuid=BSUID))
        assert len(set(keys)) == 1

        async def merged() -> bool:
            return (await store.identities.known(keys[0])).bsuids == (BSUID,)

        assert await until(merged)
    finally:
        await store.close()


def _crm_sections(hubspot=None, chatwoot=None) -> dict:
    sections: dict = {}
    if hubspot is not None:
        sections["hubspot"] = {"access_token": "pat-eu1-test", "base_url": hubspot.base_url}
    if chatwoot is not None:
        sections["chatwoot"] = {"base_url": chatwoot.base_url, "api_token": "cw-token", "account_id": 1, "inbox_id": 1}
    return sections


async def _settle(rt, clock, done, seconds: int = 30) -> bool:
    """Move the manual clock past the debounce until `done()` holds."""
    import anyio

    for _ in range(seconds):
        if await anyio.to_thread.run_sync(done):
            return True
        clock.advance(1)
        await anyio.wait_all_tasks_blocked()
        await idle(rt)
    return bool(await anyio.to_thread.run_sync(done))


async def test_hubspot_stores_bsuids_and_finds_the_contact_by_them(tmp_path, fake_twilio):
    """A BSUID-only customer is created in HubSpot with `hs_whatsapp_bsuids` and no phone; the phone
    learned later is added to the same contact; an existing HubSpot contact holding the BSUID among
    others is found, not duplicated."""
    from integrations.clock import ManualClock
    from integrations.hubspot import HubSpotClient
    from tests.fakes.hubspot import FakeHubSpot

    clock = ManualClock()
    with FakeHubSpot() as hubspot:
        config = make_config(tmp_path, fake_twilio, **_crm_sections(hubspot))
        existing = await HubSpotClient(config.hubspot).create_contact(
            None, "Els Bakker", {"hs_whatsapp_bsuids": f"NL.777666555444;{PARENT}"})
        async with running(config, clock=clock) as (rt, client):
            assert (await _post(client, bsuid_params(1, "Hallo", username="jan.rijdt"))).status_code == 200
            assert await arrived(hubspot, lambda: len(hubspot.contacts) == 2)
            [created] = [c for c in hubspot.contacts.values() if c["id"] != existing]
            assert created["properties"]["hs_whatsapp_bsuids"] == BSUID
            assert not created["properties"].get("phone") and not created["properties"].get("hs_whatsapp_phone_number")
            await idle(rt)
            assert (await _post(client, bsuid_params(2, "ik zoek een golf", phone=PHONE))).status_code == 200

            def phone_added() -> bool:
                contact = hubspot.contacts[created["id"]]
                return contact["properties"].get("hs_whatsapp_phone_number") == PHONE

            assert await _settle(rt, clock, phone_added)
            assert len(hubspot.contacts) == 2
            # Someone HubSpot already knows by their parent BSUID: linked, not created again.
            params = [(k, v) for k, v in bsuid_params(3, "Hallo", bsuid="NL.121212121212") if k != "From"]
            params += [("From", "whatsapp:NL.121212121212"), ("ParentExternalUserId", PARENT)]
            assert (await _post(client, params)).status_code == 200

            async def linked() -> bool:
                contact = await rt.store.contacts.get("NL.121212121212")
                return contact is not None and contact.hubspot_id == existing

            assert await until(linked)
            assert len(hubspot.contacts) == 2


async def test_chatwoot_keeps_every_identifier_on_one_contact(tmp_path, fake_twilio):
    """A BSUID-only customer becomes a Chatwoot contact without a phone number (identifier = BSUID,
    BSUID in its attributes); the phone learned later is set on that same contact."""
    from integrations.clock import ManualClock
    from tests.fakes.chatwoot import FakeChatwoot

    clock = ManualClock()
    with FakeChatwoot() as chatwoot:
        async with running(make_config(tmp_path, fake_twilio, **_crm_sections(chatwoot=chatwoot)), clock=clock) as (rt, client):
            assert (await _post(client, bsuid_params(1, "Hallo", username="jan.rijdt"))).status_code == 200
            assert await arrived(chatwoot, lambda: len(chatwoot.contacts) == 1 and len(chatwoot.messages) >= 1)
            [contact] = chatwoot.contacts
            assert contact["identifier"] == BSUID and not contact.get("phone_number")
            await idle(rt)
            assert (await _post(client, bsuid_params(2, "ik zoek een golf", phone=PHONE))).status_code == 200

            def phone_added() -> bool:
                [one] = chatwoot.contacts
                return one.get("phone_number") == PHONE and one["custom_attributes"].get("whatsapp_bsuids") == BSUID

            assert await _settle(rt, clock, phone_added)
            assert len(chatwoot.contacts) == 1 and len(chatwoot.conversations) == 1


async def test_hubspot_search_by_phone_and_two_bsuids_stays_within_five_filter_groups(tmp_path):
    """HubSpot refuses more than five filter groups: phone (3) and BSUIDs share them, and a contact
    holding the BSUID as one of several is found."""
    from daemon.config import build
    from integrations.hubspot import HubSpotClient
    from tests.fakes.hubspot import FakeHubSpot

    with FakeHubSpot() as hubspot:
        config = build({"hubspot": {"access_token": "pat-eu1-test", "base_url": hubspot.base_url}})
        client = HubSpotClient(config.hubspot)
        try:
            cid = await client.create_contact(None, "Els", {"hs_whatsapp_bsuids": f"NL.555444333222;{BSUID}"})
            assert await client.find_contact(PHONE, (BSUID, PARENT)) == cid
            assert await client.find_contact(None, (BSUID,)) == cid
            assert await client.find_contact(PHONE, ()) is None and await client.find_contact(None, ()) is None
            searches = [r.json() for r in hubspot.requests_to("POST", r"/crm/v3/objects/contacts/search")]
            assert all(len(s["filterGroups"]) <= 5 for s in searches)
        finally:
            await client.aclose()


async def test_a_conversation_moved_by_migrate_waha_continues_when_the_bsuid_appears(tmp_path, fake_twilio):
    """WAHA-era `waha:316…` → `twilio:+316…` (migrate-waha), then the same person writes with their
    phone and a BSUID, later with the BSUID alone: one conversation, its transcript kept."""
    from daemon.migrate import migrate_store
    from integrations.messages import InboundMessage
    from integrations.store.outbox import Draft

    config = make_config(tmp_path, fake_twilio)
    store = await open_store(config.store.path, Clock())
    try:
        await store.conversations.ensure("waha:31612345678", PHONE, "waha")
        old = InboundMessage(provider="waha", message_id="false_31612345678@c.us_AAA", conversation_id="waha:31612345678",
                             phone=PHONE, body="Hoi", received_at=Clock().iso())
        added = await store.inbox.add(old)
        await store.outbox.finish_inbound(inbound_id=added.id, conversation_id="waha:31612345678", phone=PHONE,
                                          provider="waha", drafts=[Draft(body="Hallo!")], status="sent",
                                          transcript=[("in", "customer", "Hoi"), ("out", "bot", "Hallo!")])
        await store.contacts.ensure(PHONE, "Jan", PHONE[1:])
        await migrate_store(store, dry_run=False)
    finally:
        await store.close()
    async with running(config) as (rt, client):
        assert (await _post(client, bsuid_params(1, "ik zoek een golf", phone=PHONE))).status_code == 200
        assert (await _post(client, bsuid_params(2, "wat kost die?"))).status_code == 200
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        await idle(rt)
        assert {m["to"] for m in fake_twilio.sent} == {f"whatsapp:{PHONE}"}
        transcript = await rt.store.conversations.transcript(f"twilio:{PHONE}")
        assert [body for direction, _, body in transcript if direction == "in"] == ["Hoi", "ik zoek een golf", "wat kost die?"]
