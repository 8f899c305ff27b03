"""Small talk: how often is a passing remark stored as a lasting fact about the speaker?

    HF_HUB_OFFLINE=1 python benchmarks/smalltalk_facts.py --quiet

Lines of small talk written by the team (``data/smalltalk/``): one-off outings, things
watched or heard, errands, meals, weather, work grumbles; none states a lasting fact
about the speaker (home, employer, job, partner, pets, diet, car, favourites, sports or
hobbies taken up), though many name a sport, band, food, city, firm or job in passing
("the snooker was on at the pub"). Each line is one message of Maya's, a user of its
own, in one embedded store. A line is a false fact when a fact or preference about
Maya is read from it (events, "Maya went to a yoga class today", are what such a line
says and are not counted). ``dev`` and ``dev2`` were developed on; ``heldout`` is only
measured.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

import graphmem
from benchmarks.common import (
    RESULTS,
    ROOT,
    command_line,
    machine_info,
    machine_markdown,
    store_uri,
    utc_now,
    write_json,
    write_text,
)

DATA = ROOT / "benchmarks" / "data" / "smalltalk"
#: set name -> role
SETS = {"dev": "dev", "dev2": "dev", "heldout": "held out"}
SPEAKER = "Maya"
AT = "2024-03-01T10:00:00+00:00"


def read_lines(path: Path) -> list[str]:
    return [s for line in path.read_text(encoding="utf-8").splitlines() if (s := line.strip())]


def false_facts(lines: list[str], uri: str) -> list[list[str]]:
    """For each line, the predicates of the facts and preferences about the speaker read
    from it."""
    out = []
    with graphmem.open(uri) as mem:
        for i, line in enumerate(lines):
            message = {"speaker": SPEAKER, "content": line, "ref": f"L{i + 1}", "at": AT}
            result = mem.add([message], user_id=f"smalltalk-{i + 1}")
            out.append(
                [
                    str(m.predicate)
                    for m in result.memories
                    if m.kind != graphmem.Kind.EVENT and m.subject == SPEAKER
                ]
            )
    return out


def summarize(lines: list[str], read: list[list[str]], role: str) -> dict[str, Any]:
    flagged = [(line, preds) for line, preds in zip(lines, read, strict=True) if preds]
    return {
        "role": role,
        "lines": len(lines),
        "lines_with_false_fact": len(flagged),
        "rate": round(len(flagged) / len(lines), 4) if lines else 0.0,
        "by_predicate": dict(Counter(p for _, preds in flagged for p in preds).most_common()),
    }


def table_lines(report: dict[str, Any]) -> list[str]:
    rows = [
        "| set | role | lines | lines with a false fact | rate | predicates read |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for name, s in report["sets"].items():
        preds = ", ".join(f"{p} {n}" for p, n in s["by_predicate"].items()) or "-"
        rows.append(
            f"| {name} | {s['role']} | {s['lines']} | {s['lines_with_false_fact']} "
            f"| {s['rate']:.3f} | {preds} |"
        )
    return rows


def markdown(report: dict[str, Any]) -> str:
    return "\n".join(
        [
            "# Small talk read as facts",
            "",
            f"Command: `{report['command']}`  ",
            f"Machine: {machine_markdown(report['machine'])}  ",
            f"Date: {report['date']}; run time {report['wall_s']} s",
            "",
            *table_lines(report),
            "",
            "Lines of small talk written by the team (`benchmarks/data/smalltalk/`), each one "
            "message of Maya's in a store of its own user. A line counts when a fact or "
            "preference about Maya is read from it (events are not counted). Lower is "
            "better. dev and dev2 were developed on; heldout is only measured.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", help="graphmem store URI (default: a fresh temp dir)")
    parser.add_argument("--json", type=Path, default=RESULTS / "smalltalk_facts.json")
    parser.add_argument("--md", type=Path, default=RESULTS / "smalltalk_facts.md")
    parser.add_argument(
        "--show", action="store_true", help="print each line read as a fact, with what was read"
    )
    parser.add_argument("--quiet", action="store_true", help="(no progress output either way)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    sets: dict[str, Any] = {}
    for name, role in SETS.items():
        lines = read_lines(DATA / f"{name}.txt")
        with store_uri(args.uri, f"smalltalk-{name}-") as uri:
            read = false_facts(lines, uri)
        sets[name] = summarize(lines, read, role)
        if args.show:
            for line, preds in zip(lines, read, strict=True):
                if preds:
                    print(f"{name}: {line}  ->  {', '.join(preds)}")
    report: dict[str, Any] = {
        "benchmark": "smalltalk_facts",
        "commit": None,
        "sets": sets,
        "files": {name: f"benchmarks/data/smalltalk/{name}.txt" for name in SETS},
        "machine": machine_info(),
        "command": command_line("smalltalk_facts.py", argv),
        "date": utc_now(),
    }
    report["commit"] = report["machine"].get("git_commit")
    report["wall_s"] = round(time.perf_counter() - started, 1)
    print("\n".join(table_lines(report)))
    write_json(args.json, report)
    write_text(args.md, markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
