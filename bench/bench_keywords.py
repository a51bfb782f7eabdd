"""Keyword quality on CSL author keywords (F1@5 exact and partial), segmentation speed and keyword throughput.

Reads ../shared/eval-dev/kw_zh_csl_kg (abstracts; the text after the last ". " is the paper title and is
passed as the title) and the seed articles. Compares zhiku with jieba's TF-IDF and TextRank under the
same scoring, and times the keyword stage in CPU seconds on the replicated sample corpus (whole texts, and
cut to 2,230 characters). Prints figures, asserts nothing.
Run: ``.venv/bin/python bench/bench_keywords.py [--limit N] [--no-baselines] [--speed-only]``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from zhiku.analyze.keywords import extract_keywords, keyword_f1  # noqa: E402
from zhiku.text import segment as seg  # noqa: E402

CSL = ROOT.parent / "shared" / "eval-dev" / "kw_zh_csl_kg" / "dev.jsonl"
SAMPLE = ROOT / "src" / "zhiku" / "data" / "sample"


def split_title(text: str) -> tuple[str, str | None]:
    """CSL abstracts end with ". <title>": (abstract, title)."""
    body, sep, title = text.rpartition(". ")
    return (body, title) if sep and 0 < len(title) <= 60 else (text, None)


def load_csl(limit: int | None = None) -> list[dict]:
    with CSL.open(encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh]
    return cases[:limit] if limit else cases


def evaluate(cases: list[dict], extract, k: int = 5) -> dict[str, float]:
    """Macro-averaged P/R/F1@k, exact and partial, against all author keywords."""
    sums = {"exact_p": 0.0, "exact_r": 0.0, "exact_f1": 0.0, "partial_p": 0.0, "partial_r": 0.0, "partial_f1": 0.0}
    for case in cases:
        body, title = split_title(case["text"])
        predicted = extract(body, title)[:k]
        for mode, partial in (("exact", False), ("partial", True)):
            p, r, f = keyword_f1(predicted, case["gold_keywords"], partial=partial)
            sums[f"{mode}_p"] += p
            sums[f"{mode}_r"] += r
            sums[f"{mode}_f1"] += f
    return {key: value / len(cases) for key, value in sums.items()}


def zhiku_extract(body: str, title: str | None) -> list[str]:
    return [kw.term for kw in extract_keywords(body, title, k=5)]


def jieba_tfidf(body: str, title: str | None) -> list[str]:
    import jieba.analyse

    return jieba.analyse.extract_tags(f"{body} {title or ''}", topK=5)


def jieba_textrank(body: str, title: str | None) -> list[str]:
    import jieba.analyse

    return jieba.analyse.textrank(f"{body} {title or ''}", topK=5)


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))]


def segmentation_speed(texts: list[str], repeat: int = 3) -> None:
    data = "\n".join(texts)
    mb = len(data.encode("utf-8")) / 1e6
    for backend in ("rjieba", "jieba"):
        seg.segment("预热", backend=backend)
        for hmm in (True, False):
            start = time.perf_counter()
            for _ in range(repeat):
                seg.segment(data, backend=backend, hmm=hmm)
            elapsed = time.perf_counter() - start
            print(f"segment {backend:6s} hmm={'on ' if hmm else 'off'}: {mb * repeat / elapsed:6.2f} MB/s")
    same = seg.segment(data, backend="rjieba", hmm=False) == seg.segment(data, backend="jieba", hmm=False)
    print(f"rjieba and jieba (HMM off, same dictionary) give identical words on the seeds: {same}")


def keyword_cpu_speed(n: int = 200, chars: int | None = None) -> None:
    """Articles per CPU-second of ``extract_keywords`` on ``n`` records of the replicated sample corpus
    (raw sample text, title included; ``chars``: cut each text to that many characters)."""
    from _common import replicated_jsonl

    records = [json.loads(line) for line in replicated_jsonl(n)]
    if chars:
        records = [{**r, "text": r["text"][:chars]} for r in records]
    extract_keywords(records[0]["text"], records[0]["title"])  # load resources
    size = sum(len(r["text"]) for r in records) / len(records)
    start = time.process_time()
    for r in records:
        extract_keywords(r["text"], r["title"])
    cpu = time.process_time() - start
    print(f"keywords (CPU time, {n} sample articles of {size:,.0f} chars): {n / cpu:6.1f} articles/CPU-s, "
          f"{1000 * cpu / n:5.2f} ms/article, {1000 * cpu / n / size * 1000:5.2f} ms per 1,000 chars")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N CSL cases")
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--speed-only", action="store_true", help="only the keyword CPU-time figures")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    import jieba

    jieba.setLogLevel(logging.WARNING)

    keyword_cpu_speed()
    keyword_cpu_speed(chars=2230)
    if args.speed_only:
        return
    segmentation_speed(seed_texts())
    if not CSL.exists():
        print(f"{CSL} missing: keyword quality not measured")
        return
    cases = load_csl(args.limit)
    systems = [("zhiku", zhiku_extract)]
    if not args.no_baselines:
        systems += [("jieba-tfidf", jieba_tfidf), ("jieba-textrank", jieba_textrank)]
    print(f"CSL author keywords, {len(cases)} abstracts, F1@5 (macro):")
    fitted_on = len(load_csl()) // 2  # bench/fit_keywords.py fits the weights on the second half
    if len(cases) > fitted_on:
        m = evaluate(cases[:fitted_on], zhiku_extract)
        print(f"  zhiku, first {fitted_on} only (not seen by the weight fit): exact F1 {m['exact_f1']:.3f} "
              f"partial F1 {m['partial_f1']:.3f}")
    for name, fn in systems:
        start = time.perf_counter()
        m = evaluate(cases, fn)
        elapsed = time.perf_counter() - start
        print(
            f"  {name:15s} exact P {m['exact_p']:.3f} R {m['exact_r']:.3f} F1 {m['exact_f1']:.3f} | "
            f"partial P {m['partial_p']:.3f} R {m['partial_r']:.3f} F1 {m['partial_f1']:.3f} | {elapsed:.1f} s"
        )


if __name__ == "__main__":
    main()
