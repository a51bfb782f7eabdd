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


def _corpus(folder, first: int = 0, n: int = N_FILES):
    """Distinct articles made from the seeds' sentences, one file each (numbers ``first`` to ``first + n - 1``)."""
    sentences = [s for k in ("000", "002", "004") for s in seed_text(k).split("总结: ")[1].split("\n")[0].split("。") if s]
    folder.mkdir(exist_ok=True)
    for i in range(first, first + n):
        body = "。".join(sentences[(i * 7 + j) % len(sentences)] for j in range(6)) + "。"
        (folder / f"a{i:04d}.txt").write_text(f"第{i}篇 人工智能动态\n{body}\n编号{i}。", encoding="utf-8")


def _count(db, timeout: float = 5.0) -> int:
    with sqlite3.connect(db, timeout=timeout) as conn:
        return conn.execute("select count(*) from records").fetchone()[0]


def _ids(db) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("select id from records")}


def _consistent(db, n_files: int) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        orphans = conn.execute(
            "select count(*) from records r left join raw_inputs w on w.sha256 = r.raw_sha256 where w.sha256 is null"
        ).fetchone()[0]
        assert orphans == 0
        assert conn.execute("select count(*) from raw_inputs").fetchone()[0] <= n_files


def _interrupted(cmd, env, db, sig, n_files: int) -> bool:
    """Start the ingest, send ``sig`` once it has stored ten records; whether it stopped with inputs left."""
    # a shell without job control starts background jobs with SIGINT ignored, and Python keeps an ignored SIGINT
    # ignored: a CI run started in the background made the ingest deaf to it. The child gets the default back.
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 120
    while time.time() < deadline:
        if db.exists():
            try:
                if _count(db, timeout=0.05) >= 10:  # never wait seconds on a lock: the ingest may finish meanwhile
                    break
            except sqlite3.OperationalError:
                pass
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return proc.returncode != 0 and db.exists() and _count(db) < n_files


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_ingest_interrupted_then_rerun_stores_each_input_once(tmp_path, sig):
    folder = tmp_path / "in"
    _corpus(folder)
    n_files = N_FILES
    db = tmp_path / "z.db"
    env = {**os.environ, "ZHIKU_BATCH_SIZE": "10", "ZHIKU_CONFIG": "/nonexistent.toml"}
    cmd = [sys.executable, "-m", "zhiku", "ingest", str(folder), "--db", str(db), "--json"]
    for _attempt in range(3):  # an ingest that finished before the signal interrupted nothing: more files, again
        if _interrupted(cmd, env, db, sig, n_files):
            break
        for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            path.unlink(missing_ok=True)
        _corpus(folder, n_files, n_files)
        n_files *= 2
    else:
        pytest.skip("ingest finished before it could be interrupted, three times")
    stored = _count(db)
    assert 0 < stored < n_files
    _consistent(db, n_files)
    rerun = subprocess.run(cmd, env=env, capture_output=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr.decode()
    report = json.loads(rerun.stdout)
    assert report["refused"] == [] and report["new"] > 0
    # the same inputs ingested without interruption give exactly the same records
    reference = tmp_path / "ref.db"
    ref = subprocess.run([*cmd[:-3], "--db", str(reference), "--json"], env=env, capture_output=True, timeout=300)
    assert ref.returncode == 0, ref.stderr.decode()
    assert _ids(db) == _ids(reference)
    _consistent(db, n_files)


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
