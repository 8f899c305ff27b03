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
    #: the latest the fact can have begun when ``valid_from`` starts a period ("since
    #: last year": the end of that year), so a later statement can say it began after
    #: a value stated meanwhile; None: at ``valid_from``
    begun_by: datetime | None = None
    subject_type: str = "person"
    object_type: str = "other"
    #: the statement says the fact stopped holding ("I don't live in Oslo anymore"); the
    #: object is the value that ended, or None for the current one
    ended: bool = False


@dataclass(frozen=True)
class ObjectClue:
    """A possible object of a predicate frame: its text (empty when the sentence ends a
    value without naming it, as in "I quit my job"), the object types it may have with a
    weight each, and its role: ``new`` (stated as holding), ``old`` (stated as over) or
    ``rejected`` (the one not chosen, "tea over coffee": over only if it was held)."""

    text: str
    readings: tuple[tuple[str, float], ...]
    role: str = "new"
    #: said of a one-off past happening ("Had ramen for lunch"), which states no taste
    once: bool = False
    #: the type of value the clause's verb shows the object to be, whatever else the
    #: sentence says: "place" for where someone moved ("Moved south to Barcelona"),
    #: "activity" for what someone took up ("I started surfing"); empty: none
    cue: str = ""
    #: said as the speaker's new taste in words that fit any kind of favourite ("I'm all
    #: about Parcels now"): where the sentence places it nowhere, the writer gives it to
    #: the one favourite the speaker holds that it can be (``Change`` with no old value)
    taste: bool = False

    def weight(self, object_type: str) -> float:
        return max((w for t, w in self.readings if t == object_type), default=0.0)


class Weighed(Protocol):
    def weight(self, object_type: str) -> float: ...


def surely_no_town(value: Weighed) -> bool:
    """A name surely a firm's or a car's and not surely a town's: where someone "moved
    to" it is their work, not their home ("I moved to Siemens in May")."""
    return (
        max(value.weight("organization"), value.weight("vehicle")) >= 1.0
        and value.weight("place") < 0.9
    )


@dataclass(frozen=True)
class Clue:
    """One sentence's evidence for the predicate frames (``graphmem.extraction.frames``):
    its character span in the utterance, whom it is about, the typed objects it holds
    and the date it names. The frame matcher decides, with the sentence's vector, which
    predicate (if any) the sentence states."""

    start: int
    end: int
    subject: str
    subject_text: str
    objects: tuple[ObjectClue, ...]
    subject_type: str = "person"
    confidence: float = 0.8
    valid_from: datetime | None = None
    #: see ``ExtractedMemory.begun_by``
    begun_by: datetime | None = None
    #: the sentence itself
    text: str = ""


@dataclass(frozen=True)
class Change:
    """A value a sentence states as over without showing whose value it was ("Used to
    be all Haim, now it's all The National", "Not at Bosch any more"): the writer looks
    among the subject's current facts for the one that holds ``old``, and ends it, or
    gives its slot the value of ``new`` that fits the slot's type (``frames.fits``).
    With no ``old``, ``new`` is a taste of a kind the sentence leaves open ("I'm all
    about Parcels now"): the writer gives it to the one single-valued favourite of the
    subject's whose type it fits, if there is exactly one."""

    subject: str
    subject_text: str
    old: str
    new: tuple[ObjectClue, ...] = ()
    subject_type: str = "person"
    confidence: float = 0.8
    valid_from: datetime | None = None
    #: the single-valued predicate the sentence gives a value of ``new``: ``old``, if no
    #: fact holds it, was that slot's value before ("Left Danone for Heineken")
    slot: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one utterance. ``clues`` are optional (None): an
    extractor that gives none gets no facts from the predicate frames, and its memories
    are taken as they are. With clues, a memory of a frame predicate whose object holds
    no mention of the predicate's type is dropped ("living in front of the fan").
    ``changes`` are the values the clues state as over that no memory places.
    ``personal``: the utterance says something of its speaker ("I ...", "Had ramen
    again", not "My brother went vegan"); only then does the write path fill in
    ``topics``, the predicates it talks about with their frame scores, whether or not a
    fact was found; and ``values``, the values of a sure type the clues name of the
    speaker as holding, with that type, read as a fact or not."""

    entities: tuple[ExtractedEntity, ...] = ()
    memories: tuple[ExtractedMemory, ...] = field(default_factory=tuple)
    clues: tuple[Clue, ...] | None = None
    changes: tuple[Change, ...] = ()
    personal: bool = False
    topics: tuple[tuple[str, float], ...] = ()
    values: tuple[tuple[str, str], ...] = ()


@runtime_checkable
class Extractor(Protocol):
    """Anything that turns utterances into extractions, one per utterance, in order."""

    def extract(self, utterances: Sequence[Utterance]) -> list[Extraction]:
        """Extract from a batch of utterances; returns one Extraction per utterance."""
        ...
