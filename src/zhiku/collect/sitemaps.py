"""Sitemaps (urlset and sitemapindex) to page URLs; links on listing pages that match a pattern."""

from __future__ import annotations

import gzip
import io
import re
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from ..errors import ParseError


def parse_sitemap(data: bytes, base_url: str, max_bytes: int = 50 * 1024 * 1024) -> tuple[list[str], list[str]]:
    """(page URLs, child sitemap URLs) of a sitemap document, gzipped or not."""
    if data[:2] == b"\x1f\x8b":
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise ParseError(base_url, f"corrupt gzipped sitemap: {exc}") from exc
        if len(data) > max_bytes:
            raise ParseError(base_url, f"sitemap larger than {max_bytes} bytes once decompressed")
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    except etree.XMLSyntaxError as exc:
        raise ParseError(base_url, f"not a sitemap: {exc}") from exc
    if root is None:
        raise ParseError(base_url, "not a sitemap: empty document")
    pages, children = [], []
    kind = etree.QName(root).localname
    for loc in root.iter("{*}loc"):
        if not loc.text:
            continue
        url = urljoin(base_url, loc.text.strip())
        (children if kind == "sitemapindex" else pages).append(url)
    if kind not in ("urlset", "sitemapindex"):
        raise ParseError(base_url, f"not a sitemap: root element <{kind}>")
    return pages, children


def listing_links(html: str, base_url: str, pattern: re.Pattern | None) -> list[str]:
    """Absolute links on a listing page whose URL matches ``pattern``, in page order, without repeats."""
    try:
        tree = lxml_html.document_fromstring(html)
    except (ValueError, etree.ParserError) as exc:
        raise ParseError(base_url, f"listing page is not HTML: {exc}") from exc
    seen: dict[str, None] = {}
    for a in tree.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "#")):
            continue
        url = urljoin(base_url, href)
        if pattern is None or pattern.search(url):
            seen.setdefault(url.split("#", 1)[0], None)
    return list(seen)
