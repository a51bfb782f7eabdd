"""Keyword quality on CSL author keywords (F1@5 exact and partial), segmentation speed and keyword throughput.

Reads ../shared/eval-dev/kw_zh_csl_kg (abstracts; the text after the last ". " is the paper title and is
passed as the title) and the seed articles. Compares zhiku with jieba's TF-IDF and TextRank under the
same scoring. Prints figures, asserts nothing. Run: ``.venv/bin/python bench/bench_keywords.py [--limit N]``.
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


def keyword_speed(texts: list[str], repeat: int = 3) -> None:
    extract_keywords(texts[0])  # load resources
    chars = sum(len(t) for t in texts) * repeat
    start = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            extract_keywords(text)
    elapsed = time.perf_counter() - start
    n = len(texts) * repeat
    rate = f"{n / elapsed:6.1f} articles/s, {1000 * elapsed / n:6.1f} ms/article"
    print(f"keywords: {rate}, {chars / elapsed:,.0f} chars/s (one process)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N CSL cases")
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)
    import jieba

    jieba.setLogLevel(logging.WARNING)

    texts = seed_texts()
    segmentation_speed(texts)
    keyword_speed(texts)
    if not CSL.exists():
        print(f"{CSL} missing: keyword quality not measured")
        return
    cases = load_csl(args.limit)
    systems = [("zhiku", zhiku_extract)]
    if not args.no_baselines:
        systems += [("jieba-tfidf", jieba_tfidf), ("jieba-textrank", jieba_textrank)]
    print(f"CSL author keywords, {len(cases)} abstracts, F1@5 (macro):")
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
