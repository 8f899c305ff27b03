"""Faults between graphmem and a real FalkorDB server (through a loopback proxy): a
reply lost after the commit, a stalled server, an unreachable one. Each is a
``BackendUnavailableError``; a write whose reply was lost says its outcome is unknown,
and retrying an add with refs stores nothing twice."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest

import graphmem
from graphmem.config import Config, Timeouts
from graphmem.engine import GraphMem
from graphmem.invariants import violations
from graphmem.stores import open_store
from tests.doubles import HashEmbedder, RuleExtractor
from tests.faults import Proxy, free_port

TURNS = [
    {"speaker": "Anna", "content": "I moved to Berlin.", "ref": "D1:1"},
    {"speaker": "Anna", "content": "I work at the bakery.", "ref": "D1:2"},
]


def _engine(address: str, graph: str, **timeouts: float) -> GraphMem:
    config = Config(timeouts=Timeouts(**timeouts))
    store = open_store(f"falkordb://{address}/{graph}", timeouts=config.timeouts)
    return GraphMem(
        store, config=config, embedder=HashEmbedder(), extractor=RuleExtractor(), user_id="u1"
    )


@pytest.fixture
def proxied(falkordb_server: str) -> Iterator[tuple[Proxy, GraphMem, GraphMem]]:
    """A proxy to the server, an engine through it and one straight to the server."""
    host, port = falkordb_server.split(":")
    proxy = Proxy((host, int(port)))
    graph = f"t_{uuid.uuid4().hex[:12]}"
    through = _engine(proxy.address, graph, statement=1.0)
    direct = _engine(falkordb_server, graph)
    yield proxy, through, direct
    direct.store.dialect.graph.delete()  # type: ignore[attr-defined]
    through.close()
    direct.close()
    proxy.close()


def test_a_lost_reply_says_the_outcome_is_unknown_and_a_retry_stores_nothing_twice(
    proxied: tuple[Proxy, GraphMem, GraphMem],
) -> None:
    proxy, through, direct = proxied
    proxy.drop_next_write_reply()
    with pytest.raises(
        graphmem.BackendUnavailableError, match="may or may not have committed"
    ) as info:
        through.add(TURNS, session_id="chat")
    assert info.value.outcome_unknown and info.value.retryable
    assert proxy.dropped == 1
    assert len(direct.store.find("u1", "Episode")) == 2  # the write did commit
    again = through.add(TURNS, session_id="chat")
    assert [e.ref for e in again.already_stored] == ["D1:1", "D1:2"]
    assert len(direct.store.find("u1", "Episode")) == 2
    assert violations(direct.store, "u1", whole=True) == []
    assert through.search("Where does Anna live?")


def test_a_stalled_server_times_out_and_the_retry_stores_once(
    proxied: tuple[Proxy, GraphMem, GraphMem],
) -> None:
    proxy, through, direct = proxied
    proxy.hold_write_replies()
    start = time.monotonic()
    with pytest.raises(graphmem.BackendUnavailableError, match=r"no reply within 1\.0 s") as info:
        through.add(TURNS, session_id="chat")
    assert time.monotonic() - start < 10
    assert info.value.outcome_unknown
    proxy.release()
    again = through.add(TURNS, session_id="chat")
    assert len(again.already_stored) == 2
    assert len(direct.store.find("u1", "Episode")) == 2


def test_an_unreachable_server_is_unavailable_at_once() -> None:
    start = time.monotonic()
    with pytest.raises(graphmem.BackendUnavailableError, match="cannot connect") as info:
        open_store(f"falkordb://127.0.0.1:{free_port()}/g", timeouts=Timeouts(connect=1.0))
    assert not info.value.outcome_unknown
    assert time.monotonic() - start < 5
