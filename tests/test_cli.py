"""The command line: thin over the API, one-line errors, JSON output."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from graphmem.cli import main


def _run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--uri", f"local://{tmp_path}", "--user", "u1", *args])
    return result.exit_code, result.stdout, result.stderr


def test_add_search_show_history_stats_entities(tmp_path: Path) -> None:
    code, _, _ = _run(
        tmp_path,
        "add",
        "I live in Lisbon.",
        "--speaker",
        "Maya",
        "--ref",
        "m1",
        "--at",
        "2024-01-01",
    )
    assert code == 0
    code, out, _ = _run(tmp_path, "--json", "search", "Where does Maya live?")
    hits = json.loads(out)
    assert code == 0 and hits[0]["sources"] == ["m1"]
    memory = next(h["memory"] for h in hits if "kind" in h["memory"])
    code, out, _ = _run(tmp_path, "show", memory["id"])
    assert code == 0 and "Lisbon" in out
    code, out, _ = _run(tmp_path, "--json", "history", memory["id"])
    assert code == 0 and json.loads(out)[0]["id"] == memory["id"]
    code, out, _ = _run(tmp_path, "--json", "stats")
    assert code == 0 and json.loads(out)["episodes"] == 1
    code, out, _ = _run(tmp_path, "entities")
    assert code == 0 and "Maya" in out and "Lisbon" in out


def test_freeze_unfreeze_and_merge(tmp_path: Path) -> None:
    _run(tmp_path, "add", "I love jazz.", "--speaker", "Anna")
    _run(tmp_path, "add", "I love opera.", "--speaker", "Anna")
    code, out, _ = _run(tmp_path, "--json", "search", "Anna music", "-k", "10")
    ids = [h["memory"]["id"] for h in json.loads(out) if "kind" in h["memory"]]
    assert len(ids) >= 2
    assert _run(tmp_path, "freeze", ids[0], "--reason", "keep")[0] == 0
    code, _, err = _run(tmp_path, "merge", ids[1], ids[0])
    assert code == 1 and err.count("\n") == 1 and "FrozenError" in err
    assert _run(tmp_path, "unfreeze", ids[0])[0] == 0
    code, out, _ = _run(tmp_path, "merge", ids[1], ids[0])
    assert code == 0 and ids[1] in out


def test_errors_print_one_line_and_exit_nonzero(tmp_path: Path) -> None:
    code, out, err = _run(tmp_path, "show", "mem_missing")
    assert code == 1 and out == "" and err.startswith("error: NotFoundError")
    assert err.count("\n") == 1
    result = CliRunner().invoke(main, ["--uri", "nonsense", "stats"])
    assert result.exit_code == 1 and "InvalidInputError" in result.stderr


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for name in main.commands:
        assert f"graphmem {name}" in readme or f"graphmem --user demo {name}" in readme, name


def test_demo_prints_memories_and_provenance_backed_answers(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path, "demo")
    assert code == 0
    assert "Extracted memories" in out and "20 turns in 3 sessions" in out
    answers = out.split("Q: Where does Maya live now?", 1)[1].split("Q: ", 1)[0]
    assert "Porto" in answers and "S3:1" in answers
    earlier = out.split("Q: Where did Maya live? (as of 2024-06-01)", 1)[1].split("Q: ", 1)[0]
    assert "Lisbon" in earlier and "superseded" in earlier


CHAT = Path(__file__).resolve().parent / "data" / "ingest" / "chat.jsonl"


def test_ingest_of_two_users_run_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    code, out, _ = _run(tmp_path, "--json", "ingest", str(CHAT))
    first = json.loads(out)
    assert code == 0 and sorted(first["users"]) == ["maya", "omar"]
    assert sum(u["added"] for u in first["users"].values()) == 60
    stats = [_run(tmp_path, "--user", u, "--json", "stats")[1] for u in ("maya", "omar")]
    code, out, _ = _run(tmp_path, "ingest", str(CHAT))
    assert code == 0 and "│ all  │   60 │     0 │      60 │" in out
    assert [_run(tmp_path, "--user", u, "--json", "stats")[1] for u in ("maya", "omar")] == stats
    code, _, err = _run(tmp_path, "ingest", str(tmp_path / "nowhere.jsonl"))
    assert code != 0 and err.count("\n") == 1


def test_export_then_import_into_a_fresh_store(tmp_path: Path) -> None:
    source, copy = tmp_path / "source", tmp_path / "copy"
    assert _run(source, "ingest", str(CHAT))[0] == 0
    out_file = tmp_path / "all.jsonl"
    result = CliRunner().invoke(main, ["--uri", f"local://{source}", "export", "-o", str(out_file)])
    assert result.exit_code == 0 and "maya" in result.stdout and "omar" in result.stdout
    header = json.loads(out_file.read_text().splitlines()[0])
    assert header["users"] == ["maya", "omar"] and header["dimensions"] == 384
    code, _, _ = _run(copy, "import", str(out_file))
    assert code == 0
    for user in ("maya", "omar"):
        stats = [_run(d, "--user", user, "--json", "stats")[1] for d in (source, copy)]
        assert stats[0] == stats[1]
    question = ("--user", "maya", "--json", "search", "Where does Clara live?", "-k", "5")
    assert _run(copy, *question)[1] == _run(source, *question)[1]
    code, _, err = _run(copy, "import", str(out_file))
    assert code == 1 and "already exists" in err and err.count("\n") == 1
    code, _, err = _run(copy, "import", str(tmp_path / "missing.jsonl"))
    assert code == 1 and err.startswith("error: InvalidInputError: cannot read")
    code, out, _ = _run(source, "--user", "omar", "export")  # the global --user: one user
    assert code == 0 and json.loads(out.splitlines()[0])["users"] == ["omar"]
