"""A whole database as one JSON Lines dump (raw inputs, then records) and back: moves data between backends."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from typing import IO

from ..errors import ParseError
from ..record import Record
from ..store import Store

FORMAT = "zhiku-dump/1"


def dump_lines(store: Store) -> Iterator[str]:
    yield json.dumps({"type": "header", "format": FORMAT})
    for raw in store.iter_raw():
        raw = {**raw, "content": base64.b64encode(raw["content"]).decode("ascii")}
        yield json.dumps({"type": "raw", **raw}, ensure_ascii=False)
    for rec in store.iter_records():
        yield json.dumps({"type": "record", "record": rec.to_dict()}, ensure_ascii=False)


def load_dump(store: Store, lines: Iterable[str], source: str = "dump", batch: int = 200) -> dict[str, int]:
    """Load a dump into ``store``; records go through put_records so derived tables are rebuilt."""
    counts = {"raw": 0, "records": 0, "new": 0, "unchanged": 0, "updated": 0}
    raws: list[dict] = []
    records: list[Record] = []

    def flush() -> None:
        nonlocal raws, records
        counts["raw"] += store.put_raw(raws)
        raws = []
        if records:
            put = store.put_records(records)
            counts["new"] += len(put.new)
            counts["unchanged"] += len(put.unchanged)
            counts["updated"] += len(put.updated)
            records = []

    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            kind = obj.get("type") if isinstance(obj, dict) else None
            if number == 1 and (kind != "header" or obj.get("format") != FORMAT):
                raise ParseError(f"{source}:1", f"not a {FORMAT} file")
            if kind == "raw":
                obj.pop("type")
                obj["content"] = base64.b64decode(obj["content"])
                raws.append(obj)
            elif kind == "record":
                records.append(Record.from_dict(obj["record"]))
                counts["records"] += 1
        except ParseError:
            raise
        except (ValueError, KeyError, TypeError) as exc:
            raise ParseError(f"{source}:{number}", f"bad dump line: {exc}") from exc
        if len(raws) >= batch or len(records) >= batch:
            flush()
    flush()
    return counts


def write_dump(store: Store, fh: IO[str]) -> int:
    n = 0
    for line in dump_lines(store):
        fh.write(line + "\n")
        n += 1
    return n
