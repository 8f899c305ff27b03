"""The README stays true: its quick tour runs and its set-up commands exist."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from graphmem.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def _block_after(heading: str) -> str:
    section = README.split(heading, 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, f"no python block after {heading}"
    return match.group(1)


def test_quick_tour_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _block_after("## Python quick tour").replace(
        "/tmp/graphmem-tour", str(tmp_path / "tour")
    )
    exec(compile(code, "README quick tour", "exec"), {})
    out = capsys.readouterr().out
    assert "refused:" in out and "Ben lives in Munich." in out
    assert "D1:1" in out


def test_setup_commands_are_the_ones_ci_runs() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)


def test_langgraph_snippet_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _block_after("### LangGraph store").replace(
        "/tmp/graphmem-langgraph", str(tmp_path / "langgraph")
    )
    exec(compile(code, "README LangGraph snippet", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Alice moved to Lisbon last spring."
    assert out[1] == "music [('memories', 'alice')]"


def test_mcp_host_configuration_starts_the_mcp_command() -> None:
    section = README.split("### MCP server", 1)[1]
    match = re.search(r"```json\n(.*?)```", section, re.S)
    assert match, "no JSON block in the MCP section"
    server = json.loads(match.group(1))["mcpServers"]["graphmem"]
    assert Path(server["command"]).name == "graphmem" and server["args"] == ["mcp"]
    assert {"GRAPHMEM_URI", "GRAPHMEM_USER", "HF_HUB_OFFLINE"} <= set(server["env"])
    assert "mcp" in main.commands


def test_documents_snippet_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _block_after("### Documents").replace("/tmp/graphmem-docs", str(tmp_path / "docs"))
    exec(compile(code, "README documents snippet", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Garden Handbook 2"
    assert out[1] == "Garden Handbook 1 Garden Handbook > Watering ('garden.md#1',)"
