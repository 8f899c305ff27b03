"""Shared fixtures: the real models (loaded once per session), a controllable clock,
and the ``store`` fixture parametrised over every store available here."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import graphmem
from graphmem.embedding import MiniLMEmbedder
from graphmem.stores.base import Store
from graphmem.stores.embedded import EmbeddedStore

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


STORES = ["embedded"]


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Every store available here, each fresh for the test."""
    if request.param == "embedded":
        s: Store = EmbeddedStore(tmp_path / "store")
    else:  # pragma: no cover - other stores join with their issue
        pytest.skip(f"store {request.param} not available")
    yield s
    s.close()


@pytest.fixture
def mem(
    store: Store, embedder: MiniLMEmbedder, extractor: graphmem.Extractor, clock: FakeClock
) -> Iterator[graphmem.GraphMem]:
    engine = graphmem.GraphMem(
        store, embedder=embedder, extractor=extractor, clock=clock, user_id="u1"
    )
    yield engine
