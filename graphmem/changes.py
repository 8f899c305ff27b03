"""Changes whose slot the graph knows (DESIGN §4): a sentence that states a value as over
without showing which fact it was ("Used to be all Haim, now it's all The National",
"Not at Bosch any more, Siemens made me an offer") is about the subject's current fact
that holds that value. The writer finds it among the subject's live memories and ends
it, or, when the sentence names a value that fits the slot's type, gives the slot that
value as its new version (a multi-valued slot also ends the old value). A value no
current fact holds, or that several slots hold, changes nothing. An end the frames
placed in another slot than the one that holds the value is that slot's
(``end_of_held``), and where the turn's own memory ended the value, a single-valued
slot still takes the new value no memory placed ("Goodbye Tom, hello Leo!")."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from graphmem.codec import entity_key
from graphmem.config import PredicateSpec
from graphmem.extraction.base import Change, ExtractedMemory, ObjectClue
from graphmem.extraction.frames import ENTITY_TYPE, fits
from graphmem.models import LIVE_STATUSES, Kind
from graphmem.resolution import Resolver
from graphmem.stores.base import NodeRecord, Vector
from graphmem.versioning import ENDED, Candidate, Outcome, end_memory, said_to_end, write_memory
from graphmem.writer import Writer

#: a value placed by what the graph holds is less sure than one the sentence shows
CONFIDENCE = 0.7


def holder(w: Writer, subject_id: str, value: str) -> NodeRecord | None:
    """The subject's one current fact or preference of a known slot whose value is
    ``value`` (None if none or several slots hold it); a read the commit re-checks. The
    parse rules' free predicates ("quits tennis") are no slot a change ends."""
    key = entity_key(value)
    registry = w.config.predicates
    live = w.find_checked("Memory", "subject_id", subject_id, LIVE_STATUSES)
    current = [
        m
        for m in live
        if m.props.get("polarity") != ENDED
        and registry.slot_spec(str(m.props.get("predicate") or "")) is not None
        and m.props.get("kind") in (Kind.FACT, Kind.PREFERENCE)
    ]
    held = [m for m in current if (m.props.get("object_key") or "") == key]
    if not held:  # "The Rover has gone": the Rover 75, a name said in part; "Not a
        # photographer anymore": the freelance photographer, by its head
        held = [m for m in current if said_to_end(str(m.props.get("object") or ""), value)]
    if len({registry.slot(str(m.props["predicate"])) for m in held}) != 1:
        return None
    return held[0]


def end_of_held(
    w: Writer, subject_id: str, cand: ExtractedMemory, episode_id: str = ""
) -> ExtractedMemory:
    """An ended candidate whose value the subject's current facts hold in another slot
    is the end of that fact: "Freya moved out, we called it quits" ends the partner
    Freya, whatever predicate the sentence's wording suggested. An unnamed end of a slot
    that holds nothing is the end of the one value held by the one other slot of the
    same type ("Hung up my boots" ends the sport played or the favourite one), values the
    same turn (``episode_id``) states left aside ("switched to padel": not padel)."""
    if not cand.ended:
        return cand
    if not cand.object:
        return _unnamed_end_of_held(w, subject_id, cand, episode_id)
    held = holder(w, subject_id, cand.object)
    if held is None or held.props["predicate"] == cand.predicate:
        return cand
    return replace(
        cand, kind=str(held.props["kind"]), predicate=str(held.props["predicate"]), text=""
    )


def _unnamed_end_of_held(
    w: Writer, subject_id: str, cand: ExtractedMemory, episode_id: str
) -> ExtractedMemory:
    registry = w.config.predicates
    spec = registry.slot_spec(cand.predicate)
    if spec is None:
        return cand
    live = [
        m
        for m in w.find_checked("Memory", "subject_id", subject_id, LIVE_STATUSES)
        if m.props.get("polarity") != ENDED
        and m.props.get("kind") in (Kind.FACT, Kind.PREFERENCE)
        and episode_id not in (m.props.get("episode_ids") or ())
    ]
    slot = registry.slot(cand.predicate)
    if any(registry.slot(str(m.props.get("predicate") or "")) == slot for m in live):
        return cand  # the slot's own value ends
    held = [
        m
        for m in live
        if (other := registry.slot_spec(str(m.props.get("predicate") or ""))) is not None
        and other.object == spec.object
    ]
    if len(held) != 1:
        return cand
    m = held[0]
    return replace(cand, kind=str(m.props["kind"]), predicate=str(m.props["predicate"]), text="")


def _new_taste(
    w: Writer,
    change: Change,
    base: Candidate,
    subject_id: str | None,
    resolver: Resolver,
    embed: Callable[[str], Vector],
) -> list[Outcome]:
    """A taste of a kind the sentence left open ("I'm all about Parcels now"): the new
    value of the one single-valued favourite the subject holds whose type it fits (a
    band, if the subject has a favourite band and no favourite show it could also be);
    nothing if none or several fit."""
    if subject_id is None:
        return []
    registry = w.config.predicates
    held = {
        spec.name: spec
        for m in w.find_checked("Memory", "subject_id", subject_id, LIVE_STATUSES)
        if m.props.get("polarity") != ENDED
        and m.props.get("kind") == Kind.PREFERENCE
        and (spec := registry.slot_spec(str(m.props.get("predicate") or ""))) is not None
        and registry.is_single_valued(spec.name)
    }
    fitting = [(spec, o) for spec in held.values() for o in change.new if fits(o, spec.object)]
    if len({spec.name for spec, _ in fitting}) != 1:
        return []
    spec, new = fitting[0]
    base = _in_slot(base, change, subject_id, spec, Kind.PREFERENCE)
    key = base.sp_key(registry)
    if key is None or any(
        (m.props.get("object_key") or "") == entity_key(new.text) for m in w.live_memories(key)
    ):
        return []  # held already: a restatement
    return [_stated(w, base, spec, change, new, resolver, embed)]


def _stated(
    w: Writer,
    base: Candidate,
    spec: PredicateSpec,
    change: Change,
    new: ObjectClue,
    resolver: Resolver,
    embed: Callable[[str], Vector],
) -> Outcome:
    """The slot of ``base`` given the value ``new``, as a new version."""
    text = spec.render(spec.text, change.subject_text, new.text)
    object_type = ENTITY_TYPE.get(spec.object, "concept")
    stated = replace(
        base,
        text=text,
        object=new.text,
        object_id=resolver.resolve(new.text, object_type, episode_id=base.episode_ids[0]),
        polarity="like" if base.kind == Kind.PREFERENCE else None,
        embedding=embed(text),
    )
    return write_memory(w, stated, embed)


def _subject_id(change: Change, base: Candidate, resolver: Resolver) -> str | None:
    return resolver.resolve(change.subject, change.subject_type, episode_id=base.episode_ids[0])


def _in_slot(
    base: Candidate, change: Change, subject_id: str, spec: PredicateSpec, kind: Kind
) -> Candidate:
    """``base`` (the turn's source, episode, ref and time) as a candidate of ``spec``'s
    slot of the change's subject."""
    return replace(
        base,
        kind=kind,
        confidence=min(change.confidence, CONFIDENCE),
        subject=change.subject,
        subject_id=subject_id,
        predicate=spec.name,
        valid_from=change.valid_from or base.valid_from,
    )


def record_past(
    w: Writer,
    change: Change,
    base: Candidate,
    resolver: Resolver,
    embed: Callable[[str], Vector],
) -> list[Outcome]:
    """Before the turn's own memories: the old value of a change whose sentence gives
    its slot a new value (``Change.slot``), if no current fact holds it, as the slot's
    past value, closed ("Split up with Hedda, now I'm seeing Jorge": Hedda, then the
    end, then Jorge). A slot that holds another value is left to the new one."""
    spec = w.config.predicates.spec(change.slot or "")
    if spec is None:
        return []
    subject_id = _subject_id(change, base, resolver)
    if subject_id is None or holder(w, subject_id, change.old) is not None:
        return []
    past = _in_slot(base, change, subject_id, spec, Kind(spec.kind))
    return [end_memory(w, replace(past, object=change.old, ended=True), embed)]


def _ended_in(w: Writer, subject_id: str, value: str, episode_id: str) -> NodeRecord | None:
    """The end of ``value`` of a known slot that the turn ``episode_id`` wrote."""
    key = entity_key(value)
    registry = w.config.predicates
    ends = [
        m
        for m in w.find_checked("Memory", "subject_id", subject_id, LIVE_STATUSES)
        if m.props.get("polarity") == ENDED
        and (m.props.get("object_key") or "") == key
        and episode_id in (m.props.get("episode_ids") or ())
        and registry.slot_spec(str(m.props.get("predicate") or "")) is not None
    ]
    return ends[0] if len({str(m.props["predicate"]) for m in ends}) == 1 else None


def write_change(
    w: Writer,
    change: Change,
    base: Candidate,
    resolver: Resolver,
    embed: Callable[[str], Vector],
) -> list[Outcome]:
    """Write ``change`` (see the module) with the source, episode, ref and time of
    ``base``: the outcomes, none if no current fact holds the old value."""
    subject_id = _subject_id(change, base, resolver)
    if not change.old:
        return _new_taste(w, change, base, subject_id, resolver, embed)
    old = holder(w, subject_id, change.old) if subject_id is not None else None
    ended_here = None
    if old is None and subject_id is not None and change.new:
        ended_here = _ended_in(w, subject_id, change.old, base.episode_ids[0])
        old = ended_here  # "Goodbye Tom, hello Leo!": the turn's own memory ended Tom
    registry = w.config.predicates
    spec = registry.slot_spec(str(old.props["predicate"])) if old is not None else None
    if old is None or spec is None or subject_id is None:
        return []
    kind = Kind(old.props["kind"])
    base = _in_slot(base, change, subject_id, spec, kind)
    new = next((o for o in change.new if fits(o, spec.object)), None)
    out: list[Outcome] = []
    if ended_here is not None and (new is None or not registry.is_single_valued(spec.name)):
        return out  # ended already; only a single-valued slot's next value follows
    if new is None or not registry.is_single_valued(spec.name):
        if spec.ended is None:
            return []  # a value that cannot stop holding (where someone was born)
        out.append(end_memory(w, replace(base, object=change.old, ended=True), embed))
    key = base.sp_key(registry)
    if new is None or key is None:
        return out
    if any((m.props.get("object_key") or "") == entity_key(new.text) for m in w.live_memories(key)):
        return out  # the sentence's own frame has stated it
    out.append(_stated(w, base, spec, change, new, resolver, embed))
    return out
