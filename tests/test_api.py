"""The public surface: import side effects, exports, add/search end to end, tenancy."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import graphmem
from graphmem.engine import GraphMem
from tests.contract.helpers import edges_of

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, **env},
    )
    return result.stdout


def test_import_loads_no_model_and_opens_nothing(tmp_path: Path) -> None:
    out = _python(
        "import sys, json, graphmem\n"
        "heavy = ['spacy', 'sentence_transformers', 'torch', 'transformers', 'neo4j']\n"
        "print(json.dumps([m for m in heavy if m in sys.modules]))",
        HOME=str(tmp_path),
    )
    assert json.loads(out) == []
    assert list(tmp_path.iterdir()) == []


def test_every_export_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    for name in graphmem.__all__:
        assert hasattr(graphmem, name)
        if name not in ("__version__",):
            assert f"`{name}" in readme, f"graphmem.{name} is exported but not documented"


def test_a_new_process_recalls_what_was_added(
    tmp_path: Path, embedder: object, extractor: graphmem.Extractor
) -> None:
    uri = f"local://{tmp_path / 'mem'}"
    with graphmem.open(uri, embedder=embedder, extractor=extractor) as mem:  # type: ignore[arg-type]
        mem.add(
            [
                {
                    "speaker": "Anna",
                    "content": "I just adopted a kitten named Miso.",
                    "ref": "D1:1",
                    "at": "2024-05-02T10:00:00Z",
                },
                {
                    "speaker": "Ben",
                    "content": "Congratulations! I work at the city library.",
                    "ref": "D1:2",
                    "at": "2024-05-02T10:01:00Z",
                },
                {
                    "speaker": "Anna",
                    "content": "I love reading mystery novels.",
                    "ref": "D1:3",
                    "at": "2024-05-02T10:02:00Z",
                },
            ],
            user_id="u1",
        )
    out = _python(
        "import json, graphmem\n"
        f"hits = graphmem.open({uri!r}).search('Where does Ben work?', user_id='u1')\n"
        "print(json.dumps({'text': hits[0].memory.text, 'sources': hits[0].sources}))",
        HF_HUB_OFFLINE="1",
    )
    first = json.loads(out.strip().splitlines()[-1])
    assert "library" in first["text"]
    assert first["sources"] == ["D1:2"]


def test_add_keeps_episodes_in_order_with_refs_and_speakers(mem: GraphMem) -> None:
    r = mem.add(
        [
            {"speaker": "Anna", "content": "Good morning Ben.", "ref": "x1"},
            {"speaker": "Ben", "content": "Morning! I moved to Oslo.", "ref": "x2"},
        ],
        session_id="s1",
    )
    r2 = mem.add({"speaker": "Anna", "content": "How is Oslo?", "ref": "x3"}, session_id="s1")
    e1, e2 = r.episodes
    (e3,) = r2.episodes
    assert [e.ref for e in (e1, e2, e3)] == ["x1", "x2", "x3"]
    assert [e.dst for e in edges_of(mem, e1.id, "NEXT", direction="out")] == [e2.id]
    assert [e.dst for e in edges_of(mem, e2.id, "NEXT", direction="out")] == [e3.id]
    names = {e.name for e in mem.entities()}
    assert {"Anna", "Ben", "Oslo"} <= names
    assert any(m.subject == "Ben" and m.object == "Oslo" for m in r.memories)


def test_sessions_are_linked_separately(mem: GraphMem) -> None:
    a = mem.add("First session turn.", session_id="a").episodes[0]
    b = mem.add("Second session turn.", session_id="b").episodes[0]
    assert edges_of(mem, a.id, "NEXT") == [] and edges_of(mem, b.id, "NEXT") == []


def test_delete_leaves_a_tombstone_and_removes_content(mem: GraphMem) -> None:
    m = mem.remember("Anna's PIN is 1234.", subject="Anna", predicate="has_pin", object="1234")
    mem.delete(m.id, reason="user request")
    [stone] = mem.store.get("u1", [m.id])
    assert stone.label == "Tombstone"
    assert set(stone.props) == {"deleted_at", "reason"}
    assert all("1234" not in h.memory.text for h in mem.search("Anna PIN 1234"))


def test_only_the_cli_reads_the_environment() -> None:
    """Library code takes its settings as arguments and ``Config``."""
    package = ROOT / "graphmem"
    readers = [
        str(path.relative_to(package))
        for path in sorted(package.rglob("*.py"))
        if path.name != "cli.py" and re.search(r"\benviron\b|\bgetenv\b", path.read_text())
    ]
    assert readers == []


def test_the_search_kinds_are_the_memory_kinds_and_episodes() -> None:
    from graphmem.models import EPISODE, HIT_KINDS, Kind

    assert {*(k.value for k in Kind), EPISODE} == HIT_KINDS
