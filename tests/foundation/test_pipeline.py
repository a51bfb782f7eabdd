"""The pipeline: stages in order, requirements checked, drops kept with their reason, splits allowed."""

from __future__ import annotations

import pytest

from zhiku.collect.files import read_path
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
