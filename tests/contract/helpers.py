"""Helpers for the contract suite: snapshots of what a store holds for a user."""

from __future__ import annotations

from typing import Any

from graphmem.engine import GraphMem
from graphmem.models import Memory
from graphmem.stores.base import LABELS, EdgeRecord


def node_ids(mem: GraphMem, user_id: str = "u1") -> dict[str, set[str]]:
    return {label: {r.id for r in mem.store.find(user_id, label)} for label in LABELS}


def snapshot(mem: GraphMem, user_id: str = "u1") -> dict[str, object]:
    """Every node's properties and every relationship, for exact before/after checks."""
    nodes = {label: {r.id: r.props for r in mem.store.find(user_id, label)} for label in LABELS}
    ids = [i for by_id in nodes.values() for i in by_id]
    edges = sorted(
        (e.id, e.type, e.src, e.dst, sorted(e.props.items())) for e in mem.store.edges(user_id, ids)
    )
    return {"nodes": nodes, "edges": edges}


def edges_of(
    mem: GraphMem, node_id: str, rel_type: str, user_id: str = "u1", direction: str = "both"
) -> list[EdgeRecord]:
    return mem.store.edges(user_id, [node_id], types=[rel_type], direction=direction)  # type: ignore[arg-type]


#: a turn of three sentences, one of them about something the others never mention
LONG_TURN = (
    "We spent the whole weekend cleaning out the garage together. "
    "My grandmother's old violin from Vienna was hidden under a pile of boxes. "
    "Then we ordered pizza and watched a movie."
)


def anna_lives_in(mem: GraphMem, city: str, at: str, **kwargs: Any) -> Memory:
    """``Anna lives in <city>.``, written directly, valid from ``at``."""
    return mem.remember(
        f"Anna lives in {city}.", subject="Anna", predicate="lives_in", object=city, at=at, **kwargs
    )
