"""The query language: parsing, errors, and rendering that never lets user text become FTS syntax."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhiku.errors import QueryError
from zhiku.use.query import Filters, index_tokens, parse_query, to_fts5, to_tsquery, to_tsvector


def test_query_index_tokens_bigrams_and_words():
    assert index_tokens("医疗器械，ＡＩ芯片 GPT-4") == ["医疗", "疗器", "器械", "ai", "芯片", "gpt", "4"]
    assert index_tokens("云") == ["云"]


def test_query_parse_terms_phrases_or_exclude_filters():
    q = parse_query('大模型 "人工 智能" 医疗 OR 教育 -游戏 region:山东 tech:大模型 since:2024-01 until:2024-06-30')
    assert [[t.text for t in g] for g in q.groups] == [["大模型"], ["人工智能"], ["医疗", "教育"]]
    assert [t.text for t in q.exclude] == ["游戏"]
    assert q.filters == Filters(technology=("大模型",), region=("山东",), since="2024-01-01", until="2024-06-30")
    assert q.groups[0][0].tokens == ("大模", "模型")
    assert to_fts5(q) == '(("大模 模型") AND ("人工 工智 智能") AND ("医疗" OR "教育")) NOT ("游戏")'
    assert to_tsquery(q) == ("((('大模' <-> '模型')) & (('人工' <-> '工智' <-> '智能')) & (('医疗') | ('教育'))) "
                             "& !(('游戏'))")


def test_query_mixed_script_word_and_prefix():
    q = parse_query("AI云")
    assert q.groups[0][0].tokens == ("ai", "云") and q.groups[0][0].prefix
    assert to_fts5(q) == '("ai 云" *)'


@pytest.mark.parametrize("bad", ['"open', "OR a", "a OR", "a OR OR b", "-a", "云", "a\x00b", "since:2024-02-30",
                                 "until:yesterday", "region:", "-region:山东", "since:2024-05-01 until:2024-01-01"])
def test_query_malformed_raises_query_error(bad):
    with pytest.raises(QueryError):
        parse_query(bad)


def test_query_tsvector_literal_positions_and_gap():
    vec = to_tsvector("大模型", "模型训练")
    assert vec == "'大模':1A '模型':2A,4 '型训':5 '训练':6"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('医疗大模型ai"\'()*:^-+|!&<>{}[]ORNEAT 　“”\\;')), max_size=30))
def test_query_random_input_is_query_error_or_valid_fts5(text):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0')")
    conn.execute("INSERT INTO f VALUES ('医疗 疗大', 'ai 大模 模型')")
    try:
        q = parse_query(text)
    except QueryError:
        return
    if q.is_empty:
        return
    conn.execute("SELECT count(*) FROM f WHERE f MATCH ?", (to_fts5(q),)).fetchone()  # never a syntax error
