"""Helpers shared by the benchmark scripts: machine description, command line, timing
statistics and result files."""

from __future__ import annotations

import json
import os
import platform
import resource
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def machine_info() -> dict[str, Any]:
    """CPU count, Python, platform and library versions of this run."""
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = os.cpu_count() or 0
    info: dict[str, Any] = {
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "processor": platform.processor() or platform.machine(),
        "machine": platform.machine(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }
    try:
        import graphmem

        info["graphmem"] = graphmem.__version__
    except ImportError:  # pragma: no cover - graphmem is always installed here
        pass
    info["git_commit"] = git_commit()
    if hasattr(os, "getloadavg"):
        info["load_avg_1_5_15"] = [round(x, 2) for x in os.getloadavg()]
    return info


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True, timeout=10
    ).stdout.strip()


def git_commit() -> str | None:
    """The checked-out commit (with ``-dirty`` when the tree has changes other than the
    benchmarks' own results, which a run of several benchmarks rewrites), if any."""
    try:
        head = _git("rev-parse", "--short", "HEAD")
        dirty = _git(
            "status", "--porcelain", "--untracked-files=no", "--", ".", ":!benchmarks/results"
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return f"{head}-dirty" if dirty else head


def command_line(script: str, argv: list[str] | None) -> str:
    """The command that reproduces this run, relative to the repository root."""
    args = sys.argv[1:] if argv is None else argv
    return shlex.join(["python", f"benchmarks/{script}", *args])


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def percentiles(values_ms: list[float]) -> dict[str, float]:
    """p50/p95 (and mean/max) of a list of milliseconds, rounded to 0.01 ms."""
    if not values_ms:
        return {"p50": 0.0, "p95": 0.0, "mean": 0.0, "max": 0.0}
    arr = np.asarray(values_ms, dtype=np.float64)
    return {
        "p50": round(float(np.percentile(arr, 50)), 2),
        "p95": round(float(np.percentile(arr, 95)), 2),
        "mean": round(float(arr.mean()), 2),
        "max": round(float(arr.max()), 2),
    }


def max_rss_mb() -> float:
    """Peak resident set size of this process, in MiB (``ru_maxrss`` is KiB on Linux)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return round(rss / scale, 1)


def current_rss_mb() -> float | None:
    """Current resident set size in MiB, from /proc (None where unavailable)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return round(pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024), 1)


def server_auth() -> tuple[str, str] | None:
    """Server credentials as the CLI reads them: ``GRAPHMEM_DB_USER`` (default ``neo4j``)
    and ``GRAPHMEM_DB_PASSWORD``; None when no password is set."""
    password = os.environ.get("GRAPHMEM_DB_PASSWORD")
    return (os.environ.get("GRAPHMEM_DB_USER") or "neo4j", password) if password else None


@contextmanager
def store_uri(uri: str | None, prefix: str) -> Iterator[str]:
    """``uri``, or a ``local://`` URI naming a fresh temporary directory that is removed
    afterwards."""
    if uri is not None:
        yield uri
        return
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        yield f"local://{tmp}"


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def machine_markdown(machine: dict[str, Any]) -> str:
    return (
        f"{machine.get('processor')}, {machine.get('cpus_usable')} usable CPU cores "
        f"(of {machine.get('cpu_count')}), Python {machine.get('python')}, "
        f"{machine.get('platform')}, graphmem {machine.get('graphmem')} "
        f"(commit {machine.get('git_commit')}), load average at the end "
        f"{machine.get('load_avg_1_5_15')} (the cores are shared with other work)"
    )


def report_rows(
    rows: list[dict[str, Any]],
    *,
    title: str,
    heading: str,
    script: str,
    argv: list[str] | None,
    json_path: Path,
    md_path: Path,
    notes: str,
    columns: list[str] | None = None,
) -> None:
    """Print ``rows`` as a table (``columns``, default the first row's keys), write them
    with the machine, command and date as JSON, and as a Markdown page under
    ``heading`` followed by ``notes``."""
    from rich.console import Console
    from rich.table import Table

    cols = columns or list(rows[0])
    table = Table(title=title)
    for col in cols:
        table.add_column(col, justify="right")
    for row in rows:
        table.add_row(*(str(row.get(c, "")) for c in cols))
    Console().print(table)
    machine, command, date = machine_info(), command_line(script, argv), utc_now()
    write_json(json_path, {"rows": rows, "machine": machine, "command": command, "date": date})
    lines = [
        f"# {heading}",
        "",
        f"Command: `{command}`",
        "",
        f"Date: {date}",
        "",
        machine_markdown(machine),
        "",
        "| " + " | ".join(cols) + " |",
        "|" + "---|" * len(cols),
        *("| " + " | ".join(str(row.get(c, "")) for c in cols) + " |" for row in rows),
        "",
        notes,
    ]
    write_text(md_path, "\n".join(lines) + "\n")
