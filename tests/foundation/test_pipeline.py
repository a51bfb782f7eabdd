"""The pipeline: stages in order, requirements checked, drops kept with their reason, splits allowed."""

from __future__ import annotations

import gc
import threading

import pytest

from zhiku.collect.files import read_path
from zhiku.collector import collector_paused
from zhiku.errors import Drop, ZhikuError
from zhiku.pipeline import STAGES, Pipeline
from zhiku.record import Keyword
from zhiku.settings import Settings

from ..conftest import seed_path


class _Stage:
    def __init__(self, name, requires=(), assigns=(), fn=None):
        self.name, self.version, self.requires, self.assigns, self.fn = name, "1", requires, assigns, fn

    def __call__(self, record):
        return self.fn(record)


def _kw(record):
    record.keywords = [Keyword(term=record.title[:2], score=1.0)]
    return record


def test_pipeline_refuses_unmet_requirement():
    with pytest.raises(ZhikuError, match="requires"):
        Pipeline([_Stage("summ", requires=("keywords",), fn=lambda r: r)])
    Pipeline([_Stage("kw", assigns=("keywords",), fn=_kw), _Stage("summ", requires=("keywords",), fn=lambda r: r)])


def test_pipeline_runs_stages_records_versions_and_drops():
    def dropper(record):
        if "杭州" in record.title:
            raise Drop("off-topic", "test")
        return record

    pipe = Pipeline([_Stage("drop", fn=dropper), _Stage("kw", assigns=("keywords",), fn=_kw)])
    out = pipe.run(next(read_path(seed_path("000")))) + pipe.run(next(read_path(seed_path("002"))))
    assert out[0].keywords[0].term == "人工" and out[0].versions == {"drop": "1", "kw": "1"}
    assert out[1].status == "dropped" and out[1].drop_reason == "off-topic: test" and out[1].keywords is None
    assert pipe.stats.dropped["off-topic"] == 1 and pipe.stats.records_out == 2


def test_pipeline_stage_may_split_a_record():
    def split(record):
        return [record.copy_with(id=record.id + str(i), title=f"{record.title}{i}") for i in range(2)]

    out = Pipeline([_Stage("split", fn=split)]).run(next(read_path(seed_path("003"))))
    assert [r.title for r in out] == ["1 50", "1 51"]


def test_pipeline_registered_stages_build_and_respect_disabling():
    names = list(STAGES)
    assert Pipeline.from_settings(Settings()).names == names
    if names:
        assert names[0] not in Pipeline.from_settings(Settings(disabled_stages=(names[0],))).names


def test_pipeline_batches_run_stage_by_stage_with_each_input_in_its_place():
    """``run_items`` runs each stage over a batch before the next; every input keeps its place: a refusal
    passes, a split input gives its records, a stage error stays on its own input and the others go on."""
    from zhiku.errors import InputError

    calls: list[tuple[str, str]] = []

    def split(record):
        calls.append(("split", record.title))
        if record.title.startswith("1 5"):  # seed 003: a page of two articles
            return [record.copy_with(id=record.id + str(i), title=f"{record.title}{i}") for i in range(2)]
        return record

    def kw(record):
        calls.append(("kw", record.title))
        if "杭州" in record.title:
            raise ValueError("a stage bug")
        return _kw(record)

    pipe = Pipeline([_Stage("split", fn=split), _Stage("kw", assigns=("keywords",), fn=kw)])
    seeds = [next(read_path(seed_path(k))) for k in ("000", "002", "003")]
    refusal = InputError("bad.txt", "not UTF-8")
    items = [seeds[0], refusal, seeds[1], seeds[2]]
    out = list(pipe.run_items(items, batch=3))
    assert [item for item, _ in out] == items
    assert out[1][1] is None and isinstance(out[2][1], ValueError)
    assert [r.title for r in out[3][1]] == [seeds[2].title + "0", seeds[2].title + "1"]
    assert out[0][1][0].keywords[0].term == "人工" and out[0][1][0].versions == {"split": "1", "kw": "1"}
    # the first batch (000, the refusal, 002) went through split before kw began; then the last input
    assert [c[0] for c in calls] == ["split", "split", "kw", "kw", "split", "kw", "kw"]
    assert pipe.stats.records_in == 3 and pipe.stats.records_out == 3
    with pytest.raises(ValueError, match="a stage bug"):  # run() and run_many() raise it, as they always did
        pipe.run(next(read_path(seed_path("002"))))


def _collector_seen(seen):
    def look(record):
        seen.append(gc.isenabled())
        cycle = [record.title]
        cycle.append(cycle)  # garbage only the collector can free
        return record
    return look


def test_pipeline_batch_holds_the_collector_off_and_restores_its_state():
    seen: list[bool] = []
    pipe = Pipeline([_Stage("look", fn=_collector_seen(seen))])
    seeds = [next(read_path(seed_path(k))) for k in ("000", "002")]
    assert gc.isenabled()
    pipe.run_batch(seeds)
    assert seen == [False, False] and gc.isenabled()
    gc.disable()
    try:
        pipe.run_batch(seeds)
        assert not gc.isenabled()  # the caller's choice stays
    finally:
        gc.enable()


def test_collector_pause_nested_and_across_threads_restores_once_all_end():
    started, release = threading.Event(), threading.Event()

    def other():
        with collector_paused():
            started.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    started.wait(5)
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other thread's batch still runs
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_collector_pause_restores_after_an_exception():
    with pytest.raises(KeyboardInterrupt), collector_paused():
        raise KeyboardInterrupt
    assert gc.isenabled()


def test_batch_cache_serves_the_stages_of_a_batch_and_is_emptied_when_the_last_batch_ends():
    from zhiku.text.segment import tagged_nfkc

    text = next(read_path(seed_path("002"))).text
    tagged_nfkc.cache_clear()
    with collector_paused():
        first = tagged_nfkc(text, True)
        with collector_paused():
            assert tagged_nfkc(text, True) is first  # a later stage of the batch reads the same tagging
        assert tagged_nfkc.cache_info().currsize == 1  # an inner block's end keeps it: a batch still runs
    assert tagged_nfkc.cache_info().currsize == 0  # no later batch reads it: dropped, never scanned by the collector
    again = tagged_nfkc(text, True)
    assert again == first and again is not first
    assert tagged_nfkc(text, True) is again  # outside a batch: a plain bounded cache
