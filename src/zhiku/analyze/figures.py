"""Quantitative claims: every number with a unit, normalized (810万标准机架 → 8.1e6 racks).

Units and magnitudes come from ``data/units.yaml``; Chinese numerals are read with cn2an (normal
mode, which also reads 二〇二四). Percentages keep their written number (70% → 70, "percent").
Each figure gets the noun phrase it measures (subject), its qualifier (超, 近, 以上 …), the year
and region its sentence (or the ；-joined clauses before it) names, and the sentence index of
``split_sentences``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..record import Figure, Record
from ..text.nfkc import nfkc
from ..text.sentences import Sentence, split_sentences
from .entities import organization_names
from .matcher import longest_first

logger = logging.getLogger(__name__)

VERSION = "49"  # 2: 我省/我市 figures take the article's own region (home_regions); 3: a claim stated again is
# listed once, 居全国第一 names no region; 4: what a counter counts past a modifier clause or a kind verb
# (10家以上具有国际影响力的头部企业, 具身智能创新载体), never the verb before it (培育); 5: 同比 after a
# subject (营收同比增长), 支出/利润/估值… end subjects; 6: a place word may open what is counted (前沿展品);
# 7: a currency before a number in 元 is the figure's (新台币7596.9亿元: TWD), 税后/税前 stay in a subject;
# an amount after a change measures what changed (同比下降7%至175亿元: 在线营销收入), 应用 ends what is counted;
# 8: a change, its comparison, 每股 or 分别 between subject and number are no part of the subject (车队规模扩大至,
# 成本较上一代下降, 发行价为每股), a ratio's change stays in its qualifier (上涨超过), a currency goes on in its chain;
# 9: a range is written whole (910亿至930亿美元), a target's verb (力争, 最高) is no part of a subject; 10: nor 累计,
# and a counter's kind may come first (20条|支持措施); 11: nor a comparison (较GPT-4o), 率/量/额 end a subject;
# 12: nor where it happened (在港股市场), 收涨/收跌 are changes; 13: values listed after 分别 take the period's
# years in order (2022年至2024年营业收入分别为…); 14: an amount right before 融资/投资/赔偿… is that (30亿元人民币融资),
# a year a span runs from (自2019年成立以来) is no figure's year; 15: a kind verb between nouns of a subject read
# from its end (绿电|使用|比例), no 现场/当天 at a counted thing's end, no foreign country named after a figure as
# its region; 16: a share after a change (同比增长…，占…比重) follows the subject, not 同比; 生活补贴 after an amount,
# 部署/建设… end what is counted, 平均缩短 is a change; 17: a stock's move is its company's (寒武纪（688256）涨8.37%),
# 投入超过10亿元 is an investment's amount; 18: 韩元, 英镑, 澳元, 加元, 卢布 and 新加坡元 are currencies, values after
# each 分别 take the years of a period in a clause of its own, 同期 opens no subject; 19: no number starts inside a
# Chinese numeral (第二|十次 is an ordinal); 20: 提升了 is a change (生产效率提升了40%); 21: 不同/各类/多种…的 is a
# modifier clause before what is counted (8个不同参数规模的版本); 22: a count per unit is written with the number
# (工业机器人密度达到|每万名工人520台); 23: a limit is its qualifier (金额不得超过12,000元: 不得超过, not 超过),
# ￥ before an amount in 元 is its currency; 24: 约合/折合 are qualifiers (售价699美元，约合4971元: 售价, not 约合);
# 25: what was done to what is counted opens no subject (累计培育|国家级智能工厂35家); 26: the segmenter keeps the
# gazetteer's companies whole, and 财季/当季 (英伟达|股价, not 英|伟达股价); 27: and 并处 (并处|罚金, not 处罚金);
# 28: 推理/训练 may open a subject (推理成本), 股/板块 end one (半导体设备股), 当日/盘中 are no part of it; 29:
# 降至/下调/上调 are changes (API价格下调50%), a count per unit may be in letters (每百万tokens 0.2元); 30: 六成 is
# 60 percent, 笔 counts transactions; 31: a model's benchmark scores written without a unit (在MMLU-Pro、GPQA等…中
# 得分分别为85.0和79.9), each with its benchmark; 32: an amount without a subject takes the one before it only
# within a unit or among currencies (时速116公里，…造成车内3人死亡: the 3 are no speed); a comparison's subject is
# what is compared (能效比现有的电子芯片提升了约100倍), a change in 数量级 or 百分点 counts nothing, 首发价 is a word,
# so are 交付量 and 订单量, and 产能 and 自由度 are measured (the dictionary tags them v and d); after a
# superlative (平均年薪最高，达到62.5万元) what stands highest is measured; 控制在…以内 is a limit (错误率); 平均
# before a change is no part of the subject (效率平均提升25%: not 效率平), 上架率 is a word; 33: nor is a modal
# (补贴比例可提高至60%, 效率可以提升12倍: not 补贴比例可); 34: a word the dictionary tags nr between two nouns of
# what is counted is part of it (100家机器人|智慧|药店); 元 opening another word is no yuan (十五元宵节, 三元里); 35:
# a minus sign makes a loss (净利润为-0.67亿元), 收窄 is a change, 占X的N% is a share of X (研发投入占营业收入), 投入
# is measured (研发投入达到…) but ends what a counter counts (2000辆公共自行车|投入运营); 36: (该/本)公司 before what is
# measured is the company, said before (公司研发投入 → 研发投入); 的X有N个 counts X (备案的高校有61所); 37: 吉瓦,
# 兆瓦 (and their 时) are power and energy, 兆 before 瓦 no numeral magnitude; 38: 介于, 维持在, 保持在 end no subject;
# 39: values listed after 分别 take the subjects listed before it (中际旭创、新易盛|分别上涨4.85%和5.92%), a clause with
# no subject measures the topic (北向资金方面，) or the index quoted (上证指数报3412.56点，) of the clause before; 40: a
# labelled value measures its label (中标金额：4.86亿元); 41: 篇 counts papers and articles, places listed before what
# they have give each value listed after 分别 its place (北京、上海、深圳的…月薪分别为…), 平均 and 需求 hold a subject
# together (算法工程师|平均|月薪, 招聘|需求); 42: a figure's place may be a county-level division (寿光市, 龙岗区);
# 43: 报 after a price or an index is no part of its subject (股价报412.50元); 44: a rate or a volume named by its
# verb is the subject (录用|率, 搜索|量, 成交|额), not the figure before; 45: a rank is no count (居全国前5位, 第3名),
# 全国产 (all home-made) is no country, 相关 holds a subject together (人工智能|相关|服务收入); 46: 泽字节, 艾字节,
# 拍字节 and ZB are data volumes; 47: two neighbouring digits before a magnitude are an approximate range read at its
# upper end (四五十万元 is 500,000 yuan, 五六千元 6,000, not 4,500,000 and 56,000); 48: what is compared against may
# have up to 16 characters (成本较豆包1.5深度思考模型降低63%: 成本's change); 49: a day (股价4日上涨) and 首次/再次
# before a change leave its subject

# Words before a number that say how it relates to its subject, longest first; linking verbs
# (是, 为) end a subject but are not reported as a qualifier.
_PRE_QUALIFIERS = (
    "不得超过", "不超过", "不高于", "不得低于", "不低于", "不得少于", "不少于",  # a limit (金额不得超过12,000元)
    "超过", "超出", "逾", "超", "接近", "将近", "近", "约合", "折合", "约为", "大约", "约", "达到", "达", "突破",
    "不足", "不到", "控制在",
    "低于", "高于", "至少", "最高", "最多", "仅", "累计", "共计", "总计", "合计", "共", "增长", "增加", "下降",
    "减少", "提升", "提高", "上涨", "为", "是",
)  # fmt: skip
_PRE_QUALIFIERS_LONGEST = tuple(sorted(_PRE_QUALIFIERS, key=len, reverse=True))
# verbs of a change (上涨, 下降, 收涨…): stripped before a subject, kept in a ratio's qualifier
_CHANGES = ("上涨|下跌|增长|成长|下降|上升|增加|减少|提升|提高|降低|扩大|缩小|缩短|收窄|收涨|收跌|"
            "大涨|大跌|涨超|跌超|涨|跌|降至|降到|下调|上调|"
            "净买入|净卖出|净流入|净流出")
_LINKING = {"为", "是"}
_PER_SECOND = "每秒"
_POST_QUALIFIERS = ("以上", "以下", "以内", "左右", "上下")
_APPROX = ("多", "余")
# Nouns that measure something else: 增速 after 智能算力规模 becomes 智能算力规模增速.
_RELATIONAL = {"增速", "增幅", "增长率", "占比", "比重", "比例", "同比增长", "年均增长", "增长", "同比", "环比"}
# Words that may end a subject whatever their part of speech.
_SUBJECT_WORDS = {"规模", "数量", "总量", "增速", "占比", "比重", "比例", "缺口", "产值", "营收", "收入", "投资",
                  "精度", "识别率", "准确率", "总规模", "增幅", "资金", "支出", "开支", "利润", "净利润", "出货量",
                  "销量", "市值", "估值", "融资", "融资额", "订单", "用户数", "下载量", "参数量",
                  "税后", "税前", "应用", "得分", "率", "量", "额", "股", "板块",
                  "产能", "自由度", "投入", "需求"}  # fmt: skip  (产能, 自由度, 投入, 需求: tagged v and d)
_NOUN_POS = ("n", "vn", "b", "eng", "an", "j", "nz", "l", "x")

_CN_DIGITS = "零〇一二两兩三四五六七八九"
_CN_NUMERAL = f"[{_CN_DIGITS}十][{_CN_DIGITS}十百千万亿]*"
_AR_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
_YEAR = re.compile(rf"(?<!\d)((?:19|20)\d{{2}}|[{_CN_DIGITS}]{{4}})\s*年(?!代)")
_RELATIVE_YEARS = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}
_RELATIVE_YEAR = re.compile("|".join(_RELATIVE_YEARS))  # they cannot overlap: none starts with 年
# Time phrases and function words at the end of a clause, stripped before its subject is read.
_CLAUSE_TAIL = re.compile(
    r"(?:(?:19|20)\d{2}年(?:底|末|初|上半年|下半年|前)?|\d{1,2}月(?:底|末|初)?|\d{1,2}日|首次|再次|从|由|增长到|提升至|提高到|到|至|的|在|将|已经|已有|已|就|共|平均|均"
    r"|(?<=[价数])报"  # 股价报412.50元, 指数报…: quoted at
    # a change and what it is measured against (较上一代下降, 一度上涨, 扩大至), a share's price (每股), 分别 (为…)
    rf"|(?:一度|同比|环比|累计|大幅|持续|平均)?(?:{_CHANGES})了?"
    r"|(?:较|比)(?:上一代|前一代|上年同期|去年同期|上年|去年|上季度|上月|年初)|较[^，,。；;较的]{1,16}"
    r"|(?:为|是)?每股|分别|[（(]\d{6}(?:\.[A-Z]{2})?[）)]"
    r"|力争|争取|预计|有望|介于|维持在|保持在|(?<![许认宁])可以?|能够|(?:(?<=的..)|(?<=的...)|(?<=的....))有|最高|最多|最低|至少|累计|在[^，,。；;在的]{2,8}?(?:市场|平台|领域|期间|上|中)"
    r"|当日|当天|盘中|早盘|午盘|尾盘|盘后|(?:在)?盘后交易中)+$"
)
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?（(“”\"「」『』【】\n]")
# Up to the last clause end: greedy, so ``match(text, pos, endpos)`` ends where the last ``_CLAUSE_END`` in
# ``text[pos:endpos]`` does (one call instead of a loop over all of them).
_TO_LAST_CLAUSE_END = re.compile(rf"(?s:.*){_CLAUSE_END.pattern}")


_STOCK_CODE = re.compile(r"[（(]\d{6}(?:\.[A-Z]{2})?[）)]")


def _clause_start(text: str, pos: int, endpos: int) -> int:
    """Where the clause holding ``endpos`` begins: after the last clause end in ``text[pos:endpos]``, else ``pos``."""
    m = _TO_LAST_CLAUSE_END.match(text, pos, endpos)
    return m.end() if m else pos


@dataclass(frozen=True)
class Unit:
    surface: str
    unit: str
    factor: float
    kind: str  # measure | counter
    context: str | None = None
    min_magnitude: float = 0.0
    not_followed_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnitTable:
    magnitudes: dict[str, float]
    units: tuple[Unit, ...]
    pattern: re.Pattern[str]
    number_start: re.Pattern[str]  # a character that may begin a figure's number
    lead: int  # the most characters a figure has before its number (a qualifier, then 每秒)
    by_surface: dict[str, tuple[Unit, ...]]
    lead_ends: frozenset[str] | None = None  # the last characters of those words (None: not known)
    currencies: tuple[tuple[str, str], ...] = ()  # (word, unit) of currencies written before a number in 元

    def currency_before(self, text: str, at: int) -> tuple[str, str] | None:
        """The currency word ending at ``at`` (新台币7596.9亿元), as (word, unit), or None."""
        for word, unit in self.currencies:
            if text.endswith(word, 0, at):
                return word, unit
        return None

    def lookup(self, surface: str) -> list[Unit]:
        return list(self.by_surface.get(surface, ()))

    def matches(self, text: str) -> list[re.Match[str]]:
        """``pattern.finditer(text)``, tried only up to ``lead`` characters before a character that may begin a
        number (most of a text has none)."""
        out: list[re.Match[str]] = []
        pos = 0
        while (first := self.number_start.search(text, pos)) is not None:
            at = first.start()
            lo = max(pos, at - self.lead)
            if self.lead_ends is not None and (at == 0 or text[at - 1] not in self.lead_ends):
                lo = at  # a match starting before ``at`` would have a qualifier or 每秒 ending right there
            for start in range(lo, at + 1):
                m = self.pattern.match(text, start)
                if m:
                    out.append(m)
                    pos = m.end()
                    break
            else:
                pos = at + 1
        return out


@lru_cache(maxsize=1)
def unit_table() -> UnitTable:
    """The unit table of ``data/units.yaml``, compiled into one pattern (loaded once per process)."""
    import yaml

    text = resources.files("zhiku").joinpath("data", "units.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    magnitudes = {str(k): float(v) for k, v in data["magnitudes"].items()}
    units = tuple(
        Unit(
            surface=str(u["surface"]),
            unit=str(u["unit"]),
            factor=float(u.get("factor", 1)),
            kind=str(u.get("kind", "measure")),
            context=u.get("context"),
            min_magnitude=float(u.get("min_magnitude", 0)),
            not_followed_by=tuple(u.get("not_followed_by") or ()),
        )
        for u in data["units"]
    )
    surfaces = sorted({u.surface for u in units}, key=len, reverse=True)
    unit_alt = "|".join(
        re.escape(s) + (r"(?![A-Za-z])" if s[-1].isascii() and s[-1].isalpha() else "") for s in surfaces
    )
    mags = "".join(magnitudes)
    # 兆 before 瓦 is the SI prefix (兆瓦: megawatt), not the numeral magnitude (1e12)
    mag_run = f"(?:兆(?!瓦)|[{mags.replace('兆', '')}])*" if "兆" in mags else f"[{mags}]*"
    pre = "|".join(re.escape(q) for q in _PRE_QUALIFIERS)
    post = "|".join(_POST_QUALIFIERS)
    approx = "|".join(_APPROX)
    pattern = re.compile(
        rf"(?P<pre>{pre})?(?P<per>{_PER_SECOND})?"
        rf"(?:百分之(?P<pct>{_AR_NUMBER}|{_CN_NUMERAL})"
        rf"|(?<![\d.A-Za-z第{_CN_DIGITS}十百千])(?:(?P<ar>{_AR_NUMBER})(?P<ap1>{approx})?(?P<mag>{mag_run})"
        rf"|(?P<cn>{_CN_NUMERAL})|(?P<mo>[{mags}]{{1,4}}))"
        rf"(?P<ap2>{approx})?(?P<unit>{unit_alt}))"
        rf"(?P<post>{post})?"
    )
    number_start = re.compile(rf"[\d{_CN_DIGITS}十百{mags}]")  # of 百分之, ar, cn and mo above
    lead = max(map(len, _PRE_QUALIFIERS)) + len(_PER_SECOND)
    by_surface: dict[str, tuple[Unit, ...]] = {}
    for u in units:
        by_surface[u.surface] = (*by_surface.get(u.surface, ()), u)
    leads = (*_PRE_QUALIFIERS, _PER_SECOND)
    # The words before a number begin with no number character, so a match's number starts where they end.
    plain = not any(number_start.search(word) for word in leads)
    lead_ends = frozenset(word[-1] for word in leads) if plain else None
    currencies = tuple(sorted(((str(w), str(u)) for w, u in (data.get("currencies_before") or {}).items()),
                              key=lambda pair: -len(pair[0])))
    return UnitTable(magnitudes, units, pattern, number_start, lead, by_surface, lead_ends, currencies)


def _magnitude(chars: str, table: UnitTable) -> float:
    value = 1.0
    for ch in chars:
        value *= table.magnitudes[ch]
    return value


def parse_chinese_number(text: str) -> float | None:
    """Value of a Chinese numeral (三千亿, 二〇二四, 百亿亿); None when it is not one."""
    if len(text) == 1:
        single = _one_character_numbers()
        if text in single:
            return single[text]
    return _parse_chinese_number(text)


@lru_cache(maxsize=1)
def _one_character_numbers() -> dict[str, float | None]:
    """The value of every one-character numeral and magnitude (一 is most numerals written), read once."""
    return {ch: _parse_chinese_number(ch) for ch in _CN_DIGITS + "十" + "".join(unit_table().magnitudes)}


# two neighbouring digits before a magnitude: an approximate range (四五十 is 40 to 50, 七八百 700 to 800), not 450
_NEIGHBOURS = {a + b for a, b in zip("一二三四五六七八", "二三四五六七八九", strict=True)} | {"两三"}


def _parse_chinese_number(text: str) -> float | None:
    import cn2an

    if len(text) > 2 and text[:2] in _NEIGHBOURS and text[2] in "十百千万亿":
        return _parse_chinese_number(text[1:])  # the range's upper end, as a range written with 至 gives it
    table = unit_table()
    try:
        return float(cn2an.cn2an(text, "normal"))
    except (ValueError, KeyError, IndexError):
        pass
    # Stacked magnitudes (两百亿亿) that cn2an refuses: numeral head times magnitude tail.
    head = text.rstrip("".join(table.magnitudes))
    tail = text[len(head) :]
    if not tail:
        return None
    if not head:
        return _magnitude(tail, table)
    try:
        return float(cn2an.cn2an(head, "normal")) * _magnitude(tail, table)
    except (ValueError, KeyError, IndexError):
        return None


def _year_value(token: str) -> int | None:
    if token.isdigit() and token.isascii():
        return int(token)
    value = parse_chinese_number(token)
    return int(value) if value is not None else None


@lru_cache(maxsize=1)
def _region_names() -> tuple[tuple[str, str], ...]:
    """(surface, canonical name) pairs from the regions gazetteer, longest surface first."""
    from .regions import load_regions

    pairs: list[tuple[str, str]] = []
    for entry in load_regions().values():
        if entry.level in ("area", "county"):  # (counties: ``_counties_in``, by their suffix)
            continue
        for surface in (entry.name, *entry.short):
            if len(surface) >= 2:
                pairs.append((surface, entry.name))
    pairs.extend((nation, "中国") for nation in ("我国", "全国"))
    pairs.sort(key=lambda p: len(p[0]), reverse=True)
    return tuple(pairs)


@lru_cache(maxsize=1)
def _region_pattern() -> re.Pattern[str]:
    names = longest_first(s for s, _ in _region_names())
    # 中国联通, 中国电子信息产业发展研究院 …: an organization, not the country; 北京时间: a clock, not a place
    return re.compile(rf"(?:{names})(?!联通|电信|移动|电子|计算机|工程院|科学院|信通院|银行|石油|石化|特色|式|时间)")


@lru_cache(maxsize=1)
def _region_lookup() -> dict[str, str]:
    return dict(_region_names()) | {name: name for name in _county_names()}


@lru_cache(maxsize=1)
def _county_names() -> frozenset[str]:
    """The county-level divisions' full names (寿光市, 龙岗区), each ending in 区, 县, 市 or 旗."""
    from .regions import load_regions

    return frozenset(e.name for e in load_regions().values() if e.level == "county")


_COUNTY_END = re.compile("[区县市旗]")


def _counties_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of the county-level divisions ``text`` names, found back from each 区/县/市/旗 (a scan for
    thousands of names in one regex would cost every sentence far more than these few characters do)."""
    names = _county_names()
    out = []
    for m in _COUNTY_END.finditer(text):
        end = m.end()
        for k in range(min(_COUNTY_MAX, end), 2, -1):
            if text[end - k : end] in names:
                out.append((end - k, end, text[end - k : end]))
                break
    return out


_COUNTY_MAX = 15  # characters of the longest county-level name kept (…蒙古族藏族自治县)


def _regions_in(text: str, home: dict[str, str] | None = None) -> list[tuple[int, str]]:
    """(offset, canonical name) of the regions ``text`` names; with ``home``, also of its 我省/本市 (see
    ``home_regions``)."""
    lookup = _region_lookup()
    spans = [(m.start(), m.end(), lookup[m.group(0)]) for m in _region_pattern().finditer(text)
             if not (m.group(0).startswith("全") and (_RANKING.match(text, m.end()) or text.startswith("产", m.end())))]
    # (全国产算力平台: all home-made, no country)
    counties = _counties_in(text)
    if counties:  # 长沙县 over 长沙 (a city's short name inside it)
        spans = sorted([s for s in spans if not any(a < s[1] and s[0] < b for a, b, _ in counties)] + counties)
    found = [(start, name) for start, _, name in spans]
    if home:
        found += [(m.start(), home[m.group(0)[-1]]) for m in _DEICTIC.finditer(text) if m.group(0)[-1] in home]
        found.sort()
    return found


# 居全国第一, 全国首位: the whole country named as the field of a ranking is not the place a figure counts (北京排名
# 第一 still names 北京)
_RANKING = re.compile(r"(?:第[一二三四五六七八九十\d]|首位|前列|之首|排名|领先)")

# "our province", "this city": a provincial or city outlet's figures are its own region's, not the country's; not
# the 本市 of 资本市场, the 全市 of 健全市场 or the 全省 of 安全省心 (省 "to save")
_DEICTIC = re.compile("(?:我|本|全)(?:省(?!心|钱|力|时|事|去|略|下|电|油)|市(?!场|值|面|况|价))")


@lru_cache(maxsize=1)
def _region_levels() -> dict[str, tuple[str, str | None]]:
    """Canonical region name -> (level, the name of its province) for the divisions of China."""
    from .regions import load_regions

    entries = load_regions()
    by_code = {e.code: e for e in entries.values()}
    out: dict[str, tuple[str, str | None]] = {}
    for e in entries.values():
        if e.province:
            province = by_code.get(e.province)
            out[e.name] = (e.level, province.name if province else None)
    return out


def home_regions(text: str, title: str | None = None) -> dict[str, str]:
    """What 我省/本省/全省 and 我市/本市/全市 stand for in an article: {"省": province, "市": city}.

    The province (city) the title names; else the one the text names most often, counting a city for its
    province, when it is named at least twice and more often than any other. Empty where neither is clear (a
    national outlet comparing provinces says 我国, not 我省)."""
    levels = _region_levels()
    home: dict[str, str] = {}
    named = [name for _, name in _regions_in(title or "") if name in levels]
    in_text: list[str] | None = None  # the divisions the text names, read once when the title does not settle it
    for key, level in (("省", "province"), ("市", "prefecture")):
        of_title = [n for n in named if levels[n][0] == level]
        if key == "省" and not of_title:
            of_title = [levels[n][1] for n in named if levels[n][1]]
        if of_title:
            home[key] = of_title[0]
            continue
        if in_text is None:
            in_text = [name for _, name in _regions_in(text) if name in levels]
        counts: dict[str, int] = {}
        for name in in_text:
            own = name if levels[name][0] == level else (levels[name][1] if key == "省" else None)
            if own:
                counts[own] = counts.get(own, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            home[key] = ranked[0][0]
    return home


_CURRENCIES = frozenset(("CNY", "USD", "EUR", "HKD", "JPY", "TWD", "KRW", "GBP", "AUD", "CAD", "RUB", "SGD"))
# what an amount written right before it is (30亿元人民币融资, 5000万元投资, 1万元赔偿), when its phrase ends there
_MONEY_NOUN = re.compile(
    r"([\u4e00-\u9fff]{0,2}?(?:融资|投资|订单|补贴|奖励|贷款|授信|估值|罚款|赔偿|奖金))(?=$|[，,。；;、和及与的）)])")


# the verb an amount follows, naming what it is when nothing else does (将投入|超过10亿元)
# the clause before that names what the next one measures: a topic (北向资金方面，) or an index quoted in points
# (上证指数报3412.56点，涨0.83%)
_TOPIC_BEFORE = re.compile(r"(?:^|(?<=[，,；;：:]))(?:在|从|对)?([\u4e00-\u9fffA-Za-z]{2,8}?)"
                           r"(?:方面|(?:收报|报收|报|收于)\d+(?:\.\d+)?点)[，,]$")
# a labelled line's label, right before its value (中标金额：4.86亿元, 总投资:12亿元)
_LABEL_BEFORE = re.compile(r"(?:^|(?<=[、\s]))([\u4e00-\u9fff（）()]{2,12}?)(?<![说称示出为])[：:]\s*$")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")
_NO_TOPIC = ("另一", "一", "各", "其他", "这", "那", "多", "两")  # 另一方面, 各方面: a turn of the argument
_MONEY_VERB = re.compile(r"(投入|投资|出资|募资|融资|资助|补贴|奖励)(?:超过|超|约|近|达|逾|共计|合计)?$")


# 自2019年成立以来: a span up to now, whose start is no figure's year
_SINCE = re.compile(r"[^，,。；;、\d]{0,6}以来")


def _years_in(text: str, base_year: int | None) -> list[tuple[int, int]]:
    if "年" not in text:  # every year is written with it
        return []
    found = [(m.start(), y) for m in _YEAR.finditer(text)
             if (y := _year_value(m.group(1))) and 1900 <= y <= 2100 and not _SINCE.match(text, m.end())]
    if base_year is not None:
        found.extend((m.start(), base_year + _RELATIVE_YEARS[m.group(0)]) for m in _RELATIVE_YEAR.finditer(text))
    return sorted(found)


def _first_domestic_after(regions: list[tuple[int, str]], end: int) -> str | None:
    """The first region of China named after ``end`` (…25个以上，…建成“山东算网”: the province the sentence goes on to
    name); a country named after a figure is what it is compared with (…，超越美国Meta公司的Llama系列)."""
    levels = _region_levels()
    return next((name for at, name in regions if at >= end and (name in levels or name == "中国")), None)


def _nearest_before(items: list[tuple[int, Any]], pos: int) -> Any:
    before = [v for p, v in items if p < pos]
    return before[-1] if before else None


# a target's verb (力争|人工智能核心产业营业收入), a period said again (同期|经调整净亏损), what was done to what is
# counted (累计培育|国家级智能工厂35家; not in 培育企业数量, the number of those cultivated)
_SUBJECT_LEAD = re.compile(r"^(?:力争|争取|预计|确保|推动|实现|同期|同年|当年|当期|期内|(?:该|本)?公司(?=..))"
                           r"|^(?:累计)?(?:培育|打造|建成|新增|引进|认定|集聚|聚集)(?=..)(?!.*(?:数量|数|量|规模)$)")


def _strip_regions(phrase: str) -> str:
    """贵州数字经济占比 -> 数字经济占比: a leading place name is the figure's region, not its subject; nor is a
    target's verb (力争…) part of it."""
    phrase = _SUBJECT_LEAD.sub("", phrase)
    m = _region_pattern().match(phrase)
    county = next((k for k in range(min(_COUNTY_MAX, len(phrase)), 2, -1) if phrase[:k] in _county_names()), 0)
    end = max(m.end() if m else 0, county)  # 市南区|投入, 长沙县|… (not 长沙|县…)
    rest = phrase[end:]
    return rest if len(rest) >= 2 else ("" if end else phrase)


# Verbs that name a kind of thing inside a noun phrase (创新载体, 示范项目, 支持政策), not what it does (面临, 参加).
_MODIFYING_VERBS = frozenset("创新 示范 支持 研发 服务 应用 孵化 培训 交易 检测 试验 转化 试点 保障 使用 利用 相关"
                             .split())
# kinds a model's measures are of, which may open a subject (推理成本, 训练成本, 推理速度)
_LEADING_KINDS = frozenset(("推理", "训练", "平均"))  # (算法工程师|平均|月薪: the average of whom a noun before says)


# verbs the segmenter may tag as nouns that, after what a counter counts, act on something (部署 人工智能教学助手)
_ACTING_WORDS = frozenset("部署 建设 配备 安装 提供 开展 推广 上线 接入 引进 落地 投入".split())


def _nounish(word: str, pos: str) -> bool:
    if pos == "x" and not word.isalnum():
        return False
    if pos.startswith(("nr", "nt")):
        return word in organization_names()  # 寒武纪 (tagged nr) is a company: its figures are its own
    return word in _SUBJECT_WORDS or pos.startswith(_NOUN_POS)


# the one-character ends of a measure whose verb names what it measures (录用|率, 调用|量, 成交|额)
_RATE_ENDS = frozenset("率量额")
_ADVERBIAL_NOUNS = frozenset(("现场", "当天", "当日", "同时", "目前", "当前"))


def _subject_run(tagged: list[tuple[str, str]], from_end: bool) -> str:
    """The noun phrase at the end (or start) of a tagged clause. Read from the start (what a counter counts), a
    verb that names a kind of thing between two nouns is part of it (具身智能|创新|载体, 试点|示范|项目)."""
    seq = list(reversed(tagged)) if from_end else tagged
    run: list[str] = []
    for k, (word, pos) in enumerate(seq):
        nounish = _nounish(word, pos) or (k + 1 < len(seq) and _nounish(*seq[k + 1]) and (
            word in _MODIFYING_VERBS and (run or not from_end) or not from_end and pos in ("f", "s") and not run)) or (
            from_end and run and word in _LEADING_KINDS and (
                word != "平均" or k + 1 < len(seq) and _nounish(*seq[k + 1]))) or (
            not from_end and run and pos == "nr" and k + 1 < len(seq) and _nounish(*seq[k + 1])) or (
            from_end and len(run) == 1 and run[0] in _RATE_ENDS and pos.startswith("v") and len(word) == 2)
        # 前沿|展品, 支持|措施: a kind first; 绿电|使用|比例 read from the end: a kind between two nouns; 机器人|智慧|
        # 药店 (the dictionary tags 智慧 nr): a word between two nouns of what is counted
        if nounish and run and not from_end and word in _ACTING_WORDS:
            break  # 1200余所中小学|部署|人工智能教学助手: a verb with its object, after what is counted
        if not nounish:
            break
        if run and from_end and pos.startswith(("nr", "nt")):
            break  # 腾讯控股|股价, 优必选|营业收入: the company owns what is measured (a title names it), it is not it
        run.append(word)
    if from_end:
        run.reverse()
    while run and run[-1] in _ADVERBIAL_NOUNS:
        run.pop()  # 24个人工智能重大项目|现场|签约: where or when it happened, not what is counted
    phrase = "".join(run)
    return phrase if len(phrase) >= 2 else ""


def _subject(sentence: str, start: int, end: int, counter: bool, floor: int = 0) -> str | None:
    """The noun phrase a number measures: before it (规模达…), or after a counter (3个核心要素).

    ``floor`` is where the previous figure of the sentence ended: text before it is not read.
    """
    from ..text.segment import tag

    clause_start = _clause_start(sentence, floor, start)
    if clause_start > floor and sentence[clause_start - 1] in "（(" and _STOCK_CODE.match(sentence, clause_start - 1):
        clause_start = _clause_start(sentence, floor, clause_start - 1)  # 海光信息（688041）涨5.12%: a stock's code
    before = _CLAUSE_TAIL.sub("", sentence[clause_start:start].strip())
    if not before and clause_start > floor + 2 and sentence.endswith(_SUPERLATIVES, 0, clause_start - 1):
        # 大模型算法工程师的平均年薪最高，|达到62.5万元: what stands highest in the clause before is measured
        prev = _clause_start(sentence, floor, clause_start - 1)
        before = sentence[prev : clause_start - 1 - len("最高")].strip()  # the clause less its comma and superlative
    if "比" in before and (than := _than(before)) >= 2:
        before = before[:than]  # 能效|比现有的电子芯片提升了约|100倍: what is compared, not what it is compared to
    after_match = _CLAUSE_END.search(sentence, end)
    after = sentence[end : after_match.start() if after_match else len(sentence)].removeprefix("的")
    if counter and after.startswith(_CHANGE_MEASURES):
        after = ""  # 训练速度提升了1个|数量级: by how much it changed, not what is counted
    sides = [(after, False), (before, True)] if counter else [(before, True), (after, False)]
    for piece, from_end in sides:
        if piece:
            tagged = tag(piece)
            subject = _strip_regions(_subject_run(tagged, from_end=from_end))
            if counter and not from_end and not subject:
                subject = _counted_after_de(piece.split("、", 1)[0])
            if counter and from_end and len(tagged) == 1 and tagged[0][1] in ("v", "vn"):
                continue  # 培育|10家: a verb, not what it counts
            if subject:
                return subject
    return None


_SUPERLATIVES = ("最高", "最低", "最多", "最少", "最大", "最快", "最强", "最长")


def _than(piece: str) -> int:
    """Where 比 compares in ``piece`` (能效|比|现有的电子芯片), the segmenter's preposition; -1 where it only stands in
    a word (同比, 占比, 比例, 科比, 比亚迪)."""
    from ..text.segment import tag

    at = 0
    for word, pos in tag(piece):
        if word == "比" and pos == "p":
            return at
        at += len(word)
    return -1


_CHANGE_MEASURES = ("数量级", "百分点")  # what a counted change is measured in (提升了1个数量级)

# 具有国际影响力的|头部企业, 不同参数规模的|版本: a modifier clause before what is counted
_RELATIVE_OPENERS = ("具有", "具备", "拥有", "有", "达到", "年产值", "年营收", "不同", "各类", "各种", "多种")


def _counted_after_de(piece: str) -> str:
    """What a counter counts when a modifier clause stands between them: the noun phrase after the last 的
    (10家以上|具有国际影响力的|头部企业)."""
    from ..text.segment import tag

    if "的" not in piece or not piece.startswith(_RELATIVE_OPENERS):
        return ""
    return _strip_regions(_subject_run(tag(piece.rsplit("的", 1)[1]), from_end=False))


def _value(m: re.Match[str], table: UnitTable) -> tuple[float | None, float]:
    """(number times magnitude, magnitude) of a match."""
    if m.group("pct"):
        raw = m.group("pct")
        num = float(raw) if raw[0].isdigit() else parse_chinese_number(raw)
        return num, 1.0
    if m.group("ar"):
        magnitude = _magnitude(m.group("mag") or "", table)
        return float(m.group("ar").replace(",", "")) * magnitude, magnitude
    if m.group("cn"):
        cn = m.group("cn")
        tail = cn[len(cn.rstrip("".join(table.magnitudes))) :]
        return parse_chinese_number(cn), _magnitude(tail, table)
    magnitude = _magnitude(m.group("mo"), table)
    return magnitude, magnitude


_RANK_BEFORE = re.compile(r"(?:第|(?<![目此之当提年日月天周以])前)$")


def _pick_unit(m: re.Match[str], magnitude: float, number: float, context: str, table: UnitTable) -> Unit | None:
    surface = "%" if m.group("pct") else m.group("unit")
    following = m.end("unit") if m.group("unit") else len(m.string)  # where the text after the unit begins
    for unit in table.lookup(surface):
        if unit.not_followed_by and m.string.startswith(unit.not_followed_by, following):
            continue
        if unit.context and unit.context not in context:
            continue
        if magnitude < unit.min_magnitude:
            continue
        if unit.kind == "counter" and m.group("cn") and number < 10:
            continue  # 一个, 两部: prose, not a figure
        if unit.kind == "counter" and _RANK_BEFORE.search(m.string, max(0, m.start() - 2), m.start()):
            continue  # 居全国前5位, 第3位: a rank, not a count (目前400个, 此前3家 are counts)
        if unit.kind == "counter" and m.group("mo") and not m.group("pre"):
            continue  # 千家万户
        if m.group("mo") and len(m.group("mo")) < 2 and not m.group("pre"):
            continue
        return unit
    return None


# 每万名工人, 每千人, 每平方公里: a count the number is per (not 每年|投入: a time, then a verb)
_PER_UNIT = re.compile(
    r"每(?:(?:[万千百十亿]+|\d+)(?:名|个|位|户)?(?:[\u4e00-\u9fff]{1,3}|[A-Za-z]{1,8})|平方(?:公里|米))\s?$")


def _qualifier_before(text: str, end: int, qualifier: str | None) -> tuple[int, str | None]:
    """(where the subject ends, qualifier) when a pre-qualifier word stands right before ``end`` — before a currency
    or a range's lower end, where the number's own pattern does not see it (营收为|新台币…, 达到|910亿至…)."""
    pre = next((q for q in _PRE_QUALIFIERS_LONGEST if text.endswith(q, 0, end)), None)
    if pre is None:
        return end, qualifier
    return end - len(pre), qualifier or (pre if pre not in _LINKING else None)


def _qualifier(m: re.Match[str]) -> str | None:
    for group in ("post", "ap2", "ap1"):
        if m.group(group):
            return m.group(group)
    pre = m.group("pre")
    return pre if pre and pre not in _LINKING else None


def _chains(sentences: tuple[Sentence, ...]) -> list[list[Sentence]]:
    """Sentences grouped while the previous one ended with ；: their year and region carry over."""
    chains: list[list[Sentence]] = []
    for s in sentences:
        if chains and chains[-1][-1].text.endswith(("；", ";")) and chains[-1][-1].paragraph == s.paragraph:
            chains[-1].append(s)
        else:
            chains.append([s])
    return chains


# a minus sign: not a hyphen after a Latin name (R1-0528) nor a range's dash (5-10元, 1万-3万元)
_NEGATIVE = re.compile(r"(?:[^0-9A-Za-z.．０-９十百千万亿元%]|^)[-－−]$")


def extract_figures(text: str, published_at: str | None = None, title: str | None = None) -> list[Figure]:
    """Every quantitative claim of ``text`` in reading order; 我省/我市 are the regions ``home_regions`` finds."""
    table = unit_table()
    home: dict[str, str] | None = None  # found on the first sentence that needs it
    base_year = int(published_at[:4]) if published_at and published_at[:4].isdigit() else None
    wide = _needs_nfkc(text)  # whether any sentence may need NFKC
    figures: list[Figure] = []
    wording: list[str] = []  # each figure's words, up to _WORDING characters of its clause before the number
    for chain in _chains(split_sentences(text)):
        carried_year: int | None = None
        carried_region: str | None = None
        carried_currency: str | None = None  # 新台币…；税后纯益3252.6亿元: the chain's currency goes on
        previous_subject: str | None = None
        previous_unit: str | None = None  # the unit of the figure ``previous_subject`` is of
        for k, sentence in enumerate(chain):
            stext = sentence.text
            if wide and _needs_nfkc(stext):
                stext = nfkc(stext)
            found = table.matches(stext)
            if not found and k == len(chain) - 1:
                continue  # no figure here and nothing to carry over: years and regions are not needed
            years = _years_in(stext, base_year)
            if home is None and _DEICTIC.search(stext):
                home = home_regions(text, title)
            regions = _regions_in(stext, home)
            floor = 0
            first = len(figures)  # this sentence's figures start here
            positions: list[int] = []  # where each of them stands in the sentence
            for m in found:
                number, magnitude = _value(m, table)
                if number is None:
                    continue
                core_start = m.start("per") if m.group("per") else (m.end("pre") if m.group("pre") else m.start())
                clause_from = _clause_start(stext, 0, m.start())
                unit = _pick_unit(m, magnitude, number, stext[clause_from : m.end()], table)
                if unit is None:
                    continue
                subject_end = m.start("pre") if m.group("pre") else core_start
                unit_name, qualifier = unit.unit, _qualifier(m)
                if unit.surface == "元" and (currency := table.currency_before(stext, subject_end)):
                    # 营收为新台币7596.9亿元: the currency; the words before it read as before a number
                    unit_name = carried_currency = currency[1]
                    subject_end -= len(currency[0])
                    subject_end, qualifier = _qualifier_before(stext, subject_end, qualifier)
                elif unit.surface == "元" and carried_currency:
                    unit_name = carried_currency
                range_start = core_start
                if "每" in stext and (per := _PER_UNIT.search(stext, max(0, subject_end - 12), subject_end)):
                    # 工业机器人密度达到|每万名工人|520台: what the number is counted per is written with it
                    range_start = subject_end = per.start()
                    subject_end, qualifier = _qualifier_before(stext, subject_end, qualifier)
                if (low := _RANGE_BEFORE.search(stext, max(0, subject_end - _RANGE_MAX), subject_end)) is not None:
                    # 910亿至930亿美元: the range is written whole; its upper end is the value
                    range_start = subject_end = low.start()
                    subject_end, qualifier = _qualifier_before(stext, subject_end, qualifier)
                if range_start == core_start == subject_end and _NEGATIVE.search(stext, max(0, core_start - 2),
                                                                                       core_start):
                    number = -number  # 净利润为-0.67亿元: a loss, written with its sign
                    range_start = subject_end = core_start - 1
                    subject_end, qualifier = _qualifier_before(stext, subject_end, qualifier)
                if unit_name in _RATIO_UNITS and (change := _CHANGE_BEFORE.search(stext, max(0, subject_end - 2),
                                                                                  subject_end)):
                    qualifier = change.group(1) + (qualifier or "")  # 股价一度上涨超过400%: 上涨超过, not 超过
                subject = _subject(stext, subject_end, m.end(), unit.kind == "counter", floor)
                if unit_name in _CURRENCIES and (named := _MONEY_NOUN.match(stext, m.end())):
                    subject = named.group(1)  # 完成新一轮超过30亿元人民币融资: the amount is the financing's
                elif subject is None and unit_name in _CURRENCIES and (
                        spent := _MONEY_VERB.search(stext, max(0, subject_end - 4), subject_end)):
                    subject = spent.group(1)  # 我们将投入超过10亿元: what the amount is, said by its verb
                if subject is None and (label := _LABEL_BEFORE.search(stext, max(0, subject_end - 16), subject_end)):
                    subject = _BRACKETED.sub("", label.group(1))  # 中标（成交）金额：|4.86亿元: a labelled value
                if subject is None and (topic := _TOPIC_BEFORE.search(stext, max(0, clause_from - 16), clause_from)) \
                        and not topic.group(1).endswith(_NO_TOPIC):
                    subject = topic.group(1)  # 上证指数报3412.56点，|涨0.83%; 北向资金方面，|全天净买入62.35亿元
                floor = m.end()
                if subject and previous_subject and unit_name == "percent" and subject not in _RELATIONAL \
                        and subject[0] != "占" and stext.startswith("占", clause_from):  # (占比, 占比重: the share)
                    subject = f"{previous_subject}占{subject}"  # 研发投入达到33.68亿元，占营业收入的19.8%: its share
                if subject in _RELATIONAL and previous_subject:
                    subject = previous_subject + subject
                elif subject is None and (unit_name in _RATIO_UNITS or previous_unit in _RATIO_UNITS
                                          or previous_unit == unit_name
                                          or unit_name in _CURRENCIES and previous_unit in _CURRENCIES):
                    # a ratio goes on with a ratio; an amount with what the ratio measured (同比下降7%至175亿元), or
                    # with what the amount before it in the same unit or currency did (分别为0.46亿元、1.24亿元, 699美元
                    # （约合4971元）); not across units (时速116公里，…造成车内3人死亡: the 3 are no speed)
                    subject = (previous_subject if unit_name in _RATIO_UNITS or previous_subject is None
                               else _measured(previous_subject))
                year = _nearest_before(years, m.start()) or carried_year or (years[0][1] if years else None)
                region = (_nearest_before(regions, m.start()) or carried_region
                          or _first_domestic_after(regions, m.end()))
                raw = stext[range_start : m.end()]
                wording.append(stext[max(clause_from, m.start() - _WORDING) : m.end()])
                figures.append(
                    Figure(
                        subject=subject,
                        value=_clean_float(number * unit.factor),
                        unit=unit_name,
                        raw=raw,
                        qualifier=qualifier,
                        year=year,
                        region=region,
                        sentence=sentence.index,
                    )
                )
                positions.append(m.start())
                if subject and subject not in _RELATIONAL and not subject.startswith(tuple(_RELATIONAL)):
                    previous_subject = subject.removesuffix("增速").removesuffix("同比").removesuffix("环比")
                    previous_unit = unit_name
            if "分别" in stext and len(figures) - first > 1:
                _respective_years(stext, positions, figures[first:])
                _respective_subjects(stext, positions, figures[first:])
            if years:
                carried_year = years[-1][1]
            if regions:
                carried_region = regions[-1][1]
    if "得分" in text or "评分" in text:
        figures, wording = _with_scores(text, figures, wording)
    return _first_statements(figures, wording)


# A model's benchmark scores, written without a unit: 得分88.5, 得分分别为85.0和79.9 (a number with 分 or % is read by
# the unit table); the benchmarks named before them in the clause (在MMLU-Pro、GPQA等…中) name each score in order.
_SCORES = re.compile(r"(?:得分|评分)(?:分别)?(?:为|达到|达|是)?"
                     r"(?P<values>\d+(?:\.\d+)?(?:(?:、|和|与|及)\d+(?:\.\d+)?)*)(?![\d.%％分])")
_BENCHMARK = r"[A-Za-z][A-Za-z0-9\-.]*(?:\s[A-Za-z0-9][A-Za-z0-9\-.]*)?"  # MMLU-Pro, AIME 2025
_BENCHMARKS = re.compile(
    rf"在(?P<names>{_BENCHMARK}(?:\s?[、和与及]\s?{_BENCHMARK})*)(?:等)?[^，,。；;]{{0,16}}?(?:中|上)")
_VALUE_SPLIT = re.compile(r"、|和|与|及")


def _with_scores(text: str, figures: list[Figure], wording: list[str]) -> tuple[list[Figure], list[str]]:
    """``figures`` with the benchmark scores of ``text`` added in reading order (each sentence's after its others)."""
    out, words = list(figures), list(wording)
    for sentence in split_sentences(text):
        for m in _SCORES.finditer(sentence.text):
            values = _VALUE_SPLIT.split(m.group("values"))
            clause = sentence.text[_clause_start(sentence.text, 0, m.start()) : m.start()]
            bench = _BENCHMARKS.search(sentence.text, 0, m.start())
            names = [n.strip() for n in _VALUE_SPLIT.split(bench.group("names"))] if bench else []
            for k, value in enumerate(values):
                subject = f"{names[k]}得分" if len(names) == len(values) else "得分"
                out.append(Figure(subject=subject, value=float(value), unit="score", raw=value,
                                  sentence=sentence.index))
                words.append(clause[-_WORDING:] + value)
    return out, words


_RANGE_MAX = 16  # characters of a range's lower end and its joiner, most (the search looks no further back)
_RANGE_BEFORE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?[十百千万亿]*(?:至|到|—|–|~|～)$")  # 910亿至|930亿美元
_CHANGE_BEFORE = re.compile(f"({_CHANGES})$")
_RATIO_UNITS = frozenset(("percent", "percentage-point", "multiple"))
_RELATIONAL_LONGEST = tuple(sorted(_RELATIONAL, key=len, reverse=True))


def _measured(subject: str) -> str:
    """What a relational subject measures (在线营销收入同比 → 在线营销收入, 智能算力规模增速 → 智能算力规模): the
    subject an amount after it carries on (同比下降7%至175亿元)."""
    for rel in _RELATIONAL_LONGEST:
        if subject.endswith(rel) and len(subject) > len(rel):
            return subject[: -len(rel)]
    return subject


# 2022年至2024年营业收入分别为0.46亿元、1.24亿元和4.38亿元: one value a year, in order
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年?\s*(?:至|到|—|–|-|~|～)\s*((?:19|20)\d{2})\s*年")
_RESPECTIVELY = "分别"


def _respective_years(text: str, positions: list[int], figures: list[Figure]) -> None:
    """Give the values listed after each 分别 (up to its clause's end) the years of the period written before it in
    the sentence, one each in order, when the period has as many years as values are listed (each had read the
    period's last year): 2020年至2022年，优必选营业收入分别为…，同期经调整净亏损分别为…"""
    period = _PERIOD.search(text)
    if period is None:
        return
    low, high = int(period.group(1)), int(period.group(2))
    for _at, listed in _respective_runs(text, positions, figures, period.end()):
        if 1 < len(listed) == high - low + 1:
            for k, fig in enumerate(listed):
                fig.year = low + k


def _respective_runs(text: str, positions: list[int], figures: list[Figure],
                     start: int = 0) -> Iterator[tuple[int, list[Figure]]]:
    """Each 分别 of ``text`` from ``start`` on, with the figures (standing at ``positions``) listed after it up to
    its clause's end."""
    at = text.find(_RESPECTIVELY, start)
    while at >= 0:
        end = _CLAUSE_END.search(text, at)
        stop = end.start() if end else len(text)
        yield at, [fig for pos, fig in zip(positions, figures, strict=True) if at <= pos < stop]
        at = text.find(_RESPECTIVELY, stop)


# what is listed before 分别 in its clause: 中际旭创、新易盛|分别上涨4.85%和5.92%
_LISTED_BEFORE = re.compile(r"(?P<items>[^，,；;。：:、和与及]{2,8}(?:[、和与及][^，,；;。：:、和与及]{2,8})+)分别$")
_LIST_SEPARATOR = re.compile("[、和与及]")
# places listed before what they have (北京、上海、深圳|的AI岗位平均月薪|分别)
_PLACES_LISTED_BEFORE = re.compile(r"(?:^|(?<=[，,；;。：:]))"
                                   r"(?P<items>[\u4e00-\u9fff]{2,8}(?:[、和与及][\u4e00-\u9fff]{2,8})+)"
                                   r"的[^，,；;。：:]{1,16}分别$")


def _respective_subjects(text: str, positions: list[int], figures: list[Figure]) -> None:
    """Give the values listed after 分别 (up to its clause's end) the subjects listed before it, one each in order,
    when as many are listed as values of one unit follow and each had read the list's last item (not 北京、上海分别有
    3家、5家企业: what is counted follows)."""
    for at, listed in _respective_runs(text, positions, figures):
        places = _PLACES_LISTED_BEFORE.search(text, max(0, at - 40), at + len(_RESPECTIVELY))
        if places and 1 < len(listed):  # 北京、上海、深圳的AI岗位平均月薪|分别为…: each value is a place's
            lookup = _region_lookup()
            named = [lookup.get(item) for item in _LIST_SEPARATOR.split(places.group("items"))]
            if len(named) == len(listed) and all(named):
                for region, fig in zip(named, listed, strict=True):
                    fig.region = region
        before = None if places else _LISTED_BEFORE.search(text, max(0, at - 40), at + len(_RESPECTIVELY))
        if before and 1 < len(listed) and len({fig.unit for fig in listed}) == 1:
            items = _LIST_SEPARATOR.split(before.group("items"))
            read_last = all(fig.subject is None or fig.subject.endswith(items[-1]) for fig in listed)
            if len(items) == len(listed) and read_last and not any(_YEAR_ITEM.match(item) for item in items):
                for item, fig in zip(items, listed, strict=True):
                    fig.subject = item


_YEAR_ITEM = re.compile(r"(?:19|20)?\d{2,4}年|[上下]半年|第[一二三四]季度|[一二三四]季度")


_WORDING = 8  # characters of a figure's clause before its number that a restatement repeats


def _first_statements(figures: list[Figure], wording: list[str]) -> list[Figure]:
    """``figures`` without a claim stated again (a lead box repeating the body: 人工智能骨干企业近1000家, twice): the
    same subject, value, unit, qualifier, year and region, in the same words before the number, keep their first
    sentence. A figure without a subject says too little to be called the same claim, and stays."""
    seen: set[tuple] = set()
    out = []
    for f, words in zip(figures, wording, strict=True):
        key = (f.subject, f.value, f.unit, f.qualifier, f.year, f.region, words)
        if f.subject and key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


_FULLWIDTH = re.compile("[\uff10-\uff5a\uff05]")  # full-width digits, letters and ％: NFKC makes them ASCII


def _needs_nfkc(text: str) -> bool:
    return _FULLWIDTH.search(text) is not None


def _clean_float(value: float) -> float:
    """Round away binary noise (0.1 * 3) while keeping every significant written digit."""
    return float(f"{value:.12g}")


class FiguresStage:
    """Pipeline stage: fills ``figures`` from ``text``."""

    name = "figures"
    version = VERSION
    requires = ("text",)
    assigns = ("figures",)

    def __call__(self, record: Record) -> Record:
        record.figures = extract_figures(record.text, record.published_at, record.title)
        return record


def make_figures_stage(settings: Any = None) -> FiguresStage:
    """Factory named in ``zhiku.pipeline.STAGES``; resources load on first use."""
    return FiguresStage()
