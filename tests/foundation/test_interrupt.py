"""Interrupting an ingest (SIGKILL, SIGINT) leaves a consistent database; a re-run finishes without duplicates."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from ..conftest import seed_text

N_FILES = 300  # enough that an ingest is still running when the signal comes, on a fast machine too


def _corpus(folder):
    """Distinct articles made from the seeds' sentences, one file each."""
    sentences = [s for k in ("000", "002", "004") for s in seed_text(k).split("总结: ")[1].split("\n")[0].split("。") if s]
    folder.mkdir()
    for i in range(N_FILES):
        body = "。".join(sentences[(i * 7 + j) % len(sentences)] for j in range(6)) + "。"
        (folder / f"a{i:04d}.txt").write_text(f"第{i}篇 人工智能动态\n{body}\n编号{i}。", encoding="utf-8")


def _count(db, timeout: float = 5.0) -> int:
    with sqlite3.connect(db, timeout=timeout) as conn:
        return conn.execute("select count(*) from records").fetchone()[0]


def _ids(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("select id from records")}


def _consistent(db) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        orphans = conn.execute(
            "select count(*) from records r left join raw_inputs w on w.sha256 = r.raw_sha256 where w.sha256 is null"
        ).fetchone()[0]
        assert orphans == 0
        assert conn.execute("select count(*) from raw_inputs").fetchone()[0] <= N_FILES


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_ingest_interrupted_then_rerun_stores_each_input_once(tmp_path, sig):
    folder = tmp_path / "in"
    _corpus(folder)
    db = tmp_path / "z.db"
    env = {**os.environ, "ZHIKU_BATCH_SIZE": "10", "ZHIKU_CONFIG": "/nonexistent.toml"}
    cmd = [sys.executable, "-m", "zhiku", "ingest", str(folder), "--db", str(db), "--json"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline:
        if db.exists():
            try:
                if _count(db, timeout=0.05) >= 10:  # never wait seconds on a lock (the store's set-up): the
                    break  # ingest may finish meanwhile, and then nothing is interrupted
            except sqlite3.OperationalError:
                pass
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    stored = _count(db)
    if proc.returncode == 0:
        pytest.skip("ingest finished before it could be interrupted")
    assert 0 < stored < N_FILES
    _consistent(db)
    rerun = subprocess.run(cmd, env=env, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()
    report = json.loads(rerun.stdout)
    assert report["refused"] == [] and report["new"] > 0
    # the same inputs ingested without interruption give exactly the same records
    reference = tmp_path / "ref.db"
    ref = subprocess.run([*cmd[:-3], "--db", str(reference), "--json"], env=env, capture_output=True, timeout=300)
    assert ref.returncode == 0, ref.stderr.decode()
    assert _ids(db) == _ids(reference)
    _consistent(db)


def test_bad_input_changes_nothing_already_stored(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("标题甲\n大模型产业加快发展。", encoding="utf-8")
    db = tmp_path / "z.db"
    base = [sys.executable, "-m", "zhiku"]
    env = {**os.environ, "ZHIKU_CONFIG": "/nonexistent.toml"}
    assert subprocess.run([*base, "ingest", str(folder), "--db", str(db)], env=env, capture_output=True).returncode == 0
    before = subprocess.run([*base, "export", "--db", str(db)], env=env, capture_output=True).stdout
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"title": "x"\n\xff\xfe\x00\x00garbage\n')
    proc = subprocess.run([*base, "ingest", str(bad), "--db", str(db)], env=env, capture_output=True)
    assert proc.returncode == 1
    after = subprocess.run([*base, "export", "--db", str(db)], env=env, capture_output=True).stdout
    assert before == after
