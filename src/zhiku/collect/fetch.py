"""Polite HTTP: timeouts, bounded retries, size caps on decompressed bytes, robots.txt, per-host rate and concurrency.

``Fetcher.fetch(url)`` returns a ``Fetched`` (status 200 with the body, or ``not_modified`` after a conditional
request) or raises ``FetchError(url, reason)``; ``RobotsDeniedError`` (a FetchError) means robots.txt forbids the URL.
Bodies are decompressed here, chunk by chunk with a ceiling, so a gzip bomb stops at ``max_bytes``.
"""

from __future__ import annotations

import logging
import re
import threading
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from .. import __version__
from ..errors import FetchError

logger = logging.getLogger(__name__)

USER_AGENT = f"zhiku/{__version__} (+https://github.com/zhiku/zhiku; news research crawler; obeys robots.txt)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml")
TEXT_TYPES = ("text/plain",)
PDF_TYPES = ("application/pdf",)
DEFAULT_TYPES = HTML_TYPES + FEED_TYPES + TEXT_TYPES + PDF_TYPES
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([-\w.:]+)", re.IGNORECASE)


class RobotsDeniedError(FetchError):
    """robots.txt forbids this URL for zhiku's user agent."""


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how patiently to fetch."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0
    connect_timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    rate: float = 1.0  # requests per second per host
    concurrency: int = 2  # requests in flight per host
    obey_robots: bool = True
    accept_types: tuple[str, ...] = DEFAULT_TYPES


@dataclass
class Fetched:
    """One HTTP answer: the final URL, the decompressed body and the validators for the next conditional GET."""

    url: str
    requested_url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    headers: dict[str, str] = field(default_factory=dict)


class _HostGate:
    """Per-host spacing between requests and a cap on requests in flight."""

    def __init__(self, rate: float, concurrency: int):
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.sem = threading.BoundedSemaphore(max(1, concurrency))
        self.lock = threading.Lock()
        self.next_at = 0.0

    def slow_down(self, delay: float) -> None:
        self.interval = max(self.interval, delay)

    def __enter__(self) -> _HostGate:
        self.sem.acquire()
        with self.lock:
            now = time.monotonic()
            start = max(now, self.next_at)
            self.next_at = start + self.interval
        if start > now:
            time.sleep(start - now)
        return self

    def __exit__(self, *exc: object) -> None:
        self.sem.release()


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """A shared HTTP client with robots.txt, per-host gates and size limits; safe to use from threads."""

    def __init__(self, policy: FetchPolicy | None = None, host_rates: dict[str, float] | None = None):
        self.policy = policy or FetchPolicy()
        self.host_rates = dict(host_rates or {})
        timeout = httpx.Timeout(self.policy.timeout, connect=self.policy.connect_timeout)
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=False,
        )
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, object] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- politeness ------------------------------------------------------------------------------------------
    def set_rate(self, url: str, rate: float) -> None:
        """Use ``rate`` requests per second for the host of ``url`` (a source's own setting)."""
        host = _host(url)
        with self._lock:
            self.host_rates[host] = rate
            gate = self._gates.get(host)
            if gate is not None:
                gate.interval = 1.0 / rate if rate > 0 else 0.0

    def _gate(self, url: str) -> _HostGate:
        host = _host(url)
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = _HostGate(self.host_rates.get(host, self.policy.rate), self.policy.concurrency)
                self._gates[host] = gate
            return gate

    def robots(self, url: str):
        """The parsed robots.txt of ``url``'s host (fetched once); None when the host has none."""
        from protego import Protego

        host = _host(url)
        with self._lock:
            if host in self._robots:
                return self._robots[host]
        parser = None
        try:
            got = self._get(urljoin(host + "/", "/robots.txt"), accept=None, conditional={})
            if got.status == 200:
                parser = Protego.parse(got.content.decode("utf-8", "replace"))
                delay = parser.crawl_delay(self.policy.user_agent)
                if delay:
                    self._gate(url).slow_down(float(delay))
        except FetchError as exc:
            # 4xx means "no rules"; an unreachable robots.txt is treated the same, and logged.
            logger.info("no robots.txt for %s: %s", host, exc.reason)
        with self._lock:
            self._robots[host] = parser
        return parser

    def allowed(self, url: str) -> bool:
        if not self.policy.obey_robots:
            return True
        parser = self.robots(url)
        return parser is None or parser.can_fetch(url, self.policy.user_agent)

    # --- fetching --------------------------------------------------------------------------------------------
    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              accept: tuple[str, ...] | None = None) -> Fetched:
        """GET ``url`` politely (conditional when validators are given); raise FetchError naming the reason."""
        if not url.lower().startswith(("http://", "https://")):
            raise FetchError(url, "not an http(s) URL")
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        accept = self.policy.accept_types if accept is None else accept
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            if not self.allowed(current):
                raise RobotsDeniedError(current, "disallowed by robots.txt")
            got = self._get(current, accept=accept, conditional=conditional)
            if got.status in (301, 302, 303, 307, 308):
                target = got.headers.get("location")
                if not target:
                    raise FetchError(current, f"HTTP {got.status} without a Location header")
                current = urljoin(current, target)
                continue
            got.requested_url = url
            return got
        raise FetchError(url, f"more than {self.policy.max_redirects} redirects (redirect loop?)")

    def _get(self, url: str, accept: tuple[str, ...] | None, conditional: dict[str, str]) -> Fetched:
        attempts = self.policy.retries + 1
        last_reason = ""
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.policy.backoff * (2 ** (attempt - 1)))
            try:
                with self._gate(url):
                    got = self._once(url, accept, conditional)
            except _Retry as exc:
                last_reason = exc.reason
                logger.info("retrying %s (%s), attempt %d of %d", url, exc.reason, attempt + 1, attempts)
                continue
            return got
        raise FetchError(url, f"{last_reason} (after {attempts} attempts)")

    def _once(self, url: str, accept: tuple[str, ...] | None, conditional: dict[str, str]) -> Fetched:
        try:
            with self.client.stream("GET", url, headers=conditional) as resp:
                status = resp.status_code
                headers = {k.lower(): v for k, v in resp.headers.items()}
                if status in (429, 500, 502, 503, 504):
                    raise _Retry(f"HTTP {status}")
                if status == 304:
                    return Fetched(url, url, status, not_modified=True, etag=headers.get("etag") or
                                   conditional.get("If-None-Match"),
                                   last_modified=headers.get("last-modified") or conditional.get("If-Modified-Since"),
                                   headers=headers)
                if 300 <= status < 400:
                    return Fetched(url, url, status, headers=headers)
                if status >= 400:
                    raise FetchError(url, f"HTTP {status}")
                ctype = headers.get("content-type", "").split(";")[0].strip().lower()
                if accept is not None and ctype and ctype not in accept:
                    raise FetchError(url, f"content type {ctype} not accepted")
                declared = headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.policy.max_bytes:
                    raise FetchError(url, f"body of {declared} bytes exceeds the {self.policy.max_bytes} byte limit")
                body = self._read_body(url, resp, headers.get("content-encoding", "").lower())
        except httpx.TimeoutException as exc:
            raise _Retry(f"timed out ({exc.__class__.__name__})") from exc
        except httpx.TransportError as exc:
            raise _Retry(f"connection failed ({exc.__class__.__name__}: {exc})") from exc
        m = _CHARSET.search(headers.get("content-type", ""))
        return Fetched(url, url, status, content=body, content_type=ctype, charset=m.group(1) if m else None,
                       etag=headers.get("etag"), last_modified=headers.get("last-modified"), headers=headers)

    def _read_body(self, url: str, resp: httpx.Response, encoding: str) -> bytes:
        """Read and decompress the body, stopping as soon as the decompressed size passes the limit."""
        limit = self.policy.max_bytes
        decoder = None
        if encoding in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            decoder = zlib.decompressobj()
        elif encoding and encoding != "identity":
            raise FetchError(url, f"unsupported content encoding {encoding}")
        out = bytearray()
        received = 0
        try:
            for chunk in resp.iter_raw():
                received += len(chunk)
                if decoder is None:
                    out += chunk
                else:
                    data = decoder.decompress(chunk, limit + 1 - len(out))
                    out += data
                    while decoder.unconsumed_tail and len(out) <= limit:
                        out += decoder.decompress(decoder.unconsumed_tail, limit + 1 - len(out))
                if len(out) > limit:
                    raise FetchError(url, f"body exceeds the {limit} byte limit (decompressed)")
        except zlib.error as exc:
            raise FetchError(url, f"corrupt {encoding} body: {exc}") from exc
        if decoder is not None and received and not decoder.eof:
            raise FetchError(url, f"corrupt {encoding} body: the compressed stream is truncated")
        return bytes(out)


class _Retry(Exception):  # noqa: N818 - internal signal
    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)
