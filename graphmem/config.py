"""Engine configuration: validated pydantic models with documented defaults."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graphmem.names import PREDICATE_RE

ConflictPolicy = Literal["latest", "source", "confidence", "keep_both"]

#: predicates that hold one value at a time for a subject
DEFAULT_SINGLE_VALUED: tuple[str, ...] = (
    "lives_in",
    "works_at",
    "works_as",
    "married_to",
    "age",
    "born_in",
    "born_on",
    "name",
    "is_named",
    "studies_at",
    "job",
    "relationship_status",
    "nationality",
    "engaged_to",
    "dating",
    "partner_of",
    "occupation",
    "diet",
    "has_partner",
    "dates",
)

#: predicates outside the default frames that share a slot with frame predicates
DEFAULT_SLOTS: dict[str, str] = {
    "engaged_to": "partner",
    "dates": "partner",
    "dating": "partner",
    "partner_of": "partner",
    # "my favourite singer is Adele": the one favourite artist, whatever the word
    "favourite_singer": "favourite_band",
    "favourite_artist": "favourite_band",
    "favourite_musician": "favourite_band",
    "favourite_group": "favourite_band",
    "favourite_rapper": "favourite_band",
}

#: default ranking of sources for the ``source`` policy (higher wins)
DEFAULT_SOURCE_RANKING: dict[str, int] = {
    "feedback": 50,
    "user": 40,
    "import": 30,
    "agent": 20,
    "inferred": 10,
}


class _Config(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


#: object types a predicate frame can take (see ``graphmem.extraction.mentions``)
ObjectType = Literal[
    "place",
    "organization",
    "school",
    "title",
    "work",
    "field",
    "person",
    "pet",
    "nationality",
    "diet",
    "allergen",
    "food",
    "drink",
    "sport",
    "artist",
    "genre",
    "colour",
    "team",
    "vehicle",
    "activity",
    "instrument",
    "language",
    "date",
]
_NAME = PREDICATE_RE.pattern


class PredicateSpec(_Config):
    """A predicate described by examples (a *predicate frame*): a sentence close to
    ``examples`` that holds an object of type ``object`` states this predicate about its
    subject. Example sentences are written in the first person, as people say them."""

    name: str = Field(pattern=_NAME)
    """The predicate (snake_case); its versioned edges are typed ``NAME`` upper-cased."""
    kind: Literal["fact", "preference"] = "fact"
    object: ObjectType
    single: bool = False
    """Single-valued: a new object replaces the current one (a new version)."""
    slot: str | None = Field(default=None, pattern=_NAME)
    """Predicates of one slot compete for one value ("partner": dating, married)."""
    about: str = ""
    """What the predicate records, for the documentation table."""
    text: str = "{subject} {predicate} {object}."
    """The memory text; ``{subject}``, ``{object}``, ``{a_object}`` and ``{predicate}``
    are filled in."""
    ended: str | None = None
    """The text of the version that records that the fact stopped holding; None for a
    fact that cannot stop (where someone was born)."""
    examples: tuple[str, ...] = Field(min_length=3)
    counter: tuple[str, ...] = ()
    """Sentences that look alike but do not state this predicate."""
    questions: tuple[str, ...] = ()
    """Questions that ask for this predicate's value ("Where does she live?"): recall
    uses them to see which fact a query asks about."""
    requires: tuple[str, ...] = ()
    """Words (or word beginnings) of which a sentence must hold one to state this
    predicate ("allerg" for ``allergic_to``); empty: no such condition. A sentence
    without them is not weighed for this predicate at all (it keeps no other predicate
    out of focus)."""

    def render(self, template: str, subject: str, obj: str) -> str:
        """Fill a template: ``{subject}``, ``{object}``, ``{a_object}`` (the object with
        "a" or "an" in front) and ``{predicate}``."""
        words = self.name.replace("_", " ")
        article = "an" if obj[:1].lower() in "aeiou" else "a"
        return template.format(
            subject=subject, object=obj, a_object=f"{article} {obj}", predicate=words
        )


class PredicateRegistry(_Config):
    """The predicates graphmem knows: which are single-valued, which share a slot, and
    the predicate frames (the default catalogue of ``graphmem.extraction.predicates``
    plus ``frames``, which add predicates or replace default ones by name).
    ``favourite_*`` predicates are always single-valued."""

    single_valued: frozenset[str] = Field(default=frozenset(DEFAULT_SINGLE_VALUED))
    multi_valued: frozenset[str] = Field(
        default=frozenset(), description="overrides: predicates forced multi-valued"
    )
    slots: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_SLOTS))
    """Predicates outside the frames that share a slot (``engaged_to`` -> ``partner``)."""
    frames: tuple[PredicateSpec, ...] = ()
    default_frames: bool = True
    """Use the default catalogue (``False``: only ``frames``)."""
    frame_min_score: float = Field(default=0.3, ge=-1.0, le=1.0)
    """Least similarity of a sentence to a predicate's examples (mean of the best two)."""
    frame_margin: float = Field(default=-0.05, ge=-1.0, le=1.0)
    """How far a predicate must score above the best counter-example."""
    frame_focus: float = Field(default=0.08, ge=0.0, le=2.0)
    """How far below the sentence's best predicate a predicate may score and still be
    stated: a sentence is about one or two things, not everything it mentions."""
    topic_min_score: float = Field(default=0.35, ge=-1.0, le=1.0)
    """Least score of a predicate for a turn to be stored as about it (an episode's
    ``topics``), whether or not a fact was read from the turn."""

    def specs(self) -> tuple[PredicateSpec, ...]:
        """Every predicate frame in use, defaults first, overridden by name."""
        by_name: dict[str, PredicateSpec] = {}
        if self.default_frames:
            from graphmem.extraction.predicates import default_predicates

            by_name.update((s.name, s) for s in default_predicates())
        by_name.update((s.name, s) for s in self.frames)
        return tuple(by_name.values())

    def spec(self, predicate: str) -> PredicateSpec | None:
        for s in self.frames:
            if s.name == predicate:
                return s
        if self.default_frames:
            from graphmem.extraction.predicates import default_by_name

            return default_by_name().get(predicate)
        return None

    def slot_spec(self, predicate: str) -> PredicateSpec | None:
        """The frame of ``predicate``, or the first frame of the slot it shares (the
        rules' ``dates`` and ``engaged_to`` are the partner's): None outside the frames."""
        spec = self.spec(predicate)
        if spec is not None or predicate not in self.slots:
            return spec
        slot = self.slots[predicate]
        return next((s for s in self.specs() if self.slot(s.name) == slot), None)

    def slot(self, predicate: str) -> str:
        """The slot a predicate's values compete in (by default, the predicate)."""
        spec = self.spec(predicate)
        if spec is not None and spec.slot:
            return spec.slot
        return self.slots.get(predicate, predicate)

    def is_single_valued(self, predicate: str) -> bool:
        if predicate in self.multi_valued:
            return False
        if predicate in self.single_valued or predicate.startswith("favourite_"):
            return True
        spec = self.spec(predicate)
        return spec is not None and spec.single


class ConflictConfig(_Config):
    """How conflicts between facts are resolved (DESIGN §2.2)."""

    policy: ConflictPolicy = "source"
    """Default policy. ``source`` ranks by ``source_ranking``, then by time."""
    per_predicate: dict[str, ConflictPolicy] = Field(default_factory=dict)
    source_ranking: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_SOURCE_RANKING))
    unknown_source_rank: int = 15
    """Rank of a caller-defined source absent from ``source_ranking``."""
    corroboration_gain: float = Field(default=0.5, ge=0.0, le=1.0)
    """Share of the remaining doubt removed when a fact is seen again (noisy-or)."""

    def policy_for(self, predicate: str | None) -> ConflictPolicy:
        if predicate is not None and predicate in self.per_predicate:
            return self.per_predicate[predicate]
        return self.policy

    def rank(self, source: str) -> int:
        return self.source_ranking.get(source, self.unknown_source_rank)


class MergeConfig(_Config):
    """Automatic consolidation during ``add`` (DESIGN §2.3)."""

    memory_similarity: float = Field(default=0.93, ge=0.0, le=1.0)
    """Cosine similarity above which two memories of the same key are one."""
    entity_fuzzy: float = Field(default=92.0, ge=0.0, le=100.0)
    """rapidfuzz ratio (0..100) above which two entity names of one type are one."""
    entity_embedding: float = Field(default=0.9, ge=0.0, le=1.0)
    """Cosine similarity of names above which two entities of one type are one."""


class RecallConfig(_Config):
    """Weights and sizes of the read path (DESIGN §5). Seeds from each index are fused
    by weighted reciprocal rank; graph steps pass a share of a node's score on."""

    seeds: int = Field(default=80, ge=1)
    """Candidates taken from each seed index (vector per label, keyword)."""
    rrf_k: int = Field(default=60, ge=1)
    vector_episode_weight: float = Field(default=1.5, ge=0.0)
    vector_memory_weight: float = Field(default=1.0, ge=0.0)
    keyword_weight: float = Field(default=1.0, ge=0.0)
    keyword_drop_entities: bool = True
    """Leave names of known entities out of the keyword query (the entity boost uses them)."""
    source_weight: float = Field(default=0.5, ge=0.0)
    """Share of a memory's score passed to the episodes it came from (and back)."""
    next_weight: float = Field(default=0.6, ge=0.0)
    """Share of an episode's score passed to the turns just before and after it."""
    entity_weight: float = Field(default=0.25, ge=0.0)
    """Share of a memory's score passed to memories about the same entity, divided by
    the entity's log-degree so that hubs (the speakers) spread little."""
    entity_spread_limit: int = Field(default=200, ge=0)
    """Entities about more memories than this do not spread (hubs)."""
    candidates: int = Field(default=300, ge=1)
    """Candidates kept after spreading, before the boosts and filters (at least 4k)."""
    entity_boost: float = Field(default=0.5, ge=0.0)
    """Relative boost of candidates about an entity named in the query."""
    time_boost: float = Field(default=1.0, ge=0.0)
    """Relative boost of candidates dated within a time the query names."""
    memory_weight: float = Field(default=0.7, ge=0.0)
    """Factor on memory hits against episode hits in the final ranking."""
    outdated_factor: float = Field(default=0.3, ge=0.0, le=1.0)
    """Factor on turns all of whose facts no longer held at the time asked about (now,
    or ``as_of``): what someone said before they moved does not answer where they live."""
    answer_weight: float = Field(default=5.0, ge=0.0)
    """Seed weight of the direct answer: the facts about an entity the query names, of
    the predicate it asks for, that hold at the time asked about."""
    answer_min_similarity: float = Field(default=0.35, ge=-1.0, le=1.0)
    """Least similarity of a query to a predicate's example questions for an answer."""
    answer_decay: float = Field(default=0.6, ge=0.0, le=1.0)
    """Factor on each further answer's seed weight (the newest value of a multi-valued
    predicate, as a pet, ranks first)."""
    answer_tie: float = Field(default=0.05, ge=0.0)
    """Predicates within this of the best-asked one are asked about too."""
    answer_type_tie: float = Field(default=0.15, ge=0.0)
    """... and so are predicates within this of it whose values are of its type and can
    stop holding: "Which sport is Ana into now?" asks for a sport played as well as a
    favourite one."""
    topic_min_score: float = Field(default=0.4, ge=-1.0, le=1.0)
    """Least topic score (``PredicateRegistry.topic_min_score``) of a turn about an
    asked fact from which no memory was read for it to be seeded as a possible newer
    value than the one that holds (when none holds, any stored topic will do)."""
    topic_weight: float = Field(default=1.0, ge=0.0)
    """Seed weight of such turns, as a share of ``answer_weight`` (the newest first)."""
    track_activation: bool = True
    """Record each recall (``recall_count``, ``last_recalled_at``) for the lifecycle."""
    include_episodes: bool = True
    """Recall raw episodes beside memories (a Hit's ``memory`` is then an Episode)."""
    passages: bool = True
    """When adding a turn of several sentences, also embed each sentence (a ``Passage``
    node of the episode), so that one relevant sentence in a long turn is not drowned
    by the rest; an episode's vector score is the best of its own and its passages'."""
    passage_min_words: int = Field(default=5, ge=1)
    """Sentences shorter than this ("Thanks!", "Wow, nice.") get no passage."""


class KindLifecycle(_Config):
    """When memories of one kind (or episodes) cool down (DESIGN §2.5)."""

    archive_after: timedelta | None = timedelta(days=90)
    """Archive after this long unused (not recalled, corroborated or changed); None: never."""
    expire_after: timedelta | None = timedelta(days=365)
    """Expire (tombstone) this long after archiving; None: never."""


class ActivationPolicy(_Config):
    """When recall promotes a memory from ``generated`` to ``activated``."""

    min_recalls: int = Field(default=3, ge=1)
    """Recalls needed within ``window``."""
    window: timedelta = timedelta(days=30)
    boost: float = Field(default=0.1, ge=0.0)
    """Relative ranking boost of activated memories in recall."""


class CleanupPolicy(_Config):
    """Rules ``sweep`` applies besides ageing."""

    confidence_floor: float = Field(default=0.0, ge=0.0, le=1.0)
    """Expire current or archived memories whose confidence is below this (0: off)."""
    drop_retracted: bool = True
    """Expire memories the user retracted."""


class AuditPolicy(_Config):
    """What remains of expired and forgotten nodes."""

    keep_tombstones: bool = True
    """Leave a Tombstone (id, time, reason) for each removed node."""


class LifecyclePolicy(_Config):
    """Ageing per kind, activation, cleanup and audit."""

    fact: KindLifecycle = Field(default_factory=KindLifecycle)
    preference: KindLifecycle = Field(default_factory=KindLifecycle)
    event: KindLifecycle = Field(default_factory=KindLifecycle)
    episode: KindLifecycle = Field(default_factory=KindLifecycle)
    """Episodes follow their memories: one is archived only once no current memory
    comes from it, and expires only once every memory from it has expired."""
    activation: ActivationPolicy = Field(default_factory=ActivationPolicy)
    cleanup: CleanupPolicy = Field(default_factory=CleanupPolicy)
    audit: AuditPolicy = Field(default_factory=AuditPolicy)


class Timeouts(_Config):
    """How long a server store (Neo4j, FalkorDB) waits, in seconds. Either raises
    ``BackendUnavailableError``; a write whose reply did not come in time may have
    committed (``outcome_unknown``)."""

    connect: float = Field(default=5.0, gt=0)
    """Establishing a connection."""
    statement: float = Field(default=60.0, gt=0)
    """One statement (one transaction): the server aborts a read after this long, and
    the client stops waiting for any reply."""


class DocumentConfig(_Config):
    """How ``add_document`` splits a document."""

    chunk_chars: int = Field(default=800, ge=100, le=100_000)
    """Largest chunk, in characters: a chunk holds whole paragraphs of one section while
    they fit; a longer paragraph is cut between sentences."""
    max_bytes: int = Field(default=20_000_000, ge=1)
    """Largest accepted document, in UTF-8 bytes."""


class Config(_Config):
    """Everything an engine can be told. All fields have working defaults."""

    lifecycle: LifecyclePolicy = Field(default_factory=LifecyclePolicy)
    lifecycle_per_user: dict[str, LifecyclePolicy] = Field(default_factory=dict)
    """Lifecycle overrides for particular users."""

    predicates: PredicateRegistry = Field(default_factory=PredicateRegistry)
    conflicts: ConflictConfig = Field(default_factory=ConflictConfig)
    merge: MergeConfig = Field(default_factory=MergeConfig)
    recall: RecallConfig = Field(default_factory=RecallConfig)
    documents: DocumentConfig = Field(default_factory=DocumentConfig)
    max_message_bytes: int = Field(default=1_000_000, ge=1)
    """Largest accepted message text, in UTF-8 bytes."""
    timeouts: Timeouts = Field(default_factory=Timeouts)
    """Connect and statement timeouts of the server stores."""
    write_attempts: int = Field(default=12, ge=1)
    """How many times a write is planned and committed when concurrent writers keep
    changing what it read (the current version of a fact, the last turn of a session,
    an entity); then it raises ``ConflictError``, having written nothing."""


def lifecycle_for(config: Config, user_id: str) -> LifecyclePolicy:
    """The lifecycle policy that applies to ``user_id``."""
    return config.lifecycle_per_user.get(user_id, config.lifecycle)
