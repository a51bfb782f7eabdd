"""The search, trends, figures, report and watch commands on a real database file."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from zhiku.cli import app
from zhiku.store import open_store

from .corpus import corpus, with_figures

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "z.db"
    with open_store(f"sqlite:///{path}") as store:
        store.put_records(with_figures(corpus()))
    return str(path)


def test_cli_search_json_and_error(db):
    res = runner.invoke(app, ["search", "医疗", "--db", db, "--format", "json", "--region", "北京"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["total"] == len(data["hits"]) > 0 and all("北京市" in h["tags"]["region"] for h in data["hits"])
    res = runner.invoke(app, ["search", '"未闭合', "--db", db])
    assert res.exit_code != 0 and "never closed" in str(res.exception)
    res = runner.invoke(app, ["search", "红十字会", "--db", db])
    assert res.exit_code == 0 and "条结果" in res.stdout


def test_cli_trends_figures_report(db, tmp_path):
    res = runner.invoke(app, ["trends", "--by", "region", "--period", "month", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["series"]
    res = runner.invoke(app, ["trends", "--by", "technology", "--matrix", "industry", "--db", db, "--format", "csv"])
    assert res.exit_code == 0 and "卫生和社会工作" in res.stdout
    out = tmp_path / "compute.csv"
    res = runner.invoke(app, ["figures", "--subject", "算力", "--region", "贵州", "--db", db, "--format", "csv",
                              "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3
    brief = tmp_path / "brief.md"
    res = runner.invoke(app, ["report", "--from", "2024-01-01", "--to", "2024-03-31", "--out", str(brief), "--db", db])
    assert res.exit_code == 0, res.output
    assert brief.read_text(encoding="utf-8").startswith("# 智库简报：2024-01-01 至 2024-03-31")


def test_cli_watch_add_list_run(db):
    res = runner.invoke(app, ["watch", "add", "红会", "红十字会", "--every", "week", "--db", db])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["watch", "list", "--db", db])
    assert json.loads(res.stdout.splitlines()[0])["query"] == "红十字会"
    res = runner.invoke(app, ["watch", "run", "--db", db])
    assert res.exit_code == 0 and json.loads(res.stdout)["due"] is True


def test_cli_trends_table_turns_when_its_periods_do_not_fit(db, monkeypatch):
    """By day, a season's columns overflowed an 80-column terminal into empty slivers: one row a period then."""
    from zhiku.cli import common

    monkeypatch.setattr(common.console, "width", 80)
    res = runner.invoke(app, ["trends", "--by", "region", "--period", "day", "--top", "3", "--db", db])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    header = lines[1]
    assert "day" in header and "北京" in header
    assert sum(1 for line in lines if line.startswith("│ 2024-")) > 3 and any("total" in line for line in lines)
    res = runner.invoke(app, ["trends", "--by", "region", "--period", "year", "--top", "3", "--db", db])
    assert res.exit_code == 0 and "2024" in res.stdout.splitlines()[1]  # a few periods: one column each


def test_cli_trends_movers_between_periods(db):
    res = runner.invoke(app, ["trends", "--by", "region", "--movers", "--before", "2024-01-01:2024-04-30",
                              "--after", "2024-05-01:2024-08-31", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    movers = json.loads(res.stdout)
    assert movers and all(m["change"] == m["after"] - m["before"] for m in movers)
    res = runner.invoke(app, ["trends", "--movers", "--before", "2024-01-01", "--db", db])
    assert res.exit_code != 0
