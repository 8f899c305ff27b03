"""The same input ranks alike on every store: a conversation fed to the embedded store
and to each server store here gives the same hits, in the same order, for every
question (scores agree to float32 precision: the stores compute cosines apart)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.recall.test_determinism import QUESTIONS, rankings


def test_every_store_ranks_every_question_like_the_embedded_store(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    address = request.getfixturevalue("falkordb_server")
    embedded = rankings(f"local://{tmp_path / 'e'}")
    server = rankings(f"falkordb://{address}/p_{uuid.uuid4().hex[:12]}")
    assert len(embedded) == len(server) == 2 * len(QUESTIONS)
    for mine, theirs in zip(embedded, server, strict=True):
        assert [h[:3] for h in theirs] == [h[:3] for h in mine]
        assert [h[3] for h in theirs] == pytest.approx([h[3] for h in mine], rel=1e-4)
