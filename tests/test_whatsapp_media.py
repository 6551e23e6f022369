"""Photos, voice notes, documents and locations a customer sends over Twilio (api-notes §a, §W.5):
each file is downloaded from Twilio with the account's credentials (through its redirect) and
attached to the Chatwoot conversation, as a durable task that never holds up the reply.

Through the signed webhook, the real runtime, the real Twilio SDK and aiohttp against the fakes."""

from __future__ import annotations

import base64

import pytest

from integrations.messages import Media
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN, arrived, idle, inbound_params, make_config, running, sid, signed
from tests.fakes.chatwoot import FakeChatwoot
from tests.fakes.http import Response

pytestmark = pytest.mark.anyio

PHONE = "+31612345678"
VOICE = b"OggS" + bytes(range(256)) * 40  # ~10 kB "voice note"
PHOTO = b"\xff\xd8\xff\xe0" + b"\x00" * 3000
MEDIA_PATH = r"/2010-04-01/Accounts/[^/]+/Messages/[^/]+/Media/[^/]+"


@pytest.fixture
def chatwoot():
    with FakeChatwoot() as fake:
        yield fake


def _config(tmp_path, fake_twilio, chatwoot, **twilio):
    return make_config(tmp_path, fake_twilio, twilio=twilio,
                       chatwoot={"base_url": chatwoot.base_url, "api_token": "cw-token", "account_id": 1,
                                 "inbox_id": 1, "webhook_secret": "cw-secret"})


def _media_params(n: int, files: list[tuple[str, str]], body: str = "",
                  message_type: str = "image") -> list[tuple[str, str]]:
    params = [(k, v) for k, v in inbound_params(sid(n), body) if k not in ("NumMedia", "MessageType")]
    params += [("NumMedia", str(len(files))), ("MessageType", message_type)]
    for i, (url, content_type) in enumerate(files):
        params += [(f"MediaUrl{i}", url), (f"MediaContentType{i}", content_type)]
    return params


async def _post(client, params: list[tuple[str, str]]) -> None:
    body, headers = signed("/webhooks/twilio/whatsapp", params)
    assert (await client.post("/webhooks/twilio/whatsapp", data=body, headers=headers)).status_code == 200


def _attachments(chatwoot: FakeChatwoot) -> list[dict]:
    return [a for m in chatwoot.messages for a in m["attachments"]]


def _notes(chatwoot: FakeChatwoot) -> list[str]:
    return [m["content"] for m in chatwoot.messages if m["private"]]


async def test_a_voice_note_reaches_chatwoot_as_an_attachment(tmp_path, fake_twilio, chatwoot):
    """audio/ogg behind Basic auth and a redirect: the same bytes arrive in Chatwoot as an incoming
    audio attachment, marked as ours; the customer is asked to type."""
    url = fake_twilio.add_media(sid(1), VOICE, "audio/ogg")
    async with running(_config(tmp_path, fake_twilio, chatwoot)) as (rt, client):
        await _post(client, _media_params(1, [(url, "audio/ogg")], message_type="audio"))
        assert await arrived(chatwoot, lambda: len(_attachments(chatwoot)) == 1)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
    attachment = _attachments(chatwoot)[0]
    assert attachment["file_type"] == "audio" and attachment["content_type"] == "audio/ogg"
    assert attachment["data"] == VOICE and attachment["filename"].endswith(".ogg")
    carrier = next(m for m in chatwoot.messages if m["attachments"])
    assert carrier["message_type"] == 0 and not carrier["private"]
    assert carrier["content_attributes"]["seldenrijk_ref"] == f"att:{sid(1)}:0"
    fetch = fake_twilio.requests_to("GET", MEDIA_PATH)[0]
    expected = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
    assert fetch.header("authorization") == f"Basic {expected}"
    assert fake_twilio.requests_to("GET", r"/cdn/.*")  # followed Twilio's redirect
    assert "typen" in fake_twilio.sent[0]["body"]
    assert not fake_twilio.requests_to("DELETE", r".*")  # nothing is deleted at Twilio


async def test_a_photo_during_a_trade_in_is_attached_and_noted(tmp_path, fake_twilio, chatwoot):
    """A photo after "ik wil mijn opel astra inruilen": attached as an image, and a private note says it
    is of the car traded in."""
    async with running(_config(tmp_path, fake_twilio, chatwoot)) as (rt, client):
        await _post(client, inbound_params(sid(1), "ik wil mijn opel astra inruilen"))
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        url = fake_twilio.add_media(sid(2), PHOTO, "image/jpeg")
        await _post(client, _media_params(2, [(url, "image/jpeg")]))
        assert await arrived(chatwoot, lambda: len(_attachments(chatwoot)) == 1)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 2)
        await idle(rt)
    assert _attachments(chatwoot)[0]["file_type"] == "image"
    assert any("inruilauto" in note and "Astra" in note for note in _notes(chatwoot))
    assert "Astra" in fake_twilio.sent[1]["body"]


async def test_a_too_large_file_gives_a_private_note_and_no_attachment(tmp_path, fake_twilio, chatwoot):
    """Bigger than `twilio.media_max_bytes`: no attachment, a private note with the limit, and the reply
    still goes out."""
    url = fake_twilio.add_media(sid(1), PHOTO, "image/jpeg")
    async with running(_config(tmp_path, fake_twilio, chatwoot, media_max_bytes=1024)) as (rt, client):
        await _post(client, _media_params(1, [(url, "image/jpeg")]))
        assert await arrived(chatwoot, lambda: any("te groot" in n for n in _notes(chatwoot)))
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        await idle(rt)
        row = await rt.store.main.fetchone("SELECT status FROM tasks WHERE kind = 'cw_attachment'")
    assert _attachments(chatwoot) == []
    assert row[0] == "done"  # settled by the note, not left failing
    assert all(PHONE not in m["content"] for m in chatwoot.messages if m["private"])


async def test_a_twilio_media_5xx_is_retried(tmp_path, fake_twilio, chatwoot):
    """Twilio answers 503 to the first download: the reply is not held up, and the retry attaches it."""
    url = fake_twilio.add_media(sid(1), VOICE, "audio/ogg")
    fake_twilio.script("GET", MEDIA_PATH, Response(503, json={"code": 20500, "message": "Internal Server Error",
                                                              "status": 503}))
    async with running(_config(tmp_path, fake_twilio, chatwoot)) as (rt, client):
        await _post(client, _media_params(1, [(url, "audio/ogg")], message_type="audio"))
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        assert await arrived(chatwoot, lambda: len(_attachments(chatwoot)) == 1, timeout=15)
        await idle(rt)
    assert len(fake_twilio.requests_to("GET", MEDIA_PATH)) == 2
    assert _attachments(chatwoot)[0]["data"] == VOICE
    assert not any("niet op te halen" in n for n in _notes(chatwoot))


async def test_a_replayed_webhook_does_not_attach_twice(tmp_path, fake_twilio, chatwoot):
    """Twilio delivers the same MessageSid again (its connection retry): one attachment, one reply."""
    url = fake_twilio.add_media(sid(1), PHOTO, "image/jpeg")
    params = _media_params(1, [(url, "image/jpeg")])
    async with running(_config(tmp_path, fake_twilio, chatwoot)) as (rt, client):
        await _post(client, params)
        assert await arrived(chatwoot, lambda: len(_attachments(chatwoot)) == 1)
        await idle(rt)
        await _post(client, params)
        await idle(rt)
    assert len(_attachments(chatwoot)) == 1
    assert len(fake_twilio.sent) == 1


async def test_a_media_url_outside_twilio_gets_no_credentials(tmp_path, fake_twilio, chatwoot):
    """A MediaUrl on another host is never fetched with the account's credentials: a note instead."""
    with FakeChatwoot() as elsewhere:  # any other loopback server
        url = f"{elsewhere.base_url}/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid(1)}/Media/ME1"
        async with running(_config(tmp_path, fake_twilio, chatwoot)) as (rt, client):
            await _post(client, _media_params(1, [(url, "image/jpeg")]))
            assert await arrived(chatwoot, lambda: any("niet op te halen" in n for n in _notes(chatwoot)))
            await idle(rt)
        assert elsewhere.requests == []
    assert _attachments(chatwoot) == []


async def test_a_shared_location_is_mirrored_with_a_map_link_and_answered_with_the_route(
        tmp_path, fake_twilio, chatwoot):
    params = [(k, v) for k, v in inbound_params(sid(1), "") if k != "MessageType"]
    params += [("MessageType", "location"), ("Latitude", "52.3676"), ("Longitude", "4.9041"),
               ("Address", "Dam 1, Amsterdam"), ("Label", "Thuis")]
    async with running(_config(tmp_path, fake_twilio, chatwoot)) as (rt, client):
        await _post(client, params)
        assert await arrived(fake_twilio, lambda: len(fake_twilio.sent) == 1)
        assert await arrived(chatwoot, lambda: any("Locatie" in m["content"] for m in chatwoot.messages))
        await idle(rt)
    mirrored = next(m["content"] for m in chatwoot.messages if "Locatie" in m["content"])
    assert "Thuis" in mirrored and "52.3676,4.9041" in mirrored and "google.com/maps" in mirrored
    assert "google.com/maps/dir/" in fake_twilio.sent[0]["body"]
    assert _attachments(chatwoot) == []


async def test_an_attachment_task_run_again_after_its_post_attaches_nothing_more(tmp_path, fake_twilio, chatwoot):
    """The process died after Chatwoot took the file but before the task was marked done: the task
    runs again (re-queued under its key) and finds the file attached already."""
    url = fake_twilio.add_media(sid(1), PHOTO, "image/jpeg")
    async with running(_config(tmp_path, fake_twilio, chatwoot)) as (rt, client):
        await _post(client, _media_params(1, [(url, "image/jpeg")]))
        assert await arrived(chatwoot, lambda: len(_attachments(chatwoot)) == 1)
        await idle(rt)
        conversation = await rt.store.conversations.get(f"twilio:{PHONE}")
        await rt.integrations.submit(rt.integrations.chatwoot.plan_attachments(
            conversation.id, PHONE, sid(1), (Media(url, "image/jpeg"),)))
        await idle(rt)
        row = await rt.store.main.fetchone("SELECT status, generation FROM tasks WHERE kind = 'cw_attachment'")
    assert row[0] == "done" and row[1] >= 1  # it was queued again, and ran
    assert len(_attachments(chatwoot)) == 1
    assert len(fake_twilio.requests_to("GET", MEDIA_PATH)) == 1  # not even downloaded again
