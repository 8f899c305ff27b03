"""Every Neo4j-dialect statement in ``cypher/`` passes Neo4j's own Cypher language
service (``@neo4j-cypher/language-support``'s ``lintCypherQuery``): no syntax or semantic
errors, procedures checked against Neo4j 5's built-ins. Runs with node, after
``npm ci --prefix tools/cypher-lint`` (``make install`` does it)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from graphmem.stores.base import ChangeSet, EdgeRecord, Expect, NodeRecord, SeedRequest
from graphmem.stores.cypher.plan import (
    LOOKUPS,
    apply_statement,
    compile_changes,
    find_statement,
)
from graphmem.stores.cypher.recall import SeedStatement
from graphmem.stores.cypher.statements import Statements, cypher_root

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "cypher-lint"
FIXTURES = ROOT / "tests" / "data" / "cypher"
LABELS = [
    "Node",
    "Episode",
    "Passage",
    "Entity",
    "Memory",
    "Document",
    "Tombstone",
    "Fact",
    "Preference",
    "Event",
    "WriteLock",  # apply/lock serialises a user's writes on it
]


def _lint(statements: dict[str, str]) -> list[dict[str, list[str] | str]]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not (TOOL / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        pytest.skip("run: npm ci --prefix tools/cypher-lint")
    payload = {
        "statements": [{"name": n, "text": t} for n, t in statements.items()],
        "labels": LABELS,
        "relationshipTypes": ["NEXT", "ABOUT", "LIVES_IN", "SUPERSEDES", "MERGED_INTO", "PART_OF"],
    }
    result = subprocess.run(
        ["node", str(TOOL / "lint.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr
    return list(json.loads(result.stdout))


def _every_change() -> ChangeSet:
    """A change set that uses every apply fragment."""
    vec = [0.0] * 384
    ch = ChangeSet("u1", delete_nodes=["gone"], delete_edges=["r0"])
    kinds = [("Memory", "fact"), ("Memory", "preference"), ("Memory", "event"), ("Memory", None)]
    kinds += [("Episode", None), ("Entity", None), ("Tombstone", None)]
    for i, (label, kind) in enumerate(kinds):
        ch.node(NodeRecord(f"n{i}", "u1", label, {"kind": kind, "text": "t"}, None))
    ch.guard("old", status_in=["generated"], unchanged={"refs": ["a"], "score": 0.5, "x": None})
    ch.expect(Expect("Memory", "sp_key", "k", frozenset({"generated"}), frozenset({"old"})))
    ch.expect(Expect("Entity", "alias_keys", "anna", ids=frozenset(), holds=True))
    ch.expect(Expect("Episode", "session_id", "s1", highest="seq", top=3))
    ch.update("old", {"text": "x"})
    ch.set_embeddings += [("old", vec), ("other", None)]  # type: ignore[list-item]
    ch.edge(EdgeRecord("r1", "LIVES_IN", "n5", "old", "u1", {"current": True}))
    ch.set_edges += [("r2", {"current": False}), ("r3", {"current": True})]
    ch.delete_edges.append("r4")
    ch.edge_ends.update(r3=("n5", "old"), r4=("old", "n5"))  # found between their ends
    return ch


def neo4j_statements() -> dict[str, str]:
    """Every statement Neo4j runs: standalone files, and composed apply / find."""
    st = Statements("neo4j")
    out = {}
    fragments = ("read/find", "read/find_by", "read/find_holding")
    fragments += ("read/order_asc", "read/order_desc", "read/limit")
    fragments += ("recall/named", "recall/vector", "recall/keyword")
    for folder in ("read", "write", "schema", "admin", "recall"):
        for name in st.names(folder):
            if name in fragments:
                continue
            text = st.path(name).read_text()
            out[name] = st.render(name, label="Memory") if "{{" in text else st.get(name)
    every_part = SeedRequest(
        np.zeros(384, np.float32),
        10,
        [("Memory", {"status": ["generated"]}), ("Episode", None), ("Passage", None)],
        ["anna", "lives"],
        ["Memory", "Episode"],
        ["anna"],
        {"status": "active"},
    )
    out["recall/seeds (every part)"] = SeedStatement(
        st, every_part, "u1", [], str, str, " OR ".join
    ).text
    compiled = compile_changes(_every_change(), 384)
    out["apply (every fragment)"] = apply_statement(st, compiled, lock=True)
    for desc in (False, True):
        for limited in (False, True):
            for where in (None, {"key": "anna"}, {"alias_keys": ["anna"], "status": "active"}):
                text, _ = find_statement(st, "Entity", where, desc, limited)
                out[f"find {where} desc={desc} limit={limited}"] = text
    for path in sorted((cypher_root() / "inspect").glob("*.cypher")):
        out[f"inspect/{path.stem}"] = path.read_text()
    return out


def test_every_neo4j_statement_lints_clean() -> None:
    statements = neo4j_statements()
    assert len(statements) > 30
    report = _lint(statements)
    errors = {r["name"]: r["errors"] for r in report if r["errors"]}
    assert errors == {}


def test_the_linter_reports_broken_statements() -> None:
    report = _lint({p.stem: p.read_text() for p in sorted(FIXTURES.glob("*.cypher"))})
    by_name = {r["name"]: r["errors"] for r in report}
    assert by_name["broken"], "a misspelt clause must be an error"
    assert any("queryNode" in e for e in by_name["unknown_procedure"])


def test_every_property_find_starts_from_is_indexed_on_both_servers() -> None:
    falkordb, neo4j = Statements("falkordb"), Statements("neo4j")
    neo4j_schema = [neo4j.get(n) for n in neo4j.names("schema")]
    for label, props in LOOKUPS.items():
        for prop, holds_list in props.items():
            assert falkordb.has(f"schema/range_{label.lower()}_{prop}"), (label, prop)
            if not holds_list:  # Neo4j's range indexes do not hold a list's elements
                wanted = f"FOR (n:{label}) ON (n.user_id, n.{prop})"
                assert any(wanted in text for text in neo4j_schema), (label, prop)
