"""The same input gives the same answer: two fresh stores of one kind, fed the same
conversation, rank every question identically, with the same scores, whatever the
hash seed of the process (one of the two runs in a subprocess with another seed) or the
timing of the embedding thread."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

import graphmem
from tests.conftest import FakeClock
from tests.doubles import HashEmbedder, RuleExtractor

ROOT = Path(__file__).resolve().parents[2]

#: three sessions in which the same short turns come back ("Thanks!", "Same here!"),
#: facts change, and two people say the same thing
SESSIONS = [
    ("2023-05-07T10:00:00Z", [
        ("Anna", "I live in Berlin."), ("Ben", "Thanks!"), ("Anna", "I love hiking."),
        ("Ben", "Same here!"), ("Ben", "I work at a bakery."), ("Anna", "Thanks!"),
    ]),
    ("2023-06-20T10:00:00Z", [
        ("Anna", "I moved to Munich."), ("Ben", "Thanks!"), ("Anna", "Same here!"),
        ("Ben", "I love hiking."), ("Anna", "I work at a bakery."), ("Ben", "Thanks!"),
    ]),
    ("2023-07-01T10:00:00Z", [
        ("Ben", "Thanks!"), ("Anna", "Thanks!"), ("Ben", "I live in Berlin."),
        ("Anna", "Same here!"), ("Ben", "I moved to Hamburg."), ("Anna", "I love jazz."),
    ]),
]  # fmt: skip
QUESTIONS = [
    "Where does Anna live?",
    "Where does Ben live?",
    "Who said thanks?",
    "What does Anna love?",
    "Who works at a bakery?",
    "What happened in June 2023?",
    "Same here",
    "hiking",
]


def rankings(uri: str) -> list[list[list[Any]]]:
    """Feed ``SESSIONS`` to a fresh store at ``uri`` and ask ``QUESTIONS`` (twice, so
    that activation from the first round plays a part): each hit as (kind, text,
    sources, score)."""
    clock = FakeClock(graphmem.timeutil.to_utc("2023-08-01T00:00:00Z"))
    out = []
    with graphmem.open(
        uri, embedder=HashEmbedder(), extractor=RuleExtractor(), clock=clock, user_id="u1"
    ) as mem:
        for n, (at, turns) in enumerate(SESSIONS):
            messages = [
                {"speaker": s, "content": t, "ref": f"D{n}:{i}", "at": at}
                for i, (s, t) in enumerate(turns)
            ]
            mem.add(messages, session_id=f"s{n}")
        for question in QUESTIONS * 2:
            hits = mem.search(question, k=8)
            out.append(
                [[type(h.memory).__name__, h.memory.text, list(h.sources), h.score] for h in hits]
            )
    return out


def _in_subprocess(uris: list[str], seed: str) -> list[list[list[list[Any]]]]:
    """``rankings`` of each of ``uris``, computed in a new process with hash seed ``seed``."""
    code = (
        "import json; from tests.recall.test_determinism import rankings; "
        f"print(json.dumps([rankings(u) for u in {uris!r}]))"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_two_fresh_stores_rank_every_question_identically(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """Per store kind here (embedded, and FalkorDB if it runs), one fresh store in this
    process and one in a subprocess (one for all kinds: it costs a start-up)."""
    pairs = [(f"local://{tmp_path / 'a'}", f"local://{tmp_path / 'b'}")]
    try:
        address = request.getfixturevalue("falkordb_server")
    except pytest.skip.Exception:
        address = None
    if address is not None:
        pairs.append(
            tuple(f"falkordb://{address}/d_{uuid.uuid4().hex[:12]}" for _ in "ab")  # type: ignore[arg-type]
        )
    here = [rankings(first) for first, _ in pairs]
    there = _in_subprocess([second for _, second in pairs], seed="12345")
    for mine, theirs in zip(here, there, strict=True):
        assert all(mine) and len(mine) == 2 * len(QUESTIONS)
        assert json.loads(json.dumps(mine)) == theirs
