"""One rule for time: timezone-aware UTC datetimes in Python, ISO-8601 strings in stores.

Stored strings always have the form ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` so that they sort
and compare as text in every store (SQLite, Neo4j, FalkorDB).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from graphmem.errors import InvalidInputError

Clock = Callable[[], datetime]

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utcnow() -> datetime:
    """The wall clock, in UTC. The default clock of an engine."""
    return datetime.now(UTC)


def to_utc(value: datetime | date | str, *, what: str = "time") -> datetime:
    """Coerce a datetime, date or ISO-8601 string to an aware UTC datetime.

    Naive datetimes are taken to be UTC.
    """
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        try:
            value = datetime.fromisoformat(text)
        except ValueError as exc:
            raise InvalidInputError(f"{what} is not an ISO-8601 time: {value!r}") from exc
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    raise InvalidInputError(f"{what} must be a datetime, a date or an ISO-8601 string")


def encode(value: datetime | None) -> str | None:
    """A UTC datetime as the stored string (``None`` stays ``None``)."""
    if value is None:
        return None
    return to_utc(value).strftime(_FORMAT)


def decode(value: str | None) -> datetime | None:
    """A stored string back to an aware UTC datetime."""
    if value is None:
        return None
    return datetime.strptime(value, _FORMAT).replace(tzinfo=UTC)
