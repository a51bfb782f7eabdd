"""Parallel processing: the same pipeline over sharded input, on local processes or a Dask cluster.

A shard is a unit of input (a slice of a JSON Lines file, a Parquet file's rows, a group of files, or a
set of stored records to reprocess from their raw inputs). Workers run ``process_shard``: it builds the
pipeline once per worker process (resources load lazily and stay cached) and returns plain tuples of
(record JSON, raw bytes, derived values), so results cross process boundaries cheaply and the caller is the
only writer; with ``prepare`` set to a store dialect the workers also compute what that store's writer would
derive from each record (``zhiku.prepare``), so the single writer does not.
Output order is shard order, so every engine gives the same records in the same order.
"""

from __future__ import annotations

import json
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .collect.files import iter_paths, read_bytes, read_path
from .errors import ConfigError, EngineError, InputError, MissingExtra
from .pipeline import Pipeline, processing_failed
from .record import Record
from .settings import Settings

logger = logging.getLogger(__name__)

ENGINES = ("serial", "local", "dask")
# (record json, raw, derived values or None) or (None, (source, reason), None)
Result = tuple[str, bytes | None, dict | None] | tuple[None, tuple[str, str], None]


@dataclass(frozen=True)
class Shard:
    """One unit of work. ``kind`` is "lines" (JSONL slice), "files", "parquet" or "raw" (stored inputs)."""

    kind: str
    origin: str
    payload: tuple = ()
    first_line: int = 1


_PIPELINES: dict[str, Pipeline] = {}


def _worker_pipeline(settings: Settings) -> Pipeline:
    """One pipeline per worker process and settings: resources load once, not per article."""
    key = repr(settings)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline.from_settings(settings)
    return _PIPELINES[key]


def _items(shard: Shard, settings: Settings):
    if shard.kind == "lines":
        data = "\n".join(shard.payload).encode("utf-8")
        prefix = shard.origin + ":"
        for item in read_bytes(data, shard.origin):
            if isinstance(item, InputError):
                if item.source.startswith(prefix) and item.source[len(prefix):].isdigit():
                    line = int(item.source[len(prefix):]) + shard.first_line - 1
                    item = type(item)(f"{prefix}{line}", item.reason)
                yield item
                continue
            if item.raw.line is not None:
                item.raw.line += shard.first_line - 1
            yield item
    elif shard.kind == "files":
        for path in shard.payload:
            yield from read_path(Path(path), max_bytes=settings.max_input_bytes)
    elif shard.kind == "parquet":
        for i, row in enumerate(shard.payload):
            line = json.dumps(row, ensure_ascii=False, default=str)
            for item in read_bytes(line.encode("utf-8"), shard.origin):
                if not isinstance(item, InputError):
                    item.raw.line = shard.first_line + i
                yield item
    elif shard.kind == "raw":
        for origin, data, fetched_at, url in shard.payload:
            yield from read_bytes(data, origin, fetched_at=fetched_at, url=url)
    else:
        raise ConfigError(f"unknown shard kind {shard.kind!r}")


def process_shard(shard: Shard, settings: Settings, prepare: str | None = None) -> list[Result]:
    """Run the pipeline over one shard; refusals come back as (None, (source, reason), None). ``prepare``: the
    dialect of the store the records go to, whose derived values to compute here (``zhiku.prepare``)."""
    from .prepare import prepare as derive

    pipeline = _worker_pipeline(settings)
    out: list[Result] = []
    for item, result in pipeline.run_items(_items(shard, settings)):
        if isinstance(result, Exception):  # a stage bug is reported on its input, the shard goes on
            item = processing_failed(item, result)
        if isinstance(item, InputError):
            out.append((None, (item.source, item.reason), None))
            continue
        out += [(rec.to_json(), rec.raw_bytes, derive(rec, prepare) if prepare else None) for rec in result or ()]
    return out


def shards_from_paths(paths: Iterable[str | Path], shard_size: int = 500) -> Iterator[Shard | InputError]:
    """JSONL files in slices of ``shard_size`` lines, Parquet files in row groups, other files in groups; in the
    order the files come (a group is closed before a JSONL or Parquet file), as a one-process run reads them."""
    group: list[str] = []
    for path in iter_paths(paths):
        if isinstance(path, InputError):
            yield path
            continue
        suffix = path.suffix.lower()
        if suffix in (".parquet", ".jsonl", ".ndjson") and group:
            yield Shard("files", "files", tuple(group))
            group = []
        if suffix == ".parquet":
            yield from _parquet_shards(path, shard_size)
        elif suffix in (".jsonl", ".ndjson"):
            yield from _jsonl_shards(path, shard_size)
        else:
            group.append(str(path))
            if len(group) >= max(1, shard_size // 50):
                yield Shard("files", "files", tuple(group))
                group = []
    if group:
        yield Shard("files", "files", tuple(group))


def _jsonl_shards(path: Path, shard_size: int) -> Iterator[Shard]:
    lines: list[str] = []
    first = 1
    with path.open("r", encoding="utf-8", errors="surrogateescape") as fh:
        for number, line in enumerate(fh, start=1):
            lines.append(line.rstrip("\n"))
            if len(lines) >= shard_size:
                yield Shard("lines", str(path), tuple(lines), first)
                lines, first = [], number + 1
    if lines:
        yield Shard("lines", str(path), tuple(lines), first)


def _parquet_shards(path: Path, shard_size: int) -> Iterator[Shard]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra("distributed", "pyarrow") from exc
    first = 1
    for batch in pq.ParquetFile(path).iter_batches(batch_size=shard_size):
        rows = tuple(batch.to_pylist())
        yield Shard("parquet", str(path), rows, first)
        first += len(rows)


def run_shards(shards: Iterable[Shard], settings: Settings, engine: str = "serial", workers: int | None = None,
               scheduler: str | None = None, prepare: str | None = None) -> Iterator[Result]:
    """Process shards on the chosen engine; results come back in shard order. ``prepare``: see ``process_shard``
    (left out on the serial engine, whose records the writer derives from in the same process anyway)."""
    if engine == "serial":
        for shard in shards:
            yield from process_shard(shard, settings)
    elif engine == "local":
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        with ProcessPoolExecutor(max_workers=workers) as pool:
            # a bounded window of shards in flight (Executor.map would read the whole input up front)
            window = 2 * (workers or os.cpu_count() or 1)
            pending: deque = deque()
            try:
                for shard in shards:
                    pending.append((shard, pool.submit(process_shard, shard, settings, prepare)))
                    if len(pending) >= window:
                        yield from _result(*pending.popleft(), BrokenProcessPool)
                while pending:
                    yield from _result(*pending.popleft(), BrokenProcessPool)
            finally:
                for _, fut in pending:  # a consumer that stops early (or an error) cancels what has not started
                    fut.cancel()
    elif engine == "dask":
        yield from _run_dask(shards, settings, workers, scheduler, prepare)
    else:
        raise ConfigError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")


def _run_dask(shards: Iterable[Shard], settings: Settings, workers: int | None, scheduler: str | None,
              prepare: str | None = None):
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingExtra("distributed", "dask[distributed]") from exc
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=settings.dask_worker_wait)
        except OSError as exc:
            raise ConfigError(f"Dask scheduler {scheduler}: cannot connect ({exc})") from exc
    else:
        cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        if scheduler:
            _check_workers(client, scheduler, settings)
        window = max(4, 2 * len(client.scheduler_info().get("workers", {})) or 4)
        from distributed import KilledWorker

        pending: deque = deque()
        for shard in shards:
            pending.append((shard, client.submit(process_shard, shard, settings, prepare, pure=False)))
            if len(pending) >= window:  # bounded in-flight work: memory stays flat on long inputs
                yield from _result(*pending.popleft(), KilledWorker)
        while pending:
            yield from _result(*pending.popleft(), KilledWorker)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def describe(shard: Shard) -> str:
    """Where a shard's input lies, for messages: a file and its line range, or the files it groups."""
    if shard.kind in ("lines", "parquet"):
        unit = "lines" if shard.kind == "lines" else "rows"
        return f"{shard.origin} {unit} {shard.first_line}-{shard.first_line + len(shard.payload) - 1}"
    if shard.kind == "files":
        return ", ".join(map(str, shard.payload[:3])) + (f" and {len(shard.payload) - 3} more" if len(shard.payload) > 3
                                                         else "")
    return f"{shard.origin} ({len(shard.payload)} stored inputs)"


def _result(shard: Shard, future, lost: type[BaseException]) -> list[Result]:
    """A shard's results; a worker that died (killed, out of memory) becomes an EngineError naming the shard
    where processing stopped: the first whose results had not come back (its worker, or another, died)."""
    try:
        return future.result()
    except lost as exc:
        raise EngineError(f"processing stopped at {describe(shard)}: a worker process died "
                          f"({exc.__class__.__name__}: {str(exc)[:200]}); the results of the shards before it were "
                          "handed on, this shard and the ones after it were not: run the command again (a store "
                          "keeps each input once), with a smaller --shard-size or fewer --workers if memory ran out"
                          ) from exc


def pipeline_versions(settings: Settings) -> dict[str, str]:
    """The zhiku release and stage versions this process would stamp on records."""
    from . import __version__

    return {"zhiku": __version__, **{s.name: s.version for s in _worker_pipeline(settings).stages}}


def _check_workers(client, scheduler: str, settings: Settings) -> None:
    """Wait for a worker; refuse workers whose zhiku would make other records than this client's."""
    try:
        client.wait_for_workers(1, timeout=settings.dask_worker_wait)
    except TimeoutError as exc:
        raise ConfigError(f"Dask scheduler {scheduler}: no worker joined within {settings.dask_worker_wait:g} s "
                          "(start one with: dask worker " + scheduler + ")") from exc
    mine = pipeline_versions(settings)
    try:
        theirs = client.run(pipeline_versions, settings)
    except Exception as exc:  # noqa: BLE001 - a worker without zhiku, or one that cannot load it
        raise ConfigError(f"Dask scheduler {scheduler}: a worker cannot run zhiku "
                          f"({exc.__class__.__name__}: {exc}); install zhiku on every worker") from exc
    other = {addr: versions for addr, versions in theirs.items() if versions != mine}
    if other:
        addr, versions = sorted(other.items())[0]
        diff = ", ".join(f"{k} {versions.get(k)} (here {mine.get(k)})"
                         for k in sorted(mine.keys() | versions.keys()) if versions.get(k) != mine.get(k))
        raise ConfigError(f"Dask scheduler {scheduler}: {len(other)} of {len(theirs)} workers run another zhiku "
                          f"(worker {addr}: {diff}); install the same zhiku on every worker")


def process_paths(paths: Iterable[str | Path], settings: Settings, engine: str = "local", workers: int | None = None,
                  scheduler: str | None = None, shard_size: int = 500,
                  prepare: str | None = None) -> Iterator[Record | InputError]:
    """Records (or refusals) of files and folders processed in parallel, in input order; the input is read as the
    work goes (a bounded window of shards in flight), and a path that cannot be read is refused as it is met.
    ``prepare``: see ``process_shard``."""
    unreadable: list[InputError] = []

    def shards() -> Iterator[Shard]:
        for shard in shards_from_paths(paths, shard_size):
            if isinstance(shard, InputError):
                unreadable.append(shard)
            else:
                yield shard

    for item in to_records(run_shards(shards(), settings, engine, workers, scheduler, prepare)):
        yield from unreadable
        unreadable.clear()
        yield item
    yield from unreadable


def to_records(results: Iterable[Result]) -> Iterator[Record | InputError]:
    """Turn worker results back into records (raw bytes and derived values attached) or refusals."""
    for data, raw, derived in results:
        if data is None:
            source, reason = raw
            yield InputError(source, reason)
            continue
        rec = Record.from_json(data)
        if raw is not None:
            rec.attach_raw(raw)
        if derived:
            rec.attach_derived(derived)
        yield rec


def write_parquet(records: Iterable[Record], path: Path, batch: int = 1000) -> int:
    """Write records as Parquet: one column per top-level field, nested ones as JSON text."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra("distributed", "pyarrow") from exc
    columns = ("id", "url", "source", "title", "published_at", "fetched_at", "text", "summary", "record_json")
    schema = pa.schema([(c, pa.string()) for c in columns])
    n = 0
    writer = pq.ParquetWriter(path, schema)
    try:
        rows: list[dict] = []
        for rec in records:
            rows.append({"id": rec.id, "url": rec.url, "source": rec.source, "title": rec.title,
                         "published_at": rec.published_at, "fetched_at": rec.fetched_at, "text": rec.text,
                         "summary": rec.summary, "record_json": rec.to_json()})
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    finally:
        writer.close()
    return n
