"""The model reader: one chat-completions call per customer message, or a named reason why not.

It talks to any OpenAI-compatible server through the official SDK (`AsyncOpenAI(base_url=…)`:
OpenAI, Azure OpenAI's v1 endpoint, Mistral, vLLM, Ollama, llama.cpp) and asks for structured
output with the reading's JSON Schema. The SDK's own retries are off: one attempt fits in the
turn's budget, and a second would only make the customer wait for the same fallback.

Every way the call can go wrong ends in `ModelFailure` with a `Fallback` reason, so the
caller has one thing to catch and the metrics one label to count: the rule reader then reads
that message. `calls` in flight are bounded by a limiter shared by all conversations; the
wait for it counts against the same budget.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Sequence, cast

import anyio
from pydantic import ValidationError

from actors.dialogue.language.reading import Reading
from actors.dialogue.language.understanding import Understanding
from actors.dialogue.llm import prompt
from actors.dialogue.llm.wire import Unsupported, WireReading, json_schema, to_reading
from daemon.config import LlmConfig
from integrations.knowledge import Knowledge
from integrations.stock import Car

if TYPE_CHECKING:
    # The SDK is imported where a client is made: it takes about a second, and without `[llm]`
    # (the default) no process needs it — `seldenrijk chat` and every CLI start that much sooner.
    from openai.types.chat import ChatCompletionMessageParam  # noqa: F401
    from openai.types.shared_params import ResponseFormatJSONSchema  # noqa: F401

# The answer is a few hundred tokens; a cap keeps a runaway model from holding a slot.
MAX_TOKENS = 1200


class Fallback(StrEnum):
    """Why the rule reader read a message although a model is configured."""

    TIMEOUT = "timeout"              # the budget passed (waiting for a slot or for the answer)
    RATE_LIMITED = "rate_limited"    # 429
    SERVER_ERROR = "server_error"    # 5xx
    CONNECTION = "connection"        # refused, reset, DNS, TLS
    API_ERROR = "api_error"          # another 4xx: wrong key, unknown model, bad request
    REFUSED = "refused"              # the model declined, or a content filter stopped it
    INVALID_JSON = "invalid_json"    # no JSON, cut short, or an unreadable body
    SCHEMA = "schema"                # JSON, but not the reading's shape
    UNSUPPORTED = "unsupported"      # the shape, but naming a car, topic or value that is not there


class ModelFailure(Exception):
    def __init__(self, reason: Fallback, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class ModelAnswer:
    reading: Reading
    seconds: float
    prompt_tokens: int
    completion_tokens: int


def response_format() -> dict[str, Any]:
    return {"type": "json_schema", "json_schema": {"name": "reading", "strict": True, "schema": json_schema()}}


class ModelReader:
    """Owns the SDK client for one `[llm]` config; `aclose` closes its connections."""

    def __init__(self, config: LlmConfig) -> None:
        import openai

        self.config = config
        self.limiter = anyio.CapacityLimiter(config.max_concurrency)
        self.client = openai.AsyncOpenAI(base_url=config.base_url, api_key=config.api_key or "none",
                                         timeout=config.timeout_seconds, max_retries=0)

    async def aclose(self) -> None:
        await self.client.close()

    async def read(self, view: prompt.PromptView, contract: Understanding, *, dealer: str, stock: Sequence[Car],
                   knowledge: Knowledge, budget: float) -> ModelAnswer:
        """The model's reading of `view.text`, or `ModelFailure` within `budget` seconds."""
        body = prompt.messages(view, dealer, stock, knowledge)
        content, usage, seconds = await self.complete(body, response_format(), budget)
        reading = parse(content, view.text, contract, stock, knowledge, view.now.date())
        return ModelAnswer(reading, seconds, usage[0], usage[1])

    async def complete(self, body: list[dict[str, str]], fmt: dict[str, Any],
                       budget: float) -> tuple[str, tuple[int, int], float]:
        """One structured-output call within `budget` seconds (the wait for a slot included):
        (content, (prompt tokens, completion tokens), seconds), or `ModelFailure`."""
        started = time.perf_counter()
        if budget <= 0:
            raise ModelFailure(Fallback.TIMEOUT, "no budget left")
        with anyio.move_on_after(budget) as scope:
            async with self.limiter:
                content, usage = await self._complete(body, fmt, max(0.05, budget - (time.perf_counter() - started)))
        if scope.cancelled_caught:
            raise ModelFailure(Fallback.TIMEOUT, f"no answer within {budget:.2f}s")
        return content, usage, time.perf_counter() - started

    async def _complete(self, body: list[dict[str, str]], fmt: dict[str, Any],
                        timeout: float) -> tuple[str, tuple[int, int]]:
        import openai

        try:
            completion = await self.client.chat.completions.create(
                model=self.config.model, messages=cast("list[ChatCompletionMessageParam]", body),
                response_format=cast("ResponseFormatJSONSchema", fmt),
                temperature=0, max_tokens=MAX_TOKENS, timeout=timeout)
        except openai.APITimeoutError as exc:
            raise ModelFailure(Fallback.TIMEOUT, type(exc).__name__) from None
        except openai.RateLimitError as exc:
            raise ModelFailure(Fallback.RATE_LIMITED, str(exc.status_code)) from None
        except openai.InternalServerError as exc:
            raise ModelFailure(Fallback.SERVER_ERROR, str(exc.status_code)) from None
        except openai.APIConnectionError as exc:
            raise ModelFailure(Fallback.CONNECTION, type(exc).__name__) from None
        except openai.APIStatusError as exc:
            reason = Fallback.SERVER_ERROR if exc.status_code >= 500 else Fallback.API_ERROR
            raise ModelFailure(reason, str(exc.status_code)) from None
        except openai.APIResponseValidationError as exc:
            raise ModelFailure(Fallback.INVALID_JSON, type(exc).__name__) from None
        except (openai.OpenAIError, ValueError) as exc:
            # A body that is no chat completion at all ends here (the SDK's parser or json).
            raise ModelFailure(Fallback.INVALID_JSON, type(exc).__name__) from None
        usage = completion.usage
        tokens = (usage.prompt_tokens, usage.completion_tokens) if usage is not None else (0, 0)
        if not completion.choices:
            raise ModelFailure(Fallback.INVALID_JSON, "no choices")
        choice = completion.choices[0]
        message = choice.message
        if getattr(message, "refusal", None) or choice.finish_reason == "content_filter":
            raise ModelFailure(Fallback.REFUSED, choice.finish_reason or "refusal")
        if choice.finish_reason == "length":
            raise ModelFailure(Fallback.INVALID_JSON, "cut short")
        if not message.content:
            raise ModelFailure(Fallback.INVALID_JSON, "empty")
        return message.content, tokens


def parse(content: str, text: str, contract: Understanding, stock: Sequence[Car], knowledge: Knowledge,
          today: date) -> Reading:
    """Validate the model's JSON into a `Reading`; `ModelFailure` names what was wrong."""
    try:
        data = json.loads(content)
    except ValueError:
        raise ModelFailure(Fallback.INVALID_JSON, "not JSON") from None
    try:
        wire = WireReading.model_validate(data)
    except ValidationError as exc:
        raise ModelFailure(Fallback.SCHEMA, f"{exc.error_count()} errors") from None
    try:
        return to_reading(wire, text, contract, tuple(stock), knowledge, today)
    except Unsupported as exc:
        raise ModelFailure(Fallback.UNSUPPORTED, str(exc)) from None


class ModelReaders:
    """The runtime's model reader for the current `[llm]` config, built on first use (inside the loop).

    A reload that changes `[llm]` gets a new client on the next message; the old one may still
    have a call in flight, so it is closed with the runtime rather than at once.
    """

    def __init__(self) -> None:
        self._current: ModelReader | None = None
        self._retired: list[ModelReader] = []

    def get(self, config: LlmConfig) -> ModelReader | None:
        if not config.enabled:
            return None
        if self._current is None or self._current.config != config:
            if self._current is not None:
                self._retired.append(self._current)
            self._current = ModelReader(config)
        return self._current

    async def aclose(self) -> None:
        readers = self._retired + ([self._current] if self._current is not None else [])
        self._current, self._retired = None, []
        for reader in readers:
            await reader.aclose()
