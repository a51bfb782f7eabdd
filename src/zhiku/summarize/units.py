"""Sentence units for summarizing: cleaned sentence text, character bigrams, similarity and compression.

A unit keeps the index of its sentence in ``split_sentences(record.text)`` so that summaries and events
point at real sentences. Glued headings ("关键技术加快突破关键技术加快突破人工智能是…") and repeated
sentences are handled here, so the rankers see each statement once.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..text.sentences import split_sentences

# A heading glued in front of a sentence: "XX　　body", "XXXX body" or "XXXXbody" with XX repeated.
_DOUBLED_HEAD = re.compile(r"^(?P<h>[^，。！？；：,]{2,20}?)[\s　]*(?P=h)[\s　]*")
_SPACED_HEAD = re.compile(r"^(?P<h>[^，。！？；：,]{2,24})[\s　]{2,}")
_SOURCE_HEAD = re.compile(r"^(?:来源丨[^\s　]+|视觉中国供图\s*图文无关|[^，。]{0,12}供图)[\s　]*")
_REPORTER = re.compile(r"^[^，。]{0,12}(?:记者|通讯员)(?:[\s　]*[\u4e00-\u9fff]{2,3}){1,3}[\s　]+")
_BOILER = re.compile(r"举报/反馈|转载请注明出处|版权声明|责任编辑|原标题")
_WORD = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")

# Leading connectives that make no sense once a sentence stands alone.
CONNECTIVES = (
    "与此同时", "除此之外", "不仅如此", "总的来说", "总而言之", "值得一提的是", "值得注意的是", "据悉",
    "据了解", "据介绍", "据统计", "此外", "另外", "同时", "因此", "所以", "那么", "而且", "并且", "其中", "对此",
    "然而", "但是", "不过", "而", "并", "但", "且",
)
_CONNECTIVE = re.compile("^(?:" + "|".join(CONNECTIVES) + ")[，,]?")
# "XX表示，" / "XX认为，": a reporting attribution, dropped when what follows is a full statement.
_ATTRIBUTION = re.compile(
    r"^(?P<who>[^，。；：“”]{2,40}?)(?:在[^，。；]{2,30}?(?:时|上|中))?"
    r"(?:表示|认为|指出|介绍|透露|说|称|强调|分析|坦言|直言|告诉记者)[，：:]\s*"
)
_QUOTE_OPEN = "“「『"


@dataclass
class Unit:
    """One sentence as the summarizer sees it."""

    index: int
    text: str  # sentence text with glued headings and bylines removed
    position: float  # 0 at the start of the body, 1 at its end
    paragraph: int
    grams: frozenset[str] = field(default_factory=frozenset)


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams over letters, digits and CJK (punctuation dropped)."""
    chars = _WORD.findall(text)
    return frozenset(a + b for a, b in zip(chars, chars[1:], strict=False))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """TextRank's overlap normalized by log lengths (Mihalcea & Tarau 2004), on bigram sets."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    if not common:
        return 0.0
    return common / (math.log(len(a) + 1) + math.log(len(b) + 1))


def cosine(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / math.sqrt(len(a) * len(b))


def strip_heading(text: str) -> str:
    """Remove a heading, source line or byline glued in front of a sentence."""
    for _ in range(3):
        before = text
        m = _DOUBLED_HEAD.match(text)
        if m and len(text) > m.end() + 4:
            text = text[m.end():]
        m = _SPACED_HEAD.match(text)
        if m and len(text) > m.end() + 4:
            text = text[m.end():]
        text = _SOURCE_HEAD.sub("", text, count=1)
        text = _REPORTER.sub("", text, count=1)
        text = text.strip(" 　")
        if text == before:
            break
    return text


def units(text: str) -> list[Unit]:
    """Sentences worth ranking: headings stripped, repeats and boilerplate skipped, order kept."""
    sentences = split_sentences(text)
    total = max(len(sentences) - 1, 1)
    seen: set[str] = set()
    out: list[Unit] = []
    for s in sentences:
        body = strip_heading(s.text)
        if _BOILER.search(body):
            body = _BOILER.split(body)[0].strip()
        key = re.sub(r"\W", "", body)
        if len(key) < 6 or key in seen:
            continue
        seen.add(key)
        out.append(Unit(s.index, body, s.index / total, s.paragraph, bigrams(body)))
    return out


def is_question(text: str) -> bool:
    return text.rstrip("”’」』").endswith(("？", "?"))


def attribution(text: str) -> str | None:
    """Who a sentence is attributed to ("陶青表示，…" gives 陶青…), or None."""
    m = _ATTRIBUTION.match(_CONNECTIVE.sub("", text, count=1))
    return m.group("who") if m else None


def compress(text: str) -> str:
    """Drop a leading connective and a reporting attribution that is not the news itself."""
    text = _CONNECTIVE.sub("", text, count=1)
    m = _ATTRIBUTION.match(text)
    if m:
        rest = text[m.end():]
        # Keep the attribution when the rest is a quotation or too short to stand alone.
        if len(rest) >= 15 and not rest.startswith(tuple(_QUOTE_OPEN)):
            text = _CONNECTIVE.sub("", rest, count=1)
    text = text.strip()
    if text and text[-1] in "；;，,：:":
        text = text[:-1] + "。"
    elif text and text[-1] not in "。！？!?…”’」』）)":
        text += "。"
    return text
