"""The offline summary: TextRank over bigram similarity, plus position and title terms, MMR, compression.

No model and no network. The summary is two or three sentences of the body (one for a short post),
each lightly compressed; the sentence indices it came from are kept for verification and evidence.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..text.posts import ITEM_NUMBER, POST_HEADING
from ..text.sentences import IN_NUMBER, split_sentences
from .units import Overlaps, Unit, bigrams, compress, cosine, is_question, units

DAMPING = 0.85
ITERATIONS = 40
# Weights of the ranking terms; tuned for news leads, not for any benchmark case.
W_RANK, W_POSITION, W_TITLE = 0.45, 0.3, 0.25
MMR_LAMBDA = 0.7
SHORT_TEXT = 300  # below this many characters a body gets a headline-sized summary
MAX_UNITS = 300  # sentences ranked at most: TextRank is quadratic, and news puts the news first


@dataclass
class Summary:
    """A summary and the sentence indices each of its sentences came from."""

    text: str
    sentences: list[list[int]]  # one list of source sentence indices per summary sentence
    parts: list[str]


def textrank(items: Sequence[frozenset[Hashable]]) -> list[float]:
    """PageRank over the sentence-similarity graph (weights as ``units.similarity``); scores sum to about 1."""
    return _pagerank(Overlaps.of_sets(items), len(items)) if items else []


def _pagerank(overlaps: Overlaps, n: int) -> list[float]:
    """TextRank scores of the first ``n`` texts of ``overlaps`` (any further text, the title, takes no part).

    Shared-bigram counts of every pair come from ``Overlaps``; the power iteration runs on the dense
    (at most ``MAX_UNITS``²) transition matrix. Each step is ``base + DAMPING * (scores @ transition)`` with
    those roundings, made in place in a row of ``steps``; the steps' changes are compared with the tolerance
    once, after ``ITERATIONS`` steps, and the scores are the first step that changed less (or the last).
    """
    common = overlaps.common[:n, :n]
    logs = np.log(overlaps.sizes[:n] + 1.0)
    denominator = logs[:, None] + logs[None, :]  # 0 only between two empty texts, which share nothing
    weights = np.divide(common, denominator, out=np.zeros(denominator.shape), where=denominator > 0)
    out_sum = weights.sum(axis=1)
    # transition[j, i] = w_ji / out_sum_j; a sentence linked to nothing passes nothing on
    transition = np.divide(weights, out_sum[:, None], out=np.zeros_like(weights), where=out_sum[:, None] > 0)
    damping, base = np.full(n, DAMPING), np.full(n, (1 - DAMPING) / n)  # arrays: faster operands than floats
    steps = np.empty((ITERATIONS + 1, n))
    steps[0] = 1.0 / n
    for scores, new in zip(steps[:-1], steps[1:], strict=True):
        scores.dot(transition, new)
        np.multiply(damping, new, new)
        np.add(base, new, new)
    settled = np.flatnonzero(np.abs(steps[1:] - steps[:-1]).max(axis=1) < 1e-6)
    return steps[settled[0] + 1 if len(settled) else ITERATIONS].tolist()


def _normalized(values: list[float]) -> list[float]:
    top = max(values, default=0.0)
    return [v / top if top > 0 else 0.0 for v in values]


# how a feature sets its scene before its news (走进…, 来到…, 记者走进…)
SCENE_OPENERS = ("走进", "来到", "步入", "走入", "记者走进", "记者来到", "推开", "清晨，", "傍晚，", "初冬时节",
                 "盛夏时节")


def score_units(items: list[Unit], overlaps: Overlaps) -> list[float]:
    """Combined score of each unit: centrality, closeness to the start, similarity to the title.

    ``overlaps`` holds the units' texts and then the title's (``Ranking.of``).
    """
    n = len(items)
    rank = _normalized(_pagerank(overlaps, n))
    title_sim = _normalized(overlaps.cosines(n)[:n])  # all 0.0 when the title has no bigram
    scores = []
    for u, r, t in zip(items, rank, title_sim, strict=True):
        position = 1.0 / (1.0 + 4.0 * u.position) if n > 1 else 1.0
        s = W_RANK * r + W_POSITION * position + W_TITLE * t
        length = len(u.text)
        if is_question(u.text):
            s *= 0.3
        if length < 12:
            s *= 0.4
        elif length > 160:
            s *= 0.8
        if u.text.startswith(("“", "「")):
            s *= 0.7
        if u.text.startswith(SCENE_OPENERS):
            s *= 0.3  # 走进位于苏州工业园区的某工厂，机械臂…: a feature's scene, not its news
        scores.append(s)
    return scores


@dataclass(frozen=True)
class Ranking:
    """The first ``MAX_UNITS`` units of a text, their scores, and the bigram overlaps of their texts."""

    items: list[Unit]
    scores: list[float]
    overlaps: Overlaps  # the units' texts, then the title's

    @classmethod
    def of(cls, text: str, title: str | None) -> Ranking:
        items = units(text)[:MAX_UNITS]
        overlaps = Overlaps.of_texts([*(u.text for u in items), title or ""])
        return cls(items, score_units(items, overlaps) if items else [], overlaps)


@lru_cache(maxsize=32)
def ranked_units(text: str, title: str | None) -> Ranking:
    """The ranking of ``text``'s units (cached: summary and events share it)."""
    return Ranking.of(text, title)


def mmr_select(ranking: Ranking, budget_chars: int, max_sentences: int) -> list[int]:
    """Pick unit positions by maximal marginal relevance until the sentence or character budget is met."""
    items, scores = ranking.items, ranking.scores
    chosen: list[int] = []
    used = 0
    candidates = set(range(len(items)))
    redundancy = [0.0] * len(items)  # highest similarity to a chosen unit, kept up to date as units are chosen
    while candidates and len(chosen) < max_sentences:
        best, best_value = None, float("-inf")
        for i in candidates:
            value = MMR_LAMBDA * scores[i] - (1 - MMR_LAMBDA) * redundancy[i]
            if value > best_value:
                best, best_value = i, value
        assert best is not None
        candidates.discard(best)
        length = len(compress(items[best].text))
        if chosen and used + length > budget_chars:
            continue
        chosen.append(best)
        used += length
        similar = ranking.overlaps.cosines(best)
        for i in candidates:
            redundancy[i] = max(redundancy[i], similar[i])
    return sorted(chosen, key=lambda i: items[i].index)


_CLAUSE = re.compile(rf"[^，,；;：:]+(?:{IN_NUMBER}[^，,；;：:]*)*[，,；;：:]?")


def _trim(text: str, limit: int) -> str:
    """Cut a long sentence at a clause boundary so that it fits ``limit`` characters."""
    if len(text) <= limit:
        return text
    out = ""
    for clause in _CLAUSE.findall(text):
        if len(out) + len(clause) > limit - 1:
            break
        out += clause
    out = out.rstrip("，,；;：: ") or text[: limit - 1]
    return compress(out)


HEADLINE_CHARS = 30  # a short post's summary is headline-sized
HEADLINE_POSITION = 0.05
_SAME_CLAUSE = 0.7  # bigram cosine above which two clauses of a post say the same
# clauses, a post's 【headline】 one of its own
_CLAUSE_SPAN = re.compile(r"【[^【】\n]{1,40}】|[^，,；;：:。！？!?\n]+?(?:[，,；;：:。！？!?]|(?=【)|$)")
_TOPICS_ONLY = re.compile(r"^\s*(?:#[^#\n]{1,30}#\s*)+[。！？!?]?$")  # #人工智能# #大模型#: a post's topic tags
_TOPIC_MARKS = re.compile(r"#([^#\n]{1,30})#")
# Short clauses that only say who reported or when ("据消息人士透露，", "春节前，"): not news in a headline.
# a clause that only says who speaks (宇树科技创始人王兴兴此前表示，): what they said is the news
_SPEAKER_CLAUSE = re.compile(r"(?:表示|透露|指出|认为|强调|介绍|称|说)[，,：:]$")
_REPORTING = re.compile(
    r"透露|表示|称|据|认为|介绍|指出|强调|日前|近日|记者|报道|消息|显示|了解|分析"
    r"|^\s*(?:今年|去年|目前|当前|近年来|春节前|此前|随后|同时|此外|其中)|^\s*\d{1,4}[年月日]"
)


def headline(text: str, budget: int = HEADLINE_CHARS) -> Summary:
    """A short post's summary: its most central clauses, in order, up to ``budget`` characters."""
    spans = [(m.start(), m.group(0)) for m in _CLAUSE_SPAN.finditer(text)
             if len(m.group(0).strip()) > 1 and not ("#" in m.group(0) and _TOPICS_ONLY.match(m.group(0)))]
    kept = [(at, c) for at, c in spans
            if not (len(c) <= 9 and _REPORTING.search(c) or _SPEAKER_CLAUSE.search(c))] or spans
    if not kept:
        return Summary("", [], [])
    grams = [bigrams(c) for _, c in kept]
    n = len(kept)
    scores = [
        sum(cosine(grams[i], grams[j]) for j in range(n) if j != i) / max(1, n - 1) + HEADLINE_POSITION / (1 + i)
        for i in range(n)
    ]
    chosen: list[int] = []
    used = 0
    for i in sorted(range(n), key=lambda i: -scores[i]):
        if chosen and used + len(kept[i][1]) > budget:
            continue
        if any(cosine(grams[i], grams[j]) > _SAME_CLAUSE for j in chosen):
            continue  # 一、…公益活动，二、…公益活动: a clause said again says nothing new
        chosen.append(i)
        used += len(kept[i][1])
    chosen.sort()
    body = "".join(kept[i][1] for i in chosen).strip()
    out = compress(_TOPIC_MARKS.sub(r"\1", body) if "#" in body else body)  # 【#DeepSeek发布V3.1#】 → 【DeepSeek…】
    sentences = split_sentences(text)
    ids = sorted({s.index for i in chosen for s in sentences if s.start <= kept[i][0] < s.end + 1})
    return Summary(out, [ids], [out])


def summarize(text: str, title: str | None = None, max_chars: int = 200, max_sentences: int = 3) -> Summary:
    """Two or three compressed sentences of ``text`` (a headline-sized one for a short post: one paragraph under
    ``SHORT_TEXT`` characters; a short article of several paragraphs gets sentences)."""
    if len(text) < SHORT_TEXT and "\n" not in text.strip():
        rest = _without_own_heading(text, title)
        if rest == text:
            return headline(text)
        text = rest  # titled by its own 【headline】 already: its sentences say the rest
    ranking = ranked_units(text, title)
    items = ranking.items
    if not items:
        return Summary("", [], [])
    chosen = mmr_select(ranking, max_chars, max_sentences)
    news = [i for i in chosen if not items[i].text.startswith(SCENE_OPENERS)]
    chosen = news or chosen  # a feature's scene goes when its news is chosen too
    parts = [ITEM_NUMBER.sub("", compress(items[i].text, True)) for i in chosen]
    if len(parts) == 1:
        parts = [_trim(parts[0], max_chars)]
    return Summary("".join(parts), [[items[i].index] for i in chosen], parts)


_SPACES = re.compile(r"\s+")
_TRAILING_TOPICS = re.compile(r"(?:\s*#[^#\n]{1,20}#)+\s*$")


def _without_own_heading(text: str, title: str | None) -> str:
    """A post without the topics and the 【headline】 it opens with when that headline is its title already (#人工智能#
    【宇树科技完成C轮融资】据…: the summary is of its sentences, which say what the title does not)."""
    m = POST_HEADING.match(text)
    if m is None or not title or _SPACES.sub("", m.group("heading")) != _SPACES.sub("", title):
        return text
    rest = _TRAILING_TOPICS.sub("", text[m.end():])  # …调整。#人工智能# #大模型#
    return rest if len(rest.strip()) >= 10 else text


def lead(text: str, n: int = 1) -> str:
    """Baseline: the first ``n`` sentences as they are."""
    return "".join(s.text for s in split_sentences(text)[:n])


def plain_textrank(text: str, n: int = 1) -> str:
    """Baseline: the ``n`` most central sentences by TextRank alone, in text order."""
    sentences = split_sentences(text)
    scores = textrank([bigrams(s.text) for s in sentences])
    best = sorted(range(len(sentences)), key=lambda i: -scores[i])[:n]
    return "".join(sentences[i].text for i in sorted(best))
