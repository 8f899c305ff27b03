"""The memory lifecycle (DESIGN §2.5): activation on recall, archiving of unused
memories, expiry to tombstones, cleanup rules, and data-subject deletion.

Every status a node may start in is listed in ``START`` and every allowed status change
in ``TRANSITIONS``, per label; the ``Writer`` refuses anything else (``check_start``,
``check_transition``), so no code path can move a status the table does not name.
``sweep`` never touches a frozen node, nor any version of a history chain that has a
frozen member, and is idempotent: a second sweep at the same time moves nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from graphmem.config import LifecyclePolicy
from graphmem.errors import FrozenError, InvalidInputError, NotFoundError
from graphmem.models import LIVE_STATUSES, EntityStatus, Status
from graphmem.stores.base import NodeRecord
from graphmem.timeutil import encode, shift

if TYPE_CHECKING:  # the writer enforces the table below, so it imports this module
    from graphmem.writer import Writer

G, A, M, S, R, X = (
    Status.GENERATED,
    Status.ACTIVATED,
    Status.MERGED,
    Status.SUPERSEDED,
    Status.ARCHIVED,
    Status.EXPIRED,
)

ACTIVE, MERGED = EntityStatus.ACTIVE, EntityStatus.MERGED
_UNMERGE = "unmerge: an explicit merge undone exactly, while the survivor is unchanged"
_REMOVED = "delete or forget"

#: the statuses a node of each label may be created with (labels absent here, and
#: Passage and Tombstone nodes, have no status)
START: dict[str, frozenset[str]] = {
    "Memory": frozenset({G, S, M}),  # superseded: lost a conflict; merged: a near-duplicate
    "Episode": frozenset({G}),
    "Entity": frozenset({ACTIVE, MERGED}),  # merged: a new spelling of a known entity
}

#: every allowed (from, to) status change per label, and what makes it. ``expired`` is
#: the move to a Tombstone. ``merged`` and ``superseded`` memories are terminal for the
#: lifecycle: they expire with the memory that holds their content, and only ``unmerge``
#: (undoing an explicit merge, to the status recorded at the merge) leaves ``merged``.
TRANSITIONS: dict[str, dict[tuple[str, str], str]] = {
    "Memory": {
        (G, A): "recalled often enough within the activation window",
        (G, R): "unused for archive_after",
        (A, R): "unused for archive_after",
        (G, S): "superseded by a newer or stronger version",
        (A, S): "superseded by a newer or stronger version",
        (G, M): "merged into a survivor",
        (A, M): "merged into a survivor",
        (M, G): _UNMERGE,
        (M, A): _UNMERGE,
        (G, X): f"cleanup rule (confidence floor, retracted), {_REMOVED}",
        (A, X): f"cleanup rule (confidence floor, retracted), {_REMOVED}",
        (R, X): f"archived for expire_after, cleanup rule, {_REMOVED}",
        (S, X): f"expired with the current version of its chain, {_REMOVED}",
        (M, X): f"expired with the survivor it was merged into, {_REMOVED}",
    },
    "Episode": {
        (G, R): "unused for archive_after, and no current memory comes from it",
        (G, X): _REMOVED,
        (R, X): f"archived for expire_after, and every memory from it expired, {_REMOVED}",
    },
    "Entity": {
        (ACTIVE, MERGED): "merged into a survivor",
        (MERGED, ACTIVE): _UNMERGE,
        (ACTIVE, X): _REMOVED,
        (MERGED, X): _REMOVED,
    },
}


def allowed(label: str, old: str | None, new: str | None) -> bool:
    """Whether a node of ``label`` may move from status ``old`` to ``new``."""
    return (str(old), str(new)) in TRANSITIONS.get(label, {})


def check_transition(label: str, old: str | None, new: str | None, node_id: str) -> None:
    """Raise unless a node of ``label`` may move from ``old`` to ``new``."""
    if not allowed(label, old, new):
        raise InvalidInputError(f"{label.lower()} {node_id} cannot move from {old} to {new}")


def check_start(label: str, status: str | None) -> None:
    """Raise unless a new node of ``label`` may start with ``status``."""
    starts = START.get(label)
    if (status is None) != (starts is None) or (starts is not None and status not in starts):
        raise InvalidInputError(f"a new {label.lower()} cannot start with status {status}")


class SweepReport(BaseModel):
    """What one ``sweep`` moved (or, with ``dry_run``, would move)."""

    model_config = ConfigDict(frozen=True)

    user_id: str
    now: datetime
    dry_run: bool
    moved: dict[str, list[str]] = Field(default_factory=dict)
    """ids per transition, keyed ``<label>:<from>-><to>`` (``memory:generated->archived``)."""
    skipped_frozen: int = 0

    @property
    def counts(self) -> dict[str, int]:
        return {key: len(ids) for key, ids in self.moved.items()}


def _last_used(props: dict[str, object]) -> str:
    stamps = [props.get(k) for k in ("last_recalled_at", "updated_at", "created_at")]
    return max(str(s) for s in stamps if s)


def _ago(now: datetime, delta: timedelta | None) -> str | None:
    return None if delta is None else encode(shift(now, -delta))


def tombstone(w: Writer, rec: NodeRecord, reason: str, *, keep: bool) -> None:
    """Remove ``rec`` with its relationships, text and embedding; leave a Tombstone
    with only its id, the time and the reason if ``keep``."""
    w.delete(rec.id)
    if rec.label == "Episode":  # its passages hold its sentences' vectors
        for e in w.edges([rec.id], types=["PART_OF"], direction="in"):
            w.delete(e.src)
    elif rec.label == "Document":  # its chunks hold its text
        for chunk in chunks_of(w, rec.id):
            tombstone(w, chunk, reason, keep=keep)
    if keep:
        w.create("Tombstone", {"deleted_at": w.now_s, "reason": reason}, node_id=rec.id)


def chunks_of(w: Writer, document_id: str) -> list[NodeRecord]:
    """The chunk episodes of a document that are still stored."""
    ids = [e.src for e in w.edges([document_id], types=["PART_OF"], direction="in")]
    return [r for r in w.nodes(ids).values() if r.label == "Episode" and not w.is_deleted(r.id)]


#: the properties ``mark_recalled`` reads or changes: a caller that hands it records read
#: with a projection reads these (the writer compares what it changes with what was read)
RECALL_FIELDS = (
    "status", "frozen", "recall_count", "last_recalled_at", "recent_recalls", "activated_at",
)  # fmt: skip


def mark_recalled(w: Writer, records: Iterable[NodeRecord], policy: LifecyclePolicy) -> None:
    """Record one recall of each node; promote memories recalled often enough."""
    act = policy.activation
    since = _ago(w.now, act.window) or ""
    for rec in records:
        p = rec.props
        if p.get("frozen"):
            continue
        recent = [t for t in (p.get("recent_recalls") or []) if t >= since]
        recent = [*recent[-(act.min_recalls - 1) :], w.now_s] if act.min_recalls > 1 else [w.now_s]
        change: dict[str, object] = {
            "recall_count": int(p.get("recall_count") or 0) + 1,
            "last_recalled_at": w.now_s,
            "recent_recalls": recent,
        }
        if rec.label == "Memory" and p.get("status") == G and len(recent) >= act.min_recalls:
            change["status"] = str(A)
            change["activated_at"] = w.now_s
        w.set(rec.id, change)


def sweep(w: Writer, policy: LifecyclePolicy) -> SweepReport:
    """Plan every due transition for ``w.user_id`` into ``w``'s change set."""
    moved: dict[str, list[str]] = defaultdict(list)
    memories = w.find("Memory", {"status": [str(G), str(A), str(R)]})
    frozen_chains = {m.props.get("chain_id") for m in w.find("Memory", {"frozen": True})}
    skipped = 0
    closed = _Closed(w)
    cutoffs = {
        kind: (_ago(w.now, rule.archive_after), _ago(w.now, rule.expire_after))
        for kind, rule in (
            ("fact", policy.fact),
            ("preference", policy.preference),
            ("event", policy.event),
        )
    }
    floor = policy.cleanup.confidence_floor
    keep = policy.audit.keep_tombstones
    for m in memories:
        p = m.props
        if p.get("frozen") or p.get("chain_id") in frozen_chains:
            skipped += 1
            continue
        status = Status(p["status"])
        archive_cut, expire_cut = cutoffs.get(str(p.get("kind")), (None, None))
        reason = None
        if policy.cleanup.drop_retracted and p.get("retracted_at"):
            reason = "cleanup: retracted"
        elif floor > 0 and float(p.get("confidence", 1.0)) < floor:
            reason = "cleanup: confidence below floor"
        elif (
            status == R and expire_cut is not None and str(p.get("archived_at") or "") <= expire_cut
        ):
            reason = "expired"
        if reason is not None:
            for part in closed.content_of(m):
                tombstone(w, part, reason, keep=keep)
                moved[f"memory:{part.props.get('status')}->{X}"].append(part.id)
            continue
        if status in LIVE_STATUSES and archive_cut is not None and _last_used(p) <= archive_cut:
            w.set(m.id, {"status": str(R), "archived_at": w.now_s, "updated_at": w.now_s})
            moved[f"memory:{status}->{R}"].append(m.id)
    _sweep_episodes(w, policy, moved)
    return SweepReport(
        user_id=w.user_id, now=w.now, dry_run=False, moved=dict(moved), skipped_frozen=skipped
    )


class _Closed:
    """The user's closed memories (superseded, merged), looked up once per sweep."""

    def __init__(self, w: Writer) -> None:
        self.w = w
        self.by_chain: dict[str, list[NodeRecord]] = defaultdict(list)
        self.merged_into: dict[str, list[NodeRecord]] = defaultdict(list)
        for rec in w.find("Memory", {"status": [str(S), str(M)]}):
            if rec.props.get("status") == S:
                self.by_chain[str(rec.props.get("chain_id"))].append(rec)
            elif rec.props.get("merged_into"):
                self.merged_into[str(rec.props["merged_into"])].append(rec)

    def content_of(self, m: NodeRecord) -> list[NodeRecord]:
        """``m`` with the closed versions of its chain and the memories merged into it:
        everything that holds this memory's content."""
        parts = {m.id: m}
        stack = [m, *self.by_chain.get(str(m.props.get("chain_id") or m.id), [])]
        while stack:
            head = stack.pop()
            if head.id not in parts:
                parts[head.id] = head
            for rec in self.merged_into.get(head.id, []):
                if rec.id not in parts:
                    stack.append(rec)
        return [p for p in parts.values() if not self.w.is_deleted(p.id)]


def _sweep_episodes(w: Writer, policy: LifecyclePolicy, moved: dict[str, list[str]]) -> None:
    rule = policy.episode
    archive_cut, expire_cut = _ago(w.now, rule.archive_after), _ago(w.now, rule.expire_after)
    if archive_cut is None and expire_cut is None:
        return
    episodes = w.find("Episode", {"status": [str(G), str(R)]})
    sources: dict[str, list[str]] = defaultdict(list)
    for e in w.edges([ep.id for ep in episodes], types=["EXTRACTED_FROM"], direction="in"):
        if not w.is_deleted(e.src):
            sources[e.dst].append(e.src)
    found = w.nodes([i for ids in sources.values() for i in ids])
    statuses = {i: rec.props.get("status") for i, rec in found.items()}
    for ep in episodes:
        status = ep.props.get("status")
        from_it = sources.get(ep.id, [])
        if status == G and archive_cut is not None and _last_used(ep.props) <= archive_cut:
            if not any(statuses.get(i) in LIVE_STATUSES for i in from_it):
                w.set(ep.id, {"status": str(R), "archived_at": w.now_s})
                moved[f"episode:{G}->{R}"].append(ep.id)
        elif (
            status == R
            and expire_cut is not None
            and not from_it
            and str(ep.props.get("archived_at") or "") <= expire_cut
        ):
            tombstone(w, ep, "expired", keep=policy.audit.keep_tombstones)
            moved[f"episode:{R}->{X}"].append(ep.id)


def delete_node(w: Writer, node_id: str, reason: str, *, keep: bool) -> None:
    """Remove one node (guarded: not frozen) and its relationships, leaving a
    Tombstone if ``keep``."""
    rec = w.require(node_id)
    if rec.label == "Tombstone":
        raise NotFoundError(f"{node_id} is already deleted")
    w.guard(node_id)
    tombstone(w, rec, reason, keep=keep)


def forget_nodes(
    w: Writer, ids: Sequence[str] | None, reason: str, *, keep: bool
) -> dict[str, int]:
    """Remove the content of these nodes, or of all the user's (``ids`` None), for
    data-subject deletion. For a memory, every version of its chain goes; for an
    episode, the memories that came only from it; for a document, its chunks and the
    memories that came only from them."""
    if ids is None:
        labels = ("Memory", "Entity", "Episode", "Document")
        ids = [r.id for label in labels for r in w.find(label, {})]
    targets: dict[str, NodeRecord] = {}
    for node_id in ids:
        rec = w.require(node_id)
        if rec.label == "Tombstone":
            continue
        targets[rec.id] = rec
        if rec.label == "Memory":
            for v in w.find("Memory", {"chain_id": rec.props.get("chain_id") or rec.id}):
                targets[v.id] = v
        elif rec.label in ("Episode", "Document"):
            episodes = {rec.id} if rec.label == "Episode" else set()
            if rec.label == "Document":
                for chunk in chunks_of(w, rec.id):
                    targets[chunk.id] = chunk
                    episodes.add(chunk.id)
            for e in w.edges(sorted(episodes), types=["EXTRACTED_FROM"], direction="in"):
                m = w.require(e.src)
                if set(m.props.get("episode_ids") or []) <= episodes:
                    targets[m.id] = m
    frozen = [t.id for t in targets.values() if t.props.get("frozen")]
    if frozen:
        raise FrozenError(f"cannot forget frozen nodes {frozen}; unfreeze them first")
    counts: dict[str, int] = defaultdict(int)
    for rec in targets.values():
        w.guard(rec.id)
        if not w.is_deleted(rec.id):  # a document's chunks go with it
            tombstone(w, rec, reason, keep=keep)
        counts[rec.label] += 1
    return dict(counts)


def retract(w: Writer, memory_id: str, reason: str) -> None:
    """Mark a memory as withdrawn by the user: out of recall now, expired by the next
    sweep when the cleanup policy drops retracted memories."""
    rec = w.require(memory_id, "Memory")
    if rec.props.get("retracted_at"):
        raise InvalidInputError(f"{memory_id} is already retracted")
    w.set(memory_id, {"retracted_at": w.now_s, "retract_reason": reason, "updated_at": w.now_s})
