"""Clause analysis over a spaCy parse: who a mention refers to, whether a clause is
asserted (not a question, hypothesis, negation or quote), and how to render phrases and
third-person sentences. Works on spaCy tokens but never imports spaCy itself."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from graphmem.extraction import english as en
from graphmem.extraction import lexicon as lx
from graphmem.extraction.temporal import DateMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
else:
    Doc = Token = Any

T = TypeVar("T")

FIRST = frozenset({"i", "me", "myself"})
FIRST_POSS = frozenset({"my", "mine"})
SECOND = frozenset({"you", "yourself"})
SECOND_POSS = frozenset({"your", "yours"})
ENTITY_TYPES = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organization",
    "NORP": "organization",
    "PRODUCT": "thing",
    "WORK_OF_ART": "thing",
    "EVENT": "thing",
    "LANGUAGE": "thing",
    "LAW": "thing",
}


@dataclass(frozen=True)
class Referent:
    """Who a mention denotes: the memory subject/object name and how to write it."""

    name: str
    type: str = "person"
    #: the phrase used in texts ("Melanie's sister Anna"), defaults to the name
    phrase: str = ""
    confidence: float = 0.8

    @property
    def text(self) -> str:
        return self.phrase or self.name


@dataclass
class Context:
    """Per-utterance state shared by the rules."""

    speaker: str
    addressee: str | None
    at: datetime
    quoted: frozenset[int] = frozenset()
    #: token index -> the date mention covering it
    date_at: dict[int, DateMention] = field(default_factory=dict)
    #: (token index, referent, gender) of people mentioned so far, for he/she
    people: list[tuple[int, Referent, str]] = field(default_factory=list)


def owner_of(tok: Token, ctx: Context) -> str | None:
    """The person a possessive determiner of ``tok`` points to (my -> speaker)."""
    said = said_with_mine(tok)
    for child in tok.children:
        if child.dep_ == "poss" and (said is None or child.i != said.i):
            low = child.lower_
            if low in FIRST_POSS or low in {"our", "ours"}:
                return ctx.speaker
            if low in SECOND_POSS:
                return ctx.addressee
            if child.pos_ == "PROPN" or child.ent_type_ == "PERSON":
                return child.text
            return None
    return None


def said_with_mine(tok: Token) -> Token | None:
    """The name the parser took for a second owner of a noun said with "my" or "our":
    "Sam's my boyfriend now" (Sam is the boyfriend, not his owner; not "Tom's my
    boyfriend's dad"), else None."""
    owners = [c for c in tok.children if c.dep_ == "poss"]
    if tok.dep_ == "poss" or len(owners) != 2 or owners[1].lower_ not in {"my", "our"}:
        return None
    name = owners[0]
    if name.pos_ != "PROPN" or not any(c.lower_ in {"'s", "’s"} for c in name.children):
        return None
    return name


def mine(tok: Token) -> bool:
    """``tok`` is said with "my" or "our"."""
    return any(c.dep_ == "poss" and c.lower_ in {"my", "our"} for c in tok.children)


def name_of(tok: Token) -> str | None:
    """A proper name attached to a noun: appositive, compound, "named X"/"called X"."""
    if (said := said_with_mine(tok)) is not None:
        return ent_text(said)  # "Priya's my girlfriend now"
    for child in tok.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return ent_text(child)
        if child.dep_ == "appos" and (owner := _owner_right_after(tok, child)) is not None:
            return ent_text(owner)  # "my boyfriend Ethan's birthday"
        if child.dep_ == "acl" and child.lower_ in {"named", "called"}:
            for grand in child.children:
                if grand.dep_ in {"oprd", "dobj", "attr", "npadvmod"} and grand.pos_ == "PROPN":
                    return ent_text(grand)
    for child in tok.rights:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            return ent_text(child)
    head = tok.head
    named = head.pos_ == "PROPN" or (head.text[:1].isupper() and head.i > head.sent.start)
    if tok.dep_ == "compound" and named and head.i > tok.i:
        # the kin word as a modifier of the name: "My budgie Kiwi", "my cousin Anna Maria",
        # "My cat Pickles" (the name tagged a common noun)
        return " ".join(t.text for t in tok.doc[tok.i + 1 : head.i + 1])
    # the parser's two subjects in "My new boyfriend Luca cooked"
    after = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if after is None or after.pos_ != "PROPN":
        return None
    same = (after.dep_, after.head.i) == (tok.dep_, tok.head.i)
    # a given name right after the noun, parsed apart from it: "What should I cook for my
    # boyfriend Matteo?" (the name read as the verb's modifier), "That was my girlfriend
    # Amara walking past" (read as the subject of "walking")
    given = after.text in lx.first_names() and after.text[:1].isupper()
    return ent_text(after) if same or given else None


def _owner_right_after(tok: Token, thing: Token) -> Token | None:
    """The name right after ``tok`` that owns ``thing``, the parser's reading of "my
    boyfriend Ethan's birthday" (the birthday an apposition of the boyfriend)."""
    after = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
    if after is None or after.pos_ != "PROPN" or after.dep_ != "poss" or after.head != thing:
        return None
    return after


def entity_of(tok: Token) -> tuple[int, int, str] | None:
    """``(start, end, label)`` of the named entity ``tok`` belongs to, or None, read
    from the tokens' IOB tags around it: the cost is the entity's length, not the
    document's (``doc.ents`` builds every entity of the document on each access)."""
    if tok.ent_iob_ not in ("B", "I"):
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end, doc[start].ent_type_


def sentence_entities(sent: Any) -> list[tuple[Any, str]]:
    """The named entities inside a sentence with their labels, in order: what
    ``sent.ents`` gives, read from the sentence's own tokens (``sent.ents`` walks every
    entity of the document)."""
    out: list[tuple[Any, str]] = []
    doc, stop = sent.doc, sent.end
    i = sent.start
    while i < stop:
        if doc[i].ent_iob_ == "B":
            end = i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if end <= stop:
                out.append((doc[i:end], doc[i].ent_type_))
            i = end
        else:
            i += 1
    return out


def a_day(tok: Token) -> bool:
    """``tok`` names a day or a time, as the owner of "Today's developer problem"."""
    return tok.ent_type_ in {"DATE", "TIME"} or tok.lower_ in {"today", "tonight", "yesterday"}


def names_the_place(case: Token) -> bool:
    """``case`` is the "'s" of a name that stands for a shop or a firm of that name, not
    for something its owner has: "I work at Sainsbury's", "Got a job at Domino's" (but
    "Tom's car" is Tom's, and "staying at Tom's" is at Tom's home)."""
    owner = case.head
    return (
        case.dep_ == "case"
        and case.i == owner.i + 1
        and owner.dep_ in _OBJECTS  # not "Keto's been binned", the "'s" read as a case
        and owner.pos_ == "PROPN"
        and owner.ent_type_ not in {"GPE", "LOC", "NORP"}  # "worse than Ghent's were"
        and (owner.ent_type_ == "ORG" or owner.text not in lx.first_names())
    )


_OBJECTS = frozenset({"pobj", "dobj", "conj", "appos", "attr", "oprd"})


def with_its_case(doc: Doc, end: int) -> int:
    """``end``, or one more where the word after a name is the "'s" of a shop's name."""
    return end + 1 if end < len(doc) and names_the_place(doc[end]) else end


def ent_text(tok: Token) -> str:
    """The whole named entity (or proper-noun compound) a token belongs to."""
    found = entity_of(tok)
    if found is not None and found[2] in ENTITY_TYPES:
        start = found[0]
        if tok.i > start and _opener(tok.doc[start]):
            start += 1  # a chat's subjectless verb tagged part of the name: "Took Biscuit"
        ent = tok.doc[start : with_its_case(tok.doc, found[1])]
        words = [
            t
            for t in ent
            if t.lower_ != "the"
            and (t.dep_ != "case" or names_the_place(t))
            and t.text not in {"a", "an"}
        ]  # "drive a Vauxhall Astra", the article inside the entity the tagger found
        return spaced(words) if words else tok.text
    parts = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if parts and _opener(parts[0]):
        parts = parts[1:]  # "Meet Pretzel, my new gecko", no entity found
    return " ".join([*(c.text for c in parts), tok.text])


def died(verb: Token) -> bool:
    """The verb says its subject died: "Nibbles died", "Captain passed away", "Sheldon
    passed on at 60" (not "I passed on the message", which has an object, nor "I passed
    on the job", a preposition)."""
    lemma = verb.lemma_.lower()
    if lemma == "die":
        return True
    if lemma != "pass":
        return False
    if any(c.lower_ == "away" for c in verb.children):
        return True
    return any(c.dep_ == "prt" and c.lower_ == "on" for c in verb.children) and not any(
        c.dep_ == "dobj" for c in verb.children
    )


def on_a_day(verb: Token) -> bool:
    """The verb is said of a day or a time ("I'm seeing Muse on Friday", "seeing Tom
    tonight"), not of how long ("since March", "for a few weeks")."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in {"since", "for"}:
            continue
        if c.dep_ in {"npadvmod", "prep", "advmod"} and any(
            t.ent_type_ in {"DATE", "TIME"} for t in c.subtree
        ):
            return True
    return False


def spaced(toks: Sequence[Token]) -> str:
    """The text of ``toks``, spaced as written where they follow each other ("Coca-Cola",
    "St Mungo's Hospital") and by one space where words between were left out."""
    return "".join(
        ("" if i == 0 else toks[i - 1].whitespace_ if toks[i - 1].i == t.i - 1 else " ") + t.text
        for i, t in enumerate(toks)
    )


def _opener(tok: Token) -> bool:
    """A chat's subjectless opening verb, capitalised and taken for part of a name."""
    return tok.lower_ in lx.OPENING_VERBS and tok.i == tok.sent.start


def is_person_name(tok: Token, ctx: Context) -> bool:
    if not tok.text[:1].isupper():
        return False
    if tok.pos_ in {"PROPN", "NOUN"} and (
        tok.text in {ctx.speaker, ctx.addressee} or tok.ent_type_ == "PERSON"
    ):
        return True
    # a given name that is no word, however the tagger took it ("Ravi is my fiancé now",
    # "Sven is my boyfriend now", Sven tagged an adverb)
    return (
        tok.pos_ in _NAME_TAGS and tok.text in lx.first_names() and not en.in_dictionary(tok.lower_)
    )


def name_like(tok: Token) -> bool:
    """A proper name, or a capitalised word the tagger took for something else ("Bramble",
    an adjective to it) that no entity type but a person's says is not a name."""
    if tok.pos_ == "PROPN":
        return True
    return (
        tok.text[:1].isupper()
        and tok.is_alpha
        and not tok.is_stop
        and tok.ent_type_ in {"PERSON", ""}
        and tok.lower_ != "i"
    )


#: what the tagger takes a given name for
_NAME_TAGS = frozenset({"PROPN", "NOUN", "ADV", "ADJ", "INTJ", "X", "VERB"})


def guessed(tok: Token) -> bool:
    """The "who" (or "whose") of a teasing "Guess who's a New Yorker now?", "Guess whose
    badge says Netflix?": the speaker, as the answer ("Me!") says. Not the object of
    "Guess who I saw at Lidl?"."""
    if tok.lower_ not in {"who", "whose"}:
        return False  # (before the sentence is looked for: most tokens stop here)
    first = next((t for t in tok.sent if not t.is_space), tok.sent[0])  # "lol" blanked
    if first.lower_ != "guess" or first.i + 1 != tok.i:
        return False
    if tok.lower_ == "whose":
        return tok.dep_ == "poss" and tok.head.dep_ in {"nsubj", "nsubjpass"}
    return tok.dep_ in {"nsubj", "nsubjpass"}


def resolve(tok: Token, ctx: Context) -> Referent | None:
    """The person a subject (or object) mention denotes, or None when unsure."""
    low = tok.lower_
    if low in FIRST or guessed(tok):
        return Referent(ctx.speaker)
    if low in SECOND:
        return Referent(ctx.addressee) if ctx.addressee else None
    if low in {"he", "she", "him", "her"}:
        gender = "f" if low in {"she", "her"} else "m"
        cands = {r.name: r for i, r, g in ctx.people if i < tok.i and g in {gender, "?"}}
        if len(cands) == 1:
            ref = next(iter(cands.values()))
            return Referent(ref.name, ref.type, ref.text, 0.6)
        return None
    if tok.pos_ == "PRON":
        return None
    lemma = tok.lemma_.lower()
    if lemma in en.KIN:
        owner = owner_of(tok, ctx)
        if owner is None:
            return None
        named = name_of(tok)
        kind = "thing" if lemma in en.PETS else "person"
        phrase = _compact_words(tok, ctx)
        if named:
            return Referent(named, kind, f"{phrase} {named}")
        return Referent(phrase, kind)
    if is_person_name(tok, ctx):
        return Referent(ent_text(tok))
    if (
        tok.dep_ in {"npadvmod", "advmod"}
        and tok.text[:1].isupper()
        and tok.text in lx.first_names()
    ):
        return Referent(tok.text)  # "Raj got a puppy", the subject tagged an adverb
    return None


def gender_of(tok: Token) -> str:
    lemma = tok.lemma_.lower()
    return "f" if lemma in en.FEMALE else "m" if lemma in en.MALE else "?"


def note_people(sent: Any, ctx: Context) -> None:
    """Remember people mentioned in a sentence as antecedents for he/she."""
    for tok in tokens(sent):
        if tok.lower_ in FIRST or tok.pos_ == "PRON" or tok.dep_ in {"compound", "appos"}:
            continue
        if tok.lemma_.lower() in en.KIN or (tok.ent_type_ == "PERSON" and tok.ent_iob_ == "B"):
            ref = resolve(tok, ctx)
            if ref is not None and ref.name not in {ctx.speaker, ctx.addressee}:
                ctx.people.append((tok.i, ref, gender_of(tok)))


# --- assertion gates -----------------------------------------------------------------


def is_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in en.MODALS | {"wo", "ca"} for c in verb.children)


def modestly_put(verb: Token) -> bool:
    """ "I'd call myself flexitarian", "I would describe myself as a runner", "I'd say I'm
    vegetarian now": a modest way of saying it, but said."""
    lemma = verb.lemma_.lower()
    if lemma not in {"call", "describe", "say"} or not any(
        c.dep_ == "aux" and c.lower_ in {"would", "'d", "d"} for c in verb.children
    ):
        return False
    if lemma == "say":
        return any(c.dep_ == "ccomp" for c in verb.children)
    return any(c.lower_ == "myself" for c in verb.children)


def enduring(verb: Token) -> bool:
    """ "My favourite band has always been Queen", "I've always been vegan", "Coldplay
    will always be my number one": holds now and goes on holding."""
    return any(
        c.dep_ == "aux" and (c.tag_ in {"VBZ", "VBP"} or c.lower_ in {"will", "'ll"})
        for c in verb.children
    ) and any(c.dep_ == "advmod" and c.lower_ in {"always", "forever"} for c in verb.children)


def is_negated(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or child.lower_ in {"never", "no longer"}:
            return True
        if (
            child.dep_ in {"dobj", "attr"}
            and any(g.dep_ == "det" and g.lower_ == "no" for g in child.children)
            and not any(t.text == "," for t in verb.doc[verb.i + 1 : child.left_edge.i])
        ):
            return True  # "I'm no expert", not "I'm flexitarian now, no rules"
    return False


#: verbs whose past is spelled as their base form, which the tagger may take for a command
_PAST_AS_BASE = frozenset({"put", "quit", "set", "cut", "let", "shut", "split", "spread"})


def opens_the_sentence(verb: Token) -> bool:
    """A subjectless chat clause opening the sentence, a comma before the clause it hangs
    from: the speaker's ("Started boxing lessons, my coach says I've got a decent jab",
    "Can't stop listening to Adele, she's my favourite")."""
    before = verb.doc[verb.sent.start : verb.i]  # none, or the verb's own modal and "not"
    past = verb.tag_ in {"VBD", "VBN", "VBG"} or (
        verb.tag_ == "VB" and verb.lower_ in _PAST_AS_BASE
    )  # "Put down roots in Mysore, my mother wants to visit": "Put" read as a command
    return (
        all(t.head.i == verb.i and t.dep_ in {"aux", "neg"} for t in before)
        and (past or any(t.tag_ == "MD" for t in before))
        and verb.i < verb.head.i
        and any(t.text == "," for t in verb.doc[verb.i + 1 : verb.head.i])
    )


def is_reported(verb: Token) -> bool:
    """Inside a reported, wished or supposed complement ("I think he lives ...")."""
    tok = verb
    for _ in range(4):
        if tok.dep_ not in {"ccomp", "xcomp", "advcl", "conj", "relcl", "acl"}:
            return False
        came, tok = tok, tok.head
        if tok.lemma_.lower() in en.REPORT_VERBS:
            if came.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in came.children):
                return False  # "My sister thinks I'm mad, but I retrained": said beside it
            mine = any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in tok.children)
            if opens_the_sentence(came) and not mine:
                return False  # "Put down roots in Kochi, my aunt wants to visit" (but "Saw
                # Coldplay trending, tickets will go fast I bet": the speaker's guess)
            if _before_a_trailing_report(verb, came, tok):
                return False  # "..., so I'm working as a junior accountant, the smell of
                # coffee will finally leave my hands I hope": what is hoped comes last
            return (
                reports(tok, came)
                and not avowed(tok)
                and not glad_to_hear(tok)
                and not modestly_put(tok)
                and not told_of_myself(tok, came)
            )
    return False


def told_of_myself(report: Token, clause: Token) -> bool:
    """The speaker telling of their own present: "I told my mum I'm flexitarian now",
    "when I said I'm doing carnivore now" (not "I said I'd move", "I told her I was
    vegan", "Tom says I'm mad")."""

    def mine(verb: Token) -> bool:
        return any(c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in verb.children)

    present = clause.tag_ in {"VBP", "VBZ"} or any(
        c.dep_ == "aux" and c.tag_ in {"VBP", "VBZ"} for c in clause.children
    )
    return (
        report.lemma_ in {"tell", "say", "announce", "mention", "explain"}
        and mine(report)
        and mine(clause)
        and present
        and not any(c.tag_ == "MD" for c in clause.children)
    )


def _before_a_trailing_report(verb: Token, clause: Token, report: Token) -> bool:
    """``verb`` is a statement before a comma, in front of the clause a report verb at
    the end of the sentence reports ("..., it'll be fine I hope"): not reported."""
    doc = verb.doc
    return (
        verb.i < clause.i < report.i
        and clause.i != verb.i
        and report.i >= report.sent.end - 2
        and any(t.text in {",", ";"} for t in doc[verb.right_edge.i + 1 : clause.i])
    )


def glad_to_hear(verb: Token) -> bool:
    """ "Dad will be thrilled to hear I've gone vegan", "Mum was sad to hear we split":
    what someone is glad or sad to hear is so."""
    glad = verb.head.tag_ in {"JJ", "VBN"}  # "thrilled" may be read as a participle
    return verb.lemma_.lower() == "hear" and verb.dep_ == "xcomp" and glad


def reports(verb: Token, clause: Token) -> bool:
    """Whether ``verb`` reports ``clause`` (below it), not so in "We had to rehome Bella,
    my landlord said no pets": what the landlord said is its own object; nor in "Said
    goodbye to Leeds, Lyon is home now": a greeting said is all that was said."""
    if given(clause):
        return False  # "The house feels so quiet since we lost Bramble"
    if clause.i < verb.i and any(c.dep_ == "acomp" for c in verb.children):
        return False  # "It's all about padel, tennis feels slow now": a linking verb
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ != "PRON"]
    if any(c.lower_ in _SAID_WORDS and c.dep_ in _SAID_AS for c in verb.children):
        return False  # (also "I gave up tennis, my elbow said enough": "enough" an adverb)
    if clause.i < verb.i and any(
        c.dep_ in {"ccomp", "prep"} and c.i > verb.i for c in verb.children
    ):
        return False  # "Went on a date with Sanne, I think she's the one": what is thought
        # comes after ("Radiohead are my favourite, so I'm thinking of a tattoo")
    return not (clause.i < verb.i and objects)


#: what opens a clause that tells a cause or a time: asserted, whatever the clause it
#: hangs from ("It feels so quiet since we lost Bramble")
_GIVEN = frozenset({"since", "because", "after", "now", "once"})


def given(clause: Token) -> bool:
    """``clause`` tells a cause or a time of the clause it hangs from, as a fact."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _GIVEN for c in clause.children
    )


#: what is said when only that is said ("said goodbye to Leeds", "my knees said no")
_SAID_WORDS = frozenset(
    {"goodbye", "bye", "farewell", "hello", "hi", "yes", "thanks", "enough", "no", "nope"}
)
#: how the parser attaches such a word to the verb
_SAID_AS = frozenset({"dobj", "advmod", "intj", "npadvmod", "dep", "attr"})


#: verbs by which a speaker softens what they say of themselves ("I think I'm vegan now")
_HEDGES = frozenset({"think", "guess", "reckon", "suppose"})


def _hedge(verb: Token, children: set[str]) -> bool:
    """The speaker's own hedge on the present, "I think Haim is my favourite band now",
    "I guess I'm a city person": asserted; not "I thought", "I don't think", "do you
    think", or a hedge on someone else ("I think Tom moved to Rome")."""
    # a chat's subjectless "Guess I'm not a vegetarian anymore" is the speaker's hedge
    opening = verb.i == verb.sent.start and not any(c.dep_ == "nsubj" for c in verb.children)
    if verb.lemma_.lower() not in _HEDGES or children & {"n't", "not"}:
        return False
    if verb.tag_ != "VBP" and not (opening and verb.tag_ in {"VB", "NN", "NNP"}):
        return False
    if children & {"do", "did"} or ("i" not in children and not opening):
        return False
    said = [c for c in verb.children if c.dep_ == "ccomp"]
    return bool(said) and any(
        t.lower_ in {"i", "my", "me", "i'm"} for t in said[0].subtree if t.dep_ != "punct"
    )


#: verbs by which the speaker owns up to what follows ("I must say", "I have to admit")
_OWNING_UP = frozenset({"say", "admit", "confess"})


def told_news(verb: Token) -> bool:
    """ "Did I tell you we moved to Valencia?", "Did I mention I'm at KPMG now?", "Did
    you hear I got promoted?": news the speaker asks whether they told, or the listener
    heard, and so tells (not "Did I tell you about Rome?")."""
    if verb.sent[0].lower_ not in {"did", "have", "has"}:
        return False
    children = {c.lower_ for c in verb.children}
    asker = "i" if verb.lemma_ in {"tell", "mention", "say"} else "you"
    if verb.lemma_ not in {"tell", "mention", "say", "know", "hear"} or asker not in children:
        return False
    return any(c.dep_ == "ccomp" for c in verb.children)


def avowed(verb: Token) -> bool:
    """A report verb by which the speaker asserts what it reports: amazement ("Can't
    believe I've been in Leeds a year", "I'm a radio presenter now, can you believe
    it?", "Can you believe I'm driving a Kia now?") or news told with feeling ("Happy to
    say I'm at Roche now", "Sad to report that Biscuit died")."""
    children = {c.lower_ for c in verb.children}
    if _hedge(verb, children):
        return True
    if verb.lemma_ == "believe":  # "Can't believe ...", and "..., can you believe it?"
        if children & {"ca", "can", "could"} and children & {"n't", "not"}:
            return True
        if {"it", "or", "not"} <= children:
            return True  # "I'm vegan now, believe it or not"
        asked = bool(children & {"can", "could"}) and "you" in children
        # "..., can you believe it?", "Can you believe I'm driving a Kia now?"
        return asked and ("it" in children or any(c.dep_ == "ccomp" for c in verb.children))

    if verb.lower_ == "guess":  # "Guess who's ...", also after a blanked "lol"
        return any(guessed(t) for t in verb.doc[verb.i + 1 : verb.i + 2])
    if told_news(verb):
        return True
    if verb.lemma_ in _OWNING_UP and "i" in children and children & {"must", "have", "got"}:
        return True  # "I must say, I don't miss Boston since we moved to Charleston"
    return (
        verb.lemma_ in {"say", "report", "announce", "tell"}
        and verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in en.FEELINGS
    )


#: verbs of a forced choice ("If I had to pick one favourite food, it'd be paella")
_PICKING = frozenset({"pick", "choose", "name", "say"})


def forced_choice(verb: Token) -> Token | None:
    """The category of "If I had to pick one favourite food, it'd be paella" (``verb``
    the "be" of its main clause): a favourite stated through a conditional, asserted;
    also "If I could only eat one thing forever, it would be sushi" ("thing")."""
    if verb.lemma_ != "be" or not any(c.lower_ in {"would", "'d"} for c in verb.children):
        return None
    for cond in verb.children:
        if cond.dep_ != "advcl" or not any(c.lower_ == "if" for c in cond.children):
            continue
        if not any(c.lower_ == "i" for c in cond.children):
            continue
        if cond.lemma_ == "have":
            for pick in cond.children:
                if pick.dep_ == "xcomp" and pick.lemma_ in _PICKING | {"eat"}:
                    return _one_thing(pick)
        elif cond.lemma_ == "eat" and any(c.tag_ == "MD" for c in cond.children):
            return _one_thing(cond)  # "If I could only eat one thing forever, it'd be sushi"
    return None


def _one_thing(pick: Token) -> Token | None:
    """What ``pick`` picks ("one favourite food"), or, for "eat", its "one thing"."""
    obj = next((c for c in pick.children if c.dep_ == "dobj"), None)
    if pick.lemma_ != "eat":
        return obj
    one = obj is not None and obj.lemma_ == "thing" and any(c.lower_ == "one" for c in obj.children)
    return obj if one else None


#: verbs whose subjectless "-ing" opens a sentence that weighs something up
_WEIGHING = frozenset({"think", "consider", "plan", "hope", "debate", "contemplate", "weigh"})


#: the prefix of what ``per_span`` and ``per_token`` keep in a doc's ``user_data``
_MEMO = "graphmem.once."


def forget_memos(doc: Any) -> None:
    """Drop what ``per_span`` and ``per_token`` kept in ``doc``: the tokens kept point
    back at the doc, a cycle only the garbage collector would free, with the parse."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(_MEMO)]:
        del doc.user_data[key]


def _once_per_parse(fn: Callable[[Any], T], where: Callable[[Any], Hashable]) -> Callable[[Any], T]:
    """``fn`` of a token or span, worked out once per parse and ``where`` it is: kept in
    the doc's ``user_data`` (a parse is not changed once made)."""
    key = _MEMO + fn.__name__

    @functools.wraps(fn)
    def once(item: Any) -> T:
        known: dict[Hashable, T] = item.doc.user_data.setdefault(key, {})
        at = where(item)
        if at not in known:
            known[at] = fn(item)
        return known[at]

    return once


def per_span(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """``fn`` of a span, worked out once per span of a parse (the rules, the clues and
    ``speaks_of_self`` each ask ``sentence_blocked`` of every sentence)."""
    return _once_per_parse(fn, lambda span: (span.start, span.end))


def per_token(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """``fn`` of a token, worked out once per token of a parse."""
    return _once_per_parse(fn, lambda tok: tok.i)


@per_span
def tokens(span: Any) -> tuple[Token, ...]:
    """The tokens of ``span``, made once per span of a parse: spaCy makes a new
    ``Token`` for each word at each walk over a span, and the rules walk each sentence
    many times (a ``Token`` only points into the doc, so one made before is the same)."""
    return tuple(span)


@per_span
def sentence_blocked(sent: Any) -> bool:
    """Questions, conditionals and hypotheticals: nothing in them is asserted (but a
    favourite told as a forced choice is, and one told as what the speaker could have
    forever: "I'd eat tacos every day if I could")."""
    if forced_choice(sent.root) is not None:
        return False
    if could_forever(sent.root) and all(
        t.head.tag_ == "MD" for t in tokens(sent) if t.lower_ == "if"
    ):
        return False  # "if I could" wishes for more of it, not "If I lived in Rome"
    root = sent.root
    if root.tag_ == "VBG" and root.lemma_.lower() in _WEIGHING and root.i == sent.start:
        return True  # "Thinking of going vegan", "Considering a move to Porto": a plan
    # "Guess who's a New Yorker now?", "Did I tell you we moved to Valencia?"
    teasing = (
        any(guessed(t) for t in sent[1:3])
        or told_news(root)
        or _marvelled(sent)
        or (root.lemma_ == "believe" and avowed(root))  # "..., can you believe it?"
    )
    for tok in tokens(sent):
        if tok.text == "?" and not teasing:
            return True
        if (
            tok.lower_ in en.HYPOTHETICAL
            and tok.pos_ != "PROPN"  # "My favourite band is Imagine Dragons"
            and not _hedge(tok, {c.lower_ for c in tok.children})
            and not _hedges_an_amount(tok)
            and not _aside_doubt(tok)
            and not _doubt_of_its_own(tok)
            and not _even_if(tok)
            and not _if_of_speech(tok)
            and not _if_of_consequence(tok)
        ):
            return True  # but the speaker's "I suppose I'm a pescatarian now"
        if tok.lower_ == "wish" and tok.pos_ == "VERB" and not _wished_luck(tok):
            return True
    return False


def _wished_luck(wish: Token) -> bool:
    """ "..., wish me luck": a send-off, no wish of the speaker's."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() == "luck" for c in wish.children)


def could_forever(verb: Token) -> bool:
    """ "I could eat ramen every day", "I'd listen to Elbow forever", "I could live on
    pierogi": emphatic."""
    if verb.lemma_.lower() not in {"eat", "listen", "watch", "play", "live"}:
        return False
    if not any(c.lower_ in {"could", "would", "'d"} for c in verb.children):
        return False
    words = {t.lower_ for t in verb.subtree}
    any_day = {"any", "day"} <= words  # "I'd eat a burrito any day of the week"
    return (
        bool(words & {"forever", "every", "daily", "nonstop"})
        or any_day
        or (
            verb.lemma_.lower() == "live"
            and any(c.dep_ == "prep" and c.lower_ == "on" for c in verb.children)
        )
    )  # "I could live on pierogi"


def _marvelled(sent: Any) -> bool:
    """A statement of the speaker's own in the shape of one, marked with "??" in
    disbelief: "sooo I live in Lisbon now??" (not "I should move?", "You live here?")."""
    root = sent.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lower_ not in {"i", "we"} or subj.i > root.i:
        return False
    if any(c.dep_ == "aux" and c.tag_ == "MD" for c in root.children):
        return False
    marks = [t for t in tokens(sent) if t.text.startswith("?")]
    return bool(marks) and (len(marks) > 1 or len(marks[0].text) > 1 or "!" in sent.text)


def reaches_now(span: Any) -> bool:
    """A span of time ("for two years") that reaches up to now: told with a present
    perfect ("I've lived in Leeds for six months", a chat's "Been at Tesco for three
    years") or followed by "now", "already" or "so far" ("Vegan for a year now"); not
    one that is over ("I lived in Oslo for two years") or a trip's ("in Spain for two
    weeks")."""
    doc = span.doc
    after = [t.lower_ for t in doc[span.end : min(span.end + 2, span.sent.end)]]
    if after[:1] in (["now"], ["already"]) or after in (["so", "far"], ["and", "counting"]):
        return True
    verb = span.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.tag_ != "VBN":
        return False
    return verb.i == verb.sent.start or any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in {"VBP", "VBZ"} for c in verb.children
    )


def clause_of_its_own(tok: Token) -> Token | None:
    """The verb of a joined clause with a subject of its own that holds ``tok``, if
    any: "next weekend" in "I live in Porto and my sister's visiting next weekend"."""
    cur = tok
    while cur.head.i != cur.i:
        if (
            cur.dep_ == "conj"
            and cur.pos_ in {"VERB", "AUX"}
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in cur.children)
        ):
            return cur
        cur = cur.head
    return None


def _aside_doubt(tok: Token) -> bool:
    """A doubt inside a clause that comments on the sentence or asks within it, whose
    own words are judged on their own: "..., which is probably bad", "my dad asks if I
    want chicken", "I don't know whether I'll stay" (not "If I lived in Rome")."""
    clause = tok if tok.pos_ in {"VERB", "AUX"} else tok.head
    if tok.lower_ in en.HEDGING_ADVERBS and _said_by_another(clause):
        return True  # "my neighbour said it's probably the exhaust": the neighbour's doubt
    if clause.dep_ == "relcl" or any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"which", "who"} for c in clause.children
    ):
        return clause.dep_ != "ROOT"
    return (
        tok.lower_ in {"if", "whether"}
        and tok.dep_ == "mark"
        and clause.dep_ == "ccomp"
        and clause.head.lemma_.lower() in _ASKING
    )


def _doubt_of_its_own(tok: Token) -> bool:
    """A hedge in a joined clause of its own, after a statement, doubts that clause only:
    "I'm vegan, so I'll probably just have the salad"."""
    return tok.lower_ in en.HEDGING_ADVERBS and clause_of_its_own(tok) is not None


def _even_if(tok: Token) -> bool:
    """ "even if" or "as if" said beside a statement: "Coldplay are my favourite, even if
    everyone mocks me for it" (not "If I lived in Rome")."""
    if tok.lower_ != "if" or tok.i == tok.sent.start:
        return False
    main = tok.head.head  # not "Even if I moved to Rome, I'd miss Leeds": supposed
    return tok.doc[tok.i - 1].lower_ in {"even", "as"} and not is_modal(main)


def _if_of_speech(tok: Token) -> bool:
    """An "if" that conditions the saying, not what is said: "if you're asking, it's
    pierogi", "if you must know", "if I'm honest", "if I'm quiet this week, that's why"."""
    if tok.lower_ != "if":
        return False
    verb = tok.head
    subj = next((c.lower_ for c in verb.children if c.dep_ == "nsubj"), None)
    if subj == "you" and verb.lemma_.lower() in {"ask", "wonder", "know"}:
        return True
    if subj == "i" and any(c.lower_ in {"honest", "real", "truthful"} for c in verb.children):
        return True
    main = verb.head
    return (
        main.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.lower_ in {"that", "this"} for c in main.children)
        and any(c.lower_ in {"why", "reason"} for c in main.children)
    )


def _if_of_consequence(tok: Token) -> bool:
    """An "if" that conditions only what the speaker does because of the statement:
    "I'm paleo, so I'll bring my own food if that's okay" (not "If I get the job, I'll
    move", "I'd move to Rome if I could")."""
    if tok.lower_ != "if" or tok.dep_ != "mark":
        return False
    consequence, root = tok.head.head, tok.sent.root
    return (
        consequence.dep_ == "advcl"
        and consequence.head == root
        and any(c.dep_ == "mark" and c.lower_ in {"so", "because"} for c in consequence.children)
        and not is_modal(root)
    )


def _said_by_another(clause: Token) -> bool:
    """``clause`` is what someone other than the speaker says or thinks: "Gary said it's
    probably the exhaust" (not "I think it's probably the exhaust")."""
    if clause.dep_ != "ccomp" or clause.head.lemma_.lower() not in en.REPORT_VERBS:
        return False
    subjects = [c for c in clause.head.children if c.dep_ == "nsubj"]
    return bool(subjects) and subjects[0].lower_ not in {"i", "we"}


#: verbs whose object is a question asked within a statement: "asks if", "wonder whether"
_ASKING = frozenset({"ask", "wonder", "know", "check", "see", "decide", "care", "mind"})


def _hedges_an_amount(tok: Token) -> bool:
    """A "maybe" on a word that is no verb: "I'm a flexitarian, meat maybe twice a
    week" says how often, not whether."""
    return tok.lower_ in en.HEDGING_ADVERBS and tok.head.pos_ not in {"VERB", "AUX"}


def quoted_tokens(doc: Any) -> frozenset[int]:
    inside, marked = False, []
    for tok in doc:
        if tok.text in {'"', "“", "”", "``", "''"}:
            inside = not inside if tok.text not in {"“", "”"} else tok.text == "“"
            continue
        if inside:
            marked.append(tok.i)
    return frozenset(marked)


# --- phrases and texts -----------------------------------------------------------------


def _compact_words(head: Token, ctx: Context, *, lemma_head: bool = False) -> str:
    """Head noun with its left modifiers, no determiners: "small pottery class"."""
    words: list[str] = []
    doc, start = head.doc, head.i
    while (
        start > head.sent.start
        and not doc[start - 1].whitespace_
        and doc[start - 1].i in {t.i for t in head.subtree}
    ):
        start -= 1  # "five-a-side", its article inside the word
    for child in head.lefts:
        if child.i >= start:
            continue
        if child.dep_ in {"compound", "amod", "nummod", "nmod", "npadvmod", "quantmod"}:
            if child.text == ctx.addressee or child.tag_ in {"WDT", "WP"}:
                continue
            sub = list(child.subtree)
            for tok in sub:
                sep = tok.whitespace_ if tok.i != sub[-1].i else " "
                words.append(_word(tok, ctx, keep_case=tok.pos_ == "PROPN") + (sep or ""))
        elif child.dep_ == "poss":
            words.append(_possessor(child, ctx) + " ")
    if start < head.i:
        joined = doc[start : head.i + 1].text
        words.append(joined if head.pos_ == "PROPN" else joined.lower())
    elif head.pos_ == "PROPN" or head.ent_type_ in ENTITY_TYPES:
        words.append(head.text)
    else:
        # not "ramen" -> "raman", nor "pilates" -> "pilate": a word the lexicons know
        plural = head.tag_ == "NNS" and head.lower_.endswith("s") and head.lower_ not in lx.SPORTS
        words.append(head.lemma_.lower() if lemma_head and plural else head.lower_)
    return " ".join("".join(words).split())


def _possessor(tok: Token, ctx: Context) -> str:
    low = tok.lower_
    if low in FIRST_POSS or low in {"our", "ours"}:
        return en.possessive(ctx.speaker)
    if low in SECOND_POSS:
        return en.possessive(ctx.addressee) if ctx.addressee else "your"
    if tok.pos_ in {"PROPN", "NOUN"}:
        inner = _compact_words(tok, ctx)
        return en.possessive(inner)
    return low


def _word(tok: Token, ctx: Context, *, keep_case: bool) -> str:
    if tok.lower_ in FIRST_POSS or tok.lower_ in SECOND_POSS or tok.dep_ == "poss":
        return _possessor(tok, ctx)
    return tok.text if keep_case else tok.lower_


def phrase(
    tok: Token, ctx: Context, *, lemma_head: bool = False, with_in: bool = False
) -> str | None:
    """A compact noun phrase for an object token; None for pronouns, dates and symbols
    (an emoji is no value; "date night w/ tom ❤️": "tom")."""
    text = _phrase(tok, ctx, lemma_head=lemma_head, with_in=with_in)
    if text is None:
        return None
    return " ".join(w for w in text.split() if any(c.isalnum() for c in w)) or None


def _paired_name(tok: Token) -> str | None:
    """ "X and Y" that a lexicon knows as one thing ("mac and cheese")."""
    conj = next((c for c in tok.children if c.dep_ == "conj"), None)
    if conj is None or conj.i != tok.i + 2 or tok.doc[tok.i + 1].lower_ != "and":
        return None
    words = tok.doc[tok.i : conj.i + 1]
    return words.text if words.text.lower() in lx.FOODS | lx.DRINKS | lx.GENRES else None


def _phrase(tok: Token, ctx: Context, *, lemma_head: bool, with_in: bool) -> str | None:
    if tok.lower_ in en.PRONOUN_OBJECTS or tok.i in ctx.date_at or tok.pos_ == "PRON":
        return None
    if any(c.lower_ in en.PRONOUN_OBJECTS and c.dep_ != "det" for c in tok.lefts):
        return None
    if any(c.tag_ in {"WDT", "WP"} for c in tok.lefts):
        return None
    named = name_of(tok)
    if named:
        return named
    if tok.pos_ == "PROPN" or (tok.ent_type_ in ENTITY_TYPES and tok.ent_type_ != "NORP"):
        return ent_text(tok)
    if tok.lemma_.lower() in en.CLASS_NOUNS:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return phrase(grand, ctx, lemma_head=lemma_head)
    paired = _paired_name(tok)
    if paired:
        return paired  # "mac and cheese", "fish and chips": one dish, not two
    text = _compact_words(tok, ctx, lemma_head=lemma_head)
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in ({"of", "in"} if with_in else {"of"}):
            for grand in child.children:
                if grand.dep_ == "pobj":
                    inner = phrase(grand, ctx, with_in=with_in)
                    if inner:
                        return f"{text} {child.lower_} {inner}"
        if child.dep_ in {"prep", "relcl", "acl", "punct", "cc"}:
            break
    return text


def car_of(noun: Token) -> str | None:
    """The make or model a "driver" or an "owner" is of: "a Skoda driver", "a proud
    Model 3 owner"; None for any other noun."""
    if noun.lemma_.lower() not in {"driver", "owner"}:
        return None
    doc = noun.doc
    for n in (2, 1):
        if noun.i - n < noun.sent.start:
            continue
        said = doc[noun.i - n : noun.i].text
        if said.lower() in lx.CAR_MODELS or said.lower() in lx.CAR_MAKES:
            return said
    return None
