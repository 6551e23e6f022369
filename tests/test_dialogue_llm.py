"""The optional chat-model refinement against a loopback OpenAI-compatible fake: good, slow, garbage."""

from __future__ import annotations

from contextlib import asynccontextmanager
from datetime import datetime, timezone

import anyio
import pytest
from aiohttp import web

from actors.brain import llm
from daemon.chat import converse
from daemon.config import LlmConfig, build
from daemon.runtime import open_runtime
from integrations.clock import ManualClock


@pytest.fixture
def anyio_backend():
    return "asyncio"


@asynccontextmanager
async def fake_model(answer: str, delay: float = 0.0):
    """An OpenAI-compatible /v1/chat/completions on 127.0.0.1 that answers `answer` after `delay`."""
    seen: list[dict] = []

    async def completions(request: web.Request) -> web.Response:
        seen.append(await request.json())
        if delay:
            await anyio.sleep(delay)
        return web.json_response({"choices": [{"index": 0, "message": {"role": "assistant", "content": answer}}]})

    app = web.Application()
    app.router.add_post("/v1/chat/completions", completions)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}", seen
    finally:
        await runner.cleanup()


@pytest.mark.anyio
async def test_a_valid_answer_is_taken():
    """The model's intent comes back; the request carries the fixed intent list and the text."""
    async with fake_model("opening_hours") as (url, seen):
        intent = await llm.classify(LlmConfig(base_url=url, model="tiny"), "wanneer kan ik langs")
    assert intent == "opening_hours"
    assert seen[0]["model"] == "tiny" and "opening_hours" in seen[0]["messages"][0]["content"]
    assert seen[0]["messages"][1]["content"] == "wanneer kan ik langs"


@pytest.mark.anyio
async def test_a_slow_model_falls_back_to_the_local_answer():
    """Past timeout_seconds the answer is None, quickly."""
    async with fake_model("location", delay=2.0) as (url, _):
        with anyio.fail_after(1.5):
            intent = await llm.classify(LlmConfig(base_url=url, timeout_seconds=0.2), "hmm")
    assert intent is None


@pytest.mark.anyio
@pytest.mark.parametrize("garbage", ["I think the customer wants to buy a car", "pizza", "{\"intent\": 3}", ""])
async def test_an_answer_outside_the_intent_list_is_ignored(garbage):
    """Prose, unknown words and broken JSON all mean "no opinion"."""
    async with fake_model(garbage) as (url, _):
        assert await llm.classify(LlmConfig(base_url=url), "hmm") is None


@pytest.mark.anyio
async def test_no_server_listening_is_no_opinion():
    """A refused connection is an error like any other."""
    assert await llm.classify(LlmConfig(base_url="http://127.0.0.1:9", timeout_seconds=0.5), "hmm") is None


@pytest.mark.anyio
async def test_the_dialogue_asks_the_model_only_when_unsure(tmp_path):
    """A low-confidence message is re-read by the model; a clear one never reaches it."""
    async with fake_model("opening_hours") as (url, seen):
        config = build({"store": {"path": str(tmp_path / "s.db")}, "llm": {"base_url": url}})
        async with open_runtime(config, clock=ManualClock(datetime(2026, 11, 24, 9, tzinfo=timezone.utc))) as rt:
            unsure = await converse(rt, "+31612345678", "Jan", "zijn jullie er al?")
            clear = await converse(rt, "+31612345678", "Jan", "ik zoek een automaat onder de 20k")
    assert unsure.intent == "opening_hours" and "openingstijden" in unsure.replies[0]
    assert clear.intent == "car_search" and len(seen) == 1
