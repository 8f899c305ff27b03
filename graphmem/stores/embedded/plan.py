"""A change set checked against the embedded store's state and turned into the final
state of everything it touches: what the SQLite file writes and, after the commit,
what the mirror takes over."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graphmem.stores.base import ChangeSet, EdgeRecord, Expect, NodeRecord, Props
from graphmem.stores.semantics import (
    check_shape,
    check_state,
    expect_matches,
    fulltext_body,
    stored_props,
    stored_vector,
)

if TYPE_CHECKING:
    from graphmem.stores.embedded.mirror import Mirror


@dataclass
class Plan:
    """The final state of every node and relationship a change set touches."""

    #: added and changed nodes as they will be (with the embedding, where it changes)
    nodes: dict[str, NodeRecord] = field(default_factory=dict)
    added: set[str] = field(default_factory=set)
    embedding_set: set[str] = field(default_factory=set)
    #: removed nodes (a node removed and added again in one change set is replaced)
    deleted: list[str] = field(default_factory=list)
    #: changed nodes whose fulltext body changes
    reindex: set[str] = field(default_factory=set)
    #: row ids of the nodes written or removed; the file fills in those of new nodes
    rids: dict[str, int] = field(default_factory=dict)
    edges_added: list[EdgeRecord] = field(default_factory=list)
    edges_set: list[EdgeRecord] = field(default_factory=list)
    edges_deleted: list[EdgeRecord] = field(default_factory=list)


class _State:
    """What ``check_state`` needs, read from the mirror."""

    def __init__(self, mirror: Mirror, user_id: str) -> None:
        self.mirror, self.user_id = mirror, user_id

    def props(self, node_id: str) -> Mapping[str, Any] | None:
        rec = self.mirror.owned(self.user_id, node_id)
        return None if rec is None else rec.props

    def exists(self, node_id: str) -> bool:
        return node_id in self.mirror.nodes

    def has_edge(self, edge_id: str, ends: tuple[str, str] | None) -> bool:
        edge = self.mirror.edge(self.user_id, edge_id)
        return edge is not None and ends in (None, (edge.src, edge.dst))

    def matching(self, expect: Expect) -> list[Mapping[str, Any]]:
        found = self.mirror.find(self.user_id, expect.label, {expect.prop: expect.value})
        return [{**r.props, "id": r.id} for r in found if expect_matches(expect, r.props)]


def _absent_removed(props: Props) -> Props:
    return {k: v for k, v in props.items() if v is not None}


def plan_changes(ch: ChangeSet, mirror: Mirror) -> Plan:
    """Check ``ch`` (values first, then against the stored state, as every store does)
    and compute the final states."""
    uid = ch.user_id
    check_shape(ch)
    new_props = {r.id: stored_props(r.props, f"node {r.id}", keep_none=False) for r in ch.add_nodes}
    changes = [(i, stored_props(p, f"node {i}", keep_none=True)) for i, p in ch.set_nodes]
    new_edges = [
        (e, stored_props(e.props, f"relationship {e.id}", keep_none=False)) for e in ch.add_edges
    ]
    edge_changes = [
        (i, stored_props(p, f"relationship {i}", keep_none=True)) for i, p in ch.set_edges
    ]

    def vector(node_id: str, label: str, value: Any) -> Any:
        what = f"embedding of {node_id}"
        return None if value is None else stored_vector(value, what, mirror.dimensions(uid, label))

    new_vectors = {r.id: vector(r.id, r.label, r.embedding) for r in ch.add_nodes}
    check_state(ch, _State(mirror, uid))

    plan = Plan()
    for rec in ch.add_nodes:
        plan.nodes[rec.id] = NodeRecord(
            rec.id, uid, rec.label, new_props[rec.id], new_vectors[rec.id]
        )
        plan.added.add(rec.id)
    for node_id, props in changes:
        cur = plan.nodes.get(node_id)
        if cur is None:
            old = mirror.nodes[node_id]
            cur = plan.nodes[node_id] = NodeRecord(node_id, uid, old.label, dict(old.props))
            plan.rids[node_id] = mirror.rids[node_id]
        cur.props = _absent_removed({**cur.props, **props})
    for node_id, value in ch.set_embeddings:
        cur = plan.nodes.get(node_id)
        if cur is None:
            old = mirror.nodes[node_id]
            cur = plan.nodes[node_id] = NodeRecord(node_id, uid, old.label, old.props)
            plan.rids[node_id] = mirror.rids[node_id]
        cur.embedding = vector(node_id, cur.label, value)
        plan.embedding_set.add(node_id)
    for node_id in ch.delete_nodes:
        plan.deleted.append(node_id)
        plan.rids.setdefault(node_id, mirror.rids[node_id])
    for node_id, rec in plan.nodes.items():
        if node_id not in plan.added:
            old = mirror.nodes[node_id]
            if fulltext_body(rec.label, rec.props) != fulltext_body(old.label, old.props):
                plan.reindex.add(node_id)
    for edge, props in new_edges:
        plan.edges_added.append(EdgeRecord(edge.id, edge.type, edge.src, edge.dst, uid, props))
    known = {e.id: e for e in plan.edges_added}
    for edge_id, props in edge_changes:
        found = known.get(edge_id)
        if found is None:
            stored = mirror.edge(uid, edge_id)
            assert stored is not None  # check_state found it
            found = EdgeRecord(
                edge_id, stored.type, stored.src, stored.dst, uid, dict(stored.props)
            )
            known[edge_id] = found
            plan.edges_set.append(found)
        found.props = _absent_removed({**found.props, **props})
    for edge_id in ch.delete_edges:
        gone = mirror.edge(uid, edge_id)
        assert gone is not None  # check_state found it
        plan.edges_deleted.append(gone)
    return plan
