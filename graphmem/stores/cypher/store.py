"""The Cypher store: the ``Store`` protocol over Neo4j or FalkorDB.

Every node has the label ``Node`` (unique ``id``, indexed ``user_id``) and one of
``Episode``, ``Entity``, ``Memory`` (plus ``Fact``/``Preference``/``Event`` by kind) or
``Tombstone``. Properties are stored as given; ``None`` means "absent" (Cypher cannot
store null), so a property set to ``None`` reads back missing, which the codec treats
the same. ``_text`` (the fulltext body) and ``embedding`` are the store's own.

``apply`` is one statement: on Neo4j one transaction that locks the nodes it touches
before checking its guards; on FalkorDB one query, which FalkorDB runs atomically with
writes serialised. The guards and expectations are checked inside that statement; a
refused statement writes nothing, and is then explained by ``plan.diagnose``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import numpy as np

from graphmem.errors import InvalidInputError
from graphmem.stores.base import (
    LABELS,
    VECTOR_LABELS,
    ChangeSet,
    CountKey,
    Direction,
    EdgeRecord,
    ExpandRequest,
    Expansion,
    Gain,
    NodeRecord,
    SeedRequest,
    SeedResult,
    SpreadRequest,
    Vector,
    Where,
)
from graphmem.stores.cypher.dialects import Dialect, Record, no_collection
from graphmem.stores.cypher.plan import (
    apply_statement,
    compile_changes,
    diagnose,
    find_statement,
    referenced,
)
from graphmem.stores.cypher.recall import (
    SeedStatement,
    expand_params,
    expansion,
    gains,
    keyword_docs,
    spread_params,
    where_param,
)
from graphmem.stores.cypher.statements import Vector32
from graphmem.stores.semantics import bm25, fetch_sizes
from graphmem.text import query_terms

T = TypeVar("T")


def _label(labels: Sequence[str]) -> str:
    return next((lb for lb in LABELS if lb in labels), "Node")


def _node(row: Record) -> NodeRecord:
    props = {k: v for k, v in dict(row["props"]).items() if v is not None and k[0] != "_"}
    node_id, user_id = props.pop("id"), props.pop("user_id")
    props.pop("embedding", None)
    return NodeRecord(node_id, user_id, _label(row["labels"]), props)


def _edge(row: Record) -> EdgeRecord:
    props = dict(row["props"])
    props.pop("id", None)
    user_id = props.pop("user_id")
    return EdgeRecord(row["id"], row["type"], row["src"], row["dst"], user_id, props)


class CypherStore:
    """A store on a Cypher server; ``dimensions`` is the embedder's."""

    def __init__(self, dialect: Dialect, uri: str, *, dimensions: int = 384) -> None:
        if not isinstance(dimensions, int) or dimensions < 1:
            raise InvalidInputError("dimensions must be a positive integer")
        self.dialect = dialect
        self.uri = uri
        self.dimensions = dimensions
        self._statements = dialect.statements

    def _read(self, name: str, **params: Any) -> list[Record]:
        return self.dialect.run(self._statements.get(name), params, write=False)

    def _decoded(self, query: str, params: dict[str, Any], decode: Callable[[Record], T]) -> T:
        """The one row of a recall read, decoded into the store interface's result with
        the cyclic collector paused (see ``no_collection``): the rows, thousands of lists
        each, are freed before it resumes, so that only the result is young then."""
        with no_collection():
            return decode(self.dialect.run(query, params, write=False)[0])

    # ------------------------------------------------------------------ schema
    def apply_schema(self) -> list[str]:
        """Create the missing constraints and indexes and wait until they are online."""
        return self.dialect.apply_schema(self.dimensions)

    def schema_status(self) -> dict[str, bool]:
        """Every schema statement and whether what it creates is present."""
        return self.dialect.schema_status()

    # ------------------------------------------------------------------ writes
    def apply(self, changes: ChangeSet) -> None:
        if changes.is_empty():
            return
        compiled = compile_changes(changes, self.dimensions)
        p = compiled.params
        query = (
            ""
            if compiled.refused
            else apply_statement(self._statements, compiled, self.dialect.locks_nodes)
        )
        if not compiled.refused and self.dialect.run(query, p, write=True):
            return
        node_ids, rel_ids = referenced(changes)
        state = {r["id"]: r for r in self._read("read/state", ids=node_ids)}
        rows = self._read("read/edge_ids", user_id=changes.user_id, ids=rel_ids)
        diagnose(changes, state, {r["id"]: (r["src"], r["dst"]) for r in rows})

    def apply_unconfirmed(self, changes: ChangeSet) -> None:
        """The apply statement, sent through ``Dialect.send``: a refused one is not
        explained (no ``diagnose`` reads)."""
        if changes.is_empty():
            return
        try:
            compiled = compile_changes(changes, self.dimensions)
        except InvalidInputError:
            return
        if not compiled.refused:
            query = apply_statement(self._statements, compiled, self.dialect.locks_nodes)
            self.dialect.send(query, compiled.params)

    # ------------------------------------------------------------------ reads
    def get(self, user_id: str, ids: Sequence[str]) -> list[NodeRecord]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return []
        found = {r.id: r for r in map(_node, self._read("read/get", user_id=user_id, ids=wanted))}
        return [found[i] for i in wanted if i in found]

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
        if label not in LABELS:
            return []
        if limit is not None and limit <= 0:
            return []
        params: dict[str, Any] = {
            "user_id": user_id,
            "where": where_param(where),
            "order_by": order_by,
        }
        if limit is not None:
            params["limit"] = limit
        query, params["values"] = find_statement(
            self._statements, label, where, descending, limit is not None
        )
        rows = self.dialect.run(query, params, write=False)
        return [_node(r) for r in rows]

    def edges(
        self,
        user_id: str,
        node_ids: Sequence[str],
        *,
        types: Sequence[str] | None = None,
        direction: Direction = "both",
    ) -> list[EdgeRecord]:
        if not node_ids or direction not in ("out", "in", "both"):
            return []
        rows = self._read(
            f"read/edges_{direction}",
            user_id=user_id,
            ids=list(dict.fromkeys(node_ids)),
            types=list(types) if types is not None else None,
        )
        out: dict[str, EdgeRecord] = {}
        for row in rows:
            out.setdefault(row["id"], _edge(row))
        return list(out.values())

    def vector_search(
        self, user_id: str, label: str, vector: Vector, k: int, where: Where | None = None
    ) -> list[tuple[str, float]]:
        """Through the native (approximate) index, fetching ``4k`` (at least 16) and
        keeping the user's nodes that match ``where``; when fewer than ``k`` pass, the
        user's matching nodes are ranked exactly, in the same statement."""
        return self.vector_searches(user_id, label, [vector], k, where)[0]

    def vector_searches(
        self,
        user_id: str,
        label: str,
        vectors: Sequence[Vector],
        k: int,
        where: Where | None = None,
    ) -> list[list[tuple[str, float]]]:
        if k <= 0 or label not in VECTOR_LABELS or not vectors:
            return [[] for _ in vectors]
        arrays = [np.asarray(v, dtype=np.float32).ravel() for v in vectors]
        for arr in arrays:
            if arr.shape[0] != self.dimensions:
                raise InvalidInputError(
                    f"query vector has {arr.shape[0]} dimensions; the store has {self.dimensions}"
                )
        params = {
            "user_id": user_id,
            "where": where_param(where),
            "vectors": [Vector32(arr.tolist()) for arr in arrays],
            "fetch": next(fetch_sizes(k, most=10_000)),
            "k": k,
            "index": self.dialect.vector_params(label).get("index", label),
        }
        statement = self._statements.render("read/vectors", label=label)
        out: list[list[tuple[str, float]]] = [[] for _ in vectors]
        for row in self.dialect.run(statement, params, write=False):
            chosen = row["exact"] or row["hits"]
            hits = [(str(h[0]), self.dialect.similarity(float(h[1]))) for h in chosen]
            out[int(row["i"])] = sorted(hits, key=lambda h: (-h[1], h[0]))[:k]
        return out

    def _similarity(self, score: float) -> float:
        return self.dialect.similarity(score)

    def _check_dimensions(self, request: SeedRequest) -> None:
        if request.vector_labels:
            dims = np.asarray(request.vector).ravel().shape[0]
            if dims != self.dimensions:
                raise InvalidInputError(
                    f"query vector has {dims} dimensions; the store has {self.dimensions}"
                )

    def keyword_search(
        self, user_id: str, text: str, k: int, labels: Sequence[str]
    ) -> list[tuple[str, float]]:
        terms = query_terms(text)
        if not terms or k <= 0:
            return []
        request = SeedRequest(np.zeros(0, np.float32), k, (), terms, labels)
        statement = self._seed_statement(user_id, request)
        if not statement.text:
            return []
        rows = self.dialect.run(statement.text, statement.params, write=False)
        return bm25(keyword_docs(rows), terms, k)

    # ------------------------------------------------------------------ recall reads
    def _seed_statement(self, user_id: str, request: SeedRequest) -> SeedStatement:
        dialect = self.dialect
        return SeedStatement(
            self._statements,
            request,
            user_id,
            Vector32(np.asarray(request.vector, dtype=np.float32).ravel().tolist()),
            vector_index=lambda label: str(dialect.vector_params(label).get("index", label)),
            fulltext_index=lambda label: str(dialect.keyword_params(label, []).get("index", label)),
            fulltext=lambda terms: str(dialect.keyword_params("Memory", terms)["query"]),
        )

    def seeds(self, user_id: str, request: SeedRequest) -> SeedResult:
        self._check_dimensions(request)
        statement = self._seed_statement(user_id, request)
        if not statement.text:
            return SeedResult()
        similarity = self.dialect.similarity
        return self._decoded(
            statement.text, statement.params, lambda r: statement.result(r, similarity)
        )

    def spread(self, user_id: str, request: SpreadRequest) -> list[Gain]:
        return self.start_spread(user_id, request)()

    def start_spread(self, user_id: str, request: SpreadRequest) -> Callable[[], list[Gain]]:
        if not request.seeds:
            return list
        params = spread_params(user_id, request)
        records = self.dialect.start(self._statements.get("recall/spread"), params)

        def offers() -> list[Gain]:
            with no_collection():  # as in ``_decoded``
                return gains(records()[0], request)

        return offers

    def expand(self, user_id: str, request: ExpandRequest) -> Expansion:
        params = expand_params(user_id, request)
        return self._decoded(
            self._statements.get("recall/expand"),
            params,
            lambda r: expansion(r, request, user_id, _label),
        )

    def embeddings(self, user_id: str, ids: Sequence[str]) -> dict[str, Vector]:
        if not ids:
            return {}
        rows = self._read("read/embeddings", user_id=user_id, ids=list(dict.fromkeys(ids)))
        return {r["id"]: np.asarray(r["embedding"], dtype=np.float32) for r in rows}

    def counts(self, user_id: str) -> dict[CountKey, int]:
        out: dict[CountKey, int] = {}
        for row in self._read("read/counts", user_id=user_id):
            label = next((lb for lb in LABELS if lb in row["labels"]), None)
            if label is None:
                continue
            key = CountKey(label, row["status"], row["kind"], bool(row["frozen"]))
            out[key] = out.get(key, 0) + int(row["count"])
        return out

    def user_ids(self) -> list[str]:
        return [str(r["user_id"]) for r in self._read("read/users")]

    def dump(
        self, user_id: str, *, after: str | None = None, limit: int = 500
    ) -> tuple[list[NodeRecord], list[EdgeRecord]]:
        if limit <= 0:
            return [], []
        nodes = []
        for row in self._read("read/dump", user_id=user_id, after=after, limit=limit):
            rec = _node(row)
            if row["embedding"] is not None:
                rec.embedding = np.asarray(row["embedding"], dtype=np.float32)
            nodes.append(rec)
        return nodes, self.edges(user_id, [n.id for n in nodes], direction="out")

    def delete_user(self, user_id: str) -> int:
        statement = self._statements.get("write/delete_user")
        rows = self.dialect.run(statement, {"user_id": user_id}, write=True)
        return int(rows[0]["deleted"]) if rows else 0

    def close(self) -> None:
        self.dialect.close()
