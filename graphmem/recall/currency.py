"""What is true at the time a search asks about (DESIGN §5): now, or ``as_of``.

Two steps of the read path use the versioned facts:
- an episode whose every fact was no longer valid at that time (the turn that said
  "I live in Lisbon" after Anna moved to Porto) ranks lower, by ``outdated_factor``;
- the direct answer: the query is compared with the example questions of the predicate
  frames (names and dates taken out); for each entity it names, the versions of the
  predicates it asks about that hold at that time get an extra seed of weight
  ``answer_weight`` (newest first). They are the graph's answer to "where does Anna
  live now" and, with ``as_of``, to "where did she live in June 2023".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from graphmem.config import PredicateRegistry, RecallConfig
from graphmem.models import Kind, Status
from graphmem.stores.base import NodeRecord, Store
from graphmem.validity import NOT_OF_RECORD, valid_at
from graphmem.versioning import sp_key


def outdated_episodes(
    store: Store, user_id: str, episode_ids: list[str], t: str | None
) -> set[str]:
    """The episodes all of whose facts no longer held at ``t``."""
    if not episode_ids:
        return set()
    sources: dict[str, list[str]] = defaultdict(list)
    for edge in store.edges(user_id, episode_ids, types=["EXTRACTED_FROM"], direction="in"):
        sources[edge.dst].append(edge.src)
    memories = {r.id: r for r in store.get(user_id, [m for ms in sources.values() for m in ms])}
    out = set()
    for episode_id, memory_ids in sources.items():
        facts = [
            memories[m]
            for m in memory_ids
            if m in memories and memories[m].props.get("kind") == Kind.FACT
        ]
        facts = [f for f in facts if f.props.get("status") not in NOT_OF_RECORD]
        if facts and not any(_holds_since(f.props, t) for f in facts):
            out.add(episode_id)
    return out


def _holds_since(props: Mapping[str, object], t: str | None) -> bool:
    """The fact had not ended by ``t`` (an episode said before ``t`` is not outdated
    because its fact starts later)."""
    if t is None:
        return props.get("status") != Status.SUPERSEDED
    end = props.get("valid_to")
    return end is None or t < str(end)


def answers(
    store: Store,
    user_id: str,
    named: Mapping[str, str],
    asked: Mapping[str, float],
    registry: PredicateRegistry,
    t: str | None,
    cfg: RecallConfig,
) -> list[NodeRecord]:
    """The versions holding at ``t`` of the facts a query asks for: of every entity it
    names, the predicates it asks about (the best, and any within ``answer_tie`` of it,
    if at least ``answer_min_similarity``), newest first."""
    if not named or not asked:
        return []
    best = max(asked.values())
    if best < cfg.answer_min_similarity:
        return []
    predicates = {p for p, score in asked.items() if score >= best - cfg.answer_tie}
    kinds = {p: (s.kind if (s := registry.spec(p)) is not None else Kind.FACT) for p in predicates}
    keys = sorted({sp_key(e, kinds[p], p, registry) for e in named for p in predicates})
    slots = {registry.slot(p) for p in predicates}
    found = [
        r
        for r in store.find(user_id, "Memory", {"sp_key": keys})
        if registry.slot(str(r.props.get("predicate") or "")) in slots and valid_at(r.props, t)
    ]
    rank = {registry.slot(p): asked[p] for p in sorted(predicates, key=lambda p: asked[p])}
    return sorted(
        found,
        key=lambda r: (
            rank[registry.slot(str(r.props.get("predicate") or ""))],
            str(r.props.get("valid_from") or ""),
            r.id,
        ),
        reverse=True,
    )
