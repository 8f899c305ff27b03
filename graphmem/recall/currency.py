"""What is true at the time a search asks about (DESIGN §5): now, or ``as_of``.

A query that names an entity and asks for one of the predicates of the frames ("Where
does Anna live now?", "Who was Ben seeing in May 2023?") is a question about a fact
that changes. The query is compared with the predicates' example questions (names and
dates taken out); the predicates it asks about, at least ``answer_min_similarity`` and
within ``answer_tie`` of the best, make the ``Asked`` keys: the named entities' slots of
those predicates. Three steps of the read path use them:

- the direct answer: the versions of those facts that hold at the time asked about get
  an extra seed of weight ``answer_weight`` (the best-asked predicate first, what holds
  before what stopped holding, the newest first). They are the graph's answer to
  "where does Anna live now" and, with ``as_of``, to "where did she live in June 2023";
- the turns those facts came from whose facts no longer held at that time (the turn that
  said "I live in Lisbon" after Anna moved to Porto), and the turns that state that kind
  of fact only about someone else, rank lower, by ``outdated_factor``. Recency is a
  prior among candidates of the same subject and slot only: a turn about anything else
  keeps its rank;
- turns of the person asked about from which no memory was read but that are about the
  asked fact (their stored topics) or name a value of its type are leads: the value may
  be there, missed by the extractor (``unexplained_turns``, ``challengers``); they get
  a seed when nothing holds then, or challenge what holds if said after it began.

A question about the past without ``as_of`` ("When did Anna move to Porto?") skips them:
what held then is what it asks about.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from graphmem.config import PredicateRegistry, RecallConfig
from graphmem.models import Status
from graphmem.stores.base import NodeRecord
from graphmem.text import NOW
from graphmem.validity import NOT_OF_RECORD, valid_at
from graphmem.versioning import ENDED, sp_key

#: words of a question about the past ("When did she move?", "Where was he living?")
_PAST = frozenset(
    {"did", "was", "were", "had", "used", "ago", "before", "previously", "formerly", "then"}
)


def about_the_past(query: str) -> bool:
    """Whether a question asks about the past rather than what holds now: without
    ``as_of`` such a question gets no direct answer and no turn ranks lower for being
    outdated (what held then is what it asks)."""
    return bool(_PAST & set(re.findall(r"[a-z]+", query.lower())))


@dataclass(frozen=True)
class Asked:
    """The facts a query asks about: store keys (subject and slot) and each slot's
    score, best first."""

    keys: tuple[str, ...]
    rank: dict[str, float]  # slot -> how much the query asks for it


#: how much less a question about the present asks for a fact that cannot stop holding
NOW_PENALTY = 0.1


def asked(
    named: Mapping[str, str],
    scores: Mapping[str, float],
    registry: PredicateRegistry,
    cfg: RecallConfig,
    query: str = "",
    dated: bool = False,
) -> Asked | None:
    """What a query naming ``named`` entities asks, from its predicate scores: the
    predicates within ``answer_tie`` of the best, and those of their value types that
    can stop holding within ``answer_type_tie``. A query about the present ("now",
    "these days") or about a given time (``dated``: "Which town was Eva's home in August
    2023?") asks less for facts that cannot stop holding (where someone grew up or was
    born) than for those that change."""
    if not named or not scores:
        return None
    if dated or NOW.search(query.lower()):
        scores = {
            p: score - (NOW_PENALTY if _lasting(registry, p) else 0.0)
            for p, score in scores.items()
        }
    best = max(scores.values())
    if best < cfg.answer_min_similarity:
        return None
    predicates = [p for p, score in scores.items() if score >= best - cfg.answer_tie]
    types: set[str] = {spec.object for p in predicates if (spec := registry.spec(p)) is not None}
    types |= {kin for t in types for kin in ANSWERING_TYPES.get(t, ())}
    predicates += [
        p
        for p, score in scores.items()
        if p not in predicates
        and score >= best - cfg.answer_type_tie
        and (spec := registry.spec(p)) is not None
        and spec.object in types
        and not _lasting(registry, p)
    ]
    kinds = {p: s.kind if (s := registry.spec(p)) is not None else "fact" for p in predicates}
    keys = {sp_key(e, kinds[p], p, registry) for e in named for p in predicates}
    rank: dict[str, float] = {}
    for p in predicates:
        slot = registry.slot(p)
        rank[slot] = max(rank.get(slot, -1.0), scores[p])
    return Asked(tuple(sorted(keys)), rank)


#: value types that answer one another's questions: "What music is Maya into?" asks
#: for a genre, and an artist she loves answers it too
ANSWERING_TYPES = {"genre": ("artist",), "artist": ("genre",)}


def _lasting(registry: PredicateRegistry, predicate: str) -> bool:
    """A fact that cannot stop holding: one without an ended wording."""
    spec = registry.spec(predicate)
    return spec is not None and spec.kind == "fact" and spec.ended is None


#: the properties of an episode ``unexplained_turns`` reads (see ``adding.lead_props``)
LEAD_FIELDS = ("topics", "topic_scores", "values", "value_types")
#: the properties of a memory ``off_topic_episodes`` reads
SOURCE_FIELDS = ("status", "kind", "sp_key", "subject_id", "valid_to")


def answers(
    keyed: Iterable[NodeRecord], query: Asked, registry: PredicateRegistry, t: str | None
) -> list[NodeRecord]:
    """Among ``keyed`` (the user's memories with one of ``query.keys``), the versions of
    the asked facts that hold at ``t``, in answer order: the asked slots by how much the
    query asks for them, except that slots whose values are of one type (a favourite
    sport, a sport played) answer the same question, so among them the newest version
    comes first; what holds before what stopped holding."""

    def slot(r: NodeRecord) -> str:
        return registry.slot(str(r.props.get("predicate") or ""))

    def value_type(r: NodeRecord) -> str:
        spec = registry.spec(str(r.props.get("predicate") or ""))
        return spec.object if spec is not None else slot(r)

    found = [r for r in keyed if slot(r) in query.rank and valid_at(r.props, t)]
    by_type: dict[str, float] = {}
    for r in found:
        by_type[value_type(r)] = max(by_type.get(value_type(r), -1.0), query.rank[slot(r)])
    return sorted(
        found,
        key=lambda r: (
            by_type[value_type(r)],
            r.props.get("polarity") != ENDED,  # what holds before what stopped holding
            str(r.props.get("valid_from") or ""),
            query.rank[slot(r)],
            r.id,
        ),
        reverse=True,
    )


def off_topic_episodes(
    sources: Mapping[str, Sequence[NodeRecord]],
    query: Asked,
    named: Mapping[str, str],
    t: str | None,
) -> dict[str, str]:
    """Among the episodes of ``sources`` (episode id -> the memories extracted from it,
    with ``SOURCE_FIELDS``), those that do not answer the question at ``t``, with why:
    ``outdated`` when the asked facts they stated had all ended by then (an episode said
    before ``t`` is not outdated because its fact starts later), ``about someone else``
    when they stated the asked kind of fact only about someone the query does not name
    ("my sister just moved to Oslo" for "where does Lucia live")."""
    keys = set(query.keys)
    out: dict[str, str] = {}
    for episode_id, memories in sources.items():
        facts = [
            m.props
            for m in memories
            if m.props.get("status") not in NOT_OF_RECORD and m.props.get("kind") != "event"
        ]
        asked_facts = [p for p in facts if p.get("sp_key") in keys]
        same_kind = [p for p in facts if _slot(p) in query.rank]
        if asked_facts and not any(_holds_since(p, t) for p in asked_facts):
            out[episode_id] = "outdated"
        elif same_kind and not any(p.get("subject_id") in named for p in facts):
            out[episode_id] = "about someone else"
    return out


@dataclass(frozen=True)
class Lead:
    """A turn that may state an asked fact the extractor did not read
    (``unexplained_turns``): its best topic score for an asked slot (None: no such
    topic) and the values of an asked type it names."""

    turn: NodeRecord
    score: float | None
    values: tuple[str, ...]
    #: the values of the asked fact's later versions it names (see ``later_values``)
    later: tuple[str, ...] = ()


#: how much less than its main topic an asked fact may be for a turn to be about it
#: ("Had pizza again last night, still my favourite" is about food, not a partner)
TOPIC_MARGIN = 0.1


def unexplained_turns(
    records: Mapping[str, NodeRecord],
    sources: Mapping[str, Sequence[NodeRecord]],
    query: Asked,
    named: Mapping[str, str],
    registry: PredicateRegistry,
    later: Collection[str] = (),
    *,
    read_elsewhere: bool = False,
) -> list[Lead]:
    """Among the candidate episodes of ``records``, the turns of someone the query
    names from which no memory was read that talk about an asked fact (a stored topic
    of an asked slot, within ``TOPIC_MARGIN`` of the turn's main topic: "Just had my
    first proper rowing lesson, I'm hooked" for "Which sport is Vera into?"), name a
    value of its type of the speaker ("Discovered risotto and now I can't stop" for
    "What food does Vera love most?") or name one of ``later``, values the fact is
    known to have taken later ("Today's backend developer problem: ..." before "I'm a
    backend developer" was read): the value may be in the turn, only the extractor
    missed it. With ``read_elsewhere`` (when what holds at the time asked about is the
    fact's end), so may a turn read only for other facts ("Everyone at Ericsson is off
    to the summer party tomorrow" after "I got laid off from Canva")."""
    speakers = {n.lower() for n in named.values()}
    types = {spec.object for spec in registry.specs() if registry.slot(spec.name) in query.rank}
    out = []
    for rec in records.values():
        p = rec.props
        if rec.label != "Episode" or str(p.get("speaker") or "").lower() not in speakers:
            continue
        topics = list(zip(p.get("topics") or (), p.get("topic_scores") or (), strict=False))
        top = max((float(s) for _, s in topics), default=0.0)
        score = max(
            (
                float(s)
                for t, s in topics
                if registry.slot(str(t)) in query.rank and float(s) >= top - TOPIC_MARGIN
            ),
            default=None,
        )
        named_values = zip(p.get("values") or (), p.get("value_types") or (), strict=False)
        values = tuple(str(v) for v, t in named_values if t in types)
        text = str(p.get("text") or "")
        again = tuple(v for v in later if _names_whole(text, v))
        if score is None and not values and not again:
            continue
        if not any(
            m.props.get("status") not in NOT_OF_RECORD
            and (
                not read_elsewhere
                or registry.slot(str(m.props.get("predicate") or "")) in query.rank
            )
            for m in sources.get(rec.id, ())
        ):
            out.append(Lead(rec, score, values, again))
    return out


def later_values(
    keyed: Iterable[NodeRecord], query: Asked, registry: PredicateRegistry, t: str | None
) -> frozenset[str]:
    """The values (lower case) of the versions of an asked fact that began after ``t``
    (a time asked about; none for "now"): a turn said by then that names one may be
    where it began, missed by the extractor."""
    if t is None:
        return frozenset()
    return frozenset(
        str(r.props["object"]).lower()
        for r in keyed
        if r.props.get("object")
        and registry.slot(str(r.props.get("predicate") or "")) in query.rank
        and str(r.props.get("valid_from") or "") > t
    )


def known_values(
    keyed: Iterable[NodeRecord],
    query: Asked,
    registry: PredicateRegistry,
    answer: NodeRecord | None,
) -> frozenset[str]:
    """The values (lower case) the versions of an asked fact had up to ``answer`` (the
    version that holds at the time asked about): what a turn can name again without
    news. A value known only from later versions may be news then (as of a month
    between a change said in passing and its restatement)."""
    if answer is None:
        return frozenset()
    start = str(answer.props.get("valid_from") or "")

    def before(field: str, r: NodeRecord) -> bool:
        return bool(r.props.get(field)) and str(r.props[field]) <= start

    return frozenset(
        str(r.props["object"]).lower()
        for r in keyed
        if r.props.get("object")
        and registry.slot(str(r.props.get("predicate") or "")) in query.rank
        and (before("valid_from", r) or before("valid_to", r))
    )


#: words that say something is new or has changed ("my new badge", "since", "now")
_NEWS = re.compile(
    r"\b(new|now|since|first|started|switched|swapped|anymore|no longer|these days"
    r"|officially|finally)\b"
)
#: how much less a turn saying so need be about the asked fact to challenge its answer
NEWS_MARGIN = 0.05


def challengers(
    leads: Sequence[Lead],
    answer: NodeRecord | None,
    min_score: float,
    known: Collection[str] = (),
) -> list[NodeRecord]:
    """Of ``leads`` (``unexplained_turns``), those that may hold a value newer than
    ``answer`` (the first direct answer, if any), the newest first. When nothing
    answers, every lead. Otherwise a lead said after the answer began that names a value
    a later version has (``Lead.later``), or is about the asked fact (any topic of it)
    or says something is new ("First night in Tampere, so quiet") and names a value of
    its type no version has had (``known``: "I miss Lisbon sometimes" after the move to
    Porto names an old one), or, naming none, is about it by at least ``min_score``
    (``NEWS_MARGIN`` less if it says something is new or changed: "my new badge says
    kpmg") and names no such value ("Saw Gorillaz live again" restates Gorillaz)."""
    if answer is None:
        kept = list(leads)
    else:
        start = str(answer.props.get("valid_from") or "")
        had = {str(answer.props.get("object") or "").lower(), *known} - {""}

        def new_value(value: str) -> bool:  # "Civic" is no news after "Honda Civic"
            words = f" {value.lower()} "
            return not any(f" {h} " in words or words in f" {h} " for h in had)

        kept = [
            lead
            for lead in leads
            if str(lead.turn.props.get("at") or "") > start
            and (lead.later or lead.score is not None or (lead.values and _news(lead)))
            and (
                any(new_value(v) for v in (*lead.values, *lead.later))
                if lead.values or lead.later
                else lead.score is not None
                and lead.score >= min_score - (NEWS_MARGIN if _news(lead) else 0.0)
                and not _names_any(str(lead.turn.props.get("text") or ""), had)
            )
        ]
    kept.sort(
        key=lambda lead: (str(lead.turn.props.get("at") or ""), lead.score or 0.0, lead.turn.id),
        reverse=True,
    )
    return [lead.turn for lead in kept]


def _news(lead: Lead) -> bool:
    return _NEWS.search(str(lead.turn.props.get("text") or "").lower()) is not None


def _names_any(text: str, values: Collection[str]) -> bool:
    """Whether ``text`` names one of ``values`` (lower case) or a word of one of four
    letters or more ("my old Civic" names "honda civic")."""
    said = set(re.findall(r"\w+", text.lower()))
    return any(
        v in text.lower() or any(len(w) >= 4 and w.isalpha() and w in said for w in v.split())
        for v in values
    )


def _names_whole(text: str, value: str) -> bool:
    """Whether ``text`` names ``value`` (lower case) as a whole word or phrase."""
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text.lower()) is not None


def _slot(props: Mapping[str, object]) -> str:
    """The slot part of a memory's store key (``subject|kind|slot``)."""
    return str(props.get("sp_key") or "").rsplit("|", 1)[-1]


def _holds_since(props: Mapping[str, object], t: str | None) -> bool:
    if t is None:
        return props.get("status") != Status.SUPERSEDED
    end = props.get("valid_to")
    return end is None or t < str(end)
