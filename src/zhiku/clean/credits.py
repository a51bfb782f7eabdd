"""Authors, outlet and dates from the text itself: credit lines (（经济日报记者 黄 鑫 李和风）, 本报记者 齐旭,
潮新闻 记者 唐骏垚 应陶, □ 李 曄, 来源丨瞭望、经济参考报), explicit dates and relative dates (11个月前).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..record import CleaningEntry
from ..text.outlets import real_outlet
from ..text.regex_tree import may_contain, required_words
from .chars import entry

STEP = "credits"
_HAN = "\u4e00-\u9fff"
_NAMES = f"[{_HAN}·]{{1,4}}(?:[ \u3000]+[{_HAN}·]{{1,4}}){{0,5}}"
_ROLE = "(?:本报记者|本报通讯员|特约记者|见习记者|全媒体记者|融媒体记者|通讯员|记者)"
# （经济日报记者 黄 鑫）, 【环球网报道记者尹艳辉】: an outlet's 报道 ("reports") is no part of its name
PAREN_CREDIT = re.compile(
    f"[（(【]\\s*(?:(?P<outlet>[{_HAN}]{{2,10}}?)(?:报道)?)?{_ROLE}\\s*(?P<names>{_NAMES})\\s*[）)】]"
)
# 南都讯 记者刘凡: a dateline's 讯 ("reports") is no part of the outlet (腾讯, 凤凰资讯 end in it)
LINE_CREDIT = re.compile(  # (an outlet may open with digits: 21世纪经济报道记者 易佳颖)
    f"^(?:(?P<outlet>(?:\\d{{1,2}})?[{_HAN}]{{2,8}}?)(?:(?<![资腾通快简])讯)?)?[ \u3000]*{_ROLE}[ \u3000]*"
    f"(?P<names>{_NAMES})$"
)
# a credit glued to the first sentence of a one-line body: 潮新闻 记者 唐骏垚 应陶今年政府工作报告提出，…
LEAD_CREDIT = re.compile(
    f"^(?P<outlet>[{_HAN}]{{2,8}}?)?[ \u3000]*{_ROLE}[ \u3000]+(?P<names>(?:[{_HAN}·]{{2,4}}[ \u3000]+){{0,4}})"
    f"(?P<last>[{_HAN}]{{2,3}})(?=[{_HAN}])"
)
# a reporter's lead that says who reports, on which day (东方网记者陈静12月4日报道：, 本报记者王晓报道：)
REPORTED_CREDIT = re.compile(
    f"^(?:(?P<outlet>[{_HAN}]{{2,8}}?)(?:(?<![资腾通快简])讯)?)?[ \u3000]*{_ROLE}[ \u3000]*"
    f"(?P<names>[{_HAN}·]{{2,4}}?(?:[、 \u3000][{_HAN}·]{{2,4}}?)*)[ \u3000]*(?:\\d{{1,2}}月\\d{{1,2}}日)?报道[：:]"
)
# a credit whose names, spaced, end before the body's first words: 南都讯　记者刘凡　周昌和　任笑一　继推出日票后，…
SPACED_LEAD_CREDIT = re.compile(
    f"^(?P<outlet>[{_HAN}]{{2,8}}?)?[ \u3000]*{_ROLE}[ \u3000]*"
    f"(?P<names>[{_HAN}·]{{2,4}}(?:[ \u3000]+[{_HAN}·]{{2,4}}){{0,4}})[ \u3000]+(?=[{_HAN}])"
)
MARK_CREDIT = re.compile(f"^(?:□|■|◎|文\\s*[/丨|｜]|作者\\s*[:：丨|]|撰文\\s*[:：丨|])\\s*(?P<names>{_NAMES})$")
# A WeChat post's header: 原创, the account (after its author when named), the day and time it was posted and the
# province it was posted from (原创 AI前线 2025-11-07 08:30 北京; 原创 张三 量子位 2025年11月7日 08:30 北京)
POST_HEADER = re.compile(
    r"(?:原创\s+)?(?:(?P<author>[^\s\d]\S{1,7})\s+)?(?P<account>[^\s\d]\S{1,19})\s+"
    r"(?P<date>(?:19|20)\d{2}-\d{1,2}-\d{1,2}|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)\s+\d{1,2}:\d{2}"
    r"(?:\s+[\u4e00-\u9fff]{2,4})?"
)
# A dateline opening a wire or newspaper story: 新华社杭州12月27日电, 中新网3月5日电, 本报北京3月5日讯, 央视网消息：
# (the outlet, the place filed from, the day; 本报 names no outlet), alone or before the story's first words.
# Outlets: data/gazetteer/dateline_outlets.txt.
def _dateline_outlets() -> tuple[str, ...]:
    from importlib import resources

    text = resources.files("zhiku").joinpath("data", "gazetteer", "dateline_outlets.txt").read_text(encoding="utf-8")
    names = [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]
    return tuple(sorted(names, key=len, reverse=True))


_OUTLETS = _dateline_outlets()
# any paper or news site signing a 讯 with its name (合肥日报讯, 南方都市报讯, 深圳特区报讯, 现代快报讯, 香港商报网讯,
# 中国证券网讯, 人民邮电报讯): the list need not know it; not a bulletin's (通报, 简报, 情报), nor 互联网讯
# the words a story opens with right after its signing, when an OCR step took the space (首都之窗讯近日，…)
_NEWS_TIME = "近日|日前|昨日|昨天|今日|今天|当天|据"
_PAPER_SIGNING = (f"(?![通简情电公]报讯)[{_HAN}]{{1,6}}?(?:报|(?<!互联)网)(?=讯)"
                  # any other site signing 讯 before a space or a time (首都之窗讯 近日，…, the space an OCR step may
                  # have taken), not a word ending in 讯 (腾讯, 资讯)
                  # nor a credit's outlet (南都讯　记者刘凡: the credit reads it)
                  f"|[{_HAN}]{{2,6}}?(?<![资腾通快简喜死音视电问审])"
                  f"(?=讯(?:[ \u3000]+(?!记者|通讯员)|$|\\d|{_NEWS_TIME}))")
DATELINE = re.compile(
    "^(?P<outlet>" + "|".join(map(re.escape, _OUTLETS)) + "|" + _PAPER_SIGNING + ")"
    f"(?:消息[：:]|(?:记者)?(?P<place>[{_HAN}]{{2,6}}?)?"
    "(?:(?:(?P<y>(?:19|20)\\d{2})年)?(?P<m>\\d{1,2})月(?P<d>\\d{1,2})日(?:电|讯|消息[，,：:]?)"
    f"|(?:电|讯)(?=$|[ \u3000（(【\\d]|{_NEWS_TIME})))"
)  # (IT之家9月1日消息，: the comma after 消息 goes with it)
_OUTLET_NAME = f"[{_HAN}A-Za-z]{{2,12}}"
SOURCE_CREDIT = re.compile(
    f"(?:来源|来自|稿件来源|文章来源)\\s*[丨|｜:：]\\s*(?P<sources>{_OUTLET_NAME}(?:[、，,/]{_OUTLET_NAME}){{0,4}})"
)
_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[年\-/.]\s*(?P<m>\d{1,2})\s*[月\-/.]\s*(?P<d>\d{1,2})\s*日?")
_RELATIVE = re.compile(r"(?P<n>\d{1,3})\s*(?P<unit>分钟|小时|天|周|个月|年)前")


@dataclass
class Credits:
    """What the credit lines of one article say."""

    authors: list[str] = field(default_factory=list)
    source: str | None = None
    sources: list[str] = field(default_factory=list)
    published_at: str | None = None
    date_note: str | None = None


_STAFF_ROLES = ("编辑", "主编", "校对", "审核", "审校", "摄影", "制图", "美编")
_WRITING_ROLES = frozenset(("记者", "通讯员", "实习生", "见习记者", "特约记者"))  # (记者 刘洋 通讯员 李明: both write)


def split_names(names: str) -> list[str]:
    """Space-separated names; single characters join their neighbour (黄 鑫 李和风 → 黄鑫, 李和风). An editor's or
    other staff credit after them ends the authors (每经记者 可杨 每经编辑 张海妮: 可杨 alone)."""
    tokens = [t for t in re.split(r"[ \u3000]+", names.strip()) if t]
    staff = next((k for k, t in enumerate(tokens) if t.endswith(_STAFF_ROLES)), None)
    tokens = [t for t in (tokens[:staff] if staff is not None else tokens) if t not in _WRITING_ROLES]
    out: list[str] = []
    pending = ""
    for token in tokens:
        if pending:
            out.append(pending + token)
            pending = ""
        elif len(token) == 1:
            pending = token
        else:
            out.append(token)
    if pending:
        if out and len(out[-1]) <= 2:
            out[-1] += pending
        else:
            out.append(pending)
    return [n for n in out if 2 <= len(n) <= 6]


def glued_lead_credit(line: str) -> int | None:
    """End offset of a credit glued to the body's first sentence (…记者 唐骏垚 应陶|今年…), else None."""
    if len(line) < 20 or LINE_CREDIT.match(line.strip()):
        return None
    reported = REPORTED_CREDIT.match(line)
    if reported:  # 东方网记者陈静12月4日报道：上海市…: who reports, then the body
        return reported.end()
    m = LEAD_CREDIT.match(line)
    if not m:  # 记者刘凡　周昌和　任笑一　继推出…: no space after the role, each name followed by one
        spaced = SPACED_LEAD_CREDIT.match(line)
        return spaced.end() if spaced else None
    last, rest = m.group("last"), line[m.start("last") :]
    try:
        import rjieba

        first_words = rjieba.cut(rest[:12])
    except ImportError:  # pragma: no cover - rjieba is a core dependency
        first_words = [rest[:2]]
    size = 0
    for word in first_words:
        if size >= 2:
            break
        size += len(word)
    size = size if size in (2, 3) else 2
    if len(last) < size:
        return None
    return m.start("last") + size


# every credit span holds one of these (记者, 通讯员, 来源, 来自)
_SPAN_WORDS = required_words(PAREN_CREDIT, SOURCE_CREDIT, LEAD_CREDIT, SPACED_LEAD_CREDIT)
# a dateline opens a line: one regex search finds whether any line of a text may open with one (cheaper than
# looking for each outlet's name)
_DATELINE_HEAD = re.compile("\n(?:" + "|".join(map(re.escape, _OUTLETS)) + ")")  # a literal first: a fast scan
# who a correspondent is, not whom they write for (职工通讯员 李琴雯: a hospital's staff writer)
_CORRESPONDENT_KINDS = frozenset(("职工", "学生", "实习", "校园", "社区", "志愿者", "群众", "市民"))


def may_hold_credit(text: str) -> bool:
    """False only when no line of ``text`` has a credit span (see ``credit_spans``)."""
    return (may_contain(text, _SPAN_WORDS) or text.startswith(_OUTLETS) or _DATELINE_HEAD.search(text) is not None
            or "讯" in text)  # (any signing of a 讯: 合肥日报讯, 中国证券网讯, 首都之窗讯)


def credit_spans(line: str) -> list[tuple[int, int]]:
    """Spans of credits inside a line that also holds other text (to put them on a line of their own)."""
    spans = [m.span() for m in PAREN_CREDIT.finditer(line)]
    for m in SOURCE_CREDIT.finditer(line):
        # 来源丨… after a sentence, at the end of the line: a credit, not prose (数据来源：国家统计局。)
        before = line[: m.start()].rstrip()
        if (not before or before[-1] in "。！？”") and not line[m.end() :].strip():
            spans.append(m.span())
    end = glued_lead_credit(line)
    if end is not None:
        spans.append((0, end))
    dateline = DATELINE.match(line)
    if dateline:  # 新华社北京3月5日电 12月26日，…: the dateline on a line of its own
        spans.append((0, dateline.end()))
    return sorted(spans)


# A byline of fields: 来源：东方网  作者：李明  2025-07-26 10:32 (two fields at least, a date or time among them or not)
_META_LABELS = "来源|来自|作者|记者|编辑|责任编辑|发布时间|发布日期|时间|日期"
# 作者：张三 李四; not 来源 | AI前哨站 作者 | 小智, where the next word is a label
_META_VALUE = (rf"[^\s:：丨|｜]{{1,16}}(?:\s+(?!(?:{_META_LABELS})\s*[:：丨|｜])[\u4e00-\u9fff]{{2,4}}"
               r"(?![:：\u4e00-\u9fff]))*")
_META_DATE = r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
_META_FIELD = re.compile(
    f"(?P<label>{_META_LABELS})\\s*[:：丨|｜]\\s*(?P<value>{_META_DATE}|{_META_VALUE})|(?P<date>{_META_DATE})")
_META_SEP = re.compile(r"[\s|｜丨]*")
_FIELD_MARKS = ("：", ":", "|", "丨", "｜")  # 来源：东方网, 来源 | AI前哨站: what parts a label from its value


def _meta_fields(line: str) -> list[tuple[str, str]] | None:
    """(label, value) of a line made of byline fields only, two at least (a bare date's label is ''), else None."""
    fields: list[tuple[str, str]] = []
    pos = 0
    while pos < len(line):
        m = _META_FIELD.match(line, pos)
        if m is None:
            return None
        fields.append((m.group("label") or "", m.group("value") or m.group("date")))
        pos = _META_SEP.match(line, m.end()).end()
    return fields if len(fields) >= 2 else None


def is_credit_line(line: str) -> bool:
    """Whether the whole line is a credit (法治日报全媒体记者王斌, 来源：东方网 作者：李明): no headline."""
    return _credit_of(line) is not None


def _credit_of(line: str) -> tuple[list[str], str | None, list[str]] | None:
    """``_line_credit`` of a non-blank line of at most 60 characters (a longer one is prose), else None."""
    return _line_credit(line) if line.strip() and len(line) <= 60 else None


def _line_credit(line: str) -> tuple[list[str], str | None, list[str]] | None:
    """(authors, outlet, sources) when the whole line is a credit."""
    stripped = line.strip()
    if any(mark in stripped for mark in _FIELD_MARKS):
        fields = _meta_fields(stripped)
        if fields is not None:  # 来源：东方网  作者：李明  2025-07-26 10:32
            authors = [n for label, value in fields if label in ("作者", "记者") for n in split_names(value)]
            sources = [value for label, value in fields if label in ("来源", "来自")]
            return authors, None, sources
    m = PAREN_CREDIT.fullmatch(stripped) or LINE_CREDIT.match(stripped) or REPORTED_CREDIT.fullmatch(stripped)
    if m:
        outlet = m.group("outlet")
        if outlet and (outlet.startswith("本报") or outlet in _CORRESPONDENT_KINDS):
            outlet = None
        return split_names(m.group("names")), outlet, []
    m = MARK_CREDIT.match(stripped)
    if m:
        return split_names(m.group("names")), None, []
    m = POST_HEADER.fullmatch(stripped)
    if m:  # 原创 AI前线 2025-11-07 08:30 北京: the account that posted it, and its author when named
        return [m.group("author")] if m.group("author") else [], m.group("account"), []
    m = SOURCE_CREDIT.fullmatch(stripped)
    if m:
        return [], None, [s for s in re.split(r"[、，,/]", m.group("sources")) if s]
    m = DATELINE.fullmatch(stripped)
    if m:
        outlet = m.group("outlet")
        return [], real_outlet(outlet), []  # a dateline of 本报 or 本刊 ("this paper") names no outlet
    return None


DATELINE_FRESH_DAYS = 60  # a dateline's day is dated only this close before the fetch (a fresh story, not an archive)


def dateline_date(line: str, fetched_at: str | None) -> str | None:
    """The day of a dateline in the year it writes (中央社…2025年11月10日电), else (新华社杭州12月27日电) in the year of
    ``fetched_at`` (the year before when that day is still to come), where that day lies at most
    ``DATELINE_FRESH_DAYS`` before the fetch: such a dateline names no year, and an archive read today is not from
    this year. None without a day or a fetch time."""
    m = DATELINE.fullmatch(line.strip())
    if m and m.group("y"):  # 中央社记者张建中新竹2025年11月10日电: the year written
        try:
            return date(int(m.group("y")), int(m.group("m")), int(m.group("d"))).isoformat()
        except ValueError:
            return None
    if not m or not m.group("m") or not fetched_at:
        return None
    try:
        base = datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
        day = base.replace(month=int(m.group("m")), day=int(m.group("d")))
    except ValueError:
        return None
    if day > base + timedelta(days=1):
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:
            return None
    if base - day > timedelta(days=DATELINE_FRESH_DAYS):
        return None
    return day.date().isoformat()


def resolve_relative(text: str, fetched_at: str | None) -> str | None:
    """A relative date (11个月前) as a date, counted back from ``fetched_at``; None without a fetch time."""
    m = _RELATIVE.search(text)
    if not m or not fetched_at:
        return None
    try:
        base = datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    n, unit = int(m.group("n")), m.group("unit")
    if unit == "个月":
        month = base.month - n
        year = base.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        day = min(base.day, 28)
        return f"{year:04d}-{month:02d}-{day:02d}"
    if unit == "年":
        return f"{base.year - n:04d}-{base.month:02d}-{min(base.day, 28):02d}"
    delta = {"分钟": timedelta(minutes=n), "小时": timedelta(hours=n), "天": timedelta(days=n),
             "周": timedelta(weeks=n)}[unit]
    return (base - delta).date().isoformat()


def _byline_date(line: str) -> str | None:
    """The date of a byline of fields (来源：东方网 作者：李明 2025-07-26 10:32) or a post's header (原创 AI前线
    2025-11-07 08:30 北京), else None."""
    fields = _meta_fields(line.strip()) if any(mark in line for mark in _FIELD_MARKS) else None
    return explicit_date(line) if fields or POST_HEADER.fullmatch(line.strip()) else None


def explicit_date(text: str) -> str | None:
    """The first full date (2024年3月14日, 2024-03-14) in ``text``, ISO formatted."""
    for m in _DATE.finditer(text):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def extract_credits(text: str, chrome: list[str] | None = None,
                    fetched_at: str | None = None) -> tuple[str, list[CleaningEntry], Credits]:
    """Remove credit lines from the body and read authors, outlet and date from them and from chrome lines."""
    credits = Credits()
    entries: list[CleaningEntry] = []
    kept: list[str] = []
    pos = 0
    for line in text.split("\n"):
        found = _credit_of(line)
        if found is None:
            kept.append(line)
        else:
            authors, outlet, sources = found
            for name in authors:
                if name not in credits.authors:
                    credits.authors.append(name)
            if outlet and not credits.source:
                credits.source = real_outlet(outlet)
            for s in filter(real_outlet, sources):  # 来源：本站原创 credits no outlet
                if s not in credits.sources:
                    credits.sources.append(s)
            entries.append(entry(STEP, "moved", line, "", pos, "credit line → authors/source"))
            if not credits.published_at and (day := dateline_date(line, fetched_at)):
                written = (m := DATELINE.fullmatch(line.strip())) is not None and m.group("y") is not None
                credits.published_at = day
                credits.date_note = "dateline date" if written else "dateline day in the fetch year"
            elif not credits.published_at and (day := _byline_date(line)):
                credits.published_at, credits.date_note = day, "explicit date in a byline"
        pos += len(line) + 1
    if not credits.source and credits.sources:
        credits.source = credits.sources[0]
    for line in (chrome or []):
        day = explicit_date(line)
        if day:
            credits.published_at, credits.date_note = day, "explicit date in a byline"
            break
        day = resolve_relative(line, fetched_at)
        if day:
            credits.published_at, credits.date_note = day, "relative date resolved against fetched_at"
            break
    return "\n".join(kept), entries, credits
