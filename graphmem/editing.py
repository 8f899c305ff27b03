"""Direct edits by the caller (DESIGN §6): ``remember`` writes a memory without
extraction, ``update`` and ``feedback`` write a new version, ``freeze``/``unfreeze``
lock a node. The engine validates the arguments (``graphmem.validation``); these plan
the change into a ``Writer``, which the engine commits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from graphmem.codec import entity_key
from graphmem.errors import InvalidInputError
from graphmem.extraction.base import Extractor, Utterance
from graphmem.models import Kind
from graphmem.resolution import Resolver
from graphmem.stores.base import NodeRecord, Vector
from graphmem.validation import DirectMemory, Revision
from graphmem.versioning import ENDED, Candidate, Outcome, new_version, write_memory
from graphmem.writer import Writer

Embed = Callable[[Sequence[str]], dict[str, Vector]]
"""Embeds distinct texts: text -> vector."""


def default_polarity(predicate: str | None) -> str:
    """The polarity of a preference written without one."""
    return "dislike" if predicate in ("dislikes", "hates") else "like"


def plan_remember(w: Writer, m: DirectMemory, embed: Embed) -> Outcome:
    """Write ``m`` directly: resolve its entities, then conflicts and corroboration."""
    episodes = [w.require(i, "Episode") for i in m.sources]
    vectors = embed([m.text, *(n for n in (m.subject, m.object) if n)])
    resolver = Resolver(w, lambda n: vectors[n])
    polarity = m.polarity
    if m.kind == Kind.PREFERENCE and polarity is None:
        polarity = default_polarity(m.predicate)
    ended = polarity == ENDED  # "Anna no longer lives in Oslo": end the current version
    return write_memory(
        w,
        Candidate(
            kind=m.kind,
            text=m.text,
            source=m.source,
            confidence=m.confidence,
            subject=m.subject,
            subject_id=resolver.resolve(m.subject) if m.subject else None,
            predicate=m.predicate,
            object=m.object,
            object_id=resolver.resolve(m.object) if m.object else None,
            polarity=None if ended else polarity,
            valid_from=m.at,
            episode_ids=[e.id for e in episodes],
            refs=[str(e.props.get("ref") or "") for e in episodes],
            embedding=vectors[m.text],
            ended=ended,
        ),
        lambda text: embed([text])[text],
    )


def plan_update(w: Writer, memory_id: str, r: Revision, embed: Embed) -> NodeRecord:
    """Write the next version of a current memory with the revised values; the old
    version is superseded."""
    old = w.require(memory_id, "Memory")
    p = old.props
    text = r.text if r.text is not None else str(p["text"])
    obj = r.object if r.object is not None else p.get("object")
    vectors = embed([text, *([obj] if obj else [])])
    object_id = p.get("object_id")
    if r.object is not None:
        object_id = Resolver(w, lambda n: vectors[n]).resolve(r.object)
    return new_version(
        w,
        old,
        Candidate(
            kind=Kind(p["kind"]),
            text=text,
            source=r.source if r.source is not None else p.get("source", "user"),
            confidence=r.confidence if r.confidence is not None else p.get("confidence", 1.0),
            subject=p.get("subject"),
            subject_id=p.get("subject_id"),
            predicate=p.get("predicate"),
            object=obj,
            object_id=object_id,
            polarity=p.get("polarity"),
            valid_from=r.at if r.at is not None else w.now,
            episode_ids=list(p.get("episode_ids") or []),
            refs=list(p.get("refs") or []),
            embedding=vectors[text],
        ),
        reason="update",
    )


def plan_feedback(
    w: Writer,
    memory_id: str,
    correction: str,
    new_object: str | None,
    extractor: Extractor,
    embed: Embed,
) -> NodeRecord:
    """A user's correction of a memory: its next version with source ``feedback`` and
    full confidence. The new object is ``new_object`` if given, else the one the
    correction names (:func:`corrected_object`)."""
    old = w.require(memory_id, "Memory")
    if new_object is None:
        new_object = corrected_object(w, extractor, old, correction, w.now)
    revision = Revision(text=correction, object=new_object, confidence=1.0, source="feedback")
    return plan_update(w, memory_id, revision, embed)


def corrected_object(
    w: Writer, extractor: Extractor, old: NodeRecord, correction: str, at: datetime
) -> str | None:
    """The object a correction of ``old`` names: the first entity the extractor finds
    in it of the old object's type that is not the subject ("Actually she moved to
    Munich" corrects Berlin to Munich). None when ``old`` has no object entity or the
    correction names none."""
    if not old.props.get("object_id"):
        return None
    found = w.node(str(old.props["object_id"]))
    wanted = found.props.get("type") if found is not None else None
    subject_key = entity_key(old.props.get("subject") or "")
    [extraction] = extractor.extract([Utterance(correction, at)])
    for ent in extraction.entities:
        if ent.type == wanted and entity_key(ent.name) != subject_key:
            return ent.name
    return None


def set_frozen(w: Writer, node_id: str, frozen: bool, reason: str) -> None:
    """Freeze or unfreeze a memory or entity, recorded in its audit trail. Freezing
    is guarded (the node must not be frozen by someone else meanwhile)."""
    rec = w.require(node_id)
    if rec.label not in ("Memory", "Entity"):
        raise InvalidInputError(f"only memories and entities can be frozen, not {rec.label}")
    if bool(rec.props.get("frozen")) == frozen:
        raise InvalidInputError(f"{node_id} is already {'frozen' if frozen else 'unfrozen'}")
    entry = f"{w.now_s} {'freeze' if frozen else 'unfreeze'}: {reason}".strip()
    w.guard(node_id, not_frozen=frozen)
    w.set(
        node_id, {"frozen": frozen, "audit": [*(rec.props.get("audit") or []), entry]}, guard=False
    )
