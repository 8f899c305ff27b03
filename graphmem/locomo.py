"""The LoCoMo conversation format (Maharana et al., ACL 2024), read into sessions of
messages ready for ``add``: one user per conversation (its ``sample_id``), one session
per ``session_N`` (session id ``session_N``), one message per turn with ``ref`` = the
turn's ``dia_id`` and ``at`` = the session's date. A turn's shared image, if any, is
kept as its caption at the end of the text.

This is the one reader of the format: ``graphmem ingest --format locomo`` and the LoCoMo
recall benchmark both use it, so both store the same episodes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graphmem.errors import InvalidInputError

_MONTHS = {
    name: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_TIME = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*(?:([ap])\.?\s*m\b\.?)?", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})\b", re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(
    r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.IGNORECASE
)
_SESSION_KEY = re.compile(r"^session_(\d+)$")


def parse_session_datetime(text: str) -> datetime:
    """Parse a LoCoMo session time such as "1:56 pm on 8 May, 2023" to an aware UTC
    datetime. Also accepts "1:56pm on 8 May 2023", "13:56 on 8 May 2023", "May 8, 2023",
    abbreviated months and a missing time (midnight). Raises ``InvalidInputError`` (a
    ``ValueError``) otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise InvalidInputError(f"empty session time: {text!r}")
    s = " ".join(text.split())
    hour = minute = 0
    m = _TIME.search(s)
    if m is not None:
        hour, minute = int(m.group(1)), int(m.group(2))
        half = (m.group(3) or "").lower()
        if half:
            if not 1 <= hour <= 12:
                raise InvalidInputError(f"bad 12-hour time in {text!r}")
            hour = hour % 12 + (12 if half == "p" else 0)
        if hour > 23 or minute > 59:
            raise InvalidInputError(f"bad time in {text!r}")
        s = s[: m.start()] + " " + s[m.end() :]
    for day_s, month_s, year_s in _date_candidates(s):
        month = _MONTHS.get(month_s.lower())
        if month is None:
            continue
        try:
            return datetime(int(year_s), month, int(day_s), hour, minute, tzinfo=UTC)
        except ValueError as exc:
            raise InvalidInputError(f"no such date in {text!r}") from exc
    raise InvalidInputError(f"unrecognised session time: {text!r}")


def _date_candidates(s: str) -> Iterable[tuple[str, str, str]]:
    for m in _DAY_MONTH_YEAR.finditer(s):
        yield m.group(1), m.group(2), m.group(3)
    for m in _MONTH_DAY_YEAR.finditer(s):
        yield m.group(2), m.group(1), m.group(3)


def turn_text(turn: dict[str, Any]) -> str:
    """A turn's text, with the caption of the image it shared (if any) at the end."""
    text = str(turn.get("text") or "")
    caption = turn.get("blip_caption")
    if caption:
        text += f" [shared image: {caption}]"
    return text


@dataclass(frozen=True)
class Turn:
    """One turn: its ``dia_id`` (the episode's ref), speaker and text."""

    ref: str
    speaker: str
    text: str


@dataclass(frozen=True)
class Session:
    """One session of a conversation: its number, date and turns (empty turns left out)."""

    number: int
    at: datetime
    turns: tuple[Turn, ...]

    @property
    def session_id(self) -> str:
        return f"session_{self.number}"

    def messages(self) -> list[dict[str, Any]]:
        """The session's turns as ``add`` messages."""
        return [
            {"speaker": t.speaker, "content": t.text, "ref": t.ref, "at": self.at}
            for t in self.turns
        ]


@dataclass(frozen=True)
class Conversation:
    """One LoCoMo sample: the user ``sample_id``, its sessions in order, and its raw
    question records (``qa``), which ingestion ignores."""

    sample_id: str
    sessions: tuple[Session, ...]
    qa: tuple[dict[str, Any], ...] = ()

    @property
    def turns(self) -> list[Turn]:
        return [t for s in self.sessions for t in s.turns]


def parse_conversation(item: Any, index: int) -> Conversation:
    """One item of a LoCoMo file (``index`` names it when it has no ``sample_id``)."""
    where = f"LoCoMo item {index}"
    if not isinstance(item, dict) or not isinstance(item.get("conversation"), dict):
        raise InvalidInputError(f"{where} has no 'conversation' object")
    conv = item["conversation"]
    sample_id = str(item.get("sample_id") or f"conv-{index}")
    numbers = sorted(int(m.group(1)) for key in conv if (m := _SESSION_KEY.match(key)))
    sessions = []
    for n in numbers:
        raw_turns = conv[f"session_{n}"]
        if not raw_turns:
            continue
        if not isinstance(raw_turns, list):
            raise InvalidInputError(f"{sample_id}: session_{n} is not a list of turns")
        try:
            at = parse_session_datetime(conv.get(f"session_{n}_date_time", ""))
        except InvalidInputError as exc:
            raise InvalidInputError(f"{sample_id}: session_{n}: {exc}") from exc
        turns = []
        for i, t in enumerate(raw_turns):
            if not isinstance(t, dict) or "dia_id" not in t or "speaker" not in t:
                raise InvalidInputError(
                    f"{sample_id}: session_{n} turn {i} needs 'speaker' and 'dia_id'"
                )
            text = turn_text(t)
            if text.strip():
                turns.append(Turn(str(t["dia_id"]), str(t["speaker"]), text))
        sessions.append(Session(n, at, tuple(turns)))
    qa = item.get("qa") or []
    return Conversation(sample_id, tuple(sessions), tuple(q for q in qa if isinstance(q, dict)))


def read_locomo(path: str | Path, limit: int | None = None) -> Iterator[Conversation]:
    """The conversations of a LoCoMo-format JSON file (a list of samples, or one
    sample), the first ``limit`` of them if given. The file is one JSON document, so it
    is parsed whole (LoCoMo files are a few megabytes); conversations are then built
    one at a time."""
    try:
        with open(path, encoding="utf-8") as fh:
            items = json.load(fh)
    except OSError as exc:
        raise InvalidInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"{path} is not LoCoMo JSON: {exc}") from exc
    if isinstance(items, dict):
        items = [items]
    if not isinstance(items, list):
        raise InvalidInputError(f"{path} is not LoCoMo JSON: expected a list of samples")
    for index, item in enumerate(items[:limit] if limit else items):
        yield parse_conversation(item, index)
