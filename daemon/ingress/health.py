"""Liveness, readiness and metrics."""

from __future__ import annotations

from quart import Blueprint, Response, current_app

bp = Blueprint("health", __name__)


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
    elif await rt.store.main.fetchone("SELECT 1") is None:
        problems.append("store not answering")
    if rt.config.redis.url and not await rt.coordinator.ping():
        problems.append("redis unreachable")
    if problems:
        return Response("not ready: " + ", ".join(problems) + "\n", status=503, content_type="text/plain")
    return Response("ready\n", content_type="text/plain")


@bp.get("/metrics")
async def metrics() -> Response:
    rt = current_app.config["RUNTIME"]
    return Response(await rt.metrics.render(), content_type="text/plain; version=0.0.4; charset=utf-8")
