"""The embedded store: SQLite (WAL) is the source of truth; a networkx MultiDiGraph,
property indexes and per-user vector matrices mirror it in memory.

Each ``apply`` is one SQLite transaction (``BEGIN IMMEDIATE``); the in-memory mirror is
updated only after the commit succeeds. Another process writing to the same directory
is noticed through ``PRAGMA data_version`` and the mirror is reloaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from graphmem.errors import (
    BackendError,
    BackendUnavailableError,
    InvalidInputError,
    NotFoundError,
)
from graphmem.stores.base import (
    ChangeSet,
    CountKey,
    Direction,
    EdgeRecord,
    NodeRecord,
    Props,
    Vector,
    Where,
    check_guard,
    matches,
)
from graphmem.stores.vectors import VectorIndex
from graphmem.text import query_terms

#: properties with a hash index, per label (list values are indexed per element)
INDEXED: dict[str, tuple[str, ...]] = {
    "Entity": ("key", "alias_keys", "status", "block"),
    "Memory": ("sp_key", "status", "subject_id", "object_id", "chain_id", "merged_into", "frozen"),
    "Episode": ("session_id",),
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS nodes (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    label TEXT NOT NULL,
    props TEXT NOT NULL,
    embedding BLOB
);
CREATE INDEX IF NOT EXISTS nodes_user_label ON nodes (user_id, label);
CREATE TABLE IF NOT EXISTS edges (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    type TEXT NOT NULL,
    src TEXT NOT NULL,
    dst TEXT NOT NULL,
    props TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS edges_src ON edges (src);
CREATE INDEX IF NOT EXISTS edges_dst ON edges (dst);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(u, body, tokenize = 'porter unicode61');
"""


def _user_token(user_id: str, label: str) -> str:
    return "u" + hashlib.sha1(f"{user_id}\x00{label}".encode()).hexdigest()[:20]


def _fts_body(label: str, props: Props) -> str:
    """The indexed text: names and aliases of entities; text, speaker and predicate
    (underscores as spaces) of episodes and memories."""
    if label == "Entity":
        parts = [props.get("name"), *(props.get("aliases") or [])]
    else:
        parts = [
            props.get("speaker"),
            props.get("text"),
            str(props.get("predicate") or "").replace("_", " "),
        ]
    return " ".join(str(p) for p in parts if p)


class EmbeddedStore:
    """networkx + SQLite + numpy, in one directory, no server."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self.uri = f"local://{self.path}"
        self._lock = threading.RLock()
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                self.path / "graphmem.db", isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise BackendUnavailableError(
                f"cannot open the embedded store at {self.path}: {exc}"
            ) from exc
        self._version = -1
        self._load()

    # ------------------------------------------------------------------ mirror
    def _reset(self) -> None:
        self._g: Any = nx.MultiDiGraph()
        self._members: dict[tuple[str, str], dict[str, None]] = defaultdict(dict)
        self._index: dict[tuple[str, str, str], dict[Any, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        self._vectors: dict[tuple[str, str], VectorIndex] = {}
        self._rid: dict[str, int] = {}

    def _load(self) -> None:
        self._reset()
        rows = self._db.execute("SELECT rid, id, user_id, label, props, embedding FROM nodes")
        for rid, node_id, user_id, label, props, blob in rows:
            emb = None if blob is None else np.frombuffer(blob, dtype=np.float32)
            self._mirror_node(NodeRecord(node_id, user_id, label, json.loads(props), emb), rid)
        for eid, user_id, etype, src, dst, props in self._db.execute(
            "SELECT id, user_id, type, src, dst, props FROM edges"
        ):
            self._g.add_edge(
                src, dst, key=eid, type=etype, user_id=user_id, props=json.loads(props)
            )
        self._version = self._data_version()

    def _data_version(self) -> int:
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def _refresh(self) -> None:
        """Reload the mirror if another connection committed since we last looked."""
        if self._data_version() != self._version:
            self._load()

    def _index_keys(self, record: NodeRecord) -> Iterable[tuple[tuple[str, str, str], Any]]:
        for prop in INDEXED.get(record.label, ()):
            value = record.props.get(prop)
            values = value if isinstance(value, list) else [value]
            for v in values:
                if v is not None:
                    yield (record.user_id, record.label, prop), v

    def _mirror_node(self, record: NodeRecord, rid: int) -> None:
        self._g.add_node(record.id, user_id=record.user_id, label=record.label, props=record.props)
        self._members[(record.user_id, record.label)][record.id] = None
        self._rid[record.id] = rid
        self._index_node(record)
        if record.embedding is not None:
            self._vector_index(record.user_id, record.label, record.embedding.shape[0]).put(
                record.id, record.embedding
            )

    def _index_node(self, record: NodeRecord) -> None:
        for key, value in self._index_keys(record):
            self._index[key][value].add(record.id)

    def _unindex_node(self, record: NodeRecord) -> None:
        for key, value in self._index_keys(record):
            ids = self._index[key].get(value)
            if ids is not None:
                ids.discard(record.id)
                if not ids:
                    del self._index[key][value]

    def _unmirror_node(self, node_id: str) -> None:
        record = self._record(node_id)
        self._unindex_node(record)
        self._members[(record.user_id, record.label)].pop(node_id, None)
        vindex = self._vectors.get((record.user_id, record.label))
        if vindex is not None:
            vindex.remove(node_id)
        self._g.remove_node(node_id)
        self._rid.pop(node_id, None)

    def _vector_index(self, user_id: str, label: str, dim: int) -> VectorIndex:
        vindex = self._vectors.get((user_id, label))
        if vindex is None:
            vindex = self._vectors[(user_id, label)] = VectorIndex(dim)
        return vindex

    def _record(self, node_id: str, *, with_embedding: bool = False) -> NodeRecord:
        data = self._g.nodes[node_id]
        emb = None
        if with_embedding:
            vindex = self._vectors.get((data["user_id"], data["label"]))
            emb = vindex.get(node_id) if vindex is not None else None
        return NodeRecord(node_id, data["user_id"], data["label"], data["props"], emb)

    def _owned(self, user_id: str, node_id: str) -> bool:
        data = self._g.nodes.get(node_id)
        return data is not None and data["user_id"] == user_id

    # ------------------------------------------------------------------ writes
    def apply(self, changes: ChangeSet) -> None:
        if changes.is_empty():
            return
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise BackendError(f"cannot start a write on {self.path}: {exc}") from exc
            try:
                self._refresh()
                plan = self._plan(changes)
                self._write(plan)
                self._db.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise BackendError(f"write to {self.path} failed: {exc}") from exc
                raise
            self._version = self._data_version()
            self._mirror(plan)

    def _plan(self, ch: ChangeSet) -> _Plan:
        """Check the change set against the current state; compute final node states."""
        uid = ch.user_id
        plan = _Plan()
        for guard in ch.guards:
            owned = self._owned(uid, guard.node_id)
            check_guard(guard, uid, self._g.nodes[guard.node_id]["props"] if owned else None)
        deleting = set(ch.delete_nodes)
        for rec in ch.add_nodes:
            if rec.user_id != uid:
                raise InvalidInputError("a change set may only write one user's nodes")
            replaced = rec.id in deleting
            if (rec.id in self._g and not replaced) or rec.id in plan.nodes:
                raise InvalidInputError(f"node {rec.id!r} already exists")
            plan.nodes[rec.id] = NodeRecord(rec.id, uid, rec.label, dict(rec.props), rec.embedding)
            plan.added.add(rec.id)
        for node_id, props in ch.set_nodes:
            cur = plan.nodes.get(node_id)
            if cur is None:
                if not self._owned(uid, node_id):
                    raise NotFoundError(f"no node {node_id!r} for user {uid!r}")
                cur = self._record(node_id, with_embedding=True)
                cur = plan.nodes[node_id] = NodeRecord(
                    cur.id, uid, cur.label, dict(cur.props), cur.embedding
                )
            cur.props.update(props)
        for node_id, vector in ch.set_embeddings:
            cur = plan.nodes.get(node_id)
            if cur is None:
                if not self._owned(uid, node_id):
                    raise NotFoundError(f"no node {node_id!r} for user {uid!r}")
                base = self._record(node_id)
                cur = plan.nodes[node_id] = NodeRecord(node_id, uid, base.label, dict(base.props))
            cur.embedding = vector
            plan.embedding_set.add(node_id)
        for node_id in ch.delete_nodes:
            if not self._owned(uid, node_id):
                raise NotFoundError(f"no node {node_id!r} for user {uid!r}")
            plan.deleted.append(node_id)

        def alive(node_id: str) -> bool:
            exists = node_id in plan.nodes or self._owned(uid, node_id)
            return exists and (node_id not in deleting or node_id in plan.added)

        for edge in ch.add_edges:
            if not (alive(edge.src) and alive(edge.dst)):
                raise NotFoundError(f"edge {edge.type} joins a missing node")
            plan.edges_added.append(
                EdgeRecord(edge.id, edge.type, edge.src, edge.dst, uid, dict(edge.props))
            )
        known = {e.id: e for e in plan.edges_added}
        for eid, props in ch.set_edges:
            found = known.get(eid) or self._edge(uid, eid)
            if found is None:
                raise NotFoundError(f"no relationship {eid!r} for user {uid!r}")
            found.props.update(props)
            if eid not in known:
                plan.edges_set.append(found)
        for eid in ch.delete_edges:
            gone = self._edge(uid, eid)
            if gone is None:
                raise NotFoundError(f"no relationship {eid!r} for user {uid!r}")
            plan.edges_deleted.append(gone)
        return plan

    def _edge(self, user_id: str, edge_id: str) -> EdgeRecord | None:
        row = self._db.execute(
            "SELECT type, src, dst, props FROM edges WHERE id = ? AND user_id = ?",
            (edge_id, user_id),
        ).fetchone()
        if row is None:
            return None
        return EdgeRecord(edge_id, row[0], row[1], row[2], user_id, json.loads(row[3]))

    def _write(self, plan: _Plan) -> None:
        db = self._db
        db.executemany("DELETE FROM edges WHERE id = ?", [(e.id,) for e in plan.edges_deleted])
        gone = [(node_id,) for node_id in plan.deleted]
        db.executemany("DELETE FROM edges WHERE src = ?", gone)
        db.executemany("DELETE FROM edges WHERE dst = ?", gone)
        db.executemany("DELETE FROM fts WHERE rowid = ?", [(self._rid[i],) for i in plan.deleted])
        db.executemany("DELETE FROM nodes WHERE id = ?", gone)
        deleted = set(plan.deleted) - plan.added
        for node_id, rec in plan.nodes.items():
            if node_id in deleted:
                continue
            props_json = json.dumps(rec.props, sort_keys=True)
            body = _fts_body(rec.label, rec.props)
            if node_id in plan.added:
                blob = (
                    None
                    if rec.embedding is None
                    else np.asarray(rec.embedding, dtype=np.float32).tobytes()
                )
                cur = db.execute(
                    "INSERT INTO nodes (id, user_id, label, props, embedding) VALUES (?,?,?,?,?)",
                    (node_id, rec.user_id, rec.label, props_json, blob),
                )
                rid = int(cur.lastrowid or 0)
                plan.rids[node_id] = rid
                if body:
                    db.execute(
                        "INSERT INTO fts (rowid, u, body) VALUES (?,?,?)",
                        (rid, _user_token(rec.user_id, rec.label), body),
                    )
                continue
            rid = self._rid[node_id]
            db.execute("UPDATE nodes SET props = ? WHERE id = ?", (props_json, node_id))
            if node_id in plan.embedding_set:
                blob = (
                    None
                    if rec.embedding is None
                    else np.asarray(rec.embedding, dtype=np.float32).tobytes()
                )
                db.execute("UPDATE nodes SET embedding = ? WHERE id = ?", (blob, node_id))
            if body != _fts_body(rec.label, self._g.nodes[node_id]["props"]) or (
                rec.label != self._g.nodes[node_id]["label"]
            ):
                db.execute("DELETE FROM fts WHERE rowid = ?", (rid,))
                if body:
                    db.execute(
                        "INSERT INTO fts (rowid, u, body) VALUES (?,?,?)",
                        (rid, _user_token(rec.user_id, rec.label), body),
                    )
        for edge in plan.edges_added:
            db.execute(
                "INSERT INTO edges (id, user_id, type, src, dst, props) VALUES (?,?,?,?,?,?)",
                (
                    edge.id,
                    edge.user_id,
                    edge.type,
                    edge.src,
                    edge.dst,
                    json.dumps(edge.props, sort_keys=True),
                ),
            )
        for edge in plan.edges_set:
            db.execute(
                "UPDATE edges SET props = ? WHERE id = ?",
                (json.dumps(edge.props, sort_keys=True), edge.id),
            )

    def _mirror(self, plan: _Plan) -> None:
        for edge in plan.edges_deleted:
            if self._g.has_edge(edge.src, edge.dst, key=edge.id):
                self._g.remove_edge(edge.src, edge.dst, key=edge.id)
        deleted = set(plan.deleted) - plan.added
        for node_id in plan.deleted:
            if node_id in self._g:
                self._unmirror_node(node_id)
        for node_id, rec in plan.nodes.items():
            if node_id in deleted:
                continue
            if node_id in plan.added:
                self._mirror_node(rec, plan.rids[node_id])
                continue
            old = self._record(node_id)
            self._unindex_node(old)
            self._g.nodes[node_id]["props"] = rec.props
            self._index_node(rec)
            if node_id in plan.embedding_set:
                vindex = self._vectors.get((old.user_id, old.label))
                if rec.embedding is None:
                    if vindex is not None:
                        vindex.remove(node_id)
                else:
                    self._vector_index(old.user_id, old.label, rec.embedding.shape[0]).put(
                        node_id, rec.embedding
                    )
        for edge in plan.edges_added:
            self._g.add_edge(
                edge.src,
                edge.dst,
                key=edge.id,
                type=edge.type,
                user_id=edge.user_id,
                props=edge.props,
            )
        for edge in plan.edges_set:
            self._g.edges[edge.src, edge.dst, edge.id]["props"] = edge.props

    # ------------------------------------------------------------------ reads
    def get(self, user_id: str, ids: Sequence[str]) -> list[NodeRecord]:
        with self._lock:
            self._refresh()
            return [self._copy(i) for i in dict.fromkeys(ids) if self._owned(user_id, i)]

    def _copy(self, node_id: str) -> NodeRecord:
        """A record sharing the mirror's property map. The mirror never changes a map in
        place (a write replaces it), and callers treat returned maps as read-only."""
        data = self._g.nodes[node_id]
        return NodeRecord(node_id, data["user_id"], data["label"], data["props"])

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
            candidates: Iterable[str] = self._members.get((user_id, label), {})
            rest = dict(where or {})
            for prop in INDEXED.get(label, ()):
                if prop in rest:
                    wanted = rest[prop]
                    options = (
                        wanted if isinstance(wanted, list | tuple | set | frozenset) else (wanted,)
                    )
                    index = self._index.get((user_id, label, prop), {})
                    found: set[str] = set()
                    for option in options:
                        found |= index.get(option, set())
                    candidates = found
                    del rest[prop]  # the index lookup applied this filter already
                    break
            nodes = self._g.nodes
            out = [
                self._copy(i) for i in candidates if not rest or matches(nodes[i]["props"], rest)
            ]
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
        wanted = set(types) if types is not None else None
        out: dict[str, EdgeRecord] = {}
        with self._lock:
            self._refresh()
            succ, pred = self._g._succ, self._g._pred  # adjacency dicts: no view objects
            for node_id in node_ids:
                if not self._owned(user_id, node_id):
                    continue
                sides = []
                if direction in ("out", "both"):
                    sides.append((succ[node_id], True))
                if direction in ("in", "both"):
                    sides.append((pred[node_id], False))
                for adjacency, outgoing in sides:
                    for other, keyed in adjacency.items():
                        for key, data in keyed.items():
                            if key in out or data["user_id"] != user_id:
                                continue
                            if wanted is not None and data["type"] not in wanted:
                                continue
                            src, dst = (node_id, other) if outgoing else (other, node_id)
                            out[key] = EdgeRecord(
                                key, data["type"], src, dst, user_id, data["props"]
                            )
        return list(out.values())

    def vector_search(
        self, user_id: str, label: str, vector: Vector, k: int, where: Where | None = None
    ) -> list[tuple[str, float]]:
        with self._lock:
            self._refresh()
            vindex = self._vectors.get((user_id, label))
            if vindex is None:
                return []
            accept = None
            if where:
                nodes = self._g.nodes
                accept = lambda i: matches(nodes[i]["props"], where)  # noqa: E731
            return vindex.search(vector, k, accept)

    def keyword_search(
        self, user_id: str, text: str, k: int, labels: Sequence[str]
    ) -> list[tuple[str, float]]:
        terms = query_terms(text)
        if not terms or not labels or k <= 0:
            return []
        scope = " OR ".join(_user_token(user_id, label) for label in labels)
        body = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        query = f"u : ({scope}) AND body : ({body})"
        with self._lock:
            self._refresh()
            try:
                rows = self._db.execute(
                    "SELECT n.id, bm25(fts, 0.0, 1.0) AS s FROM fts JOIN nodes n "
                    "ON n.rid = fts.rowid WHERE fts MATCH ? AND n.user_id = ? "
                    "ORDER BY s LIMIT ?",
                    (query, user_id, k),
                ).fetchall()
            except sqlite3.Error as exc:
                raise BackendError(f"keyword search failed: {exc}") from exc
        return [(node_id, -float(score)) for node_id, score in rows]

    def embeddings(self, user_id: str, ids: Sequence[str]) -> dict[str, Vector]:
        out: dict[str, Vector] = {}
        with self._lock:
            self._refresh()
            for node_id in ids:
                if self._owned(user_id, node_id):
                    emb = self._record(node_id, with_embedding=True).embedding
                    if emb is not None:
                        out[node_id] = emb
        return out

    def counts(self, user_id: str) -> dict[CountKey, int]:
        out: dict[CountKey, int] = defaultdict(int)
        with self._lock:
            self._refresh()
            for (uid, label), members in self._members.items():
                if uid != user_id:
                    continue
                for node_id in members:
                    p = self._g.nodes[node_id]["props"]
                    out[CountKey(label, p.get("status"), p.get("kind"), bool(p.get("frozen")))] += 1
        return dict(out)

    def delete_user(self, user_id: str) -> int:
        with self._lock:
            ids = [
                i for (uid, _), members in self._members.items() if uid == user_id for i in members
            ]
            if ids:
                self.apply(ChangeSet(user_id, delete_nodes=ids))
            return len(ids)

    def close(self) -> None:
        with self._lock:
            try:
                self._db.close()
            except sqlite3.Error as exc:  # pragma: no cover - close rarely fails
                raise BackendError(f"closing {self.path} failed: {exc}") from exc


class _Plan:
    """The final state of every node and edge a change set touches."""

    def __init__(self) -> None:
        self.nodes: dict[str, NodeRecord] = {}
        self.added: set[str] = set()
        self.embedding_set: set[str] = set()
        self.deleted: list[str] = []
        self.rids: dict[str, int] = {}
        self.edges_added: list[EdgeRecord] = []
        self.edges_set: list[EdgeRecord] = []
        self.edges_deleted: list[EdgeRecord] = []
