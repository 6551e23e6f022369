"""Liveness, readiness and metrics."""

from __future__ import annotations

import anyio
from quart import Blueprint, Response, current_app

bp = Blueprint("health", __name__)
STORE_PROBE_SECONDS = 2.0


@bp.get("/healthz")
async def healthz() -> Response:
    return Response("ok\n", content_type="text/plain")


@bp.get("/readyz")
async def readyz() -> Response:
    rt = current_app.config["RUNTIME"]
    problems = []
    if rt.draining:
        problems.append("draining")
    if rt.fatal is not None:
        problems.append("an actor escalated")
    if not rt.store.is_open:
        problems.append("store closed")
    elif not rt.store.main.health.writable:
        problems.append(f"store cannot write ({rt.store.main.health.reason})")
    elif not await _store_answers(rt):
        problems.append("store not answering")
    if rt.config.redis.url and not await rt.coordinator.ping():
        problems.append("redis unreachable")
    if problems:
        return Response("not ready: " + ", ".join(problems) + "\n", status=503, content_type="text/plain")
    return Response("ready\n", content_type="text/plain")


async def _store_answers(rt) -> bool:  # type: ignore[no-untyped-def]
    """A PostgreSQL server that is down must make readiness 503 quickly, not hang or 500."""
    with anyio.move_on_after(STORE_PROBE_SECONDS):
        try:
            return await rt.store.main.fetchone("SELECT 1") is not None
        except Exception:
            return False
    return False


@bp.get("/metrics")
async def metrics() -> Response:
    rt = current_app.config["RUNTIME"]
    return Response(await rt.metrics.render(), content_type="text/plain; version=0.0.4; charset=utf-8")
