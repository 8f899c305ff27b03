"""The embedded store on its own: durability, atomicity, indexes, tenancy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from graphmem.errors import BackendUnavailableError, FrozenError, NotFoundError
from graphmem.stores.base import ChangeSet, EdgeRecord, NodeRecord
from graphmem.stores.embedded import EmbeddedStore


def _vec(*xs: float) -> np.ndarray:
    v = np.zeros(8, dtype=np.float32)
    v[: len(xs)] = xs
    return v


def _memory(node_id: str, text: str, user: str = "u1", **props: object) -> NodeRecord:
    base = {"text": text, "status": "generated", "kind": "fact", **props}
    return NodeRecord(node_id, user, "Memory", base, _vec(1.0, float(len(text) % 3)))


def _dump(path: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path / "graphmem.db")
    rows = db.execute("SELECT id, user_id, label, props FROM nodes ORDER BY id").fetchall()
    rows += db.execute("SELECT id, type, src, dst, props FROM edges ORDER BY id").fetchall()
    db.close()
    return rows


def test_data_survives_reopen(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.apply(
        ChangeSet(
            "u1",
            add_nodes=[_memory("m1", "Anna lives in Berlin"), _memory("m2", "Anna likes jazz")],
            add_edges=[EdgeRecord("r1", "NEXT", "m1", "m2", "u1", {})],
        )
    )
    store.close()
    again = EmbeddedStore(tmp_path)
    assert [r.id for r in again.find("u1", "Memory")] == ["m1", "m2"]
    assert [e.id for e in again.edges("u1", ["m1"])] == ["r1"]
    assert again.keyword_search("u1", "jazz", 5, ["Memory"])[0][0] == "m2"
    assert again.vector_search("u1", "Memory", _vec(1.0), 1)[0][0] in {"m1", "m2"}
    again.close()


def test_failed_guard_writes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.apply(ChangeSet("u1", add_nodes=[_memory("m1", "a frozen fact", frozen=True)]))
    before = _dump(tmp_path)
    change = ChangeSet("u1", add_nodes=[_memory("m2", "new")])
    change.guard("m1")
    change.update("m1", {"text": "changed"})
    with pytest.raises(FrozenError):
        store.apply(change)
    assert _dump(tmp_path) == before
    assert store.get("u1", ["m2"]) == []
    assert store.get("u1", ["m1"])[0].props["text"] == "a frozen fact"


def test_edge_to_missing_node_rolls_back_whole_change(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    change = ChangeSet(
        "u1",
        add_nodes=[_memory("m1", "x")],
        add_edges=[EdgeRecord("r1", "ABOUT", "m1", "nowhere", "u1", {})],
    )
    with pytest.raises(NotFoundError):
        store.apply(change)
    assert store.counts("u1") == {}
    assert _dump(tmp_path) == []


def test_reads_never_cross_tenants(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.apply(ChangeSet("u1", add_nodes=[_memory("m1", "secret plans of u1")]))
    store.apply(ChangeSet("u2", add_nodes=[_memory("m2", "secret plans of u2", user="u2")]))
    assert [r.id for r in store.get("u2", ["m1", "m2"])] == ["m2"]
    assert [i for i, _ in store.keyword_search("u2", "secret plans", 10, ["Memory"])] == ["m2"]
    assert [i for i, _ in store.vector_search("u2", "Memory", _vec(1.0), 10)] == ["m2"]
    assert store.edges("u2", ["m1"]) == []
    with pytest.raises(NotFoundError):
        store.apply(ChangeSet("u2", set_nodes=[("m1", {"text": "hijack"})]))


def test_vector_search_filters_without_losing_hits(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    nodes = [
        _memory(f"m{i:03d}", f"text {i}", status="merged" if i % 10 else "generated")
        for i in range(300)
    ]
    store.apply(ChangeSet("u1", add_nodes=nodes))
    found = store.vector_search("u1", "Memory", _vec(1.0), 25, {"status": "generated"})
    assert len(found) == 25
    assert all(store.get("u1", [i])[0].props["status"] == "generated" for i, _ in found)


def test_second_connection_sees_new_writes(tmp_path: Path) -> None:
    writer, reader = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    writer.apply(ChangeSet("u1", add_nodes=[_memory("m1", "written elsewhere")]))
    assert [r.id for r in reader.find("u1", "Memory")] == ["m1"]


def test_unwritable_path_is_backend_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(BackendUnavailableError):
        EmbeddedStore(blocker / "store")


def test_keyword_search_treats_query_syntax_as_text(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.apply(ChangeSet("u1", add_nodes=[_memory("m1", 'she said "NEAR" OR AND * ( )')]))
    assert store.keyword_search("u1", '"NEAR" OR * ) (', 5, ["Memory"])[0][0] == "m1"
