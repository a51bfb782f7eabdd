"""Sentence units for summarizing: cleaned sentence text, character bigrams, similarity and compression.

A unit keeps the index of its sentence in ``split_sentences(record.text)`` so that summaries and events
point at real sentences. Glued headings ("关键技术加快突破关键技术加快突破人工智能是…") and repeated
sentences are handled here, so the rankers see each statement once. ``Overlaps`` counts the bigrams every
pair of texts shares, over integer bigram codes rather than sets of strings.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain

import numpy as np
from scipy.sparse import csr_matrix

from ..text.arrays import run_starts, word_chars
from ..text.sentences import split_sentences

# A heading glued in front of a sentence: "XX　　body", "XXXX body" or "XXXXbody" with XX repeated.
_DOUBLED_HEAD = re.compile(r"^(?P<h>[^，。！？；：,]{2,20}?)[\s　]*(?P=h)[\s　]*")
_SPACED_HEAD = re.compile(r"^(?P<h>[^，。！？；：,]{2,24})[\s　]{2,}")
_SOURCE_HEAD = re.compile(r"^(?:来源丨[^\s　]+|视觉中国供图\s*图文无关|[^，。]{0,12}供图)[\s　]*")
_REPORTER = re.compile(r"^[^，。]{0,12}(?:记者|通讯员)(?:[\s　]*[\u4e00-\u9fff]{2,3}){1,3}[\s　]+")
_BOILER = re.compile(r"举报/反馈|转载请注明出处|版权声明|责任编辑|原标题")
_WORD = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")
_NOT_WORD = re.compile(r"\W")

# Leading connectives that make no sense once a sentence stands alone.
CONNECTIVES = (
    "与此同时", "除此之外", "不仅如此", "总的来说", "总而言之", "值得一提的是", "值得注意的是", "受此影响", "据悉",
    "据了解", "据介绍", "据统计", "此外", "另外", "同时", "因此", "所以", "那么", "而且", "并且", "其中", "对此",
    "然而", "但是", "不过", "比如说", "比如", "例如", "譬如", "而", "并", "但", "且",
)
# a roundup item's outlet in square brackets before its headline (【21世纪经济报道】联合国…): its source, not a heading
_OUTLET = r"[^【】#\n]{2,12}?(?:报道|日报|晚报|早报|时报|商报|周刊|周报|报|网|社|电视台|新闻|财经|在线|客户端)"
OUTLET_BRACKET = re.compile(f"^【(?P<outlet>{_OUTLET})】")
# a roundup item's heading in square brackets before its text (【智谱发布GLM-4.5】7月28日，…)
BRACKET_HEADING = re.compile(f"^(?!【{_OUTLET}】)【#?(?P<heading>[^【】#\n]{{2,30}}?)#?】")  # topic marks left out
_CONNECTIVE = re.compile("^(?:" + "|".join(CONNECTIVES) + ")[，,]?")
# "XX表示，" / "XX认为，": a reporting attribution, dropped when what follows is a full statement.
_ATTRIBUTION = re.compile(
    r"^(?P<who>[^，。；：“”]{2,40}?)(?:在[^，。；]{2,30}?(?:时|上|中))?"
    r"(?:表示|认为|指出|介绍|透露|说|称|强调|分析|坦言|直言|告诉记者)[，：:]\s*"
)
_QUOTE_OPEN = "“「『"
# what an attribution directs or announces, which needs who: 会议指出，要加快…; 法国航空公司表示，10日将取消…
_DIRECTIVE = re.compile(r"(?:\d{1,2}月\d{1,2}日|\d{1,2}日|今年|明年|近期)?起?(?:要|应|必须|需要|务必|将|计划|拟)")


@dataclass
class Unit:
    """One sentence as the summarizer sees it."""

    index: int
    text: str  # sentence text with glued headings and bylines removed
    position: float  # 0 at the start of the body, 1 at its end
    paragraph: int

    @cached_property
    def grams(self) -> frozenset[str]:
        """The bigrams of ``text`` (the rankers count them through ``Overlaps.of_texts`` instead)."""
        return bigrams(self.text)


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams over letters, digits and CJK (punctuation dropped)."""
    chars = _WORD.findall(text)
    return frozenset(map(operator.add, chars, chars[1:]))


def bigram_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(text number, bigram code) of each distinct bigram of each text, as ``bigrams`` finds them, sorted by
    code and then by text (the order ``shared_counts`` groups them in).

    A code is ``first << 16 | second`` (both code points are below 0x10000), so equal codes mean equal bigrams.
    """
    joined = "\n".join(texts)  # the separator is no word character; pairs never cross texts (owner check)
    points = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    owner = np.repeat(np.arange(len(texts), dtype=np.int64), [len(t) + 1 for t in texts])[: len(points)]
    keep = np.flatnonzero(word_chars(points))  # what ``_WORD`` matches
    chars, owner = points[keep].astype(np.int64), owner[keep]
    same = owner[1:] == owner[:-1]
    # A 32-bit code above a 31-bit text number: one sort orders by code, then text.
    keys = np.sort(((((chars[:-1] << 16) | chars[1:]) << 31) | owner[:-1])[same])
    keys = keys[run_starts(keys)]  # distinct, already sorted
    return keys & 0x7FFFFFFF, keys >> 31


PAIRS_COUNTED = 20_000  # up to this many sharing pairs, counting them beats the fixed cost of a sparse product


def shared_counts(rows: np.ndarray, cols: np.ndarray, n: int, by_column: bool = False) -> np.ndarray:
    """``counts[i, j]``: how many columns rows ``i`` and ``j`` of an incidence share (0 on the diagonal).

    ``rows``/``cols`` list the incidence's entries, none twice; ``by_column`` says they are already sorted by
    column. Each column held by k rows adds one to the k² cells of its row pairs: counted directly for a
    small text, by a sparse product for a large one (whole numbers either way, whatever the order in a column).
    """
    if not by_column:
        order = np.argsort(cols, kind="stable")
        rows, cols = rows[order], cols[order]
    begins = np.flatnonzero(run_starts(cols))
    sizes = np.diff(begins, append=len(cols))
    if int((sizes * sizes).sum()) > PAIRS_COUNTED:
        by_column = csr_matrix((np.ones(len(rows)), rows, np.append(begins, len(rows))), shape=(len(begins), n))
        common = (by_column.T @ by_column).toarray()
    else:
        shared = sizes > 1  # a column of one row adds nothing off the diagonal
        common = _pair_counts(rows, begins[shared], sizes[shared], n).reshape(n, n).astype(np.float64)
    np.fill_diagonal(common, 0.0)
    return common


def _pair_counts(rows: np.ndarray, begins: np.ndarray, sizes: np.ndarray, n: int) -> np.ndarray:
    """Flat n×n counts of the row pairs within each run ``rows[begin : begin + size]``."""
    squares = sizes * sizes
    run = np.repeat(np.arange(len(sizes)), squares)  # the run of each pair
    local = np.arange(len(run)) - np.repeat(np.cumsum(squares) - squares, squares)  # its number in the run
    first = rows[begins[run] + local // sizes[run]]
    second = rows[begins[run] + local % sizes[run]]
    return np.bincount(first * n + second, minlength=n * n)


class Overlaps:
    """Bigrams shared by every pair of texts and each text's bigram count.

    ``common[i, j]`` is ``len(a & b)`` for the bigram sets of texts i and j (0 on the diagonal) and
    ``sizes[i]`` is ``len(a)``; ``cosine`` gives what ``cosine(a, b)`` gives on the sets.
    """

    def __init__(self, rows: np.ndarray, cols: np.ndarray, n: int, by_column: bool = False):
        """(text, bigram id) of each bigram of each of ``n`` texts, none twice (sorted by id: ``by_column``)."""
        self.sizes: np.ndarray = np.bincount(rows, minlength=n)
        self.common: np.ndarray = shared_counts(rows, cols, n, by_column)

    @classmethod
    def of_texts(cls, texts: Sequence[str]) -> Overlaps:
        """The overlaps of the bigram sets ``bigrams(t)`` of ``texts``, without building those sets."""
        rows, codes = bigram_codes(texts)
        return cls(rows, codes, len(texts), by_column=True)

    @classmethod
    def of_sets(cls, items: Sequence[frozenset[Hashable]]) -> Overlaps:
        """The overlaps of given bigram sets."""
        lengths = np.fromiter(map(len, items), dtype=np.int64, count=len(items))
        ids = {g: i for i, g in enumerate(frozenset().union(*items))}
        cols = np.fromiter(map(ids.__getitem__, chain.from_iterable(items)), dtype=np.int64,
                           count=int(lengths.sum()))
        return cls(np.repeat(np.arange(len(items)), lengths), cols, len(items))

    def cosine(self, i: int, j: int) -> float:
        """``cosine`` of the bigram sets of texts ``i`` and ``j`` (``i != j``)."""
        size = int(self.sizes[i] * self.sizes[j])
        return float(self.common[i, j]) / math.sqrt(size) if size else 0.0

    def cosines(self, j: int) -> list[float]:
        """``cosine`` of every text's bigram set with that of text ``j`` (0.0 for ``j`` itself)."""
        sizes = (self.sizes * self.sizes[j]).astype(np.float64)
        out = np.zeros(len(sizes))
        np.divide(self.common[:, j], np.sqrt(sizes), out=out, where=sizes > 0)
        return out.tolist()


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


# Something each pattern of ``strip_heading`` needs (a space, a byline or source word); most sentences have none.
_HEAD_HINT = re.compile(r"[\s　]|记者|通讯员|供图|来源丨")
# A list bullet before a sentence (■山东已有…, ●一是…): typography, not text.
_BULLETS = "■□●○◆◇▲△▶►▸★☆※•◎▪➤·"
_BULLET = re.compile(f"^[{_BULLETS}][\\s　]*")


def strip_heading(text: str) -> str:
    """Remove a bullet, heading, source line or byline glued in front of a sentence."""
    if text and text[0] in _BULLETS:
        text = _BULLET.sub("", text, count=1)
    if not _HEAD_HINT.search(text) and text.find(text[:2], 2) < 0:
        return text  # no pattern can match, nothing to strip (a doubled heading repeats the first two characters)
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
        key = _NOT_WORD.sub("", body)
        if len(key) < 6 or key in seen or body.count("|") >= 2:
            continue  # short, said before, or a row of a table pasted as text (| 月之暗面 | C轮 | 约12亿美元 |)
        seen.add(key)
        out.append(Unit(s.index, body, s.index / total, s.paragraph))
    return out


def is_question(text: str) -> bool:
    return text.rstrip("”’」』").endswith(("？", "?"))


def attribution(text: str) -> str | None:
    """Who a sentence is attributed to ("陶青表示，…" gives 陶青…), or None."""
    m = _ATTRIBUTION.match(_CONNECTIVE.sub("", text, count=1))
    return m.group("who") if m else None


_ANSWER_MARK = re.compile(r"^(?:答|回答)[：:]\s*")  # a press Q&A's answer (答：人形机器人集成…): the answer is the news
_POINTS_BACK = ("其", "他", "她", "他们", "她们", "该")  # a pronoun opening what was said: who said it is needed


@lru_cache(maxsize=4096)
def compress(text: str, directive: bool = False) -> str:
    """Drop a leading connective and a reporting attribution that is not the news itself; with ``directive``, keep
    the attribution of a directive, which needs who gave it (会议指出，要加快… reads as such in a summary).

    Kept per text: the summary, the event candidates and the event descriptions compress the same sentences.
    """
    text = _CONNECTIVE.sub("", _ANSWER_MARK.sub("", text, count=1), count=1)
    m = _ATTRIBUTION.match(text)
    if m:
        rest = text[m.end():]
        # Keep the attribution when the rest is a quotation, a directive that needs who gave it (会议指出，要…),
        # points back to who said it (原告诉称，其发现…), or is too short to stand alone.
        if len(rest) >= 15 and not rest.startswith(tuple(_QUOTE_OPEN)) and not rest.startswith(_POINTS_BACK) and not (
                directive and _DIRECTIVE.match(rest)):
            text = _CONNECTIVE.sub("", rest, count=1)
    return ended(text.strip())


def ended(text: str) -> str:
    """``text`` with the full stop ``compress`` gives it: a trailing ，；： becomes 。, a missing stop is added, also
    after a closing quote or bracket that no stop precedes (人才链“多链融合” → 人才链“多链融合”。, but 他说：“好。”)."""
    if text and text[-1] in "；;，,：:":
        return text[:-1] + "。"
    if text and text[-1] not in "。！？!?…”’」』）)":
        return text + "。"
    if text and text[-1] in "”’」』）)" and text.rstrip("”’」』）)")[-1:] not in "。！？!?…":
        return text + "。"
    return text
