"""Optional second opinion from a chat model when the local NLU is unsure (DESIGN §7).

Only the intent is asked for, from the fixed list; entities stay local. The model is
reached over an OpenAI-compatible `/v1/chat/completions` endpoint. Anything but a clean
answer inside `llm.timeout_seconds` — a network error, a timeout, an HTTP error, a reply
that is not one of the intents — returns None and the local understanding stands.
"""

from __future__ import annotations

import json
import re

import aiohttp

from actors.brain.nlu import INTENTS
from daemon.config import LlmConfig
from daemon.logs import get_logger

log = get_logger(component="llm")

_PROMPT = (
    "You classify one WhatsApp message a customer sent to a Dutch used-car dealership. Answer with "
    "exactly one intent from this list and nothing else: " + ", ".join(INTENTS) + ". "
    "slot_choice is only a bare pick of an offered appointment time; other is off-topic or unintelligible."
)
_WORD = re.compile(r"[a-z_]+")


def endpoint(base_url: str) -> str:
    """`{base_url}/v1/chat/completions`, accepting a base_url that already ends in /v1."""
    base = base_url.rstrip("/")
    return base + ("/chat/completions" if base.endswith("/v1") else "/v1/chat/completions")


def parse_intent(content: str) -> str | None:
    """The intent in a model's answer: a bare word, a quoted word or {"intent": "..."}; else None."""
    text = content.strip()
    if text.startswith("{"):
        try:
            value = json.loads(text).get("intent")
        except (ValueError, AttributeError):
            return None
        return value if value in INTENTS else None
    words = _WORD.findall(text.lower())
    return words[0] if len(words) == 1 and words[0] in INTENTS else None


async def classify(config: LlmConfig, text: str) -> str | None:
    """The model's intent for `text`, or None when it is off, fails, is slow or answers nonsense."""
    if not config.base_url:
        return None
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    body = {
        "model": config.model or "default",
        "temperature": 0,
        "max_tokens": 8,
        "messages": [{"role": "system", "content": _PROMPT}, {"role": "user", "content": text[:1000]}],
    }
    try:
        timeout = aiohttp.ClientTimeout(total=config.timeout_seconds)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(endpoint(config.base_url), json=body, headers=headers) as response:
                response.raise_for_status()
                data = await response.json(content_type=None)
        intent = parse_intent(data["choices"][0]["message"]["content"])
    except Exception as exc:  # any failure of an optional helper falls back to the local answer
        log.warning("llm_failed", error=repr(exc)[:200])
        return None
    if intent is None:
        log.warning("llm_invalid_answer")
    return intent
