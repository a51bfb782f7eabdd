"""The scale commands as a user runs them: db migrate/stats, export dump → import (SQLite → PostgreSQL),
process with the local engine into a store, reprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ..conftest import SAMPLE

ZHIKU = [sys.executable, "-m", "zhiku"]
ENV = {**os.environ, "ZHIKU_CONFIG": "/nonexistent.toml"}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*ZHIKU, *args], capture_output=True, env=ENV, timeout=600)


def test_cli_dump_import_between_backends(tmp_path, store_url):
    a = str(tmp_path / "a.db")
    assert run("ingest", str(SAMPLE), "--db", a).returncode == 0
    dump = tmp_path / "all.jsonl"
    assert run("export", "--db", a, "--format", "dump", "--out", str(dump)).returncode == 0
    proc = run("import", str(dump), "--db", store_url)
    assert proc.returncode == 0, proc.stderr.decode()
    counts = json.loads(proc.stdout)
    assert counts["new"] == counts["records"] >= 5
    stats = json.loads(run("db", "stats", "--db", store_url).stdout)
    assert stats["records"] == counts["records"] and stats["raw_inputs"] == 5
    assert "0001_initial" in " ".join(stats["revisions"]) or stats["revisions"]
    back = tmp_path / "back.jsonl"
    assert run("export", "--db", store_url, "--format", "dump", "--out", str(back)).returncode == 0
    assert back.read_text(encoding="utf-8") == dump.read_text(encoding="utf-8")


def test_cli_import_refuses_a_file_that_is_not_a_dump(tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text('{"title": "a", "text": "b"}\n', encoding="utf-8")
    proc = run("import", str(bad), "--db", str(tmp_path / "z.db"))
    assert proc.returncode == 2 and "not a zhiku-dump" in proc.stderr.decode()


def test_cli_process_local_engine_into_store_then_reprocess(tmp_path):
    db = str(tmp_path / "z.db")
    proc = run("process", str(SAMPLE), "--engine", "local", "--workers", "2", "--db", db)
    assert proc.returncode == 0, proc.stderr.decode()
    listed = json.loads(run("list", "--db", db, "--format", "json").stdout)
    assert len(listed) >= 5
    again = run("reprocess", "--db", db)
    assert again.returncode == 0, again.stderr.decode()
    report = json.loads(again.stdout)
    assert report["stale"] == 0 and report["records"] == len(listed)


def test_cli_db_migrate_is_idempotent(tmp_path):
    db = str(tmp_path / "m.db")
    first = json.loads(run("db", "migrate", "--db", db).stdout)
    second = json.loads(run("db", "migrate", "--db", db).stdout)
    assert first == second and first["revisions"]
