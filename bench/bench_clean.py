"""Cleaning throughput: MB/s of raw input through the clean stage, on the sample corpus replicated.

Usage: python bench/bench_clean.py [--copies N]
Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict

from zhiku import api
from zhiku.clean import steps
from zhiku.clean.stage import CleanStage
from zhiku.collect.files import read_path
from zhiku.record import Record


def _records() -> list[Record]:
    out = []
    for path in api.sample_corpus():
        out += [r for r in read_path(path) if isinstance(r, Record)]
    return out


def _timed_steps(totals: dict[str, float]) -> None:
    """Wrap every step function so that its time is added to ``totals`` (per-step breakdown)."""

    def wrap(name, fn):
        def timed(text):
            t0 = time.perf_counter()
            try:
                return fn(text)
            finally:
                totals[name] += time.perf_counter() - t0

        return timed

    steps.PAGE_STEPS = tuple((n, wrap(n, f)) for n, f in steps.PAGE_STEPS)
    steps.TEXT_STEPS = tuple((n, wrap(n, f)) for n, f in steps.TEXT_STEPS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=20, help="times the five seeds are replicated")
    args = parser.parse_args()
    base = _records()
    stage = CleanStage()
    # each copy differs by one character so that no cache can serve it
    corpus = [r.copy_with(text=r.text + f"\n第{i}份副本。") for i in range(args.copies) for r in base]
    size = sum(len((r.title or "").encode()) + len(r.text.encode()) for r in corpus)
    stage(base[0].copy_with())  # warm up: OpenCC, noise patterns, rjieba
    totals: dict[str, float] = defaultdict(float)
    _timed_steps(totals)
    t0, c0 = time.perf_counter(), time.process_time()
    out = 0
    for record in corpus:
        result = stage(record.copy_with())
        out += len(result) if isinstance(result, list) else 1
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"clean stage: {len(corpus)} raw documents ({size / 1e6:.2f} MB) -> {out} records "
          f"in {elapsed:.2f} s wall = {size / 1e6 / elapsed:.2f} MB/s, {len(corpus) / elapsed:.1f} docs/s; "
          f"{cpu:.2f} s CPU = {size / 1e6 / cpu:.2f} MB/s per core")
    for name, seconds in sorted(totals.items(), key=lambda kv: -kv[1]):
        print(f"  {name:16s} {seconds:7.3f} s  {100 * seconds / elapsed:5.1f} %")


if __name__ == "__main__":
    main()
