"""Two ingest processes and a web server on one database, clients reading meanwhile: no lock error, no lost write."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from zhiku import api
from zhiku.store import open_store

from ..conftest import seed_text

PER_WRITER = 12


def _corpora(root) -> list:
    sentences = [s for k in ("000", "002", "004") for s in seed_text(k).split("总结: ")[1].split("\n")[0].split("。") if s]
    folders = []
    for w in range(2):
        folder = root / f"in{w}"
        folder.mkdir()
        for i in range(PER_WRITER):
            body = "。".join(sentences[(i * 3 + w + j) % len(sentences)] for j in range(5))
            (folder / f"{i}.txt").write_text(f"写入者{w}的第{i}篇人工智能报道\n{body}。\n编号{w}-{i}。", encoding="utf-8")
        folders.append(folder)
    return folders


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()
        try:
            if httpx.get(url + "/api/articles?limit=1", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail("the server did not come up")


def test_two_ingests_and_a_server_share_one_database(tmp_path, store_url):
    folders = _corpora(tmp_path)
    with open_store(store_url):  # the schema exists before the three processes start
        pass
    # analysis stages off: what is under test is the store shared by three processes, not the analysis
    env = {**os.environ, "ZHIKU_BATCH_SIZE": "3", "ZHIKU_CONFIG": "/nonexistent.toml",
           "ZHIKU_DISABLED_STAGES": "tag,figures,keywords,summarize"}
    env.pop("ZHIKU_API_TOKEN", None)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "zhiku", "serve", "--db", store_url, "--host", "127.0.0.1",
                               "--port", str(port), "--log-level", "warning"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    statuses: list[int] = []
    failures: list[str] = []
    seen_totals: list[int] = []
    stop = threading.Event()

    def client(path: str) -> None:
        with httpx.Client(base_url=url, timeout=30) as c:
            while not stop.is_set():
                resp = c.get(path)
                statuses.append(resp.status_code)
                if resp.status_code != 200:
                    failures.append(f"{path}: {resp.status_code} {resp.text[:200]}")
                elif path.startswith("/api/articles"):
                    seen_totals.append(resp.json()["total"])
                stop.wait(0.02)  # steady readers, not a busy loop that starves the writers of CPU

    try:
        _wait_up(url, server)
        writers = [subprocess.Popen([sys.executable, "-m", "zhiku", "ingest", str(f), "--db", store_url, "--json"],
                                    env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in folders]
        clients = [threading.Thread(target=client, args=(p,), daemon=True)
                   for p in ("/api/articles?limit=5", "/api/search?q=人工智能&limit=5", "/api/search?q=写入者1")]
        for t in clients:
            t.start()
        outs = [w.communicate(timeout=300) for w in writers]
        stop.set()
        for t in clients:
            t.join(timeout=60)
        final = httpx.get(url + "/api/articles?limit=1", timeout=30).json()["total"]
    finally:
        stop.set()
        server.terminate()
        try:
            _, server_err = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, server_err = server.communicate()
    for w, (out, err) in zip(writers, outs, strict=True):
        assert w.returncode == 0, err.decode()
        assert "locked" not in err.decode().lower()
        assert json.loads(out)["new"] == PER_WRITER
    assert len(statuses) >= 10 and not failures, failures[:5]  # clients read all along
    assert "locked" not in server_err.decode().lower(), server_err.decode()[-2000:]
    assert seen_totals and max(seen_totals) <= 2 * PER_WRITER
    with open_store(store_url) as store:
        assert store.count() == 2 * PER_WRITER  # no lost write
        # the server, still running through all of it, sees every write (its listing hides only duplicates)
        assert final == api.search_articles(store, "", limit=1, facets=False)["total"] > 0
