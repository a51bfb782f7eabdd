"""The record: stable JSON round-trip, absent vs empty fields, ids."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from zhiku.collect.files import read_path
from zhiku.record import Evidence, Figure, Keyword, RawInfo, Record, Tag, input_key, record_id

from ..conftest import seed_path

texts = st.text(min_size=0, max_size=200)


@settings(max_examples=60, deadline=None)
@given(title=texts, body=texts, kw=st.lists(st.tuples(texts, st.floats(allow_nan=False, allow_infinity=False)), max_size=5),
       value=st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)))
def test_record_json_roundtrip_is_stable(title, body, kw, value):
    rec = Record(
        id=record_id(None, body), title=title, text=body,
        raw=RawInfo(format="text", sha256="0" * 64, encoding="utf-8"),
        keywords=[Keyword(term=t, score=s) for t, s in kw],
        ai_technologies=[Tag(id="large-model", label="大模型", score=1.0, evidence=[Evidence(sentence=0, text=title)])],
        figures=[Figure(raw="5784亿元", value=value, unit="CNY")],
    )
    once = rec.to_json()
    again = Record.from_json(once)
    assert again.to_json() == once
    assert again == rec


def test_record_absent_stage_fields_are_left_out_and_empty_kept():
    rec = next(read_path(seed_path("000")))
    data = rec.to_dict()
    assert "keywords" not in data and "summary" not in data and "story" not in data
    rec.keywords = []
    assert rec.to_dict()["keywords"] == []
    assert Record.from_json(rec.to_json()).keywords == []


def test_record_id_prefers_canonical_url_and_normalizes_text():
    assert record_id("https://a.cn/x", "甲") == record_id("https://a.cn/x", "乙")
    assert record_id(None, "人工智能 加速") == record_id(None, "人工智能加速\n")
    assert record_id(None, "人工智能") != record_id(None, "人工智慧")


def test_record_copy_keeps_raw_bytes():
    rec = next(read_path(seed_path("002")))
    copy = rec.copy_with(title="新标题")
    assert copy.raw_bytes == seed_path("002").read_bytes() and copy.title == "新标题" and rec.title != "新标题"


def test_input_key_names_exactly_its_strings():
    assert input_key("人工智能", "产业") == input_key("人工智能", "产业") and len(input_key("x")) == 16
    assert input_key("人工", "智能产业") != input_key("人工智能", "产业")  # where one string ends is part of the key
    assert input_key(None, "正文") == input_key("", "正文") != input_key("正文")
    assert input_key("\ud800") != input_key("")  # a lone surrogate (surrogateescape input) is kept, not dropped
