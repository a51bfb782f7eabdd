"""Search latency (p50/p95 over a fixed query set) and trend query time on N synthetic articles.

Synthetic articles are built from sentences of the seeds and of ../shared/eval-dev news texts (when
present), with tags and dates drawn from a fixed seed. Default 5,000 articles (a few minutes on 2 cores);
``--n 100000`` for the full-scale figure. ``--db`` picks the backend (default: a temporary SQLite file).

    .venv/bin/python bench/bench_search.py [--n 100000] [--db postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import EVAL_DEV, SAMPLE, machine, peak_rss_mb  # noqa: E402

from zhiku import api  # noqa: E402
from zhiku.record import Organization, RawInfo, Record, Region, Tag, sha256_hex  # noqa: E402
from zhiku.store import open_store  # noqa: E402
from zhiku.store.base import Store  # noqa: E402
from zhiku.text.sentences import split_sentences  # noqa: E402
from zhiku.use.rollup import _write_hook as rollup_hook  # noqa: E402
from zhiku.use.search import _write_hook as search_index_hook  # noqa: E402
from zhiku.use.search import search  # noqa: E402
from zhiku.use.trends import cooccurrence, spikes, trends  # noqa: E402

QUERIES = ["医疗", "大模型", "人工智能 产业", '"智能算力"', "算力 OR 芯片", "大模型 -游戏", "深度学习", "AI",
           "数字经济 山东", "智算中心", "新型工业化", "儿童 救助"]
TECH = [("large-model", "大模型"), ("computing-power", "算力"), ("deep-learning", "深度学习"),
        ("autonomous-driving", "自动驾驶"), ("computer-vision", "计算机视觉"), ("robotics", "机器人")]
INDUSTRY = [("C", "制造业"), ("Q", "卫生和社会工作"), ("P", "教育"), ("I", "信息技术服务业"), ("K", "房地产业")]
REGIONS = [("山东省", "370000"), ("济南市", "370100"), ("浙江省", "330000"), ("杭州市", "330100"),
           ("贵州省", "520000"), ("北京市", "110000"), ("广东省", "440000"), ("深圳市", "440300")]
OUTLETS = ["经济日报", "中国电子报", "潮新闻", "大众日报"]
ORGS = ["工业和信息化部", "百度", "华为", "阿里巴巴", "腾讯", "科大讯飞", "中国科学院"]


def sentences() -> list[str]:
    out = [s.text for p in sorted(SAMPLE.glob("*.txt")) for s in split_sentences(p.read_text(encoding="utf-8"))]
    news = EVAL_DEV / "news_zh_sogoucs_sample" / "dev.jsonl"
    if news.exists():
        for line in news.read_text(encoding="utf-8").splitlines():
            out += [s.text for s in split_sentences(json.loads(line).get("content") or "")]
    return [s for s in out if 8 <= len(s) <= 300]


def synthetic(n: int, seed: int = 7):
    rng = random.Random(seed)
    pool = sentences()
    start = date(2023, 1, 1)
    for i in range(n):
        body = "".join(rng.sample(pool, rng.randint(8, 20)))
        title = pool[rng.randrange(len(pool))][:30]
        yield Record(
            id=f"syn{i:08d}", title=title, text=body, source=rng.choice(OUTLETS),
            published_at=(start + timedelta(days=rng.randrange(730))).isoformat(),
            raw=RawInfo(format="text", sha256=sha256_hex(f"syn{i}")),
            ai_technologies=[Tag(id=k, label=v, score=1.0) for k, v in rng.sample(TECH, rng.randint(0, 3))],
            industries=[Tag(id=k, label=v, score=1.0) for k, v in rng.sample(INDUSTRY, rng.randint(0, 2))],
            regions=[Region(name=a, code=b) for a, b in rng.sample(REGIONS, rng.randint(0, 2))],
            organizations=[Organization(name=o) for o in rng.sample(ORGS, rng.randint(0, 2))])


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return (time.perf_counter() - t) * 1000


def put_synthetic(store: Store, n: int, batch_size: int = 1000) -> None:
    """Write ``n`` synthetic articles in batches."""
    batch: list[Record] = []
    for rec in synthetic(n):
        batch.append(rec)
        if len(batch) == batch_size:
            store.put_records(batch)
            batch = []
    if batch:
        store.put_records(batch)


def load_articles(store: Store, n: int) -> None:
    t0 = time.perf_counter()
    put_synthetic(store, n)
    load = time.perf_counter() - t0
    print(f"load + index: {load:.1f} s ({n / load:.0f} articles/s)")
    print(f"planner statistics (as `zhiku ingest` refreshes them after 1,000+ records): "
          f"{timed(store.refresh_statistics):.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000, help="synthetic articles (default 5000; 100000 for full scale)")
    ap.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    ap.add_argument("--repeat", type=int, default=5, help="runs of the query set")
    ap.add_argument("--no-load", action="store_true",
                    help="query a database --db already holds (from an earlier run) instead of loading --n articles")
    ap.add_argument("--all-hooks", action="store_true",
                    help="keep every write hook (dedupe index too); by default only the search index and trend rollup")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    url = args.db or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    print(f"# bench_search: {'existing' if args.no_load else args.n} articles on {url.split('://')[0]} — {machine()}")
    store = open_store(url)
    if not args.all_hooks:
        Store.write_hooks[:] = [h for h in Store.write_hooks if h in (search_index_hook, rollup_hook)]
    print("write hooks: " + ", ".join(f"{h.__module__}.{h.__name__}" for h in Store.write_hooks))
    if not args.no_load:
        load_articles(store, args.n)
    else:
        print(f"querying the {store.count()} records already in the database")
    lat: list[float] = []
    totals = {}
    for _ in range(args.repeat):
        for q in QUERIES:
            ms = timed(lambda q=q: totals.__setitem__(q, search(store, q, limit=20).total))
            lat.append(ms)
    filtered = [timed(lambda: search(store, "人工智能", region="山东", since="2024-01-01", limit=20))
                for _ in range(args.repeat)]
    lat.sort()
    p = lambda xs, f: xs[min(len(xs) - 1, int(f * len(xs)))]  # noqa: E731
    print(f"search: {len(lat)} queries, p50 {p(lat, 0.5):.1f} ms, p95 {p(lat, 0.95):.1f} ms, max {lat[-1]:.1f} ms")
    print(f"search with region+date filters: median {statistics.median(filtered):.1f} ms")
    print("hits per query: " + ", ".join(f"{q}={n}" for q, n in totals.items()))
    print(f"trends by technology/month: {timed(lambda: trends(store, 'technology', 'month')):.0f} ms")
    print(f"trends by region/week: {timed(lambda: trends(store, 'region', 'week')):.0f} ms")
    print(f"co-occurrence technology x industry: {timed(lambda: cooccurrence(store)):.0f} ms")
    print(f"spikes by organization/week: {timed(lambda: spikes(store, 'organization')):.0f} ms")
    print(f"trends by technology/month, region 山东 (per-region rollup): "
          f"{timed(lambda: trends(store, 'technology', 'month', region='山东')):.0f} ms")
    print(f"trends by technology/month, regions 山东 or 浙江 (tag rows): "
          f"{timed(lambda: trends(store, 'technology', 'month', region=['山东', '浙江'])):.0f} ms")
    for q in ("人工智能", "医疗", "智算中心", ""):  # what a search page adds to the hits (web/cache.py)
        counted = []
        ms = timed(lambda q=q, counted=counted: counted.append(api.facets_for(store, q)[1]))
        print(f"facet counts for {q or '(no query)'!r}: {ms:.0f} ms "
              f"({'every match' if counted[0] is None else f'newest {counted[0]} matches'})")
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    store.close()


if __name__ == "__main__":
    main()
