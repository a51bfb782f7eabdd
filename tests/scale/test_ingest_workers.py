"""zhiku ingest --workers N: worker processes clean, analyze and derive; this process writes; the store ends as
a one-process ingest leaves it."""

from __future__ import annotations

import shutil

from zhiku import api
from zhiku.prepare import dialect_of
from zhiku.store import open_store

from ..conftest import SAMPLE
from .test_cli_scale import run
from .test_prepare import _corpus, _state


def _inputs(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(SAMPLE, folder)
    _corpus(folder / "news.jsonl")
    good = (folder / "news.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (folder / "broken.jsonl").write_text(good.replace("第0篇", "另一篇") + '\n{"title": "断了\n', encoding="utf-8")
    return folder


def test_ingest_with_workers_stores_what_one_process_stores(tmp_path, store_url):
    folder = _inputs(tmp_path)
    with open_store(store_url) as store:
        parallel = api.ingest([folder], store, workers=2)
        got = _state(store)
    assert len(parallel.new) >= 20 and [s for s, _ in parallel.refused] == [f"{folder / 'broken.jsonl'}:2"]
    serial_url = f"sqlite:///{tmp_path / 'serial.db'}"
    with open_store(serial_url) as store:
        serial = api.ingest([folder], store)
        want = _state(store)
    assert sorted(parallel.new) == sorted(serial.new) and parallel.refused == serial.refused
    if dialect_of(store_url) == "sqlite":
        assert got == want
    else:  # the search index is a tsvector there: compare the rest
        assert {k: v for k, v in got.items() if k != "search"} == {k: v for k, v in want.items() if k != "search"}


def test_cli_ingest_workers(tmp_path):
    folder = _inputs(tmp_path)
    db = str(tmp_path / "cli.db")
    proc = run("ingest", str(folder), "--db", db, "--workers", "0", "--json")
    assert proc.returncode == 1, proc.stderr.decode()  # the broken line is refused, the rest landed
    assert '"new": ' in proc.stdout.decode() and "broken.jsonl:2" in proc.stdout.decode()
    again = run("ingest", str(folder), "--db", db, "--workers", "2")
    assert b"new 0" in again.stderr and b"unchanged" in again.stderr
