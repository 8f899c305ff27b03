"""The embedded store on its own: durability, atomicity of the file, the file's format
and its migrations."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from graphmem.engine import GraphMem
from graphmem.errors import BackendUnavailableError, FrozenError, NotFoundError
from graphmem.stores.base import ChangeSet, EdgeRecord
from graphmem.stores.embedded import EmbeddedStore
from graphmem.stores.embedded.sqlite import FORMAT
from tests.doubles import HashEmbedder, RuleExtractor
from tests.stores.records import memory, vec

#: a store file written by graphmem at commit 79b4f25 (see tests/data/embedded/README.md)
FORMAT_0 = Path(__file__).resolve().parents[1] / "data" / "embedded" / "format0" / "graphmem.db"


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
            add_nodes=[memory("m1", "Anna lives in Berlin"), memory("m2", "Anna likes jazz")],
            add_edges=[EdgeRecord("r1", "NEXT", "m1", "m2", "u1", {})],
        )
    )
    store.close()
    again = EmbeddedStore(tmp_path)
    assert [r.id for r in again.find("u1", "Memory")] == ["m1", "m2"]
    assert [e.id for e in again.edges("u1", ["m1"])] == ["r1"]
    assert again.keyword_search("u1", "jazz", 5, ["Memory"])[0][0] == "m2"
    assert again.vector_search("u1", "Memory", vec(1.0), 1)[0][0] in {"m1", "m2"}
    again.close()


def test_failed_guard_writes_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.apply(ChangeSet("u1", add_nodes=[memory("m1", "a frozen fact", frozen=True)]))
    before = _dump(tmp_path)
    change = ChangeSet("u1", add_nodes=[memory("m2", "new")])
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
        add_nodes=[memory("m1", "x")],
        add_edges=[EdgeRecord("r1", "ABOUT", "m1", "nowhere", "u1", {})],
    )
    with pytest.raises(NotFoundError):
        store.apply(change)
    assert store.counts("u1") == {}
    assert _dump(tmp_path) == []


def test_second_connection_sees_new_writes(tmp_path: Path) -> None:
    writer, reader = EmbeddedStore(tmp_path), EmbeddedStore(tmp_path)
    writer.apply(ChangeSet("u1", add_nodes=[memory("m1", "written elsewhere")]))
    assert [r.id for r in reader.find("u1", "Memory")] == ["m1"]


def test_unwritable_path_is_backend_unavailable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(BackendUnavailableError):
        EmbeddedStore(blocker / "store")


def test_keyword_search_treats_query_syntax_as_text(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path)
    store.apply(ChangeSet("u1", add_nodes=[memory("m1", 'she said "NEAR" OR AND * ( )')]))
    assert store.keyword_search("u1", '"NEAR" OR * ) (', 5, ["Memory"])[0][0] == "m1"


def _format(path: Path) -> int:
    db = sqlite3.connect(path / "graphmem.db")
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def test_a_new_file_records_its_format(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path).close()
    assert _format(tmp_path) == FORMAT


def test_a_file_of_a_newer_format_is_refused_clearly(tmp_path: Path) -> None:
    EmbeddedStore(tmp_path).close()
    db = sqlite3.connect(tmp_path / "graphmem.db")
    db.execute(f"PRAGMA user_version = {FORMAT + 1}")
    db.commit()
    db.close()
    with pytest.raises(BackendUnavailableError, match=f"format {FORMAT + 1}, written by a newer"):
        EmbeddedStore(tmp_path)


def test_a_file_of_format_0_is_migrated_and_reads_as_before(tmp_path: Path) -> None:
    shutil.copy(FORMAT_0, tmp_path / "graphmem.db")
    db = sqlite3.connect(tmp_path / "graphmem.db")
    nulls = db.execute("SELECT count(*) FROM nodes WHERE props LIKE '%: null%'").fetchone()[0]
    db.close()
    assert _format(tmp_path) == 0 and nulls > 0
    store = EmbeddedStore(tmp_path)
    assert _format(tmp_path) == FORMAT
    rows = _dump(tmp_path)
    assert not [r for r in rows if ": null" in str(r[-1])]  # null properties are absent now
    mem = GraphMem(store, embedder=HashEmbedder(64), extractor=RuleExtractor(), user_id="u1")
    stats = mem.stats()
    assert (stats.episodes, stats.entities, stats.memories, stats.tombstones) == (3, 12, 8, 1)
    assert stats.frozen == 1 and stats.by_status["superseded"] == 1
    hamburg = next(m for m in mem.memories() if m.object == "Hamburg")
    assert [v.object for v in mem.history(hamburg.id)] == ["Hamburg", "Munich"]
    assert mem.get(hamburg.id, as_of="2022-01-01").object == "Munich"  # type: ignore[union-attr]
    assert mem.search("Where does Ben live?", kinds=["fact"])[0].memory.id == hamburg.id
    assert [e.name for e in mem.entities() if e.aliases] == ["Anna"]
    assert mem.stats("u2").episodes == 1
    mem.add({"speaker": "Ben", "content": "I live in Kiel."})  # written in the new format
    store.close()
    again = EmbeddedStore(tmp_path)
    assert len(again.find("u1", "Episode")) == 4 and _format(tmp_path) == FORMAT
    again.close()
