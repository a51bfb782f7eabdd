"""Helpers shared by the benchmark scripts: machine description, peak memory, a replicated corpus."""

from __future__ import annotations

import json
import os
import platform
import resource
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "zhiku" / "data" / "sample"
EVAL_DEV = ROOT.parent / "shared" / "eval-dev"


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    from zhiku.analyze.keyword_features import kernel

    return (f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores, "
            f"{mem:.0f} GiB, Python {platform.python_version()}, keyword kernel "
            f"{'compiled' if kernel() is not None else 'off (numpy reference)'}")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sample_texts() -> list[bytes]:
    return [p.read_bytes() for p in sorted(SAMPLE.glob("*.txt"))]


def replicated_jsonl(n: int) -> Iterator[str]:
    """``n`` JSON lines built from the sample corpus; each copy numbered so ids differ."""
    from zhiku.collect.files import read_bytes

    bases = [r for data in sample_texts() for r in read_bytes(data, "sample") if hasattr(r, "text")]
    for i in range(n):
        r = bases[i % len(bases)]
        yield json.dumps({"title": f"{r.title}（{i}）", "text": r.text, "url": None, "source": "bench"},
                         ensure_ascii=False)
