"""Shared answers of the ingress: every rejection says why, in the body and in the log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quart import Response, request

from daemon.logs import get_logger

if TYPE_CHECKING:
    from daemon.runtime import Runtime

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
log = get_logger(component="ingress")


def reject(rt: "Runtime", endpoint: str, status: int, reason: str, **fields: Any) -> Response:
    rt.metrics.inc("seldenrijk_webhooks_total", endpoint=endpoint, outcome=str(status))
    log.warning("webhook_rejected", endpoint=endpoint, status=status, reason=reason, **fields)
    return Response(reason + "\n", status=status, content_type="text/plain; charset=utf-8")


def twiml_ok(rt: "Runtime", endpoint: str, outcome: str) -> Response:
    rt.metrics.inc("seldenrijk_webhooks_total", endpoint=endpoint, outcome=outcome)
    return Response(EMPTY_TWIML, status=200, content_type="text/xml; charset=utf-8")


def content_type_is(expected: str) -> bool:
    return (request.mimetype or "").lower() == expected


async def raw_body(rt: "Runtime", endpoint: str) -> bytes | Response:
    """The body, or a 413 when it is larger than `server.max_body_bytes`."""
    limit = rt.config.server.max_body_bytes
    if request.content_length is not None and request.content_length > limit:
        return reject(rt, endpoint, 413, f"body larger than {limit} bytes")
    data = await request.get_data(cache=True, as_text=False)
    if isinstance(data, str):  # not with as_text=False; for the type checker
        data = data.encode("utf-8")
    if len(data) > limit:
        return reject(rt, endpoint, 413, f"body larger than {limit} bytes")
    return data


def public_url(rt: "Runtime") -> str:
    """The URL Twilio signed: `server.public_url` (default `http://{host}:{port}`, DESIGN §6) plus
    path and query exactly as sent. With port 0 (chosen at bind) the request's Host stands in."""
    server = rt.config.server
    base = server.public_url or (server.base_url if server.port else f"{request.scheme}://{request.host}")
    query = request.query_string.decode("latin-1")
    return base + request.path + (f"?{query}" if query else "")
