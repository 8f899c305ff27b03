"""The store interface's meaning (``graphmem.stores.semantics``), the same on every
store: what a change set may hold, which error a refused one raises, that nothing of it
is written then, ``where`` filters, ``None`` as "absent", tenancy."""

from __future__ import annotations

import numpy as np
import pytest

from graphmem.errors import ConflictError, FrozenError, InvalidInputError, NotFoundError
from graphmem.stores.base import LABELS, ChangeSet, EdgeRecord, Expect, NodeRecord, Store
from graphmem.stores.semantics import fulltext_body
from tests.stores.records import DIM, memory, vec


def _dump(store: Store) -> list[object]:
    """Everything both test users have, through the interface."""
    out: list[object] = []
    for user in ("u1", "u2"):
        nodes = [(r.id, r.label, r.props) for label in LABELS for r in store.find(user, label)]
        edges = store.edges(user, [n[0] for n in nodes])
        out += [nodes, sorted((e.id, e.type, e.src, e.dst, sorted(e.props.items())) for e in edges)]
        out.append(sorted(store.embeddings(user, [n[0] for n in nodes])))
    return out


REFUSED = {
    "a frozen node": (lambda ch: ch.guard("frozen"), FrozenError, "frozen"),
    "a status changed since it was read": (
        lambda ch: ch.guard("old", status_in=["generated"]),
        ConflictError,
        "superseded",
    ),
    "a property changed since it was read": (
        lambda ch: ch.guard("fine", not_frozen=False, unchanged={"text": "stale", "n": None}),
        ConflictError,
        "changed",
    ),
    "a property set since it was read absent": (
        lambda ch: ch.guard("old", not_frozen=False, unchanged={"text": None}),
        ConflictError,
        "changed",
    ),
    "a new node among those read": (
        lambda ch: ch.expect(
            Expect("Memory", "kind", "fact", frozenset({"generated"}), frozenset({"fine"}))
        ),
        ConflictError,
        "changed",
    ),
    "a node gone from those read": (
        lambda ch: ch.expect(Expect("Memory", "tags", "red", ids=frozenset({"fine"}), holds=True)),
        ConflictError,
        "changed",
    ),
    "a highest value that moved": (
        lambda ch: ch.expect(Expect("Memory", "kind", "fact", highest="text", top="a fine fact")),
        ConflictError,
        "changed",
    ),
    "a node of another user": (
        lambda ch: ch.update("theirs", {"text": "x"}),
        NotFoundError,
        "theirs",
    ),
    "an existing id": (lambda ch: ch.node(memory("old", "again")), InvalidInputError, "exists"),
    "an edge to a missing node": (
        lambda ch: ch.edge(EdgeRecord("r9", "ABOUT", "fine", "nowhere", "u1", {})),
        NotFoundError,
        "missing",
    ),
    "an unknown edge": (lambda ch: ch.delete_edges.append("nope"), NotFoundError, "nope"),
    "an edge that joins other nodes": (
        lambda ch: (ch.set_edges.append(("r1", {"x": 1})), ch.edge_ends.update(r1=("old", "fine"))),
        NotFoundError,
        "r1",
    ),
    "an unknown edge between known nodes": (
        lambda ch: (ch.delete_edges.append("nope"), ch.edge_ends.update(nope=("fine", "old"))),
        NotFoundError,
        "nope",
    ),
    "edge ends that are not two ids": (
        lambda ch: ch.edge_ends.update(r1=("fine",)),  # type: ignore[dict-item]
        InvalidInputError,
        "edge_ends",
    ),
    "a dict value": (
        lambda ch: ch.update("fine", {"meta": {"a": 1}}),  # type: ignore[dict-item]
        InvalidInputError,
        "dict",
    ),
    "a value that is not finite": (
        lambda ch: ch.update("fine", {"score": float("nan")}),
        InvalidInputError,
        "finite",
    ),
    "a reserved property": (
        lambda ch: ch.update("fine", {"user_id": "u2"}),
        InvalidInputError,
        "reserved",
    ),
    "an unsafe property name": (
        lambda ch: ch.update("fine", {"x) DELETE n //": 1}),
        InvalidInputError,
        "not allowed",
    ),
    "an unknown label": (
        lambda ch: ch.node(NodeRecord("n9", "u1", "Secret", {})),
        InvalidInputError,
        "label",
    ),
    "a vector that is not finite": (
        lambda ch: ch.set_embeddings.append(("fine", vec(float("inf")))),
        InvalidInputError,
        "finite",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refused_change_set_raises_its_error_and_writes_nothing(store: Store, case: str) -> None:
    store.apply(
        ChangeSet(
            "u1",
            add_nodes=[
                memory("frozen", "a frozen fact", frozen=True),
                memory("old", "an old fact", status="superseded"),
                memory("fine", "a fine fact"),
                memory("gone", "a fact to delete"),
            ],
            add_edges=[EdgeRecord("r1", "ABOUT", "fine", "old", "u1", {})],
        )
    )
    store.apply(ChangeSet("u2", add_nodes=[memory("theirs", "their fact", user="u2")]))
    before = _dump(store)
    change = ChangeSet("u1", add_nodes=[memory("new", "a new fact")])
    change.update("fine", {"text": "changed"})
    change.delete_nodes.append("gone")
    add, error, message = REFUSED[case]
    add(change)
    with pytest.raises(error, match=message):
        store.apply(change)
    assert _dump(store) == before


def test_relationships_are_changed_and_removed_between_their_ends(store: Store) -> None:
    nodes = [memory(i, "a fact") for i in ("a", "b", "c")]
    edges = [
        EdgeRecord("r1", "LIVES_IN", "a", "b", "u1", {"current": True, "n": 1}),
        EdgeRecord("r2", "LIVES_IN", "a", "c", "u1", {"current": True}),
        EdgeRecord("r3", "ABOUT", "b", "c", "u1", {}),
        EdgeRecord("r4", "ABOUT", "c", "a", "u1", {}),
    ]
    store.apply(ChangeSet("u1", add_nodes=nodes, add_edges=edges))
    change = ChangeSet("u1", set_edges=[("r1", {"current": False, "n": None})])
    change.set_edges.append(("r2", {"current": False}))  # ends not given: found all the same
    change.delete_edges += ["r3", "r4"]
    change.edge_ends.update(r1=("a", "b"), r3=("b", "c"))
    store.apply(change)
    found = {e.id: e.props for e in store.edges("u1", ["a", "b", "c"])}
    assert found == {"r1": {"current": False}, "r2": {"current": False}}


def test_expectations_and_guards_that_still_hold_let_the_write_through(store: Store) -> None:
    store.apply(
        ChangeSet(
            "u1",
            add_nodes=[
                memory("a", "x", seq=3, tags=["red", "blue"], score=0.1 + 0.2),
                memory("b", "y", seq=7, status="superseded"),
            ],
        )
    )
    store.apply(ChangeSet("u2", add_nodes=[memory("c", "x", user="u2", seq=9, tags=["red"])]))
    change = ChangeSet("u1", add_nodes=[memory("d", "z", tags=["red"])])
    change.guard("a", unchanged={"seq": 3, "tags": ["red", "blue"], "score": 0.1 + 0.2})
    change.guard("a", not_frozen=False, unchanged={"missing": None})
    change.update("a", {"text": "x2"})
    live = frozenset({"generated"})
    change.expect(Expect("Memory", "kind", "fact", live, frozenset({"a"})))
    change.expect(Expect("Memory", "tags", "red", None, frozenset({"a"}), holds=True))
    change.expect(Expect("Memory", "tags", "green", None, frozenset(), holds=True))
    change.expect(Expect("Memory", "kind", "fact", highest="seq", top=7))
    change.expect(Expect("Memory", "kind", "event", highest="seq", top=None))
    store.apply(change)
    assert store.get("u1", ["a"])[0].props["text"] == "x2"
    assert [r.id for r in store.find("u1", "Memory", {"tags": "red"})] == ["a", "d"]


def test_none_means_absent_and_lists_survive(store: Store) -> None:
    store.apply(ChangeSet("u1", add_nodes=[memory("m1", "x", refs=[], edge_id=None)]))
    props = store.get("u1", ["m1"])[0].props
    assert props["refs"] == [] and "edge_id" not in props
    assert [r.id for r in store.find("u1", "Memory", {"edge_id": None})] == ["m1"]
    store.apply(ChangeSet("u1", set_nodes=[("m1", {"text": None, "refs": ["D1:1"]})]))
    props = store.get("u1", ["m1"])[0].props
    assert "text" not in props and props["refs"] == ["D1:1"]
    assert [r.id for r in store.find("u1", "Memory", {"refs": "D1:1"})] == ["m1"]


def test_where_matches_one_of_any_element_or_absent(store: Store) -> None:
    store.apply(
        ChangeSet(
            "u1",
            add_nodes=[
                memory("a", "x", tags=["red", "blue"], n=1),
                memory("b", "x", tags=["green"], n=2),
                memory("c", "x"),
            ],
        )
    )

    def ids(**where: object) -> list[str]:
        return [r.id for r in store.find("u1", "Memory", where)]

    assert ids(tags="blue") == ["a"]
    assert ids(tags=["green", "blue"]) == ["a", "b"]
    assert ids(tags=["green", None]) == ["b", "c"]
    assert ids(n=[1, 2], tags="red") == ["a"]
    assert ids(status=["generated"], n=3) == []


def test_where_on_an_indexed_property_matches_as_any_other(store: Store) -> None:
    """``find`` may start from the index of ``key``, ``alias_keys`` or ``chain_id``
    (the server stores do): it finds what a filter on any property finds."""
    entities = [
        NodeRecord("e1", "u1", "Entity", {"key": "anna", "alias_keys": ["ann", "annie"]}),
        NodeRecord("e2", "u1", "Entity", {"key": "ben", "alias_keys": ["ann"], "status": "merged"}),
        NodeRecord("e3", "u1", "Entity", {"key": "cleo"}),
        NodeRecord("e4", "u1", "Entity", {"name": "no key"}),
        NodeRecord("e5", "u2", "Entity", {"key": "anna", "alias_keys": ["ann"]}),
    ]
    versions = [memory(f"m{i}", "x", chain_id="c1", version=i) for i in (1, 2, 3)]
    store.apply(ChangeSet("u1", add_nodes=[*entities[:4], *versions, memory("m9", "y")]))
    store.apply(ChangeSet("u2", add_nodes=[entities[4]]))

    def ids(label: str, **where: object) -> list[str]:
        return [r.id for r in store.find("u1", label, where)]

    assert ids("Entity", key=["anna", "cleo", "dora"]) == ["e1", "e3"]
    assert ids("Entity", alias_keys="ann") == ["e1", "e2"]
    assert ids("Entity", alias_keys=["ann", "annie"], status=None) == ["e1"]
    assert ids("Entity", status="merged", alias_keys=["annie", "ann"]) == ["e2"]
    assert ids("Entity", key=["anna", None]) == ["e1", "e4"]
    assert ids("Entity", key=[]) == []
    top = store.find(
        "u1", "Memory", {"chain_id": "c1"}, order_by="version", descending=True, limit=1
    )
    assert [r.id for r in top] == ["m3"]


def test_keyword_index_sees_the_fulltext_body(store: Store) -> None:
    entity = NodeRecord("e1", "u1", "Entity", {"name": "Robert", "aliases": ["Bob", "Bobby"]})
    fact = memory("m1", "Robert moved.", predicate="lives_in")
    store.apply(ChangeSet("u1", add_nodes=[entity, fact]))
    assert fulltext_body("Entity", entity.props) == "Robert Bob Bobby"
    assert fulltext_body("Memory", fact.props) == "Robert moved. lives in"
    assert [i for i, _ in store.keyword_search("u1", "bobby", 5, ["Entity"])] == ["e1"]
    assert [i for i, _ in store.keyword_search("u1", "lives", 5, ["Memory"])] == ["m1"]
    store.apply(ChangeSet("u1", set_nodes=[("e1", {"aliases": ["Rob"]})]))
    assert store.keyword_search("u1", "bobby", 5, ["Entity"]) == []
    assert [i for i, _ in store.keyword_search("u1", "rob", 5, ["Entity"])] == ["e1"]


def test_reads_and_writes_never_cross_tenants(store: Store) -> None:
    store.apply(ChangeSet("u1", add_nodes=[memory("m1", "secret plans of u1")]))
    store.apply(ChangeSet("u2", add_nodes=[memory("m2", "secret plans of u2", user="u2")]))
    assert [r.id for r in store.get("u2", ["m1", "m2"])] == ["m2"]
    assert [i for i, _ in store.keyword_search("u2", "secret plans", 10, ["Memory"])] == ["m2"]
    assert [i for i, _ in store.vector_search("u2", "Memory", vec(1.0), 10)] == ["m2"]
    assert store.edges("u2", ["m1"]) == []
    assert store.embeddings("u2", ["m1"]) == {}
    with pytest.raises(NotFoundError):
        store.apply(ChangeSet("u2", set_nodes=[("m1", {"text": "hijack"})]))
    with pytest.raises(NotFoundError):
        store.apply(ChangeSet("u2", add_edges=[EdgeRecord("r", "NEXT", "m2", "m1", "u2", {})]))
    assert store.delete_user("u2") == 1
    assert [r.id for r in store.find("u1", "Memory")] == ["m1"]


def test_vector_search_filters_without_losing_hits(store: Store) -> None:
    rng = np.random.default_rng(7)
    nodes = []
    for i in range(300):
        node = memory(f"m{i:03d}", f"text {i}", status="merged" if i % 10 else "generated")
        node.embedding = rng.normal(size=DIM).astype(np.float32)
        nodes.append(node)
    store.apply(ChangeSet("u1", add_nodes=nodes))
    found = store.vector_search("u1", "Memory", vec(1.0), 25, {"status": "generated"})
    assert len(found) == 25
    assert all(store.get("u1", [i])[0].props["status"] == "generated" for i, _ in found)
    scores = [s for _, s in found]
    assert scores == sorted(scores, reverse=True)


def test_vector_searches_answer_each_vector_like_vector_search(store: Store) -> None:
    rng = np.random.default_rng(3)
    nodes = []
    for i in range(60):
        node = memory(f"m{i:03d}", f"text {i}", status="merged" if i % 3 else "generated")
        node.embedding = rng.normal(size=DIM).astype(np.float32)
        nodes.append(node)
    store.apply(ChangeSet("u1", add_nodes=nodes))
    queries = [rng.normal(size=DIM).astype(np.float32) for _ in range(3)]
    where = {"status": "generated"}
    batched = store.vector_searches("u1", "Memory", queries, 5, where)
    assert batched == [store.vector_search("u1", "Memory", q, 5, where) for q in queries]
    assert all(len(hits) == 5 for hits in batched)
    assert store.vector_searches("u2", "Memory", queries, 5) == [[], [], []]


def test_dump_pages_through_every_node_and_relationship_of_one_user(store: Store) -> None:
    nodes = [memory(f"m{i}", f"fact {i}", frozen=i == 2) for i in range(5)]
    nodes.append(NodeRecord("d1", "u1", "Document", {"title": "Notes", "chunks": 1}))
    nodes.append(NodeRecord("t1", "u1", "Tombstone", {"reason": "deleted"}))
    edges = [
        EdgeRecord(f"r{i}", "SUPERSEDES", f"m{i + 1}", f"m{i}", "u1", {"at": "x"}) for i in range(4)
    ]
    edges.append(EdgeRecord("p1", "PART_OF", "m0", "d1", "u1", {"position": 1}))
    store.apply(ChangeSet("u1", add_nodes=nodes, add_edges=edges))
    store.apply(ChangeSet("u2", add_nodes=[memory("x1", "not yours", user="u2")]))
    seen_nodes: list[NodeRecord] = []
    seen_edges: list[EdgeRecord] = []
    after = None
    while True:
        page, out = store.dump("u1", after=after, limit=3)
        if not page:
            break
        seen_nodes += page
        seen_edges += out
        after = page[-1].id
    assert [n.id for n in seen_nodes] == sorted(n.id for n in nodes)
    by_id = {n.id: n for n in nodes}
    for got in seen_nodes:
        want = by_id[got.id]
        assert (got.label, got.props) == (want.label, want.props)
        if want.embedding is None:
            assert got.embedding is None
        else:
            assert got.embedding is not None and np.array_equal(got.embedding, want.embedding)
    assert sorted((e.id, e.type, e.src, e.dst, e.props) for e in seen_edges) == sorted(
        (e.id, e.type, e.src, e.dst, e.props) for e in edges
    )
    assert "u1" in store.user_ids() and "u2" in store.user_ids()
    assert [n.id for n in store.dump("u2")[0]] == ["x1"]


def test_an_unconfirmed_write_is_read_back_and_a_refused_one_is_dropped(store: Store) -> None:
    store.apply(ChangeSet("u1", add_nodes=[memory("a", "x", seq=1), memory("f", "y", frozen=True)]))
    change = ChangeSet("u1")
    change.guard("a", unchanged={"seq": 1})
    change.update("a", {"seq": 2})
    store.apply_unconfirmed(change)
    assert store.get("u1", ["a"])[0].props["seq"] == 2  # the next read waits for it
    before = _dump(store)
    frozen = ChangeSet("u1", set_nodes=[("f", {"seq": 3})])
    frozen.guard("f")
    stale = ChangeSet("u1", set_nodes=[("a", {"seq": 5})])
    stale.guard("a", unchanged={"seq": 1})  # another writer changed what it read
    for refused in (
        frozen,
        stale,
        ChangeSet("u1", set_nodes=[("nowhere", {"seq": 3})]),
        ChangeSet("u1", add_nodes=[memory("a", "again")]),
        ChangeSet("u1", set_nodes=[("a", {"meta": {"b": 1}})]),  # type: ignore[list-item]
    ):
        store.apply_unconfirmed(refused)
    assert _dump(store) == before
