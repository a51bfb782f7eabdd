"""E-paper PDFs (pages with a text layer): columns found by their gutters, read box by box, split into articles.

pdfplumber's own text order interleaves the columns of a newspaper page, so each page is cut into boxes:
headlines (characters clearly larger than the body size) open articles; the body columns are the x-ranges
between vertical gutters (strips no body character covers); an article's text is read from the column boxes
below its headline, left to right, down to the next headline in each column. Lines of a column are joined
into paragraphs (a line that stops short of the column's right edge ends a paragraph). The pipeline's
cleaning then handles what the OCR'd page of seed 003 shows (spaces between CJK characters and the like).
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..errors import MissingExtra, ParseError
from ..record import RawInfo, Record, record_id, sha256_hex
from .urls import canonicalize_url

logger = logging.getLogger(__name__)

HEADLINE_RATIO = 1.25  # a headline's characters are this much larger than the body's
MAX_PAGES = 200  # pages read from one PDF: bounds the time a hostile or giant file can take
MAX_INFLATED = 128 * 1024 * 1024  # bytes all Flate streams may inflate to: pdfminer inflates each stream whole
_FLATE_STREAM = re.compile(rb"/FlateDecode(?:(?!endobj|endstream).){0,400}?stream\r?\n", re.DOTALL)
_CID = re.compile(r"^\(cid:\d+\)$")  # a glyph pdfminer could not map to Unicode
MIN_ARTICLE_CHARS = 20
_PARA_END = re.compile(r"[。！？!?…”」』）)：:]$")
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_CJK_SPACE = re.compile(rf"(?<={_CJK})[ \t]+(?={_CJK})")


@dataclass
class Headline:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class Article:
    """One article of a page: its headline (None for text above every headline) and body paragraphs."""

    title: str | None
    paragraphs: list[str] = field(default_factory=list)
    page: int = 1

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def _open(data: bytes, origin: str):
    try:
        import pdfplumber
    except ImportError as exc:
        raise MissingExtra("pdf", "pdfplumber") from exc
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        if _encrypted(data, exc):
            raise ParseError(origin, "encrypted PDF: it needs a password to read") from exc
        raise ParseError(origin, f"not a readable PDF: {exc.__class__.__name__}: {exc}"[:300]) from exc


def _encrypted(data: bytes, exc: Exception) -> bool:
    """Whether opening failed because the file is encrypted (pdfminer's message is often empty then)."""
    cause = exc.__cause__ or exc.__context__ or exc
    names = {type(e).__name__ for e in (exc, cause, *getattr(exc, "args", ())) if isinstance(e, BaseException)}
    return any("Password" in n or "Encrypt" in n for n in names) or b"/Encrypt" in data[-4096:]


def inflated_size(data: bytes, limit: int = MAX_INFLATED) -> int:
    """What the file's Flate streams inflate to, counted without keeping it; stops counting past ``limit``."""
    total = 0
    for m in _FLATE_STREAM.finditer(data):
        inflater = zlib.decompressobj()
        pos = m.end()
        try:
            while not inflater.eof and pos < len(data) and total <= limit:
                total += len(inflater.decompress(data[pos:pos + 65536], 1 << 20))
                pos += 65536
                while inflater.unconsumed_tail and not inflater.eof and total <= limit:
                    total += len(inflater.decompress(inflater.unconsumed_tail, 1 << 20))
        except zlib.error:
            continue  # a corrupt stream: pdfminer reads what it can of it
        if total > limit:
            break
    return total


def _visible(chars: list[dict]) -> list[dict]:
    """Characters with text; glyphs without a Unicode mapping ("(cid:123)") are no text."""
    return [c for c in chars if c.get("text", "").strip() and not _CID.match(c["text"])]


def body_size(chars: list[dict]) -> float:
    sizes = Counter(round(c["size"], 1) for c in chars)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def find_columns(chars: list[dict], x_min: float, x_max: float, min_gap: float) -> list[tuple[float, float]]:
    """X-ranges of the text columns: the stretches between gutters at least ``min_gap`` wide."""
    if not chars:
        return []
    covered: list[tuple[float, float]] = sorted((c["x0"], c["x1"]) for c in chars)
    columns: list[list[float]] = []
    for x0, x1 in covered:
        if columns and x0 - columns[-1][1] < min_gap:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return [(max(x_min, a), min(x_max, b)) for a, b in columns]


def find_headlines(chars: list[dict], size: float) -> list[Headline]:
    """Runs of large characters on one line, each a headline."""
    big = sorted((c for c in chars if c["size"] >= HEADLINE_RATIO * size), key=lambda c: (round(c["top"]), c["x0"]))
    heads: list[Headline] = []
    for c in big:
        h = heads[-1] if heads else None
        if h and abs(c["top"] - h.top) < c["size"] * 0.5 and c["x0"] - h.x1 < c["size"] * 2:
            h.text += c["text"]
            h.x1 = max(h.x1, c["x1"])
            h.bottom = max(h.bottom, c["bottom"])
        else:
            heads.append(Headline(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], c["size"]))
    # a headline set on two lines is one headline
    merged: list[Headline] = []
    for h in heads:
        m = merged[-1] if merged else None
        if m and 0 <= h.top - m.bottom < h.size * 0.8 and h.x0 < m.x1 and m.x0 < h.x1:
            m.text += h.text
            m.x0, m.x1, m.bottom = min(m.x0, h.x0), max(m.x1, h.x1), h.bottom
        else:
            merged.append(h)
    return merged


def _paragraphs(lines: list[tuple[str, float, float]], left: float, right: float,
                size: float) -> list[tuple[str, bool]]:
    """Join a column's lines into paragraphs: an indented line starts one, a line ending short of the edge ends one.

    Each paragraph comes with whether it starts there (False: it continues from the previous column).
    """
    paras: list[tuple[str, bool]] = []
    current, starts = "", False
    for text, x0, x1 in lines:
        text = text.strip()
        if not text:
            continue
        indented = text.startswith(("\u3000", "  ")) or x0 - left >= 1.5 * size
        if indented and current:
            paras.append((current, starts))
            current = ""
        if not current:
            starts = indented or bool(paras)  # only a column's first paragraph can continue the previous column
        current += text.lstrip("\u3000 ")
        if x1 < right - 1.5 * size and _PARA_END.search(current):
            paras.append((current, starts))
            current = ""
    if current:
        paras.append((current, starts))
    return paras


def _column_lines(chars: list[dict], size: float) -> list[tuple[str, float, float]]:
    """Lines of a box's characters, top to bottom, with each line's right edge."""
    rows: list[list[dict]] = []
    for c in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if rows and abs(c["top"] - rows[-1][0]["top"]) < size * 0.5:
            rows[-1].append(c)
        else:
            rows.append([c])
    out = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        text = ""
        prev = None
        for c in row:
            if prev is not None and c["x0"] - prev["x1"] > c["size"] * 0.6:
                text += " "
            text += c["text"]
            prev = c
        out.append((text, row[0]["x0"], row[-1]["x1"]))
    return out


def split_page(page, number: int = 1) -> list[Article]:
    """The articles of one PDF page, in reading order."""
    chars = _visible(page.chars)
    if not chars:
        return []
    size = body_size(chars)
    heads = find_headlines(chars, size)
    body = [c for c in chars if c["size"] < HEADLINE_RATIO * size]
    columns = find_columns(body, 0, float(page.width), min_gap=max(size * 0.9, 6.0))

    def col_of(c: dict) -> int:
        mid = (c["x0"] + c["x1"]) / 2
        for i, (a, b) in enumerate(columns):
            if a - 1 <= mid <= b + 1:
                return i
        return min(range(len(columns)), key=lambda i: abs((columns[i][0] + columns[i][1]) / 2 - mid))

    def start_col(h: Headline) -> int:
        hit = [i for i, (a, b) in enumerate(columns) if min(b, h.x1) - max(a, h.x0) > 0]
        return hit[0] if hit else min(range(len(columns)), key=lambda i: abs(columns[i][0] - h.x0))

    starts = [start_col(h) for h in heads]

    def spans(hi: int) -> list[int]:
        """A headline spans its column and those to its right, up to the next headline of the same row."""
        h, first = heads[hi], starts[hi]
        stop = len(columns)
        for hj, other in enumerate(heads):
            if hj != hi and abs(other.top - h.top) < size * 3 and starts[hj] > first:
                stop = min(stop, starts[hj])
        return list(range(first, max(stop, first + 1)))

    # each body character belongs to the nearest headline above it that spans its column
    owners: dict[int, list[dict]] = {}
    head_cols = [spans(hi) for hi in range(len(heads))]
    for c in body:
        ci = col_of(c)
        best, best_top = -1, -1.0
        for hi, h in enumerate(heads):
            if ci in head_cols[hi] and h.bottom <= c["top"] + 1 and h.top > best_top:
                best, best_top = hi, h.top
        owners.setdefault(best, []).append(c)
    # reading order of articles: text above every headline first, then by the row of the headline, left to right
    order = sorted(owners, key=lambda hi: (-1, 0.0) if hi < 0 else (round(heads[hi].top / (size * 3)), heads[hi].x0))
    articles = []
    for hi in order:
        own = owners[hi]
        paragraphs: list[str] = []
        for ci in sorted({col_of(c) for c in own}):
            in_col = [c for c in own if col_of(c) == ci]
            paragraphs += _paragraphs(_column_lines(in_col, size), columns[ci][0], columns[ci][1], size)
        # a paragraph cut by a column break continues in the next column (its first line is not indented)
        joined: list[str] = []
        for p, starts_para in paragraphs:
            if joined and not starts_para:
                joined[-1] += p
            else:
                joined.append(p)
        title = _CJK_SPACE.sub("", heads[hi].text) if hi >= 0 else None
        article = Article(title, joined, number)
        if sum(len(p) for p in joined) >= MIN_ARTICLE_CHARS:
            articles.append(article)
    return articles


def split_pdf(data: bytes, origin: str = "pdf", max_pages: int = MAX_PAGES) -> list[Article]:
    """Every article of every page (the first ``max_pages``), in reading order; ParseError on a broken file."""
    if inflated_size(data) > MAX_INFLATED:
        raise ParseError(origin, f"PDF streams inflate to more than {MAX_INFLATED} bytes (a decompression bomb?)")
    pdf = _open(data, origin)
    out: list[Article] = []
    number = 0
    try:
        for number, page in enumerate(pdf.pages, start=1):
            if number > max_pages:
                logger.warning("%s: more than %d pages, the rest is not read", origin, max_pages)
                break
            out += split_page(page, number)
    except Exception as exc:  # noqa: BLE001 - a damaged page raises anything from pdfminer's parser
        reason = f"not a readable PDF (page {number or 1}): {exc.__class__.__name__}: {exc}"
        raise ParseError(origin, reason[:300]) from exc
    finally:
        try:
            pdf.close()
        except Exception:  # noqa: BLE001 - closing a damaged file may fail as well
            logger.debug("%s: closing the PDF failed", origin, exc_info=True)
    return out


def read_pdf_bytes(data: bytes, origin: str, fetched_at: str | None = None, url: str | None = None) -> Iterator:
    """Records (one per article) from an e-paper PDF; a ParseError item when the PDF yields no text."""
    from .files import now_iso

    try:
        articles = split_pdf(data, origin)
    except ParseError as exc:
        yield exc
        return
    if not articles:
        yield ParseError(origin, "no text layer in this PDF (scanned pages need OCR; fonts without a Unicode map "
                                 "give no text either)")
        return
    canonical = canonicalize_url(url)
    sha = sha256_hex(data)
    for part, art in enumerate(articles, start=1):
        rid = record_id(f"{canonical}#part-{part}", "") if canonical else record_id(None, f"{art.title}\n{art.text}")
        record = Record(
            id=rid, url=canonical, title=art.title, fetched_at=fetched_at or now_iso(), text=art.text,
            raw=RawInfo(format="pdf", sha256=sha, encoding=None, origin=origin, part=part),
            meta={"pdf_page": art.page},
        )
        yield record.attach_raw(data)
