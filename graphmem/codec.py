"""Conversion between stored property maps and the public models, and id minting."""

from __future__ import annotations

import re
import secrets
import threading
import time
import unicodedata
from typing import Any

from graphmem.errors import InvalidInputError
from graphmem.models import Document, Entity, EntityStatus, Episode, Kind, Memory, Stats, Status
from graphmem.stores.base import CountKey, NodeRecord
from graphmem.timeutil import decode

_TIME_FIELDS = ("valid_from", "valid_to", "last_recalled_at", "created_at", "updated_at", "at")
_KEY_STRIP = re.compile(r"[^\w\s'-]+", re.UNICODE)
_SPACES = re.compile(r"\s+")
_DETERMINERS = ("the ", "a ", "an ", "my ", "our ", "his ", "her ", "their ", "your ")


_ID_LOCK = threading.Lock()
_last_tick = 0


def new_id(prefix: str) -> str:
    """A fresh, globally unique id such as ``mem_0614a2c3f1b2c5e1d0a9f``: 13 hex digits
    of a microsecond count that strictly increases within the process, then 7 random
    ones. Ids of one process sort in the order they were made, so ranking ties broken
    by id come out the same in two stores fed the same input."""
    global _last_tick
    with _ID_LOCK:
        _last_tick = max(_last_tick + 1, time.time_ns() // 1000)
        tick = _last_tick
    return f"{prefix}_{tick:013x}{secrets.randbits(28):07x}"


def entity_key(name: str) -> str:
    """The normalised name used to resolve entities: case-folded, accents and
    punctuation removed, leading determiners and possessives dropped."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _SPACES.sub(" ", _KEY_STRIP.sub(" ", text)).strip()
    changed = True
    while changed:
        changed = False
        for det in _DETERMINERS:
            if text.startswith(det) and len(text) > len(det):
                text = text[len(det) :]
                changed = True
    return text.removesuffix("'s").strip("'- ")


def _times(props: dict[str, Any]) -> dict[str, Any]:
    out = dict(props)
    for name in _TIME_FIELDS:
        if name in out:
            out[name] = decode(out[name])
    return out


def to_episode(rec: NodeRecord) -> Episode:
    p = _times(rec.props)
    return Episode(
        id=rec.id,
        user_id=rec.user_id,
        text=p.get("text", ""),
        speaker=p.get("speaker"),
        role=p.get("role"),
        session_id=p.get("session_id"),
        ref=p.get("ref"),
        at=p["at"],
        source=p.get("source", "user"),
        created_at=p["created_at"],
        status=p.get("status", Status.GENERATED),
        document_id=p.get("document_id"),
        position=p.get("position"),
        section=p.get("section"),
    )


def to_document(rec: NodeRecord) -> Document:
    p = _times(rec.props)
    return Document(
        id=rec.id,
        user_id=rec.user_id,
        title=p["title"],
        ref=p.get("ref"),
        source=p.get("source", "user"),
        at=p["at"],
        chunks=int(p.get("chunks", 0)),
        chars=int(p.get("chars", 0)),
        created_at=p["created_at"],
    )


def to_entity(rec: NodeRecord) -> Entity:
    p = _times(rec.props)
    return Entity(
        id=rec.id,
        user_id=rec.user_id,
        name=p["name"],
        key=p["key"],
        type=p.get("type", "other"),
        aliases=tuple(p.get("aliases") or ()),
        status=p.get("status", EntityStatus.ACTIVE),
        frozen=bool(p.get("frozen")),
        merged_into=p.get("merged_into"),
        created_at=p["created_at"],
        updated_at=p["updated_at"],
    )


def to_memory(rec: NodeRecord) -> Memory:
    p = _times(rec.props)
    return Memory(
        id=rec.id,
        user_id=rec.user_id,
        kind=Kind(p["kind"]),
        text=p.get("text") or "",
        subject=p.get("subject"),
        predicate=p.get("predicate"),
        object=p.get("object"),
        polarity=p.get("polarity"),
        confidence=float(p.get("confidence", 1.0)),
        source=p.get("source", "user"),
        valid_from=p.get("valid_from"),
        valid_to=p.get("valid_to"),
        version=int(p.get("version", 1)),
        status=Status(p.get("status", Status.GENERATED)),
        frozen=bool(p.get("frozen")),
        recall_count=int(p.get("recall_count", 0)),
        last_recalled_at=p.get("last_recalled_at"),
        created_at=p["created_at"],
        updated_at=p["updated_at"],
        episode_ids=tuple(p.get("episode_ids") or ()),
        refs=tuple(p.get("refs") or ()),
        superseded_by=p.get("superseded_by"),
        merged_into=p.get("merged_into"),
    )


#: the properties ``to_episode`` and ``to_memory`` read
EPISODE_FIELDS = (
    "text", "speaker", "role", "session_id", "ref", "at", "source", "created_at", "status",
    "document_id", "position", "section",
)  # fmt: skip
MEMORY_FIELDS = (
    "kind", "text", "subject", "predicate", "object", "polarity", "confidence", "source",
    "valid_from", "valid_to", "version", "status", "frozen", "recall_count",
    "last_recalled_at", "created_at", "updated_at", "episode_ids", "refs", "superseded_by",
    "merged_into",
)  # fmt: skip


def to_model(rec: NodeRecord) -> Memory | Episode | Entity | Document:
    """A stored memory, episode, entity or document as its public model (the other
    labels, ``Passage`` and ``Tombstone``, have none)."""
    if rec.label == "Memory":
        return to_memory(rec)
    if rec.label == "Episode":
        return to_episode(rec)
    if rec.label == "Entity":
        return to_entity(rec)
    if rec.label == "Document":
        return to_document(rec)
    raise InvalidInputError(f"{rec.id} is a {rec.label}, not a memory, episode, entity or document")


def to_stats(user_id: str, counts: dict[CountKey, int]) -> Stats:
    """A user's ``Stats`` from the store's grouped node counts."""
    by_label: dict[str, int] = {}
    by_kind = {str(k): 0 for k in Kind}
    by_status: dict[str, int] = {}
    frozen = 0
    for key, n in counts.items():
        by_label[key.label] = by_label.get(key.label, 0) + n
        if key.label == "Memory":
            if key.kind is not None:
                by_kind[key.kind] = by_kind.get(key.kind, 0) + n
            if key.status is not None:
                by_status[key.status] = by_status.get(key.status, 0) + n
        if key.frozen and key.label in ("Memory", "Entity"):
            frozen += n
    return Stats(
        user_id=user_id,
        episodes=by_label.get("Episode", 0),
        entities=by_label.get("Entity", 0),
        memories=by_label.get("Memory", 0),
        documents=by_label.get("Document", 0),
        by_kind=by_kind,
        by_status=by_status,
        tombstones=by_label.get("Tombstone", 0),
        frozen=frozen,
    )
