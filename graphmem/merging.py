"""Explicit consolidation: ``merge`` of entities or memories, and ``unmerge`` where it
can be undone exactly (DESIGN §2.3).

Merged nodes stay, with status ``merged`` and a ``MERGED_INTO`` link to the survivor.
Their relationships are copied to the survivor (tagged ``via_merge``), not moved, so
the originals remain for inspection and for ``unmerge``. An unmerge is exact only while
the survivor has not changed since the merge; otherwise it is refused. An unmerge puts
each restored node back in the status it had before the merge (recorded on its
``MERGED_INTO`` link), a move the lifecycle's transition table allows for this reason
only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from graphmem.codec import new_id
from graphmem.errors import FrozenError, InvalidInputError
from graphmem.models import LIVE_STATUSES, EntityStatus, Status
from graphmem.stores.base import NodeRecord
from graphmem.versioning import add_provenance, noisy_or, set_fact_edge
from graphmem.writer import Writer

_SNAPSHOT = ("confidence", "episode_ids", "refs", "aliases", "alias_keys", "updated_at")


def _live(rec: NodeRecord) -> bool:
    if rec.label == "Entity":
        return rec.props.get("status") == EntityStatus.ACTIVE
    return rec.props.get("status") in LIVE_STATUSES


def merge(w: Writer, ids: Sequence[str], *, method: str = "manual") -> str:
    """Merge ``ids[1:]`` into ``ids[0]``; returns the survivor id."""
    unique = list(dict.fromkeys(ids))
    if len(unique) < 2:
        raise InvalidInputError("merge needs at least two distinct ids")
    recs = [w.require(i) for i in unique]
    labels = {r.label for r in recs}
    if len(labels) != 1 or labels.pop() not in ("Entity", "Memory"):
        raise InvalidInputError("merge takes only entities or only memories, not a mix")
    for rec in recs:
        if rec.props.get("frozen"):
            raise FrozenError(f"{rec.id} is frozen and cannot be merged")
        if not _live(rec):
            raise InvalidInputError(f"{rec.id} is {rec.props.get('status')} and cannot be merged")
    survivor, others = recs[0], recs[1:]
    if survivor.label == "Entity":
        _refuse_rival_values(w, recs)
    merge_id = new_id("merge")
    snapshot = json.dumps({k: survivor.props.get(k) for k in _SNAPSHOT}, sort_keys=True)
    for other in others:
        moved: list[str] = []
        status_before = other.props.get("status")
        if survivor.label == "Memory":
            conf = noisy_or(
                float(survivor.props.get("confidence", 0.0)),
                float(other.props.get("confidence", 0.0)),
                w.config.conflicts.corroboration_gain,
            )
            add_provenance(
                w,
                survivor,
                list(other.props.get("episode_ids") or []),
                _refs_for(other),
                conf,
                via_merge=merge_id,
            )
            set_fact_edge(w, other, {"current": False})
        else:
            moved = _absorb_entity(w, survivor, other, merge_id)
        w.set(
            other.id,
            {"status": str(Status.MERGED), "merged_into": survivor.id, "updated_at": w.now_s},
        )
        w.link(
            "MERGED_INTO",
            other.id,
            survivor.id,
            {
                "at": w.now_s,
                "method": method,
                "score": 1.0,
                "merge_id": merge_id,
                "survivor_before": snapshot,
                "repointed": moved,
                "status_before": status_before,
            },
        )
    w.set(survivor.id, {"updated_at": w.now_s})
    return survivor.id


def _refuse_rival_values(w: Writer, entities: Sequence[NodeRecord]) -> None:
    """One entity holds one current value of a single-valued predicate: entities that
    each hold one (Anna lives in Paris, Ben in Rome) are not merged until one of the
    values is corrected or closed, so the merge never leaves two current versions."""
    registry = w.config.predicates
    held: dict[str, tuple[str, str]] = {}
    for entity in entities:
        # a read that decides the write: re-checked with the commit, so a value another
        # writer adds meanwhile refuses the merge instead of making two current versions
        for m in w.find_checked("Memory", "subject_id", entity.id, LIVE_STATUSES):
            key, predicate = m.props.get("sp_key"), m.props.get("predicate")
            if not key or not predicate or m.props.get("frozen"):
                continue  # (a frozen memory stays with its entity: it is not moved)
            if not registry.is_single_valued(str(predicate)):
                continue
            slot = str(key)[len(entity.id) :]
            rival = held.setdefault(slot, (entity.id, m.id))
            if rival[0] != entity.id:
                raise InvalidInputError(
                    f"{rival[0]} and {entity.id} each hold a current {predicate} "
                    f"({rival[1]}, {m.id}); correct or close one before merging them"
                )


def _refs_for(rec: NodeRecord) -> list[str]:
    """Refs aligned with ``episode_ids`` (empty strings where an episode had no ref)."""
    ids = list(rec.props.get("episode_ids") or [])
    refs = list(rec.props.get("refs") or [])
    return refs if len(refs) == len(ids) else [""] * len(ids)


def _absorb_entity(w: Writer, survivor: NodeRecord, other: NodeRecord, merge_id: str) -> list[str]:
    names = [
        *survivor.props.get("aliases", []),
        other.props["name"],
        *other.props.get("aliases", []),
    ]
    aliases = [n for n in dict.fromkeys(names) if n != survivor.props["name"]]
    keys = sorted(
        {
            *survivor.props.get("alias_keys", []),
            other.props["key"],
            *other.props.get("alias_keys", []),
        }
        - {survivor.props["key"]}
    )
    w.set(survivor.id, {"aliases": aliases, "alias_keys": keys})
    for edge in w.edges([other.id]):
        if edge.type == "MERGED_INTO" or edge.props.get("via_merge"):
            continue
        src = survivor.id if edge.src == other.id else edge.src
        dst = survivor.id if edge.dst == other.id else edge.dst
        w.link(edge.type, src, dst, {**edge.props, "via_merge": merge_id})
    moved = []
    for role in ("subject_id", "object_id"):
        for m in w.find("Memory", {role: other.id}):
            if m.props.get("frozen") or m.props.get("status") not in LIVE_STATUSES:
                continue
            change: dict[str, object] = {role: survivor.id}
            if role == "subject_id" and m.props.get("sp_key"):
                change["sp_key"] = survivor.id + m.props["sp_key"][len(other.id) :]
            w.set(m.id, change)
            moved.append(f"{role}:{m.id}")
    return moved


def unmerge(w: Writer, merged_id: str) -> list[str]:
    """Undo the merge that absorbed ``merged_id`` (and every node merged with it in the
    same call). Returns the restored ids."""
    rec = w.require(merged_id)
    links = [e for e in w.edges([merged_id], types=["MERGED_INTO"], direction="out")]
    if rec.props.get("status") != Status.MERGED or not links:
        raise InvalidInputError(f"{merged_id} is not merged")
    link = links[0]
    merge_id = link.props.get("merge_id")
    survivor = w.require(link.dst)
    if not merge_id:
        raise InvalidInputError(
            f"{merged_id} was consolidated during add ({link.props.get('method')}); "
            "only explicit merges can be undone exactly"
        )
    if survivor.props.get("frozen"):
        raise FrozenError(f"{survivor.id} is frozen")
    if survivor.props.get("updated_at") != link.props.get("at"):
        raise InvalidInputError(
            f"{survivor.id} changed after the merge; it cannot be undone exactly"
        )
    group = [
        e
        for e in w.edges([survivor.id], types=["MERGED_INTO"], direction="in")
        if e.props.get("merge_id") == merge_id
    ]
    for edge in w.edges([survivor.id]):
        if edge.props.get("via_merge") == merge_id:
            w.unlink(edge)
    before = json.loads(link.props["survivor_before"])
    w.set(
        survivor.id,
        {**{k: v for k, v in before.items() if k in survivor.props}, "updated_at": w.now_s},
    )
    restored = []
    for edge in group:
        other = w.require(edge.src)
        for item in edge.props.get("repointed") or []:
            role, memory_id = item.split(":", 1)
            m = w.require(memory_id)
            change: dict[str, object] = {role: other.id}
            if role == "subject_id" and m.props.get("sp_key"):
                change["sp_key"] = other.id + m.props["sp_key"][len(survivor.id) :]
            w.set(memory_id, change)
        before = edge.props.get("status_before") or (
            EntityStatus.ACTIVE if other.label == "Entity" else Status.GENERATED
        )
        w.set(other.id, {"status": before, "merged_into": None, "updated_at": w.now_s})
        set_fact_edge(w, other, {"current": True})
        w.unlink(edge)
        w.link("UNMERGED_FROM", other.id, survivor.id, {"at": w.now_s, "merge_id": merge_id})
        restored.append(other.id)
    return restored
