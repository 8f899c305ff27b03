"""The chat-change sets: every file parses, has its number of scenarios (80 per register,
300 per mixed set) and names its values."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.chat_changes import DATA, END, SETS, read_cases


@pytest.mark.parametrize("name", list(SETS))
def test_every_set_has_its_scenarios_naming_their_values(name: str) -> None:
    cases = read_cases(DATA / f"{name}.txt")
    assert len(cases) == (300 if name.startswith("varied") else 80)
    for c in cases:
        assert c.old.lower() in c.first.lower(), c
        if c.attr == END:
            assert c.new == "-", c
        else:
            assert c.new.lower() in c.change.lower(), c


def test_a_malformed_line_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("# a comment\n\ncity | only three | fields\n", encoding="utf-8")
    with pytest.raises(ValueError, match="attr"):
        read_cases(bad)
