"""Shared helpers of the extraction rules: token navigation and the memory collector."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from graphmem.extraction import english as en
from graphmem.extraction import lexicon as lx
from graphmem.extraction.base import ExtractedMemory
from graphmem.extraction.clauses import ENTITY_TYPES, Context, Referent, per_token, phrase
from graphmem.extraction.temporal import DateMention, describe

if TYPE_CHECKING:
    from spacy.tokens import Token
else:
    Token = Any


_VERBISH = frozenset({"VERB", "AUX"})


@per_token  # (asked of a verb by many rules)
def subject_token(verb: Token) -> Token | None:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects:
        first = subjects[0]
        if len(subjects) > 1 and first.lower_ in en.KIN and subjects[1].i == first.i + 1:
            return subjects[1]  # "My partner Sven is away", parsed as two subjects: Sven
        return None if _opening_verb(first) else first
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBISH:
        for child in verb.head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return None if _a_pet_or_car_before(child, verb) else child
    for aux in verb.lefts:  # "My cousin got engaged", the subject hung on the auxiliary
        if aux.dep_ in {"aux", "auxpass"}:
            for child in aux.children:
                if child.dep_ in {"nsubj", "nsubjpass"}:
                    return child
    for child in verb.lefts:  # "Leo's obsessed with padel": "'s" read as a possessive
        if (
            child.dep_ == "poss"
            and verb.pos_ in {"VERB", "ADJ"}
            and child.pos_ in {"PROPN", "NOUN"}
            and any(c.dep_ == "case" and c.lower_ == "'s" for c in child.children)
        ):
            return child
    for child in verb.lefts:  # "Tim is my neighbour" is sometimes parsed Tim/npadvmod,
        # "Raj got a puppy" Raj/advmod
        if child.dep_ in {"npadvmod", "advmod"} and _a_name(child) and _right_before(child, verb):
            return child
    return None


def _a_name(tok: Token) -> bool:
    """A person's name, by the tagger or the name list (capitalised)."""
    return tok.ent_type_ == "PERSON" or (tok.text[:1].isupper() and tok.text in lx.first_names())


def _right_before(name: Token, verb: Token) -> bool:
    """Nothing but ``name``, the place it is from and an adverb comes before ``verb``:
    "Tim is", "Tom from work is", "Tom from accounts just moved"."""
    between = name.doc[name.i + 1 : verb.i]
    return name.i == verb.i - 1 or (
        name.i == verb.sent.start
        and between[0].lower_ in {"from", "at", "in"}
        and all(t.dep_ in _PLACE_WORDS for t in between)
    )


#: the words of "from work", "at the gym", "in accounts" after a name
_PLACE_WORDS = frozenset({"prep", "pobj", "det", "amod", "compound", "poss", "advmod"})


def _a_pet_or_car_before(subject: Token, verb: Token) -> bool:
    """A pet or a car, the subject of the clause before a chat's subjectless one joined by
    a comma alone, is not its subject: "Parrot went to my aunt, got a tortoise instead",
    "The Clio died, bought a Kia" are the speaker's."""
    joined = subject.doc[verb.head.i + 1 : verb.i]
    if any(t.dep_ == "cc" for t in joined):
        return False
    low = subject.lower_
    return low in lx.PET_NOUNS or low in lx.CAR_MODELS or low in lx.CAR_MAKES


def _opening_verb(tok: Token) -> bool:
    """A capitalised verb opening a sentence with no subject that the parser took for
    the subject's name: "Got admitted as a solicitor" is the speaker's."""
    return (
        tok.lower_ in lx.OPENING_VERBS
        and tok.i == tok.sent.start
        and tok.text[:1].isupper()
        and not any(True for _ in tok.children)
    )


def first_child(tok: Token, *deps: str) -> Token | None:
    for child in tok.children:
        if child.dep_ in deps:
            return child
    return None


def object_of(prep: Token) -> Token | None:
    return first_child(prep, "pobj", "pcomp")


def with_conj(tok: Token) -> list[Token]:
    items = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"}:
            items.append(child)
    return items


def obj_type(tok: Token | None, predicate: str, default: str = "thing") -> str:
    if tok is not None and tok.ent_type_ in ENTITY_TYPES:
        return ENTITY_TYPES[tok.ent_type_]
    if predicate in en.PLACE_PREDICATES:
        return "place"
    if predicate in en.ORG_PREDICATES:
        return "organization"
    return default


class Out(list[ExtractedMemory]):
    """Collects memory candidates, dropping malformed ones."""

    def add(
        self, kind: str, text: str, subject: Referent, predicate: str | None, obj: str | None,
        **kw: Any,
    ) -> ExtractedMemory | None:  # fmt: skip
        if predicate is None or not en.PREDICATE_RE.match(predicate) or not obj:
            return None
        if obj.lower() == subject.name.lower():
            return None
        conf = min(subject.confidence, kw.pop("confidence", 0.8))
        mem = ExtractedMemory(kind=kind, text=text, subject=subject.name, predicate=predicate,
                              object=obj, confidence=conf, subject_type=subject.type,
                              **kw)  # fmt: skip
        self.append(mem)
        return mem


def simple(subject: Referent, verb: str, obj: str, date: DateMention | None = None) -> str:
    when = f" {describe(date.value, date.granularity)}" if date else ""
    text = f"{subject.text} {verb} {obj}{when}".strip()
    return text[0].upper() + text[1:] + "."


def activity(verb: Token, ctx: Context) -> str:
    """ "to play the guitar" -> "playing guitar"."""
    words = [en.gerund(verb.lemma_)]
    prt = first_child(verb, "prt")
    if prt is not None:
        words.append(prt.lower_)
    dobj = first_child(verb, "dobj", "attr", "acomp")  # ("being single")
    if dobj is not None and (p := phrase(dobj, ctx)):
        words.append(p)
    return " ".join(words)


def midnight(ctx: Context) -> datetime:
    at = ctx.at
    return at.replace(hour=0, minute=0, second=0, microsecond=0)


def loose_object(verb: Token) -> Token | None:
    """A mis-parsed object right after the verb ("I hate cilantro": cilantro/advmod/JJ)."""
    for child in verb.rights:
        if (
            child.dep_ in {"advmod", "acomp", "oprd", "npadvmod", "attr"}
            and child.i == verb.i + 1
            and child.pos_ in {"NOUN", "PROPN", "ADJ"}
            and child.lower_ not in en.DROP_WORDS
        ):
            return child
    return None


def is_habit(verb: Token) -> bool:
    if verb.lemma_.lower() in en.PAST_STOP or verb.lemma_.lower() in en.REPORT_VERBS:
        return False
    for tok in verb.subtree:
        if tok.lower_ in {"twice", "once"} and tok.head.lemma_ in {"week", "day", "month"}:
            return True
    for child in verb.children:
        low = child.lower_
        if child.dep_ == "advmod" and (low in en.HABIT_ADVERBS or low in {"twice", "once"}):
            return True
        if child.dep_ == "npadvmod" and any(g.lower_ in {"every", "each"} for g in child.children):
            return True
        if child.dep_ == "prep" and low == "on":
            pobj = object_of(child)
            if (
                pobj is not None
                and pobj.tag_ == "NNS"
                and pobj.lemma_.lower()
                in {
                    "weekend",
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                    "weekday",
                }
            ):
                return True
    return False
