"""Main text and metadata from an HTML page (see collect.extract for how the text is chosen)."""

from __future__ import annotations

import logging
import re

from .extract import extract_page

logger = logging.getLogger(__name__)

_HTML_HINT = re.compile(r"<\s*(!doctype\s+html|html|head|body|div|p|article|meta|title)\b", re.IGNORECASE)
_WRAPPER = re.compile(r"^\s*<text\s+[^>]*>", re.IGNORECASE)
_WRAPPER_URL = re.compile(r'^\s*<text\s+[^>]*\bid="(https?://[^"]+)"', re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_HINT.search(head)) and head.count("<") >= 3


def extract_html(html: str, url: str | None = None) -> dict:
    """Return {"title", "text", "authors", "published_at", "source", "url"} from a page (best effort).

    A corpus wrapper ``<text id=URL ...>`` around the page is removed and its URL used when none is given.
    """
    m = _WRAPPER.match(html[:4096])
    if m:
        u = _WRAPPER_URL.match(html[:4096])
        url = url or (u.group(1) if u else None)
        html = html[m.end():]
        end = html.rfind("</text>")
        if end != -1 and not html[end + 7:].strip():
            html = html[:end]
    page = extract_page(html, url=url)
    result = page.as_dict()
    result.pop("method", None)
    return result
