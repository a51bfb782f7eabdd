"""kill -9 at several points of `zhiku process --db` and `zhiku reprocess`: the store stays consistent, a re-run completes.

After each kill the SQLite file passes ``pragma integrity_check``, no record lacks its raw input, and running the
command again leaves exactly the records of an uninterrupted run: every input stored once, nothing stale.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from ..conftest import seed_text

N_FILES = 24
KILL_POINTS = (2, 10)  # kill once at least this many records are written
ENGINES = {2: "serial", 10: "local"}  # both code paths, one kill point each
ENV = {**os.environ, "ZHIKU_BATCH_SIZE": "3", "ZHIKU_CONFIG": "/nonexistent.toml",
       "ZHIKU_DISABLED_STAGES": "figures,keywords,summarize"}  # clean and tag run: reprocess checks tag's version


def _corpus(folder) -> None:
    sentences = [s for k in ("000", "002", "004") for s in seed_text(k).split("总结: ")[1].split("\n")[0].split("。") if s]
    folder.mkdir()
    for i in range(N_FILES):
        body = "。".join(sentences[(i * 5 + j) % len(sentences)] for j in range(5)) + "。"
        (folder / f"k{i:03d}.txt").write_text(f"第{i}号 产业快讯\n{body}\n序号{i}。", encoding="utf-8")


def _query(db, sql: str):
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(sql).fetchall()


def _consistent(db) -> None:
    assert _query(db, "pragma integrity_check") == [("ok",)]
    orphans = _query(db, "select count(*) from records r left join raw_inputs w on w.sha256 = r.raw_sha256 "
                         "where w.sha256 is null")
    assert orphans == [(0,)], "a record without its raw input"
    assert _query(db, "select count(*) from raw_inputs")[0][0] <= N_FILES


def _ids(db) -> set[str]:
    return {row[0] for row in _query(db, "select id from records")}


def _kill_when(cmd: list[str], db, progress_sql: str, at: int) -> bool:
    """Run ``cmd``; SIGKILL its whole process group once ``progress_sql`` counts ``at``. True if it was killed."""
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if db.exists() and _query(db, progress_sql)[0][0] >= at:
                break
        except sqlite3.OperationalError:  # the schema is not there yet
            pass
        time.sleep(0.02)
    killed = proc.poll() is None
    if killed:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert killed or proc.returncode == 0, proc.stderr.read().decode()
    proc.stderr.close()
    return killed


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The corpus and the database of one uninterrupted run."""
    root = tmp_path_factory.mktemp("kill")
    _corpus(root / "in")
    db = root / "ref.db"
    run = subprocess.run([sys.executable, "-m", "zhiku", "process", str(root / "in"), "--db", str(db)],
                         env=ENV, capture_output=True, timeout=300)
    assert run.returncode == 0, run.stderr.decode()
    assert len(_ids(db)) == N_FILES
    return root / "in", db


def test_process_db_killed_at_several_points_then_rerun_stores_each_input_once(tmp_path, reference):
    folder, ref_db = reference
    interrupted = 0
    for at in KILL_POINTS:
        db = tmp_path / f"p{at}.db"
        cmd = [sys.executable, "-m", "zhiku", "process", str(folder), "--db", str(db), "--engine", ENGINES[at],
               "--workers", "2", "--shard-size", "100"]
        if _kill_when(cmd, db, "select count(*) from records", at):
            interrupted += 1
            assert at <= len(_ids(db)) < N_FILES
        _consistent(db)
        rerun = subprocess.run(cmd, env=ENV, capture_output=True, timeout=300)
        assert rerun.returncode == 0, rerun.stderr.decode()
        assert "locked" not in rerun.stderr.decode()
        _consistent(db)
        assert _ids(db) == _ids(ref_db)
        assert _query(db, "select count(*) from raw_inputs") == [(N_FILES,)]
    if not interrupted:
        pytest.skip("every run finished before it could be killed")


def test_reprocess_killed_at_several_points_then_rerun_refreshes_every_record(tmp_path, reference):
    _, ref_db = reference
    stale = "select count(*) from records where data_hash = 'stale'"
    interrupted = 0
    for at in KILL_POINTS:
        db = tmp_path / f"r{at}.db"
        shutil.copy(ref_db, db)
        with sqlite3.connect(db) as conn:  # as if the tag stage had been upgraded since these records were made
            conn.execute("update records set data = json_set(data, '$.versions.tag', '0-old'), data_hash = 'stale'")
        cmd = [sys.executable, "-m", "zhiku", "reprocess", "--db", str(db)]
        done_sql = f"select {N_FILES} - ({stale})"
        if _kill_when(cmd, db, done_sql, at):
            left = _query(db, stale)[0][0]
            assert left <= N_FILES - at
            interrupted += left > 0  # none left: the last batch committed between the check and the kill
        _consistent(db)
        rerun = subprocess.run(cmd, env=ENV, capture_output=True, timeout=300)
        assert rerun.returncode == 0, rerun.stderr.decode()
        report = json.loads(rerun.stdout)
        assert report["refused"] == [] and report["new"] == 0 and report["updated"] > 0
        _consistent(db)
        assert _query(db, stale) == [(0,)]
        assert _ids(db) == _ids(ref_db)
        assert _query(db, "select count(*) from records where json_extract(data, '$.versions.tag') = '0-old'") == [(0,)]
        assert _query(db, "select count(*) from raw_inputs") == [(N_FILES,)]
    if not interrupted:
        pytest.skip("every run finished before it could be killed")
