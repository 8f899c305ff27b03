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

from collections import defaultdict
from collections.abc import Callable, Set
from datetime import datetime, timedelta

from graphmem.codec import EPISODE_FIELDS, MEMORY_FIELDS, to_episode, to_memory
from graphmem.config import Config, RecallConfig, lifecycle_for
from graphmem.embedding import Embedder
from graphmem.extraction.frames import FrameMatcher
from graphmem.extraction.temporal import resolve_dates
from graphmem.lifecycle import RECALL_FIELDS
from graphmem.models import EPISODE, LIVE_STATUSES, ChunkSource, Hit, Status
from graphmem.recall.currency import (
    LEAD_FIELDS,
    SOURCE_FIELDS,
    Asked,
    about_the_past,
    answers,
    asked,
    challengers,
    known_values,
    later_values,
    off_topic_episodes,
    unexplained_turns,
)
from graphmem.stores.base import (
    ExpandRequest,
    Expansion,
    NodeRecord,
    SeedRequest,
    SeedResult,
    SpreadRequest,
    Store,
    Vector,
    Where,
)
from graphmem.stores.semantics import bm25
from graphmem.text import (
    STOPWORDS,
    query_entity_keys,
    query_keywords,
    query_terms,
    strip_dates,
)
from graphmem.timeutil import Clock, encode, shift
from graphmem.validity import LIVE_ENTITIES, of_record, said_by, valid_at
from graphmem.versioning import ENDED

_SPAN = {"day": 1, "weekend": 3, "week": 7, "month": 31, "season": 92, "year": 366}
#: how a reason names each relation activation spread along (``Store.spread``)
_RELATION = {"source": "source of", "next": "next to", "entity": "shares entity with"}
#: the properties a search reads of its candidates, per label: what hits, ranking, the
#: time filters and the recall bookkeeping use
FIELDS = {
    "Memory": tuple(dict.fromkeys([*MEMORY_FIELDS, "retracted_at", *RECALL_FIELDS])),
    "Episode": tuple(
        dict.fromkeys([*EPISODE_FIELDS, "document_title", *LEAD_FIELDS, *RECALL_FIELDS])
    ),
}


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
    ) -> list[tuple[Hit, NodeRecord]]:
        """The ``k`` best hits of the ``kinds`` asked for (validated by the caller), each
        with the record it was made from (``FIELDS`` of the node). Three reads of the
        store: ``seeds``, ``spread`` (started, and read once the question is known) and
        ``expand``."""
        cfg = self.config.recall
        wanted = kinds
        statuses = set(LIVE_STATUSES)
        if include_archived or as_of is not None:
            statuses.add(Status.ARCHIVED)
        if as_of is not None:
            statuses.add(Status.SUPERSEDED)
        found, named = self._seeds(query, user_id, cfg, statuses, EPISODE in wanted)
        spread = self._spread(user_id, found, cfg)
        try:  # what the query asks is worked out while a server store walks the graph
            question = self._question(query, as_of, named, found, cfg)
        finally:
            spread()
        found.keep_best(max(cfg.candidates, 4 * k))
        expansion = self.store.expand(
            user_id,
            ExpandRequest(
                ids=list(found.score),
                fields=FIELDS,
                entities=list(named) if found.score and cfg.entity_boost > 0 else [],
                sources=question is not None,
                source_fields=SOURCE_FIELDS,
                keys=question.keys if question is not None and cfg.answer_weight > 0 else (),
            ),
        )
        self._boost_entities(named, expansion, found, cfg)
        records = expansion.records
        self._currency(question, as_of, named, expansion, found, cfg)
        if not (question is not None and as_of is not None):
            # a question about a fact as of a time asks what held then, said then or
            # before: the version that held, or the turns about it, not what was said then
            self._boost_times(query, records, found, cfg)
        activated = 1.0 + lifecycle_for(self.config, user_id).activation.boost
        for node_id, rec in records.items():
            if rec.props.get("status") == Status.ACTIVATED:
                found.boost(node_id, activated, "activated")
            if rec.label == "Memory":
                found.score[node_id] *= cfg.memory_weight
        hits: list[tuple[Hit, NodeRecord]] = []
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
            hits.append((_hit(hit, round(score * norm, 6), found.reason[node_id]), hit))
            if len(hits) == k:
                break
        return self._with_chunks(hits)

    def _with_chunks(self, hits: list[tuple[Hit, NodeRecord]]) -> list[tuple[Hit, NodeRecord]]:
        """Document chunks among the hits get their document's title and position (kept
        on each chunk, so this reads nothing more)."""
        out = []
        for h, rec in hits:
            p = rec.props
            if rec.label == "Episode" and p.get("document_id"):
                source = ChunkSource(
                    document_id=str(p["document_id"]),
                    title=str(p.get("document_title") or ""),
                    position=int(p.get("position") or 0),
                    section=p.get("section"),
                )
                h = h.model_copy(update={"chunk": source})
            out.append((h, rec))
        return out

    def _seeds(
        self,
        query: str,
        user_id: str,
        cfg: RecallConfig,
        statuses: set[str],
        with_episodes: bool,
    ) -> tuple[_Scores, dict[str, str]]:
        """Seeds from every index, fused, and the user's entities the query names, from
        one read."""
        vector = self.embedder.embed([query])[0]
        labels: list[tuple[str, Where | None]] = [("Memory", {"status": sorted(statuses)})]
        keyword_labels = ["Memory"]
        if with_episodes:
            labels.append(("Episode", None))
            keyword_labels.append("Episode")
            if cfg.passages:
                labels.append(("Passage", None))
        terms = query_keywords(query)
        seeds = self.store.seeds(
            user_id,
            SeedRequest(
                vector=vector,
                k=cfg.seeds,
                vector_labels=labels,
                terms=query_terms(" ".join(terms)),
                keyword_labels=keyword_labels,
                entity_keys=query_entity_keys(query),
                entity_where=LIVE_ENTITIES,
            ),
        )
        named = seeds.named
        lists = [("vector:memory", cfg.vector_memory_weight, seeds.vector.get("Memory", []))]
        if with_episodes:
            lists.append(("vector:episode", cfg.vector_episode_weight, _episodes(seeds, cfg)))
        split = query_terms(" ".join(terms))  # "Anna's" -> "anna", "s": no word either
        tokens = [t for t in split if t not in STOPWORDS] or split
        if cfg.keyword_drop_entities:
            names = set(query_terms(" ".join(named.values())))
            tokens = [t for t in tokens if t not in names] or tokens
        if tokens:
            ranked = bm25(seeds.keyword, tokens, cfg.seeds)
            lists.append(("keyword", cfg.keyword_weight, ranked))
        found = _Scores()
        for name, weight, ranked in lists:
            for rank, (node_id, _) in enumerate(ranked):
                found.add(node_id, weight / (cfg.rrf_k + rank + 1), name)
        found.query_vector = vector
        return found, named

    def _spread(self, user_id: str, found: _Scores, cfg: RecallConfig) -> Callable[[], None]:
        """One step of spreading activation from the best seeds (``Store.start_spread``),
        started: the call returned adds what it offers to ``found``."""
        seeds = dict(sorted(found.score.items(), key=lambda kv: (-kv[1], kv[0]))[: 2 * cfg.seeds])
        if not seeds:
            return lambda: None
        request = SpreadRequest(
            seeds, cfg.source_weight, cfg.next_weight, cfg.entity_weight, cfg.entity_spread_limit
        )
        offers = self.store.start_spread(user_id, request)

        def add() -> None:
            for gain in offers():
                found.add(gain.node_id, gain.gain, f"{_RELATION[gain.relation]} {gain.via}")

        return add

    def _question(
        self,
        query: str,
        as_of: datetime | None,
        named: dict[str, str],
        found: _Scores,
        cfg: RecallConfig,
    ) -> Asked | None:
        """The facts the query asks about (``graphmem.recall.currency``), if any."""
        if not named or (cfg.answer_weight <= 0 and cfg.outdated_factor == 1.0):
            return None
        if as_of is None and about_the_past(query):
            return None  # "When did Anna move to Porto?": history, not what holds now
        frames = self.frames
        plain = strip_dates(query, self.clock())
        vector = found.query_vector
        if plain != query or vector is None:
            vector = self.embedder.embed([plain])[0]
        scores = frames.asked(frames.unnamed(vector, *named.values()), plain)
        dated = as_of is not None or plain != query
        return asked(named, scores, self.config.predicates, cfg, plain, dated)

    def _currency(
        self,
        question: Asked | None,
        as_of: datetime | None,
        named: dict[str, str],
        expansion: Expansion,
        found: _Scores,
        cfg: RecallConfig,
    ) -> None:
        """The versions that hold at the time asked about of the facts the query asks
        for are its direct answer; turns whose asked facts no longer held then rank
        lower (see ``graphmem.recall.currency``)."""
        if question is None:
            return
        t = encode(as_of) if as_of is not None else None
        off = off_topic_episodes(expansion.sources, question, named, t)
        for node_id, why in sorted(off.items()):
            found.boost(node_id, cfg.outdated_factor, why)
        if cfg.answer_weight <= 0:
            return
        registry = self.config.predicates
        found_answers = answers(expansion.keyed, question, registry, t)
        records = expansion.records
        # turns about the asked fact from which nothing was read, said by the time asked
        # about and after the answer began (or with no answer at all), may hold a newer
        # value; so may those that name a value the fact took later
        answer = found_answers[0] if found_answers else None
        later = later_values(expansion.keyed, question, registry, t)
        leads = unexplained_turns(
            records,
            expansion.sources,
            question,
            named,
            registry,
            later,
            read_elsewhere=answer is not None and answer.props.get("polarity") == ENDED,
        )
        newer = challengers(
            [lead for lead in leads if t is None or str(lead.turn.props.get("at") or "") <= t],
            answer,
            cfg.topic_min_score,
            known_values(expansion.keyed, question, registry, answer),
        )
        for i, rec in enumerate(newer):
            weight = cfg.answer_weight * cfg.topic_weight * cfg.answer_decay**i
            found.add(rec.id, weight / (cfg.rrf_k + 1), "about the asked fact")
        for i, rec in enumerate(found_answers):
            records[rec.id] = rec
            weight = cfg.answer_weight * cfg.answer_decay**i
            found.add(rec.id, weight / (cfg.rrf_k + 1), "answer")
            if "answer" not in found.reason[rec.id]:
                found.reason[rec.id] += "+answer"

    def _boost_entities(
        self, named: dict[str, str], expansion: Expansion, found: _Scores, cfg: RecallConfig
    ) -> None:
        """Candidates about (or spoken by) an entity the query names rank higher, the
        first such entity named in the reason."""
        if not named or not found.score or cfg.entity_boost <= 0:
            return
        for node_id, entities in expansion.linked.items():
            if node_id in found.score and entities:
                found.boost(node_id, 1.0 + cfg.entity_boost, f"about {named[entities[0]]}")

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


def _episodes(seeds: SeedResult, cfg: RecallConfig) -> list[tuple[str, float]]:
    """Episodes by vector: each scores the best of its own similarity and its passages'
    (the sentences of a long turn)."""
    best = dict(seeds.vector.get("Episode", []))
    if cfg.passages:
        for episode, score in seeds.vector.get("Passage", []):
            best[episode] = max(best.get(episode, -1.0), score)
    return sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))[: cfg.seeds]


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
