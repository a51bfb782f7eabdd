"""Keywords: 5-10 terms per article from TF-IDF (zhiku's IDF table) combined with TextRank.

Candidates are single words and short compounds (贯流风机, 智能算力规模) read from the segmenter's
parts of speech; a candidate is never a stopword, and starts and ends with none (a few generic heads
may end a compound: 数值分析). Each candidate gets features: TF-IDF (occurrences, the title counting
``TITLE_BOOST`` times, times the IDF of ``data/lexicon/idf.tsv``), TextRank (PageRank over a word
co-occurrence graph), title and lead position, boundaries and length. They are combined linearly with
``WEIGHTS``, fitted by ``bench/fit_keywords.py`` (logistic regression on CSL author keywords). Two
surface forms of one taxonomy concept in an article (大语言模型 and 大模型, or LLM) become one keyword
under the concept's label.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..record import Keyword, Record

logger = logging.getLogger(__name__)

VERSION = "1"
TOP_K = 8
MIN_K = 5
TITLE_BOOST = 2.0  # an occurrence in the title counts this many times
LEAD_CHARS = 120
MAX_TOKENS = 4
NESTED_MAX_CHARS = 600  # up to this length a keyword may contain another (abstracts); longer texts skip nesting
MAX_CHARS = 12
WINDOW = 5
HMM = True  # jieba's HMM finds unknown words (偏心涡); measured better on CSL than the dictionary alone

# jieba part-of-speech tags that may stand inside a candidate, and those that may end one.
_INNER_POS = ("n", "v", "a", "b", "eng", "j", "l", "i", "z")
_HEAD_POS = ("n", "vn", "eng", "j", "l", "nz", "an")
_ALNUM = re.compile(r"[0-9A-Za-z\u4e00-\u9fff]")
_NUMERIC = re.compile(r"^[\d.,%]+$|^\d")


def _data_text(*parts: str) -> str | None:
    node = resources.files("zhiku").joinpath("data", *parts)
    return node.read_text(encoding="utf-8") if node.is_file() else None


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """Words that are never a keyword nor the edge of one (``data/lexicon/stopwords.txt``)."""
    text = _data_text("lexicon", "stopwords.txt") or ""
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def compound_heads() -> frozenset[str]:
    """Stopwords that may end a compound (``data/lexicon/compound_heads.txt``)."""
    text = _data_text("lexicon", "compound_heads.txt") or ""
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@dataclass(frozen=True)
class IdfTable:
    n_docs: int
    df: dict[str, int]

    def idf(self, word: str) -> float:
        """Smoothed IDF; a word the corpus never showed twice counts as seen once."""
        return math.log((self.n_docs + 1) / (self.df.get(word.lower(), 1) + 1)) + 1.0

    @property
    def max_idf(self) -> float:
        return math.log((self.n_docs + 1) / 2) + 1.0


@lru_cache(maxsize=1)
def idf_table() -> IdfTable:
    """The shipped table ``data/lexicon/idf.tsv`` (built by ``bench/build_idf.py``)."""
    text = _data_text("lexicon", "idf.tsv") or "N\t1\n"
    df: dict[str, int] = {}
    n_docs = 1
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, _, count = line.rpartition("\t")
        if word == "N":
            n_docs = int(count)
        elif word:
            df[word] = int(count)
    return IdfTable(n_docs, df)


@lru_cache(maxsize=1)
def taxonomy_synonyms() -> dict[str, str]:
    """Surface pattern -> concept label of ``data/taxonomy/ai_technologies.yaml`` (empty when absent)."""
    text = _data_text("taxonomy", "ai_technologies.yaml")
    if text is None:
        return {}
    import yaml

    data = yaml.safe_load(text) or {}
    out: dict[str, str] = {}
    for concept in data.get("concepts", []) if isinstance(data, dict) else []:
        label = concept.get("label") if isinstance(concept, dict) else None
        if not isinstance(label, str):
            continue
        for pattern in concept.get("patterns") or []:
            if isinstance(pattern, str) and pattern != label:
                out.setdefault(pattern.lower(), label)
    return out


@dataclass
class _Candidate:
    term: str
    words: tuple[str, ...]
    count: int = 0  # occurrences in the body
    in_title: bool = False
    first: float = 1.0  # first occurrence in the body, as a fraction of its tokens
    lead: bool = False  # occurs in the first LEAD_CHARS characters of the body
    seen: int = 0  # occurrences in title and body
    edges: int = 0  # occurrences with a break (punctuation, function word) on both sides
    left: int = 0  # occurrences with a break before
    right: int = 0  # occurrences with a break after
    title_edges: bool = False  # a whole chunk of the title (数值分析 in …的数值分析)
    verb_head: bool = False  # ends in a plain verb: kept only when the body repeats it


def _is_content(word: str, pos: str) -> bool:
    """A word that may stand in a candidate: no punctuation, number, person name or lower-case fragment."""
    if not _ALNUM.search(word) or not pos.startswith(_INNER_POS) or _NUMERIC.match(word):
        return False
    if pos.startswith("nr"):  # people are the people field's business; reporters' names are not keywords
        return False
    return not (word.isascii() and word.islower() and len(word) < 4)  # pinyin residue: ng, sh


def _spans(tagged: Sequence[tuple[str, str]]) -> Iterator[tuple[int, int]]:
    """(start, end) token spans of candidate words and noun compounds."""
    stop = stopwords()
    heads = compound_heads()
    n = len(tagged)
    for i in range(n):
        word, pos = tagged[i]
        if not _is_content(word, pos) or word in stop:
            continue
        chars = 0
        for j in range(i, min(n, i + MAX_TOKENS)):
            w, p = tagged[j]
            if not _is_content(w, p):
                break
            chars += len(w)
            if chars > MAX_CHARS:
                break
            if j == i:
                head_ok = w not in stop and p.startswith(_HEAD_POS)
            else:  # a compound may end in a generic head (数值分析) or a verb (密钥交换, kept if repeated)
                head_ok = (w not in stop and p.startswith((*_HEAD_POS, "v"))) or w in heads
            if head_ok and chars >= 2:
                yield i, j + 1


def _candidates(title: Sequence[tuple[str, str]], body: Sequence[tuple[str, str]]) -> dict[str, _Candidate]:
    """Words and noun compounds of title and body with their counts and positions."""
    found: dict[str, _Candidate] = {}
    heads = compound_heads()

    def get(words: tuple[str, ...]) -> _Candidate:
        term = "".join(words)
        cand = found.get(term)
        if cand is None:
            cand = found[term] = _Candidate(term, words)
        return cand

    def verb_headed(tagged: Sequence[tuple[str, str]], j: int) -> bool:
        return j - 1 > 0 and tagged[j - 1][1] == "v" and tagged[j - 1][0] not in heads

    def mark(cand: _Candidate, tagged: Sequence[tuple[str, str]], i: int, j: int) -> bool:
        left = i == 0 or not _is_content(*tagged[i - 1])
        right = j == len(tagged) or not _is_content(*tagged[j])
        cand.seen += 1
        cand.left += left
        cand.right += right
        cand.edges += left and right
        return left and right

    for i, j in _spans(title):
        cand = get(tuple(w for w, _ in title[i:j]))
        cand.verb_head = j - i > 1 and verb_headed(title, j)
        cand.in_title = True
        cand.title_edges = mark(cand, title, i, j) or cand.title_edges
    offsets: list[int] = []
    chars = 0
    for word, _ in body:
        offsets.append(chars)
        chars += len(word)
    n = max(1, len(body))
    for i, j in _spans(body):
        cand = get(tuple(w for w, _ in body[i:j]))
        cand.verb_head = j - i > 1 and verb_headed(body, j)
        if cand.count == 0:
            cand.first = i / n
        cand.count += 1
        mark(cand, body, i, j)
        cand.lead = cand.lead or offsets[i] < LEAD_CHARS
    return {t: c for t, c in found.items() if not c.verb_head or c.count >= 2}


def _textrank(tagged: Sequence[tuple[str, str]], iterations: int = 20, damping: float = 0.85) -> dict[str, float]:
    """PageRank of content words over a co-occurrence graph (window ``WINDOW``)."""
    stop = stopwords()
    seq = [w for w, p in tagged if _is_content(w, p) and w not in stop]
    edges: dict[str, Counter[str]] = defaultdict(Counter)
    for i, w in enumerate(seq):
        for v in seq[i + 1 : i + WINDOW]:
            if v != w:
                edges[w][v] += 1
                edges[v][w] += 1
    if not edges:
        return {}
    # The same power iteration as the textbook loop, as a sparse matrix product (about 10x faster).
    import numpy as np
    from scipy.sparse import csr_matrix

    nodes = list(edges)
    index = {w: i for i, w in enumerate(nodes)}
    out_weight = np.array([sum(edges[w].values()) for w in nodes], dtype=float)
    rows, cols, vals = [], [], []
    for w, nb in edges.items():
        i = index[w]
        for v, c in nb.items():
            j = index[v]
            rows.append(i)
            cols.append(j)
            vals.append(c / out_weight[j])
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(nodes), len(nodes)))
    rank = np.ones(len(nodes))
    for _ in range(iterations):
        rank = (1 - damping) + damping * (matrix @ rank)
    return dict(zip(nodes, rank.tolist(), strict=True))


def _scale(values: dict[str, float]) -> dict[str, float]:
    top = max(values.values(), default=0.0)
    return {k: (v / top if top > 0 else 0.0) for k, v in values.items()}


def _phrase_idf(cand: _Candidate, table: IdfTable) -> float:
    if len(cand.words) == 1 or cand.term.lower() in table.df:
        return table.idf(cand.term)
    # a compound the corpus does not know as one word: its parts' IDF, damped by length
    return sum(table.idf(w) for w in cand.words) / math.sqrt(len(cand.words))


FEATURES = ("tfidf", "textrank", "log_count", "idf", "in_title", "title_and_body", "lead", "first",
            "n_words", "single", "n_chars", "contained_in", "known_word", "string_count", "cohesion",
            "head_vn", "ascii", "bounded", "left", "right", "title_chunk")  # fmt: skip


def _features(
    cands: dict[str, _Candidate], tagged: Sequence[tuple[str, str]], full_text: str
) -> dict[str, list[float]]:
    """The feature vector (``FEATURES`` order) of every candidate."""
    table = idf_table()
    word_count: Counter[str] = Counter(w for w, _ in tagged)
    head_pos = {}
    for w, p in tagged:
        head_pos.setdefault(w, p)
    idf = {t: _phrase_idf(c, table) for t, c in cands.items()}
    tfidf = _scale({t: (c.count + TITLE_BOOST * c.in_title) * idf[t] for t, c in cands.items()})
    ranks = _textrank(tagged)
    textrank = _scale({t: sum(ranks.get(w, 0.0) for w in c.words) / math.sqrt(len(c.words)) for t, c in cands.items()})
    contained: Counter[str] = Counter()
    for c in cands.values():
        if len(c.words) > 1:
            for w in set(c.words):
                contained[w] += 1
    out: dict[str, list[float]] = {}
    for t, c in cands.items():
        out[t] = [
            tfidf[t],
            textrank.get(t, 0.0),
            math.log1p(c.count),
            idf[t] / table.max_idf,
            float(c.in_title),
            float(c.in_title and c.count > 0),
            float(c.lead),
            c.first,
            float(len(c.words)),
            float(len(c.words) == 1),
            min(len(t), 12) / 12,
            math.log1p(contained[t]),
            float(t.lower() in table.df),
            math.log1p(full_text.count(t)),
            c.count / max(1, min(word_count[w] for w in c.words)),
            float(head_pos.get(c.words[-1], "") == "vn"),
            float(t.isascii()),
            c.edges / max(1, c.seen),
            c.left / max(1, c.seen),
            c.right / max(1, c.seen),
            float(c.title_edges),
        ]
    return out


# Weights of FEATURES (and the bias), fitted by logistic regression on the 710 CSL keyword dev abstracts
# with bench/fit_keywords.py (two-fold held-out exact F1@5 0.221 / 0.241). On these short abstracts the
# fit leans on TF-IDF and gives TextRank little weight; on long news TextRank separates more.
WEIGHTS = (2.335, 0.051, -0.351, 0.140, 0.194, 0.267, 0.599, 0.454, -1.008, -0.369, 0.134, -0.243, -0.460,
           0.782, 0.130, -0.086, -0.812, 0.087, 0.424, 0.297, 0.431)  # fmt: skip
BIAS = -3.440
# Not fitted (CSL abstracts hardly use them): a term of the domain dictionary or taxonomies (算力, 智能制造)
# is what an analyst of AI-industry news looks for, so it gets this much more on the logit scale.
DOMAIN_BONUS = 1.0


def candidate_features(text: str, title: str | None = None) -> dict[str, list[float]]:
    """Features of every candidate of an article (for scoring, and for fitting ``WEIGHTS``)."""
    from ..text.segment import tag

    body = tag(unicodedata.normalize("NFKC", text), hmm=HMM)
    head = tag(unicodedata.normalize("NFKC", title), hmm=HMM) if title else []
    cands = _candidates(head, body)
    if not cands:
        return {}
    return _features(cands, [*head, ("\n", "x"), *body], f"{title or ''}\n{text}")


def score_candidates(text: str, title: str | None = None) -> list[tuple[str, float]]:
    """Every candidate of the article with its score, best first (before de-duplication)."""
    from ..text.segment import domain_words

    feats = candidate_features(text, title)
    domain = {w for w, _freq, _pos in domain_words()}
    scored: dict[str, float] = {}
    for t, f in feats.items():
        logit = BIAS + sum(w * x for w, x in zip(WEIGHTS, f, strict=True)) + DOMAIN_BONUS * (t in domain)
        scored[t] = 1 / (1 + math.exp(-logit))
    return sorted(scored.items(), key=lambda kv: -kv[1])


def _merge_synonyms(scored: list[tuple[str, float]], text: str) -> list[tuple[str, float]]:
    """Fold a taxonomy pattern into its concept label when the label is also in the text, or it is an abbreviation."""
    synonyms = taxonomy_synonyms()
    if not synonyms:
        return scored
    merged: dict[str, float] = {}
    for term, score in scored:
        label = synonyms.get(term.lower())
        if label and (label in text or term.isascii()):
            term = label
        merged[term] = max(merged.get(term, 0.0), score) + 0.1 * min(merged.get(term, 0.0), score)
    return sorted(merged.items(), key=lambda kv: -kv[1])


def select(scored: Sequence[tuple[str, float]], k: int, nested: bool = True) -> list[str]:
    """The ``k`` best distinct terms of ``scored`` (best first).

    With ``nested`` a compound and its part (贯流风机, 风机) may both stay: on short abstracts that
    measured 0.222 exact F1@5 on CSL against 0.195 when overlapping terms are skipped. Without it (long
    articles, where eight distinct topics fit) a term inside a better one (智能 in 人工智能) is skipped.
    """
    chosen: list[str] = []
    for term, _score in scored:
        if term in chosen or (not nested and any(term in c or c in term for c in chosen)):
            continue
        chosen.append(term)
        if len(chosen) >= k:
            break
    return chosen


def extract_keywords(text: str, title: str | None = None, k: int = TOP_K) -> list[Keyword]:
    """The ``k`` best keywords of an article, synonyms merged."""
    scored = _merge_synonyms(score_candidates(text, title), f"{title or ''}\n{text}")
    score_of = dict(scored)
    nested = len(text) <= NESTED_MAX_CHARS
    return [Keyword(term=t, score=round(score_of[t], 4)) for t in select(scored, k, nested)]


def keyword_f1(predicted: Iterable[str], gold: Iterable[str], partial: bool = False) -> tuple[float, float, float]:
    """(precision, recall, F1) of predicted against gold terms; partial: one contains the other."""
    pred = [_norm(p) for p in predicted]
    ref = [_norm(g) for g in gold]

    def match(p: str, g: str) -> bool:
        return (p in g or g in p) if partial else p == g

    if not pred or not ref:
        return 0.0, 0.0, 0.0
    precision = sum(any(match(p, g) for g in ref) for p in pred) / len(pred)
    recall = sum(any(match(p, g) for p in pred) for g in ref) / len(ref)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _norm(term: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", term)).lower()


class KeywordsStage:
    """Pipeline stage: fills ``keywords`` from ``title`` and ``text``."""

    name = "keywords"
    version = VERSION
    requires = ("text",)
    assigns = ("keywords",)

    def __init__(self, k: int = TOP_K):
        self.k = k

    def __call__(self, record: Record) -> Record:
        record.keywords = extract_keywords(record.text, record.title, self.k) if record.text else []
        return record


def make_keywords_stage(settings: Any = None) -> KeywordsStage:
    """Factory named in ``zhiku.pipeline.STAGES``; the IDF table and dictionaries load on first use."""
    k = TOP_K
    extra = getattr(settings, "extra", None) or {}
    if isinstance(extra.get("keywords"), dict):
        k = int(extra["keywords"].get("top_k", TOP_K))
    return KeywordsStage(k=max(MIN_K, min(10, k)))
