"""Watchlists delivered to a real HTTP server and a real SMTP server on 127.0.0.1; nothing is sent twice."""

from __future__ import annotations

import json
import socket
import threading
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.policy import default
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from zhiku.errors import ConfigError, QueryError
from zhiku.record import RawInfo, Record, Region, Tag, sha256_hex
from zhiku.use.watch import add_watch, list_watches, parse_target, payload, remove_watch, run_watches

from .corpus import corpus


class _Hook(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - http.server's name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append((self.path, json.loads(body)))
        reply = b'{"errcode": 1, "errmsg": "bad key"}' if self.path == "/refuse" else b'{"errcode": 0}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


@pytest.fixture
def hook_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    class Handler:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
            self.messages.append((envelope.rcpt_tos, envelope.content))
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = Handler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def _news(n: int, start: int = 0) -> list[Record]:
    out = []
    for i in range(start, start + n):
        text = f"第{i}条：某市发布医疗大模型应用成果，覆盖{i + 3}家医院。"
        out.append(Record(id=sha256_hex(text)[:16], title=f"医疗大模型新进展{i}", text=text, source="测试日报",
                          url=f"https://example.com/news/{i}", published_at=f"2024-05-{i % 28 + 1:02d}",
                          raw=RawInfo(format="text", sha256=sha256_hex(text))))
    return out


def test_watch_webhooks_in_every_format_and_no_resend(store, hook_server):
    server, base = hook_server
    store.put_records(corpus() + _news(3))
    targets = [f"{base}/json", f"wecom+{base}/wecom", f"feishu+{base}/feishu", f"dingtalk+{base}/ding"]
    add_watch(store, "医疗大模型", "医疗大模型", every="day", targets=targets)
    runs = run_watches(store)
    assert runs[0].new == 3 and sorted(runs[0].delivered) == sorted(targets)
    got = dict(server.received)
    assert got["/json"]["count"] == 3 and {i["title"] for i in got["/json"]["items"]} == {
        "医疗大模型新进展0", "医疗大模型新进展1", "医疗大模型新进展2"}
    assert all("医疗大模型" in i["detail"] for i in got["/json"]["items"])  # snippets around the watched words
    assert got["/wecom"]["msgtype"] == "markdown" and "医疗大模型新进展0" in got["/wecom"]["markdown"]["content"]
    assert got["/feishu"]["msg_type"] == "text" and "3 条新内容" in got["/feishu"]["content"]["text"]
    assert got["/ding"]["msgtype"] == "markdown" and got["/ding"]["markdown"]["title"]
    server.received.clear()
    assert run_watches(store, force=True)[0].delivered == []  # nothing new: nothing sent
    assert server.received == []
    assert run_watches(store)[0].due is False  # ran less than a day ago
    store.put_records(_news(1, start=10))
    later = datetime.now(UTC) + timedelta(days=1, minutes=1)
    run = run_watches(store, now=later)[0]
    assert run.new == 1 and len(server.received) == 4
    assert all(len(body.get("items", [1])) == 1 for _, body in server.received)


def test_watch_failed_target_is_retried_not_duplicated(store, hook_server):
    server, base = hook_server
    store.put_records(_news(2))
    add_watch(store, "w", "医疗大模型", targets=[f"{base}/ok", f"wecom+{base}/refuse"])
    run = run_watches(store)[0]
    assert run.delivered == [f"{base}/ok"] and run.failed and "bad key" in run.failed[0][1]
    server.received.clear()
    run = run_watches(store, force=True)[0]
    assert [p for p, _ in server.received] == ["/refuse"]  # only the failed target is tried again


def test_watch_email_over_smtp_once(store, smtp_server):
    handler, port = smtp_server
    store.put_records(_news(2))
    news = _news(1)[0]
    news.title = "<b>医疗大模型</b> & 新进展"
    store.put_records([news])
    add_watch(store, "mail", "医疗大模型", targets=[f"mailto:analyst@example.com?smtp=127.0.0.1:{port}&from=zhiku@example.com"])
    assert run_watches(store)[0].delivered
    assert len(handler.messages) == 1
    rcpt, content = handler.messages[0]
    assert rcpt == ["analyst@example.com"]
    msg = message_from_bytes(content, policy=default)
    assert "2 条新内容" in msg["Subject"]
    html_part = msg.get_body(("html",)).get_content()
    assert "&lt;b&gt;医疗大模型&lt;/b&gt; &amp; 新进展" in html_part and "<b>医疗" not in html_part
    run_watches(store, force=True)
    assert len(handler.messages) == 1


def test_watch_spike_alerts(store, hook_server):
    from .test_trends import _org_records

    server, base = hook_server
    from datetime import date

    store.put_records(_org_records("突增公司", [1, 0, 1, 1, 0, 1, 1, 0, 9], date(2024, 1, 1)))
    add_watch(store, "spikes", "organization", kind="spikes", targets=[base + "/s"])
    run_watches(store)
    assert len(server.received) == 1 and "突增公司" in server.received[0][1]["items"][0]["title"]
    run_watches(store, force=True)
    assert len(server.received) == 1


def test_watch_add_validates_and_lists(store):
    with pytest.raises(QueryError):
        add_watch(store, "bad", '"未闭合')
    with pytest.raises(ConfigError):
        add_watch(store, "bad", "大模型", every="sometimes")
    with pytest.raises(ConfigError):
        add_watch(store, "bad", "大模型", targets=["ftp://example.com"])
    add_watch(store, "a", "大模型", every="6h", targets=["https://example.com/hook"])
    add_watch(store, "a", "算力", every="week")  # same name: replaced
    assert [(w.name, w.query, w.every) for w in list_watches(store)] == [("a", "算力", "week")]
    assert remove_watch(store, "a") and list_watches(store) == []
    assert parse_target("mailto:x@y.cn?smtp=mail.example.com:587&starttls=1").starttls


def test_watch_markdown_escapes_untrusted_titles():
    from zhiku.use.watch import Watch

    w = Watch(1, "w", "search", "q", "day", [], "", None)
    body = payload("wecom", w, [{"item": "1", "title": "[点我](javascript:alert(1))", "url": "javascript:alert(1)",
                                 "source": None, "published_at": None, "detail": ""}])
    content = body["markdown"]["content"]
    assert "](javascript" not in content and "\\[点我\\]" in content


def test_watch_scheduled_briefing_by_webhook_and_mail(store, hook_server, smtp_server):
    server, base = hook_server
    handler, port = smtp_server
    news = _news(5)
    for r in news:
        r.ai_technologies = [Tag(id="large-model", label="大模型", score=1.0)]
        r.industries = [Tag(id="Q", label="卫生和社会工作", score=1.0)]
        r.regions = [Region(name="山东省", code="370000")]
    store.put_records(news)
    add_watch(store, "周报", "", every="week", kind="briefing",
              targets=[f"dingtalk+{base}/ding", f"mailto:a@example.com?smtp=127.0.0.1:{port}"])
    now = datetime(2024, 5, 8, 9, 0, tzinfo=UTC)
    run = run_watches(store, now=now)[0]
    assert len(run.delivered) == 2, run.failed
    body = server.received[0][1]
    assert body["msgtype"] == "markdown" and body["markdown"]["text"].startswith("# 智库简报：2024-05-01 至 2024-05-08")
    assert "医疗大模型新进展" in body["markdown"]["text"]
    msg = message_from_bytes(handler.messages[0][1], policy=default)
    attachment = next(msg.iter_attachments())
    assert attachment.get_filename() == "brief-2024-05-01-2024-05-08.html"
    assert "data:image/png;base64," in attachment.get_content()
    run_watches(store, now=now, force=True)  # same period: nothing twice
    assert len(server.received) == 1 and len(handler.messages) == 1


def test_watch_shows_an_untitled_article_by_its_first_sentence(store, hook_server):
    """A pasted text without a title had been listed by its id (a hex string) in the alert."""
    server, base = hook_server
    untitled = _news(1)[0].copy_with(title=None)
    store.put_records([untitled])
    add_watch(store, "医疗大模型", "医疗大模型", every="day", targets=[f"{base}/json"])
    run_watches(store)
    [item] = dict(server.received)["/json"]["items"]
    assert item["title"] == "第0条：某市发布医疗大模型应用成果，覆盖3家医院" and item["id"] == untitled.id
