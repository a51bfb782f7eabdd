"""A full or read-only database gives a clear error and no partial record; concurrent writers lose nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys

import pytest
from sqlalchemy import event

from zhiku import api
from zhiku.collect.files import read_path
from zhiku.errors import StoreError
from zhiku.store import open_store

from ..conftest import SAMPLE, seed_path, seed_text


def test_disk_full_is_a_clear_error_and_no_partial_batch(tmp_path):
    db = tmp_path / "full.db"
    with open_store(f"sqlite:///{db}") as store:
        store.put_records(list(read_path(seed_path("000"))))
        pages = sqlite3.connect(db).execute("pragma page_count").fetchone()[0]

        @event.listens_for(store.engine, "connect")
        def _cap(dbapi_conn, _rec):  # the file may not grow by more than a few pages: "disk full"
            dbapi_conn.execute(f"pragma max_page_count = {pages + 3}")

        store.engine.dispose()
        batch = [r for k in ("002", "004") for r in read_path(seed_path(k))]
        for r in batch:
            r.text = r.text * 40  # large enough to need many pages
        with pytest.raises(StoreError, match="full"):
            store.put_records(batch)
        assert store.count() == 1
        assert all(store.get(r.id) is None for r in batch)


def test_read_only_database_is_a_clear_error(tmp_path):
    db = tmp_path / "ro.db"
    with open_store(f"sqlite:///{db}") as store:
        store.put_records(list(read_path(seed_path("000"))))
    os.chmod(db, stat.S_IRUSR)
    os.chmod(tmp_path, stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.geteuid() == 0:
            pytest.skip("running as root: file permissions do not make a database read-only")
        with pytest.raises(StoreError):
            with open_store(f"sqlite:///{db}") as store:
                store.put_records(list(read_path(seed_path("002"))))
    finally:
        os.chmod(tmp_path, stat.S_IRWXU)
        os.chmod(db, stat.S_IRUSR | stat.S_IWUSR)


def test_read_only_sqlite_uri_is_a_clear_error(tmp_path):
    db = tmp_path / "ro.db"
    with open_store(f"sqlite:///{db}") as store:
        store.put_records(list(read_path(seed_path("000"))))
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    with open_store(url, migrate=False) as store:
        assert store.count() == 1
        with pytest.raises(StoreError, match="readonly|read-only|read only"):
            store.put_records(list(read_path(seed_path("002"))))
        assert store.count() == 1


def test_two_ingest_processes_on_one_sqlite_file(tmp_path):
    sentences = [s for s in seed_text("000").split("总结: ")[1].split("\n")[0].split("。") if s]
    folders = []
    for w in range(2):
        folder = tmp_path / f"in{w}"
        folder.mkdir()
        for i in range(60):
            body = "。".join(sentences[(i + j) % len(sentences)] for j in range(4))
            (folder / f"{i}.txt").write_text(f"进程{w}文章{i}\n{body}。", encoding="utf-8")
        folders.append(folder)
    db = tmp_path / "shared.db"
    with open_store(f"sqlite:///{db}"):
        pass
    env = {**os.environ, "ZHIKU_BATCH_SIZE": "5", "ZHIKU_CONFIG": "/nonexistent.toml"}
    procs = [subprocess.Popen([sys.executable, "-m", "zhiku", "ingest", str(f), "--db", str(db), "--json"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in folders]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err.decode()
        assert "locked" not in err.decode()
        assert json.loads(out)["new"] == 60
    with open_store(f"sqlite:///{db}") as store:
        assert store.count() == 120


def test_ingest_sample_twice_concurrently_stores_once(tmp_path):
    db = tmp_path / "z.db"
    with open_store(f"sqlite:///{db}") as store:
        api.ingest([SAMPLE], store)
        n = store.count()
        report = api.ingest([SAMPLE], store)
        assert not report.new and store.count() == n
