"""Offline major events: sentences that report something that happened or was decided, titled and typed.

A candidate sentence matches a trigger of ``data/event_patterns.yaml`` (founded, issued, invested,
launched, reached a figure, held, planned). Candidates are scored (trigger weight, numbers, actors,
dates, centrality), picked with a redundancy check, extended with a continuation sentence, and given
a title built from actor + action + object rather than the sentence's first characters.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..errors import ConfigError
from ..record import Event, Record
from ..text.regex_tree import first_chars, looks_only_right, may_contain, required_words
from ..text.sentences import IN_NUMBER, NOT_IN_NUMBER, split_sentences
from . import headline
from .extractive import SCENE_OPENERS, ranked_units
from .notices import Award, award
from .units import BRACKET_HEADING, CONNECTIVES, OUTLET_BRACKET, Unit, attribution, compress, ended, is_question

logger = logging.getLogger(__name__)

MIN_EVENTS, MAX_EVENTS = 3, 8
MIN_SCORE = 0.9  # candidates below this are events only to reach MIN_EVENTS
BASE_WEIGHT = 1.0  # weight of the summary ranking (centrality, position, title) in an event candidate's score
TITLE_MAX = 22
# A title whose last clause ends within this many characters past TITLE_MAX is kept whole rather than cut inside
# a noun phrase (出台通用人工智能等30余项细分|产业支持政策).
TITLE_SLACK = 6
DESCRIPTION_MAX = 150

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_FULL_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_YEAR_MONTH = re.compile(r"(\d{4})年(\d{1,2})月(?!\d{1,2}日)")
# (?<!\d) as a lookbehind past the century digits, so that the pattern begins with a literal and a search
# skips to the next 1 or 2 instead of trying every position: the same matches.
_YEAR = re.compile(r"((?:19|20)(?<!\d\d\d)\d{2})年")
_TIME_PREFIX = re.compile(
    r"^(?:(?:截至|截止|到)?\d{4}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末|初|以来|上半年|下半年)?|[自从]\d{4}年[^，,。]{0,6}以来|"
    r"\d{1,2}月\d{1,2}日(?:上午|下午|晚间?)?|今年\d{1,2}月|去年\d{0,2}月?|日前|近日|近年来|目前|当前|当下|"
    r"如今|此前|(?:今年|去年)(?:以来)?|近期|最近|早在|近两年|下一步|(?:未来|接下来|今后)(?=[，,]))[，,]?"
)
_PLACE_PREFIX = re.compile(r"^在[^，。；]{2,30}?(?:上|中|里|期间|之际|时候|时)[，,]?")
# enumerations of a plan's points (一是…二是…, 第三，, 其次): the point is the news, not its number
_NUMERAL = "[一二三四五六七八九十]{1,2}"
_ARTICLE = r"第[一二三四五六七八九十百零〇\d]{1,5}条"  # a rule's article number (第十四条 本办法自…起施行)
_POINT_NUMBER = rf"{_NUMERAL}是|第{_NUMERAL}[，,、]|{_ARTICLE}"
_NUMBERED = re.compile(rf"^(?:{_POINT_NUMBER}|\d{{1,2}}[.．、](?!\d))[，,、\s]?")  # the point's number only (一是, 3.)
_ENUMERATION = re.compile(rf"^(?:{_POINT_NUMBER}|首先|其次|再次|最后)[，,、\s]?")
_ORG_SUFFIX = re.compile(
    "和信息化部|工信部|发改委|委员会|研究院|研究所|科学院|实验室|产业联盟|联盟|集团|有限公司|公司|大学|学院|研究中心|协会|政府"
)
_ORG = re.compile(
    r"(?:^|(?<=[，、。；：“”（和与及经由据]))[\u4e00-\u9fffA-Za-z]{2,16}?"
    f"(?:{_ORG_SUFFIX.pattern})" r"(?![\u4e00-\u9fff]{0,1}[长门委])"
)
# a name running on from one found to the phrase's end, another body's suffix ending it, no conjunction nor verb of
# placing between (浙江大学|人工智能研究所, 清华大学|智能产业研究院; not 华为公司|与腾讯公司)
_ORG_RUNS_ON = re.compile(r"(?:(?![与和及的在对向将已])[\u4e00-\u9fffA-Za-z]){1,12}?"
                          f"(?:{_ORG_SUFFIX.pattern})$")
_REGION = re.compile(r"^(?:我国|中国|全国|[\u4e00-\u9fff]{2,3}(?:省|市|自治区|区|县))")
_OPINION = re.compile(r"认为|看来|建议|呼吁|倡议|坦言|比喻|好比|意味着|或将|有望|可以|能够")


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    path = resources.files("zhiku") / "data" / "event_patterns.yaml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: unreadable event patterns ({exc})") from exc


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Known places, official titles, and "title + name + reporting verb", compiled from the data file."""
    data = _patterns()
    places = re.compile("(?:" + "|".join(map(re.escape, data["places"])) + ")(?:省|市|自治区)?")
    titles = re.compile("(?:" + "|".join(map(re.escape, data["official_titles"])) + ")")
    named = re.compile(titles.pattern + r"([\u4e00-\u9fff]{2,3}?)(?=表示|透露|指出|介绍|强调|说|在|，|称|认为)")
    return places, titles, named


@dataclass(frozen=True)
class EventType:
    id: str
    label: str
    weight: float
    pattern: re.Pattern[str]
    needs_number: bool = False
    needs_official: bool = False
    starts: frozenset[str] | None = None  # the characters every trigger match begins with, when known
    words: frozenset[str] | None = None  # words of which every trigger match holds one (出任, 中标), when known


@lru_cache(maxsize=1)
def event_types() -> tuple[EventType, ...]:
    """The trigger table of ``zhiku/data/event_patterns.yaml``, compiled once."""
    data = _patterns()
    try:
        return tuple(_event_type(t) for t in data["types"])
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(f"zhiku/data/event_patterns.yaml: invalid event type ({exc})") from exc


def _event_type(entry: dict[str, Any]) -> EventType:
    pattern = re.compile("|".join(entry["triggers"]))
    words = required_words(pattern)
    return EventType(entry["id"], entry["label"], float(entry["weight"]), pattern,
                     bool(entry.get("needs_number", False)), bool(entry.get("needs_official", False)),
                     first_chars(pattern), words if words and min(map(len, words)) >= 2 else None)




_CLAUSE = re.compile(rf"[^，,；;：:。！？!?—]+(?:{IN_NUMBER}[^，,；;：:。！？!?—]*)*[，,；;：:。！？!?—]*")


def _clauses(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for piece in _CLAUSE.findall(text):
        out.append((pos, piece))
        pos += len(piece)
    return out


# Matched at the trigger's end (``pattern.match(text, pos)``): background phrasing, a figure next to a statistic.
_BACKGROUND = re.compile(r"后|前|时|期间|之际|以来|的")
_NEAR_NUMBER = re.compile(r"[每秒约近逾超过了到至是为]{0,4}\d")


@lru_cache(maxsize=1)
def _strongest_first() -> tuple[EventType, ...]:
    """``event_types()`` by falling weight, in table order among equals (``sorted`` is stable)."""
    return tuple(sorted(event_types(), key=lambda t: -t.weight))


@lru_cache(maxsize=1)
def _start_chars() -> re.Pattern[str] | None:
    """One character class of every ``EventType.starts``, to see in one scan which types can match."""
    chars = sorted(set().union(*(t.starts for t in event_types() if t.starts)))
    return re.compile("[" + "".join(map(re.escape, chars)) + "]") if chars else None


@lru_cache(maxsize=1)
def _trigger_scan() -> re.Pattern[str] | None:
    """One pattern that finds, in ``_probe(text)``, a place wherever a trigger may match the core of ``text``.

    A trigger that looks only rightwards enters as it is; one that looks left (a lookbehind, an anchor)
    or has groups enters as the words one of which every match of it holds (出任 for (?<!曾)出任), else as its
    first characters, which every match of it begins with. None when some trigger's first characters are
    unknown. Each branch begins with a literal, so a search skips fast.
    """
    parts = []
    for entry in _patterns()["types"]:
        for trigger in entry["triggers"]:
            pattern = re.compile(trigger)
            if looks_only_right(pattern):
                parts.append(trigger)
                continue
            words = required_words(pattern)  # (?<!曾)出任: 出任, which every match holds, is rarer than 出
            if words:
                parts.extend(map(re.escape, sorted(words)))
                continue
            chars = first_chars(pattern)
            if chars is None:
                return None
            parts.extend(map(re.escape, sorted(chars)))
    return re.compile("|".join(parts))


def _probe(text: str) -> str:
    """``text`` ended as ``compress`` ends it: the core of ``text`` is a suffix of this (only prefixes are cut)."""
    return ended(text.strip())


def may_trigger(text: str) -> bool:
    """False only when ``find_trigger`` finds nothing in the core of a sentence ``text``, whoever speaks.

    The core (``_core``) is a suffix of ``_probe(text)``: a right-looking trigger that matches the core
    matches there too, and any other trigger's match begins with one of its first characters.
    """
    scan = _trigger_scan()
    return scan is None or scan.search(_probe(text)) is not None


def find_trigger(text: str, official: bool = False) -> tuple[EventType, re.Match[str]] | None:
    """The strongest trigger of ``text``: by type weight, the first type of the table among equals."""
    starts = _start_chars()
    present = frozenset(starts.findall(text)) if starts else frozenset()
    for etype in _strongest_first():
        if etype.needs_official and not official or etype.starts is not None and etype.starts.isdisjoint(present):
            continue  # not allowed, or no character that one of its triggers begins with
        if etype.words is not None and not may_contain(text, etype.words):
            continue  # none of the words its triggers hold (出 is common, 出任 is not): the scan is skipped
        m = _first_trigger(text, etype)
        if m is not None:
            if etype.id == "product" and (_GOAL_BEFORE.search(text, _clause_start(text, m.start()), m.start())
                                          or _TARGET_TIME.search(text, 0, m.start())):
                plan = next(t for t in event_types() if t.id == "plan")  # 力争…国家算力网初步|建成: a goal
                if (goal := _first_trigger(text, plan)) is not None:
                    return plan, goal
            return etype, m
    return None


# what makes a launch in its clause a goal yet to reach (力争到2027年底…初步建成, 将加快推进…标准研制); 计划 only as
# a verb (计划在2026年…推出), the noun often a programme that starts (公益计划在京启动); 将 (华为还将推出…)
_GOAL_BEFORE = re.compile(r"力争|争取|加快推进|加快|推动|推进|预计|有望|计划(?:在|于)(?=\d)|计划(?=将|到)"
                          r"|(?<![即])将(?!近)")
# a target year set off before it in the sentence (提出，到2027年，…，建成…); not a range's end (从2020年到2024年)
_TARGET_TIME = re.compile(r"(?<![\d年])到20\d\d年(?:底|末)?[，,]")


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding ``at`` starts (after the last comma, semicolon or stop before it)."""
    return max(text.rfind(mark, 0, at) for mark in "，,；;。") + 1


def _first_trigger(text: str, etype: EventType) -> re.Match[str] | None:
    """The first match of ``etype``'s triggers that reports news; a statistic's only next to a number."""
    for m in etype.pattern.finditer(text):
        start, end = m.span()
        if _BACKGROUND.match(text, end) or start and text[start - 1] == "的":
            continue  # "两会闭幕后", "上线16个月以来", "联盟的成立": background, not the news
        if etype.needs_number and not _NEAR_NUMBER.match(text, end, end + 8):
            continue
        return m
    return None


_CONNECTIVE_STARTS = frozenset(c[0] for c in CONNECTIVES)


def _strip_prefixes(text: str) -> str:
    for _ in range(4):
        before = text
        text = _TIME_PREFIX.sub("", text, count=1)
        text = _PLACE_PREFIX.sub("", text, count=1)
        text = _ENUMERATION.sub("", text, count=1)
        if text[:1] in _CONNECTIVE_STARTS:  # no connective can match otherwise
            for c in CONNECTIVES:
                if text.startswith(c):
                    text = text[len(c):].lstrip("，,")
        if text == before:
            break
    return text


_PHRASE_END = re.compile(rf"[，,；;：:。！？!?（(]{NOT_IN_NUMBER}")


# who made a named thing, before its name: the title keeps the name where the phrase is too long
_MADE_BY = re.compile(r"^[^“”，,。；;]{2,30}?(?:生产|研发|研制|开发|推出|打造|设计|申报)的(?=“)")
# A list closed by 等 (智能芯片、大模型算法、框架等…): its first item stands for it where the phrase is too long.
_LIST_ETC = re.compile(r"(?P<first>[^、，,。；;：:“”《》]+?)(?:、[^、，,。；;：:等“”《》]{1,16})+"
                       r"(?<!不)等(?![待候于到])")


def _words(text: str) -> list[tuple[str, str]]:
    """(word, part of speech) of ``text`` by the segmenter with zhiku's domain words (超算中心 whole)."""
    from ..text.segment import tag

    return list(tag(text))


def _cut_phrase(text: str, limit: int, slack: int = 0) -> str:
    """The start of ``text`` up to ``limit`` characters, cut at a clause and then a word boundary.

    Where the phrase is too long, a list closed by 等 keeps its first item (充分发挥我国工业体系完整、产业规模
    庞大、应用场景丰富等优势 → 充分发挥我国工业体系完整等优势).

    A clause at most ``slack`` characters longer than ``limit`` is kept whole, so a title does not stop
    one word short (实体经济深度|融合, 数字化车间/数字|工厂). A phrase cut by length does not end on a dangling
    word (在制造业全|流程: not on 全, 在, 将 or 我国) nor inside an open quote or bracket.
    """
    text = _PHRASE_END.split(text, maxsplit=1)[0]
    if len(text) > limit + max(0, slack) and "的“" in text:
        text = _MADE_BY.sub("", text, count=1)  # 推想科技有限公司生产的|“肺结节CT影像辅助检测软件”: the named thing
    if len(text) > limit + max(0, slack) and "、" in text:
        text = _LIST_ETC.sub(r"\g<first>等", text)
    if len(text) <= limit + max(0, slack):
        return _balanced(text).rstrip("、的和与及")
    tagged = _words(text)
    kept: list[tuple[str, str]] = []
    size = 0
    for w, pos in tagged:
        if size + len(w) > limit:
            break
        kept.append((w, pos))
        size += len(w)
    _whole_number(kept, tagged[len(kept):])
    _whole_item(kept, tagged[len(kept):])
    _whole_quote(kept, tagged[len(kept):], limit + max(0, slack))
    _whole_model(kept, tagged[len(kept):], limit + max(0, slack))
    balanced = _balanced("".join(w for w, _ in kept) or _cut_title(text, limit))
    while kept and sum(len(w) for w, _ in kept) > len(balanced):  # an open quote's words go with it
        kept.pop()
    while len(kept) > 1 and _dangles(*kept[-1]):
        word, _pos = kept.pop()
        if word[0] in "日号" and len(word) > 1 and kept[-1][1] == "m":  # 12月31|日至: the date keeps its day
            kept.append((word[0], "m"))
            break
    return ("".join(w for w, _ in kept) or balanced).rstrip("、的和与及")


_UNIT_START = frozenset("万亿千百十%％倍个次元台家项件辆架")
_NUMBER_TAIL_MAX = 6  # characters a number's unit may run past the cut


def _numeric(word: str, pos: str) -> bool:
    return pos.startswith("m") or any(c.isdigit() for c in word)


def _whole_number(kept: list[tuple[str, str]], rest: list[tuple[str, str]]) -> None:
    """A cut between a number and its unit (每焦耳160|万亿次) takes the unit along, or, where the unit runs on too
    far, leaves the number out: a title never states a number its text does not."""
    if not kept or not rest or not _numeric(*kept[-1]):
        return
    tail: list[tuple[str, str]] = []
    for w, pos in rest:
        if not (pos.startswith(("m", "q")) or w[0] in _UNIT_START or w.isdigit()):
            break
        tail.append((w, pos))
    if not tail:
        return
    if sum(len(w) for w, _ in tail) <= _NUMBER_TAIL_MAX:
        kept.extend(tail)
    else:
        while kept and _numeric(*kept[-1]):
            kept.pop()


def _whole_item(kept: list[tuple[str, str]], rest: list[tuple[str, str]]) -> None:
    """A cut inside the last item of a 、 list (戴琼海院士、电子|工程系) ends before that item."""
    if not rest or rest[0][0][:1] in "、，,。；;：:":
        return
    for i in range(len(kept) - 1, 0, -1):
        if kept[i][0] == "、":
            del kept[i:]
            return


def _whole_quote(kept: list[tuple[str, str]], rest: list[tuple[str, str]], most: int) -> None:
    """A cut inside a quoted name that closes within ``most`` characters takes the name along (带领2011“芯世界”,
    not 带领2011 once the open quote's words are dropped)."""
    joined = "".join(w for w, _ in kept)
    opened = joined.rfind("“")
    if opened < 0 or "”" in joined[opened:]:
        return
    size = len(joined)
    for k, (w, _pos) in enumerate(rest):
        size += len(w)
        if size > most:
            return
        if "”" in w:
            kept.extend(rest[: k + 1])
            return


_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]*")
_LATIN_CHAR = re.compile(r"[A-Za-z0-9.\-]")
_LATIN_TAIL = 8  # characters a Latin name may run past a title's length


_QUOTE_TAIL = 4  # characters a quotation may run past a title's cut


def _cut_title(title: str, size: int) -> str:
    """``title`` cut to ``size`` characters, but not inside a Latin name: one that runs at most ``_LATIN_TAIL``
    characters past the cut is kept whole (发布COSMO-GPT, not 发布COSMO-), a longer one is left out; a quotation or
    a title that closes just past the cut closes in it (列入出口管制“实体清单”), one that closed up to three characters
    before the cut ends the title (批准“肺结节CT影像辅助检测软件”, not …”创新)."""
    if len(title) > size and title[size] in "”’》」）" and title[size - 1] not in "“‘《「（":
        return title[: size + 1]
    if len(title) > size and (opened := title.rfind("“", 0, size)) > title.rfind("”", 0, size):
        close = title.find("”", size)  # 列入出口管制“实体|清单”: a quotation closing a few characters on closes in it,
        return title[: close + 1] if 0 <= close - size < _QUOTE_TAIL else title[:opened]  # else it is left out
    if len(title) > size and 0 < (close := title.rfind("”", 0, size)) and size - close - 1 in (1, 2, 3):
        return title[: close + 1]  # “肺结节CT影像辅助检测软件”|创新|产品…: the quoted name, not a modifier cut off
    if len(title) <= size:
        return title
    if not (_LATIN_CHAR.match(title, size - 1) and _LATIN_CHAR.match(title, size)):
        return title[: _word_end_before(title, size)]
    start = size - 1
    while start > 0 and _LATIN_CHAR.match(title, start - 1):
        start -= 1
    end = _LATIN_RUN.match(title, start)
    end = end.end() if end else size
    return title[:end] if end - size <= _LATIN_TAIL else title[:start]


_WORD_BACK = 4  # characters a title's cut may move back to end at a word (…人工智能基础设施, not …基础设)


def _word_end_before(title: str, size: int) -> int:
    """``size``, or the end of the last word of ``title`` that ends before it, when that is near."""
    end = 0
    for word, _pos in _words(title):
        if end + len(word) > size:
            break
        end += len(word)
    return end if size - end <= _WORD_BACK and end > 0 else size


def _whole_model(kept: list[tuple[str, str]], rest: list[tuple[str, str]], most: int) -> None:
    """A cut after a word of a product's Latin name takes the rest along when it fits in ``most`` characters
    (第1000台Walker S2, not Walker; COSMO-GPT, not COSMO-)."""
    if kept and kept[-1][0] in (" ", "-") and len(kept) > 1 and kept[-2][1] == "eng":
        rest = [kept.pop(), *rest]  # cut right after the joining space or hyphen
    size = sum(len(w) for w, _ in kept)
    while kept and kept[-1][1] == "eng" and len(rest) >= 2 and rest[0][0] in (" ", "-") \
            and rest[1][1] in ("eng", "m") and size + 1 + len(rest[1][0]) <= most:
        kept.extend(rest[:2])
        size += 1 + len(rest[1][0])
        rest = rest[2:]


def _balanced(text: str) -> str:
    """``text`` up to its last unclosed quote or bracket (none left open)."""
    for left, right in (("“", "”"), ("《", "》"), ("（", "）")):
        if text.count(left) > text.count(right):
            text = text[: text.rindex(left)]
    return text


_DANGLING_POS = ("p", "c", "u", "d", "f", "r")  # preposition, conjunction, particle, adverb, direction, pronoun


def _dangles(word: str, pos: str) -> bool:
    """Whether a cut phrase may not end on this word: a function word, a one-character modifier (全, 大, 新), a
    modal verb (…大模型可|提前15天预报), an enumeration comma or a space."""
    return (pos.startswith(_DANGLING_POS) or (len(word) == 1 and pos.startswith(("a", "b")))
            or word in _MODAL_VERBS or not word.strip("、的和与及 "))


_MODAL_VERBS = frozenset(("可", "能", "会", "可以", "能够", "应", "应当", "需", "需要", "要", "得以"))


_SUBJECT_TAIL = re.compile(
    r"(?:携手|共同|联合|正式|已经|已|也|还|正在|将|率先|首次|全面|就|日前|近日|近期|此前|目前|先后|相继|决定|"
    r"(?:自|从)?即日起)+$")
# when, before the trigger: 已于去年底|投入服务
_WHEN_TAIL = re.compile(
    r"(?:计划|预计|拟)?(?:已经|已|将)?(?:于|自)[^，,。；;、]{0,12}?(?:底|初|末|前|后|中旬|上旬|下旬|年|月|日|季度)起?$"
    r"|(?<=[\u4e00-\u9fff])(?<!第)(?:(?:当地|北京|美东|美西)时间)?(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚间|晚上|早间)?$"
    r"|(?:当地|北京)时间$|(?<=[\u4e00-\u9fffA-Za-z])(?:今日|今天|昨日|昨天|日前|近日)(?:正式)?$")
# (国家知识产权局|12月3日|召开, 英伟达|当地时间11月20日|发布, 美团|今日正式|发布)
_SUBJECT_HEAD = re.compile(r"^(?:我国|全国|其中|这是)")


# an object counted (一起, 一批, 一项…) whose description runs past a title: its head noun after the last 的
_HEAD_AFTER_DE = re.compile(r"一[起批项份套系列]+[^，,。；;：:“”《》]{4,40}的"
                            r"([^，,。；;：:“”《》的]{2,8})(?=[，,。；;]|$)")
# what kind of body a Latin name opening a clause is (美国人工智能公司|OpenAI已与…): no part of the subject
_KIND_BEFORE_LATIN = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:公司|企业|巨头|厂商|初创公司|独角兽)(?=[A-Za-z])")
# two parties acting together, an adverb between them (OpenAI已与英伟达, 华为正式与…)
_PARTNERS = re.compile(r"^(?P<a>[A-Za-z\u4e00-\u9fff]{2,8}?)(?:已经?|将|正式|再次|首次|还|也)与"
                       r"(?P<b>[A-Za-z\u4e00-\u9fff]{2,8})$")
# bodies that act together, listed and counted (工业和信息化部、教育部…等七部门)
_JOINT = re.compile(r"^(?P<first>[^、，,。；;]{2,16}?)(?:、[^、，,。；;]{2,16})+"
                    r"(?P<rest>等(?:[一二三四五六七八九十两\d]{1,3}[个家]?(?:部门|部委|单位|机构|省份|省市|地区|城市|企业|银行)"
                    r"|地|省|市|城市|地区|(?:公司|企业|厂商|云服务商|服务商|运营商|车企|机构|高校)))$")


# the names of gatherings, kept whole as a subject (…人民代表大会第三次会议在杭州开幕)
_GATHERINGS = ("会议", "大会", "论坛", "峰会", "博览会", "展览会", "运动会", "马拉松", "比赛", "联赛", "仪式", "发布会",
               "研讨会", "座谈会")
_GATHERING_MAX = 20


# an aspect particle ending the phrase before a trigger (已经过了|…); not the 过 of a word (通过, 经过, 超过)
_ASPECT_TAIL = re.compile(r"(?:[了着]|(?<![通经超越透度错路跳放难不])过)+$")


def _tail(text: str, size: int) -> str:
    """The last ``size`` characters of ``text``, not starting inside a Latin name (RuiPath病理大模型, not iPath…)."""
    start = max(0, len(text) - size)
    while start > 0 and text[start].isascii() and text[start].isalnum() and text[start - 1].isascii() \
            and text[start - 1].isalnum():
        start -= 1
    return text[start:]


def _made_by_name(before: str, names: Sequence[tuple[str, str]], actor: str) -> bool:
    """Whether ``actor`` is the head of a 的 phrase after the last known name ``before`` writes: what that body made
    (商汤科技与…合作建设的|AI计算中心), not the body; but a name before 在 owns what follows (华为在…研发的|累计
    投入)."""
    end = max((at + len(written) for written, _ in names if (at := before.rfind(written)) >= 0), default=-1)
    de = before.rfind("的")
    return 0 <= end <= de and actor in before[de + 1 :] and not before.startswith("在", end)


def _subject(clause: str) -> str:
    """The phrase before the trigger, reduced to its head when it is long."""
    clause = _ASPECT_TAIL.sub("", _strip_prefixes(clause))
    clause = _SUBJECT_TAIL.sub("", _WHEN_TAIL.sub("", clause))
    if clause not in ("我国", "全国"):  # 我国|已发布…国家标准31项: the country alone is the subject
        clause = _SUBJECT_HEAD.sub("", clause)
    clause = _THAT_BODY.sub("", clause)  # 该校|精密仪器系施路平团队: the body named before, then its unit
    clause = _LASTING.sub("", clause)  # 为期3天的|2025世界人形机器人运动会: how long, no part of its name
    if clause.endswith("》") and "的《" in clause:  # …七部门联合公布的《生成式人工智能服务管理暂行办法》|施行
        return clause[clause.rfind("《"):]
    if clause.startswith("《") and clause.endswith("》") and clause.count("《") == 1:  # 《…新闻发布会》|在京举行
        return "《" + re.sub(r"^\d{4}年度?", "", clause[1:])  # named whole, but its year
    joint = _JOINT.match(clause)
    if joint:  # 工业和信息化部、教育部、…、中国科学院等七部门 → 工业和信息化部等七部门: the lead body and how many
        return joint.group("first") + joint.group("rest")
    if "与" in clause and len(clause) > 10:  # 美国人工智能公司|OpenAI已与甲骨文公司: the kind before a Latin name
        clause = _KIND_BEFORE_LATIN.sub("", clause, count=1)
    partners = _PARTNERS.match(clause) if "与" in clause and len(clause) > 10 else None
    if partners:  # OpenAI已与英伟达|签署意向书: the two parties, not the adverb between them
        return partners.group("a") + "与" + partners.group("b")
    if len(clause) > 10 and "暨" in clause:
        clause = clause.split("暨", 1)[0]  # 世界人工智能大会|暨人工智能全球治理高级别会议: the first name is the event
    if len(clause) <= 10:
        return clause
    if len(clause) <= _GATHERING_MAX and clause.endswith(_GATHERINGS) and not _PHRASE_END.search(clause):
        return re.sub(r"^\d{4}年?", "", clause)  # 浙江省第十四届人民代表大会第三次会议: named whole, but its year
    last = next(reversed(list(_ORG.finditer(clause))), None)
    if last is not None:
        if _ORG_RUNS_ON.match(clause, last.end()) and len(clause) - last.start() <= 16:
            return _with_marks(clause, clause[last.start():])
        return _with_marks(clause, _tail(last.group(), 12))
    if "的" in clause:
        tail = clause.rsplit("的", 1)[1]
        if "由" in tail[:-2]:  # 此次发布的场景由|市属国企、医院、高校等单位|提出: the agent, read as a subject
            return _subject(tail.rsplit("由", 1)[1])
        return _with_marks(clause, _tail(tail, 10))
    if re.search(r"[，,。；;：:、]|(?<![A-Za-z0-9])\s|\s(?![A-Za-z0-9])", clause):
        return ""  # (a space inside a Latin name is part of it: NeurIPS 2025)
    # A clause whose nouns are followed by a verb (法国各工会|号召10日继续) has them as its subject; a noun phrase
    # of up to 14 characters is kept whole (中国特色新型工业化道路), a longer one keeps its last words, up to 8.
    tagged = _words(clause)
    lead = ""
    for w, pos in tagged:
        if pos.startswith("v") and pos != "vn":
            if 2 <= len(lead) <= 10:
                return _with_marks(clause, lead)
            break
        if not pos.startswith(("n", "r", "f", "s", "b")):
            break
        lead += w
    if len(clause) <= _NOUN_SUBJECT_MAX and all(pos.startswith(_NOMINAL_POS) or w.isspace() for w, pos in tagged):
        return _with_marks(clause, clause)  # 数码港人工智能超算中心第一期: one noun phrase, named whole
    if _DONE_FIRST.match(clause):
        return ""  # 已|完成新一轮400亿美元|融资: a clause that opens with what was done has no subject in it
    words = [w for w, _ in tagged]
    out = ""
    for k in range(len(words) - 1, -1, -1):
        if len(out) + len(words[k]) > 8:
            # a count keeps its number (超过600|家中国实体被: not 家中国实体被), and the number its qualifier
            if _numeric(*tagged[k]) and out[:1] in _UNIT_START | _MEASURE_START:
                out = words[k] + out
                if k > 0 and words[k - 1] in _PREFIX_QUALIFIERS:
                    out = words[k - 1] + out
            break
        out = words[k] + out
    return _with_marks(clause, out)


_MEASURE_START = frozenset("款批所位名只条座")  # measure words a count's noun may start with, beside _UNIT_START's
_LASTING = re.compile(r"^为期[^，,。；;的]{1,8}的(?=[\u4e00-\u9fff\d])")
_THAT_BODY = re.compile(r"^该(?:校|院|所|公司|集团|机构|企业|中心|单位)(?=[\u4e00-\u9fff]{2})")
_NOUN_SUBJECT_MAX = 14
_DONE_FIRST = re.compile(r"(?:已经?|正式|成功|顺利)*(?P<done>完成|获得|拿到|斩获)")
_NOMINAL_POS = ("n", "m", "q", "f", "s", "b", "eng")

_MARKS = (("《", "》"), ("“", "”"))
SUBJECT_WITH_MARKS_MAX = 18  # a subject cut inside a title or quotation is taken whole up to this length


def _with_marks(clause: str, piece: str) -> str:
    """``piece`` (the end of a subject, found last in ``clause``) without a cut title or quotation: one it closes
    but does not open is taken whole from ``clause`` when the subject stays short, else left out
    (导航行动》第一季 → 《2009中国慈善导航行动》第一季)."""
    start = clause.rfind(piece)
    if start < 0:
        return piece
    for left, right in _MARKS:
        closed = piece.find(right)
        if closed >= 0 and not 0 <= piece.find(left) < closed:
            opened = clause.rfind(left, 0, start + closed)
            if 0 <= opened and start + len(piece) - opened <= SUBJECT_WITH_MARKS_MAX:
                piece, start = clause[opened : start + len(piece)], opened
            else:
                piece, start = piece[closed + 1 :], start + closed + 1
    return piece


_VALUE = re.compile(r"\d+(?:\.\d+)?[^\d，。；、\s的]{0,5}")  # (100亿|的移动终端芯片: a value ends before 的)
_FIGURE_CLAUSE_END = re.compile(rf"[，,；;。！？!?]{NOT_IN_NUMBER}")


def _figure_title(text: str, clause_start: int, m: re.Match[str]) -> str:
    """``subject + qualifier + value`` of a figure, e.g. 智能算力缺口达78.4%."""
    clause_end = clause_start + len(_FIGURE_CLAUSE_END.split(text[clause_start:], maxsplit=1)[0])
    clause = headline.ASIDE.sub("", _strip_prefixes(text[clause_start:clause_end]))  # 电能利用效率（PUE）: the name
    clause = re.sub(r"^(?:我国|全国|其中)", "", clause)
    if len(clause) <= TITLE_MAX and len(re.sub(r"[\d.%％]", "", clause)) > 6:
        return clause.rstrip("…")
    subject = _subject(headline.ASIDE.sub("", text[clause_start: m.start()]).split("从")[0].split("由")[0])
    if len(subject) < 2:
        # "2023年达78.4%": borrow the subject of the clause before ("智能算力缺口是52.6%").
        prev = [c for s, c in _clauses(text) if s < clause_start]
        if prev:
            head = re.split(r"是|为|达|超|突破", _strip_prefixes(prev[-1]), maxsplit=1)[0]
            subject = _subject(head)
    tail = text[m.start(): clause_end]
    values = _VALUE.findall(tail)
    action = m.group(0)
    if values and len(tail) > 12:
        joiner = "至" if re.search(r"到|至", tail) and action not in ("到", "至") else ""
        tail = f"{action}{joiner}{values[-1]}"
    return (subject + tail)[:TITLE_MAX].rstrip("…")


_CLAUSE_COMMAS = frozenset("，,；;")
# a province's or city's government work report (贵州省政府工作报告, 北京市2024年政府工作报告): the place, named
_WORK_REPORT = re.compile(r"^([\u4e00-\u9fff]{2,8}?(?:省|市|自治区))(?:\d{4}年)?(?:人民)?政府工作报告$")
_SAYING = ("提出", "表示", "明确", "批复", "指出", "要求", "强调", "透露", "宣布", "部署", "规定", "显示", "称", "认为",
           "建议", "介绍", "决定", "同意", "批准")
_LEAD_TIME = re.compile(r"(?:到|至|截至|在)?\d{4}年(?:底|末|前)?[，,]")  # a target time in its own clause
_ISSUED_BY = re.compile(r"^[^，,。；;“”《》]{2,30}?(?:颁发|授予|核发|签发)的(?=[^，,。；;]{2,})")
_OBJECT_LEAD = re.compile(r"^[了着过]?[，,：:]?(?:要把|要|把|将)?")
_DATE_LEAD = re.compile(r"^(?:\d+[年月日号])+")  # 2024年3月… before a subject; not the 月 of 月之暗面
_COPULAS = ("是", "成为")
_COPULA_OPENERS = ("将是", "将成为", "是", "成为", "也将是")  # a core whose subject was only a time


# the clause before a trigger that opens its own: who said it (李强总理在北京调研时指出，), the verb kept
_SAID_BEFORE = re.compile(r"(?P<who>[^，,。；;：:“”\d]{2,10}?)(?:在[^，,。；;]{2,20}?(?:时|上|中|期间))?"
                          r"(?P<verb>指出|表示|强调|要求|提出)[，,：:]$")


# what follows a speaker's name before the verb of saying: when (日前), an adverb, or a verb of replying (回应称)
_SAID_TAIL = re.compile(r"(?:日前|近日|近期|昨日|昨天|今日|今天|当天|此前|随后|同时|也|还|则|再次|此外"
                        r"|回应|答复|对此)+$")


def _said_before(text: str, clause_start: int) -> str:
    """``who + verb`` of the clause ending at ``clause_start`` when it reports what the next one says, else ''."""
    said = _SAID_BEFORE.search(text, max(0, clause_start - 40), clause_start)
    if said is None:
        return ""
    who = _strip_prefixes(said.group("who"))
    who = _SAID_TAIL.sub("", who) or who  # 工业和信息化部日前|表示
    return f"{who}{said.group('verb')}" if len(who) >= 2 else ""


_REPORT_TAIL = re.compile(r"(?:省|市|自治区)?(?:\d{4}年)?(?:人民)?政府工作报告$")


def _report_place(clause: str) -> str:
    """The short name of the known place whose government work report ends ``clause``, or ''."""
    for m in _lexicon()[0].finditer(clause):
        if _REPORT_TAIL.match(clause, m.end()):
            return _short_region(m.group(0))
    return ""


_DOCUMENT = re.compile(r"《([^《》]{2,60})》")
_GOVERNMENT_OFFICE = re.compile(r"(?:(?:人民政府|政府)(?:办公厅|办公室)?|局|厅|委员会|委)$")


def _with_document(actor: str, action: str, after: str) -> tuple[str, str]:
    """(actor, object) for an action on a document (印发《…》): the document's title whole without its bracketed
    asides, and a government's office or department named by its place when that is what makes the title fit
    (上海市人民政府办公厅印发《上海市促进具身智能产业发展行动方案（2025—2027年）》 → 上海印发《上海市促进…方案》,
    深圳市工业和信息化局发布《…若干措施》 → 深圳发布《…》); a title too long to quote told without the marks, 关于 and
    the 的 before its kind (工信部等七部门印发推动人形机器人产业高质量发展实施意见)."""
    m = _DOCUMENT.match(after)
    if m is None:
        return actor, ""
    document = f"《{headline.ASIDE.sub('', m.group(1))}》"  # （2025—2027年）, （试行）
    room = TITLE_MAX + TITLE_SLACK - len(action) - len(document)
    if len(actor) > room:
        actor = _abbreviated(actor)  # 工业和信息化部等七部门 → 工信部等七部门
    # 北京经济技术开发区发布《北京经济技术开发区促进…若干措施》 → 北京经开区发布促进…: the zone once, named short
    if len(actor) > 4 and (named := re.match(rf"《{re.escape(actor)}(?P<rest>[^》]+)》", document)) and len(
            short := _ZONE_WORDS.sub(lambda z: _ZONES[z.group(0)], actor)) + len(action) + len(
            named.group("rest")) <= TITLE_MAX + TITLE_SLACK:
        return short, named.group("rest")
    if len(actor) > room and _GOVERNMENT_OFFICE.search(actor):
        place = _lexicon()[0].match(actor)
        actor = _short_region(place.group(0)) if place else actor
    if len(actor) > room and _GOVERNMENT_OFFICE.search(actor) is None and 2 <= len(actor) <= 4:
        named = re.match(rf"《{re.escape(actor)}(?:市|省|自治区)?(?P<rest>[^》]+)》", document)
        if named and len(actor) + len(action) + len(named.group("rest")) <= TITLE_MAX + TITLE_SLACK:
            return actor, named.group("rest")  # 深圳印发|加快打造人工智能先锋城市人才支持若干措施: the place once
    if len(actor) <= room:
        return actor, document
    told = _DOCUMENT_TOLD.sub("", m.group(1).removeprefix("关于"))  # 关于推动…发展的实施意见 → 推动…发展实施意见
    told = headline.ASIDE.sub("", told)
    return actor, told if len(actor) + len(action) + len(told) <= TITLE_MAX + TITLE_SLACK else ""


# the 的 before a document's kind, which a title that tells the document unquoted leaves out
_DOCUMENT_TOLD = re.compile(r"的(?=(?:实施|指导|若干)?(?:意见|通知|方案|办法|措施|规定|决定|规划|计划)"
                            r"(?:（[^）]*）)?$)")


# development zones as news shortens them in titles (北京经济技术开发区 → 北京经开区)
_ZONES = {"经济技术开发区": "经开区", "高新技术产业开发区": "高新区", "经济开发区": "经开区"}
_ZONE_WORDS = re.compile("|".join(sorted(_ZONES, key=len, reverse=True)))


def _abbreviated(actor: str) -> str:
    """``actor`` with the gazetteer body it opens with written by its shortest alias (工业和信息化部 → 工信部)."""
    for name, short in _short_aliases():
        if actor.startswith(name):
            return short + actor[len(name):]
    return actor


@lru_cache(maxsize=1)
def _short_aliases() -> tuple[tuple[str, str], ...]:
    """(name, shortest Chinese alias shorter than it) of the gazetteer's bodies, in the gazetteer's order."""
    from ..analyze.entities import load_organizations

    out = []
    for name, entry in load_organizations().items():
        short = min(entry.aliases, key=len) if entry.aliases else ""
        if short and len(short) < len(name) and not short.isascii():
            out.append((name, short))
    return tuple(out)


_OBJECT_BEFORE_MAX = 14
_PHRASE = re.compile(r"[^，,；;。！？!?]*")
_OBJECT_ROOM = 12  # characters of a title an action's object should have, at least, before a body's name is shortened
_PAST_WHEN = re.compile(r"(?:已经|已)(?:于|自)[^，,。；;、]{0,12}?(?:年|月|日)起?$")
_ANNOUNCED = re.compile(r"^(?:正式)?(?:宣布|公告|表示|称|透露)")


def _object_before(before: str, actor: str, names: Sequence[tuple[str, str]]) -> str:
    """What stands between the actor and a trigger that ends its clause (月之暗面（Moonshot AI）近日|完成新一轮超
    10亿美元|融资), without asides and time words; '' when the actor is not found there or it is too long."""
    written = [w for w, shown in names if shown == actor] + [actor]
    before = headline.ASIDE.sub("", before)  # （简称“智谱”）: the name in an aside is no subject
    at = max((before.rfind(w) + len(w) for w in written if w in before), default=-1)
    if at < 0 and (done := _DONE_FIRST.match(before.strip())):  # (OpenAI宣布，)已|完成新一轮400亿美元|融资
        at = before.index(done.group(0)) + len(done.group(0)) - len(done.group("done"))
    if at < 0:
        return ""
    middle = _TIME_PREFIX.sub("", before[at:].lstrip("）) ").strip(), count=1)
    middle = _PAST_WHEN.sub("", _ANNOUNCED.sub("", middle, count=1))  # 宣布|完成新一轮…融资: what was announced
    # is the object; 已于2023年8月15日起|施行: when it was, no object (计划于2026年一季度|推出 stays: a plan's time)
    middle = _SUBJECT_TAIL.sub("", middle)  # 第一季|正式|启动, 一期项目|日前正式|投产: adverbs, no object
    return middle if 2 <= len(middle) <= _OBJECT_BEFORE_MAX and not _PHRASE_END.search(middle) else ""


_TOWARD = re.compile(r"(?P<who>.{2,}?)(?P<to>向[^，,。；;向的]{2,14})$")
# …法院|对原告李某诉被告刘某…一案|作出一审判决: who rules, then the case it rules on
_ABOUT = re.compile(r"(?P<who>[^，,。；;]{2,20}?)(?<![面针相绝反应])对(?!于)[^，,。；;]{2,60}$")
# 海光信息拟|通过向中科曙光…发行A股股票的方式|换股吸收合并: who acts, then by what means
_PLACE_LIST = re.compile(r"^(在[^，,。；;在、]{2,8})(?:、[^，,。；;在、]{2,8})+等(国家|地区|城市|地|省份|市场)$")
_MODAL_ALONE = frozenset(("拟", "拟于近期"))  # (not 并: 并|推出 keeps its subject before)
_TOPIC_AT = re.compile(r"在[^，,。；;在]{2,30}?(?:上|方面|领域)$")
_INCLUDING = re.compile(r"包括[^，,。；;]{2,40}?在内的")
_DISPOSAL = re.compile(r"^\s*[将把](?![来军领近要会])[^，,。；]{2,12}$")  # 将|把 + what is moved, listed or made
_BY_MEANS = re.compile(r"(?P<who>[^，,。；;]{2,20}?)(?P<modal>拟|将|已)?(?:通过|以)[^，,。；;]{2,60}?的?方式$")
_LOCATED = re.compile(r"(.{4,}?)在([^，,。；;在的]{2,10}|[京沪津渝穗杭蓉港澳])$")  # 在上海世博中心, 在京


_IN_FORCE = frozenset(("施行", "生效", "实施"))


def _rule_in_force(before: str) -> str | None:
    """What comes into force: the last document named before the trigger, with the rule of it the clause names
    after 的 when that is short (欧盟《人工智能法案》中针对…模型的相关规则于8月2日正式 → 《人工智能法案》相关规则)."""
    start, end = before.rfind("《"), before.rfind("》")
    if end < start:
        return None
    document = before[start : end + 1]
    tail = before[end + 1 :]
    part = tail.rsplit("的", 1)[1] if "的" in tail else ""
    part = _SUBJECT_TAIL.sub("", _WHEN_TAIL.sub("", _SUBJECT_TAIL.sub("", part)))  # 相关规则|于8月2日|正式
    return document + part if 2 <= len(part) <= 6 else document


def _pointed_at(before: str, head: str, names: Sequence[tuple[str, str]]) -> str | None:
    """The body ``before`` names last whose name ends in ``head`` (院 of 该院, 局 of 该局), as the tag stage shows
    it."""
    at, shown = max(((before.rfind(written), shown) for written, shown in names if written.endswith(head)),
                    default=(-1, None))
    return shown if at >= 0 else None


def _opening_name(text: str, end: int, names: Sequence[tuple[str, str]]) -> str | None:
    """The name (as shown) of the known person or organization that heads the subject of the sentence's first clause,
    when the trigger at ``end`` stands in a later one: the subject the clause goes on with (特斯拉…向市场监管总局备案了
    召回计划，决定召回… → 特斯拉, not the body named last; 英伟达创始人兼首席执行官黄仁勋发表…，发布了… → 黄仁勋)."""
    start = 0
    while (lead := _LEAD_CLAUSE.match(text, start)) and lead.end() < end:
        start = lead.end()  # 7月8日，|中国证监会官网显示，|杭州宇树科技…已于…: a date, a source, then the subject
    comma = min((k for k in (text.find(c, start, end) for c in _CLAUSE_COMMAS) if k >= 0), default=-1)
    if comma < 0:
        return None
    verb = _SUBJECT_END.search(text, start, comma)
    return _last_name(text, verb.start() if verb else comma, names)


# a clause before a sentence's subject: its date, or where the news comes from (中国证监会官网显示，)
_LEAD_CLAUSE = re.compile(r"(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚间|晚上|早间)?"
                          r"|[^，,。；;]{2,16}?(?:显示|获悉|了解到|消息))[，,]")


# what ends a clause's subject: a preposition, an adverb of time or a verb of saying or doing
_SUBJECT_END = re.compile(r"向|在|对|于|把|被|将|已|正式|会同|联合|携手|牵头|发表|召开|举行|宣布|表示|发布|推出|备案")


def _last_name(text: str, end: int, names: Sequence[tuple[str, str]]) -> str | None:
    """The name (as shown) of the known person or organization written last in ``text[:end]``: the head of the
    sentence's subject (英伟达创始人兼首席执行官黄仁勋 → 黄仁勋)."""
    best, best_end = None, -1
    for written, shown in names:
        at = text.rfind(written, 0, end)
        if at >= 0 and at + len(written) > best_end and not _AGENT_OF_MODIFIER.match(text, at + len(written), end) \
                and not _USED.search(text, 0, at):  # 该产品搭载|高通…芯片: the maker of what it uses
            best, best_end = shown, at + len(written)
    return best


# who holds a launch event, in the sentence's first clause (雷鸟创新在深圳召开新品发布会，…), after its date (12月3日，)
_HOST = re.compile(r"(?P<who>[\u4e00-\u9fffA-Za-z]{2,10}?)(?:在|于)[^，,。；;]{1,12}?(?:召开|举行|举办)"
                   r"[^，,。；;]{0,10}(?:发布会|大会|活动)[，,]")
_DATE_CLAUSE = re.compile(r"(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:上午|下午|晚间|晚上)?[，,])?")


# a name doing what the 的 phrase after it says describes the subject, it is not it (国家数据局授牌的|数据标注基地)
_AGENT_OF_MODIFIER = re.compile(r"(?![在对向从和与])[^，,。；;：:“”的]{1,3}的(?![确])")


# what a company or body is, written before its name (国产GPU企业摩尔线程, 人工智能独角兽月之暗面)
_KIND_BEFORE_NAME = re.compile(r"(?:企业|公司|厂商|巨头|独角兽|初创|机构|平台|龙头|品牌|车企|药企|芯片商)$")


# the last characters of a person's title (总裁, 首席执行官, 董事长, 创始人, 主任, 院士)
_TITLE_END = re.compile(r"(?:[长官裁监理任席士授记]|创始人|负责人|发言人|CEO|CTO)$")
LONG_ACTOR = 8  # an actor longer than this, a person's name after a title, is the person (原…事业群总裁沈抖 → 沈抖)


def _described(actor: str, names: Sequence[tuple[str, str]]) -> str:
    """The known name an actor ends with, when what stands before it says what kind of body it is (国产GPU企业|
    摩尔线程 → 摩尔线程), or, in a long actor, is a title (原百度智能云事业群总裁|沈抖 → 沈抖); else the actor."""
    for written, shown in names:
        if actor.endswith(written) and len(actor) > len(written):
            before = actor[: -len(written)]
            if _KIND_BEFORE_NAME.search(before) or len(actor) > LONG_ACTOR and _TITLE_END.search(before):
                return shown
    return actor


def build_title(text: str, etype: EventType, m: re.Match[str], speaker: str | None = None,
                names: Sequence[tuple[str, str]] = (), pronoun: bool = True) -> str:
    """A short title from actor + action + object, taken from the clause that holds the trigger. ``names``:
    (written, shown) names of the article's people and organizations, the actor of a clause without a subject;
    ``pronoun``: whether a sentence opening with 他/她 is titled by the pronoun (for ``_third_person`` to name)."""
    clause_start = 0
    for start, piece in _clauses(text):
        if start <= m.start() < start + len(piece):
            clause_start = start
            break
    if etype.needs_number:
        return _figure_title(text, clause_start, m)
    if etype.needs_official:
        rest = text[m.end():]
        if re.match(r"^(?:围绕|以|在|面向|按照|根据)", rest):
            parts = _clauses(rest)
            rest = parts[1][1] if len(parts) > 1 else rest
        lead_in = f"{speaker or ''}提出"
        budget = TITLE_MAX - len(lead_in)
        return lead_in + _cut_phrase(rest, min(14, budget), min(4, budget - min(14, budget)) + TITLE_SLACK)
    action = m.group(0)
    before = text[clause_start: m.start()]
    # a comma right after the trigger ends its clause: what follows is another statement (启动，此档由…), unless the
    # trigger says or decides what follows (提出，要…; 经发改委批复，…)
    ends = text[m.end() : m.end() + 1] in _CLAUSE_COMMAS and not action.endswith(_SAYING)
    after = "" if ends else _OBJECT_LEAD.sub("", text[m.end():])
    after = _ISSUED_BY.sub("", after, count=1)  # 获得|迪拜道路与交通管理局（RTA）颁发的|…许可: what, not who issued it
    lead_time = _LEAD_TIME.match(after)
    if lead_time:  # 提出，到2025年，未来产业…: the time and what it frames are one object
        after = after[: lead_time.end() - 1] + after[lead_time.end():]
    toward = _TOWARD.match(before)  # …优必选科技股份有限公司日前|向香港联合交易所|递交: the subject, and to whom
    if toward and _subject(toward.group("who")):
        before, action = toward.group("who"), toward.group("to") + action
    if etype.id == "legal" and (about := _ABOUT.match(before)) and _subject(about.group("who")):
        before = about.group("who")  # 北京互联网法院|对…一案|作出一审判决: the court rules, not 刘某 of the case
    elif (means := _BY_MEANS.match(before)) and _subject(means.group("who")):
        before = means.group("who") + (means.group("modal") or "")  # not 中科曙光, to whom the shares go
    names_end = m.start()  # where the names the actor may be sought among end
    if including := _INCLUDING.search(before):  # 将|包括智谱华章、摩尔线程在内的|23家中国实体: how many, not which
        before, names_end = before[: including.start()] + before[including.end():], clause_start + including.start()
    if _DISPOSAL.match(before):  # (宣布，)|将80家实体|列入…实体清单: what is acted on; the actor is named before
        before, action = "", before.strip() + action
    elif before.strip() in _MODAL_ALONE:  # (…办理辅导备案登记，)|拟|首次公开发行: the actor is named before
        before, action = "", before.strip() + action
    if (topic := _TOPIC_AT.search(before)) and len(before[: topic.start()].strip()) >= 2:
        before = before[: topic.start()]  # 集团|在AI基础设施及AI产品研发上|投入约1200亿元: what in, no subject
    # …会议|在上海世博中心|开幕: the subject, and where (…马拉松在北京经济技术开发区（北京亦庄）|鸣枪开跑: the place
    # without its aside; 数据标注基地（成都）在…: the subject with its own)
    at = before.rfind("在")
    place = _PLACE_LIST.sub(r"\1等\2", headline.ASIDE.sub("", before[at:])) if at > 0 else ""
    located = _LOCATED.match(before[:at] + place if at > 0 else before)  # (在新加坡、马来西亚…等国家 → 在新加坡等国家)
    actor = _DATE_LEAD.sub("", _subject(located.group(1) if located else before))
    if not actor and after.startswith(_COPULAS) and (year := _DATE_LEAD.fullmatch(before.strip())):
        actor = year.group(0)  # 2025年|将|是AI眼镜的爆发之年: the year is what the clause is about, not its speaker
    in_force = _rule_in_force(before) if action in _IN_FORCE and "《" in before else None
    actor = in_force or actor  # 欧盟《人工智能法案》中…的相关规则于8月2日正式|生效: what comes into force
    if actor and names:
        actor = _described(actor, names)
    if len(actor) == 2 and actor[0] == "该" and names:  # 记者从上海知识产权法院获悉，该院|受理…: the body named before
        actor = _pointed_at(text[: m.start()], actor[1], names) or actor
    if located and actor and len(actor) >= 2:
        actor += "在" + located.group(2)
    if actor and names and not in_force and not (actor.startswith("《") and actor.endswith("》")) and not any(
            shown in actor or written in actor for written, shown in names) and not _made_by_name(before, names, actor):
        actor = _last_name(before, len(before), names) or actor  # 大模型公司月之暗面…: the name, not what it is
    if not actor and clause_start == m.start():
        actor = _said_before(text, clause_start)  # 李强总理在北京调研时指出，|要大力开展… → 李强总理指出要…
    report = _WORK_REPORT.match(actor.lstrip("\"'“”‘’「」『』 "))
    if report:  # 贵州省政府工作报告提出… → 贵州提出…: the place speaks, and the title keeps room for what it said
        actor = _short_region(report.group(1))
    elif before.endswith("政府工作报告") and actor.endswith("政府工作报告"):
        actor = _report_place(before) or actor  # …产业生和安徽省2024年政府工作报告 (a clause run on) → 安徽
    if len(actor) >= 6 and TITLE_MAX - len(actor) - len(action) < min(_OBJECT_ROOM, len(_PHRASE.match(after)[0])) \
            and not after.startswith("《") and not _HEAD_AFTER_DE.match(after):  # (…的典型案例: titled by its head)
        actor = dict(_short_aliases()).get(actor, actor)  # 国家互联网信息办公室发布… → 网信办发布…: room for the rest
    budget = TITLE_MAX - len(actor) - len(action)
    obj_limit = max(6, min(14, budget))
    obj = _cut_phrase(after, obj_limit, min(4, budget - obj_limit) + TITLE_SLACK)
    if (head := _HEAD_AFTER_DE.match(after)) and len(head.group(0)) > len(obj) + 2:
        obj = head.group(1)  # 发布一起利用人工智能实施电信诈骗的|典型案例: what it is, its description too long
    if not actor or len(actor) > 10:
        place = _REGION.match(obj)
        if place and place.group(0) not in ("我国", "中国", "全国"):
            actor, obj = place.group(0), obj[place.end():]
        elif not actor and pronoun and text.startswith(("他", "她")) and not text.startswith(_PLURAL):
            actor = text[0]  # 他曾担任…学院副院长，…，|发表论文: he acts in every clause (put in by _third_person)
        elif not actor:
            found = _lexicon()[0].search(text[: m.start()]) or _ORG.search(text[: m.start()])
            host = _HOST.match(text, _DATE_CLAUSE.match(text).end(), m.start())
            actor = (_opening_name(text, names_end, names) or _last_name(text, names_end, names)
                     or (host.group("who") if host else None)  # 雷鸟创新在深圳召开新品发布会，正式|发布…
                     or (found.group(0) if found else None) or (speaker if obj else None) or "")
            # (孙东表示，计划于2024年|推出: who speaks of it, with nothing launched after, did not launch it)
    if etype.id == "award" and actor and (won := _OWNED_WINNER.search(text, 0, m.start())) and won.group(1) == actor:
        actor = won.group(2)  # 北京人形机器人创新中心的“天工Ultra”…获得冠军: the robot won, its maker did not
    if not obj and after.startswith("《"):  # a document's title, too long to cut: whole, without its asides
        actor, obj = _with_document(actor, action, after)
    if not obj and actor:  # 月之暗面…完成新一轮超10亿美元|融资，由…: what the action ends is its object
        obj_before = _object_before(before, actor, names)
        if obj_before:
            return f"{actor}{obj_before}{action}".lstrip("\" ")
    title = _cut_title(f"{actor}{action}{obj}", TITLE_MAX + TITLE_SLACK).lstrip("\" ")
    if title.startswith("“") and "”" not in title:
        title = title[1:]
    return title


_TODAY = re.compile(r"今天|今日(?![头])")  # (not 今日头条)


def _today(record: Record, texts: list[str]) -> str | None:
    """The article's day for an event its text dates 今天 (上海市经济和信息化委员会今天发布…), when the day is known."""
    day = record.published_at or ""
    return day[:10] if re.match(r"\d{4}-\d{2}-\d{2}", day) and any(_TODAY.search(t) for t in texts) else None


# 26日在上海开幕: a wire story's day of the month alone (its dateline gave the month); not 日前, 日起, 日后
_DAY_ALONE = re.compile(r"(?<![\d月年])([1-9]|[12]\d|3[01])日(?![前起后内])")


def _day_of_month(record: Record, texts: list[str]) -> str | None:
    """The date of an event its text dates by the day alone (大会26日在上海开幕), in the article's month (the month
    before when that day is later than the article's), when the article's day is known."""
    day = record.published_at or ""
    if not re.match(r"\d{4}-\d{2}-\d{2}", day):
        return None
    m = next((m for t in texts if (m := _DAY_ALONE.search(t))), None)
    if m is None:
        return None
    year, month, today = int(day[:4]), int(day[5:7]), int(day[8:10])
    if int(m.group(1)) > today and "将" not in m.string[max(0, m.start() - 3) : m.start()]:
        # 30日 in an article of the 2nd: last month's (将于11日 in an article of the 10th: this month's)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return f"{year:04d}-{month:02d}-{int(m.group(1)):02d}"


def _date(texts: list[str], year: int | None) -> str | None:
    joined = "".join(texts)
    for m in _FULL_DATE.finditer(joined):
        if not joined.endswith(_DEADLINE_BEFORE, max(0, m.start() - 8), m.start()) and not (
                joined.startswith(("起", "止"), m.end()) and _MONTH_DAY.search(joined)):
            # 截止时间为2024年10月14日: a deadline; 12月4日…发布…，自2026年1月1日起施行: when it takes effect, not when
            # it was issued; 11月25日…公布截至2025年9月30日止季度业绩: the period's end
            return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = _MONTH_DAY.search(joined)
    if m:
        prefix = f"{year:04d}" if year else "-"
        return f"{prefix}-{int(m.group(1)):02d}-{int(m.group(2)):02d}"
    m = _YEAR_MONTH.search(joined)
    if m:
        return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
    for m in _YEAR.finditer(joined):
        if not _target_year(joined, m.start()):
            return m.group(1)
    return None


# 意见反馈截止时间为2024年10月14日: a deadline, no date of the event
_DEADLINE_BEFORE = ("截止时间为", "截止日期为", "截止到", "截止于", "截止")  # 截至 (as of) dates a state: kept


# 到2027年, 2025—2027年, 预计2026年: a target, a range's end or a forecast (截至2025年9月30日: as of, a past day)
_TARGET_BEFORE = ("到", "至", "—", "–", "-", "~", "～", "预计", "计划", "有望", "力争", "争取")

# 自2019年成立以来, 从2010年的9.7亿: the start of a span of years (自2012年4月开始 is a recent month: kept)
_SINCE_BEFORE = ("自", "从")
_WITH_MONTH = re.compile(r"\d{4}年\d{1,2}月")


# 2022年至2024年, 2025年底前: a period's start, or a deadline
_PERIOD_AFTER = re.compile(r"\d{4}年(?:\d{1,2}月)?(?:底|末)?(?:前|以前|之前|至|到|—|–|-|~|～)")
# 自2026年1月1日起施行: when a rule takes effect, often the year after it is issued
_IN_FORCE_FROM = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?起(?:正式)?(?:施行|实施|生效|执行)")
# 2037年将超过4亿: a forecast's year, no year the article stands in (an event's plan may still be dated by it)
_FORECAST_AFTER = re.compile(r"(?!即将(?:过去|结束|收官|落幕))[^，,。；;\d]{0,3}?(?:将|预计|有望|力争|可望)")
# (2025年即将过去: the year the article looks back on, no forecast's)


def _target_year(text: str, at: int, titles: bool = True) -> bool:
    """Whether the year at ``at`` is a plan's target, a deadline or a period's start or end, or (with ``titles``)
    stands in a document's title (《…（2025—2027年）》): no date of the event."""
    end = at
    while end > 0 and text[end - 1] in "年 ":
        end -= 1
    if text.endswith("于", 0, end):  # 计划于2026年, 预计于…
        end -= 1
    return (text.endswith(_TARGET_BEFORE, 0, end) and not text.endswith("截至", 0, end)
            or titles and text.rfind("《", 0, at) > text.rfind("》", 0, at)
            or _PERIOD_AFTER.match(text, at) is not None or _IN_FORCE_FROM.match(text, at) is not None
            or (text.endswith(_SINCE_BEFORE, 0, end) and _WITH_MONTH.match(text, at) is None))


def document_year(record: Record) -> int | None:
    """The year of the article: from ``published_at``, else the latest year its text names that is neither a target
    (``_target_year``), a forecast's (2037年将超过4亿) nor one its sentence tells of as past (此前…已于2023年8月15日
    起施行); a document's title counts (《人工智能发展报告（2025年）》 is published in 2025 or later)."""
    if record.published_at and re.match(r"\d{4}", record.published_at):
        return int(record.published_at[:4])
    text = record.text
    years = [int(m.group(1)) for m in _YEAR.finditer(text) if 1990 <= int(m.group(1)) <= 2100
             and not _target_year(text, m.start(), titles=False) and not _told_as_past(text, m.start())
             and not _FORECAST_AFTER.match(text, m.end()) and not _planned(text, m.start())]
    return max(years) if years else None


# 此前, 早在2019年, 已于2023年: the sentence tells of an earlier time than the article's; so does a body's founding
# (摩尔线程成立于2020年10月: its history, not the year of the IPO news)
_PAST = re.compile(r"此前|早在|已于|曾于|曾在|(?:成立|创立|创办|创建|始建|组建|诞生)于")


# 计划在2026年…推出, 预计于…: the sentence tells of a plan, its years a roadmap's (华为计划在2026年第一季度推出…，
# 2028年第四季度推出…: the article is not of 2028)
_PLAN_BEFORE = re.compile(r"计划|拟于|拟在|路线图")  # (not 将于: 影片将于2021年1月15日上映 dates its article)


def _planned(text: str, at: int) -> bool:
    """Whether the sentence of the year at ``at`` tells of a plan before the year, or the year alone is when
    something will be (Robotaxi将于2026年在广州开展试运营; 将于2021年1月15日上映, a day, may be the article's year)."""
    return _PLAN_BEFORE.search(text, _sentence_start(text, at), at) is not None or (
        text.endswith(("将于", "将在"), 0, at) and _YEAR_ALONE.match(text, at) is not None)


_YEAR_ALONE = re.compile(r"\d{4}年(?!\d{1,2}月)")


def _told_as_past(text: str, at: int) -> bool:
    """Whether the sentence of the year at ``at`` tells of it as past, before the year."""
    return _PAST.search(text, _sentence_start(text, at), at) is not None


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts (after the last full stop or line break before it)."""
    return max(text.rfind(mark, 0, at) for mark in "。！？\n") + 1


@lru_cache(maxsize=1024)
def _short_region(name: str) -> str:
    """A region's name without its 省/市/… suffix (regions recur, so it is kept)."""
    return _REGION_SUFFIX.sub("", name)


_REGION_SUFFIX = re.compile(r"(?:(?:维吾尔|壮族|回族)?自治区|特别行政区|省|市|区|县)$")  # (新疆维吾尔自治区 → 新疆)


def _actors(record: Record, texts: list[str], title: str) -> tuple[list[str], str | None]:
    joined = "".join(texts)
    actors: list[str] = []
    region: str | None = None
    if record.organizations is not None:
        for org in record.organizations:
            names = [org.name, *org.aliases]
            if any(n and (n in joined or n in title) for n in names):  # (公司推出… titled 摩尔线程推出…)
                actors.append(org.name)
    else:
        for m in _ORG.findall(joined):
            name = m.lstrip("经由据在和与及对向从")
            if len(name) >= 3 and "了" not in name and not find_trigger(name):
                actors.append(name)
    if record.people:
        actors.extend(p.name for p in record.people if p.name in joined)
    if record.regions is not None:  # the most relevant region the title names, else the text
        for where in (title, joined):
            region = next((r.name for r in record.regions if r.name in where or (
                len(short := _short_region(r.name)) >= 2 and short in where)), None)
            if region:
                break
    else:
        place = _lexicon()[0].search(title) or _lexicon()[0].search(joined)
        region = place.group(0) if place else None
    unique: list[str] = []
    for a in actors:
        if a not in unique and not any(a in u for u in unique):
            unique.append(a)
    return unique[:5], region


def officials(record: Record) -> set[str]:
    """Names of people the text introduces with a government title (or the tagger marked so)."""
    names = set(_lexicon()[2].findall(record.text))
    for person in record.people or []:
        if person.title and _lexicon()[1].search(person.title):
            names.add(person.name)
    return names


# who speaks for a body: its official, or its "side" (小米汽车方面表示: 小米汽车 speaks; not 另一方面, 各方面)
_SPOKESPERSON = re.compile(r"(?:的)?(?:有关|相关|主要)?(?:负责人|新闻发言人|发言人)$"
                           r"|(?<=[\u4e00-\u9fffA-Za-z]{2})(?<!一)(?<!其他)(?<!各)方面$")


def _speaker(unit: Unit, known: set[str], people: Sequence[str] = ()) -> tuple[str | None, bool]:
    """The person a sentence is attributed to, and whether that person is an official (``known``: the officials'
    names; ``people``: everyone the tag stage found)."""
    who = attribution(unit.text)
    if not who:
        return None, False
    who = _SAID_TAIL.sub("", who) or who  # 工业和信息化部日前|表示: the body, not when it spoke
    for name in known:
        if who.endswith(name):
            return name, True
    for name in people:
        if who.endswith(name):
            return name, False  # 小马智行联合创始人兼首席执行官彭军 → 彭军, not 官彭军
    named = _lexicon()[2].search(who + "表示")
    if named:
        return named.group(1), True
    body = _SPOKESPERSON.sub("", who)
    if body != who and len(body) >= 2:
        return body, False  # 国家网信办有关负责人 → 国家网信办: the body speaks through its official (or its side)
    if len(who) <= 12 and _ORG.fullmatch(who) or len(who) <= 16 and _BODY_END.search(who):
        return who, False  # 法国航空公司表示，, 武汉市交通运输局表示，: a body, named whole (not 空公司, 运输局)
    return who[-3:] if len(who) > 4 else who, False


# the last characters of a body's name (a person's name ends in none of them but rarely: 刘局 is no name)
_BODY_END = re.compile(r"(?:局|厅|委|委员会|办公室|办|院|研究所|中心|公司|集团|协会|学会|联盟|银行|法院|政府|交易所)$")


@dataclass
class _Candidate:
    position: int  # index into the units list
    core: str | None  # compressed sentence without leading time and place phrases; None: not computed
    score: float
    etype: EventType | None
    match: re.Match[str] | None
    speaker: str | None


def _core(text: str) -> str:
    return _strip_prefixes(compress(_unheaded(text)))


def _unheaded(text: str) -> str:
    """``text`` without a roundup item's heading (【智谱发布GLM-4.5】7月28日，… → 7月28日，…): the event's title
    is that heading, its description the text."""
    if not text.startswith("【"):
        return text
    outlet = OUTLET_BRACKET.match(text)  # 【21世纪经济报道】…: a source named, not the item's headline
    return text[outlet.end():] if outlet else BRACKET_HEADING.sub("", text, count=1)


def _candidate(pos: int, unit: Unit, base: float, known: set[str], people: Sequence[str] = ()) -> _Candidate:
    if not may_trigger(unit.text):
        # find_trigger would give None: the score is that of no trigger; the core is made if it is chosen
        return _Candidate(pos, None, 0.3 * base, None, None, None)
    speaker, official = _speaker(unit, known, people)
    core = _core(unit.text)
    found = find_trigger(core, official)
    heading = BRACKET_HEADING.match(unit.text) if found is None else None
    if heading:  # 【宇树科技启动上市辅导】…: the item's headline says what happened
        found = find_trigger(heading.group("heading"), official)
        core = heading.group("heading") if found else core
    etype, m = found if found else (None, None)
    text = unit.text
    if etype is None:
        score = 0.3 * base
    else:
        score = etype.weight + BASE_WEIGHT * base
        if _NUMBER.search(text):
            score += 0.3
        if _has_date(text):
            score += 0.2
        if _has_org(text) or _lexicon()[0].search(text):
            score += 0.2
        if _OPINION.search(core) or _CAREER.search(text):
            score -= 0.4
        if speaker and not official:
            score -= 0.3
        if is_question(text) or text.startswith("“") or core.startswith("“"):
            score -= 0.6
        if len(core) < 15:
            score -= 0.5
    return _Candidate(pos, core, score, etype, m, speaker)


def _has_date(text: str) -> bool:
    """Whether ``text`` names a date or a year (every date pattern needs 年 or 月)."""
    return ("年" in text or "月" in text) and bool(
        _FULL_DATE.search(text) or _MONTH_DAY.search(text) or _YEAR.search(text))


def _has_org(text: str) -> bool:
    """Whether ``text`` names an organization (tried only where an organization suffix occurs)."""
    return bool(_ORG_SUFFIX.search(text) and _ORG.search(text))


_CONTINUATION = re.compile(r"^(?:并|同时|还|其中|此外)")
# a person's career told (他曾担任…副院长，主持…，发表论文200余篇): a biography's facts, not the article's news
_CAREER = re.compile(r"[他她]曾|曾(?:担任|任职|就职|供职|任)")


def _continues(prev: Unit, nxt: Unit) -> bool:
    """Whether ``nxt`` carries on the statement of ``prev`` (a list after 「；」 or 并/同时/还)."""
    if nxt.index != prev.index + 1:
        return False
    if prev.text.endswith(("；", ";")):
        return True
    return bool(_CONTINUATION.match(nxt.text)) and len(prev.text) < 80


def extract_events(record: Record, limit: int = MAX_EVENTS) -> list[Event]:
    """Three to eight events of ``record``, in text order, each pointing at its evidence sentences."""
    ranking = ranked_units(record.text, record.title)
    items, base = ranking.items, ranking.scores
    if not items:
        return []
    top = max(base) or 1.0
    known = officials(record)
    people = [p.name for p in record.people or ()]
    candidates = [_candidate(i, u, base[i] / top, known, people) for i, u in enumerate(items)
                  if not u.text.startswith(SCENE_OPENERS)]  # 走进…工厂，机械臂…: a feature's scene, no event
    chosen: list[_Candidate] = []
    for c in sorted(candidates, key=lambda c: -c.score):
        if len(chosen) >= limit:
            break
        if len(chosen) >= MIN_EVENTS and (c.etype is None or c.score < MIN_SCORE):
            break
        if any(ranking.overlaps.cosine(c.position, o.position) > 0.45 for o in chosen):
            continue
        chosen.append(c)
    year = document_year(record)
    known_names = _known_names(record)
    taken = {c.position for c in chosen}
    events: list[Event] = []
    for c in sorted(chosen, key=lambda c: c.position):
        group = [items[c.position]]
        nxt = c.position + 1
        if nxt < len(items) and nxt not in taken and _continues(items[c.position], items[nxt]):
            if len(items[c.position].text) + len(items[nxt].text) <= DESCRIPTION_MAX + 40:
                group.append(items[nxt])
                taken.add(nxt)
        events.append(_event(record, group, c, year, known_names))
    events = _merge_headings([e for e in events if not _BARE_VALUE.match(e.title)], record.text)
    if record.title and _COMMENTARY.search(record.title):  # an editorial's 要…: its author's call, nobody's plan
        events = [e for e in events if e.type not in _OPINION_TYPES]
    notice = award(record.text)
    if notice is not None:  # a procurement result notice: the award its fields state comes first
        read = set(notice.sentences)
        events = [_award_event(record, notice)] + [  # its other labelled lines (地址：…, 联系方式：…) tell no event
            e for e in events if read.isdisjoint(e.sentences) and e.type != "statement"][: limit - 1]
    return events


# the headline of an editorial or a commentary (人民日报评论员：…, 社论：…, 新华时评：…)
_COMMENTARY = re.compile(r"评论员|社论|时评|短评|快评|锐评|评论[：:]|观点[：:]")
_OPINION_TYPES = frozenset(("plan", "measure", "statement"))


def _award_event(record: Record, notice: Award) -> Event:
    """The contract event of a procurement result notice (``notices.award``)."""
    title = _cut_title(f"{notice.winner_short}中标{notice.project}", TITLE_MAX + TITLE_SLACK)
    actors, region = _actors(record, [notice.description], title)
    return Event(title=title, description=notice.description, type="contract", actors=actors, region=region,
                 sentences=list(notice.sentences))


_HEADING_MAX = 40  # characters of a roundup item's heading line, most


def _merge_headings(events: list[Event], text: str) -> list[Event]:
    """A roundup item's heading line (【1】OpenAI发布GPT-5.1) and the sentence under it that tells the same event
    (OpenAI宣布推出GPT-5.1，…: the same type, actors and object) are one event: the heading's title, the sentence's
    description, both sentences. So are a list item's numbered heading sentence and the sentence after it, whatever
    the latter tells (一、…。1月20日，…)."""
    out: list[Event] = []
    lines: set[str] | None = None  # the text's lines without end punctuation, read on first need
    for e in events:
        prev = out[-1] if out else None
        if not (prev is not None and len(prev.sentences) == 1 and e.sentences
                and e.sentences[0] == prev.sentences[0] + 1 and len(prev.description) <= _HEADING_MAX):
            out.append(e)  # no short one-sentence event just before it: no heading over it
            continue
        if numbered := _NUMBERED_HEADING.match(prev.description):
            # 一、DeepSeek-R1发布引发全球关注。1月20日，深度求索发布…: a list item, its heading the editor's title
            heading = numbered.group("heading")
            title = heading if len(heading) <= TITLE_MAX + TITLE_SLACK else prev.title
            out[-1] = e.model_copy(update={"title": title, "type": prev.type or e.type,
                                           "sentences": prev.sentences + e.sentences,
                                           "actors": list(dict.fromkeys(prev.actors + e.actors))})
            continue
        if prev.type == e.type and set(prev.actors) <= set(e.actors):
            if lines is None:
                lines = {ln.strip() for ln in text.split("\n") if ln.strip() and ln.strip()[-1] not in "。！？!?；;"}
            if prev.description.rstrip("。") in lines and _same_object(prev, e):
                out[-1] = e.model_copy(update={"title": prev.title, "sentences": prev.sentences + e.sentences})
                continue
        out.append(e)
    return out


# a list item's heading sentence: its Chinese number, then the heading (二、国务院印发《…》。)
_NUMBERED_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}、(?P<heading>[^。！？!?]{4,})[。！？!?]?$")


def _same_object(heading: Event, event: Event) -> bool:
    """Whether a heading's title, its actors set aside, shares four characters in a row with the event's
    description (GPT-5.1, 文心大模型5.0, 新一轮融资)."""
    rest = heading.title
    for actor in heading.actors:
        rest = rest.replace(actor, "\0")
    return any(rest[i:i + 4] in event.description for i in range(len(rest) - 3) if "\0" not in rest[i:i + 4])


# 超过70分: a statistic's title that kept only its value (the subject stood in another clause) says nothing
_BARE_VALUE = re.compile(r"(?:超过|超|突破|达到|达|增长|提升至|覆盖|累计)(?:约|近)?[\d.]+[^\d]{0,3}$")


def _event(record: Record, group: list[Unit], c: _Candidate, year: int | None, known: _KnownNames) -> Event:
    description = _fit("".join(compress(_unheaded(u.text), True) for u in group), DESCRIPTION_MAX)
    if group[-1].text.count("”") > group[-1].text.count("“"):
        description = _quotation(record.text, group[-1].index, description)
    if c.etype is not None and c.etype.needs_official and c.speaker and not attribution(description):
        # An official's directive is news because of who gave it: name the speaker, briefly.
        description = f"{c.speaker}表示，{description}"
    core = c.core if c.core is not None else _core(group[0].text)
    match = c.match
    if c.etype is not None and match is not None:
        short = _company_named(_short_org_names(known.long_forms, core), known.company)
        if short != core:  # 杭州深度求索人工智能基础技术研究有限公司（DeepSeek）发布… → 深度求索发布…
            found = find_trigger(short, c.etype.needs_official)
            if found and found[0] is c.etype:
                core, match = short, found[1]
    if c.etype is not None and match is not None and core.startswith(_COPULA_OPENERS):
        # 2025年将是AI眼镜的爆发之年: the year the core's leading time left out is the clause's subject
        at = description.find(core[:8])
        lead = description[:at].rstrip("，, ") if at > 0 else ""
        if lead and _DATE_LEAD.fullmatch(lead) and (found := find_trigger(lead + core, c.etype.needs_official)) \
                and found[0] is c.etype:
            core, match = lead + core, found[1]
    if c.etype is not None and match is not None:
        title = build_title(core, c.etype, match, c.speaker, known.names)
        if c.etype.needs_number:
            title = _figure_phrase(record, group[0].index, title, known.names, known.company) or title
        if headline.weak(title):  # 发布会, 路要走, ”承办方…: the trigger's phrase is no headline
            title = headline.clause_title(core, _statement_title) or title
        title = headline.tidy(title)
        if _ANAPHOR_CLAUSE.search(group[0].text):  # 过去四个季度，集团|投入… → 阿里巴巴投入… (not 中国白银|集团)
            title = _company_named(title, known.company)
        if title.startswith(_FIRST_PERSON):
            title = _speaking_for(record, group[0].text, title)
    else:
        core = _announced(core)
        title = headline.clause_title(core, _statement_title) or _statement_title(core)
    if title.startswith(("他", "她")):
        title = _third_person(record, group[0].text, title)
        pronoun = ("他", "她")
        if title.startswith(pronoun) and c.etype is not None and match is not None and core.startswith(pronoun):
            # nobody named for him: the title as the clause reads without its subject
            title = headline.tidy(build_title(core, c.etype, match, c.speaker, known.names, pronoun=False))
    title = _NUMBERED.sub("", title, count=1) or title  # 一是大力发展人工智能产业: the point, not its number
    heading = BRACKET_HEADING.match(group[0].text)
    if heading and not headline.weak(heading.group("heading")):
        title = heading.group("heading")  # a roundup item's own headline, the editor's
    texts = [u.text for u in group]
    actors, region = _actors(record, texts, title)
    if c.speaker and c.speaker not in actors and c.etype is not None and c.etype.needs_official:
        actors.insert(0, c.speaker)
    return Event(
        title=title or _cut_phrase(core, TITLE_MAX),
        description=description,
        type=c.etype.id if c.etype else "statement",
        date=_date(texts, year) or _today(record, texts) or _day_of_month(record, texts),
        actors=actors,
        region=region,
        sentences=[u.index for u in group],
    )


# who a quotation is from, right after it closes: ”浪潮云行业总监尹萍说。
_SAID_AFTER = re.compile(r"\s*(?P<who>[^，,。；;：:“”\s]{2,30}?)"
                         r"(?P<verb>说|表示|介绍|指出|认为|坦言|强调|透露|称)[。，,]")


def _quotation(text: str, sentence: int, description: str) -> str:
    """A description taken from inside a quotation (…快速落地。”), quoted and attributed to whoever the text names
    right after it: 浪潮云行业总监尹萍说：“今年4月，我们发布了…”. A quotation cut short ends in ……”."""
    sentences = split_sentences(text)
    said = _SAID_AFTER.match(text, sentences[sentence].end) if sentence < len(sentences) else None
    if description.count("”") > description.count("“"):
        body = "“" + description
    else:  # the closing quote was cut off
        body = "“" + description.rstrip("。，,；;") + ("……”" if not description.endswith("……") else "”")
    return f"{said.group('who')}{said.group('verb')}：{body}" if said else body


_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团有限公司", "集团股份有限公司")
_LONG_NAME = 10  # an organization written with more characters than this is titled by its short name


_FIRST_PERSON = ("我们", "我")
_TURN = re.compile(r"(?P<who>[\u4e00-\u9fff·]{2,8})[：:]")  # an interview's turn: 王仲远：我们今年发布了…


def _speaking_for(record: Record, text: str, title: str) -> str:
    """A title that opens with 我们/我 in an interview's turn (a paragraph opening 王仲远：), with who speaks put in:
    the body the person heads when the tag stage knows it (我们今年发布了… → 智源研究院今年发布…), else the person."""
    at = record.text.find(text)
    turn = _TURN.match(record.text, record.text.rfind("\n", 0, at) + 1) if at >= 0 else _TURN.match(text)
    person = next((p for p in record.people or () if turn and p.name == turn.group("who")), None)
    if person is None:
        return title
    pronoun = "我们" if title.startswith("我们") else "我"
    who = person.organization if pronoun == "我们" and person.organization else person.name
    return who + title[len(pronoun):]


_PLURAL = ("他们", "她们", "他人", "她人")
_IDENTITY = re.compile("[他她](?:就|便|正|也|才|可)?(?:是|叫|名叫)")  # 他就是兰德尔: who he is comes next
_ANTECEDENT_SENTENCES = 1  # how far back a person named before 他/她 may stand, in sentences


def _third_person(record: Record, text: str, title: str) -> str:
    """A title that opens with 他/她 with the person it stands for put in: the one person the tag stage found named
    before it, in its sentence or the one before (菲利普表示…。不管面对何种压力，他都会… → 菲利普都会…). As it was
    where that is not clear: 他们, nobody or two people named there (吴孟达…卢少慈…他将遗书…), or a 他是 that names
    him next (他就是湖人旧将兰德尔)."""
    if title.startswith(_PLURAL) or _IDENTITY.match(title) or not record.people:
        return title
    at = record.text.find(text)
    if at < 0:
        return title
    pos = at + max(0, text.find(title[:4]))
    sentence = next((s.index for s in split_sentences(record.text) if s.start <= pos < s.end), None)
    if sentence is None:
        return title
    named = {p.name for p in record.people for ev in p.evidence
             if ev.start is not None and ev.start < pos and ev.sentence >= sentence - _ANTECEDENT_SENTENCES}
    return next(iter(named)) + title[1:] if len(named) == 1 else title


@dataclass(frozen=True)
class _KnownNames:
    """The tag stage's people and organizations as the titles of one record use them (read once a record)."""

    names: list[tuple[str, str]]  # (written, shown)
    long_forms: list[tuple[str, str]]  # (written long, short name), longest first
    company: str | None = None  # the company the article is most about: what 公司 and 该公司 refer to


def _known_names(record: Record) -> _KnownNames:
    names = [(p.name, p.name) for p in record.people or ()]
    long_forms: set[tuple[str, str]] = set()
    for org in record.organizations or ():
        names += [(written, org.name) for written in {org.name, *org.aliases} if len(written) >= 2]
        long_forms |= {(written, org.name) for written in {*org.aliases, *(e.text for e in org.evidence)}
                       if (len(written) > _LONG_NAME or written.endswith(_LEGAL_FORMS))
                       and len(org.name) < len(written)}
    companies = [org.name for org in record.organizations or () if org.type == "company"]
    return _KnownNames(names, sorted(long_forms, key=lambda pair: -len(pair[0])), companies[0] if companies else None)


_ANAPHORS = r"(?:该公司|公司|该集团|集团)(?=[\u4e00-\u9fff])"  # the company the article is about, unnamed
_ANAPHOR_CLAUSE = re.compile(rf"(?:^|[，,。；;]){_ANAPHORS}")
_COMPANY_ANAPHOR = re.compile(rf"^{_ANAPHORS}")


def _company_named(text: str, company: str | None) -> str:
    """``text`` with a sentence-opening 公司, 集团 or 该公司 (the company the article is about) named: 公司计划… →
    小马智行计划…."""
    return _COMPANY_ANAPHOR.sub(company, text, count=1) if company and text[:1] in "该公集" else text


def _short_org_names(long_forms: list[tuple[str, str]], text: str) -> str:
    """``text`` with the long written names of the tag stage's organizations (and a bracketed aside right after
    one) replaced by their short names: a title cut from 杭州深度求索人工智能基础技术研究有限公司 kept only its end."""
    for written, short in long_forms:
        if written in text:
            text = re.sub(re.escape(written) + r"(?:（[^（）]{1,20}）|\([^()]{1,20}\))?", short, text)
    return text


# who announces, and what: 智元机器人宣布，|其第5000台通用具身机器人…下线
_ANNOUNCING = re.compile(r"^(?P<who>[^，,。；;：:“”]{2,16}?)(?P<verb>宣布|透露|表示|称)[，,：:]"
                         r"(?P<what>[^，,。；;]{4,})")


def _announced(core: str) -> str:
    """A statement's core with what was announced in the announcer's clause: its 其 is the announcer
    (智元机器人宣布，其第5000台…下线 → 智元机器人第5000台…下线), else the verb joins it (…宣布…)."""
    m = _ANNOUNCING.match(core)
    if m is None:
        return core
    what = m.group("what")
    joined = m.group("who") + what[1:] if what.startswith("其") else m.group("who") + m.group("verb") + what
    return joined + core[m.end():]


def _statement_title(clause: str) -> str:
    """The title of a sentence without a trigger: its first phrase; a phrase cut before 的 and a quoted name goes on
    to the name (北京人形机器人创新中心的“天工Ultra”, not 北京人形机器人创新中心); a long clause leaves out where it
    happened (V3.2-Speciale|在国际数学奥林匹克2025、…中|取得金牌水平成绩)."""
    if len(clause) > TITLE_MAX + TITLE_SLACK and (where := _WHERE_INSIDE.search(clause)):
        clause = clause[: where.start()] + clause[where.end():]
    title = _cut_phrase(clause, TITLE_MAX - 6, 6)
    if len(clause) > len(title) and not _says_something(title):  # 国际人工智能顶级会议|NeurIPS 2025近日公布…: a
        longer = _cut_phrase(clause, TITLE_MAX + TITLE_SLACK - 4, 4)  # subject alone; its verb, where it fits
        # (a title that closes a quoted name stays: …向盲童孤儿院“济慈之家”, not …“济慈之家”提供)
        title = longer if _says_something(longer) and not title.endswith("”") else title
    named = _OWNED_NAME.match(clause, len(title)) if clause.startswith(title) else None
    if named and len(title) + len(named.group(0)) <= TITLE_MAX + TITLE_SLACK:
        return title + named.group(0)
    return title


# where a long clause's action happened, between its subject and its verb (在…中, 在…上, 在…期间, 在…工厂; not the
# 上 of 长上下文 nor the 中 of 中国)
_WHERE_INSIDE = re.compile(r"(?<=[^，,。；;：:\s])在[^，,。；;在]{2,40}?"
                           r"(?:中(?![国心央学间小文华])|上(?![下海市线游升])|期间|方面|工厂|基地|园区|总部|现场|车间)"
                           r"(?=[\u4e00-\u9fff])")


def _says_something(title: str) -> bool:
    """Whether ``title`` holds a verb (the segmenter's v, not vn): it says something of its subject."""
    return any(pos == "v" or pos.startswith("v") and pos != "vn" for _, pos in _words(title))


_OWNED_NAME = re.compile(r"的“[^“”，。]{1,16}”")
_OWNED_WINNER = re.compile(r"([^，,。；;、“”的]{2,30})的“([^“”，。]{1,16})”")  # a maker and its named entrant


_HOME = frozenset(("中国", "全国", "我国"))  # the country's figures: the place goes without saying
_PREFIX_QUALIFIERS = ("超过", "超", "达到", "达", "突破", "逾", "近", "约", "增长", "提升至", "增至", "降至", "上涨",
                      "下跌", "涨", "跌", "下降", "降低", "提升", "减少", "增加")


_FROM_TO = re.compile(r"从[\d.]+[^，,。；;从]{0,6}?(?:至|到)[\d.]")
# a change and how much: 降低约, 下跌超过, 增长近 (the figure's own words, stated before its value)
_CHANGE_QUALIFIER = re.compile(r"^(?:增长|提升|上涨|下跌|下降|降低|减少|增加|涨|跌)了?(?:约|近|超过|超|逾)$")


def _figure_phrase(record: Record, sentence: int, title: str, names: Sequence[tuple[str, str]] = (),
                   company: str | None = None) -> str | None:
    """The figures stage's ``subject + qualifier + value`` for the figure a title states, when that stage ran,
    after the company it is of (``_owner``), else the short name of the place the figure is about unless that is
    the country (北京核心产业规模达到3000亿元 in an article on 山东)."""
    if _FROM_TO.search(title):
        return None  # 产品不良率从0.8%下降至0.1%: the title states where the figure came from, which the phrase drops
    for fig in record.figures or []:
        if fig.sentence != sentence or not fig.subject or not fig.raw or not _states(title, fig.raw):
            continue
        qualifier = (fig.qualifier or "").removesuffix("以上") if fig.raw.endswith("以上") else fig.qualifier
        # (降低以上|50%以上: the raw value says 以上 once)
        if qualifier and (qualifier in _PREFIX_QUALIFIERS or _CHANGE_QUALIFIER.match(qualifier)) and len(
                fig.subject) >= 2:
            place = _short_region(fig.region) if fig.region and fig.region not in _HOME else ""
            if place and (place in fig.subject or len(place) < 2):
                place = ""
            owner = _owner(record, sentence, fig.subject, names, company)  # before the place (韩国|SK海力士)
            modal = _modal(record, sentence, fig.subject, qualifier)
            phrase = f"{owner or place}{fig.subject}{modal}{qualifier}{fig.raw}"
            if len(phrase) <= TITLE_MAX + 4:
                return phrase
    return None


def _states(title: str, raw: str) -> bool:
    """Whether ``title`` states the figure written ``raw``, or the upper end of its range (910亿至|930亿美元)."""
    if raw in title:
        return True
    joiner = next((j for j in "至到—–~～" if j in raw), None)
    return joiner is not None and raw.rsplit(joiner, 1)[1] in title


# a forecast or a target stays one (…资本支出将超过1万亿美元, 智能算力规模力争突破15000P)
_MODALS = ("预计将", "有望", "或将", "可望", "将会", "预计", "力争", "争取", "将")


_WHEN_WORDS = re.compile(r"(?:\d{4}年(?:底|末)?|今年|明年|年底|年内)")


def _modal(record: Record, sentence: int, subject: str, qualifier: str) -> str:
    """The word of forecast the sentence writes between a figure's subject and its qualifier, else ''."""
    found = _subject_in(record, sentence, subject)
    if found is None:
        return ""
    text, at = found
    end = text.find(qualifier, at + len(subject))
    if end < 0:
        return ""
    between = _WHEN_WORDS.sub("", text[at + len(subject) : end])  # 预计2025年|突破: the forecast, not its year
    return between if between in _MODALS else ""


def _subject_in(record: Record, sentence: int | None, subject: str) -> tuple[str, int] | None:
    """The text of sentence ``sentence`` of the record and where ``subject`` stands in it, or None."""
    sentences = split_sentences(record.text)
    if sentence is None or sentence >= len(sentences):
        return None
    text = sentences[sentence].text
    at = text.find(subject)
    return (text, at) if at >= 0 else None


_CHANGE_BASIS = re.compile(r"(?:同比|环比)$")
_OWNER_YEAR = re.compile(r"(?:\d{4}年?|[上下]半年|第[一二三四]季度|\d{4}财年|今年|去年)*$")


def _owner(record: Record, sentence: int, subject: str, names: Sequence[tuple[str, str]],
           company: str | None = None) -> str:
    """The company or person a figure's subject belongs to, with the period between them, where the sentence writes
    one right before it (英伟达2025|财年营收 → 英伟达2025), else the one company the sentence names before it (the
    longest where one holds the others: 百度智能云, not 百度), else the article's ``company`` where the sentence says
    公司 (报告期内，公司实现营业收入…), else ''."""
    found = _subject_in(record, sentence, subject) or _subject_in(record, sentence, _CHANGE_BASIS.sub("", subject))
    if found is None or found[1] == 0:  # (营业收入同比: the figures stage joined 营业收入 to …，同比增长39%)
        return ""
    text, at = found
    before = text[:at]
    period = _OWNER_YEAR.search(before)
    head = before[: period.start()] if period else before
    for written, shown in names:
        if head.endswith(written):
            return shown + before[len(head):]
    companies = {o.name for o in record.organizations or () if o.type == "company"}
    named = {shown for written, shown in names if shown in companies and written in before
             and not _USED.search(before, 0, before.find(written))}
    named = {n for n in named if not any(n != other and n in other for other in named)}  # 百度 inside 百度智能云
    if len(named) == 1:
        return named.pop()  # 寒武纪股价上涨8.5%，…，|总市值突破…: the one company named
    return company if not named and company and _COMPANY_SAID.search(before) else ""
    # (not one whose product the subject deploys: 深圳市龙岗区…部署DeepSeek-R1…，上线首月调用量…)


# 公司 as a clause's subject: the article's company (报告期内，公司实现营业收入…)
_COMPANY_SAID = re.compile(r"(?:^|[，,。；;])(?:该|本)?公司"
                           r"(?=实现|的|今年|本年|上半年|下半年|前三季度|全年|营业|营收|净利润|累计)")
# a verb of putting something to use, a few characters before a company's name: its product is the object
_USED = re.compile(r"(?:部署|接入|采用|使用|引入|引进|调用|购买|采购|搭载)[^，,。；;]{0,6}$")


def _fit(text: str, limit: int) -> str:
    """``text`` cut at a clause boundary to about ``limit`` characters, ending in 。."""
    if len(text) <= limit:
        return text
    out = ""
    for _, piece in _clauses(text):
        if out and len(out) + len(piece) > limit:
            break
        out += piece
    return compress(out.rstrip("，,；;：: "))


_INNER_QUOTES = str.maketrans("“”", "‘’")


def _topic(record: Record) -> str:
    """The record's title as a framing sentence quotes it: quotes inside quotes are single (“…‘人工智能+’…”)."""
    return (record.title or "").strip().translate(_INNER_QUOTES)


def no_events_framing(record: Record) -> str:
    """What a card says of a record with no events (an editorial's calls, a feature without news): no list."""
    topic = _topic(record)
    return f"这篇文章“{topic}”未报道具体的重大事件。" if topic else "这篇文章未报道具体的重大事件。"


def framing(record: Record, events: list[Event]) -> str:
    """The card's framing sentence: what the article reports, then the list announcement."""
    topic = _topic(record)
    kinds = {e.type for e in events}
    labels = [t.label for t in event_types() if t.id in kinds]
    what = f"{'、'.join(labels[:3])}等进展" if labels else "重要进展"  # not 重要进展等进展
    if topic:
        return f"这篇文章报道了“{topic}”相关的{what}，以下是文章中提到的重大事件："
    return f"这篇文章报道了{what}，以下是文章中提到的重大事件："
