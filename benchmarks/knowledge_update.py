"""Knowledge update: does recall answer with what is true now, or as of a month?

    HF_HUB_OFFLINE=1 python benchmarks/knowledge_update.py --split A

Synthetic users (``knowledge_update_gen.py``) chat with a friend for two years and state,
then change, ten personal attributes. Each session is ingested with one ``mem.add`` call;
after the last session every question is asked with ``mem.search(question, k=10,
as_of=...)``. The ranked distinct source refs of the hits are judged against the turns
that state the asked value (acc@1, hit@5) and the user's turns that state another value
of the same attribute (stale@1). Raw-turn baselines rank the same turns for the same
questions in the same run: BM25, dense (MiniLM), dense + recency, dense + recency with
the turns after ``as_of`` dropped; the recency weights are tuned on split A.
Change recording and statement coverage are read from ``mem.memories(...,
include_closed=True)``.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

import graphmem
from benchmarks.common import (
    RESULTS,
    command_line,
    machine_info,
    machine_markdown,
    percentiles,
    store_uri,
    utc_now,
    write_json,
    write_text,
)
from benchmarks.knowledge_update_gen import (
    ATTRIBUTES,
    SPLITS,
    Conversation,
    Question,
    dataset_stats,
    generate,
)
from benchmarks.locomo_recall import BM25, distinct_refs, tokenize

SYSTEMS = ("graphmem", "bm25", "dense", "dense_recency", "dense_recency_dated")
RECENCY_SYSTEMS = ("dense_recency", "dense_recency_dated")
QTYPES = ("now", "as_of")
SEARCH_K = 10
HIT_K = 5
RECENCY_GRID = (0.0, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0)
SPLIT_NOTES = {
    "A": "development wordings",
    "B": "held-out wordings",
    "all": "both halves of the wordings",
}
TARGETS = {"now": {"acc@1": 0.85, "stale@1": 0.05}, "as_of": {"acc@1": 0.80}}

# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Outcome:
    acc1: bool  # the first distinct ref states the answer value
    hit5: bool  # a ref among the first HIT_K states it
    stale1: bool  # the first distinct ref states another value of the same attribute


def judge(ranked: Sequence[str], answer: frozenset[str], other: frozenset[str]) -> Outcome:
    """Judge ranked distinct refs against a question's answer and other-value refs."""
    first = ranked[0] if ranked else None
    return Outcome(
        acc1=first in answer,
        hit5=any(r in answer for r in ranked[:HIT_K]),
        stale1=first in other,
    )


@dataclass
class Tally:
    """Outcomes per question type and attribute."""

    rows: list[tuple[str, str, Outcome]] = field(default_factory=list)

    def add(self, q: Question, outcome: Outcome) -> None:
        self.rows.append((q.qtype, q.attribute, outcome))

    @staticmethod
    def _rates(outcomes: Sequence[Outcome]) -> dict[str, float | int]:
        n = len(outcomes)
        if not n:
            return {"acc@1": 0.0, "hit@5": 0.0, "stale@1": 0.0, "questions": 0}
        return {
            "acc@1": round(sum(o.acc1 for o in outcomes) / n, 4),
            "hit@5": round(sum(o.hit5 for o in outcomes) / n, 4),
            "stale@1": round(sum(o.stale1 for o in outcomes) / n, 4),
            "questions": n,
        }

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            t: self._rates([o for q, _, o in self.rows if q == t]) for t in QTYPES
        }
        out["all"] = self._rates([o for _, _, o in self.rows])
        return out

    def per_attribute(self) -> dict[str, Any]:
        return {
            a: {t: self._rates([o for q, b, o in self.rows if q == t and b == a]) for t in QTYPES}
            for a in ATTRIBUTES
        }


class MemoryLike(Protocol):
    id: str
    text: str
    object: str | None
    refs: tuple[str, ...]
    superseded_by: str | None

    @property
    def status(self) -> str: ...


def mentions(text: str, keys: Sequence[str]) -> bool:
    """Whether any key occurs in ``text`` as a whole word or phrase, ignoring case."""
    return any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", text, re.IGNORECASE) for k in keys)


def change_recorded(ref: str, old_keys: Sequence[str], memories: Sequence[MemoryLike]) -> bool:
    """A change said in turn ``ref`` is recorded when a memory m from that turn superseded
    a memory p (``p.superseded_by == m.id``, status superseded) that names the old value
    in its text or object."""
    new_ids = {m.id for m in memories if ref in m.refs}
    return any(
        p.superseded_by in new_ids
        and p.status == "superseded"
        and mentions(f"{p.text} {p.object or ''}", old_keys)
        for p in memories
    )


@dataclass
class ChangeTally:
    changes: dict[str, list[bool]] = field(default_factory=lambda: {"change": [], "end": []})
    by_attribute: dict[str, list[bool]] = field(default_factory=dict)
    by_style: dict[str, dict[str, list[bool]]] = field(default_factory=dict)
    covered: dict[str, list[bool]] = field(default_factory=dict)

    def add(self, conv: Conversation, memories: Sequence[MemoryLike]) -> None:
        refs_with_memory = {r for m in memories for r in m.refs}
        for s in conv.statements:
            self.covered.setdefault(s.kind, []).append(s.ref in refs_with_memory)
            if s.kind in self.changes and s.old is not None:
                recorded = change_recorded(s.ref, s.old.keys, memories)
                self.changes[s.kind].append(recorded)
                self.by_attribute.setdefault(s.attribute, []).append(recorded)
                if s.kind == "change":
                    styles = self.by_style.setdefault(s.attribute, {})
                    styles.setdefault(s.style or "unknown", []).append(recorded)

    def summary(self) -> dict[str, Any]:
        def share(xs: Sequence[bool]) -> float:
            return round(sum(xs) / len(xs), 4) if xs else 0.0

        every_change = [x for xs in self.changes.values() for x in xs]
        every_statement = [x for xs in self.covered.values() for x in xs]
        return {
            "change_statements": len(every_change),
            "recorded": share(every_change),
            "recorded_by_kind": {
                k: {"statements": len(v), "recorded": share(v)} for k, v in self.changes.items()
            },
            "recorded_by_attribute": {
                a: {"statements": len(v), "recorded": share(v)}
                for a in ATTRIBUTES
                if (v := self.by_attribute.get(a, []))
            },
            # old -> new changes by the style of their wording: only "names_old" says
            # that the old value is over
            "changes_recorded_by_style": {
                style: {"statements": len(v), "recorded": share(v)}
                for style in sorted({s for d in self.by_style.values() for s in d})
                if (v := [x for d in self.by_style.values() for x in d.get(style, [])])
            },
            "changes_recorded_by_attribute_and_style": {
                a: {st: {"statements": len(v), "recorded": share(v)} for st, v in sorted(d.items())}
                for a in ATTRIBUTES
                if (d := self.by_style.get(a))
            },
            "statement_turns": len(every_statement),
            "with_memory": share(every_statement),
            "with_memory_by_kind": {
                k: {"statements": len(v), "with_memory": share(v)} for k, v in self.covered.items()
            },
        }


# --------------------------------------------------------------------------- graphmem


def run_graphmem(
    conversations: Sequence[Conversation], uri: str, progress: Callable[[str, int], None]
) -> tuple[Tally, ChangeTally, dict[str, Any]]:
    tally, changes = Tally(), ChangeTally()
    ingest_s, turns, search_ms, empty = 0.0, 0, [], 0
    with graphmem.open(uri) as mem:
        mem.add(  # warm-up: load the models outside the timed calls
            [{"speaker": "Warm", "content": "I moved to Lisbon last May.", "ref": "W:1"}],
            user_id="__warmup__",
        )
        mem.search("Where did Warm move?", user_id="__warmup__", k=5)
        mem.forget(user_id="__warmup__")
        for conv in conversations:
            mem.forget(user_id=conv.user_id)
            for session in conv.sessions:
                messages = [t.message() for t in session.turns]
                start = time.perf_counter()
                mem.add(messages, user_id=conv.user_id, session_id=session.session_id)
                ingest_s += time.perf_counter() - start
                turns += len(messages)
                progress("ingest", len(messages))
            for q in conv.questions:
                start = time.perf_counter()
                hits = mem.search(q.text, user_id=conv.user_id, k=SEARCH_K, as_of=q.as_of)
                search_ms.append((time.perf_counter() - start) * 1000.0)
                ranked = distinct_refs((h.sources for h in hits), SEARCH_K * 100)
                empty += not ranked
                tally.add(q, judge(ranked, q.answer_refs, q.other_refs))
                progress("search", 1)
            changes.add(conv, mem.memories(conv.user_id, include_closed=True))
    stats = {
        "ingest_turns": turns,
        "ingest_s": round(ingest_s, 2),
        "ingest_turns_per_s": round(turns / ingest_s, 1) if ingest_s else 0.0,
        "search_ms": percentiles(search_ms),
        "search_k": SEARCH_K,
        "questions_without_sources": empty,
    }
    return tally, changes, stats


# --------------------------------------------------------------------------- baselines


@dataclass
class TurnIndex:
    """One conversation's raw turns, ready for the baselines."""

    refs: list[str]
    days: np.ndarray  # turn times in days since the epoch
    bm25: BM25
    vectors: np.ndarray

    def recency(self, until: float | None) -> np.ndarray:
        """Linear recency in [0, 1]: 0 at the first turn, 1 at ``until`` (default: the
        last turn)."""
        t0 = float(self.days.min())
        t1 = float(self.days.max()) if until is None else until
        return np.asarray(np.clip((self.days - t0) / max(t1 - t0, 1e-9), 0.0, 1.0))


def _days(t: datetime) -> float:
    return t.timestamp() / 86400.0


def index_conversations(
    conversations: Sequence[Conversation], embedder: graphmem.Embedder
) -> list[tuple[TurnIndex, np.ndarray]]:
    """A TurnIndex and the question vectors of each conversation."""
    out = []
    for conv in conversations:
        turns = conv.turns
        vectors = np.asarray(embedder.embed([t.plain for t in turns]), dtype=np.float32)
        index = TurnIndex(
            [t.ref for t in turns],
            np.array([_days(t.at) for t in turns]),
            BM25([tokenize(t.plain) for t in turns]),
            vectors,
        )
        qvec = np.asarray(embedder.embed([q.text for q in conv.questions]), dtype=np.float32)
        out.append((index, qvec))
    return out


def baseline_scores(
    system: str, index: TurnIndex, q: Question, qvec: np.ndarray, weight: float
) -> np.ndarray:
    """Scores of every turn for ``q`` (-inf for a turn the system drops)."""
    if system == "bm25":
        return index.bm25.scores(tokenize(q.text))
    scores = index.vectors @ qvec
    if system == "dense":
        return np.asarray(scores, dtype=np.float64)
    if system == "dense_recency":
        return np.asarray(scores + weight * index.recency(None), dtype=np.float64)
    if system == "dense_recency_dated":
        until = _days(q.as_of) if q.as_of is not None else None
        out = np.asarray(scores + weight * index.recency(until), dtype=np.float64)
        if until is not None:
            out[index.days > until] = -math.inf
        return out
    raise ValueError(system)


def ranked_refs(scores: np.ndarray, refs: Sequence[str]) -> list[str]:
    order = np.argsort(-scores, kind="stable")
    return [refs[i] for i in order if np.isfinite(scores[i])]


def tune_recency(
    conversations: Sequence[Conversation], indexed: Sequence[tuple[TurnIndex, np.ndarray]]
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Per recency system and question type, the grid weight with the best acc@1 (ties:
    the smallest weight)."""
    grid: dict[str, dict[str, dict[str, float]]] = {}
    best: dict[str, dict[str, float]] = {}
    for system in RECENCY_SYSTEMS:
        grid[system], best[system] = {}, {}
        for qtype in QTYPES:
            cases = [
                (idx, q, qv)
                for conv, (idx, qvecs) in zip(conversations, indexed, strict=True)
                for q, qv in zip(conv.questions, qvecs, strict=True)
                if q.qtype == qtype
            ]
            accs = {}
            for w in RECENCY_GRID:
                acc = sum(
                    judge(
                        ranked_refs(baseline_scores(system, idx, q, qv, w), idx.refs),
                        q.answer_refs,
                        q.other_refs,
                    ).acc1
                    for idx, q, qv in cases
                )
                accs[str(w)] = round(acc / max(1, len(cases)), 4)
            grid[system][qtype] = accs
            best[system][qtype] = max(RECENCY_GRID, key=lambda w: (accs[str(w)], -w))
    return best, grid


def run_baselines(
    conversations: Sequence[Conversation],
    indexed: Sequence[tuple[TurnIndex, np.ndarray]],
    weights: dict[str, dict[str, float]],
) -> dict[str, Tally]:
    tallies = {s: Tally() for s in SYSTEMS if s != "graphmem"}
    for conv, (idx, qvecs) in zip(conversations, indexed, strict=True):
        for q, qv in zip(conv.questions, qvecs, strict=True):
            for system, tally in tallies.items():
                w = weights.get(system, {}).get(q.qtype, 0.0)
                ranked = ranked_refs(baseline_scores(system, idx, q, qv, w), idx.refs)
                tally.add(q, judge(ranked, q.answer_refs, q.other_refs))
    return tallies


# --------------------------------------------------------------------------- output


def _f(x: float) -> str:
    return f"{x:.3f}"


def main_rows(systems: dict[str, Any]) -> list[list[str]]:
    rows = []
    for name, res in systems.items():
        row = [name]
        for t in QTYPES:
            row += [_f(res[t][m]) for m in ("acc@1", "hit@5", "stale@1")]
        rows.append([*row, _f(res["all"]["acc@1"])])
    return rows


MAIN_HEADS = ["system"] + [f"{t} {m}" for t in QTYPES for m in ("acc@1", "hit@5", "stale@1")]
MAIN_HEADS.append("all acc@1")


def attribute_rows(report: dict[str, Any]) -> list[list[str]]:
    per = report["per_attribute"]
    rows = []
    for a in ATTRIBUTES:
        g = per["graphmem"][a]
        row = [a, str(g["now"]["questions"]), str(g["as_of"]["questions"])]
        row += [_f(g["now"]["stale@1"])]
        row += [f"{_f(per[s][a]['now']['acc@1'])} / {_f(per[s][a]['as_of']['acc@1'])}" for s in per]
        rows.append(row)
    return rows


def print_table(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    d = report["dataset"]
    table = Table(
        title=f"Knowledge update, split {report['split']} ({d['users']} users, "
        f"{d['questions']['now']} now + {d['questions']['as_of']} as-of questions)"
    )
    for h in MAIN_HEADS:
        table.add_column(h, justify="left" if h == "system" else "right")
    for row in main_rows(report["systems"]):
        table.add_row(*row)
    console = Console(width=max(Console().width, 110))
    console.print(table)
    c, g = report["change_recording"], report["graphmem"]
    console.print(
        f"graphmem: changes recorded {c['recorded']:.3f} of {c['change_statements']}; "
        f"statement turns with a memory {c['with_memory']:.3f} of {c['statement_turns']}; "
        f"ingest {g['ingest_turns_per_s']} turns/s; search p50 {g['search_ms']['p50']} ms, "
        f"p95 {g['search_ms']['p95']} ms; run {report['wall_s']} s"
    )


def markdown(report: dict[str, Any]) -> str:
    d, c, g, tune = (report[k] for k in ("dataset", "change_recording", "graphmem", "tuning"))
    kinds = d["statements_by_kind"]
    lines = [
        f"# Knowledge update (split {report['split']})",
        "",
        f"Command: `{report['command']}`  ",
        f"Machine: {machine_markdown(report['machine'])}  ",
        f"Date: {report['date']}  ",
        f"Split: {report['split']} ({SPLIT_NOTES[report['split']]}), seed {report['seed']}, "
        f"{d['users']} users; run time {report['wall_s']} s",
        "",
        f"{d['users']} synthetic users, {d['sessions']} sessions (at least "
        f"{d['span_days_min']} days per user), {d['turns']} turns: {d['statement_turns']} "
        f"statements by the user about their own attributes ({kinds['first']} first values, "
        f"{kinds['change']} changes, {kinds['end']} ends, {kinds['restate']} re-statements; "
        f"{d['with_time_phrase']} with a relative time) and {d['other_turns']} other turns "
        "(reactions, remarks about other people, small talk). "
        f"{d['questions']['now']} `now` questions and {d['questions']['as_of']} `as_of` "
        "questions.",
        "",
        "| " + " | ".join(MAIN_HEADS) + " |",
        "| " + " | ".join(["---"] + ["---:"] * (len(MAIN_HEADS) - 1)) + " |",
        *("| " + " | ".join(row) + " |" for row in main_rows(report["systems"])),
        "",
        "acc@1: the first distinct source ref of the ranking is a turn that states the asked "
        "value (the statement or a later re-statement by the user); hit@5: one is among "
        "the first five; stale@1: the first is a turn in which the user states another value "
        "of the same attribute (an older or later one, or its end). Targets: now acc@1 "
        "≥ 0.85 with stale@1 ≤ 0.05, as-of acc@1 ≥ 0.80.",
        "",
        "## graphmem: change recording and ingest",
        "",
        f"- Change statements recorded as a new version superseding the old one: "
        f"**{c['recorded']:.3f}** of {c['change_statements']} (old → new "
        f"{c['recorded_by_kind']['change']['recorded']:.3f} of "
        f"{c['recorded_by_kind']['change']['statements']}, old → nothing "
        f"{c['recorded_by_kind']['end']['recorded']:.3f} of "
        f"{c['recorded_by_kind']['end']['statements']}). By attribute: "
        + ", ".join(f"{a} {v['recorded']:.3f}" for a, v in c["recorded_by_attribute"].items())
        + ". Pets and sports are many-valued in graphmem (a person keeps several of each), "
        'so a new one said without the old one\'s end ("Meet Bean, my new gecko") is added '
        "beside it and supersedes nothing, though the generator counts it as a change.",
        "- Old → new changes by the style of their wording (only `names_old` wordings say "
        "that the old value is over): "
        + ", ".join(
            f"{st} {v['recorded']:.3f} of {v['statements']}"
            for st, v in c["changes_recorded_by_style"].items()
        )
        + "; pets and sports: "
        + ", ".join(
            f"{a} " + " / ".join(f"{st} {v['recorded']:.3f}" for st, v in styles.items())
            for a, styles in c["changes_recorded_by_attribute_and_style"].items()
            if a in ("pet", "sport")
        )
        + ".",
        f"- Statement turns that produced any memory: **{c['with_memory']:.3f}** of "
        f"{c['statement_turns']} ("
        + ", ".join(f"{k} {v['with_memory']:.3f}" for k, v in c["with_memory_by_kind"].items())
        + ").",
        f"- Ingest: {g['ingest_turns']} turns in {g['ingest_s']} s "
        f"({g['ingest_turns_per_s']} turns/s, `add` calls only, one per session). Search "
        f"(k={g['search_k']}): p50 {g['search_ms']['p50']} ms, p95 {g['search_ms']['p95']} ms; "
        f"{g['questions_without_sources']} questions got no source ref.",
        "",
        "## Per attribute: acc@1 now / as of",
        "",
    ]
    heads = ["attribute", "now n", "as-of n", "graphmem now stale@1", *report["per_attribute"]]
    lines += [
        "| " + " | ".join(heads) + " |",
        "| " + " | ".join(["---"] + ["---:"] * (len(heads) - 1)) + " |",
        *("| " + " | ".join(row) + " |" for row in attribute_rows(report)),
        "",
        "## Baselines",
        "",
        "Raw turns (`Speaker: text`) of each user, ranked for the same questions: `bm25` "
        "(Okapi, k1=1.5, b=0.75, the LoCoMo benchmark's tokenizer), `dense` (MiniLM cosine), "
        "`dense_recency` (cosine + w × recency, recency rising linearly from 0 at the user's "
        "first turn to 1 at the last), `dense_recency_dated` (turns after `as_of` dropped; "
        "recency reaches 1 at `as_of`). The weights w were tuned on "
        f"{tune['tuned_on']} by grid search ({', '.join(map(str, RECENCY_GRID))}) for "
        "acc@1, separately per system and question type (a system knows whether `as_of` "
        "was given): "
        + "; ".join(f"{s} now {w['now']}, as of {w['as_of']}" for s, w in tune["weights"].items())
        + ".",
        "",
    ]
    return "\n".join(lines)


def plot(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = report["systems"]
    names = list(systems)
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    for ax, metric in zip(axes, ("acc@1", "stale@1"), strict=True):
        for i, t in enumerate(QTYPES):
            xs = [j + (i - 0.5) * 0.38 for j in range(len(names))]
            ax.bar(xs, [systems[n][t][metric] for n in names], 0.38, label=t.replace("_", " "))
            target = TARGETS[t].get(metric)
            if target is not None:
                ax.axhline(target, ls="--", lw=1, color=f"C{i}", alpha=0.7)
        ax.set_xticks(range(len(names)), names, rotation=20, ha="right", fontsize="small")
        ax.set_title(metric + (" (higher is better)" if metric == "acc@1" else " (lower)"))
        ax.set_ylim(0, 1)
        ax.grid(axis="y", alpha=0.3)
    axes[0].legend(title="question", fontsize="small")
    fig.suptitle(
        f"Knowledge update, split {report['split']} ({report['dataset']['users']} users; "
        "dashed: targets)"
    )
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--split", choices=SPLITS, default="all", help="wordings to use")
    parser.add_argument("--uri", help="graphmem store URI (default: a fresh temp dir)")
    for opt, ext in (("--json", "json"), ("--md", "md"), ("--plot", "png")):
        parser.add_argument(
            opt, type=Path, help=f"default results/knowledge_update_<split>.{ext} (no suffix "
            "for --split all)",
        )  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.users < 1:
        parser.error("--users must be at least 1")
    suffix = "" if args.split == "all" else f"_{args.split}"
    for opt, ext in (("json", "json"), ("md", "md"), ("plot", "png")):
        if getattr(args, opt) is None:
            setattr(args, opt, RESULTS / f"knowledge_update{suffix}.{ext}")

    started = time.perf_counter()
    conversations = generate(args.users, args.seed, args.split)
    stats = dataset_stats(conversations)
    n_questions = sum(stats["questions"].values())

    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True, disable=args.quiet) as bar:
        tasks = {
            "ingest": bar.add_task("graphmem add", total=stats["turns"]),
            "search": bar.add_task("graphmem search", total=n_questions),
        }

        def progress(what: str, n: int) -> None:
            bar.advance(tasks[what], n)

        with store_uri(args.uri, "graphmem-ku-") as uri:
            tally, changes, gstats = run_graphmem(conversations, uri, progress)
    embedder = graphmem.MiniLMEmbedder()
    indexed = index_conversations(conversations, embedder)
    if args.split == "A":
        dev, dev_indexed = conversations, indexed
    else:  # same seed and users: the same plan, worded with split A
        dev = generate(args.users, args.seed, "A")
        dev_indexed = index_conversations(dev, embedder)
    weights, grid = tune_recency(dev, dev_indexed)
    baselines = run_baselines(conversations, indexed, weights)

    tallies = {"graphmem": tally, **baselines}
    report: dict[str, Any] = {
        "benchmark": "knowledge_update",
        "split": args.split,
        "seed": args.seed,
        "commit": None,  # filled below from the machine info
        "dataset": stats,
        "systems": {name: t.summary() for name, t in tallies.items()},
        "per_attribute": {name: t.per_attribute() for name, t in tallies.items()},
        "change_recording": changes.summary(),
        "graphmem": gstats,
        "tuning": {
            "tuned_on": f"split A, seed {args.seed}, {args.users} users",
            "objective": "acc@1",
            "grid": list(RECENCY_GRID),
            "weights": weights,
            "acc@1_by_weight": grid,
        },
        "uri": "temp dir" if args.uri is None else args.uri,
        "machine": machine_info(),
        "command": command_line("knowledge_update.py", argv),
        "date": utc_now(),
    }
    report["commit"] = report["machine"].get("git_commit")
    report["wall_s"] = round(time.perf_counter() - started, 1)
    print_table(report)
    write_json(args.json, report)
    write_text(args.md, markdown(report))
    plot(report, args.plot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
