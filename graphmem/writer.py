"""One write operation: reads the store through an overlay of what this operation has
already decided, collects every change in one ``ChangeSet`` and commits it atomically.

The rules of DESIGN §2 live in ``versioning`` (conflicts and corroboration),
``resolution`` (entities) and ``merging``; this module only gives them a consistent
view of the store while an operation is being planned.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from graphmem.codec import new_id
from graphmem.config import Config
from graphmem.errors import NotFoundError
from graphmem.models import LIVE_STATUSES
from graphmem.stores.base import (
    ChangeSet,
    EdgeRecord,
    NodeRecord,
    Props,
    Store,
    Vector,
    Where,
    matches,
)
from graphmem.timeutil import encode


class Writer:
    """Plans one atomic operation for one user."""

    def __init__(self, store: Store, user_id: str, now: datetime, config: Config) -> None:
        self.store = store
        self.user_id = user_id
        self.now = now
        self.now_s: str = encode(now) or ""
        self.config = config
        self.changes = ChangeSet(user_id)
        self._overlay: dict[str, NodeRecord] = {}
        self._new: dict[str, NodeRecord] = {}
        self._new_by_label: dict[str, dict[str, NodeRecord]] = {}
        self._guarded: set[str] = set()
        self._deleted: set[str] = set()
        self._copied: set[str] = set()

    # ----------------------------------------------------------------- reads
    def node(self, node_id: str) -> NodeRecord | None:
        """The node as this operation sees it (with its planned changes)."""
        rec = self._overlay.get(node_id)
        if rec is not None:
            return rec
        found = self.store.get(self.user_id, [node_id])
        if not found:
            return None
        self._overlay[node_id] = found[0]
        return found[0]

    def nodes(self, node_ids: Sequence[str]) -> dict[str, NodeRecord]:
        """Several nodes at once, as this operation sees them (missing ids are absent)."""
        missing = [i for i in dict.fromkeys(node_ids) if i not in self._overlay]
        for rec in self.store.get(self.user_id, missing):
            self._overlay[rec.id] = rec
        return {i: self._overlay[i] for i in node_ids if i in self._overlay}

    def require(self, node_id: str, label: str | None = None) -> NodeRecord:
        rec = self.node(node_id)
        if rec is None or (label is not None and rec.label != label):
            kind = label.lower() if label else "node"
            raise NotFoundError(f"no {kind} {node_id!r} for user {self.user_id!r}")
        return rec

    def find(self, label: str, where: Where) -> list[NodeRecord]:
        """Store matches plus this operation's new nodes, seen through the overlay."""
        out: dict[str, NodeRecord] = {}
        for rec in self.store.find(self.user_id, label, where):
            out[rec.id] = self._overlay.setdefault(rec.id, rec)
        for rec in self._new_by_label.get(label, {}).values():
            out[rec.id] = rec
        return [r for r in out.values() if matches(r.props, where)]

    def created(self, label: str) -> list[NodeRecord]:
        """Nodes of ``label`` this operation creates."""
        return [
            r
            for r in self._new_by_label.get(label, {}).values()
            if r.props.get("status") != "merged"
        ]

    def live_memories(self, sp_key: str) -> list[NodeRecord]:
        recs = self.find("Memory", {"sp_key": sp_key})
        return sorted(
            (r for r in recs if r.props.get("status") in LIVE_STATUSES),
            key=lambda r: (r.props.get("created_at") or "", r.id),
        )

    def edges(
        self,
        node_ids: Sequence[str],
        *,
        types: Sequence[str] | None = None,
        direction: str = "both",
    ) -> list[EdgeRecord]:
        found = self.store.edges(self.user_id, node_ids, types=types, direction=direction)  # type: ignore[arg-type]
        wanted = set(node_ids)
        for edge in self.changes.add_edges:
            if types is not None and edge.type not in types:
                continue
            if (direction in ("out", "both") and edge.src in wanted) or (
                direction in ("in", "both") and edge.dst in wanted
            ):
                found.append(edge)
        return found

    # ----------------------------------------------------------------- writes
    def create(
        self,
        label: str,
        props: Props,
        *,
        embedding: Vector | None = None,
        node_id: str | None = None,
        prefix: str | None = None,
    ) -> NodeRecord:
        rec = NodeRecord(
            node_id or new_id(prefix or label[:3].lower()),
            self.user_id,
            label,
            dict(props),
            embedding,
        )
        self.changes.node(rec)
        self._overlay[rec.id] = rec
        self._new[rec.id] = rec
        self._new_by_label.setdefault(label, {})[rec.id] = rec
        return rec

    def set(self, node_id: str, props: Props, *, guard: bool = True) -> None:
        """Change properties of a node (existing nodes are guarded: not frozen)."""
        rec = self.require(node_id)
        if node_id not in self._new and node_id not in self._copied:
            rec.props = dict(rec.props)  # copy on write: store maps are read-only
            self._copied.add(node_id)
        rec.props.update(props)
        if node_id in self._new:
            return
        if guard and node_id not in self._guarded:
            self.changes.guard(node_id)
            self._guarded.add(node_id)
        self.changes.update(node_id, dict(props))

    def delete(self, node_id: str) -> None:
        """Remove a node with its relationships (callers guard it first if needed)."""
        if node_id not in self._deleted:
            self._deleted.add(node_id)
            self.changes.delete_nodes.append(node_id)

    def is_deleted(self, node_id: str) -> bool:
        return node_id in self._deleted

    def link(self, rel_type: str, src: str, dst: str, props: Props | None = None) -> EdgeRecord:
        edge = EdgeRecord(new_id("rel"), rel_type, src, dst, self.user_id, dict(props or {}))
        return self.changes.edge(edge)

    def set_edge(self, edge_id: str, props: Props) -> None:
        for edge in self.changes.add_edges:
            if edge.id == edge_id:
                edge.props.update(props)
                return
        self.changes.set_edges.append((edge_id, dict(props)))

    def guard(self, node_id: str, *, status_in: Iterable[str] | None = None) -> None:
        if node_id not in self._new:
            self.changes.guard(node_id, status_in=list(status_in) if status_in else None)

    def commit(self) -> None:
        self.store.apply(self.changes)
