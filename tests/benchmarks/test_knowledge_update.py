"""The knowledge-update benchmark without models: the generator (determinism, counts,
splits, ground truth) and the metric and baseline functions on hand-made cases."""

from __future__ import annotations

import calendar
import itertools
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from functools import cache
from types import SimpleNamespace

import numpy as np
import pytest

from benchmarks.knowledge_update import (
    ChangeTally,
    Tally,
    TurnIndex,
    baseline_scores,
    change_recorded,
    judge,
    mentions,
    ranked_refs,
)
from benchmarks.knowledge_update_gen import (
    ATTRIBUTES,
    SESSION_GAP_DAYS,
    STATING_KINDS,
    Conversation,
    Question,
    Statement,
    Value,
    dataset_stats,
    generate,
    load_bank,
    month_label,
    time_phrases,
)
from benchmarks.locomo_recall import BM25

USERS = 40
REQUIRED_ATTRIBUTES = 8


@cache
def data(split: str = "A", seed: int = 0) -> tuple[Conversation, ...]:
    return tuple(generate(USERS, seed, split))


def _signature(convs: tuple[Conversation, ...]) -> list[object]:
    return [
        (c.user_id, [(t.ref, t.speaker, t.text, t.at) for t in c.turns], c.questions) for c in convs
    ]


# --------------------------------------------------------------------------- wordings


def test_every_attribute_has_enough_wordings_per_kind() -> None:
    bank = load_bank("all")
    assert len(bank.kinds) >= REQUIRED_ATTRIBUTES
    for attr, kinds in bank.kinds.items():
        assert len(kinds["first"]) >= 10, attr
        assert len(kinds["change"]) >= 10, attr
        assert len(kinds["now"]) >= 3 and len(kinds["as_of"]) >= 3, attr
        styles = Counter(w.style for w in kinds["change"])
        assert styles["plain"] and styles["indirect"] and styles["names_old"], attr
        assert any(w.mode != "none" for w in kinds["change"]), attr
        assert kinds["other"] and kinds["reaction"] and kinds["restate"], attr
    assert sum(bool(k["end"]) for k in bank.kinds.values()) >= REQUIRED_ATTRIBUTES


def test_split_halves_are_disjoint_and_even() -> None:
    a, b, every = load_bank("A"), load_bank("B"), load_bank("all")
    for attr, kinds in every.kinds.items():
        for kind, wordings in kinds.items():
            texts_a = {w.text for w in a.kinds[attr][kind]}
            texts_b = {w.text for w in b.kinds[attr][kind]}
            assert not texts_a & texts_b, (attr, kind)
            assert len(texts_a) == len(texts_b) == len(wordings) / 2, (attr, kind)
            assert {w.split for w in wordings} <= {"A", "B"}
    for name in ("reactions", "end_reactions", "closings", "smalltalk"):
        assert not {w.text for w in getattr(a, name)} & {w.text for w in getattr(b, name)}
    with pytest.raises(ValueError):
        load_bank("C")


# --------------------------------------------------------------------------- generator


def test_generation_is_deterministic_by_seed() -> None:
    assert _signature(data("A", 0)) == _signature(tuple(generate(USERS, 0, "A")))
    assert _signature(data("A", 0)) != _signature(tuple(generate(USERS, 1, "A")))


def test_splits_share_the_plan_and_differ_in_wording() -> None:
    a, b = data("A"), data("B")
    for ca, cb in zip(a, b, strict=True):
        assert [t.ref for t in ca.turns] == [t.ref for t in cb.turns]
        assert ca.periods == cb.periods
        assert [(q.as_of, q.answer_refs) for q in ca.questions] == [
            (q.as_of, q.answer_refs) for q in cb.questions
        ]
    assert [t.text for t in a[0].turns] != [t.text for t in b[0].turns]


def test_users_sessions_and_changes_meet_the_minimums() -> None:
    convs = data()
    assert len(convs) >= 30
    assert len({c.user_id for c in convs}) == len(convs)
    for c in convs:
        assert c.name != c.friend
        times = [s.at for s in c.sessions]
        assert times[-1] - times[0] >= timedelta(days=2 * 365)
        low, high, _ = SESSION_GAP_DAYS
        for x, y in itertools.pairwise(times):
            assert low - 1 <= (y - x).days <= high + 1
        refs = [t.ref for t in c.turns]
        assert len(refs) == len(set(refs))
        assert all(re.fullmatch(r"S\d+:\d+", r) for r in refs)
        assert all(len(s.turns) >= 3 for s in c.sessions)
        ats = [t.at for t in c.turns]
        assert ats == sorted(ats)
        changing = [a for a, ps in c.periods.items() if sum(p.value is not None for p in ps) >= 3]
        assert len(changing) >= REQUIRED_ATTRIBUTES
        for ps in c.periods.values():
            assert 3 <= sum(p.value is not None for p in ps) <= 4


def test_statement_and_other_turns_are_roughly_balanced() -> None:
    stats = dataset_stats(data())
    assert stats["statement_turns"] <= stats["other_turns"] <= 1.5 * stats["statement_turns"]
    assert stats["statements_by_kind"]["end"] > 0
    assert stats["with_time_phrase"] > 0


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[a-z_]+\}", template)
    body = "(.+?)".join(re.escape(p) for p in parts)
    return re.compile(body, re.IGNORECASE)


def test_turns_use_only_the_wordings_of_their_split() -> None:
    for split in ("A", "B"):
        bank = load_bank(split)
        for c in data(split)[:10]:
            text = {t.ref: t.text for t in c.turns}
            for s in c.statements:
                templates = bank.kinds[s.attribute][s.kind]
                assert any(_template_regex(w.text).fullmatch(text[s.ref]) for w in templates), (
                    split,
                    s.attribute,
                    s.kind,
                    text[s.ref],
                )
            for q in c.questions:
                templates = bank.kinds[q.attribute][q.qtype]
                assert any(_template_regex(w.text).fullmatch(q.text) for w in templates)


def test_statements_are_the_users_turns_and_name_their_values() -> None:
    for c in data():
        speaker = {t.ref: t.speaker for t in c.turns}
        text = {t.ref: t.text for t in c.turns}
        for s in c.statements:
            assert speaker[s.ref] == c.name
            assert s.valid_from <= s.said_at
            shown = s.value if s.value is not None else s.old
            assert shown is not None and mentions(text[s.ref], shown.keys), text[s.ref]
            if s.time_phrase:
                assert s.time_phrase in text[s.ref]


def _month_bounds(t: datetime) -> tuple[datetime, datetime]:
    start = datetime(t.year, t.month, 1, tzinfo=UTC)
    return start, start + timedelta(days=calendar.monthrange(t.year, t.month)[1])


def _check_question(c: Conversation, q: Question, by_ref: dict[str, Statement]) -> None:
    assert q.answer_refs and not q.answer_refs & q.other_refs
    for ref in q.answer_refs:
        s = by_ref[ref]
        assert s.attribute == q.attribute and s.kind in STATING_KINDS
        assert s.value is not None and s.value.name == q.answer
    mine = {s.ref for s in c.statements if s.attribute == q.attribute}
    assert q.answer_refs | q.other_refs == mine
    periods = c.periods[q.attribute]
    if q.qtype == "now":
        assert q.as_of is None
        final = periods[-1].value
        assert final is not None and final.name == q.answer
        return
    assert q.as_of is not None
    start, end = _month_bounds(q.as_of)
    assert month_label(q.as_of) in q.text
    holding = [p for p in periods if p.valid_from < end and (p.until is None or p.until > start)]
    assert len(holding) == 1  # the month lies within one validity window
    (p,) = holding
    assert p.value is not None and p.value.name == q.answer
    assert p.said_at < start and (p.until is None or end <= p.until)
    assert end <= c.sessions[-1].at
    for s in c.statements:  # nothing about the attribute changes during the month
        if s.attribute == q.attribute and s.kind != "restate":
            assert not start <= s.valid_from < end and not start <= s.said_at < end


def test_ground_truth_is_consistent() -> None:
    counts: Counter[str] = Counter()
    for c in data():
        by_ref = {s.ref: s for s in c.statements}
        for q in c.questions:
            _check_question(c, q, by_ref)
            counts[q.qtype] += 1
        assert {q.attribute for q in c.questions if q.qtype == "now"} == set(ATTRIBUTES)
    assert counts["now"] == USERS * len(ATTRIBUTES)
    assert counts["as_of"] >= USERS * len(ATTRIBUTES)


def test_time_phrases_resolve_against_the_statement_time() -> None:
    said = datetime(2023, 3, 15, 18, 30, tzinfo=UTC)  # a Wednesday
    ago = dict(time_phrases(said, "ago"))
    assert ago["yesterday"] == datetime(2023, 3, 14, tzinfo=UTC)
    assert ago["two weeks ago"] == datetime(2023, 3, 1, tzinfo=UTC)
    assert ago["last week"] == datetime(2023, 3, 6, tzinfo=UTC)
    assert ago["last month"] == datetime(2023, 2, 1, tzinfo=UTC)
    assert ago["on Monday"] == datetime(2023, 3, 13, tzinfo=UTC)
    assert "on Wednesday" not in ago and "on Tuesday" not in ago  # those are today/yesterday
    since = dict(time_phrases(datetime(2023, 1, 20, tzinfo=UTC), "since"))
    assert since == {
        "since December": datetime(2022, 12, 1, tzinfo=UTC),
        "since November": datetime(2022, 11, 1, tzinfo=UTC),
        "since October": datetime(2022, 10, 1, tzinfo=UTC),
    }


# --------------------------------------------------------------------------- metrics


def _q(qtype: str = "now", attribute: str = "city") -> Question:
    return Question("?", attribute, qtype, None, "Porto", frozenset({"S2:1"}), frozenset({"S1:1"}))


def test_judge_reads_the_first_distinct_ref_and_the_first_five() -> None:
    answer, other = frozenset({"S5:2", "S9:1"}), frozenset({"S1:1"})
    assert judge(["S5:2", "S1:1"], answer, other) == (o := judge(["S9:1"], answer, other))
    assert o.acc1 and o.hit5 and not o.stale1
    stale = judge(["S1:1", "S3:3", "S5:2"], answer, other)
    assert not stale.acc1 and stale.hit5 and stale.stale1
    late = judge(["S3:1", "S3:2", "S3:3", "S3:4", "S3:5", "S9:1"], answer, other)
    assert not late.acc1 and not late.hit5 and not late.stale1
    empty = judge([], answer, other)
    assert not (empty.acc1 or empty.hit5 or empty.stale1)


def test_tally_summarises_per_type_and_attribute() -> None:
    tally = Tally()
    tally.add(_q("now"), judge(["S2:1"], frozenset({"S2:1"}), frozenset()))
    tally.add(_q("now"), judge(["S1:1"], frozenset({"S2:1"}), frozenset({"S1:1"})))
    tally.add(_q("as_of", "car"), judge(["S7:7", "S2:1"], frozenset({"S2:1"}), frozenset()))
    s = tally.summary()
    assert s["now"] == {"acc@1": 0.5, "hit@5": 0.5, "stale@1": 0.5, "questions": 2}
    assert s["as_of"] == {"acc@1": 0.0, "hit@5": 1.0, "stale@1": 0.0, "questions": 1}
    assert s["all"]["questions"] == 3 and s["all"]["acc@1"] == pytest.approx(0.3333)
    per = tally.per_attribute()
    assert per["car"]["as_of"]["hit@5"] == 1.0 and per["car"]["now"]["questions"] == 0


def _mem(id: str, text: str, refs: tuple[str, ...], status: str = "generated",
         superseded_by: str | None = None, obj: str | None = None) -> SimpleNamespace:  # fmt: skip
    return SimpleNamespace(
        id=id, text=text, object=obj, refs=refs, status=status, superseded_by=superseded_by
    )


def test_change_recorded_needs_the_supersede_link_and_the_old_value() -> None:
    old = _mem("m1", "Maya lives in Lisbon.", ("S1:1",), "superseded", "m2")
    new = _mem("m2", "Maya lives in Porto.", ("S5:1",))
    assert change_recorded("S5:1", ("Lisbon",), [old, new])
    assert not change_recorded("S6:1", ("Lisbon",), [old, new])  # no memory from that turn
    assert not change_recorded("S5:1", ("Oslo",), [old, new])  # another old value
    assert not change_recorded("S5:1", ("Lisbon",), [new])
    open_old = _mem("m1", "Maya lives in Lisbon.", ("S1:1",), "generated", "m2")
    assert not change_recorded("S5:1", ("Lisbon",), [open_old, new])
    by_object = _mem("m1", "Maya has a pet.", ("S1:1",), "superseded", "m2", obj="Biscuit")
    assert change_recorded("S5:1", ("Biscuit", "dog"), [by_object, new])


def test_mentions_matches_whole_words_only() -> None:
    assert mentions("Maya loves PHO.", ("pho",))
    assert not mentions("Maya posted a photo.", ("pho",))
    assert mentions("Maya likes Fontaines D.C. a lot", ("Fontaines D.C.",))
    assert mentions("a Peugeot 208!", ("208",)) and not mentions("in 2080", ("208",))


def test_change_tally_counts_changes_ends_and_coverage() -> None:
    lisbon = Value("Lisbon", (("city", "Lisbon"),), ("Lisbon",))
    porto = Value("Porto", (("city", "Porto"),), ("Porto",))
    at = datetime(2023, 1, 1, tzinfo=UTC)
    statements = [
        Statement("S1:1", "city", "first", lisbon, None, at, at, None),
        Statement("S5:1", "city", "change", porto, lisbon, at, at, None, "plain"),
        Statement("S9:1", "city", "end", None, porto, at, at, None),
    ]
    conv = Conversation("u", "Maya", "Ben", [], statements, {}, [])
    memories = [
        _mem("m1", "Maya lives in Lisbon.", ("S1:1",), "superseded", "m2"),
        _mem("m2", "Maya lives in Porto.", ("S5:1",)),
    ]
    tally = ChangeTally()
    tally.add(conv, memories)
    s = tally.summary()
    assert s["change_statements"] == 2 and s["recorded"] == 0.5
    assert s["recorded_by_kind"]["change"] == {"statements": 1, "recorded": 1.0}
    assert s["recorded_by_kind"]["end"] == {"statements": 1, "recorded": 0.0}
    assert s["statement_turns"] == 3 and s["with_memory"] == pytest.approx(0.6667)
    assert s["changes_recorded_by_style"] == {"plain": {"statements": 1, "recorded": 1.0}}
    assert s["changes_recorded_by_attribute_and_style"] == {
        "city": {"plain": {"statements": 1, "recorded": 1.0}}
    }


def test_statements_carry_the_style_of_their_wording() -> None:
    [conv] = generate(1, 0, "A")
    changes = [s for s in conv.statements if s.kind == "change"]
    assert changes and all(s.style in {"plain", "indirect", "names_old"} for s in changes)


# --------------------------------------------------------------------------- baselines


def _index() -> TurnIndex:
    days = np.array([100.0, 200.0, 300.0, 400.0])
    vectors = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.8, 0.2]])
    docs = [["lisbon"], ["porto"], ["weather"], ["porto", "porto"]]
    return TurnIndex(["S1:1", "S2:1", "S3:1", "S4:1"], days, BM25(docs), vectors)


def test_recency_and_the_date_filter() -> None:
    idx = _index()
    assert idx.recency(None) == pytest.approx([0.0, 1 / 3, 2 / 3, 1.0])
    assert idx.recency(200.0) == pytest.approx([0.0, 1.0, 1.0, 1.0])
    q = Question("Where does Maya live?", "city", "now", None, "Porto", frozenset(), frozenset())
    qv = np.array([1.0, 0.0])
    assert ranked_refs(baseline_scores("dense", idx, q, qv, 0.0), idx.refs)[0] == "S1:1"
    recent = ranked_refs(baseline_scores("dense_recency", idx, q, qv, 1.0), idx.refs)
    assert recent[0] == "S4:1"
    as_of = datetime.fromtimestamp(250 * 86400.0, tz=UTC)
    past = Question("Where in May?", "city", "as_of", as_of, "x", frozenset(), frozenset())
    dated = ranked_refs(baseline_scores("dense_recency_dated", idx, past, qv, 0.5), idx.refs)
    assert dated == ["S2:1", "S1:1"]  # turns after as_of dropped; recency up to as_of
    assert ranked_refs(baseline_scores("bm25", idx, q, qv, 0.0), idx.refs) == idx.refs
    with pytest.raises(ValueError):
        baseline_scores("nope", idx, q, qv, 0.0)
