"""Web load: p50/p95 latency and throughput of search and article pages, N articles, C concurrent clients.

Builds N synthetic articles (bench_search.synthetic: seed sentences, tags and dates) in a SQLite file
(cached under bench/out/ for reruns), starts ``zhiku serve`` on 127.0.0.1 in its own process, and runs
a bounded asyncio load generator (httpx): C clients, each sending requests back to back until R
requests of each kind are done. Prints figures, asserts nothing.

    .venv/bin/python bench/bench_web.py [--n 10000] [--clients 50] [--requests 2000]
    .venv/bin/python bench/bench_web.py --soak 600     # soak: C clients searching while a writer adds articles

The soak mode runs for the given seconds: C clients search without pause while one writer POSTs a new
article every half second through the write API; every 30 s it prints requests, errors, p95 latency and the
server's resident memory, which should stay flat.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine  # noqa: E402
from bench_search import put_synthetic  # noqa: E402

from zhiku.store import open_store  # noqa: E402

QUERIES = ["大模型", "算力", "人工智能 产业", "医疗", "智算中心", "数字经济", "深度学习", "机器人"]
REGIONS = ["", "", "", "山东", "浙江", "北京"]


def build(path: Path, n: int) -> None:
    import zhiku.use.search  # noqa: F401 - the search index write hook

    if path.exists():
        with open_store(f"sqlite:///{path}") as store:
            if store.count() >= n:
                print(f"reusing {path} ({store.count()} articles)")
                return
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    t = time.perf_counter()
    with open_store(f"sqlite:///{path}") as store:
        put_synthetic(store, n)
    print(f"built {n} articles in {time.perf_counter() - t:.0f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SOAK_TOKEN = "soak-token"


def start_server(db: Path, port: int, log: Path, token: str = "") -> subprocess.Popen:
    env = {**os.environ, "ZHIKU_API_TOKEN": token}
    with log.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "zhiku", "-q", "serve", "--db", str(db), "--port", str(port),
                                 "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL, stderr=err)
    import httpx

    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"server did not start: {log.read_text(errors='replace')[-2000:]}")


async def load(base: str, paths: list[str], clients: int) -> tuple[list[float], Counter[str], float]:
    import httpx

    queue: asyncio.Queue[str] = asyncio.Queue()
    for p in paths:
        queue.put_nowait(p)
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        async def worker() -> None:
            while True:
                try:
                    path = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t = time.perf_counter()
                try:
                    r = await client.get(path)
                    if r.status_code != 200:
                        errors[str(r.status_code)] += 1
                except httpx.HTTPError as exc:
                    errors[exc.__class__.__name__] += 1
                latencies.append((time.perf_counter() - t) * 1000)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    return latencies, errors, elapsed


def report(name: str, latencies: list[float], errors: Counter[str], elapsed: float) -> None:
    lat = sorted(latencies)

    def pct(f: float) -> float:
        return lat[min(len(lat) - 1, int(f * len(lat)))]

    failed = ", ".join(f"{k}×{n}" for k, n in errors.most_common()) or "none"
    print(f"{name}: {len(lat)} requests, errors: {failed}, p50 {pct(0.5):.0f} ms, p95 {pct(0.95):.0f} ms, "
          f"max {lat[-1]:.0f} ms, {len(lat) / elapsed:.0f} req/s")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def soak(base: str, pid: int, seconds: float, clients: int, searches: list[str], texts: list[str]) -> None:
    import httpx

    deadline = time.perf_counter() + seconds
    window: list[float] = []
    counts: Counter[str] = Counter()
    all_lat: list[float] = []
    rss_first = rss_mb(pid)
    limits = httpx.Limits(max_connections=clients + 1, max_keepalive_connections=clients + 1)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        async def searcher(i: int) -> None:
            rng = random.Random(i)
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                try:
                    r = await client.get(rng.choice(searches))
                    counts["ok" if r.status_code == 200 else str(r.status_code)] += 1
                except httpx.HTTPError as exc:
                    counts[exc.__class__.__name__] += 1
                ms = (time.perf_counter() - t) * 1000
                window.append(ms)
                all_lat.append(ms)

        async def writer() -> None:
            n = 0
            while time.perf_counter() < deadline:
                text = f"{texts[n % len(texts)]}（第{n}篇，{time.time():.0f}）"
                try:
                    r = await client.post("/api/articles", json={"text": text, "title": f"soak {n}"},
                                          headers={"Authorization": f"Bearer {SOAK_TOKEN}"})
                    counts["write-ok" if r.status_code in (200, 201) else f"write-{r.status_code}"] += 1
                except httpx.HTTPError as exc:
                    counts[f"write-{exc.__class__.__name__}"] += 1
                n += 1
                await asyncio.sleep(0.5)

        async def monitor() -> None:
            start = time.perf_counter()
            while time.perf_counter() < deadline:
                await asyncio.sleep(min(30, max(0.1, deadline - time.perf_counter())))
                lat = sorted(window)
                window.clear()
                p95 = lat[int(0.95 * (len(lat) - 1))] if lat else float("nan")
                bad = sum(n for k, n in counts.items() if k not in ("ok", "write-ok"))
                print(f"t={time.perf_counter() - start:5.0f} s  searches {len(lat):5d}  p95 {p95:6.0f} ms  "
                      f"errors so far {bad}  writes {counts['write-ok']}  server RSS {rss_mb(pid):.0f} MB", flush=True)

        await asyncio.gather(monitor(), writer(), *(searcher(i) for i in range(clients)))
    lat = sorted(all_lat)
    total = sum(counts.values())
    bad = sum(n for k, n in counts.items() if k not in ("ok", "write-ok"))
    print(f"soak: {total} requests, error rate {bad / max(total, 1):.2%} ({dict(counts)}), "
          f"p95 {lat[int(0.95 * (len(lat) - 1))]:.0f} ms, RSS {rss_first:.0f} → {rss_mb(pid):.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles (default 10000)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--requests", type=int, default=2000, help="requests per page kind (default 2000)")
    ap.add_argument("--soak", type=float, default=0, help="run the soak test for this many seconds instead")
    args = ap.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    db = out / f"web-{args.n}.db"
    print(f"# bench_web: {args.n} articles, {args.clients} clients, {args.requests} requests per kind — {machine()}")
    build(db, args.n)
    rng = random.Random(11)
    ids = [f"syn{rng.randrange(args.n):08d}" for _ in range(args.requests)]
    searches = []
    for _ in range(args.requests):
        region = rng.choice(REGIONS)
        searches.append(f"/search?q={rng.choice(QUERIES)}" + (f"&region={region}" if region else ""))
    port = free_port()
    proc = start_server(db, port, out / "bench_web-server.log", token=SOAK_TOKEN if args.soak else "")
    try:
        base = f"http://127.0.0.1:{port}"
        if args.soak:
            from bench_search import sentences

            texts = ["".join(random.Random(i).sample(sentences(), 12)) for i in range(50)]
            asyncio.run(soak(base, proc.pid, args.soak, args.clients, searches, texts))
        else:
            asyncio.run(load(base, searches[:50], args.clients))  # warm-up
            for name, paths in (("search page (/search)", searches),
                                ("article page (/articles/ID)", [f"/articles/{i}" for i in ids]),
                                ("search API (/api/search)", [p.replace("/search", "/api/search", 1)
                                                              for p in searches])):
                report(name, *asyncio.run(load(base, paths, args.clients)))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    errors = [line for line in (out / "bench_web-server.log").read_text(errors="replace").splitlines()
              if "ERROR" in line or "Error" in line]
    print(f"server log: {len(errors)} error lines" + (f", last: {errors[-1][:200]}" if errors else ""))


if __name__ == "__main__":
    main()
