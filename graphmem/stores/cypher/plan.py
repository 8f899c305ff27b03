"""A ``ChangeSet`` as one Cypher statement, and the explanation of a refused one.

``compile_changes`` turns a change set into the parameters of one statement built from
named fragments (``cypher/common/apply/*``): preconditions are checked first, inside
the statement; if any fails the statement writes nothing and returns no row. Then
``diagnose`` reads the nodes involved and raises the error the embedded store would
raise, checking in the same order (guards, new nodes, updates, deletes, relationships).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from graphmem.errors import InvalidInputError, NotFoundError
from graphmem.names import check_prop_name, check_rel_type
from graphmem.stores.base import LABELS, ChangeSet, Props, Vector, check_guard
from graphmem.stores.cypher.statements import Statements

#: properties the store keeps on every node or relationship itself
RESERVED = frozenset({"id", "user_id", "embedding"})
#: extra labels of Memory nodes, by kind, for Neo4j Browser
SUBLABELS = {"fact": "Fact", "preference": "Preference", "event": "Event"}
#: properties whose change alters the fulltext body (see apply/index_text)
TEXT_PROPS = frozenset({"name", "aliases", "speaker", "text", "predicate"})


@dataclass
class Compiled:
    """The fragments and parameters of one apply statement."""

    params: dict[str, Any]
    node_groups: list[tuple[str, str]] = field(default_factory=list)
    edge_types: list[str] = field(default_factory=list)
    refused: bool = False
    """True when the change set fails on its own (e.g. a relationship to a node it
    deletes): it is diagnosed without writing."""


def check_value(value: Any, what: str) -> Any:
    """A property value as stored: str, int, float, bool, or a list of those; ``None``
    means "absent"."""
    if value is None or isinstance(value, bool | int | str):
        if isinstance(value, str) and "\x00" in value:
            raise InvalidInputError(f"{what} contains a NUL character")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInputError(f"{what} is not a finite number")
        return value
    if isinstance(value, list | tuple):
        items = [check_value(v, what) for v in value]
        if any(v is None or isinstance(v, list) for v in items):
            raise InvalidInputError(f"{what} may only hold plain values, not null or lists")
        return items
    raise InvalidInputError(f"{what} has a value of type {type(value).__name__}")


def check_props(props: Mapping[str, Any], what: str, *, keep_none: bool) -> Props:
    out: Props = {}
    for name, value in props.items():
        if not isinstance(name, str):
            raise InvalidInputError(f"{what} has a non-string property name")
        check_prop_name(name)
        if name in RESERVED:
            raise InvalidInputError(f"{what} may not set the reserved property {name!r}")
        checked = check_value(value, f"{what}.{name}")
        if checked is not None or keep_none:
            out[name] = checked
    return out


def vector_list(vector: Vector, dimensions: int, what: str) -> list[float]:
    arr = np.asarray(vector, dtype=np.float32).ravel()
    if arr.shape[0] != dimensions:
        raise InvalidInputError(f"{what} has {arr.shape[0]} dimensions; the store has {dimensions}")
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{what} is not finite")
    return [float(x) for x in arr]


def labels_of(label: str, props: Props) -> tuple[str, str]:
    """(group, labels) for a new node: ``("Fact", "Memory:Fact")``."""
    if label not in LABELS:
        raise InvalidInputError(f"unknown label {label!r}: expected one of {list(LABELS)}")
    sub = SUBLABELS.get(str(props.get("kind"))) if label == "Memory" else None
    return (sub, f"{label}:{sub}") if sub else (label, label)


def compile_changes(ch: ChangeSet, dimensions: int) -> Compiled:
    """The parameters of the apply statement for ``ch`` (values checked, None dropped)."""
    uid = ch.user_id
    deleting = set(ch.delete_nodes)
    added: dict[str, Props] = {}
    labels: dict[str, str] = {}
    refused = False
    for rec in ch.add_nodes:
        if rec.user_id != uid:
            raise InvalidInputError("a change set may only write one user's nodes")
        if rec.id in added:
            refused = True
        added[rec.id] = check_props(rec.props, f"node {rec.id}", keep_none=True)
        labels[rec.id] = rec.label
    updates: dict[str, Props] = {}
    for node_id, props in ch.set_nodes:
        checked = check_props(props, f"node {node_id}", keep_none=True)
        if node_id in added:
            added[node_id].update(checked)
        else:
            updates.setdefault(node_id, {}).update(checked)
    embed: dict[str, list[float] | None] = {}
    for rec in ch.add_nodes:
        if rec.embedding is not None:
            embed[rec.id] = vector_list(rec.embedding, dimensions, f"embedding of {rec.id}")
    for node_id, vector in ch.set_embeddings:
        embed[node_id] = (
            None if vector is None else vector_list(vector, dimensions, f"embedding of {node_id}")
        )

    checks: dict[str, dict[str, Any]] = {}

    def need(node_id: str, *, absent: bool = False) -> None:
        checks.setdefault(
            node_id, {"id": node_id, "absent": absent, "not_frozen": False, "statuses": None}
        )

    guards = []
    for guard in ch.guards:
        guards.append(
            {
                "id": guard.node_id,
                "absent": False,
                "not_frozen": guard.not_frozen,
                "statuses": sorted(guard.status_in) if guard.status_in is not None else None,
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
        check_rel_type(edge.type)
        if edge.user_id != uid:
            raise InvalidInputError("a change set may only write one user's relationships")
        if not (alive(edge.src) and alive(edge.dst)):
            refused = True
        for end in (edge.src, edge.dst):
            if end not in added:
                need(end)
        stored = check_props(edge.props, f"relationship {edge.id}", keep_none=False)
        stored.update(id=edge.id, user_id=uid)
        edges.setdefault(edge.type, []).append({"src": edge.src, "dst": edge.dst, "props": stored})
        new_edges[edge.id] = stored
    edge_props: dict[str, Props] = {}
    for eid, changed in ch.set_edges:
        checked = check_props(changed, f"relationship {eid}", keep_none=True)
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
        nodes.setdefault(group, []).append({**row, "id": node_id, "user_id": uid})
    touched = [i for i in added] + [i for i, p in updates.items() if TEXT_PROPS & set(p)]
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
        "embed": [{"id": i, "vector": v} for i, v in embed.items() if v is not None and alive(i)],
        "unembed": [i for i, v in embed.items() if v is None and alive(i)],
        "touched": [i for i in dict.fromkeys(touched) if alive(i)],
        "edges": edges,
        "set_edge_ids": sorted(edge_props),
        "edge_props": edge_props,
    }
    return Compiled(params, sorted(groups.items()), sorted(edges), refused)


def diagnose(
    ch: ChangeSet, state: Mapping[str, Mapping[str, Any]], edge_ids: Sequence[str]
) -> None:
    """Raise the error the embedded store raises for ``ch`` given what is stored:
    ``state`` maps node id to its ``user_id``, ``frozen`` and ``status``; ``edge_ids``
    are the user's relationships among those the change set names."""
    uid = ch.user_id

    def owned(node_id: str) -> bool:
        found = state.get(node_id)
        return found is not None and found.get("user_id") == uid

    for guard in ch.guards:
        check_guard(guard, uid, state[guard.node_id] if owned(guard.node_id) else None)
    deleting = set(ch.delete_nodes)
    planned: set[str] = set()
    for rec in ch.add_nodes:
        if (rec.id in state and rec.id not in deleting) or rec.id in planned:
            raise InvalidInputError(f"node {rec.id!r} already exists")
        planned.add(rec.id)
    for node_id in [
        *(i for i, _ in ch.set_nodes),
        *(i for i, _ in ch.set_embeddings),
        *ch.delete_nodes,
    ]:
        if node_id not in planned and not owned(node_id):
            raise NotFoundError(f"no node {node_id!r} for user {uid!r}")
    for edge in ch.add_edges:
        for end in (edge.src, edge.dst):
            exists = end in planned or owned(end)
            if not exists or (end in deleting and end not in planned):
                raise NotFoundError(f"edge {edge.type} joins a missing node")
    known = {e.id for e in ch.add_edges} | set(edge_ids)
    for eid, _ in ch.set_edges:
        if eid not in known:
            raise NotFoundError(f"no relationship {eid!r} for user {uid!r}")
    for eid in ch.delete_edges:
        if eid not in edge_ids:
            raise NotFoundError(f"no relationship {eid!r} for user {uid!r}")


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
