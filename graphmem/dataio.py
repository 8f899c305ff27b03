"""The public API for data in and out (DESIGN §7): documents split into chunks
(``documents``), chat logs and LoCoMo files ingested (``ingest``), every node and
relationship of users exported and imported (``transfer``). ``GraphMem`` inherits it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from graphmem import transfer
from graphmem.codec import to_document
from graphmem.documents import add_document
from graphmem.ingest import IngestStatus, ingest_files
from graphmem.models import AddResult, Document, IngestReport, TransferReport
from graphmem.timeutil import to_utc
from graphmem.wiring import Wiring

if TYPE_CHECKING:
    from graphmem.engine import GraphMem


class DataInOut(Wiring):
    """Documents, file ingestion, export and import (see the module)."""

    def add_document(
        self,
        text: str,
        user_id: str | None = None,
        *,
        title: str | None = None,
        ref: str | None = None,
        at: datetime | str | None = None,
        source: str = "user",
    ) -> AddResult:
        """Store a document (markdown or plain text) as a ``Document`` with chunk
        episodes split by headings and paragraphs, extract memories from the chunks, and
        write it all in one atomic operation. ``title`` defaults to the first top-level
        heading; adding a document again under the same ``ref`` adds nothing and returns
        the stored one."""
        uid = self._user(user_id)
        now = to_utc(self.clock())
        when = self._check.optional_time(at, "at") or now
        doc = self._check.document(text, title=title, ref=ref, at=when, source=source)
        found = add_document(self.store, self.config, self._prep, uid, doc, now)
        document_id, planned, chunks = found
        document = to_document(self._node(uid, document_id, "Document"))
        return self._result(uid, planned, chunks, document=document)

    def documents(self, user_id: str | None = None) -> list[Document]:
        """The user's documents, oldest first."""
        uid = self._user(user_id)
        return [to_document(r) for r in self.store.find(uid, "Document", order_by="created_at")]

    def ingest(
        self,
        paths: Sequence[str | Path],
        user_id: str | None = None,
        *,
        format: str = "auto",
        session_id: str | None = None,
        source: str = "user",
        batch_size: int = 64,
        progress: Callable[[IngestStatus], None] | None = None,
    ) -> IngestReport:
        """Add the messages of JSON-lines chat logs, LoCoMo conversations or documents
        (see ``graphmem.ingest``; ``format`` ``auto`` goes by the file name), streaming
        and in batches per session; ``user_id`` is the user of lines that name none.
        Running it again adds nothing. ``progress`` is called after each batch."""
        return ingest_files(
            cast("GraphMem", self),  # ingestion adds through GraphMem.add
            paths,
            user_id=self._user(user_id),
            format=format,
            session_id=session_id,
            source=source,
            batch_size=batch_size,
            progress=progress,
        )

    def export_to(
        self,
        target: str | Path | IO[str],
        user_ids: Sequence[str] | None = None,
        *,
        embeddings: bool = True,
        progress: Callable[[int], None] | None = None,
    ) -> TransferReport:
        """Write every node and relationship of ``user_ids`` (default: every user in the
        store) as JSON lines to a path (written atomically) or an open text stream, with
        the embeddings unless ``embeddings`` is False (see ``graphmem.transfer``).
        ``progress`` is called with the number of nodes written so far."""
        users = self.store.user_ids() if user_ids is None else self._check.ids(user_ids, "users")
        users = [self._check.user_id(u) for u in users]
        return transfer.export_to(
            self.store,
            target,
            users,
            embedder=self.embedder,
            embeddings=bool(embeddings),
            progress=progress,
        )

    def import_from(
        self,
        source: str | Path | IO[str],
        *,
        replace: bool = False,
        reembed: bool | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> TransferReport:
        """Load an export (a path or an open text stream) into this store, keeping ids;
        each user's data is one atomic write. Ids that already exist are refused unless
        ``replace``, which replaces the stored data of the users in the file. Embeddings
        missing from the file are computed with this engine's embedder, and all of them
        with ``reembed``; vectors of another embedder are refused unless ``reembed``.
        ``progress`` is called with the characters read so far."""
        return transfer.import_from(
            self.store,
            source,
            embedder=self.embedder,
            replace=bool(replace),
            reembed=reembed,
            progress=progress,
        )
