"""The embedded store's in-memory mirror of its SQLite file: every node, hash indexes
on a few properties, the adjacency of every node and one vector index per user and
label. It is rebuilt from the file on open (and when another connection has
committed) and changed only after a commit succeeded.

Records handed out share their property maps with the mirror; the mirror never
changes a map in place (a change replaces it), and callers treat them as read-only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from graphmem.stores.base import (
    CountKey,
    Direction,
    EdgeRecord,
    Gain,
    NodeRecord,
    Props,
    SpreadRequest,
    Vector,
    Where,
)
from graphmem.stores.embedded.plan import Plan
from graphmem.stores.semantics import Offers, matches, where_filters
from graphmem.stores.vectors import VectorIndex

#: properties with a hash index, per label (list values are indexed per element)
INDEXED: dict[str, tuple[str, ...]] = {
    "Entity": ("key", "alias_keys", "status", "block"),
    "Memory": ("sp_key", "status", "subject_id", "object_id", "chain_id", "merged_into", "frozen"),
    "Episode": ("session_id", "ref"),
}


class Mirror:
    """Nodes, indexes, adjacency and vectors of every user, in memory."""

    def __init__(self) -> None:
        self.nodes: dict[str, NodeRecord] = {}
        self.rids: dict[str, int] = {}
        self._members: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
        self._index: dict[tuple[str, str, str], dict[Any, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        self._vectors: dict[tuple[str, str], VectorIndex] = {}
        self._edges: dict[str, EdgeRecord] = {}
        self._out: dict[str, dict[str, EdgeRecord]] = defaultdict(dict)
        self._in: dict[str, dict[str, EdgeRecord]] = defaultdict(dict)

    # ------------------------------------------------------------------ changes
    def add_node(self, record: NodeRecord, rid: int) -> None:
        """Mirror a stored node (its embedding goes to the vector index)."""
        stored = NodeRecord(record.id, record.user_id, record.label, record.props)
        self.nodes[record.id] = stored
        self.rids[record.id] = rid
        self._members[(record.user_id, record.label)][record.id] = None
        self._index_node(stored)
        if record.embedding is not None:
            self.set_vector(record.id, record.embedding)

    def remove_node(self, node_id: str) -> None:
        """Forget a node with its relationships and its vector."""
        record = self.nodes.pop(node_id)
        self.rids.pop(node_id, None)
        self._unindex_node(record)
        self._members[(record.user_id, record.label)].pop(node_id, None)
        vindex = self._vectors.get((record.user_id, record.label))
        if vindex is not None:
            vindex.remove(node_id)
        for edge_id in [*self._out.pop(node_id, {}), *self._in.pop(node_id, {})]:
            self.remove_edge(edge_id)

    def replace_props(self, node_id: str, props: Props) -> None:
        old = self.nodes[node_id]
        self._unindex_node(old)
        new = NodeRecord(node_id, old.user_id, old.label, props)
        self.nodes[node_id] = new
        self._index_node(new)

    def set_vector(self, node_id: str, vector: Vector | None) -> None:
        rec = self.nodes[node_id]
        key = (rec.user_id, rec.label)
        if vector is None:
            if key in self._vectors:
                self._vectors[key].remove(node_id)
            return
        if key not in self._vectors:
            self._vectors[key] = VectorIndex(int(vector.shape[0]))
        self._vectors[key].put(node_id, vector)

    def add_edge(self, edge: EdgeRecord) -> None:
        self._edges[edge.id] = edge
        self._out[edge.src][edge.id] = edge
        self._in[edge.dst][edge.id] = edge

    def remove_edge(self, edge_id: str) -> None:
        edge = self._edges.pop(edge_id, None)
        if edge is not None:
            self._out.get(edge.src, {}).pop(edge_id, None)
            self._in.get(edge.dst, {}).pop(edge_id, None)

    def apply(self, plan: Plan) -> None:
        """Mirror a committed plan."""
        for edge in plan.edges_deleted:
            self.remove_edge(edge.id)
        for node_id in plan.deleted:
            if node_id in self.nodes:
                self.remove_node(node_id)
        removed = set(plan.deleted) - plan.added
        for node_id, rec in plan.nodes.items():
            if node_id in removed:
                continue
            if node_id in plan.added:
                self.add_node(rec, plan.rids[node_id])
                continue
            self.replace_props(node_id, rec.props)
            if node_id in plan.embedding_set:
                self.set_vector(node_id, rec.embedding)
        for edge in [*plan.edges_added, *plan.edges_set]:
            if edge.src in self.nodes and edge.dst in self.nodes:
                self.add_edge(edge)

    # ------------------------------------------------------------------ reads
    def owned(self, user_id: str, node_id: str) -> NodeRecord | None:
        """The user's node ``node_id``, or None."""
        rec = self.nodes.get(node_id)
        return rec if rec is not None and rec.user_id == user_id else None

    def edge(self, user_id: str, edge_id: str) -> EdgeRecord | None:
        """The user's relationship ``edge_id``, or None."""
        edge = self._edges.get(edge_id)
        return edge if edge is not None and edge.user_id == user_id else None

    def embedding(self, node_id: str) -> Vector | None:
        rec = self.nodes[node_id]
        vindex = self._vectors.get((rec.user_id, rec.label))
        return vindex.get(node_id) if vindex is not None else None

    def dimensions(self, user_id: str, label: str) -> int | None:
        """The dimension of the user's vectors of ``label``, if there are any yet."""
        vindex = self._vectors.get((user_id, label))
        return vindex.dim if vindex is not None else None

    def find(self, user_id: str, label: str, where: Where | None) -> list[NodeRecord]:
        """The user's nodes of ``label`` that match ``where`` (in no particular order);
        an indexed property narrows the candidates first."""
        candidates: Iterable[str] = self._members.get((user_id, label), {})
        rest = dict(where or {})
        for f in where_filters(where):
            if f.name in INDEXED.get(label, ()) and not f.null:
                index = self._index.get((user_id, label, f.name), {})
                found: set[str] = set()
                for value in f.values:
                    found |= index.get(value, set())
                candidates = found
                del rest[f.name]  # the index lookup applied this filter already
                break
        nodes = self.nodes
        return [nodes[i] for i in candidates if not rest or matches(nodes[i].props, rest)]

    def edges(
        self,
        user_id: str,
        node_ids: Sequence[str],
        types: Sequence[str] | None,
        direction: Direction,
    ) -> list[EdgeRecord]:
        """The user's relationships touching any of ``node_ids``, each once."""
        wanted = set(types) if types is not None else None
        sides = [s for s, d in ((self._out, "out"), (self._in, "in")) if direction in (d, "both")]
        out: dict[str, EdgeRecord] = {}
        for node_id in node_ids:
            if self.owned(user_id, node_id) is None:
                continue
            for side in sides:
                for edge_id, edge in side.get(node_id, {}).items():
                    if edge_id in out or edge.user_id != user_id:
                        continue
                    if wanted is None or edge.type in wanted:
                        out[edge_id] = edge
        return [EdgeRecord(e.id, e.type, e.src, e.dst, e.user_id, e.props) for e in out.values()]

    def vector_search(
        self, user_id: str, label: str, vector: Vector, k: int, where: Where | None
    ) -> list[tuple[str, float]]:
        vindex = self._vectors.get((user_id, label))
        if vindex is None:
            return []
        nodes = self.nodes
        accept = (lambda i: matches(nodes[i].props, where)) if where else None
        return vindex.search(vector, k, accept)

    def size(self, user_id: str, label: str) -> int:
        """How many nodes of ``label`` the user has."""
        return len(self._members.get((user_id, label), {}))

    def spread(self, user_id: str, req: SpreadRequest) -> list[Gain]:
        """``Store.spread`` over the adjacency."""
        offers = Offers(req)
        relations = {"EXTRACTED_FROM": 0, "NEXT": 1}
        about: dict[str, list[str]] = defaultdict(list)
        for seed in req.seeds:
            if self.owned(user_id, seed) is None:
                continue
            for side, end in ((self._out, "dst"), (self._in, "src")):
                for edge in side.get(seed, {}).values():
                    if edge.user_id != user_id:
                        continue
                    other = edge.dst if end == "dst" else edge.src
                    if edge.type in relations:
                        offers.along(other, relations[edge.type], seed)
                    elif (
                        edge.type == "ABOUT" and end == "dst" and edge.props.get("role") == "object"
                    ):
                        about[other].append(seed)
        if req.entity_weight > 0:
            for entity, seeds in about.items():
                members = [
                    e.src
                    for e in self._in.get(entity, {}).values()
                    if e.type == "ABOUT" and e.user_id == user_id
                ]
                offers.shared(members, seeds)
        return offers.gains()

    def user_ids(self) -> list[str]:
        return sorted({uid for (uid, _), members in self._members.items() if members})

    def page(self, user_id: str, after: str | None, limit: int) -> list[str]:
        """The user's node ids greater than ``after``, in order, at most ``limit``."""
        ids = sorted(i for i in self.user_nodes(user_id) if after is None or i > after)
        return ids[: max(limit, 0)]

    def user_nodes(self, user_id: str) -> list[str]:
        return [i for (uid, _), members in self._members.items() if uid == user_id for i in members]

    def counts(self, user_id: str) -> dict[CountKey, int]:
        out: dict[CountKey, int] = defaultdict(int)
        for (uid, label), members in self._members.items():
            if uid == user_id:
                for node_id in members:
                    p = self.nodes[node_id].props
                    out[CountKey(label, p.get("status"), p.get("kind"), bool(p.get("frozen")))] += 1
        return dict(out)

    # ------------------------------------------------------------------ indexes
    def _index_keys(self, record: NodeRecord) -> Iterable[tuple[tuple[str, str, str], Any]]:
        for prop in INDEXED.get(record.label, ()):
            value = record.props.get(prop)
            for v in value if isinstance(value, list) else [value]:
                if v is not None:
                    yield (record.user_id, record.label, prop), v

    def _index_node(self, record: NodeRecord) -> None:
        for key, value in self._index_keys(record):
            self._index[key][value].add(record.id)

    def _unindex_node(self, record: NodeRecord) -> None:
        for key, value in self._index_keys(record):
            ids = self._index[key].get(value)
            if ids is not None:
                ids.discard(record.id)
                if not ids:
                    del self._index[key][value]
