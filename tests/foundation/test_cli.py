"""The CLI as a user runs it: real processes, real SQLite files, exit codes that mean something."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import SAMPLE, seed_path

ZHIKU = [sys.executable, "-m", "zhiku"]


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "ZHIKU_CONFIG": "/nonexistent-zhiku.toml"}
    env.pop("ZHIKU_DB", None)
    return subprocess.run([*ZHIKU, *args], input=stdin, capture_output=True, cwd=cwd, env=env, timeout=300)


def test_cli_process_seed_on_stdin_prints_one_record():
    proc = run("process", stdin=seed_path("000").read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().strip().split("\n")
    assert len(lines) == 1
    rec = json.loads(lines[0])
    assert rec["title"] == "人工智能加速赋能千行百业"
    assert rec["url"].startswith("https://baijiahao.baidu.com/s?id=1798888032494898445")
    assert rec["raw"]["format"] == "seed-record" and len(rec["raw"]["sha256"]) == 64


def test_cli_process_reports_bad_jsonl_line_and_exits_1(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"title":"甲","text":"大模型。"}\n{broken\n{"title":"乙","text":"算力。"}\n', encoding="utf-8")
    proc = run("process", str(f))
    assert proc.returncode == 1
    assert f"{f}:2" in proc.stderr.decode()
    assert [json.loads(x)["title"] for x in proc.stdout.decode().split("\n") if x] == ["甲", "乙"]


def test_cli_ingest_summary_reingest_and_refusals(tmp_path):
    db = tmp_path / "z.db"
    proc = run("ingest", str(SAMPLE), "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr.decode()
    first = json.loads(proc.stdout)
    assert first["new"] >= 5 and first["refused"] == []
    again = json.loads(run("ingest", str(SAMPLE), "--db", str(db), "--json").stdout)
    assert again["new"] == 0 and again["unchanged"] == first["new"]
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\xff" * 50)
    proc = run("ingest", str(bad), str(tmp_path / "missing.txt"), "--db", str(db), "--json")
    assert proc.returncode == 1
    refused = {r["input"]: r["reason"] for r in json.loads(proc.stdout)["refused"]}
    assert "binary" in refused[str(bad)] and refused[str(tmp_path / "missing.txt")] == "no such file or folder"
    listed = json.loads(run("list", "--db", str(db), "--format", "json").stdout)
    assert len(listed) == first["new"]


def test_cli_ingest_stdin_and_show_formats(tmp_path):
    db = str(tmp_path / "z.db")
    proc = run("ingest", "-", "--db", db, "--json", stdin=seed_path("002").read_bytes())
    assert proc.returncode == 0, proc.stderr.decode()
    rid = json.loads(run("list", "--db", db, "--format", "json").stdout)[0]["id"]
    card = run("show", rid[:8], "--db", db).stdout.decode()
    labels = [line.split(":")[0] for line in card.split("\n") if line[:2] in ("标题", "链接", "总结", "关键", "AI", "行业", "重大")]
    assert labels == ["标题", "链接", "总结", "关键词", "AI技术", "行业", "重大事件摘要"]
    as_json = json.loads(run("show", rid, "--db", db, "--format", "json").stdout)
    assert as_json["id"] == rid
    md = run("show", rid, "--db", db, "--format", "markdown").stdout.decode()
    assert md.startswith("# ")
    missing = run("show", "ffffffffffff", "--db", db)
    assert missing.returncode == 2 and "no record" in missing.stderr.decode()


def test_cli_export_formats(tmp_path):
    db = str(tmp_path / "z.db")
    assert run("ingest", str(SAMPLE), "--db", db).returncode == 0
    n = len(json.loads(run("list", "--db", db, "--format", "json").stdout))
    jsonl = run("export", "--db", db, "--format", "jsonl").stdout.decode().strip().split("\n")
    assert len(jsonl) == n and all(json.loads(x)["id"] for x in jsonl)
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", db, "--format", "csv").stdout.decode())))
    assert len(rows) == n and rows[0]["id"]
    out = tmp_path / "cards.txt"
    assert run("export", "--db", db, "--format", "card", "--out", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").count("标题: ") == n


def test_cli_demo_prints_a_card_per_sample_article(tmp_path):
    proc = run("demo", "--db", str(tmp_path / "demo.db"))
    assert proc.returncode == 0, proc.stderr.decode()
    text = proc.stdout.decode()
    assert text.count("标题: ") >= 5
    assert "标题: 人工智能加速赋能千行百业" in text


def test_cli_help_everywhere():
    for cmd in ("ingest", "process", "list", "show", "export", "demo", "db", "pipeline"):
        proc = run(cmd, "--help")
        assert proc.returncode == 0 and "Usage" in proc.stdout.decode(), cmd


@pytest.mark.parametrize("db", ["/nonexistent-folder/z.db"])
def test_cli_bad_database_location_is_a_clear_error(db):
    proc = run("list", "--db", db)
    assert proc.returncode == 4
    assert "does not exist" in proc.stderr.decode()


def test_cli_show_explain_lists_each_evidence_sentence_once(tmp_path):
    """Seed 000: 大数据 occurs twice in sentence 53 and 数据中心 is found as two surface forms in one sentence; each
    evidence sentence is printed once, with the forms found in it and how often."""
    db = str(tmp_path / "z.db")
    assert run("ingest", str(seed_path("000")), "--db", db).returncode == 0
    rid = json.loads(run("list", "--db", db, "--format", "json").stdout)[0]["id"]
    record = json.loads(run("show", rid, "--db", db, "--format", "json").stdout)
    text = run("show", rid, "--db", db, "--explain").stdout.decode()
    blocks = re.split(r"\n(?=- )", text)
    for tech in record["ai_technologies"]:
        block = next(b for b in blocks if b.startswith(f"- {tech['label']} ({tech['id']})"))
        shown = re.findall(r"^    \[(\d+)\] ", block, flags=re.M)
        sentences = list(dict.fromkeys(str(e["sentence"]) for e in tech["evidence"]))
        assert shown == sentences[:3], tech["id"]  # each sentence once, in the order found
        for ev in tech["evidence"]:
            if str(ev["sentence"]) in shown:
                assert f"«{ev['text']}»" in block
    assert re.search(r"«大数据»×2", text)


def test_cli_keeps_library_chatter_out_of_the_user_s_way(tmp_path):
    """A page with no article had printed trafilatura's own "WARNING trafilatura.core: discarding data: None" above
    zhiku's refusal; it shows with -vv only."""
    import subprocess
    import sys

    page = tmp_path / "empty.html"
    page.write_text("<html><body></body></html>", encoding="utf-8")
    cmd = [sys.executable, "-m", "zhiku", "ingest", "--db", f"sqlite:///{tmp_path / 'z.db'}", str(page)]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "no article text found" in run.stdout + run.stderr
    assert "trafilatura" not in run.stderr, run.stderr
    loud = subprocess.run([cmd[0], "-m", "zhiku", "-vv", *cmd[3:]], capture_output=True, text=True, timeout=120)
    assert "trafilatura" in loud.stderr
