"""Ranking pieces of the read path on small hand-made graphs (with the real models:
ranking depends on them)."""

from __future__ import annotations

import pytest

from graphmem.config import Config, RecallConfig
from graphmem.engine import GraphMem
from graphmem.models import Memory
from graphmem.recall.search import _episodes
from graphmem.stores.base import SeedRequest
from tests.conftest import FakeClock
from tests.contract.helpers import LONG_TURN, anna_lives_in

pytestmark = pytest.mark.real_models


def _engine(mem: GraphMem, **recall: object) -> GraphMem:
    return GraphMem(
        mem.store,
        config=Config(recall=RecallConfig(**recall)),  # type: ignore[arg-type]
        embedder=mem.embedder,
        extractor=mem.extractor,
        clock=mem.clock,
        user_id="u1",
    )


def test_multi_hop_answer_is_found_through_a_shared_entity(mem: GraphMem) -> None:
    sister = mem.remember(
        "Anna's sister is Clara.", subject="Anna", predicate="has_sister", object="Clara"
    )
    job = mem.remember(
        "Clara flies planes for an airline.", subject="Clara", predicate="works_as", object="pilot"
    )
    for i in range(6):
        mem.remember(
            f"Anna bought a new lamp number {i}.",
            subject="Anna",
            predicate="bought",
            object=f"lamp {i}",
        )
    narrow = _engine(mem, seeds=1, include_episodes=False)  # one seed per index only
    hits = narrow.search("What does Anna's sister do?", k=5)
    by_id = {h.memory.id: h for h in hits}
    assert sister.id in by_id
    assert job.id in by_id, [h.memory.text for h in hits]
    assert by_id[job.id].reason.startswith("shares entity with")
    assert by_id[job.id].sources == ()


def test_neighbouring_turn_is_recalled_with_its_ref(mem: GraphMem) -> None:
    mem.add(
        [
            {"speaker": "Ben", "content": "Guess what I got for my birthday?", "ref": "t1"},
            {"speaker": "Ben", "content": "A red kayak, from my parents!", "ref": "t2"},
        ],
        session_id="s1",
    )
    hits = _engine(mem, seeds=1).search("What did Ben get for his birthday?", k=4)
    refs = [r for h in hits for r in h.sources]
    assert refs[:2] in (["t1", "t2"], ["t2", "t1"])


def test_superseded_fact_needs_as_of(mem: GraphMem) -> None:
    old = anna_lives_in(mem, "Paris", "2020-01-01")
    new = anna_lives_in(mem, "Berlin", "2023-01-01")
    now_ids = [h.memory.id for h in mem.search("Where does Anna live?", kinds=["fact"])]
    assert now_ids == [new.id]
    then = mem.search("Where does Anna live?", kinds=["fact"], as_of="2021-01-01")
    assert [h.memory.id for h in then] == [old.id]


def test_archived_memory_only_with_include_archived(mem: GraphMem, clock: FakeClock) -> None:
    m = mem.remember("Anna keeps bees.", subject="Anna", predicate="keeps", object="bees")
    clock.advance(days=120)
    mem.sweep()
    assert m.id not in {h.memory.id for h in mem.search("Does Anna keep bees?")}
    found = mem.search("Does Anna keep bees?", include_archived=True)
    assert m.id in {h.memory.id for h in found}


def test_time_named_in_the_query_ranks_that_time_first(mem: GraphMem) -> None:
    mem.add(
        {"speaker": "Ben", "content": "I went hiking today.", "ref": "may"},
        at="2023-05-07T10:00:00Z",
        session_id="a",
    )
    mem.add(
        {"speaker": "Ben", "content": "I went hiking today.", "ref": "june"},
        at="2023-06-20T10:00:00Z",
        session_id="b",
    )
    hits = mem.search("What did Ben do on 20 June 2023?", kinds=["episode"])
    assert hits[0].sources == ("june",)
    assert "in the time asked about" in hits[0].reason


def test_query_naming_a_speaker_prefers_their_turns(mem: GraphMem) -> None:
    mem.add(
        [
            {"speaker": "Anna", "content": "I adore sailing on the lake.", "ref": "a"},
            {"speaker": "Ben", "content": "I adore sailing on the lake.", "ref": "b"},
        ]
    )
    hits = mem.search("What does Ben adore?", kinds=["episode"])
    assert hits[0].sources == ("b",)


def test_a_name_asked_about_with_an_apostrophe_is_no_keyword(mem: GraphMem) -> None:
    # "Gil's" is a name and an "s": neither makes every turn of Gil a keyword match
    mem.add(
        [
            {"speaker": "Gil", "content": "Okay, bedtime for me. Night!", "ref": "a"},
            {"speaker": "Gil", "content": "Got a Daft Punk shirt, love that band.", "ref": "b"},
        ]
    )
    hits = mem.search("What is Gil's favourite band?", kinds=["episode"])
    reasons = {h.sources[0]: h.reason for h in hits}
    assert "keyword" in reasons["b"] and "keyword" not in reasons["a"]
    assert hits[0].sources == ("b",)


def test_every_hit_explains_itself(mem: GraphMem) -> None:
    mem.add({"speaker": "Anna", "content": "I moved to Lisbon.", "ref": "x"})
    hits = mem.search("Where did Anna move?")
    assert {type(h.memory).__name__ for h in hits} == {"Memory", "Episode"}
    for h in hits:
        assert h.reason and h.score > 0
        if isinstance(h.memory, Memory):
            assert h.sources == h.memory.refs


def test_context_packs_dated_lines_within_the_budget(mem: GraphMem) -> None:
    mem.add(
        [
            {
                "speaker": "Anna",
                "content": "I moved to Lisbon last week.",
                "ref": "c1",
                "at": "2024-03-10T09:00:00Z",
            },
            {
                "speaker": "Anna",
                "content": "I love surfing at Carcavelos beach.",
                "ref": "c2",
                "at": "2024-03-10T09:01:00Z",
            },
        ]
    )
    block = mem.context("Where does Anna live?", budget_tokens=60)
    lines = block.splitlines()
    assert lines and all(line.startswith("- [20") for line in lines)
    assert sum((len(line) + 3) // 4 + 1 for line in lines) <= 60
    assert "source:" in block and "Lisbon" in block
    assert len(mem.context("Where does Anna live?", budget_tokens=400).splitlines()) > len(lines)


def test_one_sentence_of_a_long_turn_is_matched_through_its_passage(mem: GraphMem) -> None:
    added = mem.add([{"speaker": "Anna", "content": LONG_TURN, "ref": "t1"}])
    episode = added.episodes[0].id
    query = "Where was Anna's grandmother's violin from?"
    q, sentence = mem.embedder.embed(
        [query, "Anna: My grandmother's old violin from Vienna was hidden under a pile of boxes."]
    )
    whole = dict(mem.store.vector_search("u1", "Episode", q, 5))[episode]
    best = float(sentence @ q)
    assert best > whole + 0.05  # the premise: the sentence matches better than the turn
    found = mem.store.seeds("u1", SeedRequest(q, 5, [("Episode", None), ("Passage", None)]))
    assert abs(dict(_episodes(found, RecallConfig()))[episode] - best) < 1e-3
    no_passages = dict(_episodes(found, RecallConfig(passages=False)))
    assert abs(no_passages[episode] - whole) < 1e-3
