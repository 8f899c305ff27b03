"""The embedded store: the ``Store`` protocol over an SQLite file (the source of
truth, ``sqlite``) and its in-memory mirror (``mirror``), in one directory, no server.

Each ``apply`` is one SQLite transaction: the change set is checked and planned against
the mirror (``plan``), written, committed, and only then mirrored. Another process
writing to the same directory is noticed through ``PRAGMA data_version`` and the mirror
is reloaded. One lock serialises the store's users within a process.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from graphmem.errors import ConflictError, FrozenError, InvalidInputError, NotFoundError
from graphmem.stores.base import (
    ChangeSet,
    CountKey,
    Direction,
    EdgeRecord,
    ExpandRequest,
    Expansion,
    Gain,
    KeywordDocs,
    NodeRecord,
    SeedRequest,
    SeedResult,
    SpreadRequest,
    Vector,
    Where,
)
from graphmem.stores.embedded.mirror import Mirror
from graphmem.stores.embedded.plan import plan_changes
from graphmem.stores.embedded.sqlite import SqliteFile
from graphmem.stores.semantics import FULLTEXT, bm25, fulltext_body
from graphmem.text import query_terms


class EmbeddedStore:
    """SQLite + an in-memory mirror + numpy vectors, in one directory, no server."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self.uri = f"local://{self.path}"
        self._lock = threading.RLock()
        self._file = SqliteFile(self.path)
        self._version = -1
        self._load()

    def _load(self) -> None:
        """Mirror the file: one consistent snapshot (a read transaction, unless inside
        the write transaction already), with the data version it was read at."""
        with self._file.snapshot():
            version = self._file.data_version()
            mirror = Mirror()
            for record, rid in self._file.nodes():
                mirror.add_node(record, rid)
            for edge in self._file.edges():
                mirror.add_edge(edge)
        self._mirror = mirror
        self._version = version

    def _refresh(self) -> None:
        """Reload the mirror if another connection committed since we last looked."""
        if self._file.data_version() != self._version:
            self._load()

    # ------------------------------------------------------------------ writes
    def apply(self, changes: ChangeSet) -> None:
        if changes.is_empty():
            return
        with self._lock:
            with self._file.transaction():
                self._refresh()  # inside the write lock: nobody commits until we do
                plan = plan_changes(changes, self._mirror)
                self._file.write(plan)
            # our own commit leaves our data version as it was, so the mirror, with
            # the plan applied, is current at that version (reading it again here
            # could take in another process's commit we have not loaded)
            self._mirror.apply(plan)

    def apply_unconfirmed(self, changes: ChangeSet) -> None:
        with contextlib.suppress(ConflictError, FrozenError, InvalidInputError, NotFoundError):
            self.apply(changes)

    # ------------------------------------------------------------------ reads
    def get(self, user_id: str, ids: Sequence[str]) -> list[NodeRecord]:
        with self._lock:
            self._refresh()
            found = (self._mirror.owned(user_id, i) for i in dict.fromkeys(ids))
            return [_shared(r) for r in found if r is not None]

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
        with self._lock:
            self._refresh()
            out = [_shared(r) for r in self._mirror.find(user_id, label, where)]
        if order_by == "id":
            out.sort(key=lambda r: r.id, reverse=descending)
        else:
            out.sort(
                key=lambda r: (r.props.get(order_by) is not None, r.props.get(order_by) or 0, r.id),
                reverse=descending,
            )
        return out[:limit] if limit is not None else out

    def edges(
        self,
        user_id: str,
        node_ids: Sequence[str],
        *,
        types: Sequence[str] | None = None,
        direction: Direction = "both",
    ) -> list[EdgeRecord]:
        with self._lock:
            self._refresh()
            return self._mirror.edges(user_id, node_ids, types, direction)

    def vector_search(
        self, user_id: str, label: str, vector: Vector, k: int, where: Where | None = None
    ) -> list[tuple[str, float]]:
        with self._lock:
            self._refresh()
            return self._mirror.vector_search(user_id, label, vector, k, where)

    def vector_searches(
        self,
        user_id: str,
        label: str,
        vectors: Sequence[Vector],
        k: int,
        where: Where | None = None,
    ) -> list[list[tuple[str, float]]]:
        with self._lock:
            self._refresh()
            return [self._mirror.vector_search(user_id, label, v, k, where) for v in vectors]

    def keyword_search(
        self, user_id: str, text: str, k: int, labels: Sequence[str]
    ) -> list[tuple[str, float]]:
        terms = query_terms(text)
        with self._lock:
            self._refresh()
            return bm25(self._keyword_docs(user_id, terms, labels), terms, k)

    def _keyword_docs(
        self, user_id: str, terms: Sequence[str], labels: Sequence[str]
    ) -> KeywordDocs:
        labels = [label for label in dict.fromkeys(labels) if label in FULLTEXT]
        if not terms or not labels:
            return KeywordDocs()
        docs = KeywordDocs(total=sum(self._mirror.size(user_id, label) for label in labels))
        for node_id in self._file.keyword_matches(user_id, terms, labels):
            rec = self._mirror.owned(user_id, node_id)
            if rec is not None:
                docs.bodies[node_id] = fulltext_body(rec.label, rec.props)
        return docs

    # ------------------------------------------------------------------ recall reads
    def seeds(self, user_id: str, request: SeedRequest) -> SeedResult:
        out = SeedResult()
        with self._lock:
            self._refresh()
            mirror = self._mirror
            keys = list(request.entity_keys)
            for prop in ("key", "alias_keys"):
                if keys:
                    by: dict[str, Any] = {prop: keys, **(request.entity_where or {})}
                    found = mirror.find(user_id, "Entity", by)
                    for rec in sorted(found, key=lambda r: r.id):
                        out.named.setdefault(rec.id, rec.props["name"])
            for label, where in request.vector_labels:
                hits = mirror.vector_search(user_id, label, request.vector, request.k, where)
                if label == "Passage":
                    hits = [
                        (str(mirror.nodes[i].props.get("episode_id")), score) for i, score in hits
                    ]
                out.vector[label] = hits
            out.keyword = self._keyword_docs(user_id, request.terms, request.keyword_labels)
        return out

    def spread(self, user_id: str, request: SpreadRequest) -> list[Gain]:
        with self._lock:
            self._refresh()
            return self._mirror.spread(user_id, request)

    def start_spread(self, user_id: str, request: SpreadRequest) -> Callable[[], list[Gain]]:
        gains = self.spread(user_id, request)
        return lambda: gains

    def expand(self, user_id: str, request: ExpandRequest) -> Expansion:
        out = Expansion()
        with self._lock:
            self._refresh()
            mirror = self._mirror
            entities = list(dict.fromkeys(request.entities))
            wanted = set(entities)
            for node_id in dict.fromkeys(request.ids):
                rec = mirror.owned(user_id, node_id)
                if rec is None:
                    continue
                out.records[node_id] = _fields(rec, request.fields.get(rec.label, ()))
                if wanted:
                    linked = {e.dst for e in mirror.edges(user_id, [node_id], ["ABOUT"], "out")} | {
                        e.src for e in mirror.edges(user_id, [node_id], ["MENTIONED_IN"], "in")
                    }
                    if linked & wanted:
                        out.linked[node_id] = [e for e in entities if e in linked]
                if request.sources and rec.label == "Episode":
                    edges = mirror.edges(user_id, [node_id], ["EXTRACTED_FROM"], "in")
                    sources = {e.src: mirror.owned(user_id, e.src) for e in edges}
                    out.sources[node_id] = [
                        _fields(m, request.source_fields)
                        for _, m in sorted(sources.items())
                        if m is not None
                    ]
            if request.keys:
                found = mirror.find(user_id, "Memory", {"sp_key": list(request.keys)})
                fields = request.fields.get("Memory", ())
                out.keyed = [_fields(r, fields) for r in sorted(found, key=lambda r: r.id)]
        return out

    def embeddings(self, user_id: str, ids: Sequence[str]) -> dict[str, Vector]:
        out: dict[str, Vector] = {}
        with self._lock:
            self._refresh()
            for node_id in ids:
                if self._mirror.owned(user_id, node_id) is not None:
                    emb = self._mirror.embedding(node_id)
                    if emb is not None:
                        out[node_id] = emb
        return out

    def counts(self, user_id: str) -> dict[CountKey, int]:
        with self._lock:
            self._refresh()
            return self._mirror.counts(user_id)

    def user_ids(self) -> list[str]:
        with self._lock:
            self._refresh()
            return self._mirror.user_ids()

    def dump(
        self, user_id: str, *, after: str | None = None, limit: int = 500
    ) -> tuple[list[NodeRecord], list[EdgeRecord]]:
        with self._lock:
            self._refresh()
            ids = self._mirror.page(user_id, after, limit)
            stored = self._file.embeddings(ids)  # as written, not normalised again
            nodes = []
            for node_id in ids:
                rec = self._mirror.nodes[node_id]
                emb = stored.get(node_id)
                nodes.append(NodeRecord(rec.id, rec.user_id, rec.label, rec.props, emb))
            return nodes, self._mirror.edges(user_id, ids, None, "out")

    def delete_user(self, user_id: str) -> int:
        with self._lock:
            self._refresh()
            ids = self._mirror.user_nodes(user_id)
            if ids:
                self.apply(ChangeSet(user_id, delete_nodes=ids))
            return len(ids)

    def close(self) -> None:
        with self._lock:
            self._file.close()


def _fields(rec: NodeRecord, fields: Sequence[str]) -> NodeRecord:
    """A copy of ``rec`` with only ``fields`` of its properties."""
    props = rec.props
    return NodeRecord(rec.id, rec.user_id, rec.label, {f: props[f] for f in fields if f in props})


def _shared(rec: NodeRecord) -> NodeRecord:
    """A record sharing the mirror's property map (read-only for callers)."""
    return NodeRecord(rec.id, rec.user_id, rec.label, rec.props)
