"""Instructions an article costs in the pipeline, counted by valgrind's callgrind: the same figure on every run.

Wall-clock and CPU-time figures on a shared VM move by 20 % from one run to the next (bench/RESULTS.md); an
instruction count does not, so a speed-up of 1 % shows. Only the batches are counted (callgrind's
instrumentation is switched on after the dictionaries load and the first records ran), with ``PYTHONHASHSEED``
fixed. Prints instructions per article for the stages given (cumulative: ``--stages clean tag`` counts both), and
where they go: the regex engine, the interpreter, the keyword kernel, the segmenter. Asserts nothing.
Needs valgrind (Debian package ``valgrind``); ~1 minute for ``--n 100``.

    python bench/instructions.py --n 100
    python bench/instructions.py --n 100 --stages clean
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# where an instruction is spent, by the function (or library) callgrind names
GROUPS = (
    ("regex engine (re)", re.compile(r"_sre/|sre_lib")),
    ("Python interpreter", re.compile(r"ceval\.c")),
    ("memory (malloc, refcounts, GC)", re.compile(r"obmalloc|malloc|gcmodule|_Py_Dealloc|dealloc|visit_")),
    ("dict and str operations", re.compile(r"dictobject|unicodeobject|stringlib|pyhash")),
    ("keyword kernel", re.compile(r"_keyword_kernel")),
    ("segmenter (rjieba)", re.compile(r"jieba")),
    ("numpy / scipy", re.compile(r"numpy|scipy|openblas")),
    ("OpenCC", re.compile(r"opencc")),
    ("pydantic", re.compile(r"pydantic")),
)


def inner(n: int, stages: list[str] | None) -> None:
    """Run inside valgrind: load, warm up, then count the batches only."""
    from stage_speed import inputs

    from zhiku.pipeline import BATCH, Pipeline, batched
    from zhiku.settings import Settings

    records = inputs(n)
    pipeline = Pipeline.from_settings(Settings(), only=stages)
    for rec in records[:5]:
        pipeline.run(rec.model_copy(deep=True))
    control = ["callgrind_control", "-i"]
    subprocess.run([*control, "on", str(os.getpid())], capture_output=True, check=False)
    for chunk in batched(records, BATCH):
        pipeline.run_batch(chunk)
    subprocess.run([*control, "off", str(os.getpid())], capture_output=True, check=False)
    print(f"records {len(records)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100, help="corpus articles besides the sample and seeds")
    parser.add_argument("--stages", nargs="*", help="run only these stages (default: all)")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        inner(args.n, args.stages or None)
        return
    from _common import machine

    if not shutil.which("valgrind") or not shutil.which("callgrind_annotate"):
        print("skipped: valgrind is not installed (apt-get install valgrind)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        cmd = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
               sys.executable, __file__, "--inner", "--n", str(args.n)]
        if args.stages:
            cmd += ["--stages", *args.stages]
        run = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"},
                             check=False)
        counted = re.search(r"records (\d+)", run.stdout)
        if run.returncode != 0 or not counted or not out.exists():
            print(f"failed: valgrind exited {run.returncode}\n{run.stderr[-2000:]}")
            return
        records = int(counted.group(1))
        listing = subprocess.run(["callgrind_annotate", "--threshold=100", "--auto=no", str(out)], capture_output=True,
                                 text=True, check=False).stdout
    total, by_group = _tally(listing)
    print(f"machine: {machine()}")
    print(f"{records} records, stages: {' '.join(args.stages) if args.stages else 'all'}")
    print(f"instructions per article: {total / records / 1e6:.3f} million")
    for name, count in sorted(by_group.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<32} {100 * count / total:5.1f} %")


def _tally(listing: str) -> tuple[int, dict[str, int]]:
    """Total instructions and their split over ``GROUPS`` (the rest is "other") from callgrind_annotate's list."""
    total = 0
    by_group: dict[str, int] = defaultdict(int)
    for line in listing.splitlines():
        m = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(\S.*)$", line)
        if not m:
            continue
        count, where = int(m.group(1).replace(",", "")), m.group(2)
        if "PROGRAM TOTALS" in where:
            total = count
            continue
        name = next((g for g, pattern in GROUPS if pattern.search(where)), "other")
        by_group[name] += count
    return total, dict(by_group)


if __name__ == "__main__":
    main()
