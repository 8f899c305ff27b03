"""Search latency and build rate with N synthetic messages for one user, on any store.

    HF_HUB_OFFLINE=1 python benchmarks/search_latency.py --memories 10000
    HF_HUB_OFFLINE=1 python benchmarks/search_latency.py --memories 5000 \
        --uri falkordb://127.0.0.1:6379/latency

Builds the store through the public API: ``add`` with batches of plain-string messages
(500 per call by default) generated from templates with random names, places and objects
(deterministic seed); each message becomes an episode and the extractor adds whatever
memories it finds. ``--extractor none`` plugs in an extractor that extracts nothing (the
store then holds the episodes only), to build large stores faster. Then runs 200 queries
and reports search p50/p95 in ms, each including the query embedding, and the process's
peak RSS (of this process: a server's memory is its own). Results of several runs are
merged into one JSON and one Markdown file, keyed by store kind, size and extractor;
``--png`` plots search p50/p95 against the number of messages, one curve per store.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

import graphmem
from benchmarks.common import (
    RESULTS,
    command_line,
    current_rss_mb,
    machine_info,
    machine_markdown,
    max_rss_mb,
    percentiles,
    server_auth,
    store_uri,
    utc_now,
    write_json,
    write_text,
)


def _words(text: str, sep: str | None = None) -> list[str]:
    return [w.strip() for w in text.split(sep) if w.strip()]


FIRST = _words("""Anna Ben Carla Dev Elif Farid Greta Hugo Ines Jonas Kaito Lena Mateo Nadia Omar
Priya Quinn Rosa Samir Tara Umar Vera Wen Ximena Yusuf Zoe Aiden Bianca Chidi Dana Emil
Fatima Gideon Hana Ivan Jade Kofi Lucia Marek Noor Oskar Paula Rafael Sofia Theo Uma Viktor
Willa Yara Zane Amara Bruno Cleo Dario Esme Felix Gaia Hamid Isla Joel Kira Leo Mira Nils
Olga Pablo Rhea Sven Talia Ugo Valentina Wilbur Xander Yasmin Zora""")
LAST = _words("""Novak Okafor Petrov Quispe Rossi Silva Tanaka Ueda Varga Weber Xu Yilmaz Zhang
Andersen Becker Costa Dubois Eriksen Fischer Garcia Haddad Ivanova Jensen Kowalski Larsen
Moreau Nakamura Ortiz Park Ramos Schmidt Torres""")
PLACES = _words("""Berlin Lisbon Oslo Porto Kyoto Lima Nairobi Toronto Krakow Seville Hanoi Quito
Dublin Tallinn Marseille Bologna Cusco Hobart Tbilisi Valparaiso Reykjavik Montreal Dakar
Osaka Bergen Ghent Leipzig Split Izmir Cordoba Busan Perth Austin Denver Tucson Halifax
Salzburg Lyon Turin Malaga""")
OBJECTS = _words(
    """guitar, bicycle, camera, novel, kite, laptop, violin, telescope, sourdough starter,
    kayak, tent, drone, chessboard, sketchbook, record player, typewriter, houseplant,
    skateboard, microscope, sewing machine, espresso machine, harmonica, snowboard, canoe,
    easel""",
    ",",
)
ACTIVITIES = _words("""hiking swimming painting pottery baking climbing running chess gardening
cycling sailing yoga knitting surfing photography birdwatching woodworking dancing archery
fencing rowing skiing""")
ADJECTIVES = _words("""red old new tiny heavy vintage blue second-hand shiny handmade cheap
expensive green wooden""")
JOBS = _words("""nurse teacher architect baker engineer lawyer chef pilot librarian plumber
journalist dentist carpenter pharmacist designer""")
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _words("""January February March April May June July August September October November
December""")

TEMPLATES = (
    "{name} bought a {adj} {obj} in {place} last {weekday}.",
    "{name} moved to {place} in {month} {year}.",
    "{name} works as a {job} in {place}.",
    "{name} loves {activity} on weekends.",
    "{name} does not like {activity2} at all.",
    "{name} visited {place} with {friend} in {month}.",
    "{name} is learning to play the {obj} with {friend}.",
    "{name} lost a {adj} {obj} on the train to {place}.",
    "{name} and {friend} went {activity} near {place} on {weekday}.",
    "{name}'s favourite city is {place}.",
    "{name} gave {friend} a {adj} {obj} for their birthday.",
    "{name} started a new job as a {job} in {month} {year}.",
    "{name} has been practising {activity} for {n} years.",
    "{name} is planning a trip to {place} next {month}.",
    "{name} repaired a {adj} {obj} for {friend} last week.",
    "{name} met {friend} at a {activity} class in {place}.",
    "{name} sold a {obj} to a neighbour in {place} for {n}0 euros.",
    "{name} wants to adopt a dog after moving to {place}.",
    "{name} told {friend} about a {activity} festival in {place}.",
    "{name} finished reading a novel about {place} on {weekday}.",
)
QUERIES = (
    "What did {name} buy in {place}?",
    "Where does {name} live?",
    "What is {name}'s job?",
    "What does {name} like to do on weekends?",
    "Who went {activity} near {place}?",
    "When did {name} move to {place}?",
    "Which instrument is {name} learning?",
    "What did {name} give {friend}?",
    "Who visited {place} in {month}?",
    "What does {name} dislike?",
)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.5 else rng.choice(FIRST)


def _fill(template: str, rng: random.Random) -> str:
    name = _person(rng)
    friend = _person(rng)
    while friend == name:
        friend = _person(rng)
    return template.format(
        name=name,
        friend=friend,
        place=rng.choice(PLACES),
        obj=rng.choice(OBJECTS),
        adj=rng.choice(ADJECTIVES),
        activity=rng.choice(ACTIVITIES),
        activity2=rng.choice(ACTIVITIES),
        job=rng.choice(JOBS),
        weekday=rng.choice(WEEKDAYS),
        month=rng.choice(MONTHS),
        year=rng.randint(2015, 2024),
        n=rng.randint(2, 15),
    )


def synthetic_sentences(n: int, seed: int) -> list[str]:
    """``n`` varied synthetic statements, the same for the same seed."""
    rng = random.Random(seed)
    return [_fill(rng.choice(TEMPLATES), rng) for _ in range(n)]


def synthetic_queries(n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` (template, query) pairs, the same for the same seed."""
    rng = random.Random(seed + 1)
    out = []
    for _ in range(n):
        template = rng.choice(QUERIES)
        out.append((template, _fill(template, rng)))
    return out


class NoExtraction:
    """An extractor that extracts nothing: ``add`` then stores episodes only."""

    def extract(self, utterances: Sequence[graphmem.Utterance]) -> list[graphmem.Extraction]:
        return [graphmem.Extraction() for _ in utterances]


def run(args: argparse.Namespace, argv: list[str] | None) -> dict[str, Any]:
    from rich.console import Console
    from rich.progress import Progress

    sentences = synthetic_sentences(args.memories, args.seed)
    queries = synthetic_queries(args.queries, args.seed)
    extractor = NoExtraction() if args.extractor == "none" else None
    user = "latency"
    built = 0
    build_s = 0.0
    stopped_early = False
    with (
        store_uri(args.uri, "graphmem-latency-") as uri,
        graphmem.open(uri, extractor=extractor, auth=server_auth()) as mem,
    ):
        mem.forget(user_id=user)
        mem.add(["Warm-up: Anna moved to Porto."], user_id="__warmup__")  # load the models
        mem.search("Where does Anna live?", user_id="__warmup__", k=5)
        mem.forget(user_id="__warmup__")
        with Progress(console=Console(stderr=True), transient=True, disable=args.quiet) as bar:
            task = bar.add_task("add", total=len(sentences))
            for i in range(0, len(sentences), args.batch):
                batch = sentences[i : i + args.batch]
                start = time.perf_counter()
                mem.add(batch, user_id=user, session_id=f"batch-{i // args.batch}")
                build_s += time.perf_counter() - start
                built += len(batch)
                bar.advance(task, len(batch))
                if args.max_build_s and build_s > args.max_build_s and built < len(sentences):
                    stopped_early = True
                    break
        rss_after_build = current_rss_mb()
        stats = mem.stats(user_id=user)
        for _, q in queries[:5]:  # warm caches of the search path
            mem.search(q, user_id=user, k=args.k)
        times: list[float] = []
        by_template: dict[str, list[float]] = {}
        for template, q in queries:
            start = time.perf_counter()
            mem.search(q, user_id=user, k=args.k)
            times.append((time.perf_counter() - start) * 1000.0)
            by_template.setdefault(template, []).append(times[-1])
    return {
        "store": store_kind(args.uri),
        "memories_requested": args.memories,
        "messages_added": built,
        "stopped_early": stopped_early,
        "extractor": args.extractor,
        "batch": args.batch,
        "contents": {
            "episodes": stats.episodes,
            "memories": stats.memories,
            "entities": stats.entities,
        },
        "build_s": round(build_s, 1),
        "build_messages_per_s": round(built / build_s, 1) if build_s else 0.0,
        "queries": len(queries),
        "k": args.k,
        "search_ms": percentiles(times),
        "search_ms_by_query_template": {t: percentiles(v) for t, v in by_template.items()},
        "rss_mb": {"after_build": rss_after_build, "peak": max_rss_mb()},
        "machine": machine_info(),
        "command": command_line("search_latency.py", argv),
        "date": utc_now(),
    }


def store_kind(uri: str | None) -> str:
    """``embedded``, ``falkordb`` or ``neo4j``: the kind of store a URI names."""
    scheme = (uri or "local://").split("://", 1)[0]
    return "embedded" if scheme == "local" else "falkordb" if scheme == "falkordb" else "neo4j"


def _contents(r: dict[str, Any]) -> dict[str, Any]:
    """What the store held (runs recorded before the store column called it ``store``)."""
    held = r.get("contents", r.get("store"))
    return held if isinstance(held, dict) else {}


def _kind(r: dict[str, Any]) -> str:
    return r["store"] if isinstance(r.get("store"), str) else "embedded"


def markdown(runs: dict[str, Any]) -> str:
    lines = [
        "# Search latency and build rate (one user)",
        "",
        "Each run: synthetic template statements added with `add` in batches of plain "
        "strings, then 200 synthetic queries; search time includes the query embedding. "
        "`extractor none` stores episodes only (no extraction), to build large stores "
        "faster. RSS is the benchmark process's peak (`getrusage`; a server's own memory "
        "is not in it). Runs on one machine whose cores other work shares: compare runs "
        "of the same date only.",
        "",
        "| store | messages | extractor | episodes | memories | entities | build msg/s | "
        "search p50 ms | search p95 ms | peak RSS MiB | date |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in runs.values():
        note = " (stopped early)" if r["stopped_early"] else ""
        held = _contents(r)
        lines.append(
            f"| {_kind(r)} | {r['messages_added']}{note} | {r['extractor']} | "
            f"{held['episodes']} | {held['memories']} | {held['entities']} | "
            f"{r['build_messages_per_s']} | {r['search_ms']['p50']} | {r['search_ms']['p95']} | "
            f"{r['rss_mb']['peak']} | {r['date']} |"
        )
    lines += ["", "Commands and machines:", ""]
    for r in runs.values():
        lines.append(f"- `{r['command']}` — {machine_markdown(r['machine'])}")
    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memories", type=int, required=True, help="messages to add")
    parser.add_argument("--uri", help="graphmem store URI (default: a fresh temp dir)")
    parser.add_argument("--json", type=Path, default=RESULTS / "search_latency.json")
    parser.add_argument("--md", type=Path, default=RESULTS / "search_latency.md")
    parser.add_argument("--png", type=Path, default=None, help="plot of every recorded run")
    parser.add_argument("--batch", type=int, default=500, help="messages per add call")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("-k", type=int, default=10, help="hits per search")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--extractor", choices=("default", "none"), default="default")
    parser.add_argument(
        "--max-build-s", type=float, default=0.0, help="stop adding after this long (0: never)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.memories < 1 or args.batch < 1 or args.queries < 1:
        parser.error("--memories, --batch and --queries must be positive")

    result = run(args, argv)
    runs: dict[str, Any] = {}
    if args.json and args.json.exists():
        try:
            runs = json.loads(args.json.read_text(encoding="utf-8")).get("runs", {})
        except (ValueError, AttributeError):
            runs = {}
    key = f"{result['store']}/{args.memories}/{args.extractor}"
    runs = {f"embedded/{k}" if k.count("/") == 1 else k: v for k, v in runs.items()}
    runs[key] = result
    runs = dict(sorted(runs.items(), key=lambda kv: (kv[1]["memories_requested"], kv[0])))

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"graphmem search latency ({result['store']} store)")
    for col in ("messages", "extractor", "memories", "build msg/s", "p50 ms", "p95 ms", "RSS MiB"):
        table.add_column(col, justify="right")
    table.add_row(
        str(result["messages_added"]),
        result["extractor"],
        str(result["contents"]["memories"]),
        str(result["build_messages_per_s"]),
        str(result["search_ms"]["p50"]),
        str(result["search_ms"]["p95"]),
        str(result["rss_mb"]["peak"]),
    )
    Console().print(table)
    if args.json:
        write_json(args.json, {"runs": runs})
    if args.md:
        write_text(args.md, markdown(runs))
    if args.png:
        plot(runs, args.png)
    return 0


def plot(runs: dict[str, Any], path: Path) -> None:
    """Search p50 (solid) and p95 (dashed) against messages: one colour per store, one
    marker per extractor (runs of one store and extractor joined in size order)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    kinds = sorted({_kind(r) for r in runs.values()})
    for kind in kinds:
        colour = f"C{kinds.index(kind)}"
        for extractor, marker in (("default", "o"), ("none", "^")):
            mine = sorted(
                (r for r in runs.values() if _kind(r) == kind and r["extractor"] == extractor),
                key=lambda r: r["messages_added"],
            )
            if not mine:
                continue
            xs = [r["messages_added"] for r in mine]
            label = f"{kind}" + ("" if extractor == "default" else ", episodes only")
            p50 = [r["search_ms"]["p50"] for r in mine]
            p95 = [r["search_ms"]["p95"] for r in mine]
            ax.plot(xs, p50, marker + "-", color=colour, label=f"{label} p50")
            ax.plot(xs, p95, marker + "--", color=colour, label=f"{label} p95", alpha=0.7)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("messages added (one user)")
    ax.set_ylabel("search ms (query embedding included)")
    ax.set_title("graphmem search latency by store (2 shared cores)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)


if __name__ == "__main__":
    raise SystemExit(main())
