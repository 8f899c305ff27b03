"""The narrow interface between the engine and a store.

The engine reads through a handful of queries and writes through one call,
``apply(changes)``, which must be atomic: either every operation of the change set
takes effect, or none does. Guards are preconditions checked inside the same atomic
write (so "not frozen" is never a read-then-write race), and so are expectations: the
reads that decided the write (the current versions of a fact, the last turn of a
session, the entities of a name), re-run inside the write. A guard or expectation
that no longer holds because another writer got there first fails the write with
``ConflictError``; the engine then plans it again.

Labels are ``Episode``, ``Passage`` (a sentence of a long episode, with its own
vector), ``Entity``, ``Memory``, ``Document`` (whose chunks are episodes) and
``Tombstone``. Properties are plain
JSON-able values (str, int, float, bool, None, lists of str); times are ISO strings (see
``graphmem.timeutil``). Vector scores are cosine similarity, higher is better, on every
store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from graphmem.errors import ConflictError, FrozenError, NotFoundError
from graphmem.names import check_prop_name, check_rel_type

Vector = npt.NDArray[np.float32]
Props = dict[str, Any]
Direction = Literal["out", "in", "both"]

LABELS = ("Episode", "Passage", "Entity", "Memory", "Document", "Tombstone")
VECTOR_LABELS = ("Episode", "Passage", "Entity", "Memory")


@dataclass
class NodeRecord:
    """A node as stored: its id, tenant, label and properties (embedding apart).

    Records returned by a store may share their property map with the store's cache:
    treat ``props`` as read-only (copy it before changing it)."""

    id: str
    user_id: str
    label: str
    props: Props = field(default_factory=dict)
    embedding: Vector | None = None


@dataclass
class EdgeRecord:
    """A relationship as stored."""

    id: str
    type: str
    src: str
    dst: str
    user_id: str
    props: Props = field(default_factory=dict)


@dataclass(frozen=True)
class Guard:
    """A precondition on an existing node, checked atomically with the write.

    The write fails with ``NotFoundError`` if the node is missing, ``FrozenError`` if
    ``not_frozen`` and the node is frozen, and ``ConflictError`` if its status is not
    in ``status_in`` or a property of ``unchanged`` no longer has the value given
    (``None``: absent) — the values the write read before changing them.
    """

    node_id: str
    not_frozen: bool = True
    status_in: frozenset[str] | None = None
    unchanged: tuple[tuple[str, Any], ...] = ()


def check_guard(guard: Guard, user_id: str, props: Mapping[str, Any] | None) -> None:
    """Raise the error a violated guard means (``props`` is None for a node the user
    does not have). Every store reports refused writes the same way through this."""
    if props is None:
        raise NotFoundError(f"no node {guard.node_id!r} for user {user_id!r}")
    if guard.not_frozen and props.get("frozen"):
        raise FrozenError(f"{guard.node_id} is frozen")
    if guard.status_in is not None and props.get("status") not in guard.status_in:
        raise ConflictError(
            f"{guard.node_id} has status {props.get('status')!r} now; "
            f"this write read one of {sorted(guard.status_in)}"
        )
    for name, value in guard.unchanged:
        if not same_value(props.get(name), value):
            raise ConflictError(
                f"{guard.node_id}.{name} changed since this write read it: "
                f"{_short(props.get(name))} now, {_short(value)} then"
            )


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def same_value(stored: Any, expected: Any) -> bool:
    """Whether a stored property value is the one expected (lists element by element,
    ``None`` for absent), as every store compares them. A float expected matches within
    ``FLOAT_TOLERANCE`` (relative): a server may return a double rounded to 15
    significant digits (FalkorDB does), and that is the value a writer read."""
    if isinstance(stored, list | tuple) or isinstance(expected, list | tuple):
        if not isinstance(stored, list | tuple) or not isinstance(expected, list | tuple):
            return False
        return len(stored) == len(expected) and all(
            same_value(a, b) for a, b in zip(stored, expected, strict=True)
        )
    if isinstance(stored, bool) or isinstance(expected, bool):
        return stored is expected
    if isinstance(expected, float) and isinstance(stored, int | float):
        return abs(stored - expected) <= float_tolerance(expected)
    return bool(stored == expected)


#: how far (relative) a stored float may be from the one a writer read
FLOAT_TOLERANCE = 1e-12


def float_tolerance(value: float) -> float:
    return FLOAT_TOLERANCE * max(1.0, abs(value))


@dataclass(frozen=True)
class Expect:
    """A read that decided a write, re-run atomically with it: the user's nodes of
    ``label`` whose ``prop`` equals ``value`` (whose list ``prop`` holds it, if
    ``holds``), with a status in ``statuses`` (any status when None). Either their ids are exactly
    ``ids`` or, when ``highest`` names a property, the largest value of it among them
    is ``top`` (None: no such node). A write whose expectation fails raises
    ``ConflictError`` and writes nothing."""

    label: str
    prop: str
    value: str
    statuses: frozenset[str] | None = None
    ids: frozenset[str] = frozenset()
    highest: str | None = None
    top: Any = None
    holds: bool = False

    def __post_init__(self) -> None:
        check_prop_name(self.prop)
        if self.highest is not None:
            check_prop_name(self.highest)


@dataclass
class ChangeSet:
    """Everything one engine operation writes, for one user, applied atomically."""

    user_id: str
    guards: list[Guard] = field(default_factory=list)
    expects: list[Expect] = field(default_factory=list)
    add_nodes: list[NodeRecord] = field(default_factory=list)
    set_nodes: list[tuple[str, Props]] = field(default_factory=list)
    set_embeddings: list[tuple[str, Vector | None]] = field(default_factory=list)
    delete_nodes: list[str] = field(default_factory=list)
    add_edges: list[EdgeRecord] = field(default_factory=list)
    set_edges: list[tuple[str, Props]] = field(default_factory=list)
    delete_edges: list[str] = field(default_factory=list)
    #: relationship id -> (start node, end node), for relationships of ``set_edges`` and
    #: ``delete_edges`` whose ends the writer knows: such a relationship must join those
    #: nodes (otherwise it is missing), and a server store finds it between them instead
    #: of among every relationship of the user
    edge_ends: dict[str, tuple[str, str]] = field(default_factory=dict)

    def guard(
        self,
        node_id: str,
        *,
        not_frozen: bool = True,
        status_in: Sequence[str] | None = None,
        unchanged: Mapping[str, Any] | None = None,
    ) -> None:
        self.guards.append(
            Guard(
                node_id,
                not_frozen,
                frozenset(status_in) if status_in is not None else None,
                tuple((unchanged or {}).items()),
            )
        )

    def expect(self, expectation: Expect) -> None:
        self.expects.append(expectation)

    def node(self, record: NodeRecord) -> NodeRecord:
        self.add_nodes.append(record)
        return record

    def update(self, node_id: str, props: Props) -> None:
        self.set_nodes.append((node_id, props))

    def edge(self, record: EdgeRecord) -> EdgeRecord:
        check_rel_type(record.type)
        self.add_edges.append(record)
        return record

    def is_empty(self) -> bool:
        return not (
            self.add_nodes
            or self.set_nodes
            or self.set_embeddings
            or self.delete_nodes
            or self.add_edges
            or self.set_edges
            or self.delete_edges
        )


Where = Mapping[str, Any]
"""Equality filters on properties; a list or tuple value means "one of"."""


class CountKey(NamedTuple):
    """One group of a user's nodes in ``Store.counts``."""

    label: str
    status: str | None
    kind: str | None
    frozen: bool


# ---------------------------------------------------------------- the recall reads
@dataclass(frozen=True)
class SeedRequest:
    """The first read of a search: everything that does not depend on another read.

    ``vector_labels`` are searched by ``vector`` (``k`` each, cosine, best first); a
    ``Passage`` hit stands for its episode (``SeedResult.vector`` holds the episode id).
    ``terms`` (``text.query_terms``) pick the keyword candidates of ``keyword_labels``.
    ``entity_keys`` are names the query may use: the user's entities matching
    ``entity_where`` with one of them as ``key`` or among their ``alias_keys``."""

    vector: Vector
    k: int
    vector_labels: Sequence[tuple[str, Where | None]]
    terms: Sequence[str] = ()
    keyword_labels: Sequence[str] = ()
    entity_keys: Sequence[str] = ()
    entity_where: Where | None = None


@dataclass
class KeywordDocs:
    """Keyword candidates: the user's nodes of the searched labels whose fulltext body
    (``semantics.fulltext_body``) holds one of the terms (as the store's index matches
    them), with their bodies, and how many nodes of those labels the user has. Scoring
    is the same code on every store: ``semantics.bm25``."""

    total: int = 0
    bodies: dict[str, str] = field(default_factory=dict)


@dataclass
class SeedResult:
    """What ``Store.seeds`` found."""

    #: entity id -> name: key matches first, then alias matches, each in id order
    named: dict[str, str] = field(default_factory=dict)
    #: label -> (id, cosine), best first (ties by id); Passage hits as (episode id, cosine)
    vector: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    keyword: KeywordDocs = field(default_factory=KeywordDocs)


#: the relations activation spreads along, in the order that breaks ties between equal gains
SPREAD_RELATIONS = ("source", "next", "entity")


@dataclass(frozen=True)
class SpreadRequest:
    """One step of spreading activation from ``seeds`` (node id -> score), see
    ``Store.spread``."""

    seeds: Mapping[str, float]
    source_weight: float
    next_weight: float
    entity_weight: float
    entity_limit: int


class Gain(NamedTuple):
    """The best share of a seed's score a node receives, and from where."""

    node_id: str
    gain: float
    relation: str  # one of SPREAD_RELATIONS
    via: str  # the seed it came from


@dataclass(frozen=True)
class ExpandRequest:
    """The last read of a search: ``fields`` (per label) of the candidates ``ids``; which of them
    are about (``ABOUT``) or mention (``MENTIONED_IN``) one of ``entities``; with
    ``sources``, the memories extracted from the candidate episodes (``source_fields``
    only); and the user's memories whose ``sp_key`` is one of ``keys``."""

    ids: Sequence[str]
    fields: Mapping[str, Sequence[str]]
    entities: Sequence[str] = ()
    sources: bool = False
    source_fields: Sequence[str] = ()
    keys: Sequence[str] = ()


@dataclass
class Expansion:
    """What ``Store.expand`` found; records carry only the fields asked for (a missing
    property is absent), never an embedding."""

    records: dict[str, NodeRecord] = field(default_factory=dict)
    #: candidate id -> the requested entities it is about or mentioned in, in request order
    linked: dict[str, list[str]] = field(default_factory=dict)
    #: candidate episode id -> records of the memories extracted from it (source_fields)
    sources: dict[str, list[NodeRecord]] = field(default_factory=dict)
    #: the memories with the requested keys, by id
    keyed: list[NodeRecord] = field(default_factory=list)


@runtime_checkable
class Store(Protocol):
    """What every store implements. All reads and writes are scoped by ``user_id``."""

    uri: str

    def apply(self, changes: ChangeSet) -> None:
        """Apply every operation of ``changes`` atomically, or none of them."""
        ...

    def apply_unconfirmed(self, changes: ChangeSet) -> None:
        """Apply ``changes`` as ``apply`` does (all or nothing, the same checks) without
        reporting the outcome: a change set ``apply`` would refuse (``ConflictError``,
        ``FrozenError``, ``NotFoundError``, ``InvalidInputError``) is dropped, and a
        server store may return once the statement is sent; its next call waits for the
        answer first (this process reads its own writes). For bookkeeping a race may
        skip, such as the recall counts of a search."""
        ...

    def get(self, user_id: str, ids: Sequence[str]) -> list[NodeRecord]:
        """The nodes with these ids that belong to ``user_id`` (missing ids are skipped)."""
        ...

    def find(
        self,
        user_id: str,
        label: str,
        where: Where | None = None,
        *,
        order_by: str = "id",
        descending: bool = False,
        limit: int | None = None,
    ) -> list[NodeRecord]:
        """Nodes of ``label`` whose properties match ``where``, sorted by ``order_by``
        (nodes lacking that property sort first)."""
        ...

    def edges(
        self,
        user_id: str,
        node_ids: Sequence[str],
        *,
        types: Sequence[str] | None = None,
        direction: Direction = "both",
    ) -> list[EdgeRecord]:
        """Relationships touching any of ``node_ids``."""
        ...

    def vector_search(
        self, user_id: str, label: str, vector: Vector, k: int, where: Where | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` nodes most similar to ``vector`` (cosine, best first)."""
        ...

    def vector_searches(
        self,
        user_id: str,
        label: str,
        vectors: Sequence[Vector],
        k: int,
        where: Where | None = None,
    ) -> list[list[tuple[str, float]]]:
        """``vector_search`` for each of ``vectors``, in one round trip."""
        ...

    def keyword_search(
        self, user_id: str, text: str, k: int, labels: Sequence[str]
    ) -> list[tuple[str, float]]:
        """The ``k`` nodes whose fulltext body best matches ``text`` (higher is better;
        ``semantics.bm25`` on every store)."""
        ...

    def embeddings(self, user_id: str, ids: Sequence[str]) -> dict[str, Vector]:
        """Stored embeddings of these nodes."""
        ...

    def seeds(self, user_id: str, request: SeedRequest) -> SeedResult:
        """The first read of a search, in one round trip (see ``SeedRequest``)."""
        ...

    def spread(self, user_id: str, request: SpreadRequest) -> list[Gain]:
        """One step of spreading activation, aggregated in the store, in one round trip.

        A seed offers ``source_weight`` x its score to the other end of each of its
        ``EXTRACTED_FROM`` relationships (memory <-> source episode), ``next_weight`` x
        its score to the other end of each ``NEXT`` (neighbouring turns), and, through
        each entity it is ``ABOUT`` with role ``object``, ``entity_weight /
        log2(2 + d)`` x its score to every other node ``ABOUT`` that entity, where ``d``
        is the entity's number of incoming ``ABOUT`` relationships; an entity with
        ``d > entity_limit`` spreads nothing. Each node reached keeps its largest
        offer (an offer of 0 is none); equal offers go to the relation first in
        ``SPREAD_RELATIONS``, then to the smallest seed id. Seeds receive offers too."""
        ...

    def start_spread(self, user_id: str, request: SpreadRequest) -> Callable[[], list[Gain]]:
        """``spread``, started: returns what waits for its gains (call it exactly once).
        A server store sends the statement and reads the answer when that is called, so
        that the caller's work in between overlaps the server's; the embedded store
        answers at once."""
        ...

    def expand(self, user_id: str, request: ExpandRequest) -> Expansion:
        """The last read of a search, in one round trip (see ``ExpandRequest``)."""
        ...

    def counts(self, user_id: str) -> dict[CountKey, int]:
        """The user's node counts, grouped by label, status, kind and frozen flag."""
        ...

    def user_ids(self) -> list[str]:
        """Every user that has nodes in the store, sorted."""
        ...

    def dump(
        self, user_id: str, *, after: str | None = None, limit: int = 500
    ) -> tuple[list[NodeRecord], list[EdgeRecord]]:
        """One page of everything the user has, for export: the user's nodes of every
        label with ids greater than ``after`` (from the first when None), in id order,
        at most ``limit`` of them, with their embeddings; and every relationship that
        leaves one of them. Paging on to the last node id returned reads every node and
        relationship exactly once."""
        ...

    def delete_user(self, user_id: str) -> int:
        """Remove every node and relationship of ``user_id``; returns the node count."""
        ...

    def close(self) -> None:
        """Release connections and files."""
        ...
