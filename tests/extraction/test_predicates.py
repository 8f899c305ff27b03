"""The predicate catalogue: complete entries, one documentation table that matches the
data, examples written apart from the knowledge-update benchmark, and the registry's
rules for user predicates, slots and cardinality."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from graphmem.config import PredicateRegistry, PredicateSpec
from graphmem.errors import InvalidInputError
from graphmem.extraction.predicates import default_predicates, markdown_table, none_examples

ROOT = Path(__file__).resolve().parents[2]
WORDINGS = ROOT / "benchmarks" / "data" / "knowledge_update" / "wordings.json"


def test_every_default_predicate_is_described_enough() -> None:
    specs = default_predicates()
    assert 30 <= len(specs) <= 40
    assert len({s.name for s in specs}) == len(specs)
    for s in specs:
        assert len(s.examples) >= 10, s.name
        assert len(s.questions) >= 3, s.name
        assert (
            s.about and "{subject}" in s.text and "{object}" in s.text
        ) or "{a_object}" in s.text
    assert len(none_examples()) >= 20


def test_the_documentation_table_matches_the_catalogue() -> None:
    table = (ROOT / "docs" / "predicates.md").read_text(encoding="utf-8")
    assert table == markdown_table(), "regenerate: python -m graphmem.extraction.predicates"


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return own + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def _grams(text: str, n: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", re.sub(r"\{[^}]*\}", " ", text.lower()))
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_example_repeats_the_benchmark_wordings() -> None:
    """The catalogue was written apart from benchmarks/data/knowledge_update: no example,
    counter-example or question shares four words in a row with a benchmark wording."""
    bench = set().union(*(_grams(t, 4) for t in _texts(json.loads(WORDINGS.read_text()))))
    ours = [t for s in default_predicates() for t in (*s.examples, *s.counter, *s.questions)]
    shared = [t for t in [*ours, *none_examples()] if _grams(t, 4) & bench]
    assert shared == []


def test_user_frames_add_predicates_and_replace_defaults_by_name() -> None:
    lives = PredicateSpec(
        name="lives_in",
        object="place",
        single=False,  # say, a user whose people keep homes in several cities
        text="{subject} has a home in {object}.",
        examples=("I have a flat in Rome.", "Our other home is Nice.", "We own a place in Bath."),
    )
    registry = PredicateRegistry(frames=(lives,))
    assert registry.spec("lives_in") is lives
    # the built-in list of single-valued predicates still names lives_in
    assert registry.is_single_valued("lives_in")
    assert registry.spec("works_at") is not None  # the other defaults stay
    assert PredicateRegistry(default_frames=False).specs() == ()


def test_slots_group_predicates_that_compete_for_one_value() -> None:
    registry = PredicateRegistry()
    assert registry.slot("married_to") == registry.slot("has_partner") == "partner"
    assert registry.slot("engaged_to") == "partner"
    assert registry.slot("lives_in") == "lives_in"
    assert registry.is_single_valued("drives") and not registry.is_single_valued("has_pet")


def test_a_predicate_needs_a_safe_name_and_examples() -> None:
    with pytest.raises(ValueError):
        PredicateSpec(name="Lives In", object="place", examples=("a", "b", "c"))
    with pytest.raises(ValueError):
        PredicateSpec(name="lives_in", object="place", examples=("only one",))
    with pytest.raises((ValueError, InvalidInputError)):
        PredicateSpec(name="lives_in", object="planet", examples=("a", "b", "c"))  # type: ignore[arg-type]
