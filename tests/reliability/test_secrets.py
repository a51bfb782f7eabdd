"""Secrets (the LLM API key, the write-API token) never reach logs, records or error messages."""

from __future__ import annotations

import logging

import pytest

from tests.summarize.conftest import ChatServer
from zhiku.errors import BackendError
from zhiku.record import RawInfo, Record, sha256_hex
from zhiku.settings import Settings
from zhiku.summarize.openai_compat import ChatClient
from zhiku.summarize.stage import make_stage

KEY_ENV = "ZHIKU_TEST_SECRET_LLM_KEY"
SECRET = "sk-live-never-log-me-7f3a9c"
TEXT = "3月14日下午，160家创新企业和机构携手成立了杭州市人工智能产业联盟。联盟将打造智算集群，建设新型绿色低碳算力中心。"


@pytest.fixture
def chat():
    server = ChatServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()


@pytest.fixture
def settings(chat, monkeypatch, tmp_path):
    monkeypatch.setenv(KEY_ENV, SECRET)
    return Settings(llm_base_url=chat.base_url, llm_model="test-model", llm_api_key_env=KEY_ENV, llm_timeout=5.0,
                    llm_max_retries=1, llm_cache=str(tmp_path / "cache.sqlite"))


def _record() -> Record:
    return Record(id="s1", title="杭州成立人工智能产业联盟", text=TEXT, raw=RawInfo(format="text", sha256=sha256_hex(TEXT)))


def test_llm_error_echoing_the_key_keeps_it_out_of_record_error_and_log(chat, settings, caplog):
    """Providers answer a bad key with "Incorrect API key provided: sk-...": the echo must be scrubbed."""
    caplog.set_level(logging.DEBUG)
    chat.fail(401, error=f"Incorrect API key provided: {SECRET}.")
    record = make_stage(settings)(_record())
    assert record.meta["summarize"]["backend"] == "offline"  # the failure is recorded...
    assert "401" in record.meta["summarize"]["fallback_reason"]
    assert SECRET not in record.to_json()  # ...without the key
    assert SECRET not in caplog.text
    assert chat.requests[0]["headers"]["Authorization"] == f"Bearer {SECRET}"  # the key was sent, though

    chat.fail(403, error=f"key {SECRET} revoked")
    with pytest.raises(BackendError) as info:
        ChatClient.from_settings(settings).complete([{"role": "user", "content": "x"}])
    assert "403" in str(info.value) and SECRET not in str(info.value)


def test_llm_retry_logs_and_final_error_carry_no_key_or_url_password(monkeypatch, caplog):
    monkeypatch.setenv(KEY_ENV, SECRET)
    caplog.set_level(logging.DEBUG, logger="zhiku")
    client = ChatClient("http://user:pw-in-url-51d2@127.0.0.1:9/v1", "m", api_key_env=KEY_ENV, timeout=2.0,
                        max_retries=1, sleep=lambda _s: None)
    with pytest.raises(BackendError) as info:
        client.complete([{"role": "user", "content": "x"}])
    assert "127.0.0.1:9" in str(info.value)
    for text in (str(info.value), caplog.text):
        assert SECRET not in text and "pw-in-url-51d2" not in text


def test_settings_repr_hides_the_api_token():
    """Settings travel to workers and show up in their error logs (Dask prints task arguments)."""
    settings = Settings(api_token="tok-never-shown-0c1d")
    assert "tok-never-shown-0c1d" not in repr(settings) and "tok-never-shown-0c1d" not in str(settings)
    assert settings.api_token == "tok-never-shown-0c1d"


def test_serve_banner_and_write_errors_never_show_the_token(tmp_path, caplog):
    from fastapi.testclient import TestClient

    from tests.web.conftest import TOKEN, make_settings
    from zhiku.store import open_store
    from zhiku.web.app import create_app

    db = tmp_path / "w.db"
    open_store(f"sqlite:///{db}").close()
    caplog.set_level(logging.DEBUG)
    with TestClient(create_app(make_settings(db))) as client:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        answers = [client.post("/api/articles", json={"text": ""}, headers=auth),
                   client.post("/api/articles", json={"url": "http://127.0.0.1/x"}, headers=auth),
                   client.post("/api/articles", content=b"{not json", headers={**auth, "Content-Type": "application/json"}),
                   client.post("/api/articles", json={"text": "x"}, headers={"Authorization": f"Bearer {TOKEN}x"})]
    assert all(a.status_code >= 400 for a in answers)
    for a in answers:
        assert TOKEN not in a.text and TOKEN not in str(a.headers)
    assert TOKEN not in caplog.text


def test_unreachable_database_password_stays_out_of_answers_and_logs(caplog):
    from fastapi.testclient import TestClient

    from zhiku.pipeline import STAGES
    from zhiku.web.app import create_app

    pytest.importorskip("psycopg", reason="psycopg not installed (pip install 'zhiku[postgres]')")
    caplog.set_level(logging.DEBUG)
    settings = Settings(db="postgresql+psycopg://zhiku:pw-db-secret-93e1@127.0.0.1:9/zhiku?connect_timeout=2",
                        disabled_stages=tuple(STAGES))
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        answers = [client.get("/api/articles"), client.get("/api/search?q=人工智能"), client.get("/")]
    assert all(a.status_code >= 500 for a in answers), [a.status_code for a in answers]
    for a in answers:
        assert "pw-db-secret-93e1" not in a.text
    assert "pw-db-secret-93e1" not in caplog.text
