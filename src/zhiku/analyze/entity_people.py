"""People without a model: speakers, a surname and given name opening a clause right before a verb of saying
(王芳说：), and the names the segmenter's part-of-speech tags find (nr: 陶青, 娄超).

The word lists are in data/gazetteer/person_patterns.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate

from ..text.nfkc import Origin
from ..text.segment import tag, tagged_nfkc
from .keyword_features import kernel
from .keyword_lexicon import COMMON_WORD_IDF, UNSEEN_IDF, background_idf, stopwords
from .matcher import longest_first
from .taxonomy import read_gazetteer

_CLAUSE_START = set("，。；：！？“”‘’（）()\n《》、 　")


@lru_cache(maxsize=1)
def _speaker_data() -> tuple[frozenset[str], tuple[str, ...], re.Pattern[str], frozenset[str], frozenset[str],
                            frozenset[str]]:
    data = read_gazetteer("person_patterns.yaml")
    surnames = frozenset(str(data["surnames"]).strip())
    compound = tuple(data.get("compound_surnames") or ())
    verbs = data.get("speech_verbs") or ()
    return (surnames, compound, re.compile(longest_first(verbs)), frozenset(data["not_in_given_name"]),
            frozenset(data["not_last_in_name"]),
            frozenset([*data["not_speakers"], *data.get("address_forms", ()), *data.get("titles", ())]))


# 林某某, 张某, 李某祥: a person court reports and police bulletins name by surname only; the surname stands after a
# word that names who they are (被告人林某某, 男子张某) or opens a clause (，王某表示), never after another character of
# a word (一方某, 资金某)
_ANONYMIZED = re.compile(r"某(?:某|(?![被因在于已将把向对从和与及等说称是有也都就还又])[\u4e00-\u9fff]"
                         r"(?=[、，,。；;：:）)\s]|抓获|到案|归案|涉嫌|等人))?"
                         r"(?!公司|企业|单位|机构|部门|医院|学校|银行|平台|地|处|种|些|天|日|年)")
_BEFORE_ANONYMIZED = ("被告人", "犯罪嫌疑人", "嫌疑人", "当事人", "被害人", "受害人", "原告", "被告", "男子", "女子",
                      "患者", "司机", "员工", "网友", "市民", "村民", "老人", "负责人", "董事长", "经理", "店主",
                      "工作人员", "涉案人员")


def surnames() -> frozenset[str]:
    """The common surnames of person_patterns.yaml."""
    return _speaker_data()[0]


def anonymized_people(text: str) -> list[tuple[int, int]]:
    """(start, end) of the people named by surname and 某 or 某某 (被告人林某某伙同他人…)."""
    if "某" not in text:
        return []
    surnames = _speaker_data()[0]
    out: list[tuple[int, int]] = []
    for m in _ANONYMIZED.finditer(text):
        at = m.start() - 1
        if at < 0 or text[at] not in surnames:
            continue
        if at == 0 or text[at - 1] in _CLAUSE_START or text.endswith(_BEFORE_ANONYMIZED, 0, at):
            out.append((at, m.end()))
    return out


def speakers(text: str, taken: bytearray) -> list[tuple[int, int]]:
    """(start, end) of names that open a clause and are followed by a verb of saying; spans in ``taken`` are skipped."""
    surnames, compound, verb, banned, not_last, not_speakers = _speaker_data()
    out: list[tuple[int, int]] = []
    for m in verb.finditer(text):
        v = m.start()
        if m.group(0) == "回忆" and text.startswith("录", m.end()):
            continue
        for k in (3, 2, 4):
            i = v - k
            if i < 0 or (i > 0 and text[i - 1] not in _CLAUSE_START):
                continue
            name = text[i:v]
            head = 2 if name[:2] in compound else 1
            if head == 1 and name[0] not in surnames or k == 4 and head == 1:
                continue
            given = name[head:]
            if not given or not all("\u4e00" <= ch <= "\u9fff" for ch in name) or any(ch in banned for ch in given):
                continue
            if name[-1] in not_last or name[:2] in not_speakers or given in not_speakers or name[-2:] in not_speakers:
                break
            if any(taken[i:v]):
                break
            out.append((i, v))
            break
    return out


@lru_cache(maxsize=1)
def _appointment_data() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``(appointing verb, name, 为)`` and ``(name, verb of taking an office)`` patterns (person_patterns.yaml)."""
    data = read_gazetteer("person_patterns.yaml")
    appointing, taking = longest_first(data["appointing_verbs"]), longest_first(data["taking_office"])
    return (re.compile(f"(?:{appointing})([\u4e00-\u9fff]{{2,4}}?)(?:同志)?为"),
            re.compile(f"(?:{taking})(?![何务])"))


def appointees(text: str, taken: bytearray) -> list[tuple[int, int, int]]:
    """(start, end, office) of the names an appointment names: 任命王海峰为…, ，王海峰出任…; ``office`` is where the
    office it names begins (after 为 or the verb). The name has a surname first, two or three characters (four with
    a compound surname), and no character no given name holds (任命他们为 no). Spans in ``taken`` are skipped."""
    if "任" not in text and "聘" not in text and "选" not in text and "名" not in text:
        return []  # every verb holds one of these (str's search is much faster than the regex engine's scan)
    appointing, taking = _appointment_data()
    found = [(m.start(1), m.end(1), m.end()) for m in appointing.finditer(text)]
    for m in taking.finditer(text):  # ，王海峰出任…: the name opens its clause (the verb is found first, and the
        # characters before it read back: a scan from every position would cost the regex engine far more)
        v = m.start()
        a = next((v - k for k in (2, 3, 4) if v - k >= 0 and _CJK_RUN.fullmatch(text, v - k, v)
                  and (v - k == 0 or not _CJK_RUN.match(text, v - k - 1))), None)
        if a is not None:
            found.append((a, v, m.end()))
    out: list[tuple[int, int, int]] = []
    for a, b, office in found:
        if _name_shaped(text[a:b]) and taken.find(1, a, b) < 0:
            out.append((a, b, office))
    return out


_CJK_RUN = re.compile("[\u4e00-\u9fff]+")


def _name_shaped(name: str) -> bool:
    """Whether ``name`` reads as a person's: a surname (a compound one too) and a given name of one or two
    characters, none of them a function word, not ending as a body's or place's name, not a word that only speaks
    (appointees and names before an academic title)."""
    surnames, compound, _verb, banned, not_last, not_speakers = _speaker_data()
    head = 2 if name[:2] in compound else 1
    if len(name) - head not in (1, 2) or head == 1 and name[0] not in surnames:
        return False
    return not any(ch in banned for ch in name[head:]) and name[-1] not in not_last and name not in not_speakers

# academic and medical titles written right after a person's name (戴琼海院士, 方璐教授, 张华主任医师)
_ACADEMIC_TITLE = re.compile("院士|副教授|教授|副研究员|研究员|副主任医师|主任医师")
# what stands right before a name that opens a word: a department or body's last character, a list mark, a clause
_BEFORE_TITLED = frozenset("系院所室心部科、与和及，,（(：: \n")


def titled_names(text: str, taken: bytearray) -> list[tuple[int, int]]:
    """(start, end) of a surname and given name written right before an academic title (自动化系|戴琼海院士, where
    the segmenter reads 琼海, a city; 电子工程系|方璐教授): the name opens a word. Spans in ``taken`` (organizations)
    are skipped; a place the name holds gives way to it (the longer span)."""
    if "院士" not in text and "教授" not in text and "研究员" not in text and "医师" not in text:
        return []
    out: list[tuple[int, int]] = []
    for m in _ACADEMIC_TITLE.finditer(text):
        end = m.start()
        for k in (3, 2):
            start = end - k
            if start < 0 or start > 0 and text[start - 1] not in _BEFORE_TITLED and not taken[start - 1]:
                continue
            name = text[start:end]
            if not _CJK_RUN.fullmatch(name) or not _name_shaped(name):
                continue
            words = tag(name)
            if len(words) == 1 and not words[0][1].startswith("nr") and name in background_idf():
                break  # 国际关系学院|国际法|教授: a field of the general dictionary, not a name
            if taken.find(1, start, end) < 0:
                out.append((start, end))
            break
    return out


@lru_cache(maxsize=1)
def _tagged_name_data() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Surnames, characters no given name holds, last characters no name has (a body's, a place's), stopwords and
    the words that name things (``not_names``: 马拉松), and the characters the segmenter glues to a name
    (``glued_after_name``)."""
    surnames, _compound, _verb, banned, not_last, _not_speakers = _speaker_data()
    data = read_gazetteer("person_patterns.yaml")
    places = frozenset(str(data["not_last_in_tagged_name"]))
    return (surnames, banned, not_last | places, stopwords() | frozenset(data.get("not_names") or ()),
            frozenset(str(data["glued_after_name"])))


def tagged_people(text: str, taken: bytearray) -> list[tuple[int, int]]:
    """(start, end) of the words the segmenter tags as a person's name (nr), where they read as one: two or three
    characters, a common surname first, no function word in the given name, no place ending (乔庄村), not a
    stopword. A word of the general dictionary (jieba's, which tags common words nr too: 温馨, 荣耀, 智能化) counts
    only with three characters, neither two of which at an end form a common word (江泽民 yes; 智能|化, 高|水平
    no). Spans in ``taken`` are skipped.

    On the dev sets this finds people the other rules miss (``bench/bench_ner.py``, person F1)."""
    surnames, banned, not_last, stop, glued = _tagged_name_data()
    known = background_idf()  # jieba's general vocabulary
    folded, words = tagged_nfkc(text, True)  # the keyword stage reads this tagging (keywords.HMM) of the NFKC text
    origin = None if len(folded) == len(text) else Origin.of(text, folded)
    if len(folded) != len(text) and origin is None:
        words = tuple(tag(text))
    out: list[tuple[int, int]] = []
    for start, end, word in name_tokens(words):
        n = len(word)
        word_end = end  # in the tagged (NFKC) text
        if origin is not None:
            start, end = origin.at(start), origin.at(end)
            if start is None or end is None:
                continue
        if not 2 <= n <= 3 or word[0] not in surnames or word in stop or word[-1] in not_last:
            continue
        if any(ch in banned for ch in word[1:]) or text[start:end] != word:
            continue
        ends_common = min(known.get(word[:2], UNSEEN_IDF), known.get(word[1:], UNSEEN_IDF)) < COMMON_WORD_IDF
        if word in known and (n == 2 or ends_common):
            continue  # 温馨, 荣耀: common words the dictionary tags nr; 智能|化, 高|水平: a common word inside
        if word in known and _thing_follows(folded, word_end, known):
            continue  # 高带宽|存储器: a dictionary word tagged nr, read into a thing's name
        if 1 < start and text[start - 1] == "“" and text.startswith("”", end) and text[start - 2] in "”、":
            continue  # 严禁使用“自动驾驶”“智驾”: one of the words a text quotes in a row, not a person it names (网民
            # “江德斌”, 名为“郝宝义”: a quoted name after what names it is one)
        given = word[1:].rstrip("元整")
        if given and all(ch in _FINANCIAL_NUMERALS for ch in given) or (
            text[start - 1 : start] in _CAPITAL_DIGITS or text[end : end + 1] in _CAPITAL_DIGITS
        ):
            continue  # 肆亿捌仟|陆佰|万元整: an amount in capital numerals (大写), where 陆 and 伍 are surnames
        if text.startswith("得", end) and _noun_after(text, end + 1):
            continue  # 卓益|得|机器人: a company's name (卓益得), not a person who gets something (张三得了…)
        if text.startswith(_PLACE_AFTER, end) and not text.startswith(_TITLE_AFTER, end):
            continue  # 高塘岭镇, 郭岗小学, 马王堆院区: the name of a place, not of a person (王强镇长 is one)
        if n == 3 and word[2] in glued and word not in known and (
            word[2] == "饰" or text.count(word[:2]) > text.count(word)
        ):
            end -= 1  # 孙俪|演的电视剧, 伍兹|伤得不轻: the text names 孙俪 and 伍兹 elsewhere without the third;
            # （罗晋|饰）: a cast list's "plays", which ends no name
        if taken.find(1, start, end) < 0:
            out.append((start, end))
    return out


def _noun_after(text: str, at: int) -> bool:
    """Whether a noun of two characters or more starts at ``at`` (得|机器人; not 得|了, 得|到)."""
    tagged = tag(text[at : at + 4])
    return bool(tagged) and len(tagged[0][0]) >= 2 and tagged[0][1] in ("n", "nz", "vn")


# the capital numerals of amounts written out (大写金额: 肆亿捌仟陆佰万元整), and 亿/万 between them
_CAPITAL_DIGITS = frozenset("壹贰叁肆柒捌玖拾佰仟")  # (not the surnames 伍 and 陆, nor 万: 杨尚昆|万里, 朱敦法|伍绍祖)
_FINANCIAL_NUMERALS = _CAPITAL_DIGITS | frozenset("伍陆零亿万")

# what follows a place's name, not a person's: a town, a township, a subdistrict, a school, a hospital's site, an area
_PLACE_AFTER = ("镇", "乡", "街道", "小学", "中学", "院区", "社区", "等区域", "等地区", "等城市", "区域", "一带",
                "片区", "商圈")  # (迪拜朱美拉|等区域)
_TITLE_AFTER = ("镇长", "乡长", "乡亲", "街道办主任")

# the last characters of the names of made things: devices, materials, software (存储器, 芯片, 操作系统)
_THING_END = ("器", "机", "仪", "片", "件", "剂", "料", "系统")  # not 统 alone: 总统


def _thing_follows(text: str, end: int, known: dict[str, float]) -> bool:
    """Whether a word of the dictionary that names a made thing (存储器, 处理器, 芯片) follows at ``end``: what a
    dictionary word tagged nr is then part of, not what follows a person."""
    return any(text.endswith(_THING_END, end, end + k) and text[end:end + k] in known for k in (2, 3, 4))


def name_tokens(words: Sequence[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, word) of the words tagged nr or nrfg (习近平), offsets into the joined words (by the compiled
    kernel where built)."""
    compiled = kernel()
    if compiled is not None:
        return compiled.name_tokens(words)
    if not words:
        return []
    tokens, tags = zip(*words, strict=True)
    ends = list(accumulate(map(len, tokens)))
    return [(ends[k] - len(tokens[k]), ends[k], tokens[k]) for k, pos_tag in enumerate(tags)
            if pos_tag in ("nr", "nrfg")]
