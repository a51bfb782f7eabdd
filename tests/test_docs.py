"""Docs are checked against the code: every command in the README, every setting documented, every data file sourced."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest
import typer.main

from zhiku.cli import app
from zhiku.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DATA = ROOT / "src" / "zhiku" / "data"


def _commands() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, cmd in group.commands.items():
        names.append(name)
        for sub in getattr(cmd, "commands", {}):
            names.append(f"{name} {sub}")
    return names


@pytest.mark.parametrize("command", _commands())
def test_docs_every_command_is_in_the_readme(command):
    assert re.search(rf"zhiku {re.escape(command)}\b", README), f"`zhiku {command}` is not documented in README.md"


@pytest.mark.parametrize("name", [f.name for f in fields(Settings) if f.name != "extra"])
def test_docs_every_setting_is_documented(name):
    assert f"`{name}`" in (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")


def test_docs_every_command_has_an_example():
    group = typer.main.get_command(app)
    missing = []
    for name, cmd in group.commands.items():
        subs = getattr(cmd, "commands", None) or {name: cmd}
        for sub_name, sub in subs.items():
            if "Example" not in (sub.help or ""):
                missing.append(f"{name} {sub_name}" if sub is not cmd else name)
    assert not missing, f"commands without an Example: block in their help: {missing}"


@pytest.mark.parametrize("path", sorted(p for p in DATA.rglob("*") if p.suffix in (".yaml", ".yml", ".csv", ".tsv", ".txt")
                                        and "sample" not in p.parts), ids=lambda p: str(p.relative_to(DATA)))
def test_docs_every_data_file_names_its_source(path):
    head = path.read_text(encoding="utf-8")[:1500].lower()
    assert "source" in head or "来源" in head, f"{path} does not say where its content came from"


def test_docs_architecture_names_every_package():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for pkg in sorted(p.name for p in (ROOT / "src" / "zhiku").iterdir() if p.is_dir() and not p.name.startswith("_")):
        if pkg == "data":
            continue
        assert f"{pkg}/" in text, f"docs/architecture.md does not mention {pkg}/"


def test_docs_every_script_the_makefile_and_readme_name_exists():
    """`make bench` once named a bench/run_all.py that did not exist; every script path named must be there."""
    named = set(re.findall(r"\b(bench/[\w/]+\.py)\b", (ROOT / "Makefile").read_text(encoding="utf-8") + README))
    assert "bench/run_all.py" in named
    missing = sorted(p for p in named if not (ROOT / p).is_file())
    assert not missing, f"named in the Makefile or README.md but absent: {missing}"


def test_docs_run_all_names_only_bench_scripts_that_exist():
    import importlib.util

    spec = importlib.util.spec_from_file_location("run_all", ROOT / "bench" / "run_all.py")
    run_all = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_all)
    scripts = {run[0] for run in run_all.QUICK + run_all.FULL}
    missing = sorted(s for s in scripts if not (ROOT / "bench" / s).is_file())
    assert len(scripts) >= 10 and not missing, missing
