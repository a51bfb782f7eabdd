"""Fixtures of the web tests: a tagged SQLite corpus built once, the app over it, a live uvicorn server."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from zhiku.settings import Settings
from zhiku.store import open_store

from . import corpus

TOKEN = "s3cret-token-for-tests-only"
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "web"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory) -> tuple[Path, list]:
    """A SQLite file with the tagged corpus (built once per session; copy it before writing)."""
    path = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with open_store(f"sqlite:///{path}") as store:
        records = corpus.build(store)
    return path, records


@pytest.fixture
def web_db(corpus_db, tmp_path) -> Path:
    """A private copy of the corpus database for one test."""
    path = tmp_path / "zhiku.db"
    shutil.copy(corpus_db[0], path)
    return path


def make_settings(db: Path, token: str | None = TOKEN, *, stages: bool = False, **web) -> Settings:
    """Settings of a test app; analysis stages are off unless asked for (the web layer is under test)."""
    from zhiku.pipeline import STAGES

    web.setdefault("reports_dir", str(db.parent / "reports"))
    web.setdefault("report_charts", False)  # matplotlib charts are slow; one test turns them on
    return Settings(db=str(db), api_token=token, extra={"web": web},
                    disabled_stages=() if stages else tuple(STAGES))


@pytest.fixture
def client(web_db):
    from fastapi.testclient import TestClient

    from zhiku.web.app import create_app

    with TestClient(create_app(make_settings(web_db))) as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving the app on 127.0.0.1 in a thread of the test process."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("uvicorn did not start")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(corpus_db, tmp_path_factory):
    from zhiku.web.app import create_app

    folder = tmp_path_factory.mktemp("live")
    db = folder / "zhiku.db"
    shutil.copy(corpus_db[0], db)
    with LiveServer(create_app(make_settings(db))) as server:
        yield server
