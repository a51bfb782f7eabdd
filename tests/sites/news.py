"""A fixture news site: a feed, a listing page, a sitemap and articles (UTF-8, GBK, Big5), plus every kind of trouble.

Article bodies are sentences of the seed documents, laid out like a Chinese news page (navigation, by-line,
body, related links, footer).
"""

from __future__ import annotations

import functools
import gzip
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from .server import Page

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "zhiku" / "data" / "sample"


def _seed_sentences(name: str) -> list[str]:
    text = next(SAMPLE.glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    body = next((line[3:].strip() for line in text.splitlines() if line.startswith("总结:")), text)
    return [s + "。" for s in re.split(r"。", body.replace("\u3000", "")) if len(s.strip()) > 10]


@dataclass
class Article:
    path: str
    title: str
    paragraphs: list[str]
    date: str
    author: str
    outlet: str
    encoding: str = "utf-8"
    declare: str = "meta"  # where the charset is declared: meta, header or none

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@functools.cache
def _articles() -> tuple[Article, ...]:
    return tuple(_build_articles())


def articles() -> list[Article]:
    return list(_articles())


def _build_articles() -> list[Article]:
    s0, s2, s4 = _seed_sentences("000"), _seed_sentences("002"), _seed_sentences("004")

    def paras(sentences: list[str]) -> list[str]:
        return ["".join(sentences[i:i + 2]) for i in range(0, len(sentences), 2)]

    big5_sentences = []
    import opencc

    t = opencc.OpenCC("s2t")
    for s in s4[:14]:
        trad = t.convert(s)
        try:
            trad.encode("big5")
        except UnicodeEncodeError:
            continue
        big5_sentences.append(trad)
    return [
        Article("/news/2024/ai-industry.html", "人工智能加速赋能千行百业", paras(s0[:8]), "2024年03月15日 10:20",
                "黄鑫", "经济日报"),
        Article("/news/2024/hangzhou-ai-plus.html", "杭州破题人工智能+", paras(s2[:8]), "2024-03-12 08:30", "唐骏垚",
                "潮新闻", encoding="gbk", declare="none"),
        Article("/news/2024/digital-economy.html", "數字新動能推動經濟新發展", paras(big5_sentences[:8]),
                "2022年10月20日 09:00", "李和豐", "中國電子報", encoding="big5", declare="header"),
        Article("/news/2024/ai-chips.html", "智能芯片与通用大模型加速涌现", paras(s0[8:16]), "2024年03月16日 11:00",
                "齐旭", "中国电子报"),
    ]


def article_html(a: Article, base: str) -> bytes:
    meta = f'<meta charset="{a.encoding}">' if a.declare == "meta" else ""
    nav = "".join(f'<li><a href="{base}/channel/{i}.html">频道{i}</a></li>' for i in range(1, 9))
    related = "".join(f'<li><a href="{base}/news/old/{i}.html">往期报道第{i}篇：人工智能产业观察</a></li>' for i in range(6))
    body = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
    html = f"""<!DOCTYPE html><html><head>{meta}<title>{escape(a.title)}_{escape(a.outlet)}</title>
<meta name="author" content="{escape(a.author)}"></head>
<body><div class="nav"><ul>{nav}</ul></div>
<div class="main"><h1>{escape(a.title)}</h1>
<div class="info">{escape(a.date)} 来源：{escape(a.outlet)} 作者：{escape(a.author)}</div>
<div class="article-content">{body}</div>
<div class="related"><h3>相关阅读</h3><ul>{related}</ul></div></div>
<div class="footer">Copyright (C) 2024 {escape(a.outlet)} 版权所有</div></body></html>"""
    if a.encoding == "big5":
        import opencc

        html = opencc.OpenCC("s2t").convert(html)
    return html.encode(a.encoding)


def _content_type(a: Article) -> str:
    return f"text/html; charset={a.encoding}" if a.declare == "header" else "text/html"


def rss(base: str, paths: list[str], title: str = "人工智能新闻") -> bytes:
    items = "".join(
        f"<item><title>第{i}条</title><link>{base}{p}</link><pubDate>Fri, 15 Mar 2024 10:20:00 +0800</pubDate></item>"
        for i, p in enumerate(paths)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


TROUBLE = {
    "/private/secret.html": "disallowed by robots.txt",
    "/news/missing.html": "HTTP 404",
    "/news/broken.html": "HTTP 500",
    "/news/loop.html": "redirects",
    "/news/huge.html": "byte limit",
    "/news/bomb.html": "byte limit",
    "/news/logo.png": "content type image/png",
}
MAX_BYTES = 200_000
SLOW_DELAY = 1.0  # seconds; tests that fetch the slow page use a timeout well below it


@functools.cache
def gzip_bomb() -> bytes:
    """About 50 KB on the wire, 50 MB once decompressed."""
    return gzip.compress(b"<html><body>" + b"0" * 50_000_000 + b"</body></html>", compresslevel=9)


def site(base: str) -> tuple[dict[str, Page], list[Article]]:
    """Every page of the fixture site, and the articles that should become records."""
    arts = articles()
    pages: dict[str, Page] = {
        "/robots.txt": Page(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
    }
    for i, a in enumerate(arts):
        pages[a.path] = Page(article_html(a, base), content_type=_content_type(a), etag=f'"a{i}-v1"',
                             last_modified="Fri, 15 Mar 2024 10:20:00 GMT")
    pages["/private/secret.html"] = Page(article_html(arts[0], base))
    pages["/news/broken.html"] = Page(b"<html><body>server error</body></html>", status=500)
    pages["/news/slow.html"] = Page(article_html(arts[0], base), delay=SLOW_DELAY)  # not in the feed: see "slow"
    pages["/news/loop.html"] = Page(b"", status=302, headers={"Location": "/news/loop2.html"})
    pages["/news/loop2.html"] = Page(b"", status=302, headers={"Location": "/news/loop.html"})
    pages["/news/huge.html"] = Page(b"<html><body>" + "很长的页面。".encode() * 40_000 + b"</body></html>",
                                    stream=True)
    bomb = gzip_bomb()
    pages["/news/bomb.html"] = Page(bomb, headers={"Content-Encoding": "gzip"})
    pages["/news/logo.png"] = Page(b"\x89PNG\r\n\x1a\n" + b"\0" * 100, content_type="image/png")
    feed_paths = [a.path for a in arts[:3]] + list(TROUBLE)
    pages["/feed.xml"] = Page(rss(base, feed_paths), content_type="application/rss+xml; charset=utf-8",
                              etag='"feed-v1"')
    listing = "".join(f'<li><a href="{a.path}?utm_source=list&amp;wfr=spider#top">{escape(a.title)}</a></li>'
                      for a in arts)
    nav = '<a href="/about.html">关于我们</a><a href="/channel/1.html">频道</a>'
    pages["/list.html"] = Page(f"<html><body>{nav}<ul>{listing}</ul></body></html>".encode(), etag='"list-v1"')
    urls = "".join(f"<url><loc>{base}{a.path}</loc></url>" for a in arts)
    pages["/sitemap.xml"] = Page(
        f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode(),
        content_type="application/xml")
    return pages, arts


def sources_yaml(base: str) -> str:
    return f"""
defaults:
  interval: 1h
sources:
  - name: feed
    type: feed
    url: {base}/feed.xml
    outlet: 测试站
  - name: list
    type: listing
    url: {base}/list.html
    link_pattern: '/news/\\d{{4}}/'
  - name: map
    type: sitemap
    url: {base}/sitemap.xml
    exclude: ['ai-chips']
  - name: one
    type: url
    url: {base}/news/2024/ai-chips.html?wfr=spider&for=pc
  - name: slow
    type: url
    url: {base}/news/slow.html
"""
