"""`zhiku show ID --diff`: the cleaning log by step, flags, and raw against clean by sentence."""

from __future__ import annotations

from tests.conftest import seed_path
from zhiku import api
from zhiku.cli.explain import render_diff
from zhiku.pipeline import Pipeline
from zhiku.settings import Settings


def _stored(store, key: str):
    pipeline = Pipeline.from_settings(Settings(), only=["clean"])
    api.store_items(store, api.process([seed_path(key)], pipeline=pipeline))
    records = sorted(store.iter_records(), key=lambda r: r.raw.part or 0)
    return records, store.get_raw(records[0].raw.sha256)


def test_diff_card_shows_log_and_removed_sentences(store):
    (record,), raw = _stored(store, "002")
    out = render_diff(record, raw)
    assert "## repeats (" in out and "## noise (" in out and "## credits (" in out
    assert "-这是“人工智能+”首次被写入政府工作报告。" in out  # the repeated copy, removed
    assert "-“转载请注明出处”举报/反馈" in out or "-“转载请注明出处”" in out
    assert "标题:" not in out  # the card's other fields are not part of the body diff


def test_diff_traditional_page_is_compared_in_simplified_script(store):
    (record,), raw = _stored(store, "001")
    out = render_diff(record, raw)
    assert "raw (in simplified script) -> clean" in out
    assert "## flags" in out and "mojibake" in out
    assert "… " in out and "more" in out  # 750 pinyin removals are shortened


def test_diff_split_page_names_its_part(store):
    records, raw = _stored(store, "003")
    assert len(records) >= 2
    assert "article 1 of a shared page" in render_diff(records[1], raw)
