"""Fetch a user-given URL without SSRF: every hop's host is resolved and refused when not public.

A URL handed to the web API may point at the server's own network (loopback, private ranges,
link-local, cloud metadata at 169.254.169.254). Each hop is checked before connecting (every
address the name resolves to must be allowed), redirects are followed by hand so each target is
checked again, and the address actually connected to is checked once more (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from ..errors import FetchError

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

MAX_REDIRECTS = 5
# Named outright on top of the ``is_global`` test, so the refusal reads clearly in logs and errors.
METADATA_ADDRESSES = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254"),
                      ipaddress.ip_address("100.100.100.200")}


@dataclass(frozen=True)
class Fetched:
    """What a guarded fetch returned: the final URL after redirects, the body and its content type."""

    url: str
    content: bytes
    content_type: str


def system_resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (A and AAAA)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(host, f"cannot resolve host: {exc}") from exc
    return sorted({info[4][0] for info in infos})


def parse_networks(values: Iterable[str]) -> list[Network]:
    """Networks from strings such as "127.0.0.1/32" or "10.0.0.0/8" (the explicit allow list)."""
    return [ipaddress.ip_network(v, strict=False) for v in values]


def address_refusal(address: str, allowed: Iterable[Network] = ()) -> str | None:
    """Why this address may not be fetched, or None when it is public (or explicitly allowed)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if any(ip in net for net in allowed):
        return None
    if ip in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address"
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_private:
        return f"{ip} is a private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified or not ip.is_global:
        return f"{ip} is not a public address"
    return None


def check_url(url: str, allowed: Iterable[Network] = (), resolve: Resolver = system_resolve) -> None:
    """Raise FetchError unless ``url`` is http(s) and every address its host resolves to is allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(url, f"scheme {parts.scheme or '(none)'!r} is not allowed, only http and https")
    host = parts.hostname
    if not host:
        raise FetchError(url, "no host in URL")
    if parts.username or parts.password:
        raise FetchError(url, "credentials in URLs are not allowed")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise FetchError(url, f"bad port: {exc}") from exc
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        addresses = resolve(host, port)
    if not addresses:
        raise FetchError(url, f"host {host} resolves to no address")
    allowed = list(allowed)
    for address in addresses:
        reason = address_refusal(address, allowed)
        if reason:
            raise FetchError(url, f"refused: host {host} resolves to {reason}")


def fetch_guarded(url: str, *, max_bytes: int, allowed: Iterable[Network] = (), timeout: float = 15.0,
                  resolve: Resolver = system_resolve, user_agent: str = "zhiku") -> Fetched:
    """GET ``url`` following at most MAX_REDIRECTS redirects, each hop checked; body capped at ``max_bytes``."""
    import httpx

    allowed = list(allowed)
    current = url
    with httpx.Client(follow_redirects=False, timeout=timeout, trust_env=False,
                      headers={"User-Agent": user_agent}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allowed, resolve)
            try:
                with client.stream("GET", current) as response:
                    _check_peer(current, response, allowed)
                    if response.is_redirect:
                        location = response.headers.get("location", "")
                        current = urljoin(current, location)
                        logger.info("redirect to %s", current)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(current, f"HTTP {response.status_code}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(current, f"body of {declared} bytes is over the {max_bytes}-byte limit")
                    chunks: list[bytes] = []
                    size = 0
                    for chunk in response.iter_bytes():
                        size += len(chunk)
                        if size > max_bytes:
                            raise FetchError(current, f"body is over the {max_bytes}-byte limit")
                        chunks.append(chunk)
                    return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""))
            except httpx.HTTPError as exc:
                raise FetchError(current, f"{exc.__class__.__name__}: {exc}") from exc
    raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")


def _check_peer(url: str, response, allowed: list[Network]) -> None:
    """Refuse when the connected address is not allowed (the name resolved differently at connect time)."""
    stream = response.extensions.get("network_stream")
    peer = stream.get_extra_info("server_addr") if stream is not None else None
    if not peer:
        return
    reason = address_refusal(str(peer[0]), allowed)
    if reason:
        raise FetchError(url, f"refused: connected to {reason}")
