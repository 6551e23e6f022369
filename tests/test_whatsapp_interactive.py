"""Offered test-drive times and listed cars as a tappable WhatsApp list (Twilio Content API list
picker), taps checked against the current offer and stock, and the numbered text as the fallback
(api-notes §W.1, §W.2).

Through the signed webhook, the real runtime and dialogue, and the real Twilio SDK against the fake."""

from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from integrations.interactive import DESCRIPTION_CHARS, ITEM_CHARS, car_picker, parse_tap, slot_picker
from tests.conftest import arrived, idle, inbound_params, make_config, running, sid, signed
from tests.fakes.http import Response

pytestmark = pytest.mark.anyio

PHONE = "+31612345678"
CONV = f"twilio:{PHONE}"
ASK = "kan ik een proefrit maken met de golf"
MESSAGES = r".*/Messages\.json$"


async def _post(client, params) -> None:
    body, headers = signed("/webhooks/twilio/whatsapp", params)
    assert (await client.post("/webhooks/twilio/whatsapp", data=body, headers=headers)).status_code == 200


async def _say(rt, client, fake_twilio, n: int, text: str, phone: str = PHONE, extra=()) -> dict:
    """One customer message; returns the form of the reply Twilio got."""
    before = len(fake_twilio.sent)
    await _post(client, inbound_params(sid(n), text, phone=phone) + list(extra))
    assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == before + 1)
    await idle(rt)
    return fake_twilio.requests_to("POST", MESSAGES)[-1].form()


def _items(form: dict) -> list[tuple[str, str]]:
    """(title, id) of each list item in a sent list picker, from its ContentVariables."""
    variables = json.loads(form["ContentVariables"][0])
    return [(variables[str(3 * i + 2)], variables[str(3 * i + 3)]) for i in range((len(variables) - 1) // 3)]


def _tap(title: str, item_id: str, *, as_button: bool = False) -> list[tuple[str, str]]:
    if as_button:
        return [("ButtonText", title), ("ButtonPayload", item_id), ("MessageType", "button")]
    return [("ListId", item_id), ("ListTitle", title), ("MessageType", "interactive")]


async def _appointments(rt) -> list:
    return [a for a in await rt.store.appointments.for_conversation(CONV) if a.status == "booked"]


async def test_offered_times_go_as_a_list_picker_and_the_text_stays_the_fallback(tmp_path, fake_twilio):
    """One list-picker resource is created (variables, reused), the reply carries ContentSid and the
    items; the outbox keeps the numbered text, and the second offer reuses the resource."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        form = await _say(rt, client, fake_twilio, 1, ASK)
        [(content_sid, content)] = fake_twilio.contents.items()
        assert form["ContentSid"] == [content_sid] and "Body" not in form
        picker = content["types"]["twilio/list-picker"]
        variables = json.loads(form["ContentVariables"][0])
        [row] = await rt.store.outbox.all_rows()
        assert variables["1"] == row.body and "1️⃣" in row.body
        items = _items(form)
        assert len(items) == len(picker["items"]) >= 2
        assert all(len(title) <= ITEM_CHARS and parse_tap(item_id) is not None for title, item_id in items)
        await _say(rt, client, fake_twilio, 2, "andere tijden?", phone="+31687654321")
        await _say(rt, client, fake_twilio, 3, ASK, phone="+31687654321")
        assert len(fake_twilio.contents) <= 2  # one per item count, never one per message


async def test_a_list_picker_tap_books_the_tapped_slot(tmp_path, fake_twilio):
    """Tapping the second time books that time, exactly as typing "2" would."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        offer = await _say(rt, client, fake_twilio, 1, ASK)
        title, item_id = _items(offer)[1]
        described = json.loads(offer["ContentVariables"][0])["7"]  # item 2's description, e.g. "ma 30 nov 09:00–10:00"
        await _say(rt, client, fake_twilio, 2, title, extra=_tap(title, item_id))
        [booked] = await _appointments(rt)
        start = datetime.fromisoformat(booked.start).astimezone(ZoneInfo("Europe/Amsterdam"))
        end = datetime.fromisoformat(booked.end).astimezone(ZoneInfo("Europe/Amsterdam"))
        assert described.endswith(f"{start:%H:%M}–{end:%H:%M}")
        assert described.startswith(("ma ", "di ", "wo ", "do ", "vr ", "za ", "zo ")) and f" {start.day} " in described


async def test_a_list_pick_reported_in_the_button_fields_is_accepted_too(tmp_path, fake_twilio):
    """Some accounts deliver a list pick as ButtonPayload/ButtonText: it books the same."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        offer = await _say(rt, client, fake_twilio, 1, ASK)
        title, item_id = _items(offer)[0]
        await _say(rt, client, fake_twilio, 2, title, extra=_tap(title, item_id, as_button=True))
        assert len(await _appointments(rt)) == 1


async def test_a_tap_on_a_stale_offer_does_not_book_it(tmp_path, fake_twilio):
    """After the customer booked the first time by typing, a tap on the old list's second item
    books nothing and moves nothing: the time is no longer on offer."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        offer = await _say(rt, client, fake_twilio, 1, ASK)
        await _say(rt, client, fake_twilio, 2, "1")
        [booked] = await _appointments(rt)
        title, item_id = _items(offer)[1]
        await _say(rt, client, fake_twilio, 3, title, extra=_tap(title, item_id))
        assert [(a.id, a.start) for a in await _appointments(rt)] == [(booked.id, booked.start)]


async def test_a_forged_tap_id_is_not_booked(tmp_path, fake_twilio):
    """An id we never sent (another offer number, an item out of range) books nothing."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        offer = await _say(rt, client, fake_twilio, 1, ASK)
        title, item_id = _items(offer)[0]
        offer_id = item_id.split(":")[2]
        for n, forged in enumerate([f"v1:slot:{int(offer_id) + 99}:1", f"v1:slot:{offer_id}:9"], start=2):
            await _say(rt, client, fake_twilio, n, "ok", extra=_tap(title, forged))
        assert await _appointments(rt) == []


async def test_a_quick_reply_ja_works_like_typed_ja(tmp_path, fake_twilio):
    """A tapped "Ja" button (Body = title, ButtonPayload = its id) gets the same answer as a typed "Ja"."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        typed, tapped = "+31611111111", "+31622222222"
        for phone, base in ((typed, 10), (tapped, 20)):
            await _say(rt, client, fake_twilio, base, "Hallo, hebben jullie een automaat onder de 20k?", phone=phone)
        a = await _say(rt, client, fake_twilio, 30, "Ja", phone=typed)
        b = await _say(rt, client, fake_twilio, 31, "Ja", phone=tapped,
                       extra=[("ButtonText", "Ja"), ("ButtonPayload", "yes"), ("MessageType", "button")])
        def text(form: dict) -> str:
            return form["Body"][0] if "Body" in form else json.loads(form["ContentVariables"][0])["1"]

        assert text(a) == text(b)
        if "ContentSid" in a:
            assert [title for title, _ in _items(a)] == [title for title, _ in _items(b)]


QUESTION = "hoe laat was mijn proefrit ook alweer?"  # none booked: "Zal ik er een voor je inplannen?"


def _buttons(form: dict, fake_twilio) -> list[tuple[str, str]]:
    """(title, id) of each quick-reply button of a sent message."""
    content = fake_twilio.contents[form["ContentSid"][0]]["types"]["twilio/quick-reply"]
    variables = json.loads(form["ContentVariables"][0])
    return [(a["title"], variables[a["id"].strip("{}")]) for a in content["actions"]]


async def test_a_yes_no_question_gets_quick_reply_buttons_and_a_tapped_ja_works_like_typed_ja(tmp_path, fake_twilio):
    """The reply that asks "Zal ik er een inplannen?" carries Ja / Nee / Spreek medewerker buttons
    (≤ 3, titles ≤ 20); tapping Ja gets the same answer as typing "ja" in an identical conversation."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        typed, tapped = "+31611111111", "+31622222222"
        await _say(rt, client, fake_twilio, 10, QUESTION, phone=typed)
        question = await _say(rt, client, fake_twilio, 20, QUESTION, phone=tapped)
        buttons = _buttons(question, fake_twilio)
        assert [title for title, _ in buttons] == ["Ja", "Nee", "Spreek medewerker"]
        assert "inplannen" in json.loads(question["ContentVariables"][0])["1"]
        a = await _say(rt, client, fake_twilio, 11, "ja", phone=typed)
        b = await _say(rt, client, fake_twilio, 21, "Ja", phone=tapped,
                       extra=[("ButtonText", "Ja"), ("ButtonPayload", buttons[0][1]), ("MessageType", "button"),
                              ("OriginalRepliedMessageSid", fake_twilio.sent[1]["sid"])])
        assert a["Body"] == b["Body"] and "welke auto" in b["Body"][0].lower()


async def test_a_tapped_ja_on_an_old_question_confirms_nothing(tmp_path, fake_twilio):
    """The customer moved on; a later tap on the old question's Ja is not taken as a yes."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        question = await _say(rt, client, fake_twilio, 1, QUESTION)
        yes = _buttons(question, fake_twilio)[0][1]
        await _say(rt, client, fake_twilio, 2, "hallo")
        answer = await _say(rt, client, fake_twilio, 3, "Ja", extra=[("ButtonText", "Ja"), ("ButtonPayload", yes)])
        assert "welke auto" not in answer["Body"][0].lower()


async def test_interactive_off_sends_the_numbered_text(tmp_path, fake_twilio):
    """`twilio.interactive = false`: no Content API call, the offer goes as numbered text."""
    async with running(make_config(tmp_path, fake_twilio, twilio={"interactive": False})) as (rt, client):
        form = await _say(rt, client, fake_twilio, 1, ASK)
        assert "ContentSid" not in form and "1️⃣" in form["Body"][0]
        assert fake_twilio.contents == {}


async def test_a_content_api_failure_sends_the_numbered_text_at_once(tmp_path, fake_twilio):
    """The Content API answers 500: the same offer goes as text now, not after a retry."""
    fake_twilio.script("POST", r"/v1/Content$", Response(500, json={"code": 20500, "message": "boom", "status": 500}))
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        form = await _say(rt, client, fake_twilio, 1, ASK)
        assert "ContentSid" not in form and "1️⃣" in form["Body"][0]


async def test_a_list_twilio_refuses_is_sent_as_text_and_created_again_next_time(tmp_path, fake_twilio):
    """21655 for a cached resource (deleted in the console): this offer goes as text, the cache
    entry is dropped, and the next offer creates the resource again."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        await _say(rt, client, fake_twilio, 1, ASK)
        [first] = fake_twilio.contents
        fake_twilio.refused_content.add(first)
        form = await _say(rt, client, fake_twilio, 2, ASK, phone="+31687654321")
        assert "ContentSid" not in form and "1️⃣" in form["Body"][0]
        form = await _say(rt, client, fake_twilio, 3, ASK, phone="+31699999999")
        assert form["ContentSid"][0] != first and len(fake_twilio.contents) == 2


def test_slot_picker_keeps_within_whatsapps_limits() -> None:
    """Titles ≤ 24, descriptions ≤ 72, ids ≤ 200; more than ten times or none: no list."""
    slot = {"start": "2026-11-28T16:00:00+01:00", "end": "2026-11-28T17:00:00+01:00",
            "label": "Zaterdag 28 november om 16:00 uur"}
    picker = slot_picker("Welke past je?", [slot] * 3, 123456789)
    assert picker is not None and len(picker.items) == 3
    assert all(len(i.item) <= 24 and len(i.description) <= 72 and len(i.id) <= 200 for i in picker.items)
    assert picker.items[0].description == "za 28 nov 16:00–17:00"
    assert slot_picker("x", [slot] * 11, 1) is None and slot_picker("x", [], 1) is None
    assert parse_tap(picker.items[2].id).number == 3 and parse_tap("v1:slot:abc:1") is None


SEARCH = "Hallo, hebben jullie een automaat onder de 20k?"


def _text(form: dict) -> str:
    return form["Body"][0] if "Body" in form else json.loads(form["ContentVariables"][0])["1"]


def _listed_titles(body: str) -> list[str]:
    """The car titles of a reply's numbered list ("2. Hyundai i20 1.0 T-GDI Comfort DCT (2021, …")."""
    return re.findall(r"^\d+\. (.+?) \(\d{4},", body, re.M)


async def test_listed_cars_go_as_a_list_picker_and_a_tap_shows_that_car(tmp_path, fake_twilio):
    """A numbered list of cars is sent as a list picker (one item per line, within WhatsApp's limits,
    the numbered text kept as the fallback); tapping the second car answers about that car alone."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        form = await _say(rt, client, fake_twilio, 1, SEARCH)
        picker = fake_twilio.contents[form["ContentSid"][0]]["types"]["twilio/list-picker"]
        assert picker["button"] == "Bekijk de auto's"
        [row] = await rt.store.outbox.all_rows()
        variables = json.loads(form["ContentVariables"][0])
        titles = _listed_titles(row.body)
        items = _items(form)
        assert variables["1"] == row.body and len(items) == len(titles) >= 2
        for n, ((item, _), title) in enumerate(zip(items, titles, strict=True)):
            description = variables[str(3 * n + 4)]
            assert len(item) <= ITEM_CHARS and title.startswith(item) and len(description) <= DESCRIPTION_CHARS
            assert re.search(r"€ [\d.]+$", description)
        item, item_id = items[1]
        answer = _text(await _say(rt, client, fake_twilio, 2, item, extra=_tap(item, item_id)))
        assert titles[1] in answer and titles[0] not in answer and titles[2] not in answer


async def test_a_tapped_car_sold_since_is_said_to_be_gone(tmp_path, fake_twilio):
    """The car left the stock between the list and the tap: the reply says so, never shows another car as
    that one, and offers what is left of the search."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        form = await _say(rt, client, fake_twilio, 1, SEARCH)
        item, item_id = _items(form)[0]
        [row] = await rt.store.outbox.all_rows()
        sold = _listed_titles(row.body)[0]
        await rt.store.cars.replace_all([c for c in await rt.store.cars.all() if c.title != sold])
        answer = _text(await _say(rt, client, fake_twilio, 2, item, extra=_tap(item, item_id)))
        assert "niet meer in onze voorraad" in answer and sold not in answer
        assert _listed_titles(answer) and not set(_listed_titles(answer)) & {sold}


async def test_a_forged_car_tap_points_at_no_car(tmp_path, fake_twilio):
    """An id we never sent for a car list (another offer, an item out of range, a time list's id read
    as a car) names no car: the reply is about none of the listed ones."""
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        form = await _say(rt, client, fake_twilio, 1, SEARCH)
        [row] = await rt.store.outbox.all_rows()
        titles = _listed_titles(row.body)
        item, item_id = _items(form)[0]
        offer = item_id.split(":")[2]
        slots = await _say(rt, client, fake_twilio, 2, ASK, phone="+31687654321")
        slot_offer = _items(slots)[0][1].split(":")[2]
        for n, forged in enumerate([f"v1:car:{int(offer) + 99}:1", f"v1:car:{offer}:9", f"v1:car:{slot_offer}:1"],
                                   start=3):
            answer = _text(await _say(rt, client, fake_twilio, n, item, extra=_tap(item, forged)))
            assert not any(title in answer for title in titles)


async def test_an_english_list_has_an_english_button(tmp_path, fake_twilio):
    async with running(make_config(tmp_path, fake_twilio)) as (rt, client):
        form = await _say(rt, client, fake_twilio, 1, "Hi, do you have an automatic car under 20k?")
        picker = fake_twilio.contents[form["ContentSid"][0]]["types"]["twilio/list-picker"]
        assert picker["button"] == "See the cars" and "€" in json.loads(form["ContentVariables"][0])["4"]


def test_car_picker_needs_two_to_ten_cars() -> None:
    car = {"ref": "Opel Corsa (SR2447)", "item": "Opel Corsa 1.4 Online", "description": "2018 · 61.200 km"}
    assert car_picker("x", [car], 1) is None and car_picker("x", [car] * 11, 1) is None
    picker = car_picker("x", [car] * 3, 7)
    assert picker is not None and picker.items[2].id == "v1:car:7:3" and picker.shape_key != "list-picker:v1:3"
