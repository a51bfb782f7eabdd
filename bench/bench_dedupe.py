"""Dedupe benchmark: index N generated articles (default 100,000), then match one new article; and the Sohu pairs.

Articles are made by recombining paragraphs of the sample corpus (and of eval-dev news texts, Sogou
and LCSTS, when present), so a few share paragraphs the way real round-ups do. Only the dedupe write hook runs on
put (other hooks, such as search indexing, are set aside) so the figures are dedupe's own.
Prints time, articles/s, peak RSS and database size at checkpoints, then the time to match a new
reprint and a new unrelated article. ``--sohu`` instead prints how the Sohu 2021 pairs (gold 0/3/5)
are classified: copy, same story or unrelated. Asserts nothing.

    .venv/bin/python bench/bench_dedupe.py --n 100000
    .venv/bin/python bench/bench_dedupe.py --sohu
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import EVAL_DEV, machine, peak_rss_mb, sample_texts  # noqa: E402

from zhiku.collect.files import read_bytes  # noqa: E402
from zhiku.dedupe import copies, index  # noqa: E402
from zhiku.record import RawInfo, Record, sha256_hex  # noqa: E402
from zhiku.store import Store, open_store  # noqa: E402
from zhiku.text.sentences import split_sentences  # noqa: E402

SOHU = EVAL_DEV / "dup_zh_sohu2021_text2vec" / "dev.jsonl"
SOGOU = EVAL_DEV / "news_zh_sogoucs_sample" / "dev.jsonl"
LCSTS = EVAL_DEV / "sum_zh_lcsts_clge" / "dev.jsonl"


def paragraph_pool() -> list[str]:
    """Paragraphs of up to three sentences from the sample corpus and, when present, eval-dev news texts."""
    texts = [r.text for data in sample_texts() for r in read_bytes(data, "sample") if hasattr(r, "text")]
    if SOGOU.exists():
        for line in SOGOU.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts.append(row.get("text") or row.get("content") or "")
    pool = []
    if LCSTS.exists():  # short news posts: one paragraph each
        pool += [json.loads(line)["text"] for line in LCSTS.read_text(encoding="utf-8").splitlines()]
    for text in texts:
        sents = [s.text for s in split_sentences(text) if len(s.text) > 8]
        pool += ["".join(sents[i:i + 3]) for i in range(0, len(sents) - 2, 3)]
    return sorted(set(p for p in pool if len(p) > 40))


def article(rng: random.Random, pool: list[str], i: int) -> Record:
    text = "\n".join(rng.sample(pool, rng.randint(4, 8)))
    raw = RawInfo(format="text", sha256=sha256_hex(f"bench:{i}"), origin=f"bench:{i}")
    return Record(id=f"b{i:015d}", title=text[:20], text=text, raw=raw, source=f"outlet{i % 50}",
                  published_at=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}")


def db_size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20


def dedupe_mb(store: Store) -> float:
    """Size of dedupe's own tables and indexes (SQLite dbstat), or NaN when dbstat is missing."""
    from sqlalchemy import text

    try:
        with store.engine.connect() as conn:
            size = conn.execute(text("SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%dedupe%' "
                                     "OR name LIKE '%stor%'")).scalar_one()
        return (size or 0) / 2**20
    except Exception:  # noqa: BLE001 - dbstat is optional in SQLite builds
        return float("nan")


def match_timings(store: Store, pool: list[str], n: int, stories: bool, k: int, rng: random.Random) -> str:
    """Median time to match a new reprint (chrome + first half of a stored article) and a new unrelated one."""
    timings: dict[str, list[float]] = {"reprint": [], "unrelated": []}
    found = 0
    for q in range(k):
        src = next(iter(store.iter_records(ids=[f"b{rng.randrange(n):015d}"])))
        half = "\n".join(src.text.split("\n")[: max(2, src.text.count("\n") // 2 + 1)])
        reprint = src.copy_with(id=f"r{rng.randrange(10**9):015d}", duplicates=None, story=None, source="reprinter",
                                text="来源：某某网 责任编辑：张三\n" + half + "\n举报/反馈")
        t0 = time.perf_counter()
        copies.assign(store, [reprint], stories=stories)
        timings["reprint"].append(time.perf_counter() - t0)
        if reprint.duplicates.cluster == src.duplicates.cluster:
            found += 1
        else:
            from zhiku.dedupe.copies import compare
            from zhiku.dedupe.minhash import fingerprint

            j, c = compare(fingerprint(reprint.text), fingerprint(src.text))
            print(f"  missed: reprint of {src.id} (J {j:.2f}, containment {c:.2f}) went to {reprint.duplicates}",
                  file=sys.stderr)
        other = article(random.Random(rng.randrange(10**9)), pool, 10**9 + q)
        t0 = time.perf_counter()
        copies.assign(store, [other], stories=stories)
        timings["unrelated"].append(time.perf_counter() - t0)
    med = {kind: statistics.median(v) * 1000 for kind, v in timings.items()}
    return f"{med['reprint']:>9.1f} {med['unrelated']:>9.1f} {found:>4}/{k}"


def bench_index(n: int, batch: int, stories: bool) -> None:
    print(f"# dedupe index: {n:,} articles, batch {batch}, stories {'on' if stories else 'off'} — {machine()}")
    pool = paragraph_pool()
    print(f"paragraph pool: {len(pool):,} paragraphs")
    rng = random.Random(1)
    folder = Path(tempfile.mkdtemp(prefix="zhiku-bench-dedupe-"))
    path = folder / "bench.db"
    store = open_store(f"sqlite:///{path}")
    checkpoints = sorted({c for c in (1_000, 10_000, 25_000, 50_000, 75_000, 100_000, n) if c <= n})
    print("match: median ms to match one new reprint / unrelated article (not stored); found = reprints put "
          "in their original's cluster")
    print(f"{'articles':>9} {'seconds':>8} {'art/s':>6} {'peak RSS MB':>11} {'db MB':>7} {'dedupe MB':>9} "
          f"{'clusters':>9} {'reprint':>9} {'unrelated':>9} {'found':>6}")
    start = time.perf_counter()
    done = chars = 0
    indexing = 0.0
    from sqlalchemy import func, select

    from zhiku.dedupe.tables import dedupe_clusters

    while done < n:
        recs = [article(rng, pool, i) for i in range(done, min(n, done + batch))]
        chars += sum(len(r.text) for r in recs)
        t0 = time.perf_counter()
        relinked = copies.assign(store, recs, stories=stories)
        Store.write_hooks[:] = [index.write_hook]  # modules imported on the way may have added theirs
        Store.before_write_hooks[:] = []  # (the trend rollup's; it is not measured here)
        store.put_records([*recs, *relinked])
        indexing += time.perf_counter() - t0
        before, done = done, done + len(recs)
        if any(before < c <= done for c in checkpoints):
            with store.engine.connect() as conn:
                clusters = conn.execute(select(func.count()).select_from(dedupe_clusters)).scalar_one()
            row = (f"{done:>9,} {indexing:>8.0f} {done / indexing:>6.0f} {peak_rss_mb():>11.0f} "
                   f"{db_size_mb(path):>7.0f} {dedupe_mb(store):>9.0f} {clusters:>9,}")
            print(row + " " + match_timings(store, pool, done, stories, 10, rng), flush=True)
    print(f"mean article length {chars / n:.0f} characters; wall {time.perf_counter() - start:.0f} s; db {path}")
    store.close()


def bench_sohu() -> None:
    from zhiku.dedupe.copies import is_copy
    from zhiku.dedupe.minhash import fingerprint
    from zhiku.dedupe.stories import same_story, terms

    if not SOHU.exists():
        print(f"skipped: {SOHU} is absent")
        return
    rows = [json.loads(line) for line in SOHU.read_text(encoding="utf-8").splitlines()]

    def rec(text: str) -> Record:
        return Record(id="x", text=text, raw=RawInfo(format="text", sha256="x"))

    table: Counter = Counter()
    t0 = time.perf_counter()
    for row in rows:
        copy, _ = is_copy(fingerprint(row["text_a"]), fingerprint(row["text_b"]))
        story, _ = same_story(terms(rec(row["text_a"])), terms(rec(row["text_b"])))
        label = "copy" if copy else "same-story" if story else "unrelated"
        table[(row["subset"], row["gold_score"], label)] += 1
        table[("all", row["gold_score"], label)] += 1
    print(f"# Sohu 2021 dev pairs ({len(rows)}), {time.perf_counter() - t0:.1f} s — {machine()}")
    print("gold 5 = same event (incl. near-verbatim copies), 3 = related, 0 = unrelated")
    for subset in ("dd", "dc", "all"):
        print(f"\n{subset:>4} {'gold':>5} {'copy':>6} {'same-story':>11} {'unrelated':>10} {'joined %':>9}")
        for gold in (5, 3, 0):
            c = [table[(subset, gold, k)] for k in ("copy", "same-story", "unrelated")]
            total = sum(c) or 1
            print(f"{'':>4} {gold:>5} {c[0]:>6} {c[1]:>11} {c[2]:>10} {100 * (c[0] + c[1]) / total:>8.1f}%")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=100_000, help="articles to index")
    ap.add_argument("--batch", type=int, default=1000, help="articles per transaction")
    ap.add_argument("--no-stories", action="store_true", help="copies only (no story matching)")
    ap.add_argument("--sohu", action="store_true", help="classify the Sohu pairs instead")
    args = ap.parse_args()
    if args.sohu:
        bench_sohu()
    else:
        bench_index(args.n, args.batch, not args.no_stories)


if __name__ == "__main__":
    main()
