"""Property: whatever sequence of operations runs, a frozen memory's properties and its
history chain do not change while it is frozen."""

from __future__ import annotations

import contextlib
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphmem
from graphmem.embedding import MiniLMEmbedder
from graphmem.engine import GraphMem
from graphmem.stores.embedded import EmbeddedStore
from tests.conftest import STORES, FakeClock

OPS = st.lists(
    st.sampled_from(
        [
            "update",
            "feedback",
            "merge_into",
            "merge_from",
            "delete",
            "conflict",
            "corroborate",
            "add_turn",
            "search",
            "freeze_other",
            "update_other",
        ]
    ),
    min_size=1,
    max_size=8,
)


def _state(mem: GraphMem, memory_id: str) -> list[tuple[str, dict[str, object]]]:
    chain = mem.store.find(
        "u1", "Memory", {"chain_id": mem.store.get("u1", [memory_id])[0].props["chain_id"]}
    )
    return sorted((r.id, r.props) for r in chain)


def _attempt(mem: GraphMem, op: str, frozen_id: str, other_id: str, clock: FakeClock) -> None:
    clock.advance(days=1)
    calls = {
        "update": lambda: mem.update(frozen_id, text="Anna lives in Rome.", object="Rome"),
        "feedback": lambda: mem.feedback(frozen_id, "Actually she lives in Madrid."),
        "merge_into": lambda: mem.merge([other_id, frozen_id]),
        "merge_from": lambda: mem.merge([frozen_id, other_id]),
        "delete": lambda: mem.delete(frozen_id),
        "conflict": lambda: mem.remember(
            "Anna lives in Oslo.", subject="Anna", predicate="lives_in", object="Oslo"
        ),
        "corroborate": lambda: mem.remember(
            "Anna lives in Paris.", subject="Anna", predicate="lives_in", object="Paris"
        ),
        "add_turn": lambda: mem.add({"speaker": "Anna", "content": "I live in Lyon now."}),
        "search": lambda: mem.search("Where does Anna live?"),
        "freeze_other": lambda: mem.freeze(other_id, reason="p"),
        "update_other": lambda: mem.update(other_id, text="Anna likes chess.", object="chess"),
    }
    with contextlib.suppress(graphmem.GraphMemError):  # refusals are fine; silent change not
        calls[op]()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
def test_frozen_memory_and_chain_never_change(
    ops: list[str], embedder: MiniLMEmbedder, extractor: graphmem.Extractor
) -> None:
    assert STORES  # the same property holds on every store; embedded is always here
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock(datetime(2024, 1, 1, tzinfo=UTC))
        mem = GraphMem(
            EmbeddedStore(Path(tmp)),
            embedder=embedder,
            extractor=extractor,
            clock=clock,
            user_id="u1",
        )
        old = mem.remember(
            "Anna lives in Nice.",
            subject="Anna",
            predicate="lives_in",
            object="Nice",
            at="2019-01-01",
        )
        frozen = mem.update(old.id, text="Anna lives in Paris.", object="Paris")
        other = mem.remember(
            "Anna likes chess.", subject="Anna", predicate="likes", object="go", kind="preference"
        )
        mem.freeze(frozen.id, reason="verified")
        before = _state(mem, frozen.id)
        for op in ops:
            _attempt(mem, op, frozen.id, other.id, clock)
            assert _state(mem, frozen.id) == before
        mem.close()
