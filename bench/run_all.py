"""Run the benchmark set (``make bench``): each script in its own process, its figures printed as it goes.

The default set takes minutes on 2 cores: quality (extraction, NER, keywords, summaries, the Sohu pairs) and
speed at small sizes (stage costs, cleaning, analysis, end-to-end throughput, dedupe and search at 5,000-20,000
articles). ``--full`` runs the scale set instead (100,000-1,000,000 articles: hours). Scripts that read
``../shared/eval-dev`` say so and print what they can when it is absent. Prints a summary of exit statuses;
asserts nothing (a failing script is listed, and the exit status is 1).

    python bench/run_all.py            # the quick set
    python bench/run_all.py --only stage_speed bench_keywords
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

QUICK: tuple[tuple[str, ...], ...] = (
    ("stage_speed.py", "--n", "400"),
    ("instructions.py", "--n", "100"),
    ("bench_clean.py", "--copies", "20"),
    ("bench_analysis.py",),
    ("throughput.py", "-n", "2000"),
    ("bench_extract.py",),
    ("bench_ner.py",),
    ("bench_keywords.py",),
    ("bench_summary.py",),
    ("bench_dedupe.py", "--n", "20000"),
    ("bench_dedupe.py", "--sohu"),
    ("bench_search.py", "--n", "5000"),
)
FULL: tuple[tuple[str, ...], ...] = (
    ("scale.py", "--n", "100000", "--serial-n", "5000", "--store"),
    ("stream_memory.py", "--n", "1000000", "--workers", "2", "--samples", "100"),
    ("bench_dedupe.py", "--n", "100000"),
    ("ingest_growth.py", "--n", "4000", "--pool", "small"),
    ("bench_search.py", "--n", "100000"),
    ("bench_web.py",),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="the scale set (hours) instead of the quick one")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="run only these scripts (names without .py)")
    args = parser.parse_args()
    runs = FULL if args.full else QUICK
    if args.only:
        runs = tuple(r for r in QUICK + FULL if r[0].removesuffix(".py") in args.only)
        if not runs:
            parser.error(f"no benchmark named {', '.join(args.only)} (see bench/)")
    results = []
    for run in runs:
        print(f"\n=== {' '.join(run)}", flush=True)
        start = time.monotonic()
        rc = subprocess.call([sys.executable, str(HERE / run[0]), *run[1:]])
        results.append((" ".join(run), rc, time.monotonic() - start))
    print("\n=== summary")
    for name, rc, seconds in results:
        print(f"  {'ok ' if rc == 0 else f'rc {rc}':<6} {seconds:8.1f} s  {name}")
    return 0 if all(rc == 0 for _, rc, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
