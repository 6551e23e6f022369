"""The Quart application: routes only; all state lives on the runtime passed in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quart import Quart, Response

from daemon.ingress import chatwoot, health, twilio, waha

if TYPE_CHECKING:
    from daemon.runtime import Runtime


def create_app(rt: "Runtime") -> Quart:
    app = Quart("seldenrijk")
    app.config["RUNTIME"] = rt
    # A body without Content-Length is cut off by Quart at this size; reload updates it.
    app.config["MAX_CONTENT_LENGTH"] = rt.config.server.max_body_bytes
    rt.config_listeners.append(lambda config: app.config.__setitem__("MAX_CONTENT_LENGTH",
                                                                     config.server.max_body_bytes))
    app.config["BODY_TIMEOUT"] = 15
    for module in (twilio, waha, chatwoot, health):
        app.register_blueprint(module.bp)

    @app.errorhandler(404)
    async def not_found(_: Exception) -> Response:
        return Response("no such endpoint\n", status=404, content_type="text/plain")

    @app.errorhandler(413)
    async def too_large(_: Exception) -> Response:
        return Response(f"body larger than {rt.config.server.max_body_bytes} bytes\n", status=413,
                        content_type="text/plain")

    @app.errorhandler(405)
    async def wrong_method(_: Exception) -> Response:
        return Response("method not allowed\n", status=405, content_type="text/plain")

    return app
