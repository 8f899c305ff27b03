"""One rule for "valid at time t" (``graphmem.validity``), used by ``get(as_of=)`` and by
``search(as_of=)`` alike."""

from __future__ import annotations

import pytest

import graphmem
from graphmem.engine import GraphMem
from graphmem.stores.base import NodeRecord
from graphmem.validity import valid_at, version_at
from tests.contract.helpers import anna_lives_in


def _version(n: int, start: str, end: str | None = None, **props: object) -> NodeRecord:
    base = {"version": n, "valid_from": start, "valid_to": end, "status": "superseded"}
    return NodeRecord(f"m{n}", "u1", "Memory", {**base, "created_at": start, **props})


def test_a_version_is_valid_from_its_start_until_its_end() -> None:
    v = _version(1, "2020", "2022")
    assert [valid_at(v.props, t) for t in ("2019", "2020", "2021", "2022")] == [
        False,
        True,
        True,
        False,
    ]
    for gone in ({"status": "merged"}, {"status": "expired"}, {"retracted_at": "2021"}):
        assert not valid_at({**v.props, **gone}, "2021")


def test_the_newest_valid_version_wins() -> None:
    chain = [_version(1, "2020", "2022"), _version(2, "2021"), _version(3, "2021", "2021")]
    assert version_at(chain, "2021").id == "m2"  # type: ignore[union-attr]
    assert version_at(chain, "2020").id == "m1"  # type: ignore[union-attr]
    assert version_at(chain, "2019") is None


@pytest.mark.parametrize("when", ["2019-06-01", "2020-06-01", "2022-06-01", "2024-06-01"])
def test_get_and_search_agree_on_the_version_valid_then(mem: GraphMem, when: str) -> None:
    first = anna_lives_in(mem, "Paris", "2020-01-01")
    second = anna_lives_in(mem, "Rome", "2022-01-01")
    # the version after Rome, from 2024, is withdrawn: nothing holds from then on
    mem.retract(mem.update(second.id, text="Anna lives in Oslo.", at="2024-01-01").id)
    hits = mem.search("Where does Anna live?", kinds=["fact"], as_of=when)
    try:
        got: str | None = mem.get(first.id, as_of=when).id
    except graphmem.NotFoundError:
        got = None
    assert [h.memory.id for h in hits] == ([got] if got else [])
    expected = {"2019-06-01": None, "2020-06-01": first.id, "2022-06-01": second.id}
    assert got == expected.get(when)
