"""Hypothesis fuzzing of the public API's inputs on every store: whatever the arguments,
a call either succeeds or raises a ``GraphMemError`` subclass; a refused call writes
nothing (a bad argument is never half-applied), and the user's graph keeps its
invariants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import graphmem
from graphmem.engine import GraphMem
from graphmem.invariants import violations
from tests.contract.helpers import snapshot

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=20)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    ANY_TEXT,
    st.sampled_from(["", " ", "Anna", "lives_in", "fact", "preference", "like", "user", "u1"]),
    st.binary(max_size=8),
    st.datetimes(min_value=datetime.min, max_value=datetime.max).map(
        lambda d: d.replace(tzinfo=timezone(timedelta(hours=5)))
    ),
    st.dates(),
    st.just(datetime.max),
    st.just(float("nan")),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(
            st.sampled_from(["content", "speaker", "at", "ref", "role", "text", "x"]),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=6,
)


def mostly(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """``good`` nine times in ten, any value at all the tenth."""
    return st.integers(0, 9).flatmap(lambda k: good if k else VALUES)


def arg(*good: Any) -> st.SearchStrategy[Any]:
    """Mostly one of the ``good`` values, sometimes any value at all."""
    return mostly(st.sampled_from(good))


#: a node id: mostly one of the user's (picked by position when the call runs)
ID = mostly(st.integers(0, 50).map(lambda i: ("known", i)))
TEXT = st.one_of(ANY_TEXT, arg("I live in Oslo.", "I love jazz.", "Where do I live?"))
TIME = arg(None, "2024-05-01", datetime(2023, 1, 1, tzinfo=UTC), "0001-01-01")
MESSAGES = st.one_of(
    st.fixed_dictionaries(
        {"content": TEXT},
        optional={
            "speaker": arg("Anna", "Ben"),
            "at": TIME,
            "ref": arg("r1", "r2", "r3"),
            "role": arg("user"),
        },
    ),
    st.lists(
        st.fixed_dictionaries({"content": TEXT}, optional={"ref": arg("r1", "r2")}), max_size=3
    ),
    VALUES,
)


def _id(mem: GraphMem, drawn: Any) -> Any:
    if isinstance(drawn, tuple) and drawn[:1] == ("known",):
        known = sorted(r.id for label in ("Memory", "Entity") for r in mem.store.find("u1", label))
        return known[drawn[1] % len(known)] if known else "mem_none"
    return drawn


#: per call: the strategy of its arguments (drawn before the call, whatever it does)
#: and how to make it
CALLS: dict[str, tuple[st.SearchStrategy[Any], Any]] = {
    "add": (
        st.tuples(MESSAGES, arg(None, "s1", "s2"), TIME, arg("user", "agent")),
        lambda m, a: m.add(a[0], session_id=a[1], at=a[2], source=a[3]),
    ),
    "remember": (
        st.tuples(
            TEXT,
            arg("Anna", "Ben", None),
            arg("lives_in", "likes", None),
            arg("Oslo", "Rome", None),
            arg("fact", "preference"),
            arg(None, "like"),
            TIME,
            arg("user", "feedback"),
            arg(0.5, 1.0),
        ),
        lambda m, a: m.remember(
            a[0],
            subject=a[1],
            predicate=a[2],
            object=a[3],
            kind=a[4],
            polarity=a[5],
            at=a[6],
            source=a[7],
            confidence=a[8],
        ),
    ),
    "search": (
        st.tuples(TEXT, arg(5, 1), TIME, arg(None, ["fact"], ["episode"]), st.booleans()),
        lambda m, a: m.search(a[0], k=a[1], as_of=a[2], kinds=a[3], include_archived=a[4]),
    ),
    "context": (st.tuples(TEXT, arg(50, 400)), lambda m, a: m.context(a[0], budget_tokens=a[1])),
    "get": (st.tuples(ID, TIME), lambda m, a: m.get(_id(m, a[0]), as_of=a[1])),
    "history": (st.tuples(ID), lambda m, a: m.history(_id(m, a[0]))),
    "update": (
        st.tuples(
            ID,
            st.one_of(st.none(), TEXT),
            arg(None, "Lima"),
            arg(None, 0.7),
            arg(None, "user"),
            TIME,
        ),
        lambda m, a: m.update(
            _id(m, a[0]), text=a[1], object=a[2], confidence=a[3], source=a[4], at=a[5]
        ),
    ),
    "feedback": (
        st.tuples(ID, TEXT, arg(None, "Lima")),
        lambda m, a: m.feedback(_id(m, a[0]), a[1], object=a[2]),
    ),
    "freeze": (st.tuples(ID, arg("", "ok")), lambda m, a: m.freeze(_id(m, a[0]), reason=a[1])),
    "unfreeze": (st.tuples(ID, arg("", "ok")), lambda m, a: m.unfreeze(_id(m, a[0]), reason=a[1])),
    "merge": (
        st.one_of(st.lists(ID, max_size=3), VALUES),
        lambda m, a: m.merge([_id(m, i) for i in a] if isinstance(a, list) else a),
    ),
    "unmerge": (st.tuples(ID), lambda m, a: m.unmerge(_id(m, a[0]))),
    "delete": (st.tuples(ID, arg("x")), lambda m, a: m.delete(_id(m, a[0]), reason=a[1])),
    "retract": (st.tuples(ID, arg("x")), lambda m, a: m.retract(_id(m, a[0]), reason=a[1])),
    "forget": (st.tuples(ID, arg("x")), lambda m, a: m.forget(_id(m, a[0]), reason=a[1])),
    "sweep": (st.tuples(TIME, st.booleans()), lambda m, a: m.sweep(now=a[0], dry_run=a[1])),
    "other user": (st.tuples(arg("u2", "u1")), lambda m, a: m.search("Oslo", user_id=a[0])),
}


@given(data=st.data())
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_any_arguments_succeed_or_raise_a_graphmem_error_writing_nothing(
    mem: GraphMem, data: st.DataObject
) -> None:
    if not mem.memories():
        mem.add({"speaker": "Anna", "content": "I live in Paris. I love jazz.", "ref": "seed"})
        mem.remember("Ben lives in Rome.", subject="Ben", predicate="lives_in", object="Rome")
    name = data.draw(st.sampled_from(sorted(CALLS)), label="call")
    arguments, call = CALLS[name]
    drawn = data.draw(arguments, label="arguments")
    before = snapshot(mem)
    try:
        call(mem, drawn)
        event(f"{name}: ok")
    except graphmem.GraphMemError as exc:
        event(f"{name}: {type(exc).__name__}")
        assert str(exc), f"{name}: {type(exc).__name__} without a message"
        if not isinstance(exc, graphmem.BackendError):
            assert snapshot(mem) == before, f"{name} raised {exc!r} after writing"
    assert violations(mem.store, "u1") == []
