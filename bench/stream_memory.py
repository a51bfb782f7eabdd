"""Memory while the whole pipeline streams a large corpus from disk into Parquet (what `zhiku process
CORPUS --engine local --workers N --out records.parquet` does), sampled as the article count grows.

The corpus is the recombined-paragraph corpus of ``bench/scale.py``, written to disk first (or an existing
file given with ``--corpus``). Every sample prints at once (a long run can be read while it goes): articles
done, elapsed seconds, articles/s so far, resident memory of this process and of the whole process tree
(the parent, which reads shards and writes Parquet, plus its worker processes). Asserts nothing.

    python bench/stream_memory.py --n 20000                        # quick
    python bench/stream_memory.py --n 1000000 --workers 2 --samples 50 --keep /data/stream
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine, peak_rss_mb  # noqa: E402

from scale import tree_rss_mb, write_corpus  # noqa: E402
from zhiku.engine import run_shards, shards_from_paths, to_records, write_parquet  # noqa: E402
from zhiku.errors import InputError  # noqa: E402
from zhiku.settings import Settings  # noqa: E402


def own_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def stream(corpus: Path, out: Path, engine: str, workers: int, total: int, samples: int) -> tuple[int, int]:
    """Process ``corpus`` into ``out``; print a sample line every ``total / samples`` articles."""
    step = max(1, total // samples)
    start = time.perf_counter()
    done = refused = 0
    print(f"{'articles':>10} {'seconds':>9} {'art/s':>7} {'parent MB':>10} {'tree MB':>8}", flush=True)

    def records():
        nonlocal done, refused
        for item in to_records(run_shards(shards_from_paths([corpus], 500), Settings(), engine, workers=workers)):
            if isinstance(item, InputError):
                refused += 1
                continue
            done += 1
            if done % step == 0:
                secs = time.perf_counter() - start
                print(f"{done:10d} {secs:9.0f} {done / secs:7.1f} {own_rss_mb():10.0f} {tree_rss_mb():8.0f}",
                      flush=True)
            yield item

    written = write_parquet(records(), out)
    return written, refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20000, help="articles in the corpus")
    parser.add_argument("--corpus", type=Path, help="an existing JSONL corpus (default: write one of --n)")
    parser.add_argument("--engine", default="local", choices=("serial", "local", "dask"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--samples", type=int, default=20, help="memory samples over the run")
    parser.add_argument("--keep", type=Path, help="folder for the corpus and Parquet output (kept afterwards)")
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp_name:
        folder = args.keep or Path(tmp_name)
        folder.mkdir(parents=True, exist_ok=True)
        corpus = args.corpus
        if corpus is None:
            corpus = folder / f"corpus-{args.n}.jsonl"
            start = time.perf_counter()
            mb = write_corpus(corpus, args.n, seed=11)
            print(f"corpus: {args.n} articles, {mb:.0f} MB written in {time.perf_counter() - start:.0f} s",
                  flush=True)
        total = sum(1 for _ in corpus.open("rb"))
        out = folder / "records.parquet"
        print(f"streaming {total} articles from {corpus} ({corpus.stat().st_size / 2**20:.0f} MB), "
              f"engine {args.engine} x{args.workers}, into {out}", flush=True)
        start = time.perf_counter()
        written, refused = stream(corpus, out, args.engine, args.workers, total, args.samples)
        secs = time.perf_counter() - start
        print(f"done: {written} records written ({out.stat().st_size / 2**20:.0f} MB Parquet), {refused} refused, "
              f"{secs:.0f} s, {written / secs:.1f} articles/s", flush=True)
    print(f"peak memory of the parent process: {peak_rss_mb():.0f} MB", flush=True)


if __name__ == "__main__":
    main()
