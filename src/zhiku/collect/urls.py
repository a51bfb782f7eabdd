"""URL canonicalization: one article under two URLs is one record."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track the visitor, not the article (Baijiahao's wfr/for, utm_*, …).
TRACKING_PARAMS = frozenset(
    {
        "wfr", "for", "spm", "from", "share_token", "share_from", "sharer_shareid", "scene",
        "srcid", "isappinstalled", "timestamp", "tt_from", "utm_source", "utm_medium",
        "utm_campaign", "utm_term", "utm_content", "fbclid", "gclid", "ref", "source", "src",
    }
)


def canonicalize_url(url: str | None) -> str | None:
    """Lower-case scheme and host, drop fragment, default port and tracking parameters."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        netloc = f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith("utm_")
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))
