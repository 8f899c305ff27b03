"""The read path (DESIGN §5).

query → embedding, keywords, named entities and time cues → seeds from the vector index
(memories and episodes) and the keyword index, fused by weighted reciprocal rank → one
step of spreading activation over the graph around the seeds (memory ↔ source episode,
episode ↔ neighbouring turns, memory ↔ memories about the same entity, weighted down for
hub entities) → boosts for entities and times the query names and for activated memories
→ status and time filtering → hits with score, reason and provenance. The same code
serves every store: it only uses the store interface.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Set
from datetime import datetime, timedelta

from graphmem.codec import to_episode, to_memory
from graphmem.config import Config, RecallConfig, lifecycle_for
from graphmem.embedding import Embedder
from graphmem.extraction.frames import FrameMatcher
from graphmem.extraction.temporal import resolve_dates
from graphmem.models import (
    EPISODE,
    LIVE_STATUSES,
    ChunkSource,
    EntityStatus,
    Episode,
    Hit,
    Status,
)
from graphmem.recall.currency import about_the_past, answers, asked, off_topic_episodes
from graphmem.stores.base import NodeRecord, Store, Vector
from graphmem.text import keywords, query_entity_keys, strip_dates
from graphmem.timeutil import Clock, encode, shift
from graphmem.validity import of_record, said_by, valid_at

_SPAN = {"day": 1, "weekend": 3, "week": 7, "month": 31, "season": 92, "year": 366}


class _Scores:
    """Candidate scores with the reason each candidate was first reached."""

    def __init__(self) -> None:
        self.score: dict[str, float] = defaultdict(float)
        self.reason: dict[str, str] = {}
        #: the query's vector
        self.query_vector: Vector | None = None

    def add(self, node_id: str, gain: float, why: str) -> None:
        self.score[node_id] += gain
        if node_id not in self.reason:
            self.reason[node_id] = why
        elif why not in self.reason[node_id] and not why.startswith(("source", "next", "shares")):
            self.reason[node_id] += f"+{why}"

    def keep_best(self, n: int) -> None:
        """Drop all but the ``n`` best candidates (boosts come after this)."""
        if len(self.score) > n:
            best = sorted(self.score.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
            self.score = defaultdict(float, best)

    def boost(self, node_id: str, factor: float, why: str) -> None:
        if node_id in self.score:
            self.score[node_id] *= factor
            self.reason[node_id] += f"+{why}"


class Searcher:
    """Ranks a user's memories and episodes for a query, over any store."""

    def __init__(self, store: Store, config: Config, embedder: Embedder, clock: Clock) -> None:
        self.store = store
        self.config = config
        self.embedder = embedder
        self.clock = clock
        #: the predicate frames, for what a query asks (their examples' vectors are
        #: shared with every other matcher over this embedder)
        self.frames = FrameMatcher(config.predicates, embedder.embed, embedder)

    def search(
        self,
        query: str,
        user_id: str,
        *,
        k: int,
        as_of: datetime | None,
        kinds: Set[str],
        include_archived: bool,
    ) -> list[Hit]:
        """The ``k`` best hits of the ``kinds`` asked for (validated by the caller)."""
        cfg = self.config.recall
        wanted = kinds
        statuses = set(LIVE_STATUSES)
        if include_archived or as_of is not None:
            statuses.add(Status.ARCHIVED)
        if as_of is not None:
            statuses.add(Status.SUPERSEDED)
        named = self._named(user_id, query)
        found = self._seeds(query, user_id, cfg, statuses, named, with_episodes=EPISODE in wanted)
        self._spread(user_id, found, cfg)
        found.keep_best(max(cfg.candidates, 4 * k))
        self._boost_entities(user_id, named, found, cfg)
        records = {r.id: r for r in self.store.get(user_id, list(found.score))}
        answered = self._currency(query, user_id, as_of, named, records, found, cfg)
        if not (answered and as_of is not None):
            # a question about a fact as of a time picks the version, not the turns said then
            self._boost_times(query, records, found, cfg)
        activated = 1.0 + lifecycle_for(self.config, user_id).activation.boost
        for node_id, rec in records.items():
            if rec.props.get("status") == Status.ACTIVATED:
                found.boost(node_id, activated, "activated")
            if rec.label == "Memory":
                found.score[node_id] *= cfg.memory_weight
        hits: list[Hit] = []
        seen: set[tuple[str, str]] = set()
        norm = (cfg.rrf_k + 1) / 2.0
        for node_id, score in sorted(found.score.items(), key=lambda kv: (-kv[1], kv[0])):
            hit = records.get(node_id)
            if hit is None or not _admissible(hit, wanted, statuses, as_of):
                continue
            text = (hit.label, str(hit.props.get("text")))
            if text in seen:  # one hit per statement: a fact and an event may share it
                continue
            seen.add(text)
            hits.append(_hit(hit, round(score * norm, 6), found.reason[node_id]))
            if len(hits) == k:
                break
        return self._with_chunks(user_id, hits)

    def _with_chunks(self, user_id: str, hits: list[Hit]) -> list[Hit]:
        """Document chunks among the hits get their document's title and position."""
        chunks = [h.memory for h in hits if isinstance(h.memory, Episode) and h.memory.document_id]
        if not chunks:
            return hits
        ids = list(dict.fromkeys(str(c.document_id) for c in chunks))
        titles = {r.id: str(r.props.get("title")) for r in self.store.get(user_id, ids)}
        out = []
        for h in hits:
            node = h.memory
            if isinstance(node, Episode) and node.document_id in titles:
                source = ChunkSource(
                    document_id=node.document_id,
                    title=titles[node.document_id],
                    position=node.position or 0,
                    section=node.section,
                )
                h = h.model_copy(update={"chunk": source})
            out.append(h)
        return out

    def _seeds(
        self,
        query: str,
        user_id: str,
        cfg: RecallConfig,
        statuses: set[str],
        named: dict[str, str],
        *,
        with_episodes: bool,
    ) -> _Scores:
        found = _Scores()
        vector = self.embedder.embed([query])[0]
        lists = [
            (
                "vector:memory",
                cfg.vector_memory_weight,
                self.store.vector_search(
                    user_id, "Memory", vector, cfg.seeds, {"status": sorted(statuses)}
                ),
            )
        ]
        labels = ["Memory"]
        if with_episodes:
            labels.append("Episode")
            lists.append(
                ("vector:episode", cfg.vector_episode_weight, self._episodes(user_id, vector, cfg))
            )
        terms = keywords(query)
        if cfg.keyword_drop_entities:
            names = {w for n in named.values() for w in keywords(n)}
            terms = [t for t in terms if t not in names] or terms
        if terms:
            lists.append(
                (
                    "keyword",
                    cfg.keyword_weight,
                    self.store.keyword_search(user_id, " ".join(terms), cfg.seeds, labels),
                )
            )
        for name, weight, ranked in lists:
            for rank, (node_id, _) in enumerate(ranked):
                found.add(node_id, weight / (cfg.rrf_k + rank + 1), name)
        found.query_vector = vector
        return found

    def _episodes(self, user_id: str, vector: Vector, cfg: RecallConfig) -> list[tuple[str, float]]:
        """Episodes by vector: each scores the best of its own similarity and its
        passages' (the sentences of a long turn)."""
        best = dict(self.store.vector_search(user_id, "Episode", vector, cfg.seeds))
        if cfg.passages:
            ranked = self.store.vector_search(user_id, "Passage", vector, cfg.seeds)
            score = dict(ranked)
            for rec in self.store.get(user_id, [p for p, _ in ranked]):
                episode = str(rec.props.get("episode_id"))
                best[episode] = max(best.get(episode, -1.0), score[rec.id])
        return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[: cfg.seeds]

    def _spread(self, user_id: str, found: _Scores, cfg: RecallConfig) -> None:
        """One step of spreading activation from the seeds over the graph."""
        seeds = dict(sorted(found.score.items(), key=lambda kv: (-kv[1], kv[0]))[: 2 * cfg.seeds])
        gains: dict[str, tuple[float, str]] = {}

        def offer(node_id: str, gain: float, why: str) -> None:
            if gain > gains.get(node_id, (0.0, ""))[0]:
                gains[node_id] = (gain, why)

        edges = self.store.edges(user_id, list(seeds), types=["ABOUT", "EXTRACTED_FROM", "NEXT"])
        about: dict[str, list[str]] = defaultdict(list)
        for e in edges:
            if e.type == "ABOUT":  # spread through objects; subjects are mostly the speakers
                if e.src in seeds and e.props.get("role") == "object":
                    about[e.dst].append(e.src)
                continue
            weight = cfg.source_weight if e.type == "EXTRACTED_FROM" else cfg.next_weight
            rel = "source of" if e.type == "EXTRACTED_FROM" else "next to"
            for a, b in ((e.src, e.dst), (e.dst, e.src)):
                if a in seeds:
                    offer(b, weight * seeds[a], f"{rel} {a}")
        if about and cfg.entity_weight > 0:
            members: dict[str, list[str]] = defaultdict(list)
            for e in self.store.edges(user_id, list(about), types=["ABOUT"], direction="in"):
                members[e.dst].append(e.src)
            for entity, memories in members.items():
                if len(memories) > cfg.entity_spread_limit:
                    continue  # a hub: its share would be negligible and its fan-out costly
                spread = cfg.entity_weight / math.log2(2 + len(memories))
                for seed in about[entity]:
                    for m in memories:
                        if m != seed:
                            offer(m, spread * seeds[seed], f"shares entity with {seed}")
        for node_id, (gain, why) in gains.items():
            found.add(node_id, gain, why)

    def _currency(
        self,
        query: str,
        user_id: str,
        as_of: datetime | None,
        named: dict[str, str],
        records: dict[str, NodeRecord],
        found: _Scores,
        cfg: RecallConfig,
    ) -> bool:
        """The versions that hold at the time asked about of the facts the query asks
        for are its direct answer; turns whose asked facts no longer held then rank
        lower (see ``graphmem.recall.currency``). Whether there was an answer."""
        if not named or (cfg.answer_weight <= 0 and cfg.outdated_factor == 1.0):
            return False
        if as_of is None and about_the_past(query):
            return False  # "When did Anna move to Porto?": history, not what holds now
        frames = self.frames
        plain = strip_dates(query, self.clock())
        vector = found.query_vector
        if plain != query or vector is None:
            vector = self.embedder.embed([plain])[0]
        registry = self.config.predicates
        scores = frames.asked(frames.unnamed(vector, *named.values()), plain)
        question = asked(named, scores, registry, cfg)
        if question is None:
            return False
        t = encode(as_of) if as_of is not None else None
        episodes = [i for i, r in records.items() if r.label == "Episode"]
        off = off_topic_episodes(self.store, user_id, episodes, question, named, t)
        for node_id, why in sorted(off.items()):
            found.boost(node_id, cfg.outdated_factor, why)
        if cfg.answer_weight <= 0:
            return False
        found_answers = answers(self.store, user_id, question, registry, t)
        for i, rec in enumerate(found_answers):
            records[rec.id] = rec
            weight = cfg.answer_weight * cfg.answer_decay**i
            found.add(rec.id, weight / (cfg.rrf_k + 1), "answer")
            if "answer" not in found.reason[rec.id]:
                found.reason[rec.id] += "+answer"
        return bool(found_answers)

    def _named(self, user_id: str, query: str) -> dict[str, str]:
        """The user's live entities the query names: id → name."""
        grams = query_entity_keys(query)
        if not grams:
            return {}
        return {
            r.id: r.props["name"]
            for where in ({"key": grams}, {"alias_keys": grams})
            for r in self.store.find(user_id, "Entity", {**where, "status": EntityStatus.ACTIVE})
        }

    def _boost_entities(
        self, user_id: str, named: dict[str, str], found: _Scores, cfg: RecallConfig
    ) -> None:
        """Candidates about (or spoken by) an entity the query names rank higher. Only the
        candidates' own relationships are read, so a hub entity costs nothing extra."""
        if not named or not found.score or cfg.entity_boost <= 0:
            return
        linked: dict[str, str] = {}
        for e in self.store.edges(user_id, list(found.score), types=["ABOUT", "MENTIONED_IN"]):
            node, entity = (e.src, e.dst) if e.type == "ABOUT" else (e.dst, e.src)
            if entity in named and node in found.score:
                linked.setdefault(node, named[entity])
        for node_id, name in linked.items():
            found.boost(node_id, 1.0 + cfg.entity_boost, f"about {name}")

    def _boost_times(
        self, query: str, records: dict[str, NodeRecord], found: _Scores, cfg: RecallConfig
    ) -> None:
        """Candidates dated within a time the query names ("in May 2023") rank higher."""
        if cfg.time_boost <= 0:
            return
        windows = []
        for _, start, granularity in resolve_dates(query, self.clock()):
            end = shift(start, timedelta(days=_SPAN.get(granularity, 1)))
            windows.append((encode(shift(start, timedelta(days=-1))) or "", encode(end) or ""))
        if not windows:
            return
        for node_id, rec in records.items():
            when = rec.props.get("at") or rec.props.get("valid_from")
            if when and any(lo <= when < hi for lo, hi in windows):
                found.boost(node_id, 1.0 + cfg.time_boost, "in the time asked about")


def _admissible(
    rec: NodeRecord, wanted: Set[str], statuses: set[str], as_of: datetime | None
) -> bool:
    """Whether a candidate may be a hit: of a kind and status asked for and, with
    ``as_of``, valid then (``graphmem.validity``)."""
    p = rec.props
    t = encode(as_of) if as_of is not None else None
    if rec.label == "Episode":
        if EPISODE not in wanted or p.get("status") not in statuses | {None}:
            return False
        return t is None or said_by(p, t)
    if rec.label != "Memory" or p.get("kind") not in wanted or p.get("status") not in statuses:
        return False
    return of_record(p) if t is None else valid_at(p, t)


def _hit(rec: NodeRecord, score: float, reason: str) -> Hit:
    if rec.label == "Episode":
        ep = to_episode(rec)
        return Hit(memory=ep, score=score, reason=reason, sources=(ep.ref,) if ep.ref else ())
    mem = to_memory(rec)
    return Hit(memory=mem, score=score, reason=reason, sources=mem.refs)
