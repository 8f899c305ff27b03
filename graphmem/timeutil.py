"""One rule for time: timezone-aware UTC datetimes in Python, ISO-8601 strings in stores.

Stored strings always have the form ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (the year with four
digits, 0001 to 9999) so that they sort and compare as text in every store (SQLite,
Neo4j, FalkorDB) and decode to the same instant. Every time Python can represent in
UTC is accepted; one that cannot be (``0001-01-01T00:00+05:00`` lies before year 1 in
UTC) is refused with ``InvalidInputError``, before anything is written. ``shift`` moves
a time without ever leaving that range.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from graphmem.errors import InvalidInputError

Clock = Callable[[], datetime]

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utcnow() -> datetime:
    """The wall clock, in UTC. The default clock of an engine."""
    return datetime.now(UTC)


def to_utc(value: datetime | date | str, *, what: str = "time") -> datetime:
    """Coerce a datetime, date or ISO-8601 string to an aware UTC datetime.

    Naive datetimes are taken to be UTC. A time outside the range of UTC datetimes
    (years 1 to 9999) is an ``InvalidInputError``.
    """
    if isinstance(value, str):
        text = value.strip()
        if text[-1:] in ("Z", "z"):
            text = text[:-1] + "+00:00"
        try:
            value = datetime.fromisoformat(text)
        except ValueError as exc:
            raise InvalidInputError(f"{what} is not an ISO-8601 time: {value!r}") from exc
    if isinstance(value, datetime):
        try:
            if value.tzinfo is None or value.utcoffset() is None:
                return value.replace(tzinfo=UTC)
            return value.astimezone(UTC)
        except OverflowError as exc:
            raise InvalidInputError(
                f"{what} {value.isoformat()} is outside the times graphmem stores "
                "(years 1 to 9999 in UTC)"
            ) from exc
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    raise InvalidInputError(f"{what} must be a datetime, a date or an ISO-8601 string")


def encode(value: datetime | None) -> str | None:
    """A UTC datetime as the stored string (``None`` stays ``None``)."""
    if value is None:
        return None
    v = to_utc(value)
    return (
        f"{v.year:04d}-{v.month:02d}-{v.day:02d}T"
        f"{v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}Z"
    )


def decode(value: str | None) -> datetime | None:
    """A stored string back to an aware UTC datetime."""
    if value is None:
        return None
    return datetime.strptime(value, _FORMAT).replace(tzinfo=UTC)


def shift(value: datetime, delta: timedelta) -> datetime:
    """``value + delta``, held to the range of datetimes (years 1 to 9999)."""
    try:
        return value + delta
    except OverflowError:
        return (
            datetime.max.replace(tzinfo=UTC)
            if delta > timedelta(0)
            else datetime.min.replace(tzinfo=UTC)
        )
