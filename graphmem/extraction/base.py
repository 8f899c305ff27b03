"""The extraction contract: what any extractor receives and returns.

An extractor turns utterances (episode text with its speaker, addressee and time) into
entities and memory candidates. It writes nothing: the engine resolves entities,
detects conflicts and writes atomically. Extractors must be deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

#: entity types graphmem knows; extractors map their own labels onto these
ENTITY_TYPES = ("person", "place", "organization", "thing", "concept", "other")


@dataclass(frozen=True)
class Utterance:
    """One episode as the extractor sees it."""

    text: str
    at: datetime
    speaker: str | None = None
    addressee: str | None = None


@dataclass(frozen=True)
class ExtractedEntity:
    """A mention of an entity: its surface name and graphmem type."""

    name: str
    type: str = "other"


@dataclass(frozen=True)
class ExtractedMemory:
    """A memory candidate.

    ``text`` is a standalone third-person sentence with pronouns resolved and relative
    dates made absolute. ``subject``/``object`` are entity names (the speaker's name
    for first-person statements); ``predicate`` is snake_case. ``kind`` is ``fact``,
    ``preference`` or ``event``; ``polarity`` is ``like``/``dislike`` for preferences.
    """

    kind: str
    text: str
    subject: str
    predicate: str
    object: str | None = None
    polarity: str | None = None
    confidence: float = 0.8
    valid_from: datetime | None = None
    subject_type: str = "person"
    object_type: str = "other"


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one utterance."""

    entities: tuple[ExtractedEntity, ...] = ()
    memories: tuple[ExtractedMemory, ...] = field(default_factory=tuple)


@runtime_checkable
class Extractor(Protocol):
    """Anything that turns utterances into extractions, one per utterance, in order."""

    def extract(self, utterances: Sequence[Utterance]) -> list[Extraction]:
        """Extract from a batch of utterances; returns one Extraction per utterance."""
        ...
