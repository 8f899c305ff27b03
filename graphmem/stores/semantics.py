"""What the store interface means, in one place for every store: which property values
and change sets a store accepts (and the errors it raises otherwise, in which order),
what ``where`` filters match, what text the keyword index sees, and how a filtered
search widens its fetch.

The embedded store applies these rules in Python. The Cypher store converts change
sets with the same functions, enforces the state checks atomically inside its apply
statement (``cypher/common/apply/check_*.cypher``) and explains a refused statement
with ``check_state``; its ``where`` and fulltext fragments take their parameters from
``where_filters`` and ``FULLTEXT``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

import numpy as np

from graphmem.errors import ConflictError, InvalidInputError, NotFoundError
from graphmem.names import check_prop_name, check_rel_type
from graphmem.stores.base import (
    LABELS,
    SPREAD_RELATIONS,
    ChangeSet,
    Expect,
    Gain,
    KeywordDocs,
    Props,
    SpreadRequest,
    Vector,
    Where,
    check_guard,
    same_value,
)
from graphmem.text import index_terms

#: properties a store keeps on every node or relationship itself
RESERVED = frozenset({"id", "user_id", "embedding"})


# ---------------------------------------------------------------- property values
def stored_value(value: Any, what: str) -> Any:
    """A property value as stored: str, int, float, bool, or a list of those; ``None``
    means "absent"."""
    if value is None or isinstance(value, bool | int | str):
        if isinstance(value, str) and "\x00" in value:
            raise InvalidInputError(f"{what} contains a NUL character")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInputError(f"{what} is not a finite number")
        return value
    if isinstance(value, list | tuple):
        items = [stored_value(v, what) for v in value]
        if any(v is None or isinstance(v, list) for v in items):
            raise InvalidInputError(f"{what} may only hold plain values, not null or lists")
        return items
    raise InvalidInputError(f"{what} has a value of type {type(value).__name__}")


def stored_props(props: Mapping[str, Any], what: str, *, keep_none: bool) -> Props:
    """Checked properties. A ``None`` value means "absent": dropped from a new node or
    relationship, kept in a change (``keep_none``) where it removes the property."""
    out: Props = {}
    for name, value in props.items():
        if not isinstance(name, str):
            raise InvalidInputError(f"{what} has a non-string property name")
        check_prop_name(name)
        if name in RESERVED:
            raise InvalidInputError(f"{what} may not set the reserved property {name!r}")
        checked = stored_value(value, f"{what}.{name}")
        if checked is not None or keep_none:
            out[name] = checked
    return out


def stored_vector(vector: Vector, what: str, dimensions: int | None) -> Vector:
    """A finite float32 vector of ``dimensions`` (any, if None)."""
    arr = np.asarray(vector, dtype=np.float32).ravel()
    if dimensions is not None and arr.shape[0] != dimensions:
        raise InvalidInputError(f"{what} has {arr.shape[0]} dimensions; the store has {dimensions}")
    if arr.shape[0] == 0 or not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{what} is empty or not finite")
    return arr


# ---------------------------------------------------------------- change sets
class StoredState(Protocol):
    """What checking a change set needs to know about what is stored."""

    def props(self, node_id: str) -> Mapping[str, Any] | None:
        """The properties of the user's node ``node_id``; None if the user has none."""
        ...

    def exists(self, node_id: str) -> bool:
        """Whether any node (of any user) has the id ``node_id``."""
        ...

    def has_edge(self, edge_id: str, ends: tuple[str, str] | None) -> bool:
        """Whether the user has the relationship ``edge_id`` (from ``ends[0]`` to
        ``ends[1]``, unless None)."""
        ...

    def matching(self, expect: Expect) -> list[Mapping[str, Any]]:
        """The properties (with ``id``) of the user's nodes an expectation reads."""
        ...


def check_shape(ch: ChangeSet) -> None:
    """The checks that need no stored state: one user, known labels, safe types."""
    for rec in ch.add_nodes:
        if rec.user_id != ch.user_id:
            raise InvalidInputError("a change set may only write one user's nodes")
        if rec.label not in LABELS:
            raise InvalidInputError(f"unknown label {rec.label!r}: expected one of {list(LABELS)}")
    for edge in ch.add_edges:
        check_rel_type(edge.type)
        if edge.user_id != ch.user_id:
            raise InvalidInputError("a change set may only write one user's relationships")
    for eid, ends in ch.edge_ends.items():
        if not (
            isinstance(eid, str)
            and isinstance(ends, tuple)
            and len(ends) == 2
            and all(isinstance(end, str) for end in ends)
        ):
            raise InvalidInputError("edge_ends maps relationship ids to (start, end) node ids")


def check_state(ch: ChangeSet, state: StoredState) -> None:
    """Raise the error ``ch`` meets against what is stored, checking in this order:
    guards, new nodes, updates and deletes, new relationships, changed and deleted
    relationships, expectations."""
    uid = ch.user_id
    for guard in ch.guards:
        check_guard(guard, uid, state.props(guard.node_id))
    deleting = set(ch.delete_nodes)
    planned: set[str] = set()
    for rec in ch.add_nodes:
        if (state.exists(rec.id) and rec.id not in deleting) or rec.id in planned:
            raise InvalidInputError(f"node {rec.id!r} already exists")
        planned.add(rec.id)
    changed = [i for i, _ in ch.set_nodes] + [i for i, _ in ch.set_embeddings]
    for node_id in [*changed, *ch.delete_nodes]:
        if node_id not in planned and state.props(node_id) is None:
            raise NotFoundError(f"no node {node_id!r} for user {uid!r}")
    for edge in ch.add_edges:
        for end in (edge.src, edge.dst):
            exists = end in planned or state.props(end) is not None
            if not exists or (end in deleting and end not in planned):
                raise NotFoundError(f"edge {edge.type} joins a missing node")
    known = {e.id for e in ch.add_edges}
    ends = ch.edge_ends
    for eid in [*(i for i, _ in ch.set_edges if i not in known), *ch.delete_edges]:
        if not state.has_edge(eid, ends.get(eid)):
            between = f" from {ends[eid][0]!r} to {ends[eid][1]!r}" if eid in ends else ""
            raise NotFoundError(f"no relationship {eid!r}{between} for user {uid!r}")
    for expect in ch.expects:
        if not expectation_holds(expect, state.matching(expect)):
            raise ConflictError(
                f"the {expect.label.lower()} nodes with {expect.prop} {expect.value!r} "
                "changed since this write read them"
            )


def expectation_holds(expect: Expect, found: list[Mapping[str, Any]]) -> bool:
    """Whether the nodes an expectation reads again (``found``) are what it read."""
    if expect.highest is None:
        return {str(p["id"]) for p in found} == expect.ids
    values = [p[expect.highest] for p in found if p.get(expect.highest) is not None]
    return same_value(max(values) if values else None, expect.top)


def expect_matches(expect: Expect, props: Mapping[str, Any]) -> bool:
    """Whether a node's properties make it one an expectation reads."""
    value = props.get(expect.prop)
    if expect.holds:
        if not isinstance(value, list) or expect.value not in value:
            return False
    elif value != expect.value:
        return False
    return expect.statuses is None or props.get("status") in expect.statuses


# ---------------------------------------------------------------- where filters
class Filter(NamedTuple):
    """One property of a ``where``: it matches a node whose value (or, for a list,
    any element) is one of ``values``, or that lacks the property if ``null``."""

    name: str
    values: tuple[Any, ...]
    null: bool


def where_filters(where: Where | None) -> list[Filter]:
    """``where`` as filters: a list, tuple or set value means "one of"; ``None`` among
    the values means "or absent"."""
    out = []
    for name, wanted in (where or {}).items():
        options = wanted if isinstance(wanted, list | tuple | set | frozenset) else (wanted,)
        values = tuple(v for v in options if v is not None)
        out.append(Filter(name, values, len(values) < len(options)))
    return out


def matches(props: Mapping[str, Any], where: Where | None) -> bool:
    """Whether properties satisfy ``where`` (see ``where_filters``)."""
    for f in where_filters(where):
        value = props.get(f.name)
        if value is None:
            if not f.null:
                return False
        elif not any(v in f.values for v in (value if isinstance(value, list) else (value,))):
            return False
    return True


# ---------------------------------------------------------------- fulltext body
#: the properties whose values make up a label's fulltext body, in order, and whether
#: their underscores read as spaces (predicates: ``lives_in`` -> "lives in")
FULLTEXT: dict[str, tuple[tuple[str, bool], ...]] = {
    "Entity": (("name", False), ("aliases", False)),
    "Episode": (("speaker", False), ("text", False)),
    "Memory": (("text", False), ("predicate", True)),
}
#: properties whose change alters a fulltext body
FULLTEXT_PROPS = frozenset(name for fields in FULLTEXT.values() for name, _ in fields)


def fulltext_body(label: str, props: Mapping[str, Any]) -> str:
    """The text the keyword index sees for a node: its fulltext properties' values
    (list values element by element) joined by single spaces; "" for other labels."""
    parts = []
    for name, spaced in FULLTEXT.get(label, ()):
        value = props.get(name)
        for v in value if isinstance(value, list) else [value]:
            if v is not None and v != "":
                parts.append(str(v).replace("_", " ") if spaced else str(v))
    return " ".join(parts)


#: BM25's term-frequency saturation and length normalisation (FTS5's and Lucene's defaults)
BM25_K1 = 1.2
BM25_B = 0.75


def bm25(docs: KeywordDocs, terms: Sequence[str], k: int) -> list[tuple[str, float]]:
    """The ``k`` best keyword matches of ``terms`` among ``docs`` (higher is better, ties
    by id): the keyword score of every store, computed here from the candidates the
    store's index found. Bodies and terms are tokenised and stemmed alike
    (``text.index_terms``); a candidate holding none of the stemmed terms is no match.

    Okapi BM25 with k1 = 1.2 and b = 0.75 and FTS5's idf, ``ln((N - n + 0.5) / (n +
    0.5))`` floored at 1e-6, where N is the user's number of nodes of the searched
    labels (``docs.total``) and n the number of matches holding the term. A document's
    length is its number of tokens, normalised by the mean length of the matches (the
    user's mean over every document would cost a scan of them on a server)."""
    stems = list(dict.fromkeys(s for t in terms for s in index_terms(t)))
    if not stems or k <= 0:
        return []
    wanted = set(stems)
    counted: list[tuple[str, dict[str, int], int]] = []
    for node_id, body in docs.bodies.items():
        tokens = index_terms(body)
        tf: dict[str, int] = {}
        for token in tokens:
            if token in wanted:
                tf[token] = tf.get(token, 0) + 1
        if tf:
            counted.append((node_id, tf, len(tokens)))
    if not counted:
        return []
    n = max(docs.total, len(counted))
    avgdl = sum(dl for _, _, dl in counted) / len(counted)
    idf = {}
    for s in stems:
        df = sum(1 for _, tf, _ in counted if s in tf)
        idf[s] = max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)
    scored = []
    for node_id, tf, dl in counted:
        norm = BM25_K1 * (1.0 - BM25_B + BM25_B * dl / avgdl)
        score = sum(idf[s] * f * (BM25_K1 + 1.0) / (f + norm) for s, f in tf.items())
        scored.append((node_id, score))
    scored.sort(key=lambda h: (-h[1], h[0]))
    return scored[:k]


def fulltext_param() -> list[dict[str, Any]]:
    """``FULLTEXT`` as the ``$fulltext`` parameter of ``apply/index_text``."""
    return [
        {"label": label, "fields": [{"name": n, "spaced": s} for n, s in fields]}
        for label, fields in FULLTEXT.items()
    ]


# ---------------------------------------------------------------- spreading activation
class Offers:
    """The offers of one step of spreading activation (``Store.spread``) and the best
    one each node keeps: a store walks its graph and reports what it meets here."""

    def __init__(self, request: SpreadRequest) -> None:
        self.request = request
        self._best: dict[str, tuple[float, int, str]] = {}

    def _offer(self, node_id: str, gain: float, relation: int, via: str) -> None:
        old = self._best.get(node_id)
        if gain > 0 and (old is None or (-gain, relation, via) < (-old[0], old[1], old[2])):
            self._best[node_id] = (gain, relation, via)

    def along(self, node_id: str, relation: int, via: str) -> None:
        """``via`` (a seed) reaches ``node_id`` by an ``EXTRACTED_FROM`` (relation 0) or
        ``NEXT`` (relation 1) relationship."""
        req = self.request
        weight = req.source_weight if relation == 0 else req.next_weight
        self._offer(node_id, weight * req.seeds[via], relation, via)

    def shared(self, members: Sequence[str], seeds: Sequence[str]) -> None:
        """``seeds`` are ``ABOUT`` (as object) an entity that these ``members`` (with
        repeats: one per incoming ``ABOUT``) are about; each offers its share to the
        others, unless the entity has more than ``entity_limit`` of them."""
        req = self.request
        if req.entity_weight <= 0 or len(members) > req.entity_limit:
            return
        share = req.entity_weight / math.log2(2 + len(members))
        # each member keeps the best offer of a seed other than itself: of the two best
        best = sorted((-share * req.seeds[s], s) for s in set(seeds))[:2]
        for member in members:
            for gain, seed in best:
                if seed != member:
                    self._offer(member, -gain, 2, seed)
                    break

    def gains(self) -> list[Gain]:
        return [
            Gain(node_id, gain, SPREAD_RELATIONS[relation], via)
            for node_id, (gain, relation, via) in self._best.items()
        ]


# ---------------------------------------------------------------- widening
def fetch_sizes(k: int, *, most: int) -> Iterator[int]:
    """How many candidates to fetch, one try after another, to find ``k`` that pass a
    filter: ``4k`` (at least 16), then four times more each try, up to ``most``."""
    fetch = min(max(4 * k, 16), most)
    while True:
        yield fetch
        if fetch >= most:
            return
        fetch = min(fetch * 4, most)
