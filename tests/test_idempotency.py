"""Adds are idempotent by the caller's ref (DESIGN §2, invariant 10): the same message
(user, session, ref, text, speaker, role) added again stores nothing and returns the
stored episode; the same ref with another text is a typed error that writes nothing."""

from __future__ import annotations

import pytest

import graphmem
from graphmem.engine import GraphMem
from graphmem.invariants import violations
from tests.conftest import FakeClock
from tests.contract.helpers import snapshot

TURNS = [
    {"speaker": "Anna", "content": "I moved to Berlin.", "ref": "D1:1"},
    {"speaker": "Ben", "content": "I work at the bakery.", "ref": "D1:2"},
]


def test_adding_the_same_messages_again_stores_nothing(mem: GraphMem, clock: FakeClock) -> None:
    first = mem.add(TURNS, session_id="chat")
    assert first.already_stored == () and len(first.memories) == 2
    before = snapshot(mem)
    clock.advance(hours=1)  # a retry later, its messages' default time is another
    again = mem.add(TURNS, session_id="chat")
    assert snapshot(mem) == before
    assert [e.id for e in again.episodes] == [e.id for e in first.episodes]
    assert again.already_stored == again.episodes
    assert again.memories == () and again.corroborated == () and again.entities == ()


def test_a_batch_stores_only_its_new_messages_and_lists_the_rest(mem: GraphMem) -> None:
    first = mem.add(TURNS[:1], session_id="chat")
    third = {"speaker": "Anna", "content": "I love hiking.", "ref": "D1:3"}
    r = mem.add([*TURNS, third], session_id="chat")
    assert [e.ref for e in r.episodes] == ["D1:1", "D1:2", "D1:3"]
    assert r.episodes[0].id == first.episodes[0].id
    assert [e.id for e in r.already_stored] == [first.episodes[0].id]
    assert [e.props["seq"] for e in mem.store.find("u1", "Episode", order_by="seq")] == [1, 2, 3]
    assert violations(mem.store, "u1", whole=True) == []


def test_a_ref_repeated_within_one_call_is_one_episode(mem: GraphMem) -> None:
    r = mem.add([TURNS[0], TURNS[1], TURNS[0]], session_id="chat")
    assert [e.ref for e in r.episodes] == ["D1:1", "D1:2"]
    assert len(mem.store.find("u1", "Episode")) == 2


@pytest.mark.parametrize(
    "changed",
    [{"content": "I moved to Paris."}, {"speaker": "Anne"}, {"role": "assistant"}],
    ids=["text", "speaker", "role"],
)
def test_the_same_ref_with_another_message_is_a_typed_error_writing_nothing(
    mem: GraphMem, changed: dict[str, str]
) -> None:
    mem.add(TURNS, session_id="chat")
    before = snapshot(mem)
    with pytest.raises(graphmem.DuplicateRefError, match="D1:1") as info:
        mem.add(
            [{"content": "Fresh news.", "ref": "D1:9"}, {**TURNS[0], **changed}], session_id="chat"
        )
    assert isinstance(info.value, graphmem.InvalidInputError)
    assert snapshot(mem) == before
    with pytest.raises(graphmem.DuplicateRefError, match="two different messages"):
        mem.add([TURNS[1] | {"ref": "x"}, TURNS[0] | {"ref": "x"}], session_id="chat")


def test_refs_are_scoped_by_session_and_user(mem: GraphMem) -> None:
    a = mem.add(TURNS[0], session_id="one")
    b = mem.add(TURNS[0], session_id="two")
    c = mem.add(TURNS[0], session_id="one", user_id="u2")
    assert len({a.episodes[0].id, b.episodes[0].id, c.episodes[0].id}) == 3
    assert b.already_stored == c.already_stored == ()


def test_messages_without_a_ref_are_stored_each_time(mem: GraphMem) -> None:
    mem.add("I moved to Berlin.")
    r = mem.add("I moved to Berlin.")
    assert r.already_stored == ()
    assert len(mem.store.find("u1", "Episode")) == 2
    assert [m.id for m in r.corroborated] == [m.id for m in mem.memories()]


def test_a_forgotten_message_can_be_added_again(mem: GraphMem) -> None:
    first = mem.add(TURNS[0], session_id="chat")
    mem.forget(first.episodes[0].id)
    again = mem.add(TURNS[0], session_id="chat")
    assert again.already_stored == () and again.episodes[0].id != first.episodes[0].id
