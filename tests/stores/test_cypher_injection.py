"""Hostile text through the Cypher stores: stored verbatim or refused, never executed."""

from __future__ import annotations

import pytest

from graphmem.engine import GraphMem
from graphmem.errors import InvalidInputError
from graphmem.stores.cypher import CypherStore
from tests.contract.helpers import snapshot

HOSTILE = [
    "Robert'); DROP TABLE students;--",
    'She said "hi" and left',
    "back`tick` `})] DETACH DELETE n //",
    "}]->(x) DETACH DELETE x RETURN 1 //",
    "MATCH (n) DETACH DELETE n",
    "/* comment */ $user_id {{labels}} \\ trailing backslash \\",
    "line\nbreak\ttab and unicode ünïcødé 🎉",
]


@pytest.fixture
def cypher_mem(mem: GraphMem) -> GraphMem:
    if not isinstance(mem.store, CypherStore):
        pytest.skip("Cypher stores only")
    return mem


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_and_names_are_stored_verbatim(cypher_mem: GraphMem, text: str) -> None:
    mem = cypher_mem
    name = " ".join(text.split())  # names are single-line
    m = mem.remember(text, subject=name, predicate="likes", object="Berlin", kind="preference")
    assert mem.get(m.id).text == text  # type: ignore[union-attr]
    assert {name, "Berlin"} <= {e.name for e in mem.entities()}
    episode = mem.add({"speaker": "Anna", "content": text}).episodes[0]
    assert mem.get(episode.id).text == text  # type: ignore[union-attr]
    assert mem.stats().memories >= 1
    assert any(h.memory.id == m.id for h in mem.search(text, k=20))


@pytest.mark.parametrize(
    "predicate",
    ["lives_in]->(x) DETACH DELETE (x", "x`})//", "likes` DETACH DELETE n //", "a-b", "DROP"],
)
def test_hostile_predicates_are_refused_and_write_nothing(
    cypher_mem: GraphMem, predicate: str
) -> None:
    mem = cypher_mem
    mem.remember("Anna lives in Berlin.", subject="Anna", predicate="lives_in", object="Berlin")
    before = snapshot(mem)
    with pytest.raises(InvalidInputError):
        mem.remember("Anna x Bob.", subject="Anna", predicate=predicate, object="Bob")
    assert snapshot(mem) == before


def test_hostile_keyword_queries_are_plain_text(cypher_mem: GraphMem) -> None:
    mem = cypher_mem
    text = 'she said "NEAR" OR AND * ( ) -x @y ~z'
    m = mem.remember(text, subject="Anna", predicate="said", object="x")
    for query in ['"NEAR" OR * ) (', "AND OR NOT", "@text:{x} | -y ~z %w%", "\\\" ' `"]:
        hits = mem.store.keyword_search("u1", query, 5, ["Memory"])
        assert all(isinstance(i, str) for i, _ in hits)
    assert mem.store.keyword_search("u1", '"NEAR" OR * ) (', 5, ["Memory"])[0][0] == m.id
