"""`zhiku process --engine dask --scheduler ADDRESS` against a standalone Dask cluster: a real `dask scheduler`
process and `dask worker` processes started from the command line, as on a cluster of machines."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from zhiku.clean.stage import CleanStage

from .test_engine import _corpus

pytest.importorskip("distributed", reason="dask[distributed] not installed (pip install 'zhiku[distributed]')")
DASK = shutil.which("dask", path=str(Path(sys.executable).parent)) or shutil.which("dask")
pytestmark = pytest.mark.skipif(DASK is None, reason="the dask command is not installed")


def _wait_for(path: Path, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"dask scheduler did not start: {proc.communicate()[1]}")
        time.sleep(0.1)


class Cluster:
    """A scheduler on 127.0.0.1; workers added on demand; every process stopped at the end."""

    def __init__(self, tmp: Path):
        self.tmp, self.procs = tmp, []
        info = tmp / "scheduler.json"
        sched = self._start([DASK, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                             "--scheduler-file", str(info)])
        _wait_for(info, sched)
        self.address = json.loads(info.read_text())["address"]

    def _start(self, argv: list[str]) -> subprocess.Popen:
        proc = subprocess.Popen(argv, cwd=self.tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.procs.append(proc)
        return proc

    def add_worker(self, *extra: str) -> None:
        self._start([DASK, "worker", self.address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
                     "--host", "127.0.0.1", *extra])

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture
def cluster(tmp_path):
    c = Cluster(tmp_path)
    yield c
    c.stop()


def _process(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command line (exit codes come from its entry point)."""
    return subprocess.run([sys.executable, "-m", "zhiku", "process", *args], capture_output=True, text=True,
                          timeout=300, env=env)


def test_external_scheduler_gives_the_serial_records(cluster, tmp_path):
    cluster.add_worker()
    cluster.add_worker()
    corpus = _corpus(tmp_path / "c.jsonl", n=16)
    serial = _process(str(corpus), "--out", str(tmp_path / "serial.jsonl"))
    assert serial.returncode == 1, serial.stderr  # the broken line is refused, the rest land
    dask = _process(str(corpus), "--engine", "dask", "--scheduler", cluster.address, "--shard-size", "3",
                    "--out", str(tmp_path / "dask.jsonl"))
    assert dask.returncode == 1, dask.stderr
    assert "c.jsonl:9" in dask.stderr
    lines = (tmp_path / "dask.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 16 and lines == (tmp_path / "serial.jsonl").read_text(encoding="utf-8").splitlines()


def test_a_worker_running_other_stage_versions_is_refused(cluster, tmp_path):
    old = tmp_path / "old_zhiku.py"  # a worker with an older clean stage installed
    old.write_text("import zhiku.clean.stage\nzhiku.clean.stage.CleanStage.version = '0-old'\n")
    cluster.add_worker("--preload", str(old))
    corpus = _corpus(tmp_path / "c.jsonl", n=4)
    result = _process(str(corpus), "--engine", "dask", "--scheduler", cluster.address,
                      "--out", str(tmp_path / "out.jsonl"))
    assert result.returncode == 3, result.stderr
    message = " ".join(result.stderr.split())
    here = CleanStage.version
    assert "1 of 1 workers run another zhiku" in message and f"clean 0-old (here {here})" in message
    assert not (tmp_path / "out.jsonl").exists() or not (tmp_path / "out.jsonl").read_text()


def test_a_scheduler_without_workers_is_a_clear_error(cluster, tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", n=2)
    result = _process(str(corpus), "--engine", "dask", "--scheduler", cluster.address,
                      env={**os.environ, "ZHIKU_DASK_WORKER_WAIT": "2"})
    assert result.returncode == 3, result.stderr
    assert "no worker joined within 2 s" in " ".join(result.stderr.split())


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    corpus = _corpus(tmp_path / "c.jsonl", n=2)
    result = _process(str(corpus), "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}",
                      env={**os.environ, "ZHIKU_DASK_WORKER_WAIT": "2"})
    assert result.returncode == 3, result.stderr
    assert f"Dask scheduler tcp://127.0.0.1:{port}: cannot connect" in " ".join(result.stderr.split())
