"""One write operation: reads the store through an overlay of what this operation has
already decided, collects every change in one ``ChangeSet`` and commits it atomically.

The writer is the only door to a change set: the rules of DESIGN §2 (``versioning``,
``resolution``, ``merging``, ``lifecycle``) plan through its methods, and every status
change passes the lifecycle's transition table here.

Everything the operation decided from is re-checked atomically with the commit
(DESIGN §2, invariant 10): a property it changes must still hold the value it read
(so two writers never overwrite each other's change unseen), and the reads made
through ``find_checked`` and ``highest`` (the current versions of a fact, the entities
of a name, the last turn of a session) must give the same answer. Otherwise the commit
raises ``ConflictError`` and writes nothing; the engine plans the operation again.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, TypeVar

from graphmem.codec import new_id
from graphmem.config import Config
from graphmem.errors import ConflictError, FrozenError, NotFoundError
from graphmem.lifecycle import check_start, check_transition
from graphmem.models import LIVE_STATUSES, EntityStatus, Status
from graphmem.stores.base import (
    ChangeSet,
    Direction,
    EdgeRecord,
    Expect,
    NodeRecord,
    Props,
    Store,
    Vector,
    Where,
)
from graphmem.stores.semantics import matches, where_filters
from graphmem.timeutil import encode


class Writer:
    """Plans one atomic operation for one user."""

    def __init__(self, store: Store, user_id: str, now: datetime, config: Config) -> None:
        self.store = store
        self.user_id = user_id
        self.now = now
        self.now_s: str = encode(now) or ""
        self.config = config
        self._changes = ChangeSet(user_id)
        self._overlay: dict[str, NodeRecord] = {}
        self._new: dict[str, NodeRecord] = {}
        self._new_by_label: dict[str, dict[str, NodeRecord]] = {}
        #: (label, property, value) -> ids of new nodes that had it (a superset)
        self._new_index: dict[tuple[str, str, Any], set[str]] = {}
        self._guarded: set[str] = set()
        #: per existing node it changes, the stored values of the properties it changes
        self._read_values: dict[str, dict[str, Any]] = {}
        self._stored_props: dict[str, Props] = {}
        self._expects: dict[tuple[str, str, str, frozenset[str] | None, str | None], Expect] = {}
        self._deleted: set[str] = set()
        self._copied: set[str] = set()
        self._links: set[tuple[str, str, str]] = set()
        self._unlinked: set[str] = set()
        #: (label, property) -> value -> ids of the store's nodes holding it, as read by
        #: ``prefetch``; with the nodes as the store held them
        self._prefetched: dict[tuple[str, str], dict[Any, list[str]]] = {}
        self._stored: dict[str, NodeRecord] = {}

    # ----------------------------------------------------------------- reads
    def node(self, node_id: str) -> NodeRecord | None:
        """The node as this operation sees it (with its planned changes)."""
        rec = self._overlay.get(node_id)
        if rec is not None:
            return rec
        found = self.store.get(self.user_id, [node_id])
        if not found:
            return None
        self._overlay[node_id] = found[0]
        return found[0]

    def nodes(self, node_ids: Sequence[str]) -> dict[str, NodeRecord]:
        """Several nodes at once, as this operation sees them (missing ids are absent)."""
        missing = [i for i in dict.fromkeys(node_ids) if i not in self._overlay]
        for rec in self.store.get(self.user_id, missing):
            self._overlay[rec.id] = rec
        return {i: self._overlay[i] for i in node_ids if i in self._overlay}

    def known(self, records: Iterable[NodeRecord]) -> None:
        """Nodes the caller has just read from the store (with every property this
        operation reads): the operation starts from them instead of reading them again."""
        for rec in records:
            self._overlay.setdefault(rec.id, rec)

    def require(self, node_id: str, label: str | None = None) -> NodeRecord:
        rec = self.node(node_id)
        if rec is None or (label is not None and rec.label != label):
            kind = label.lower() if label else "node"
            raise NotFoundError(f"no {kind} {node_id!r} for user {self.user_id!r}")
        return rec

    def prefetch(self, label: str, prop: str, values: Iterable[Any]) -> None:
        """Read at once the user's nodes of ``label`` whose ``prop`` is one of ``values``
        (one round trip): a later ``find`` that filters ``prop`` by some of them is
        answered from this read, as the store would have answered it."""
        cache = self._prefetched.setdefault((label, prop), {})
        wanted = [v for v in dict.fromkeys(values) if v is not None and v not in cache]
        if not wanted:
            return
        found = self.store.find(self.user_id, label, {prop: wanted})
        for v in wanted:
            cache[v] = []
        for rec in found:
            self._stored.setdefault(rec.id, rec)
            # a record of its own: ``set`` rebinds the overlay's props, the read stays
            self._overlay.setdefault(rec.id, replace(rec))
            held = rec.props.get(prop)
            for v in dict.fromkeys(held if isinstance(held, list) else [held]):
                if v in cache:
                    cache[v].append(rec.id)

    def _from_prefetch(self, label: str, where: Where) -> list[NodeRecord] | None:
        """``store.find(label, where)`` from a prefetch that covers it, or None."""
        for f in where_filters(where):
            cache = self._prefetched.get((label, f.name))
            if cache is None or f.null or not all(v in cache for v in f.values):
                continue
            ids = sorted({i for v in f.values for i in cache[v]})
            stored = (self._stored[i] for i in ids)
            return [r for r in stored if matches(r.props, where)]
        return None

    def find(self, label: str, where: Where) -> list[NodeRecord]:
        """Store matches plus this operation's new nodes, seen through the overlay."""
        out: dict[str, NodeRecord] = {}
        found = self._from_prefetch(label, where)
        if found is None:
            found = self.store.find(self.user_id, label, where)
        for rec in found:
            out[rec.id] = self._overlay.setdefault(rec.id, rec)
        for rec in self._new_candidates(label, where):
            out[rec.id] = rec
        return [r for r in out.values() if matches(r.props, where)]

    def _new_candidates(self, label: str, where: Where) -> list[NodeRecord]:
        """This operation's new nodes of ``label`` that may match ``where``: those
        indexed under its first property's values (a superset; ``find`` filters)."""
        if not where:
            return list(self._new_by_label.get(label, {}).values())
        name, wanted = next(iter(where.items()))
        values = wanted if isinstance(wanted, list | tuple | set | frozenset) else (wanted,)
        if None in values:
            return list(self._new_by_label.get(label, {}).values())
        ids: set[str] = set()
        for value in values:
            ids |= self._new_index.get((label, name, value), set())
        return [self._new[i] for i in ids]

    def _index_new(self, rec: NodeRecord, props: Props) -> None:
        for name, value in props.items():
            for v in value if isinstance(value, list) else [value]:
                if v is not None:
                    self._new_index.setdefault((rec.label, name, v), set()).add(rec.id)

    def created(self, label: str) -> list[NodeRecord]:
        """Nodes of ``label`` this operation creates (merged spellings left out)."""
        return [
            r
            for r in self._new_by_label.get(label, {}).values()
            if r.props.get("status") != EntityStatus.MERGED
        ]

    def prefetched(self, label: str, prop: str) -> list[str]:
        """Ids of the store's nodes a ``prefetch(label, prop, ...)`` read."""
        cache = self._prefetched.get((label, prop), {})
        return list(dict.fromkeys(i for ids in cache.values() for i in ids))

    def find_checked(
        self,
        label: str,
        prop: str,
        value: str,
        statuses: Iterable[str] | None = None,
        *,
        holds: bool = False,
        known: list[NodeRecord] | None = None,
    ) -> list[NodeRecord]:
        """``find`` of the nodes whose ``prop`` is ``value`` (whose list ``prop`` holds
        it, if ``holds``), with a status in ``statuses`` if given: a read that decides
        the write, so the store runs it again atomically with the commit and refuses the
        write (``ConflictError``) if the answer changed. It is answered from a
        ``prefetch`` that covers it, or from ``known`` (the store's answer, read by the
        caller), without another read."""
        wanted = frozenset(statuses) if statuses is not None else None
        where: dict[str, Any] = {prop: value}
        if wanted is not None:
            where["status"] = sorted(wanted)
        if known is None:
            known = self._from_prefetch(label, where)
        if known is None:
            known = self.store.find(self.user_id, label, where)
        stored = [r for r in known if isinstance(r.props.get(prop), list) == holds]
        self._expects.setdefault(
            (label, prop, value, wanted, None),
            Expect(label, prop, value, wanted, frozenset(r.id for r in stored), holds=holds),
        )
        out = {r.id: self._overlay.setdefault(r.id, r) for r in stored}
        for rec in self._new_candidates(label, where):
            out[rec.id] = rec
        return [r for r in out.values() if matches(r.props, where)]

    def highest(self, label: str, prop: str, value: str, by: str) -> NodeRecord | None:
        """The stored node whose ``prop`` is ``value`` with the largest ``by`` (None if
        there is none): a read that decides the write, re-checked with the commit."""
        found = self.store.find(
            self.user_id, label, {prop: value}, order_by=by, descending=True, limit=1
        )
        top = found[0] if found and found[0].props.get(by) is not None else None
        self._expects.setdefault(
            (label, prop, value, None, by),
            Expect(label, prop, value, highest=by, top=top.props[by] if top else None),
        )
        return None if top is None else self._overlay.setdefault(top.id, top)

    def live_memories(self, sp_key: str) -> list[NodeRecord]:
        """The current versions of a subject's slot (``versioning.sp_key``, which starts
        with the subject's id), re-checked with the commit. A subject this operation
        creates has none in the store, and one whose memories were prefetched by
        ``subject_id`` needs no read."""
        subject = sp_key.split("|", 1)[0]
        by_subject = self._prefetched.get(("Memory", "subject_id"), {})
        known = None
        if subject in self._new or subject in by_subject:
            stored = (self._stored[i] for i in by_subject.get(subject, []))
            known = [
                r
                for r in stored
                if r.props.get("sp_key") == sp_key and r.props.get("status") in LIVE_STATUSES
            ]
        recs = self.find_checked("Memory", "sp_key", sp_key, LIVE_STATUSES, known=known)
        return sorted(recs, key=lambda r: (r.props.get("created_at") or "", r.id))

    def edges(
        self,
        node_ids: Sequence[str],
        *,
        types: Sequence[str] | None = None,
        direction: Direction = "both",
    ) -> list[EdgeRecord]:
        """Relationships touching ``node_ids``, with this operation's new ones and
        without those it removes."""
        found = self.store.edges(self.user_id, node_ids, types=types, direction=direction)
        wanted = set(node_ids)
        for edge in self._changes.add_edges:
            if types is not None and edge.type not in types:
                continue
            if (direction in ("out", "both") and edge.src in wanted) or (
                direction in ("in", "both") and edge.dst in wanted
            ):
                found.append(edge)
        return [e for e in found if e.id not in self._unlinked]

    def has_link(self, rel_type: str, src: str, dst: str) -> bool:
        """Whether this operation already links ``src`` to ``dst`` with ``rel_type``."""
        return (rel_type, src, dst) in self._links

    def is_deleted(self, node_id: str) -> bool:
        return node_id in self._deleted

    # ----------------------------------------------------------------- writes
    def create(
        self,
        label: str,
        props: Props,
        *,
        embedding: Vector | None = None,
        node_id: str | None = None,
        prefix: str | None = None,
    ) -> NodeRecord:
        """A new node; its status, if any, must be one its label may start in."""
        check_start(label, props.get("status"))
        rec = NodeRecord(
            node_id or new_id(prefix or label[:3].lower()),
            self.user_id,
            label,
            dict(props),
            embedding,
        )
        self._changes.node(rec)
        self._overlay[rec.id] = rec
        self._new[rec.id] = rec
        self._new_by_label.setdefault(label, {})[rec.id] = rec
        self._index_new(rec, rec.props)
        return rec

    def set(self, node_id: str, props: Props, *, guard: bool = True) -> None:
        """Change properties of a node. An existing node is guarded (not frozen) unless
        ``guard`` is False; a status change must be allowed by the lifecycle's
        transition table. The stored values of the properties changed are re-checked at
        commit (a compare-and-set), so a concurrent change of any of them, its status
        among them, fails the write with ``ConflictError``."""
        rec = self.require(node_id)
        new_status = props.get("status")
        old_status = rec.props.get("status")
        if "status" in props and new_status != old_status:
            check_transition(rec.label, old_status, new_status, node_id)
        if node_id not in self._new and node_id not in self._copied:
            self._read_values[node_id] = {}
            self._stored_props[node_id] = rec.props
            rec.props = dict(rec.props)  # copy on write: store maps are read-only
            self._copied.add(node_id)
        if node_id not in self._new:
            stored = self._stored_props[node_id]
            read = self._read_values[node_id]
            for key in props:
                read.setdefault(key, stored.get(key))
        rec.props.update(props)
        if node_id in self._new:
            self._index_new(rec, props)
            return
        if guard:
            self.guard(node_id)
        self._changes.update(node_id, dict(props))

    def delete(self, node_id: str) -> None:
        """Remove a node with its relationships (callers guard it first if needed):
        for a node with a status, its move to ``expired``."""
        if node_id in self._deleted:
            return
        rec = self.node(node_id)
        if rec is not None and rec.props.get("status") is not None:
            check_transition(rec.label, rec.props["status"], Status.EXPIRED, node_id)
        self._deleted.add(node_id)
        self._changes.delete_nodes.append(node_id)

    def link(self, rel_type: str, src: str, dst: str, props: Props | None = None) -> EdgeRecord:
        edge = EdgeRecord(new_id("rel"), rel_type, src, dst, self.user_id, dict(props or {}))
        self._links.add((rel_type, src, dst))
        return self._changes.edge(edge)

    def set_edge(self, edge_id: str, props: Props, *, ends: tuple[str, str] | None = None) -> None:
        """Change properties of a relationship this operation creates, or of a stored one
        (which must join the nodes ``ends``, if given: the store then finds it there)."""
        for edge in self._changes.add_edges:
            if edge.id == edge_id:
                edge.props.update(props)
                return
        self._changes.set_edges.append((edge_id, dict(props)))
        if ends is not None:
            self._changes.edge_ends[edge_id] = ends

    def unlink(self, edge: EdgeRecord) -> None:
        """Remove a stored relationship."""
        if edge.id not in self._unlinked:
            self._unlinked.add(edge.id)
            self._changes.delete_edges.append(edge.id)
            self._changes.edge_ends[edge.id] = (edge.src, edge.dst)

    def guard(
        self, node_id: str, *, not_frozen: bool = True, status_in: Iterable[str] | None = None
    ) -> None:
        """A precondition on an existing node, checked atomically with the commit: not
        frozen (unless ``not_frozen`` is False), with a status in ``status_in``."""
        if node_id in self._new:
            return
        if status_in is None and not_frozen:
            if node_id in self._guarded:
                return
            self._guarded.add(node_id)
        statuses = list(status_in) if status_in is not None else None
        self._changes.guard(node_id, not_frozen=not_frozen, status_in=statuses)

    def commit(self) -> None:
        """Apply the operation atomically, with its compare-and-sets and expectations;
        ``ConflictError`` if another writer changed what it read."""
        self.store.apply(self._checked())

    def commit_unconfirmed(self) -> None:
        """As ``commit``, for bookkeeping: a refused write is dropped, and the store may
        return before it is done (``Store.apply_unconfirmed``)."""
        self.store.apply_unconfirmed(self._checked())

    def _checked(self) -> ChangeSet:
        """The change set with the compare-and-sets and expectations of what was read."""
        for node_id, values in self._read_values.items():
            if values:
                self._changes.guard(node_id, not_frozen=False, unchanged=values)
        for expect in self._expects.values():
            self._changes.expect(expect)
        self._read_values, self._expects = {}, {}
        return self._changes


T = TypeVar("T")


def write(
    store: Store, user_id: str, now: datetime, config: Config, plan: Callable[[Writer], T]
) -> T:
    """Plan one operation into a fresh writer and commit it atomically. A conflict with
    a concurrent writer is planned again from fresh reads, up to
    ``config.write_attempts`` times with a short random pause between attempts; a node
    frozen or removed between the plan and the commit is planned once more (the plan
    then sees it and decides, or the error stands)."""
    attempts, attempt, replanned = config.write_attempts, 0, False
    while True:
        attempt += 1
        w = Writer(store, user_id, now, config)
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
