"""Fuzzing the ingress (issue 9): random forms, headers, encodings and sizes never get a 500, and
no acknowledged message is lost.

One real runtime (store, dialogue, local transport) runs in a blocking portal's event loop for the
whole module; Hypothesis drives requests into it through Quart's test client.
"""

from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import urlencode

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import inbound_params, make_config, running, sid, signed, until

# The runtime runs in another thread while Hypothesis generates data; when a library there draws
# from the global `random` (an SDK's jitter), Hypothesis takes it for its own strategy doing so.
pytestmark = pytest.mark.filterwarnings("ignore:Do not use the `random` module inside strategies")

PATHS = ["/webhooks/twilio/whatsapp", "/webhooks/twilio/status", "/webhooks/chatwoot", "/webhooks/waha"]
ALLOWED = {200, 400, 403, 404, 405, 413, 415, 429, 503}
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                       HealthCheck.too_slow])
TWILIO_PARAMS = [name for name, _ in inbound_params("SM" + "0" * 32, "x")]


class Ingress:
    """The runtime and its test client, called from Hypothesis's (synchronous) examples."""

    def __init__(self, portal: BlockingPortal, rt: Any, client: Any) -> None:
        self.portal, self.rt, self.client = portal, rt, client

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        async def go() -> tuple[int, str]:
            resp = await self.client.post(path, data=body, headers=headers)
            return resp.status_code, await resp.get_data(as_text=True)

        return self.portal.call(go)

    def inbox(self) -> dict[str, int]:
        return self.portal.call(self.rt.store.inbox.counts)


@pytest.fixture(scope="module")
def ingress(tmp_path_factory) -> Iterator[Ingress]:
    tmp = tmp_path_factory.mktemp("fuzz")
    config = make_config(tmp, chatwoot={"webhook_secret": "cw-secret"},
                         limits={"rate_per_minute": 100_000})
    with start_blocking_portal("asyncio") as portal:
        with portal.wrap_async_context_manager(running(config)) as (rt, client):
            yield Ingress(portal, rt, client)


_text = st.text(max_size=200)
# What can stand in an HTTP header value at all: no line breaks or NULs, latin-1 (as servers decode it).
_header_text = st.text(st.characters(codec="latin-1", exclude_characters="\r\n\x00"), max_size=200)
_header_values = st.one_of(_header_text, st.sampled_from(["", "ñ" * 30, "a" * 5000, "9" * 400, "sha256=zz"]))
_content_types = st.sampled_from(["application/x-www-form-urlencoded", "application/json", "text/plain",
                                  "multipart/form-data; boundary=x", "application/x-www-form-urlencoded; charset=latin-1",
                                  "", "ä/ö"])


@FUZZ
@given(path=st.sampled_from(PATHS), body=st.binary(max_size=3000), content_type=_content_types,
       signature=_header_values, extra=st.dictionaries(st.sampled_from(
           ["X-Chatwoot-Signature", "X-Chatwoot-Timestamp", "X-Chatwoot-Delivery", "X-Webhook-Hmac",
            "X-Twilio-Webhooks-Signature-Settings", "Content-Length"]), _header_values, max_size=3))
def test_random_requests_never_get_a_500(ingress, path, body, content_type, signature, extra):
    """Any body, content type and header values: a 4xx with a reason (or a 200), never a 500."""
    headers = {"Content-Type": content_type, "X-Twilio-Signature": signature, **extra}
    headers = {k: v for k, v in headers.items() if v.isascii() or k == "X-Twilio-Signature"}
    if "Content-Length" in headers and not headers["Content-Length"].isdigit():
        del headers["Content-Length"]
    headers.pop("Content-Length", None)  # the test client sets it from the body
    status, text = ingress.post(path, body, headers)
    assert status in ALLOWED, (status, text[:500])
    if status >= 400:
        assert text.strip(), "a rejection says why"


@FUZZ
@given(pairs=st.lists(st.tuples(_text, _text), max_size=30), body_text=_text, name=_text,
       encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_validly_signed_random_forms_are_stored_or_refused_never_lost(ingress, pairs, body_text, name, encoding):
    """A correctly signed Twilio form with random extra parameters and text: either acknowledged
    (200, and then it is in the inbox) or refused with a 4xx and a reason; never a 500."""
    before = sum(ingress.inbox().values())
    accepted = ingress.rt.metrics.value("seldenrijk_webhooks_total", endpoint="twilio_whatsapp", outcome="accepted")
    n = abs(hash((tuple(pairs), body_text, name))) % 10**12
    params = inbound_params(sid(f"f{n}"), body_text, name=name) + pairs
    body, headers = signed("/webhooks/twilio/whatsapp", params)
    if encoding != "utf-8":
        try:
            body = urlencode(params, encoding=encoding).encode("ascii")
        except UnicodeEncodeError:
            pass
    status, text = ingress.post("/webhooks/twilio/whatsapp", body, headers)
    assert status in ALLOWED - {503}, (status, text[:500])
    after = sum(ingress.inbox().values())
    newly = ingress.rt.metrics.value("seldenrijk_webhooks_total", endpoint="twilio_whatsapp",
                                     outcome="accepted") - accepted
    if status >= 400:
        assert text.strip() and after == before  # refused: said why, stored nothing
    else:
        assert after == before + newly  # acknowledged as new: it is in the inbox


@pytest.mark.parametrize("missing", TWILIO_PARAMS)
def test_every_twilio_parameter_missing_in_turn(ingress, missing):
    """Without any one of the usual parameters the webhook is either accepted (and answered) or
    refused with a 400 naming what is wrong; never a 500, never acknowledged and dropped."""
    message_sid = sid(f"m{TWILIO_PARAMS.index(missing)}")
    params = [(k, v) for k, v in inbound_params(message_sid, "hoe laat zijn jullie open?") if k != missing]
    body, headers = signed("/webhooks/twilio/whatsapp", params)
    status, text = ingress.post("/webhooks/twilio/whatsapp", body, headers)
    if missing == "From":  # (without MessageSid, SmsMessageSid stands in)
        assert status == 400 and missing in text
        return
    assert status == 200, text

    async def stored() -> bool:
        rows = await ingress.rt.store.main.fetchall(
            "SELECT 1 FROM inbox WHERE provider_message_id = ? AND status = 'done'", (message_sid,))
        return bool(rows)

    assert ingress.portal.call(until, stored)


def test_no_acknowledged_message_is_left_unanswered(ingress):
    """After all the fuzzing, every message that was acknowledged is handled: nothing pending."""

    async def settled() -> bool:
        counts = await ingress.rt.store.inbox.counts()
        return counts.get("pending", 0) == 0

    assert ingress.portal.call(until, settled)
    assert ingress.inbox().get("pending", 0) == 0
