"""Scale benchmark: pipeline throughput on 1 core, on all cores, on a 2-worker Dask LocalCluster, next to bare
segmentation on the same text; memory while streaming a large corpus from disk; store ingest rates.

The corpus recombines paragraphs of the sample articles and (when present) ../shared/eval-dev news texts, so
every article is distinct and dedupe does not collapse it. Prints figures; asserts nothing.

    python bench/scale.py --n 2000                 # quick
    python bench/scale.py --n 100000 --serial-n 10000 --store     # what bench/RESULTS.md reports
    python bench/scale.py --n 100000 --stream 1000000 --store     # everything (stream alone: stream_memory.py)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import EVAL_DEV, machine, peak_rss_mb, sample_texts  # noqa: E402

from zhiku.engine import run_shards, shards_from_paths, to_records  # noqa: E402
from zhiku.errors import InputError  # noqa: E402
from zhiku.settings import Settings  # noqa: E402

_SENTENCE = re.compile(r"[^。！？!?]+[。！？!?]*")
SOHU_SENTENCES = 4  # the Sohu texts have no paragraph breaks: every 4 sentences make one


def paragraphs(sohu: bool = True) -> list[str]:
    """The distinct paragraphs (over 30 characters) of the sample corpus and, when ../shared/eval-dev is there,
    of the SogouCS news (split at their indents) and the Sohu 2021 news texts (every 4 sentences): ~3,000.

    With the ~300 of the first two alone, 4,000 articles of 4-9 paragraphs shared so much that dedupe chained
    2,926 of them into one cluster of copies; the issue asks for a corpus that dedupe does not collapse.
    ``sohu=False`` gives that old pool (``bench/ingest_growth.py --pool small`` measures the chained case).
    """
    from zhiku.collect.files import read_bytes

    paras: list[str] = []
    for data in sample_texts():
        for rec in read_bytes(data, "sample"):
            if not isinstance(rec, InputError):
                paras += rec.text.replace("　　", "\n").split("\n")
    news = EVAL_DEV / "news_zh_sogoucs_sample" / "dev.jsonl"
    if news.exists():
        for line in news.read_text(encoding="utf-8").splitlines():
            content = json.loads(line).get("content") or ""
            paras += content.split("　")
    sohu_news = EVAL_DEV / "dup_zh_sohu2021_text2vec" / "dev.jsonl"
    if sohu and sohu_news.exists():
        for line in sohu_news.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            for text in (item.get("text_a") or "", item.get("text_b") or ""):
                sentences = _SENTENCE.findall(text)
                for k in range(0, len(sentences), SOHU_SENTENCES):
                    paras.append("".join(sentences[k : k + SOHU_SENTENCES]).strip())
    return [p for p in dict.fromkeys(paras) if len(p) > 30]


def write_corpus(path: Path, n: int, seed: int = 7, paras: list[str] | None = None) -> float:
    """``n`` distinct articles of 4-9 recombined paragraphs; returns the size in MB."""
    rng = random.Random(seed)
    paras = paras or paragraphs()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            body = "\n".join(rng.sample(paras, rng.randint(4, 9)))
            fh.write(json.dumps({"title": f"{body[:18]}（{i}）", "text": body, "source": f"来源{i % 37}",
                                 "fetched_at": "2024-06-01T00:00:00+08:00"}, ensure_ascii=False) + "\n")
    return path.stat().st_size / 2**20


def bare_segmentation(path: Path) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, articles) to segment every article's text with zhiku's segmenter."""
    from zhiku.text.segment import segment

    texts = [json.loads(x)["text"] for x in path.open(encoding="utf-8")]
    segment(texts[0])  # load the dictionary outside the timing
    start, cpu = time.perf_counter(), time.process_time()
    for t in texts:
        segment(t)
    return time.perf_counter() - start, time.process_time() - cpu, len(texts)


def run_engine(path: Path, engine: str, workers: int | None, limit: int | None = None,
               samples: list[tuple[int, float]] | None = None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of this process and its workers, records) for one engine over ``path``.

    ``limit`` stops after that many input lines; ``samples`` collects (articles done, RSS MB of this process
    and all its descendants) ten times over the run.
    """
    shards = shards_from_paths([path], 200)
    if limit:
        shards = _first_lines(shards, limit)
    total = limit or sum(1 for _ in path.open(encoding="utf-8"))
    step = max(1, total // 10)
    start, cpu0 = time.perf_counter(), _cpu_seconds()
    n = 0
    for item in to_records(run_shards(shards, Settings(), engine, workers=workers)):
        n += not isinstance(item, InputError)
        if samples is not None and n % step == 0:
            samples.append((n, tree_rss_mb()))
    return time.perf_counter() - start, _cpu_seconds() - cpu0, n


def _first_lines(shards, limit: int):
    seen = 0
    for shard in shards:
        if seen >= limit:
            return
        yield shard
        seen += len(shard.payload)


def _cpu_seconds() -> float:
    """CPU time of this process plus its finished children (local-engine workers are reaped at pool exit)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def tree_rss_mb(root: int | None = None) -> float:
    """Resident memory of a process and all its descendants (Linux /proc), in MB."""
    root = root or os.getpid()
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page
    family, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, pp in parent.items() if pp == pid and p not in family]
        family.update(kids)
        frontier += kids
    return sum(rss.get(p, 0) for p in family) / 2**20


def store_rates(path: Path, tmp: Path, limit: int) -> dict[str, tuple[float, float]]:
    """Records/s into an empty SQLite and PostgreSQL store: the writer deriving fingerprints, story terms and
    search tokens itself (``zhiku ingest``), and with them prepared by workers (``zhiku process --engine local
    --db``: ``zhiku.prepare``, untimed here), the rate that caps a many-worker run."""
    from zhiku.api import store_items
    from zhiku.prepare import prepare
    from zhiku.record import Record
    from zhiku.store import open_store

    lines = []
    for item in to_records(run_shards(shards_from_paths([path], 200), Settings(), "serial")):
        if not isinstance(item, InputError):
            lines.append((item.to_json(), item.raw_bytes))
        if len(lines) >= limit:
            break
    urls = {"sqlite": f"sqlite:///{tmp / 'rate.db'}"}
    schema = f"zhiku_bench_{os.getpid()}"  # a schema of its own, dropped afterwards: the run starts empty
    pg = os.environ.get("ZHIKU_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    urls["postgresql"] = f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{schema}"
    rates = {}
    for name, url in urls.items():
        got = []
        for prepared in (False, True):
            records = [Record.from_json(data).attach_raw(raw) for data, raw in lines]
            if prepared:
                for rec in records:
                    prepare(rec, name)
            try:
                if name == "postgresql":
                    _pg_schema(pg, schema, create=True)
                else:
                    Path(tmp / "rate.db").unlink(missing_ok=True)
                with open_store(url) as store:
                    start = time.perf_counter()
                    store_items(store, records, batch_size=500)
                    got.append(len(records) / (time.perf_counter() - start))
            except Exception as exc:  # noqa: BLE001 - report and go on
                got.append(float("nan"))
                print(f"  store {name}: skipped ({exc.__class__.__name__}: {str(exc)[:120]})")
            finally:
                if name == "postgresql":
                    _pg_schema(pg, schema, create=False)
        rates[name] = (got[0], got[1])
    return rates


def _pg_schema(url: str, schema: str, create: bool) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            if create:
                conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="articles for the throughput runs")
    parser.add_argument("--stream", type=int, default=0, help="articles for the memory run (0: skip)")
    parser.add_argument("--store", action="store_true", help="measure store ingest rates")
    parser.add_argument("--serial-n", type=int, default=0,
                        help="articles (a prefix of the corpus) for the 1-core and Dask runs (0: all)")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--skip-throughput", action="store_true", help="only the memory and store parts")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.jsonl"
        mb = write_corpus(corpus, args.n)
        print(f"corpus: {args.n} articles, {mb:.1f} MB")
        seg_s, seg_cpu, seg_n = bare_segmentation(corpus)
        seg_rate, seg_cpu_rate = seg_n / seg_s, seg_n / seg_cpu
        print(f"bare segmentation (rjieba, whole corpus): {seg_rate:9.1f} articles/s  {mb / seg_s:6.2f} MB/s  "
              f"{seg_cpu_rate:.1f} articles per CPU-s")
        cores = os.cpu_count() or 1
        small = min(args.serial_n or args.n, args.n)
        runs = [("pipeline, 1 core", "serial", 1, small), (f"pipeline, local x{cores}", "local", cores, None)]
        if not args.skip_dask:
            runs.append(("pipeline, dask 2 workers", "dask", 2, small))
        for label, engine, workers, limit in [] if args.skip_throughput else runs:
            samples: list[tuple[int, float]] = []
            secs, cpu, n = run_engine(corpus, engine, workers, limit, samples)
            print(f"{label:25s} {n:7d} articles  {n / secs:8.1f} articles/s  {mb * n / args.n / secs:6.2f} MB/s  "
                  f"({n / secs / seg_rate:.4f} of bare segmentation; {n / cpu:.1f} articles per CPU-s, "
                  f"{n / cpu / seg_cpu_rate:.4f} of segmentation's)")
            print("    RSS of this process and its workers (MB) after k articles: "
                  + ", ".join(f"{k}: {v:.0f}" for k, v in samples))
        if args.stream:  # the same run as bench/stream_memory.py: local engine, all cores, into Parquet
            from stream_memory import stream

            path = tmp / "stream.jsonl"
            write_corpus(path, args.stream, seed=11)
            print(f"memory while streaming {args.stream} articles into Parquet (local engine x{cores}):")
            stream(path, tmp / "stream.parquet", "local", cores, args.stream, 10)
        if args.store:
            for name, (rate, writer) in store_rates(corpus, tmp, min(args.serial_n or args.n, args.n, 5000)).items():
                print(f"store ingest {name:10s} {rate:9.1f} records/s  (with values prepared by workers, the "
                      f"writer alone: {writer:.1f} records/s)")
    print(f"peak memory (this process): {peak_rss_mb():.0f} MB; children: "
          f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
