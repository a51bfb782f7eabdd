"""The pipeline: named stages, each taking a record and returning it (or the records it split into).

A stage is any object with ``name``, ``version``, ``requires`` and ``assigns`` (record field names)
and a ``__call__(record) -> Record | list[Record]``. Stages are registered in ``STAGES`` in the order
they run; a stage that is not built yet is simply not listed. Heavy resources (dictionaries,
taxonomies) are loaded lazily once per process, so stages ship to worker processes as they are.
"""

from __future__ import annotations

import importlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .errors import Drop, ZhikuError
from .record import Record
from .settings import Settings

logger = logging.getLogger(__name__)


@runtime_checkable
class Stage(Protocol):
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, record: Record) -> Record | list[Record]: ...


# name -> "module:factory"; a factory takes Settings and returns a Stage. Order is run order.
STAGES: dict[str, str] = {
    "clean": "zhiku.clean.stage:make_stage",  # keep first: every later stage reads the clean body
    "tag": "zhiku.analyze.tagging:make_stage",
    "figures": "zhiku.analyze.figures:make_figures_stage",
    "keywords": "zhiku.analyze.keywords:make_keywords_stage",
    "summarize": "zhiku.summarize.stage:make_stage",  # keep last: it reads every earlier stage's output
}

# Fields the collector provides before any stage runs.
COLLECTED_FIELDS = ("id", "url", "source", "title", "authors", "published_at", "fetched_at", "raw", "text")


def load_stage(name: str, settings: Settings) -> Stage:
    module_name, _, attr = STAGES[name].partition(":")
    factory: Callable[[Settings], Stage] = getattr(importlib.import_module(module_name), attr)
    return factory(settings)


@dataclass
class Stats:
    """Counts of one run: records in and out, dropped by reason, failed by reason."""

    records_in: int = 0
    records_out: int = 0
    dropped: Counter = field(default_factory=Counter)
    failed: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        return {
            "records_in": self.records_in,
            "records_out": self.records_out,
            "dropped": dict(self.dropped),
            "failed": dict(self.failed),
        }


class Pipeline:
    """An ordered list of stages; refuses to build if a stage requires what no earlier one assigns."""

    def __init__(self, stages: Sequence[Stage]):
        available = set(COLLECTED_FIELDS)
        for stage in stages:
            missing = [f for f in stage.requires if f not in available]
            if missing:
                raise ZhikuError(f"stage {stage.name!r} requires {missing}, which no earlier stage assigns")
            available.update(stage.assigns)
        self.stages = list(stages)
        self.stats = Stats()

    @classmethod
    def from_settings(cls, settings: Settings | None = None, only: Iterable[str] | None = None) -> Pipeline:
        settings = settings or Settings()
        names = [n for n in STAGES if n not in settings.disabled_stages]
        if only is not None:
            wanted = set(only)
            names = [n for n in names if n in wanted]
        return cls([load_stage(n, settings) for n in names])

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, record: Record) -> list[Record]:
        """Run every stage on ``record``; a stage may split it into several records."""
        self.stats.records_in += 1
        current = [record]
        for stage in self.stages:
            nxt: list[Record] = []
            for rec in current:
                if rec.status == "dropped":
                    nxt.append(rec)
                    continue
                try:
                    out = stage(rec)
                except Drop as drop:
                    self.stats.dropped[drop.reason] += 1
                    rec.status = "dropped"
                    rec.drop_reason = str(drop)
                    nxt.append(rec)
                    continue
                produced = out if isinstance(out, list) else [out]
                for r in produced:
                    r.versions[stage.name] = stage.version
                nxt.extend(produced)
            current = nxt
        self.stats.records_out += len(current)
        return current

    def run_many(self, records: Iterable[Record]) -> Iterator[Record]:
        for record in records:
            yield from self.run(record)

    def explain(self) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
        return [(s.name, s.version, s.requires, s.assigns) for s in self.stages]
