"""Store ingest as the store grows: the rate of each batch of processed records written with every write hook
(copies, stories, search index, rollup), and the largest clusters of copies at the end. Asserts nothing.

The records are the ``bench/scale.py`` corpus, processed once and kept in ``--records`` for reruns (and for
comparing two versions of the code on the same records). ``--pool small`` builds the corpus from the ~300
paragraphs of the sample and SogouCS only: there articles share so much that dedupe chains most of them into one
cluster, the case that made every batch slower than the last.

    python bench/ingest_growth.py --n 4000 --pool small --records /tmp/small4000.jsonl
    python bench/ingest_growth.py --n 4000 --db postgresql+psycopg://postgres@127.0.0.1:5432/growth  # an empty database

``--prepared`` first derives, untimed, what workers send with each record (``zhiku.prepare``: fingerprint, story
terms, search tokens), so the rates are those of the single store writer behind ``zhiku process --engine local|dask
--db``; without it the writer derives them itself, as in ``zhiku ingest``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine  # noqa: E402

from scale import paragraphs, write_corpus  # noqa: E402
from zhiku import api  # noqa: E402
from zhiku.errors import InputError  # noqa: E402
from zhiku.prepare import dialect_of, prepare  # noqa: E402
from zhiku.record import Record  # noqa: E402
from zhiku.settings import Settings  # noqa: E402
from zhiku.store import open_store  # noqa: E402


def processed(path: Path, n: int, pool: str) -> list[Record]:
    """The processed records of ``n`` corpus articles, read from ``path`` or made and written there."""
    if not path.exists():
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            write_corpus(corpus, n, paras=paragraphs(sohu=pool == "full"))
            with path.open("w", encoding="utf-8") as fh:
                for item in api.process([corpus], Settings()):
                    if not isinstance(item, InputError):
                        fh.write(item.to_json() + "\n")
    return [Record.from_json(line) for line in path.read_text(encoding="utf-8").splitlines()][:n]


def cluster_sizes(store, top: int = 5) -> list[int]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT count(*) AS n FROM dedupe_docs GROUP BY cluster_id ORDER BY n DESC")
        return [row[0] for row in rows][:top]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=4000, help="records to store")
    parser.add_argument("--batch", type=int, default=500, help="records per transaction")
    parser.add_argument("--pool", choices=("full", "small"), default="full", help="paragraph pool of the corpus")
    parser.add_argument("--records", type=Path, help="processed records (JSON Lines), made when absent")
    parser.add_argument("--db", help="store URL (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--prepared", action="store_true", help="records carry what workers derive for the writer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        records = processed(args.records or Path(tmp) / "records.jsonl", args.n, args.pool)
        url = args.db or f"sqlite:///{Path(tmp) / 'growth.db'}"
        print(f"machine: {machine()}")
        if args.prepared:
            for rec in records:
                prepare(rec, dialect_of(url))
        print(f"{len(records)} processed records ({args.pool} pool) into {url.split('?')[0]}, batches of {args.batch}"
              + (", prepared by workers" if args.prepared else ""))
        start = time.perf_counter()
        with open_store(url) as store:
            for k in range(0, len(records), args.batch):
                batch = records[k : k + args.batch]
                t, c = time.perf_counter(), time.process_time()
                api.put_batch(store, batch)
                print(f"  {k + len(batch):7,d} stored  {len(batch) / (time.perf_counter() - t):7.1f} records/s  "
                      f"({len(batch) / (time.process_time() - c):7.1f} per CPU-s of this process)", flush=True)
            print(f"whole: {time.perf_counter() - start:.1f} s; largest clusters: {cluster_sizes(store)}")


if __name__ == "__main__":
    main()
