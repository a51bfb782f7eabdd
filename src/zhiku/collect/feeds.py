"""RSS and Atom feeds to article links (feedparser)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urljoin

from ..errors import ParseError

logger = logging.getLogger(__name__)

MAX_FEED_BYTES = 4 * 1024 * 1024  # larger "feeds" are refused unparsed: parsing time grows with size
MAX_FEED_ENTRIES = 5000  # links taken from one feed


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None


def parse_feed(data: bytes, base_url: str) -> list[FeedEntry]:
    """Entries of an RSS/Atom document, links made absolute; ParseError when it is no feed at all or too large."""
    import feedparser

    if len(data) > MAX_FEED_BYTES:
        raise ParseError(base_url, f"feed of {len(data)} bytes exceeds the {MAX_FEED_BYTES} byte limit")
    parsed = feedparser.parse(data, response_headers={"content-location": base_url})
    if parsed.bozo and not parsed.entries:
        raise ParseError(base_url, f"not a readable feed ({parsed.get('bozo_exception')})")
    out = []
    if len(parsed.entries) > MAX_FEED_ENTRIES:
        logger.warning("%s: %d feed entries, only the first %d are used", base_url, len(parsed.entries),
                       MAX_FEED_ENTRIES)
    for entry in parsed.entries[:MAX_FEED_ENTRIES]:
        link = entry.get("link") or next((lk.get("href") for lk in entry.get("links", []) if lk.get("href")), None)
        if not link:
            continue
        published = None
        if entry.get("published_parsed"):
            t = entry.published_parsed
            published = f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}Z"
        out.append(FeedEntry(urljoin(base_url, link.strip()), entry.get("title"), published))
    return out


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head
