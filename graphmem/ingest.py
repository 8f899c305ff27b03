"""Validation of what callers pass to ``add``: messages in, clean messages out, or a
clear ``InvalidInputError`` before anything is written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graphmem.errors import InvalidInputError
from graphmem.timeutil import to_utc

MESSAGE_KEYS = frozenset({"speaker", "role", "content", "text", "at", "ref", "name"})


@dataclass(frozen=True)
class Message:
    """One validated input message."""

    text: str
    at: datetime
    speaker: str | None = None
    role: str | None = None
    ref: str | None = None


def check_user_id(user_id: object) -> str:
    if not isinstance(user_id, str) or not user_id.strip():
        raise InvalidInputError("user_id is required: a non-empty string")
    if len(user_id) > 256:
        raise InvalidInputError("user_id is longer than 256 characters")
    return user_id


def check_text(text: object, *, what: str = "text", max_bytes: int = 1_000_000) -> str:
    if not isinstance(text, str):
        raise InvalidInputError(f"{what} must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InvalidInputError(f"{what} is empty")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise InvalidInputError(f"{what} is {size} bytes; the limit is {max_bytes}")
    if "\x00" in text:
        raise InvalidInputError(f"{what} contains a NUL character")
    return text.strip()


def _optional_str(value: object, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} must be a non-empty string")
    if len(value) > 512:
        raise InvalidInputError(f"{what} is longer than 512 characters")
    return value.strip()


def parse_messages(messages: object, *, default_at: datetime, max_bytes: int) -> list[Message]:
    """Validate ``messages`` (a string, a message dict, or a list of those)."""
    items: Sequence[Any]
    if isinstance(messages, str | Mapping):
        items = [messages]
    elif isinstance(messages, list | tuple):
        items = messages
    else:
        raise InvalidInputError(
            f"messages must be a string, a dict or a list of them, not {type(messages).__name__}"
        )
    if not items:
        raise InvalidInputError("messages is empty")
    out = []
    for i, item in enumerate(items):
        where = f"message {i}"
        if isinstance(item, str):
            out.append(Message(check_text(item, what=where, max_bytes=max_bytes), default_at))
            continue
        if not isinstance(item, Mapping):
            raise InvalidInputError(f"{where} must be a string or a dict")
        unknown = set(item) - MESSAGE_KEYS
        if unknown:
            raise InvalidInputError(
                f"{where} has unknown keys {sorted(map(str, unknown))}; "
                f"allowed: {sorted(MESSAGE_KEYS)}"
            )
        if "content" in item and "text" in item:
            raise InvalidInputError(f"{where} has both 'content' and 'text'")
        content = item.get("content", item.get("text"))
        at_value = item.get("at")
        at = default_at if at_value is None else _check_time(at_value, f"{where} 'at'")
        speaker = _optional_str(item.get("speaker", item.get("name")), f"{where} speaker")
        out.append(
            Message(
                text=check_text(content, what=f"{where} content", max_bytes=max_bytes),
                at=at,
                speaker=speaker,
                role=_optional_str(item.get("role"), f"{where} role"),
                ref=_optional_str(item.get("ref"), f"{where} ref"),
            )
        )
    return out


def _check_time(value: object, what: str) -> datetime:
    if not isinstance(value, datetime | date | str):
        raise InvalidInputError(f"{what} must be a datetime, a date or an ISO-8601 string")
    return to_utc(value, what=what)
