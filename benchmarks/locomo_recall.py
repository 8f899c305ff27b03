"""Evidence recall on LoCoMo: graphmem search vs raw-turn baselines (BM25, dense, RRF).

    HF_HUB_OFFLINE=1 python benchmarks/locomo_recall.py \
        --data ../shared/data/locomo/locomo-dev.json

Each conversation is one user (``user_id`` = its ``sample_id``); each session is ingested
with one ``add`` call, one message per turn (ref = the turn's ``dia_id``, at = the session
date). Every question of categories 1-4 with evidence is asked with ``search``; recall@k
is the share of its evidence turns among the first k distinct source refs of the ranked
hits. The baselines rank the same turns without graphmem: Okapi BM25, dense cosine with
the same MiniLM model, their reciprocal-rank fusion over date-prefixed turns, and that
fusion with +/-1-turn neighbour smoothing.

Evidence ids are normalised conservatively: every ``D<session>:<turn>`` found in an
evidence string is kept (so "D8:6; D9:17" gives two ids and "D:11:26" gives "D11:26"),
numbers lose leading zeros, duplicates go, and ids that name no turn of the conversation
(e.g. a bare "D") are dropped and counted; a question left with no evidence is skipped.

The data is read from the given path and never copied: results hold aggregates only.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

import graphmem
from benchmarks.common import (
    RESULTS,
    command_line,
    machine_info,
    machine_markdown,
    percentiles,
    server_auth,
    store_uri,
    utc_now,
    write_json,
    write_text,
)
from graphmem import locomo

CATEGORIES = ("1", "2", "3", "4")
CATEGORY_NAMES = {"1": "multi-hop", "2": "temporal", "3": "open-domain", "4": "single-hop"}
SYSTEMS = ("graphmem", "bm25", "dense", "rrf_dated", "rrf_dated_nb")
#: graphmem on a store filled by the command ``graphmem ingest --format locomo``
CLI_SYSTEM = "graphmem_ingest_cli"
KS = (5, 10)
RRF_K = 60
NEIGHBOUR_WEIGHT = 0.5

# --------------------------------------------------------------------------- evidence

_EVIDENCE_ID = re.compile(r"D\s*:?\s*(\d+)\s*:\s*(\d+)", re.IGNORECASE)


def normalise_evidence(
    raw: Iterable[Any], known: Container[str] | None = None
) -> tuple[list[str], list[str]]:
    """Split and normalise LoCoMo evidence strings into dia_ids ``D<s>:<t>``.

    Every ``D<s>:<t>`` pattern in a string is one id (a string may hold several, with
    any separator; a stray colon as in "D:11:26" is tolerated); leading zeros go and
    duplicates keep their first position. Strings with no such pattern and, when
    ``known`` is given, ids not in it are returned as dropped."""
    kept: list[str] = []
    dropped: list[str] = []
    for item in raw:
        text = str(item)
        found = [f"D{int(a)}:{int(b)}" for a, b in _EVIDENCE_ID.findall(text)]
        if not found:
            dropped.append(text)
            continue
        for ref in found:
            if known is not None and ref not in known:
                dropped.append(ref)
            elif ref not in kept:
                kept.append(ref)
    return kept, dropped


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Turn:
    """A turn of the library's reader (``graphmem.locomo``) with its session and date,
    for the raw-turn baselines."""

    ref: str
    speaker: str
    text: str  # the turn's text plus the image caption, if any
    session: int
    at: datetime

    @property
    def plain(self) -> str:
        return f"{self.speaker}: {self.text}"

    @property
    def dated(self) -> str:
        return f"[{self.at.day} {self.at:%B %Y}] {self.speaker}: {self.text}"


@dataclass(frozen=True)
class Question:
    category: str
    text: str
    evidence: tuple[str, ...]


@dataclass
class Conversation:
    """A conversation as ``graphmem.locomo`` reads it, with its questions."""

    source: locomo.Conversation
    questions: list[Question]
    dropped_evidence: int = 0
    skipped_questions: int = 0

    @property
    def sample_id(self) -> str:
        return self.source.sample_id

    @property
    def sessions(self) -> tuple[locomo.Session, ...]:
        return self.source.sessions

    @property
    def turns(self) -> list[Turn]:
        return [
            Turn(t.ref, t.speaker, t.text, s.number, s.at) for s in self.sessions for t in s.turns
        ]


def load_conversations(path: Path, limit: int | None = None) -> list[Conversation]:
    """The conversations of a LoCoMo file (read by ``graphmem.locomo``, the reader
    ``graphmem ingest --format locomo`` uses) with their questions of categories 1-4."""
    out: list[Conversation] = []
    for source in locomo.read_locomo(path, limit):
        known = {t.ref for t in source.turns}
        questions: list[Question] = []
        dropped = skipped = 0
        for qa in source.qa:
            category = str(qa.get("category"))
            if category not in CATEGORIES:
                continue
            evidence, bad = normalise_evidence(qa.get("evidence") or [], known)
            dropped += len(bad)
            if not evidence:
                skipped += 1
                continue
            questions.append(Question(category, str(qa["question"]), tuple(evidence)))
        out.append(Conversation(source, questions, dropped, skipped))
    return out


# --------------------------------------------------------------------------- metrics


def distinct_refs(ref_lists: Iterable[Iterable[str]], k: int) -> list[str]:
    """Walk ranked hits' source refs in order, keep the first occurrence of each non-empty
    ref, and stop at ``k``."""
    out: list[str] = []
    seen: set[str] = set()
    for refs in ref_lists:
        for ref in refs:
            if ref and ref not in seen:
                seen.add(ref)
                out.append(ref)
                if len(out) >= k:
                    return out
    return out


def recall_at_k(evidence: Sequence[str], ranked_refs: Sequence[str], k: int) -> float:
    """Share of ``evidence`` among the first ``k`` of ``ranked_refs``."""
    if not evidence:
        raise ValueError("recall of a question without evidence")
    top = set(ranked_refs[:k])
    return sum(1 for e in set(evidence) if e in top) / len(set(evidence))


# --------------------------------------------------------------------------- baselines

_STOPWORD_TEXT = """
a an the and or but if of to in on at by for with from as is are was were be been being am
do does did have has had i me my you your he him his she her it its we us our they them
their this that these those what which who whom when where why how there here so not no
just than too very can will would should could about into over
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")


def tokenize(text: str) -> list[str]:
    """Lowercase word tokens minus a small stopword list."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


class BM25:
    """Okapi BM25 over tokenised documents (idf = ln(1 + (N - df + 0.5) / (df + 0.5)))."""

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.n = len(docs)
        self.k1, self.b = k1, b
        lengths = np.array([len(d) for d in docs], dtype=np.float64)
        avg = float(lengths.mean()) if self.n and lengths.sum() > 0 else 1.0
        self._norm = k1 * (1.0 - b + b * lengths / avg)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                ids, tfs = postings.setdefault(term, ([], []))
                ids.append(i)
                tfs.append(tf)
        self._postings = {
            t: (np.array(ids, dtype=np.int64), np.array(tfs, dtype=np.float64))
            for t, (ids, tfs) in postings.items()
        }
        self.idf = {
            t: math.log(1.0 + (self.n - len(ids) + 0.5) / (len(ids) + 0.5))
            for t, (ids, _) in self._postings.items()
        }

    def scores(self, query: Sequence[str]) -> np.ndarray:
        out = np.zeros(self.n, dtype=np.float64)
        for term in query:  # a repeated query term counts again, as in Okapi's qtf=1 sum
            posting = self._postings.get(term)
            if posting is None:
                continue
            ids, tf = posting
            out[ids] += self.idf[term] * tf * (self.k1 + 1.0) / (tf + self._norm[ids])
        return out


def ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of every document (ties broken by document order)."""
    order = np.argsort(-scores, kind="stable")
    r = np.empty(len(scores), dtype=np.float64)
    r[order] = np.arange(1, len(scores) + 1)
    return r


def rrf(*score_lists: np.ndarray, k: int = RRF_K) -> np.ndarray:
    """Reciprocal-rank fusion over full rankings: sum of 1 / (k + rank)."""
    return np.asarray(sum(1.0 / (k + ranks(s)) for s in score_lists), dtype=np.float64)


def neighbour_smooth(
    scores: np.ndarray, sessions: Sequence[int], weight: float = NEIGHBOUR_WEIGHT
) -> np.ndarray:
    """score[i] + weight * (score[i-1] + score[i+1]), neighbours within the same session
    only (turns are in conversation order)."""
    sess = np.asarray(sessions)
    out = scores.astype(np.float64, copy=True)
    if len(scores) < 2:
        return out
    same = sess[1:] == sess[:-1]
    out[1:] += weight * np.where(same, scores[:-1], 0.0)
    out[:-1] += weight * np.where(same, scores[1:], 0.0)
    return out


def top_refs(scores: np.ndarray, refs: Sequence[str], k: int) -> list[str]:
    order = np.argsort(-scores, kind="stable")[:k]
    return [refs[i] for i in order]


# --------------------------------------------------------------------------- runs


@dataclass
class Tally:
    """Recall sums per category and k."""

    sums: dict[str, dict[int, float]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, category: str, evidence: Sequence[str], ranked: Sequence[str]) -> None:
        per_k = self.sums.setdefault(category, dict.fromkeys(KS, 0.0))
        for k in KS:
            per_k[k] += recall_at_k(evidence, ranked, k)
        self.counts[category] += 1

    def summary(self) -> dict[str, Any]:
        total = sum(self.counts.values())
        overall = {
            f"recall@{k}": _r(sum(s[k] for s in self.sums.values()) / total) if total else 0.0
            for k in KS
        }
        per_category = {
            c: {
                **{
                    f"recall@{k}": _r(self.sums[c][k] / self.counts[c]) if self.counts[c] else 0.0
                    for k in KS
                },
                "questions": self.counts[c],
            }
            for c in CATEGORIES
        }
        return {"overall": overall, "per_category": per_category}


def _r(x: float) -> float:
    return round(x, 4)


def run_graphmem(
    conversations: Sequence[Conversation],
    uri: str,
    search_k: int,
    progress: Callable[[str, int], None],
    ingest_first: bool = False,
) -> tuple[Tally, dict[str, Any]]:
    """Ingest every conversation into graphmem and ask its questions: each conversation's
    right after it is ingested, or, with ``ingest_first``, all of them once every
    conversation is in the store."""
    tally = Tally()
    ingest_s = 0.0
    episodes = 0
    search_ms: list[float] = []
    short = 0
    rankings: list[list[str]] = []
    with graphmem.open(uri, auth=server_auth()) as mem:

        def ask(conv: Conversation) -> None:
            nonlocal short
            for q in conv.questions:
                start = time.perf_counter()
                hits = mem.search(q.text, user_id=conv.sample_id, k=search_k)
                search_ms.append((time.perf_counter() - start) * 1000.0)
                ranked = distinct_refs((h.sources for h in hits), max(KS))
                if len(ranked) < max(KS):
                    short += 1
                tally.add(q.category, q.evidence, ranked)
                rankings.append(ranked)
                progress("search", 1)

        # warm-up: load the models outside the timed calls
        mem.add(
            [{"speaker": "Warm", "content": "I moved to Lisbon last May.", "ref": "W:1"}],
            user_id="__warmup__",
            session_id="warmup",
        )
        mem.search("Where did Warm move?", user_id="__warmup__", k=5)
        mem.forget(user_id="__warmup__")
        for conv in conversations:
            mem.forget(user_id=conv.sample_id)
            for session in conv.sessions:
                messages = session.messages()
                start = time.perf_counter()
                mem.add(messages, user_id=conv.sample_id, session_id=session.session_id)
                ingest_s += time.perf_counter() - start
                episodes += len(messages)
                progress("ingest", len(messages))
            if not ingest_first:
                ask(conv)
        if ingest_first:
            for conv in conversations:
                ask(conv)
    stats = {
        "ingest_episodes": episodes,
        "ingest_s": round(ingest_s, 2),
        "ingest_episodes_per_s": round(episodes / ingest_s, 1) if ingest_s else 0.0,
        "search_ms": percentiles(search_ms),
        "search_k": search_k,
        "questions_with_fewer_than_10_distinct_refs": short,
        "rankings": rankings,
    }
    return tally, stats


def run_cli_ingest(
    data: Path,
    conversations: Sequence[Conversation],
    limit: int | None,
    search_k: int,
    progress: Callable[[str, int], None],
) -> tuple[Tally, dict[str, Any]]:
    """Ingest the file with the command ``graphmem ingest --format locomo`` (in its own
    process) into a fresh store, then ask the same questions there."""
    tally = Tally()
    rankings: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="graphmem-locomo-cli-") as tmp:
        source = data
        if limit:  # the first conversations only, in a temporary file that goes with tmp
            items = json.loads(data.read_text(encoding="utf-8"))
            source = Path(tmp) / "subset.json"
            source.write_text(json.dumps(items[:limit]), encoding="utf-8")
        uri = f"local://{tmp}/store"
        command = [sys.executable, "-m", "graphmem.cli", "--uri", uri, "--json", "ingest"]
        command += ["--format", "locomo", str(source)]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"graphmem ingest failed: {done.stderr.strip()}")
        ingested = json.loads(done.stdout)
        progress("cli", sum(len(c.turns) for c in conversations))
        with graphmem.open(uri) as mem:
            for conv in conversations:
                for q in conv.questions:
                    hits = mem.search(q.text, user_id=conv.sample_id, k=search_k)
                    ranked = distinct_refs((h.sources for h in hits), max(KS))
                    tally.add(q.category, q.evidence, ranked)
                    rankings.append(ranked)
    added = sum(u["added"] for u in ingested["users"].values())
    return tally, {"episodes": added, "seconds": round(seconds, 1), "rankings": rankings}


def run_baselines(
    conversations: Sequence[Conversation],
    embedder: graphmem.Embedder,
    progress: Callable[[str, int], None],
) -> dict[str, Tally]:
    """Rank each conversation's raw turns for its questions, with no graphmem involved."""
    tallies = {s: Tally() for s in SYSTEMS if s != "graphmem"}
    for conv in conversations:
        turns = conv.turns
        refs = [t.ref for t in turns]
        sessions = [t.session for t in turns]
        bm25 = BM25([tokenize(t.plain) for t in turns])
        bm25_dated = BM25([tokenize(t.dated) for t in turns])
        vec = np.asarray(embedder.embed([t.plain for t in turns]))
        vec_dated = np.asarray(embedder.embed([t.dated for t in turns]))
        qvec = np.asarray(embedder.embed([q.text for q in conv.questions]))
        for q, qv in zip(conv.questions, qvec, strict=True):
            qtok = tokenize(q.text)
            s_bm25 = bm25.scores(qtok)
            s_dense = vec @ qv
            fused = rrf(bm25_dated.scores(qtok), vec_dated @ qv)
            ranked = {
                "bm25": s_bm25,
                "dense": s_dense,
                "rrf_dated": fused,
                "rrf_dated_nb": neighbour_smooth(fused, sessions),
            }
            for name, scores in ranked.items():
                tallies[name].add(q.category, q.evidence, top_refs(scores, refs, max(KS)))
        progress("baselines", len(conv.questions))
    return tallies


# --------------------------------------------------------------------------- output


def results_table(systems: dict[str, Any]) -> list[list[str]]:
    rows = []
    for name, res in systems.items():
        row = [name]
        row += [f"{res['overall'][f'recall@{k}']:.3f}" for k in KS]
        for c in CATEGORIES:
            row += [f"{res['per_category'][c][f'recall@{k}']:.3f}" for k in KS]
        rows.append(row)
    return rows


def table_headers(systems: dict[str, Any]) -> list[str]:
    first = next(iter(systems.values()))
    heads = ["system", "all R@5", "all R@10"]
    for c in CATEGORIES:
        n = first["per_category"][c]["questions"]
        label = f"{c} {CATEGORY_NAMES[c]} (n={n})"
        heads += [f"{label} R@5", f"{label} R@10"]
    return heads


def print_table(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    first = next(iter(report["systems"].values()))["per_category"]
    legend = ", ".join(f"{c} {CATEGORY_NAMES[c]} (n={first[c]['questions']})" for c in CATEGORIES)
    table = Table(
        title=f"LoCoMo evidence recall@k ({report['questions']} questions)",
        caption=f"categories: {legend}",
    )
    table.add_column("system")
    for group in ("all", *CATEGORIES):
        for k in KS:
            table.add_column(f"{group} @{k}", justify="right")
    for row in results_table(report["systems"]):
        table.add_row(*row)
    console = Console(width=max(Console().width, 100))
    console.print(table)
    console.print(
        f"graphmem ingest: {report['ingest_episodes_per_s']} episodes/s; "
        f"search p50 {report['search_ms']['p50']} ms, p95 {report['search_ms']['p95']} ms; "
        f"run {report['wall_s']} s"
    )


def markdown(report: dict[str, Any]) -> str:
    heads = table_headers(report["systems"])
    lines = [
        "# LoCoMo evidence recall",
        "",
        f"Command: `{report['command']}`  ",
        f"Machine: {machine_markdown(report['machine'])}  ",
        f"Date: {report['date']}  ",
        f"Run time: {report['wall_s']} s",
        "",
        f"{report['conversations']} conversations, {report['turns']} turns, "
        f"{report['questions']} questions (categories 1-4 with evidence; "
        f"{report['evidence']['dropped_ids']} malformed or unknown evidence ids dropped, "
        f"{report['evidence']['skipped_questions']} questions left without evidence "
        "skipped). Recall@k: share of a question's evidence turns among the first k "
        "distinct source refs of the ranked hits; mean over questions.",
        "",
        "| " + " | ".join(heads) + " |",
        "| " + " | ".join(["---"] + ["---:"] * (len(heads) - 1)) + " |",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in results_table(report["systems"])]
    g = report["graphmem"]
    lines += [
        "",
        f"graphmem ingest: {g['ingest_episodes']} episodes in {g['ingest_s']} s "
        f"({report['ingest_episodes_per_s']} episodes/s, wall clock of the `add` calls, "
        "one call per session). "
        f"Search (k={g['search_k']}): p50 {report['search_ms']['p50']} ms, "
        f"p95 {report['search_ms']['p95']} ms.",
        "",
    ]
    cli = report.get("ingest_cli")
    if cli:
        lines += [
            f"`{CLI_SYSTEM}`: the same file ingested by the command `graphmem ingest "
            f"--format locomo` (its own process, {cli['episodes']} episodes in "
            f"{cli['seconds']} s including the model load) into a second store, and the same "
            f"questions asked there: {cli['identical_rankings']} of {report['questions']} "
            "questions get the same first 10 distinct source turns as on the benchmark's "
            "own ingestion"
            + (
                " (both stores asked once every conversation was stored: `--ingest-first`)."
                if report.get("ingest_first")
                else " (the benchmark's own store was asked each conversation's questions "
                "right after it was stored; keyword statistics are per user, so what other "
                "users store later does not move a user's ranks)."
            ),
            "",
        ]
    lines += [
        "Baselines rank raw turns (`Speaker: text`, plus the image caption) per "
        "conversation: `bm25` (Okapi, k1=1.5, b=0.75, idf ln(1 + (N - df + 0.5) / "
        f"(df + 0.5)); tokens: lowercase `[a-z0-9]+` minus {len(STOPWORDS)} stopwords), "
        "`dense` (all-MiniLM-L6-v2, cosine), "
        "`rrf_dated` (RRF, k=60, of both over turns prefixed with the session date), "
        "`rrf_dated_nb` (plus 0.5 x the scores of the +/-1 neighbouring turns of the same "
        "session).",
        "",
    ]
    return "\n".join(lines)


def bar_chart(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = [*CATEGORIES, "all"]
    labels = [f"{c}\n{CATEGORY_NAMES[c]}" for c in CATEGORIES] + ["all"]
    systems = report["systems"]
    width = 0.8 / len(systems)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for i, (name, res) in enumerate(systems.items()):
        values = [
            res["overall"]["recall@10"] if g == "all" else res["per_category"][g]["recall@10"]
            for g in groups
        ]
        xs = [j + (i - (len(systems) - 1) / 2) * width for j in range(len(groups))]
        ax.bar(xs, values, width, label=name)
    ax.set_xticks(range(len(groups)), labels)
    ax.set_ylim(0, 1)
    ax.set_ylabel("recall@10 (distinct source turns)")
    ax.set_title(f"LoCoMo evidence recall@10 ({report['questions']} questions)")
    ax.legend(fontsize="small", ncols=len(systems), loc="upper center")
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="LoCoMo-format JSON file")
    parser.add_argument("--uri", help="graphmem store URI (default: a fresh temp dir)")
    parser.add_argument("--json", type=Path, default=RESULTS / "locomo_recall.json")
    parser.add_argument("--md", type=Path, default=RESULTS / "locomo_recall.md")
    parser.add_argument("--png", type=Path, default=RESULTS / "locomo_recall.png")
    parser.add_argument("--limit-conversations", type=int, default=None, metavar="N")
    parser.add_argument(
        "--search-k", type=int, default=50, help="hits per graphmem search (default 50)"
    )
    parser.add_argument(
        "--ingest-first",
        action="store_true",
        help="ask the questions once every conversation is stored (not right after each)",
    )
    parser.add_argument(
        "--ingest-cli",
        action="store_true",
        help="also ingest the file with `graphmem ingest --format locomo` into a second "
        "store and ask the same questions there",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    conversations = load_conversations(args.data, args.limit_conversations)
    n_turns = sum(len(c.turns) for c in conversations)
    n_questions = sum(len(c.questions) for c in conversations)

    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True, disable=args.quiet) as bar:
        tasks = {
            "ingest": bar.add_task("graphmem add", total=n_turns),
            "search": bar.add_task("graphmem search", total=n_questions),
            "baselines": bar.add_task("baselines", total=n_questions),
        }
        if args.ingest_cli:
            tasks["cli"] = bar.add_task("graphmem ingest (command)", total=n_turns)

        def progress(what: str, n: int) -> None:
            bar.advance(tasks[what], n)

        with store_uri(args.uri, "graphmem-locomo-") as uri:
            tally, stats = run_graphmem(
                conversations, uri, args.search_k, progress, args.ingest_first
            )
        cli = None
        if args.ingest_cli:
            cli = run_cli_ingest(
                args.data, conversations, args.limit_conversations, args.search_k, progress
            )
        baselines = run_baselines(conversations, graphmem.MiniLMEmbedder(), progress)

    rankings = stats.pop("rankings")
    systems = {"graphmem": tally.summary()}
    if cli is not None:
        systems[CLI_SYSTEM] = cli[0].summary()
        cli_rankings = cli[1].pop("rankings")
        cli[1]["identical_rankings"] = sum(
            a == b for a, b in zip(rankings, cli_rankings, strict=True)
        )
    systems.update({name: t.summary() for name, t in baselines.items()})
    report: dict[str, Any] = {
        "systems": systems,
        "questions": n_questions,
        "ingest_episodes_per_s": stats["ingest_episodes_per_s"],
        "search_ms": stats["search_ms"],
        "graphmem": stats,
        "conversations": len(conversations),
        "turns": n_turns,
        "evidence": {
            "dropped_ids": sum(c.dropped_evidence for c in conversations),
            "skipped_questions": sum(c.skipped_questions for c in conversations),
            "normalisation": (
                "every D<session>:<turn> in an evidence string is one id; leading zeros "
                "and duplicates removed; ids naming no turn of the conversation dropped"
            ),
        },
        "uri": "temp dir" if args.uri is None else args.uri,
        "ingest_cli": None if cli is None else cli[1],
        "ingest_first": args.ingest_first,
        "machine": machine_info(),
        "command": command_line("locomo_recall.py", argv),
        "date": utc_now(),
    }
    report["wall_s"] = round(time.perf_counter() - started, 1)
    print_table(report)
    if args.json:
        write_json(args.json, report)
    if args.md:
        write_text(args.md, markdown(report))
    if args.png:
        bar_chart(report, args.png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
