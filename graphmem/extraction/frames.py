"""Predicate frames: facts found by meaning, not by sentence shape (DESIGN §4).

Each predicate of the registry is described by example sentences, the type of its
object and its cardinality (``graphmem.config.PredicateSpec``). A sentence whose vector
is close to a predicate's examples (the mean of its two best cosine similarities, above
``frame_min_score`` and above the best counter-example by ``frame_margin``), and whose
clue (``graphmem.extraction.clues``) holds an object of that predicate's type, states
that predicate about the clue's subject. The vectors are the sentence vectors the write
path computes anyway; the examples are embedded once per embedder and process.

An object the clue marks ``old`` ("I don't live in Oslo anymore", "sold my Golf") gives
an *ended* candidate: the engine closes the current version instead of adding one.
"""

from __future__ import annotations

import bisect
import functools
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from graphmem.codec import entity_key
from graphmem.config import PredicateRegistry, PredicateSpec
from graphmem.embedding import KeepsVectors
from graphmem.extraction import english as en
from graphmem.extraction import lexicon as lx
from graphmem.extraction.base import (
    Change,
    Clue,
    ExtractedMemory,
    Extraction,
    ObjectClue,
    surely_no_town,
)
from graphmem.extraction.predicates import none_examples
from graphmem.stores.base import Vector
from graphmem.stores.vectors import products

Embed = Callable[[Sequence[str]], Vector]
#: a sentence of an utterance with its vector: (start, end, vector)
Span = tuple[int, int, Vector]

#: object type -> the entity type of graphmem's Entity nodes
ENTITY_TYPE = {
    "place": "place",
    "organization": "organization",
    "school": "organization",
    "team": "organization",
    "person": "person",
    "pet": "thing",
    "vehicle": "thing",
    "title": "concept",
}
_WORD = re.compile(r"[a-z]+")
#: bonus of a predicate whose answer type the query's words name
ANSWER_CUE = 0.05
_TYPE_PENALTY = 0.15  # score lost per unit of doubt about an object's type
_MIN_WEIGHT = 0.4  # a value stated as new must be at least this plausible for the type
#: how far above "none" a sentence's best predicate is plainly what it is about
_PLAINLY = 0.1
_CUE_BONUS = 0.05  # "Packed up the flat in Leeds, Dundee is home now": Dundee, not Leeds
#: ... and a person at least this sure: "Lisbon" is no partner unless a name list says so
_MIN_WEIGHT_BY_TYPE = {"person": 0.7}
_TOP = 2  # a predicate scores the mean of its best two example similarities
#: the write path embeds sentences as "Speaker: sentence"; that much of the name's own
#: vector is taken out again before comparing with the examples (which have no name)
NAME_SHARE = 0.45
#: the most predicates a turn's topics name
TOPICS = 3
#: the least weight of a reading for a value to be of that type for sure
SURE = 0.9


@dataclass(frozen=True)
class _Table:
    specs: tuple[PredicateSpec, ...]
    matrix: Vector  # each spec's example rows in turn, then the none/counter rows
    bounds: tuple[tuple[int, int], ...]  # spec index -> its rows; the last: the none rows
    questions: Vector  # each spec's example question rows in turn
    asks: tuple[tuple[int, int], ...]  # spec index -> its question rows


_LOCK = threading.Lock()
_TABLES: dict[tuple[object, tuple[str, ...]], tuple[object, Vector]] = {}


def _embedded(embed: Embed, owner: object, texts: tuple[str, ...]) -> Vector:
    """The examples' vectors, computed once per embedder and set of texts. Embedders
    that compare equal make the same vectors and share them (a ``MiniLMEmbedder`` made
    for each ``GraphMem`` embeds the examples once per process); an unhashable one is
    known by its id, and kept alive so that the id stays its own."""
    try:
        key: tuple[object, tuple[str, ...]] = (owner, texts)
        hash(owner)
    except TypeError:
        key = (id(owner), texts)
    with _LOCK:
        cached = _TABLES.get(key)
    if cached is not None:
        return cached[1]
    if isinstance(owner, KeepsVectors):
        matrix = np.asarray(owner.embed_kept(list(texts)), dtype=np.float32)
    else:
        matrix = np.asarray(embed(list(texts)), dtype=np.float32)
    with _LOCK:
        _TABLES[key] = (owner, matrix)
    return matrix


class FrameMatcher:
    """Turns clues and sentence vectors into memory candidates."""

    def __init__(self, registry: PredicateRegistry, embed: Embed, owner: object | None = None):
        self.registry = registry
        self._embed = embed
        self._owner = owner if owner is not None else embed
        self._table: _Table | None = None
        self._names: dict[str, Vector] = {}

    def table(self) -> _Table:
        if self._table is None:
            specs = self.registry.specs()
            negatives = list(none_examples()) + [c for s in specs for c in s.counter]
            groups = [*(s.examples for s in specs), tuple(negatives)]
            questions = [s.questions for s in specs]
            texts = [t for g in groups for t in g] + [t for g in questions for t in g]
            matrix = _embedded(self._embed, self._owner, tuple(texts))
            n = sum(len(g) for g in groups)
            self._table = _Table(specs, matrix[:n], _bounds(groups), matrix[n:], _bounds(questions))
        return self._table

    def scores(self, vector: Vector) -> tuple[dict[str, float], float]:
        """Each predicate's score for a sentence vector, and the none class's."""
        table = self.table()
        *means, none = _top_means(products(table.matrix, vector), table.bounds)
        return dict(zip((s.name for s in table.specs), means, strict=True)), none

    def topics(self, vector: Vector, floor: float) -> tuple[tuple[str, float], ...]:
        """What a turn talks about: the predicates its vector (names taken out) scores
        at least ``floor`` for, best first, at most ``TOPICS`` of them, with their scores
        (three decimals)."""
        scores, _ = self.scores(vector)
        best = sorted(((s, p) for p, s in scores.items() if s >= floor), reverse=True)
        return tuple((p, round(s, 3)) for s, p in best[:TOPICS])

    def asked(self, vector: Vector, text: str = "") -> dict[str, float]:
        """How much a query (its vector, names taken out) asks for each predicate: the
        mean of its two best similarities to the predicate's example questions, plus
        ``ANSWER_CUE`` when the query's words name the type of answer the predicate
        gives ("Which company ...", "What job ..."), and twice that when a phrase names
        it ("What is she working as?"; the phrase's words then give no cue)."""
        table = self.table()
        sims = products(table.questions, vector)
        low = " ".join(_WORD.findall(text.lower()))
        phrased = set()
        for kind, phrases in lx.ANSWER_PHRASES.items():
            for phrase in phrases:
                if re.search(rf"\b{phrase}\b", low):
                    phrased.add(kind)
                    low = re.sub(rf"\b{phrase}\b", " ", low)
        words = set(low.split())

        def cue(kind: str) -> float:
            said = bool(words & lx.ANSWER_CUES.get(kind, frozenset()))
            return ANSWER_CUE * (said + 2 * (kind in phrased))

        return {
            spec.name: _top_mean(sims[a:b]) + cue(spec.object)
            for spec, (a, b) in zip(table.specs, table.asks, strict=True)
            if spec.questions
        }

    def memories(self, clue: Clue, vector: Vector, text: str = "") -> list[ExtractedMemory]:
        """The memory candidates a clue states, given its sentence's vector (and text,
        for the predicates that require words)."""
        scores, none = self.scores(vector)
        reg = self.registry
        # a predicate that requires words the text lacks is out of the running: "Settled
        # in Galway now" is close to where someone grew up, but says nothing of growing
        low = text.lower()
        every = self.table().specs
        specs = [s for s in every if not s.requires or _required(s.requires, low)]
        top = max((scores[s.name] for s in specs), default=0.0)
        # what ended is judged among the predicates that can end: "Gave up tennis,
        # climbing is my thing now" is mostly about a favourite, but tennis was played
        top_ending = max((scores[s.name] for s in specs if _can_end(s)), default=0.0)
        # a one-off is no taste, so it is judged among the rest: "Just had my first
        # cycling lesson, I'm hooked" is mostly about a favourite, but cycling is done
        top_once = max((scores[s.name] for s in specs if s.kind != "preference"), default=0.0)
        pairs: list[tuple[float, int, int, PredicateSpec, ObjectClue]] = []
        favoured = bool(en.FAVOURITE & set(_WORD.findall(low)))
        worded = {s.name for s in specs}
        for spec in every:
            score = scores[spec.name]
            heard = score >= reg.frame_min_score and score >= none + reg.frame_margin
            # "I work at a bakery in Munich" is about work, not home
            in_focus = heard and score >= top - reg.frame_focus
            once_in_focus = heard and score >= top_once - reg.frame_focus
            ends_in_focus = heard and _can_end(spec) and score >= top_ending - reg.frame_focus
            for j, obj in enumerate(clue.objects):
                if obj.role == "rejected":
                    continue  # "tea over coffee": only a current coffee ends (``changes``)
                # the verb shows the value's type ("Living in Toledo has its perks"): a
                # value of that type's predicates however the sentence scores, and before
                # others unless they score clearly higher ("I moved to Siemens")
                cued = _cued(obj) and _covers(obj.cue, spec.object)
                if spec.name not in worded and not (cued and not obj.text and obj.cue == "person"):
                    continue  # but the unnamed partner of a couple the sentence says is
                    # over is this predicate's however it is worded ("We called it a day")
                if not cued and _surely_of_its_cue(obj):
                    continue  # "I'm at BBVA since Tuesday, my commute is shorter": a firm
                if obj.taste and not cued and spec.kind != "preference" and spec.object != "person":
                    continue  # "Been obsessed with Parcels since March": a taste, not a job
                focus = once_in_focus if obj.once else in_focus
                if not (cued or (ends_in_focus if obj.role == "old" else focus)):
                    continue
                # a value of a kind of the predicate's type (a sport for a pastime) where
                # the sentence is plainly about that predicate ("Padel is how I unwind")
                kinds = score >= none + _PLAINLY
                weight = _weight(obj, spec.object, kinds)
                if weight <= 0 or (
                    obj.role == "new"
                    and not cued
                    and not fits(obj, spec.object, kinds)
                    and not _a_name_where_worded(obj, spec, score, top, none, text)
                ):
                    continue
                if (
                    obj.role == "new"
                    and not cued
                    and _a_person_not_a_pet(obj, spec.object, score, top, none)
                ):
                    continue
                if obj.role == "old" and not _can_end(spec):
                    continue
                if (
                    spec.object in _TYPE_CHECKED
                    and not cued
                    and weight < _FAINT
                    and _surely_other(obj)
                ):
                    continue  # "Tom moved out in August": no town of Tom's name, ended or
                    # new; "Marco quit Ferrari": no car (but a pet's or a firm's name,
                    # often tagged a person's, may end)
                if obj.once and spec.kind == "preference":
                    continue  # "Had ramen for lunch" is no favourite
                # the verb vouches for the type a cued value's name leaves in doubt
                combined = score - _TYPE_PENALTY * (1.0 - (1.0 if cued else weight))
                if cued:
                    combined += _CUE_BONUS
                if favoured and spec.kind == "preference":
                    combined += _CUE_BONUS  # "Parcels have replaced Radiohead as my
                    # favourite": a favourite, whatever else the name could be
                stated = _most_specific(spec, obj, scores, specs, reg.frame_min_score)
                pairs.append((combined, -len(obj.text), j, stated, obj))
        # a value the sentence names as over before one it leaves unnamed ("My last day
        # at Ikea was Friday, so I'm officially unemployed": Ikea)
        # and, as sure, the surer of its type ("I work for Tesco at head office": Tesco)
        pairs.sort(
            key=lambda p: (
                p[4].role == "old" and not p[4].text,
                -p[0],
                -p[4].weight(p[3].object),
                p[1],
                p[2],
                p[3].name,
            )
        )
        taken: set[int] = set()
        chosen: dict[tuple[str, str], list[tuple[float, ObjectClue]]] = {}
        for combined, _, j, spec, obj in pairs:
            if j in taken:
                continue
            picked = chosen.setdefault((spec.name, obj.role), [])
            if picked and (spec.single or not obj.text):
                continue  # one value per single-valued predicate, one unnamed ending; the
                # value left out may fit another ("all about padel, tennis feels slow")
            taken.add(j)  # an object goes to its best predicate, or to none
            picked.append((combined, obj))
        out: list[ExtractedMemory] = []
        for spec in every:
            new = chosen.get((spec.name, "new"), [])
            old = chosen.get((spec.name, "old"), [])
            if spec.single and new:  # "moved from Lisbon to Porto": the new value closes it
                old = []
            for score, obj in new:
                out.append(self._candidate(spec, clue, obj, score))
            for score, obj in old:
                out.append(self._candidate(spec, clue, obj, score, ended=True))
        return out

    def _candidate(
        self, spec: PredicateSpec, clue: Clue, obj: ObjectClue, score: float, *, ended: bool = False
    ) -> ExtractedMemory:
        if ended and entity_key(obj.text) in lx.PET_NOUNS | lx.VEHICLE_NOUNS:
            obj = replace(obj, text="")  # "our dog passed away": the one we have, unnamed
        elif spec.object == "vehicle":
            obj = replace(obj, text=lx.with_make(obj.text))  # "the Niro" is the Kia Niro
        confidence = min(clue.confidence, round(0.45 + score, 3))
        template = spec.ended if ended and spec.ended is not None else spec.text
        return ExtractedMemory(
            kind=spec.kind,
            text=spec.render(template, clue.subject_text, obj.text) if obj.text else "",
            subject=clue.subject,
            predicate=spec.name,
            object=obj.text or None,
            polarity="like" if spec.kind == "preference" else None,
            confidence=confidence,
            valid_from=clue.valid_from,
            begun_by=clue.begun_by,
            subject_type=clue.subject_type,
            object_type=ENTITY_TYPE.get(spec.object, "concept"),
            ended=ended,
        )

    def unnamed(self, vector: Vector, *names: str | None) -> Vector:
        """A vector of a text that holds ``names`` ("Speaker: sentence", "Where does
        Anna live?") with the names' own vectors mostly taken out."""
        out = np.asarray(vector, dtype=np.float32)
        for speaker in names:
            if not speaker:
                continue
            name = self._names.get(speaker)
            if name is None:
                name = np.asarray(self._embed([speaker])[0], dtype=np.float32)
                self._names[speaker] = name
            out = out - np.float32(NAME_SHARE) * name
        norm = float(np.linalg.norm(out))
        return out / np.float32(norm) if norm > 0 else out

    def complete(
        self, extraction: Extraction, spans: Sequence[Span], speaker: str | None = None
    ) -> Extraction:
        """``extraction`` with the memories its clues state added (see ``merge``).
        ``spans`` are the utterance's sentences with their vectors, embedded with
        ``"{speaker}: "`` in front when there is a speaker (as the write path does)."""
        if extraction.clues is None:
            return extraction
        found: list[ExtractedMemory] = []
        starts = [start for start, _, _ in spans]
        for clue in extraction.clues:
            vector = _best_span(clue, spans, starts)
            if vector is not None:
                found += self.memories(clue, self.unnamed(vector, speaker), clue.text)
        rules = typed(extraction.memories, extraction.clues, self.registry)
        memories = _past_first(merge(rules, _named_first(found), self.registry), self.registry)
        memories = _kinds_of_named_pets_dropped(memories)
        found_changes = changes(extraction.clues, memories, self.registry)
        return replace(extraction, memories=memories, changes=found_changes)


def own_values(clues: Sequence[Clue], speaker: str | None) -> tuple[tuple[str, str], ...]:
    """The values ``clues`` name of ``speaker`` as holding, each with every type it
    surely has (weight at least ``SURE``): "risotto" a food in "Discovered risotto and
    now I can't stop", whether or not a frame states a fact of it. Not what is over,
    nor a one-off ("Had ramen for lunch")."""
    found = [
        (obj.text, kind)
        for c in clues
        if c.subject == speaker
        for obj in c.objects
        if obj.role == "new" and obj.text and not obj.once
        for kind, weight in obj.readings
        if weight >= SURE
    ]
    return tuple(dict.fromkeys(found))


def fits(obj: ObjectClue, object_type: str, kinds: bool = False) -> bool:
    """Whether ``obj`` is plausible enough as a new value of an ``object_type`` slot
    (with ``kinds``, as a value of a kind of that type)."""
    weight = _weight(obj, object_type, kinds)
    return weight >= _MIN_WEIGHT_BY_TYPE.get(object_type, _MIN_WEIGHT)


#: types whose values are all values of a broader one: a sport is an activity
_KINDS_OF = {"activity": ("sport",)}


def _weight(obj: ObjectClue, object_type: str, kinds: bool = False) -> float:
    """How surely ``obj`` is of ``object_type``, or, with ``kinds``, of a kind of it
    ("Padel is how I unwind": a sport, so an activity; ``_most_specific`` then takes the
    sport's predicate)."""
    types = (object_type, *_KINDS_OF.get(object_type, ())) if kinds else (object_type,)
    return max(obj.weight(t) for t in types)


def _a_name_where_worded(
    obj: ObjectClue, spec: PredicateSpec, score: float, top: float, none: float, text: str
) -> bool:
    """A name no list knows, no surer of another type than a person's, as the person of
    a predicate whose own words the sentence has and which it is plainly about: "Been
    going out with Hedda for a few weeks" (not a capitalised opening word: "shoutout to
    everyone at work, valentines week nearly broke us")."""
    person = obj.weight("person")
    return (
        spec.object == "person"
        and not text.startswith(obj.text)
        and bool(spec.requires)
        and score >= top
        and score >= none + _PLAINLY
        and person >= _MIN_WEIGHT
        and all(w <= person for _, w in obj.readings)
    )


def _a_person_not_a_pet(
    obj: ObjectClue, object_type: str, score: float, top: float, none: float
) -> bool:
    """A name surely a person's, read as a pet only where nothing else says it is one and
    the sentence is not plainly about a pet: "Jake and I got back from the Lakes" (not
    "Max, our beagle", nor "Max chewed my shoes again")."""
    return (
        object_type == "pet"
        and obj.weight("person") >= 0.9 > obj.weight("pet")
        and (score < top or score < none + _PLAINLY)
    )


def changes(
    clues: Sequence[Clue], memories: Sequence[ExtractedMemory], registry: PredicateRegistry
) -> tuple[Change, ...]:
    """The named values the clues state as over that no memory ends: the writer finds
    whose they were among the subject's current facts (``Change``), or, if none holds
    one, records it as the past value of the slot its sentence gives a new value
    ("Split up with Hedda, now I'm seeing Jorge": Hedda was the partner before)."""
    ended = {(m.subject, entity_key(m.object)) for m in memories if m.ended and m.object}
    out = []
    for clue in clues:
        new = tuple(o for o in clue.objects if o.role == "new" and o.text)
        placed = {
            (entity_key(m.object), m.predicate)
            for m in memories
            if m.subject == clue.subject and m.object and not m.ended
        }
        unplaced = tuple(o for o in new if all(entity_key(o.text) != k for k, _ in placed))
        tastes = tuple(o for o in unplaced if o.taste)
        if tastes and not placed and not any(o.role in ("old", "rejected") for o in clue.objects):
            # "I'm all about Parcels now", where the sentence placed nothing: the writer
            # gives it to the one favourite the subject holds that it can be
            out.append(
                Change(
                    subject=clue.subject,
                    subject_text=clue.subject_text,
                    old="",
                    new=tastes,
                    subject_type=clue.subject_type,
                    confidence=clue.confidence,
                    valid_from=clue.valid_from,
                )
            )
        for obj in clue.objects:
            if obj.role not in ("old", "rejected") or not obj.text:
                continue
            if (clue.subject, entity_key(obj.text)) in ended:
                if obj.role != "old" or not unplaced:
                    continue
                # "Goodbye Tom, hello Leo!": a memory ends Tom; the writer gives the slot
                # that held him the value no memory placed
                given, slots = unplaced, []
            else:
                given = new
                slots = [
                    spec.name
                    for o in (new if obj.role == "old" else ())
                    for key, predicate in placed
                    if key == entity_key(o.text)
                    and (spec := registry.spec(predicate)) is not None
                    and registry.is_single_valued(predicate)
                    and spec.ended is not None
                    and obj.weight(spec.object) >= _MIN_WEIGHT  # the new value shows the type
                ]
            out.append(
                Change(
                    subject=clue.subject,
                    subject_text=clue.subject_text,
                    old=obj.text,
                    new=given,
                    subject_type=clue.subject_type,
                    confidence=clue.confidence,
                    valid_from=clue.valid_from,
                    slot=min(slots) if slots else None,
                )
            )
    return tuple(out)


#: object types and the narrower types some of their values have: a hobby that is a
#: sport ("I'm really into surfing now") is a sport of the person's, one that is a diet
#: ("I've been doing Whole30 this month") their diet
_NARROWER = {"activity": ("sport", "diet")}


#: a place or car reading too faint (under this) for a town or a car when the name is
#: surely of another type
_FAINT = 0.5


def _surely_other(obj: ObjectClue) -> bool:
    """A named value surely of some type (a weight of 1.0 or more)."""
    return bool(obj.text) and max((w for _, w in obj.readings), default=0.0) >= 1.0


def _cued(obj: ObjectClue) -> bool:
    """Whether ``obj`` can be of the type its verb shows: "got into climbing" is an
    activity, "got into Vampire Weekend" is no activity, so the frames judge it."""
    return bool(obj.cue) and any(obj.weight(t) > 0 for t in (obj.cue, *_NARROWER.get(obj.cue, ())))


def _surely_of_its_cue(obj: ObjectClue) -> bool:
    """A value the verb shows to be of a type it surely is (an organisation by its name,
    "Oakridge Credit Union", and by "I've been at ... since"): of that type only."""
    return bool(obj.cue) and obj.weight(obj.cue) >= SURE


def _covers(cue: str, object_type: str) -> bool:
    """Whether a clue's ``cue`` type ("activity") takes in ``object_type`` ("sport")."""
    return bool(cue) and (object_type == cue or object_type in _NARROWER.get(cue, ()))


def _most_specific(
    spec: PredicateSpec,
    obj: ObjectClue,
    scores: dict[str, float],
    specs: Sequence[PredicateSpec],
    min_score: float,
) -> PredicateSpec:
    """``spec``, or, when ``obj`` surely has a narrower type than ``spec``'s object, the
    best-scoring predicate of that type, one that scores at least ``min_score`` if there
    is one: a sport done as a hobby is a sport done ("Yoga every morning keeps me sane")."""
    for narrower in _NARROWER.get(spec.object, ()):
        if obj.weight(narrower) < 1.0:
            continue
        fitting = [
            s
            for s in specs
            if s.object == narrower
            and (obj.role != "old" or _can_end(s))
            and not (obj.once and s.kind == "preference")
        ]
        if fitting:
            return max(fitting, key=lambda s: (scores[s.name] >= min_score, scores[s.name], s.name))
    return spec


@functools.lru_cache(maxsize=512)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        "|".join(("(?<![a-z])" if w[:1].isalpha() else "") + re.escape(w) for w in words)
    )


def _required(words: tuple[str, ...], low: str) -> bool:
    """Whether the lower-cased text holds one of ``words`` at the start of a word ("ex "
    is in "my ex is", not in "Rex is")."""
    if not any(word in low for word in words):
        return False  # (what the pattern matches holds one of the words as written)
    return _words_pattern(words).search(low) is not None


def _can_end(spec: PredicateSpec) -> bool:
    """Whether a statement can end a value of ``spec`` (one with an ended wording)."""
    return spec.ended is not None


def _bounds(groups: Sequence[Sequence[str]]) -> tuple[tuple[int, int], ...]:
    """The row range of each group of texts laid out one group after another."""
    out, start = [], 0
    for group in groups:
        out.append((start, start + len(group)))
        start += len(group)
    return tuple(out)


def _top_mean(sims: np.ndarray) -> float:
    if sims.size == 0:
        return -1.0
    if sims.size <= _TOP:
        return float(sims.mean())
    return float(np.partition(sims, -_TOP)[-_TOP:].mean())


def _top_means(sims: np.ndarray, bounds: tuple[tuple[int, int], ...]) -> list[float]:
    """``_top_mean`` of each group of rows ``bounds`` gives, the groups of more than
    ``_TOP`` rows partitioned together (``scores`` asks it of every predicate for each
    sentence): the same numbers, as the mean of the best two is their float32 sum halved
    in whichever order the partition leaves them."""
    big, index = _side_by_side(bounds, len(sims))
    padded = np.append(sims, np.float32(-np.inf))[index]
    means = np.partition(padded, -_TOP, axis=1)[:, -_TOP:].mean(axis=1)
    out = dict(zip(big, means.tolist(), strict=True))
    return [out[k] if k in out else _top_mean(sims[a:b]) for k, (a, b) in enumerate(bounds)]


@functools.lru_cache(maxsize=16)
def _side_by_side(bounds: tuple[tuple[int, int], ...], n: int) -> tuple[list[int], np.ndarray]:
    """The groups of ``bounds`` with more than ``_TOP`` rows, and their rows' indices one
    group a row, padded with ``n`` (where ``_top_means`` puts a -inf after the ``n``
    similarities)."""
    big = [k for k, (a, b) in enumerate(bounds) if b - a > _TOP]
    width = max((bounds[k][1] - bounds[k][0] for k in big), default=_TOP)
    index = np.full((len(big), width), n, dtype=np.intp)
    for row, k in enumerate(big):
        a, b = bounds[k]
        index[row, : b - a] = np.arange(a, b)
    return big, index


def _best_span(clue: Clue, spans: Sequence[Span], starts: Sequence[int]) -> Vector | None:
    """The vector of the sentence span that overlaps the clue's sentence most (the
    first on a tie); ``spans`` are in text order without overlaps, ``starts`` their
    starts, so only the spans around the clue are looked at."""
    best, best_overlap = None, 0
    first = max(0, bisect.bisect_right(starts, clue.start) - 1)
    for start, end, vector in spans[first:]:
        if start >= clue.end:
            break
        overlap = min(end, clue.end) - max(start, clue.start)
        if overlap > best_overlap:
            best, best_overlap = vector, overlap
    return best


def _named_first(found: list[ExtractedMemory]) -> list[ExtractedMemory]:
    """A turn that names a pet ("a little rabbit. Name: Pepper.") is about the named one,
    not also about "rabbit"."""
    named = {
        (m.subject, m.predicate)
        for m in found
        if m.object_type == ENTITY_TYPE["pet"] and m.object and m.object[:1].isupper()
    }
    return [
        m
        for m in found
        if not (
            (m.subject, m.predicate) in named
            and m.object_type == ENTITY_TYPE["pet"]
            and m.object
            and m.object[:1].islower()
            and not m.ended
        )
    ]


#: object types the parse rules can get wrong without the frames noticing (a place is
#: a named place; an employer, a child or a club may be any noun phrase)
_TYPE_CHECKED = frozenset({"place", "vehicle"})


def typed(
    memories: Sequence[ExtractedMemory], clues: Sequence[Clue], registry: PredicateRegistry
) -> tuple[ExtractedMemory, ...]:
    """The memories whose object, for a predicate with a frame, holds a mention of the
    frame's object type (the rules' "lives in front of the fan" does not)."""
    objects = [o for c in clues for o in c.objects if o.text]
    out = []
    for m in memories:
        spec = registry.spec(m.predicate)
        checked = spec is not None and spec.object in _TYPE_CHECKED
        if spec is not None and checked and m.object and spec.kind == m.kind and not m.ended:
            key = f" {entity_key(m.object)} "
            if not any(
                o.weight(spec.object) >= _MIN_WEIGHT
                and f" {entity_key(o.text)} " in key
                and not (spec.object == "place" and surely_no_town(o))
                for o in objects
            ):
                continue  # (nor is "moved to Siemens" a home)
        if spec is not None and m.object and not m.ended:
            m = _whole_name(m, spec.object, objects)
        out.append(m)
    return tuple(out)


def _whole_name(
    m: ExtractedMemory, object_type: str, objects: Sequence[ObjectClue]
) -> ExtractedMemory:
    """``m`` with the longest name of its object's type that holds its object: the rules
    took "Florence" from "My favourite band is Florence and the Machine"."""
    assert m.object is not None
    key = f" {entity_key(m.object)} "
    longer = [
        o
        for o in objects
        if len(o.text) > len(m.object)
        and key in f" {entity_key(o.text)} "
        and o.weight(object_type) >= SURE - 0.1
    ]
    if not longer:
        return m
    return replace(m, object=max(longer, key=lambda o: len(o.text)).text)


#: rule predicates (a bare verb) and the frame predicates that say which kind of object
#: the verb takes ("plays" -> "plays_sport", "plays_instrument")
#: (with the lexicon that knows such objects)
_REFINEMENTS = {
    "plays": (("plays_sport", lx.SPORTS), ("plays_instrument", lx.INSTRUMENTS)),
    "practises": (("plays_sport", lx.SPORTS), ("plays_instrument", lx.INSTRUMENTS)),
    "practices": (("plays_sport", lx.SPORTS), ("plays_instrument", lx.INSTRUMENTS)),
    "eats": (("diet", lx.DIETS),),  # "I eat pescatarian": a diet, not a food
    # "I train for rowing most mornings", "I compete in fencing"
    "trains_for": (("plays_sport", lx.SPORTS),),
    "trains_in": (("plays_sport", lx.SPORTS),),
    "competes_in": (("plays_sport", lx.SPORTS),),
}


#: the relations a kin noun names ("my girlfriend": has_partner)
_RELATIONS = frozenset(en.KIN.values())


def _named_thing(
    m: ExtractedMemory, rules: Sequence[ExtractedMemory], registry: PredicateRegistry
) -> bool:
    """A frame's firm or car (``_NAMED_THINGS``) whose only rule relating it is a fact
    named after a verb of no frame ("pulling double shifts at Siemens": ``pulls_at``,
    "still rocking a Peugeot 206": ``rocks``): the verb relates, the name says which
    fact."""
    spec = registry.spec(m.predicate)
    worded = spec is not None and spec.object == "person" and bool(spec.requires)
    if spec is None or (spec.object not in _NAMED_THINGS and not worded):
        return False  # (and a person whose relation the sentence words: "moving in
        # with Leo next month", ``moves_in_with``, says Leo is the partner)
    key = entity_key(m.object or "")
    return all(
        r.kind == "fact"
        and registry.slot_spec(r.predicate) is None
        and r.predicate not in _RELATIONS
        and r.predicate not in {"is_a", "habit"}
        for r in rules
        if r.subject == m.subject and entity_key(r.object or "") == key
    )


#: the object types whose names say which fact a free verb states
_NAMED_THINGS = frozenset({"organization", "vehicle", "artist"})


def _refined(m: ExtractedMemory) -> ExtractedMemory:
    """A rule's "plays basketball" as ``plays_sport`` when the lexicon knows the sport
    (or the instrument), "eats vegan" as ``diet``."""
    key = entity_key(m.object or "")
    for name, words in _REFINEMENTS.get(m.predicate, ()):
        if key in words:
            return replace(m, predicate=name)
    return m


def _part_of_framed(m: ExtractedMemory, framed: set[tuple[str, str]]) -> bool:
    """A rule's "is a team" where a frame found "works as a team lead"."""
    key = entity_key(m.object or "")
    return any(s == m.subject and key and f" {key} " in f" {o} " for s, o in framed)


def _past_first(
    memories: Sequence[ExtractedMemory], registry: PredicateRegistry
) -> tuple[ExtractedMemory, ...]:
    """``memories`` with the named values said to be over of a single-valued slot the
    same turn gives another value first ("Not Coldplay any more - Arctic Monkeys are my
    band now"): written in that order, the old value ends (or, not held, is recorded as
    the slot's past, closed) and the new one follows it."""
    filled = {
        (m.subject, registry.slot(m.predicate))
        for m in memories
        if not m.ended and m.object and registry.is_single_valued(m.predicate)
    }

    def past(m: ExtractedMemory) -> bool:
        return bool(m.ended and m.object) and (m.subject, registry.slot(m.predicate)) in filled

    return (*[m for m in memories if past(m)], *[m for m in memories if not past(m)])


def _kinds_of_named_pets_dropped(
    memories: Sequence[ExtractedMemory],
) -> tuple[ExtractedMemory, ...]:
    """The memories without a pet held by its kind alone ("rabbit") beside a pet of the
    same owner held by its name in the same turn: "Bramble (my rabbit) chewed through my
    charger" is one pet, Bramble; a second, "rabbit", would stay held when Bramble dies."""
    named = {
        m.subject
        for m in memories
        if m.predicate == "has_pet" and m.object and not m.ended and not _a_kind_of_pet(m.object)
    }
    return tuple(
        m
        for m in memories
        if not (
            m.predicate == "has_pet"
            and m.subject in named
            and not m.ended
            and m.object
            and _a_kind_of_pet(m.object)
        )
    )


def _a_kind_of_pet(name: str) -> bool:
    """A kind of animal, not a pet's name: "rabbit", "rescue greyhound", "guinea pig"."""
    words = entity_key(name).split()
    return bool(words) and (words[-1] in lx.PET_NOUNS or "_".join(words[-2:]) in lx.PET_NOUNS)


def merge(
    rules: Sequence[ExtractedMemory], frames: Sequence[ExtractedMemory], registry: PredicateRegistry
) -> tuple[ExtractedMemory, ...]:
    """Rule memories plus frame memories, one per relation:
    - what the parse rules relate as a fact ("my partner Ada", "I work at the museum",
      "I speak Spanish") or as a catalogued preference ("Dune, my favourite film") the
      frames do not second-guess;
    - a rule memory of a single-valued slot the frames fill with another object (the
      rules took "flat in Porto" where the frame found "Porto") gives way, and so does a
      rule's "is a team" where the frame found "works as a team lead", and a rule's value
      the frames found ended."""

    def key(m: ExtractedMemory) -> tuple[str, str, str, bool]:
        return (m.subject, registry.slot(m.predicate), entity_key(m.object or ""), m.ended)

    def pair(m: ExtractedMemory) -> tuple[str, str]:
        return (m.subject, entity_key(m.object or ""))

    # the rules' "plays tennis" is a sport played: one slot to version, the one a later
    # "switched from tennis to padel" ends (by the lexicon, or as the frames refine it)
    refined = {(*pair(m), m.predicate) for m in frames}
    rules = [_refined(m) for m in rules]
    rules = [
        m
        for m in rules
        if not any((*pair(m), name) in refined for name, _ in _REFINEMENTS.get(m.predicate, ()))
    ]
    have = {key(m) for m in rules}
    # a value the frames found ended that the rules state as held ("We lost our old cat
    # Tom": the rules' "our cat Tom") is the end
    ended = {key(m)[:3] for m in frames if m.ended and m.object}
    rules = [m for m in rules if m.ended or key(m)[:3] not in ended]
    related = {
        pair(m)
        for m in rules
        if (m.kind == "fact" or registry.spec(m.predicate) is not None)
        and not (m.predicate == "habit" and entity_key(m.object or "") in lx.SPORTS)
    }  # "Dune, my favourite film": no favourite book besides; but a sport done as a
    # habit ("I've been surfing every weekend") is a sport the frames may place too, and
    # so is what a verb of no frame relates ("pulling double shifts at Siemens")
    # a favourite the sentence names outright ("... but kebab is my favourite now") is
    # the slot's value, whatever else the frames weigh
    favourites = [
        m
        for m in rules
        if m.kind == "preference" and m.predicate.startswith("favourite_") and not m.ended
    ]
    named = {(m.subject, registry.slot(m.predicate)) for m in favourites}
    # and whose favourite or relation it is ("My daughter took me to see Elbow, and they
    # have become my favourite band": the speaker's, not the daughter's; "My girlfriend is
    # Sara": the speaker's partner, not the girlfriend's)
    owned = {
        (registry.slot(m.predicate), entity_key(m.object or ""))
        for m in rules
        if m in favourites
        or (m.kind == "fact" and m.object and not m.ended and m.predicate in _RELATIONS)
    }
    added = [
        m
        for m in frames
        if key(m) not in have
        and (pair(m) not in related or key(m)[:3] in ended or _named_thing(m, rules, registry))
        and (m.ended or (m.subject, registry.slot(m.predicate)) not in named)
        and (m.ended or key(m)[1:3] not in owned)
    ]
    filled = {
        (m.subject, registry.slot(m.predicate))
        for m in added
        if not m.ended and registry.is_single_valued(m.predicate)
    }
    framed = {pair(m) for m in added if m.object}
    kept = [
        m
        for m in rules
        if not (
            (m.subject, registry.slot(m.predicate)) in filled
            and registry.is_single_valued(m.predicate)
        )
        and not (m.predicate == "is_a" and _part_of_framed(m, framed))
    ]
    return (*kept, *added)
