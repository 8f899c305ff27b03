"""The write path of ``add`` (DESIGN §4): episodes (kept, embedded, linked NEXT) →
extraction → entity resolution → conflicts and corroboration, planned into one writer
and committed atomically by the engine.

Adds are idempotent by the caller's ref (DESIGN §2, invariant 10): a message whose
(session, ref) is stored with the same text, speaker and role is the stored episode,
and nothing is written for it; the same (session, ref) with another text, speaker or
role is a ``DuplicateRefError``. ``stored_refs`` finds them before extraction (so a
retry extracts nothing twice) and ``plan_add`` again inside the write, after reading
the session's last turn, which the commit re-checks: a message stored meanwhile by
another writer is found on the next attempt, never stored twice."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np

from graphmem.changes import end_of_held, record_past, write_change
from graphmem.config import Config
from graphmem.embedding import Embedder, embed_alongside
from graphmem.errors import DuplicateRefError
from graphmem.extraction.addressees import with_addressees
from graphmem.extraction.base import Extraction, Extractor, Utterance
from graphmem.extraction.frames import FrameMatcher, own_values
from graphmem.models import Kind
from graphmem.names import check_predicate
from graphmem.resolution import Resolver
from graphmem.stores.base import NodeRecord, Store, Vector
from graphmem.timeutil import encode
from graphmem.validation import Message
from graphmem.versioning import Candidate, Outcome, write_memory
from graphmem.writer import Writer, write

Embed = Callable[[Sequence[str]], dict[str, Vector]]


@dataclass
class Planned:
    """What an ``add`` wrote: ids, for the engine to turn into an AddResult."""

    episodes: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    #: the episode of each message planned, new or already stored, in message order
    message_episodes: list[str] = field(default_factory=list)
    #: episodes found already stored (by session and ref)
    existing: list[str] = field(default_factory=list)

    @property
    def created(self) -> list[str]:
        """Memories written as new current versions."""
        return [
            o.memory_id
            for o in self.outcomes
            if o.action in ("created", "won", "kept_both", "ended")
        ]

    @property
    def corroborated(self) -> list[str]:
        return list(dict.fromkeys(o.corroborated for o in self.outcomes if o.corroborated))

    @property
    def superseded(self) -> list[str]:
        return [s for o in self.outcomes for s in o.superseded]


_BOUNDARY = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")


def sentences(msg: Message) -> list[tuple[int, int, str]]:
    """A turn's sentences as ``(start, end, text to embed)``: offsets into the turn's
    text, and the sentence with the speaker's name in front, so that first-person turns
    match questions that name the speaker (a document chunk has its title and section
    there instead)."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(msg.text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(msg.text)))
    spans = [(a, b) for a, b in spans if msg.text[a:b].strip()] or [(0, len(msg.text))]
    label = msg.speaker or msg.context
    prefix = f"{label}: " if label else ""
    return [(a, b, prefix + msg.text[a:b]) for a, b in spans]


def passages(msg: Message, min_words: int) -> list[tuple[int, int, str]]:
    """The sentences of a turn of several that get their own vector (a Passage)."""
    found = sentences(msg)
    if len(found) < 2:
        return []
    return [(a, b, t) for a, b, t in found if len(msg.text[a:b].split()) >= min_words]


def embedded_texts(msgs: Sequence[Message]) -> list[str]:
    """The texts ``add`` embeds before extraction: every sentence of every turn."""
    return list(dict.fromkeys(t for m in msgs for _, _, t in sentences(m)))


def extract_and_embed(
    msgs: Sequence[Message], extractor: Extractor, embedder: Embedder, pool: Executor
) -> tuple[list[Extraction], dict[str, Vector]]:
    """The extractions of ``msgs`` and the vectors of their sentences
    (:func:`embedded_texts`). The sentences embed on ``pool`` while the extractor
    parses, and on this thread too once it is done (``embed_alongside``), so the
    embedding model and spaCy use both cores."""
    utterances = with_addressees([Utterance(m.text, m.at, m.speaker) for m in msgs])
    return embed_alongside(
        embedder, embedded_texts(msgs), pool, lambda: extractor.extract(utterances)
    )


class Models:
    """The models a write runs before it plans: the extractor, the embedder (on a worker
    thread while the extractor parses, so spaCy and the embedding model use both cores)
    and the predicate frames. They run once per call, outside the write and its
    attempts, so a write is planned and committed in milliseconds."""

    def __init__(self, extractor: Extractor, embedder: Embedder, frames: FrameMatcher) -> None:
        self.extractor, self.embedder, self.frames = extractor, embedder, frames
        self._pool: ThreadPoolExecutor | None = None

    @property
    def pool(self) -> Executor:
        """The worker thread that embeds beside the calling one."""
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphmem-embed")
        return self._pool

    def embed(self, known: Mapping[str, Vector] | None = None) -> Embed:
        """The embedder for one call, remembering its vectors (``known`` to begin with);
        it embeds on this thread and the worker at once (``embed_alongside``)."""
        cache = dict(known or {})

        def embed(texts: Sequence[str]) -> dict[str, Vector]:
            missing = [t for t in dict.fromkeys(texts) if t not in cache]
            if missing:
                cache.update(embed_alongside(self.embedder, missing, self.pool, lambda: None)[1])
            return {t: cache[t] for t in texts}

        return embed

    def prepare(self, msgs: Sequence[Message]) -> tuple[list[Extraction], dict[str, Vector], Embed]:
        """The messages' extractions (rules and frames), their sentences' vectors, and
        the call's embedder with the memories' texts already embedded."""
        extractions, known = extract_and_embed(msgs, self.extractor, self.embedder, self.pool)
        extractions = with_frames(self.frames, msgs, extractions, known)
        embed = self.embed(known)
        embed([m.text for ex in extractions for m in ex.memories if m.text])
        return extractions, known, embed

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def episode_vector(msg: Message, vectors: dict[str, Vector]) -> Vector:
    """An episode's vector: the normalised mean of its sentences' vectors. A small
    sentence model represents a long turn better this way than by embedding the whole
    turn at once."""
    rows = np.stack([vectors[t] for _, _, t in sentences(msg)])
    mean: Vector = rows.mean(axis=0, dtype=np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / np.float32(norm) if norm > 0 else rows[0]


def with_frames(
    matcher: FrameMatcher,
    msgs: Sequence[Message],
    extractions: Sequence[Extraction],
    vectors: dict[str, Vector],
) -> list[Extraction]:
    """The extractions with the facts the predicate frames find in their clues, matched
    with the sentence vectors already computed for the episodes (see ``embedded_texts``),
    and with what recall reads to find a fact the extractor missed: the topics of each
    message in which the speaker says something of themselves (``Extraction.personal``;
    ``FrameMatcher.topics`` of its episode vector) and the values its clues name of the
    speaker (``own_values``)."""
    out = []
    floor = matcher.registry.topic_min_score
    for msg, ex in zip(msgs, extractions, strict=True):
        if ex.clues is not None:
            spans = [(a, b, vectors[t]) for a, b, t in sentences(msg) if t in vectors]
            ex = matcher.complete(ex, spans, msg.speaker)
        if ex.personal:  # "My brother wants a Kia" is about a car, not the speaker's
            vector = matcher.unnamed(episode_vector(msg, vectors), msg.speaker)
            ex = replace(ex, topics=matcher.topics(vector, floor))
        if ex.clues:
            ex = replace(ex, values=own_values(ex.clues, msg.speaker))
        out.append(ex)
    return out


def lead_props(ex: Extraction) -> dict[str, list[str] | list[float]]:
    """An episode's ``topics`` and ``topic_scores``, ``values`` and ``value_types``
    properties (see ``Extraction``; none that would be empty): what recall reads of a
    turn from which the extractor may have missed a fact."""
    out: dict[str, list[str] | list[float]] = {}
    if ex.topics:
        out["topics"] = [p for p, _ in ex.topics]
        out["topic_scores"] = [s for _, s in ex.topics]
    if ex.values:
        out["values"] = [v for v, _ in ex.values]
        out["value_types"] = [t for _, t in ex.values]
    return out


def same_message(msg: Message, rec: NodeRecord) -> bool:
    """Whether a stored episode holds this message (its text, speaker and role)."""
    p = rec.props
    return (p.get("text"), p.get("speaker"), p.get("role")) == (msg.text, msg.speaker, msg.role)


def stored_refs(
    store: Store, user_id: str, session: str, msgs: Sequence[Message]
) -> dict[str, NodeRecord]:
    """The stored episodes of ``session`` that hold a ref of ``msgs``, by ref; raises
    ``DuplicateRefError`` if one holds another message, or if ``msgs`` give one ref to
    two different messages."""
    refs = list(dict.fromkeys(m.ref for m in msgs if m.ref is not None))
    found: dict[str, NodeRecord] = {}
    if refs:
        for ep in store.find(user_id, "Episode", {"ref": refs, "session_id": session}):
            found.setdefault(str(ep.props["ref"]), ep)
    first: dict[str, Message] = {}
    for i, msg in enumerate(msgs):
        if msg.ref is None:
            continue
        rec = found.get(msg.ref)
        if rec is not None and not same_message(msg, rec):
            raise DuplicateRefError(
                f"message {i}: ref {msg.ref!r} of session {session!r} is stored as "
                f"{rec.id} with another text, speaker or role; nothing was written"
            )
        seen = first.setdefault(msg.ref, msg)
        if seen is not msg and (seen.text, seen.speaker, seen.role) != (
            msg.text,
            msg.speaker,
            msg.role,
        ):
            raise DuplicateRefError(
                f"message {i}: ref {msg.ref!r} names two different messages in this call"
            )
    return found


def message_episodes(
    msgs: Sequence[Message], stored: dict[str, NodeRecord], planned: Planned | None
) -> tuple[list[str], list[str]]:
    """The episode of each message, in order without repeats (stored before, earlier
    in this call, or planned), and those of them that were stored already."""
    by_ref = {ref: rec.id for ref, rec in stored.items()}
    planned_ids, ids = iter(planned.message_episodes if planned else ()), []
    for m in msgs:
        if m.ref is not None and m.ref in by_ref:
            ids.append(by_ref[m.ref])
            continue
        ids.append(next(planned_ids))
        if m.ref is not None:
            by_ref[m.ref] = ids[-1]
    existing = {rec.id for rec in stored.values()} | set(planned.existing if planned else ())
    ids = list(dict.fromkeys(ids))
    return ids, [i for i in ids if i in existing]


def fresh_messages(msgs: Sequence[Message], stored: dict[str, NodeRecord]) -> list[int]:
    """Indexes of the messages to store: not stored yet, and each ref once."""
    out, seen = [], set(stored)
    for i, msg in enumerate(msgs):
        if msg.ref is not None:
            if msg.ref in seen:
                continue
            seen.add(msg.ref)
        out.append(i)
    return out


def plan_add(
    w: Writer,
    msgs: Sequence[Message],
    extractions: Sequence[Extraction],
    *,
    session: str,
    source: str,
    embed: Embed,
    known: dict[str, Vector] | None = None,
    passage_min_words: int | None = None,
) -> Planned:
    """Plan episodes (with their passages unless ``passage_min_words`` is None),
    entities and memories for ``msgs`` into ``w``; ``known`` holds embeddings already
    computed (see :func:`embedded_texts`). A message whose (session, ref) is stored by
    now is not stored again (``Planned.existing``)."""
    last = w.highest("Episode", "session_id", session, "seq")  # first: see the module
    stored = stored_refs(w.store, w.user_id, session, msgs)
    keep = fresh_messages(msgs, stored)
    out = Planned(existing=list(dict.fromkeys(r.id for r in stored.values())))
    by_ref = {ref: rec.id for ref, rec in stored.items()}
    every = list(msgs)
    if len(keep) < len(msgs):
        msgs = [msgs[i] for i in keep]
        extractions = [extractions[i] for i in keep]
    names: list[tuple[str, str]] = [(m.speaker, "person") for m in msgs if m.speaker]
    texts = embedded_texts(msgs)
    for ex in extractions:
        names += [(e.name, e.type) for e in ex.entities]
        for cand in ex.memories:
            names.append((cand.subject, cand.subject_type))
            if cand.object:
                names.append((cand.object, cand.object_type))
            if cand.text:
                texts.append(cand.text)
    resolver = Resolver(w, lambda n: embed([n])[n])
    resolver.prefetch(n for n, _ in names)
    unknown = [n for n, t in dict.fromkeys(names) if resolver.needs_embedding(n, t)]
    known = dict(known or {})
    vectors = {**known, **embed([t for t in texts + unknown if t not in known])}
    resolver.prefetch_vectors({n: vectors[n] for n in unknown})
    resolver.embed_name = lambda n: vectors[n] if n in vectors else embed([n])[n]

    def embed_text(text: str) -> Vector:
        return vectors[text] if text in vectors else embed([text])[text]

    prev_id = last.id if last else None
    seq = int(last.props.get("seq", 0)) if last else 0
    for msg, ex in zip(msgs, extractions, strict=True):
        seq += 1
        ep = w.create(
            "Episode",
            {
                "text": msg.text,
                "speaker": msg.speaker,
                "role": msg.role,
                "session_id": session,
                "ref": msg.ref,
                "at": encode(msg.at),
                "seq": seq,
                "source": source,
                "status": "generated",
                "created_at": w.now_s,
                "updated_at": w.now_s,
                **lead_props(ex),
            },
            embedding=episode_vector(msg, vectors),
            prefix="ep",
        )
        out.episodes.append(ep.id)
        if passage_min_words is not None:
            for start, end, text in passages(msg, passage_min_words):
                part = w.create(
                    "Passage",
                    {"episode_id": ep.id, "start": start, "end": end, "created_at": w.now_s},
                    embedding=vectors[text],
                    prefix="ps",
                )
                w.link("PART_OF", part.id, ep.id, {})
        if prev_id is not None:
            w.link("NEXT", prev_id, ep.id, {})
        prev_id = ep.id
        if msg.speaker:
            resolver.resolve(msg.speaker, "person", episode_id=ep.id)
        for ent in ex.entities:
            resolver.resolve(ent.name, ent.type, episode_id=ep.id)
        turn = Candidate(
            kind=Kind.FACT,
            text="",
            source=source,
            valid_from=msg.at,
            episode_ids=[ep.id],
            refs=[msg.ref or ""],
        )
        for change in ex.changes:  # the values before those the turn states
            out.outcomes += record_past(w, change, turn, resolver, embed_text)
        for cand in ex.memories:
            if not _valid_predicate(cand.predicate):
                continue
            subject_id = resolver.resolve(cand.subject, cand.subject_type, episode_id=ep.id)
            if subject_id is not None:
                cand = end_of_held(w, subject_id, cand, ep.id)
            object_id = (
                resolver.resolve(cand.object, cand.object_type, episode_id=ep.id)
                if cand.object
                else None
            )
            out.outcomes.append(
                write_memory(
                    w,
                    Candidate(
                        kind=Kind(cand.kind),
                        text=cand.text,
                        source=source,
                        confidence=cand.confidence,
                        subject=cand.subject,
                        subject_id=subject_id,
                        predicate=cand.predicate,
                        object=cand.object,
                        object_id=object_id,
                        polarity=cand.polarity,
                        valid_from=cand.valid_from or msg.at,
                        begun_by=cand.begun_by,
                        episode_ids=[ep.id],
                        refs=[msg.ref or ""],
                        embedding=vectors.get(cand.text),
                        ended=cand.ended,
                    ),
                    embed_text,
                )
            )
        for change in ex.changes:
            out.outcomes += write_change(w, change, turn, resolver, embed_text)
    out.entities = resolver.resolved()
    for msg, episode_id in zip(msgs, out.episodes, strict=True):
        if msg.ref is not None:
            by_ref[msg.ref] = episode_id
    new = iter(out.episodes)
    kept = set(keep)
    out.message_episodes = [
        next(new) if i in kept else by_ref[str(m.ref)] for i, m in enumerate(every)
    ]
    return out


def _valid_predicate(predicate: str | None) -> bool:
    """Extractors are plug-ins: a candidate with an unsafe predicate is skipped."""
    if predicate is None:
        return True
    try:
        check_predicate(predicate)
    except ValueError:
        return False
    return True


def add_messages(
    store: Store,
    config: Config,
    models: Models,
    user_id: str,
    msgs: Sequence[Message],
    *,
    session: str,
    source: str,
    now: datetime,
) -> tuple[Planned | None, list[str], list[str]]:
    """Store ``msgs`` in one atomic write (nothing for those stored already): what was
    planned (None if nothing was new), the episode of each message in order without
    repeats, and those of them stored before."""
    stored = stored_refs(store, user_id, session, msgs)
    fresh = [msgs[i] for i in fresh_messages(msgs, stored)]
    if not fresh:  # nothing to extract or write
        ids, existing = message_episodes(msgs, stored, None)
        return None, ids, existing
    extractions, known, embed = models.prepare(fresh)
    planned = write(
        store,
        user_id,
        now,
        config,
        lambda w: plan_add(
            w,
            fresh,
            extractions,
            session=session,
            source=source,
            embed=embed,
            known=known,
            passage_min_words=passage_min_words(config),
        ),
    )
    ids, existing = message_episodes(msgs, stored, planned)
    return planned, ids, existing


def passage_min_words(config: Config) -> int | None:
    """The shortest sentence of a turn that gets a passage, or None for no passages."""
    recall = config.recall
    return recall.passage_min_words if recall.passages else None
