"""The library API that every shell (CLI, web app, MCP server) calls; no shell holds logic of its own."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .collect.files import Item, iter_paths, now_iso, read_bytes, read_path
from .errors import InputError
from .pipeline import Pipeline
from .record import Record
from .settings import Settings
from .store import PutResult, Store, open_store

logger = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What one ingest did: ids new, updated and unchanged; inputs refused with their reason."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    inputs: int = 0

    @property
    def ok(self) -> bool:
        return not self.refused

    def add(self, put: PutResult) -> None:
        self.new += put.new
        self.updated += put.updated
        self.unchanged += put.unchanged

    def as_dict(self) -> dict:
        return {
            "inputs": self.inputs,
            "new": len(self.new),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "dropped": [{"id": i, "reason": r} for i, r in self.dropped],
            "refused": [{"input": s, "reason": r} for s, r in self.refused],
        }


def read_inputs(paths: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Item]:
    """Every record (or refusal) in these files, folders or "-" (stdin)."""
    settings = settings or Settings()
    for path in iter_paths(paths):
        if isinstance(path, InputError):
            yield path
            continue
        yield from read_path(path, max_bytes=settings.max_input_bytes)


def process_items(items: Iterable[Item], pipeline: Pipeline) -> Iterator[Item]:
    """Run the pipeline over records; refusals pass through untouched, in order."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield from pipeline.run(item)
        except Exception as exc:  # a stage bug must not sink the batch: report it on the input
            logger.exception("pipeline failed on %s", item.raw.origin)
            yield InputError(item.raw.origin or item.id, f"processing failed: {exc.__class__.__name__}: {exc}")


def process(paths: Iterable[str | Path], settings: Settings | None = None,
            pipeline: Pipeline | None = None) -> Iterator[Item]:
    """Records for ``zhiku process``: read, run every stage, no database."""
    settings = settings or Settings()
    pipeline = pipeline or Pipeline.from_settings(settings)
    return process_items(read_inputs(paths, settings), pipeline)


def process_bytes(data: bytes, origin: str, settings: Settings | None = None, url: str | None = None) -> list[Item]:
    """Process one input given as bytes (the web API and the crawler use this)."""
    settings = settings or Settings()
    pipeline = Pipeline.from_settings(settings)
    return list(process_items(read_bytes(data, origin, url=url), pipeline))


def store_items(store: Store, items: Iterable[Item], batch_size: int = 200,
                on_item: Callable[[Item], None] | None = None) -> IngestReport:
    """Write processed records to the store, one transaction per batch; refusals are reported."""
    report = IngestReport()
    batch: list[Record] = []
    for item in items:
        report.inputs += 1
        if on_item:
            on_item(item)
        if isinstance(item, InputError):
            report.refused.append((item.source, item.reason))
            continue
        if item.status == "dropped":
            report.dropped.append((item.id, item.drop_reason or ""))
        batch.append(item)
        if len(batch) >= batch_size:
            report.add(store.put_records(batch))
            batch = []
    if batch:
        report.add(store.put_records(batch))
    return report


def ingest(paths: Iterable[str | Path], store: Store, settings: Settings | None = None,
           on_item: Callable[[Item], None] | None = None) -> IngestReport:
    """Read, process and store; each batch is one transaction, so an interrupted run loses no batch."""
    settings = settings or Settings()
    started = now_iso()
    report = store_items(store, process(paths, settings), settings.batch_size, on_item)
    store.log_run("ingest", started, report.as_dict())
    return report


def get_record(store: Store, record_id: str) -> Record | None:
    return store.get(record_id)


def sample_corpus() -> list[Path]:
    """The bundled sample corpus: the five seed documents."""
    folder = resources.files("zhiku") / "data" / "sample"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".txt"))


def demo(db: str, settings: Settings | None = None) -> tuple[IngestReport, list[Record]]:
    """Load the sample corpus into a fresh database at ``db`` and return its records."""
    settings = (settings or Settings()).with_overrides(db=db)
    path = db.split(":///", 1)[1] if db.startswith("sqlite:///") else (db if "://" not in db else None)
    if path:
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
    with open_store(settings.db_url) as store:
        report = ingest(sample_corpus(), store, settings)
        records = [r for r in store.iter_records() if r.status == "ok"]
    records.sort(key=lambda r: (r.raw.origin or "", r.raw.part or 0))
    return report, records
