"""A first main-text extraction from an HTML page: title, body text and simple metadata."""

from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

_HTML_HINT = re.compile(r"<\s*(!doctype\s+html|html|head|body|div|p|article|meta|title)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    head = text[:4096]
    return bool(_HTML_HINT.search(head)) and head.count("<") >= 3


def extract_html(html: str, url: str | None = None) -> dict:
    """Return {"title", "text", "authors", "published_at", "source"} from a page (best effort)."""
    import trafilatura
    from lxml import html as lxml_html

    result: dict = {"title": None, "text": "", "authors": [], "published_at": None, "source": None}
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, include_comments=False, include_tables=True, favor_recall=True, with_metadata=True
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        logger.warning("trafilatura failed on %s: %s", url or "page", exc)
        doc = None
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
        result["title"] = data.get("title")
        result["text"] = data.get("text") or ""
        author = data.get("author")
        if author:
            result["authors"] = [a.strip() for a in re.split(r"[;；,，、]", author) if a.strip()]
        result["published_at"] = data.get("date")
        result["source"] = data.get("sitename")
    if not result["text"] or not result["title"]:
        try:
            tree = lxml_html.fromstring(html)
        except (ValueError, lxml_html.etree.ParserError):
            return result
        if not result["title"]:
            titles = tree.xpath("//title/text()") or tree.xpath("//h1//text()")
            result["title"] = titles[0].strip() if titles else None
        if not result["text"]:
            for bad in tree.xpath("//script|//style|//noscript"):
                bad.drop_tree()
            body = tree.find("body")
            node = body if body is not None else tree
            lines = [t.strip() for t in node.itertext() if t.strip()]
            result["text"] = "\n".join(lines)
    return result
