"""Writers at once on one user (DESIGN §2, invariant 10): two threads here, two
processes in ``tests/test_processes.py`` and, longer, ``benchmarks/reliability.py``.
Every acknowledged write is stored, and the invariants hold
(``graphmem.invariants``): one current version per single-valued subject and slot,
unique sequence numbers, one linear NEXT chain per session."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

import graphmem
from graphmem.engine import GraphMem
from graphmem.invariants import violations

CITIES = ["Paris", "Rome", "Oslo", "Lima", "Quito", "Delhi"]


def _hammer(mem: GraphMem, worker: int, rounds: int, acked: list[str], errors: list[Any]) -> None:
    """Adds to one shared session and conflicting direct writes, interleaved."""
    try:
        for i in range(rounds):
            city = CITIES[(worker + i) % len(CITIES)]
            r = mem.add(
                {"speaker": "Anna", "content": f"I live in {city}.", "ref": f"w{worker}:{i}"},
                session_id="shared",
            )
            acked += [e.id for e in r.episodes] + [m.id for m in r.memories]
            m = mem.remember(
                f"Ben lives in {city}.",
                subject="Ben",
                predicate="lives_in",
                object=city,
                at=f"2024-01-{1 + (i % 28):02d}",
            )
            acked.append(m.id)
    except BaseException as exc:  # reported by the test
        errors.append(exc)


def _run(mem: GraphMem, workers: int, rounds: int) -> list[str]:
    acked: list[str] = []
    errors: list[Any] = []
    threads = [
        threading.Thread(target=_hammer, args=(mem, w, rounds, acked, errors))
        for w in range(workers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return acked


def test_two_threads_on_one_user_keep_every_invariant(mem: GraphMem) -> None:
    acked = _run(mem, workers=2, rounds=12)
    stored = {r.id for r in mem.store.get("u1", acked)}
    assert stored == set(acked)  # no acknowledged write lost
    assert violations(mem.store, "u1", mem.config, whole=True) == []
    episodes = mem.store.find("u1", "Episode", {"session_id": "shared"})
    assert sorted(e.props["seq"] for e in episodes) == list(range(1, 25))
    current = [m for m in mem.memories() if m.subject == "Ben"]
    assert len(current) == 1


def test_a_conflict_that_outlives_the_retries_is_a_typed_retryable_error(
    mem: GraphMem, monkeypatch: pytest.MonkeyPatch
) -> None:
    few = GraphMem(
        mem.store,
        config=mem.config.model_copy(update={"write_attempts": 2}),
        embedder=mem.embedder,
        extractor=mem.extractor,
        clock=mem.clock,
        user_id="u1",
    )
    few.add("I live in Paris.", session_id="s")
    rival = GraphMem(mem.store, embedder=mem.embedder, extractor=mem.extractor, user_id="u1")
    calls: list[int] = []
    original: Callable[..., Any] = few.store.find

    racing = threading.local()

    def find_then_race(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        last_turn = args[1:2] == ("Episode",) and kwargs.get("order_by") == "seq"
        if last_turn and not getattr(racing, "on", False):
            calls.append(1)  # another writer appends to the session after each read
            racing.on = True
            try:
                rival.add(f"I live in Rome {len(calls)}.", session_id="s")
            finally:
                racing.on = False
        return found

    monkeypatch.setattr(few.store, "find", find_then_race)
    with pytest.raises(graphmem.ConflictError, match="gave up after 2 attempts") as info:
        few.add("I live in Oslo.", session_id="s")
    assert info.value.retryable
    assert len(calls) == 2
    monkeypatch.undo()
    texts = [e.props["text"] for e in mem.store.find("u1", "Episode")]
    assert "I live in Oslo." not in texts
    assert violations(mem.store, "u1", whole=True) == []


def test_two_threads_adding_the_same_messages_store_them_once(mem: GraphMem) -> None:
    turns = [{"speaker": "Anna", "content": f"I live in {c}.", "ref": f"D1:{c}"} for c in CITIES]
    results: list[graphmem.AddResult] = []
    errors: list[BaseException] = []

    def add_all() -> None:
        try:
            for turn in turns:
                results.append(mem.add(turn, session_id="import"))
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=add_all) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    episodes = mem.store.find("u1", "Episode")
    assert sorted(e.props["ref"] for e in episodes) == sorted(t["ref"] for t in turns)
    assert sum(len(r.already_stored) for r in results) == len(turns)
    assert violations(mem.store, "u1", whole=True) == []


def test_one_document_added_by_two_threads_at_once_is_stored_once(
    mem: GraphMem, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graphmem import documents

    both_looked = threading.Barrier(2, timeout=30)
    looked_up = documents.stored_document

    def stored_document(*args: Any) -> Any:
        found = looked_up(*args)
        both_looked.wait()  # neither has written yet: both go on to plan the document
        return found

    monkeypatch.setattr(documents, "stored_document", stored_document)
    results: list[Any] = []

    def add() -> None:
        try:
            results.append(mem.add_document("# Notes\n\nThe shed key is under the pot.", ref="n"))
        except BaseException as exc:  # reported below
            results.append(exc)

    threads = [threading.Thread(target=add) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(isinstance(r, graphmem.AddResult) for r in results), results
    assert results[0].document.id == results[1].document.id
    assert len(mem.documents()) == 1
    assert len(mem.store.find("u1", "Episode")) == 1  # its one chunk
