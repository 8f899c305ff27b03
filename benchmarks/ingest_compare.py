"""Ingest rate of this tree against a reference commit, in the same run.

    HF_HUB_OFFLINE=1 python benchmarks/ingest_compare.py \\
        --data ../shared/data/locomo/locomo-dev.json --ref 79b4f25 --rounds 3

The machines are shared and noisy, so a rate is only worth comparing with another taken
at the same time: the reference commit is checked out into a temporary git worktree, and
each round ingests the same LoCoMo conversations (one ``add`` per session, as the recall
benchmark does) once with the reference code and once with this tree, in fresh stores,
each in its own process (models loaded and warmed up outside the timed calls),
alternating which goes first. The table gives every round's rates, in episodes per
wall-clock second and per CPU second of the process (less sensitive to other work on shared
cores), and the ratios of the medians. The data is read from the given path by this tree's
parser and handed to each process through a pipe, never written anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from benchmarks.common import (
    RESULTS,
    ROOT,
    command_line,
    machine_info,
    machine_markdown,
    utc_now,
    write_json,
    write_text,
)


def sessions(data: Path, conversations: int) -> list[dict[str, Any]]:
    """The first ``conversations`` LoCoMo conversations as ``add`` calls, read with this
    tree's parser (the reference's may not have it): one per session."""
    from benchmarks.locomo_recall import load_conversations

    return [
        {
            "user_id": conv.sample_id,
            "session_id": session.session_id,
            "messages": [{**m, "at": m["at"].isoformat()} for m in session.messages()],
        }
        for conv in load_conversations(data, conversations)
        for session in conv.sessions
    ]


def child(code: Path) -> None:
    """Make the ``add`` calls read as JSON from stdin with the graphmem of ``code`` and
    print the rate as JSON."""
    sys.path.insert(0, str(code))  # before anything imports graphmem
    import graphmem

    assert Path(graphmem.__file__).resolve().is_relative_to(code.resolve()), graphmem.__file__

    calls = json.loads(sys.stdin.read())
    with tempfile.TemporaryDirectory() as tmp, graphmem.open(f"local://{tmp}") as mem:
        mem.add(  # warm-up: load the models outside the timed calls
            [{"speaker": "Warm", "content": "I moved to Lisbon last May.", "ref": "W:1"}],
            user_id="__warmup__",
        )
        mem.search("Where did Warm move?", user_id="__warmup__", k=5)
        seconds, cpu, episodes = 0.0, 0.0, 0
        for call in calls:
            start, start_cpu = time.perf_counter(), time.process_time()
            mem.add(call["messages"], user_id=call["user_id"], session_id=call["session_id"])
            seconds += time.perf_counter() - start
            cpu += time.process_time() - start_cpu
            episodes += len(call["messages"])
    out = {"episodes": episodes, "seconds": seconds, "cpu": cpu, "graphmem": graphmem.__file__}
    print(json.dumps(out))


def run_once(code: Path, calls: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(code), "HF_HUB_OFFLINE": "1"}
    script = Path(__file__).resolve()
    done = subprocess.run(
        [sys.executable, str(script), "--child", "--code", str(code), "--data", "-"],
        cwd=code,
        env=env,
        input=calls,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"the ingest with {code} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["rate"] = round(result["episodes"] / result["seconds"], 1)
    result["cpu_rate"] = round(result["episodes"] / result["cpu"], 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="LoCoMo-format JSON file")
    parser.add_argument("--ref", default="79b4f25", help="reference commit")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--conversations", type=int, default=2)
    parser.add_argument("--json", type=Path, default=RESULTS / "ingest_compare.json")
    parser.add_argument("--md", type=Path, default=RESULTS / "ingest_compare.md")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.code)
        return 0
    data = args.data.resolve()
    calls = json.dumps(sessions(data, args.conversations))
    with tempfile.TemporaryDirectory() as tmp:
        ref_tree = Path(tmp) / "ref"
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(ref_tree), args.ref],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        try:
            rounds = []
            for i in range(args.rounds):
                order = [("ref", ref_tree), ("this", ROOT)]
                if i % 2:
                    order.reverse()
                got = {name: run_once(code, calls) for name, code in order}
                rounds.append({name: got[name]["rate"] for name in ("ref", "this")})
                rounds[-1].update({f"{n}_cpu": got[n]["cpu_rate"] for n in ("ref", "this")})
                r = rounds[-1]
                print(
                    f"round {i + 1}: reference {r['ref']}/s ({r['ref_cpu']}/CPU-s), "
                    f"this {r['this']}/s ({r['this_cpu']}/CPU-s)"
                )
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(ref_tree)],
                cwd=ROOT,
                check=False,
                capture_output=True,
            )
    ref = statistics.median(r["ref"] for r in rounds)
    this = statistics.median(r["this"] for r in rounds)
    ref_cpu = statistics.median(r["ref_cpu"] for r in rounds)
    this_cpu = statistics.median(r["this_cpu"] for r in rounds)
    report = {
        "command": command_line("ingest_compare.py", argv),
        "date": utc_now(),
        "machine": machine_info(),
        "reference_commit": args.ref,
        "conversations": args.conversations,
        "rounds": rounds,
        "median_reference": ref,
        "median_this": this,
        "ratio": round(this / ref, 3),
        "median_reference_cpu": ref_cpu,
        "median_this_cpu": this_cpu,
        "cpu_ratio": round(this_cpu / ref_cpu, 3),
    }
    print(f"median: reference {ref}/s, this {this}/s, ratio {report['ratio']}")
    print(f"per CPU second: reference {ref_cpu}, this {this_cpu}, ratio {report['cpu_ratio']}")
    write_json(args.json, report)
    lines = [
        "# Ingest rate against a reference commit (same run)",
        "",
        f"Command: `{report['command']}`  ",
        machine_markdown(report["machine"]) + "  ",
        f"Date: {report['date']}; LoCoMo conversations: {args.conversations}; reference: "
        f"`{args.ref}`",
        "",
        "| round | reference (episodes/s) | this tree (episodes/s) "
        "| reference (episodes per CPU-s) | this tree (episodes per CPU-s) |",
        "| ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {i} | {r['ref']} | {r['this']} | {r['ref_cpu']} | {r['this_cpu']} |"
            for i, r in enumerate(rounds, 1)
        ),
        f"| median | {ref} | {this} | {ref_cpu} | {this_cpu} |",
        "",
        f"Ratio of the medians: **{report['ratio']}** in wall-clock rate, "
        f"**{report['cpu_ratio']}** per CPU second of the process (all its threads; "
        "less sensitive than the wall clock to other work on shared cores).",
        "",
    ]
    write_text(args.md, "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
