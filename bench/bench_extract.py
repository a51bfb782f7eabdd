"""Main-text extraction benchmark: char-level P/R/F1 (whitespace removed) on html_zh_cwced; robustness on GNE pages.

Usage: python bench/bench_extract.py [--eval-dev PATH] [--verbose]
Prints a table for zhiku (auto), trafilatura alone and the density (GNE-style) extractor alone.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

from zhiku.collect.extract import decode_page, extract_page

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "eval-dev"
MODES = ("auto", "trafilatura", "density")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Character-level precision, recall and F1 over the multiset of characters, whitespace removed."""
    p, g = Counter(squash(predicted)), Counter(squash(gold))
    overlap = sum((p & g).values())
    if not p or not g:
        return 0.0, 0.0, 0.0
    prec, rec = overlap / sum(p.values()), overlap / sum(g.values())
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def load_cases(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line]


def score_cwced(folder: Path, verbose: bool = False) -> dict[str, tuple[float, float, float]]:
    cases = load_cases(folder)
    sums = {m: [0.0, 0.0, 0.0] for m in MODES}
    for case in cases:
        html, _ = decode_page((folder / case["html_path"]).read_bytes())
        row = []
        for mode in MODES:
            p, r, f = prf(extract_page(html, url=case.get("wrapper_url"), mode=mode).text, case["gold_content"])
            for i, v in enumerate((p, r, f)):
                sums[mode][i] += v
            row.append(f)
        if verbose:
            print(case["id"][:8], " ".join(f"{v:.3f}" for v in row))
    return {m: tuple(v / len(cases) for v in sums[m]) for m in MODES}


def _numbers(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"\d+", text or "")]


def score_metadata(folder: Path) -> tuple[tuple[int, int], tuple[int, int]]:
    """(authors right, authors annotated), (dates right, dates annotated): names found; date fields agree."""
    authors = [0, 0]
    dates = [0, 0]
    for case in load_cases(folder):
        html, _ = decode_page((folder / case["html_path"]).read_bytes())
        page = extract_page(html, url=case.get("wrapper_url"))
        gold_author = case.get("gold_author")
        if gold_author:
            authors[1] += 1
            names = gold_author.split()
            authors[0] += set(names) <= set(page.authors) or "".join(names) == "".join(page.authors)
        gold_date = case.get("gold_publish_time")
        if gold_date and _numbers(gold_date):
            dates[1] += 1
            want = _numbers(gold_date)
            dates[0] += _numbers(page.published_at or "")[: len(want)] == want
    return (authors[0], authors[1]), (dates[0], dates[1])


def run_snippets(folder: Path) -> list[str]:
    """html_zh_trafilatura: must / must-not contain snippets and the date; one line per page."""
    lines = []
    for case in load_cases(folder):
        html, _ = decode_page((folder / case["html_path"]).read_bytes())
        page = extract_page(html, url=case.get("url"))
        flat = squash(page.text)
        has = sum(squash(s) in flat for s in case["must_contain"])
        leaks = sum(squash(s) in flat for s in case["must_not_contain"])
        date_ok = (page.published_at or "").startswith(case.get("gold_publish_time") or "~")
        lines.append(f"  {case['id'][:40]:<40} must {has}/{len(case['must_contain'])}, "
                     f"must-not leaked {leaks}/{len(case['must_not_contain'])}, date {'ok' if date_ok else 'wrong'}")
    return lines


def run_gne_pages(folder: Path) -> tuple[int, list[str]]:
    problems = []
    cases = load_cases(folder)
    for case in cases:
        try:
            html, _ = decode_page((folder / case["html_path"]).read_bytes())
            page = extract_page(html)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports every failure
            problems.append(f"{case['id']}: failed {exc.__class__.__name__}: {exc}")
            continue
        if len(squash(page.text)) < 50:
            problems.append(f"{case['id']}: empty ({len(squash(page.text))} chars, {page.method})")
    return len(cases), problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--eval-dev", type=Path, default=DEFAULT)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    cwced = args.eval_dev / "html_zh_cwced"
    if not cwced.exists():
        print(f"skipped: {cwced} not found")
        return 0
    start = time.perf_counter()
    table = score_cwced(cwced, args.verbose)
    print(f"html_zh_cwced ({len(load_cases(cwced))} pages, char-level, whitespace removed)")
    print(f"{'extractor':<14}{'P':>8}{'R':>8}{'F1':>8}")
    names = {"auto": "zhiku", "trafilatura": "trafilatura", "density": "density/GNE"}
    for mode, (p, r, f) in table.items():
        print(f"{names[mode]:<14}{p:>8.3f}{r:>8.3f}{f:>8.3f}")
    print(f"({time.perf_counter() - start:.1f} s)")
    (a_ok, a_n), (d_ok, d_n) = score_metadata(cwced)
    print(f"metadata: authors {a_ok}/{a_n} ({a_ok / max(1, a_n):.0%}), publication time {d_ok}/{d_n} "
          f"({d_ok / max(1, d_n):.0%})")
    for name in ("html_zh_trafilatura", "html_zh_readability"):
        folder = args.eval_dev / name
        if not folder.exists():
            continue
        if name == "html_zh_trafilatura":
            print(f"{name}:")
            print("\n".join(run_snippets(folder)))
        else:
            for case in load_cases(folder):
                html, _ = decode_page((folder / case["html_path"]).read_bytes())
                page = extract_page(html)
                p, r, f = prf(page.text, case["gold_content"])
                print(f"{name} {case['id']}: P {p:.3f} R {r:.3f} F1 {f:.3f}, authors {page.authors} "
                      f"(gold {case.get('gold_author')})")
    gne = args.eval_dev / "html_zh_gne_pages"
    if gne.exists():
        total, problems = run_gne_pages(gne)
        print(f"html_zh_gne_pages: {total} pages, {len(problems)} failed or empty")
        for line in problems:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
