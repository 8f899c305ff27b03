"""The read path (DESIGN §5): seeds from the vector and keyword indexes fused by
reciprocal rank, one hop of graph expansion (shared entities, source episodes,
neighbouring turns), status and time filtering, and hits with reasons and provenance."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from graphmem.codec import entity_key, to_episode, to_memory
from graphmem.config import lifecycle_for
from graphmem.errors import InvalidInputError
from graphmem.models import LIVE_STATUSES, Hit, Kind, Status
from graphmem.recall.text import STOPWORDS, keywords
from graphmem.stores.base import NodeRecord
from graphmem.timeutil import encode

if TYPE_CHECKING:
    from graphmem.engine import GraphMem

EPISODE = "episode"
_KINDS = frozenset({*(k.value for k in Kind), EPISODE})


class Searcher:
    """Ranks a user's memories and episodes for a query."""

    def __init__(self, engine: GraphMem) -> None:
        self.engine = engine

    def search(
        self,
        query: str,
        user_id: str,
        *,
        k: int,
        as_of: datetime | None,
        kinds: Sequence[str] | None,
        include_archived: bool,
    ) -> list[Hit]:
        cfg = self.engine.config.recall
        store = self.engine.store
        wanted = _check_kinds(kinds, cfg.include_episodes)
        statuses = set(LIVE_STATUSES)
        if include_archived or as_of is not None:
            statuses.add(Status.ARCHIVED)
        if as_of is not None:
            statuses.add(Status.SUPERSEDED)
        labels = ["Memory"] + (["Episode"] if EPISODE in wanted else [])
        vector = self.engine.embedder.embed([query])[0]
        ranked: list[list[str]] = []
        for label in labels:
            where = {"status": sorted(statuses)} if label == "Memory" else None
            ranked.append(
                [i for i, _ in store.vector_search(user_id, label, vector, cfg.seeds, where)]
            )
        terms = keywords(query)
        if terms:
            ranked.append(
                [i for i, _ in store.keyword_search(user_id, " ".join(terms), cfg.seeds, labels)]
            )
        scores: dict[str, float] = defaultdict(float)
        reasons: dict[str, str] = {}
        for name, ids in zip(
            [*(f"vector:{lb.lower()}" for lb in labels), "keyword"], ranked, strict=False
        ):
            for rank, node_id in enumerate(ids):
                scores[node_id] += 1.0 / (cfg.rrf_k + rank + 1)
                reasons[node_id] = f"{reasons[node_id]}+{name}" if node_id in reasons else name
        self._expand(user_id, scores, reasons)
        self._boost_query_entities(user_id, query, scores, reasons)
        records = {r.id: r for r in store.get(user_id, list(scores))}
        boost = lifecycle_for(self.engine.config, user_id).activation.boost
        for node_id, found in records.items():
            if found.props.get("status") == Status.ACTIVATED:
                scores[node_id] *= 1.0 + boost
        hits = []
        seen_texts: set[tuple[str, str]] = set()
        norm = (cfg.rrf_k + 1) / 2.0
        for node_id, score in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])):
            rec = records.get(node_id)
            if rec is None or not _admissible(rec, wanted, statuses, as_of):
                continue
            text = (rec.label, str(rec.props.get("text")))
            if text in seen_texts:  # one hit per statement: a fact and an event may share it
                continue
            seen_texts.add(text)
            hits.append(_hit(rec, round(score * norm, 6), reasons[node_id]))
            if len(hits) == k:
                break
        return hits

    def _expand(self, user_id: str, scores: dict[str, float], reasons: dict[str, str]) -> None:
        """One hop from the seeds: memories about the same entities, the source episodes
        of memories, the memories extracted from episodes, and neighbouring turns."""
        weight = self.engine.config.recall.neighbour_weight
        seeds = sorted(scores.items(), key=lambda kv: -kv[1])[:20]
        store = self.engine.store
        seed_ids = [i for i, _ in seeds]
        edges = store.edges(user_id, seed_ids, types=["ABOUT", "EXTRACTED_FROM", "NEXT"])
        entity_of: dict[str, list[str]] = defaultdict(list)
        gains: dict[str, tuple[float, str]] = {}
        seed_score = dict(seeds)

        def offer(node_id: str, gain: float, why: str) -> None:
            if node_id not in gains or gains[node_id][0] < gain:
                gains[node_id] = (gain, why)

        for e in edges:
            if e.type == "ABOUT" and e.src in seed_score:
                entity_of[e.dst].append(e.src)
            elif e.type in ("EXTRACTED_FROM", "NEXT"):
                for a, b in ((e.src, e.dst), (e.dst, e.src)):
                    if a in seed_score:
                        rel = "source" if e.type == "EXTRACTED_FROM" else "next turn"
                        offer(b, weight * seed_score[a], f"{rel} of {a}")
        if entity_of:
            about = store.edges(user_id, list(entity_of), types=["ABOUT"], direction="in")
            for e in about:
                for seed in entity_of[e.dst]:
                    if e.src != seed:
                        offer(e.src, weight * seed_score[seed] / 2, f"shares entity with {seed}")
        for node_id, (gain, why) in gains.items():
            if node_id not in scores:
                reasons[node_id] = why
            scores[node_id] += gain

    def _boost_query_entities(
        self, user_id: str, query: str, scores: dict[str, float], reasons: dict[str, str]
    ) -> None:
        """Candidates about an entity the query names rank higher."""
        grams = query_entity_keys(query)
        if not grams or not scores:
            return
        store = self.engine.store
        named = {
            r.id: r.props["name"]
            for where in ({"key": grams}, {"alias_keys": grams})
            for r in store.find(user_id, "Entity", {**where, "status": "active"})
        }
        if not named:
            return
        boost = self.engine.config.recall.entity_boost
        linked: dict[str, str] = {}
        for e in store.edges(user_id, list(named), types=["ABOUT", "MENTIONED_IN"]):
            node = e.src if e.type == "ABOUT" else e.dst
            entity = e.dst if e.type == "ABOUT" else e.src
            linked.setdefault(node, named[entity])
        for node_id, name in linked.items():
            if node_id in scores:
                scores[node_id] *= 1.0 + boost
                reasons[node_id] += f"+about {name}"


def query_entity_keys(query: str, longest: int = 3) -> list[str]:
    """Entity keys of every 1..``longest``-word span of the query."""
    words = [w for w in (entity_key(t) for t in query.split()) if w]
    grams = {
        " ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)
    }
    return sorted(g for g in grams if g not in STOPWORDS)


def _check_kinds(kinds: Sequence[str] | None, include_episodes: bool) -> frozenset[str]:
    if kinds is None:
        return _KINDS if include_episodes else _KINDS - {EPISODE}
    if isinstance(kinds, str) or not all(isinstance(x, str) for x in kinds):
        raise InvalidInputError("kinds must be a list of strings")
    unknown = set(kinds) - _KINDS
    if unknown:
        raise InvalidInputError(f"unknown kinds {sorted(unknown)}; known: {sorted(_KINDS)}")
    return frozenset(kinds)


def _admissible(
    rec: NodeRecord, wanted: frozenset[str], statuses: set[str], as_of: datetime | None
) -> bool:
    p = rec.props
    if rec.label == "Episode":
        return EPISODE in wanted and (as_of is None or p["at"] <= (encode(as_of) or ""))
    if rec.label != "Memory" or p.get("kind") not in wanted or p.get("status") not in statuses:
        return False
    if p.get("retracted_at"):
        return False
    if as_of is None:
        return p.get("status") in LIVE_STATUSES or p.get("status") == Status.ARCHIVED
    t = encode(as_of) or ""
    start = p.get("valid_from") or p.get("created_at") or ""
    end = p.get("valid_to")
    return bool(start <= t and (end is None or t < end))


def _hit(rec: NodeRecord, score: float, reason: str) -> Hit:
    if rec.label == "Episode":
        ep = to_episode(rec)
        return Hit(memory=ep, score=score, reason=reason, sources=(ep.ref,) if ep.ref else ())
    mem = to_memory(rec)
    return Hit(memory=mem, score=score, reason=reason, sources=mem.refs)
