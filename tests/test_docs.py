"""The README stays true: its quick tour runs and its set-up commands exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

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
