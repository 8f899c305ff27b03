"""The engine: the public API of DESIGN §6 over one store, one embedder, one extractor.

Every write plans its changes through a ``Writer`` and commits them atomically; every
read and write is scoped by ``user_id``. Models load lazily, on the first call that
needs them.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from types import TracebackType
from typing import Any

from graphmem.adding import embedded_texts, plan_add, with_frames
from graphmem.codec import entity_key, to_entity, to_memory, to_model
from graphmem.config import Config, lifecycle_for
from graphmem.embedding import Embedder, MiniLMEmbedder
from graphmem.errors import FrozenError, InvalidInputError, NotFoundError
from graphmem.extraction.base import Extractor, Utterance
from graphmem.extraction.frames import FrameMatcher
from graphmem.ingest import Message, check_text, check_user_id, parse_messages
from graphmem.lifecycle import (
    SweepReport,
    forget_nodes,
    mark_recalled,
    retract,
    sweep,
    tombstone,
)
from graphmem.merging import merge as merge_nodes
from graphmem.merging import unmerge as unmerge_node
from graphmem.models import (
    LIVE_STATUSES,
    AddResult,
    Entity,
    Episode,
    Hit,
    Kind,
    Memory,
    Stats,
)
from graphmem.names import check_predicate
from graphmem.recall.context import pack
from graphmem.recall.search import Searcher
from graphmem.resolution import Resolver
from graphmem.stores.base import NodeRecord, Store, Vector
from graphmem.timeutil import Clock, encode, to_utc, utcnow
from graphmem.versioning import Candidate, new_version, write_memory
from graphmem.writer import Writer

_SOURCE_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_SESSION_RE = re.compile(r"^[\w.:@/-]{1,128}$")


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
        self._embedder = embedder
        self._extractor = extractor
        self.clock: Clock = clock or utcnow
        self.default_user = check_user_id(user_id) if user_id is not None else None
        self._searcher = Searcher(self)
        self._pool: ThreadPoolExecutor | None = None
        self._frames: FrameMatcher | None = None

    # ------------------------------------------------------------ components
    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = MiniLMEmbedder()
        return self._embedder

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            from graphmem.extraction.spacy_extractor import SpacyExtractor

            self._extractor = SpacyExtractor()
        return self._extractor

    @property
    def frames(self) -> FrameMatcher:
        """The predicate frames of ``config.predicates`` over this engine's embedder."""
        if self._frames is None:
            embedder = self.embedder
            self._frames = FrameMatcher(self.config.predicates, embedder.embed, embedder)
        return self._frames

    def _workers(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="graphmem-embed")
        return self._pool

    def _user(self, user_id: str | None) -> str:
        return check_user_id(user_id if user_id is not None else self.default_user)

    def _writer(self, user_id: str) -> Writer:
        return Writer(self.store, user_id, to_utc(self.clock()), self.config)

    def _embed(self, texts: Sequence[str]) -> dict[str, Vector]:
        unique = list(dict.fromkeys(texts))
        if not unique:
            return {}
        return dict(zip(unique, self.embedder.embed(unique), strict=True))

    # ------------------------------------------------------------ writes
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
        source = _check_source(source)
        session = _check_session(session_id)
        now = to_utc(self.clock())
        default_at = to_utc(at, what="at") if at is not None else now
        msgs = parse_messages(
            messages, default_at=default_at, max_bytes=self.config.max_message_bytes
        )
        # the episodes' sentences embed on a worker thread while the extractor parses:
        # the embedding model and spaCy then use both cores
        recall = self.config.recall
        min_words = recall.passage_min_words if recall.passages else None
        texts = embedded_texts(msgs)
        pending = self._workers().submit(self.embedder.embed, texts)
        extractions = self.extractor.extract(_utterances(msgs))
        known = dict(zip(texts, pending.result(), strict=True))
        extractions = with_frames(self.frames, msgs, extractions, known)
        w = self._writer(uid)
        planned = plan_add(
            w,
            msgs,
            extractions,
            session=session,
            source=source,
            embed=self._embed,
            known=known,
            passage_min_words=min_words,
        )
        w.commit()
        outcomes = planned.outcomes
        created = [
            o.memory_id for o in outcomes if o.action in ("created", "won", "kept_both", "ended")
        ]
        corroborated = list(dict.fromkeys(o.corroborated for o in outcomes if o.corroborated))
        superseded = [s for o in outcomes for s in o.superseded]
        return AddResult(
            episodes=tuple(self._models(uid, planned.episodes, Episode)),
            memories=tuple(self._models(uid, created, Memory)),
            corroborated=tuple(self._models(uid, corroborated, Memory)),
            superseded=tuple(self._models(uid, superseded, Memory)),
            entities=tuple(self._models(uid, planned.entities, Entity)),
        )

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
        text = check_text(text, max_bytes=self.config.max_message_bytes)
        source = _check_source(source)
        try:
            kind_v = Kind(kind)
        except ValueError as exc:
            raise InvalidInputError(f"kind must be one of {[k.value for k in Kind]}") from exc
        if predicate is not None:
            check_predicate(predicate)
        if (predicate is None) != (subject is None):
            raise InvalidInputError("subject and predicate go together: give both or neither")
        if not isinstance(confidence, int | float) or not 0.0 <= confidence <= 1.0:
            raise InvalidInputError("confidence must be a number in [0, 1]")
        if kind_v == Kind.PREFERENCE and polarity is None:
            polarity = "dislike" if predicate in ("dislikes", "hates") else "like"
        if polarity not in (None, "like", "dislike"):
            raise InvalidInputError("polarity must be 'like' or 'dislike'")
        for what, value in (("subject", subject), ("object", object)):
            if value is not None and not entity_key(check_text(value, what=what)):
                raise InvalidInputError(f"{what} has no letters or digits")
        subject = " ".join(subject.split()) if subject else None
        object = " ".join(object.split()) if object else None
        w = self._writer(uid)
        if isinstance(sources, str):
            raise InvalidInputError("sources must be a list of episode ids")
        episodes = [w.require(i, "Episode") for i in dict.fromkeys(sources)]
        vectors = self._embed([text, *(n for n in (subject, object) if n)])
        resolver = Resolver(w, lambda n: vectors[n])
        outcome = write_memory(
            w,
            Candidate(
                kind=kind_v,
                text=text,
                source=source,
                confidence=float(confidence),
                subject=subject,
                subject_id=resolver.resolve(subject) if subject else None,
                predicate=predicate,
                object=object,
                object_id=resolver.resolve(object) if object else None,
                polarity=polarity,
                valid_from=to_utc(at, what="at") if at is not None else None,
                episode_ids=[e.id for e in episodes],
                refs=[str(e.props.get("ref") or "") for e in episodes],
                embedding=vectors[text],
            ),
        )
        w.commit()
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
        w = self._writer(uid)
        old = w.require(memory_id, "Memory")
        p = old.props
        new_text = check_text(text) if text is not None else p["text"]
        new_object = check_text(object, what="object") if object is not None else p.get("object")
        vectors = self._embed([new_text] + ([new_object] if new_object else []))
        resolver = Resolver(w, lambda n: vectors[n])
        object_id = p.get("object_id")
        if object is not None and new_object:
            object_id = resolver.resolve(new_object)
        if confidence is not None and not 0.0 <= confidence <= 1.0:
            raise InvalidInputError("confidence must be a number in [0, 1]")
        rec = new_version(
            w,
            old,
            Candidate(
                kind=Kind(p["kind"]),
                text=new_text,
                source=_check_source(source) if source is not None else p.get("source", "user"),
                confidence=float(confidence if confidence is not None else p.get("confidence", 1)),
                subject=p.get("subject"),
                subject_id=p.get("subject_id"),
                predicate=p.get("predicate"),
                object=new_object,
                object_id=object_id,
                polarity=p.get("polarity"),
                valid_from=to_utc(at, what="at") if at is not None else w.now,
                episode_ids=list(p.get("episode_ids") or []),
                refs=list(p.get("refs") or []),
                embedding=vectors[new_text],
            ),
            reason="update",
        )
        w.commit()
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
        correction = check_text(correction, what="correction")
        old = self._node(uid, memory_id, "Memory")
        if object is None and old.props.get("object_id"):
            object = self._object_from(uid, correction, old)
        return self.update(
            memory_id, uid, text=correction, object=object, source="feedback", confidence=1.0
        )

    def _object_from(self, uid: str, correction: str, old: NodeRecord) -> str | None:
        obj = self.store.get(uid, [old.props["object_id"]])
        wanted = obj[0].props.get("type") if obj else None
        subject_key = entity_key(old.props.get("subject") or "")
        [extraction] = self.extractor.extract([Utterance(correction, to_utc(self.clock()))])
        for ent in extraction.entities:
            if ent.type == wanted and entity_key(ent.name) != subject_key:
                return ent.name
        return None

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
        w = self._writer(uid)
        rec = w.require(node_id)
        if rec.label not in ("Memory", "Entity"):
            raise InvalidInputError(f"only memories and entities can be frozen, not {rec.label}")
        if bool(rec.props.get("frozen")) == frozen:
            raise InvalidInputError(f"{node_id} is already {'frozen' if frozen else 'unfrozen'}")
        entry = f"{w.now_s} {'freeze' if frozen else 'unfreeze'}: {reason}".strip()
        w.set(
            node_id,
            {"frozen": frozen, "audit": [*(rec.props.get("audit") or []), entry]},
            guard=False,
        )
        w.changes.guard(node_id, not_frozen=frozen)
        w.commit()
        model = to_model(self._node(uid, node_id))
        assert isinstance(model, Memory | Entity)
        return model

    def merge(self, ids: Sequence[str], user_id: str | None = None) -> Memory | Entity:
        """Merge entities (or memories) into the first id; returns the survivor."""
        uid = self._user(user_id)
        w = self._writer(uid)
        survivor = merge_nodes(w, ids)
        w.commit()
        model = to_model(self._node(uid, survivor))
        assert isinstance(model, Memory | Entity)
        return model

    def unmerge(self, merged_id: str, user_id: str | None = None) -> list[str]:
        """Undo an explicit merge exactly, if the survivor has not changed since."""
        uid = self._user(user_id)
        w = self._writer(uid)
        restored = unmerge_node(w, merged_id)
        w.commit()
        return restored

    def delete(self, node_id: str, user_id: str | None = None, *, reason: str = "deleted") -> None:
        """Remove a node and its relationships, leaving a Tombstone (id, time, reason)
        unless the audit policy keeps none."""
        uid = self._user(user_id)
        w = self._writer(uid)
        rec = w.require(node_id)
        if rec.label == "Tombstone":
            raise NotFoundError(f"{node_id} is already deleted")
        w.guard(node_id)
        tombstone(w, rec, reason, keep=lifecycle_for(self.config, uid).audit.keep_tombstones)
        w.commit()

    def forget(
        self, node_id: str | None = None, *, user_id: str | None = None, reason: str = "forgotten"
    ) -> dict[str, int]:
        """Data-subject deletion: remove the content of one node (with every version of a
        memory, or the memories that came only from an episode) or, without ``node_id``,
        of everything the user has. Frozen nodes must be unfrozen first. Returns counts
        per label of the nodes removed."""
        uid = self._user(user_id)
        w = self._writer(uid)
        if node_id is None:
            ids = [r.id for label in ("Memory", "Entity", "Episode") for r in w.find(label, {})]
        else:
            ids = [node_id]
        keep = lifecycle_for(self.config, uid).audit.keep_tombstones
        counts = forget_nodes(w, ids, reason, keep=keep)
        w.commit()
        return counts

    def retract(self, memory_id: str, user_id: str | None = None, *, reason: str = "") -> Memory:
        """The user withdraws a memory: it leaves recall at once and expires at the next
        sweep (cleanup policy ``drop_retracted``)."""
        uid = self._user(user_id)
        w = self._writer(uid)
        retract(w, memory_id, reason)
        w.commit()
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
        at = to_utc(now, what="now") if now is not None else to_utc(self.clock())
        w = Writer(self.store, uid, at, self.config)
        report = sweep(w, lifecycle_for(self.config, uid))
        if dry_run:
            return report.model_copy(update={"dry_run": True})
        w.commit()
        return report

    # ------------------------------------------------------------ reads
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
        query = check_text(query, what="query", max_bytes=self.config.max_message_bytes)
        if not isinstance(k, int) or k < 1 or k > 1000:
            raise InvalidInputError("k must be an integer in [1, 1000]")
        hits = self._searcher.search(
            query,
            uid,
            k=k,
            as_of=to_utc(as_of, what="as_of") if as_of else None,
            kinds=kinds,
            include_archived=include_archived,
        )
        if self.config.recall.track_activation and hits:
            self._mark_recalled(uid, [h.memory.id for h in hits])
        return hits

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
        if not isinstance(budget_tokens, int) or budget_tokens < 1:
            raise InvalidInputError("budget_tokens must be a positive integer")
        return pack(self.search(query, user_id, k=k, as_of=as_of), budget_tokens)

    def _mark_recalled(self, uid: str, ids: list[str]) -> None:
        """Activation bookkeeping for one search: one small write; a race with a
        concurrent freeze or delete only skips the bookkeeping."""
        w = self._writer(uid)
        mark_recalled(w, w.nodes(ids).values(), lifecycle_for(self.config, uid))
        with contextlib.suppress(FrozenError, NotFoundError):
            w.commit()

    def get(
        self, node_id: str, user_id: str | None = None, *, as_of: datetime | str | None = None
    ) -> Memory | Episode | Entity:
        """A node by id. With ``as_of``, the version of its chain valid at that time."""
        uid = self._user(user_id)
        rec = self._node(uid, node_id)
        if rec.label == "Tombstone":
            raise NotFoundError(f"{node_id} was deleted ({rec.props.get('reason')})")
        if as_of is None or rec.label != "Memory":
            return to_model(rec)
        t = encode(to_utc(as_of, what="as_of")) or ""
        for version in self.history(node_id, uid):
            start = encode(version.valid_from) or encode(version.created_at) or ""
            end = encode(version.valid_to)
            if (
                start <= t
                and (end is None or t < end)
                and version.status not in ("merged", "expired")
            ):
                return version
        raise NotFoundError(f"no version of {node_id} was valid at {t}")

    def history(self, memory_id: str, user_id: str | None = None) -> list[Memory]:
        """Every version of a memory's chain, newest first, from any member."""
        uid = self._user(user_id)
        rec = self._node(uid, memory_id, "Memory")
        chain = self.store.find(uid, "Memory", {"chain_id": rec.props.get("chain_id", rec.id)})
        versions = [to_memory(r) for r in chain]
        return sorted(versions, key=lambda m: (m.version, m.created_at), reverse=True)

    def entities(self, user_id: str | None = None, *, include_merged: bool = False) -> list[Entity]:
        """The user's entities (survivors only, unless ``include_merged``)."""
        uid = self._user(user_id)
        where = None if include_merged else {"status": "active"}
        return [to_entity(r) for r in self.store.find(uid, "Entity", where, order_by="name")]

    def memories(self, user_id: str | None = None, *, include_closed: bool = False) -> list[Memory]:
        """The user's memories: current ones, or every version with ``include_closed``."""
        uid = self._user(user_id)
        where = None if include_closed else {"status": sorted(LIVE_STATUSES)}
        recs = self.store.find(uid, "Memory", where, order_by="created_at")
        return [to_memory(r) for r in recs]

    def stats(self, user_id: str | None = None) -> Stats:
        uid = self._user(user_id)
        counts = self.store.counts(uid)
        by_kind = {str(k): 0 for k in Kind}
        for rec in self.store.find(uid, "Memory"):
            by_kind[rec.props["kind"]] += 1
        return Stats(
            user_id=uid,
            episodes=counts.get("Episode", 0),
            entities=counts.get("Entity", 0),
            memories=counts.get("Memory", 0),
            by_kind=by_kind,
            by_status={k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith("Memory:")},
            tombstones=counts.get("Tombstone", 0),
            frozen=len(self.store.find(uid, "Memory", {"frozen": True}))
            + len(self.store.find(uid, "Entity", {"frozen": True})),
        )

    # ------------------------------------------------------------ helpers
    def _node(self, uid: str, node_id: str, label: str | None = None) -> NodeRecord:
        if not isinstance(node_id, str) or not node_id:
            raise InvalidInputError("id must be a non-empty string")
        found = self.store.get(uid, [node_id])
        if not found or (label is not None and found[0].label != label):
            raise NotFoundError(f"no {(label or 'node').lower()} {node_id!r} for user {uid!r}")
        return found[0]

    def _memory(self, uid: str, memory_id: str) -> Memory:
        return to_memory(self._node(uid, memory_id, "Memory"))

    def _models(self, uid: str, ids: Sequence[str], cls: type[Any]) -> list[Any]:
        return [m for m in map(to_model, self.store.get(uid, ids)) if isinstance(m, cls)]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        self.store.close()

    def __enter__(self) -> GraphMem:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _utterances(msgs: Sequence[Message]) -> list[Utterance]:
    """Utterances with addressees: in a two-party batch, each speaks to the other."""
    speakers = list(dict.fromkeys(m.speaker for m in msgs if m.speaker))
    out = []
    previous: str | None = None
    for m in msgs:
        addressee = None
        if len(speakers) == 2 and m.speaker in speakers:
            addressee = speakers[1 - speakers.index(m.speaker)]
        elif previous and previous != m.speaker:
            addressee = previous
        out.append(Utterance(m.text, m.at, m.speaker, addressee))
        previous = m.speaker or previous
    return out


def _check_source(source: object) -> str:
    if not isinstance(source, str) or not _SOURCE_RE.match(source):
        raise InvalidInputError(f"source must match {_SOURCE_RE.pattern}, got {source!r}")
    return source


def _check_session(session_id: object) -> str:
    if session_id is None:
        return "default"
    if not isinstance(session_id, str) or not _SESSION_RE.match(session_id):
        raise InvalidInputError(f"session_id must match {_SESSION_RE.pattern}")
    return session_id
