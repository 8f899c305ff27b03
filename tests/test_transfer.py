"""Export and import (``graphmem.transfer``): a lossless round trip between any two
stores, the same answers from the copy, re-embedding, and the refusals (unknown format
version, existing ids, a cut-off file, vectors of another embedder)."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import graphmem
from graphmem.stores import open_store
from graphmem.stores.base import Store
from graphmem.stores.embedded import EmbeddedStore
from tests.conftest import FakeClock
from tests.doubles import HashEmbedder, RuleExtractor

NOTES = "# Tool Shed\n\nThe key hangs under the blue pot. Return every tool clean.\n"


def build(mem: graphmem.GraphMem, clock: FakeClock) -> dict[str, str]:
    """Two users with closed versions, a frozen memory with its audit trail, a conflict
    kept beside it, an explicit merge, a tombstone, passages and a document."""
    mem.add(
        [
            {
                "speaker": "Anna",
                "content": "I live in Berlin. I also work at Siemens, and I walk by the "
                "river every single evening after work.",
                "ref": "D1:1",
                "at": "2024-01-01",
            },
            {"speaker": "Ben", "content": "I live in Hamburg. I love jazz.", "ref": "D1:2"},
        ],
        session_id="s1",
    )
    clock.advance(days=1)
    moved = mem.add({"speaker": "Anna", "content": "I moved to Munich.", "ref": "D2:1"})
    hamburg = next(m for m in mem.memories() if m.text == "Ben lives in Hamburg.")
    mem.freeze(hamburg.id, reason="Ben confirmed it")
    clock.advance(days=1)
    mem.add({"speaker": "Ben", "content": "I moved to Bremen.", "ref": "D3:1"})
    jazz = mem.remember("Ben enjoys jazz music.", kind="preference")
    blues = mem.remember("Ben enjoys blues music.", kind="preference")
    mem.merge([jazz.id, blues.id])
    gone = mem.add({"speaker": "Ben", "content": "Forget this line.", "ref": "D4:1"})
    mem.delete(gone.episodes[0].id)
    doc = mem.add_document(NOTES, ref="shed.md")
    mem.add({"speaker": "Cleo", "content": "I live in Oslo.", "ref": "X:1"}, user_id="u2")
    assert doc.document is not None
    return {"munich": moved.memories[0].id, "hamburg": hamburg.id, "doc": doc.document.id}


def everything(store: Store, user_id: str) -> dict[str, Any]:
    """Every node (with its embedding's bytes) and relationship of a user."""
    nodes, edges, after = [], [], None
    while True:
        page, rels = store.dump(user_id, after=after, limit=7)
        if not page:
            break
        for n in page:
            emb = None if n.embedding is None else np.asarray(n.embedding, np.float32).tobytes()
            nodes.append((n.id, n.label, json.dumps(n.props, sort_keys=True), emb))
        edges += [(e.id, e.type, e.src, e.dst, json.dumps(e.props, sort_keys=True)) for e in rels]
        after = page[-1].id
    return {"nodes": nodes, "edges": sorted(edges)}


@pytest.fixture(params=["embedded", "falkordb"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh store to import into."""
    if request.param == "embedded":
        s: Store = EmbeddedStore(tmp_path / "copy")
    else:
        address = request.getfixturevalue("falkordb_server")
        s = open_store(f"falkordb://{address}/copy_{uuid.uuid4().hex[:10]}")
    yield s
    if request.param == "falkordb":
        s.dialect.graph.delete()  # type: ignore[attr-defined]
    s.close()


def _copy(target: Store, clock: FakeClock) -> graphmem.GraphMem:
    return graphmem.GraphMem(
        target, embedder=HashEmbedder(), extractor=RuleExtractor(), clock=clock, user_id="u1"
    )


def test_export_then_import_is_lossless(
    mem: graphmem.GraphMem, clock: FakeClock, target: Store, tmp_path: Path
) -> None:
    ids = build(mem, clock)
    path = tmp_path / "export.jsonl"
    written = mem.export_to(path)
    assert written.users == {
        "u1": written.users["u1"],
        "u2": written.users["u2"],
    }
    copy = _copy(target, clock)
    read = copy.import_from(path)
    assert read.users == written.users and read.reembedded == 0
    for user in ("u1", "u2"):
        assert everything(target, user) == everything(mem.store, user)
        assert copy.stats(user) == mem.stats(user)
    assert copy.history(ids["munich"]) == mem.history(ids["munich"])
    frozen = copy.get(ids["hamburg"])
    assert isinstance(frozen, graphmem.Memory) and frozen.frozen
    assert frozen == mem.get(ids["hamburg"])
    assert copy.documents() == mem.documents()
    for query in ("Where does Anna live?", "What music does Ben like?", "tool shed key"):
        mine = mem.search(query, k=5)
        theirs = copy.search(query, k=5)
        assert theirs[0].memory.id == mine[0].memory.id
        if isinstance(target, EmbeddedStore) and isinstance(mem.store, EmbeddedStore):
            assert theirs == mine


def test_an_export_of_one_user_without_embeddings_is_embedded_again(
    mem: graphmem.GraphMem, clock: FakeClock, tmp_path: Path
) -> None:
    build(mem, clock)
    out = io.StringIO()
    report = mem.export_to(out, ["u1"], embeddings=False)
    text = out.getvalue()
    assert list(report.users) == ["u1"] and '"embedding"' not in text
    assert json.loads(text.splitlines()[0])["embeddings"] is None
    copy = _copy(EmbeddedStore(tmp_path / "copy"), clock)
    read = copy.import_from(io.StringIO(text))
    original, restored = everything(mem.store, "u1"), everything(copy.store, "u1")
    assert read.reembedded == sum(1 for n in original["nodes"] if n[3] is not None) > 10
    assert restored["edges"] == original["edges"]
    for before, after in zip(original["nodes"], restored["nodes"], strict=True):
        assert before[:3] == after[:3]
        if before[3] is None:
            assert after[3] is None
        else:  # the same computation on the same texts
            assert after[3] is not None
            assert np.allclose(
                np.frombuffer(before[3], np.float32), np.frombuffer(after[3], np.float32), atol=1e-6
            )
    assert copy.stats("u2").episodes == 0


def _export(mem: graphmem.GraphMem, clock: FakeClock) -> list[str]:
    build(mem, clock)
    out = io.StringIO()
    mem.export_to(out)
    return out.getvalue().splitlines(keepends=True)


def test_existing_ids_are_refused_unless_replaced(mem: graphmem.GraphMem, clock: FakeClock) -> None:
    lines = _export(mem, clock)
    before = everything(mem.store, "u1")
    with pytest.raises(graphmem.InvalidInputError, match=r"already exists.*replace"):
        mem.import_from(io.StringIO("".join(lines)))
    assert everything(mem.store, "u1") == before
    mem.add({"speaker": "Anna", "content": "I live in Rome.", "ref": "D9:9"})
    mem.import_from(io.StringIO("".join(lines)), replace=True)
    assert everything(mem.store, "u1") == before


def test_an_unknown_format_version_is_refused(mem: graphmem.GraphMem, clock: FakeClock) -> None:
    lines = _export(mem, clock)
    header = json.loads(lines[0])
    header["version"] = 99
    with pytest.raises(graphmem.InvalidInputError, match="version 99 is not known"):
        mem.import_from(io.StringIO(json.dumps(header) + "\n" + "".join(lines[1:])))
    with pytest.raises(graphmem.InvalidInputError, match="not a graphmem export"):
        mem.import_from(io.StringIO('{"hello": 1}\n'))


def test_a_cut_off_file_imports_the_whole_users_before_the_cut_and_nothing_after(
    mem: graphmem.GraphMem, clock: FakeClock, tmp_path: Path
) -> None:
    lines = _export(mem, clock)
    u1_end = next(i for i, line in enumerate(lines) if line.startswith('{"end": "u1"'))
    cut = lines[: u1_end + 2]  # u1 whole, and the first line of u2
    copy = _copy(EmbeddedStore(tmp_path / "copy"), clock)
    with pytest.raises(graphmem.InvalidInputError, match="cut off; nothing of that user"):
        copy.import_from(io.StringIO("".join(cut)))
    assert everything(copy.store, "u1") == everything(mem.store, "u1")
    assert copy.store.dump("u2") == ([], [])


def test_vectors_of_another_embedder_need_reembed(
    mem: graphmem.GraphMem, clock: FakeClock, tmp_path: Path
) -> None:
    lines = _export(mem, clock)
    other = graphmem.GraphMem(
        EmbeddedStore(tmp_path / "other"),
        embedder=HashEmbedder(dim=64),
        extractor=RuleExtractor(),
        clock=clock,
    )
    with pytest.raises(graphmem.InvalidInputError, match="reembed"):
        other.import_from(io.StringIO("".join(lines)))
    report = other.import_from(io.StringIO("".join(lines)), reembed=True)
    assert report.reembedded > 10
    assert other.search("Where does Anna live?", user_id="u1", k=1)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda n: n.update(label="Secret"), "known label"),
        (lambda n: n["props"].update(status="sleeping"), "cannot have status"),
        (lambda n: n["props"].pop("created_at"), "not a valid"),
        (lambda n: n.update(embedding="@@"), "base64"),
    ],
)
def test_a_bad_record_names_its_line_and_writes_nothing(
    mem: graphmem.GraphMem, clock: FakeClock, tmp_path: Path, change: Any, message: str
) -> None:
    lines = _export(mem, clock)
    index = next(i for i, line in enumerate(lines) if '"label": "Memory"' in line)
    record = json.loads(lines[index])
    change(record)
    lines[index] = json.dumps(record) + "\n"
    copy = _copy(EmbeddedStore(tmp_path / "copy"), clock)
    with pytest.raises(graphmem.InvalidInputError, match=f"line {index + 1}: .*{message}"):
        copy.import_from(io.StringIO("".join(lines)))
    assert copy.store.user_ids() == []


#: searches that leave the store as it was (no recall counts), so that every copy is
#: compared with the source as exported
STILL = graphmem.Config(recall=graphmem.RecallConfig(track_activation=False))


@pytest.fixture(scope="module")
def real_source(
    tmp_path_factory: pytest.TempPathFactory,
    embedder: graphmem.Embedder,
    extractor: graphmem.Extractor,
) -> Iterator[tuple[graphmem.GraphMem, Path]]:
    """An embedded store filled with the real models: the 60-message chat log of two
    users, the demo conversation (a move that closes a version), a frozen memory, a
    correction, a document and a deleted turn; and its export."""
    from graphmem.demo import ingest_demo, load_demo

    root = tmp_path_factory.mktemp("real")
    store = EmbeddedStore(root / "source")
    mem = graphmem.GraphMem(store, config=STILL, embedder=embedder, extractor=extractor)
    mem.ingest([Path(__file__).parent / "data" / "ingest" / "chat.jsonl"], "maya")
    ingest_demo(mem, "demo", load_demo())
    porto = next(m for m in mem.memories("demo") if m.object == "Porto")
    mem.freeze(porto.id, "demo", reason="Maya confirmed")
    lisbon = next(m for m in mem.memories("maya") if m.object == "Lisbon")
    mem.feedback(lisbon.id, "Actually Maya lives in Porto now.", "maya")
    mem.add_document(NOTES, "maya", ref="shed.md")
    gone = mem.add({"speaker": "Maya", "content": "Delete me.", "ref": "X:1"}, "maya")
    mem.delete(gone.episodes[0].id, "maya")
    path = root / "export.jsonl"
    mem.export_to(path)
    yield mem, path
    mem.close()


REAL_QUESTIONS = [
    ("maya", "Where does Maya live?"),
    ("maya", "Where does Clara live?"),
    ("omar", "What race did Omar run?"),
    ("omar", "What bike did Omar buy?"),
    ("demo", "Where does Maya live now?"),
    ("demo", "Where does Leo work?"),
]


def test_a_real_store_round_trips_to_the_embedded_store_and_falkordb(
    real_source: tuple[graphmem.GraphMem, Path],
    target: Store,
    embedder: graphmem.Embedder,
    extractor: graphmem.Extractor,
) -> None:
    source, path = real_source
    copy = graphmem.GraphMem(target, config=STILL, embedder=embedder, extractor=extractor)
    copy.import_from(path)
    for user in ("maya", "omar", "demo"):
        assert copy.stats(user) == source.stats(user)
        for m in source.memories(user, include_closed=True):
            assert copy.history(m.id, user) == source.history(m.id, user)
    frozen = [m.id for m in source.memories("demo") if m.frozen]
    assert frozen and all(copy.get(i, "demo") == source.get(i, "demo") for i in frozen)
    for user, question in REAL_QUESTIONS:
        theirs = copy.search(question, user, k=5)
        mine = source.search(question, user, k=5)
        if isinstance(target, EmbeddedStore):
            assert theirs == mine
        else:
            assert theirs[0].memory.id == mine[0].memory.id
