"""Soak test: `zhiku serve` on 127.0.0.1 while a writer ingests new articles and N clients search, for a while.

Prints, every interval: requests, error rate, p50/p95 latency, and the server's memory (RSS), so a leak shows
as a rising column. Everything stays on loopback; request loops are bounded by the duration. Not run in CI.

    python bench/soak.py --duration 600 --clients 50
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine  # noqa: E402

from scale import paragraphs  # noqa: E402

QUERIES = ["大模型", "算力", "人工智能 产业", "\"智能算力\"", "医疗", "芯片 OR 框架", "杭州", "数据中心 -北京",
           "智能制造", "机器人"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=600)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--interval", type=float, default=30)
    parser.add_argument("--seed-articles", type=int, default=300)
    args = parser.parse_args()
    import httpx

    tmp = Path(tempfile.mkdtemp())
    db = tmp / "soak.db"
    env = {**os.environ, "ZHIKU_CONFIG": "/nonexistent.toml"}
    paras = paragraphs()
    rng = random.Random(3)

    def batch(n: int, tag: str) -> Path:
        path = tmp / f"{tag}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(n):
                body = "\n".join(rng.sample(paras, 5))
                fh.write(json.dumps({"title": f"{tag}-{i} {body[:12]}", "text": body}, ensure_ascii=False) + "\n")
        return path

    zhiku = [sys.executable, "-m", "zhiku"]
    subprocess.run([*zhiku, "ingest", str(batch(args.seed_articles, "seed")), "--db", str(db)], env=env,
                   capture_output=True, check=False)
    port = free_port()
    server = subprocess.Popen([*zhiku, "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            httpx.get(base + "/api/articles?limit=1", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.2)
    stop = time.time() + args.duration
    lock = threading.Lock()
    latencies: list[float] = []
    errors = 0
    writes = 0

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.time() < stop:
                q = rng.choice(QUERIES)
                t = time.perf_counter()
                try:
                    ok = http.get("/api/search", params={"q": q, "limit": 10}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with lock:
                    latencies.append(time.perf_counter() - t)
                    errors += not ok

    def writer() -> None:
        nonlocal writes
        k = 0
        while time.time() < stop:
            k += 1
            subprocess.run([*zhiku, "ingest", str(batch(20, f"w{k}")), "--db", str(db)], env=env,
                           capture_output=True, check=False)
            writes += 20

    threads = [threading.Thread(target=client, daemon=True) for _ in range(args.clients)]
    threads.append(threading.Thread(target=writer, daemon=True))
    print(f"machine: {machine()}")
    print(f"soak: {args.clients} clients searching + 1 writer for {args.duration:.0f} s on {base}")
    print(f"{'t(s)':>6} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'written':>8} {'server MB':>10}")
    for t in threads:
        t.start()
    start = time.time()
    try:
        while time.time() < stop:
            time.sleep(min(args.interval, max(0.1, stop - time.time())))
            with lock:
                window = latencies[:]
                latencies.clear()
                errs = errors
                errors = 0
            if window:
                q = statistics.quantiles(window, n=20) if len(window) > 1 else [window[0]] * 19
                p50 = statistics.median(window) * 1000
                print(f"{time.time() - start:6.0f} {len(window):9d} {errs / len(window):7.2%} "
                      f"{p50:8.1f} {q[18] * 1000:8.1f} {writes:8d} {rss_mb(server.pid):10.0f}")
    finally:
        for t in threads:
            t.join(timeout=35)
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
