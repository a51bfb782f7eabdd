"""The summarize and figures prefilters skip only work whose result is known: they never change output."""

from __future__ import annotations

import random
import re

from zhiku.analyze import figures
from zhiku.summarize import events, units
from zhiku.text.sentences import split_sentences

from ..conftest import SEED_FILES, seed_text

SENTENCES = [s.text for key in SEED_FILES for s in split_sentences(seed_text(key))] + [
    "即将召开会议。", "必将加快发展", "重要的是要加快推进；", "他说，要加快推进人工智能产业发展，", "此外，将于明年发布",
    "据介绍，工作报告提出", "主任表示：要加快构建体系", "计划在上海建设", "　　记者 张三　北京报道", "重要重要的事情",
]


def test_may_trigger_is_false_only_where_no_trigger_matches():
    skipped = 0
    for text in SENTENCES:
        if not events.may_trigger(text):
            skipped += 1
            core = events._core(text)
            assert events.find_trigger(core, official=True) is None, text
            assert not any(t.pattern.search(core) for t in events.event_types()), text
    assert skipped > len(SENTENCES) // 5  # the prefilter does skip sentences


def test_trigger_scan_begins_every_branch_with_a_literal():
    """The scan stays fast: a search skips to characters some trigger begins with."""
    import re._compiler as compiler
    import re._parser as parser

    scan = events._trigger_scan()
    assert scan is not None
    assert compiler._get_charset_prefix(parser.parse(scan.pattern), 0) is not None


def test_core_is_a_suffix_of_the_probe():
    for text in SENTENCES:
        assert events._probe(text).endswith(events._core(text)), text


def test_strip_heading_fast_path_equals_the_patterns():
    def slow(text: str) -> str:
        text = units._BULLET.sub("", text, count=1)
        for _ in range(3):
            before = text
            for pattern in (units._DOUBLED_HEAD, units._SPACED_HEAD):
                m = pattern.match(text)
                if m and len(text) > m.end() + 4:
                    text = text[m.end():]
            text = units._SOURCE_HEAD.sub("", text, count=1)
            text = units._REPORTER.sub("", text, count=1)
            text = text.strip(" 　")
            if text == before:
                break
        return text

    extra = ["关键技术加快突破关键技术加快突破人工智能是新质生产力", "新华社北京电  人工智能产业持续发展壮大", "AB  正文在这里很长"]
    for text in SENTENCES + extra:
        assert units.strip_heading(text) == slow(text), text


def test_year_pattern_matches_as_a_leading_lookbehind_would():
    old = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
    rng = random.Random(7)
    samples = ["2019年", "12019年", "x2019年2020年", "٣2019年", "20199年", *SENTENCES]
    samples += ["".join(rng.choice("0129年x٣") for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for text in samples:
        assert old.findall(text) == events._YEAR.findall(text), text


def test_figure_matches_equal_a_plain_scan():
    table = figures.unit_table()
    assert table.lead_ends is not None
    samples = SENTENCES + ["规模超过1000亿元，增长达到30%以上", "每秒超百亿亿次", "为3.5万台，是去年的两倍", "约为二十个"]
    for text in samples:
        assert [m.span() for m in table.matches(text)] == [m.span() for m in table.pattern.finditer(text)], text


def test_clause_start_is_after_the_last_clause_end():
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice("，。ab\n“数1") for _ in range(rng.randint(0, 15)))
        pos = rng.randint(0, len(text))
        end = rng.randint(pos, len(text))
        expected = max((m.end() for m in figures._CLAUSE_END.finditer(text, pos, end)), default=pos)
        assert figures._clause_start(text, pos, end) == expected


def test_event_types_keep_their_word_prefilter():
    """A trigger whose words share only one character (募集资金|募资 → 募) had left 投资融资 without the words its
    scan is skipped by, and the summarize stage 16 % slower; only the types whose triggers are open keep none."""
    assert {t.id for t in events.event_types() if t.words is None} == {"measure", "statistic", "plan"}
