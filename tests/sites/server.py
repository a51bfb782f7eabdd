"""A real HTTP server on 127.0.0.1 (a thread) that serves fixture sites and counts what it was asked."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass
class Page:
    """One response: status, body, headers; optional delay (slow page) and validators (ETag, Last-Modified)."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    stream: bool = False  # send without Content-Length (the size check must count bytes)
    gate: threading.Event | None = None  # the answer waits until the test opens the gate


class FixtureServer:
    """Serve ``pages`` (path with query → Page); ``hits`` counts requests, ``conditional`` counts 304s."""

    def __init__(self, pages: dict[str, Page] | None = None):
        self.pages: dict[str, Page] = dict(pages or {})
        self.hits: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                with server.lock:
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                self._counted = True
                try:
                    self._answer()
                finally:
                    self._leave()

            def _leave(self) -> None:
                """A request stops counting as in flight before its answer is written: the client may send the
                next one as soon as it has read the answer, before this thread would get back here."""
                if self._counted:
                    self._counted = False
                    with server.lock:
                        server.in_flight -= 1

            def _answer(self) -> None:
                with server.lock:
                    server.hits[self.path] += 1
                    server.user_agents.add(self.headers.get("User-Agent", ""))
                    page = server.pages.get(self.path) or server.pages.get(urlsplit(self.path).path)
                if page is None:
                    page = Page(b"<html><body>not found</body></html>", status=404)
                if page.gate is not None:
                    page.gate.wait(30)
                if page.delay:
                    time.sleep(page.delay)
                self._leave()
                etag_ok = page.etag and self.headers.get("If-None-Match") == page.etag
                lm_ok = page.last_modified and self.headers.get("If-Modified-Since") == page.last_modified
                if page.status == 200 and (etag_ok or (lm_ok and not page.etag)):
                    with server.lock:
                        server.not_modified[self.path] += 1
                    self.send_response(304)
                    if page.etag:
                        self.send_header("ETag", page.etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(page.status)
                self.send_header("Content-Type", page.content_type)
                for k, v in page.headers.items():
                    self.send_header(k, v)
                if page.etag:
                    self.send_header("ETag", page.etag)
                if page.last_modified:
                    self.send_header("Last-Modified", page.last_modified)
                if page.stream:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    try:
                        self.wfile.write(page.body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                try:
                    self.wfile.write(page.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> FixtureServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
