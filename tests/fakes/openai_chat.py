"""Fake OpenAI-compatible chat-completions server (`POST /v1/chat/completions`), as OpenAI, vLLM,
Ollama and llama.cpp serve it.

Bearer auth; a request without `model` or `messages` is a 400 in OpenAI's error shape
(`{"error": {"message", "type", "param", "code"}}`). The answer's content comes from
`reader(request_json)`: a dict is sent as JSON text (the structured output), a str as is.
Failures are scripted with `script("POST", PATH, …)` using `error(...)` and `completion(...)`.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any, Callable

from tests.fakes.http import FakeServer, Recorded, Response

PATH = "/v1/chat/completions"
Reader = Callable[[dict[str, Any]], "dict[str, Any] | str"]


def completion(content: str | None, *, finish_reason: str = "stop", refusal: str | None = None, model: str = "fake",
               delay: float = 0.0, prompt_tokens: int = 900, completion_tokens: int = 120) -> Response:
    body = {
        "id": f"chatcmpl-{uuid.uuid4().hex[:24]}", "object": "chat.completion", "created": int(time.time()),
        "model": model, "system_fingerprint": "fp_fake",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content, "refusal": refusal},
                     "logprobs": None, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }
    return Response(200, json=body, delay=delay)


def error(status: int, message: str = "", kind: str = "", code: str | None = None, retry_after: int | None = None) -> Response:
    kinds = {400: "invalid_request_error", 401: "invalid_request_error", 404: "invalid_request_error",
             429: "requests", 500: "server_error", 502: "server_error", 503: "server_error"}
    body = {"error": {"message": message or f"status {status}", "type": kind or kinds.get(status, "server_error"),
                      "param": None, "code": code}}
    headers = {"x-request-id": f"req_{uuid.uuid4().hex[:16]}"}
    if retry_after is not None:
        headers["retry-after"] = str(retry_after)
    return Response(status, json=body, headers=headers)


class FakeOpenAI(FakeServer):
    def __init__(self, reader: Reader | None = None, api_key: str = "sk-test") -> None:
        self.reader = reader
        self.api_key = api_key
        super().__init__()

    def routes(self) -> list[tuple[str, str, Callable[..., Response]]]:
        return [("POST", PATH, self._complete), ("GET", "/v1/models", self._models)]

    @property
    def base_url_v1(self) -> str:
        return f"{self.base_url}/v1"

    def bodies(self) -> list[dict[str, Any]]:
        return [r.json() for r in self.requests_to("POST", PATH)]

    def _authorised(self, request: Recorded) -> bool:
        return request.header("authorization") == f"Bearer {self.api_key}"

    def _models(self, request: Recorded) -> Response:
        return Response(200, json={"object": "list", "data": [{"id": "fake", "object": "model", "owned_by": "fake"}]})

    def _complete(self, request: Recorded) -> Response:
        if not self._authorised(request):
            return error(401, "Incorrect API key provided.", code="invalid_api_key")
        try:
            body = request.json()
        except ValueError:
            return error(400, "We could not parse the JSON body of your request.")
        if not isinstance(body, dict) or not body.get("model") or not body.get("messages"):
            return error(400, "you must provide a model parameter and messages")
        if self.reader is None:
            return error(500, "no reader scripted")
        answer = self.reader(body)
        content = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        return completion(content, model=body["model"])
