"""The yardstick for webhook acknowledgements: a bare Quart route on the same HTTP server code.

It reads the form and answers the empty TwiML, nothing else (no signature, no store). Prints
`{"port": N}` once listening on 127.0.0.1; stops on SIGTERM.

    python bench/bare_app.py
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import anyio
from quart import Quart, Response, request

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from daemon.ingress.common import EMPTY_TWIML  # noqa: E402
from daemon.server import HttpLimits, bind_socket, serve_http  # noqa: E402

app = Quart("bare")


@app.post("/webhooks/twilio/whatsapp")
async def webhook() -> Response:
    await request.form
    return Response(EMPTY_TWIML, content_type="text/xml; charset=utf-8")


async def main() -> None:
    sock = bind_socket("127.0.0.1", 0)
    stop = anyio.Event()
    async with anyio.create_task_group() as tg:

        async def signals() -> None:
            with anyio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as received:
                async for _ in received:
                    stop.set()
                    return

        tg.start_soon(signals)
        await tg.start(lambda task_status: serve_http(app, sock, stop.wait, limits=HttpLimits(1024, 15, 15),
                                                      graceful_timeout=1, task_status=task_status))
        print(json.dumps({"port": sock.getsockname()[1]}), flush=True)
        await stop.wait()
        tg.cancel_scope.cancel()
    sock.close()


if __name__ == "__main__":
    anyio.run(main)
