"""The write path of ``add`` (DESIGN §4): episodes (kept, embedded, linked NEXT) →
extraction → entity resolution → conflicts and corroboration, planned into one writer
and committed atomically by the engine."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from graphmem.extraction.base import Extraction
from graphmem.ingest import Message
from graphmem.models import Kind
from graphmem.resolution import Resolver
from graphmem.stores.base import Vector
from graphmem.timeutil import encode
from graphmem.versioning import Candidate, Outcome, check_predicate, write_memory
from graphmem.writer import Writer

Embed = Callable[[Sequence[str]], dict[str, Vector]]


@dataclass
class Planned:
    """What an ``add`` wrote: ids, for the engine to turn into an AddResult."""

    episodes: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)


def episode_text(msg: Message) -> str:
    """What an episode's embedding encodes: the turn with its speaker's name, so that
    first-person turns match questions that name the speaker."""
    return f"{msg.speaker}: {msg.text}" if msg.speaker else msg.text


def plan_add(
    w: Writer,
    msgs: Sequence[Message],
    extractions: Sequence[Extraction],
    *,
    session: str,
    source: str,
    embed: Embed,
    known: dict[str, Vector] | None = None,
) -> Planned:
    """Plan episodes, entities and memories for ``msgs`` into ``w``; ``known`` holds
    embeddings already computed (of the episode texts)."""
    names: list[tuple[str, str]] = [(m.speaker, "person") for m in msgs if m.speaker]
    texts = [episode_text(m) for m in msgs]
    for ex in extractions:
        names += [(e.name, e.type) for e in ex.entities]
        for cand in ex.memories:
            names.append((cand.subject, cand.subject_type))
            if cand.object:
                names.append((cand.object, cand.object_type))
            texts.append(cand.text)
    resolver = Resolver(w, lambda n: embed([n])[n])
    unknown = [n for n, t in dict.fromkeys(names) if resolver.needs_embedding(n, t)]
    known = dict(known or {})
    vectors = {**known, **embed([t for t in texts + unknown if t not in known])}
    resolver.embed_name = lambda n: vectors[n] if n in vectors else embed([n])[n]
    last = w.store.find(
        w.user_id, "Episode", {"session_id": session}, order_by="seq", descending=True, limit=1
    )
    prev_id = last[0].id if last else None
    seq = int(last[0].props.get("seq", 0)) if last else 0
    out = Planned()
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
            },
            embedding=vectors[episode_text(msg)],
            prefix="ep",
        )
        out.episodes.append(ep.id)
        if prev_id is not None:
            w.link("NEXT", prev_id, ep.id, {})
        prev_id = ep.id
        if msg.speaker:
            resolver.resolve(msg.speaker, "person", episode_id=ep.id)
        for ent in ex.entities:
            resolver.resolve(ent.name, ent.type, episode_id=ep.id)
        for cand in ex.memories:
            if not _valid_predicate(cand.predicate):
                continue
            subject_id = resolver.resolve(cand.subject, cand.subject_type, episode_id=ep.id)
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
                        episode_ids=[ep.id],
                        refs=[msg.ref or ""],
                        embedding=vectors[cand.text],
                    ),
                )
            )
    out.entities = resolver.resolved()
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
