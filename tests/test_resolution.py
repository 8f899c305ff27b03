"""Entity resolution on write: exact key → alias → fuzzy name → name embedding, each
gated by entity type (DESIGN §4)."""

from __future__ import annotations

import pytest

from graphmem.engine import GraphMem
from tests.contract.helpers import edges_of


def _live(mem: GraphMem, key_part: str) -> list[str]:
    return [e.name for e in mem.entities() if key_part in e.key]


def _method(mem: GraphMem, survivor_name: str) -> set[str]:
    survivor = next(e for e in mem.entities() if e.name == survivor_name)
    return {e.props["method"] for e in edges_of(mem, survivor.id, "MERGED_INTO", direction="in")}


def test_fuzzy_match_resolves_a_misspelt_name(mem: GraphMem) -> None:
    mem.remember("Maximilian plays chess.", subject="Maximilian", predicate="plays", object="chess")
    mem.remember("Maximillian plays go.", subject="Maximillian", predicate="plays", object="go")
    assert _live(mem, "maximil") == ["Maximilian"]
    assert _method(mem, "Maximilian") == {"fuzzy"}


@pytest.mark.real_models
def test_embedding_match_resolves_a_paraphrased_name(mem: GraphMem) -> None:
    mem.remember(
        "Anna moved to New York City.", subject="Anna", predicate="lives_in", object="New York City"
    )
    mem.remember(
        "Anna loves NYC.", subject="Anna", predicate="likes", object="NYC", kind="preference"
    )
    assert "NYC" not in {e.name for e in mem.entities()}
    assert _method(mem, "New York City") == {"embedding"}


def test_alias_resolves_after_a_merge(mem: GraphMem) -> None:
    mem.remember("Robert plays chess.", subject="Robert", predicate="plays", object="chess")
    mem.remember("Bob plays go.", subject="Bob", predicate="plays", object="go")
    ids = {e.name: e.id for e in mem.entities()}
    mem.merge([ids["Robert"], ids["Bob"]])
    m = mem.remember(
        "Bob likes tea.", subject="Bob", predicate="likes", object="tea", kind="preference"
    )
    about = edges_of(mem, m.id, "ABOUT", direction="out")
    assert ids["Robert"] in {e.dst for e in about}


def test_different_types_never_merge(mem: GraphMem) -> None:
    mem.add({"speaker": "Paris", "content": "Hello, my name is Paris."})
    mem.add({"speaker": "Anna", "content": "I moved to Paris last year."})
    paris = [e for e in mem.entities() if e.key == "paris"]
    assert sorted(e.type for e in paris) == ["person", "place"]


def test_unrelated_names_stay_apart(mem: GraphMem) -> None:
    for name in ("Anna", "Hanna", "Annabel", "Ana"):
        mem.remember(f"{name} sings.", subject=name, predicate="sings", object="songs")
    assert sorted(_live(mem, "an")) == ["Ana", "Anna", "Annabel", "Hanna"]
