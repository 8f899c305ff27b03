"""The LoCoMo format reader (``graphmem.locomo``): session dates, turns, sessions as
``add`` messages, and bad input as one clear error."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphmem.errors import InvalidInputError
from graphmem.locomo import parse_session_datetime, read_locomo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1:56 pm on 8 May, 2023", datetime(2023, 5, 8, 13, 56, tzinfo=UTC)),
        ("10:04 am on 19 December, 2023", datetime(2023, 12, 19, 10, 4, tzinfo=UTC)),
        ("12:05 am on 1 January, 2024", datetime(2024, 1, 1, 0, 5, tzinfo=UTC)),
        ("12:30 pm on 2 March, 2022", datetime(2022, 3, 2, 12, 30, tzinfo=UTC)),
        ("7:00pm on 3 Sept 2023", datetime(2023, 9, 3, 19, 0, tzinfo=UTC)),
        ("  9:15  P.M.  on  14th  of  July,  2021 ", datetime(2021, 7, 14, 21, 15, tzinfo=UTC)),
        ("13:45 on 8 May 2023", datetime(2023, 5, 8, 13, 45, tzinfo=UTC)),
        ("May 8, 2023", datetime(2023, 5, 8, tzinfo=UTC)),
        ("8 May, 2023", datetime(2023, 5, 8, tzinfo=UTC)),
        ("4:10 pm on Jan 21, 2020", datetime(2020, 1, 21, 16, 10, tzinfo=UTC)),
    ],
)
def test_parse_session_datetime(text: str, expected: datetime) -> None:
    parsed = parse_session_datetime(text)
    assert parsed == expected
    assert parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "yesterday",
        "1:56 pm",
        "13:00 pm on 8 May, 2023",
        "1:56 pm on 31 February, 2023",
        "1:56 pm on 8 Smarch, 2023",
        "25:10 on 8 May 2023",
    ],
)
def test_parse_session_datetime_rejects(text: str) -> None:
    with pytest.raises(InvalidInputError):
        parse_session_datetime(text)


def test_sessions_become_add_messages_with_dia_ids_and_session_dates(tmp_path: Path) -> None:
    sample = {
        "sample_id": "s-1",
        "conversation": {
            "session_2_date_time": "9:40 am on 20 April, 2022",
            "session_2": [{"speaker": "Tomas", "dia_id": "D2:1", "text": "I moved to Porto."}],
            "session_1_date_time": "3:12 pm on 4 March, 2022",
            "session_1": [
                {"speaker": "Ines", "dia_id": "D1:1", "text": "Look!", "blip_caption": "a cat"},
                {"speaker": "Tomas", "dia_id": "D1:2", "text": "  "},
            ],
            "session_3_date_time": "1:00 pm on 1 May, 2022",
            "session_3": [],
        },
        "qa": [{"question": "Where does Tomas live?", "evidence": ["D2:1"], "category": 4}],
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(sample), encoding="utf-8")
    (conv,) = read_locomo(path)
    assert conv.sample_id == "s-1" and len(conv.qa) == 1
    assert [s.session_id for s in conv.sessions] == ["session_1", "session_2"]
    assert conv.sessions[0].messages() == [
        {
            "speaker": "Ines",
            "content": "Look! [shared image: a cat]",
            "ref": "D1:1",
            "at": datetime(2022, 3, 4, 15, 12, tzinfo=UTC),
        }
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[1, 2", "is not LoCoMo JSON"),
        ("[{\"sample_id\": \"x\"}]", "has no 'conversation'"),
        (
            json.dumps([{"sample_id": "x", "conversation": {"session_1": [{"text": "hi"}],
                        "session_1_date_time": "1 May 2022"}}]),
            "needs 'speaker' and 'dia_id'",
        ),
        (
            json.dumps([{"sample_id": "x", "conversation": {"session_1": [
                {"speaker": "A", "dia_id": "D1:1", "text": "hi"}],
                "session_1_date_time": "soon"}}]),
            "x: session_1: unrecognised session time",
        ),
    ],
)  # fmt: skip
def test_bad_files_raise_one_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInputError, match=message):
        list(read_locomo(path))
