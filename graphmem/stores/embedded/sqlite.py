"""The embedded store's file: one SQLite database (WAL), the source of truth.

Tables ``nodes`` (id, user_id, label, JSON properties, embedding as float32 bytes),
``edges`` (id, user_id, type, src, dst, JSON properties) and ``fts`` (FTS5: per node,
a token naming its user and label, and its fulltext body). ``PRAGMA user_version``
holds the file's format, ``FORMAT``; opening a file of an older format migrates it
(``MIGRATIONS``) in one transaction, and a file of a newer format is refused.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from graphmem.errors import BackendError, BackendUnavailableError
from graphmem.stores.base import EdgeRecord, NodeRecord
from graphmem.stores.embedded.plan import Plan
from graphmem.stores.semantics import fulltext_body

FILE_NAME = "graphmem.db"
#: the format this code writes; see MIGRATIONS for the older ones it reads
FORMAT = 1

_TABLES = (
    """CREATE TABLE nodes (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL,
        label TEXT NOT NULL,
        props TEXT NOT NULL,
        embedding BLOB
    )""",
    "CREATE INDEX nodes_user_label ON nodes (user_id, label)",
    """CREATE TABLE edges (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL,
        type TEXT NOT NULL,
        src TEXT NOT NULL,
        dst TEXT NOT NULL,
        props TEXT NOT NULL
    )""",
    "CREATE INDEX edges_src ON edges (src)",
    "CREATE INDEX edges_dst ON edges (dst)",
    "CREATE VIRTUAL TABLE fts USING fts5(u, body, tokenize = 'porter unicode61')",
)


def _from_0(db: sqlite3.Connection) -> None:
    """Format 0 (graphmem 0.1.0, before formats were recorded) has the tables of
    format 1 but keeps properties set to null; a store treats those as absent, and
    format 1 leaves them out."""
    for table in ("nodes", "edges"):
        rows = db.execute(f"SELECT id, props FROM {table} WHERE props LIKE '%null%'").fetchall()
        for row_id, props in rows:
            kept = {k: v for k, v in json.loads(props).items() if v is not None}
            db.execute(
                f"UPDATE {table} SET props = ? WHERE id = ?",
                (json.dumps(kept, sort_keys=True), row_id),
            )


#: format -> the migration that brings a file of that format to the next one
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {0: _from_0}


def user_token(user_id: str, label: str) -> str:
    """The FTS token that scopes a body to one user and label."""
    return "u" + hashlib.sha1(f"{user_id}\x00{label}".encode()).hexdigest()[:20]


def _blob(vector: Any) -> bytes | None:
    return None if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


class SqliteFile:
    """The store's SQLite database in ``directory``, opened and at format ``FORMAT``."""

    def __init__(self, directory: Path) -> None:
        self.path = directory / FILE_NAME
        try:
            directory.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:
            raise BackendUnavailableError(
                f"cannot open the embedded store at {self.path}: {exc}"
            ) from exc
        try:
            self._wal()
            self.db.execute("PRAGMA synchronous=NORMAL")
            if self._format() != FORMAT:
                with self.transaction():
                    self._upgrade()
        except BaseException as exc:
            self.db.close()
            if isinstance(exc, BackendUnavailableError | sqlite3.Error | BackendError):
                raise BackendUnavailableError(
                    f"cannot open the store file {self.path}: {exc}"
                ) from exc
            raise

    def _wal(self, seconds: float = 10.0) -> None:
        """Switch the file to write-ahead logging. Another process switching a new file
        at the same moment makes SQLite answer "database is locked" at once (the busy
        timeout does not cover it), so this tries again for a while."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _format(self) -> int | None:
        """The file's format; None for a new, empty file."""
        if not self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'nodes'"
        ).fetchone():
            return None
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def _upgrade(self) -> None:
        """Create a new file's tables, or migrate an older file to ``FORMAT``."""
        version = self._format()  # again: another process may have upgraded meanwhile
        if version is not None and version > FORMAT:
            raise BackendUnavailableError(
                f"it has format {version}, written by a newer graphmem; "
                f"this graphmem reads formats up to {FORMAT}"
            )
        if version is None:
            for statement in _TABLES:
                self.db.execute(statement)
        else:
            for step in range(version, FORMAT):
                MIGRATIONS[step](self.db)
        self.db.execute(f"PRAGMA user_version = {FORMAT}")

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction (``BEGIN IMMEDIATE``): committed if the block ends
        normally, rolled back otherwise; SQLite errors become ``BackendError``."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise BackendError(f"cannot start a write on {self.path}: {exc}") from exc
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise BackendError(f"write to {self.path} failed: {exc}") from exc
            raise

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction (one consistent view of the file), unless one is open."""
        if self.db.in_transaction:
            yield
            return
        try:
            self.db.execute("BEGIN")
        except sqlite3.Error as exc:
            raise BackendError(f"cannot read {self.path}: {exc}") from exc
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):
                self.db.execute("COMMIT")

    def data_version(self) -> int:
        """Changes when another connection commits (``PRAGMA data_version``)."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    def nodes(self) -> Iterator[tuple[NodeRecord, int]]:
        """Every stored node with its row id, in the order they were written."""
        rows = self.db.execute("SELECT rid, id, user_id, label, props, embedding FROM nodes")
        for rid, node_id, user_id, label, props, blob in rows:
            emb = None if blob is None else np.frombuffer(blob, dtype=np.float32)
            yield NodeRecord(node_id, user_id, label, json.loads(props), emb), int(rid)

    def embeddings(self, ids: Sequence[str]) -> dict[str, Any]:
        """The stored embeddings of these nodes, as written (the mirror's are
        normalised again)."""
        out: dict[str, Any] = {}
        for start in range(0, len(ids), 500):
            part = list(ids[start : start + 500])
            marks = ",".join("?" * len(part))
            rows = self.db.execute(
                f"SELECT id, embedding FROM nodes WHERE id IN ({marks}) AND embedding IS NOT NULL",
                part,
            )
            for node_id, blob in rows:
                out[node_id] = np.frombuffer(blob, dtype=np.float32)
        return out

    def edges(self) -> Iterator[EdgeRecord]:
        rows = self.db.execute("SELECT id, user_id, type, src, dst, props FROM edges")
        for edge_id, user_id, etype, src, dst, props in rows:
            yield EdgeRecord(edge_id, etype, src, dst, user_id, json.loads(props))

    def write(self, plan: Plan) -> None:
        """Write ``plan`` (inside ``transaction``); fills in the row ids of new nodes."""
        db = self.db
        db.executemany("DELETE FROM edges WHERE id = ?", [(e.id,) for e in plan.edges_deleted])
        gone = [(node_id,) for node_id in plan.deleted]
        db.executemany("DELETE FROM edges WHERE src = ?", gone)
        db.executemany("DELETE FROM edges WHERE dst = ?", gone)
        db.executemany("DELETE FROM fts WHERE rowid = ?", [(plan.rids[i],) for i in plan.deleted])
        db.executemany("DELETE FROM nodes WHERE id = ?", gone)
        removed = set(plan.deleted) - plan.added
        for node_id, rec in plan.nodes.items():
            if node_id in removed:
                continue
            props = json.dumps(rec.props, sort_keys=True)
            if node_id in plan.added:
                cur = db.execute(
                    "INSERT INTO nodes (id, user_id, label, props, embedding) VALUES (?,?,?,?,?)",
                    (node_id, rec.user_id, rec.label, props, _blob(rec.embedding)),
                )
                plan.rids[node_id] = int(cur.lastrowid or 0)
                self._index(rec, plan.rids[node_id])
                continue
            db.execute("UPDATE nodes SET props = ? WHERE id = ?", (props, node_id))
            if node_id in plan.embedding_set:
                db.execute(
                    "UPDATE nodes SET embedding = ? WHERE id = ?", (_blob(rec.embedding), node_id)
                )
            if node_id in plan.reindex:
                db.execute("DELETE FROM fts WHERE rowid = ?", (plan.rids[node_id],))
                self._index(rec, plan.rids[node_id])
        db.executemany(
            "INSERT INTO edges (id, user_id, type, src, dst, props) VALUES (?,?,?,?,?,?)",
            [
                (e.id, e.user_id, e.type, e.src, e.dst, json.dumps(e.props, sort_keys=True))
                for e in plan.edges_added
            ],
        )
        db.executemany(
            "UPDATE edges SET props = ? WHERE id = ?",
            [(json.dumps(e.props, sort_keys=True), e.id) for e in plan.edges_set],
        )

    def _index(self, rec: NodeRecord, rid: int) -> None:
        body = fulltext_body(rec.label, rec.props)
        if body:
            self.db.execute(
                "INSERT INTO fts (rowid, u, body) VALUES (?,?,?)",
                (rid, user_token(rec.user_id, rec.label), body),
            )

    def keyword_matches(
        self, user_id: str, terms: Sequence[str], labels: Sequence[str]
    ) -> list[str]:
        """Ids of the user's nodes of ``labels`` whose body holds any of ``terms`` (plain
        word tokens, stemmed by the index's porter tokenizer), in id order."""
        scope = " OR ".join(user_token(user_id, label) for label in labels)
        body = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        try:
            rows = self.db.execute(
                "SELECT n.id FROM fts JOIN nodes n ON n.rid = fts.rowid "
                "WHERE fts MATCH ? AND n.user_id = ? ORDER BY n.id",
                (f"u : ({scope}) AND body : ({body})", user_id),
            ).fetchall()
        except sqlite3.Error as exc:
            raise BackendError(f"keyword search failed: {exc}") from exc
        return [node_id for (node_id,) in rows]

    def close(self) -> None:
        try:
            self.db.close()
        except sqlite3.Error as exc:  # pragma: no cover - close rarely fails
            raise BackendError(f"closing {self.path} failed: {exc}") from exc
