"""Checks of the invariants of DESIGN §2 on one user's stored graph, read through the
store interface: what any number of concurrent writers must leave behind.

``violations(store, user_id, config)`` returns one line per violation found (an empty
list when the graph is sound):

- a single-valued (subject, slot) has at most one current version;
- every version chain has at most one current version, and its version numbers are
  unique;
- the episodes of a session have unique sequence numbers, and their ``NEXT``
  relationships form a linear chain in sequence order (each episode has at most one
  successor and one predecessor, the successor the next episode by ``seq``; removing
  an episode leaves a gap, so an unbroken chain is checked only on request);
- a (session, ref) names at most one episode;
- a key names at most one live entity of each type (entities of incompatible types may
  share a name: "Bern" the place and "Bern" a person).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

from graphmem.config import Config
from graphmem.models import LIVE_STATUSES, EntityStatus
from graphmem.resolution import types_compatible
from graphmem.stores.base import NodeRecord, Store


def violations(
    store: Store, user_id: str, config: Config | None = None, *, whole: bool = False
) -> list[str]:
    """Every invariant violation in ``user_id``'s graph (empty: none). With ``whole``
    (no episode was ever removed) each session must also be one unbroken chain."""
    registry = (config or Config()).predicates
    memories = store.find(user_id, "Memory")
    episodes = store.find(user_id, "Episode")
    entities = store.find(user_id, "Entity")
    out: list[str] = []
    live = [m for m in memories if m.props.get("status") in LIVE_STATUSES]
    by_slot: dict[str, list[str]] = defaultdict(list)
    for m in live:
        predicate = m.props.get("predicate")
        if m.props.get("sp_key") and predicate and registry.is_single_valued(predicate):
            by_slot[str(m.props["sp_key"])].append(m.id)
    out += [
        f"{key}: {len(ids)} current versions {sorted(ids)}"
        for key, ids in by_slot.items()
        if len(ids) > 1
    ]
    chains: dict[str, list[NodeRecord]] = defaultdict(list)
    for m in memories:
        chains[str(m.props.get("chain_id") or m.id)].append(m)
    for chain_id, versions in chains.items():
        current = [m.id for m in versions if m.props.get("status") in LIVE_STATUSES]
        if len(current) > 1:
            out.append(f"chain {chain_id}: {len(current)} current versions {sorted(current)}")
        numbers = Counter(int(m.props.get("version", 1)) for m in versions)
        out += [f"chain {chain_id}: version {n} {c} times" for n, c in numbers.items() if c > 1]
    out += _sessions(store, user_id, episodes, whole=whole)
    by_key: dict[str, list[str]] = defaultdict(list)
    for e in entities:
        if e.props.get("status") == EntityStatus.ACTIVE:
            by_key[str(e.props.get("key"))].append(str(e.props.get("type", "other")))
    for key, types in by_key.items():
        clash = [
            (a, b) for i, a in enumerate(types) for b in types[i + 1 :] if types_compatible(a, b)
        ]
        if clash:
            out.append(f"entity key {key!r}: live entities of compatible types {clash[0]}")
    return out


def _sessions(store: Store, user_id: str, episodes: list[NodeRecord], *, whole: bool) -> list[str]:
    out: list[str] = []
    sessions: dict[str, list[NodeRecord]] = defaultdict(list)
    for ep in episodes:
        sessions[str(ep.props.get("session_id"))].append(ep)
    nexts = store.edges(user_id, [e.id for e in episodes], types=["NEXT"], direction="out")
    succ: dict[str, list[str]] = defaultdict(list)
    pred: dict[str, list[str]] = defaultdict(list)
    for e in nexts:
        succ[e.src].append(e.dst)
        pred[e.dst].append(e.src)
    for session, eps in sessions.items():
        seqs = Counter(int(e.props.get("seq", 0)) for e in eps)
        out += [f"session {session}: seq {s} {c} times" for s, c in seqs.items() if c > 1]
        refs = Counter(e.props.get("ref") for e in eps if e.props.get("ref"))
        out += [f"session {session}: ref {r!r} {c} times" for r, c in refs.items() if c > 1]
        ordered = sorted(eps, key=lambda e: (int(e.props.get("seq", 0)), e.id))
        for ep in ordered:
            if len(succ.get(ep.id, [])) > 1 or len(pred.get(ep.id, [])) > 1:
                out.append(f"session {session}: NEXT forks at seq {ep.props.get('seq')}")
        for a, b in itertools.pairwise(ordered):
            if succ.get(a.id) and succ[a.id] != [b.id]:
                out.append(f"session {session}: NEXT from seq {a.props.get('seq')} skips")
            elif whole and not succ.get(a.id):
                out.append(f"session {session}: no NEXT from seq {a.props.get('seq')}")
    return out
