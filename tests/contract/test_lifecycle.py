"""The lifecycle of DESIGN §2.5 on every available store: activation, archive, expiry,
cleanup, audit, forget, and the scenario of issue 6."""

from __future__ import annotations

import pytest

import graphmem
from graphmem.config import ActivationPolicy, AuditPolicy, CleanupPolicy, Config, LifecyclePolicy
from graphmem.engine import GraphMem
from graphmem.errors import ConflictError, InvalidInputError
from graphmem.lifecycle import TRANSITIONS, allowed, sweep
from graphmem.models import LIVE_STATUSES, Memory, Status
from graphmem.writer import Writer
from tests.conftest import FakeClock
from tests.contract.helpers import LONG_TURN, anna_lives_in, node_ids, snapshot

G, A, M, S, R, X = (
    Status.GENERATED,
    Status.ACTIVATED,
    Status.MERGED,
    Status.SUPERSEDED,
    Status.ARCHIVED,
    Status.EXPIRED,
)


def _engine(mem: GraphMem, policy: LifecyclePolicy) -> GraphMem:
    return GraphMem(
        mem.store,
        config=Config(lifecycle=policy),
        embedder=mem.embedder,
        extractor=mem.extractor,
        clock=mem.clock,
        user_id="u1",
    )


def _status(mem: GraphMem, node_id: str, user_id: str = "u1") -> str:
    [rec] = mem.store.get(user_id, [node_id])
    return "tombstone" if rec.label == "Tombstone" else str(rec.props["status"])


def test_terminal_statuses_are_left_only_by_expiry_or_an_exact_unmerge() -> None:
    memory = TRANSITIONS["Memory"]
    assert {new for old, new in memory if old == S} == {X}
    assert {new for old, new in memory if old == M} == {X, G, A}
    assert all(memory[(M, back)].startswith("unmerge") for back in (G, A))
    assert not [new for old, new in memory if old == X]  # nothing comes back from expiry
    assert {old for old, new in memory if new == G} == {M}
    assert allowed("Memory", G, A) and not allowed("Memory", A, G)
    assert allowed("Entity", "active", "merged") and not allowed("Entity", "active", G)


def test_a_forbidden_status_move_is_refused_and_writes_nothing(
    mem: GraphMem, clock: FakeClock
) -> None:
    old, _new = _paris_then_rome(mem)
    before = snapshot(mem)
    w = Writer(mem.store, "u1", clock(), mem.config)
    with pytest.raises(InvalidInputError, match="cannot move from superseded to archived"):
        w.set(old.id, {"status": "archived", "archived_at": w.now_s})
    with pytest.raises(InvalidInputError, match="cannot start with status archived"):
        w.create("Memory", {"kind": "fact", "text": "x", "status": "archived"})
    w.commit()
    assert snapshot(mem) == before


def test_a_status_changed_since_it_was_read_fails_the_whole_write(
    mem: GraphMem, clock: FakeClock
) -> None:
    m = mem.remember("Anna collects stamps.", subject="Anna", predicate="collects", object="x")
    clock.advance(days=100)
    stale = Writer(mem.store, "u1", clock(), mem.config)
    assert sweep(stale, LifecyclePolicy()).moved == {"memory:generated->archived": [m.id]}
    mem.update(m.id, text="Anna collects coins.")  # meanwhile: m is superseded
    before = snapshot(mem)
    with pytest.raises(ConflictError, match=r"status changed .* 'superseded' now"):
        stale.commit()
    assert snapshot(mem) == before


def test_unmerge_restores_the_status_before_the_merge(mem: GraphMem) -> None:
    mem = _engine(mem, LifecyclePolicy(activation=ActivationPolicy(min_recalls=1)))
    chess = mem.remember("Anna plays chess.", subject="Anna", predicate="plays", object="chess")
    go = mem.remember("Anna plays go.", subject="Anna", predicate="plays", object="go")
    mem.search("Anna plays go", kinds=["fact"])
    assert _status(mem, go.id) == A
    mem.merge([chess.id, go.id])
    assert _status(mem, go.id) == M
    assert mem.unmerge(go.id) == [go.id]
    assert _status(mem, go.id) == A


def _paris_then_rome(mem: GraphMem) -> tuple[Memory, Memory]:
    old = anna_lives_in(mem, "Paris", "2020-01-01")
    new = anna_lives_in(mem, "Rome", "2021-01-01")
    return old, new


def test_terminal_and_frozen_memories_are_never_swept(mem: GraphMem, clock: FakeClock) -> None:
    old, new = _paris_then_rome(mem)
    kept = mem.remember("Anna is vegan.", subject="Anna", predicate="diet", object="vegan")
    mem.freeze(kept.id, reason="medical")
    clock.advance(days=800)
    mem.sweep()
    clock.advance(days=800)
    mem.sweep()
    assert _status(mem, kept.id) == G
    assert _status(mem, new.id) == "tombstone"
    # the closed version expired with its head: its content is gone too
    assert _status(mem, old.id) == "tombstone"


def test_recall_activates_and_sweep_archives_then_expires(mem: GraphMem, clock: FakeClock) -> None:
    m = mem.remember("Anna plays the cello.", subject="Anna", predicate="plays", object="cello")
    for _ in range(3):
        clock.advance(days=2)
        assert m.id in {h.memory.id for h in mem.search("What instrument does Anna play?")}
    now = mem.get(m.id)
    assert isinstance(now, Memory)
    assert now.status == A and now.recall_count == 3
    clock.advance(days=89)
    assert mem.sweep().moved == {}
    clock.advance(days=2)
    report = mem.sweep()
    assert report.moved.get("memory:activated->archived") == [m.id]
    assert mem.sweep().moved == {}  # idempotent
    clock.advance(days=366)
    report = mem.sweep()
    assert report.moved.get("memory:archived->expired") == [m.id]
    assert _status(mem, m.id) == "tombstone"


def test_dry_run_reports_and_writes_nothing(mem: GraphMem, clock: FakeClock) -> None:
    m = mem.remember("Anna collects stamps.", subject="Anna", predicate="collects", object="stamps")
    clock.advance(days=100)
    before = snapshot(mem)
    report = mem.sweep(dry_run=True)
    assert report.dry_run and report.moved == {"memory:generated->archived": [m.id]}
    assert snapshot(mem) == before


def test_cleanup_rules_expire_low_confidence_and_retracted(mem: GraphMem) -> None:
    mem = _engine(mem, LifecyclePolicy(cleanup=CleanupPolicy(confidence_floor=0.3)))
    weak = mem.remember(
        "Anna might like golf.",
        subject="Anna",
        predicate="likes",
        object="golf",
        kind="preference",
        confidence=0.2,
    )
    wrong = mem.remember("Anna owns a boat.", subject="Anna", predicate="owns", object="boat")
    fine = mem.remember("Anna owns a bike.", subject="Anna", predicate="owns", object="bike")
    mem.retract(wrong.id, reason="user said it is wrong")
    assert wrong.id not in {h.memory.id for h in mem.search("Anna boat")}
    report = mem.sweep()
    assert set(report.moved["memory:generated->expired"]) == {weak.id, wrong.id}
    assert _status(mem, fine.id) == G
    [stone] = mem.store.get("u1", [wrong.id])
    assert stone.props == {"deleted_at": stone.props["deleted_at"], "reason": "cleanup: retracted"}


def test_audit_policy_can_drop_tombstones(mem: GraphMem, clock: FakeClock) -> None:
    mem = _engine(mem, LifecyclePolicy(audit=AuditPolicy(keep_tombstones=False)))
    m = mem.remember("Anna owns a kayak.", subject="Anna", predicate="owns", object="kayak")
    mem.delete(m.id)
    assert mem.store.get("u1", [m.id]) == []


def test_forget_user_removes_content_and_counts(mem: GraphMem) -> None:
    mem.add([{"speaker": "Anna", "content": "I live in Vienna.", "ref": "a1"}])
    mem.add([{"speaker": "Bob", "content": "I live in Graz.", "ref": "b1"}], user_id="u2")
    counts = mem.forget(user_id="u1")
    assert counts["Episode"] == 1 and counts["Memory"] >= 1 and counts["Entity"] >= 1
    left = mem.store.find("u1", "Tombstone")
    assert len(left) == sum(counts.values())
    assert all(set(t.props) == {"deleted_at", "reason"} for t in left)
    assert node_ids(mem, "u1")["Memory"] == set() and node_ids(mem, "u1")["Episode"] == set()
    assert mem.search("Where does Anna live?", user_id="u1") == []
    assert mem.search("Where does Bob live?", user_id="u2")  # the other tenant is untouched


def test_forget_refuses_frozen_nodes(mem: GraphMem) -> None:
    m = mem.remember("Anna's blood type is O.", subject="Anna", predicate="blood_type", object="O")
    mem.freeze(m.id, reason="medical")
    before = snapshot(mem)
    with pytest.raises(graphmem.FrozenError):
        mem.forget(user_id="u1")
    assert snapshot(mem) == before


def test_nothing_but_expiry_forget_and_delete_removes_content(
    mem: GraphMem, clock: FakeClock
) -> None:
    mem.add([{"speaker": "Anna", "content": "I adopted a cat named Tofu.", "ref": "c1"}])
    m = mem.remember(
        "Anna likes tea.", subject="Anna", predicate="likes", object="tea", kind="preference"
    )
    before = node_ids(mem)
    clock.advance(days=100)
    moved = mem.sweep().moved  # archiving keeps the content
    assert moved["memory:generated->archived"] == [m.id] and moved["episode:generated->archived"]
    mem.search("What pet does Anna have?")
    mem.retract(m.id)
    assert node_ids(mem) == before  # retract marks; only the sweep will expire it


def test_online_education_scenario(mem: GraphMem, clock: FakeClock) -> None:
    """A tutoring assistant over a year: generated → activated → merged → archived →
    expired, with a frozen exam report untouched throughout."""
    uid = "student-7"
    turn1 = mem.add(
        {
            "speaker": "Sam",
            "content": "I keep mixing up quadratic and linear functions.",
            "ref": "w1:3",
        },
        user_id=uid,
        session_id="week-1",
    ).episodes[0]
    confusion = mem.remember(
        "Sam confuses quadratic and linear functions.",
        user_id=uid,
        subject="Sam",
        predicate="confused_by",
        object="quadratic vs linear functions",
        source="agent",
        confidence=0.6,
        sources=[turn1.id],
    )
    report = mem.remember(
        "Final exam report: Sam scored 82/100, strong in algebra.",
        user_id=uid,
        subject="Sam",
        predicate="exam_report",
        object="final exam",
        source="agent",
    )
    report = mem.update(
        report.id,
        uid,
        text="Final exam report: Sam scored 85/100 after regrading, strong in algebra.",
    )
    mem.freeze(report.id, uid, reason="official record")
    frozen_before = {v.id: v for v in mem.history(report.id, uid)}
    assert _status(mem, confusion.id, uid) == G

    for _week in range(2, 5):  # recalled in three sessions
        clock.advance(days=7)
        hits = mem.search("Which functions does Sam find confusing?", user_id=uid)
        assert confusion.id in {h.memory.id for h in hits}
    assert _status(mem, confusion.id, uid) == A

    clock.advance(days=7)
    turn2 = mem.add(
        {
            "speaker": "Sam",
            "content": "Exponential functions confuse me, they look linear at first.",
            "ref": "w5:2",
        },
        user_id=uid,
        session_id="week-5",
    ).episodes[0]
    later = mem.remember(
        "Sam confuses exponential and linear functions.",
        user_id=uid,
        subject="Sam",
        predicate="confused_by",
        object="exponential functions",
        source="agent",
        confidence=0.6,
        sources=[turn2.id],
    )
    merged = mem.merge([confusion.id, later.id], user_id=uid)
    assert isinstance(merged, Memory)
    assert merged.id == confusion.id and merged.confidence > 0.6
    assert set(merged.refs) == {"w1:3", "w5:2"}
    assert _status(mem, later.id, uid) == M and _status(mem, confusion.id, uid) == A

    clock.advance(days=91)  # three months unused
    moved = mem.sweep(uid).moved
    assert confusion.id in moved["memory:activated->archived"]
    assert report.id not in {i for ids in moved.values() for i in ids}
    query = "Which functions does Sam find confusing?"
    assert confusion.id not in {h.memory.id for h in mem.search(query, user_id=uid, k=20)}
    assert confusion.id in {
        h.memory.id for h in mem.search(query, user_id=uid, k=20, include_archived=True)
    }

    clock.advance(days=366)  # a year later
    moved = mem.sweep(uid).moved
    assert confusion.id in moved["memory:archived->expired"]
    [stone] = mem.store.get(uid, [confusion.id])
    assert stone.label == "Tombstone"
    assert set(stone.props) == {"deleted_at", "reason"} and stone.props["reason"] == "expired"
    assert _status(mem, later.id, uid) == "tombstone"  # the merged-in content went with it
    assert not mem.store.edges(uid, [confusion.id])
    assert confusion.id not in {
        h.memory.id for h in mem.search(query, user_id=uid, k=50, include_archived=True)
    }

    after = {v.id: v for v in mem.history(report.id, uid)}
    assert after == frozen_before
    assert after[report.id].frozen and after[report.id].status == G


def test_an_episodes_passages_go_with_it(mem: GraphMem) -> None:
    added = mem.add([{"speaker": "Anna", "content": LONG_TURN, "ref": "p1"}])
    mem.add([{"speaker": "Anna", "content": LONG_TURN, "ref": "p2"}], session_id="other")
    first, second = added.episodes[0].id, node_ids(mem)["Episode"] - {added.episodes[0].id}
    parts = mem.store.find("u1", "Passage")
    assert len(parts) == 6  # three sentences of five words or more, per episode
    mine = {p.id for p in parts if p.props["episode_id"] == first}
    assert len(mine) == 3
    assert all(
        LONG_TURN[p.props["start"] : p.props["end"]].endswith(".") for p in parts if p.id in mine
    )
    mem.delete(first)
    assert {p.id for p in mem.store.find("u1", "Passage")} == {p.id for p in parts} - mine
    mem.forget(next(iter(second)))
    assert mem.store.find("u1", "Passage") == []


def test_a_read_after_a_change_in_the_same_write_is_checked_against_the_store(
    mem: GraphMem, clock: FakeClock
) -> None:
    paris = anna_lives_in(mem, "Paris", "2020-01-01")
    [stored] = mem.store.get("u1", [paris.id])
    anna = stored.props["subject_id"]
    w = Writer(mem.store, "u1", clock(), mem.config)
    w.prefetch("Memory", "subject_id", [anna])
    w.set(paris.id, {"status": "archived", "archived_at": w.now_s})
    # this write sees Paris archived; the commit re-checks what the store held
    assert w.find_checked("Memory", "subject_id", anna, LIVE_STATUSES) == []
    w.commit()
    assert _status(mem, paris.id) == "archived"
