"""A small loopback HTTP server base for fakes that speak a real provider's wire format.

A `FakeServer` listens on 127.0.0.1 on a free port in a daemon thread and is used as a
context manager. It records every request, answers scripted responses first (in order, per
method and path pattern) and otherwise calls the subclass's routes. Tests wait for what they
expect with `wait_for`, which wakes on every request instead of sleeping.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Mapping
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Recorded:
    """One request as it arrived: header names are lower-cased, the body is the raw bytes."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode("utf-8"), keep_blank_values=True)

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)


@dataclass(frozen=True)
class Response:
    """A canned answer; `json` wins over `body`; `delay` seconds pass before it is written."""

    status: int
    json: Any = None
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0

    def encoded(self) -> tuple[bytes, dict[str, str]]:
        headers = dict(self.headers)
        if self.json is not None:
            headers.setdefault("Content-Type", "application/json; charset=utf-8")
            return json.dumps(self.json).encode("utf-8"), headers
        return self.body, headers


Route = tuple[str, "re.Pattern[str]", Callable[..., Response]]


class FakeServer:
    """Base class: subclasses return their routes from `routes()` as (method, regex, handler).

    A handler is called as `handler(request, **regex_groups)` with `self.lock` held, so fakes
    can keep plain dicts as state. Requests that match no route get 404 (405 when the path
    matches another method's route), shaped by `not_found` / `method_not_allowed`.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition(threading.RLock())
        self.lock = self._cond
        self._requests: list[Recorded] = []
        self._scripts: list[tuple[str, re.Pattern[str], deque[Response]]] = []
        self._compiled = [(m, re.compile(p), h) for m, p, h in self.routes()]
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- to override -------------------------------------------------------------------------
    def routes(self) -> list[tuple[str, str, Callable[..., Response]]]:
        return []

    def not_found(self, request: Recorded) -> Response:
        return Response(404, json={"error": "not found", "path": request.path})

    def method_not_allowed(self, request: Recorded) -> Response:
        return Response(405, json={"error": "method not allowed"})

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> "FakeServer":
        handler = type("Handler", (_Handler,), {"fake": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- test helpers ------------------------------------------------------------------------
    @property
    def requests(self) -> list[Recorded]:
        with self._cond:
            return list(self._requests)

    def requests_to(self, method: str, path_regex: str) -> list[Recorded]:
        pattern = re.compile(path_regex)
        return [r for r in self.requests if r.method == method and pattern.fullmatch(r.path)]

    def script(self, method: str, path_regex: str, *responses: Response) -> None:
        """Queue `responses` for requests matching method and path; each is used once."""
        with self._cond:
            self._scripts.append((method.upper(), re.compile(path_regex), deque(responses)))

    def unscript(self) -> None:
        """Drop every scripted answer not used yet: the service is back to normal."""
        with self._cond:
            self._scripts.clear()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 5.0) -> bool:
        """Block until `predicate()` (called with the lock held) is true; False on timeout."""
        with self._cond:
            return self._cond.wait_for(predicate, timeout=timeout)

    # -- dispatch (server threads) ------------------------------------------------------------
    def _dispatch(self, request: Recorded) -> Response:
        with self._cond:
            self._requests.append(request)
            try:
                return self._scripted(request) or self._route(request)
            finally:
                self._cond.notify_all()

    def _scripted(self, request: Recorded) -> Response | None:
        for method, pattern, queue in self._scripts:
            if queue and method == request.method and pattern.fullmatch(request.path):
                return queue.popleft()
        return None

    def _route(self, request: Recorded) -> Response:
        path_known = False
        for method, pattern, handler in self._compiled:
            match = pattern.fullmatch(request.path)
            if match is None:
                continue
            if method == request.method:
                return handler(request, **match.groupdict())
            path_known = True
        return self.method_not_allowed(request) if path_known else self.not_found(request)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeServer

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        request = Recorded(
            method=self.command,
            path=url.path,
            query=parse_qs(url.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        response = self.fake._dispatch(request)
        if response.delay:
            # Outside the lock: a slow answer must not block other requests or the test.
            time.sleep(response.delay)
        payload, headers = response.encoded()
        try:
            self.send_response(response.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (its timeout); nothing to answer

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean; `FakeServer.requests` is the log
