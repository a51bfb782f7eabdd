"""Keywords: 5-10 terms per article from TF-IDF, TextRank and phrase features, weighted by a fitted model.

Candidates are single words and short compounds (贯流风机, 智能算力规模) read from the segmenter's
parts of speech; a candidate is never a stopword, and starts and ends with none (a few generic heads
may end a compound: 数值分析). ``keyword_features`` gives each candidate its features with array
operations: TF-IDF (occurrences, the title counting ``TITLE_BOOST`` times, times the IDF of
``data/lexicon/idf.tsv`` and of jieba's general IDF table), TextRank, title and lead position,
boundaries (always the same neighbouring character: a fragment), nesting in longer candidates, length.
They are combined linearly with the weights of ``data/lexicon/keyword_weights.json``, fitted by
``bench/fit_keywords.py`` (logistic regression on half of the CSL author-keyword dev abstracts). Two
surface forms of one taxonomy concept in an article (大语言模型 and 大模型, or LLM) become one keyword
under the concept's label.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from ..record import Keyword, Record
from ..text.nfkc import nfkc
from . import keyword_features as kf
from .entities import organization_names, person_titles
from .keyword_lexicon import (  # noqa: F401  (re-exported: the keyword stage's word lists and tables)
    IdfTable,
    background_idf,
    compound_heads,
    domain_terms,
    idf_table,
    stopwords,
    taxonomy_synonyms,
)

logger = logging.getLogger(__name__)

VERSION = "20"  # 3: a fragment never seen outside a chosen compound is no keyword; 4: nor a piece of a person's name;
# 5: nor a piece of an organization's name the text never writes alone (暗面 of 月之暗面); 6: nor 据介绍, 责编…,
# nor a term ending in an event verb (京启动); 7: nor a body's name cut short (旅游部), a piece of a company's name
# (摩尔 of 摩尔线程), a term across a name's edge (张建中|曾任), a stopword of two words (时间内), 印发, 对华; the
# segmenter knows 晶圆, 未来产业, 出口管制, 高带宽存储器…; people's titles (首席执行官), 发布, 批准 are no keywords;
# 8: nor a term ending in a title (商汤科技董事长), 给予, 最高, 专访; 9: nor a piece of a title written nowhere else
# (技术官 of 首席技术官), a measure and the verb stating its value (下载量突破), 领投/宣判 at the end, 涉及 first;
# 10: nor how a market moved (板块全线走强), 全线, 普遍, 全文; 11: nor 与GPT-5持平, 估值超过; 12: nor a term with an
# adverb inside (需求持续旺盛); 13: nor a term holding 同比/环比 (产量同比, 同比增长); 14: nor a piece of a document's
# name the text never writes alone (杭州市人工智能 of 《杭州市人工智能产业发展…规划》), nor a word and a determiner that
# belongs to the next (人工智能全|产业链); 15: the segmenter keeps the gazetteer's companies whole (英伟达, 优必选), a
# company is a keyword where the article names it three times or more, whatever it ends in (英伟达 is no 估值达);
# 16: 首例, 首个, 首次, 全省, 全市, 获批, 即日起, 开跑 are stopwords; 17: so are 两人, 三人, 大家, 小伙伴, 本赛季,
# 上赛季, 本场比赛 (who and when as a story says it); 18: the segmenter keeps 首发价, 起售价, 到手价, 交付量, 订单量,
# 上架率 whole; 19: a verb of announcing or arriving between two words makes a clause (萝卜快跑|进入|香港), so does
# a company and 合作 (阿里巴巴|合作); 进入, 证实, 回应, 公布, 宣布, 达成, 成, 您好, 你好, 我区, 我县, 我州 are
# stopwords;
# 20: 日起, 月起, 年起, 日至 (the segmenter's piece of 6月1日起) are stopwords
TOP_K = 8
MIN_K = 5
NESTED_MAX_CHARS = 600  # up to this length a keyword may contain another (abstracts); longer texts skip nesting
HMM = True  # jieba's HMM finds unknown words (偏心涡); measured better on CSL than the dictionary alone
MERGE_TOP = 100  # keywords are chosen, and synonyms folded, among this many best candidates
FEATURES = kf.ALL_FEATURES


@lru_cache(maxsize=1)
def _weights() -> tuple[np.ndarray, float]:
    """Weights of ``FEATURES`` and the bias (``data/lexicon/keyword_weights.json``, by ``bench/fit_keywords.py``)."""
    doc = json.loads(resources.files("zhiku").joinpath("data", "lexicon", "keyword_weights.json").read_text("utf-8"))
    if tuple(doc["features"]) != FEATURES:
        raise ValueError("keyword_weights.json was fitted for other features: run bench/fit_keywords.py --write")
    return np.asarray(doc["weights"], dtype=float), float(doc["bias"])


@lru_cache(maxsize=1)
def _scorer() -> tuple[np.ndarray, np.ndarray, float]:
    """The weights as (weights of the base features, weights of the crossed pairs, bias)."""
    weights, bias = _weights()
    n = len(kf.BASE_FEATURES)
    return weights[:n], weights[n:], bias


# Not fitted (CSL abstracts hardly use them): in an article longer than NESTED_MAX_CHARS (news, not an
# abstract) a term of the domain dictionary or taxonomies (算力, 智能制造) is what an analyst of AI-industry
# news looks for, so it gets this much more on the logit scale.
DOMAIN_BONUS = 1.25


def _base_matrix(text: str, title: str | None) -> tuple[list[str], np.ndarray]:
    """Candidate terms and their ``kf.BASE_FEATURES`` matrix."""
    from ..text.segment import tagged_nfkc

    # the tagging the tag stage read for its people, while it is kept
    body, head = tagged_nfkc(text, HMM)[1], (tagged_nfkc(title, HMM)[1] if title else ())
    found = kf.candidates(head, body)
    return found.terms, found.matrix


def _feature_matrix(text: str, title: str | None) -> tuple[list[str], np.ndarray]:
    """Candidate terms and their feature matrix (``FEATURES`` columns, the crossed ones included)."""
    terms, x = _base_matrix(text, title)
    return terms, kf.with_crosses(x)


def candidate_features(text: str, title: str | None = None) -> dict[str, list[float]]:
    """Features of every candidate of an article (for fitting the weights)."""
    terms, x = _feature_matrix(text, title)
    return dict(zip(terms, x.tolist(), strict=True))


def score_candidates(text: str, title: str | None = None, limit: int | None = None) -> list[tuple[str, float]]:
    """Every candidate of the article (or the ``limit`` best) with its score, best first (before de-duplication)."""
    terms, x = _base_matrix(text, title)
    if not terms:
        return []
    domain = domain_terms()
    bonus = np.fromiter(map(domain.__contains__, terms), dtype=float, count=len(terms))
    linear, crossed, bias = _scorer()
    logit = bias + x @ linear + kf.crossed_score(x, crossed)  # = with_crosses(x) @ weights
    logit += (DOMAIN_BONUS if len(text) > NESTED_MAX_CHARS else 0.0) * bonus
    if limit is not None and limit < len(terms):
        best = np.argpartition(-logit, limit)[:limit]
        order = best[np.argsort(-logit[best], kind="stable")]
    else:
        order = np.argsort(-logit, kind="stable")
    probs = 1 / (1 + np.exp(-logit[order]))
    return [(terms[i], p) for i, p in zip(order.tolist(), probs.tolist(), strict=True)]


def _merge_synonyms(scored: list[tuple[str, float]], text: str) -> list[tuple[str, float]]:
    """Fold a taxonomy pattern into its concept label when the label is also in the text, or it is an abbreviation.

    ``scored`` is best first with distinct terms (``score_candidates``); a label met twice keeps the better score
    plus a tenth of the other, and the list is sorted again."""
    synonyms = taxonomy_synonyms()
    if not synonyms:
        return scored
    keys = [_folded(term, synonyms.get(term.lower()), text) for term, _score in scored]
    if len(set(keys)) == len(keys):  # nothing folded onto another term: each keeps its score, the order stands
        return [(key, score) for key, (_term, score) in zip(keys, scored, strict=True)]
    merged: dict[str, float] = {}
    for term, (_term, score) in zip(keys, scored, strict=True):
        merged[term] = max(merged.get(term, 0.0), score) + 0.1 * min(merged.get(term, 0.0), score)
    return sorted(merged.items(), key=lambda kv: -kv[1])


def _folded(term: str, label: str | None, text: str) -> str:
    """The concept label a term is folded into (see ``_merge_synonyms``), or the term itself."""
    return label if label and (label in text or term.isascii()) else term


def select(scored: Sequence[tuple[str, float]], k: int, nested: bool = True, text: str | None = None,
           excluded: Callable[[str], bool] | None = None) -> list[str]:
    """The ``k`` best distinct terms of ``scored`` (best first, scores in 0..1).

    With ``nested`` a compound and its part (贯流风机, 风机) may both stay: on short abstracts that
    measured 0.222 exact F1@5 on CSL against 0.195 when overlapping terms are skipped. Given the ``text``,
    a part then loses ``PART_PENALTY`` times the share of its occurrences that lie inside a chosen compound
    (磺酸钠 only ever seen in 磺酸钠溶液 says nothing more), and one that is no word of the general vocabulary
    and never stands outside chosen compounds is dropped (焦点公益基金 and 思源焦点 beside 思源焦点公益基金).
    Without ``nested`` (long articles, where eight distinct topics fit) a term inside a better one (智能 in 人工智能)
    is skipped. A term ``excluded`` says is no keyword is skipped (tested only as the choice reaches it).
    """
    if nested and text is not None:
        return _select_parts(scored, k, text)
    chosen: list[str] = []
    for term, _score in scored:
        if term in chosen or (not nested and any(term in c or c in term for c in chosen)):
            continue
        if excluded is not None and excluded(term):
            continue
        chosen.append(term)
        if len(chosen) >= k:
            break
    return chosen


PART_PENALTY = 0.3  # chosen on the fitting half of the CSL abstracts (bench/fit_keywords.py)


def _select_parts(scored: Sequence[tuple[str, float]], k: int, text: str) -> list[str]:
    """Greedy choice of ``k`` terms, a term's score lowered while it lies inside chosen ones (see ``select``)."""
    pool = dict(scored)
    chosen: list[str] = []
    share: dict[str, float] = {}
    known = background_idf()
    while pool and len(chosen) < k:
        best = max(pool, key=lambda t: pool[t] * (1 - PART_PENALTY * share.get(t, 0.0)))
        del pool[best]
        chosen.append(best)
        outer = text.count(best)
        for term in list(pool):
            if term in best:
                inside = min(1.0, outer * best.count(term) / max(1, text.count(term)))
                share[term] = max(share.get(term, 0.0), inside)
                if share[term] >= 1.0 and term not in known:
                    del pool[term]
    return chosen


def extract_keywords(text: str, title: str | None = None, k: int = TOP_K, people: Iterable[str] = (),
                     organizations: Iterable[str] = (), companies: Iterable[str] = ()) -> list[Keyword]:
    """The ``k`` best keywords of an article, synonyms merged; none is a piece of one of ``people`` (the tag stage's
    names: 旭东 of 徐旭东, 卡帕 of 卡帕西), though a name, or a part of a foreign name, may be one (马斯克); nor a piece
    of one of the written ``organizations`` that the text never writes outside them and that is no word of the
    dictionary (暗面 of 月之暗面), a body's name cut short (旅游部 of 文化和旅游部) or a piece of one of the written
    ``companies`` (摩尔 of 摩尔线程); 人力资源 of 人力资源和社会保障部 stays."""
    full = f"{title or ''}\n{text}"
    scored = _merge_synonyms(score_candidates(text, title, MERGE_TOP), full)
    excluded = _excluded(people, organizations, full, companies)
    score_of = dict(scored)
    nested = len(text) <= NESTED_MAX_CHARS
    if nested:  # every candidate may be chosen: tested before the choice
        chosen = select([(t, s) for t, s in scored if not excluded(t)], k, nested, nfkc(full))
    else:  # the best ones are chosen one after another: tested as they come
        chosen = select(scored, k, nested, None, excluded)
    return [Keyword(term=t, score=round(score_of[t], 4)) for t in chosen]


def _excluded(people: Iterable[str], organizations: Iterable[str], full: str,
              companies: Iterable[str] = ()) -> Callable[[str], bool]:
    """The test of a term that is no keyword: a piece of a clause, of a person's name, or of an organization's name
    that the text never writes alone and that no dictionary knows, or that is a truncated body's name (旅游部 of
    文化和旅游部) or a piece of a company's name (摩尔 of 摩尔线程) (see ``extract_keywords``)."""
    people = list(people)
    stop = stopwords()  # whole terms too: 时间|内 is a stopword made of two words
    titles = person_titles()  # a title, or a term ending in one, names who someone is (首席执行官, 商汤科技董事长)
    title_ends = _title_last_chars()
    pieces = _name_pieces(people)
    straddles = _straddles(people, full)
    orgs = [o for o in organizations if len(o) >= 3]
    joined = "\0".join(orgs)
    company_names = "\0".join(c for c in companies if len(c) >= 3)
    folded: list[str] = []  # NFKC of the text, made on first need
    pieces_of_titles = _title_pieces()  # 首席技术官: 技术官 and 首席技术 are pieces
    gazetteer_companies = _gazetteer_companies()

    def test(term: str) -> bool:
        if term in gazetteer_companies:  # a name, whatever it ends in (英伟达 is no 估值达); not one said in passing
            return full.count(term) < _COMPANY_MENTIONS  # (…，腾讯等也在布局): what it is about, it names again
        if term in stop or _clause_like(term) or pieces is not None and pieces(term) or (
                straddles is not None and straddles(term)) or term[-1] in title_ends and term.endswith(titles):
            return True  # a stopword made of two words (时间|内), a piece of a clause or across a name, a title
        if term in pieces_of_titles and (inside := [t for t in pieces_of_titles[term] if t in full]):
            if not folded:
                folded.append(nfkc(full))
            if _only_inside(folded[0], term, inside):
                return True  # 技术官 of 首席技术官, written nowhere else
        if not orgs or term not in joined or term in orgs or term in organization_names():
            return False
        if term in background_idf() and not (term[-1] in _BODY_ENDS or term in company_names):
            return False  # 人力资源 of 人力资源和社会保障部: a word of its own
        if not folded:
            folded.append(nfkc(full))
        return _only_inside(folded[0], term, orgs)

    return test


@lru_cache(maxsize=1)
def _title_pieces() -> dict[str, tuple[str, ...]]:
    """Every piece of two characters or more of a title of three or more (技术官, 首席技术) → the titles it lies in:
    a term is looked up, not searched for in every title the text writes."""
    index: dict[str, list[str]] = {}
    for title in person_titles():
        for i in range(len(title)):
            for j in range(i + 2, len(title) + 1):
                if j - i < len(title):
                    index.setdefault(title[i:j], []).append(title)
    return {piece: tuple(dict.fromkeys(found)) for piece, found in index.items()}


@lru_cache(maxsize=1)
def _title_last_chars() -> frozenset[str]:
    """The last characters of people's titles: only a term ending in one may end in a title."""
    return frozenset(t[-1] for t in person_titles())


_BODY_ENDS = frozenset("部局厅署委办司")  # a piece ending so is a body's name cut short (旅游部, 安全局)


def _name_pieces(people: Iterable[str]):
    """A test for a term that lies inside one of ``people`` without being a whole name or a whole part of one."""
    from .entities import name_parts

    names = [n for n in people if len(n) >= 3]
    if not names:
        return None
    whole = {part for n in names for part in name_parts(n)} | set(names)
    joined = "\0".join(names)  # one substring search a candidate (no term holds a NUL)

    def inside(term: str) -> bool:
        return term in joined and term not in whole

    return inside


def _straddles(people: list[str], full: str):
    """A test for a term written only across the edge of a person's name (中曾 of 张建中|曾任)."""
    names = [n for n in people if len(n) >= 2 and n in full]
    if not names:
        return None
    lasts, firsts = {n[-1] for n in names}, {n[0] for n in names}
    spans: list[tuple[int, int]] = []  # the names' occurrences, found on first need
    folded: list[str] = []

    def across(term: str) -> bool:
        if term[0] not in lasts and term[-1] not in firsts:
            return False  # across a name's end it opens with the name's last character (中|曾); across its start
            # it ends with the first
        if not folded:
            folded.append(nfkc(full))
            for n in names:
                spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(n), folded[0]))
        text = folded[0]
        at = text.find(term)
        if at < 0:
            return False
        while at >= 0:
            end = at + len(term)
            if not any(a < at < b < end or at < a < end < b for a, b in spans):
                return False
            at = text.find(term, at + 1)
        return True

    return across


# A term ending in one of these verbs, or opening with one of these, is a piece of a clause (估值达, 票可享, 完成新一轮,
# 实现突破, 京启动), not a keyword: none of them ends or opens a noun.
_PREDICATE_ENDS = frozenset("达超获享遭砸拟")
_PREDICATE_OPENERS = ("完成", "实现", "获得", "宣布", "迎来", "推动", "加快", "召开", "举行", "开展", "启动", "给予",
                      "涉及")
# 在京|启动, 公益计划|启动, 基金|领投, 侵权案|宣判: what happened; 板块全线|走强: how a market moved
_EVENT_ENDS = ("启动", "举行", "召开", "开幕", "闭幕", "落成", "签约", "领投", "跟投", "宣判", "走强", "走弱", "走高",
               "走低", "大涨", "大跌", "收涨", "收跌", "持平")
# 下载量|突破, 数量|超过: a measure and the verb that states its value
_MEASURE_VERB = re.compile(r"(?:量|数|额|率|值|规模)(?:突破|超过|达到|超出)$")


# 需求|持续|旺盛, 业绩|大幅|增长: an adverb of degree or duration inside a term makes it a clause (可持续 stays)
_ADVERB_INSIDE = re.compile(r".(?<!可)(?:持续|不断|大幅|显著|明显|稳步)")


# A word and a determiner that belongs to the word after it (人工智能|全|产业链, 覆盖|各|领域) are a piece, unless the
# last two characters are a word (数据安全, 健全); a name ending so is no word and a determiner (波多黎各)
_DETERMINER_ENDS = frozenset("全各每诸该")
_COMPANY_MENTIONS = 3  # times a company's name is written (title included) for it to be a keyword


@lru_cache(maxsize=1)
def _gazetteer_companies() -> frozenset[str]:
    """The segmenter's company words (``text.segment``): names the keyword scorer may rank for their tag alone."""
    from ..text.segment import COMPANY_POS, domain_words

    return frozenset(w for w, _, pos in domain_words() if pos == COMPANY_POS)


def _clause_like(term: str) -> bool:
    return len(term) >= 3 and (term[-1] in _PREDICATE_ENDS or term.endswith(_EVENT_ENDS)
                               or term[-1] in _DETERMINER_ENDS and term[-2:] not in background_idf()
                               and term[:-1] in background_idf()
                               or term.startswith(_PREDICATE_OPENERS) and len(term) >= 4
                               or _MEASURE_VERB.search(term) is not None
                               or len(term) >= 4 and _ADVERB_INSIDE.search(term) is not None
                               or "同比" in term or "环比" in term  # 产量同比, 增加值同比增长: a change stated
                               or len(term) >= 5 and _ANNOUNCED_INSIDE.search(term) is not None
                               or term.endswith("合作") and _named(term[:-2].removesuffix("达成")))


# 萝卜快跑|进入|香港, 教育部|宣布|…: a verb of announcing or arriving between two words makes a clause
_ANNOUNCED_INSIDE = re.compile(r"..(?:进入|公布|宣布|证实|回应|达成)..")


def _named(term: str) -> bool:
    """Whether ``term`` is an organization's name (阿里巴巴|合作, AMD达成|合作: a company that works with another)."""
    return term in organization_names() or term in _gazetteer_companies() or term.isascii() and term.isalnum()


def _only_inside(text: str, term: str, names: list[str]) -> bool:
    """Whether every occurrence of ``term`` in ``text`` lies inside an occurrence of one of ``names``."""
    covered = bytearray(len(text))
    for name in names:
        if term in name:
            at = text.find(name)
            while at >= 0:
                covered[at : at + len(name)] = b"\x01" * len(name)
                at = text.find(name, at + 1)
    at = text.find(term)
    while at >= 0:
        if covered.find(0, at, at + len(term)) >= 0:
            return False
        at = text.find(term, at + 1)
    return True


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
        people = [p.name for p in record.people or ()]
        written = [(o.type, w) for o in record.organizations or ()
                   for w in {o.name, *o.aliases, *(e.text for e in o.evidence)}]
        # a document's name is a name too: 杭州市人工智能 of 杭州市人工智能产业联盟 and 《杭州市人工智能产业发展…规划》
        orgs = [w for _, w in written] + [p.name for p in record.policies or () if len(p.name) >= 4]
        companies = [w for kind, w in written if kind == "company"]
        record.keywords = (extract_keywords(record.text, record.title, self.k, people, orgs, companies)
                           if record.text else [])
        return record


def make_keywords_stage(settings: Any = None) -> KeywordsStage:
    """Factory named in ``zhiku.pipeline.STAGES``; the IDF table and dictionaries load on first use."""
    k = TOP_K
    extra = getattr(settings, "extra", None) or {}
    if isinstance(extra.get("keywords"), dict):
        k = int(extra["keywords"].get("top_k", TOP_K))
    return KeywordsStage(k=max(MIN_K, min(10, k)))
