"""Property: whatever sequence of operations runs, a frozen memory's properties and its
history chain do not change while it is frozen (on every available store)."""

from __future__ import annotations

import contextlib
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphmem
from graphmem.engine import GraphMem
from tests.conftest import FakeClock

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
            "sweep",
            "forget",
        ]
    ),
    min_size=1,
    max_size=8,
)


def _state(mem: GraphMem, uid: str, memory_id: str) -> list[tuple[str, dict[str, object]]]:
    chain_id = mem.store.get(uid, [memory_id])[0].props["chain_id"]
    return sorted(
        (r.id, dict(r.props)) for r in mem.store.find(uid, "Memory", {"chain_id": chain_id})
    )


def _attempt(
    mem: GraphMem, uid: str, op: str, frozen_id: str, other_id: str, clock: FakeClock
) -> None:
    clock.advance(days=200)
    calls = {
        "update": lambda: mem.update(frozen_id, uid, text="Anna lives in Rome.", object="Rome"),
        "feedback": lambda: mem.feedback(frozen_id, "Actually she lives in Madrid.", uid),
        "merge_into": lambda: mem.merge([other_id, frozen_id], uid),
        "merge_from": lambda: mem.merge([frozen_id, other_id], uid),
        "delete": lambda: mem.delete(frozen_id, uid),
        "conflict": lambda: mem.remember(
            "Anna lives in Oslo.", uid, subject="Anna", predicate="lives_in", object="Oslo"
        ),
        "corroborate": lambda: mem.remember(
            "Anna lives in Paris.", uid, subject="Anna", predicate="lives_in", object="Paris"
        ),
        "add_turn": lambda: mem.add({"speaker": "Anna", "content": "I live in Lyon now."}, uid),
        "search": lambda: mem.search("Where does Anna live?", uid),
        "freeze_other": lambda: mem.freeze(other_id, uid, reason="p"),
        "update_other": lambda: mem.update(other_id, uid, text="Anna likes go.", object="go"),
        "sweep": lambda: mem.sweep(uid),
        "forget": lambda: mem.forget(frozen_id, user_id=uid),
    }
    with contextlib.suppress(graphmem.GraphMemError):  # refusals are fine; silent change not
        calls[op]()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ops=OPS)
def test_frozen_memory_and_chain_never_change(
    ops: list[str], mem: GraphMem, clock: FakeClock
) -> None:
    uid = f"prop-{uuid.uuid4().hex[:10]}"  # a fresh tenant per example, same store
    old = mem.remember(
        "Anna lives in Nice.",
        uid,
        subject="Anna",
        predicate="lives_in",
        object="Nice",
        at="2019-01-01",
    )
    frozen = mem.update(old.id, uid, text="Anna lives in Paris.", object="Paris")
    other = mem.remember(
        "Anna likes chess.",
        uid,
        subject="Anna",
        predicate="likes",
        object="chess",
        kind="preference",
    )
    mem.freeze(frozen.id, uid, reason="verified")
    before = _state(mem, uid, frozen.id)
    for op in ops:
        _attempt(mem, uid, op, frozen.id, other.id, clock)
        assert _state(mem, uid, frozen.id) == before
