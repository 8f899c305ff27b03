"""The three reads of a search (``Store.seeds``, ``spread``, ``expand``) mean the same on
every store: checked on a small graph with the numbers the interface documents."""

from __future__ import annotations

import math

import pytest

from graphmem.stores.base import (
    ChangeSet,
    EdgeRecord,
    ExpandRequest,
    Gain,
    NodeRecord,
    SeedRequest,
    SpreadRequest,
    Store,
)
from graphmem.stores.semantics import bm25
from tests.stores.records import memory, vec


def _edge(i: int, rel: str, src: str, dst: str, **props: object) -> EdgeRecord:
    return EdgeRecord(f"r{i:02d}", rel, src, dst, "u1", dict(props))


@pytest.fixture
def graph(store: Store) -> Store:
    """Two turns (NEXT), three memories from them, two entities; Berlin is the object of
    m1 and m2, Anna their subject and mentioned in e1."""
    nodes = [
        NodeRecord("e1", "u1", "Episode", {"text": "I moved to Berlin.", "speaker": "Anna"}),
        NodeRecord("e2", "u1", "Episode", {"text": "Berlin is lovely.", "speaker": "Ben"}),
        memory("m1", "Anna lives in Berlin.", predicate="lives_in", sp_key="anna|lives_in"),
        memory("m2", "Ben visited Berlin.", predicate="visited", status="superseded"),
        memory("m3", "Anna likes jazz.", predicate="likes"),
        NodeRecord("anna", "u1", "Entity", {"name": "Anna", "key": "anna", "status": "active"}),
        NodeRecord(
            "berlin",
            "u1",
            "Entity",
            {"name": "Berlin", "key": "berlin", "alias_keys": ["bln"], "status": "active"},
        ),
    ]
    edges = [
        _edge(1, "NEXT", "e1", "e2"),
        _edge(2, "EXTRACTED_FROM", "m1", "e1"),
        _edge(3, "EXTRACTED_FROM", "m2", "e2"),
        _edge(4, "EXTRACTED_FROM", "m3", "e1"),
        _edge(5, "ABOUT", "m1", "berlin", role="object"),
        _edge(6, "ABOUT", "m2", "berlin", role="object"),
        _edge(7, "ABOUT", "m1", "anna", role="subject"),
        _edge(8, "ABOUT", "m3", "anna", role="subject"),
        _edge(9, "MENTIONED_IN", "anna", "e1"),
    ]
    store.apply(ChangeSet("u1", add_nodes=nodes, add_edges=edges))
    store.apply(ChangeSet("u2", add_nodes=[memory("x1", "Berlin again", user="u2")]))
    return store


def test_spread_keeps_each_nodes_best_offer(graph: Store) -> None:
    request = SpreadRequest({"m1": 1.0, "e2": 0.5}, 0.5, 0.6, 0.25, 200)
    gains = sorted(graph.spread("u1", request))
    # e1: m1's source share 0.5 beats e2's next share 0.3; m2: e2's source share 0.25
    # beats m1's share through Berlin, 0.25 / log2(2 + 2) = 0.125; m1's subject Anna
    # spreads nothing
    assert gains == [Gain("e1", 0.5, "source", "m1"), Gain("m2", 0.25, "source", "e2")]


def test_spread_tie_breaks_by_relation_then_seed_id(graph: Store) -> None:
    # e1 receives 0.5 x 1.0 from m1 (source) and 0.6 x (5/6) = 0.5 from e2 (next)
    request = SpreadRequest({"m1": 1.0, "e2": 5 / 6}, 0.5, 0.6, 0.0, 200)
    gains = {g.node_id: g for g in graph.spread("u1", request)}
    assert gains["e1"].relation == "source" and gains["e1"].via == "m1"
    assert gains["e1"].gain == pytest.approx(0.5)


def test_spread_through_an_entity_divides_by_its_log_degree(graph: Store) -> None:
    request = SpreadRequest({"m1": 1.0}, 0.0, 0.0, 0.25, 200)
    gains = graph.spread("u1", request)
    assert gains == [Gain("m2", 0.25 / math.log2(2 + 2) * 1.0, "entity", "m1")]
    hub = SpreadRequest({"m1": 1.0}, 0.0, 0.0, 0.25, 1)  # Berlin is a hub now
    assert graph.spread("u1", hub) == []
    assert graph.spread("u2", request) == []


def test_a_started_spread_gives_what_spread_gives_while_other_reads_run(graph: Store) -> None:
    request = SpreadRequest({"m1": 1.0, "e2": 0.5}, 0.5, 0.6, 0.25, 200)
    started = graph.start_spread("u1", request)
    assert [r.id for r in graph.get("u1", ["m3"])] == ["m3"]  # a read while it is pending
    assert sorted(started()) == sorted(graph.spread("u1", request))
    assert graph.start_spread("u1", SpreadRequest({}, 0.5, 0.6, 0.25, 200))() == []


def test_seeds_finds_named_entities_vectors_and_keyword_candidates(graph: Store) -> None:
    request = SeedRequest(
        vec(1.0),
        2,
        [("Memory", {"status": ["generated"]}), ("Episode", None)],
        ["berlin", "lovely"],
        ["Memory", "Episode"],
        ["anna", "bln", "nobody"],
        {"status": "active"},
    )
    found = graph.seeds("u1", request)
    assert found.named == {"anna": "Anna", "berlin": "Berlin"}
    assert {i for i, _ in found.vector["Memory"]} == {"m1", "m3"}  # m2 is superseded
    assert found.keyword.total == 5  # the user's memories and episodes
    assert set(found.keyword.bodies) == {"e1", "e2", "m1", "m2"}
    ranked = bm25(found.keyword, ["lovely"], 5)
    assert [i for i, _ in ranked] == ["e2"]


def test_expand_reads_fields_links_sources_and_keys(graph: Store) -> None:
    request = ExpandRequest(
        ids=["m1", "e1", "x1", "nope"],
        fields={"Memory": ["text", "status"], "Episode": ["text"]},
        entities=["berlin", "anna"],
        sources=True,
        source_fields=["status"],
        keys=["anna|lives_in"],
    )
    found = graph.expand("u1", request)
    assert set(found.records) == {"m1", "e1"}  # x1 is u2's
    assert found.records["m1"].props == {"text": "Anna lives in Berlin.", "status": "generated"}
    assert found.records["m1"].embedding is None
    assert found.records["e1"].props == {"text": "I moved to Berlin."}
    assert found.linked == {"m1": ["berlin", "anna"], "e1": ["anna"]}
    assert {m.id: m.props for m in found.sources["e1"]} == {
        "m1": {"status": "generated"},
        "m3": {"status": "generated"},
    }
    assert [r.id for r in found.keyed] == ["m1"]


def test_through_an_entity_each_member_hears_from_its_best_other_seed(graph: Store) -> None:
    request = SpreadRequest({"m1": 1.0, "m2": 0.8}, 0.0, 0.0, 0.25, 200)
    share = 0.25 / math.log2(2 + 2)
    assert sorted(graph.spread("u1", request)) == [
        Gain("m1", share * 0.8, "entity", "m2"),
        Gain("m2", share * 1.0, "entity", "m1"),
    ]


def test_spread_ignores_seeds_the_user_does_not_have_whatever_their_order(graph: Store) -> None:
    request = SpreadRequest({"x1": 9.0, "nope": 5.0, "m2": 0.8, "m1": 1.0}, 0.5, 0.0, 0.25, 200)
    share = 0.25 / math.log2(2 + 2)
    assert sorted(graph.spread("u1", request)) == [
        Gain("e1", 0.5, "source", "m1"),
        Gain("e2", 0.4, "source", "m2"),
        Gain("m1", share * 0.8, "entity", "m2"),
        Gain("m2", share * 1.0, "entity", "m1"),
    ]
