"""The store's writer lock: held by one process at a time, re-entrant within one, let go when its holder ends."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

from zhiku.store import open_store

HOLDER = """
import sys
from zhiku.store import open_store
with open_store(sys.argv[1], migrate=False) as store:
    with store.writing():
        print("held", flush=True)
        sys.stdin.readline()  # until the test says so
print("released", flush=True)
"""


def _try_to_take(store, taken: threading.Event) -> threading.Thread:
    def take() -> None:
        with store.writing():
            taken.set()

    thread = threading.Thread(target=take, daemon=True)
    thread.start()
    return thread


def test_a_second_process_waits_for_the_writer_lock_until_it_is_let_go(store_url):
    with open_store(store_url) as store:
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, store_url], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "held"
            taken = threading.Event()
            thread = _try_to_take(store, taken)
            assert not taken.wait(1.0)  # still held by the other process
            holder.stdin.write("go\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "released"
            assert taken.wait(30)
            thread.join(30)
        finally:
            holder.kill()
            holder.wait()


def test_the_writer_lock_is_reentrant_and_let_go_after_the_outer_hold(store_url):
    with open_store(store_url) as store:
        with store.writing(), store.writing():  # nested steps of one writer take it once
            pass
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, store_url], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline().strip() == "held"  # free again: the other process took it
            holder.stdin.write("go\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "released"
        finally:
            holder.kill()
            holder.wait()


def test_a_killed_holder_does_not_keep_the_lock(store_url):
    with open_store(store_url) as store:
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, store_url], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "held"
        holder.kill()  # no release: the process (and its database session) simply ends
        holder.wait()
        taken = threading.Event()
        _try_to_take(store, taken).join(30)
        assert taken.is_set()


def test_sqlite_lock_file_sits_beside_the_database(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'z.db'}") as store:
        with store.writing():
            assert (tmp_path / "z.db.lock").exists()
    with open_store("sqlite:///:memory:") as memory:
        with memory.writing():  # one process: nothing to lock against
            pass


def test_a_lock_file_that_cannot_be_opened_is_a_clear_error_and_stores_nothing(tmp_path):
    from zhiku.collect.files import read_path
    from zhiku.errors import StoreError

    from ..conftest import seed_path

    with open_store(f"sqlite:///{tmp_path / 'z.db'}") as store:
        (tmp_path / "z.db.lock").mkdir()  # in the way of the lock file (root ignores permissions, not this)
        with pytest.raises(StoreError, match=r"z\.db\.lock: cannot take the writer lock"):
            store.put_records(list(read_path(seed_path("000"))))
        assert store.count() == 0


def test_uri_databases_lock_the_file_they_name(tmp_path):
    db = tmp_path / "u.db"
    with open_store(f"sqlite:///{db}"):
        pass
    with open_store(f"sqlite:///file:{db}?uri=true", migrate=False) as store:
        with store.writing():
            assert (tmp_path / "u.db.lock").exists()
