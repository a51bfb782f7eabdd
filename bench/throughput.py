"""End-to-end throughput: `zhiku process` over the sample corpus replicated to N articles (default 10,000).

Prints articles/s, MB/s and peak memory, per stage too. Asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine, peak_rss_mb, replicated_jsonl  # noqa: E402

from zhiku import api  # noqa: E402
from zhiku.errors import InputError  # noqa: E402
from zhiku.pipeline import Pipeline  # noqa: E402
from zhiku.settings import Settings  # noqa: E402


class _Timed:
    """Wraps a stage to add up the time spent in it."""

    def __init__(self, stage, totals, cpu):
        self.stage, self.totals, self.cpu = stage, totals, cpu
        for attr in ("name", "version", "requires", "assigns"):
            setattr(self, attr, getattr(stage, attr))

    def __call__(self, record):
        t, c = time.perf_counter(), time.process_time()
        try:
            return self.stage(record)
        finally:
            self.totals[self.name] += time.perf_counter() - t
            self.cpu[self.name] += time.process_time() - c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=10_000, help="articles to process")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for line in replicated_jsonl(args.n):
                fh.write(line + "\n")
        size_mb = path.stat().st_size / 2**20
        totals: dict[str, float] = defaultdict(float)
        cpu: dict[str, float] = defaultdict(float)
        base = Pipeline.from_settings(Settings())
        pipeline = Pipeline([_Timed(s, totals, cpu) for s in base.stages])
        start, cpu_start = time.perf_counter(), time.process_time()
        out = failed = 0
        for item in api.process([path], Settings(), pipeline=pipeline):
            if isinstance(item, InputError):
                failed += 1
            else:
                out += 1
                item.to_json()
        elapsed = time.perf_counter() - start
        cpu_total = time.process_time() - cpu_start
    print(f"machine: {machine()}")
    print(f"stages: {', '.join(pipeline.names) or '(none registered)'}")
    print(f"articles in: {args.n}, records out: {out}, refused: {failed}, input {size_mb:.1f} MB")
    print(f"elapsed: {elapsed:.1f} s  throughput: {args.n / elapsed:.1f} articles/s, {size_mb / elapsed:.2f} MB/s")
    print(f"CPU time: {cpu_total:.1f} s  ({args.n / cpu_total:.1f} articles per CPU-second; on a loaded machine "
          "this is the steadier figure)")
    for name, seconds in totals.items():
        print(f"  stage {name:10s} {seconds:7.1f} s  {args.n / seconds if seconds else float('inf'):9.1f} articles/s"
              f"   CPU {cpu[name]:7.1f} s  {args.n / cpu[name] if cpu[name] else float('inf'):9.1f} articles/CPU-s")
    print(f"peak memory: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
