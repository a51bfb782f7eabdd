"""Whether an event title reads as a headline, and the clause of a sentence that makes one.

A title cut from the first clause of a sentence is often no headline: a bare time (上午, 2012年1月), a label
(导读：, 活动主办：), an adverbial that sets the scene (在活动举行之前, 笑容背后, 杜甫江阁附近), a piece of a quotation
(造未来栋梁材”为主旨), or a fragment a few characters long (候, 路要走). ``weak`` tells them apart; ``clause_title``
takes the first clause of the sentence that is none of these.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..text.posts import ITEM_NUMBER
from ..text.sentences import IN_NUMBER
from .units import _WORD  # letters, digits and CJK: a headline's content characters

# Punctuation, a bracketed aside (（详见本报7月5日A7版报道）) or a list number before the first word.
_LEAD_JUNK = re.compile(
    r"^(?:[\s\ue000-\uf8ff：:，,、。；;！？!?）)\]】》〉”’」』~～·…—-]+|[（(][^（()）]{0,40}[）)]|\[[^\[\]]{0,12}\]|"
    rf"{ITEM_NUMBER.pattern[1:]}|"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})[、．](?!\d))+"
)
_MIN_CONTENT = 4  # characters of a headline, fewest: 候, 导读, 路要走 are none
# Time words only: 上午, 2012年1月, 的一个清晨, -8日, 当天.
_TIME_ONLY = re.compile(
    r"^[而但并且又]?(?:当地时间|北京时间|[\d０-９]+|[一二三四五六七八九十〇零两]+|[年月日号时分秒周]|[上中下]午|凌晨|清晨|早上|早晨|傍晚|晚上|晚间|"
    r"夜间|夜里|当天|当日|当晚|当时|今天|昨天|前天|今日|昨日|今年|去年|明年|前年|这天|那天|[上中下]旬|年初|年底|年末|"
    r"月初|月底|月末|的|一个|某|[早晚点许和与及—~～至到、：:-]|左右)+$"
)
# A clause that opens with a preposition (在…之前, 为了…, 自…起; the segmenter's p) or one of these words sets the
# scene for what follows. Words, not characters: 在线, 自动驾驶 and 当地 open headlines.
_SUBORDINATE_OPENERS = frozenset(("由于", "虽然", "尽管", "如果", "例如", "比如", "作为", "面对", "继", "除了", "随着",
                                  "截至", "截止", "一旦", "只要", "假如", "若", "因为", "因", "即使", "即便", "哪怕",
                                  "除非", "既然", "无论", "不管", "相比", "相较", "相较于", "对比"))
_OPENER_TUPLE = tuple(_SUBORDINATE_OPENERS)  # for str.startswith
# ... and one that ends with one of these is a time or a place, not an event.
_ADVERBIAL_ENDS = ("时候", "之际", "之前", "之后", "以来", "期间", "当天", "背后", "附近", "前后", "过程中", "之时",
                   "以后", "以前", "之下")


# A short title ending in a verb of reporting is an attribution (公告显示, 专家认为), not what was reported.
_REPORTING = ("显示", "表明", "表示", "指出", "认为", "介绍", "称", "透露", "获悉", "了解到", "提醒", "反映", "强调",
              "说", "明确")
_ATTRIBUTION_MAX = 16  # 中国气象局副局长毕宝贵介绍: a body, a title and a name
# no headline starts with a particle, nor ends with a preposition, a conjunction, a particle or a word that needs
# what follows (the characters only tell where to ask the segmenter: 地铁 and 基地 are words)
_NO_START = frozenset("的地得了着过之")
_NO_END = frozenset("对以将在把被从向为和与及或的地得之")
_NO_END_WORDS = ("旨在", "对于", "关于", "按照", "根据", "致力于", "是")  # GPT-5是|“…”: a copula without what it is


def _cut_from_clause(title: str) -> bool:
    """Whether ``title`` opens with a particle or ends with a preposition, a conjunction or a particle (by the
    segmenter's tags: 的|劳动力, 慎食|对, 将|以; not 地铁, 基地, 反对)."""
    tagged = _tagged(title)
    first, last = tagged[0][1], tagged[-1][1]
    return first.startswith("u") or (last.startswith(("p", "c", "u")) and tagged[-1][0] != "等")


def tidy(text: str) -> str:
    """``text`` without punctuation, an aside or a list number before its first word."""
    return _LEAD_JUNK.sub("", text, count=1)


def weak(title: str) -> bool:
    """Whether ``title`` is no headline: too short, a bare time, a scene-setting adverbial, or a quotation or
    bracket closed in it that it did not open."""
    if len(_WORD.findall(title)) < _MIN_CONTENT or _TIME_ONLY.match(title) or title.endswith(_ADVERBIAL_ENDS):
        return True
    if len(title) <= _ATTRIBUTION_MAX and title.endswith(_REPORTING):
        return True  # 公告显示, 数据表明: who says, not what
    if title[-1] == "后" and _tagged(title)[-1] == ("后", "f") or title[-1] == "时" and _tagged(title)[-1][0] == "时":
        return True  # 被列入清单后, 毕业后, 事故发生时: when, after what (not 随后, 落后, 最后, 同时, 小时)
    if title.endswith(_NO_END_WORDS) or (title[0] in _NO_START or title[-1] in _NO_END) and _cut_from_clause(title):
        return True  # 的劳动力供给…, …慎食对, 时正新将以, …评选”旨在: a piece cut from a clause
    for left, right in _PAIRS:
        closed = title.find(right)
        if closed >= 0 and not 0 <= title.find(left) < closed:
            return True
    starts = _preposition_starts()
    short = len(title) <= _NOUN_PHRASE_MAX
    if not (short or title.startswith(_OPENER_TUPLE) or starts is None or title[0] in starts):
        return False  # no opener, no preposition and no short noun phrase can stand first: nothing to tag
    tagged = _tagged(title)
    first, pos = tagged[0]
    if first in _SUBORDINATE_OPENERS or pos == "p" and first not in _PASSIVE:
        return True
    # a short noun phrase with nothing said of it: 这种方式, 都灵冬奥会
    return short and all(p[:1] in _NOMINAL for _, p in tagged)


@lru_cache(maxsize=1)
def _preposition_starts() -> frozenset[str] | None:
    """The first characters of the words jieba's dictionary (the segmenter's) tags as prepositions (在, 随着, 根据):
    a title beginning with another character is tagged only when it is short. None when the file is not found."""
    try:
        import jieba

        lines = Path(jieba.__file__).with_name("dict.txt").read_text(encoding="utf-8").splitlines()
    except (ImportError, OSError):
        return None
    return frozenset(line[0] for line in lines if line.endswith(" p"))


_PASSIVE = frozenset(("被",))  # 被网民累计转发超过7万次: a headline without its subject
_NOUN_PHRASE_MAX = 6
_NOMINAL = frozenset("nrmqtsf")  # the segmenter's nouns, pronouns, numerals, measures, times, places, directions


_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("【", "】"), ("「", "」"), ("[", "]"), ("〔", "〕"))


@lru_cache(maxsize=1024)
def _tagged(text: str) -> tuple[tuple[str, str], ...]:
    from ..text.segment import tag

    return tuple(tag(text))


# Clauses end at punctuation, and at a private-use character (some scraped text marks its line breaks so).
_CLAUSE = re.compile(
    rf"([^，,；;：:。！？!?\ue000-\uf8ff]+(?:{IN_NUMBER}[^，,；;：:。！？!?\ue000-\uf8ff]*)*)([，,；;：:。！？!?\ue000-\uf8ff]*)"
)
ASIDE = re.compile(r"[（(][^（()）]{0,40}[）)]")  # 发展中心（YES）发起: the title reads on past it
_LABEL_MAX = 8  # content characters of a label before a colon (导读：, 基金的管理和使用：), most


def clause_title(core: str, cut: Callable[[str], str]) -> str | None:
    """The first clause of ``core`` that, cut by ``cut`` (a phrase cutter: text -> title), is a headline; None
    when no clause is. A short clause before a colon is a label (导读：, 活动主办：), not a headline."""
    for m in _CLAUSE.finditer(core):
        clause = ASIDE.sub("", tidy(m.group(1)))
        if not clause or m.group(2)[:1] in "：:" and len(_WORD.findall(clause)) <= _LABEL_MAX:
            continue
        title = cut(clause)
        if title and not weak(title):
            return title
    return None
