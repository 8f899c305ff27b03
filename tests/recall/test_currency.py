"""Recall that knows what is current (DESIGN §5): a question about the present answers
with the version that holds now, one with ``as_of`` with the version that held then, and
turns about an outdated value or about someone else do not outrank the answer. With the
real models: what a turn states and what a question asks depend on them."""

from __future__ import annotations

import pytest

from graphmem.config import Config
from graphmem.engine import GraphMem
from graphmem.models import Memory
from graphmem.recall.currency import (
    Asked,
    Lead,
    answers,
    asked,
    challengers,
    known_values,
    later_values,
    unexplained_turns,
)
from graphmem.stores.base import NodeRecord

pytestmark = pytest.mark.real_models

CHAT = [
    ("2023-01-10", "S1:1", "Sanna", "I live in Tampere, it's freezing here."),
    ("2023-01-10", "S1:2", "Jo", "Brr. How's the new job?"),
    ("2023-01-10", "S1:3", "Sanna", "Good! I work at Nokia on the network team."),
    ("2023-06-02", "S2:1", "Sanna", "My cousin just moved to Oulu for a job."),
    ("2023-06-02", "S2:2", "Sanna", "Not at Nokia any more, Kone made me an offer."),
    ("2023-09-20", "S3:1", "Sanna", "I moved from Tampere to Espoo last month."),
    ("2023-09-20", "S3:2", "Jo", "Espoo! Nice, closer to the sea."),
]


@pytest.fixture
def sanna(mem: GraphMem) -> GraphMem:
    for day, ref, speaker, text in CHAT:
        session = ref.split(":")[0]
        mem.add({"speaker": speaker, "content": text, "ref": ref, "at": day}, session_id=session)
    return mem


def _first_source(mem: GraphMem, query: str, as_of: str | None = None) -> str:
    hits = mem.search(query, k=5, as_of=as_of)
    assert hits and hits[0].sources, [h.memory.text for h in hits]
    return hits[0].sources[0]


def test_a_change_closes_the_old_version(sanna: GraphMem) -> None:
    homes = [m for m in sanna.memories(include_closed=True) if m.predicate == "lives_in"]
    assert {(m.subject, m.object, m.status.value) for m in homes if m.subject == "Sanna"} == {
        ("Sanna", "Tampere", "superseded"),
        ("Sanna", "Espoo", "generated"),
    }
    [espoo] = [m for m in homes if m.object == "Espoo"]
    assert espoo.refs == ("S3:1",) and espoo.valid_from is not None
    assert espoo.valid_from.isoformat().startswith("2023-08-01")  # "last month"


def test_a_question_about_now_answers_with_the_current_version(sanna: GraphMem) -> None:
    assert _first_source(sanna, "Where does Sanna live now?") == "S3:1"
    assert _first_source(sanna, "Who is Sanna working for these days?") == "S2:2"


def test_a_question_as_of_a_time_answers_with_the_version_then(sanna: GraphMem) -> None:
    assert _first_source(sanna, "Where did Sanna live in March 2023?", "2023-03-15") == "S1:1"
    assert _first_source(sanna, "Who did Sanna work for in March 2023?", "2023-03-15") == "S1:3"


def test_the_answer_is_the_fact_and_says_why(sanna: GraphMem) -> None:
    hits = sanna.search("Where does Sanna live now?", k=3)
    top = hits[0].memory
    assert isinstance(top, Memory) and top.object == "Espoo" and "answer" in hits[0].reason


def test_outdated_turns_and_other_peoples_facts_rank_below_the_answer(sanna: GraphMem) -> None:
    hits = sanna.search("Where does Sanna live now?", k=10)
    order = [src for h in hits for src in h.sources]
    assert order.index("S3:1") < order.index("S1:1")  # she left Tampere
    if "S2:1" in order:  # the cousin's move is the cousin's
        assert order.index("S3:1") < order.index("S2:1")
        cousin = next(h for h in hits if "S2:1" in h.sources)
        assert "about someone else" in cousin.reason or isinstance(cousin.memory, Memory)


def test_a_question_about_the_past_gets_no_current_answer(sanna: GraphMem) -> None:
    hits = sanna.search("When did Sanna move to Espoo?", k=5)
    assert hits and all("answer" not in h.reason for h in hits)


def _fact(node_id: str, predicate: str, obj: str, since: str) -> NodeRecord:
    props = {"predicate": predicate, "object": obj, "valid_from": since, "status": "generated"}
    return NodeRecord(node_id, "u1", "Memory", props)


def test_among_slots_with_values_of_one_type_the_newest_answers_first() -> None:
    registry = Config().predicates
    facts = [
        _fact("m1", "favourite_sport", "football", "2023-01-05"),
        _fact("m2", "plays_sport", "tennis", "2024-03-01"),  # a sport too, said later
        _fact("m3", "works_at", "Kone", "2024-06-01"),  # another type of value
    ]
    sport_first = Asked(("k",), {"favourite_sport": 0.60, "plays_sport": 0.58, "works_at": 0.59})
    assert [r.id for r in answers(facts, sport_first, registry, None)] == ["m2", "m1", "m3"]
    work_first = Asked(("k",), {"favourite_sport": 0.60, "plays_sport": 0.58, "works_at": 0.70})
    assert [r.id for r in answers(facts, work_first, registry, None)] == ["m3", "m2", "m1"]
    # as of a time: only what held then
    assert [r.id for r in answers(facts, sport_first, registry, "2023-06-01")] == ["m1"]


def test_a_question_about_now_asks_less_for_what_cannot_change() -> None:
    registry, cfg = Config().predicates, Config().recall
    scores = {"grew_up_in": 0.56, "lives_in": 0.53}
    then = asked({"ent_a": "Anna"}, scores, registry, cfg, "Which town is Anna based in?")
    now = asked({"ent_a": "Anna"}, scores, registry, cfg, "Which town is Anna based in now?")
    assert then is not None and set(then.rank) == {"grew_up_in", "lives_in"}
    assert now is not None and set(now.rank) == {"lives_in"}
    # so does one about a given time: where someone grew up depends on no month
    query = "Which town was Anna's home?"  # "... in August 2023", the date taken out
    dated = asked({"ent_a": "Anna"}, scores, registry, cfg, query, dated=True)
    assert dated is not None and set(dated.rank) == {"lives_in"}


def test_a_changing_slot_of_the_asked_type_is_asked_about_too() -> None:
    registry, cfg = Config().predicates, Config().recall
    # a sport played answers "which sport ...", well below the favourite but of its type
    scores = {"favourite_sport": 0.76, "plays_sport": 0.66, "has_hobby": 0.40}
    query = asked({"ent_a": "Ana"}, scores, registry, cfg, "Which sport is Ana into now?")
    assert query is not None and set(query.rank) == {"favourite_sport", "plays_sport"}
    # a place that cannot change is no home, however close ("Where does Ana live?")
    scores = {"lives_in": 0.70, "grew_up_in": 0.62, "works_at": 0.60}
    query = asked({"ent_a": "Ana"}, scores, registry, cfg, "Where does Ana live?")
    assert query is not None and set(query.rank) == {"lives_in"}


def test_a_sport_taken_up_answers_for_the_sport_now(mem: GraphMem) -> None:
    for ref, day, text in [
        ("S1:1", "2023-02-01", "My favourite sport is handball."),
        ("S2:1", "2023-09-01", "I started rowing in the summer."),
    ]:
        mem.add({"speaker": "Ines", "content": text, "ref": ref, "at": day})
    assert _first_source(mem, "Which sport is Ines into now?") == "S2:1"


def test_a_state_asked_as_of_a_month_is_not_what_was_said_that_month(mem: GraphMem) -> None:
    # nothing states where Ines lived; what she said in June is no answer for being said
    # then (a question about events in June would prefer it)
    for ref, day, text in [
        ("S1:1", "2023-01-05", "The winters up north are long but I love my little street."),
        ("S2:1", "2023-06-10", "Okay, off to bed. Night!"),
    ]:
        mem.add({"speaker": "Ines", "content": text, "ref": ref, "at": day})
    hits = mem.search("Where did Ines live in June 2023?", k=5, as_of="2023-06-15")
    assert hits and not [h for h in hits if "time asked about" in h.reason]
    events = mem.search("What did Ines say in June 2023?", k=5)
    assert any("time asked about" in h.reason for h in events if h.sources == ("S2:1",))


def _turn(
    node_id: str,
    at: str,
    text: str,
    topics: dict[str, float],
    speaker: str = "Ines",
    values: dict[str, str] | None = None,
) -> NodeRecord:
    props: dict[str, object] = {"speaker": speaker, "text": text, "at": at}
    if topics:
        props |= {"topics": list(topics), "topic_scores": list(topics.values())}
    if values:
        props |= {"values": list(values), "value_types": list(values.values())}
    return NodeRecord(node_id, "u1", "Episode", props)


def test_a_turn_about_the_asked_fact_that_gave_no_memory_is_unexplained() -> None:
    registry = Config().predicates
    sport = Asked(("k",), {"favourite_sport": 0.7, "plays_sport": 0.6})
    records = {
        r.id: r
        for r in [
            _turn("e1", "2024-03-01", "First climbing shoes!", {"plays_sport": 0.55}),
            _turn("e2", "2024-03-02", "So tired.", {"plays_sport": 0.30}),  # a little
            _turn("e3", "2024-03-03", "Rowing at dawn", {"plays_sport": 0.6}, speaker="Jo"),
            _turn("e4", "2024-03-04", "Moved to Turku", {"lives_in": 0.7}),  # another fact
            _turn("e5", "2024-03-05", "Tennis, again", {"plays_sport": 0.5}),  # read
            _turn("e6", "2024-03-06", "Judo, again", {"plays_sport": 0.5}),  # read, expired
            # no topic of sport, but a sport named of the speaker; a place is no sport
            _turn("e7", "2024-03-07", "Padel night!", {}, values={"padel": "sport"}),
            _turn("e8", "2024-03-08", "Turku again", {}, values={"Turku": "place"}),
            NodeRecord("m1", "u1", "Memory", {"text": "Ines plays sport."}),
        ]
    }
    read = NodeRecord("m2", "u1", "Memory", {"status": "generated"})
    expired = NodeRecord("m3", "u1", "Memory", {"status": "expired"})
    sources = {"e5": [read], "e6": [expired]}
    found = unexplained_turns(records, sources, sport, {"ent_i": "Ines"}, registry)
    assert sorted((lead.turn.id, lead.score, lead.values) for lead in found) == [
        ("e1", 0.55, ()),
        ("e2", 0.30, ()),
        ("e6", 0.5, ()),
        ("e7", None, ("padel",)),
    ]


def test_only_turns_after_the_answer_began_and_not_restating_it_challenge_it() -> None:
    answer = NodeRecord("m1", "u1", "Memory", {"object": "Tennis", "valid_from": "2024-02-01"})

    def lead(node_id: str, at: str, text: str, score: float | None, *values: str) -> Lead:
        return Lead(_turn(node_id, at, text, {}), score, values)

    leads = [
        lead("e1", "2024-01-10", "Squash is fun", 0.5),  # before the answer
        lead("e2", "2024-03-01", "First climbing shoes!", 0.5),
        lead("e3", "2024-04-01", "More tennis this week", 0.6),  # the answer again
        lead("e4", "2024-05-01", "Rowing at dawn, hooked", 0.45),
        # names a value: another one challenges, even beside the answer's
        lead("e5", "2024-06-01", "Tennis out, padel in", 0.36, "Tennis", "padel"),
        lead("e6", "2024-07-01", "Tennis forever", 0.7, "Tennis"),
        lead("e7", "2024-08-01", "Padel with Jo", None, "padel"),  # no topic: no challenge
        # a little less about it, but saying something is new
        lead("e8", "2024-09-01", "My new club has a great coach", 0.44),
        lead("e9", "2024-09-02", "My club has a great coach", 0.44),
        # no topic, but a new value said to be new
        lead("e10", "2024-10-01", "First padel lesson, I'm hooked", None, "padel"),
        lead("e11", "2024-10-02", "First tennis lesson for Jo", None, "Tennis"),  # known
    ]
    assert [r.id for r in challengers(leads, answer, 0.4)] == [
        "e10", "e9", "e8", "e5", "e4", "e2"
    ]  # fmt: skip
    # about it enough, or nearly and saying it is new
    assert [r.id for r in challengers(leads, answer, 0.48)] == ["e10", "e8", "e5", "e2"]
    # with no answer, every lead, the newest first
    assert [r.id for r in challengers(leads, None, 0.48)] == [
        "e11", "e10", "e9", "e8", "e7", "e6", "e5", "e4", "e3", "e2", "e1"
    ]  # fmt: skip


def test_a_value_the_fact_had_before_is_no_news() -> None:
    registry = Config().predicates
    home = Asked(("k",), {"lives_in": 0.8})

    def version(node_id: str, town: str, since: str | None, until: str | None) -> NodeRecord:
        props = {"predicate": "lives_in", "object": town, "valid_from": since, "valid_to": until}
        return NodeRecord(node_id, "u1", "Memory", props)

    porto = version("m2", "Porto", "2024-06-01", None)
    keyed = [
        version("m1", "Lisbon", "2024-01-05", "2024-06-01"),  # before Porto
        porto,
        version("m3", "Braga", None, "2024-09-01"),  # ended later, start unknown
        version("m4", "Faro", "2024-10-01", None),  # a later version
    ]
    assert known_values(keyed, home, registry, porto) == {"lisbon", "porto"}
    assert known_values(keyed, home, registry, None) == frozenset()
    leads = [
        Lead(_turn("e1", "2024-10-05", "I miss Lisbon sometimes", {}), 0.5, ("Lisbon",)),
        Lead(_turn("e2", "2024-10-06", "Lisbon again, then Coimbra", {}), 0.5, ("Lisbon",)),
        Lead(_turn("e3", "2024-10-07", "Braga feels like home", {}), 0.5, ("Braga",)),
        Lead(_turn("e4", "2024-10-08", "So nostalgic for Lisbon", {}), 0.5, ()),  # untyped
    ]
    known = known_values(keyed, home, registry, porto)
    assert [r.id for r in challengers(leads, porto, 0.4, known)] == ["e3"]
    assert [r.id for r in challengers(leads, porto, 0.4)] == ["e4", "e3", "e2", "e1"]


def test_an_old_value_named_after_a_change_does_not_answer_for_now(mem: GraphMem) -> None:
    for ref, day, text in [
        ("S1:1", "2024-01-10", "I live in Lisbon."),
        ("S2:1", "2024-05-02", "We moved to Porto last month."),
        ("S3:1", "2024-09-20", "I miss Lisbon sometimes."),
        ("S4:1", "2024-10-01", "Sometimes I miss my old place in Lisbon, to be honest."),
    ]:
        mem.add({"speaker": "Sanna", "content": text, "ref": ref, "at": day})
    assert mem.search("Where does Sanna live now?", k=5)[0].sources == ("S2:1",)


def test_a_turn_about_the_fact_that_gave_no_memory_answers_for_now(mem: GraphMem) -> None:
    # the extractor reads no value from the second turn; its topic says it is about sport
    for ref, day, text in [
        ("S1:1", "2024-01-10", "I play tennis every Sunday, it's my sport."),
        ("S2:1", "2024-03-13", "Bought my first pair of proper shoes for the wall, I'm hooked."),
        ("S3:1", "2024-04-02", "My brother bought his first shoes for the wall, he's hooked."),
    ]:
        mem.add({"speaker": "Sanna", "content": text, "ref": ref, "at": day})
    assert not [m for m in mem.memories() if "S2:1" in m.refs]
    hits = mem.search("Which sport is Sanna into now?", k=5)
    assert hits[0].sources == ("S2:1",) and "about the asked fact" in hits[0].reason
    assert not [h for h in hits if h.sources == ("S3:1",) and "asked fact" in h.reason]
    assert _first_source(mem, "Which sport did Sanna play in February 2024?", "2024-02-15") == (
        "S1:1"
    )


def test_a_turn_naming_a_value_the_fact_took_later_is_a_lead() -> None:
    registry = Config().predicates
    role = Asked(("k",), {"works_as": 0.7})
    keyed = [
        _fact("m1", "works_as", "data analyst", "2022-01-05"),
        _fact("m2", "works_as", "backend developer", "2022-06-10"),  # read from a later turn
        _fact("m3", "lives_in", "Oslo", "2022-07-01"),  # another fact
    ]
    assert later_values(keyed, role, registry, "2022-04-15") == {"backend developer"}
    assert later_values(keyed, role, registry, "2022-08-15") == frozenset()
    assert later_values(keyed, role, registry, None) == frozenset()  # "now": none later
    later = later_values(keyed, role, registry, "2022-04-15")
    records = {
        r.id: r
        for r in [
            _turn("e1", "2022-03-01", "Today's backend developer problem: meetings.", {}),
            _turn("e2", "2022-03-02", "My brother is a developer.", {}),  # a part of it
            _turn("e3", "2022-03-03", "Backend developer life!", {}, speaker="Jo"),
        ]
    }
    found = unexplained_turns(records, {}, role, {"ent_i": "Ines"}, registry, later)
    assert [(lead.turn.id, lead.later) for lead in found] == [("e1", ("backend developer",))]
    # it challenges the version that held then, as a value no version had by then
    known = known_values(keyed, role, registry, keyed[0])
    assert [r.id for r in challengers(found, keyed[0], 0.4, known)] == ["e1"]
    assert [r.id for r in challengers(found, None, 0.4)] == ["e1"]
    # but not one that began after it was said
    assert challengers(found, keyed[1], 0.4, known) == []


def test_a_value_read_later_answers_as_of_a_time_before(mem: GraphMem) -> None:
    # the first turn names the job in a way the extractor does not read; a later one does
    for ref, day, text in [
        (
            "S1:1",
            "2022-01-10",
            "Standup ran long again, such is the backend developer way: everyone wants it now.",
        ),
        ("S2:1", "2022-02-10", "Okay, bedtime for me. Night!"),
        ("S3:1", "2022-06-10", "Loving the backend developer role more every month."),
    ]:
        mem.add({"speaker": "Linnea", "content": text, "ref": ref, "at": day})
    assert not [m for m in mem.memories() if "S1:1" in m.refs]
    hits = mem.search("What role did Linnea have in April 2022?", k=5, as_of="2022-04-15")
    assert hits[0].sources == ("S1:1",) and "about the asked fact" in hits[0].reason


@pytest.mark.parametrize(
    ("query", "name", "top", "below", "margin"),
    [
        # "living" says nothing of a place here: where someone lives is not asked
        (
            "What does Omar do for a living now?",
            "Omar",
            "works_as",
            "lives_in",
            Config().recall.answer_tie,
        ),
        ("What is Kira working as now?", "Kira", "works_as", "works_at", 0.0),  # the title
        # whom someone works for is the employer, not the job ("Who was she working for?")
        ("Who was Maya working for last year?", "Maya", "works_at", "works_as", 0.05),
    ],
)
def test_a_phrase_that_names_the_answer_type_outweighs_its_words(
    mem: GraphMem, query: str, name: str, top: str, below: str, margin: float
) -> None:
    vector = mem.embedder.embed([query])[0]
    scores = mem.frames.asked(mem.frames.unnamed(vector, name), query)
    assert max(scores, key=lambda p: scores[p]) == top
    assert scores[top] - scores[below] > margin


def test_a_state_said_to_have_lasted_answers_as_of_a_time_in_that_span(mem: GraphMem) -> None:
    for ref, day, text in [
        ("S1:1", "2024-05-10", "I've been at Ørsted for three years now."),
        ("S1:2", "2024-05-10", "The canteen there does a great curry on Fridays."),
    ]:
        mem.add({"speaker": "Ines", "content": text, "ref": ref, "at": day})
    [job] = [m for m in mem.memories() if m.predicate == "works_at"]
    assert job.valid_from is not None and job.valid_from.year == 2021, job
    assert _first_source(mem, "Where did Ines work in June 2022?", "2022-06-15") == "S1:1"


def test_a_question_for_a_genre_is_answered_by_the_artist_held_then(mem: GraphMem) -> None:
    for ref, day, text in [
        ("S1:1", "2022-02-10", "My favourite band is Elbow, always has been."),
        ("S1:2", "2022-04-02", "We have a cat called Mochi."),
        (
            "S2:1",
            "2023-03-10",
            "These days I can't stop listening to Shame, my favourite band now.",
        ),
        ("S3:1", "2023-05-10", "Booked a table for Friday, can't wait."),
    ]:
        mem.add({"speaker": "Odile", "content": text, "ref": ref, "at": day})
    assert _first_source(mem, "What music was Odile into in June 2023?", "2023-06-15") == "S2:1"
    assert _first_source(mem, "What kind of music was Odile into in 2022?", "2022-06-15") == "S1:1"


def test_a_question_for_music_asks_for_an_artist_too(mem: GraphMem) -> None:
    query = "What music was Odile into?"
    vector = mem.embedder.embed([query])[0]
    scores = mem.frames.asked(mem.frames.unnamed(vector, "Odile"), query)
    question = asked({"e1": "Odile"}, scores, mem.config.predicates, mem.config.recall, query)
    assert question is not None
    assert max(question.rank, key=lambda s: question.rank[s]) == "favourite_genre"
    assert "favourite_band" in question.rank, question.rank


def test_when_nothing_holds_a_turn_read_only_for_other_facts_is_a_lead_too() -> None:
    registry = Config().predicates
    work = Asked(("k",), {"works_at": 0.7})
    records = {
        r.id: r
        for r in [
            _turn("e1", "2024-03-01", "Quorvia team drinks!", {"works_at": 0.5}),
            _turn("e2", "2024-03-02", "Quorvia pays me now", {"works_at": 0.6}),
        ]
    }
    other = NodeRecord("m1", "u1", "Memory", {"status": "generated", "predicate": "likes"})
    asked = NodeRecord("m2", "u1", "Memory", {"status": "generated", "predicate": "works_at"})
    sources = {"e1": [other], "e2": [asked]}
    held = unexplained_turns(records, sources, work, {"ent_i": "Ines"}, registry)
    assert held == []  # while a version holds, only turns nothing was read from
    ended = unexplained_turns(
        records, sources, work, {"ent_i": "Ines"}, registry, read_elsewhere=True
    )
    assert [lead.turn.id for lead in ended] == ["e1"]  # not e2: read for the asked fact
