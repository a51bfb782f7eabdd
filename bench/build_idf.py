"""Build zhiku's IDF table (src/zhiku/data/lexicon/idf.tsv) from real Chinese text.

Reads the news texts of ../shared/eval-dev (SogouCS news, LCSTS Weibo news, Sohu 2021 news pairs, MSRA /
People's Daily / CLUENER news sentences) and the project's seed articles,
segments every document with zhiku's segmenter (domain dictionary included) and writes, for each word seen
in at least ``--min-df`` documents, its document frequency. Only these derived counts are shipped, never
the texts. The CSL abstracts (kw_zh_csl_kg) are left out on purpose: they are the texts the keyword benchmark
scores, and an IDF that has seen them would flatter that score. Run: ``.venv/bin/python bench/build_idf.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL_DEV = ROOT.parent / "shared" / "eval-dev"
OUT = ROOT / "src" / "zhiku" / "data" / "lexicon" / "idf.tsv"

# folder -> fields holding text; each non-empty distinct text is one document
SOURCES = {
    "news_zh_sogoucs_sample": ("content",),
    "sum_zh_lcsts_clge": ("text",),
    "dup_zh_sohu2021_text2vec": ("text_a", "text_b"),
    "ner_zh_msra_test": ("text",),
    "ner_zh_peoplesdaily_test": ("text",),
    "ner_zh_cluener_dev": ("text",),
}


def documents(eval_dev: Path, sources: dict[str, tuple[str, ...]]) -> Iterator[tuple[str, str]]:
    """(source name, text) of every distinct document."""
    seen: set[int] = set()
    for folder, keys in sources.items():
        path = eval_dev / folder / "dev.jsonl"
        if not path.exists():
            sys.exit(f"{path}: missing (the IDF table is built from ../shared/eval-dev)")
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                case = json.loads(line)
                for key in keys:
                    text = unicodedata.normalize("NFKC", case.get(key) or "").strip()
                    if text and hash(text) not in seen:
                        seen.add(hash(text))
                        yield folder, text
    for seed in sorted((ROOT / "src" / "zhiku" / "data" / "sample").glob("*.txt")):
        yield "zhiku-seeds", seed.read_text(encoding="utf-8")


def is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token) and not token.replace(".", "").isdigit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dev", type=Path, default=EVAL_DEV)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--min-df", type=int, default=2)
    parser.add_argument("--exclude", nargs="*", default=[], help="source folders to leave out")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    from zhiku.text.segment import segment

    sources = {k: v for k, v in SOURCES.items() if k not in set(args.exclude)}
    df: Counter[str] = Counter()
    per_source: Counter[str] = Counter()
    n_docs = 0
    for source, text in documents(args.eval_dev, sources):
        n_docs += 1
        per_source[source] += 1
        df.update({w.lower() for w in segment(text) if is_word(w)})
    kept = sorted(((w, c) for w, c in df.items() if c >= args.min_df), key=lambda wc: (-wc[1], wc[0]))
    lines = [
        "# zhiku IDF table: document frequency of each word, for TF-IDF keywords (idf = ln((N + 1) / (df + 1)) + 1).",
        "# source: derived counts only, from ../shared/eval-dev dev splits: "
        + ", ".join(f"{k} ({per_source[k]} docs)" for k in sources)
        + f", and the {per_source['zhiku-seeds']} zhiku seed articles; segmented with zhiku.text.segment"
        " (rjieba + zhiku domain dictionary + taxonomy patterns).",
        "# licences of the sources: see each folder's meta.json (research use); no text is shipped here.",
        f"# built: {date.today().isoformat()} by bench/build_idf.py; words with df >= {args.min_df}",
        f"N\t{n_docs}",
        *(f"{w}\t{c}" for w, c in kept),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{args.out}: {n_docs} documents, {len(kept)} words (of {len(df)} seen)")


if __name__ == "__main__":
    main()
