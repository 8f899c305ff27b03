"""Synthetic conversations in which people state and change personal facts, with "now" and
"as of <month>" questions and their ground truth: the data side of the knowledge-update
benchmark (``knowledge_update.py`` runs it).

Each synthetic user chats with one friend over a little more than two years (a session
every 1-4 weeks). Ten attributes of the user (home city, employer, job title, partner,
pet, diet, car, favourite food, favourite band, sport) get a first value and then change
2 or 3 times; now and then a change only ends a value ("Sold my car") and a new value
comes later. Between the statements: the friend's reactions, remarks about other people
with the same vocabulary, and small talk.

Everything is drawn from seeded ``random.Random`` streams, one per user and purpose: the
*plan* (session dates, values, when each change happens and is said, which months are
asked about) never depends on the wording split, so ``--split A`` and ``--split B`` give
the same users, timelines, turn refs and questions, worded differently. The wordings and
value pools live in ``data/knowledge_update/`` with their fixed split labels.

Time rules: a change happens at ``valid_from`` and is said at the session time
``said_at`` (``valid_from <= said_at``). A statement that voices a relative time ("two weeks
ago", "since March", "last month") has ``valid_from`` at the earliest day the phrase
allows; one that voices none took effect when it was said. A value's validity window runs
from its ``valid_from`` to the next event's ``valid_from``.
"""

from __future__ import annotations

import calendar
import itertools
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data" / "knowledge_update"
SPLITS = ("A", "B", "all")
ATTRIBUTES = (
    "city", "employer", "job_title", "partner", "pet", "diet", "car", "food", "band", "sport",
)  # fmt: skip
STATING_KINDS = ("first", "change", "restate")  # kinds of statement that state a value

START = datetime(2022, 1, 3, tzinfo=UTC)
START_SPREAD_DAYS = 120  # users start within four months of START
SPAN_DAYS = 2 * 365 + 30  # each conversation spans a little over two years
SESSION_GAP_DAYS = (7, 28, 24)  # days between sessions: min, max, mode (triangular)
INITIAL_SESSIONS = 6  # first values are stated within the first six sessions
MIN_EVENT_GAP_DAYS = 75  # between two events (change or end) of the same attribute
MIN_VOICED_GAP_DAYS = 30  # a voiced time lies this long after the previous event's turn
P_END = 0.2  # share of changes that end a value first and state the new one later
P_AGO, P_SINCE = 0.25, 0.15  # statements that voice "... ago" or "since <month>"
P_RESTATE = (0.6, 0.25)  # a value is re-stated later in its window (once, twice)
ASOF_PER_ATTRIBUTE = 2
MONTH_MARGIN_DAYS = 7  # an as-of month ends at least this long before the next change
# layout of a session around its statements
P_OPENING, P_REACTION, P_SPECIFIC_REACTION, P_OTHER, P_CLOSING = 0.1, 0.35, 0.7, 0.3, 0.05
P_OTHER_BY_USER = 0.6
MIN_TURNS = 3


# --------------------------------------------------------------------------- data files


@dataclass(frozen=True)
class Wording:
    """One wording: a template with ``{placeholders}``, its split label and, for the
    first/change statements, its style (plain, indirect, names_old)."""

    text: str
    split: str
    style: str = ""
    speaker: str = ""  # closings: "U" (the user) or "F" (the friend)
    lines: tuple[tuple[str, str], ...] = ()  # small talk: (speaker tag, text) pairs

    @property
    def mode(self) -> str:
        """The relative-time slot the template holds: "ago", "since" or "none"."""
        return "ago" if "{ago}" in self.text else "since" if "{since}" in self.text else "none"


@dataclass(frozen=True)
class Bank:
    """The wordings of one split."""

    split: str
    labels: dict[str, str]
    kinds: dict[str, dict[str, tuple[Wording, ...]]]  # attribute -> kind -> wordings
    reactions: tuple[Wording, ...]
    end_reactions: tuple[Wording, ...]
    closings: tuple[Wording, ...]
    smalltalk: tuple[Wording, ...]


@cache
def raw_data() -> tuple[dict[str, Any], dict[str, Any]]:
    wordings = json.loads((DATA_DIR / "wordings.json").read_text(encoding="utf-8"))
    values = json.loads((DATA_DIR / "values.json").read_text(encoding="utf-8"))
    return wordings, values


def _wording(item: dict[str, Any]) -> Wording:
    lines = tuple((str(s), str(t)) for s, t in item.get("lines", ()))
    text = item.get("text") or " / ".join(t for _, t in lines)
    return Wording(text, item["split"], item.get("style", ""), item.get("speaker", ""), lines)


@cache
def load_bank(split: str) -> Bank:
    """The wordings labelled ``split`` (every wording for ``"all"``)."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    data, _ = raw_data()

    def pick(items: Sequence[dict[str, Any]]) -> tuple[Wording, ...]:
        return tuple(w for w in map(_wording, items) if split in ("all", w.split))

    kinds = {
        attr: {kind: pick(items) for kind, items in spec.items() if kind != "label"}
        for attr, spec in data["attributes"].items()
    }
    labels = {attr: str(spec["label"]) for attr, spec in data["attributes"].items()}
    return Bank(
        split,
        labels,
        kinds,
        pick(data["reactions"]),
        pick(data["end_reactions"]),
        pick(data["closings"]),
        pick(data["smalltalk"]),
    )


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class Value:
    """One value of an attribute: a canonical name, the surface forms templates use, and
    the strings by which it can be recognised in a memory (``keys``)."""

    name: str
    surfaces: tuple[tuple[str, str], ...]
    keys: tuple[str, ...]

    def slots(self, prefix: str = "") -> dict[str, str]:
        return {prefix + k: v for k, v in self.surfaces}


def _single(slot: str, name: str) -> Value:
    return Value(name, ((slot, name),), (name,))


SINGLE_SLOTS = {"city": "city", "employer": "company", "food": "food", "band": "band"}
SINGLE_SLOTS |= {"sport": "sport", "partner": "partner"}


def sample_values(attr: str, n: int, rng: random.Random, names: Sequence[str]) -> list[Value]:
    """``n`` distinct values of ``attr`` (cars of distinct makes; partners from ``names``)."""
    _, pools = raw_data()
    if attr == "partner":
        return [_single("partner", x) for x in rng.sample(list(names), n)]
    if attr in SINGLE_SLOTS:
        return [_single(SINGLE_SLOTS[attr], x) for x in rng.sample(pools[attr], n)]
    if attr == "job_title":
        return [
            Value(t, (("title", t), ("a_title", a)), (t,)) for t, a in rng.sample(pools[attr], n)
        ]
    if attr == "diet":
        return [
            Value(d, (("diet", d), ("avoid", av)), (d, av)) for d, av in rng.sample(pools[attr], n)
        ]
    if attr == "pet":
        return [
            Value(f"{p} the {s}", (("species", s), ("pet", p)), (p, s))
            for p, s in zip(
                rng.sample(pools["pet_names"], n),
                [rng.choice(pools["pet_species"]) for _ in range(n)],
                strict=True,
            )
        ]
    if attr == "car":
        makes = sorted({make for make, _ in pools["car"]})
        out = []
        for make in rng.sample(makes, n):
            model = rng.choice([m for mk, m in pools["car"] if mk == make])
            out.append(
                Value(
                    f"{make} {model}",
                    (("car", f"{make} {model}"), ("make", make), ("model", model)),
                    (make, model),
                )
            )
        return out
    raise KeyError(attr)


# --------------------------------------------------------------------------- time phrases


def _day(t: datetime) -> datetime:
    return datetime(t.year, t.month, t.day, tzinfo=UTC)


def _month_start(year: int, month: int) -> datetime:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return datetime(year, month, 1, tzinfo=UTC)


def time_phrases(said_at: datetime, mode: str) -> list[tuple[str, datetime]]:
    """Relative-time phrases for a statement said at ``said_at``, each with the earliest
    day it can mean. ``mode`` is "ago" (``I moved {ago}``) or "since" (``since {since}``)."""
    today = _day(said_at)
    days = calendar.day_name
    weekday_back = [(days[(today - timedelta(days=b)).weekday()], b) for b in range(2, 7)]
    if mode == "ago":
        monday = today - timedelta(days=today.weekday())
        out = [
            ("yesterday", today - timedelta(days=1)),
            ("two days ago", today - timedelta(days=2)),
            ("a week ago", today - timedelta(days=7)),
            ("two weeks ago", today - timedelta(days=14)),
            ("three weeks ago", today - timedelta(days=21)),
            ("last week", monday - timedelta(days=7)),
            ("last month", _month_start(today.year, today.month - 1)),
        ]
        return out + [(f"on {name}", today - timedelta(days=b)) for name, b in weekday_back]
    if mode == "since":
        months = [_month_start(today.year, today.month - k) for k in (1, 2, 3)]
        return [(f"since {calendar.month_name[m.month]}", m) for m in months]
    raise ValueError(mode)


def month_label(t: datetime) -> str:
    return f"{calendar.month_name[t.month]} {t.year}"


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Turn:
    ref: str
    speaker: str
    text: str
    at: datetime
    session: int

    @property
    def plain(self) -> str:
        return f"{self.speaker}: {self.text}"

    def message(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "content": self.text, "at": self.at, "ref": self.ref}


@dataclass(frozen=True)
class Statement:
    """A user turn about one of their own attributes. ``kind``: first (a value with no
    current one before it), change (old -> new), end (old -> nothing), restate."""

    ref: str
    attribute: str
    kind: str
    value: Value | None
    old: Value | None
    said_at: datetime
    valid_from: datetime
    time_phrase: str | None
    style: str = ""  # the wording's: plain, indirect, names_old (first/change only)


@dataclass(frozen=True)
class Period:
    """A stretch of an attribute's history: ``value`` (None: no value) from
    ``valid_from`` until the next event's ``valid_from`` (``until``; None: still)."""

    value: Value | None
    valid_from: datetime
    said_at: datetime
    until: datetime | None


@dataclass(frozen=True)
class Question:
    text: str
    attribute: str
    qtype: str  # "now" or "as_of"
    as_of: datetime | None
    answer: str  # the canonical value
    answer_refs: frozenset[str]  # turns that state the answer value
    other_refs: frozenset[str]  # the user's other statements of this attribute


@dataclass
class Session:
    number: int
    session_id: str
    at: datetime
    turns: list[Turn] = field(default_factory=list)


@dataclass
class Conversation:
    user_id: str
    name: str
    friend: str
    sessions: list[Session]
    statements: list[Statement]
    periods: dict[str, list[Period]]
    questions: list[Question]

    @property
    def turns(self) -> list[Turn]:
        return [t for s in self.sessions for t in s.turns]


# --------------------------------------------------------------------------- plan


@dataclass
class _Event:
    attribute: str
    kind: str
    session: int
    value: Value | None
    old: Value | None
    mode: str = "none"
    phrase: str | None = None
    valid_from: datetime | None = None


def _session_times(rng: random.Random) -> list[datetime]:
    day = START + timedelta(days=rng.randrange(START_SPREAD_DAYS))
    end = day + timedelta(days=SPAN_DAYS)
    out = []
    while day <= end:
        out.append(day + timedelta(hours=rng.randint(8, 21), minutes=rng.randrange(60)))
        day += timedelta(days=round(rng.triangular(*SESSION_GAP_DAYS)))
    return out


def _event_sessions(rng: random.Random, times: Sequence[datetime], count: int) -> list[int]:
    """Session indices of ``count`` events: the first early, the rest spread out."""
    first = rng.randrange(INITIAL_SESSIONS)
    gap = timedelta(days=MIN_EVENT_GAP_DAYS)
    for _ in range(5000):
        rest = sorted(rng.sample(range(INITIAL_SESSIONS, len(times)), count - 1))
        chosen = [first, *rest]
        if all(times[b] - times[a] >= gap for a, b in itertools.pairwise(chosen)):
            return chosen
    raise RuntimeError("could not space the events; the conversation is too short")


def _plan_attribute(
    attr: str, rng: random.Random, times: Sequence[datetime], names: Sequence[str], ends: bool
) -> list[_Event]:
    changes = rng.choice((2, 3))
    values = sample_values(attr, changes + 1, rng, names)
    end_at = rng.randint(1, changes) if ends and rng.random() < P_END else 0
    events = [_Event(attr, "first", 0, values[0], None)]
    for i in range(1, changes + 1):
        if i == end_at:
            events.append(_Event(attr, "end", 0, None, values[i - 1]))
            events.append(_Event(attr, "first", 0, values[i], None))
        else:
            events.append(_Event(attr, "change", 0, values[i], values[i - 1]))
    for ev, s in zip(events, _event_sessions(rng, times, len(events)), strict=True):
        ev.session = s
    previous: datetime | None = None
    for ev in events:
        said = times[ev.session]
        draw = rng.random()
        mode = "ago" if draw < P_AGO else "since" if draw < P_AGO + P_SINCE else "none"
        options = [] if mode == "none" else time_phrases(said, mode)
        if previous is not None:  # a change does not predate what was said before it
            soonest = previous + timedelta(days=MIN_VOICED_GAP_DAYS)
            options = [(p, d) for p, d in options if d > soonest]
        if options:
            ev.mode, (ev.phrase, ev.valid_from) = mode, rng.choice(options)
        else:
            ev.valid_from = said
        previous = said
    return events


def _periods(events: Sequence[_Event], times: Sequence[datetime]) -> list[Period]:
    out = []
    for ev, nxt in zip(events, [*events[1:], None], strict=True):
        assert ev.valid_from is not None
        until = nxt.valid_from if nxt is not None else None
        out.append(Period(ev.value, ev.valid_from, times[ev.session], until))
    return out


def _restatements(
    rng: random.Random, attr: str, periods: Sequence[Period], times: Sequence[datetime],
    taken: set[int],
) -> list[_Event]:  # fmt: skip
    out = []
    for p in periods:
        if p.value is None:
            continue
        lo = p.said_at + timedelta(days=1)
        hi = (p.until or times[-1] + timedelta(days=2)) - timedelta(days=1)
        for chance in P_RESTATE:
            candidates = [i for i, t in enumerate(times) if lo < t < hi and i not in taken]
            if not candidates or rng.random() >= chance:
                break
            s = rng.choice(candidates)
            taken.add(s)
            out.append(_Event(attr, "restate", s, p.value, None, valid_from=times[s]))
    return out


def _asof_months(
    rng: random.Random, periods: Sequence[Period], last: datetime
) -> list[tuple[Period, datetime]]:
    """Up to ASOF_PER_ATTRIBUTE (period, month start) pairs: each month lies wholly after
    the turn that stated the period's value and ends before the next change (with a
    margin) and before the conversation ends."""
    eligible: list[tuple[Period, list[datetime]]] = []
    for p in periods:
        if p.value is None:
            continue
        lo = p.said_at + timedelta(days=1)
        hi = p.until - timedelta(days=MONTH_MARGIN_DAYS) if p.until else last
        months = []
        m = _month_start(lo.year, lo.month + (0 if lo.day == 1 and lo.hour == 0 else 1))
        while _month_start(m.year, m.month + 1) <= hi:
            months.append(m)
            m = _month_start(m.year, m.month + 1)
        if months:
            eligible.append((p, months))
    picked = rng.sample(eligible, min(ASOF_PER_ATTRIBUTE, len(eligible)))
    return [(p, rng.choice(months)) for p, months in picked]


# --------------------------------------------------------------------------- wording


def fill(template: str, slots: dict[str, str]) -> str:
    text = template.format_map(slots)
    return text[:1].upper() + text[1:]


class _Writer:
    """Turns a plan into worded turns; layout decisions come from ``layout`` and word
    choices from ``words``, so the layout does not depend on the split."""

    def __init__(self, bank: Bank, conv: Conversation, layout: random.Random,
                 words: random.Random, reserved: set[str]) -> None:  # fmt: skip
        self.bank, self.conv, self.layout, self.words = bank, conv, layout, words
        self.reserved = reserved
        self.used_values: dict[str, set[str]] = {}
        self.last: dict[str, Wording] = {}
        _, self.pools = raw_data()

    def add(self, session: Session, speaker: str, text: str) -> Turn:
        at = session.at + timedelta(minutes=2 * len(session.turns) + self.layout.randint(0, 1))
        name = self.conv.name if speaker == "U" else self.conv.friend
        turn = Turn(f"S{session.number}:{len(session.turns) + 1}", name, text, at, session.number)
        session.turns.append(turn)
        return turn

    def pick(self, key: str, options: Sequence[Wording]) -> Wording:
        """A random wording, not the one used last for ``key`` when there is another."""
        fresh = [w for w in options if w != self.last.get(key)] or list(options)
        self.last[key] = wording = self.words.choice(fresh)
        return wording

    def statement(self, session: Session, ev: _Event) -> Statement:
        options = self.bank.kinds[ev.attribute][ev.kind]
        voiced = [w for w in options if w.mode == ev.mode]
        unvoiced = [w for w in options if w.mode == "none"]
        wording = self.pick(f"{ev.attribute}:{ev.kind}", voiced or unvoiced)
        slots = {"friend": self.conv.friend}
        if ev.value is not None:
            slots |= ev.value.slots()
        if ev.old is not None:
            slots |= ev.old.slots("old_")
        phrase = ev.phrase if voiced else None
        slots[ev.mode] = phrase or ""
        turn = self.add(session, "U", fill(wording.text, slots))
        assert ev.valid_from is not None
        return Statement(
            turn.ref,
            ev.attribute,
            ev.kind,
            ev.value,
            ev.old,
            turn.at,
            ev.valid_from,
            phrase,
            wording.style,
        )

    def reaction(self, session: Session, ev: _Event) -> None:
        specific = self.layout.random() < P_SPECIFIC_REACTION
        if ev.kind == "end":
            self.add(session, "F", self.pick("end_reaction", self.bank.end_reactions).text)
        elif specific and ev.value is not None:
            wording = self.pick(
                f"{ev.attribute}:reaction", self.bank.kinds[ev.attribute]["reaction"]
            )
            self.add(session, "F", fill(wording.text, ev.value.slots()))
        else:
            self.add(session, "F", self.pick("reaction", self.bank.reactions).text)

    def closing(self, session: Session) -> None:
        closing = self.pick("closing", self.bank.closings)
        self.add(session, closing.speaker, closing.text)

    def smalltalk(self, session: Session) -> None:
        for tag, text in self.pick("smalltalk", self.bank.smalltalk).lines:
            self.add(session, tag, text)

    def other(self, session: Session) -> None:
        """A remark about someone else, with the vocabulary of one attribute."""
        attr = self.layout.choice(ATTRIBUTES)
        speaker = "U" if self.layout.random() < P_OTHER_BY_USER else "F"
        wording = self.pick(f"{attr}:other", self.bank.kinds[attr]["other"])
        people = [n for n in self.pools["names"] if n not in self.reserved]
        exclude = self.used_values.get(attr, set())
        value = next(
            v
            for v in iter(lambda: sample_values(attr, 1, self.words, people)[0], None)
            if not exclude & set(v.keys)
        )
        slots = value.slots() | {"name": self.words.choice(people)}
        self.add(session, speaker, fill(wording.text, slots))


def generate_user(index: int, seed: int, bank: Bank) -> Conversation:
    """One synthetic user's conversation, statements and questions."""
    _, pools = raw_data()
    names = list(pools["names"])
    random.Random(f"{seed}:names").shuffle(names)
    name = names[index % len(names)]
    plan = random.Random(f"{seed}:{index}:plan")
    layout = random.Random(f"{seed}:{index}:layout")
    words = random.Random(f"{seed}:{index}:words:{bank.split}")
    others = [n for n in names if n != name]
    friend = plan.choice(others)
    partner_pool = [n for n in others if n != friend]
    times = _session_times(plan)
    all_kinds = load_bank("all").kinds
    events: list[_Event] = []
    periods: dict[str, list[Period]] = {}
    for attr in ATTRIBUTES:
        planned = _plan_attribute(attr, plan, times, partner_pool, bool(all_kinds[attr]["end"]))
        periods[attr] = _periods(planned, times)
        taken = {ev.session for ev in planned}
        events += planned + _restatements(plan, attr, periods[attr], times, taken)
    partners = {v.name for p in periods["partner"] if (v := p.value) is not None}
    user_id = f"ku-{index + 1:03d}-{name.lower()}"
    sessions = [Session(i + 1, f"{user_id}-S{i + 1}", t) for i, t in enumerate(times)]
    conv = Conversation(user_id, name, friend, sessions, [], periods, [])
    writer = _Writer(bank, conv, layout, words, {name, friend} | partners)
    for attr in ATTRIBUTES:
        writer.used_values[attr] = {k for p in periods[attr] if p.value for k in p.value.keys}
    by_session: dict[int, list[_Event]] = {}
    for ev in events:
        by_session.setdefault(ev.session, []).append(ev)
    for i, session in enumerate(sessions):
        todo = by_session.get(i, [])
        layout.shuffle(todo)
        if layout.random() < P_OPENING:
            writer.smalltalk(session)
        for ev in todo:
            conv.statements.append(writer.statement(session, ev))
            if layout.random() < P_REACTION:
                writer.reaction(session, ev)
        if layout.random() < P_OTHER:
            writer.other(session)
        while len(session.turns) < MIN_TURNS - 1:
            writer.smalltalk(session)
        if len(session.turns) < MIN_TURNS or layout.random() < P_CLOSING:
            writer.closing(session)
    conv.questions = _questions(conv, bank, plan, words, times[-1])
    return conv


def answer_sets(
    statements: Sequence[Statement], attr: str, value: Value
) -> tuple[frozenset[str], frozenset[str]]:
    """(refs that state ``value`` of ``attr``, refs of the user's other statements of it)."""
    mine = [s for s in statements if s.attribute == attr]
    answer = frozenset(
        s.ref for s in mine if s.kind in STATING_KINDS and s.value is not None and s.value == value
    )
    return answer, frozenset(s.ref for s in mine) - answer


def _questions(
    conv: Conversation, bank: Bank, plan: random.Random, words: random.Random, last: datetime
) -> list[Question]:
    out = []
    for attr in ATTRIBUTES:
        final = conv.periods[attr][-1].value
        if final is not None:
            wording = words.choice(bank.kinds[attr]["now"])
            answer, other = answer_sets(conv.statements, attr, final)
            text = fill(wording.text, {"user": conv.name})
            out.append(Question(text, attr, "now", None, final.name, answer, other))
        for period, month in _asof_months(plan, conv.periods[attr], last):
            assert period.value is not None
            wording = words.choice(bank.kinds[attr]["as_of"])
            answer, other = answer_sets(conv.statements, attr, period.value)
            text = fill(wording.text, {"user": conv.name, "month": month_label(month)})
            as_of = month.replace(day=15, hour=12)
            out.append(Question(text, attr, "as_of", as_of, period.value.name, answer, other))
    return out


def generate(users: int, seed: int, split: str) -> list[Conversation]:
    """``users`` conversations worded with the ``split`` wordings."""
    bank = load_bank(split)
    return [generate_user(i, seed, bank) for i in range(users)]


def dataset_stats(conversations: Sequence[Conversation]) -> dict[str, Any]:
    """Counts that describe a generated data set."""
    turns = [t for c in conversations for t in c.turns]
    statements = [s for c in conversations for s in c.statements]
    kinds = {k: sum(s.kind == k for s in statements) for k in ("first", "change", "end", "restate")}
    questions = [q for c in conversations for q in c.questions]
    spans = [(c.sessions[-1].at - c.sessions[0].at).days for c in conversations]
    value_changes = sum(
        sum(1 for p in ps[1:] if p.value is not None)
        for c in conversations
        for ps in c.periods.values()
    )
    return {
        "users": len(conversations),
        "sessions": sum(len(c.sessions) for c in conversations),
        "turns": len(turns),
        "statement_turns": len(statements),
        "other_turns": len(turns) - len(statements),
        "statements_by_kind": kinds,
        "value_changes": value_changes,
        "with_time_phrase": sum(s.time_phrase is not None for s in statements),
        "questions": {t: sum(q.qtype == t for q in questions) for t in ("now", "as_of")},
        "span_days_min": min(spans, default=0),
        "turns_per_session": round(
            len(turns) / max(1, sum(len(c.sessions) for c in conversations)), 2
        ),
    }
