"""Hostile PDFs, feeds and compressed bodies: a record or a clear refusal, bounded in time and size, never a crash."""

from __future__ import annotations

import io
import random
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhiku.collect.files import read_bytes
from zhiku.errors import InputError, ParseError
from zhiku.record import Record

pytest.importorskip("pdfplumber", reason="pdfplumber not installed (pip install 'zhiku[pdf]')")
pytest.importorskip("reportlab", reason="reportlab not installed (dev extra)")

BODY = "大模型产业加快发展，多家企业发布新产品。"


def _pdf(encrypt=None, image_only: bool = False, compress: int = 1, pages: int = 1) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt, pageCompression=compress)
    for _ in range(pages):
        if image_only:  # a scanned page: shapes, no text layer
            c.rect(50, 50, 300, 400, fill=1)
        else:
            c.setFont("STSong-Light", 18)
            c.drawString(40, 780, "人工智能大会开幕")
            c.setFont("STSong-Light", 10)
            for i in range(8):
                c.drawString(40, 740 - i * 14, BODY)
        c.showPage()
    c.save()
    return buf.getvalue()


_PLAIN = _pdf(compress=0)


def _items(data: bytes, origin: str = "hostile.pdf") -> list:
    items = list(read_bytes(data, origin))
    assert items
    for item in items:
        assert isinstance(item, Record | InputError)
        if isinstance(item, InputError):
            assert item.source == origin and item.reason
    return items


def _refusal(data: bytes) -> str:
    items = _items(data)
    assert len(items) == 1 and isinstance(items[0], ParseError), items
    return items[0].reason


def test_pdf_reader_reads_the_plain_pdf():
    (rec,) = _items(_PLAIN)
    assert isinstance(rec, Record) and rec.title == "人工智能大会开幕" and BODY in rec.text


@pytest.mark.parametrize("cut", [9, 64, 0.3, 0.6, 0.9, -30])
def test_pdf_truncated_is_refused_with_reason(cut):
    n = cut if isinstance(cut, int) and cut > 0 else int(len(_PLAIN) * cut) if cut > 0 else len(_PLAIN) + cut
    reason = _refusal(_PLAIN[:n])
    assert "PDF" in reason


def test_pdf_encrypted_with_a_password_is_refused_as_encrypted():
    assert "encrypted" in _refusal(_pdf(encrypt="secret"))


def test_pdf_encrypted_for_permissions_gives_no_glyph_garbage():
    from reportlab.lib.pdfencrypt import StandardEncryption

    items = _items(_pdf(encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0)))
    for item in items:  # whatever comes out is text, never pdfminer's "(cid:1234)" placeholders
        assert isinstance(item, InputError) or "(cid:" not in (item.title or "") + item.text


def test_pdf_without_text_layer_is_refused_as_needing_ocr():
    assert "no text layer" in _refusal(_pdf(image_only=True))


def test_pdf_header_then_random_bytes_is_refused():
    rnd = random.Random(11)
    for size in (0, 10, 1000, 100_000):
        _refusal(b"%PDF-1.7\n" + bytes(rnd.randrange(256) for _ in range(size)))


def test_pdf_damaged_objects_never_escape_as_exceptions():
    """Byte flips inside a valid PDF break its dictionaries: pdfminer raises while reading pages, not at open."""
    rnd = random.Random(5)
    refused = 0
    for _ in range(120):
        data = bytearray(_PLAIN)
        for _ in range(rnd.randint(1, 12)):
            data[rnd.randrange(len(data))] = rnd.randrange(256)
        refused += any(isinstance(i, InputError) for i in _items(bytes(data)))
    assert refused  # some mutants are refused, none raised


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_PLAIN) - 1), st.binary(min_size=0, max_size=8)), max_size=6))
def test_fuzz_pdf_splices(edits):
    data = bytearray(_PLAIN)
    for pos, chunk in edits:
        data[pos:pos + len(chunk)] = chunk
    _items(bytes(data))


def test_pdf_page_count_is_bounded():
    from zhiku.collect.pdf import split_pdf

    articles = split_pdf(_pdf(pages=5), "many.pdf", max_pages=2)
    assert {a.page for a in articles} == {1, 2}


def _flate_bomb_pdf(size: int) -> bytes:
    """A one-page PDF whose content stream is ``size`` spaces, compressed to a few KB."""
    comp = zlib.compressobj(9)
    stream = comp.compress(b" " * size) + comp.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n"
    return bytes(out)


def test_pdf_decompression_bomb_is_refused_before_pdfminer_inflates_it(monkeypatch):
    from zhiku.collect import pdf

    monkeypatch.setattr(pdf, "MAX_INFLATED", 2 * 1024 * 1024)
    assert "decompression bomb" in _refusal(_flate_bomb_pdf(3 * 1024 * 1024))
    assert "no text layer" in _refusal(_flate_bomb_pdf(1024 * 1024))  # under the limit: read as usual


@pytest.mark.parametrize("size", [0, 1, 65536, 1 << 20, (1 << 20) + 1, 3 << 20])
def test_pdf_inflated_size_counts_exactly_and_ends(size):
    from zhiku.collect.pdf import inflated_size

    assert inflated_size(_flate_bomb_pdf(size)) == size
    assert inflated_size(_flate_bomb_pdf(size), limit=1000) <= max(size, 1000) + (1 << 20)


# ---- feeds ----

def _feed(items: str, extra: str = "") -> bytes:
    return f'<?xml version="1.0" encoding="utf-8"?>{extra}<rss version="2.0"><channel><title>t</title>{items}' \
           "</channel></rss>".encode()


def test_feed_billion_laughs_is_not_expanded():
    from zhiku.collect.feeds import parse_feed

    levels = ['<!ENTITY l0 "lollollollollollollollollollol">'] + [
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10)]
    doctype = "<!DOCTYPE rss [" + "".join(levels) + "]>"
    data = _feed("<item><title>&l9;</title><link>http://a.example/1</link></item>", doctype)
    try:
        entries = parse_feed(data, "http://a.example/feed")
    except ParseError:
        return
    assert all(len(e.title or "") < 10_000 for e in entries)  # 10^9 characters would be "lol" * 10^9


def test_feed_larger_than_the_limit_is_refused_unparsed(monkeypatch):
    from zhiku.collect import feeds

    data = _feed("".join(f"<item><title>t{i}</title><link>http://a.example/{i}</link></item>" for i in range(3000)))
    monkeypatch.setattr(feeds, "MAX_FEED_BYTES", len(data) - 1)
    with pytest.raises(ParseError, match="byte limit"):
        feeds.parse_feed(data, "http://a.example/feed")


def test_feed_entries_are_capped(monkeypatch):
    from zhiku.collect import feeds

    monkeypatch.setattr(feeds, "MAX_FEED_ENTRIES", 50)
    data = _feed("".join(f"<item><title>t{i}</title><link>http://a.example/{i}</link></item>" for i in range(300)))
    entries = feeds.parse_feed(data, "http://a.example/feed")
    assert [e.url for e in entries] == [f"http://a.example/{i}" for i in range(50)]


def test_feed_default_limits_hold():
    from zhiku.collect.feeds import MAX_FEED_BYTES, MAX_FEED_ENTRIES
    from zhiku.collect.fetch import FetchPolicy

    assert MAX_FEED_BYTES <= FetchPolicy().max_bytes and MAX_FEED_ENTRIES <= 10_000


@pytest.mark.parametrize("data", [b"", b"<rss", b"<rss><channel><item><link>http://a.example/1</link>",
                                  b"\x00\xff<feed", b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>",
                                  "<rss><channel><item><link>http://例子.测试/新闻</link></item></channel></rss>".encode(
                                      "gb18030")])
def test_feed_invalid_xml_is_a_refusal_or_a_list(data):
    from zhiku.collect.feeds import parse_feed

    try:
        entries = parse_feed(data, "http://a.example/feed")
    except ParseError as exc:
        assert exc.source == "http://a.example/feed" and exc.reason
    else:
        assert all(e.url.startswith("http") for e in entries)


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="<>/=\"'&;! ?rssfeditemlinkchanneltitle:http.例文", max_size=400))
def test_fuzz_feed_parser(text):
    from zhiku.collect.feeds import parse_feed

    try:
        parse_feed(("<rss><channel>" + text).encode(), "http://a.example/feed")
    except ParseError:
        pass


# ---- compressed HTTP bodies ----

def _deflate_bomb(size: int) -> bytes:
    comp = zlib.compressobj(9)
    return comp.compress(b"<html><body>" + b"0" * size) + comp.flush()


@pytest.mark.parametrize("encoding, body, reason", [
    ("deflate", _deflate_bomb(20_000_000), "byte limit (decompressed)"),
    ("br", b"\x1b\xff\xff\x0f" + b"\x00" * 200, "unsupported content encoding br"),
    ("gzip", b"\x1f\x8b\x08\x00garbage", "corrupt gzip body"),
])
def test_fetch_compressed_bombs_and_unknown_encodings_stop(encoding, body, reason):
    from tests.sites.server import FixtureServer, Page
    from zhiku.collect.fetch import Fetcher, FetchPolicy
    from zhiku.errors import FetchError

    server = FixtureServer({"/bomb.html": Page(body, headers={"Content-Encoding": encoding})})
    policy = FetchPolicy(timeout=10, connect_timeout=5, retries=0, backoff=0.01, max_bytes=1_000_000, rate=100.0,
                         obey_robots=False)
    with server, Fetcher(policy) as f, pytest.raises(FetchError) as info:
        f.fetch(server.url("/bomb.html"))
    assert reason in info.value.reason
