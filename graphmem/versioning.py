"""Versions, conflicts and corroboration (DESIGN §2, invariants 1, 2, 4 and 6).

A memory is never edited in place: a change writes a new version that ``SUPERSEDES``
the old one, which keeps its text and gets ``valid_to`` and status ``superseded``. A
fact for a single-valued (subject, predicate) with another object conflicts with the
current one; the configured policy picks the winner and the loser is closed, never
deleted. The same fact seen again is corroboration: provenance is added, confidence
rises, no version is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal

from graphmem.codec import entity_key
from graphmem.config import ConflictPolicy, PredicateRegistry
from graphmem.errors import FrozenError, InvalidInputError
from graphmem.models import LIVE_STATUSES, Kind, Status
from graphmem.names import check_predicate
from graphmem.stores.base import NodeRecord, Props, Vector
from graphmem.timeutil import decode, encode
from graphmem.writer import Writer

#: the polarity of a version that records that a fact stopped holding
ENDED = "ended"
Action = Literal[
    "created",
    "corroborated",
    "merged",
    "won",
    "lost",
    "kept_both",
    "blocked_by_frozen",
    "ended",
    "ignored",
]
EmbedText = Callable[[str], Vector]


def sp_key(subject_id: str, kind: str, predicate: str, registry: PredicateRegistry) -> str:
    """Where a subject's values of a predicate compete: the subject and the predicate's
    slot. Multi-valued preferences of a subject share one key (they conflict only on the
    same topic with the opposite polarity)."""
    if kind == Kind.PREFERENCE and not registry.is_single_valued(predicate):
        return f"{subject_id}|preference"
    return f"{subject_id}|{kind}|{registry.slot(predicate)}"


@dataclass
class Candidate:
    """A memory about to be written, with its entities already resolved."""

    kind: str
    text: str
    source: str = "user"
    confidence: float = 1.0
    subject: str | None = None
    subject_id: str | None = None
    predicate: str | None = None
    object: str | None = None
    object_id: str | None = None
    polarity: str | None = None
    valid_from: datetime | None = None
    #: the latest the fact can have begun (``ExtractedMemory.begun_by``)
    begun_by: datetime | None = None
    episode_ids: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    embedding: Vector | None = None
    #: the statement ends the fact (see ``end_memory``) instead of stating it
    ended: bool = False

    def sp_key(self, registry: PredicateRegistry) -> str | None:
        if self.subject_id is None or self.predicate is None:
            return None
        return sp_key(self.subject_id, self.kind, self.predicate, registry)

    @property
    def object_key(self) -> str:
        return entity_key(self.object) if self.object else ""


@dataclass
class Outcome:
    action: Action
    memory_id: str
    superseded: list[str] = field(default_factory=list)
    corroborated: str | None = None


def write_memory(w: Writer, c: Candidate, embed: EmbedText | None = None) -> Outcome:
    """Write ``c`` as a new memory, a corroboration, a merge or a conflict outcome; an
    ended candidate closes the current version (``embed`` gives its text's vector)."""
    if c.ended:
        return end_memory(w, c, embed)
    key = c.sp_key(w.config.predicates)
    if key is None:
        return Outcome("created", create_memory(w, c).id)
    live = w.live_memories(key)
    same = [m for m in live if _same_statement(m, c)]
    if same:
        return _corroborate(w, same[0], c)
    similar = _near_duplicate(w, live, c)
    if similar is not None:
        return _merge_in(w, similar[0], c, similar[1])
    rivals = [m for m in live if _conflicts(w, m, c)]
    if not rivals:
        return Outcome("created", create_memory(w, c).id)
    old = rivals[0]
    policy = w.config.conflicts.policy_for(c.predicate)
    if old.props.get("frozen"):
        rec = create_memory(
            w, c, status=Status.SUPERSEDED, superseded_by=old.id, valid_to=c.valid_from or w.now
        )
        w.link("CONFLICTS_WITH", rec.id, old.id, {"at": w.now_s, "policy": "frozen"})
        return Outcome("blocked_by_frozen", rec.id)
    if policy == "keep_both":
        rec = create_memory(w, c)
        w.link("CONFLICTS_WITH", rec.id, old.id, {"at": w.now_s, "policy": policy})
        return Outcome("kept_both", rec.id)
    chain = _chain_position(w, old)
    if _new_wins(w, old, c, policy):
        rec = create_memory(w, _not_before(c, old), chain=chain)
        supersede(w, old, rec, policy=policy, reason="conflict")
        return Outcome("won", rec.id, superseded=[old.id])
    old_from = old.props.get("valid_from")
    mine = encode(c.valid_from or w.now) or ""
    closes = old_from if old_from is not None and mine < old_from else mine
    rec = create_memory(
        w, c, status=Status.SUPERSEDED, superseded_by=old.id, chain=chain, valid_to_s=closes
    )
    w.guard(old.id, status_in=LIVE_STATUSES)
    w.link("SUPERSEDES", old.id, rec.id, {"at": w.now_s, "policy": policy, "reason": "conflict"})
    return Outcome("lost", rec.id)


def _same_statement(m: NodeRecord, c: Candidate) -> bool:
    return (
        same_name(m.props.get("object") or "", c.object or "")
        and m.props.get("polarity") == c.polarity
        and m.props.get("predicate") == c.predicate
    )


def same_name(held: str, said: str) -> bool:
    """Whether two values are one: the same key, or one proper name said in full or in
    part ("Wet Leg" and "Leg", "Florence and the Machine" and "Florence", "VW Golf" and
    "Golf"), so that a restatement is not taken for a change. Common nouns must match
    whole: "designer" is not "senior designer"."""
    if entity_key(held) == entity_key(said):
        return True
    if not (held[:1].isupper() and said[:1].isupper()):
        return False
    short, long = sorted((entity_key(held).split(), entity_key(said).split()), key=len)
    n = len(short)
    return n > 0 and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def said_to_end(held: str, said: str) -> bool:
    """Whether an end said of ``said`` is the end of the value ``held``: the same name
    (``same_name``: "Sold the Subaru" ends the Subaru Outback), or a common noun said by
    its head ("Not a photographer anymore" ends "freelance photographer")."""
    if same_name(held, said):
        return True
    words = entity_key(said).split()
    return bool(words) and entity_key(held).split()[-len(words) :] == words


def _conflicts(w: Writer, m: NodeRecord, c: Candidate) -> bool:
    if m.props.get("polarity") == ENDED and (m.props.get("object_key") or "") == c.object_key:
        return True  # "I live in Oslo again" reopens what had ended
    single = c.predicate is not None and w.config.predicates.is_single_valued(c.predicate)
    if c.kind == Kind.PREFERENCE and not single:
        return (m.props.get("object_key") or "") == c.object_key and m.props.get(
            "polarity"
        ) != c.polarity
    return c.kind in (Kind.FACT, Kind.PREFERENCE) and single


def _near_duplicate(
    w: Writer, live: list[NodeRecord], c: Candidate
) -> tuple[NodeRecord, float] | None:
    """A live memory of the same key whose text embedding is within the threshold."""
    if c.embedding is None:
        return None
    threshold = w.config.merge.memory_similarity
    embeddings = w.store.embeddings(w.user_id, [m.id for m in live])
    best: tuple[NodeRecord, float] | None = None
    for m in live:
        vec = m.embedding if m.embedding is not None else embeddings.get(m.id)
        if vec is None or m.props.get("polarity") != c.polarity:
            continue
        theirs = m.props.get("object_key") or ""
        if theirs and c.object_key and theirs != c.object_key:
            continue  # another value: a conflict or a second value, not a duplicate
        score = float(vec @ c.embedding)
        if score >= threshold and (best is None or score > best[1]):
            best = (m, score)
    return best


def _not_before(c: Candidate, old: NodeRecord) -> Candidate:
    """``c`` starting no earlier than ``old``, which it replaces: "I've been at Siemens
    since last year", said after "I work at Bosch" in December, began in December at the
    earliest."""
    start = decode(old.props.get("valid_from"))
    if c.valid_from is not None and start is not None and c.valid_from < start:
        return replace(c, valid_from=start)
    return c


def _new_wins(w: Writer, old: NodeRecord, c: Candidate, policy: ConflictPolicy) -> bool:
    if old.props.get("polarity") == ENDED and _same_turn(old, c):
        return True  # "Tom and I are divorced now. Moved in with Ben last month": the
        # end the same turn states makes way for the value it names, whatever the dates
    theirs = old.props.get("valid_from") or old.props["created_at"]
    newer = (encode(c.valid_from or w.now) or "", w.now_s) >= (theirs, old.props["created_at"])
    if c.begun_by is not None and (encode(c.begun_by) or "") > theirs:
        newer = True  # "since last year": it may have begun after the old value's start
    conf = w.config.conflicts
    if policy == "source":
        mine, theirs = conf.rank(c.source), conf.rank(old.props.get("source", "user"))
        return newer if mine == theirs else mine > theirs
    if policy == "confidence":
        theirs_c = float(old.props.get("confidence", 0.0))
        return newer if c.confidence == theirs_c else c.confidence > theirs_c
    return newer


def _chain_position(w: Writer, old: NodeRecord) -> tuple[str, int]:
    """The chain of ``old`` and the next version number in it (the stored highest is
    re-checked with the commit, so two writers never number two versions alike)."""
    chain_id = old.props.get("chain_id") or old.id
    top = w.highest("Memory", "chain_id", chain_id, "version")
    versions = [
        int(m.props.get("version", 1))
        for m in [*w.created("Memory"), *([top] if top else []), old]
        if (m.props.get("chain_id") or m.id) == chain_id
    ]
    return chain_id, max(versions) + 1


def noisy_or(a: float, b: float, gain: float) -> float:
    """Confidence after seeing a statement of confidence ``a`` again with ``b``."""
    return round(1.0 - (1.0 - a) * (1.0 - gain * b), 6)


def _corroborate(w: Writer, m: NodeRecord, c: Candidate) -> Outcome:
    if m.props.get("frozen"):
        return Outcome("blocked_by_frozen", m.id)
    add_provenance(
        w,
        m,
        c.episode_ids,
        c.refs,
        noisy_or(
            float(m.props.get("confidence", 0.0)),
            c.confidence,
            w.config.conflicts.corroboration_gain,
        ),
    )
    return Outcome("corroborated", m.id, corroborated=m.id)


def _merge_in(w: Writer, survivor: NodeRecord, c: Candidate, score: float) -> Outcome:
    if survivor.props.get("frozen"):
        return Outcome("blocked_by_frozen", survivor.id)
    rec = create_memory(w, c, status=Status.MERGED, merged_into=survivor.id)
    w.link(
        "MERGED_INTO",
        rec.id,
        survivor.id,
        {"at": w.now_s, "method": "embedding", "score": round(score, 4)},
    )
    add_provenance(
        w,
        survivor,
        c.episode_ids,
        c.refs,
        noisy_or(
            float(survivor.props.get("confidence", 0.0)),
            c.confidence,
            w.config.conflicts.corroboration_gain,
        ),
    )
    return Outcome("merged", survivor.id, corroborated=survivor.id)


def add_provenance(
    w: Writer,
    m: NodeRecord,
    episode_ids: list[str],
    refs: list[str],
    confidence: float,
    *,
    via_merge: str | None = None,
) -> None:
    """Link ``m`` to more source episodes and raise its confidence."""
    known = list(m.props.get("episode_ids") or [])
    known_refs = list(m.props.get("refs") or [])
    for episode_id, ref in zip(episode_ids, refs, strict=True):
        if episode_id in known:
            continue
        known.append(episode_id)
        if ref:
            known_refs.append(ref)
        props = {"at": w.now_s} if via_merge is None else {"at": w.now_s, "via_merge": via_merge}
        w.link("EXTRACTED_FROM", m.id, episode_id, props)
    w.set(
        m.id,
        {"confidence": confidence, "episode_ids": known, "refs": known_refs, "updated_at": w.now_s},
    )
    set_fact_edge(w, m, {"confidence": confidence})


def set_fact_edge(w: Writer, m: NodeRecord, props: Props) -> None:
    """Change the versioned edge of the memory ``m`` (the relationship between its
    subject and object entities, see ``create_memory``), if it has one."""
    edge_id, ends = m.props.get("edge_id"), m.props.get("edge_ends")
    if edge_id:
        w.set_edge(edge_id, props, ends=(ends[0], ends[1]) if ends else None)


def create_memory(
    w: Writer,
    c: Candidate,
    *,
    status: Status = Status.GENERATED,
    chain: tuple[str, int] | None = None,
    superseded_by: str | None = None,
    merged_into: str | None = None,
    valid_to: datetime | None = None,
    valid_to_s: str | None = None,
) -> NodeRecord:
    """A new Memory node with its ABOUT, EXTRACTED_FROM and versioned edges."""
    if c.predicate is not None:
        check_predicate(c.predicate)
    valid_to_s = valid_to_s if valid_to_s is not None else encode(valid_to)
    props = {
        "kind": str(c.kind),
        "text": c.text,
        "subject": c.subject,
        "subject_id": c.subject_id,
        "predicate": c.predicate,
        "object": c.object,
        "object_id": c.object_id,
        "object_key": c.object_key,
        "polarity": c.polarity,
        "confidence": round(float(c.confidence), 6),
        "source": c.source,
        "valid_from": encode(c.valid_from),
        "valid_to": valid_to_s,
        "status": str(status),
        "frozen": False,
        "recall_count": 0,
        "last_recalled_at": None,
        "created_at": w.now_s,
        "updated_at": w.now_s,
        "sp_key": c.sp_key(w.config.predicates),
        "episode_ids": list(c.episode_ids),
        "refs": [r for r in c.refs if r],
        "superseded_by": superseded_by,
        "merged_into": merged_into,
        "edge_id": None,
        "edge_ends": None,
    }
    rec = w.create("Memory", props, embedding=c.embedding, prefix="mem")
    chain_id, version = chain if chain is not None else (rec.id, 1)
    w.set(rec.id, {"chain_id": chain_id, "version": version})
    for episode_id in c.episode_ids:
        w.link("EXTRACTED_FROM", rec.id, episode_id, {"at": w.now_s})
    if c.subject_id:
        w.link("ABOUT", rec.id, c.subject_id, {"role": "subject"})
    if c.object_id and c.object_id != c.subject_id:
        w.link("ABOUT", rec.id, c.object_id, {"role": "object"})
    if c.subject_id and c.object_id and c.predicate and c.polarity != ENDED:
        current = status in LIVE_STATUSES
        edge = w.link(
            c.predicate.upper(),
            c.subject_id,
            c.object_id,
            {
                "memory_id": rec.id,
                "version": version,
                "valid_from": props["valid_from"],
                "valid_to": valid_to_s,
                "recorded_at": w.now_s,
                "source": c.source,
                "confidence": props["confidence"],
                "current": current,
            },
        )
        # the edge never moves (a merge copies it): where a later change finds it
        w.set(rec.id, {"edge_id": edge.id, "edge_ends": [edge.src, edge.dst]})
    return rec


def supersede(w: Writer, old: NodeRecord, new: NodeRecord, *, policy: str, reason: str) -> None:
    """Close ``old`` in favour of ``new``: guarded, so a frozen or non-current ``old``
    makes the whole operation fail."""
    if old.props.get("frozen"):
        raise FrozenError(f"{old.id} is frozen")
    until = new.props.get("valid_from") or w.now_s
    if old.props.get("valid_from") and until < old.props["valid_from"]:
        until = old.props["valid_from"]
    w.guard(old.id, status_in=LIVE_STATUSES)
    w.set(
        old.id,
        {
            "status": str(Status.SUPERSEDED),
            "valid_to": until,
            "superseded_by": new.id,
            "updated_at": w.now_s,
        },
    )
    set_fact_edge(w, old, {"current": False, "valid_to": until})
    w.link("SUPERSEDES", new.id, old.id, {"at": w.now_s, "policy": policy, "reason": reason})


def new_version(w: Writer, old: NodeRecord, c: Candidate, *, reason: str) -> NodeRecord:
    """Write ``c`` as the next version of ``old``'s chain and supersede ``old``."""
    if old.props.get("frozen"):
        raise FrozenError(f"{old.id} is frozen: unfreeze it before changing it")
    if old.props.get("status") not in LIVE_STATUSES:
        raise InvalidInputError(
            f"{old.id} is {old.props.get('status')}; change the current version "
            f"({old.props.get('superseded_by') or old.props.get('merged_into')})"
        )
    rec = create_memory(w, replace(c), chain=_chain_position(w, old))
    supersede(w, old, rec, policy="explicit", reason=reason)
    return rec


def _same_turn(m: NodeRecord, c: Candidate) -> bool:
    """Whether memory ``m`` was read from one of the episodes ``c`` comes from."""
    return bool(set(m.props.get("episode_ids") or ()) & set(c.episode_ids))


def end_memory(w: Writer, c: Candidate, embed: EmbedText | None = None) -> Outcome:
    """A statement that a fact stopped holding ("I don't live in Oslo anymore", "sold my
    car"): the current version of the fact is closed by a new version of its chain with
    polarity ``ended`` ("Anna no longer lives in Oslo."), so the chain keeps exactly one
    current version and history shows when and why it ended.

    ``c.object`` names the value that ended, or is None for the current one (of a
    single-valued predicate, or the only one of a multi-valued predicate). When the
    named value is not current: an earlier end of it is corroborated; if the slot holds
    another value, the statement is old news and changes nothing; if the slot is empty,
    the past value is recorded, closed, with its end."""
    key = c.sp_key(w.config.predicates)
    if key is None or c.predicate is None:
        return Outcome("ignored", "")
    live = w.live_memories(key)
    ends = [m for m in live if m.props.get("polarity") == ENDED]
    facts = [m for m in live if m.props.get("polarity") != ENDED]
    # "Sold the Subaru" ends the "Subaru Outback" held: a proper name said in part
    named = [
        m for m in facts if c.object and said_to_end(str(m.props.get("object") or ""), c.object)
    ]
    # an unnamed end is not of a value the same turn states as new ("joined a padel
    # club instead": padel holds, the sport before ends)
    targets = named if c.object else [m for m in facts if not _same_turn(m, c)]
    earlier: list[NodeRecord] = []
    if not c.object and len(targets) > 1 and not w.config.predicates.is_single_valued(c.predicate):
        return Outcome("ignored", targets[0].id)  # which of several values ended is not said
    if not targets:
        for m in ends:
            if not c.object or said_to_end(str(m.props.get("object") or ""), c.object):
                return _corroborate(w, m, c)
        if facts or not c.object:  # old news, or nothing held to end
            return Outcome("ignored", facts[0].id if facts else "")
        text = _fact_text(w, c, c.object)
        past = create_memory(
            w,
            replace(
                c,
                ended=False,
                text=text,
                valid_from=None,
                embedding=embed(text) if embed is not None else c.embedding,
            ),
            status=Status.SUPERSEDED,
            valid_to=c.valid_from or w.now,
        )
        targets = [past]
        if w.config.predicates.is_single_valued(c.predicate):
            # the past value's end is now the slot's one current version: an earlier
            # end ("no longer Massive Attack", then "Used to be all Gorillaz") closes
            earlier = ends
    closed: list[str] = []
    outcome: Outcome | None = None
    for old in targets:
        text = c.text or _ended_text(w, c, old)
        vector = c.embedding if c.text and c.embedding is not None else None
        if vector is None:
            vector = embed(text) if embed is not None else c.embedding
        version = replace(
            c,
            text=text,
            predicate=old.props.get("predicate") or c.predicate,
            object=old.props.get("object"),
            object_id=old.props.get("object_id"),
            polarity=ENDED,
            valid_from=c.valid_from or w.now,
            embedding=vector,
        )
        if old.props.get("frozen"):
            rec = create_memory(w, version, status=Status.SUPERSEDED, superseded_by=old.id)
            w.link("CONFLICTS_WITH", rec.id, old.id, {"at": w.now_s, "policy": "frozen"})
            outcome = outcome or Outcome("blocked_by_frozen", rec.id)
            continue
        rec = create_memory(w, version, chain=_chain_position(w, old))
        if old.props.get("status") == Status.SUPERSEDED:  # the past value recorded above
            w.link("SUPERSEDES", rec.id, old.id, {"at": w.now_s, "policy": "ended"})
            w.set(old.id, {"superseded_by": rec.id, "chain_id": rec.props["chain_id"]})
        else:
            supersede(w, old, rec, policy="ended", reason="ended")
        closed.append(old.id)
        outcome = outcome or Outcome("ended", rec.id)
        for m in earlier:
            supersede(w, m, rec, policy="ended", reason="ended")
            closed.append(m.id)
    assert outcome is not None
    return replace(outcome, superseded=closed)


def _fact_text(w: Writer, c: Candidate, obj: str) -> str:
    spec = w.config.predicates.slot_spec(c.predicate or "")
    if spec is not None:
        return spec.render(spec.text, c.subject or "", obj)
    return f"{c.subject} {(c.predicate or '').replace('_', ' ')} {obj}."


def _ended_text(w: Writer, c: Candidate, old: NodeRecord) -> str:
    spec = w.config.predicates.slot_spec(str(old.props.get("predicate") or c.predicate))
    subject = str(old.props.get("subject") or c.subject or "")
    obj = str(old.props.get("object") or c.object or "")
    if spec is not None and spec.ended is not None:
        return spec.render(spec.ended, subject, obj)
    predicate = str(old.props.get("predicate") or c.predicate).replace("_", " ")
    return f"No longer true: {subject} {predicate} {obj}."
