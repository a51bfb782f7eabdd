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

from .collector import collector_paused
from .errors import Drop, InputError, ZhikuError
from .record import Record
from .settings import Settings

logger = logging.getLogger(__name__)


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last one shorter)."""
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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

def processing_failed(record: Record, exc: Exception) -> InputError:
    """The refusal reported for a record a stage raised on (logged with its traceback)."""
    logger.error("pipeline failed on %s", record.raw.origin, exc_info=exc)
    return InputError(record.raw.origin or record.id, f"processing failed: {exc.__class__.__name__}: {exc}")


BATCH = 100  # records a stage runs over before the next stage starts (see ``Pipeline.run_batch``)

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
        out = self.run_batch([record])[0]
        if isinstance(out, Exception):
            raise out
        return out

    def run_batch(self, records: Sequence[Record]) -> list[list[Record] | Exception]:
        """Run every stage over the whole batch, one stage after the other: per input, the records it became,
        or the exception a stage raised on it (the other inputs go on).

        Stage by stage rather than record by record: each stage's dictionaries and code stay in the CPU's
        caches across the batch (measured 13-18 % less CPU than one record at a time, output identical). The
        cyclic garbage collector waits until the batch ends (``collector.collector_paused``).
        """
        self.stats.records_in += len(records)
        current: list[list[Record] | Exception] = [[r] for r in records]
        with collector_paused():
            for stage in self.stages:
                for k, recs in enumerate(current):
                    if isinstance(recs, Exception):
                        continue
                    try:
                        current[k] = self._apply(stage, recs)
                    except Exception as exc:  # noqa: BLE001 - handed back on its input, as ``run`` raises it
                        current[k] = exc
        self.stats.records_out += sum(len(c) for c in current if not isinstance(c, Exception))
        return current

    def _apply(self, stage: Stage, records: list[Record]) -> list[Record]:
        """One stage over the records one input has become; dropped records pass through."""
        nxt: list[Record] = []
        for rec in records:
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
        return nxt

    def run_items(self, items: Iterable[Record | InputError], batch: int = BATCH) -> Iterator[
            tuple[Record | InputError, list[Record] | Exception | None]]:
        """Each item with what it became, in order, ``batch`` items at a time: a refusal (``InputError``) with
        None, a record with its records or the exception a stage raised on it."""
        for chunk in batched(items, batch):
            results = iter(self.run_batch([item for item in chunk if not isinstance(item, InputError)]))
            for item in chunk:
                yield item, None if isinstance(item, InputError) else next(results)

    def run_many(self, records: Iterable[Record], batch: int = BATCH) -> Iterator[Record]:
        """``run_batch`` over ``records`` in batches of ``batch``; an exception is raised at its input."""
        for chunk in batched(records, batch):
            for out in self.run_batch(chunk):
                if isinstance(out, Exception):
                    raise out
                yield from out

    def explain(self) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
        return [(s.name, s.version, s.requires, s.assigns) for s in self.stages]
