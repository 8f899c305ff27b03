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
from graphmem.stores.base import ChangeSet, Expect, Props, Where, float_tolerance
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
    where_filters,
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
    ends = ch.edge_ends
    edge_ids = sorted({*edge_props, *ch.delete_edges})
    deleted_edges = list(dict.fromkeys(ch.delete_edges))

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
        # relationships looked up among every one of the user's, or between their ends
        "edge_ids": [i for i in edge_ids if i not in ends],
        "edge_refs": [_edge_ref(i, ends) for i in edge_ids if i in ends],
        "delete_edges": [i for i in deleted_edges if i not in ends],
        "delete_edge_refs": [_edge_ref(i, ends) for i in deleted_edges if i in ends],
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
        "set_edge_ids": sorted(i for i in edge_props if i not in ends),
        "edge_props": {i: p for i, p in edge_props.items() if i not in ends},
        "edge_sets": [
            {**_edge_ref(i, ends), "props": p} for i, p in edge_props.items() if i in ends
        ],
    }
    expects, expect_groups = _expectations(ch.expects)
    params["expects"] = expects
    return Compiled(params, sorted(groups.items()), sorted(edges), expect_groups, refused)


def _edge_ref(edge_id: str, ends: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """A relationship named by its id and ends (``ChangeSet.edge_ends``)."""
    return {"id": edge_id, "src": ends[edge_id][0], "dst": ends[edge_id][1]}


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
    ch: ChangeSet, state: Mapping[str, Mapping[str, Any]], edges: Mapping[str, tuple[str, str]]
) -> NoReturn:
    """Raise the error ``ch`` meets (``semantics.check_state``, as on every store):
    ``state`` maps node id to its ``user_id`` and ``props``; ``edges`` maps the user's
    relationships among those the change set names to their (start, end) nodes. When every
    check passes now, the statement was refused by an expectation, or by a state that
    changed again since: either way another writer got there first, a
    ``ConflictError``."""
    check_state(ch, _ReadState(ch.user_id, state, edges))
    raise ConflictError("other writers changed what this write read; nothing was written")


class _ReadState:
    """What a refused statement's follow-up reads found (``read/state``, ``read/edge_ids``)."""

    def __init__(
        self,
        uid: str,
        state: Mapping[str, Mapping[str, Any]],
        edges: Mapping[str, tuple[str, str]],
    ) -> None:
        self.uid, self.state, self.edges = uid, state, edges

    def props(self, node_id: str) -> Mapping[str, Any] | None:
        found = self.state.get(node_id)
        if found is None or found.get("user_id") != self.uid:
            return None
        return {k: v for k, v in dict(found["props"]).items() if v is not None}

    def exists(self, node_id: str) -> bool:
        return node_id in self.state

    def has_edge(self, edge_id: str, ends: tuple[str, str] | None) -> bool:
        return edge_id in self.edges and ends in (None, self.edges[edge_id])

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
    if p["edge_refs"]:
        parts.append(st.get("apply/check_edges_from"))
    for group, label, prop, member in compiled.expect_groups:
        name = "apply/expect_member" if member else "apply/expect"
        parts.append(st.render(name, group=group, label=label, prop=prop))
    parts.append(st.get("apply/gate"))
    for name, key in (
        ("apply/delete_edges", "delete_edges"),
        ("apply/delete_edges_from", "delete_edge_refs"),
        ("apply/delete_nodes", "delete_nodes"),
    ):
        if p[key]:
            parts.append(st.get(name))
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
    if p["edge_sets"]:
        parts.append(st.get("apply/set_edges_from"))
    parts.append(st.get("apply/done"))
    return "\n".join(parts)


#: the properties ``find`` may start from, per label (property -> whether it holds a
#: list): each is indexed on the server (FalkorDB indexes a list's elements; Neo4j reads
#: ``alias_keys`` by tenant), and holds one value (or, if marked, a list of values) on
#: every node graphmem writes
LOOKUPS: dict[str, dict[str, bool]] = {
    "Entity": {"key": False, "alias_keys": True, "block": False},
    "Memory": {"chain_id": False, "sp_key": False, "subject_id": False},
    "Episode": {"session_id": False, "ref": False},
    "Document": {"ref": False},
}


def find_statement(
    st: Statements, label: str, where: Where | None, descending: bool, limited: bool
) -> tuple[str, list[Any]]:
    """``read/find`` for one label, sorted, optionally limited, and its ``$values``: it
    starts from the index of the first filter of ``where`` on a ``LOOKUPS`` property
    (``read/find_by``, ``read/find_holding``), if any, or else reads every node of the
    label the user has."""
    lookups = LOOKUPS.get(label, {})
    start = next((f for f in where_filters(where) if not f.null and f.name in lookups), None)
    if start is None:
        parts, values = [st.render("read/find", label=label)], []
    else:
        name = "read/find_holding" if lookups[start.name] else "read/find_by"
        parts, values = [st.render(name, label=label, prop=start.name)], list(start.values)
    parts.append(st.get("read/order_desc" if descending else "read/order_asc"))
    if limited:
        parts.append(st.get("read/limit"))
    return "\n".join(parts), values
