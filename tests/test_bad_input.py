"""Bad input gets a clear typed error and leaves the store exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import graphmem
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
}


@pytest.mark.parametrize("case", sorted(BAD_ADDS))
def test_bad_input_raises_and_writes_nothing(mem: GraphMem, case: str) -> None:
    mem.add({"speaker": "Anna", "content": "I live in Paris.", "ref": "r1"})
    before = snapshot(mem)
    call, error = BAD_ADDS[case]
    with pytest.raises(error) as info:
        call(mem)
    assert str(info.value)
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
