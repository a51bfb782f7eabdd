"""Policies, plans and actions: known national policies from data, new ones from 《…》 and …行动/计划/意见/方案."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import ConfigError
from .matcher import Match
from .taxonomy import read_gazetteer


@dataclass(frozen=True)
class PolicyEntry:
    id: str
    name: str
    issuer: str | None
    level: str | None
    year: int | None
    patterns: tuple[str, ...]
    every_level: bool = False  # every government writes one (政府工作报告): the one named in the sentence issues it


@dataclass
class PolicyHit:
    name: str
    id: str | None
    issuer: str | None
    level: str | None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, text)


@lru_cache(maxsize=1)
def load_policies() -> dict[str, PolicyEntry]:
    out: dict[str, PolicyEntry] = {}
    for raw in read_gazetteer("policies.yaml").get("policies") or []:
        entry = PolicyEntry(raw["id"], raw["name"], raw.get("issuer"), raw.get("level"), raw.get("year"),
                            tuple(str(p) for p in raw.get("patterns") or ()), bool(raw.get("every_level")))
        if entry.id in out:
            raise ConfigError(f"policies.yaml: id {entry.id!r} appears twice")
        out[entry.id] = entry
    return out


def policy_patterns() -> list[tuple[str, tuple[str, str]]]:
    return [(p, ("policy", e.id)) for e in load_policies().values() for p in (e.name, *e.patterns)]


@lru_cache(maxsize=1)
def _regexes() -> list[tuple[str, re.Pattern[str], re.Pattern[str] | None]]:
    """(name, regex, what every match must contain or None) of each pattern of policies.yaml."""
    pats = read_gazetteer("policies.yaml").get("patterns") or {}
    try:
        return [(name, re.compile(p), _required(p)) for name, p in pats.items()]
    except re.error as exc:
        raise ConfigError(f"policies.yaml: bad pattern ({exc})") from exc


_FINAL_WORDS = re.compile(r"\(\?:([^()\[\]\\.*+?{}^$]+)\)$")


def _required(pattern: str) -> re.Pattern[str] | None:
    """For a pattern ending in a group of plain words (…{4,28}?(?:专项行动|行动计划|…)): those words, which every
    match holds, so a text without any is skipped. The scan itself tries each position ~28 times (0.36 ms a
    text); the words are found in one pass (0.02 ms)."""
    m = _FINAL_WORDS.search(pattern)
    return re.compile(m.group(1)) if m else None


_LEAD_STOP = re.compile(
    r"^.*(?:开展|实施|发布|出台|印发|推进|落实|推动|制定|启动|提出|围绕|根据|按照|依据|通过|贯彻|部署|深入|加快|"
    r"出炉|公布|写入|纳入|首次|明确|还有|以及|和|与|及|的|了|在|对|是|将|为|等)"
)
_DOMAIN = re.compile(r"数字|智能|数据|算力|产业|创新|科技|人工智能|工业|制造|信息|网络|模型|机器人|互联网|经济|发展")
_ISSUER_VERB = re.compile(r"(印发|发布|出台|公布|制定|提出|推出|联合印发|联合发布)")


_LATIN_AFTER = re.compile(r"\s?[A-Za-z]")


def find_policies(text: str, matches: list[Match], issuers: list[tuple[int, int, str, str | None]]) -> list[PolicyHit]:
    """Named policies in ``text``; ``issuers`` are (start, end, name, level) of bodies that may issue them."""
    known = load_policies()
    hits: dict[str, PolicyHit] = {}
    spans: list[tuple[int, int]] = []
    own: dict[str, tuple[str, str | None]] = {}  # an every-level policy's issuer named last
    for m in matches:
        for kind, key in m.payloads:
            if kind != "policy":
                continue
            if m.text.endswith("+") and _LATIN_AFTER.match(text, m.end):
                continue  # AI+AR眼镜: a product's kind, not the “AI+” initiative
            entry = known[key]
            issuer, level = entry.issuer, entry.level
            local = _issuer_adjacent(text, m.start, issuers)
            if local is None and entry.every_level:  # 浙江省省长王浩在作政府工作报告时: the province's report, and
                # so is the report named again; read by a province's or city's unnamed head or government (省长…作
                # 政府工作报告), the province or city the text named last before it
                local = _issuer_before(text, m.start, issuers) or own.get(key) or _unnamed_place(text, m.start, issuers)
            if local is not None and entry.every_level:
                own[key] = local
            if local is not None:  # 贵州省政府工作报告: the province's own report
                issuer, level = local
            elif issuer is None:
                issuer, level = _issuer_before(text, m.start, issuers) or (None, None)
            hit_key = key if local is None else f"{key}@{issuer}"
            hit = hits.setdefault(hit_key, PolicyHit(entry.name, entry.id, issuer, level))
            hit.mentions.append((m.start, m.end, m.text))
            spans.append((m.start, m.end))
    for kind, rx, required in _regexes():
        if required is not None and not required.search(text):
            continue
        for m in rx.finditer(text):
            start, end = m.start(), m.end()
            name = m.group(0)
            if kind == "named_action":
                trimmed = _trim_lead(name, required)
                start += len(name) - len(trimmed)
                name = trimmed
                if len(name) < 6 or not _DOMAIN.search(name):
                    continue
            if kind == "titled" and _within(start, end, spans):  # 《北京市算力券实施细则（试行）》 holds 算力券
                _drop_mentions(hits, spans, start, end)
            if any(a < end and start < b for a, b in spans):
                continue
            key = name.strip("《》")
            hit = hits.get(key)
            if hit is None:
                found = (_issuer_before(text, start, issuers, verb_only=True) or _issuer_inside(start, end, issuers)
                         or _issuer_before(text, start, issuers))
                issuer, level = found if found else (None, None)
                hit = hits.setdefault(key, PolicyHit(key, None, issuer, level))
            hit.mentions.append((start, end, text[start:end]))
            spans.append((start, end))
    return _with_short_forms(hits)


_PERIOD_TAIL = re.compile(r"[（(][^（()）]*\d{4}[^（()）]*[）)]$")  # …行动计划（2025—2027年）: the period it runs


def _with_short_forms(hits: dict[str, PolicyHit]) -> list[PolicyHit]:
    """The hits, a document named by the end of another one's name (《指导意见》 after 《人形机器人创新发展指导意见》,
    the text's short form) counted as that one's mention."""
    out: list[PolicyHit] = []
    for hit in hits.values():
        full = next((other for other in hits.values() if other is not hit and len(other.name) > len(hit.name)
                     and _PERIOD_TAIL.sub("", other.name).endswith(hit.name)), None) if hit.id is None else None
        if full is not None:
            full.mentions.extend(hit.mentions)
            continue
        out.append(hit)
    return out


_UNNAMED_GOVERNMENT = re.compile(r"(?<![\u4e00-\u9fff]{2}[省市])(?:省|市)(?:长|政府|人民政府)")  # 省长, 代表省政府


_SENTENCE_ENDS = "。！？\n"


def _sentence_start(text: str, at: int) -> int:
    return max(text.rfind(ch, 0, at) for ch in _SENTENCE_ENDS) + 1


def _sentence_of(text: str, at: int) -> str:
    ends = [k for k in (text.find(ch, at) for ch in _SENTENCE_ENDS) if k >= 0]
    return text[_sentence_start(text, at) : min(ends) if ends else len(text)]


def _unnamed_place(text: str, start: int, issuers: list[Issuer]) -> tuple[str, str | None] | None:
    """The province or city named last before ``start`` anywhere in the text, when the sentence at ``start`` speaks of
    an unnamed province's or city's head or government (广东省…开幕。省长王伟中代表省政府作政府工作报告), else None."""
    if not _UNNAMED_GOVERNMENT.search(_sentence_of(text, start)):
        return None
    places = [i for i in issuers if i[1] <= start and i[3] in ("province", "city")]
    return (places[-1][2], places[-1][3]) if places else None


def _within(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Whether every span that crosses the title ``start:end`` lies inside it, one does, and none is the title's
    whole name (《生成式人工智能服务管理暂行办法》 is the known policy; 《北京市算力券实施细则》 holds one)."""
    crossing = [(a, b) for a, b in spans if a < end and start < b]
    whole = {(start, end), (start + 1, end - 1)}  # with or without its 《》
    return bool(crossing) and all(start <= a and b <= end and (a, b) not in whole for a, b in crossing)


def _drop_mentions(hits: dict[str, PolicyHit], spans: list[tuple[int, int]], start: int, end: int) -> None:
    """Forget the mentions inside ``start:end`` (a known policy's name inside a document's title), and a hit left
    with none."""
    spans[:] = [(a, b) for a, b in spans if not (start <= a and b <= end)]
    for key, hit in list(hits.items()):
        hit.mentions = [mention for mention in hit.mentions if not (start <= mention[0] and mention[1] <= end)]
        if not hit.mentions:
            del hits[key]


def _trim_lead(name: str, suffixes: re.Pattern[str] | None) -> str:
    """``name`` without the words before the action's own name (推进|人工智能…方案 -> 人工智能…方案); the stop
    words are looked for before its final word only, so that 实施 in 实施方案 does not cut it down to 方案."""
    last = _last_match(suffixes, name) if suffixes is not None else None
    head, tail = (name[: last.start()], name[last.start() :]) if last else (name, "")
    return _LEAD_STOP.sub("", head) + tail


def _last_match(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The match of ``rx`` that ends ``text`` and starts earliest (三年行动计划 rather than 行动计划)."""
    for k in range(len(text)):
        m = rx.fullmatch(text, k)
        if m:
            return m
    return None


Issuer = tuple[int, int, str, str | None]
_GAP = re.compile(r"^[0-9０-９年度的]{0,6}$")


def _issuer_adjacent(text: str, start: int, issuers: list[Issuer]) -> tuple[str, str | None] | None:
    """A body named right before a policy (贵州省2024年政府工作报告)."""
    for _a, b, name, level in issuers:
        if b <= start and _GAP.match(text[b:start]):
            return name, level
    return None


def _issuer_inside(start: int, end: int, issuers: list[Issuer]) -> tuple[str, str | None] | None:
    """A body at the head of a policy's own name (杭州市人工智能产业发展“十四五”规划)."""
    for a, b, name, level in issuers:
        if start <= a <= start + 1 and b <= end:
            return name, level
    return None


def _issuer_before(text: str, start: int, issuers: list[Issuer], verb_only: bool = False
                   ) -> tuple[str, str | None] | None:
    """The body named before ``start`` in the same sentence, preferably right before 印发/发布 (with
    ``verb_only``, only such a body)."""
    sent_start = _sentence_start(text, start)
    before = [i for i in issuers if sent_start <= i[0] and i[1] <= start]
    if not before:
        return None
    with_verb = [i for i in before if _ISSUER_VERB.search(text[i[1] : start])]
    if verb_only and not with_verb:
        return None
    best = (with_verb or before)[-1]
    k = before.index(best)
    while k > 0 and text[before[k - 1][1] : before[k][0]] in _LIST_JOINS:
        k -= 1  # 工业和信息化部、教育部…、中国科学院等七部门联合印发: the body listed first leads
    return before[k][2], before[k][3]


_LIST_JOINS = frozenset(("、", "和", "与", "及", "以及"))
