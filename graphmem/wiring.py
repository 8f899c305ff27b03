"""What every part of the public API stands on: one store, one embedder, one extractor
and the config, wired once (``Wiring``), with the helpers the API's methods share: the
user of a call, a write committed with retries (``writer.write``), nodes read back as
models. The API itself is ``dataio.DataInOut`` (documents, files, export and import) and
``engine.GraphMem`` (memories: add, edit, recall, lifecycle)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Self, TypeVar

from graphmem.adding import Models, Planned
from graphmem.codec import to_memory, to_model
from graphmem.config import Config, LifecyclePolicy, lifecycle_for
from graphmem.embedding import Embedder, MiniLMEmbedder
from graphmem.errors import NotFoundError
from graphmem.extraction.base import Extractor
from graphmem.extraction.frames import FrameMatcher
from graphmem.extraction.spacy_extractor import SpacyExtractor
from graphmem.models import AddResult, Entity, Episode, Memory
from graphmem.recall.search import Searcher
from graphmem.stores.base import NodeRecord, Store
from graphmem.timeutil import Clock, to_utc, utcnow
from graphmem.validation import Validator
from graphmem.writer import Writer, write

T = TypeVar("T")


class Wiring:
    """The engine's parts and shared helpers (see the module)."""

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
        self.default_user = self._check.user_id(user_id) if user_id is not None else None
        #: the predicate frames of ``config.predicates`` over this engine's embedder
        self.frames = FrameMatcher(self.config.predicates, self.embedder.embed, self.embedder)
        self._searcher = Searcher(store, self.config, self.embedder, self.clock)
        self._prep = Models(self.extractor, self.embedder, self.frames)

    def _user(self, user_id: str | None) -> str:
        return self._check.user_id(user_id if user_id is not None else self.default_user)

    def _policy(self, uid: str) -> LifecyclePolicy:
        return lifecycle_for(self.config, uid)

    def _writer(self, uid: str, now: datetime | None = None) -> Writer:
        return Writer(self.store, uid, now or to_utc(self.clock()), self.config)

    def _write(self, uid: str, plan: Callable[[Writer], T], now: datetime | None = None) -> T:
        return write(self.store, uid, now or to_utc(self.clock()), self.config, plan)

    def _result(
        self, uid: str, planned: Planned | None, episodes: Sequence[str], **more: Any
    ) -> AddResult:
        if planned is None:  # stored already
            found = self._load(uid, episodes, Episode)
            return AddResult(episodes=found, **{"already_stored": found, **more})
        return AddResult(
            episodes=self._load(uid, episodes, Episode),
            memories=self._load(uid, planned.created, Memory),
            corroborated=self._load(uid, planned.corroborated, Memory),
            superseded=self._load(uid, planned.superseded, Memory),
            entities=self._load(uid, planned.entities, Entity),
            **more,
        )

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

    def _load(self, uid: str, ids: Sequence[str], cls: type[Any]) -> tuple[Any, ...]:
        return tuple(m for m in map(to_model, self.store.get(uid, ids)) if isinstance(m, cls))

    def close(self) -> None:
        self._prep.close()
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
