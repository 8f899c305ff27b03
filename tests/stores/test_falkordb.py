"""The FalkorDB store on its own: atomic rollback, tenancy, the vector index, schema."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import numpy as np
import pytest

from graphmem.errors import BackendError, FrozenError, InvalidInputError
from graphmem.stores import open_store
from graphmem.stores.base import ChangeSet, EdgeRecord, NodeRecord
from graphmem.stores.cypher import CypherStore
from graphmem.stores.cypher.dialects import _header
from graphmem.stores.cypher.plan import apply_statement, compile_changes, find_statement
from graphmem.stores.cypher.recall import where_param
from graphmem.stores.semantics import fulltext_body
from tests.stores.records import DIM, memory, vec


@pytest.fixture
def store(falkordb_server: str) -> Iterator[CypherStore]:
    s = open_store(f"falkordb://{falkordb_server}/t_{uuid.uuid4().hex[:12]}")
    assert isinstance(s, CypherStore)
    yield s
    s.dialect.graph.delete()  # type: ignore[attr-defined]
    s.close()


def _dump(store: CypherStore) -> list[object]:
    """Every node and relationship, with every property (the store's own included)."""
    nodes = store.dialect.run(
        "MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id",
        {},
        write=False,
    )
    rels = store.dialect.run(
        "MATCH ()-[r]->() RETURN r.id AS id, type(r) AS type, properties(r) AS props ORDER BY id",
        {},
        write=False,
    )
    return [*nodes, *rels]


def test_failed_guard_writes_nothing(store: CypherStore) -> None:
    store.apply(ChangeSet("u1", add_nodes=[memory("m1", "a frozen fact", frozen=True)]))
    store.apply(ChangeSet("u1", add_nodes=[memory("m0", "another fact")]))
    before = _dump(store)
    change = ChangeSet(
        "u1",
        add_nodes=[memory("m2", "new")],
        set_nodes=[("m0", {"text": "changed too"})],
        delete_nodes=["m0"],
        add_edges=[EdgeRecord("r1", "NEXT", "m2", "m1", "u1", {})],
    )
    change.guard("m1")
    change.update("m1", {"text": "changed"})
    with pytest.raises(FrozenError):
        store.apply(change)
    assert _dump(store) == before
    assert store.get("u1", ["m2"]) == []
    assert store.get("u1", ["m1"])[0].props["text"] == "a frozen fact"


def test_a_query_that_fails_midway_leaves_no_partial_write(store: CypherStore) -> None:
    """The property apply relies on: FalkorDB undoes a query that errors after writing."""
    with pytest.raises(BackendError, match=r"[Dd]ivision by zero"):
        store.dialect.run(
            "CREATE (:Node {id: 'half'}) WITH 1 AS one UNWIND [1, 0] AS d RETURN one / d",
            {},
            write=True,
        )
    assert _dump(store) == []


def test_scores_are_cosine_similarity(store: CypherStore) -> None:
    store.apply(
        ChangeSet(
            "u1",
            add_nodes=[
                NodeRecord("a", "u1", "Entity", {"name": "A"}, vec(1.0)),
                NodeRecord("b", "u1", "Entity", {"name": "B"}, vec(0.6, 0.8)),
            ],
        )
    )
    found = dict(store.vector_search("u1", "Entity", vec(1.0), 2))
    assert found["a"] == pytest.approx(1.0, abs=1e-5)
    assert found["b"] == pytest.approx(0.6, abs=1e-5)


def test_expired_embedding_leaves_the_vector_index(store: CypherStore) -> None:
    store.apply(ChangeSet("u1", add_nodes=[memory("m1", "x"), memory("m2", "y")]))
    store.apply(ChangeSet("u1", set_embeddings=[("m1", None)]))
    assert set(store.embeddings("u1", ["m1", "m2"])) == {"m2"}
    assert [i for i, _ in store.vector_search("u1", "Memory", vec(1.0), 5)] == ["m2"]


def test_schema_is_complete_after_open_and_apply_is_idempotent(store: CypherStore) -> None:
    assert all(store.schema_status().values())
    assert store.apply_schema() == []


def test_bad_uris_are_invalid_input() -> None:
    for uri in ("falkordb://", "falkordb://h:99999", "falkordb://u:p@h/g", "falkordb://h/a/b"):
        with pytest.raises(InvalidInputError):
            open_store(uri)


def test_a_filtered_vector_search_the_index_cannot_fill_ranks_exactly_in_one_statement(
    store: CypherStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(11)
    nodes = []
    for i in range(400):
        node = memory(f"m{i:03d}", f"t{i}", status="generated" if i % 20 == 0 else "merged")
        node.embedding = rng.normal(size=DIM).astype(np.float32)
        nodes.append(node)
    store.apply(ChangeSet("u1", add_nodes=nodes))
    calls: list[str] = []
    run = store.dialect.run

    def counting(query: str, params: dict[str, object], *, write: bool) -> list[dict[str, object]]:
        calls.append(query)
        return run(query, params, write=write)

    monkeypatch.setattr(store.dialect, "run", counting)
    query = vec(1.0)
    found = store.vector_search("u1", "Memory", query, 10, {"status": "generated"})
    generated = [n for n in nodes if n.props["status"] == "generated"]
    cosine = {
        n.id: float(n.embedding @ query / np.linalg.norm(n.embedding))  # type: ignore[operator]
        for n in generated
    }
    expected = sorted(cosine, key=lambda i: (-cosine[i], i))[:10]
    assert [i for i, _ in found] == expected and len(calls) == 1
    assert all(abs(score - cosine[i]) < 1e-4 for i, score in found)


def test_the_fulltext_body_is_the_one_every_store_indexes(store: CypherStore) -> None:
    nodes = [
        NodeRecord("e1", "u1", "Entity", {"name": "Robert", "aliases": ["Bob", "B_b"]}),
        NodeRecord("p1", "u1", "Episode", {"speaker": "Anna", "text": "I moved to snake_case."}),
        NodeRecord("m1", "u1", "Memory", {"text": "Anna moved.", "predicate": "lives_in"}),
        NodeRecord("m2", "u1", "Memory", {"text": "Anna hums.", "predicate": ""}),
        NodeRecord("t1", "u1", "Tombstone", {"reason": "deleted"}),
    ]
    store.apply(ChangeSet("u1", add_nodes=nodes))
    store.apply(ChangeSet("u1", set_nodes=[("e1", {"aliases": ["Rob", "Bobby"]})]))

    def indexed() -> dict[str, str | None]:
        rows = store.dialect.run("MATCH (n) RETURN n.id AS id, n._text AS t", {}, write=False)
        return {r["id"]: r["t"] for r in rows}

    stored = store.get("u1", [n.id for n in nodes])
    expected = {r.id: fulltext_body(r.label, r.props) or None for r in stored}
    assert indexed() == expected
    assert expected["e1"] == "Robert Rob Bobby" and expected["m1"] == "Anna moved. lives in"


def _plan(store: CypherStore, query: str, params: dict[str, object], run: bool = False) -> str:
    """FalkorDB's execution plan of a statement (``GRAPH.EXPLAIN``: nothing runs), or,
    with ``run``, its profile (``GRAPH.PROFILE``: with the records each step produced)."""
    graph = store.dialect.graph  # type: ignore[attr-defined]
    command = "GRAPH.PROFILE" if run else "GRAPH.EXPLAIN"
    lines = graph.execute_command(command, graph.name, _header(params) + query)
    return "\n".join(x.decode() if isinstance(x, bytes) else str(x) for x in lines)


def test_relationships_named_with_their_ends_are_looked_up_between_them(
    store: CypherStore,
) -> None:
    """Not by walking the relationships of the start node: a person's entity has one per
    episode that mentions it."""
    change = ChangeSet("u1", set_edges=[("r1", {"current": False})], delete_edges=["r2"])
    change.edge_ends.update(r1=("a", "b"), r2=("b", "a"))
    compiled = compile_changes(change, DIM)
    plan = _plan(store, apply_statement(store.dialect.statements, compiled, False), compiled.params)
    assert plan.count("Expand Into") == 3  # check, delete, set
    assert "Conditional Traverse" not in plan


@pytest.mark.parametrize(
    ("where", "found"),
    [({"chain_id": ["c1", "c3"], "status": "generated"}, 2), ({"alias_keys": "k2"}, 1)],
)
def test_find_reads_only_the_nodes_its_lookup_property_names(
    store: CypherStore, where: dict[str, object], found: int
) -> None:
    nodes = [memory(f"m{i}", "x", chain_id=f"c{i}") for i in range(1, 6)]
    nodes += [NodeRecord(f"e{i}", "u1", "Entity", {"alias_keys": [f"k{i}"]}) for i in range(5)]
    store.apply(ChangeSet("u1", add_nodes=nodes))
    label = "Entity" if "alias_keys" in where else "Memory"
    query, values = find_statement(store.dialect.statements, label, where, False, False)
    params = {"user_id": "u1", "where": where_param(where), "order_by": "id", "values": values}
    plan = _plan(store, query, params, run=True)
    assert f"Node By Index Scan | (n:{label}) | Records produced: {found}," in plan
