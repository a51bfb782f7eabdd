"""Hypothesis properties of cleaning: never raises, idempotent, invents no Chinese character."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhiku.clean.chars import cjk_chars
from zhiku.clean.script import to_simplified
from zhiku.clean.steps import clean_page, clean_text

# Text that looks like the dirty inputs: CJK, full-width and ASCII punctuation, spaces, newlines, letters.
_PIECES = st.sampled_from(
    list("人工智能产业發展競逐的是在了，。、：；？！“”（）()《》,.:;?!\"' \u3000\u00a0\u200b\n")
    + ["举报/反馈", "　　", "28 0", "(jìng)", "记者 张三", "（经济日报记者 黄 鑫）", "关键技术关键技术", "■",
       "谛酆竦漠a", "传真: 010-1", "www.a.cn", "11个月前发布", "元元元。 "]
)
DIRTY = st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=40).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _allowed_new(result, source: str) -> set[str]:
    """Characters a cleaning may introduce: script conversion and logged mojibake repairs."""
    allowed = cjk_chars(source) | cjk_chars(to_simplified(source))
    for e in result.entries:
        if e.step == "mojibake" and e.action == "replaced":
            allowed |= cjk_chars(e.after) | cjk_chars(to_simplified(e.after))
    return allowed


@FAST
@given(st.text(max_size=300))
def test_clean_text_never_raises_on_arbitrary_unicode(text):
    result = clean_text(text)
    assert isinstance(result.text, str)
    assert clean_page(text, derive_title=True)


@FAST
@given(DIRTY)
def test_clean_text_is_idempotent(text):
    once = clean_text(text).text
    assert clean_text(once).text == once


@FAST
@given(st.one_of(DIRTY, st.text(max_size=200)))
def test_clean_text_invents_no_chinese_character(text):
    result = clean_text(text)
    assert cjk_chars(result.text) <= _allowed_new(result, text)
