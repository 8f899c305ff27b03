"""The public data models (pydantic v2). Every model is immutable; stores persist plain
property maps and the engine converts them to and from these models."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field


class Kind(StrEnum):
    """The sub-label of a Memory."""

    FACT = "fact"
    PREFERENCE = "preference"
    EVENT = "event"


class Status(StrEnum):
    """Lifecycle status of a memory (and, for ``merged``, of an entity)."""

    GENERATED = "generated"
    ACTIVATED = "activated"
    MERGED = "merged"
    SUPERSEDED = "superseded"
    ARCHIVED = "archived"
    EXPIRED = "expired"


class EntityStatus(StrEnum):
    """Status of an entity: a survivor, or a spelling merged into one."""

    ACTIVE = "active"
    MERGED = "merged"


#: statuses that count as "current" (recallable by default, eligible to conflict)
LIVE_STATUSES: frozenset[str] = frozenset({Status.GENERATED, Status.ACTIVATED})

#: the search kind that selects raw episodes (beside the memory kinds)
EPISODE = "episode"
#: a kind a search can be asked for: a memory kind, or raw episodes
HitKind = Literal["fact", "preference", "event", "episode"]
HIT_KINDS: frozenset[str] = frozenset(get_args(HitKind))
assert {*(k.value for k in Kind), EPISODE} == HIT_KINDS, "HitKind lists every Kind"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Episode(_Model):
    """One raw input unit: a chat turn, an event or a document chunk."""

    id: str
    user_id: str
    text: str
    speaker: str | None = None
    role: str | None = None
    session_id: str | None = None
    ref: str | None = None
    at: datetime
    source: str = "user"
    created_at: datetime
    status: str = Status.GENERATED
    #: for a document chunk: its document, position (1 = first) and section heading path
    document_id: str | None = None
    position: int | None = None
    section: str | None = None


class Document(_Model):
    """A document added with ``add_document``: its text lives in its chunks, episodes
    ``PART_OF`` it in order."""

    id: str
    user_id: str
    title: str
    ref: str | None = None
    source: str = "user"
    at: datetime
    chunks: int
    chars: int
    created_at: datetime


class ChunkSource(_Model):
    """Where a recalled document chunk comes from."""

    document_id: str
    title: str
    position: int = Field(description="1 = the document's first chunk")
    section: str | None = Field(default=None, description="heading path, 'A > B'")


class Entity(_Model):
    """A person, place, organisation, object or concept."""

    id: str
    user_id: str
    name: str
    key: str
    type: str = "other"
    aliases: tuple[str, ...] = ()
    status: str = EntityStatus.ACTIVE
    frozen: bool = False
    merged_into: str | None = None
    created_at: datetime
    updated_at: datetime


class Memory(_Model):
    """A fact, preference or event: a self-contained statement with provenance."""

    id: str
    user_id: str
    kind: Kind
    text: str
    subject: str | None = None
    predicate: str | None = None
    object: str | None = None
    polarity: str | None = None
    confidence: float = 1.0
    source: str = "user"
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    version: int = 1
    status: Status = Status.GENERATED
    frozen: bool = False
    recall_count: int = 0
    last_recalled_at: datetime | None = None
    created_at: datetime
    updated_at: datetime
    #: ids of the episodes this memory was extracted from (provenance)
    episode_ids: tuple[str, ...] = ()
    #: the caller's refs of those episodes, in the same order
    refs: tuple[str, ...] = ()
    #: for a superseded version: the id of the version that replaced it
    superseded_by: str | None = None
    #: for a merged memory: the id of the survivor
    merged_into: str | None = None

    @property
    def is_current(self) -> bool:
        """Whether this is the current version (not superseded, merged or archived)."""
        return self.status in LIVE_STATUSES


class Hit(_Model):
    """One search result: the recalled node, its score, why it was found, and where it came
    from. ``memory`` is a Memory, or an Episode (a raw turn) when episodes are recalled."""

    memory: Memory | Episode
    score: float
    reason: str
    sources: tuple[str, ...] = Field(default=(), description="episode refs, rank order")
    chunk: ChunkSource | None = Field(
        default=None, description="for a document chunk: its document's title and position"
    )


class AddResult(_Model):
    """What one ``add`` (or ``add_document``) call wrote."""

    document: Document | None = None
    episodes: tuple[Episode, ...] = ()
    memories: tuple[Memory, ...] = ()
    corroborated: tuple[Memory, ...] = ()
    superseded: tuple[Memory, ...] = ()
    entities: tuple[Entity, ...] = ()


class Tombstone(_Model):
    """What remains of an expired or forgotten node."""

    id: str
    user_id: str
    deleted_at: datetime
    reason: str


class Stats(_Model):
    """Counts for one user."""

    user_id: str
    episodes: int = 0
    entities: int = 0
    memories: int = 0
    documents: int = 0
    by_kind: dict[str, int] = Field(default_factory=dict)
    by_status: dict[str, int] = Field(default_factory=dict)
    tombstones: int = 0
    frozen: int = 0
    extra: dict[str, Any] = Field(default_factory=dict)


class TransferReport(_Model):
    """What an export wrote or an import read: nodes and relationships per user."""

    users: dict[str, dict[str, int]] = Field(
        default_factory=dict, description="user -> {'nodes': n, 'edges': m}"
    )
    embeddings: bool = Field(description="whether the file holds the embeddings")
    reembedded: int = Field(default=0, description="embeddings the import computed again")

    @property
    def nodes(self) -> int:
        return sum(c["nodes"] for c in self.users.values())

    @property
    def edges(self) -> int:
        return sum(c["edges"] for c in self.users.values())


class IngestReport(_Model):
    """What one ``ingest`` call did, per user: messages (or documents) read, added,
    skipped because they were already stored, memories extracted, documents and
    chunks added."""

    files: tuple[str, ...] = ()
    users: dict[str, dict[str, int]] = Field(default_factory=dict)
    seconds: float = 0.0

    def total(self, name: str) -> int:
        """One count summed over the users (``read``, ``added``, ``skipped``, ...)."""
        return sum(c.get(name, 0) for c in self.users.values())
