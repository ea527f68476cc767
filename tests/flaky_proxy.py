"""A loopback HTTP proxy in front of the test wiki that can answer with lag and rate limits.

``FlakyProxy(upstream_api_url)`` listens on a free 127.0.0.1 port (stdlib ``http.server`` in
a thread) and forwards every request to the wiki, cookies included. It records each request
(method, User-Agent, the merged query and form parameters) and can be told to answer the next
N requests itself::

    with FlakyProxy(wiki.api_url) as proxy:
        proxy.fail_next(2, "maxlag")       # HTTP 200 {"error": {"code": "maxlag", ...}}
        proxy.fail_next(1, "429", retry_after="7")
        client = Client(proxy.api_url)

``delay`` slows every forwarded request down (seconds), e.g. to kill an upload mid-batch.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.server_lifecycle import StartStop

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}
MAXLAG_INFO = "Waiting for a database server: 7 seconds lagged"


@dataclass
class Recorded:
    """One request the proxy saw."""

    method: str
    path: str
    user_agent: str
    params: dict[str, str] = field(default_factory=dict)
    answered: str = "forwarded"  # or the kind of failure the proxy answered with


class FlakyProxy(StartStop):
    """Forward to a MediaWiki api.php, or answer with maxlag / 429 / ratelimited on demand."""

    def __init__(self, upstream_api_url: str, delay: float = 0.0) -> None:
        """Configure (not start) a proxy for ``upstream_api_url``."""
        parts = urllib.parse.urlsplit(upstream_api_url)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self.api_path = parts.path
        self.delay = delay
        self.requests: list[Recorded] = []
        self._failures: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def api_url(self) -> str:
        """The proxy's api.php URL."""
        assert self._server is not None, "proxy not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.api_path}"

    def fail_next(self, count: int, kind: str = "maxlag", retry_after: str = "1") -> None:
        """Answer the next ``count`` requests with ``kind``: maxlag, 429 or ratelimited."""
        if kind not in ("maxlag", "429", "ratelimited"):
            raise ValueError(kind)
        with self._lock:
            self._failures.extend([(kind, retry_after)] * count)

    def _take_failure(self) -> tuple[str, str] | None:
        with self._lock:
            return self._failures.pop(0) if self._failures else None

    def start(self) -> FlakyProxy:
        """Listen on a free loopback port and serve in a daemon thread."""
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                proxy._handle(self, b"")

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                proxy._handle(self, self.rfile.read(length))

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _handle(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        """Record a request, then answer it with a failure or forward it to the wiki."""
        query = urllib.parse.urlsplit(handler.path).query
        params = dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
        if "x-www-form-urlencoded" in handler.headers.get("Content-Type", ""):
            params.update(urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        record = Recorded(
            handler.command, handler.path, handler.headers.get("User-Agent", ""), params
        )
        with self._lock:
            self.requests.append(record)
        failure = self._take_failure()
        if failure is not None:
            record.answered = failure[0]
            self._answer_failure(handler, *failure)
            return
        if self.delay:
            time.sleep(self.delay)
        self._forward(handler, body)

    @staticmethod
    def _answer_failure(handler: BaseHTTPRequestHandler, kind: str, retry_after: str) -> None:
        """Answer as MediaWiki does when lagged or rate-limited."""
        if kind == "429":
            status, payload = 429, b"Too many requests\n"
            headers = {"Content-Type": "text/plain", "Retry-After": retry_after}
        else:
            info = MAXLAG_INFO if kind == "maxlag" else "You've exceeded your rate limit."
            error = {"error": {"code": kind, "info": info}}
            status, payload = 200, json.dumps(error).encode()
            headers = {"Content-Type": "application/json; charset=utf-8"}
            if kind == "maxlag":
                headers.update({"Retry-After": retry_after, "X-Database-Lag": "7"})
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def _forward(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        """Send the request on to the wiki and relay its answer, Set-Cookie headers included."""
        conn = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=120)
        try:
            headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP_BY_HOP}
            headers["Host"] = f"{self.upstream_host}:{self.upstream_port}"
            if body:
                headers["Content-Length"] = str(len(body))
            conn.request(handler.command, handler.path, body=body or None, headers=headers)
            reply = conn.getresponse()
            payload = reply.read()
            handler.send_response(reply.status, reply.reason)
            for name, value in reply.getheaders():
                if name.lower() not in HOP_BY_HOP:
                    handler.send_header(name, value)
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        finally:
            conn.close()
