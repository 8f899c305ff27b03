"""A ``ChangeSet`` as one Cypher statement, and the explanation of a refused one.

``compile_changes`` checks a change set's values as every store does
(``graphmem.stores.semantics``) and turns it into the parameters of one statement built
from named fragments (``cypher/common/apply/*``): the state checks and the expectations
(the reads that decided the write, run again) come first, inside the statement; if any
fails the statement writes nothing and returns no row. Then ``diagnose`` reads the
nodes involved and raises the error of ``semantics.check_state``, the one every store
raises (``ConflictError`` when only an expectation failed).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from graphmem.errors import ConflictError
from graphmem.stores.base import ChangeSet, Expect, Props, float_tolerance
from graphmem.stores.cypher.statements import Statements, Vector32
from graphmem.stores.semantics import (
    FULLTEXT_PROPS,
    check_shape,
    check_state,
    fulltext_body,
    fulltext_param,
    stored_props,
    stored_value,
    stored_vector,
)

#: extra labels of Memory nodes, by kind, for Neo4j Browser
SUBLABELS = {"fact": "Fact", "preference": "Preference", "event": "Event"}


@dataclass
class Compiled:
    """The fragments and parameters of one apply statement."""

    params: dict[str, Any]
    node_groups: list[tuple[str, str]] = field(default_factory=list)
    edge_types: list[str] = field(default_factory=list)
    #: (group, label, property, whether the property holds a list) per expectation group
    expect_groups: list[tuple[str, str, str, bool]] = field(default_factory=list)
    refused: bool = False
    """True when the change set fails on its own (e.g. a relationship to a node it
    deletes): it is diagnosed without writing."""


def labels_of(label: str, props: Props) -> tuple[str, str]:
    """(group, labels) for a new node: ``("Fact", "Memory:Fact")``."""
    sub = SUBLABELS.get(str(props.get("kind"))) if label == "Memory" else None
    return (sub, f"{label}:{sub}") if sub else (label, label)


def compile_changes(ch: ChangeSet, dimensions: int) -> Compiled:
    """The parameters of the apply statement for ``ch`` (values checked, None dropped)."""
    check_shape(ch)
    uid = ch.user_id
    deleting = set(ch.delete_nodes)
    added: dict[str, Props] = {}
    labels: dict[str, str] = {}
    refused = False
    for rec in ch.add_nodes:
        if rec.id in added:
            refused = True
        added[rec.id] = stored_props(rec.props, f"node {rec.id}", keep_none=True)
        labels[rec.id] = rec.label
    updates: dict[str, Props] = {}
    for node_id, props in ch.set_nodes:
        checked = stored_props(props, f"node {node_id}", keep_none=True)
        if node_id in added:
            added[node_id].update(checked)
        else:
            updates.setdefault(node_id, {}).update(checked)
    embed: dict[str, list[float] | None] = {}
    for rec in ch.add_nodes:
        if rec.embedding is not None:
            embed[rec.id] = Vector32(
                stored_vector(rec.embedding, f"embedding of {rec.id}", dimensions).tolist()
            )
    for node_id, vector in ch.set_embeddings:
        what = f"embedding of {node_id}"
        embed[node_id] = (
            None if vector is None else Vector32(stored_vector(vector, what, dimensions).tolist())
        )

    checks: dict[str, dict[str, Any]] = {}

    def need(node_id: str, *, absent: bool = False) -> None:
        checks.setdefault(
            node_id,
            {
                "id": node_id,
                "absent": absent,
                "not_frozen": False,
                "statuses": None,
                "unchanged": [],
                "near": [],
            },
        )

    guards = []
    for guard in ch.guards:
        guards.append(
            {
                "id": guard.node_id,
                "absent": False,
                "not_frozen": guard.not_frozen,
                "statuses": sorted(guard.status_in) if guard.status_in is not None else None,
                "unchanged": [
                    _unchanged(guard.node_id, n, v)
                    for n, v in guard.unchanged
                    if not isinstance(v, float)
                ],
                "near": [
                    {"name": n, "value": v, "tolerance": float_tolerance(v)}
                    for n, v in guard.unchanged
                    if isinstance(v, float)
                ],
            }
        )
    for node_id in added:
        if node_id not in deleting:
            need(node_id, absent=True)
    for node_id in [*updates, *(i for i in embed if i not in added), *ch.delete_nodes]:
        need(node_id)

    def alive(node_id: str) -> bool:
        return node_id in added or node_id not in deleting

    edges: dict[str, list[dict[str, Any]]] = {}
    new_edges: dict[str, dict[str, Any]] = {}
    for edge in ch.add_edges:
        if not (alive(edge.src) and alive(edge.dst)):
            refused = True
        for end in (edge.src, edge.dst):
            if end not in added:
                need(end)
        stored = stored_props(edge.props, f"relationship {edge.id}", keep_none=False)
        stored.update(id=edge.id, user_id=uid)
        edges.setdefault(edge.type, []).append({"src": edge.src, "dst": edge.dst, "props": stored})
        new_edges[edge.id] = stored
    edge_props: dict[str, Props] = {}
    for eid, changed in ch.set_edges:
        checked = stored_props(changed, f"relationship {eid}", keep_none=True)
        if eid in new_edges:
            new_edges[eid].update({k: v for k, v in checked.items() if v is not None})
            for key in [k for k, v in checked.items() if v is None]:
                new_edges[eid].pop(key, None)
        else:
            edge_props.setdefault(eid, {}).update(checked)
    edge_ids = sorted({*edge_props, *ch.delete_edges})

    nodes: dict[str, list[Props]] = {}
    groups: dict[str, str] = {}
    for node_id, props in added.items():
        group, label_set = labels_of(labels[node_id], props)
        groups[group] = label_set
        row = {k: v for k, v in props.items() if v is not None}
        body = fulltext_body(labels[node_id], row)
        if body:  # what apply/index_text computes, set at creation: one index update
            row["_text"] = body
        nodes.setdefault(group, []).append(
            {"props": {**row, "id": node_id, "user_id": uid}, "vector": embed.get(node_id)}
        )
    touched = [i for i, p in updates.items() if FULLTEXT_PROPS & set(p) and i not in added]
    params: dict[str, Any] = {
        "user_id": uid,
        "checks": [*guards, *checks.values()],
        "lock_ids": sorted({c["id"] for c in [*guards, *checks.values()] if not c["absent"]}),
        "edge_ids": edge_ids,
        "delete_edges": list(dict.fromkeys(ch.delete_edges)),
        "delete_nodes": sorted(deleting),
        "nodes": nodes,
        "set_nodes": [
            {"id": i, "props": p} for i, p in updates.items() if alive(i) and i not in added
        ],
        "embed": [
            {"id": i, "vector": v}
            for i, v in embed.items()
            if v is not None and alive(i) and i not in added
        ],
        "unembed": [i for i, v in embed.items() if v is None and alive(i) and i not in added],
        "touched": [i for i in dict.fromkeys(touched) if alive(i)],
        "fulltext": fulltext_param(),
        "edges": edges,
        "set_edge_ids": sorted(edge_props),
        "edge_props": edge_props,
    }
    expects, expect_groups = _expectations(ch.expects)
    params["expects"] = expects
    return Compiled(params, sorted(groups.items()), sorted(edges), expect_groups, refused)


def _unchanged(node_id: str, name: str, value: Any) -> dict[str, Any]:
    """One property of a guard's ``unchanged`` that compares exactly (floats go to
    ``near``, compared within their tolerance, see ``base.same_value``)."""
    return {
        "name": name,
        "value": stored_value(value, f"node {node_id}.{name}"),
        "null": value is None,
    }


def _expectations(
    expects: Sequence[Expect],
) -> tuple[dict[str, list[dict[str, Any]]], list[tuple[str, str, str, bool]]]:
    """The ``$expects`` parameter (grouped by label and property) and the groups."""
    params: dict[str, list[dict[str, Any]]] = {}
    groups: dict[str, tuple[str, str, str, bool]] = {}
    for x in expects:
        group = f"{x.label}_{x.prop}" + ("_holds" if x.holds else "")
        groups[group] = (group, x.label, x.prop, x.holds)
        params.setdefault(group, []).append(
            {
                "value": x.value,
                "statuses": sorted(x.statuses) if x.statuses is not None else None,
                "ids": sorted(x.ids),
                "highest": x.highest,
                "top": stored_value(x.top, f"expected {x.highest}"),
            }
        )
    return params, sorted(groups.values())


def diagnose(
    ch: ChangeSet, state: Mapping[str, Mapping[str, Any]], edge_ids: Sequence[str]
) -> NoReturn:
    """Raise the error ``ch`` meets (``semantics.check_state``, as on every store):
    ``state`` maps node id to its ``user_id`` and ``props``; ``edge_ids`` are the user's
    relationships among those the change set names. When every check passes now, the
    statement was refused by an expectation, or by a state that changed again since:
    either way another writer got there first, a ``ConflictError``."""
    check_state(ch, _ReadState(ch.user_id, state, set(edge_ids)))
    raise ConflictError("other writers changed what this write read; nothing was written")


class _ReadState:
    """What a refused statement's follow-up reads found (``read/state``, ``read/edge_ids``)."""

    def __init__(self, uid: str, state: Mapping[str, Mapping[str, Any]], edges: set[str]) -> None:
        self.uid, self.state, self.edges = uid, state, edges

    def props(self, node_id: str) -> Mapping[str, Any] | None:
        found = self.state.get(node_id)
        if found is None or found.get("user_id") != self.uid:
            return None
        return {k: v for k, v in dict(found["props"]).items() if v is not None}

    def exists(self, node_id: str) -> bool:
        return node_id in self.state

    def has_edge(self, edge_id: str) -> bool:
        return edge_id in self.edges

    def matching(self, expect: Expect) -> list[Mapping[str, Any]]:
        """Expectations are checked in the statement only; ``diagnose`` reports a
        refusal no other check explains as a conflict."""
        return [{"id": i} for i in expect.ids] if expect.highest is None else []


def referenced(ch: ChangeSet) -> tuple[list[str], list[str]]:
    """Node ids and relationship ids a change set refers to (for ``diagnose``)."""
    nodes = {g.node_id for g in ch.guards}
    nodes |= {r.id for r in ch.add_nodes} | {i for i, _ in ch.set_nodes}
    nodes |= {i for i, _ in ch.set_embeddings} | set(ch.delete_nodes)
    nodes |= {e.src for e in ch.add_edges} | {e.dst for e in ch.add_edges}
    rels = {i for i, _ in ch.set_edges} | set(ch.delete_edges)
    return sorted(nodes), sorted(rels)


def apply_statement(st: Statements, compiled: Compiled, lock: bool) -> str:
    """The apply statement: lock (Neo4j), checks, gate, then one fragment per kind of
    change present, in the embedded store's order."""
    p = compiled.params
    parts = [st.get("apply/lock")] if lock else []
    parts.append(st.get("apply/check_nodes"))
    if p["edge_ids"]:
        parts.append(st.get("apply/check_edges"))
    for group, label, prop, member in compiled.expect_groups:
        name = "apply/expect_member" if member else "apply/expect"
        parts.append(st.render(name, group=group, label=label, prop=prop))
    parts.append(st.get("apply/gate"))
    parts += [st.get(f"apply/{key}") for key in ("delete_edges", "delete_nodes") if p[key]]
    for group, labels in compiled.node_groups:
        parts.append(st.render("apply/create_nodes", group=group, labels=labels))
    for name, key in (
        ("apply/set_nodes", "set_nodes"),
        ("apply/set_embeddings", "embed"),
        ("apply/remove_embeddings", "unembed"),
        ("apply/index_text", "touched"),
    ):
        if p[key]:
            parts.append(st.get(name))
    parts += [st.render("apply/create_edges", type=t) for t in compiled.edge_types]
    if p["set_edge_ids"]:
        parts.append(st.get("apply/set_edges"))
    parts.append(st.get("apply/done"))
    return "\n".join(parts)


def find_statement(st: Statements, label: str, descending: bool, limited: bool) -> str:
    """``read/find`` for one label, sorted, optionally limited."""
    parts = [
        st.render("read/find", label=label),
        st.get("read/order_desc" if descending else "read/order_asc"),
    ]
    if limited:
        parts.append(st.get("read/limit"))
    return "\n".join(parts)
