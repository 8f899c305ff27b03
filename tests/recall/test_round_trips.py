"""A search asks its store for what ranking needs in few round trips: three reads
(``seeds``, ``spread`` (started, and read after the work it overlaps), ``expand``) and
the write of the recall bookkeeping (sent unconfirmed: a server store does not wait for
its answer), counted through a wrapper of the store (and, on a Cypher store, per
statement sent to the server); no read a search makes returns an embedding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import pytest

import graphmem
from graphmem.stores.base import NodeRecord, Store
from tests.conftest import FakeClock
from tests.doubles import HashEmbedder, RuleExtractor
from tests.recall.test_determinism import SESSIONS

#: a question that names an entity and asks one of its facts (every step runs), one
#: that names nobody, one about a time
QUESTIONS = ("Where does Anna live?", "Who said thanks?", "What happened in June 2023?")


class CountingStore:
    """A store that counts the calls made to it and keeps what its reads returned."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.uri = inner.uri
        self.calls: Counter[str] = Counter()
        self.returned: list[Any] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.inner, name)
        if not callable(method):
            return method

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls[name] += 1
            out = method(*args, **kwargs)
            if callable(out):  # a started read: what it gives is kept when it is read
                started = out

                def finished() -> Any:
                    result = started()
                    self.returned.append(result)
                    return result

                return finished
            self.returned.append(out)
            return out

        return counted


def _embeddings_in(value: Any) -> list[Any]:
    """Anything in ``value`` that is or holds a vector: a node record's embedding, an
    ``embedding`` property, or a long list of floats."""
    found: list[Any] = []
    if isinstance(value, NodeRecord):
        if value.embedding is not None or "embedding" in value.props:
            found.append(value)
        return found
    if isinstance(value, dict):
        for v in value.values():
            found += _embeddings_in(v)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        if len(value) >= 64 and all(isinstance(x, float) for x in value):
            found.append(value)
        for v in value:
            found += _embeddings_in(v)
    elif hasattr(value, "__dict__"):
        found += _embeddings_in(vars(value))
    return found


def _fed(store: Store) -> graphmem.GraphMem:
    clock = FakeClock(graphmem.timeutil.to_utc("2023-08-01T00:00:00Z"))
    mem = graphmem.GraphMem(
        store, embedder=HashEmbedder(), extractor=RuleExtractor(), clock=clock, user_id="u1"
    )
    for n, (at, turns) in enumerate(SESSIONS):
        messages = [
            {"speaker": s, "content": t, "ref": f"D{n}:{i}", "at": at}
            for i, (s, t) in enumerate(turns)
        ]
        mem.add(messages, session_id=f"s{n}")
    return mem


@pytest.mark.parametrize("question", QUESTIONS)
def test_a_search_is_three_reads_and_one_write_without_embeddings(
    store: Store, question: str
) -> None:
    counting = CountingStore(store)
    mem = _fed(counting)  # type: ignore[arg-type]
    statements: list[str] = []
    rows: list[Any] = []
    dialect = getattr(store, "dialect", None)
    if dialect is not None:  # a Cypher store: count what reaches the server too
        run, send, start = dialect.run, dialect.send, dialect.start

        def counted(query: str, params: dict[str, Any], *, write: bool) -> list[Any]:
            statements.append(query)
            out = run(query, params, write=write)
            rows.append(out)
            return out

        def sent(query: str, params: dict[str, Any]) -> None:
            statements.append(query)
            send(query, params)

        def started(query: str, params: dict[str, Any]) -> Any:
            statements.append(query)
            records = start(query, params)

            def read() -> Any:
                out = records()
                rows.append(out)
                return out

            return read

        dialect.run, dialect.send, dialect.start = counted, sent, started
    counting.calls.clear()
    counting.returned.clear()
    hits = mem.search(question, k=5)
    assert hits
    assert dict(counting.calls) == {
        "seeds": 1,
        "start_spread": 1,
        "expand": 1,
        "apply_unconfirmed": 1,
    }
    assert _embeddings_in(counting.returned) == []
    if dialect is not None:
        assert len(statements) == 4
        assert _embeddings_in(rows) == []
