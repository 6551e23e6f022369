"""The Twilio transport against the fake Messages API: how it is built and what a failure leaves behind."""

from __future__ import annotations

import pytest
import twilio.rest

from daemon.config import TwilioConfig
from integrations.transport import SendError
from integrations.twilio_client import TwilioTransport
from tests.conftest import ACCOUNT_SID, AUTH_TOKEN

pytestmark = pytest.mark.anyio


async def test_twilio_client_built_during_a_failure_keeps_the_sdk_default_host(fake_twilio, monkeypatch):
    """A first use that fails half-way through building the SDK client (here: the lazy import of the
    Api domain failing, as it does when descriptors run out) must not leave a client that talks to
    api.twilio.com: the next send goes to `twilio.api_base_url`."""
    original = twilio.rest.Client.api
    failures = {"left": 1}

    def flaky_api(self):
        if failures["left"]:
            failures["left"] -= 1
            raise OSError(24, "Too many open files")
        return original.fget(self)

    monkeypatch.setattr(twilio.rest.Client, "api", property(flaky_api))
    config = TwilioConfig.model_validate({"account_sid": ACCOUNT_SID, "auth_token": AUTH_TOKEN,
                                          "api_base_url": fake_twilio.base_url, "from": "whatsapp:+14155238886",
                                          "timeout_seconds": 5})
    transport = TwilioTransport(config)
    try:
        with pytest.raises((SendError, OSError)):
            await transport.send("+31612345678", "eerste")
        result = await transport.send("+31612345678", "tweede")
        assert result.provider_message_id
        assert [m["body"] for m in fake_twilio.sent] == ["tweede"]
    finally:
        await transport.aclose()
