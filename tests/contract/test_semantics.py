"""The invariants of DESIGN §2 (1–4, 6), run against every available store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

import graphmem
from graphmem.config import Config, ConflictConfig
from graphmem.engine import GraphMem
from graphmem.errors import FrozenError, InvalidInputError
from graphmem.invariants import violations
from graphmem.models import Memory, Status
from graphmem.stores.base import ChangeSet
from tests.conftest import FakeClock
from tests.contract.helpers import anna_lives_in, edges_of, node_ids, snapshot


def _with_policy(mem: GraphMem, policy: str) -> GraphMem:
    config = Config(conflicts=ConflictConfig(policy=policy))  # type: ignore[arg-type]
    return GraphMem(
        mem.store,
        config=config,
        embedder=mem.embedder,
        extractor=mem.extractor,
        clock=mem.clock,
        user_id="u1",
    )


def _paris_then_berlin(
    mem: GraphMem, paris_source: str = "user", berlin_source: str = "user"
) -> tuple[Memory, Memory]:
    paris = anna_lives_in(mem, "Paris", "2020-01-01", source=paris_source)
    berlin = anna_lives_in(mem, "Berlin", "2023-01-01", source=berlin_source)
    return paris, berlin


def test_latest_policy_supersedes_older_fact_and_keeps_history(mem: GraphMem) -> None:
    mem = _with_policy(mem, "latest")
    paris, berlin = _paris_then_berlin(mem)
    now_berlin, old_paris = mem.get(berlin.id), mem.get(paris.id)
    assert isinstance(now_berlin, Memory) and isinstance(old_paris, Memory)
    assert now_berlin.status == Status.GENERATED and now_berlin.version == 2
    assert old_paris.status == Status.SUPERSEDED
    assert old_paris.superseded_by == berlin.id
    assert old_paris.valid_to == datetime(2023, 1, 1, tzinfo=UTC)
    assert [m.id for m in mem.history(paris.id)] == [berlin.id, paris.id]
    assert [m.id for m in mem.history(berlin.id)] == [berlin.id, paris.id]
    assert mem.get(berlin.id, as_of="2021-06-01").id == paris.id
    assert mem.get(paris.id, as_of="2024-06-01").id == berlin.id
    supersedes = edges_of(mem, berlin.id, "SUPERSEDES", direction="out")
    assert [e.dst for e in supersedes] == [paris.id]
    hits = mem.search("Where does Anna live?", as_of="2021-06-01", kinds=["fact"])
    assert hits[0].memory.id == paris.id
    assert mem.search("Where does Anna live?", kinds=["fact"])[0].memory.id == berlin.id


def test_versioned_edges_carry_validity_and_current_flag(mem: GraphMem) -> None:
    mem = _with_policy(mem, "latest")
    paris, berlin = _paris_then_berlin(mem)
    anna = next(e for e in mem.entities() if e.name == "Anna")
    edges = {e.props["memory_id"]: e for e in edges_of(mem, anna.id, "LIVES_IN", direction="out")}
    assert edges[paris.id].props["current"] is False
    assert edges[paris.id].props["valid_to"] == "2023-01-01T00:00:00.000000Z"
    assert edges[berlin.id].props["current"] is True
    assert edges[berlin.id].props["version"] == 2


def test_a_memory_names_its_versioned_edge_by_id_and_ends(mem: GraphMem) -> None:
    """The ends let a server store find the edge between two nodes; a memory stored
    without them (before they were recorded) has its edge found by id all the same."""
    mem = _with_policy(mem, "latest")
    paris = anna_lives_in(mem, "Paris", "2020-01-01")
    stored = mem.store.get("u1", [paris.id])[0].props
    anna = stored["subject_id"]
    edge = next(e for e in mem.store.edges("u1", [anna]) if e.id == stored["edge_id"])
    assert stored["edge_ends"] == [edge.src, edge.dst]
    mem.store.apply(ChangeSet("u1", set_nodes=[(paris.id, {"edge_ends": None})]))
    anna_lives_in(mem, "Berlin", "2023-01-01")
    closed = next(e for e in mem.store.edges("u1", [edge.src]) if e.id == edge.id)
    assert closed.props["current"] is False


def test_source_policy_keeps_older_fact_from_higher_source(mem: GraphMem) -> None:
    mem = _with_policy(mem, "source")
    paris, berlin = _paris_then_berlin(mem, paris_source="user", berlin_source="agent")
    assert mem.get(paris.id).status == Status.GENERATED  # type: ignore[union-attr]
    loser = mem.get(berlin.id)
    assert isinstance(loser, Memory)
    assert loser.status == Status.SUPERSEDED and loser.superseded_by == paris.id
    assert {m.id for m in mem.history(paris.id)} == {paris.id, berlin.id}


def test_confidence_policy_keeps_more_confident_fact(mem: GraphMem) -> None:
    mem = _with_policy(mem, "confidence")
    paris = anna_lives_in(mem, "Paris", "2020-01-01", confidence=0.9)
    berlin = anna_lives_in(mem, "Berlin", "2023-01-01", confidence=0.4)
    assert mem.get(paris.id).status == Status.GENERATED  # type: ignore[union-attr]
    assert mem.get(berlin.id).status == Status.SUPERSEDED  # type: ignore[union-attr]


def test_keep_both_keeps_both_current_and_linked(mem: GraphMem) -> None:
    mem = _with_policy(mem, "keep_both")
    paris, berlin = _paris_then_berlin(mem)
    assert mem.get(paris.id).status == Status.GENERATED  # type: ignore[union-attr]
    assert mem.get(berlin.id).status == Status.GENERATED  # type: ignore[union-attr]
    links = edges_of(mem, berlin.id, "CONFLICTS_WITH", direction="out")
    assert [e.dst for e in links] == [paris.id]


def test_per_predicate_policy_overrides_global(mem: GraphMem) -> None:
    config = Config(
        conflicts=ConflictConfig(policy="latest", per_predicate={"lives_in": "keep_both"})
    )
    mem = GraphMem(
        mem.store,
        config=config,
        embedder=mem.embedder,
        extractor=mem.extractor,
        clock=mem.clock,
        user_id="u1",
    )
    paris, _berlin = _paris_then_berlin(mem)
    assert mem.get(paris.id).status == Status.GENERATED  # type: ignore[union-attr]


def test_multi_valued_predicate_does_not_conflict(mem: GraphMem) -> None:
    a = mem.remember("Anna visited Rome.", subject="Anna", predicate="visited", object="Rome")
    b = mem.remember("Anna visited Oslo.", subject="Anna", predicate="visited", object="Oslo")
    assert {m.id for m in mem.memories()} == {a.id, b.id}


def test_repeated_fact_only_raises_confidence(mem: GraphMem) -> None:
    first = mem.remember(
        "Anna likes jazz.",
        subject="Anna",
        predicate="likes",
        object="jazz",
        kind="preference",
        confidence=0.6,
    )
    before = node_ids(mem)
    again = mem.remember(
        "Anna likes jazz.",
        subject="Anna",
        predicate="likes",
        object="jazz",
        kind="preference",
        confidence=0.6,
    )
    assert again.id == first.id
    assert again.confidence > first.confidence
    assert again.version == 1
    assert node_ids(mem) == before


def test_repeated_extracted_fact_adds_provenance(mem: GraphMem) -> None:
    r1 = mem.add({"speaker": "Anna", "content": "I live in Berlin.", "ref": "D1:1"})
    r2 = mem.add({"speaker": "Anna", "content": "I live in Berlin.", "ref": "D2:4"})
    [fact] = [m for m in r1.memories if m.predicate == "lives_in"]
    assert [m.id for m in r2.corroborated] == [fact.id]
    assert not [m for m in r2.memories if m.predicate == "lives_in"]
    now = mem.get(fact.id)
    assert isinstance(now, Memory)
    assert now.refs == ("D1:1", "D2:4") and now.confidence > fact.confidence
    assert len(edges_of(mem, fact.id, "EXTRACTED_FROM", direction="out")) == 2


def test_preference_of_opposite_polarity_conflicts(mem: GraphMem) -> None:
    mem = _with_policy(mem, "latest")
    likes = mem.remember(
        "Anna likes coffee.",
        subject="Anna",
        predicate="likes",
        object="coffee",
        kind="preference",
        at="2022-01-01",
    )
    dislikes = mem.remember(
        "Anna dislikes coffee.",
        subject="Anna",
        predicate="dislikes",
        object="coffee",
        kind="preference",
        at="2023-01-01",
    )
    assert dislikes.polarity == "dislike"
    assert mem.get(likes.id).status == Status.SUPERSEDED  # type: ignore[union-attr]
    assert [m.id for m in mem.history(likes.id)] == [dislikes.id, likes.id]


def test_feedback_overrides_extracted_fact(mem: GraphMem) -> None:
    r = mem.add({"speaker": "Anna", "content": "I live in Paris.", "ref": "D1:1"})
    [fact] = [m for m in r.memories if m.predicate == "lives_in"]
    fixed = mem.feedback(fact.id, "Actually she moved to Munich.")
    assert fixed.source == "feedback" and fixed.object == "Munich" and fixed.version == 2
    assert mem.get(fact.id).status == Status.SUPERSEDED  # type: ignore[union-attr]
    # the old statement extracted again does not beat the user's correction
    mem.add({"speaker": "Anna", "content": "I live in Paris.", "ref": "D3:1"})
    current = [m for m in mem.memories() if m.predicate == "lives_in"]
    assert [m.id for m in current] == [fixed.id]


def test_update_writes_new_version_and_old_says_by_what(mem: GraphMem) -> None:
    m = mem.remember("Anna works at Acme.", subject="Anna", predicate="works_at", object="Acme")
    new = mem.update(m.id, text="Anna works at Globex.", object="Globex")
    old = mem.get(m.id)
    assert isinstance(old, Memory)
    assert old.status == Status.SUPERSEDED and old.superseded_by == new.id
    assert old.text == "Anna works at Acme."
    with pytest.raises(InvalidInputError, match="superseded"):
        mem.update(m.id, text="again")


def test_frozen_memory_refuses_every_direct_write(mem: GraphMem) -> None:
    m = mem.remember(
        "Anna is allergic to nuts.", subject="Anna", predicate="allergic_to", object="nuts"
    )
    other = mem.remember(
        "Anna is allergic to cats.", subject="Anna", predicate="allergic_to", object="cats"
    )
    mem.freeze(m.id, reason="medical record")
    before = snapshot(mem)
    for attempt in (
        lambda: mem.update(m.id, text="changed"),
        lambda: mem.feedback(m.id, "Actually not allergic."),
        lambda: mem.merge([other.id, m.id]),
        lambda: mem.merge([m.id, other.id]),
        lambda: mem.delete(m.id),
    ):
        with pytest.raises(FrozenError):
            attempt()
    assert snapshot(mem) == before


def test_conflicting_fact_does_not_supersede_frozen(mem: GraphMem) -> None:
    mem = _with_policy(mem, "latest")
    paris = anna_lives_in(mem, "Paris", "2020-01-01")
    mem.freeze(paris.id, reason="verified address")
    berlin = anna_lives_in(mem, "Berlin", "2023-01-01")
    assert mem.get(paris.id).status == Status.GENERATED  # type: ignore[union-attr]
    assert berlin.status == Status.SUPERSEDED
    assert [e.dst for e in edges_of(mem, berlin.id, "CONFLICTS_WITH", direction="out")] == [
        paris.id
    ]


def test_unfreeze_is_recorded_and_lifts_the_lock(mem: GraphMem) -> None:
    m = mem.remember("Anna works at Acme.", subject="Anna", predicate="works_at", object="Acme")
    mem.freeze(m.id, reason="contract")
    thawed = mem.unfreeze(m.id, reason="contract ended")
    assert not thawed.frozen
    audit = mem.store.get("u1", [m.id])[0].props["audit"]
    assert [a.split(" ", 1)[1] for a in audit] == ["freeze: contract", "unfreeze: contract ended"]
    assert mem.update(m.id, text="Anna works at Globex.", object="Globex").version == 2


def test_entity_spellings_merge_into_one_with_provenance(mem: GraphMem) -> None:
    mem.add(
        [
            {"speaker": "Anna", "content": "Hello there.", "ref": "a"},
            {"speaker": "anna", "content": "Hi again.", "ref": "b"},
            {"speaker": "ANNA", "content": "Me once more.", "ref": "c"},
        ]
    )
    live = [e for e in mem.entities() if e.key == "anna"]
    assert len(live) == 1
    survivor = live[0]
    mentions = edges_of(mem, survivor.id, "MENTIONED_IN", direction="out")
    assert len({e.dst for e in mentions}) == 3
    merged = edges_of(mem, survivor.id, "MERGED_INTO", direction="in")
    assert len(merged) == 2
    names = {mem.get(e.src).name for e in merged}  # type: ignore[union-attr]
    assert names == {"anna", "ANNA"}
    assert set(survivor.aliases) == {"anna", "ANNA"}


def test_merged_memory_is_never_recalled(mem: GraphMem) -> None:
    a = mem.remember(
        "Anna plays the violin.", subject="Anna", predicate="plays", object="violin", confidence=0.5
    )
    b = mem.remember(
        "Anna plays violin in an orchestra.",
        subject="Anna",
        predicate="plays_in",
        object="orchestra",
        confidence=0.5,
    )
    survivor = mem.merge([a.id, b.id])
    assert isinstance(survivor, Memory) and survivor.confidence > 0.5
    gone = mem.get(b.id)
    assert isinstance(gone, Memory) and gone.status == Status.MERGED
    assert [e.dst for e in edges_of(mem, b.id, "MERGED_INTO", direction="out")] == [a.id]
    hits = mem.search("violin orchestra", k=20)
    assert b.id not in {h.memory.id for h in hits}
    assert a.id in {h.memory.id for h in hits}


def test_explicit_merge_can_be_undone_exactly(mem: GraphMem) -> None:
    mem.remember(
        "Bob likes tea.", subject="Bob", predicate="likes", object="tea", kind="preference"
    )
    mem.remember(
        "Robert likes chess.",
        subject="Robert",
        predicate="likes",
        object="chess",
        kind="preference",
    )
    ids = {e.name: e.id for e in mem.entities()}
    before = snapshot(mem)
    mem.merge([ids["Bob"], ids["Robert"]])
    assert "Robert" not in {e.name for e in mem.entities()}
    assert snapshot(mem) != before
    assert mem.unmerge(ids["Robert"]) == [ids["Robert"]]
    after = snapshot(mem)
    unmerged = [e for e in after["edges"] if e[1] == "UNMERGED_FROM"]  # type: ignore[attr-defined]
    assert [(e[2], e[3]) for e in unmerged] == [(ids["Robert"], ids["Bob"])]
    # every node and relationship as before the merge, but for the time of the change
    # and the record of the unmerge
    assert _undated(after, skip="UNMERGED_FROM") == _undated(before)


def test_entities_holding_rival_current_values_are_not_merged(mem: GraphMem) -> None:
    mem.remember("Anna lives in Paris.", subject="Anna", predicate="lives_in", object="Paris")
    mem.remember("Ben lives in Rome.", subject="Ben", predicate="lives_in", object="Rome")
    mem.remember("Cleo likes tea.", subject="Cleo", predicate="likes", object="tea")
    ids = {e.name: e.id for e in mem.entities()}
    before = snapshot(mem)
    with pytest.raises(InvalidInputError, match="lives_in"):
        mem.merge([ids["Anna"], ids["Ben"]])
    assert snapshot(mem) == before  # nothing written
    assert violations(mem.store, "u1") == []
    mem.merge([ids["Anna"], ids["Cleo"]])  # no rival values: merged
    assert "Cleo" not in {e.name for e in mem.entities()}
    assert violations(mem.store, "u1") == []


def _undated(snap: dict[str, object], skip: str = "") -> dict[str, object]:
    nodes = {
        label: {i: {k: v for k, v in p.items() if k != "updated_at"} for i, p in by_id.items()}
        for label, by_id in snap["nodes"].items()  # type: ignore[attr-defined]
    }
    edges = [e for e in snap["edges"] if e[1] != skip]  # type: ignore[attr-defined]
    return {"nodes": nodes, "edges": edges}


def test_no_semantic_operation_deletes_nodes(mem: GraphMem, clock: FakeClock) -> None:
    def grows_only(op: Callable[[], object]) -> None:
        before = node_ids(mem)
        op()
        after = node_ids(mem)
        for label, ids in before.items():
            assert ids <= after[label], f"{label} lost {ids - after[label]}"

    p = anna_lives_in(mem, "Paris", "2020-01-01")
    grows_only(lambda: mem.add({"speaker": "Anna", "content": "I live in Berlin now."}))
    grows_only(
        lambda: mem.remember(
            "Anna lives in Rome.", subject="Anna", predicate="lives_in", object="Rome"
        )
    )
    current = next(m for m in mem.memories() if m.predicate == "lives_in")
    grows_only(lambda: mem.update(current.id, text="Anna lives in Oslo.", object="Oslo"))
    latest = next(m for m in mem.memories() if m.predicate == "lives_in")
    grows_only(lambda: mem.feedback(latest.id, "Actually she lives in Madrid."))
    q = mem.remember(
        "Anna likes tea.", subject="Anna", predicate="likes", object="tea", kind="preference"
    )
    r = mem.remember(
        "Anna likes green tea.",
        subject="Anna",
        predicate="likes",
        object="green tea",
        kind="preference",
    )
    grows_only(lambda: mem.merge([q.id, r.id]))
    grows_only(lambda: mem.freeze(q.id, reason="x"))
    grows_only(lambda: mem.unfreeze(q.id, reason="y"))
    assert p.id in node_ids(mem)["Memory"]


@pytest.mark.parametrize(
    "predicate",
    [
        "lives_in]->(x) DETACH DELETE (y",
        "LIVES_IN",
        "lives in",
        "x`})//",
        "",
        "1abc",
    ],
)
def test_unsafe_predicate_is_rejected_and_writes_nothing(mem: GraphMem, predicate: str) -> None:
    before = snapshot(mem)
    with pytest.raises(InvalidInputError):
        mem.remember("Anna lives in Berlin.", subject="Anna", predicate=predicate, object="Berlin")
    assert snapshot(mem) == before


def test_tenants_never_see_each_other(mem: GraphMem) -> None:
    mem.remember(
        "Anna lives in Berlin.", user_id="u1", subject="Anna", predicate="lives_in", object="Berlin"
    )
    mem.add({"speaker": "Anna", "content": "I adore opera."}, user_id="u1")
    assert mem.search("Where does Anna live? opera", user_id="u2") == []
    assert mem.entities(user_id="u2") == []
    assert mem.memories(user_id="u2") == []
    some_id = mem.memories(user_id="u1")[0].id
    with pytest.raises(graphmem.NotFoundError):
        mem.get(some_id, user_id="u2")
    with pytest.raises(graphmem.NotFoundError):
        mem.delete(some_id, user_id="u2")


def test_a_name_said_in_part_is_the_same_value(mem: GraphMem) -> None:
    full = mem.remember(
        "Anna's favourite band is Wet Leg.",
        subject="Anna",
        predicate="favourite_band",
        object="Wet Leg",
        kind="preference",
    )
    again = mem.remember(
        "Leg is still Anna's favourite band.",
        subject="Anna",
        predicate="favourite_band",
        object="Leg",
        kind="preference",
    )
    assert (again.id, again.version) == (full.id, 1)  # corroborated, not a new version
    # a common noun must match whole: a promotion is a change
    mem.remember("Anna is a designer.", subject="Anna", predicate="works_as", object="designer")
    senior = mem.remember(
        "Anna is a senior designer.", subject="Anna", predicate="works_as", object="senior designer"
    )
    assert senior.version == 2
