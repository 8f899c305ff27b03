"""The engine: the public API of DESIGN §6, a thin facade over one store, one embedder
and one extractor (wired in ``wiring``; the API for documents, files, export and import
is inherited from ``dataio``). Each method validates its arguments (``validation``),
plans its change through a ``Writer`` with the module that owns the rule (``adding``,
``editing``, ``merging``, ``lifecycle``) and commits it atomically; reads go to the
store or the ``Searcher``. Every call is scoped by ``user_id``; models load on first use.

The models run before a write (``adding.Models``), so a commit that meets a concurrent
change of what its plan read is planned again (``writer.write``) without repeating them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from graphmem.adding import add_messages
from graphmem.codec import to_entity, to_memory, to_model, to_stats
from graphmem.dataio import DataInOut
from graphmem.editing import plan_feedback, plan_remember, plan_update, set_frozen
from graphmem.errors import NotFoundError
from graphmem.lifecycle import SweepReport, delete_node, forget_nodes, mark_recalled, retract, sweep
from graphmem.merging import merge as merge_nodes
from graphmem.merging import unmerge as unmerge_node
from graphmem.models import (
    AddResult,
    Document,
    Entity,
    Episode,
    Hit,
    Memory,
    Stats,
)
from graphmem.recall.context import pack
from graphmem.timeutil import encode, to_utc
from graphmem.validity import CURRENT_MEMORIES, LIVE_ENTITIES, newest_first, version_at


class GraphMem(DataInOut):
    """A memory engine. Open one with ``graphmem.open()``; close it (or use ``with``)."""

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
        planned, ids, existing = add_messages(
            self.store, self.config, self._prep, uid, msgs, session=session, source=source, now=now
        )
        return self._result(uid, planned, ids, already_stored=self._load(uid, existing, Episode))

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
        embed = self._prep.embed()
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
        embed = self._prep.embed()
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
        embed = self._prep.embed()
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
            w.commit_unconfirmed()  # a refused one is dropped; a server store does not wait
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
