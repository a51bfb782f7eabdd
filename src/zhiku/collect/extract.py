"""A web page's main text and metadata: trafilatura, a density fallback for Chinese layouts, and a rule to choose.

The rule (measured on html_zh_cwced, see bench/bench_extract.py): both run; the density block is taken when
it lies inside trafilatura's text and holds at least half of it (trafilatura kept page furniture around the
article), or when trafilatura found almost nothing; otherwise trafilatura's text. Then layout-table pipes are
removed, lines that are mostly link text dropped, and furniture trimmed from the first and last lines
(data/page_noise.yaml). Metadata comes from JSON-LD, meta tags and Chinese by-lines (2024年03月15日 10:20,
发布时间：, 来源：, 作者：, 记者 NAME, a closing （NAME）).
"""

from __future__ import annotations

import codecs
import functools
import json
import logging
import re
from dataclasses import dataclass, field
from importlib import resources

from lxml import etree

from ..text.outlets import real_outlet
from .density import block_text, clean_tree, extract_density, parse_html

logger = logging.getLogger(__name__)

# --- bytes to text ------------------------------------------------------------------------------------------
_WRAPPER = re.compile(rb"^\s*<text\s+([^>]*)>", re.IGNORECASE)
_WRAPPER_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([-\w.]+)""", re.IGNORECASE)
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "cp936": "gb18030",
          "big5": "big5hkscs", "x-big5": "big5hkscs", "cp950": "big5hkscs", "utf8": "utf-8", "unicode": "utf-8",
          "iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "utf-8", "us-ascii": "utf-8"}


def normalize_codec(name: str | None) -> str | None:
    """A Python codec for a declared charset, widened to its superset (GB2312 → GB18030); None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _WIDEN.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def unwrap(data: bytes) -> tuple[bytes, dict[str, str]]:
    """Strip a corpus wrapper ``<text id=URL title=... encoding=...>`` … ``</text>``; return (html, attrs)."""
    m = _WRAPPER.match(data[:4096])
    if not m:
        return data, {}
    attrs = dict(_WRAPPER_ATTR.findall(m.group(1).decode("latin-1")))
    body = data[m.end():]
    end = body.rfind(b"</text>")
    if end != -1 and not body[end + 7:].strip():
        body = body[:end]
    return body, attrs


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares for itself (meta tag or XML declaration), as a Python codec."""
    head = data[:8192]
    for pattern in (_META_CHARSET, _XML_ENCODING):
        m = pattern.search(head)
        if m:
            codec = normalize_codec(m.group(1).decode("ascii", "ignore"))
            if codec:
                return codec
    return None


def _bad_share(data: bytes, codec: str) -> float:
    text = data.decode(codec, errors="replace")
    return text.count("\ufffd") / max(1, len(text))


def decode_page(data: bytes, header_charset: str | None = None, strip_wrapper: bool = True) -> tuple[str, str]:
    """Decode page bytes: HTTP header, then wrapper/meta charset, then detection (UTF-8, GB18030, Big5).

    A declared charset is tried first; a page whose bytes contradict it (a "gb2312" page in UTF-8) is
    decoded with the codec that leaves the fewest invalid bytes. A few invalid bytes become U+FFFD.
    With ``strip_wrapper=False`` a corpus wrapper is used for its charset but kept in the text.
    """
    body, attrs = unwrap(data)
    if not strip_wrapper:
        body = data
    declared = [normalize_codec(header_charset), normalize_codec(attrs.get("encoding")), sniff_charset(body)]
    tried: list[str] = []
    for codec in [c for c in declared if c] + ["utf-8", "gb18030", "big5hkscs"]:
        if codec in tried:
            continue
        tried.append(codec)
        try:
            return body.decode(codec), codec
        except UnicodeDecodeError:
            continue
    scored = sorted((_bad_share(body, c), i, c) for i, c in enumerate(tried))
    best = scored[0][2]
    if scored[0][0] > 0.02:
        from charset_normalizer import from_bytes

        guess = from_bytes(body).best()
        if guess is not None:
            return str(guess), normalize_codec(guess.encoding) or guess.encoding
    return body.decode(best, errors="replace"), best


def looks_like_html_bytes(data: bytes) -> bool:
    head = data[:4096].lower()
    return any(tag in head for tag in (b"<html", b"<!doctype html", b"<body", b"<head", b"<meta")) or bool(
        _WRAPPER.match(data[:4096]))


# --- metadata -----------------------------------------------------------------------------------------------
_CN_DATE = re.compile(
    r"((?:19|20)\d{2})\s*[年/.-]\s*(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?"
)
_DATE_LABEL = re.compile(
    r"(发布时间|发布日期|发表时间|发表日期|发表于|发布于|时间|日期|更新时间|Published|Date)\s*[:：]?\s*", re.I)
_SOURCE_LABEL = re.compile(r"(?:来源|来自|稿源|出处)\s*[:：]\s*([^\s|/　,，]{2,30})")
_NAME = r"[\u4e00-\u9fff·]{2,4}"
_NAMES = rf"{_NAME}(?:[ \u3000、,，]+{_NAME})*"
# by-lines, strongest first; group 1 holds one or more names
_AUTHOR_PATTERNS = tuple(re.compile(p) for p in (
    rf"(?:作\s*者|执笔人|执笔|撰文|撰稿|文)\s*[:：/]\s*({_NAMES})(?![\u4e00-\u9fff])",  # not 医技药剂|党支部
    rf"(?:实习生|记者|通讯员|特约撰稿人)[ \u3000]+({_NAMES})(?=[ \u3000]*(?:$|[\s）)\]】|/]|发自|报道|摄|电))",
    rf"(?:实习生|记者|通讯员)({_NAMES})(?=发自|报道|摄影|摄|电)",
    rf"\d{{1,2}}[:：]\d{{2}}\s*\[\s*({_NAME})\s*\]",  # 2004年7月16日08:19 [ 黄宇 ] 来源：
))
_TAIL_AUTHOR = re.compile(
    rf"[（(]\s*(?:[^（()）]{{0,8}}记者\s*)?({_NAMES})\s*(?:[\u4e00-\u9fff]{{2,3}}报道)?\s*[）)]\s*$")
_EDITOR = re.compile(rf"(?:责任编辑|责编|编辑)\s*[:：]\s*({_NAME})")
# a body, a place, a label or software, not a person: 大汉网络, 上海报道, 山东冠县, 时间, 访问统计, Discuz! Team
_NOT_PERSON = re.compile(r"[网报社刊站台部局厅委会司院校县省市区镇乡村]$|报道$|网络$|出版|集团|公司|频道|新闻|中心"
                         r"|www|\d|^(?:时间|日期|来源|编辑|责编|浏览|阅读|点击|访问统计|字号|评论|分享|打印|关闭)$"
                         r"|\b(?:Team|Inc|Ltd|LLC|Publishers?|Foundation|Corporation|Studio|Group)\b", re.IGNORECASE)
_META_DATE_KEYS = ("article:published_time", "og:article:published_time", "og:release_date", "pubdate",
                   "publishdate", "publish_date", "publishtime", "publish-date", "datepublished", "date",
                   "dc.date", "dc.date.issued", "sailthru.date", "article.published", "weibo:article:create_at",
                   "og:time", "apub:time", "bytedance:published_time", "created")
_META_AUTHOR_KEYS = ("author", "article:author", "og:article:author", "dc.creator", "byl", "sailthru.author")
_META_SOURCE_KEYS = ("og:site_name", "source", "mediaid", "application-name", "publisher", "og:article:source")


@dataclass
class Page:
    """A page's extracted main text and metadata."""

    title: str | None = None
    text: str = ""
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    source: str | None = None
    url: str | None = None
    method: str = ""

    def as_dict(self) -> dict:
        return {"title": self.title, "text": self.text, "authors": self.authors, "published_at": self.published_at,
                "source": self.source, "url": self.url, "method": self.method}


def iso_date(text: str) -> str | None:
    """The first date in ``text`` as ISO 8601 (date, or date and time with +08:00 when a clock time is given)."""
    if not text:
        return None
    m = re.search(r"((?:19|20)\d{2})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?", text)
    if m:
        y, mo, d, h, mi, s, tz = m.groups()
        tz = "+00:00" if tz == "Z" else (tz if not tz or ":" in tz else f"{tz[:3]}:{tz[3:]}")
        return f"{y}-{mo}-{d}T{h}:{mi}:{s or '00'}{tz or '+08:00'}"
    m = _CN_DATE.search(text)
    if not m:
        return None
    y, mo, d, h, mi, s = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    if h is not None and int(h) < 24 and int(mi) < 60:
        return f"{y}-{int(mo):02d}-{int(d):02d}T{int(h):02d}:{int(mi):02d}:{int(s or 0):02d}+08:00"
    return f"{y}-{int(mo):02d}-{int(d):02d}"


def _metas(tree: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        value = (m.get("content") or "").strip()
        if key and value and key not in out:
            out[key] = value
    return out


def _json_ld(tree: etree._Element) -> list[dict]:
    found: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                found.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return found


def _names(value) -> list[str]:
    if isinstance(value, str):
        return [p.strip() for p in re.split(r"[;；,，、/|]| and ", value) if p.strip()]
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


# a reporter's role and outlet before the names a meta author field gives (南方日报记者 郑佳欣)
_ROLE_PREFIX = re.compile(r"^[\u4e00-\u9fff]{0,10}?(?:记者|通讯员)[ \u3000]*")
_SPACED_NAMES = re.compile(r"[\u4e00-\u9fff·]{2,4}(?:[ \u3000]+[\u4e00-\u9fff·]{2,4})*")


def _unroled(names: list[str]) -> list[str]:
    """Names without the role before them; Chinese names a space parts are several (记者 张三 李四: 张三, 李四)."""
    out = []
    for name in names:
        bare = _ROLE_PREFIX.sub("", name)
        out += bare.split() if bare != name and _SPACED_NAMES.fullmatch(bare) else [bare]
    return [n for n in out if n]


def _clean_title(raw: str, h1s: list[str], headings: list[str] = ()) -> str:
    """The page's headline: an <h1> the <title> holds (or that holds it), else a heading element the <title> opens
    with (<div class="title">…</div> before the site's name, which follows a mere space), else the <title> less
    the site name after a separator."""
    raw = re.sub(r"\s+", " ", raw).strip()
    for h in h1s:
        h = re.sub(r"\s+", " ", h).strip()
        if len(h) >= 4 and (h in raw and 3 * len(h) >= len(raw) or raw in h):
            return h  # not an <h1> logo that only names the site (松花江网 of 土豆不“土” 土豆无“土” 松花江网)
    for h in headings:
        h = re.sub(r"\s+", " ", h).strip()
        if len(h) >= max(4, len(raw) // 2) and raw.startswith(h):
            return h
    for crumb, last in ((_CRUMB_DOWN, True), (_CRUMB_UP, False)):
        crumbs = [p for p in crumb.split(raw) if p]
        named = [p for p in crumbs if not _GENERIC_TITLE.fullmatch(p)]  # CCTV.com- 央视论坛 :: null
        if len(crumbs) > 1 and named:  # 多维博客 » HEADLINE, 世艺网>SECTION, HEADLINE<世纪在线中国艺术网
            raw = named[-1] if last else named[0]
    parts = _TITLE_PARTS.split(raw)
    return parts[0] if parts and len(parts[0]) >= 4 else raw


# what separates a <title>'s headline from the site's name (HEADLINE_光明网, HEADLINE - 维基百科)
_TITLE_PARTS = re.compile(r"\s*(?:_|\||｜| - | – | — |--|(?<=[\u4e00-\u9fff”」）》])-(?=[\u4e00-\u9fff]))\s*")


_CRUMB_DOWN = re.compile(r"\s*(?:»|›|(?<=\S)\s*[>＞]\s*(?=\S)|\s::\s)\s*")  # from the site down to the page
_CRUMB_UP = re.compile(r"(?<=\S)\s*<\s*(?=\S)")  # from the page up to the site
# a <title> that names no article: a viewer's label, a blog or a forum, a greeting, a section of a breadcrumb
_GENERIC_TITLE = re.compile(r"^(?:显示|正文|详情|内容|文章|浏览|查看|新闻动态|新闻详情|无标题.*|null|untitled)$"
                            r"|谢谢您?访问|欢迎您?(?:光临|访问)|的(?:博客|个人空间|空间|日志|主页)$|^Blog|[>＞]",
                            re.IGNORECASE)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _title_shaped(line: str, ends: str = "。！!？?，,；;：:…") -> bool:
    """A line a headline could be: short, not ending as a sentence does, with at least four Chinese characters."""
    return len(line) <= 60 and line[-1] not in ends and sum(map(len, _CJK_RUN.findall(line))) >= 4


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


_ENUMERATED = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．])")


def weak_title(title: str | None, raw_title: str) -> bool:
    """Whether a page's title may name no article: a generic one, or one without a Chinese character (a page with
    none is titled by the clean stage, from its first headline line)."""
    return bool(title) and (bool(_GENERIC_TITLE.search(raw_title or title)) or not _CJK_RUN.search(title))


def body_title(title: str | None, raw_title: str, candidates: list[str], text: str) -> str | None:
    """The headline the body opens with, where the page's title names no article (显示, bjreader的博客, 世艺网>艺术教育)
    or, all Latin, none of a Chinese body (Joel on Software): one of the body's first three lines that a heading
    element, the <title> or its parts also give (a <strong>犬儒病(上)</strong> under <title>显示</title>), else the
    body's first line when it is headline-shaped. Numbered section heads (一、…) name no article."""
    if not weak_title(title, raw_title):
        return title
    lead = [ln.strip() for ln in text.split("\n") if ln.strip()][:3]
    lead = [ln for ln in lead if not _ENUMERATED.match(ln)]
    keys = {_key(c) for c in candidates if len(_key(c)) >= 4}
    for line in lead:
        if _title_shaped(line, "。，,；;：:") and _key(line) in keys:  # a heading may ask (谁来为无序拆房“埋单”？)
            return line.rstrip(" -_|")  # a blog's title element trails its separators (谁来为无序拆房“埋单”？- -)
    return lead[0] if lead and _title_shaped(lead[0]) and lead[0] == text.lstrip().split("\n", 1)[0].strip() \
        else title


def _candidate_titles(tree: etree._Element, raw_title: str) -> list[str]:
    """What a page offers as its headline: the <title> and its parts, and the short texts of its heading, title and
    emphasis elements."""
    found = [raw_title, *_TITLE_PARTS.split(raw_title), *_CRUMB_DOWN.split(raw_title), *_CRUMB_UP.split(raw_title)]
    for el in tree.iter("h1", "h2", "h3", "h4", "strong", "b", "font", "div", "span", "p", "td"):
        named = el.get("class", "") + " " + el.get("id", "")
        if el.tag in ("div", "span", "p", "td") and not _TITLE_CLASS.search(named):
            continue
        text = "".join(el.itertext()).strip()
        if 4 <= len(text) <= 80:
            found.append(text)
    return found


_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_SITE_NAME = re.compile(r"^[^\s，。：]{2,8}(?:网|站|频道|论坛|首页|门户)$")
_TITLE_CLASS = re.compile(r"title|headline|biaoti", re.IGNORECASE)


def _title_elements(tree: etree._Element) -> list[str]:
    """Texts of the elements whose class or id says they hold a title (<div class="title">) and of the <h2> and <h3>,
    at most 120 characters each, in page order."""
    out = []
    for el in tree.iter("div", "h2", "h3", "p", "span", "td", "strong"):
        if el.tag in ("h2", "h3") or _TITLE_CLASS.search(el.get("class", "") + " " + el.get("id", "")):
            text = "".join(el.itertext()).strip()
            if 4 <= len(text) <= 120:
                out.append(text)
    return out


def _raw_title(tree: etree._Element) -> str:
    t = tree.find(".//title")
    return re.sub(r"\s+", " ", "".join(t.itertext())).strip() if t is not None else ""


def metadata(tree: etree._Element, text_hint: str = "") -> Page:
    """Title, authors, outlet and publication date from meta tags, JSON-LD and Chinese by-lines."""
    page = Page()
    metas = _metas(tree)
    ld = _json_ld(tree)
    h1s = ["".join(h.itertext()).strip() for h in tree.iter("h1")]
    h1s = [h for h in h1s if 4 <= len(h) <= 120]
    raw_title = metas.get("og:title") or next((d.get("headline") for d in ld if isinstance(d.get("headline"), str)),
                                              None)
    if not raw_title:
        raw_title = _raw_title(tree)
    headings = _title_elements(tree)
    if raw_title and raw_title.strip():
        page.title = _clean_title(raw_title, h1s, headings)
    elif h1s:
        page.title = h1s[0]
    if page.title and _SITE_NAME.match(page.title):
        # the <title> names only the site (北医新闻网_(新闻)): the page's title element names the article
        page.title = next((h for h in headings if 6 <= len(h) <= 60 and not _SITE_NAME.match(h)), page.title)
    for d in ld:
        if not page.authors and d.get("author"):
            page.authors = _names(d["author"])
        if not page.published_at and d.get("datePublished"):
            page.published_at = iso_date(str(d["datePublished"]))
        if not page.source and d.get("publisher"):
            names = _names(d["publisher"])
            page.source = names[0] if names else None
    if not page.authors:
        for key in _META_AUTHOR_KEYS:
            names = [n for n in _unroled(_names(metas.get(key, ""))) if not _NOT_PERSON.search(n) and len(n) <= 30]
            if names:
                page.authors = names
                break
    if not page.published_at:
        for key in _META_DATE_KEYS:
            if key in metas:
                page.published_at = iso_date(metas[key])
                if page.published_at:
                    break
    if not page.source:
        for key in _META_SOURCE_KEYS:
            if key in metas:
                page.source = metas[key]
                break
    byline = _byline(tree)
    found = _byline_date(byline)
    if not page.published_at:
        page.published_at = found
    elif found and "T" not in page.published_at and found.startswith(page.published_at):
        page.published_at = found  # the meta tag gave the day, the by-line gives the time too
    labelled = [m.group(1).strip("：: ") for m in _SOURCE_LABEL.finditer(byline)]
    if labelled:
        # the first by-line's outlet, or the same outlet read from a finer element where the coarser one ran on
        # into the next element's text (来源：澎湃新闻网|1032人参与308评论)
        page.source = real_outlet(min((s for s in labelled if labelled[0].startswith(s)), key=len)) or page.source
    page.source = real_outlet(page.source)  # 来源：本站原创 names no outlet
    if not page.authors:
        page.authors = find_authors(tree)
    page.authors = list(dict.fromkeys(_CJK_GAP.sub("", n) for n in page.authors))  # 赵  培: one name, spaced out
    return page


def fallback_authors(tree: etree._Element, main_text: str) -> list[str]:
    """When no by-line names anyone: a closing （NAME） in the main text, else the page's editor."""
    for line in reversed([ln for ln in main_text.split("\n") if ln.strip()][-4:]):
        m = _TAIL_AUTHOR.search(line.strip())
        if m and _split_names(m.group(1)):
            return _split_names(m.group(1))
    m = _EDITOR.search("\n".join(_text_lines(tree)))
    return _split_names(m.group(1)) if m else []


def _split_names(group: str) -> list[str]:
    return [n for n in re.split(r"[ \u3000、,，]+", group) if n and not _NOT_PERSON.search(n)]


def find_authors(tree: etree._Element) -> list[str]:
    """Authors from Chinese by-lines: 作者：, 执笔人：, 记者 NAME NAME, [ NAME ]."""
    text = "\n".join(_text_lines(tree))
    for pattern in _AUTHOR_PATTERNS:
        for m in pattern.finditer(text):
            names = _split_names(m.group(1))
            if names:
                return names
    return []


def _text_lines(tree: etree._Element) -> list[str]:
    """The page's visible text as lines (scripts and styles left out)."""
    skip = {"script", "style", "noscript", "head", "title"}
    parts: list[str] = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in skip:
            if el.tail:
                parts.append(el.tail)
            continue
        if el.tag in ("p", "div", "br", "li", "tr", "td", "h1", "h2", "h3", "span", "font"):
            parts.append("\n")
        if el.text and (el.getparent() is None or el.getparent().tag not in skip):
            parts.append(el.text)
        if el.tail:
            parts.append(el.tail)
    return [re.sub(r"[ \t\xa0]+", " ", ln).strip() for ln in "".join(parts).split("\n")]


def _byline_date(byline: str) -> str | None:
    """The publication date of a by-line block: a labelled date among its first lines, else its first date."""
    lines = byline.split("\n")
    for line in lines[:3]:
        m = _DATE_LABEL.search(line)
        if m:
            found = iso_date(line[m.end():])
            if found:
                return found
    for line in lines:
        found = iso_date(line)
        if found:
            return found
    return None


def _byline(tree: etree._Element) -> str:
    """Short text lines near the headline that hold dates, sources and authors."""
    lines: list[str] = []
    for el in tree.iter("div", "span", "p", "td", "font", "em", "time", "small", "i"):
        t = "".join(el.itertext()) if len(el) < 12 else (el.text or "")
        t = re.sub(r"\s+", " ", t).strip()
        if 6 <= len(t) <= 120 and (_CN_DATE.search(t) or _SOURCE_LABEL.search(t) or "作者" in t or "记者" in t):
            lines.append(t)
            if len(lines) >= 12:
                break
    return "\n".join(lines)


# --- main text -----------------------------------------------------------------------------------------------
def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def run_trafilatura(html: str, url: str | None = None) -> str:
    """trafilatura's main text ('' on failure)."""
    import trafilatura

    try:
        text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True, favor_recall=True,
                                   deduplicate=False)
    except Exception as exc:  # noqa: BLE001 - trafilatura raises many kinds on broken markup
        logger.warning("trafilatura failed on %s: %s", url or "page", exc)
        return ""
    return text or ""


def containment(small: str, big: str, n: int = 4) -> float:
    """Share of ``small``'s character n-grams that occur in ``big`` (whitespace removed)."""
    a, b = _squash(small), _squash(big)
    if len(a) < n:
        return 1.0 if a and a in b else 0.0
    grams_b = {b[i:i + n] for i in range(len(b) - n + 1)}
    grams_a = [a[i:i + n] for i in range(len(a) - n + 1)]
    return sum(g in grams_b for g in grams_a) / len(grams_a)


DENSITY_MIN_SHARE = 0.5
LINK_LINE_SHARE = 0.7


def choose(traf: str, dens: str) -> tuple[str, str]:
    """Pick trafilatura's or the density text (see the module docstring); return (text, method)."""
    lt, ld = len(_squash(traf)), len(_squash(dens))
    if lt == 0:
        return dens, "density"
    if ld == 0:
        return traf, "trafilatura"
    # The density block lies inside trafilatura's text and holds most of it: trafilatura kept boilerplate.
    if ld >= DENSITY_MIN_SHARE * lt and containment(dens, traf) >= 0.9:
        return dens, "density"
    # trafilatura found (almost) nothing where the density block is a real article.
    if lt < 100 <= ld:
        return dens, "density"
    return traf, "trafilatura"


def anchor_texts(tree: etree._Element) -> list[str]:
    """Texts of the page's links (whitespace removed, 2+ characters), longest first."""
    found = {_squash("".join(a.itertext())) for a in tree.iter("a")}
    return sorted((t for t in found if len(t) >= 2), key=len, reverse=True)


def drop_link_lines(text: str, anchors: list[str], share: float = LINK_LINE_SHARE) -> str:
    """Drop lines that are mostly link text (navigation bars, related-article lists)."""
    if not anchors:
        return text
    kept = []
    for line in text.split("\n"):
        flat = _squash(line)
        if not flat:
            continue
        rest = flat
        for a in anchors:
            if a in rest:
                rest = rest.replace(a, "")
        if len(flat) >= 4 and len(rest) < (1 - share) * len(flat):
            continue
        kept.append(line)
    return "\n".join(kept)


@functools.cache
def _edge_patterns() -> tuple[re.Pattern, ...]:
    import yaml

    path = resources.files("zhiku") / "data" / "page_noise.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(re.compile(p) for p in data["edge_lines"])


_TABLE_CELL = re.compile(r"\s*\|\s*")


def untable(text: str) -> str:
    """trafilatura writes layout tables as ``| a | b |`` rows: keep the cells' text, drop the empty rows."""
    out = []
    for line in text.split("\n"):
        if "|" in line and line.lstrip().startswith("|"):
            line = " ".join(c for c in _TABLE_CELL.split(line) if c.strip())
        if line.strip():
            out.append(line)
    return "\n".join(out)


def trim_edges(text: str, head: int = 6, tail: int = 10) -> str:
    """Drop page furniture (by-lines, 原标题, 责任编辑, share bars …) from the first and last lines of a text."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    patterns = _edge_patterns()

    def noise(line: str) -> bool:
        line = re.sub(r"\s+", " ", line).strip()
        return len(line) <= 120 and "。" not in line and any(p.search(line) for p in patterns)

    start = 0
    while start < min(head, len(lines)) and noise(lines[start]):
        start += 1
    end = len(lines)
    while end > start and len(lines) - end < tail and noise(lines[end - 1]):
        end -= 1
    return "\n".join(lines[start:end])


def extract_page(html: str, url: str | None = None, mode: str = "auto") -> Page:
    """Main text and metadata of a decoded page; ``mode`` is auto, trafilatura or density."""
    tree = parse_html(html)
    traf = run_trafilatura(html, url) if mode in ("auto", "trafilatura") else ""
    dens = ""
    if tree is not None:
        page = metadata(tree)
        raw_title = _raw_title(tree)
        # read before clean_tree drops the <title> and the chrome
        candidates = _candidate_titles(tree, raw_title) if weak_title(page.title, raw_title) else []
        if mode in ("auto", "density"):
            clean_tree(tree)
            dens = extract_density(tree)
    else:
        page = Page()
    if mode == "trafilatura":
        page.text, page.method = traf, "trafilatura"
    elif mode == "density":
        page.text, page.method = dens, "density"
    else:
        page.text, page.method = choose(traf, dens)
        if tree is not None:
            page.text = drop_link_lines(untable(page.text), anchor_texts(tree)) or page.text
    if page.text and mode == "auto":
        page.text = trim_edges(page.text) or page.text
    if tree is not None and not page.authors and page.text:
        page.authors = fallback_authors(tree, page.text)
    if tree is not None and page.text:
        page.title = body_title(page.title, raw_title, candidates, page.text)
    if not page.text and tree is not None:
        body = tree.find(".//body")
        page.text, page.method = block_text(body if body is not None else tree), "all-text"
    page.url = url
    return page
