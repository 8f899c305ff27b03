"""The input domain is closed, the same on every store: every time either round-trips
to the same instant or is refused with ``InvalidInputError`` before anything is written;
text with NUL or lone surrogates, and names or ids with control characters, are refused
the same way; what is accepted is stored verbatim, and search works afterwards."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import graphmem
from graphmem.engine import GraphMem
from graphmem.extraction.temporal import find_dates
from graphmem.invariants import violations
from graphmem.timeutil import decode, encode
from tests.contract.helpers import snapshot

_counter = itertools.count()
FIXTURE_OK = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

offsets = st.one_of(
    st.none(),
    st.timedeltas(
        min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59)
    ).map(lambda d: timezone(timedelta(minutes=int(d.total_seconds() // 60)))),
)
times = st.builds(
    lambda dt, tz: dt.replace(tzinfo=tz),
    st.datetimes(min_value=datetime.min, max_value=datetime.max),
    offsets,
)
EDGES = [
    datetime.min,
    datetime.max,
    datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=5))),  # before year 1 in UTC
    datetime(9999, 12, 31, 23, tzinfo=timezone(timedelta(hours=-5))),  # after 9999
    datetime(999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(1000, 1, 1, tzinfo=timezone(timedelta(hours=1))),
]


def _expected(value: datetime) -> datetime | None:
    """The instant a time stands for, or None when UTC cannot represent it."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:
        return None


@given(times)
@settings(max_examples=300, deadline=None)
def test_the_stored_form_of_every_time_decodes_to_the_same_instant_and_sorts(
    value: datetime,
) -> None:
    want = _expected(value)
    if want is None:
        with pytest.raises(graphmem.InvalidInputError, match="years 1 to 9999"):
            encode(value)
        return
    stored = encode(value)
    assert stored is not None and decode(stored) == want
    assert (stored < (encode(datetime(5000, 1, 1)) or "")) == (
        want < datetime(5000, 1, 1, tzinfo=UTC)
    )


@pytest.mark.parametrize("value", EDGES, ids=str)
@given(as_text=st.sampled_from([False, True]))
@FIXTURE_OK
def test_an_add_at_any_time_round_trips_or_writes_nothing(
    mem: GraphMem, value: datetime, as_text: bool
) -> None:
    _add_at(mem, value, as_text)


@given(value=times, as_text=st.booleans())
@FIXTURE_OK
@example(value=datetime(1, 1, 1), as_text=True)  # the issue: written, then unreadable
def test_an_add_at_a_random_time_round_trips_or_writes_nothing(
    mem: GraphMem, value: datetime, as_text: bool
) -> None:
    _add_at(mem, value, as_text)


def _add_at(mem: GraphMem, value: datetime, as_text: bool) -> None:
    want = _expected(value)
    at: datetime | str = value.isoformat() if as_text else value
    ref = f"r{next(_counter)}"
    before = snapshot(mem)
    if want is None:
        with pytest.raises(graphmem.InvalidInputError, match="years 1 to 9999"):
            mem.add({"content": "I moved to Oslo yesterday.", "at": at, "ref": ref})
        assert snapshot(mem) == before
        with pytest.raises(graphmem.InvalidInputError):
            mem.search("Oslo", as_of=at)
        return
    r = mem.add({"content": "I moved to Oslo yesterday.", "at": at, "ref": ref})
    assert r.episodes[0].at == want
    assert mem.get(r.episodes[0].id).at == want  # type: ignore[union-attr]
    assert mem.search("Where did I move?", kinds=["episode", "fact"], as_of=at)
    assert mem.search("Where did I move?")
    mem.sweep(now=at)
    assert violations(mem.store, "u1") == []


@given(
    value=times,
    text=st.sampled_from(
        [
            "yesterday",
            "next week",
            "last year",
            "in May",
            "on Friday",
            "in two weeks",
            "3 years ago",
            "last weekend",
            "next spring",
            "tomorrow",
        ]
    ),
)
@settings(max_examples=300, deadline=None)
def test_relative_dates_near_the_ends_of_time_never_raise(value: datetime, text: str) -> None:
    at = _expected(value)
    if at is not None:
        for m in find_dates(f"I saw her {text}.", at):
            assert datetime.min.replace(tzinfo=UTC) <= m.value <= datetime.max.replace(tzinfo=UTC)


def test_a_date_at_the_ends_of_time_is_stored(mem: GraphMem) -> None:
    for d in (date.min, date.max):
        r = mem.add({"content": "I live in Oslo.", "at": d})
        assert r.episodes[0].at == datetime(d.year, d.month, d.day, tzinfo=UTC)
    assert mem.search("Oslo", as_of=date.max)


# ----------------------------------------------------------------------- text
#: every character class, lone surrogates and control characters included
any_text = st.text(st.characters(exclude_categories=()), min_size=1, max_size=12)


def _bad_text(s: str) -> bool:
    return any(c == "\x00" or "\ud800" <= c <= "\udfff" for c in s)


def _bad_name(s: str) -> bool:
    return any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or "\ud800" <= c <= "\udfff" for c in s)


@given(content=any_text, speaker=any_text, ref=any_text)
@FIXTURE_OK
@example(content="I live in \ud800 Oslo.", speaker="Anna", ref="r")
@example(content="I live in Oslo.", speaker="An\udcffna", ref="r")
@example(content="I live in Oslo.", speaker="Anna", ref="r\x00")
@example(content="I live in Oslo.\x07", speaker="Anna", ref="r")
@example(content="0:_", speaker="0", ref="0")  # a search RediSearch once refused
def test_text_is_stored_verbatim_or_refused_before_writing(
    mem: GraphMem, content: str, speaker: str, ref: str
) -> None:
    refused = (
        _bad_text(content)
        or not content.strip()
        or not speaker.strip()
        or _bad_name(" ".join(speaker.split()))
        or not ref.strip()
        or _bad_name(ref)
    )
    session = f"s{next(_counter)}"
    before = snapshot(mem)
    message = {"content": content, "speaker": speaker, "ref": ref}
    if refused:
        with pytest.raises(graphmem.InvalidInputError):
            mem.add(message, session_id=session)
        assert snapshot(mem) == before
        return
    r = mem.add(message, session_id=session)
    stored = mem.get(r.episodes[0].id)
    assert isinstance(stored, graphmem.Episode)
    assert (stored.text, stored.speaker, stored.ref) == (
        content.strip(),
        " ".join(speaker.split()),
        ref.strip(),
    )
    assert mem.add(message, session_id=session).already_stored  # found again by its ref
    mem.search(content if content.strip() else "x", kinds=["episode"])


@given(user=any_text)
@FIXTURE_OK
@example(user="u\x00")
@example(user="u\ud800")
def test_a_user_id_with_a_control_character_is_refused(mem: GraphMem, user: str) -> None:
    if not user.strip() or _bad_name(user) or user != user.strip() or len(user) > 256:
        with pytest.raises(graphmem.InvalidInputError):
            mem.add("I live in Oslo.", user_id=user)
        with pytest.raises(graphmem.InvalidInputError):
            mem.search("Oslo", user_id=user)
        return
    r = mem.add("I live in Oslo.", user_id=user)
    assert r.episodes[0].user_id == user
    assert mem.search("Oslo", user_id=user, kinds=["episode"])[0].memory.user_id == user
    mem.forget(user_id=user)


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.remember("x", subject="An\x01na", predicate="lives_in", object="Oslo"),
        lambda m: m.remember("x", subject="Anna", predicate="lives_in", object="Os\ud800lo"),
        lambda m: m.remember("Anna \ud800 lives in Oslo."),
        lambda m: m.get("mem_\x00"),
        lambda m: m.delete("mem_\x1b[2J"),
        lambda m: m.freeze(m.memories()[0].id, reason="ok\ud800"),
        lambda m: m.feedback(m.memories()[0].id, "Actually \x00 Rome"),
        lambda m: m.search("where \udcff"),
        lambda m: m.add({"content": "hi", "role": "us\x9ber"}),
    ],
    ids=[
        "subject",
        "object",
        "remember text",
        "get id",
        "delete id",
        "reason",
        "feedback",
        "query",
        "role",
    ],
)
def test_every_call_refuses_unencodable_text_and_control_characters_in_names(
    mem: GraphMem, call: object
) -> None:
    mem.remember("Anna lives in Paris.", subject="Anna", predicate="lives_in", object="Paris")
    before = snapshot(mem)
    with pytest.raises(graphmem.InvalidInputError, match=r"lone surrogate|control character"):
        call(mem)  # type: ignore[operator]
    assert snapshot(mem) == before
