"""Hostile and malformed input: every reader yields a record or a clear refusal, never a crash or a hang."""

from __future__ import annotations

import codecs
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhiku.collect.files import read_bytes
from zhiku.errors import InputError
from zhiku.record import Record

from ..conftest import seed_text


def _check(data: bytes, origin: str = "fuzz") -> list:
    items = list(read_bytes(data, origin))
    assert items, "a reader must yield something: a record or a refusal"
    for item in items:
        assert isinstance(item, Record | InputError)
        if isinstance(item, InputError):
            assert item.source.startswith(origin) and item.reason
        else:
            Record.from_json(item.to_json())
    return items


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_fuzz_arbitrary_bytes(data):
    _check(data)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000), st.sampled_from(["utf-8", "utf-16", "gb18030", "big5", "latin-1", "utf-8-sig"]))
def test_fuzz_text_in_every_encoding(text, codec):
    data = text.encode(codec, errors="replace")
    _check(data)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), st.dictionaries(st.sampled_from(["title", "text", "html", "url", "source",
                                                                                  "published_at", "authors"]),
                                                              st.one_of(st.text(max_size=50), st.integers(), st.none(),
                                                                        st.lists(st.text(max_size=5), max_size=3))),
                              ), min_size=1, max_size=8))
def test_fuzz_jsonl_lines(lines):
    body = "\n".join(json.dumps(x, ensure_ascii=False) if isinstance(x, dict) else x for x in lines)
    if isinstance(lines[0], dict):
        _check(body.encode("utf-8"))


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="<>/=\"' abcdivpbodyhtmlscript人工智能。\n", max_size=3000))
def test_fuzz_malformed_html(fragment):
    _check(("<html><body>" + fragment).encode("utf-8"))


def test_deeply_nested_html_is_handled():
    body = "<div>" * 5000 + "人工智能产业联盟成立。" * 20 + "</div>" * 5000
    _check(f"<!doctype html><html><head><title>深</title></head><body>{body}</body></html>".encode())


def test_html_without_body_and_empty_html():
    items = _check(b"<html><head><title>only a title</title></head></html>")
    assert all(isinstance(i, InputError | Record) for i in items)
    _check(b"<html></html>   <p></p>")


def test_mixed_encodings_in_one_file():
    data = seed_text("000")[:500].encode("utf-8") + seed_text("002")[:500].encode("gb18030") + b"\xff\xfe\xfa"
    items = _check(data)
    assert isinstance(items[0], Record)


def test_invalid_bytes_after_bom_refused_with_reason():
    items = _check(codecs.BOM_UTF8 + b"\xff\xfe\xfd\xfc" * 10)
    assert isinstance(items[0], InputError) and "byte-order mark" in items[0].reason


def test_oversized_file_refused_without_reading_it(tmp_path):
    from zhiku.collect.files import read_path

    big = tmp_path / "big.html"
    with big.open("wb") as fh:
        fh.write(b"<html><body>")
        fh.seek(50 * 1024 * 1024 + 10)
        fh.write(b"</body></html>")
    items = list(read_path(big))
    assert len(items) == 1 and isinstance(items[0], InputError) and "limit" in items[0].reason


@pytest.mark.parametrize("n", [1, 3])
def test_many_bad_jsonl_lines_do_not_stop_the_batch(n):
    good = json.dumps({"title": "好", "text": "大模型。"}, ensure_ascii=False)
    data = "\n".join([good, "{bad", "[]", "null", good] * n).encode()
    items = _check(data)
    assert sum(isinstance(i, Record) for i in items) == 2 * n
    assert sum(isinstance(i, InputError) for i in items) == 3 * n
