"""Facts that stop holding (DESIGN §2.1, §4): an end closes the current version with a
version of polarity ``ended``, so a chain keeps exactly one current version and its
history shows when and why it changed. Run against every available store."""

from __future__ import annotations

import pytest

from graphmem.engine import GraphMem
from graphmem.errors import InvalidInputError
from graphmem.models import Memory, Status
from tests.contract.helpers import anna_lives_in, edges_of


def _end(mem: GraphMem, city: str | None, at: str) -> Memory:
    text = f"Anna no longer lives in {city}." if city else "Anna moved out."
    return mem.remember(
        text, subject="Anna", predicate="lives_in", object=city, polarity="ended", at=at
    )


def _current(mem: GraphMem) -> list[Memory]:
    return [m for m in mem.memories() if m.predicate == "lives_in"]


def test_an_end_closes_the_current_version_and_keeps_it(mem: GraphMem) -> None:
    oslo = anna_lives_in(mem, "Oslo", "2022-01-01")
    end = _end(mem, "Oslo", "2023-05-01")
    assert end.polarity == "ended" and end.status == Status.GENERATED
    [old, new] = sorted(mem.history(end.id), key=lambda m: m.version)
    assert (old.id, old.status, old.superseded_by) == (oslo.id, Status.SUPERSEDED, end.id)
    assert old.valid_to is not None and old.valid_to.isoformat().startswith("2023-05-01")
    assert new.id == end.id and new.version == 2
    assert [m.id for m in _current(mem)] == [end.id]  # exactly one current version
    # the versioned edge of Oslo is closed; the end itself draws no LIVES_IN edge
    lives = [e for e in edges_of(mem, oslo.id, "EXTRACTED_FROM")]  # no source turns
    assert lives == []
    assert mem.get(end.id, as_of="2022-06-01").id == oslo.id
    assert mem.get(oslo.id, as_of="2024-01-01").id == end.id


def test_an_end_without_a_value_closes_the_value_held(mem: GraphMem) -> None:
    anna_lives_in(mem, "Oslo", "2022-01-01")
    end = _end(mem, None, "2023-05-01")
    assert end.object == "Oslo" and end.polarity == "ended"


def test_a_new_value_after_an_end_continues_the_chain(mem: GraphMem) -> None:
    anna_lives_in(mem, "Oslo", "2022-01-01")
    end = _end(mem, "Oslo", "2023-05-01")
    bergen = anna_lives_in(mem, "Bergen", "2023-09-01")
    assert [m.id for m in _current(mem)] == [bergen.id]
    chain = mem.history(bergen.id)
    assert [m.version for m in chain] == [3, 2, 1]
    assert chain[1].id == end.id and chain[1].status == Status.SUPERSEDED


def test_ending_a_value_not_held_changes_nothing(mem: GraphMem) -> None:
    anna_lives_in(mem, "Oslo", "2022-01-01")
    bergen = anna_lives_in(mem, "Bergen", "2023-01-01")
    before = {m.id: m.status for m in mem.memories(include_closed=True)}
    _end(mem, "Oslo", "2023-06-01")  # old news: Anna already lives in Bergen
    after = {m.id: m.status for m in mem.memories(include_closed=True)}
    assert {k: v for k, v in after.items() if k in before} == before
    assert [m.id for m in _current(mem)] == [bergen.id]


def test_the_same_end_told_again_corroborates(mem: GraphMem) -> None:
    anna_lives_in(mem, "Oslo", "2022-01-01")
    first = _end(mem, "Oslo", "2023-05-01")
    again = _end(mem, "Oslo", "2023-06-01")
    assert again.id == first.id
    assert len([m for m in mem.memories(include_closed=True) if m.polarity == "ended"]) == 1


def test_ending_a_value_never_recorded_records_it_as_past(mem: GraphMem) -> None:
    end = _end(mem, "Oslo", "2023-05-01")
    [past] = [m for m in mem.history(end.id) if m.id != end.id]
    assert (past.object, past.status, past.superseded_by) == ("Oslo", Status.SUPERSEDED, end.id)
    assert past.valid_from is None and past.valid_to is not None


def test_living_there_again_reopens_what_ended(mem: GraphMem) -> None:
    anna_lives_in(mem, "Oslo", "2022-01-01")
    _end(mem, "Oslo", "2023-05-01")
    back = anna_lives_in(mem, "Oslo", "2024-02-01")
    assert back.polarity is None and [m.id for m in _current(mem)] == [back.id]


def test_a_frozen_fact_does_not_end(mem: GraphMem) -> None:
    oslo = anna_lives_in(mem, "Oslo", "2022-01-01")
    mem.freeze(oslo.id, reason="confirmed")
    end = _end(mem, "Oslo", "2023-05-01")
    assert end.status == Status.SUPERSEDED and mem.get(oslo.id).status == Status.GENERATED
    assert edges_of(mem, end.id, "CONFLICTS_WITH", direction="out")


def test_predicates_of_one_slot_compete_for_one_value(mem: GraphMem) -> None:
    dating = mem.remember(
        "Anna's partner is Tom.", subject="Anna", predicate="has_partner", object="Tom"
    )
    married = mem.remember(
        "Anna is married to Tom.", subject="Anna", predicate="married_to", object="Tom"
    )
    assert mem.get(dating.id).status == Status.SUPERSEDED
    assert [m.version for m in mem.history(married.id)] == [2, 1]


def test_a_multi_valued_fact_ends_one_value(mem: GraphMem) -> None:
    rex = mem.remember("Anna has a dog, Rex.", subject="Anna", predicate="has_pet", object="Rex")
    miso = mem.remember("Anna has a cat, Miso.", subject="Anna", predicate="has_pet", object="Miso")
    mem.remember(
        "Anna's dog Rex died.", subject="Anna", predicate="has_pet", object="Rex", polarity="ended"
    )
    assert mem.get(rex.id).status == Status.SUPERSEDED
    assert mem.get(miso.id).status == Status.GENERATED


def test_an_end_must_be_a_fact_or_preference_with_a_predicate(mem: GraphMem) -> None:
    with pytest.raises(InvalidInputError):
        mem.remember("Anna stopped.", polarity="ended")
    with pytest.raises(InvalidInputError):
        mem.remember(
            "Anna no longer goes to the fair.",
            subject="Anna",
            predicate="visits",
            object="fair",
            kind="event",
            polarity="ended",
        )
    tea = mem.remember(
        "Anna's favourite drink is tea.",
        subject="Anna",
        predicate="favourite_drink",
        object="tea",
        kind="preference",
        polarity="like",
    )
    end = mem.remember(
        "Anna's favourite drink is no longer tea.",
        subject="Anna",
        predicate="favourite_drink",
        object="tea",
        kind="preference",
        polarity="ended",
    )
    assert mem.get(tea.id).superseded_by == end.id


def test_a_name_said_in_part_ends_the_value_held(mem: GraphMem) -> None:
    car = mem.remember(
        "Anna drives a Subaru Outback.", subject="Anna", predicate="drives", object="Subaru Outback"
    )
    sold = mem.remember(
        "Anna sold the Subaru.",
        subject="Anna",
        predicate="drives",
        object="Subaru",
        polarity="ended",
    )
    # "the Subaru" is the Subaru Outback held: its chain is closed, not left current
    assert sold.polarity == "ended" and sold.version == 2
    assert mem.get(car.id).status == Status.SUPERSEDED
    assert [m.id for m in mem.memories() if m.predicate == "drives"] == [sold.id]
