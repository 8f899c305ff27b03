"""Bad input gets a clear typed error and leaves the store exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import graphmem
from graphmem.config import Config
from graphmem.engine import GraphMem
from tests.contract.helpers import snapshot

BAD_ADDS: dict[str, tuple[Callable[[GraphMem], Any], type[Exception]]] = {
    "empty text": (lambda m: m.add("   "), graphmem.InvalidInputError),
    "non-string text": (lambda m: m.add({"content": 42}), graphmem.InvalidInputError),
    "empty list": (lambda m: m.add([]), graphmem.InvalidInputError),
    "not a message": (lambda m: m.add(3.14), graphmem.InvalidInputError),
    "over 1 MB": (lambda m: m.add("x" * 1_000_001), graphmem.InvalidInputError),
    "unknown key": (
        lambda m: m.add({"content": "hi", "mood": "happy"}),
        graphmem.InvalidInputError,
    ),
    "bad time": (
        lambda m: m.add({"content": "hi", "at": "yesterday-ish"}),
        graphmem.InvalidInputError,
    ),
    "one bad message in a batch": (
        lambda m: m.add([{"content": "I live in Rome."}, {"content": ""}]),
        graphmem.InvalidInputError,
    ),
    "missing user": (
        lambda m: GraphMem(m.store, embedder=m.embedder, extractor=m.extractor).add(
            "I live in Rome."
        ),
        graphmem.InvalidInputError,
    ),
    "blank user": (lambda m: m.add("I live in Rome.", user_id=" "), graphmem.InvalidInputError),
    "bad source": (
        lambda m: m.add("I live in Rome.", source="DROP TABLE"),
        graphmem.InvalidInputError,
    ),
    "bad session": (
        lambda m: m.add("I live in Rome.", session_id="a b\n"),
        graphmem.InvalidInputError,
    ),
    "bad kind": (lambda m: m.remember("x", kind="opinion"), graphmem.InvalidInputError),
    "bad confidence": (lambda m: m.remember("x", confidence=2.0), graphmem.InvalidInputError),
    "subject without predicate": (
        lambda m: m.remember("x", subject="Anna"),
        graphmem.InvalidInputError,
    ),
    "unknown id": (lambda m: m.update("mem_nope", text="y"), graphmem.NotFoundError),
    "bad k": (lambda m: m.search("hello", k=0), graphmem.InvalidInputError),
    "bad kinds": (lambda m: m.search("hello", kinds=["gossip"]), graphmem.InvalidInputError),
    "merge one id": (lambda m: m.merge(["a"]), graphmem.InvalidInputError),
    "merge ids not a list": (lambda m: m.merge("ab"), graphmem.InvalidInputError),
    "confidence not a number in update": (
        lambda m: m.update(m.memories()[0].id, confidence="high"),  # type: ignore[arg-type]
        graphmem.InvalidInputError,
    ),
    "confidence not a number in remember": (
        lambda m: m.remember("x", confidence="high"),  # type: ignore[arg-type]
        graphmem.InvalidInputError,
    ),
    "get of a passage": (
        lambda m: m.get(m.store.find("u1", "Passage")[0].id),
        graphmem.InvalidInputError,
    ),
    "id not a string": (lambda m: m.delete(42), graphmem.InvalidInputError),  # type: ignore[arg-type]
    "reason not a string": (
        lambda m: m.freeze(m.memories()[0].id, reason=None),  # type: ignore[arg-type]
        graphmem.InvalidInputError,
    ),
}

#: the first turn has three sentences of five words or more: it gets passages
FIRST_TURN = "I live in Paris. I work at the museum there. The museum is very old indeed."


@pytest.mark.parametrize("case", sorted(BAD_ADDS))
def test_bad_input_raises_and_writes_nothing(mem: GraphMem, case: str) -> None:
    mem.add({"speaker": "Anna", "content": FIRST_TURN, "ref": "r1"})
    before = snapshot(mem)
    call, error = BAD_ADDS[case]
    with pytest.raises(error) as info:
        call(mem)
    assert str(info.value)
    assert snapshot(mem) == before


@pytest.mark.parametrize(
    "call",
    [
        lambda m, big, mid: m.add(big),
        lambda m, big, mid: m.remember(big),
        lambda m, big, mid: m.update(mid, text=big),
        lambda m, big, mid: m.update(mid, object=big),
        lambda m, big, mid: m.feedback(mid, big),
        lambda m, big, mid: m.search(big),
    ],
    ids=["add", "remember", "update text", "update object", "feedback", "search"],
)
def test_every_text_obeys_the_configured_size_limit(
    mem: GraphMem, call: Callable[[GraphMem, str, str], Any]
) -> None:
    small = GraphMem(
        mem.store,
        config=Config(max_message_bytes=100),
        embedder=mem.embedder,
        extractor=mem.extractor,
        clock=mem.clock,
        user_id="u1",
    )
    memory = small.remember(
        "Anna works at Acme.", subject="Anna", predicate="works_at", object="Acme"
    )
    before = snapshot(mem)
    with pytest.raises(graphmem.InvalidInputError, match="limit is 100"):
        call(small, "x" * 101, memory.id)
    assert snapshot(mem) == before


@pytest.mark.parametrize(
    "uri", ["", "postgres://x", "local://", "local:///tmp/x?y=1", "no-scheme-at-all"]
)
def test_malformed_uri_is_invalid_input(uri: str) -> None:
    with pytest.raises(graphmem.InvalidInputError):
        graphmem.open(uri)


def test_unwritable_store_path_is_a_backend_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(graphmem.BackendError):
        graphmem.open(f"local://{tmp_path / 'file' / 'store'}")
