"""E-paper PDFs generated here (reportlab, built-in CJK font STSong-Light): columns, reading order, article split."""

from __future__ import annotations

import io
import re

import pytest

from tests.sites.news import _seed_sentences

pytest.importorskip("pdfplumber", reason="pdfplumber not installed (pip install 'zhiku[pdf]')")
reportlab = pytest.importorskip("reportlab", reason="reportlab not installed (dev extra)")

from zhiku.collect.pdf import read_pdf_bytes, split_pdf  # noqa: E402

BODY, HEAD = 10.0, 18.0


def _wrap(paragraphs: list[str], width: float) -> list[tuple[str, bool]]:
    """Lines of the column text, filled to ``width``; True marks a paragraph's first line (indented)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = []
    for p in paragraphs:
        line, first = "\u3000\u3000", True
        for ch in p:
            if stringWidth(line + ch, "STSong-Light", BODY) > width:
                lines.append((line, first))
                line, first = "", False
            line += ch
        lines.append((line, first))
    return lines


def make_page(canvas, articles: list[tuple[str, list[str]]], columns: int, page_w=595.0, page_h=842.0):
    """Lay each article out under a full-width headline, its body flowing down ``columns`` columns."""
    margin, gutter = 40.0, 18.0
    col_w = (page_w - 2 * margin - (columns - 1) * gutter) / columns
    y = page_h - margin
    for title, paragraphs in articles:
        canvas.setFont("STSong-Light", HEAD)
        canvas.drawString(margin, y - HEAD, title)
        y -= HEAD + 14
        lines = _wrap(paragraphs, col_w)
        rows = -(-len(lines) // columns)
        for i, (line, _) in enumerate(lines):
            col, row = divmod(i, rows)
            canvas.setFont("STSong-Light", BODY)
            canvas.drawString(margin + col * (col_w + gutter), y - BODY - row * (BODY + 4), line)
        y -= rows * (BODY + 4) + 24


def make_pdf(pages: list[tuple[list[tuple[str, list[str]]], int]]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas as rl_canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=(595.0, 842.0))
    for articles, columns in pages:
        make_page(c, articles, columns)
        c.showPage()
    c.save()
    return buf.getvalue()


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def articles():
    s0, s2, s4 = _seed_sentences("000"), _seed_sentences("002"), _seed_sentences("004")
    return [
        ("人工智能加速赋能千行百业", ["".join(s0[0:2]), "".join(s0[2:4]), "".join(s0[4:6])]),
        ("杭州破题人工智能加", ["".join(s2[0:2]), "".join(s2[2:5])]),
        ("数字新动能推动经济新发展", ["".join(s4[0:3]), "".join(s4[3:5])]),
    ]


@pytest.mark.parametrize("columns", [2, 3])
def test_pdf_columns_read_in_order_and_split_into_articles(articles, columns):
    data = make_pdf([(articles[:2], columns), (articles[2:], columns)])
    got = split_pdf(data)
    assert [a.title for a in got] == [t for t, _ in articles]
    for art, (_, paragraphs) in zip(got, articles, strict=True):
        assert _squash(art.text) == _squash("".join(paragraphs))
        assert len(art.paragraphs) == len(paragraphs)


def test_pdf_default_extraction_interleaves_columns(articles):
    """The reason for column boxes: pdfplumber's page text mixes the two columns line by line."""
    import pdfplumber

    data = make_pdf([(articles[:1], 2)])
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        plain = _squash(pdf.pages[0].extract_text())
    assert _squash("".join(articles[0][1])) not in plain
    assert _squash(split_pdf(data)[0].text) == _squash("".join(articles[0][1]))


def test_pdf_records_one_per_article_with_parts(articles):
    data = make_pdf([(articles, 2)])
    records = list(read_pdf_bytes(data, origin="http://127.0.0.1/epaper/1.pdf", url="http://127.0.0.1/epaper/1.pdf"))
    assert [r.raw.part for r in records] == [1, 2, 3]
    assert len({r.id for r in records}) == 3 and {r.raw.format for r in records} == {"pdf"}
    assert records[1].title == articles[1][0]


def test_pdf_without_text_layer_is_refused():
    from zhiku.errors import ParseError

    items = list(read_pdf_bytes(b"%PDF-1.4 not really", origin="broken.pdf"))
    assert isinstance(items[0], ParseError) and "broken.pdf" in str(items[0])


def test_pdf_crawled_from_a_url_becomes_one_record_per_article(sqlite_store, articles):
    from tests.sites.server import FixtureServer, Page
    from zhiku.collect.crawl import Crawler
    from zhiku.collect.fetch import FetchPolicy
    from zhiku.collect.sources import Source
    from zhiku.pipeline import Pipeline

    data = make_pdf([(articles, 2)])
    with FixtureServer({"/epaper/p1.pdf": Page(data, content_type="application/pdf")}) as server:
        policy = FetchPolicy(timeout=5, retries=0, rate=100)
        with Crawler(sqlite_store, policy=policy, pipeline=Pipeline([])) as crawler:
            report = crawler.crawl([Source("epaper", "url", (server.url("/epaper/p1.pdf"),))])
    assert len(report.new) == 3 and not report.failed
    titles = sorted(r.title for r in sqlite_store.iter_records())
    assert titles == sorted(t for t, _ in articles)


def test_pdf_file_ingested_like_any_file(tmp_path, articles):
    from zhiku.collect.files import read_path

    path = tmp_path / "page1.pdf"
    path.write_bytes(make_pdf([(articles[:2], 3)]))
    records = list(read_path(path))
    assert [r.title for r in records] == [t for t, _ in articles[:2]]
