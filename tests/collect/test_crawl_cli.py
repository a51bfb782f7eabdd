"""`zhiku crawl` and `zhiku ingest URL` as commands; a crawl killed with SIGKILL resumes with no loss and no duplicate."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from html import escape

from tests.sites.news import _seed_sentences, rss, sources_yaml
from tests.sites.server import FixtureServer, Page

ZHIKU = [sys.executable, "-c", "from zhiku.cli import main; main()"]


def _config(tmp_path, stages: bool = False) -> str:
    """A zhiku.toml with a fast fetch policy; the pipeline's stages off unless ``stages`` (crawling is under test)."""
    from zhiku.pipeline import STAGES

    path = tmp_path / "zhiku.toml"
    off = "" if stages else "disabled_stages = [" + ", ".join(f'"{n}"' for n in STAGES) + "]\n"
    path.write_text(off + "[crawl]\nrate = 200\ntimeout = 5\nconnect_timeout = 5\nretries = 0\nbackoff = 0.01\n"
                    "max_bytes = 200000\n", encoding="utf-8")
    return str(path)


def _run(args, tmp_path):
    """Run a zhiku command in this process (CliRunner); paths in ``args`` are relative to ``tmp_path``."""
    from typer.testing import CliRunner

    from zhiku.cli import app

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        return CliRunner().invoke(app, args, catch_exceptions=False)
    finally:
        os.chdir(cwd)


def test_cli_crawl_prints_summary_with_failure_reasons(news_site, tmp_path):
    (tmp_path / "sources.yaml").write_text(sources_yaml(news_site.base), encoding="utf-8")
    db = str(tmp_path / "z.db")
    proc = _run(["crawl", "--sources", "sources.yaml", "--source", "feed", "--db", db, "--config", _config(tmp_path)],
                tmp_path)
    assert proc.exit_code == 1, proc.stderr
    assert "new 3" in proc.stderr
    assert f"failed {news_site.url('/news/missing.html')}: HTTP 404" in proc.stderr
    assert f"skipped {news_site.url('/private/secret.html')}: disallowed by robots.txt" in proc.stderr
    again = _run(["crawl", "--sources", "sources.yaml", "--source", "one", "--db", db, "--config",
                  _config(tmp_path)], tmp_path)
    assert again.exit_code == 0 and "new 1" in again.stderr, again.stderr


def test_cli_ingest_url_fetches_and_stores_one_page(news_site, tmp_path):
    art = news_site.articles[1]
    db = str(tmp_path / "z.db")
    proc = _run(["ingest", news_site.url(art.path), "--db", db, "--config", _config(tmp_path, stages=True)],
                tmp_path)
    assert proc.exit_code == 0, proc.stderr
    assert "new 1" in proc.stderr
    with sqlite3.connect(db) as conn:
        (title,) = conn.execute("select title from records").fetchone()
    assert title == art.title
    bad = _run(["ingest", news_site.url("/news/missing.html"), "--db", db, "--config", _config(tmp_path)], tmp_path)
    assert bad.exit_code == 1 and "HTTP 404" in bad.stderr


def _many_articles(n: int, gate: threading.Event, open_first: int) -> dict[str, Page]:
    """``n`` article pages; all but the first ``open_first`` wait behind ``gate``."""
    sentences = _seed_sentences("000") + _seed_sentences("002") + _seed_sentences("004")
    pages = {}
    for i in range(n):
        body = "".join(f"<p>{escape(s)}</p>" for s in sentences[i * 3:i * 3 + 3])
        html = (f"<html><head><meta charset='utf-8'><title>第{i}篇报道</title></head><body><h1>第{i}篇报道</h1>"
                f"<div class='content'>{body}</div></body></html>")
        pages[f"/a/{i}.html"] = Page(html.encode(), gate=gate if i >= open_first else None)
    return pages


def _count(db: str) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("select count(*) from records").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_cli_crawl_killed_halfway_resumes_without_loss_or_duplicate(tmp_path):
    n, open_first = 16, 4
    gate = threading.Event()
    pages = _many_articles(n, gate, open_first)
    with FixtureServer(pages) as server:
        server.pages["/feed.xml"] = Page(rss(server.base, list(pages)), content_type="application/rss+xml")
        (tmp_path / "sources.yaml").write_text(
            f"sources:\n  - name: feed\n    type: feed\n    url: {server.base}/feed.xml\n", encoding="utf-8")
        db = str(tmp_path / "z.db")
        args = ZHIKU + ["crawl", "--sources", "sources.yaml", "--db", db, "--config", _config(tmp_path)]
        proc = subprocess.Popen(args, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while _count(db) < open_first and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # the other pages are still being fetched
        proc.wait()
        gate.set()
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
        assert _count(db) == open_first
        done = _run(["crawl", "--sources", "sources.yaml", "--db", db, "--config", _config(tmp_path)], tmp_path)
        assert done.exit_code == 0, done.stderr
        assert all(server.hits[f"/a/{i}.html"] == 1 for i in range(open_first)), "stored pages are not fetched again"
    with sqlite3.connect(db) as conn:
        urls = [u for (u,) in conn.execute("select url from records")]
        states = dict(conn.execute("select state, count(*) from frontier where kind = 'page' group by state"))
    assert sorted(urls) == sorted(server.url(p) for p in pages)
    assert states == {"done": n}


def test_cli_crawl_killed_between_commit_and_mark_does_not_fetch_the_stored_page_again(tmp_path):
    # the window the kill above can hit: a page's record committed, its frontier row not yet marked done
    pages = _many_articles(3, threading.Event(), 3)
    with FixtureServer(pages) as server:
        server.pages["/feed.xml"] = Page(rss(server.base, list(pages)), content_type="application/rss+xml")
        (tmp_path / "sources.yaml").write_text(
            f"sources:\n  - name: feed\n    type: feed\n    url: {server.base}/feed.xml\n", encoding="utf-8")
        db = str(tmp_path / "z.db")
        args = ["crawl", "--sources", "sources.yaml", "--db", db, "--config", _config(tmp_path)]
        assert _run(args, tmp_path).exit_code == 0
        stalled = server.url("/a/1.html")
        with sqlite3.connect(db) as conn:
            (record_id,) = conn.execute("select id from records where url = ?", (stalled,)).fetchone()
            conn.execute("update frontier set state = 'pending', record_id = null where url = ?", (stalled,))
        again = _run(args, tmp_path)
        assert again.exit_code == 0, again.stderr
        assert server.hits["/a/1.html"] == 1, "a stored page is not fetched again"
    with sqlite3.connect(db) as conn:
        row = conn.execute("select state, record_id from frontier where url = ?", (stalled,)).fetchone()
        assert row == ("done", record_id)
        assert conn.execute("select count(*) from records").fetchone()[0] == 3
