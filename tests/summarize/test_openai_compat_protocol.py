"""The LLM backend against a real Chat Completions server on 127.0.0.1: success, retries, fallback, cache."""

from __future__ import annotations

import json
import threading

import pytest

from zhiku.errors import BackendError
from zhiku.record import RawInfo, Record, sha256_hex
from zhiku.settings import Settings
from zhiku.summarize.openai_compat import ChatClient, ResponseCache, retry_after_seconds
from zhiku.summarize.stage import make_stage

KEY_ENV = "ZHIKU_TEST_LLM_KEY"
SECRET = "sk-test-do-not-store-4242"
TEXT = (
    "3月14日下午，160家创新企业和机构携手成立了杭州市人工智能产业联盟。"
    "联盟将打造智算集群，建设新型绿色低碳算力中心。"
    "2023年我国人工智能核心产业规模达5784亿元，增速13.9%。"
    "深圳在2023年5月设立规模1000亿元的人工智能基金群。"
)
GOOD = {
    "summary": [
        {"text": "杭州市人工智能产业联盟由160家企业和机构成立。", "sentences": [0]},
        {"text": "2023年我国人工智能核心产业规模达5784亿元。", "sentences": [2]},
    ],
    "framing": "这篇文章报道了杭州成立人工智能产业联盟等进展，以下是文章中提到的重大事件：",
    "events": [
        {"title": "杭州成立人工智能产业联盟", "description": "160家企业和机构成立杭州市人工智能产业联盟。",
         "type": "organization", "date": "2024-03-14", "actors": ["杭州市人工智能产业联盟"], "region": "杭州市",
         "sentences": [0]},
        {"title": "核心产业规模达5784亿元", "description": "2023年核心产业规模达5784亿元，增速13.9%。",
         "type": "statistic", "date": "2023", "actors": [], "region": None, "sentences": [2]},
        {"title": "深圳设立千亿基金群", "description": "深圳设立规模1000亿元的人工智能基金群。",
         "type": "investment", "date": "2023-05", "actors": [], "region": "深圳市", "sentences": [3]},
    ],
}


def _record(text: str = TEXT) -> Record:
    return Record(id="t1", title="杭州成立人工智能产业联盟", text=text,
                  raw=RawInfo(format="text", sha256=sha256_hex(text)))


@pytest.fixture
def settings(chat_server, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, SECRET)
    return Settings(llm_base_url=chat_server.base_url, llm_model="test-model", llm_api_key_env=KEY_ENV,
                    llm_cache=str(tmp_path / "llm-cache.sqlite"), llm_timeout=5.0, llm_max_retries=2)


def test_openai_compat_success_fills_record_from_llm(chat_server, settings, tmp_path):
    chat_server.reply(GOOD)
    record = make_stage(settings)(_record())
    assert record.summary == "杭州市人工智能产业联盟由160家企业和机构成立。2023年我国人工智能核心产业规模达5784亿元。"
    assert [e.title for e in record.events][0] == "杭州成立人工智能产业联盟"
    assert record.meta["events_framing"].startswith("这篇文章报道了杭州")
    meta = record.meta["summarize"]
    assert meta["backend"] == "llm" and meta["model"] == "test-model" and meta["cached"] is False
    assert meta["tokens"]["total_tokens"] == 150
    request = chat_server.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == f"Bearer {SECRET}"
    assert request["body"]["model"] == "test-model"
    assert "[2] 2023年我国人工智能核心产业规模达5784亿元" in request["body"]["messages"][1]["content"]
    assert SECRET not in record.to_json()
    assert SECRET.encode() not in (tmp_path / "llm-cache.sqlite").read_bytes()


def test_openai_compat_cache_makes_rerun_free(chat_server, settings):
    chat_server.reply(GOOD)
    first = make_stage(settings)(_record())
    stage = make_stage(settings)  # a new run: new client, same cache file
    again = stage(_record())
    assert len(chat_server.requests) == 1
    assert again.summary == first.summary and again.events == first.events
    assert again.meta["summarize"]["cached"] is True
    assert stage.usage["total_tokens"] == 0 and stage.usage["cached"] == 1


def test_openai_compat_invalid_json_is_retried_with_the_error(chat_server, settings):
    chat_server.reply("这不是JSON {")
    chat_server.reply(GOOD)
    record = make_stage(settings)(_record())
    assert record.meta["summarize"]["backend"] == "llm"
    assert len(chat_server.requests) == 2
    retry_messages = chat_server.requests[1]["body"]["messages"]
    assert retry_messages[-2] == {"role": "assistant", "content": "这不是JSON {"}
    assert "not valid JSON" in retry_messages[-1]["content"]
    assert record.meta["summarize"]["tokens"]["total_tokens"] == 300


def test_openai_compat_invalid_twice_falls_back_offline(chat_server, settings):
    chat_server.reply({"summary": [], "events": []})
    chat_server.reply({"summary": [{"text": "x", "sentences": [99]}], "events": []})
    record = make_stage(settings)(_record())
    meta = record.meta["summarize"]
    assert meta["backend"] == "offline"
    assert "invalid answer after one retry" in meta["fallback_reason"]
    assert any(f.kind == "llm-fallback" for f in record.flags)
    assert record.summary and record.events  # the offline result stands in
    assert len(chat_server.requests) == 2


def test_openai_compat_unknown_sentence_ids_are_a_validation_error(chat_server, settings):
    bad = json.loads(json.dumps(GOOD))
    bad["events"][0]["sentences"] = [42]
    chat_server.reply(bad)
    chat_server.reply(GOOD)
    record = make_stage(settings)(_record())
    assert "sentence numbers [42] do not exist" in chat_server.requests[1]["body"]["messages"][-1]["content"]
    assert record.meta["summarize"]["backend"] == "llm"


def test_openai_compat_unsupported_numbers_are_dropped(chat_server, settings):
    wrong = json.loads(json.dumps(GOOD))
    wrong["summary"][1]["text"] = "2023年我国人工智能核心产业规模达6000亿元。"
    wrong["events"][2]["description"] = "深圳设立规模2000亿元的人工智能基金群。"
    chat_server.reply(wrong)
    record = make_stage(settings)(_record())
    assert record.summary == "杭州市人工智能产业联盟由160家企业和机构成立。"
    llm_titles = [e.title for e in record.events if e.title in {"杭州成立人工智能产业联盟", "核心产业规模达5784亿元"}]
    assert len(llm_titles) == 2 and "深圳设立千亿基金群" not in [e.title for e in record.events]
    assert record.meta["summarize"]["events_added_offline"] == len(record.events) - 2
    dropped = record.meta["summarize"]["dropped"]
    assert {d["what"] for d in dropped} == {"summary", "event"}
    assert sorted(f.note for f in record.flags if f.kind == "llm-unverified-number") == ["2000", "6000"]


def test_openai_compat_all_summary_sentences_failing_is_replaced_offline(chat_server, settings):
    wrong = json.loads(json.dumps(GOOD))
    wrong["summary"] = [{"text": "联盟有999家成员。", "sentences": [0]}]
    chat_server.reply(wrong)
    record = make_stage(settings)(_record())
    assert "999" not in record.summary and record.summary
    assert "summary_replaced" in record.meta["summarize"]


def test_openai_compat_429_honours_retry_after(chat_server):
    chat_server.fail(429, headers={"Retry-After": "1"})
    chat_server.reply('{"ok": true}')
    client = ChatClient(chat_server.base_url, "test-model", timeout=5.0, max_retries=2)
    reply = client.complete([{"role": "user", "content": "hi"}])
    assert reply.content == '{"ok": true}'
    assert reply.waits == [1.0]
    assert len(chat_server.requests) == 2


def test_openai_compat_5xx_is_retried_then_gives_up(chat_server):
    for _ in range(3):
        chat_server.fail(503)
    waits: list[float] = []
    client = ChatClient(chat_server.base_url, "test-model", timeout=5.0, max_retries=2, sleep=waits.append)
    with pytest.raises(BackendError, match="HTTP 503 after 3 attempts"):
        client.complete([{"role": "user", "content": "hi"}])
    assert waits == [0.5, 1.0]  # exponential backoff when no Retry-After is given
    assert len(chat_server.requests) == 3


def test_openai_compat_client_error_is_not_retried(chat_server):
    chat_server.fail(401)
    client = ChatClient(chat_server.base_url, "test-model", timeout=5.0, max_retries=2)
    with pytest.raises(BackendError, match="HTTP 401"):
        client.complete([{"role": "user", "content": "hi"}])
    assert len(chat_server.requests) == 1


def test_openai_compat_server_without_json_mode_is_asked_again(chat_server):
    chat_server.fail(400, error="response_format is not supported")
    chat_server.reply('{"ok": true}')
    client = ChatClient(chat_server.base_url, "test-model", timeout=5.0)
    assert client.complete([{"role": "user", "content": "hi"}]).content == '{"ok": true}'
    assert "response_format" in chat_server.requests[0]["body"]
    assert "response_format" not in chat_server.requests[1]["body"]


def test_openai_compat_timeout_falls_back_offline(chat_server, settings):
    chat_server.default = {"sleep": 1.0, "content": json.dumps(GOOD)}
    slow = Settings(**{**settings.__dict__, "llm_timeout": 0.2, "llm_max_retries": 1})
    record = make_stage(slow)(_record())
    meta = record.meta["summarize"]
    assert meta["backend"] == "offline"
    assert "timed out" in meta["fallback_reason"]
    assert len(chat_server.requests) == 2


def test_openai_compat_concurrency_is_limited(chat_server):
    chat_server.default = {"sleep": 0.15, "content": "{}"}
    client = ChatClient(chat_server.base_url, "test-model", timeout=5.0, concurrency=2)
    threads = [threading.Thread(target=client.complete, args=([{"role": "user", "content": str(i)}],))
               for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(chat_server.requests) == 6
    assert chat_server.max_in_flight <= 2


def test_openai_compat_refine_tags_only_when_asked(chat_server, settings):
    chat_server.reply(GOOD)
    make_stage(settings)(_record())
    assert len(chat_server.requests) == 1
    chat_server.reply(GOOD)
    chat_server.reply({"technologies": [{"label": "智算集群", "sentence": 1}, {"label": "不在文中", "sentence": 0}]})
    asked = Settings(**{**settings.__dict__, "llm_refine_tags": True, "llm_cache": "off"})
    record = make_stage(asked)(_record())
    assert record.meta["proposed_technologies"] == [{"label": "智算集群", "sentence": 1}]
    assert len(chat_server.requests) == 3


def test_openai_compat_offline_without_configuration():
    record = make_stage(Settings())(_record())
    assert record.meta["summarize"]["backend"] == "offline"


@pytest.mark.parametrize(("value", "seconds"), [("2", 2.0), ("0.5", 0.5), ("soon", None), (None, None),
                                                ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0)])
def test_openai_compat_retry_after_parsing(value, seconds):
    assert retry_after_seconds(value) == seconds


def test_openai_compat_cache_key_depends_on_model_and_prompt_version():
    messages = [{"role": "user", "content": TEXT}]
    keys = {ResponseCache.key(m, v, messages) for m in ("a", "b") for v in ("v1", "v2")}
    assert len(keys) == 4
