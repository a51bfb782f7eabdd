"""Files, folders and stdin to records: format detected (card, HTML, JSON Lines, text), bytes kept.

Readers yield ``Record`` or ``InputError`` items, so one bad line or file never stops a batch.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from ..errors import InputError, ParseError
from ..record import Imported, RawFormat, RawInfo, Record, record_id, sha256_hex
from .cards import is_card, parse_card, split_tags
from .decode import decode_bytes, looks_binary
from .extract import decode_page, looks_like_html_bytes
from .html import extract_html, looks_like_html
from .urls import canonicalize_url

MAX_INPUT_BYTES = 50 * 1024 * 1024
_SKIP_SUFFIXES = {".db", ".sqlite", ".pyc", ".png", ".jpg", ".jpeg", ".gif", ".zip", ".gz"}
_TITLE_LINE = re.compile(r"^\s*(?:标题|題目|题目|Title)\s*[:：]\s*(.+)$", re.IGNORECASE)

Item = Record | InputError


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def detect_format(text: str) -> RawFormat:
    """Seed card, JSON Lines, HTML or plain text, from the decoded text alone."""
    if is_card(text):
        return "seed-record"
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        first = stripped.split("\n", 1)[0].strip()
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    if looks_like_html(stripped):
        return "html"
    return "text"


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Expand folders recursively (hidden and binary-suffixed files skipped); report missing paths."""
    for p in paths:
        path = Path(p)
        if str(p) == "-":
            yield path
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or Path(name).suffix.lower() in _SKIP_SUFFIXES:
                        continue
                    yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield InputError(str(p), "no such file or folder")


def read_path(path: Path, max_bytes: int = MAX_INPUT_BYTES) -> Iterator[Item]:
    """Records from one file (or stdin when ``path`` is "-")."""
    origin = str(path)
    if origin == "-":
        import sys

        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            if path.stat().st_size > max_bytes:
                yield InputError(origin, f"larger than the {max_bytes} byte limit")
                return
            data = path.read_bytes()
        except OSError as exc:
            yield InputError(origin, exc.strerror or str(exc))
            return
    if len(data) > max_bytes:
        yield InputError(origin, f"larger than the {max_bytes} byte limit")
        return
    yield from read_bytes(data, origin)


def read_bytes(data: bytes, origin: str, fetched_at: str | None = None, url: str | None = None,
               encoding: str | None = None) -> Iterator[Item]:
    """Records from the bytes of one input (``encoding``: a charset declared outside the bytes, e.g. HTTP)."""
    if data[:5] == b"%PDF-":
        from .pdf import read_pdf_bytes

        yield from read_pdf_bytes(data, origin, fetched_at=fetched_at, url=url)
        return
    try:
        if looks_like_html_bytes(data) and not looks_binary(data):
            text, encoding = decode_page(data, encoding, strip_wrapper=False)
        else:
            text, encoding = decode_bytes(data, origin, encoding)
    except ParseError as exc:
        yield exc
        return
    fmt = detect_format(text)
    fetched_at = fetched_at or now_iso()
    if fmt == "jsonl":
        yield from _read_jsonl(data, text, origin, encoding, fetched_at)
        return
    try:
        if fmt == "seed-record":
            record = _from_card(text, data, origin, encoding, fetched_at)
        elif fmt == "html":
            record = _from_html(text, data, origin, encoding, fetched_at, url)
        else:
            record = _from_text(text, data, origin, encoding, fetched_at, url)
    except InputError as exc:
        yield exc
        return
    yield record


def _raw(fmt: RawFormat, data: bytes, origin: str, encoding: str | None, line: int | None = None) -> RawInfo:
    return RawInfo(format=fmt, sha256=sha256_hex(data), encoding=encoding, origin=origin, line=line)


def _make(raw: RawInfo, data: bytes, *, title: str | None, text: str, url: str | None, fetched_at: str,
          source: str | None = None, authors: list[str] | None = None, published_at: str | None = None,
          imported: Imported | None = None, meta: dict | None = None) -> Record:
    canonical = canonicalize_url(url)
    if not text.strip() and not (title or "").strip():
        raise ParseError(raw.origin or "input", "no article text found")
    record = Record(
        id=record_id(canonical, f"{title or ''}\n{text}"),
        url=canonical,
        source=source,
        title=title.strip() if title else None,
        authors=authors or [],
        published_at=published_at,
        fetched_at=fetched_at,
        raw=raw,
        text=text,
        imported=imported,
        meta=meta or {},
    )
    return record.attach_raw(data)


def _from_card(text: str, data: bytes, origin: str, encoding: str, fetched_at: str) -> Record:
    fields = parse_card(text)
    imported = Imported(
        keywords=split_tags(fields.get("关键词", "")),
        ai_technologies=split_tags(fields.get("AI技术", "")),
        industries=split_tags(fields.get("行业", "")),
        events=fields.get("重大事件摘要") or None,
    )
    return _make(
        _raw("seed-record", data, origin, encoding),
        data,
        title=fields.get("标题"),
        text=fields.get("总结", ""),
        url=fields.get("链接") or None,
        fetched_at=fetched_at,
        imported=imported,
    )


def _from_text(text: str, data: bytes, origin: str, encoding: str, fetched_at: str, url: str | None) -> Record:
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    title: str | None = None
    title_index = None
    for i, line in enumerate(lines[:20]):
        m = _TITLE_LINE.match(line)
        if m:
            title, title_index = m.group(1).strip(), i
            break
    if title is None:
        for i, line in enumerate(lines):
            if line.strip():
                title, title_index = line.strip(), i
                break
    body = "\n".join(lines[title_index + 1 :]) if title_index is not None else text
    return _make(_raw("text", data, origin, encoding), data, title=title, text=body, url=url,
                 fetched_at=fetched_at, meta={"title_from": "first-line"})


def _from_html(text: str, data: bytes, origin: str, encoding: str, fetched_at: str, url: str | None) -> Record:
    page = extract_html(text, url=url)
    return _make(
        _raw("html", data, origin, encoding),
        data,
        title=page.get("title"),
        text=page.get("text") or "",
        url=url or page.get("url"),
        fetched_at=fetched_at,
        source=page.get("source"),
        authors=page.get("authors") or [],
        published_at=page.get("published_at"),
    )


def _read_jsonl(data: bytes, text: str, origin: str, encoding: str, fetched_at: str) -> Iterator[Item]:
    raw_lines = data.split(b"\n")
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        line_bytes = raw_lines[number - 1] if number - 1 < len(raw_lines) else line.encode("utf-8")
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield ParseError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield ParseError(where, "a JSON Lines article must be an object")
            continue
        try:
            yield _from_json_obj(obj, line_bytes, origin, number, encoding, fetched_at)
        except InputError as exc:
            yield ParseError(where, exc.reason)


def _from_json_obj(obj: dict, line_bytes: bytes, origin: str, number: int, encoding: str, fetched_at: str) -> Record:
    url = obj.get("url")
    body = obj.get("text")
    html = obj.get("html")
    if not isinstance(body, str) and not isinstance(html, str):
        raise ParseError(origin, "needs a 'text' or an 'html' field")
    title = obj.get("title")
    authors = obj.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    elif not isinstance(authors, list):
        raise ParseError(origin, "'authors' must be a string or a list of strings")
    published_at = obj.get("published_at")
    source = obj.get("source")
    if not isinstance(body, str):
        page = extract_html(html, url=url)
        body = page["text"]
        title = title or page["title"]
        authors = authors or page["authors"]
        published_at = published_at or page["published_at"]
        source = source or page["source"]
    return _make(
        _raw("jsonl", line_bytes, origin, encoding, line=number),
        line_bytes,
        title=title if isinstance(title, str) else None,
        text=body,
        url=url if isinstance(url, str) else None,
        fetched_at=obj.get("fetched_at") or fetched_at,
        source=source if isinstance(source, str) else None,
        authors=[a for a in authors if isinstance(a, str)],
        published_at=str(published_at) if published_at else None,
    )
