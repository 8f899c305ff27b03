"""Writer processes on one user, on the embedded store (one directory) and on FalkorDB
(one graph of a real server): two at once, one killed with SIGKILL in the middle of an
ingest, a server killed and restarted under an ingest. No acknowledged write is lost,
nothing is stored twice, the invariants hold (``graphmem.invariants``). Short runs
here; the long ones are ``benchmarks/reliability.py``."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from graphmem.invariants import violations
from graphmem.stores import open_store
from graphmem.stores.base import Store
from tests.faults import FalkorServer, WriterLog, lost, writer_command

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}


@pytest.fixture(params=["embedded", "falkordb"])
def uri(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "embedded":
        yield f"local://{tmp_path / 'store'}"
        return
    address = request.getfixturevalue("falkordb_server")
    graph = f"p_{uuid.uuid4().hex[:12]}"
    yield f"falkordb://{address}/{graph}"
    store = open_store(f"falkordb://{address}/{graph}")
    store.dialect.graph.delete()  # type: ignore[attr-defined]
    store.close()


def _run(commands: list[list[str]], timeout: float = 240) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            c, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for c in commands
    ]
    out = []
    for c, p in zip(commands, procs, strict=True):
        stdout, stderr = p.communicate(timeout=timeout)
        out.append(subprocess.CompletedProcess(c, p.returncode, stdout, stderr))
    return out


def _check(store: Store, log: WriterLog, *, sessions: dict[str, int]) -> None:
    assert lost(store, "shared", log) == []
    assert violations(store, "shared", whole=True) == []
    for session, count in sessions.items():
        seqs = sorted(
            e.props["seq"] for e in store.find("shared", "Episode", {"session_id": session})
        )
        assert seqs == list(range(1, count + 1))


def _read_acks(proc: subprocess.Popen[str], count: int) -> str:
    """The writer's output up to its ``count``-th acknowledged call."""
    assert proc.stdout is not None
    lines = []
    while sum('"ack"' in line for line in lines) < count:
        line = proc.stdout.readline()
        assert line, "the writer ended early"
        lines.append(line)
    return "".join(lines)


def test_two_processes_writing_one_user_keep_every_invariant(uri: str) -> None:
    runs = _run([writer_command(uri, w, "--adds", "12", "--remembers", "12") for w in (1, 2)])
    log = WriterLog()
    for run in runs:
        assert run.returncode == 0, run.stderr[-2000:]
        log.read(run.stdout)
    assert log.done == 2 and log.acked_calls == 48
    assert set(log.errors) <= {"ConflictError"}  # retried by the writer, never bad input
    store = open_store(uri)
    try:
        _check(store, log, sessions={"shared": 24})
        current = [
            m
            for m in store.find("shared", "Memory", {"status": ["generated", "activated"]})
            if m.props.get("subject") == "Ben"
        ]
        assert len(current) == 1
    finally:
        store.close()


def test_a_writer_killed_mid_ingest_loses_no_acknowledged_write(tmp_path: Path) -> None:
    uri = f"local://{tmp_path / 'store'}"
    command = writer_command(uri, 1, "--adds", "400", "--remembers", "0")
    log = WriterLog()
    for acks in (10, 25):  # a new process each time, killed after some acks
        proc = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, text=True)
        before = _read_acks(proc, acks)
        os.kill(proc.pid, signal.SIGKILL)
        stdout, _ = proc.communicate(timeout=30)
        log.read(before + stdout)
    assert log.acked_calls > 0
    store = open_store(uri)
    try:
        assert lost(store, "shared", log) == []
        assert violations(store, "shared", whole=True) == []
    finally:
        store.close()
    [rerun] = _run([command])  # the same ingest again completes it, storing nothing twice
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    store = open_store(uri)
    try:
        _check(store, log.read(rerun.stdout), sessions={"shared": 400})
    finally:
        store.close()


def test_falkordb_killed_and_restarted_mid_ingest_loses_nothing(tmp_path: Path) -> None:
    server = FalkorServer(tmp_path / "falkordb", durable=True)
    server.start()
    uri = f"falkordb://{server.address}/ingest"
    try:
        command = writer_command(
            uri, 1, "--adds", "300", "--remembers", "0", "--until-done", "--deadline", "120"
        )
        proc = subprocess.Popen(command, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, text=True)
        before = _read_acks(proc, 20)
        server.kill()  # SIGKILL mid-ingest; the writer keeps retrying
        time.sleep(1.0)
        server.start()
        stdout, _ = proc.communicate(timeout=180)
        assert proc.returncode == 0
        log = WriterLog().read(before + stdout)
        assert log.done == 1 and log.errors["BackendUnavailableError"] > 0
        assert "InvalidInputError" not in log.errors
        store = open_store(uri)
        try:
            _check(store, log, sessions={"shared": 300})
        finally:
            store.close()
    finally:
        server.stop()
