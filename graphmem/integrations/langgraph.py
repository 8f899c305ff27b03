"""graphmem as a LangGraph long-term memory store: ``GraphMemStore(mem)`` is a
``langgraph.store.base.BaseStore`` over an open ``GraphMem``.

    store = GraphMemStore(graphmem.open("local:///data/mem"))
    graph = builder.compile(store=store)

**A namespace is a graphmem user.** The namespace ``("memories", "alice")`` is the user
``langgraph:memories.alice`` (``prefix`` + ``:`` + the labels joined by ``.``). LangGraph
forbids ``.`` and empty labels, so the mapping is one-to-one and reversible, and two
namespaces never share anything: extraction, entity resolution, conflicts and recall
all stay inside one user. Any graphmem tool can open the same memories by that user id
(``graphmem --user langgraph:memories.alice search ...``).

**An item is an episode.** ``put(namespace, key, value)`` adds one episode to the
namespace's user with ``ref = key``, and graphmem draws memories from it as from any
message. Its text is the text at the ``index`` fields when given, else
``value["content"]`` when that is a non-empty string, else the value's JSON. The value
itself is kept on the episode (property ``item_value``, JSON), so ``get`` returns it as
it was put. A put over an existing key replaces the item: the new episode is added
(in a session of its own, see ``_session``), then the old one is forgotten with the
memories drawn only from it (graphmem keeps tombstones); a put of the same text again
keeps the stored episode and stores the new value on it. ``delete`` forgets the same
way. graphmem indexes everything it stores, so ``index=False`` is treated like the
default. TTLs are not supported (graphmem's lifecycle policy archives and expires
unused memories instead).

**Search goes through graphmem's recall.** With a ``query``, each namespace under the
prefix is searched with ``GraphMem.search``; a hit (a memory or an episode) counts for
the items its source refs name, each item scored by its best hit (graphmem's score:
higher is better, not bounded by 1), best first; items recall did not find are not
returned. Without a query, items come newest first.
``filter`` matches the stored values: a plain value matches by equality (nested dicts
field by field), and ``{"$eq" | "$ne" | "$gt" | "$gte" | "$lt" | "$lte": operand}``
compares (a comparison between different types is false).

**Namespaces are listed from a registry** in the same store: the user named ``prefix``
holds one entity of type ``namespace`` per namespace that has items (written when the
first item is put, deleted with the last one). The engine's API has no call that writes
a node without extraction, so the registry entity and the item's value are written
through the store interface (``GraphMem.store.apply``), with the existing labels and
plain properties, which every store keeps as they are.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import operator
import re
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from langgraph.store.base import (
    BaseStore,
    GetOp,
    Item,
    ListNamespacesOp,
    MatchCondition,
    Op,
    PutOp,
    Result,
    SearchItem,
    SearchOp,
    get_text_at_path,
    validate_op_namespace,
)
from langgraph.store.base import InvalidNamespaceError as _InvalidNamespaceError

from graphmem.engine import GraphMem
from graphmem.errors import InvalidInputError
from graphmem.models import EntityStatus
from graphmem.stores.base import NodeRecord
from graphmem.timeutil import decode, encode, to_utc
from graphmem.writer import Writer

__all__ = ["GraphMemStore"]

_PREFIX_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_SESSION_RE = re.compile(r"^[\w.:@/-]{1,100}$")
_NAMESPACE_TYPE = "namespace"
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "$eq": operator.eq,
    "$ne": operator.ne,
    "$gt": operator.gt,
    "$gte": operator.ge,
    "$lt": operator.lt,
    "$lte": operator.le,
}


class GraphMemStore(BaseStore):
    """A LangGraph ``BaseStore`` whose namespaces are graphmem users (see the module
    docstring for the mapping). Operations run one at a time; the async variants run
    them on a worker thread."""

    supports_ttl = False

    def __init__(self, mem: GraphMem, *, prefix: str = "langgraph") -> None:
        if not _PREFIX_RE.match(prefix):
            raise InvalidInputError(f"prefix must match {_PREFIX_RE.pattern}")
        self.mem = mem
        self.prefix = prefix
        self._lock = threading.Lock()

    # ------------------------------------------------------------ the mapping
    def user_id(self, namespace: tuple[str, ...]) -> str:
        """The graphmem user that holds ``namespace``."""
        if not namespace:
            raise _InvalidNamespaceError("Namespace cannot be empty.")
        user = f"{self.prefix}:{'.'.join(namespace)}"
        if len(user) > 256:
            raise InvalidInputError(f"namespace {namespace} is too long for a user id")
        return user

    @property
    def registry_user(self) -> str:
        """The graphmem user whose entities list the namespaces."""
        return self.prefix

    # ------------------------------------------------------------ BaseStore
    def batch(self, ops: Iterable[Op]) -> list[Result]:
        """Run ``ops`` in order; each result at its op's position."""
        ops = list(ops)
        for op in ops:
            validate_op_namespace(op)
        with self._lock:
            return [self._run(op) for op in ops]

    async def abatch(self, ops: Iterable[Op]) -> list[Result]:
        return await asyncio.to_thread(self.batch, list(ops))

    def _run(self, op: Op) -> Result:
        if isinstance(op, GetOp):
            return self._get(op)
        if isinstance(op, PutOp):
            self._put(op)
            return None
        if isinstance(op, SearchOp):
            return self._search(op)
        if isinstance(op, ListNamespacesOp):
            return self._list_namespaces(op)
        raise InvalidInputError(f"unknown store operation {type(op).__name__}")

    # ------------------------------------------------------------ items
    def _get(self, op: GetOp) -> Item | None:
        if not op.namespace:
            return None
        key = _check_key(op.key)
        latest = _latest(self._episodes(self.user_id(op.namespace), [key]))
        return _item(op.namespace, latest[key]) if key in latest else None

    def _put(self, op: PutOp) -> None:
        uid = self.user_id(op.namespace)
        key = _check_key(op.key)
        old = self._episodes(uid, [key])
        if op.value is None:
            self._forget(uid, old, "deleted through the LangGraph store")
            if not self.mem.store.find(uid, "Episode", limit=1):
                self._unregister(op.namespace)
            return
        value = dict(op.value)
        try:
            encoded = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError(
                f"the value of {key!r} is not JSON-serialisable: {exc}"
            ) from exc
        self._register(op.namespace)
        text = _text(value, op.index)
        previous = _latest(old).get(key)
        # graphmem's adds are idempotent by (session, ref): the same text again is the
        # stored episode; another text goes to a session of its own
        same = previous is not None and previous.props.get("text") == text.strip()
        session = str(previous.props["session_id"]) if same and previous else _free(key, old)
        [episode] = self.mem.add({"content": text, "ref": key}, uid, session_id=session).episodes
        first = encode(episode.created_at)
        if previous is not None:  # a replaced item keeps the time it was first put
            first = previous.props.get("item_created_at") or previous.props["created_at"]
        w = self._writer(uid)
        w.set(episode.id, {"item_value": encoded, "item_created_at": first})
        w.commit()
        replaced = [r for r in old if r.id != episode.id]
        self._forget(uid, replaced, "replaced through the LangGraph store")

    def _forget(self, uid: str, episodes: Sequence[NodeRecord], reason: str) -> None:
        for rec in episodes:
            self.mem.forget(rec.id, user_id=uid, reason=reason)

    def _episodes(self, uid: str, keys: Sequence[str]) -> list[NodeRecord]:
        """The episodes that hold these keys (normally one each), oldest first."""
        if not keys:
            return []
        found = self.mem.store.find(uid, "Episode", {"ref": list(keys)}, order_by="created_at")
        return [r for r in found if str(r.props.get("session_id", "")).startswith("item")]

    # ------------------------------------------------------------ search
    def _search(self, op: SearchOp) -> list[SearchItem]:
        if op.limit < 0 or op.offset < 0:
            raise InvalidInputError("limit and offset must not be negative")
        prefix = tuple(op.namespace_prefix)
        namespaces = [ns for ns in self._namespaces() if ns[: len(prefix)] == prefix]
        found: list[tuple[float | None, Item]] = []
        for ns in namespaces:
            if op.query and op.query.strip():
                found += self._recall(ns, op)
            else:
                latest = _latest(self.mem.store.find(self.user_id(ns), "Episode"))
                found += [(None, _item(ns, rec)) for rec in latest.values()]
        found = [(s, i) for s, i in found if _matches(i.value, op.filter or {})]
        if op.query and op.query.strip():
            found.sort(key=lambda si: (-(si[0] or 0.0), si[1].namespace, si[1].key))
        else:
            found.sort(key=lambda si: (si[1].namespace, si[1].key))
            found.sort(key=lambda si: si[1].updated_at, reverse=True)
        return [
            SearchItem(
                namespace=item.namespace,
                key=item.key,
                value=item.value,
                created_at=item.created_at,
                updated_at=item.updated_at,
                score=score,
            )
            for score, item in found[op.offset : op.offset + op.limit]
        ]

    def _recall(self, ns: tuple[str, ...], op: SearchOp) -> list[tuple[float | None, Item]]:
        """The namespace's items found by recall, each with its best hit's score."""
        assert op.query is not None
        uid = self.user_id(ns)
        wanted = op.offset + op.limit
        k = min(1000, 20 + 4 * wanted * (4 if op.filter else 1))
        best: dict[str, float] = {}
        for hit in self.mem.search(op.query, uid, k=k):
            for ref in hit.sources:
                if ref and hit.score > best.get(ref, float("-inf")):
                    best[ref] = hit.score
        latest = _latest(self._episodes(uid, list(best)))
        return [(best[key], _item(ns, rec)) for key, rec in latest.items()]

    # ------------------------------------------------------------ namespaces
    def _namespaces(self) -> list[tuple[str, ...]]:
        entities = self.mem.entities(user_id=self.registry_user)
        names = {e.name for e in entities if e.type == _NAMESPACE_TYPE}
        return sorted(tuple(name.split(".")) for name in names)

    def _registry_entries(self, namespace: tuple[str, ...]) -> list[NodeRecord]:
        name = ".".join(namespace)
        return self.mem.store.find(self.registry_user, "Entity", {"key": name})

    def _register(self, namespace: tuple[str, ...]) -> None:
        if self._registry_entries(namespace):
            return
        name = ".".join(namespace)
        w = self._writer(self.registry_user)
        w.create(
            "Entity",
            {
                "name": name,
                "key": name,
                "type": _NAMESPACE_TYPE,
                "aliases": [],
                "status": EntityStatus.ACTIVE,
                "frozen": False,
                "created_at": w.now_s,
                "updated_at": w.now_s,
            },
            prefix="ns",
        )
        w.commit()

    def _writer(self, user_id: str) -> Writer:
        return Writer(self.mem.store, user_id, to_utc(self.mem.clock()), self.mem.config)

    def _unregister(self, namespace: tuple[str, ...]) -> None:
        for rec in self._registry_entries(namespace):
            self.mem.delete(rec.id, self.registry_user, reason="namespace emptied")

    def _list_namespaces(self, op: ListNamespacesOp) -> list[tuple[str, ...]]:
        if op.limit < 0 or op.offset < 0:
            raise InvalidInputError("limit and offset must not be negative")
        namespaces = [
            ns
            for ns in self._namespaces()
            if all(_condition_holds(c, ns) for c in op.match_conditions or ())
        ]
        if op.max_depth is not None:
            namespaces = sorted({ns[: op.max_depth] for ns in namespaces})
        return namespaces[op.offset : op.offset + op.limit]


# ---------------------------------------------------------------- helpers
def _check_key(key: object) -> str:
    """An item key as graphmem keeps it in an episode's ``ref``."""
    if not isinstance(key, str) or not key.strip() or key != key.strip() or len(key) > 512:
        raise InvalidInputError(
            f"item key {key!r} must be a non-empty string of at most 512 characters "
            "without leading or trailing spaces"
        )
    return key


def _session(key: str, version: int = 1) -> str:
    """A session of an item's episodes: one per key, so that items are not linked to
    each other as consecutive turns; a replacement with another text goes to a session
    of its own (``version`` 2, 3, ...) while the episode it replaces is still stored,
    as graphmem's adds are idempotent by (session, ref)."""
    if version == 1 and _SESSION_RE.match(key):
        return f"item:{key}"
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]
    return f"item-sha256:{digest}" if version == 1 else f"item-v{version}:{digest}"


def _free(key: str, episodes: Sequence[NodeRecord]) -> str:
    """The first session of ``key`` that holds none of its stored ``episodes``."""
    taken = {r.props.get("session_id") for r in episodes}
    version = 1
    while _session(key, version) in taken:
        version += 1
    return _session(key, version)


def _latest(episodes: Iterable[NodeRecord]) -> dict[str, NodeRecord]:
    """The newest episode of each key (a replaced item's episode is normally forgotten
    at once; this keeps reads right if a put was interrupted)."""
    latest: dict[str, NodeRecord] = {}
    for rec in episodes:
        ref = rec.props.get("ref")
        if not isinstance(ref, str):
            continue
        mine = (str(rec.props.get("created_at")), int(rec.props.get("seq") or 0))
        current = latest.get(ref)
        if current is None or mine >= (
            str(current.props.get("created_at")),
            int(current.props.get("seq") or 0),
        ):
            latest[ref] = rec
    return latest


def _item(namespace: tuple[str, ...], rec: NodeRecord) -> Item:
    stored = rec.props.get("item_value")
    # an episode whose value was never recorded (a put cut short) keeps its text
    value = json.loads(stored) if isinstance(stored, str) else {"content": rec.props["text"]}
    updated = _time(rec.props["created_at"])
    first = rec.props.get("item_created_at")
    return Item(
        value=value,
        key=rec.props["ref"],
        namespace=namespace,
        created_at=_time(first) if first else updated,
        updated_at=updated,
    )


def _time(stored: str) -> datetime:
    decoded = decode(stored)
    assert decoded is not None
    return decoded


def _text(value: Mapping[str, Any], index: Any) -> str:
    """What graphmem stores as the item's episode text."""
    if isinstance(index, list) and index:
        texts = [t for path in index for t in get_text_at_path(value, path) if t.strip()]
        if texts:
            return "\n".join(texts)
    content = value.get("content")
    if isinstance(content, str) and content.strip():
        return content
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _matches(value: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    return all(_match(value.get(name), want) for name, want in wanted.items())


def _match(actual: Any, want: Any) -> bool:
    if isinstance(want, Mapping):
        if any(str(name).startswith("$") for name in want):
            return all(_compare(actual, name, operand) for name, operand in want.items())
        return isinstance(actual, Mapping) and _matches(actual, want)
    return bool(actual == want)


def _compare(actual: Any, name: str, operand: Any) -> bool:
    compare = _COMPARE.get(name)
    if compare is None:
        raise InvalidInputError(f"unknown filter operator {name!r}: use one of {list(_COMPARE)}")
    try:
        return bool(compare(actual, operand))
    except TypeError:
        return False


def _condition_holds(condition: MatchCondition, namespace: tuple[str, ...]) -> bool:
    if condition.match_type not in ("prefix", "suffix"):
        raise InvalidInputError(f"unknown namespace match type {condition.match_type!r}")
    path = tuple(condition.path)
    if len(path) > len(namespace):
        return False
    start = 0 if condition.match_type == "prefix" else len(namespace) - len(path)
    part = namespace[start : start + len(path)]
    return all(p in ("*", n) for p, n in zip(path, part, strict=True))
