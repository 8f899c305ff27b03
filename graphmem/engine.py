"""The engine: the public API of DESIGN §6, a thin facade over one store, one embedder
and one extractor. Each method validates its arguments (``validation``), plans its change
through a ``Writer`` with the module that owns the rule (``adding``, ``editing``,
``merging``, ``lifecycle``) and commits it atomically; reads go to the store or the
``Searcher``. Every call is scoped by ``user_id``; models load on first use.

A commit that meets a concurrent change of what the plan read (``ConflictError``) is
planned again from fresh reads, up to ``Config.write_attempts`` times, with a short
random pause between attempts; extraction and embedding are not repeated."""

from __future__ import annotations

import contextlib
import functools
import random
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any, TypeVar

from graphmem.adding import (
    Embed,
    extract_and_embed,
    fresh_messages,
    plan_add,
    stored_refs,
    with_frames,
)
from graphmem.codec import (
    new_id,
    to_document,
    to_entity,
    to_episode,
    to_memory,
    to_model,
    to_stats,
)
from graphmem.config import Config, LifecyclePolicy, lifecycle_for
from graphmem.documents import (
    chunk_messages,
    default_title,
    plan_document,
    split_document,
    stored_chunks,
    stored_document,
)
from graphmem.editing import plan_feedback, plan_remember, plan_update, set_frozen
from graphmem.embedding import Embedder, MiniLMEmbedder, embed_distinct
from graphmem.errors import ConflictError, FrozenError, InvalidInputError, NotFoundError
from graphmem.extraction.base import Extractor
from graphmem.extraction.frames import FrameMatcher
from graphmem.extraction.spacy_extractor import SpacyExtractor
from graphmem.ingest import IngestStatus, ingest_files
from graphmem.lifecycle import SweepReport, delete_node, forget_nodes, mark_recalled, retract, sweep
from graphmem.merging import merge as merge_nodes
from graphmem.merging import unmerge as unmerge_node
from graphmem.models import (
    AddResult,
    Document,
    Entity,
    Episode,
    Hit,
    IngestReport,
    Memory,
    Stats,
    TransferReport,
)
from graphmem.recall.context import pack
from graphmem.recall.search import Searcher
from graphmem.stores.base import NodeRecord, Store, Vector
from graphmem.timeutil import Clock, encode, to_utc, utcnow
from graphmem.transfer import export_users, graphmem_version, import_lines, open_lines, output_file
from graphmem.validation import Validator
from graphmem.validity import CURRENT_MEMORIES, LIVE_ENTITIES, newest_first, version_at
from graphmem.writer import Writer

T = TypeVar("T")


class GraphMem:
    """A memory engine. Open one with ``graphmem.open()``; close it (or use ``with``)."""

    def __init__(
        self,
        store: Store,
        *,
        config: Config | None = None,
        embedder: Embedder | None = None,
        extractor: Extractor | None = None,
        clock: Clock | None = None,
        user_id: str | None = None,
    ) -> None:
        self.store = store
        self.config = config or Config()
        self.embedder: Embedder = embedder if embedder is not None else MiniLMEmbedder()
        self.extractor: Extractor = extractor if extractor is not None else SpacyExtractor()
        self.clock: Clock = clock or utcnow
        self._check = Validator(self.config)
        self._embed = functools.partial(embed_distinct, self.embedder)
        self.default_user = self._check.user_id(user_id) if user_id is not None else None
        #: the predicate frames of ``config.predicates`` over this engine's embedder
        self.frames = FrameMatcher(self.config.predicates, self.embedder.embed, self.embedder)
        self._searcher = Searcher(store, self.config, self.embedder, self.clock)
        self._pool: ThreadPoolExecutor | None = None

    def add(
        self,
        messages: Any,
        user_id: str | None = None,
        *,
        session_id: str | None = None,
        at: datetime | str | None = None,
        source: str = "user",
    ) -> AddResult:
        """Store messages as episodes, extract memories from them, and write it all in
        one atomic operation."""
        uid = self._user(user_id)
        source = self._check.source(source)
        session = self._check.session(session_id)
        now = to_utc(self.clock())
        msgs = self._check.messages(messages, self._check.optional_time(at, "at") or now)
        stored = stored_refs(self.store, uid, session, msgs)
        fresh = [msgs[i] for i in fresh_messages(msgs, stored)]
        if not fresh:  # all stored already: nothing to extract or write
            ids = [stored[str(m.ref)].id for m in msgs]
            episodes = tuple(self._models(uid, list(dict.fromkeys(ids)), Episode))
            return AddResult(episodes=episodes, already_stored=episodes)
        extractions, known = extract_and_embed(
            fresh, self.extractor, self.embedder, self._workers()
        )
        extractions = with_frames(self.frames, fresh, extractions, known)
        embed = self._memo_embed(known)
        embed([m.text for ex in extractions for m in ex.memories if m.text])  # before the write
        recall = self.config.recall
        planned = self._write(
            uid,
            lambda w: plan_add(
                w,
                fresh,
                extractions,
                session=session,
                source=source,
                embed=embed,
                known=known,
                passage_min_words=recall.passage_min_words if recall.passages else None,
            ),
            now,
        )
        by_ref = {ref: rec.id for ref, rec in stored.items()}
        planned_ids, ids = iter(planned.message_episodes), []
        for m in msgs:
            if m.ref is not None and m.ref in by_ref:
                ids.append(by_ref[m.ref])  # stored before, or earlier in this call
                continue
            ids.append(next(planned_ids))
            if m.ref is not None:
                by_ref[m.ref] = ids[-1]
        existing = {rec.id for rec in stored.values()} | set(planned.existing)
        return AddResult(
            episodes=tuple(self._models(uid, list(dict.fromkeys(ids)), Episode)),
            memories=tuple(self._models(uid, planned.created, Memory)),
            corroborated=tuple(self._models(uid, planned.corroborated, Memory)),
            superseded=tuple(self._models(uid, planned.superseded, Memory)),
            entities=tuple(self._models(uid, planned.entities, Entity)),
            already_stored=tuple(self._models(uid, [i for i in ids if i in existing], Episode)),
        )

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
        stored = stored_document(self.store, uid, doc)
        if stored is not None:
            kept = stored_chunks(self.store, uid, stored.id)
            return AddResult(document=to_document(stored), episodes=tuple(map(to_episode, kept)))
        if not doc.title:
            doc = replace(doc, title=default_title(doc.text) or doc.ref or "Untitled")
        chunks = split_document(doc.text, self.config.documents.chunk_chars)
        if not chunks:
            raise InvalidInputError("the document has no text besides its headings")
        document_id = new_id("doc")
        msgs = chunk_messages(doc, chunks, doc.ref or document_id)
        extractions, known = extract_and_embed(msgs, self.extractor, self.embedder, self._workers())
        extractions = with_frames(self.frames, msgs, extractions, known)
        embed = self._memo_embed(known)
        embed([m.text for ex in extractions for m in ex.memories if m.text])  # before the write
        recall = self.config.recall
        _, planned = self._write(
            uid,
            lambda w: plan_document(
                w,
                doc,
                chunks,
                msgs,
                extractions,
                document_id=document_id,
                embed=embed,
                known=known,
                passage_min_words=recall.passage_min_words if recall.passages else None,
            ),
            now,
        )
        return AddResult(
            document=to_document(self._node(uid, document_id, "Document")),
            episodes=tuple(self._models(uid, planned.episodes, Episode)),
            memories=tuple(self._models(uid, planned.created, Memory)),
            corroborated=tuple(self._models(uid, planned.corroborated, Memory)),
            superseded=tuple(self._models(uid, planned.superseded, Memory)),
            entities=tuple(self._models(uid, planned.entities, Entity)),
        )

    def documents(self, user_id: str | None = None) -> list[Document]:
        """The user's documents, oldest first."""
        uid = self._user(user_id)
        return [to_document(r) for r in self.store.find(uid, "Document", order_by="created_at")]

    def remember(
        self,
        text: str,
        user_id: str | None = None,
        *,
        subject: str | None = None,
        predicate: str | None = None,
        object: str | None = None,
        kind: str = "fact",
        polarity: str | None = None,
        at: datetime | str | None = None,
        source: str = "user",
        confidence: float = 1.0,
        sources: Sequence[str] = (),
    ) -> Memory:
        """Write one memory directly (no extraction). Conflicts and corroboration apply.
        ``sources`` are ids of the user's episodes the memory was drawn from."""
        uid = self._user(user_id)
        direct = self._check.direct_memory(
            text,
            subject=subject,
            predicate=predicate,
            object=object,
            kind=kind,
            polarity=polarity,
            at=at,
            source=source,
            confidence=confidence,
            sources=sources,
        )
        embed = self._memo_embed()
        embed([direct.text, *(n for n in (direct.subject, direct.object) if n)])
        outcome = self._write(uid, lambda w: plan_remember(w, direct, embed))
        if not outcome.memory_id:
            raise NotFoundError(f"{direct.subject} has no {direct.predicate} to end")
        return self._memory(uid, outcome.memory_id)

    def update(
        self,
        memory_id: str,
        user_id: str | None = None,
        *,
        text: str | None = None,
        object: str | None = None,
        confidence: float | None = None,
        source: str | None = None,
        at: datetime | str | None = None,
    ) -> Memory:
        """Write a new version of a current memory; the old one is superseded."""
        uid = self._user(user_id)
        memory_id = self._check.node_id(memory_id)
        revision = self._check.revision(
            text=text, object=object, confidence=confidence, source=source, at=at
        )
        embed = self._memo_embed()
        rec = self._write(uid, lambda w: plan_update(w, memory_id, revision, embed))
        return self._memory(uid, rec.id)

    def feedback(
        self,
        memory_id: str,
        correction: str,
        user_id: str | None = None,
        *,
        object: str | None = None,
    ) -> Memory:
        """A user's correction of a memory: a new version with source ``feedback``. The
        new object is ``object`` if given, else the first entity in the correction of
        the old object's type."""
        uid = self._user(user_id)
        memory_id = self._check.node_id(memory_id)
        correction = self._check.text(correction, "correction")
        new_object = self._check.name(object, "object")
        embed = self._memo_embed()
        rec = self._write(
            uid,
            lambda w: plan_feedback(w, memory_id, correction, new_object, self.extractor, embed),
        )
        return self._memory(uid, rec.id)

    def freeze(
        self, node_id: str, user_id: str | None = None, *, reason: str = ""
    ) -> Memory | Entity:
        """Write-lock a memory or entity until ``unfreeze``; recorded in its audit trail."""
        return self._set_frozen(node_id, user_id, True, reason)

    def unfreeze(
        self, node_id: str, user_id: str | None = None, *, reason: str = ""
    ) -> Memory | Entity:
        """Lift a freeze; recorded in the node's audit trail."""
        return self._set_frozen(node_id, user_id, False, reason)

    def _set_frozen(
        self, node_id: str, user_id: str | None, frozen: bool, reason: str
    ) -> Memory | Entity:
        uid = self._user(user_id)
        node_id, reason = self._check.node_id(node_id), self._check.reason(reason)
        self._write(uid, lambda w: set_frozen(w, node_id, frozen, reason))
        return self._memory_or_entity(uid, node_id)

    def merge(self, ids: Sequence[str], user_id: str | None = None) -> Memory | Entity:
        """Merge entities (or memories) into the first id; returns the survivor."""
        uid = self._user(user_id)
        survivor = self._write(uid, lambda w: merge_nodes(w, self._check.ids(ids, "ids")))
        return self._memory_or_entity(uid, survivor)

    def unmerge(self, merged_id: str, user_id: str | None = None) -> list[str]:
        """Undo an explicit merge exactly, if the survivor has not changed since: the
        merged nodes get back the status they had before it. Returns their ids."""
        return self._write(
            self._user(user_id), lambda w: unmerge_node(w, self._check.node_id(merged_id))
        )

    def delete(self, node_id: str, user_id: str | None = None, *, reason: str = "deleted") -> None:
        """Remove a node and its relationships, leaving a Tombstone (id, time, reason)
        unless the audit policy keeps none."""
        uid = self._user(user_id)
        node_id, reason = self._check.node_id(node_id), self._check.reason(reason)
        keep = self._policy(uid).audit.keep_tombstones
        self._write(uid, lambda w: delete_node(w, node_id, reason, keep=keep))

    def forget(
        self, node_id: str | None = None, *, user_id: str | None = None, reason: str = "forgotten"
    ) -> dict[str, int]:
        """Data-subject deletion: remove the content of one node (with every version of a
        memory, or the memories that came only from an episode) or, without ``node_id``,
        of everything the user has. Frozen nodes must be unfrozen first. Returns counts
        per label of the nodes removed."""
        uid = self._user(user_id)
        reason = self._check.reason(reason)
        ids = None if node_id is None else [self._check.node_id(node_id)]
        keep = self._policy(uid).audit.keep_tombstones
        return self._write(uid, lambda w: forget_nodes(w, ids, reason, keep=keep))

    def retract(self, memory_id: str, user_id: str | None = None, *, reason: str = "") -> Memory:
        """The user withdraws a memory: it leaves recall at once and expires at the next
        sweep (cleanup policy ``drop_retracted``)."""
        uid = self._user(user_id)
        self._write(
            uid, lambda w: retract(w, self._check.node_id(memory_id), self._check.reason(reason))
        )
        return self._memory(uid, memory_id)

    def sweep(
        self,
        user_id: str | None = None,
        *,
        now: datetime | str | None = None,
        dry_run: bool = False,
    ) -> SweepReport:
        """Run every due lifecycle transition for a user at ``now`` (default: the
        clock): archive unused memories, expire archived ones to tombstones, apply the
        cleanup rules. Idempotent; with ``dry_run`` nothing is written."""
        uid = self._user(user_id)
        at, policy = self._check.optional_time(now, "now"), self._policy(uid)
        if dry_run:
            report = sweep(self._writer(uid, at), policy)
            return report.model_copy(update={"dry_run": True})
        return self._write(uid, lambda w: sweep(w, policy), at)

    def search(
        self,
        query: str,
        user_id: str | None = None,
        *,
        k: int = 10,
        as_of: datetime | str | None = None,
        kinds: Sequence[str] | None = None,
        include_archived: bool = False,
    ) -> list[Hit]:
        """Recall the ``k`` memories (and episodes) that matter for ``query``."""
        uid = self._user(user_id)
        found = self._searcher.search(
            self._check.text(query, "query"),
            uid,
            k=self._check.k(k),
            as_of=self._check.optional_time(as_of, "as_of"),
            kinds=self._check.kinds(kinds),
            include_archived=bool(include_archived),
        )
        if self.config.recall.track_activation and found:  # activation bookkeeping: a race
            w = self._writer(uid)  # with a freeze, delete or status change skips it
            w.known(rec for _, rec in found)  # as the search read them: no read again
            mark_recalled(w, [rec for _, rec in found], self._policy(uid))
            with contextlib.suppress(FrozenError, NotFoundError, ConflictError, InvalidInputError):
                w.commit()
        return [hit for hit, _ in found]

    def context(
        self,
        query: str,
        user_id: str | None = None,
        *,
        budget_tokens: int = 400,
        k: int = 30,
        as_of: datetime | str | None = None,
    ) -> str:
        """A prompt-ready block of the best memories and turns for ``query``, one dated
        line each with its sources, within ``budget_tokens`` (estimated)."""
        budget = self._check.count(budget_tokens, "budget_tokens")
        return pack(self.search(query, user_id, k=k, as_of=as_of), budget)

    def get(
        self, node_id: str, user_id: str | None = None, *, as_of: datetime | str | None = None
    ) -> Memory | Episode | Entity | Document:
        """A node by id. With ``as_of``, the version of its chain valid at that time."""
        uid = self._user(user_id)
        rec = self._node(uid, node_id)
        if rec.label == "Tombstone":
            raise NotFoundError(f"{node_id} was deleted ({rec.props.get('reason')})")
        if as_of is None or rec.label != "Memory":
            return to_model(rec)
        t = encode(self._check.time(as_of, "as_of")) or ""
        version = version_at(self._chain(uid, rec), t)
        if version is None:
            raise NotFoundError(f"no version of {node_id} was valid at {t}")
        return to_memory(version)

    def history(self, memory_id: str, user_id: str | None = None) -> list[Memory]:
        """Every version of a memory's chain, newest first, from any member."""
        uid = self._user(user_id)
        chain = self._chain(uid, self._node(uid, memory_id, "Memory"))
        return [to_memory(r) for r in newest_first(chain)]

    def entities(self, user_id: str | None = None, *, include_merged: bool = False) -> list[Entity]:
        """The user's entities (survivors only, unless ``include_merged``)."""
        uid = self._user(user_id)
        where = None if include_merged else LIVE_ENTITIES
        return [to_entity(r) for r in self.store.find(uid, "Entity", where, order_by="name")]

    def memories(self, user_id: str | None = None, *, include_closed: bool = False) -> list[Memory]:
        """The user's memories: current ones, or every version with ``include_closed``."""
        uid = self._user(user_id)
        where = None if include_closed else CURRENT_MEMORIES
        recs = self.store.find(uid, "Memory", where, order_by="created_at")
        return [to_memory(r) for r in recs]

    def stats(self, user_id: str | None = None) -> Stats:
        """Counts of the user's nodes by label, memory kind and status, and frozen ones."""
        uid = self._user(user_id)
        return to_stats(uid, self.store.counts(uid))

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
            self,
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

        def write(out: IO[str]) -> TransferReport:
            return export_users(
                self.store,
                out,
                users,
                embedder=self.embedder,
                embeddings=bool(embeddings),
                version=graphmem_version(),
                progress=progress,
            )

        if isinstance(target, str | Path):
            with output_file(target) as out:
                return write(out)
        return write(target)

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
        with open_lines(source, progress) as lines:
            return import_lines(
                self.store, lines, embedder=self.embedder, replace=bool(replace), reembed=reembed
            )

    def _user(self, user_id: str | None) -> str:
        return self._check.user_id(user_id if user_id is not None else self.default_user)

    def _policy(self, uid: str) -> LifecyclePolicy:
        return lifecycle_for(self.config, uid)

    def _writer(self, uid: str, now: datetime | None = None) -> Writer:
        return Writer(self.store, uid, now or to_utc(self.clock()), self.config)

    def _write(self, uid: str, plan: Callable[[Writer], T], now: datetime | None = None) -> T:
        """Plan one operation into a fresh writer and commit it atomically. A conflict
        with a concurrent writer is planned again, up to ``config.write_attempts``
        times; a node frozen or removed between the plan and the commit is planned
        once more (the plan then sees it and decides, or the error stands)."""
        attempts, attempt, replanned = self.config.write_attempts, 0, False
        while True:
            attempt += 1
            w = self._writer(uid, now)
            out = plan(w)
            try:
                w.commit()
                return out
            except ConflictError as exc:
                if attempt >= attempts:
                    raise ConflictError(
                        f"{exc} (gave up after {attempts} attempts; nothing was written)"
                    ) from exc
                time.sleep(random.uniform(0, min(0.5, 0.005 * 2**attempt)))
            except (FrozenError, NotFoundError):
                if replanned:
                    raise
                replanned = True

    def _memo_embed(self, known: dict[str, Vector] | None = None) -> Embed:
        """The embedder for one call, remembering its vectors (``known`` to begin with):
        the models run before the write, or once for all its attempts, so a write is
        planned and committed in milliseconds and seldom meets a concurrent one."""
        cache = dict(known or {})

        def embed(texts: Sequence[str]) -> dict[str, Vector]:
            missing = [t for t in dict.fromkeys(texts) if t not in cache]
            if missing:
                cache.update(self._embed(missing))
            return {t: cache[t] for t in texts}

        return embed

    def _workers(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphmem-embed")
        return self._pool

    def _node(self, uid: str, node_id: str, label: str | None = None) -> NodeRecord:
        found = self.store.get(uid, [self._check.node_id(node_id)])
        if not found or (label is not None and found[0].label != label):
            raise NotFoundError(f"no {(label or 'node').lower()} {node_id!r} for user {uid!r}")
        return found[0]

    def _chain(self, uid: str, rec: NodeRecord) -> list[NodeRecord]:
        return self.store.find(uid, "Memory", {"chain_id": rec.props.get("chain_id", rec.id)})

    def _memory(self, uid: str, memory_id: str) -> Memory:
        return to_memory(self._node(uid, memory_id, "Memory"))

    def _memory_or_entity(self, uid: str, node_id: str) -> Memory | Entity:
        model = to_model(self._node(uid, node_id))
        assert isinstance(model, Memory | Entity)
        return model

    def _models(self, uid: str, ids: Sequence[str], cls: type[Any]) -> list[Any]:
        return [m for m in map(to_model, self.store.get(uid, ids)) if isinstance(m, cls)]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self.store.close()

    def __enter__(self) -> GraphMem:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
