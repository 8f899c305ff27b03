"""Ingesting files (``graphmem.ingest``): JSON-lines chat logs streamed in batches per
session, LoCoMo conversations, documents; running again adds nothing; bad lines are
named by file and line; progress reaches the end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import graphmem
from graphmem.ingest import IngestStatus

DATA = Path(__file__).resolve().parent / "data" / "ingest"
CHAT = DATA / "chat.jsonl"


def _write(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_a_chat_log_of_two_users_ingested_twice_adds_nothing_the_second_time(
    mem: graphmem.GraphMem,
) -> None:
    first = mem.ingest([CHAT], batch_size=8)
    assert first.total("read") == first.total("added") == 60
    assert sorted(first.users) == ["maya", "omar"]
    stats = {u: mem.stats(u) for u in ("maya", "omar")}
    assert stats["maya"].episodes == stats["omar"].episodes == 30
    again = mem.ingest([CHAT], batch_size=8)
    assert again.total("added") == 0 and again.total("skipped") == 60
    assert {u: mem.stats(u) for u in ("maya", "omar")} == stats
    session = mem.store.find("maya", "Episode", {"session_id": "m-s2"}, order_by="seq")
    assert [e.props["ref"] for e in session] == [f"S2:{i}" for i in range(1, 16)]
    nexts = mem.store.edges("maya", [e.id for e in session], types=["NEXT"], direction="out")
    assert len(nexts) == 14  # one chain across the batches of the session


def test_messages_without_refs_get_one_and_are_not_added_twice(
    mem: graphmem.GraphMem, tmp_path: Path
) -> None:
    lines = [
        {"speaker": "Anna", "content": "I live in Berlin."},
        {"speaker": "Ben", "content": "ok"},
        {"speaker": "Ben", "content": "ok"},  # said twice: kept twice
        {"role": "assistant", "content": "Noted.", "session_id": "other"},
    ]
    path = _write(tmp_path / "log.jsonl", lines)
    assert mem.ingest([path]).total("added") == 4
    refs = sorted(e.props["ref"] for e in mem.store.find("u1", "Episode"))
    assert all(r.startswith("h:") for r in refs) and len(set(refs)) == 4
    assert refs.count(next(r for r in refs if r.endswith("#2"))[:-2]) == 1
    assert mem.ingest([path]).total("added") == 0
    assert mem.stats().episodes == 4


def test_a_bad_line_is_named_and_what_came_before_is_kept_for_the_next_run(
    mem: graphmem.GraphMem, tmp_path: Path
) -> None:
    good = [{"speaker": "Anna", "content": f"Line {i}.", "ref": f"L{i}"} for i in range(5)]
    path = _write(tmp_path / "log.jsonl", [*good, {"speaker": "Anna", "content": ""}])
    with pytest.raises(graphmem.InvalidInputError, match=r"log.jsonl:6: .*empty"):
        mem.ingest([path])
    assert mem.stats().episodes == 5
    _write(path, [*good, {"speaker": "Anna", "content": "Fixed."}])
    report = mem.ingest([path])
    assert (report.total("added"), report.total("skipped")) == (1, 5)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        ('{"content": "hi", "mood": "happy"}', "unknown keys"),
        ('{"content": "hi", "user_id": ""}', "user_id"),
        ('{"content": "hi", "session_id": "a b"}', "session_id"),
        ('{"content": "hi", "at": "yesterday"}', "ISO-8601"),
    ],
)
def test_bad_lines_are_refused(
    mem: graphmem.GraphMem, tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(graphmem.InvalidInputError, match=f"bad.jsonl:1: .*{message}"):
        mem.ingest([path])


def test_formats_go_by_the_file_name_unless_given(mem: graphmem.GraphMem, tmp_path: Path) -> None:
    odd = tmp_path / "chat.log"
    shutil.copy(CHAT, odd)
    with pytest.raises(graphmem.InvalidInputError, match="cannot tell the format"):
        mem.ingest([odd])
    assert mem.ingest([odd], format="jsonl").total("added") == 60
    with pytest.raises(graphmem.InvalidInputError, match="format must be one of"):
        mem.ingest([odd], format="csv")
    with pytest.raises(graphmem.InvalidInputError, match="cannot read"):
        mem.ingest([tmp_path / "missing.jsonl"])


def test_locomo_conversations_are_users_and_sessions(
    mem: graphmem.GraphMem, tmp_path: Path
) -> None:
    sample = {
        "sample_id": "conv-x",
        "conversation": {
            "session_1_date_time": "3:12 pm on 4 March, 2022",
            "session_1": [
                {"speaker": "Ines", "dia_id": "D1:1", "text": "I live in Lisbon."},
                {"speaker": "Tomas", "dia_id": "D1:2", "text": "I love jazz."},
            ],
            "session_2_date_time": "9:40 am on 20 April, 2022",
            "session_2": [{"speaker": "Tomas", "dia_id": "D2:1", "text": "I moved to Porto."}],
        },
    }
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps([sample]), encoding="utf-8")
    report = mem.ingest([path], format="locomo")
    assert report.users["conv-x"]["added"] == 3 and list(report.users) == ["conv-x"]
    episodes = mem.store.find("conv-x", "Episode", order_by="seq")
    assert sorted((e.props["session_id"], e.props["ref"], e.props["at"]) for e in episodes) == [
        ("session_1", "D1:1", "2022-03-04T15:12:00.000000Z"),
        ("session_1", "D1:2", "2022-03-04T15:12:00.000000Z"),
        ("session_2", "D2:1", "2022-04-20T09:40:00.000000Z"),
    ]
    assert mem.ingest([path]).total("skipped") == 3


def test_documents_are_ingested_once_and_progress_reaches_the_end(
    mem: graphmem.GraphMem, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Shed\n\nThe key hangs under the blue pot.\n", encoding="utf-8")
    plain = tmp_path / "todo.txt"
    plain.write_text("Buy seeds.\n\nFix the fence.\n", encoding="utf-8")
    seen: list[IngestStatus] = []
    report = mem.ingest([notes, plain, CHAT], progress=lambda s: seen.append(s))
    assert report.users["u1"]["documents"] == 2 and report.users["u1"]["chunks"] == 2
    titles = sorted(d.title for d in mem.documents())
    assert titles == ["Shed", "todo"]
    assert seen[-1].bytes_done == seen[-1].bytes_total > 0 and seen[-1].messages == 62
    again = mem.ingest([notes, plain])
    assert again.users["u1"]["skipped"] == 2 and mem.stats().documents == 2
