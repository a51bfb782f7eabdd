"""Summary quality and speed: ROUGE-1/2/L on characters for zhiku, lead and plain TextRank baselines.

Two sets: ../shared/eval-dev/sum_zh_lcsts_clge (short posts with human headline summaries) and the seed
articles' 重大事件摘要 (zhiku's rendered framing + events against the seed's text). Prints tables and the
summarizer's throughput; asserts nothing.

    .venv/bin/python bench/bench_summary.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from zhiku.collect.files import read_path
from zhiku.export.card import render_events
from zhiku.pipeline import Pipeline
from zhiku.record import Record
from zhiku.settings import Settings
from zhiku.summarize.extractive import lead, plain_textrank, ranked_units, summarize, textrank
from zhiku.summarize.rouge import rouge
from zhiku.summarize.stage import make_stage
from zhiku.summarize.units import bigrams
from zhiku.text.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
LCSTS = ROOT.parent / "shared" / "eval-dev" / "sum_zh_lcsts_clge" / "dev.jsonl"
SEEDS = ROOT / "src" / "zhiku" / "data" / "sample"


def mean_rouge(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    scores = [rouge(c, r) for c, r in pairs]
    n = max(len(scores), 1)
    return tuple(sum(s[i] for s in scores) / n for i in range(3))  # type: ignore[return-value]


def table(title: str, rows: dict[str, tuple[float, float, float]]) -> None:
    print(f"\n{title}")
    print(f"{'system':<22}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-L':>9}")
    for name, (r1, r2, rl) in rows.items():
        print(f"{name:<22}{r1:>9.4f}{r2:>9.4f}{rl:>9.4f}")


def bench_lcsts(limit: int | None) -> None:
    if not LCSTS.exists():
        print(f"skipped LCSTS: {LCSTS} not found (../shared/eval-dev is absent)")
        return
    cases = [json.loads(line) for line in LCSTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    cases = cases[:limit] if limit else cases
    systems: dict[str, Callable[[str], str]] = {
        "lead-1": lambda t: lead(t, 1),
        "textrank-1": lambda t: plain_textrank(t, 1),
        "zhiku": lambda t: summarize(t).text,
    }
    rows = {}
    for name, system in systems.items():
        rows[name] = mean_rouge([(system(c["text"]), c["gold_summary"]) for c in cases])
    table(f"sum_zh_lcsts_clge: {len(cases)} posts, headline references", rows)
    start = time.perf_counter()
    for c in cases:
        summarize(c["text"])
    elapsed = time.perf_counter() - start
    print(f"zhiku summary throughput on LCSTS posts: {len(cases) / elapsed:,.0f} articles/s")


def _budgeted(sentences: list[str], budget: int) -> str:
    out = ""
    for s in sentences:
        if out and len(out) + len(s) > budget:
            break
        out += s
    return out


def bench_seeds() -> None:
    records = [r for p in sorted(SEEDS.glob("*.txt")) for r in read_path(p) if isinstance(r, Record)]
    refs = [(r, r.imported.events) for r in records if r.imported and r.imported.events]
    if not refs:
        print("skipped seeds: no seed card with 重大事件摘要")
        return
    pipeline = Pipeline.from_settings(Settings())  # every registered stage: what a user's records get
    rows: dict[str, list[tuple[str, str]]] = {"lead (same length)": [], "textrank (same length)": [],
                                             "zhiku summary": [], "zhiku 重大事件摘要": []}
    start = time.perf_counter()
    done = [(out, ref) for r, ref in refs for out in pipeline.run(r.copy_with())[:1]]
    elapsed = time.perf_counter() - start
    for record, ref in done:
        ours = render_events(record)
        sentences = [s.text for s in split_sentences(record.text)]
        scores = textrank([bigrams(s) for s in sentences])
        top = sorted(range(len(sentences)), key=lambda i: -scores[i])
        picked: list[int] = []
        used = 0
        for i in top:
            if picked and used + len(sentences[i]) > len(ours):
                continue
            picked.append(i)
            used += len(sentences[i])
        rows["lead (same length)"].append((_budgeted(sentences, len(ours)), ref))
        rows["textrank (same length)"].append(("".join(sentences[i] for i in sorted(picked)), ref))
        rows["zhiku summary"].append((record.summary or "", ref))
        rows["zhiku 重大事件摘要"].append((ours, ref))
    table(f"seed 重大事件摘要: {len(done)} articles", {k: mean_rouge(v) for k, v in rows.items()})
    print(f"pipeline {'+'.join(pipeline.names)} on seeds: {len(done) / elapsed:,.1f} articles/s")
    stage = make_stage(Settings())
    cleaned = [r.copy_with() for r, _ in done]
    ranked_units.cache_clear()  # the pipeline run above warmed it
    start = time.perf_counter()
    for r in cleaned:
        stage(r)
    print(f"summarize stage alone (summary + events): {len(cleaned) / (time.perf_counter() - start):,.1f} articles/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="LCSTS cases to score (default: all)")
    args = parser.parse_args(argv)
    bench_lcsts(args.limit)
    bench_seeds()
    return 0


if __name__ == "__main__":
    sys.exit(main())
