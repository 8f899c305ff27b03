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
import sys
import time
from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
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

CATEGORIES = ("1", "2", "3", "4")
CATEGORY_NAMES = {"1": "multi-hop", "2": "temporal", "3": "open-domain", "4": "single-hop"}
SYSTEMS = ("graphmem", "bm25", "dense", "rrf_dated", "rrf_dated_nb")
KS = (5, 10)
RRF_K = 60
NEIGHBOUR_WEIGHT = 0.5

# --------------------------------------------------------------------------- parsing

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_TIME = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*(?:([ap])\.?\s*m\b\.?)?", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})\b", re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(
    r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE
)


def parse_session_datetime(text: str) -> datetime:
    """Parse a LoCoMo session time such as "1:56 pm on 8 May, 2023" to an aware UTC
    datetime. Also accepts "1:56pm on 8 May 2023", "13:56 on 8 May 2023", "May 8, 2023",
    abbreviated months and a missing time (midnight). Raises ValueError otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"empty session time: {text!r}")
    s = " ".join(text.split())
    hour = minute = 0
    m = _TIME.search(s)
    if m is not None:
        hour, minute = int(m.group(1)), int(m.group(2))
        half = (m.group(3) or "").lower()
        if half:
            if not 1 <= hour <= 12:
                raise ValueError(f"bad 12-hour time in {text!r}")
            hour = hour % 12 + (12 if half == "p" else 0)
        if hour > 23 or minute > 59:
            raise ValueError(f"bad time in {text!r}")
        s = s[: m.start()] + " " + s[m.end() :]
    for day_s, month_s, year_s in _date_candidates(s):
        month = _MONTHS.get(month_s.lower())
        if month is None:
            continue
        return datetime(int(year_s), month, int(day_s), hour, minute, tzinfo=UTC)
    raise ValueError(f"unrecognised session time: {text!r}")


def _date_candidates(s: str) -> Iterable[tuple[str, str, str]]:
    for m in _DAY_MONTH_YEAR.finditer(s):
        yield m.group(1), m.group(2), m.group(3)
    for m in _MONTH_DAY_YEAR.finditer(s):
        yield m.group(2), m.group(1), m.group(3)


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
    sample_id: str
    sessions: list[tuple[int, datetime, list[Turn]]]
    questions: list[Question]
    dropped_evidence: int = 0
    skipped_questions: int = 0

    @property
    def turns(self) -> list[Turn]:
        return [t for _, _, turns in self.sessions for t in turns]


def turn_text(turn: dict[str, Any]) -> str:
    text = str(turn.get("text") or "")
    caption = turn.get("blip_caption")
    if caption:
        text += f" [shared image: {caption}]"
    return text


_SESSION_KEY = re.compile(r"^session_(\d+)$")


def load_conversations(path: Path, limit: int | None = None) -> list[Conversation]:
    items = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(items, dict):
        items = [items]
    out: list[Conversation] = []
    for idx, item in enumerate(items[:limit] if limit else items):
        conv = item["conversation"]
        sample_id = str(item.get("sample_id") or f"conv-{idx}")
        numbers = sorted(
            int(m.group(1)) for key in conv if (m := _SESSION_KEY.match(key)) is not None
        )
        sessions: list[tuple[int, datetime, list[Turn]]] = []
        for n in numbers:
            raw_turns = conv[f"session_{n}"]
            if not raw_turns:
                continue
            at = parse_session_datetime(conv[f"session_{n}_date_time"])
            turns = [
                Turn(str(t["dia_id"]), str(t["speaker"]), turn_text(t), n, at)
                for t in raw_turns
                if turn_text(t).strip()
            ]
            sessions.append((n, at, turns))
        known = {t.ref for _, _, turns in sessions for t in turns}
        questions: list[Question] = []
        dropped = skipped = 0
        for qa in item.get("qa", []):
            category = str(qa.get("category"))
            if category not in CATEGORIES:
                continue
            evidence, bad = normalise_evidence(qa.get("evidence") or [], known)
            dropped += len(bad)
            if not evidence:
                skipped += 1
                continue
            questions.append(Question(category, str(qa["question"]), tuple(evidence)))
        out.append(Conversation(sample_id, sessions, questions, dropped, skipped))
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
) -> tuple[Tally, dict[str, Any]]:
    """Ingest every conversation into graphmem and ask its questions."""
    tally = Tally()
    ingest_s = 0.0
    episodes = 0
    search_ms: list[float] = []
    short = 0
    with graphmem.open(uri, auth=server_auth()) as mem:
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
            for n, at, turns in conv.sessions:
                messages = [
                    {"speaker": t.speaker, "content": t.text, "ref": t.ref, "at": at} for t in turns
                ]
                start = time.perf_counter()
                mem.add(messages, user_id=conv.sample_id, session_id=f"session_{n}")
                ingest_s += time.perf_counter() - start
                episodes += len(messages)
                progress("ingest", len(messages))
            for q in conv.questions:
                start = time.perf_counter()
                hits = mem.search(q.text, user_id=conv.sample_id, k=search_k)
                search_ms.append((time.perf_counter() - start) * 1000.0)
                ranked = distinct_refs((h.sources for h in hits), max(KS))
                if len(ranked) < max(KS):
                    short += 1
                tally.add(q.category, q.evidence, ranked)
                progress("search", 1)
    stats = {
        "ingest_episodes": episodes,
        "ingest_s": round(ingest_s, 2),
        "ingest_episodes_per_s": round(episodes / ingest_s, 1) if ingest_s else 0.0,
        "search_ms": percentiles(search_ms),
        "search_k": search_k,
        "questions_with_fewer_than_10_distinct_refs": short,
    }
    return tally, stats


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

        def progress(what: str, n: int) -> None:
            bar.advance(tasks[what], n)

        with store_uri(args.uri, "graphmem-locomo-") as uri:
            tally, stats = run_graphmem(conversations, uri, args.search_k, progress)
        baselines = run_baselines(conversations, graphmem.MiniLMEmbedder(), progress)

    systems = {"graphmem": tally.summary()}
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
