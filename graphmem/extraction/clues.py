"""Sentence clues for the predicate frames: for each asserted sentence, the typed objects
it mentions, whom each is about and whether it is stated as holding (``new``) or as over
(``old``: "no longer", "quit", "moved from X", "broke up with", "sold", "passed away").

The rules here do not decide the predicate; the frame matcher does, from the sentence's
vector. They decide what a sentence's objects are, whose they are, and their role:
- a possessor wins: "my sister's flat in Lyon" is about the sister, "our new place in
  Porto" about the speaker; a clause subject comes next ("my cousin is moving to Lyon"
  is about the cousin); "I", "we" and a missing subject ("Started at Siemens on Monday!")
  mean the speaker; "you" and unresolved pronouns give nothing;
- questions, conditionals, modals, plans ("want to", "thinking about") and reported
  speech give nothing; a date in the future makes a plan, not a fact.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from graphmem.codec import entity_key
from graphmem.extraction import english as en
from graphmem.extraction import lexicon as lx
from graphmem.extraction.base import Clue, ObjectClue, surely_no_town
from graphmem.extraction.clauses import (
    FIRST,
    FIRST_POSS,
    SECOND,
    SECOND_POSS,
    Context,
    Referent,
    a_day,
    avowed,
    clause_of_its_own,
    could_forever,
    died,
    enduring,
    ent_text,
    given,
    glad_to_hear,
    guessed,
    is_modal,
    is_reported,
    mine,
    modestly_put,
    name_like,
    note_people,
    on_a_day,
    opens_the_sentence,
    per_token,
    reports,
    resolve,
    sentence_blocked,
    tokens,
    told_of_myself,
)
from graphmem.extraction.copula import antecedent
from graphmem.extraction.memories import first_child, subject_token
from graphmem.extraction.mentions import (
    DETERMINERS,
    JOB_LIFE,
    Mention,
    acts_on_me,
    and_i,
    back_on,
    commuted_to,
    find_mentions,
    kept_elsewhere,
    listening_summed_up,
    moved_from_a_stint,
    music_made_by,
    on_repeat,
    opening_word_is,
    owned_in_passing,
    owned_type,
    played,
    replaces_a_name,
    where_i,
    years_at,
)
from graphmem.extraction.render import clause_tokens
from graphmem.extraction.temporal import WEEKDAYS, DateMention
from graphmem.timeutil import shift

if TYPE_CHECKING:
    from spacy.tokens import Span, Token
else:
    Span = Token = Any

WE = frozenset({"we", "us"})
OUR = frozenset({"our", "ours"})
#: verbs whose object (or subject, for dying) is a value that ended
END_VERBS = frozenset(
    {
        "quit",
        "leave",
        "resign",
        "sell",
        "divorce",
        "dump",
        "ditch",
        "bin",
        "fire",
        "sack",
        "rehome",
        "scrap",
        "total",
        "lose",
        "die",
        "cancel",
        "retire",
        "graduate",
        "escape",
        "outgrow",
        "separate",
        "bury",
        "abandon",
        "steal",
        "nick",
        "repossess",
        "lapse",
    }
)
#: verbs that end what their complement does ("stopped listening to Haim"); on their
#: own they end nothing ("stopped at Lidl")
_STOPS = frozenset({"stop", "cease"})
#: verb + particle that end a value ("broke up with", "moved out of", "passed away")
PHRASAL_ENDS = frozenset(
    {
        ("break", "up"),
        ("split", "up"),
        ("move", "out"),
        ("give", "up"),
        ("pass", "away"),
        ("drop", "out"),
        ("lay", "off"),
        ("let", "go"),
        ("walk", "out"),
        ("get", "rid"),
        ("trade", "in"),
        ("hand", "in"),
        ("hand", "back"),
        ("turn", "in"),
        ("call", "off"),
        ("hang", "up"),
        ("move", "away"),
        ("give", "away"),
        ("give", "back"),
        ("break", "off"),
        ("go", "off"),
        ("run", "away"),
        ("run", "off"),
        ("fly", "off"),
        ("fly", "away"),
        ("write", "off"),
        ("pack", "in"),
        ("fizzle", "out"),
        ("knock", "off"),
        ("step", "away"),
        ("step", "back"),
        ("kick", "out"),
    }
)
#: verbs of change: "from X" names the old value, "to X" the new one
CHANGE_VERBS = frozenset(
    {
        "move",
        "switch",
        "relocate",
        "transfer",
        "change",
        "go",
        "upgrade",
        "downgrade",
        "trade",
        "swap",
        "head",
        "leave",
        "quit",
        "jump",
        "convert",
        "graduate",
    }
)
#: nouns of leaving: "from X" names what ended ("took early retirement from Bosch")
_LEAVING_NOUNS = frozenset({"retirement", "resignation", "redundancy", "departure", "exit"})
#: a firm's cutting of jobs: who is caught up in it has left ("the layoffs at Meta")
_LAYOFFS = frozenset({"layoff", "layoffs", "redundancies", "job cuts"})
#: verbs that, becoming a state, end a taste: "grew tired of U2", "got bored of padel"
_WEARYING = frozenset({"tired", "sick", "bored", "weary"})
#: where a car or a thing goes for good ("The Rover has gone to the scrapyard")
_SCRAPPED = frozenset(
    {"scrapyard", "scrapheap", "scrap", "crusher", "dump", "junkyard", "scrapper", "breaker"}
)
#: nouns of a change made ("the move to Ghent is done")
#: possessive pronouns standing for a noun ("anyone know a hairdresser? mine retired")
_STANDING_FOR = frozenset({"mine", "yours", "hers", "ours", "theirs"})
_CHANGE_NOUNS = frozenset({"move", "switch", "relocation", "transfer", "change", "swap"})
#: spells of work, and the feet that carry them, that end while the job goes on
_SPELLS = frozenset({"shift", "day", "week", "month", "term", "semester", "foot", "feet", "leg"})
#: state verbs: in the simple past they describe a value that is over
STATE_VERBS = frozenset({"live", "work", "be", "own", "drive", "date", "reside", "study"})
#: verbs whose subject owns their pet object ("Leo has a cat called Miso")
_OWNING = frozenset({"have", "own", "adopt", "get", "rescue", "foster", "buy", "bring", "take"})
#: verbs that, in the past tense, change a taste ("fell for", "got into")
_TASTE_CHANGES = frozenset({"fall", "get", "become", "discover", "switch", "turn", "start", "go"})
#: words that make a past sentence about something lasting
_LASTING = frozenset(
    {
        "now",
        "lately",
        "since",
        "always",
        "every",
        *en.FAVOURITE,
        "still",
        "repeat",
        "nonstop",
    }
)
#: a span of time that, after "for", makes a perfect tense lasting ("for weeks")
_SPANS = frozenset({"week", "month", "year", "age"})
#: the tags of "used" in "I used to", and in a chat's subjectless "Used to be all Blur"
_USED = frozenset({"VBD", "VBN"})
#: "found a new home for Biscuit": a pet given away
_REHOMING = frozenset({"home", "owner", "family"})
#: where a pet goes to live for good ("Clover went to a family with a big garden")
_RESCUES = frozenset({"rescue", "shelter", "sanctuary"})
_NEW_HOMES = _REHOMING | _RESCUES | {"farm"}
#: past forms of ending verbs that open subjectless chat sentences ("Quit fencing")
_ENDING_OPENERS = frozenset(
    {
        "quit",
        "left",
        "sold",
        "ditched",
        "dumped",
        "scrapped",
        "cancelled",
        "divorced",
        "rehomed",
        "swapped",
        "traded",
        "escaped",
        "stopped",
        "dropped",
        "lost",
        "buried",
        "packed",
    }
)
_SWAPS = frozenset({"leave", "quit", "trade", "swap", "exchange", "replace", "switch", "drop"})
#: nouns for a person not yet named ("met someone, his name is Karl")
_SOMEONE = frozenset(
    {"someone", "somebody", "guy", "girl", "man", "woman", "person", "lady", "bloke", "chap"}
)
#: spans of time spent somewhere ("my years at IKEA")
_YEARS = frozenset({"year", "time", "day", "decade", "stint"})
#: agreements whose end ends what they are on ("the lease on the BMW ended")
_AGREEMENTS = frozenset({"lease", "contract", "loan", "finance", "tenancy"})
#: verbs that end what they reach through "with" ("split with Jonah")
_PARTINGS = frozenset({"end", "split", "part"})
#: verbs of moving home, and of having one
_MOVES = frozenset({"move", "relocate", "emigrate", "immigrate"})
_DWELLING = lx.DWELLING_VERBS
#: nouns for who belongs to a place or a firm, and the type of what they belong to
_MEMBERS = {"resident": "place", "local": "place", "employee": "organization"}
#: nouns of employment: where one has one is an organisation ("a new job at Adidas")
_JOBS = frozenset({"job", "position", "role", "post", "internship", "contract", "gig", "shift"})
#: nouns for a firm one works for
_FIRMS = frozenset({"employer", "company", "firm", "workplace", "agency", "startup", "start-up"})
#: the people, places and routines of someone's work: "my boss at X" works with them at X
#: verbs whose object (or verb complement) is an activity someone began
_BEGINNINGS = frozenset({"start", "begin"})
#: verbs that with "up" begin an activity (the forms a small tagger leaves unlemmatised
#: when they open a subjectless sentence: "Took up archery")
_TAKING_UP = frozenset({"take", "took", "pick", "picked"})
#: verbs whose object is the value that gave way, whoever the subject
_REPLACING = lx.REPLACING_VERBS
_FAREWELLS = frozenset({"goodbye", "farewell", "bye", "adieu"})
_FAREWELL_WORDS = _FAREWELLS | {"sorry", "so long", "rip", "rest easy"}
_GREETINGS = frozenset({"hello", "hi", "welcome"})
_ENDING_WORDS = ("anymore", "any more", "no longer", "not anymore", "no more")
_FORMER = frozenset({"ex", "former", "previous", "old-", "ex-"})
_PLAN_VERBS = en.REPORT_VERBS | frozenset(
    {"want", "plan", "hope", "consider", "think", "try", "decide", "need", "wish", "dream"}
    # and what is worked towards: "I'm training to be a pilot", "studying to become a vet"
    | {"train", "study", "aspire", "aim", "prepare"}
    # and someone else's push: "My brother keeps begging me to move to Denver"
    | {"beg", "urge", "nag", "pester", "encourage", "pressure"}
)
#: verbs whose object is wished for or weighed, not had
_DESIRES = frozenset({"want", "plan", "hope", "consider", "dream", "wish", "intend", "crave"})
_NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM", "ADJ", "X"})
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
#: how a nominal fragment hangs from a clause it is not part of
_FRAGMENTS = frozenset({"conj", "parataxis", "dep", "appos", "npadvmod"})
#: verbs that open an imperative ("Bring Helen to the barbecue!"): an invitation, not a fact
_IMPERATIVES = frozenset(
    [
        "bring",
        "come",
        "send",
        "tell",
        "let",
        "say",
        "give",
        "take",
        "call",
        "text",
        "show",
        "check",
        "try",
        "go",
        "get",
        "have",
        "enjoy",
        "keep",
        "make",
        "look",
        "join",
        "invite",
        "ask",
        "remember",
        "imagine",
        "guess",
        "wish",
        "tag",
        "add",
        "order",
        "grab",
        "save",
        "book",
        "put",
        "pick",
    ]
)


def sentence_clues(doc: Any, ctx: Context) -> list[Clue]:
    """The clues of every asserted sentence of ``doc``, in text order."""
    out: list[Clue] = []
    sents = list(doc.sents)
    for i, sent in enumerate(sents):
        if sentence_blocked(sent):
            out.extend(_owned_asked_about(sent, ctx))
            out.extend(_dismissed(sent, ctx))
            continue
        note_people(sent, ctx)
        clues = _clues(sent, ctx)
        answered = _answered(sents[i - 1], sent) if i > 0 else None
        if answered == "yours":
            continue  # "Your favourite band? Haim, surely": a guess about the friend
        if answered == "mine":
            # "My favourite food these days? Pho.": the question says what the answer is
            question = sents[i - 1]
            clues = [
                replace(c, start=question.start_char, text=f"{question.text} {c.text}")
                for c in clues
            ]
        name = _name_said(sents[i + 1]) if i + 1 < len(sents) else None
        if name is not None:
            clues = [_pet_named_next(c, name) for c in clues]
        called = _someone_called(sent)
        if called is not None:  # "I've been seeing this woman called Ines since February"
            clues = [*clues, _named_clue(called, sent, sent, ctx, cue="person")]
        newcomer = _newcomer(sent) if i + 1 < len(sents) else None
        bare = _bare_name(sents[i + 1], newcomer) if newcomer is not None else None
        if newcomer is not None and bare is not None:  # "New bf! Mateo."
            clues = [*clues, _named_clue(bare, sent, sents[i + 1], ctx, newcomer, newcomer)]
        if name is not None and _met_someone(sent):
            # "Met someone! His name is Tobias.": whom the speaker met, named
            clues = [*clues, _named_clue(name, sent, sents[i + 1], ctx)]
        if not clues and i > 0:
            # "Is it OK to eat sushi twice a week? It's my favourite food.": what the
            # sentence before named, said here to be the speaker's
            clues = _antecedent_clues(sents[i - 1], sent, ctx)
        back = _said_back(sent, ctx)
        if back:  # "Had ramen on Elm Street, it's my favourite food": no one-off
            said = {o.text for c in back for o in c.objects}
            kept = [
                replace(c, objects=tuple(o for o in c.objects if o.text not in said)) for c in clues
            ]
            clues = [*(c for c in kept if c.objects), *back]
        couple = _couple_now(sent)
        other = couple is not None and (
            _named_before(sent, couple, ctx)
            or (_someone_named(sents[i - 1], ctx) if i > 0 else None)
        )
        if other and any(o.text == other for c in clues for o in c.objects):
            # "Sarah and I have been together four years": a person, surely
            clues = [_cued_as(c, other, "person") for c in clues]
        elif other:
            # "Henrik surprised me with tickets. We've been dating six weeks now."
            clues = [*clues, _named_clue(other, sent, sent, ctx, cue="person")]
        here = _lived_here(sent)
        place = here and (
            _one_place(sent.doc[sent.start : here.i], ctx)
            or (_one_place(sents[i - 1], ctx) if i else None)
        )
        if place and not any(o.text == place for c in (*out, *clues) for o in c.objects):
            # "Still not used to the altitude in Denver and I've lived here three years",
            # "Any day trips from Kraków? After living here so long I've run out of ideas"
            clues = [*clues, _named_clue(place, sent, sent, ctx, cue="place", kind="place")]
        out.extend(clues)
    return out


def _cued_as(clue: Clue, name: str, cue: str) -> Clue:
    """``clue`` with its object ``name`` shown by the sentence to be of type ``cue``."""
    objects = tuple(replace(o, cue=cue) if o.text == name else o for o in clue.objects)
    return replace(clue, objects=objects)


def _named_clue(
    name: str, first: Span, last: Span, ctx: Context, cue: str = "", kind: str = "person"
) -> Clue:
    """A clue of the speaker's about a person (or a value of another ``kind``) named
    ``name``, told from the sentence ``first`` to ``last`` (the same one, or the next
    that gives the name)."""
    text = first.text if first is last else f"{first.text} {last.text}"
    value = ObjectClue(name, ((kind, 1.0),), "new", cue=cue)
    return Clue(first.start_char, last.end_char, ctx.speaker, ctx.speaker, (value,), text=text)


#: the weight of a place reading that makes a name a town: a known one, or one tagged so
_A_TOWN = 0.9


def _lived_here(sent: Span) -> Token | None:
    """The "here" of the speaker's living where they are ("I've lived here three years",
    "after living here so long"), not denied nor supposed; None if there is none."""
    for tok in tokens(sent):
        verb = tok.head
        if tok.lower_ != "here" or verb.lemma_.lower() != "live":
            continue
        doer = verb.head if verb.dep_ == "xcomp" else verb  # "He loves living here": his
        subject = subject_token(doer)
        mine = subject is None or subject.lower_ in {"i", "we"}
        if mine and not _unasserted(verb) and not _negated(verb, tok):
            return tok
    return None


def _one_place(span: Span, ctx: Context) -> str | None:
    """The one town or country ``span`` names, if it names exactly one."""
    places = {m.text for m in find_mentions(span, ctx) if m.weight("place") >= _A_TOWN}
    return places.pop() if len(places) == 1 else None


def speaks_of_self(doc: Any) -> bool:
    """Whether ``doc`` is the speaker's about themselves alone: an asserted sentence
    with "I" or "we" as a subject, of a few words without a subject ("Had ramen four
    nights running"), or whose subject is the speaker's own thing ("My year-end stats
    were all Parcels") or said to be ("they're my new number one"), and no clause whose
    subject is someone else ("My brother went vegan", "Felix is getting married and I'm
    giving a speech"); not "This week was endless" or "I might move"."""
    own = False
    for sent in doc.sents:
        if sentence_blocked(sent):
            continue
        for verb in tokens(sent):
            subj = subject_token(verb) if verb.pos_ in {"VERB", "AUX"} else None
            if subj is None:
                continue
            mine = _first_person(subj) or _also_i(verb) or _mine_said(verb, subj)
            if not mine and _someone_else(subj) and not _asked_out(verb):
                return False
            own = own or (mine and not _weighed(verb))
        root = sent.root
        subj = subject_token(root)
        if own or _weighed(root):
            continue
        if subj is None:  # "Had ramen again", not "Okay, bedtime for me"
            words = sum(not t.is_punct for t in tokens(sent))
            own = root.pos_ == "VERB" and words >= _SUBJECTLESS_MIN_WORDS
        else:
            owner = next((c for c in subj.children if c.dep_ == "poss"), None)
            own = owner is not None and owner.lower_ in {"my", "our"}
    return own


def _mine_said(verb: Token, subj: Token) -> bool:
    """A clause that says which thing is the speaker's something: "they're my new number
    one", "it's officially my fave thing to eat now" (not "He is my brother")."""
    if verb.lemma_ != "be" or subj.lower_ in {"he", "she"} or subj.ent_type_ == "PERSON":
        return False
    return any(
        c.dep_ == "attr" and c.lemma_.lower() not in en.SOMEONE and mine(c) for c in verb.children
    )


def _first_person(subj: Token) -> bool:
    """ "I", "we", or "Kira and I"."""
    return subj.lower_ in {"i", "we"} or any(
        c.dep_ == "conj" and c.lower_ in {"i", "me"} for c in subj.children
    )


def _also_i(verb: Token) -> bool:
    """A verb with "I" or "we" among its subjects ("My partner and I moved", "and" read
    as joining two subjects of the verb)."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"i", "we"} for c in verb.children)


def _someone_else(subj: Token) -> bool:
    """A subject that is another person: a name (not "Kira and I"), a relative or
    friend, he or she."""
    if _first_person(subj):
        return False
    return (
        subj.lower_ in {"he", "she", "they"}
        or subj.lemma_.lower() in en.SOMEONE
        or (
            subj.pos_ == "PROPN"
            and (subj.ent_type_ == "PERSON" or subj.text in lx.first_names())
            and not _pet_nearby(subj)
        )
    )


def _weighed(verb: Token) -> bool:
    """Unasserted, or a plan or thought: "Thinking about getting a cat"."""
    return _unasserted(verb) or verb.lemma_.lower() in _PLAN_VERBS


#: the fewest words of a sentence without a subject that says something of the speaker
_SUBJECTLESS_MIN_WORDS = 3


#: how "we" are a couple: "We've been dating", "we've been together since spring"
_COUPLED = frozenset({"together", "couple", "item", "official", "engaged", "married"})


def _couple_now(sent: Span) -> Token | None:
    """The verb by which the speaker and someone not named in its clause are a couple now:
    "We've been dating about six weeks", "We've been together since spring", "since we
    got together in June"; None when the sentence says no such thing."""
    for verb in tokens(sent):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        we = [c.lower_ for c in subjects] == ["we"] or _name_and_i(subjects)
        if not we or _unasserted(verb) or _negated(verb, verb):
            continue
        if verb.lemma_ in {"date", "marry", "engage"} and not any(
            c.dep_ == "dobj" for c in verb.children
        ):
            return verb
        if verb.lemma_ == "be" and any(c.lower_ in _COUPLED for c in verb.children):
            return verb
        if verb.lemma_ == "get" and any(c.lower_ == "together" for c in verb.children):
            return verb
    return None


def _name_and_i(subjects: list[Token]) -> bool:
    """ "Sarah and I", "Me and Liam": a name and the speaker, the one subject."""
    if len(subjects) != 1:
        return False
    pair = [subjects[0], *(c for c in subjects[0].children if c.dep_ == "conj")]
    return (
        len(pair) == 2
        and sorted(t.pos_ for t in pair) == ["PRON", "PROPN"]
        and any(t.lower_ in {"i", "me"} for t in pair)
    )


def _named_before(sent: Span, verb: Token, ctx: Context) -> str | None:
    """The person named last before the "we" of ``verb`` in the sentence ("Ravi doesn't
    bake, but we've been together since the summer"), not someone's relative ("my sister
    Anna")."""
    we = next(c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"})
    if we.lower_ != "we":  # "Sarah and I", "Me and Liam": the name said with "I"
        return next(t.text for t in (we, *we.children) if t.pos_ == "PROPN")
    for t in reversed(sent.doc[sent.start : we.i]):
        person = t.ent_type_ == "PERSON" or t.text in lx.first_names()
        if t.pos_ != "PROPN" or not person or t.text in {ctx.speaker, ctx.addressee}:
            continue
        near = [t.head, *t.children, t.doc[t.i - 1] if t.i > 0 else t]
        return None if any(n.lemma_.lower() in en.KIN for n in near) else t.text
    return None


def _someone_named(sent: Span, ctx: Context) -> str | None:
    """The one person a sentence names (not the speaker or the one spoken to)."""
    names = {
        t.text
        for t in sent
        if t.pos_ == "PROPN"
        and (t.ent_type_ in {"PERSON", ""} or t.text in lx.first_names())
        and t.text not in {ctx.speaker, ctx.addressee}
    }
    return names.pop() if len(names) == 1 else None


def _owned_asked_about(sent: Span, ctx: Context) -> list[Clue]:
    """A clue of what a question calls the speaker's ("Where can I get insurance for my
    Peugeot 208?", "How do I ask my boss at Fernhill for a four-day week?"), whatever
    is asked (see ``owned_in_passing``)."""
    owned = tuple(
        ObjectClue(m.text, ((kind, 1.0),), cue=kind) for m, kind in owned_in_passing(sent, ctx)
    )
    return [_clue(sent, Referent(ctx.speaker), owned, sent.text)] if owned else []


def _clue(
    sent: Span,
    subject: Referent,
    objects: tuple[ObjectClue, ...],
    text: str,
    date: DateMention | None = None,
) -> Clue:
    """A clue of ``sent`` about ``subject`` holding ``objects``, read as ``text``."""
    return Clue(
        start=sent.start_char,
        end=sent.end_char,
        subject=subject.name,
        subject_text=subject.text,
        subject_type=subject.type,
        confidence=subject.confidence,
        objects=objects,
        valid_from=date.value if date is not None else None,
        begun_by=date.ends if date is not None else None,
        text=text,
    )


def _said_of_it(sent: Span) -> tuple[Token, tuple[str, ...]] | None:
    """The pronoun a short sentence says is the speaker's own and the types of value it
    says it is: "It's my favourite food" (a food), "They're my number one band" (an
    artist), "He's my husband" (a person), "That's home for me" (a place); not "It's
    not my thing", "It's my favourite city" (no slot of the speaker's)."""
    if len(sent) > 16:
        return None
    return _said_of(sent.root) or next(
        (said for verb in tokens(sent) if (said := _what_i_have(verb)) is not None), None
    )


def _what_i_have(verb: Token) -> tuple[Token, tuple[str, ...]] | None:
    """ "That's what I drive", "Asking because that's what I've got": what the sentence
    before named is the speaker's car (or pet)."""
    if verb.lemma_ != "be":
        return None  # (before the subject is looked for: most words stop here)
    subj = subject_token(verb)
    if subj is None or subj.lower_ not in {"that", "this"}:
        return None
    for clause in verb.children:
        types = _WHAT_I.get(clause.lemma_.lower())
        if clause.dep_ != "ccomp" or types is None or _unasserted(clause):
            continue
        who = subject_token(clause)
        what = first_child(clause, "dobj")
        if (
            who is not None
            and who.lower_ in {"i", "we"}
            and what is not None
            and what.lower_ == "what"
        ):
            return subj, types
    return None


#: verbs of "that's what I drive": the types of value they have
_WHAT_I = {
    "drive": ("vehicle",),
    "own": ("vehicle", "pet"),
    "have": ("vehicle", "pet"),
    "get": ("vehicle", "pet"),
}


def _said_of(root: Token) -> tuple[Token, tuple[str, ...]] | None:
    """What ``_said_of_it`` finds in the clause of the verb ``root``; a bare "my
    favourite" may be any favourite ("Coldplay, who are my favourite")."""
    if root.lemma_ != "be":
        return None  # (before the subject is looked for: most words stop here)
    subj = subject_token(root)
    if subj is None or subj.lower_ not in _BACK_POINTERS:
        return None
    if _unasserted(root) or _negated(root, root):
        return None
    attr = first_child(root, "attr")
    if attr is not None and attr.lower_ in en.FAVOURITE:
        return (subj, _ANY_FAVOURITE) if mine(attr) else None
    if attr is None or attr.pos_ not in {"NOUN", "PROPN"}:
        return None
    types = _SAID_TO_BE.get(attr.lemma_.lower())
    if (attr.lower_ == "one" and any(c.lower_ == "number" for c in attr.children)) or (
        attr.lower_ == "number" and any(c.lower_ == "one" for c in attr.children)
    ):
        types = ("food", "artist", "sport")  # "it's my number one": a favourite
    if types is None and attr.lemma_.lower() in en.PETS | lx.PET_NOUNS:
        types = ("pet",)
    if types is None:
        return None
    if attr.lower_ == "home":
        ours = any(
            c.dep_ == "prep" and any(g.lower_ in {"me", "us"} for g in c.children)
            for c in (*attr.children, *root.children)
        )  # "That's home for me"
    else:
        ours = mine(attr)
    return (subj, types) if ours else None


#: the pronouns that point back at what the sentence before named
_BACK_POINTERS = frozenset({"it", "they", "she", "he", "that", "this", "who"})
#: the weight of a person reading that makes a name no value a pronoun in the same
#: sentence points back at
_SURELY = 0.9
#: what each pronoun may point back at: "she's my favourite" is no dish
_POINTED_AT = {
    "she": ("artist", "person"),
    "he": ("artist", "person"),
    "who": ("artist", "person"),
    "it": ("food", "sport", "place", "vehicle", "pet"),
}
#: what a bare "my favourite" may be
_ANY_FAVOURITE = ("food", "artist", "sport")
#: what a value said to be the speaker's "favourite food", "husband", "home" is
_SAID_TO_BE: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(["food", "dish", "meal", "snack"], ("food",)),
    **dict.fromkeys(["band", "musician", "singer", "artist", "group", "rapper"], ("artist",)),
    "sport": ("sport",),
    "home": ("place",),
    **{noun: ("person",) for noun, types in lx.SLOT_NOUNS.items() if types == ("person",)},
    **{noun: types for noun, types in lx.SLOT_NOUNS.items() if types == ("vehicle",)},
}


def _no_favourite(sent: Span) -> list[tuple[str, ...]]:
    """The types of the favourites the speaker says they have none of: "No favourite
    band right now", "I don't have a favourite food any more" (not "Ana has no
    favourite band")."""
    out = []
    for tok in tokens(sent):
        noun = tok.head
        types = _SAID_TO_BE.get(noun.lemma_.lower())
        if tok.lower_ not in en.FAVOURITE or types is None or "person" in types:
            continue
        if noun.dep_ == "dobj" and noun.head.lemma_ == "have":
            subj = subject_token(noun.head)
            if subj is None or subj.lower_ not in {"i", "we"}:
                continue
            none = any(c.lower_ == "no" for c in noun.children) or _negated(noun.head, noun.head)
        else:
            none = any(c.lower_ == "no" for c in noun.children) and noun.dep_ in {"ROOT", "nsubj"}
        if none:
            out.append(types)
    return out


def _antecedent_clues(
    before: Span,
    sent: Span,
    ctx: Context,
    said: tuple[Token, tuple[str, ...]] | None = None,
    no_person: bool = False,
) -> list[Clue]:
    """A clue of ``sent`` (see ``_said_of_it``, or what is ``said`` in a clause of it)
    holding as objects what ``before`` names, asked about or not, of the types ``sent``
    says the value is (``no_person``: and that is surely no person's name)."""
    said = said or _said_of_it(sent)
    if said is None:
        return []
    _, types = said
    objects = []
    for mention in find_mentions(before, ctx):
        readings = tuple((t, w) for t, w in mention.readings if t in types and w >= 0.5)
        if no_person and "person" not in types and mention.weight("person") >= _SURELY:
            continue  # "... with Lena, she's my favourite": a person
        root = before.doc[mention.start : mention.end].root
        if _role(root, _governor(root), False) != "new":
            continue  # "I've moved on from The National and he's my favourite now"
        if readings and mention.text not in {ctx.speaker, ctx.addressee}:
            objects.append(ObjectClue(mention.text, readings, "new"))
    if len(objects) != 1:
        return []  # "it" points at one value
    text = sent.text if before.start >= sent.start else f"{before.text} {sent.text}"
    return [_clue(sent, Referent(ctx.speaker), tuple(objects), text)]


def _said_back(sent: Span, ctx: Context) -> list[Clue]:
    """A clause after a comma or "and" that says "they", "she", "it" or "who" is the
    speaker's favourite points at the one value of that type named before it: "I
    mostly listen to The Killers, they're my all-time band", "Saw Wet Leg last night
    and they're my new number one" (the clause may be the parser's root)."""
    for verb in tokens(sent):
        said = _said_of(verb) if verb.i > sent.start else None
        if said is None or said[0].i == sent.start:
            continue
        before = sent.doc[sent.start : said[0].i]
        if not any(t.text == "," or t.lower_ == "and" for t in before[-2:]):
            continue  # "Saw Wet Leg last night and they're my new number one"
        kinds = tuple(t for t in said[1] if t in _POINTED_AT.get(said[0].lower_, said[1]))
        return _antecedent_clues(before, sent, ctx, (said[0], kinds), no_person=True)
    return []


def _name_said(sent: Span) -> str | None:
    """The name a short sentence gives what was just mentioned: "Her name is Miso.",
    "Name: Bubbles.", "He's called Rex."."""
    words = [t for t in tokens(sent) if not t.is_punct or t.text == ":"]
    low = [t.lower_ for t in words]
    name = words[-1] if words and words[-1].text[:1].isupper() else None
    if name is None or len(words) > 5:
        return None
    if low[:-1] in (
        ["name", ":"],
        ["her", "name", "is"],
        ["his", "name", "is"],
        ["its", "name", "is"],
        ["her", "name", "'s"],
        ["his", "name", "'s"],
    ):
        return name.text
    if len(low) == 4 and low[0] in {"she", "he", "it"} and low[2] in {"called", "named"}:
        return name.text
    return None


def _newcomer(sent: Span) -> str | None:
    """The kind of newcomer a short verbless "New bf!" or "New puppy!" announces: "person"
    for a partner, "pet" for an animal, else None."""
    words = [t for t in sent if not t.is_punct]
    if not 1 < len(words) <= 3 or words[0].lower_ != "new":
        return None
    if any(t.pos_ in {"VERB", "AUX"} for t in words):
        return None
    lemma = words[-1].lemma_.lower()
    if en.KIN.get(lemma) == "has_partner":
        return "person"
    return "pet" if lemma in lx.PET_NOUNS else None


def _bare_name(sent: Span, kind: str) -> str | None:
    """A sentence that is only a name of one or two capitalised words: "Mateo." (not a
    question, "Thoughts?", nor a word like "Finally!"); a person's a given name or one the
    tagger calls a person's ("Hmm" is none)."""
    words = [t for t in sent if not t.is_punct]
    if not 0 < len(words) <= 2 or sent[-1].text == "?":
        return None
    if not all(
        t.text[:1].isupper()
        and t.is_alpha
        and not t.is_stop
        and t.pos_ in {"PROPN", "NOUN"}
        and any(v in t.lower_ for v in "aeiouy")  # no "Hmm"
        for t in words
    ):
        return None
    if kind == "person" and not (
        words[0].text in lx.first_names() or words[0].ent_type_ == "PERSON"
    ):
        return None
    return " ".join(t.text for t in words)


def _met_someone(sent: Span) -> bool:
    """ "Met someone!", "I've met someone special", "I'm seeing someone": the speaker has
    someone, not yet named."""
    if [t.lower_ for t in sent[:2]] in (["met", "someone"], ["met", "somebody"]):
        return True  # "Met" opening a sentence, tagged a name
    for verb in tokens(sent):
        if verb.lemma_.lower() not in {"meet", "see", "date"} or _unasserted(verb):
            continue
        subj = subject_token(verb)
        if subj is not None and subj.lower_ != "i":
            continue
        if any(c.dep_ == "dobj" and c.lower_ in {"someone", "somebody"} for c in verb.children):
            return True
    return False


def _someone_called(sent: Span) -> str | None:
    """The name of whom the speaker is seeing or dating, given with the person: "I've
    been seeing this woman called Ines", "I'm dating a guy named Karl" (not "I saw a man
    called Karl")."""
    for verb in tokens(sent):
        lemma = verb.lemma_.lower()
        seeing = lemma == "see" and verb.tag_ == "VBG"
        if not (seeing or lemma == "date") or _unasserted(verb) or _negated(verb, verb):
            continue
        if not _by_me(verb):
            continue  # the speaker's, however the parser hung "I" ("my sister's ..., and I")
        for noun in verb.subtree:
            if noun.lemma_.lower() not in _SOMEONE:
                continue
            naming = [n for n in (noun.head, *noun.children) if n.lower_ in {"called", "named"}]
            for word in naming:
                name = next(
                    (g for g in word.children if g.dep_ in _NAMING_DEPS and g.pos_ == "PROPN"),
                    None,
                )
                if name is not None:
                    return ent_text(name)
    return None


_NAMING_DEPS = frozenset({"oprd", "dobj", "attr", "npadvmod"})


def _by_me(verb: Token) -> bool:
    """The word right before ``verb`` and its auxiliaries is "I", or a chat's verb opens
    its sentence with no subject ("Dating someone new")."""
    k = min([c.i for c in verb.children if c.dep_ == "aux"] + [verb.i]) - 1
    if k < verb.sent.start:
        return verb.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in verb.children)
    return verb.doc[k].lower_ == "i"


def _seeing_someone_named(tok: Token) -> Token | None:
    """The verb of the speaker's seeing or dating someone named right after: "I'm seeing
    someone, Lara, it's going really well" (the name parsed apart); else None."""
    doc = tok.doc
    if tok.pos_ != "PROPN" or tok.i < tok.sent.start + 2:
        return None
    if [t.lower_ for t in doc[max(tok.sent.start, tok.i - 3) : tok.i]] in (
        ["his", "name", "'s"], ["her", "name", "'s"], ["his", "name", "is"],
        ["her", "name", "is"],
    ):  # fmt: skip
        # "Dating someone new - his name's Kenji", the name read as the root
        someone = next(
            (t for t in doc[max(0, tok.i - 12) : tok.i] if t.lower_ in {"someone", "somebody"}),
            doc[tok.i - 1],
        )  # (in the sentence before too: "Dating someone new - his name's Kenji")
    elif doc[tok.i - 1].text == ",":
        someone = doc[tok.i - 2]
    else:
        return None
    verb = someone.head
    if someone.lower_ not in {"someone", "somebody"} or someone.dep_ != "dobj":
        return None
    if verb.lemma_.lower() not in {"see", "date"} or not _by_me(verb):
        return None
    return verb


#: the family a partner is taken to meet
_FAMILY = frozenset({"parent", "parents", "mum", "mom", "dad", "family", "folks"})


def _met_my_family(tok: Token) -> Token | None:
    """The verb of a named person's meeting the speaker's parents or family ("Ravi met my
    parents last weekend"): someone the speaker is with; else None."""
    verb = tok.head
    if not tok.text[:1].isupper() or tok.dep_ != "nsubj" or verb.lemma_.lower() != "meet":
        return None
    family = [
        c
        for c in verb.children
        if c.dep_ == "dobj"
        and c.lemma_.lower() in _FAMILY
        and any(g.lower_ in FIRST_POSS | OUR for g in c.children)
    ]
    return verb if family else None


def _dating(tok: Token, verb: Token) -> bool:
    """``tok`` is whom the speaker is seeing: "I'm seeing Selma", "I've been seeing Ugo
    since March"; not a show on a day ("I'm seeing Muse on Friday")."""
    if not (
        verb.lemma_.lower() == "see"
        and verb.tag_ == "VBG"
        and tok.dep_ == "dobj"
        and tok.head == verb
        and name_like(tok)
        and _by_me(verb)
    ):
        return False
    return not on_a_day(verb)


def _pet_named_next(clue: Clue, name: str) -> Clue:
    """``clue`` with its one unnamed pet ("Got a kitten yesterday.") named as the next
    sentence says ("Her name is Miso.")."""
    pets = [o for o in clue.objects if entity_key(o.text) in lx.PET_NOUNS and o.role == "new"]
    if len(pets) != 1:
        return clue
    named = replace(pets[0], text=name, readings=(("pet", 1.0),))
    return replace(clue, objects=tuple(named if o is pets[0] else o for o in clue.objects))


def _answered(question: Span, sent: Span) -> str | None:
    """Whose verbless question before it a short verbless ``sent`` answers: "mine" ("My
    favourite food these days? Pho.", "Favourite band right now? Easily Haim."), "yours"
    ("Your favourite band? Haim, surely."), or None when it answers none."""
    if not question.text.rstrip().endswith("?") or question.root.pos_ in {"VERB", "AUX"}:
        return None
    if len(sent) > 6 or any(t.pos_ in {"VERB", "AUX"} for t in tokens(sent)):
        return None
    return "yours" if any(t.lower_ in SECOND | SECOND_POSS for t in question) else "mine"


def _clues(sent: Span, ctx: Context) -> list[Clue]:
    date = _first_date(sent, ctx)
    future = date is not None and date.value > shift(ctx.at, timedelta(days=1))
    # a date in a joined clause of its own dates that clause only: "I live in Porto and
    # my sister's visiting next weekend"
    aside = _date_aside(sent, ctx)
    planned: set[int] = set()
    if date is not None and sent.root.tag_ not in {"VBD", "VBN"} and _moving_in_together(sent.root):
        future, date = False, None  # "Sami and I are moving in together next month": a
        # couple now, whenever the move is (but "Moved in with Gabriel last month": then)
    if future and (_event_trained_for(sent, ctx) or _another_of_many(sent)):
        future, date = False, None  # "Training for a judo tournament next month": the
        # training is now, the tournament then; "Another netball match this weekend": one
        # more of a habit
    if future and not any(t.tag_ in {"VBD", "VBN"} for t in (aside.subtree if aside else sent)):
        if aside is None:
            return []  # "I start at Siemens next month": a plan, not yet a fact
        planned = {t.i for t in aside.subtree}
    if aside is not None:
        date = None
    ending = any(w in sent.text.lower() for w in _ENDING_WORDS)
    groups: dict[str, tuple[Referent, list[ObjectClue]]] = {}

    def put(subject: Referent, obj: ObjectClue) -> None:
        groups.setdefault(subject.name, (subject, []))[1].append(obj)

    used: set[int] = set()
    # the date of the clause that states each named value, by subject and role
    when: dict[str, list[tuple[str, DateMention | None]]] = {}
    # "I've moved on from The National and he's my favourite now": what ended was one
    favourite_now = next((said for verb in tokens(sent) if (said := _said_of(verb))), None)
    for mention in find_mentions(sent, ctx):
        if any(i in ctx.date_at or i in ctx.quoted for i in range(mention.start, mention.end)):
            continue
        if mention.start in planned:
            continue
        root = sent.doc[mention.start : mention.end].root
        if planned and root.dep_ in {"ROOT", "nsubj", "npadvmod"} and and_i(root):
            continue  # "Sami and I are moving to Leeds next month", "Sami" read apart
        # "I'm seeing someone, Lara, it's going well", "Ravi met my parents on Sunday"
        dated = _seeing_someone_named(root) or _met_my_family(root)
        verb = dated or _governor(root)
        if (
            verb is not None
            and _unasserted(verb)
            and not _described_subject(root, verb)
            and not _as_identity(root, verb)
        ):
            kind = owned_type(mention, root)
            if kind:  # "My Chevy Malibu may be old", "My manager at Halden wants a deck by
                # Monday": the speaker's car, the speaker's firm
                put(Referent(ctx.speaker), ObjectClue(mention.text, ((kind, 1.0),), cue=kind))
            continue
        role = mention.role or _role(root, verb, ending)
        if role == "new" and verb is not None and _missed(root, verb, mention):
            role = "old"  # "still miss Biscuit every day", "I miss Lisbon": not here now
        negated = (
            verb is not None
            and _negated(verb, root)
            and not _cannot_stop(verb)
            and not (verb.lemma_ == "believe" and avowed(verb))
            and not _never_changing(verb)
        )  # (but "Can't believe Leo and I ...", the name read as what is believed)
        if role == "new" and negated and not mention.role:
            continue  # "I never went to college", "I don't enjoy running": nothing holds
        subject = _subject(root, verb, ctx, range(mention.start, mention.end))
        if subject is None or mention.text == subject.name:
            continue
        if _of_an_organisation(root):
            continue  # "a bakery in Munich": where the bakery is, not a fact of its own
        if verb is not None and _where_a_thing_was_left(root, verb):
            continue  # "I left my umbrella at Tesco": no job left
        if _a_trip_to(root):
            continue  # "The train to Leeds was late again": where a trip went, no home
        if _spoken_of(root):
            continue  # "I'm reading about veganism": a topic, no diet of the speaker's
        if root.lower_ == "dust" and root.i > 0 and root.nbor(-1).lower_ in _GATHERING:
            continue  # "gathering dust": no allergy
        if _history_of_a_name(root):
            continue  # "Tom is history": an end, no subject studied
        if (
            root.dep_ in {"compound", "amod", "nmod"}
            and root.head.lemma_.lower() in lx.FOOD_VENUES
            and mention.weight("food") > max(mention.weight("place"), 0.5)
        ):
            continue  # "I know a great dim sum place": a kind of place, no taste (but
            # "my Seville place" is a home)
        if (
            root.dep_ == "poss"
            and (root.head.lemma_.lower() in en.KIN or mention.weight("person") >= 0.9)
            and not _is_read_as_s(root)
            and mention.weight("artist") < 1.0
            and not kept_elsewhere(root)  # "Ziggy's living with my brother now"
        ):
            continue  # "Tom's parents live near Porto", "Kim's new job is at Spotify": Tom
            # and Kim own what follows, no value (but "Google's office in Zurich" may be,
            # and "Adele's new album" names an artist)
        if _vocative(root) and dated is None:
            continue  # "Rosa, you're such a talented photographer!": the one spoken to
        if role == "new" and verb is not None and verb.dep_ == "conj" and _told_to(verb):
            continue  # "... so add a green curry for him": an order, no taste
        if _someone_elses(root):
            continue  # "I ran into Tom, my sister's boyfriend": the sister's, no value
        if _as_a_friend(root):
            continue  # "Lucky to have Callum as a friend", "Callum as my flatmate"
        readings = mention.readings
        is_home = verb is not None and _home_is(verb)  # "Lyon is home now"
        asked = verb is not None and verb.lemma_ == "ask" and _asked_out(verb)
        if (
            _in_subject(root)
            and role == "new"
            and verb is not None
            and any(
                v.lemma_.lower() in _MAILING
                for v in (verb, *(c for c in verb.children if c.dep_ == "xcomp"))
            )
            and not _calls_me_kin(verb)
        ):
            continue  # "Bosch keeps sending me their newsletter": no employer for that
        if (
            _in_subject(root)
            and role == "new"
            and not _with_me(root, ctx)
            and not (is_home or asked or dated is not None)
        ):
            # "Freya sounds lovely", "Leo works as a nurse": the subject is no object;
            # a named pet or car is ("Pickle just arrived", "The Fiesta needs a service")
            owning = (
                verb is not None
                and verb.lemma_.lower() in _OWNING
                and any(c.dep_ == "dobj" for c in verb.children)
            )  # but "My dog Rex is getting old": Rex is the pet
            # "My Nissan Leaf only gets 150 km a charge": the speaker's car, not acting
            # "Nina works for Airbus as a pilot": a name doing something to another value
            named = mention.weight("vehicle") >= 1.0 or mention.weight("pet") >= 1.0
            # "Phoebe Bridgers has dethroned Radiohead": whoever replaces a value is the
            # new one, whatever its name could be
            replacing = verb is not None and root.head.i == verb.i and replaces_a_name(root)
            arrived = _arrived_after_a_parting(root, verb)  # "Tom moved out, Ravi moved
            # in": the new partner
            if (
                not replacing
                and not arrived
                and (
                    (owning and not _my_car(root))
                    or (_acts_on_value(verb) and not named)
                    or (
                        mention.weight("person") >= 0.9
                        and not _pet_nearby(root)
                        and not (_my_car(root) and lx.make_and_model(mention.text))
                        and not _a_kind_first(root)  # "Keto is going well"
                    )  # "My Mini Cooper has a rust spot": a car, whatever the tagger says
                )
            ):
                continue  # "Leo has a cat", "Tim loves Harry Potter": a person acting
            dropped = {"person"} if _pet_nearby(root) else {"person", "pet"}
            if arrived:
                dropped = {"pet"}
            readings = tuple((t, w) for t, w in readings if t not in dropped)
        if role == "old" and not mention.role and _a_couple_of_others(root):
            continue  # "Ben and Lisa broke up": their news, not the speaker's partner
        couple = role == "old" and _and_i_ended(root)
        if couple:  # "Nico and I fizzled out": the speaker's partner, however it scores
            readings = (("person", 1.0),)
        if role == "old" and kept_elsewhere(root):
            readings = (("pet", max(0.8, mention.weight("pet"))),)  # a pet rehomed, the
            # one person it went to is no partner ("Tigger is with my ex now")
        if not readings:
            continue
        used.update(range(mention.start, mention.end))
        # "Went to my first Haim gig and I'm a convert": a taste, though heard once
        only_this = role == "new" and mention.weight("artist") > 0 and _listens_to_no_other(sent)
        taste = only_this or (role == "new" and mention.weight("artist") >= 1.0 and _won_over(sent))
        once = verb is not None and _once(verb) and not taste
        cue_of_taste = "artist" if taste else ""
        if role == "new" and mention.weight("food") >= 1.0 and _hooked(sent):
            cue_of_taste = "food"  # "Discovered risotto and now I can't stop"
        if role == "new" and verb is not None and _stole_my_heart(root, verb):
            kind = max(_ANY_FAVOURITE, key=mention.weight)  # "Khachapuri has stolen my
            cue_of_taste = kind if mention.weight(kind) >= 0.9 else ""  # heart"
        cue = _cue(root, verb) if role == "new" and not (verb and _unasserted(verb)) else ""
        if cue == "place" and surely_no_town(mention):
            cue = "organization"  # "I moved to Siemens", "moved over to Honda": a firm
        if only_this and cue in {"", "activity"}:
            cue = "artist"  # "I got into Bon Iver on Sunday and now it's all I listen to"
        if not cue and role == "new" and _arrived_after_a_parting(root, verb):
            cue = "person"
        if not cue and role == "new" and _a_title_starting(root, verb, mention):
            cue = "title"  # "New role: research scientist, starting immediately"
        if cue in {"", "organization"} and role == "new" and _named_in_a_romance(root, mention):
            cue = "person"  # "Ilkka moved in with me last month", "The guy I'm dating,
            # Rune, is a teacher": a name no list knows, where the sentence speaks of love
            # (and "Since the breakup I've been with Odile": no firm)
        if role == "new" and not cue:
            cue = cue_of_taste or owned_type(mention, root)  # "My manager at Halden wants
            # a deck by Monday"
        if not cue and mention.weight("organization") >= 1.0 and acts_on_me(root):
            cue = "organization"  # "Klarna let me go", "Monzo took me on": the employer
        if not cue and role == "old" and verb is not None and _an_animal_gone(root, verb):
            cue = "pet"  # "Rex crossed the rainbow bridge", "Rufus had to be put down"
        if not cue and role == "old" and verb is not None and _scrapped(verb):
            cue = "vehicle"  # "The old Golf was sent for scrap": a car, not a sport
        if not cue and role == "old" and _gathering_dust(root) and mention.weight("sport") >= 1:
            cue = "sport"  # "My yoga mat has been gathering dust": no more yoga
        if (
            not cue
            and favourite_now
            and favourite_now[1] == _ANY_FAVOURITE
            and (role == "old" or (role == "new" and mention.end <= favourite_now[0].i))
        ):
            kind = max(_ANY_FAVOURITE, key=mention.weight)
            cue = kind if mention.weight(kind) >= 0.5 else ""  # the favourite it was, or is:
            # "I love Stormzy, he's my favourite" (not a partner)
        if not cue and role == "old" and _surely_a_car(mention):
            cue = "vehicle"  # "Handed back the Countryman": a model the lexicon knows
        if not cue and role == "old" and _stint(root) == "last" and root.pos_ == "PROPN":
            cue = "organization"  # "Last shift at Pret today", "my last day at Ocado"
        if couple or dated is not None:
            cue = "person"
        put(subject, ObjectClue(mention.text, readings, role, once, cue))
        if date is not None:
            when.setdefault(subject.name, []).append((role, _stated_when(root, verb, sent, ctx)))
    for tok in tokens(sent):  # "I quit my job", "sold the car": a value ended, unnamed
        if tok.i in planned:
            continue  # "... and our boss retires next spring"
        if (
            (_retiring(tok) or _gave_notice(tok))
            and not _unasserted(tok)
            and not _negated(tok, tok)
        ):
            # "I retired last year": the job is over; "My dad was made redundant": his
            verb = tok.head if tok.dep_ == "oprd" else tok
            subject = _subject(tok, verb, ctx)
            if subject is not None:
                if tok.lower_ in _JOBLESS or _between_jobs(tok):  # no employer and no job
                    for kind in ("organization", "title"):
                        put(subject, ObjectClue("", ((kind, 1.0),), "old", cue=kind))
                else:  # the working life the sentence is about
                    put(subject, ObjectClue("", (("organization", 1.0), ("title", 1.0)), "old"))
            continue
        types = lx.SLOT_NOUNS.get(tok.lemma_.lower())
        if types is None or tok.i in used or tok.pos_ != "NOUN" or tok.dep_ == "compound":
            continue  # (not "city bus gang now": a modifier)
        if tok.lower_ == "work" and not any(c.dep_ in {"det", "poss"} for c in tok.children):
            continue  # "how I unwind after work": the working day, no job
        if any(c.dep_ == "compound" and c.i in used for c in tok.children):
            continue  # "my rugby boots": the value named
        verb = _governor(tok)
        if verb is None or _unasserted(verb) or _role(tok, verb, ending) != "old":
            continue
        subject = _subject(tok, verb, ctx)
        if subject is not None:
            put(subject, ObjectClue("", tuple((t, 1.0) for t in types), "old"))
    food = back_on(sent)
    # whoever eats it ("I eat meat again, vegan didn't suit me": the root is "suit")
    eater = food[1] if food is not None else sent.root
    while subject_token(eater) is None and eater.head.i != eater.i:
        eater = eater.head  # "Carla just went back to eating meat": Carla's
    said_by = subject_token(eater)
    if said_by is not None and food is not None and said_by.lemma_.lower() == food[0]:
        said_by = None  # "Cheese is back on the menu": nobody's but the speaker's
    if food is not None and (said_by is None or _first_person(said_by)):
        # "I'm eating meat again": the diet that excluded it is over (not "Carla's")
        put(Referent(ctx.speaker), ObjectClue("", (("diet", 1.0),), "old"))
    if _sport_replaced(sent, groups.get(ctx.speaker)):
        # "I stopped the Tuesday games and joined a bouldering gym": the sport held ends
        objects = groups[ctx.speaker][1]
        objects[:] = [
            replace(o, cue="sport")
            if o.role == "new" and not o.cue and o.weight("sport") >= 1.0
            else o
            for o in objects
        ]  # and the new one is a sport whatever else its name could be ("Muay Thai")
        put(Referent(ctx.speaker), ObjectClue("", (("sport", 1.0),), "old"))
    if _a_taste_of_any_kind(sent) and ctx.speaker in groups:
        objects = groups[ctx.speaker][1]
        objects[:] = [
            replace(o, taste=True)
            if o.role == "new"
            and o.text[:1].isupper()
            and not o.cue
            and not o.once
            and o.text.split()[0] not in lx.first_names()
            and o.text not in lx.place_names()
            and all(t in _NAMED_TYPES or w < _SURELY for t, w in o.readings)
            else o
            for o in objects
        ]  # "I'm all about Parcels now": a name's taste, of whatever kind the speaker
        # holds (not someone's name, nor a town's: "Can't get enough of Lena", "all about
        # Lisbon"; nor a word a lexicon types: "all about Muay Thai", "Paleo")
    for types in _no_favourite(sent):  # "No favourite band right now": the one held
        put(Referent(ctx.speaker), ObjectClue("", tuple((t, 1.0) for t in types), "old"))
    ended_people = [
        o
        for o in groups.get(ctx.speaker, (Referent(ctx.speaker), []))[1]
        if o.role == "old" and o.weight("person") >= _SURELY
    ]  # "The divorce from Paul went through": Paul, named
    if _couple_over(sent) and not ended_people:  # "We broke up", "I'm single again": the
        # partner, unnamed, however the sentence scores ("We called it a day in June")
        put(Referent(ctx.speaker), ObjectClue("", (("person", 1.0),), "old", cue="person"))
    replaced = any(t.lemma_.lower() in _REPLACING | _KNOCKS | {"beat"} for t in tokens(sent))
    return [
        _clue(
            sent,
            subject,
            _in_its_place(objects) if replaced else tuple(objects),
            sent.text,
            _clue_date(when.get(subject.name), objects, date),
        )
        for subject, objects in groups.values()
    ]


def _clue_date(
    stated: list[tuple[str, DateMention | None]] | None,
    objects: list[ObjectClue],
    date: DateMention | None,
) -> DateMention | None:
    """The date of a subject's clue. A clue of new named values only takes the date of
    the clause stating the first of them, or none if that clause has none ("my sister
    got engaged at Christmas, and I'm dating Ethan now": Ethan is not from Christmas). A
    clue with a value that ended (whose end and successor share the clue's one date:
    "Rex died in May and we've got Kiwi now") takes the sentence's first date."""
    if not stated or any(o.role != "new" or not o.text for o in objects):
        return date
    return stated[0][1]


def _stated_when(root: Token, verb: Token | None, sent: Span, ctx: Context) -> DateMention | None:
    """The date of the clause that states the value at ``root``: a date in the value's
    own words ("a flat in Porto, where we've lived since May"), in its verb's clause, or
    in a clause it hangs from (not one joined with a subject of its own: "I live in
    Porto and Mum visits in May"); the sentence's dates for a verbless one."""
    for tok in root.subtree:
        if tok.i in ctx.date_at:
            return ctx.date_at[tok.i]
    cur = verb
    for _ in range(8):
        if cur is None or cur.head.i == cur.i:
            break
        for tok in clause_tokens(cur):
            if tok.i in ctx.date_at:
                return ctx.date_at[tok.i]
        if cur.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in cur.children):
            return None
        cur = _governor(cur.head)
    return next(
        (
            ctx.date_at[t.i]
            for t in tokens(sent)
            if t.i in ctx.date_at and clause_of_its_own(t) is None
        ),
        None,
    )


def _in_its_place(objects: list[ObjectClue]) -> tuple[ObjectClue, ...]:
    """The one new value of a sentence of replacing ("Sabich has replaced falafel as my
    favourite") may be of the one old value's type, whatever its name suggests."""
    olds = [o for o in objects if o.role == "old" and o.text]
    news = [o for o in objects if o.role == "new" and o.text]
    if len(olds) != 1 or len(news) != 1:
        return tuple(objects)
    kinds = [t for t, w in olds[0].readings if w >= 1.0]
    new = news[0]
    if len(kinds) != 1 or new.weight(kinds[0]) > 0:
        return tuple(objects)
    placed = replace(new, readings=(*new.readings, (kinds[0], _IN_ITS_PLACE)))
    return tuple(placed if o is new else o for o in objects)


#: how surely a value that took another's place is of its type
_IN_ITS_PLACE = 0.9


def _of_an_organisation(tok: Token) -> bool:
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in {"in", "at", "near", "outside", "on"}:
        return False
    noun = prep.head
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    if prep.lower_ == "at" and noun.lemma_.lower() in lx.WORKMATES:
        return False  # "my department at Lufthansa", "our office at Arup": the firm
    return noun.lemma_.lower() in lx.ORG_SITES | lx.SCHOOL_WORDS or noun.ent_type_ == "ORG"


#: the people a name may be "as", other than a partner
_AS_OTHERS = lx.words(
    "friend mate pal buddy flatmate roommate housemate colleague coworker neighbour neighbor"
)


def _as_a_friend(tok: Token) -> bool:
    """A person named as a friend, flatmate or colleague ("Lucky to have Callum as a
    friend", "My life with Callum as my flatmate is chaos"): that, and no value."""
    doc = tok.doc
    k = tok.i + 1
    if k >= len(doc) or doc[k].lower_ != "as":
        return False
    k += 1
    while k < len(doc) and doc[k].lower_ in {"a", "an", "the", "my", "our", "his", "her"}:
        k += 1
    if k >= len(doc):
        return False
    noun = doc[k].lemma_.lower()
    return noun in _AS_OTHERS or en.KIN.get(noun, "has_partner") not in en.PARTNERS


def _someone_elses(tok: Token) -> bool:
    """A name beside a relative of someone else's: "Tom, my sister's boyfriend", "Rex,
    his dog", "Bella my sister's dog" (not "Mango, my new parrot")."""
    doc, end = tok.doc, min(tok.sent.end, tok.i + 7)
    if tok.i + 1 >= end or (doc[tok.i + 1].text != "," and doc[tok.i + 1].tag_ != "PRP$"):
        return False
    # the relative as the parser hangs it, on the name or elsewhere
    kin = next((t for t in doc[tok.i + 2 : end] if t.pos_ == "NOUN" and t.dep_ != "poss"), None)
    if kin is None or kin.lemma_.lower() not in en.KIN.keys() | lx.PET_NOUNS:
        return False
    poss = [c for c in kin.children if c.dep_ == "poss"]
    return bool(poss) and poss[0].lower_ not in FIRST_POSS | OUR


def _said_gone(tok: Token) -> bool:
    """``tok`` is followed by "'s gone", "'s done", its "'s" read as a possessive."""
    doc, i = tok.doc, tok.i
    return i + 2 < tok.sent.end and doc[i + 1].lower_ in {"'s", "’s"} and doc[i + 2].lower_ in _GONE


def _history_of_a_name(tok: Token) -> bool:
    """The "history" of "Tom is history", "Tom's history": a name said to be over."""
    if tok.lower_ != "history" or tok.i < 2:
        return False
    before, name = tok.nbor(-1), tok.nbor(-2)
    return before.lower_ in {"'s", "’s", "is", "are", "was"} and name.pos_ == "PROPN"


def _is_read_as_s(tok: Token) -> bool:
    """The "'s" after ``tok`` is "is", read as a possessive: "Lukas's my ex now" (the
    noun has a possessive of its own), "Keto's done" (the sentence's root is a state)."""
    head = tok.head
    return (
        any(c.dep_ == "poss" and c.i != tok.i for c in head.children)
        or (head.dep_ == "ROOT" and head.lower_ in _GONE)
        or _s_gone(tok)  # "Tom's history, I'm enjoying being single"
    )


def _vocative(tok: Token) -> bool:
    """A name that opens a sentence addressed to "you": who is spoken to."""
    doc, sent = tok.doc, tok.sent
    if tok.i != sent.start or tok.i + 1 >= sent.end or doc[tok.i + 1].text != ",":
        return False
    return any(t.lower_ in SECOND for t in doc[tok.i + 2 : min(sent.end, tok.i + 5)])


def _as_subject(tok: Token) -> bool:
    """The clause's subject, also as the small parser sometimes attaches it ("Tim loves
    Harry Potter": Tim/npadvmod)."""
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        return True
    return tok.dep_ == "npadvmod" and tok.ent_type_ == "PERSON" and tok.i == tok.head.i - 1


def _my_someone(subj: Token) -> bool:
    """Someone the speaker tells of in a clause of their own: "the guy I'm seeing"."""
    return subj.lemma_.lower() in en.PEOPLE and any(
        c.dep_ == "relcl" and any(t.lower_ in FIRST | WE for t in c.subtree) for c in subj.children
    )


def _in_subject(tok: Token) -> bool:
    """The clause's subject or one joined to it ("Emma and Raj are engaged")."""
    return _as_subject(tok) or (tok.dep_ == "conj" and _as_subject(tok.head))


def _a_couple_of_others(tok: Token) -> bool:
    """``tok`` is one of two or more people joined as the subject, none of them the
    speaker: "Ben and Lisa broke up", not "Me and Lucas ended it"."""
    first = tok.head if tok.dep_ == "conj" else tok
    group = [first, *(c for c in first.children if c.dep_ == "conj")]
    return (
        _as_subject(first)
        and len(group) > 1
        and all(t.ent_type_ == "PERSON" or t.text in lx.first_names() for t in group)
    )


def _pet_nearby(tok: Token) -> bool:
    return any(t.lemma_.lower() in lx.PET_NOUNS for t in tok.sent)


def _with_me(tok: Token, ctx: Context) -> bool:
    """A subject related to the speaker in its own clause: "Dana and I ...", "Dana
    surprised me ...", "My partner Freya says hi"."""
    if any(
        c.dep_ == "conj" and c.lower_ in FIRST | WE for c in [*tok.children, *tok.head.children]
    ) or (tok.dep_ == "conj" and tok.head.lower_ in FIRST | WE):
        return True  # "Dana and I", "Me and Dana"
    verb = tok.head
    if verb.lemma_.lower() in _PLAN_VERBS and any(
        c.dep_ in {"ccomp", "xcomp"} for c in verb.children
    ):
        return False  # "Jenny thinks I should move": Jenny's view, no value of the speaker's
    if (
        verb.lemma_.lower() == "propose"
        and tok.dep_ == "nsubj"
        and not any(
            c.dep_ in {"dobj", "ccomp", "xcomp"} or (c.lower_ == "to" and not _to_me(c))
            for c in verb.children
        )
    ):  # "Marco proposed last week!": to the speaker (not "Tom proposed a toast", nor
        return True  # "Tom proposed to Anna")
    # a person's clause is theirs ("Felix moved to Canada and we called it off"), a
    # place's or a thing's clause joined to the speaker's is the speaker's ("Calgary has
    # taken some getting used to, but the house suits us")
    person = tok.ent_type_ == "PERSON" or tok.text in lx.first_names()
    words = _own_clause(verb) if person else verb.subtree
    said = [t for t in words if t.i > tok.i and t.i not in ctx.quoted]
    if any(
        t.lower_ in FIRST | WE | OUR | FIRST_POSS and not _of_kin(t) and not _a_landmark(t)
        for t in said
    ):
        return True  # "Kone made me an offer", "Dana surprised me", not "Alfie lives
        # with my son's family" nor "Callum lives next to my office"
    return any(
        abs(other.i - tok.i) <= 2
        and en.KIN.get(other.lemma_.lower()) in _CLOSE
        and any(c.lower_ in FIRST_POSS | OUR for c in other.children if c.dep_ == "poss")
        for other in tok.sent
    )  # "My partner Freya says hi", not "My best mate Jo has moved to Galway"


#: what is missed as a taste, not as someone or somewhere the speaker is apart from
_TASTES_MISSED = frozenset({"food", "artist", "work", "sport", "activity", "diet", "drink"})


def _missed(tok: Token, verb: Token, mention: Any) -> bool:
    """Whom or what the speaker still misses, or does not miss, so is apart from ("still
    miss Biscuit every day", "I don't miss Bosch at all"); not what is missed at times ("I
    miss Tom when he travels"), nor a taste ("I still miss sushi")."""
    if verb.lemma_.lower() != "miss" or not _in_object(tok, verb) or tok.dep_ == "poss":
        return False
    subj = subject_token(verb)
    if subj is not None and subj.lower_ not in FIRST | WE:
        return False
    if any(c.dep_ == "advcl" for c in verb.children):
        return False  # "... when I travel", "... while I'm away"
    if not any(c.lower_ == "still" or c.dep_ == "neg" for c in verb.children):
        return False  # "I miss Tom so much": away for now, it may be
    top = max(mention.readings, key=lambda tw: tw[1])[0]
    return top not in _TASTES_MISSED


def _calls_me_kin(verb: Token) -> bool:
    """ "Leo calls me his girlfriend now": a naming of the speaker as kin, no call."""
    objects = [c for c in verb.children if c.dep_ in {"dobj", "oprd", "attr", "xcomp"}]
    return (
        verb.lemma_.lower() == "call"
        and any(c.lower_ in {"me", "us"} for c in objects)
        and any(c.lemma_.lower() in en.KIN for c in objects)
    )


def _to_me(prep: Token) -> bool:
    return any(g.lower_ in {"me", "us"} for g in prep.children)


_BE = frozenset({"is", "'s", "are", "'re", "was"})
_CLAUSE_END = frozenset({",", ".", "!", ";", "-", "–", "—", "and", "so"})


def _left_behind(tok: Token) -> bool:
    """A value left behind in a sequence or a contrast: "Less Lyon, more Marseille",
    "Paralegal, then law school, and now I'm a solicitor", "Croissants, then bagels,
    and now it's all about pierogi"."""
    doc, sent = tok.doc, tok.sent
    first = min(t.i for t in tok.subtree)
    if first > sent.start and doc[first - 1].lower_ == "less":
        return True
    if first == sent.start and doc[first].lower_ == "less" and first != tok.i:
        return True  # "Less" read as part of the phrase
    k = tok.i
    while k > sent.start and tok.i - k < 3 and doc[k - 1].pos_ in {"NOUN", "PROPN", "ADJ"}:
        k -= 1
    reached = k - 1 > sent.start and doc[k - 1].lower_ in {"to", "as"}
    if reached and doc[k - 2].lemma_.lower() in {"promote", "appoint", "elect"}:
        return False  # "Got promoted to team lead, now I'm the one who ...": reached
    after = [t.lower_ for t in doc[tok.i + 1 : min(sent.end, tok.i + 4)]]
    if after[:2] == [",", "then"]:
        # a value after it, not what came next that day ("volleyball, then the pub")
        nxt = doc[tok.i + 3] if tok.i + 3 < sent.end else None
        return nxt is not None and nxt.pos_ in {"NOUN", "PROPN"} and nxt.lower_ not in DETERMINERS
    if after[:2] == [",", "now"] or after[:3] == [",", "and", "now"]:
        k = tok.i + (3 if after[1] == "now" else 4)
        return not (k < sent.end and doc[k].lower_ in {"we", "we're", "we’re"})  # but "a
        # date with Lena, and now we're a couple": what went on with her goes on
    return False


def _written_off(tok: Token) -> bool:
    """Said to be over in a phrase the parser cannot read: "Oxford's out, Cambridge is
    in", "gluten-free's out of the window", "Ethan is old news", "Sushi is only second
    place now", "Hamish feels like a lifetime ago" (not "Tom is out tonight", nor a lone
    "Tom's out")."""
    sent = tok.sent
    after = [t.lower_ for t in tok.doc[tok.i + 1 : min(sent.end, tok.i + 8)]]
    if after[:1] and after[0] in _BE:
        rest = after[1:]
        if rest[:2] == ["old", "news"] or "memory" in rest[:4]:
            return True  # and "Priya's a lovely memory", "Oslo is a distant memory"
        runner_up = [w for w in rest[:4] if w not in {"only", "just", "now", "a", "my"}]
        if runner_up[:1] == ["second"] or runner_up[:2] == ["number", "two"]:
            return True  # "Sushi is only second place now", "Muse is my number two"
        if rest[:1] == ["out"]:
            if rest[1:4] == ["of", "the", "window"] or rest[1:3] == ["the", "window"]:
                return True
            paired = any(
                w.lower_ in _BE and w.i + 1 < sent.end and w.nbor().lower_ == "in"
                for w in sent
                if w.i > tok.i + 2
            )
            return paired and (len(rest) == 1 or rest[1] in _CLAUSE_END)
    if after[:1] and after[0] in {"feels", "seems"}:
        if " ".join(after[1:5]).startswith(("like another life", "like a past life")):
            return True  # "Oliver feels like another life now"
        return "ago" in after and not any(t.like_num for t in tok.doc[tok.i + 1 : sent.end])
    return False


def _handed_on(tok: Token, verb: Token) -> bool:
    """The speaker's old thing someone else now has or uses: "My son has my old Saab
    now", "Jo drives my old Polo"."""
    children = [c.lower_ for c in tok.children]
    if "old" not in children or not any(c in FIRST_POSS | OUR for c in children):
        return False
    subj = subject_token(verb)
    return (
        tok.dep_ == "dobj"
        and subj is not None
        and subj.lower_ not in FIRST | WE
        and subj.pos_ in {"NOUN", "PROPN"}
    )


def _introduced_to(tok: Token, verb: Token) -> bool:
    """``tok`` is what someone got, talked or introduced the speaker into or to."""
    lemma = verb.lemma_.lower()
    if lemma not in _INTRODUCING:
        return False
    if not any(c.dep_ == "dobj" and c.lower_ in {"me", "us"} for c in verb.children):
        return False
    return _through(tok, verb, {"into", "to", "on"})


#: verbs by which someone brings the speaker to something: "My brother talked me into
#: the carnivore diet", "My daughter got me into Wet Leg"
_INTRODUCING = frozenset(
    {"get", "introduce", "turn", "hook", "talk", "convince", "persuade", "push", "drag"}
)


def _me_made_to(verb: Token) -> bool:
    """A clause that someone made the speaker do: "My sister convinced me to go vegan"
    (the clause's subject is the one persuaded)."""
    return verb.dep_ == "xcomp" and any(
        c.dep_ == "dobj" and c.lower_ in {"me", "us"} for c in verb.head.children
    )


def _retiring(tok: Token) -> bool:
    """ "I retired", "I've retired from the pharmacy", "I'm retired now", "I'm
    unemployed at the moment": a working life over, for now or for good (but "retired to
    Nice" says where to)."""
    if tok.lower_ in _JOBLESS:  # "I'm unemployed", "I was made redundant"
        return (tok.dep_ in {"acomp", "attr"} and tok.head.lemma_ == "be") or (
            tok.dep_ in {"oprd", "ccomp"} and tok.head.lemma_ == "make"
        )
    if _between_jobs(tok):
        return True
    if tok.lemma_.lower() != "retire" or _has_prep(tok, "to"):
        return False
    return tok.pos_ == "VERB" or (tok.dep_ == "acomp" and tok.head.lemma_ == "be")


_JOBLESS = frozenset({"unemployed", "jobless", "redundant"})


def _between_jobs(tok: Token) -> bool:
    """ "I'm between jobs at the moment": no employer and no job."""
    return (
        tok.lower_ == "jobs"
        and tok.head.lower_ == "between"
        and tok.head.head.lemma_ == "be"
        and tok.head.head.pos_ in {"AUX", "VERB"}
    )


def _gave_notice(tok: Token) -> bool:
    """ "I handed in my notice", "Gave my notice on Friday": the verb (``tok``) of a
    job left, whichever it was."""
    if tok.lemma_.lower() not in {"hand", "turn", "give", "put"}:
        return False
    notice = [c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() == "notice"]
    return bool(notice) and any(
        c.dep_ == "poss" and c.lower_ in {"my", "our"} for c in notice[0].children
    )


#: the relations a named relative beside "my" is the speaker's value of
_CLOSE = en.PARTNERS | {"has_pet"}


def _own_clause(verb: Token) -> list[Token]:
    """The words of ``verb``'s clause, without the clauses joined to it ("Felix moved to
    Canada and we called it off": the "we" is another clause's)."""
    joined = {
        t.i
        for c in verb.children
        if c.dep_ in {"conj", "parataxis"} and c.pos_ in {"VERB", "AUX"}
        for t in c.subtree
    }
    return [t for t in verb.subtree if t.i not in joined]


#: prepositions of where something is beside a landmark ("next to my office")
_NEAR = frozenset({"near", "nearby", "next", "opposite", "behind", "beside", "across", "by"})


def _a_landmark(tok: Token) -> bool:
    """A possessive of a place someone else is near ("my" of "lives next to my office",
    "works opposite our flat"): a landmark, no tie to the speaker."""
    noun = tok.head
    if tok.dep_ != "poss" or noun.dep_ != "pobj":
        return False
    prep = noun.head
    return prep.lower_ in _NEAR or (prep.lower_ in {"to", "from"} and prep.head.lower_ in _NEAR)


def _of_kin(tok: Token) -> bool:
    """A possessive of a relative (or an ex) who is someone else's object or owner ("my"
    of "lives with my son's family", "Tigger is with my ex now"): the relative's, not the
    speaker's (but "Tom, my boyfriend")."""
    kin = tok.head
    return (
        tok.dep_ == "poss"
        and (kin.lemma_.lower() in en.KIN or kin.lower_ == "ex")
        and kin.dep_ in {"poss", "pobj", "dobj"}
    )


def _changing(tok: Token) -> bool:
    """``tok`` or a word it hangs from within its clause is a verb of change or end."""
    cur = tok
    for _ in range(4):
        if cur.lemma_.lower() in CHANGE_VERBS | END_VERBS | _LEAVING_NOUNS:
            return True
        if any(c.dep_ == "amod" and _a_change_said_as_adjective(c) for c in cur.children):
            return True  # a chat's "Moved jobs: from Bosch to Ocado", "moved" an adjective
        if cur.pos_ in {"VERB", "AUX"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _a_change_said_as_adjective(tok: Token) -> bool:
    low = tok.lower_
    return tok.i == tok.sent.start and any(
        form in CHANGE_VERBS for form in (low.removesuffix("d"), low.removesuffix("ed"))
    )


def _through(tok: Token, verb: Token, words: set[str]) -> bool:
    """The path from ``tok`` up to ``verb`` passes one of these prepositions."""
    cur = tok
    for _ in range(8):
        if cur.i == verb.i or cur.head.i == cur.i:
            return False
        if cur.dep_ in {"prep", "agent"} and cur.lower_ in words:
            return True  # ("agent": the "by" of a passive)
        cur = cur.head
    return False


def _for_after(tok: Token) -> bool:
    return any(t.lower_ == "for" for t in tok.sent if t.i > tok.i)


def _ended_above(verb: Token) -> bool:
    """The clause is the complement of an ending verb ("gave up being vegan", "quit
    playing rugby", "gave up rowing"), or the subject of an ending ("Being vegan wasn't
    for me")."""
    cur = verb
    while (
        cur.dep_ in {"xcomp", "pcomp", "csubj"}
        or (cur.dep_ == "dobj" and cur.tag_ == "VBG")
        or _bare_gerund(cur)
    ) and (cur.head.i != cur.i):
        cur = cur.head
        if cur.pos_ == "ADP":
            cur = cur.head
        if cur.lemma_.lower() in END_VERBS or _phrasal_end(cur) or _over(cur):
            return True  # and "I'm done with being vegetarian"
        if _was_not_for_me(cur):
            return True  # "Being vegan just wasn't for me": tried, and over
        if cur.lemma_.lower() in _STOPS and not any(c.dep_ == "neg" for c in cur.children):
            return True  # "stopped listening to Haim", but "can't stop listening to it"
        if cur.lemma_.lower() == "miss" and verb.tag_ == "VBG":
            return True  # "Sometimes I miss being vegetarian", "I miss living in Lisbon"
    return False


def _never_back(sent: Span) -> bool:
    """The sentence says what got out was never found or never came back."""
    return any(
        t.lower_ == "never" and t.head.lemma_.lower() in {"find", "come", "return", "see"}
        for t in tokens(sent)
    )


def _gerund_swapped(tok: Token, verb: Token) -> bool:
    return (
        tok.i == verb.i
        and verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in _SWAPS
        and _has_prep(verb, "for")
    )


def _taken_instead(tok: Token, verb: Token) -> bool:
    """``tok`` is what the ended value was given up for: "I've ditched squash for
    pickleball", the sport read as a verb that "for pickleball" hangs on."""
    return tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.i == verb.i


def _was_not_for_me(verb: Token) -> bool:
    """ "... wasn't for me": said of something tried, in the past, and given up."""
    return (
        verb.lemma_ == "be"
        and verb.tag_ == "VBD"
        and any(c.dep_ == "neg" for c in verb.children)
        and any(
            c.lower_ == "for" and any(o.lower_ in {"me", "us"} for o in c.children)
            for c in verb.children
        )
    )


def _bare_gerund(verb: Token) -> bool:
    """An "-ing" right after a verb and its particle that the parser hung on it as a
    clause of its own: "I gave up running after the injury" (not "Gave up on being
    keto, trying dairy-free instead")."""
    head = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and head.i < verb.i
        and all(t.dep_ == "prt" for t in verb.doc[head.i + 1 : verb.i])  # "gave up running"
        and not any(c.dep_ in {"mark", "nsubj"} for c in verb.children)
    )


def _surely_a_car(mention: Mention) -> bool:
    """A name read as a car for sure and as nothing else nearly as surely."""
    return mention.weight("vehicle") >= 1.0 and all(
        w < 0.9 for kind, w in mention.readings if kind != "vehicle"
    )


def _phrasal_end(verb: Token) -> bool:
    """The verb and its particle end a value ("broke up with", "handed in my notice");
    the particle is the one the parser tags so, or the preposition or adverb right after
    the verb (in a chat's subjectless "Handed in my notice at Unilever" the parser takes
    "in" for a preposition, in "Biscuit passed away" "away" for an adverb), or the bare
    verb of "let me go"."""
    lemma = verb.lemma_.lower()
    lemma = _PAST_FORMS.get(lemma, lemma)
    if lemma == "rid" and any(c.lower_ in {"get", "got", "gotten"} for c in verb.children):
        return True  # "Got rid of the Fiat", parsed as a passive
    if lemma == "make" and any(c.lower_ == "redundant" for c in verb.children):
        return True  # "I got made redundant from Deloitte", "Deloitte made me redundant"
    if lemma == "give" and any(c.lower_ in {"me", "us"} for c in verb.children):
        return False  # "She gave me back my Kindle": the speaker's again
    if lemma == "pass" and died(verb):
        return True  # "Sheldon passed on at 60"
    return any(
        (lemma, c.lower_) in PHRASAL_ENDS
        for c in verb.children
        if c.dep_ == "prt"
        or (c.dep_ in {"prep", "advmod"} and c.i == verb.i + 1)
        or (c.dep_ == "prep" and c.i == verb.i + 2 and verb.nbor().pos_ == "ADV")
        or (c.dep_ in {"ccomp", "xcomp"} and c.tag_ == "VB" and c.i <= verb.i + 3)
        or (c.dep_ in {"prt", "advmod"} and _right_after_the_object(c, verb))
    )


def _right_after_the_object(word: Token, verb: Token) -> bool:
    """ "back" of "handed the Countryman back": the word right after the verb's object."""
    return any(d.dep_ == "dobj" and d.right_edge.i + 1 == word.i for d in verb.children)


def _in_object(tok: Token, verb: Token) -> bool:
    """``tok`` is (inside) the verb's direct object."""
    cur = tok
    for _ in range(4):
        if cur.head.i == verb.i:
            return cur.dep_ == "dobj"
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _a_trip_to(tok: Token) -> bool:
    """Where a train, a flight or a trip goes, or someone is for a day: "the train to
    Leeds", "my flight to Rome", "was in Leeds for a conference" (not "the move to Graz",
    nor "my commute from Bristol", nor "in Lisbon for a year now")."""
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None:
        return False
    if prep.lower_ in {"in", "to"} and any(  # "I was in Leeds for the day"
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(g.lemma_.lower() in _VISITS and g.tag_ == "NN" for g in c.children)
        for c in prep.head.children  # (not "raining in Dublin for eleven days")
    ):
        return True
    return prep.lower_ == "to" and prep.head.lemma_.lower() in _TRIPS and prep.head.pos_ == "NOUN"


def _spoken_of(tok: Token) -> bool:
    """What is read, said, heard or thought about: "reading about vegan diets", "a
    podcast about Berlin", "We talked about keto" (not "mad about Haim", an adjective's)."""
    while tok.dep_ in {"amod", "compound", "nmod"} and tok.head.i != tok.i:
        tok = tok.head  # "vegan diets"
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in {"about", "on"}:
        return False
    said = prep.head
    if prep.lower_ == "on":  # "a documentary on Japan", "went on about keto"
        return said.pos_ == "NOUN" and said.lemma_.lower() in _SPOKEN
    return said.pos_ in {"VERB", "NOUN"} and said.lemma_.lower() in _SPOKEN


#: verbs and nouns of what is said, read or thought about something
_SPOKEN = frozenset(
    {"read", "talk", "hear", "learn", "write", "chat", "argue", "rant", "complain", "joke"}
    | {"go", "moan", "gossip", "blog", "post", "lecture"}
    | {"article", "documentary", "podcast", "book", "video", "show", "film", "programme"}
    | {"debate", "conversation", "question", "post", "thread", "story", "piece", "lecture"}
)


#: what goes somewhere without anyone moving there
_TRIPS = frozenset(
    {"train", "bus", "flight", "plane", "ferry", "coach", "tram", "trip", "journey", "ride"}
    | {"drive", "holiday", "visit", "ticket", "road", "motorway"}
)


#: what one is somewhere for when one is only visiting
_VISITS = frozenset(
    {"day", "weekend", "night", "afternoon", "evening", "conference", "wedding", "holiday"}
    | {"meeting", "gig", "match", "festival", "funeral", "interview", "trip"}
)


def _where_a_thing_was_left(tok: Token, verb: Token) -> bool:
    """``tok`` is where the speaker left some thing ("I left my umbrella at Tesco", "Left
    my keys at Greggs"), not a job or a home ("left my job at Tesco")."""
    if verb.lemma_.lower() != "leave" or not _through(tok, verb, {"at", "in", "on"}):
        return False
    things = [c for c in verb.children if c.dep_ == "dobj"]
    return bool(things) and all(
        t.lemma_.lower() not in lx.SLOT_NOUNS and t.pos_ == "NOUN" for t in things
    )


def _an_animal_gone(tok: Token, verb: Token) -> bool:
    """What only an animal does when it dies: crosses the rainbow bridge, is put down."""
    if _put_down(tok, verb):
        return True
    return (
        verb.lemma_.lower() == "cross"
        and _in_subject(tok)
        and any(c.dep_ == "dobj" and c.lemma_.lower() == "bridge" for c in verb.children)
    )


def _put_down(tok: Token, verb: Token) -> bool:
    """An animal put down (put to sleep): ``tok`` the subject of "put down" said in the
    passive or after "have", or its object ("put the dog down"); not "put down a deposit
    on a flat in York"."""
    put = next(
        (c for c in (verb, *verb.children) if c.lemma_ == "put" and c.dep_ in {"xcomp", "ccomp"}),
        verb,
    )
    if put.lemma_ != "put" or not any(c.dep_ == "prt" and c.lower_ == "down" for c in put.children):
        return False
    objects = [c for c in put.children if c.dep_ == "dobj"]
    if objects:
        return tok in objects or (tok.dep_ == "appos" and tok.head in objects)
    return _in_subject(tok) or (tok.dep_ == "appos" and _in_subject(tok.head))


def _gone_to_live(verb: Token) -> bool:
    """ "went to live with my parents", "has gone to live on a farm": moved out of the
    speaker's home for good."""
    if verb.lemma_.lower() != "go":
        return False
    return any(
        (c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() == "live")
        or (
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(g.dep_ == "pobj" and g.lemma_.lower() in _NEW_HOMES for g in c.children)
        )
        for c in verb.children
    )  # and "Clover went to a lovely family with a big garden"


def _lost_its_pull(verb: Token) -> bool:
    """The subject no longer appeals: "... bores me now", "... doesn't do it for me
    anymore"."""
    lemma = verb.lemma_.lower()
    me = any(c.dep_ == "dobj" and c.lower_ in {"me", "us"} for c in verb.children)
    if lemma in {"bore", "annoy", "irritate"}:
        return me
    return (
        lemma == "do"
        and any(c.dep_ == "neg" for c in verb.children)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children)
        and any(
            c.dep_ == "prep"
            and c.lower_ == "for"
            and any(g.lower_ in {"me", "us"} for g in c.children)
            for c in verb.children
        )
    )


def _new_home_found(verb: Token) -> bool:
    """ "found a new family", "has a forever home now": its subject lives elsewhere."""
    return verb.lemma_.lower() in {"find", "get", "have"} and any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in _REHOMING
        and any(g.lower_ in {"new", "forever", "loving"} for g in c.children)
        for c in verb.children
    )


def _to_a_rescue(verb: Token) -> bool:
    """ "... to the shelter", "to a rescue": handed over for good."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(g.dep_ == "pobj" and g.lemma_.lower() in _RESCUES for g in c.children)
        for c in verb.children
    )


def _in_layoffs(word: Token) -> bool:
    """ "(caught up) in the layoffs (at ...)": ``word`` is the layoffs someone is in, or
    the verb they are in them by."""
    layoffs = [word] if word.lemma_.lower() in _LAYOFFS else []
    layoffs += [
        g
        for c in word.children
        if c.dep_ == "prep"
        for g in c.children
        if g.lemma_.lower() in _LAYOFFS
    ]
    return any(n.head.lower_ == "in" for n in layoffs)


def _a_leaving(noun: Token) -> bool:
    """ "retirement", "the redundancy package", "a resignation letter"."""
    return noun.lemma_.lower() in _LEAVING_NOUNS or any(
        c.dep_ in {"compound", "amod"} and c.lemma_.lower() in _LEAVING_NOUNS for c in noun.children
    )


def _has_prep(verb: Token, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word for c in verb.children)


def _couple_over(sent: Span) -> bool:
    """The speaker's couple ended, its other half unnamed: "We broke up last month",
    "we're getting divorced", "I'm single again", "The divorce came through", "The divorce
    papers were signed"."""
    for noun in tokens(sent):
        divorce = noun.lemma_.lower() == "divorce" or any(
            c.dep_ == "compound" and c.lemma_.lower() == "divorce" for c in noun.children
        )  # "The divorce papers were signed in June"
        if divorce and noun.pos_ in {"NOUN", "PROPN"} and noun.dep_ in {"nsubj", "nsubjpass"}:
            owners = [c.lower_ for c in noun.children if c.dep_ in {"poss", "det"}]
            verb = noun.head
            headline = not owners and noun.i == sent.start  # chat's "divorce finalized"
            if (owners in (["the"], ["my"], ["our"]) or headline) and not (
                _unasserted(verb) or _negated(verb, verb)
            ):
                return True
        if _promise_called_off(noun):
            return True
    for verb in tokens(sent):
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subjects = [c.lower_ for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects not in (["we"], ["i"]) or _unasserted(verb):
            continue
        him = _left_him(verb)
        if him is not None and any(_my_partner(t) for t in sent.doc[sent.start : him.i]):
            return True  # "My boyfriend cheated, so I left him"
        if subjects == ["i"] and _and_my_partner(next(c for c in verb.children if c.lower_ == "i")):
            subjects = ["we"]  # "My boyfriend and I broke up", the kin noun parsed apart
        if _did_not_work_out(verb):
            return True  # "We didn't work out"
        if _negated(verb, verb) and not _apart(verb):
            continue  # "We're not over yet", but "We're not together anymore" is
        named = any(
            (c.dep_ in {"dobj", "conj"} and c.lower_ not in {"it", "things"})
            or (c.dep_ == "prep" and c.lower_ == "with")
            or any(g.dep_ == "prep" and g.lower_ in {"of", "from"} for g in (c, *c.children))
            or any(g.lower_ in {"him", "her", "them"} for g in (c, *c.children))
            for c in verb.children
        )  # "We broke up with the band", "we let him go" (a pet), "We moved out of
        # Manchester", but "We split up in May" is the couple
        if subjects == ["we"] and not named and (_phrasal_end(verb) or _over(verb)):
            return True
        if _divorce_sought(verb):
            return True  # "I filed for divorce", "We're getting a divorce"
        if (
            subjects == ["i"]
            and verb.lemma_ == "be"
            and any(c.dep_ == "acomp" and c.lower_ == "single" for c in verb.children)
        ):
            return True
    return any(_single_said(tok) for tok in tokens(sent))


#: verbs by which the speaker ends a couple with whom they name: "I left him"
_LEAVINGS = frozenset({"leave", "dump", "ditch", "divorce"})


def _left_him(verb: Token) -> Token | None:
    """The "him" or "her" the speaker left, dumped or broke up with: "so I left him"."""
    if [c.lower_ for c in verb.children if c.dep_ == "nsubj"] != ["i"] or _unasserted(verb):
        return None
    lemma = verb.lemma_.lower()
    if lemma in _LEAVINGS:
        if any(
            c.dep_ == "prep" and c.lower_ in {"at", "in", "on", "behind", "with"}
            for c in verb.children
        ):
            return None  # "I left him at the station", "left him with my mum"
        return next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _HIM), None)
    if _phrasal_end(verb) or lemma in {"split", "separate"}:
        return next(
            (
                g
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ in {"with", "from"}
                for g in c.children
                if g.dep_ == "pobj" and g.lower_ in _HIM
            ),
            None,
        )  # "I broke up with her"
    return None


_HIM = frozenset({"him", "her"})


def _left_by_me(tok: Token) -> bool:
    """``tok``, a name, is whom a later "him" or "her" of the sentence stands for that the
    speaker left: "Tom cheated on me, so I dumped him" (no other name between)."""
    for verb in tokens(tok.sent):
        him = _left_him(verb) if verb.i > tok.i and verb.pos_ == "VERB" else None
        if him is not None and not any(t.pos_ == "PROPN" for t in tok.doc[tok.i + 1 : him.i]):
            return True
    return False


def _never_changing(verb: Token) -> bool:
    """ "X, still my favourite band, never changing": what does not change holds."""
    return verb.lemma_.lower() == "change" and not any(
        c.dep_ in {"dobj", "prep", "prt"} for c in verb.children
    )


def _and_my_partner(i: Token) -> bool:
    """ "My partner and I ...", however the parser hung the kin noun: the speaker's couple."""
    if i.i < 3 or i.doc[i.i - 1].lower_ != "and":
        return False
    return _my_partner(i.doc[i.i - 2])


def _my_partner(kin: Token) -> bool:
    """ "my boyfriend", "my wife": the speaker's partner, unnamed."""
    return en.KIN.get(kin.lemma_.lower()) in en.PARTNERS and any(
        c.dep_ == "poss" and c.lower_ == "my" for c in kin.children
    )


def _promise_called_off(noun: Token) -> bool:
    """ "Priya called off the engagement", "We broke off our engagement", "The wedding was
    called off": the couple's promise undone (not "my sister called off her wedding")."""
    if noun.lemma_.lower() not in {"engagement", "wedding"}:
        return False
    verb = noun.head
    owners = [c.lower_ for c in noun.children if c.dep_ in {"poss", "det"}]
    return (
        noun.dep_ in {"dobj", "nsubjpass"}
        and owners in (["the"], ["my"], ["our"])
        and verb.lemma_.lower() in {"call", "break"}
        and _phrasal_end(verb)
        and not (_unasserted(verb) or _negated(verb, verb))
    )


def _single_said(tok: Token) -> bool:
    """A chat's verbless "Single again", "Officially single, long story", "Back to being
    single", or "I'm enjoying being single": the speaker's own state (not "a single
    room", "single malt")."""
    if tok.lower_ != "single" or tok.pos_ != "ADJ":
        return False
    if tok.dep_ in {"ROOT", "dep", "advcl"}:  # ("Single again, he wanted kids")
        before = tok.doc[tok.sent.start : tok.i]
        return all(t.pos_ in {"ADV", "INTJ", "CCONJ"} for t in before)
    being = tok.head
    if tok.dep_ != "acomp" or being.lower_ != "being":
        return False
    if being.head.lemma_.lower() in {"enjoy", "love", "like"}:  # "I'm enjoying being single"
        subj = subject_token(being.head)
        return subj is not None and _first_person(subj) and not _negated(being.head, tok)
    return being.head.lower_ == "to" and being.head.head.lower_ == "back"


#: what a value put "on" is stopped for now: "Running's on pause"
_PAUSES = frozenset({"pause", "hold", "ice", "burner", "backburner", "hiatus"})


def _on_pause(verb: Token) -> bool:
    """ "on hold", "on ice", "on the back burner" said of the verb."""
    return any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ in _PAUSES for g in c.children)
        for c in verb.children
    )


def _era(noun: Token) -> bool:
    """ "My vegan days", "our Lyon days", "the Bosch days": a time of life that can end,
    not a spell of work ("Long day at Bosch, my feet are done")."""
    return noun.lower_ == "days" and any(c.dep_ in {"poss", "compound"} for c in noun.children)


def _over(verb: Token) -> bool:
    """ "It's over with Iris", "The Prius is gone", "we put Rufus to sleep", "Tom and I
    are getting divorced", "Tom and I went our separate ways": ended."""
    if any(
        c.dep_ in {"nsubj", "nsubjpass"}
        and c.lemma_.lower() in _CHANGE_NOUNS | _SPELLS
        and not _era(c)
        for c in verb.children
    ):
        return False  # "The move to Ghent is done": the change is made, nothing ended;
        # "Another shift at Tesco, my feet are done": a shift is over, the job goes on
    if verb.lemma_ == "be" and any(
        c.dep_ == "attr" and c.lower_ == "more" and any(g.lower_ == "no" for g in c.children)
        for c in verb.children
    ):
        return True  # "Sadly Ziggy is no more"
    if verb.lemma_ == "be" and any(
        c.lower_ in {"over", "gone", "history", "done", "finished", "dead", "retired"}
        and c.dep_ in {"acomp", "attr", "advmod", "prt", "prep"}
        and not any(g.dep_ in {"det", "compound", "poss"} for g in c.children)
        for c in verb.children
    ):
        return True  # "Jonah and I are done", not "I'm a midwife now, finished the training"
        # nor "My favourite book is The Secret History", a title
    if verb.lemma_ == "be" and any(
        c.dep_ == "prep"
        and c.lower_ == "behind"
        and any(o.lower_ in {"me", "us"} for o in c.children)
        for c in verb.children
    ):
        return True  # "Deloitte is behind me"
    if verb.lemma_ == "be" and any(
        c.dep_ == "prep"
        and c.lower_ == "off"
        and any(g.dep_ == "pobj" and g.lower_ in _OFF_WHAT for g in c.children)
        for c in verb.children
    ):
        return True  # "Tennis is off the table now", "Pizza's off the menu for me"
    if _apart(verb):
        return True
    if (
        verb.lower_ in _APART_WORDS
        and any(c.dep_ in {"aux", "auxpass"} and c.lemma_ == "be" for c in verb.children)
    ) or (
        verb.lemma_ == "be"
        and any(c.dep_ == "acomp" and c.lower_ in _APART_WORDS for c in verb.children)
    ):
        return True  # "Erik and I are divorced now", "We're separated"
    if verb.lower_ in {"gone", "done", "finished"} and any(
        c.lemma_ == "be" or (c.dep_ in {"aux", "auxpass"} and c.lower_ == "'s")
        for c in verb.children
    ):
        return True  # "Clover is gone", "Jonah and I are done", "Rugby's done for me",
        # parsed as passives
    if _gone_for_good(verb) or _scrapped(verb):
        return True  # "The Volvo has gone", "The Rover has gone to the scrapyard"
    if _died(verb) or _lost_for_good(verb) or _behind(verb):
        return True  # "Dougal passed in January", "Luna crossed the rainbow bridge"
    if _with_partner(verb) and _called_it(verb):
        return True  # "Arjun and I called it a day", "We're calling it", "Jess and I
        # wrapped things up"
    if verb.lemma_ == "be" and any(
        c.dep_ in {"attr", "ROOT"}
        and c.lower_ == "news"
        and any(g.lower_ == "old" for g in c.children)
        for c in verb.children
    ):
        return True  # "Luca is old news"
    if (
        verb.lemma_ in _PARTING_VERBS
        and _with_partner(verb)
        and not any(c.dep_ == "dobj" for c in verb.children)
        and not _has_prep(verb, "into")
    ):
        return True  # "Graham and I parted in the new year", "We split last spring", "Ana
        # and I separated" (not "we split the bill", "we split into two teams")
    if (
        verb.lower_ in {"done", "finished"}
        and _has_prep(verb, "with")
        and (verb.i == verb.sent.start or verb.doc[verb.i - 1].text == ",")
        and subject_token(verb) is None
    ):
        return True  # a chat's subjectless "Done with hockey, rugby now", "Joined a
        # volleyball team, done with tennis"
    if verb.lemma_ in {"be", "put"} and _on_pause(verb):
        return True  # "Running's on pause", "Tennis is on hold", "Fencing's been put on ice"
    if verb.lemma_ == "get" and any(
        c.dep_ in {"acomp", "auxpass", "xcomp"} and c.lemma_.lower() in END_VERBS
        for c in verb.children
    ):
        return True
    if verb.lemma_ == "go" and any(
        c.lemma_ == "way" and any(a.lower_ == "separate" for a in c.children) for c in verb.children
    ):
        return True
    if verb.lemma_ == "part" and any(c.lemma_ in {"way", "company"} for c in verb.children):
        return True  # "Tesco and I parted ways"
    if verb.lemma_ == "call" and any(c.lower_ == "quits" for c in verb.children):
        return True  # "Nathan and I called it quits"
    if verb.lemma_ == "end" and any(
        c.dep_ == "dobj" and c.lower_ in {"it", "things"} for c in verb.children
    ):
        return True  # "Mia ended things on Friday": whoever ended it, it is over
    return verb.lemma_ == "put" and any(
        (c.lower_ == "to" and any(g.lower_ in {"sleep", "rest"} for g in c.children))
        or (c.lower_ in {"sleep", "rest"} and any(g.lower_ == "to" for g in c.children))
        for c in verb.children
    )  # "to sleep" as a preposition and its object, or as an infinitive


def _gone_for_good(verb: Token) -> bool:
    """ "has gone" with nowhere to go but the scrapyard: "The Volvo has gone", not "Tom
    has gone to Paris"."""
    if verb.lower_ != "gone" or not any(
        c.dep_ == "aux" and c.lower_ in {"has", "have", "'s", "'ve"} for c in verb.children
    ):
        return False
    if any(
        c.dep_ in {"xcomp", "advcl", "ccomp", "acomp", "attr", "oprd", "dobj", "npadvmod"}
        for c in verb.children
    ):
        return False  # "has gone to live with", "I've gone vegan", "gone full carnivore"
    return all(
        c.lower_ == "for" or any(g.lemma_.lower() in _SCRAPPED for g in c.subtree)
        for c in verb.children
        if c.dep_ == "prep"
    )


def _scrapped(verb: Token) -> bool:
    """ "The Fiesta's at the scrapyard", "the Golf is in the scrapyard now", "The Focus
    went to the scrapyard", "The old Golf was sent for scrap" (not "I went to the dump")."""
    subj = subject_token(verb)
    if verb.lemma_ not in {"be", "go", "send"} or (subj is not None and _first_person(subj)):
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"at", "in", "on", "to", "for"}
        and any(g.dep_ == "pobj" and g.lemma_.lower() in _SCRAPPED for g in c.children)
        for c in verb.children
    )


def _died(verb: Token) -> bool:
    """ "X passed" (with no object: not "passed the exam"), "crossed the rainbow
    bridge", "pushing up daisies", and a pet "put down"."""
    lemma = verb.lemma_.lower()
    if lemma == "pass":
        return (
            verb.tag_ in {"VBD", "VBN"}
            and not any(
                c.dep_ in {"dobj", "prt", "attr"}
                or (c.dep_ in {"xcomp", "ccomp"} and c.i > verb.i)  # (a clause before is
                # another: "The fence is fixed, but Ziggy passed in the spring")
                or (c.dep_ == "prep" and c.lower_ in {"through", "by", "on", "over", "for"})
                for c in verb.children
            )
            and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in verb.children)
        )
    if lemma == "put" and _has_particle(verb, "down"):  # "We had to put Biscuit down"
        return any(
            c.dep_ == "dobj" and (c.pos_ == "PROPN" or c.lemma_.lower() in lx.PET_NOUNS)
            for c in verb.children
        )
    if lemma == "make" and _not_made_it(verb):
        return True  # "Pip didn't make it through the night"
    if lemma == "push" and any(c.lemma_ == "daisy" for c in verb.subtree):
        return True  # "The goldfish is pushing up daisies"
    return lemma == "cross" and any(
        c.dep_ == "dobj" and c.lemma_ == "bridge" and any(g.lower_ == "rainbow" for g in c.children)
        for c in verb.children
    )


def _not_made_it(verb: Token) -> bool:
    """A named one "didn't make it" (through an illness, an operation): died; not "Tom
    didn't make it to the party", "didn't make it home"."""
    named = any(
        c.dep_ == "nsubj" and (c.pos_ == "PROPN" or c.lemma_.lower() in lx.PET_NOUNS)
        for c in verb.children
    )
    told = [c for c in verb.children if c.dep_ in {"prep", "advmod", "npadvmod", "dobj", "neg"}]
    return (
        named
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in told)
        and any(c.dep_ == "neg" or c.lower_ == "never" for c in told)
        and all(
            c.dep_ in {"dobj", "neg"} or c.lower_ in {"through", "never", "sadly"} for c in told
        )
    )


#: what a favourite holds until it loses it ("lost the top spot", "lost its crown")
_FIRST_PLACE = frozenset({"spot", "crown", "place", "title", "throne", "top"})


def _beaten_by_a_value(verb: Token) -> bool:
    """ "X beats Y": a value that wins over another (not "We beat Leeds 3-0")."""
    subj = subject_token(verb)
    return subj is not None and subj.lower_ not in FIRST | WE and subj.pos_ in {"NOUN", "PROPN"}


#: verbs that put their object off the top spot: "Tacos knocked dumplings off the top"
_KNOCKS = frozenset({"knock", "bump", "push"})


def _dethroned(verb: Token) -> bool:
    """ "Queen lost the top spot to ABBA", "Ramen lost its crown to pad thai", "Pizza's
    been knocked off the top spot by sushi", "Pad thai has been demoted": the subject is no
    longer the favourite."""
    lemma = verb.lemma_.lower()
    if lemma in _KNOCKS:
        return any(
            c.dep_ == "prep"
            and c.lower_ == "off"
            and any(o.lemma_.lower() in _FIRST_PLACE for o in c.children)
            for c in verb.children
        )
    if lemma in {"drop", "slip", "fall", "slide", "sink"}:
        return any(  # "Ramen has dropped to second place", "slipped to number two"
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(o.lemma_.lower() in _LOWER_PLACES for o in c.subtree)
            for c in verb.children
        )
    if lemma in {"demote", "dethrone", "relegate"}:  # "pad thai has been demoted"
        return any(c.dep_ == "nsubjpass" for c in verb.children)
    return lemma == "lose" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _FIRST_PLACE for c in verb.children
    )


#: words of a rank below the top: "dropped to second place", "slipped to number two"
_LOWER_PLACES = frozenset({"second", "third", "two", "three", "2", "3", "runner"})


def _usurped(tok: Token, verb: Token) -> bool:
    """ "Phoenix took Radiohead's place", "Tacos stole lasagne's crown": whose place
    another took is no longer the favourite."""
    spot = tok.head
    return (
        tok.dep_ == "poss"
        and verb.lemma_.lower() in {"take", "steal"}
        and spot.dep_ == "dobj"
        and spot.head.i == verb.i
        and spot.lemma_.lower() in _FIRST_PLACE
    )


def _behind(verb: Token) -> bool:
    """ "Airbus is in the rear-view mirror", "Leeds is in the past now" (the noun "past",
    not "in the past few weeks")."""
    return verb.lemma_ == "be" and any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(
            (g.lemma_ == "mirror" and "rear" in g.sent.text.lower())
            or (g.lower_ == "past" and g.dep_ == "pobj")
            for g in c.children
        )
        for c in verb.children
    )


def _lost_for_good(verb: Token) -> bool:
    """ "Sooty went missing in January and never came back"."""
    if verb.lemma_ != "go" or not any(c.lower_ == "missing" for c in verb.children):
        return False
    return any(
        c.dep_ == "conj" and c.lemma_ in {"come", "return"} and _negated(c, c)
        for c in verb.children
    )


def _called_it(verb: Token) -> bool:
    """ "called it a day", "called it quits", "calling it", "wrapped things up": a
    couple's ending said with "it" or "things"."""
    lemma = verb.lemma_.lower()
    it = any(c.dep_ == "dobj" and c.lower_ in {"it", "things"} for c in verb.children)
    if lemma == "wrap":
        return it and _has_particle(verb, "up")
    others = [
        c
        for c in verb.children
        if c.dep_ in {"oprd", "npadvmod", "xcomp", "ccomp", "attr"} and not c.ent_type_
    ]  # (but a date: "called it a day last month")
    return (
        lemma == "call"
        and it
        and all(c.lower_ in {"day", "quits", "time"} for c in others)
        and not any(c.dep_ == "prt" for c in verb.children)
        and not any(t.lower_ in _PARTS_OF_A_DAY for t in verb.subtree)
    )  # (not "We called it a night early", "a night" hung elsewhere)


#: the parts of a day one calls it ("called it a night"): an evening over, no couple
_PARTS_OF_A_DAY = frozenset({"night", "evening", "morning", "afternoon"})


def _with_partner(verb: Token) -> bool:
    """The verb's subject is a couple with the speaker in it ("Graham and I", "we")."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if any(s.lower_ in WE for s in subjects) or (
        len(subjects) > 1 and any(s.lower_ in FIRST for s in subjects)
    ):
        return True  # "We parted", and "Graham and I parted" read as two subjects
    return any(c.dep_ == "conj" and c.lower_ in FIRST | WE for s in subjects for c in s.children)


def _moving_in_together(verb: Token) -> bool:
    """ "Sami and I are moving in together", "We're moving in together in May", "Moving
    in with Leo next month": a couple with the speaker in it plans to share a home."""
    # (and "Sami and I", "Sami" read apart from the verb)
    couple = _with_partner(verb) or any(and_i(t) for t in verb.doc[verb.sent.start : verb.i])
    subj = subject_token(verb)
    with_someone = (subj is None or subj.lower_ in FIRST | WE) and any(
        c.dep_ == "prep"
        and c.lower_ == "with"
        and any(
            g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ in {"PERSON", "GPE", ""}
            for g in c.children
        )
        for c in verb.children
    )  # a name, not "my sister" nor "the Smiths"
    return (
        verb.lemma_.lower() == "move"
        and ((couple and any(c.lower_ == "together" for c in verb.subtree)) or with_someone)
        and any(c.lower_ == "in" and c.dep_ in {"prt", "advmod", "prep"} for c in verb.children)
    )


#: what two people who were together are now
_APART_WORDS = frozenset({"divorced", "separated"})


def _did_not_work_out(verb: Token) -> bool:
    """ "We didn't work out", "Tom and I didn't work out": the couple is over."""
    return (
        verb.lemma_.lower() == "work"
        and _particle(verb, "out")
        and _negated(verb, verb)
        and not any(
            c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ != "in") for c in verb.children
        )  # (but "We didn't work out at the gym")
    )


def _apart(verb: Token) -> bool:
    """ "Chris and I are no longer together", "We're not together anymore"."""
    return (
        verb.lemma_ == "be"
        and _negated(verb, verb)
        and any(c.lower_ == "together" for c in verb.children)
    )


def _once(verb: Token) -> bool:
    """A one-off happening in the past ("Had ramen for lunch", "Saw Muse last night"),
    not a lasting state or a change of taste ("got into jazz", "now I love it")."""
    if not (verb.tag_ == "VBD" or _past_opener(verb)) or _taste_changed(verb):
        return False
    if listening_summed_up(verb):
        return False  # "My music stats were all Idles": a year's listening, no one-off
    if verb.lemma_.lower() == "win" and _has_particle(verb, "over"):
        return False  # "Blur won me over": a taste changed
    # with a verbless remark on it: "Had pizza again last night, still my favourite"
    words = clause_tokens(verb) + [
        t
        for c in verb.children
        if c.dep_ in {"dep", "parataxis", "appos", "ccomp"} and c.pos_ in {"NOUN", "ADJ"}
        for t in c.subtree
    ]
    if any(t.lower_ in _LASTING for t in words):
        return False
    return not any(  # "I've had Arctic Monkeys on repeat for weeks"
        t.lower_ == "for"
        and any(c.lemma_.lower() in _SPANS and c.tag_ == "NNS" for c in t.children)
        for t in words
    )


def _past_opener(verb: Token) -> bool:
    """A chat's subjectless opening verb in the past that the tagger took for a base
    form ("Took a cycling tour today", "Got a free sample")."""
    return (
        verb.i == verb.sent.start
        and verb.tag_ == "VB"
        and verb.lower_ in en.IRREGULAR_PAST
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children)
    )


def _taste_changed(verb: Token) -> bool:
    """A verb that can tell a new taste ("got into jazz", "went vegan", "fell for
    Lisbon", "my brother got me into Idles"); "get" with a thing got does not ("Got a
    free sample of kombucha")."""
    lemma = verb.lemma_.lower()
    if (
        lemma == "get"
        and any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.lower_ == "into" for c in verb.children)
    ):
        return False
    return lemma in _TASTE_CHANGES


#: where music that is always played stays: "Their album hasn't left my headphones"
_PLAYED_ON = lx.LISTENED_ON | {"head", "ear", "car"}


def _cannot_stop(verb: Token) -> bool:
    """ "I can't stop listening to Wet Leg", "Can't get enough of Tame Impala", "Wet
    Leg's album hasn't left my headphones", "Can't beat a Sunday roast", "..., can't
    wait": emphatic."""
    if verb.lemma_ == "leave" and any(c.dep_ == "neg" for c in verb.children):
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _PLAYED_ON for c in verb.children)
    if verb.lemma_ == "wait" and not any(
        c.dep_ in {"xcomp", "ccomp", "prep", "advcl"} for c in verb.children
    ):  # "Another netball match this weekend, can't wait": eager, no wait for anything
        return any(c.dep_ == "neg" for c in verb.children) and any(
            c.lower_ in {"ca", "can"} for c in verb.children
        )
    if verb.lemma_ == "beat" and not any(c.dep_ == "nsubj" for c in verb.children):
        # "Can't beat a proper Sunday roast": nothing does
        return any(c.dep_ == "neg" for c in verb.children) and any(
            c.lower_ in {"ca", "can", "could"} for c in verb.children
        )
    cur = verb if verb.lemma_ in {"stop", "get"} else verb.head if verb.dep_ == "xcomp" else None
    if cur is None or not (
        any(c.dep_ == "neg" for c in cur.children)
        and any(c.lower_ in {"ca", "can", "could"} for c in cur.children)
    ):
        return False
    return cur.lemma_ == "stop" or any(c.lower_ == "enough" for c in cur.children)


def _cannot_any_more(verb: Token) -> bool:
    """ "I can't stand mac and cheese anymore", "Can't listen to The Killers any more":
    a taste that ended, told as what the speaker cannot do now."""
    children = {c.lower_ for c in verb.children}
    if not (children & {"ca", "can"} and children & {"n't", "not"}):
        return False
    text = verb.sent.text.lower()
    return "anymore" in text or "any more" in text


def _date_aside(sent: Span, ctx: Context) -> Token | None:
    """The joined clause of its own (``clause_of_its_own``) that holds the sentence's
    first date, if it does."""
    first = next((t for t in tokens(sent) if t.i in ctx.date_at), None)
    return clause_of_its_own(first) if first is not None else None


def _event_trained_for(sent: Span, ctx: Context) -> bool:
    """The sentence's date is that of an event trained or prepared for: the date hangs
    from the noun the verb is for ("Training for a judo tournament next month")."""
    dated = [t for t in tokens(sent) if t.i in ctx.date_at]
    if not dated:
        return False
    event = dated[-1].head
    while (event.i in ctx.date_at or event.dep_ in {"amod", "compound"}) and (
        event.head.i != event.i
    ):
        event = event.head  # (the noun's own head: "an archery tournament" read as
        # "archery" qualified by "tournament")
    return event.pos_ == "NOUN" and _trained_for(event)


def _another_of_many(sent: Span) -> bool:
    """ "Another netball match this weekend", "another judo session tomorrow": one more
    of what the speaker does, whatever day it falls on."""
    return any(
        t.lower_ in _EVENTS | _DOING_NOUNS and any(c.lower_ == "another" for c in t.children)
        for t in tokens(sent)
    )


def _first_date(sent: Span, ctx: Context) -> DateMention | None:
    for tok in tokens(sent):
        mention = ctx.date_at.get(tok.i)
        if mention is not None:
            return mention
    return None


def _governor(tok: Token) -> Token | None:
    """The verb whose clause holds ``tok`` (None for a verbless sentence or fragment:
    "First night in the new flat in Lyon, and the neighbours are having a party")."""
    for c in tok.lefts:
        if c.dep_ == "amod" and c.pos_ == "VERB" and any(g.dep_ == "nsubj" for g in c.children):
            return c  # "my old flatmate abandoned veganism", the verb read as a modifier
    cur = tok
    if (
        tok.pos_ == "VERB"
        and tok.dep_ in {"dobj", "acomp", "pcomp", "pobj"}
        and tok.head.i != tok.i
    ):
        cur = tok.head  # "My sister took up rowing": a sport tagged a verb is an object
        # ("I stopped keto": a diet tagged a verb, its complement; "stepped away from
        # rowing", of a preposition)
    for _ in range(12):
        if cur.pos_ in {"VERB", "AUX"} or _verb_read_as_a_name(cur):
            return cur
        if cur.head.i == cur.i:
            return None
        if cur.dep_ in _FRAGMENTS and cur.head.pos_ in {"VERB", "AUX"} and not _as_subject(cur):
            return None  # a nominal fragment beside a clause, not part of it
        if cur.dep_ == "nsubj" and _subject_beside(cur):
            return None  # "Now a sous chef, can you believe it": a fragment of its own
        if cur.lower_ == "into" and cur.i == cur.sent.start and _comma_between(cur, cur.head):
            return None  # "Into bouldering now, running's on pause": "I'm into ..."
        cur = cur.head
    return None


def _comma_between(a: Token, b: Token) -> bool:
    return any(t.text == "," for t in a.doc[min(a.i, b.i) : max(a.i, b.i)])


def _subject_beside(subj: Token) -> bool:
    """A subject the parser gave a verb that has its own subject after a comma: "Data
    scientist now, new title came through Friday", "Now a sous chef, can you believe
    it"."""
    verb = subj.head
    return any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.i > subj.i and _comma_between(subj, c)
        for c in verb.children
    )


def _verb_read_as_a_name(tok: Token) -> bool:
    """A chat's subjectless opening verb with its particle, tagged a name: "Hung up my
    football boots"."""
    return (
        tok.pos_ == "PROPN"
        and tok.i == tok.sent.start
        and any(c.dep_ == "prt" for c in tok.children)
    )


#: past forms of phrasal verbs a small tagger leaves unlemmatised when it takes them
#: for names ("Hung up my boots")
_PAST_FORMS = {"hung": "hang", "gave": "give", "broke": "break", "handed": "hand", "called": "call"}


def _described_subject(tok: Token, verb: Token) -> bool:
    """``tok`` describes the verb's subject ("My manager at Heineken wants the report"):
    said as known, whatever the verb says of wishes or plans."""
    subj = subject_token(verb)
    return subj is not None and subj.i != tok.i and tok.i in {t.i for t in subj.subtree}


@per_token  # (asked of a verb once for each of its mentions)
def _picked_over(verb: Token) -> bool:
    """ "I'd pick Idles over Radiohead", "I'd choose tea over coffee any day": a
    preference told as a choice the speaker would make, by a first person."""
    if verb.lemma_.lower() not in {"pick", "choose", "take", "have", "prefer"}:
        return False
    subj = subject_token(verb)
    return (
        subj is not None
        and _first_person(subj)
        and any(c.dep_ == "prep" and c.lower_ == "over" for c in verb.children)
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def _unasserted(verb: Token) -> bool:
    """Modal, reported, wished, planned or imperative: "I'd love to live in Rome", "I
    might quit", "Bring Helen to the barbecue!"."""
    if _cannot_stop(verb) or could_forever(verb) or _cannot_any_more(verb):
        return False  # "I can't stop listening to Wet Leg": emphatic, asserted
    if modestly_put(verb):
        return False  # "I'd call myself flexitarian these days"
    if verb.lemma_ == "ask" and _asked_out(verb):
        return False  # "Rafael asked me to be his girlfriend": what is asked is done
    if _found_there(verb):
        return False  # "Most evenings you'll find me at the climbing wall": a habit
    if _picked_over(verb):
        return False  # "I'd pick Idles over Radiohead any day": a taste stated
    if _answer_if_asked(verb):
        return False  # "If you asked me for one band, it'd be Idles": the answer held
    if verb.lemma_ == "believe" and avowed(verb):
        return False  # "Can't believe Leo and I have been together a year", the name
        # read as what is believed
    if (is_modal(verb) and not enduring(verb)) or is_reported(verb):
        return True
    if verb.lemma_.lower() in _DESIRES and not _our_wedding(verb):
        return True  # "I'm considering a career in nursing" (but "Leo and I are planning
        # our wedding": the couple is)
    if _told_to(verb) or _proposed(verb):
        return True
    cur = verb
    for _ in range(4):
        if cur.dep_ not in {"xcomp", "ccomp", "advcl", "acl", "pcomp", "prep"}:
            return False
        came, cur = cur, cur.head
        if _boundary_between(came, cur) or _spliced(came, cur):
            return False  # "I sold Jasper; I can't ride any more": two statements
        if given(came):
            return False  # "I'd feel better since I lost my job": a cause told
        if avowed(cur) or glad_to_hear(cur) or modestly_put(cur) or told_of_myself(cur, came):
            return False  # "Can't believe I've been in Leeds a year", "Dad will be glad
            # to hear I'm vegan now", "I'd say I'm vegetarian now", "I told Mum I'm vegan"
        if cur.lemma_.lower() == "try" and came.lemma_.lower() in {"stick", "stay", "keep"}:
            return False  # "Trying to stick to keto", "trying to stay vegan": kept to now
        if _decided_done(cur, came):
            return False  # "Decided to go vegan last month": a decision made and kept
        planned = cur.lemma_.lower() in _PLAN_VERBS and reports(cur, came)
        wisher = subject_token(cur)
        if planned and opens_the_sentence(came) and not (wisher and _first_person(wisher)):
            return False  # "Put down roots in Kochi, my aunt wants to visit": said first
        if cur.pos_ in {"VERB", "AUX"} and (planned or is_modal(cur)):
            return True
        if cur.lemma_.lower() == "go" and cur.tag_ == "VBG" and came.dep_ == "xcomp":
            return True  # "I'm going to move to Rome", not "Been on dates, it's going well"
    return False


#: what a past decision does at once: going, being, stopping, giving up, switching
_DONE_AT_ONCE = frozenset({"go", "be", "stop", "quit", "give", "cut", "ditch", "drop", "switch"})


def _decided_done(decided: Token, came: Token) -> bool:
    """The speaker's decision in the past to go, be, stop or give something up at once:
    done ("Decided to go vegan last month", "I decided that meat isn't for me"); not a move
    decided on, which takes time ("Decided to move to Leeds"), nor the cat's decision."""
    decider = subject_token(decided)
    return (
        decided.lemma_.lower() == "decide"
        and decided.tag_ in {"VBD", "VBN"}
        and not is_modal(decided)
        and (decider is None or _first_person(decider))
        and came.lemma_.lower() in _DONE_AT_ONCE
    )


def _answer_if_asked(verb: Token) -> bool:
    """What the speaker would answer if asked: "If you asked me for one band, it'd be
    Idles", "Ask me my favourite band and I'll say Idles"."""
    if not any(
        c.dep_ == "aux" and c.lower_ in {"'d", "would", "'ll", "will"} for c in verb.children
    ):
        return False
    return verb.lemma_.lower() in {"be", "say"} and any(
        t.lemma_.lower() == "ask" and any(c.lower_ == "me" for c in t.children)
        for t in verb.doc[max(0, verb.i - 12) : verb.i]
    )  # (the asking may be parsed as a sentence of its own)


def _found_there(verb: Token) -> bool:
    """ "you'll find me at padel", "you can usually find me on a tennis court": where the
    speaker is as a rule."""
    subj = subject_token(verb)
    return (
        verb.lemma_.lower() == "find"
        and subj is not None
        and subj.lower_ == "you"
        and any(c.dep_ == "dobj" and c.lower_ in {"me", "us"} for c in verb.children)
        and any(c.dep_ == "prep" for c in verb.children)
    )


def _spliced(clause: Token, head: Token) -> bool:
    """A clause with its own subject before a comma, hung by the parser on the clause
    after it: a statement of its own ("My weakness is sushi, I could eat it every day"),
    unless the clause after reports it ("Lisbon is lovely, I think")."""
    comma = any(t.text == "," for t in clause.doc[clause.i + 1 : head.i])
    if (
        clause.dep_ == "advcl"
        and clause.i == clause.sent.start
        and clause.tag_ in {"VBD", "VBN"}
        and not any(c.dep_ == "mark" for c in clause.children)
        and subject_token(head) is not None
        and (clause.lemma_.lower() in END_VERBS or _phrasal_end(clause))
    ):  # a chat's subjectless ending: "Packed in the boxing, my nose couldn't take it"
        # (but "Saw Coldplay trending, tickets will be gone fast I bet": a guess told)
        return comma
    return (
        clause.dep_ == "ccomp"
        and clause.i < head.i
        and subject_token(clause) is not None
        and head.lemma_.lower() not in en.REPORT_VERBS
        and comma
    )


def _boundary_between(a: Token, b: Token) -> bool:
    """A semicolon, "!" or an emoji parts the two words: what comes before it is a
    statement of its own, however the parser hung it on the clause after it ("Luna
    crossed the rainbow bridge 😭 I can't stop crying")."""
    lo, hi = sorted((a.i, b.i))
    return any(
        t.text in {";", "!"} or (not t.text.isascii() and not t.is_alpha)
        for t in a.doc[lo + 1 : hi]
    )


def _and_i_ended(tok: Token) -> bool:
    """ "<Name> and I" (or "me and <Name>, we") open a clause whose verb says the two are
    over, however the parser hung the name: "Erik and I got divorced", "Erik and I are
    divorced now", "me and Jack, we're not together anymore", a learner's "Me and Olga we
    finish our relationship"."""
    doc = tok.doc
    start = _clause_after_the_couple(tok)
    if start is None or start >= tok.sent.end:
        return False
    verb = next(
        (t for t in doc[start : tok.sent.end] if t.pos_ in {"VERB", "AUX"} or t.is_punct),
        None,
    )
    if verb is None or verb.is_punct:
        return False
    state = verb.head
    if verb.dep_ in {"aux", "auxpass"} and state.lower_ in _GONE:
        # "Karl and I are done", "done" read as a passive (not "done with the decorating")
        return not any(c.dep_ in {"prep", "dobj", "xcomp"} for c in state.children)
    if verb.dep_ in {"aux", "auxpass"} and any(
        c.lower_ in _APART_WORDS for c in state.children if c.dep_ in {"acomp", "xcomp"}
    ):
        return True  # "Leah and I are getting divorced": the verb the auxiliary helps
    if verb.dep_ in {"aux", "auxpass"} and (
        (
            state.lemma_.lower() in _PARTING_VERBS
            and state.dep_ != "amod"  # "Boots and I have parted ways": whoever Boots is
            and not any(c.dep_ == "dobj" for c in state.children)
        )
        or _divorce_sought(state)
    ):
        return True  # "Leah and I are divorcing", "... are getting a divorce"
    if verb.lemma_.lower() in {"end", "finish"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _STINTS for c in verb.children
    ):
        return True  # "Me and Olga we finish our relationship"
    if verb.dep_ == "aux" and _did_not_work_out(state):
        return True  # "Tom and I didn't work out"
    return _over(verb) or _phrasal_end(verb) or _apart(verb) or _divorce_sought(verb)


#: verbs of a couple parting ("We separated", not "we split the bill")
_PARTING_VERBS = frozenset({"part", "split", "separate", "divorce"})


def _we_parted_named_after(tok: Token) -> bool:
    """The couple named after "we" parted: "We broke up, Tom and me, a few weeks ago"."""
    verb = tok.head
    return (
        and_i(tok)
        and tok.dep_ in {"npadvmod", "appos", "dobj", "dep"}
        and any(c.dep_ == "nsubj" and c.lower_ == "we" for c in verb.children)
        and (
            verb.lemma_.lower() in _PARTING_VERBS
            or (verb.lemma_.lower() == "break" and _particle(verb, "up"))
        )
    )


#: nouns of a marriage's legal end
_DIVORCES = frozenset({"divorce", "separation"})


def _divorce_sought(verb: Token) -> bool:
    """ "getting a divorce", "filed for divorce", "asked for a separation"."""
    if verb.lemma_.lower() == "get":
        return any(c.dep_ == "dobj" and c.lemma_.lower() in _DIVORCES for c in verb.children)
    return verb.lemma_.lower() in {"file", "ask", "apply"} and any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(g.lemma_.lower() in _DIVORCES for g in c.children)
        for c in verb.children
    )


def _clause_after_the_couple(tok: Token) -> int | None:
    """Where the clause of "<Name> and I ..." or "me and <Name>, we ..." goes on."""
    doc = tok.doc
    if [t.lower_ for t in doc[tok.i + 1 : tok.i + 3]] == ["and", "i"]:
        return tok.i + 3
    if tok.i < 2 or [t.lower_ for t in doc[tok.i - 2 : tok.i]] != ["me", "and"]:
        return None
    j = tok.i + 1
    if j < tok.sent.end and doc[j].text == ",":
        j += 1
    return j + 1 if j < tok.sent.end and doc[j].lower_ == "we" else None


_GIVE_FORMS = frozenset({"give", "gives", "gave", "given", "giving"})


def _given_up_right_before(tok: Token) -> bool:
    """The value's words follow "gave up" (with "on", "being", "eating", ... between),
    not denied: whatever the parser made of the rest of the sentence ("Gave up on being
    gluten-free, trying vegetarian instead"), but not "haven't given up on being vegan"."""
    i = tok.left_edge.i
    start = tok.sent.start
    while i - 1 >= start and (tok.doc[i - 1].lower_ == "on" or tok.doc[i - 1].tag_ == "VBG"):
        i -= 1
    if i - 2 < start or tok.doc[i - 1].lower_ != "up" or tok.doc[i - 2].lower_ not in _GIVE_FORMS:
        return False
    said = [t.lower_ for t in tok.doc[start : i - 2]]
    denied = any(w in {"not", "n't", "never"} for w in said)
    return not denied and "no way" not in " ".join(said)  # "No way I'm giving up pizza"


#: what is not touched any more when a sport is over: "my tennis racket", "my boots"
_UNTOUCHED = frozenset({"touch", "pick", "use", "wear", "lace"})


def _untouched_since(tok: Token) -> bool:
    """A sport whose gear has not been touched since: "Haven't touched my tennis racket
    since I joined the rowing club", "I haven't picked up a tennis racket since"."""
    gear = tok.head if tok.dep_ in {"compound", "amod"} else None
    verb = gear.head if gear is not None and gear.dep_ == "dobj" else None
    if verb is None or verb.lemma_.lower() not in _UNTOUCHED:
        return False
    return any(c.dep_ == "neg" for c in verb.children) and any(
        t.lower_ == "since" for t in verb.subtree
    )


def _stole_my_heart(tok: Token, verb: Token) -> bool:
    """``tok`` is what stole (or won) the speaker's heart: "Poke bowls have stolen my
    heart", "Seventeen have stolen my heart"."""
    subj = tok.head if tok.dep_ == "conj" else tok  # "Sorry gnocchi, poke bowls have ..."
    return (
        subj.dep_ == "nsubj"
        and subj.head.i == verb.i
        and verb.lemma_.lower() in {"steal", "win", "capture"}
        and any(
            c.dep_ == "dobj"
            and c.lemma_ == "heart"
            and any(p.lower_ in FIRST_POSS for p in c.children)
            for c in verb.children
        )
    )


#: words of a taste that fit any kind of favourite: a band, a dish, a show, a team
_TASTE = re.compile(
    r"\b(?:obsessed with|all about|can't get enough of|can’t get enough of|hooked on"
    r"|converted to|(?:really|so|properly|totally) into|got into|getting into"
    r"|(?:my|a|the) new obsession|my jam|on repeat|non-?stop|top of my list"
    r"|my number one|nobody beats|nothing beats|(?:a|an) (?:big|huge|massive) [\w.' ]{2,30} fan"
    r"|fan now|(?:a|an) [\w.' ]{2,30} person now)\b"
)


#: the types a name may have whatever the name: the NER's guesses, and an artist's
_NAMED_TYPES = frozenset({"organization", "place", "person", "artist", "team", "work"})


def _a_taste_of_any_kind(sent: Span) -> bool:
    """The sentence tells of a taste in words any kind of favourite could take: "I'm
    all about Parcels now", "Can't get enough of Massive Attack", "Big Phoenix fan now"
    (not a romance: "I've fallen for Ugo")."""
    return _TASTE.search(sent.text.lower()) is not None


def _won_over(sent: Span) -> bool:
    """The speaker says they are won over: "I'm a convert", "I'm hooked", "I'm sold",
    "now I'm hooked" (a passive)."""
    for tok in tokens(sent):
        if tok.lower_ in _WON_OVER and tok.dep_ in {"attr", "acomp"} and tok.head.lemma_ == "be":
            subj = subject_token(tok.head)
            if subj is not None and _first_person(subj):
                return True
        if tok.lower_ in _WON_OVER and tok.tag_ == "VBN":
            subj = subject_token(tok)
            if subj is not None and _first_person(subj):
                return True
    return False


def _a_title_starting(tok: Token, verb: Token | None, mention: Mention) -> bool:
    """A title said to start, with no one else said to: "QA lead, starting Monday"."""
    return (
        verb is not None
        and verb.lemma_ == "start"
        and verb.tag_ == "VBG"
        and tok.dep_ == "nsubj"
        and tok.head.i == verb.i
        and mention.weight("title") >= 1.0
    )


def _hooked(sent: Span) -> bool:
    """Won over ("I'm hooked", "I'm a convert") or a bare "now I can't stop"."""
    return _won_over(sent) or any(
        tok.lemma_ == "stop"
        and _cannot_stop(tok)
        and not any(c.dep_ in {"xcomp", "dobj", "prep"} for c in tok.children)
        and (subj := subject_token(tok)) is not None
        and _first_person(subj)
        for tok in tokens(sent)
    )


def _listens_to_no_other(sent: Span) -> bool:
    """The speaker listens to nothing else: "I haven't listened to anything else", "now
    it's all I listen to"."""
    for tok in tokens(sent):
        if tok.lemma_.lower() != "listen":
            continue
        subj = subject_token(tok)
        if subj is None or not _first_person(subj):
            continue
        if _nothing_else(tok) or (tok.dep_ == "relcl" and tok.head.lower_ == "all"):
            return True
    return False


def _nothing_else(verb: Token) -> bool:
    """ "... listened to nothing else", "haven't listened to anything else"."""
    for prep in verb.children:
        for obj in prep.children if prep.lower_ == "to" else ():
            if [t.lower_ for t in obj.doc[obj.i : obj.i + 2]] in (
                ["nothing", "else"],
                ["anything", "else"],
            ):
                return obj.lower_ == "nothing" or any(c.dep_ == "neg" for c in verb.children)
    return False


#: what someone won over by a taste says they are
_WON_OVER = frozenset({"convert", "hooked", "sold", "smitten", "obsessed"})


def _gathering_dust(tok: Token) -> bool:
    """A sport whose gear gathers dust or is in the bin, read by the words after the
    gear: "The tennis racket's gathering dust", "my climbing shoes have been collecting
    dust", "My football boots are in the bin"."""
    if tok.dep_ not in {"compound", "amod"} or tok.head.i != tok.i + 1:
        return False
    doc, end = tok.doc, tok.sent.end
    i = tok.head.i + 1
    while i < end and doc[i].lower_ in _DUST_FILLERS:
        i += 1
    if [t.lower_ for t in doc[i : min(end, i + 3)]] == ["in", "the", "bin"]:
        return tok.head.lemma_.lower() in _GEAR  # "My football boots are in the bin"
    return i + 1 < end and doc[i].lower_ in _GATHERING and doc[i + 1].lower_ == "dust"


#: a sport's gear
_GEAR = lx.words("boot shoe trainer racket racquet glove goggle mat club board bike kit stick")
#: the forms of gathering (a noun to the tagger in "racket's gathering dust")
_GATHERING = frozenset(
    {"gather", "gathers", "gathering", "gathered", "collect", "collects", "collecting"}
    | {"collected"}
)
#: the words between gear and its gathering dust ("'s been", "are just", "have been")
_DUST_FILLERS = frozenset(
    {"'s", "’s", "is", "are", "has", "have", "'ve", "been", "just", "now", "all", "quietly"}
)


def _sport_replaced(sent: Span, said: tuple[Referent, list[ObjectClue]] | None) -> bool:
    """The speaker's new sport said as what replaced the one before, unnamed: "joined a
    padel club instead", "hung up the kneepads and started fencing", "I stopped the
    Tuesday games and joined a bouldering gym", "switched to padel" (not "I play tennis
    and padel")."""
    objects = said[1] if said is not None else []
    sports = [o for o in objects if o.weight("sport") >= 0.9]
    if not any(o.role == "new" for o in sports) or any(o.role == "old" for o in sports):
        return False
    if any(t.lower_ == "instead" for t in tokens(sent)) or "rather than" in sent.text.lower():
        return True
    if any(
        verb.lemma_.lower() in {"switch", "swap", "trade"}
        and any(
            (c.dep_ == "prep" and c.lower_ in {"to", "for"}) or _to_read_as_a_verb(c)
            for c in verb.children
        )
        and not _unasserted(verb)
        and not _negated(verb, verb)
        for verb in sent
    ):
        return True  # "I switched to padel in the summer", "swapped the wall for judo"
    return any(
        verb.lemma_.lower() in _SPORT_ENDS
        and not _unasserted(verb)
        and not _negated(verb, verb)
        and any(c.dep_ == "dobj" and c.lemma_.lower() in _SPORT_THINGS for c in verb.children)
        for verb in sent
    )


def _to_read_as_a_verb(tok: Token) -> bool:
    """ "Switched to squash" parsed as "to squash", a verb: the "to" is its own child."""
    return tok.dep_ in {"xcomp", "advcl"} and any(
        c.dep_ == "aux" and c.lower_ == "to" and c.i == tok.i - 1 for c in tok.children
    )


#: verbs that end a sport said by its games or gear ("stopped the Tuesday games")
_SPORT_ENDS = frozenset({"stop", "quit", "hang", "pack", "drop", "give", "retire"})
_SPORT_THINGS = lx.words(
    "game match ride session lesson class training boot kneepad racket racquet club team "
    "league practice glove stick bat mat cleat skate pool"
)


#: what a value is said to be off when it is over: "off the table", "off the menu"
_OFF_WHAT = frozenset({"table", "menu", "cards"})


def _s_gone(tok: Token) -> bool:
    """A name followed by "'s gone", "'s history", "'s done", "'s behind me", "'s a
    thing of the past", "'s in the rear-view mirror", "'s off the cards", "'s out of the
    picture" or "'s on hold", however the parser read the "'s" (often as a possessive):
    "Clio's gone, BMW in the driveway", "Keto's done, I eat carbs again", "Aldi's behind
    me", "Karate's on the back burner" (not "Tom's gone to Paris", "Tom's gone vegan",
    "Tom's done", a person's)."""
    doc, end = tok.doc, tok.sent.end
    i = tok.i
    if i + 2 >= end or doc[i + 1].lower_ not in {"'s", "’s", "is", "are"}:
        return False  # (and "Jonas is out of the picture", the rest read as one phrase)
    word = doc[i + 2].lower_
    if word == "behind":  # "Aldi's behind me, I'm at Waitrose now"
        return i + 3 < end and doc[i + 3].lower_ in {"me", "us"}
    if word == "in":  # "Houston's in the rear-view mirror", "Lena's in the past"
        seen = "".join(doc[i + 3 : min(end, i + 8)].text.lower().replace("-", "").split())
        return seen.startswith(("therearviewmirror", "myrearviewmirror", "thepast", "mypast"))
    if word == "a":  # "Badminton's a thing of the past"
        rest = [t.lower_ for t in doc[i + 3 : min(end, i + 7)]]
        return rest == ["thing", "of", "the", "past"]
    if word == "out":  # "Dan's out of the picture now"
        return [t.lower_ for t in doc[i + 3 : min(end, i + 6)]] == ["of", "the", "picture"]
    if word == "off":  # "Kickboxing's off the cards", the "'s" read as a possessive
        rest = [t.lower_ for t in doc[i + 3 : min(end, i + 5)] if t.lower_ not in DETERMINERS]
        return bool(rest) and rest[0] in _OFF_WHAT
    if word == "on":  # "on hold", "on the back burner"
        rest = [t.lower_ for t in doc[i + 3 : min(end, i + 6)] if t.lower_ not in DETERMINERS]
        return bool(rest) and (rest[0] in _PAUSES or rest[:2] == ["back", "burner"])
    if word in {"done", "over", "finished"}:
        if tok.text in lx.first_names():
            return False
    elif word not in {"gone", "history"}:
        return False
    after = doc[i + 3] if i + 3 < end else None
    return after is None or after.is_punct or after.pos_ in {"CCONJ", "X", "SPACE"}


def _poisoned_by(tok: Token) -> bool:
    """A food the speaker got poisoned by and will "never again" have."""
    prep = tok.head
    words = [t.lower_ for t in tok.sent]
    return (
        tok.dep_ == "pobj"
        and prep.lower_ == "from"
        and any(t.lemma_.lower() == "poisoning" for t in (prep.head, *prep.head.children))
        and any(a == "never" and b == "again" for a, b in itertools.pairwise(words))
    )


def _ruined_for_me(tok: Token) -> bool:
    """What something ruined for the speaker: "Food poisoning ruined lasagne for me",
    "That trip spoilt sushi for me forever" (read by the words, which the small parser
    often misreads)."""
    doc, sent = tok.doc, tok.sent
    edge = tok.i
    while edge > sent.start and doc[edge - 1].dep_ == "compound":
        edge -= 1
    if edge > sent.start and doc[edge - 1].tag_ in {"DT", "PRP$"}:
        edge -= 1
    after = tok.right_edge.i + 1
    return (
        edge > sent.start
        and doc[edge - 1].lemma_.lower() in {"ruin", "spoil", "kill"}
        and [t.lower_ for t in doc[after : min(after + 2, sent.end)]] == ["for", "me"]
    )


def _stepped_down_as(tok: Token) -> bool:
    """The title's words follow "stepped down as" or "quit being", whatever the parse ("I
    stepped down as team lead in March": "team" read as a subject)."""
    i, start = tok.i, tok.sent.start
    while i - 1 >= start and tok.doc[i - 1].pos_ in {"NOUN", "ADJ", "DET", "PROPN"}:
        i -= 1
    words = [t.lower_ for t in tok.doc[max(start, i - 2) : i]]
    if words == ["down", "as"] and tok.doc[i - 3].lemma_.lower() == "step":
        return True
    # "Quit being a data analyst", "stopped being vegan", "gave up being a manager"
    before = [t for t in tok.doc[max(start, i - 3) : i] if t.lower_ != "up"]
    return (
        len(before) >= 2
        and before[-1].lower_ == "being"
        and before[-2].lemma_.lower() in {"quit", "stop", "give"}
    )


def _bought_off_me(tok: Token, verb: Token) -> bool:
    """Someone else bought, got or took the speaker's car or pet, by its kind or its
    name ("My colleague Ana bought my Jeep", "my cousin adopted our Toffee"): it is the
    speaker's no more."""
    who = subject_token(verb)
    return (
        verb.lemma_.lower() in {"buy", "get", "take", "adopt"}
        and tok.dep_ == "dobj"
        and tok.head.i == verb.i
        and who is not None
        and who.lower_ not in {"i", "we"}
        and (tok.lemma_.lower() in lx.VEHICLE_NOUNS | lx.PET_NOUNS or tok.pos_ == "PROPN")
        and mine(tok)
        and not _unasserted(verb)
        and not _negated(verb, verb)
    )


def _role(tok: Token, verb: Token | None, ending: bool) -> str:
    """``old`` if the sentence says the value ``tok`` names is over, ``rejected`` if it
    names the one not chosen ("tea over coffee"), else ``new``."""
    if _hailed(tok, _GREETINGS):
        return "new"  # "The Oslo years are behind us, hello Bergen"
    if tok.dep_ == "appos" and tok.head.lemma_.lower() in lx.PET_NOUNS and tok.head.i < tok.i:
        return _role(tok.head, verb, ending)  # "Our cat Shadow ran away": as the cat goes
    if verb is not None and verb.head.i == tok.i and verb.lemma_.lower() in END_VERBS:
        return "old"  # "my flatmate abandoned veganism", the verb read as its modifier
    edge = tok.left_edge.i
    before = [t.lower_ for t in tok.doc[max(tok.sent.start, edge - 2) : edge]]
    if before == ["instead", "of"]:
        return "old"  # "tea instead of coffee these days", "I swim now instead of running"
    if [t.lower_ for t in tok.doc[max(tok.sent.start, edge - 4) : edge]] == [
        "out", "of", "love", "with"
    ]:  # fmt: skip
        return "old"  # "I've fallen out of love with Muse"
    if tok.i + 1 < tok.sent.end and tok.nbor().text in {"→", "->", "=>", "⟶"}:
        return "old"  # "Imagine Dragons → The 1975"
    if _who_now(tok):
        return "old"  # "Me and Sam are official! Tom who?", "Gojira now. Metallica who?"
    if _gathering_dust(tok):
        return "old"  # "My climbing shoes are collecting dust", "The tennis racket's
        # gathering dust" (read as a possessive)
    if _given_up_right_before(tok) or _stepped_down_as(tok) or _untouched_since(tok):
        return "old"  # "Gave up on being gluten-free, trying vegetarian instead"
    if _and_i_ended(tok) or _we_parted_named_after(tok):
        return "old"  # "Erik and I got divorced", the name read as an interjection
    if tok.pos_ == "PROPN" and _left_by_me(tok):
        return "old"  # "Tom cheated, so I left him"
    if kept_elsewhere(tok):
        return "old"  # "Biscuit lives with my mum now", "Mochi's with my ex now"
    if tok.dep_ == "nsubj" and tok.pos_ == "VERB" and tok.head.lemma_ == "be" and _over(tok.head):
        return "old"  # "Running's on pause": the sport read as a verb of its own
    if _left_behind(tok):
        return "old"  # "Less Lyon, more Marseille", "Croissants, then bagels, and now ..."
    if _outgrown(tok):
        return "old"  # "I'm fully vegan now, not just dairy-free"
    if _run_down(tok):
        return "rejected"  # "Sushi is overrated if you ask me": no favourite of anyone's
    if tok.left_edge.i > tok.sent.start and any(
        c.dep_ == "neg" and c.i == tok.left_edge.i - 1 and _not_this_one(c)
        for c in tok.head.children
    ):
        return "rejected"  # "It's surfing these days, not yoga": not the one chosen
    if _ruined_for_me(tok) or _poisoned_by(tok):
        return "old"  # "Food poisoning ruined lasagne for me", "Got food poisoning from
        # paella, never again"
    if _s_gone(tok):
        return "old"  # "Clio's gone, BMW in the driveway!", "civic's gone, ..."
    if _where_i_used_to_live(tok):
        return "old"  # "I visited Leeds, where I used to live"
    if _lasted_until(tok):
        return "old"  # "the vegan thing lasted till Easter"
    if verb is not None and _stint_ended(tok, verb):
        return "old"  # "My job at Ocado ended in March"
    if _then_said_over(tok):
        return "old"  # "The veggie thing, yeah, that's done"
    if (
        tok.dep_ == "poss"
        and tok.head.lower_ == "news"
        and tok.head.dep_ == "ROOT"
        and any(c.lower_ == "old" for c in tok.head.children)
    ):
        return "old"  # "Luca's old news", its "'s" read as a possessive
    if tok.dep_ == "compound" and _in_layoffs(tok.head):
        return "old"  # "Lost my job in the Google layoffs"
    if before == ["rather", "than"]:
        return "rejected"  # "rowing rather than running": not the one chosen
    if _swapped_as_adjective(tok) and _has_prep(tok, "for"):
        return "old"  # "..., swapped tennis for padel", "swapped" read as an adjective
    prep = tok.head if tok.dep_ in {"pobj", "pcomp"} else None
    if prep is not None:
        word = prep.lower_
        governor = prep.head
        if word == "to" and governor.lemma_.lower() in _FAREWELLS:
            return "old"  # "said goodbye to Lyon"
        if (
            word == "at"
            and governor.lemma_.lower() == "finish"
            and first_child(governor, "dobj") is None
        ):
            return "old"  # "Finished up at Bosch, taking the summer off" (not "finished
            # my shift at Tesco")
        if word in {"over", "than"}:
            return "rejected"  # "I prefer tea over coffee": not the one chosen
        if word == "from" and governor.lemma_ == "take" and _has_particle(governor, "over"):
            return "old"  # "The Strokes have taken over from One Direction"
        if word in {"from", "of"} and _changing(governor):
            return "old"  # "moved from Oslo", "relocated to Austin from Chicago"
        if word == "from" and (
            _a_leaving(governor)
            or any(c.dep_ == "dobj" and _a_leaving(c) for c in governor.children)
        ):
            return "old"  # "took early retirement from Bosch", "the redundancy package"
        if word in {"at", "from"} and _in_layoffs(governor):
            return "old"  # "caught up in the layoffs at Meta", "lost my job in the Meta
            # layoffs" (not "heard about the layoffs at Google")
        if word == "out" or (word == "of" and governor.lower_ == "out"):
            return "old"
        if word == "off" and governor.lemma_ == "be":
            return "old"  # "I'm off carnivore"
        if word in {"from", "by"} and (
            governor.lower_ in _JOBLESS or any(c.lower_ in _JOBLESS for c in governor.children)
        ):
            return "old"  # "I got made redundant from Deloitte", "... by Bosch"
        if word == "for" and governor.lemma_.lower() in _REHOMING:
            return "old"  # "found a new home for Biscuit"
        if word in {"to", "for", "into", "with"} and (
            _swapping(governor) or (word == "for" and _swapped_as_adjective(governor))
        ):
            return "new"  # "left Bosch for Siemens", "traded the Golf for a Kia"
        if word == "to" and governor.lemma_.lower() == "retire":
            return "new"  # "retired to Nice": where they went
        if (
            word == "of"
            and governor.lower_ in _WEARYING
            and governor.head.lemma_.lower() in {"grow", "get", "become"}
        ):
            return "old"  # "I've grown tired of U2", not "I'm tired of the rain"
    if (
        verb is None
        and tok.dep_ == "npadvmod"
        and not _comma_between(tok.head, tok)  # but "Dairy's gone too, full vegan"
        and _ending(tok.head)
    ):
        return "old"  # "Tom and I went our separate ways", "Karin and I broke up", "Emma
        # and I separated", the name read as a modifier
    if verb is None and any(
        c.dep_ == "conj" and c.pos_ == "VERB" and (_over(c) or _phrasal_end(c))
        for c in tok.children
    ):
        return "old"  # "Milo and I called it off", the name read as the root
    if verb is not None and _kept_on(verb):
        return "new"  # "Not leaving Ikea any time soon", "I haven't given up on being vegan"
    if verb is not None:
        lemma = verb.lemma_.lower()
        attached = _attached(tok, verb)
        ends = _ending(verb) or _ended_with(tok, verb)
        if lemma in _SWAPS and _in_object(tok, verb) and _for_after(tok):
            return "old"  # "swapped my Daft Punk posters for Haim ones"
        if (
            lemma in {"give", "donate"}
            and (_in_object(tok, verb) or tok.dep_ == "nsubjpass")
            and _has_prep(verb, "to")
        ):
            return "old"  # "We gave Kiwi to my aunt", "Gerald was donated to a rescue"
        if _bought_off_me(tok, verb):
            return "old"  # "My colleague Ana bought my Jeep"
        if tok.dep_ == "nsubj" and _gone_to_live(verb):
            return "old"  # "Buddy went to live with my parents"
        if _put_down(tok, verb):
            return "old"  # "Our dog Rufus had to be put down", "We had Rufus put down"
        if _in_subject(tok) and _lost_its_pull(verb):
            return "old"  # "Honestly Coldplay bores me now"
        if tok.dep_ == "nsubj" and _new_home_found(verb):
            return "old"  # "Rex found a new family with a big garden"
        if lemma in {"take", "bring"} and tok.dep_ == "dobj" and _to_a_rescue(verb):
            return "old"  # "Took Rex to the shelter", not "took Rex to the vet"
        if lemma in _REPLACING and (_in_object(tok, verb) or tok.dep_ == "nsubjpass"):
            return "old"  # "Curry has replaced lasagne", "Lasagne has been dethroned"
        if lemma == "beat" and _in_object(tok, verb) and _beaten_by_a_value(verb):
            return "old"  # "Khachapuri beats tikka masala hands down"
        if tok.head.lemma_.lower() == "wagon" and lemma == "fall":
            return "old"  # "I've fallen off the vegan wagon"
        if lemma == "put" and tok.dep_ == "dobj" and _on_pause(verb):
            return "old"  # "I've put tennis on hold"
        if _gerund_swapped(tok, verb):
            return "old"  # "I've traded running for rowing", "running" read as a verb
        if _ended_above(verb) and not _taken_instead(tok, verb):
            return "old"  # "gave up being vegan", "quit playing rugby"
        if lemma in _STOPS and (
            (
                tok.dep_ in {"dobj", "xcomp", "acomp"}
                and not any(c.dep_ == "det" for c in tok.children)
            )
            or (tok.head.lemma_ == "thing" and tok.head.dep_ == "dobj" and tok.head.head == verb)
            or (
                tok.dep_ == "compound"
                and tok.head.lemma_.lower() in _SPORT_THINGS
                and tok.head.dep_ == "dobj"
                and tok.head.head == verb
                and not any(c.dep_ == "det" for c in tok.head.children)
            )
        ):
            return "old"  # "Stopped karate", "I stopped keto", "I've stopped the whole
            # gluten-free thing", "stopped triathlon training", not "stopped the car"
        runner = subject_token(verb) if lemma == "escape" else None
        escaped = (
            runner is not None
            and tok.i in {t.i for t in runner.subtree}
            and not _never_back(verb.sent)  # "Sunny escaped and we never found him": lost
        )
        swapped = lemma in _SWAPS and _through(tok, verb, {"for", "to"})
        # "Leo finally quit Google": who quits something is acting, not what ended (also
        # joined or set beside the subject: "Sorry sushi, poke bowls have stolen my heart")
        phrase = tok.head if tok.dep_ == "compound" else tok  # "ramen" of "ramen bowls"
        acting = (
            (
                phrase.dep_ == "nsubj"
                or (phrase.dep_ in {"conj", "appos"} and _in_subject(phrase.head))
            )
            and any(
                c.dep_ == "dobj" and c.lower_ not in {"me", "us"} and c.is_alpha
                for c in verb.children
            )  # (an emoji the parser took for the object is none: "Lucas dumped me 💔")
            and not _died(verb)
            and not _dethroned(verb)
            and not _over(verb)  # "Zara and I parted ways"
        )  # but "Tom left me" ended, and "Luna crossed the rainbow bridge"
        if _usurped(tok, verb):
            return "old"  # "Phoenix have taken Radiohead's place at the top for me"
        if _dethroned(verb):  # "Queen lost the top spot to ABBA", "Ramen lost its crown"
            if tok.dep_ in {"nsubj", "nsubjpass"} and lemma not in _KNOCKS:
                return "old"
            if tok.dep_ == "dobj" and lemma in _KNOCKS:
                return "old"  # "they knocked dumplings off the top spot"
            if tok.dep_ == "pobj" and tok.head.lower_ in {"to", "by"}:
                return "new"
        # "I ran off to Paris with Tom": who runs off is gone, not where or with whom
        fled = lemma in {"run", "fly"} and not _in_subject(tok)
        # "Watched Arsenal lose again": a match lost, nothing of the speaker's
        beaten = (
            lemma == "lose"
            and _in_subject(tok)
            and not any(c.dep_ == "dobj" for c in verb.children)
        )
        # "My colleague at Arup is leaving": the colleague goes, the speaker stays
        workmate = (
            tok.dep_ == "pobj"
            and tok.head.lower_ == "at"
            and tok.head.head.lemma_.lower() in lx.WORKMATES
            and tok.head.head.dep_ in {"nsubj", "nsubjpass"}
        )
        if attached and ends and not (swapped or escaped or acting or fled or beaten or workmate):
            return "old"  # but "left Danone for a job at Heineken": Heineken is new; and
            # "Our hamster Peanut escaped again": whoever escapes is not lost
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "use" and verb.head.tag_ in _USED:
            return "old"  # "I used to live in Oslo", "Used to be all Blur"
        if lemma == "use" and verb.tag_ == "VBD" and any(c.dep_ == "xcomp" for c in verb.children):
            return "old"  # "Sushi used to be my favourite"
        if _negated(verb, tok) and (ending or lemma in STATE_VERBS or lemma == "have"):
            return "old"
        if _negated(verb, tok) and lemma in _PRACTISED and _nowadays(verb):
            return "old"  # "I'm not really playing basketball these days"
        if (
            lemma in _PRACTISED
            and _negated(verb, tok)
            and _not_since(verb)
            and _in_object(tok, verb)
        ):
            return "old"  # "Haven't played squash since my injury"
        if (
            verb.tag_ == "VBD"
            and lemma in STATE_VERBS
            and not _recent(verb)
            and not _taken(tok)
            and not _through(tok, verb, {"to", "into", "towards", "with"})
            and not _pointed_at(verb)
            and _stint(tok) != "first"  # "My first day at SAP was a blur": begun
            and not listening_summed_up(verb)  # "My music stats were all Idles": a taste
        ):
            return "old"  # "I lived in Oslo for years", but "Going vegan was a good idea",
            # and "We drove to Geneva" went somewhere, "with my Volvo" in it
    elif ending and _negated_nominal(tok):
        return "old"  # "Not at Bosch any more"
    if _former(tok) or _after(tok) or _hailed(tok, _FAREWELL_WORDS) or _ended_by_opener(tok):
        return "old"
    if _stint(tok) == "last" or _my_years_at(tok):
        return "old"  # "Last day at Shell today", "My years at IKEA taught me a lot"
    if verb is not None and _handed_on(tok, verb):
        return "old"  # "My son has my old Saab now"
    if _written_off(tok):
        return "old"  # "Oxford's out, Cambridge is in", "Ethan is old news"
    if tok.dep_ == "poss" and tok.head.lower_ in _GONE and tok.head.dep_ == "ROOT":
        return "old"  # "Bruno's gone", "Keto's done", "'s" read as a possessive
    if ending and _negated_nominal(tok):
        return "old"
    return "new"


def _kept_on(verb: Token) -> bool:
    """An ending denied: the verb of the clause, or one it hangs from, is an ending verb
    that did not happen ("I'm not selling the Golf", "Not leaving Ikea", "haven't given
    up on being vegan", "nearly sold the Civic", "No way I'm giving up pizza")."""
    cur = verb
    for _ in range(4):
        ending = _ending(cur) or cur.lemma_.lower() in _STOPS
        if cur.pos_ in {"VERB", "AUX"} and ending and _denied(cur) and not _not_made_it(cur):
            return True  # (the "not" of "didn't make it" is the ending's own)
        if cur.dep_ not in {"pcomp", "pobj", "prep", "xcomp", "conj"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


#: words on a verb that say it did not happen
_DENIALS = frozenset({"never", "nearly", "almost"})


def _denied(verb: Token) -> bool:
    """ "not", "never", "nearly", "almost" or "no way" on a verb: it did not happen."""
    if any(c.dep_ == "neg" or c.lower_ in _DENIALS for c in verb.children):
        return True  # but "Gave up on keto, no rules for me": "no" is the rules'
    way = verb.head if verb.dep_ == "relcl" else None  # "No way I'm giving up pizza"
    return way is not None and way.lower_ == "way" and any(c.lower_ == "no" for c in way.children)


def _cue(tok: Token, verb: Token | None) -> str:
    """The type of value the sentence shows ``tok`` to be (``ObjectClue.cue``): "place"
    for where someone moved or lives ("Moved south to Barcelona", "moving into a flat in
    Graz", "Living in Toledo has its perks", but not "moved the sofa into the living
    room"), "activity" for what someone took up ("I started surfing", "took up archery",
    "got into climbing"), "organization" for where someone works or has a job ("Now
    working for Puma", "Started a new job at Adidas", "New job at Netflix!"), "person" for
    whom someone marries or dates ("I married Olu")."""
    if tok.head.lower_ == "to" and tok.head.i > 0 and tok.doc[tok.head.i - 1].lower_ == "home":
        return "place"  # "Caught the last ferry home to Nanaimo", however "to" was hung
    if _a_couple_with_me(tok):
        return "person"  # "Ugo and I are officially together", the name read as an adjective
    if verb is None and _qualified_as(tok):
        return "title"  # a chat's "Just qualified as an electrician", read as an adjective
    return (_verb_cue(tok, verb) if verb is not None else "") or _noun_cue(tok)


def _qualified_as(tok: Token) -> bool:
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ == "as"
        and prep.head.lower_ == "qualified"
        and prep.head.pos_ == "ADJ"
    )


def _verb_cue(tok: Token, verb: Token) -> str:
    lemma = verb.lemma_.lower()
    if _id_says(verb) and tok.head.i == verb.i and tok.i > verb.i and _a_name(tok):
        return "organization"  # "my new badge says Microsoft"
    if (
        (lemma in {"upgrade", "downsize", "switch"} and _through(tok, verb, {"to"}))
        or (lemma in {"trade", "swap", "exchange", "part"} and _through(tok, verb, {"for"}))
    ) and _car_name(tok):
        return "vehicle"  # "Finally upgraded to a RAV4", "Traded my Focus in for a Golf"
    if lemma in {"drive", "own"} and _in_object(tok, verb) and _car_name(tok):
        return "vehicle"  # "I drive a Land Rover Defender"
    if _acquired(verb) and _in_object(tok, verb) and _car_name(tok):
        return "vehicle"  # "Picked up a secondhand Yaris", "Leased a Polestar 2"
    if lemma in _GETTING_ABOUT and _through(tok, verb, {"in"}) and _car_name(tok):
        return "vehicle"  # "I've been getting around in a Hyundai Ioniq 5 since then"
    if lemma in _MOVES and _through(tok, verb, {"to"}) and moved_from_a_stint(tok):
        return "organization"  # "After five years at Bosch I've moved to Ocado"
    if lemma in _MOVES and not any(
        c.dep_ == "dobj" or (c.dep_ in {"prt", "advmod"} and c.lower_ == "on")
        for c in verb.children
    ):  # but "I've moved on to Blur": a taste
        return "place" if _through(tok, verb, {"to", "into"}) else ""
    if lemma in _DWELLING:  # "Living in Toledo", "Settled into Kigali"
        return "place" if _through(tok, verb, {"in", "into"}) else ""
    if lemma == "put" and any(c.lower_ == "roots" for c in verb.children):
        return "place" if _through(tok, verb, {"in"}) else ""  # "Put down roots in Mysore"
    hired = lemma in {"hire", "employ", "recruit", "poach"} or lemma.startswith("headhunt")
    if hired and _through(tok, verb, {"by"}):
        return "organization"  # "I was hired by Nestlé in the spring"
    if lemma == "clock" and _particle(verb, "in") and _through(tok, verb, {"at"}):
        return "organization"  # "These days I clock in at Monzo"
    if verb.lower_ in _BEEN and _a_name(tok) and _since_at(tok, verb):
        return "organization"  # "since Monday I've been at Telefónica", "I'm at BBVA since"
    if _at_a_firm_these_days(tok, verb):
        return "organization"  # "I'm at Copperline Legal these days"
    if lemma == "be" and _based_now(tok, verb):
        return "place"  # "we're in Zaragoza now", "I'm in Copenhagen these days"
    if _being_a(tok, verb):
        return "title"  # "Being a paramedic means I never see my friends"
    if _home_is(verb) and tok.dep_ in {"nsubj", "attr"} and tok.lower_ != "home":
        return "place"  # "Lyon is home now", "Home is Ghent these days"
    where = where_i(verb) if verb.lemma_ == "be" and tok.dep_ == "nsubj" else None
    if where is not None:
        return "place" if where in _DWELLING else "organization"  # "Arnhem is where I live"
    if _my_diet_now(tok, verb):
        return "diet"  # "I'm flexitarian these days, so ...", "I'm doing carnivore now"
    if lemma in {"do", "practise", "practice"} and tok.dep_ == "dobj" and verb.tag_ != "VBD":
        return "activity"  # "I've been doing CrossFit for a year", "I do judo" (not "did")
    if tok.i == verb.i and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _BEGINNINGS:
        return "activity"  # "started surfing": the activity is the verb
    if (
        tok.i == verb.i
        and verb.pos_ == "VERB"
        and any(c.dep_ in {"nsubj", "aux"} for c in verb.children)
        and played(verb)
        and not music_made_by(verb)  # ("listening to Radiohead", read as a verb)
    ):
        return "activity"  # "I've been surfing every weekend", "I swim instead": done
    if lemma in _BEGINNINGS and _in_object(tok, verb):
        return "activity"
    if lemma in _TAKING_UP and _has_particle(verb, "up") and _in_object(tok, verb):
        return "activity"
    if lemma in {"get", "be"} and _through(tok, verb, {"into"}):
        return "activity"  # "got into climbing", "I'm really into rowing"
    if lemma in en.SERVING_AS and _through(tok, verb, {"as"}):
        return "title"  # "Just qualified as an electrician", "hired as an associate"
    if (
        lemma == "be"
        and tok.dep_ == "pobj"
        and tok.head.lower_ == "as"
        and tok.head.head.i == verb.i
        and any(c.lower_ in {"a", "an"} for c in tok.children)
    ):
        return "title"  # "I'm at KPMG now as an auditor"
    if lemma == "work" and _through(tok, verb, {"at", "for"}):
        return "organization"  # "Now working for Puma"
    if lemma in _BEGINNINGS and tok.pos_ == "PROPN" and _through(tok, verb, {"at"}):
        return "organization"  # "Started at BMW on Monday"
    if lemma == "join" and tok.dep_ == "dobj" and tok.pos_ == "PROPN" and _joined_a_firm(tok, verb):
        return "organization"  # "Joined Carlsberg last month", not "joined Tom for lunch"
    if lemma in {"marry", "wed", "date"} and tok.dep_ == "dobj" and name_like(tok):
        return "person"  # "I married Olu", the name read as a firm's
    if _dating(tok, verb) or _coupled(tok, verb):
        return "person"  # "I'm seeing Selma", the name read as a place; "Things are
        # getting serious with Hedda"
    if verb.lower_ in {"engaged", "married"} and name_like(tok) and _through(tok, verb, {"to"}):
        return "person"  # "Got engaged to Nina last weekend!", the name read as a place
    if lemma == "ask" and tok.dep_ == "nsubj" and name_like(tok) and _asked_out(verb):
        return "person"  # "Rafael asked me to be his girlfriend!"
    if lemma == "propose" and tok.dep_ == "nsubj" and name_like(tok):
        asked = [g for c in verb.children if c.lower_ == "to" for g in c.children]
        if all(g.lower_ == "me" for g in asked) and first_child(verb, "dobj") is None:
            return "person"  # "Hugo proposed on the beach!", not "... proposed to Ana"
    job = any(c.dep_ == "dobj" and c.lemma_.lower() in _JOBS for c in verb.children)
    if job and _through(tok, verb, {"at", "with"}):
        return "organization"  # "Started a job at Adidas", "signed a contract with Arup"
    return ""


#: what a couple is said to be: "Ugo and I are together", "... an item now"
_A_COUPLE = frozenset({"together", "official", "item", "couple", "engaged", "married", "thing"})


def _coupled(tok: Token, verb: Token) -> bool:
    """``tok`` names whom the speaker is getting serious with: "Things are getting serious
    with <Name>"."""
    return (
        name_like(tok)
        and verb.lemma_.lower() in {"get", "be"}
        and any(c.dep_ == "acomp" and c.lower_ == "serious" for c in verb.children)
        and _through(tok, verb, {"with"})
    )


def _our_wedding(verb: Token) -> bool:
    """ "planning our wedding", "booked our honeymoon": a couple's own doing."""
    return verb.lemma_.lower() in {"plan", "organise", "organize", "book"} and any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in {"wedding", "honeymoon"}
        and any(g.dep_ == "poss" and g.lower_ == "our" for g in c.children)
        for c in verb.children
    )


def _a_couple_with_me(tok: Token) -> bool:
    """``tok`` names whom the speaker is a couple with: "<Name> and I are (officially)
    together", "... an item now", "... have been dating since March", however the
    parser hung the name; not "... are together at the office"."""
    if not (and_i(tok) and tok.text[:1].isupper() and tok.is_alpha and not tok.is_stop):
        return False  # (whatever entity the NER made of the name)
    verb = tok.doc[tok.i + 2].head
    if verb.i == tok.i:
        verb = tok.head  # "I" hung on the name as its conjunct
    if verb.dep_ in {"aux", "auxpass"}:
        verb = verb.head  # "Ugo and I are engaged!", "I" hung on "are"
    if verb.lemma_.lower() == "date" or verb.lower_ in _A_COUPLE or _our_wedding(verb):
        return True  # "... have been dating since March", "... got married in June", "...
        # are planning our wedding"
    if verb.lemma_.lower() == "go" and _particle(verb, "out") and _for_a_while(verb):
        return True  # "... have been going out for a month", not "... are going out for
        # dinner"
    if any(
        c.dep_ == "prep" and c.lower_ not in {"since", "for"} and c.i > tok.i for c in verb.children
    ):
        return False  # "... are together at the office" (not "Not with Tom, Ilkka and I
        # are a thing")
    return any(
        c.lower_ in _A_COUPLE and c.dep_ in {"advmod", "acomp", "attr"} for c in verb.children
    )


#: words of being a couple: a name beside them is a person's
_ROMANCE = frozenset(
    {w for w, p in en.KIN.items() if p in {"has_partner", "married_to"}}
    | {
        "date", "dating", "relationship", "anniversary", "couple", "engaged", "married",
        "marry", "wed", "wedding", "propose", "kiss", "together", "inseparable",
        "honeymoon", "valentine", "romantic", "romance", "boyfriends", "girlfriends",
    }
)  # fmt: skip
#: words of dating, not of kin: beside them even a name tagged a firm is a person's
_DATING = _ROMANCE - frozenset(en.KIN)
#: entity types no person's name has, whatever the sentence says
_NO_PERSON = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "LOC", "EVENT", "NORP", "LANGUAGE"})


def _named_in_a_romance(tok: Token, mention: Mention) -> bool:
    """``tok`` names a person, though no list knows the name, where its own clause
    speaks of love or dating and the name is no known place or firm, nor where something
    is done ("I've got a new boyfriend called Ilkka", "Rune moved in with me"; not "My
    girlfriend works at Halden", nor "Clam chowder is the new love of my life")."""
    beside_me = and_i(tok) and tok.is_alpha  # "Three weeks ago Ugo and I went on our first
    # date": a name beside the speaker's, whatever entity the NER made of it
    # a one-word name no dictionary or gazetteer has, tagged a firm, may be a person's
    # where its own clause speaks of dating ("Date night with Ugo again")
    coined = (
        mention.end - mention.start == 1
        and tok.is_alpha
        and not en.in_dictionary(tok.lower_)
        and tok.text not in lx.place_names()
        and tok.ent_type_ in {"ORG", "PRODUCT", "WORK_OF_ART", ""}
    )
    if (tok.dep_ not in _A_PERSONS_PLACES and not and_i(tok)) or (
        tok.ent_type_ in _NO_PERSON and not beside_me and not coined
    ):
        return False
    if any(
        c.dep_ in {"compound", "amod"}
        and c.text.islower()
        and en.KIN.get(c.lemma_.lower()) not in {"has_partner", "married_to"}
        for c in tok.children
    ):
        return False  # "My old tabby Pickles ...", "her coworker Kenji", "the wedding
        # DJ": no partner (but "my boyfriend Tobias")
    if mention.weight("person") <= 0 or any(
        mention.weight(t) >= 1.0
        for t in ("vehicle", "pet", *(() if beside_me or coined else ("organization",)))
    ):
        return False
    firm_like = not beside_me and (
        tok.ent_type_ in _NO_PERSON or mention.weight("organization") >= 1.0
    )
    if tok.text in lx.place_names() or (
        tok.i == tok.sent.start
        and (en.in_dictionary(tok.lower_) or tok.pos_ != "PROPN")
        and tok.text not in lx.first_names()
        and not and_i(tok)
    ):
        return False  # (a word that opens a sentence: "Muddy, cold, love it")
    if tok.lower_.removesuffix("s") in WEEKDAYS:
        return False  # "... because Oliver works Thursdays"
    cur = tok
    while cur.head.i != cur.i and cur.pos_ not in {"VERB", "AUX"}:
        if cur.dep_ == "conj" and cur.head.lower_ in {"me", "i"}:
            break  # "Happy anniversary to me and Ilkka!"
        if cur.lemma_.lower() in _ROMANCE:
            return True  # "in a relationship with Rune", "a new boyfriend called Rune"
        if cur.dep_ == "prep" and cur.lower_ == "for" and cur.head.lemma_.lower() == "fall":
            return True  # "I've fallen for Siri"
        if cur.dep_ == "appos" and _someone_new(cur.head):
            return True  # "I've met someone new: Siri"
        if cur.dep_ == "prep" and cur.lower_ != "with":
            return False  # "... at Halden", "... to Kiruna"
        cur = cur.head
    if firm_like:  # only dating in the name's own clause, no one's partner by kin
        return any(
            t.lemma_.lower() in _DATING
            or t.lower_ in _DATING
            or (t.lemma_.lower() == "go" and _particle(t, "out") and _for_a_while(t))
            or (t.lemma_.lower() == "move" and _has_particle(t, "in") and _in_with_me(t))
            for t in cur.subtree
        )  # "Date night with Ugo again", "Kofi moved in with me", not "My boyfriend loves
        # Ikea"
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "with"
        and tok.head.head.lemma_ == "be"
        and any(t.lemma_.lower() in _BREAKUPS for t in tok.sent)
    ):
        return True  # "Since the breakup with Tom I've been with Siri"
    return any(
        t.lemma_.lower() in _ROMANCE
        or t.lower_ in _ROMANCE
        or (t.lemma_.lower() == "love" and t.pos_ == "NOUN")  # "the love of my life", not
        # "... and love it"
        or (t.lemma_.lower() == "move" and _has_particle(t, "in") and _in_with_me(t))
        or _in_my_life(t)
        or (t.lemma_.lower() == "go" and _particle(t, "out") and _for_a_while(t))
        for t in tok.sent
    )  # ("Rune moved in with me", "Rune asked me out and we've been together since")


def _someone_new(tok: Token) -> bool:
    """The "someone new" (or "someone special") the speaker met or is seeing."""
    return (
        tok.lower_ in {"someone", "somebody"}
        and any(c.lower_ in {"new", "special", "lovely", "amazing"} for c in tok.children)
        and tok.head.lemma_.lower() in {"meet", "see", "date", "find"}
    )


def _in_my_life(tok: Token) -> bool:
    """ "the new man in my life", "a special woman in my life"."""
    return tok.lemma_.lower() in {"man", "woman", "guy", "girl", "lady"} and any(
        c.lower_ == "in"
        and any(g.lower_ == "life" and first_child(g, "poss") is not None for g in c.children)
        for c in tok.children
    )


def _arrived_after_a_parting(tok: Token, verb: Token | None) -> bool:
    """``tok`` came along or moved in where the sentence tells of a parting: "Tom and I
    went our separate ways, and then Ravi came along", "Tom moved out, Ravi moved in":
    the new partner (not "Ravi moved in" alone, a flatmate perhaps)."""
    if verb is None or tok.dep_ != "nsubj" or tok.head.i != verb.i:
        return False
    lemma = verb.lemma_.lower()
    along = lemma == "come" and _particle(verb, "along")
    if not (along or (lemma == "move" and _particle(verb, "in"))):
        return False
    return any(
        t.lemma_.lower() in _BREAKUPS
        or (t.lemma_.lower() == "break" and _has_particle(t, "up"))
        or (t.lower_ == "ways" and any(c.lower_ == "separate" for c in t.children))
        or (along and t.lower_ == "single")  # "I thought I'd be single forever, then Ravi
        # came along" (but "I'm single, Ravi moved in": a flatmate)
        or (
            t.lemma_.lower() == "move"
            and _particle(t, "out")
            and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in t.children)
        )  # "Tom moved out", not "My sister moved out"
        for t in tok.sent
    )


def _for_a_while(verb: Token) -> bool:
    """A progressive that has gone on for a while: "have been going out", "since May"."""
    return verb.tag_ == "VBG" and (
        any(c.dep_ == "aux" and c.lower_ == "been" for c in verb.children)
        or any(c.dep_ == "prep" and c.lower_ == "since" for c in verb.children)
    )


def _particle(verb: Token, word: str) -> bool:
    """ "moved in", "came along": the particle, however the parser hung it."""
    return any(c.dep_ in {"prt", "advmod"} and c.lower_ == word for c in verb.children)


#: words of a couple's parting
_BREAKUPS = frozenset({"split", "divorce", "breakup", "break-up", "dump", "ex"})


#: where a person's name stands in a clause
_A_PERSONS_PLACES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "oprd"})


def _in_with_me(verb: Token) -> bool:
    return any(
        c.dep_ == "prep" and c.lower_ == "with" and any(g.lower_ == "me" for g in c.children)
        for c in verb.children
    )


def _asked_out(verb: Token) -> bool:
    """ "... asked me to be his girlfriend", "asked me to be her partner", "asked me to
    be exclusive"."""
    if not any(c.dep_ == "dobj" and c.lower_ == "me" for c in verb.children):
        return False
    be = next((c for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and c.lemma_ == "be"), None)
    return be is not None and any(
        (c.dep_ == "attr" and en.KIN.get(c.lemma_.lower()) == "has_partner")
        or (c.dep_ == "acomp" and c.lower_ == "exclusive")
        for c in be.children
    )


#: verbs of getting a thing for oneself
_ACQUIRING = frozenset({"buy", "get", "pick", "lease", "collect", "order"})


def _acquired(verb: Token) -> bool:
    """A verb of buying or getting, or "took delivery of"."""
    lemma = verb.lemma_.lower()
    return lemma in _ACQUIRING or (
        lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "delivery" for c in verb.children)
    )


#: verbs of going about in a car ("getting around in a Leaf", "cruising in my Mini")
_GETTING_ABOUT = frozenset({"get", "drive", "ride", "cruise", "zip", "commute", "roll"})


#: the forms of "be" of a stay up to now ("I've been at Arup since May", a learner's "I'm at
#: Arup since May")
_BEEN = frozenset({"been", "am", "'m", "are", "'re"})


#: how long a visit lasts, not a stay ("I've been in Paris for three days")
_VISIT_LENGTHS = frozenset({"hour", "night", "day", "weekend", "week"})


def _since_at(tok: Token, verb: Token) -> bool:
    """ "I've been at <name> since Monday / for a year": a stay at a firm up to now (or
    "with" a firm: "I've been with Harbour Analytics for two years", not "with Tom", nor
    a household's "We've been with Vodafone for years")."""
    subj = subject_token(verb)
    firm = tok.ent_type_ == "ORG" or tok.lower_ in lx.FIRM_WORDS
    preps = {"at", "with"} if firm and subj is not None and subj.lower_ == "i" else {"at"}
    if subj is None or subj.lower_ not in {"i", "we"} or not _through(tok, verb, preps):
        return False
    return any(
        c.lower_ in {"since", "for"} and not _clock_time(c) for c in verb.subtree if c.i != tok.i
    )


def _a_name(tok: Token) -> bool:
    """A proper noun, or a name the tagger took for a noun but the recogniser for a firm's
    ("I'm at Arup since May")."""
    return tok.pos_ == "PROPN" or tok.ent_type_ == "ORG"


def _told_to(verb: Token) -> bool:
    """An instruction: "Bring Helen to the barbecue!", "... so add a green curry for him"."""
    return (
        (verb.tag_ == "VB" or (verb.dep_ == "conj" and _so_please(verb)))
        and verb.dep_ in {"ROOT", "conj"}
        and verb.lower_ in _IMPERATIVES
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in verb.children)
    )  # (a joined verb's subject is its own: "Luca is dropping by so add ...")


def _proposed(verb: Token) -> bool:
    """What a sentence opening "Let's" ("Let us") proposes is not yet so: "Let's go and
    see Wet Leg together"."""
    start = verb.sent.start
    doc = verb.doc
    if not (doc[start].lower_ == "let" and start + 1 < len(doc)):
        return False
    if doc[start + 1].lower_ not in {"'s", "’s", "us"}:
        return False
    cur = verb
    for _ in range(4):
        if cur.i == start:
            return True
        if cur.dep_ not in {"conj", "ccomp", "xcomp", "advcl"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _so_please(verb: Token) -> bool:
    """A verb told with "so" or "please" before it: "... so add a curry for him"."""
    return any(c.lower_ in {"so", "please", "pls", "plz"} and c.i < verb.i for c in verb.children)


def _pointed_at(verb: Token) -> bool:
    """ "That was my girlfriend (on the call)": who someone seen was, no past relation."""
    subj = subject_token(verb)
    return verb.lemma_ == "be" and subj is not None and subj.lower_ in {"that", "this"}


def _clock_time(prep: Token) -> bool:
    """ "since nine", "for an hour": a time of day or a few hours, no stay."""
    return any(g.ent_type_ == "TIME" or (g.dep_ == "pobj" and g.like_num) for g in prep.subtree)


def _based_now(tok: Token, verb: Token) -> bool:
    """The speaker is in the place ``tok`` names now ("we're in Zaragoza now", "I'm in
    Copenhagen these days", "I've been in Namur since June"; not "I'm in Rome for the
    weekend")."""
    subj = subject_token(verb)
    if subj is None or subj.lower_ not in {"i", "we"} or not _through(tok, verb, {"in"}):
        return False
    if tok.head.lower_ != "in":
        return False  # "I'm in a relationship with Aisha now": no town
    if verb.lower_ == "been":  # up to now: "I've been in Namur since May", "We've been
        # in Toulouse for a month now" (not "for three days": a visit)
        spans = [c for c in verb.children if c.lower_ in {"since", "for"}]
        return bool(spans) and not any(
            g.lemma_.lower() in _VISIT_LENGTHS for c in spans for g in c.subtree
        )
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children):
        return False
    return any(c.lower_ == "now" for c in verb.children) or _nowadays(verb)


def _nowadays(verb: Token) -> bool:
    """The verb is said of "these days" or "nowadays"."""
    return any(
        c.lower_ == "nowadays" or (c.lower_ == "days" and c.i > 0 and c.nbor(-1).lower_ == "these")
        for c in verb.children
    )


def _my_diet_now(tok: Token, verb: Token) -> bool:
    """A diet the speaker is, or is doing, in the present: "I'm flexitarian these days",
    "I'm doing carnivore now" (not "I did keto once", nor "Tom is vegan")."""
    if tok.lower_ in lx.DIETS and tok.dep_ == "oprd" and modestly_put(verb):
        return True  # "These days I'd call myself a flexitarian"
    subj = subject_token(verb)
    return (
        tok.lower_ in lx.DIETS
        and tok.dep_ in {"attr", "acomp", "dobj"}
        and tok.head.i == verb.i
        and verb.lemma_ in {"be", "do"}
        and verb.tag_ in {"VBP", "VBZ", "VBG"}
        and subj is not None
        and _first_person(subj)
    )


def _at_a_firm_these_days(tok: Token, verb: Token) -> bool:
    """ "I'm at Copperline Legal these days": where the speaker works (not "I'm at Tesco
    now", shopping)."""
    subj = subject_token(verb)
    return (
        verb.lemma_ == "be"
        and subj is not None
        and subj.lower_ == "i"
        and tok.ent_type_ == "ORG"
        and _through(tok, verb, {"at"})
        and _nowadays(verb)
    )


def _job_life(tok: Token) -> bool:
    """A job heading chat's "<job> life" or "<job> problems" with no owner: the speaker's
    ("Primary school teacher life, chaos but I love it"; not "my sister's nurse life")."""
    head = tok.head
    title = tok.doc[head.i - 1]  # the title's own head word: "developer" of "backend
    return (  # developer problem", whichever word the name's root is
        tok.dep_ in {"compound", "amod"}
        and head.lower_ in JOB_LIFE
        and tok.i <= title.i
        and (title.lower_ in lx.JOB_HEADS or title.lemma_.lower() in lx.JOB_HEADS)
        and not any(c.dep_ == "poss" and not a_day(c) for c in head.children)
    )  # ("Today's paramedic problem: ...", a day's)


def _title_since(tok: Token) -> bool:
    """A verbless job title said with the time it began: "Deputy head since September",
    "Senior nurse as of Monday"."""
    return (
        tok.dep_ == "ROOT"
        and tok.pos_ == "NOUN"
        and tok.lemma_.lower() in lx.JOB_HEADS
        and any(c.dep_ == "prep" and c.lower_ in {"since", "as", "from"} for c in tok.children)
    )


def _a_title_of_mine(noun: Token) -> bool:
    """A job title the speaker is said to be: "I'm a developer (at ...)", "As a nurse"."""
    return (
        noun.lemma_.lower() in lx.JOB_HEADS
        and noun.dep_ in {"attr", "pobj"}
        and (
            noun.dep_ == "pobj"
            or any(c.dep_ == "nsubj" and c.lower_ == "i" for c in noun.head.children)
        )
    )


#: what one goes to or has of an activity one does: "judo practice", "a pottery class"
_DOING_NOUNS = frozenset(
    {"practice", "session", "sessions", "class", "classes", "lesson", "lessons", "training",
     "club", "league", "gear", "kit", "coach", "instructor"}
)  # fmt: skip


#: events of a sport trained for
_EVENTS = frozenset({"tournament", "competition", "championship", "race", "match", "grading"})


def _trained_for(event: Token) -> bool:
    """ "training for a judo tournament": the event a verb of preparing is for."""
    prep = event.head
    return (
        event.dep_ == "pobj"
        and prep.lower_ == "for"
        and prep.head.lemma_.lower() in {"train", "training", "prepare", "practise", "practice"}
    )


def _done_by_its_noun(tok: Token) -> bool:
    """An activity the speaker goes to, has the gear of, or trains for an event of:
    "Off to archery practice", "training for a judo tournament" (not "My son's judo
    practice", nor "Callum from the running club")."""
    if tok.dep_ in {"compound", "amod", "nmod"}:
        noun = tok.head
        if noun.lower_ not in _DOING_NOUNS and not _trained_for(noun):
            return False
    elif tok.dep_ == "pobj" and _trained_for(tok):
        noun = tok  # "an archery tournament", parsed as "archery" qualified
        if not any(c.dep_ == "amod" and c.lower_ in _EVENTS for c in tok.children):
            return False
    else:
        return False
    if any(c.lower_ in {"trial", "taster", "free"} for c in noun.children):
        return False  # "did a free trial hot yoga session": a try, not a pastime
    return all(c.lower_ in {"my", "our"} for c in noun.children if c.dep_ == "poss") and not (
        noun.dep_ == "pobj" and noun.head.lower_ == "from"
    )


def _noun_cue(tok: Token) -> str:
    """The type a noun phrase shows its name to be, with or without a verb."""
    if _done_by_its_noun(tok):
        return "activity"  # "Off to archery practice", "Bought new archery gear" (not
        # "Callum from the running club": where someone is from)
    if tok.dep_ == "appos" and tok.head.lemma_.lower() in _FIRMS and tok.pos_ == "PROPN":
        return "organization"  # "My new employer, Zendesk, gave me a laptop"
    if _changed_to(tok) and tok.head.head.lemma_.lower() in {"move", "relocation"}:
        return "place"  # "The move to Graz is done"
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in _MEMBERS:
        return _MEMBERS[tok.head.lemma_.lower()]  # "We're Haarlem residents now"
    if tok.head.lower_ in {"at", "with"} and tok.head.head.lemma_.lower() in _JOBS:
        return "organization"  # "New job at Netflix!", "a new contract with Arup"
    if tok.head.lower_ in {"at", "for"} and _a_title_of_mine(tok.head.head) and _a_name(tok):
        return "organization"  # "I'm a developer at Shopify", "a nurse at St Brendan's"
    if tok.head.lower_ == "at" and _bare_work(tok.head.head):
        return "organization"  # "Work at Spotify is mad busy this week"
    if tok.head.lower_ == "at" and {tok.head.head.lemma_.lower(), tok.head.head.lower_} & (
        lx.WORKMATES
    ):  # "My manager at Heineken wants the report", "Onboarding at Arup" (tagged a verb)
        return "organization"
    mate = tok.head.lemma_.lower() in lx.WORKMATES
    if tok.dep_ in {"compound", "amod"} and mate and (tok.ent_type_ == "ORG" or _a_name(tok)):
        owner = [c.lower_ for c in tok.head.children if c.dep_ == "poss"]
        if owner and owner[0] in {"my", "our"}:
            return "organization"  # "Our Nike team is flying to Portland", "My Zeiss
            # lanyard" (tagged an adjective)
    if tok.head.lower_ == "as" and tok.head.head.pos_ in {"VERB", "AUX"}:
        verb = tok.head.head
        if tok.head.i < verb.i and not any(
            c.dep_ == "nsubj" and c.i < tok.i for c in verb.children
        ):
            return "title"  # "As a barista I can make a mean flat white"
    if (tok.ent_type_ == "ORG" and years_at(tok)) or (
        tok.pos_ == "PROPN" and _stint(tok) == "first"
    ):
        return "organization"  # "First week at Bosch done", "Ten years at Lufthansa"
    if _here_in(tok) or (tok.head.lower_ == "in" and tok.head.head.lower_ == "life"):
        return "place"  # "The neighbours here in Auckland", "three weeks into life in Lisbon"
    if tok.head.lower_ == "with" and tok.head.head.lemma_.lower() == "date" and tok.pos_ == "PROPN":
        return "person"  # "Had the best first date with Leo", the name read as a firm's
    if tok.head.lower_ == "to" and tok.head.head.lower_ == "ship" and tok.pos_ == "PROPN":
        return "organization"  # "Jumped ship to Klarna in March"
    if commuted_to(tok) or _on_the_team(tok):
        return "organization"  # "The commute to Canva is brutal", "I'm part of the
        # Revolut team now"
    if _my_car(tok) or (_car_name(tok) and (_keys_to(tok) or _said_mine(tok))):
        return "vehicle"  # "Picked up the keys to my new Yaris", "Got the keys to a Golf",
        # "The Golf is finally mine"
    if _job_life(tok):
        return "title"  # "Barista life, my latte art is getting good", "Dental nurse problems"
    if (tok.pos_ == "PROPN" and _pet_named(tok)) or _named_after_a_pet(tok):
        return "pet"  # "I've got a cat, Fudge, who follows me everywhere"
    if tok.dep_ == "ROOT" and tok.pos_ in {"NOUN", "ADJ", "PROPN"} and tok.lower_ in lx.DIETS:
        return "diet"  # a verbless "Officially a flexitarian now", "Flexitarian these days"
    if _title_since(tok):
        return "title"  # a verbless "Deputy head since September!"
    if (tok.dep_ == "ROOT" and on_repeat(tok)) or music_made_by(tok):
        return "artist"  # a verbless "Wet Leg on repeat since Friday", "Listening to
        # Parcels nonstop", "Phoenix is on repeat"
    if tok.pos_ == "PROPN" and where_i(tok) in _DWELLING:
        return "place"  # "a long way from Singapore, where I've been living since May"
    return ""


def _on_the_team(tok: Token) -> bool:
    """A name on the team the speaker is part of: "I'm now part of the Canva team"."""
    team = tok.head
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ == "compound"
        and team.lemma_.lower() == "team"
        and team.dep_ == "pobj"
        and team.head.lower_ == "of"
        and team.head.head.lemma_.lower() == "part"
    )


#: people of the speaker's home: "my neighbour in Austin" says where the speaker lives
_HOME_MATES = frozenset(
    {"neighbour", "neighbor", "landlord", "landlady", "flatmate", "roommate", "housemate"}
)


def _being_a(tok: Token, verb: Token) -> bool:
    """ "Being a <job>" opening a sentence that speaks of the speaker: the speaker's job
    ("Being a nurse means I ...", not "Being a nurse must be hard")."""
    return (
        verb.lower_ == "being"
        and verb.i == verb.sent.start
        and tok.dep_ == "attr"
        and tok.head.i == verb.i
        and any(t.lower_ in FIRST | FIRST_POSS for t in verb.sent)
    )


def _bare_work(noun: Token) -> bool:
    """ "work" as a noun with no one's name or "the" on it: the speaker's ("Work at Arup is
    hectic", "my work at Arup"), not "his work at Arup" nor "the work at the site"."""
    return (
        noun.lower_ == "work"
        and noun.pos_ == "NOUN"
        and all(c.lower_ in {"my", "our"} for c in noun.children if c.dep_ in {"poss", "det"})
    )


def _here_in(tok: Token) -> bool:
    """ "here in Auckland", "our neighbours in Brighton", "my new landlord in Porto":
    where the speaker is."""
    if tok.pos_ != "PROPN" or tok.head.lower_ != "in":
        return False
    by = tok.head.head
    if by.lower_ == "here":
        return True
    return by.lemma_.lower() in _HOME_MATES and any(c.lower_ in {"my", "our"} for c in by.children)


def _named_after_a_pet(tok: Token) -> bool:
    """ "We have a cat, Sunny.": a capitalised word right after a pet noun and a comma,
    whatever the tagger read it as (here an adjective)."""
    doc = tok.doc
    return (
        tok.i - 2 >= tok.sent.start
        and doc[tok.i - 1].text == ","
        and doc[tok.i - 2].lower_ in lx.PET_NOUNS
        and tok.text[:1].isupper()
        and tok.dep_ not in {"nsubj", "nsubjpass"}
    )


def _pet_named(tok: Token) -> bool:
    """A name given to a pet noun: "a cat, Fudge", "a puppy called Bruno", "our dog Rex"."""
    head = tok.head
    if tok.dep_ == "appos" and head.lemma_.lower() in lx.PET_NOUNS:
        return True
    if any(c.dep_ == "appos" and c.lemma_.lower() in lx.PET_NOUNS for c in tok.children):
        return True  # "Taking Hazel, our new spaniel, to puppy classes"
    if tok.dep_ == "conj":  # "two cats, Luna and Milo", "two dogs, Rex and Bea": names of
        # pets said in the plural, the first read as the pets' appositive or conjunct
        pets = head.head if head.pos_ == "PROPN" and head.dep_ in {"appos", "conj"} else head
        return pets.tag_ == "NNS" and pets.lemma_.lower() in lx.PET_NOUNS and pets.i < tok.i
    doc = tok.doc
    if (
        tok.i + 2 < tok.sent.end
        and doc[tok.i + 1].lower_ == "the"
        and doc[tok.i + 2].lemma_.lower() in lx.PET_NOUNS
    ):
        return True  # "Walking Archie the dachshund", "Olive the pug snores"
    if tok.dep_ in {"oprd", "dobj", "attr"} and head.lemma_.lower() in {"call", "name"}:
        return head.dep_ == "acl" and head.head.lemma_.lower() in lx.PET_NOUNS
    return any(c.dep_ == "compound" and c.lemma_.lower() in lx.PET_NOUNS for c in tok.children)


def _my_car(tok: Token) -> bool:
    """A car make or model, written as a name, that the speaker calls theirs."""
    return _car_name(tok) and (mine(tok) or _my_car_is(tok))


def _car_name(tok: Token) -> bool:
    """A car make or model written as a name ("Yaris", "my new 3 Series", "Model 3")."""
    low = tok.lower_
    named = tok.text[:1].isupper() or tok.text[:1].isdigit()
    pair = {f"{c.lower_} {low}" for c in tok.lefts if c.dep_ in {"nummod", "compound"}}
    pair |= {f"{low} {c.lower_}" for c in tok.rights if c.dep_ == "nummod"}
    known = low in lx.CAR_MODELS or low in lx.CAR_MAKES or bool(pair & lx.CAR_MODELS)
    return named and known


def _keys_to(tok: Token) -> bool:
    """ "the keys to a Golf", "to" hung on the noun or on the verb getting the keys."""
    if tok.dep_ != "pobj" or tok.head.lower_ != "to":
        return False
    head = tok.head.head
    return head.lemma_.lower() == "key" or any(
        c.dep_ == "dobj" and c.lemma_.lower() == "key" for c in head.children
    )


def _said_mine(tok: Token) -> bool:
    """ "The Golf is finally mine", "The Niro's all ours"."""
    verb = tok.head
    return (
        tok.dep_ == "nsubj"
        and verb.lemma_ == "be"
        and any(c.dep_ in {"det", "poss"} for c in tok.children)  # (not "Golf is all mine")
        and any(c.dep_ in {"attr", "acomp"} and c.lower_ in {"mine", "ours"} for c in verb.children)
    )


def _my_car_is(tok: Token) -> bool:
    """ "My car's a Clio", its "'s" read as a possessive: the Clio is "my car"'s."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children) and any(
        c.dep_ == "poss" and c.lemma_.lower() in lx.VEHICLE_NOUNS and mine(c) for c in tok.children
    )


def _home_is(verb: Token) -> bool:
    """ "Lyon is home now", "Home is Ghent these days", "Edinburgh already feels like
    home": a copula (or a verb of seeming) naming where home is."""
    lemma = verb.lemma_.lower()
    if lemma in {"feel", "seem"}:
        return any(
            c.dep_ == "prep" and c.lower_ == "like" and any(g.lower_ == "home" for g in c.children)
            for c in verb.children
        )
    return lemma in {"be", "become"} and any(
        c.dep_ in {"attr", "acomp", "nsubj"} and c.lower_ == "home" for c in verb.children
    )


def _has_particle(verb: Token, word: str) -> bool:
    return any(c.dep_ == "prt" and c.lower_ == word for c in verb.children)


def _ended_with(tok: Token, verb: Token) -> bool:
    """ "Things with Jonas ended", "I ended it with Ruth", "Split with Jonah", "my
    contract with Bosch ended", "Me and Lucas ended it"; but "ended up in Rotterdam",
    "split my time between Oslo and Bergen"."""
    if not (
        (verb.lemma_.lower() in _PARTINGS and not any(c.dep_ == "prt" for c in verb.children))
        or _phrasal_end(verb)
    ):
        return False  # but "Things with Fiona fizzled out" ended
    if _through(tok, verb, {"with"}):
        return True
    subj = subject_token(verb)
    if subj is not None and subj.lemma_.lower() in _AGREEMENTS and _through(tok, verb, {"on"}):
        return True  # "The lease on the BMW ended"
    it = any(c.dep_ == "dobj" and c.lower_ in {"it", "things"} for c in verb.children)
    return it and verb.lemma_.lower() == "end" and tok.dep_ in {"nsubj", "conj"}


def _dismissed(sent: Span, ctx: Context) -> list[Clue]:
    """A clue of the speaker's value that a bare "Tom who?", "Metallica who??" dismisses
    as over (the writer finds which of the speaker's values it was)."""
    words = [t for t in sent if not t.is_punct]
    if len(words) < 2 or len(words) > 4 or words[-1].lower_ != "who" or not _who_now(words[-2]):
        return []
    name = sent.doc[words[0].i : words[-1].i]
    if not all(t.text[:1].isupper() or t.like_num for t in name):
        return []
    old = ObjectClue(name.text, (("person", 0.5), ("artist", 0.5)), "old")
    return [_clue(sent, Referent(ctx.speaker), (old,), sent.text)]


#: what one does with a sport or a car that one has stopped when one hasn't since
_PRACTISED = frozenset({"play", "do", "practise", "practice", "ride", "drive", "surf", "climb"})


def _not_since(verb: Token) -> bool:
    """A perfect "have" and a "since" on the verb: "haven't played squash since May"."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) and any(
        c.lower_ == "since" and c.dep_ in {"prep", "mark"} for c in verb.children
    )


def _who_now(tok: Token) -> bool:
    """A name followed by a dismissive "who?": "Tom who?", "Metallica who??"."""
    doc = tok.doc
    end = tok.i + 1
    return end + 1 < len(doc) and doc[end].lower_ == "who" and doc[end + 1].text.startswith("?")


def _where_i_used_to_live(tok: Token) -> bool:
    """ "Leeds, where I used to live", "Bristol, where we lived for ten years": a place
    the speaker lived in once."""
    for c in tok.children:
        if c.dep_ != "relcl" or not any(g.lower_ == "where" for g in c.subtree):
            continue
        if [g.lower_ for g in c.children if g.dep_ == "nsubj"] not in (["i"], ["we"]):
            continue  # (not "where my sister used to live")
        lived = [c, *(g for g in c.children if g.dep_ == "xcomp")]
        if c.lemma_ == "use" and any(v.lemma_.lower() in _DWELLING for v in lived[1:]):
            return True
        if c.lemma_.lower() in _DWELLING and c.tag_ == "VBD":
            return True
    return False


def _stint_ended(tok: Token, verb: Token) -> bool:
    """ "My job at Ocado ended in March", "the contract with Arup finished", "my time in
    Leeds came to an end": the stint the value belongs to is over (not "my shift at Ocado
    ended at six", a day's work)."""
    subj = subject_token(verb)
    if subj is None or subj.lemma_.lower() not in _STINTS or subj not in tok.ancestors:
        return False
    lemma = verb.lemma_.lower()
    if lemma in _RUN_OUT:
        return not any(c.dep_ == "dobj" for c in verb.children)
    return lemma == "come" and any(
        c.lower_ == "to" and any(g.lemma_ == "end" for g in c.children) for c in verb.children
    )


#: what runs for a while at a firm, in a home or with someone
_STINTS = _AGREEMENTS | lx.words(
    "job role position post placement internship apprenticeship time stint membership "
    "relationship marriage engagement"
)
#: what a stint does when it is over
_RUN_OUT = lx.words("end finish expire terminate conclude")


def _changed_to(tok: Token) -> bool:
    """ "the move to Graz", "the switch to Klarna": a change made, named by a noun."""
    return tok.head.lower_ == "to" and tok.head.head.lemma_.lower() in _CHANGE_NOUNS


def _taken(tok: Token) -> bool:
    """ "Going vegan", "Becoming a nurse", "The move to Austin": the value taken up,
    whatever came of it."""
    return _changed_to(tok) or any(
        c.tag_ == "VBG" and c.lemma_.lower() in {"go", "become", "turn", "switch"}
        for c in tok.children
    )


#: how a value hangs on its verb to be the verb's own
_ATTACHED = frozenset(
    {"dobj", "nsubj", "nsubjpass", "csubj", "prep", "attr", "dative", "prt", "xcomp", "pcomp"}
)
#: adverbs a value hangs on through "from" ("stepped back from netball")
_AWAY = frozenset({"away", "back", "out", "off"})


def _attached(tok: Token, verb: Token) -> bool:
    """``tok`` is the verb's subject, object or prepositional object, or inside its
    complement ("gave up being vegan", "quit playing rugby"), not in a later clause."""
    cur = tok
    for _ in range(6):
        if cur.head.i == verb.i:
            return cur.dep_ in _ATTACHED or (cur.dep_ == "advmod" and cur.lower_ in _AWAY)
        if cur.head.i == cur.i:
            return False
        if cur.head.pos_ in {"VERB", "AUX"} and cur.head.dep_ not in {"xcomp", "pcomp"}:
            return False
        cur = cur.head
    return False


def _negated(verb: Token, tok: Token) -> bool:
    if _tacked_on(verb, tok) or _tacked_on(tok.head, tok):
        return False  # "I don't eat fish anymore, fully vegetarian now": vegetarian holds
    for child in verb.children:
        if _not_this_one(child):
            continue  # "My morning practice is surfing, not yoga": yoga's "not"
        if child.dep_ == "neg" or child.lower_ in {"never", "longer"}:
            comma = next((t.i for t in verb.doc[child.i : verb.i] if t.text == ","), None)
            if comma is not None:
                # a phrase of its own: "No longer in Lyon, we moved to Nantes" ends Lyon
                if child.left_edge.i <= tok.i < comma:
                    return True
                continue
            return True
    if tok.head.i == verb.i or _spliced(tok, tok.head):
        return False  # "Me and Liam have been together for years, he still can't cook"
    if tok.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
        return False  # "I didn't expect it, but Élodie and I have been together since May"
    return any(c.dep_ == "neg" for c in tok.head.children)


def _not_this_one(neg: Token) -> bool:
    """A "not" after a comma that turns down the phrase right after it ("surfing, not
    yoga"), whatever the parser hung it on."""
    doc, i = neg.doc, neg.i
    if neg.lower_ != "not" or i == neg.sent.start or doc[i - 1].text != ",":
        return False
    return any(
        c.dep_ in {"appos", "conj", "npadvmod", "dobj", "attr"} and c.left_edge.i == i + 1
        for c in neg.head.children
    )


def _tacked_on(verb: Token, tok: Token) -> bool:
    """``tok`` stands in a loose phrase after a comma behind its verb's clause ("I don't
    eat fish anymore, fully vegetarian now"), out of reach of the verb's "not"."""
    if tok.i < verb.i or not any(t.text == "," for t in verb.doc[verb.i : tok.i]):
        return False
    cur = tok
    while cur.head.i != verb.i and cur.head.i != cur.i:
        cur = cur.head
    return cur.head.i == verb.i and cur.dep_ in {"dep", "parataxis"}


def _negated_nominal(tok: Token) -> bool:
    """A "not"/"no" on ``tok``'s own phrase, up to its verb ("Not at Bosch any more")."""
    cur = tok
    for _ in range(6):
        if any(
            (c.dep_ == "neg" or c.lower_ in {"not", "no", "never"}) and not _cut_off(c, tok)
            for c in cur.children
        ):
            return True
        if any(
            (g.dep_ == "neg" or g.lower_ == "no") and not _cut_off(g, tok)
            for c in cur.children
            if c.dep_ not in _OWN_PHRASES
            for g in c.children
        ):
            return True  # "No more surfing for me", not "to Barcelona, no more snow!" nor
            # "Not the Mini, a Kia, because the dog wouldn't fit"
        if cur.head.i == cur.i or cur.head.pos_ in {"VERB", "AUX"}:
            return False
        cur = cur.head
    return False


#: dependents of a phrase that are phrases or clauses of their own
_OWN_PHRASES = frozenset({"appos", "conj", "advcl", "ccomp", "relcl", "acl", "parataxis"})
#: marks that end a phrase of its own: "Not the Mini anymore - a Kia now"
_PHRASE_ENDS = frozenset({",", "-", "–", "—", ":", ";"})


def _cut_off(neg: Token, tok: Token) -> bool:
    """The "not" before ``tok`` ends its phrase first ("Not Coldplay anymore - Arctic
    Monkeys are my favourite now", "No longer in Lyon, Nantes is home")."""
    return (
        neg.i < tok.i
        and any(
            t.text in _PHRASE_ENDS and (t.text != "-" or t.whitespace_)  # not "dairy-free"
            for t in tok.doc[neg.i + 1 : tok.i]
        )
    )


def _lasted_until(tok: Token) -> bool:
    """What the sentence says lasted until a time or for a while, or did not last: "the
    vegan thing lasted till Easter", "Keto lasted about a month", "Squash never stuck" (not
    "The meeting lasts until six")."""
    noun = tok.head if tok.dep_ in {"compound", "amod"} else tok
    if tok.dep_ in {"acomp", "attr", "dobj"} and tok.head.lower_ == "being":
        noun = tok.head  # "Being vegan didn't stick"
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in _STINTS:
        noun = tok.head.head  # "My time in Leeds lasted two years"
    verb = noun.head
    if noun.dep_ not in {"nsubj", "csubj"} or verb.lemma_.lower() not in {"last", "stick"}:
        return False
    if any(c.dep_ == "prep" and c.lower_ in {"till", "until", "til"} for c in verb.children):
        return verb.tag_ == "VBD"
    if (
        verb.lemma_.lower() == "last"
        and verb.tag_ == "VBD"
        and any(
            c.dep_ in {"npadvmod", "dobj"} and c.lemma_.lower() in _TIME_SPANS
            for c in verb.children
        )
    ):
        return True  # "Keto lasted about a month", "The vegan phase lasted three weeks"
    # "The keto thing didn't last", "Squash never stuck" (not "I hope it sticks")
    past = verb.tag_ in {"VBD", "VBN"} or any(c.lower_ == "did" for c in verb.children)
    return past and any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children)


#: the spans a thing that lasted may have lasted
_TIME_SPANS = frozenset({"day", "week", "month", "year", "fortnight", "summer", "winter"})
#: fillers between a topic named first and what is said of it
_FILLERS = frozenset({",", "yeah", "yep", "well", "honestly", "so", "um", "uh", "-", "—"})
#: what "that's ..." says of a topic that is over
_OVER_WORDS = frozenset({"over", "done", "gone", "finished", "history", "dead"})


def _then_said_over(tok: Token) -> bool:
    """A topic named first, then said to be over: "The veggie thing, yeah, that's done",
    "Lyon, that's history now"."""
    phrase = tok.head if tok.dep_ in {"compound", "amod"} and tok.head.i > tok.i else tok
    doc = tok.doc
    i = phrase.i + 1  # (the head ends its noun phrase; what the parser hung on it may not)
    end = tok.sent.end
    if i >= end or doc[i].text != ",":
        return False
    while i < end and doc[i].lower_ in _FILLERS:
        i += 1
    words = [t.lower_ for t in doc[i : min(end, i + 5)]] + ["."]
    if len(words) < 4 or words[0] not in {"that", "it"} or words[1] not in {"'s", "is", "was"}:
        return False
    at = 3 if words[2] in {"totally", "well", "all", "completely", "so"} else 2
    if words[at] == "a" and words[at + 1] in {"good", "great", "nice"} and words[at + 2] == "run":
        return True  # "Kraków, it was a good run"
    # and nothing more said of it: not "Lyon, it's gone so expensive"
    return words[at] in _OVER_WORDS and (
        not words[at + 1].isalpha() or words[at + 1] in {"now", "for", "and", "but", "though"}
    )


def _ending(verb: Token) -> bool:
    return (
        verb.lemma_.lower() in END_VERBS
        or _over(verb)
        or _phrasal_end(verb)
        or _dropped(verb)
        or _ended(verb)
        or _desk_cleared(verb)
        or _gave_notice(verb)  # "I handed my notice in at Aldi", "in" after the notice
    )


def _desk_cleared(verb: Token) -> bool:
    """ "Cleared my desk at Nestlé on Friday", "cleared out my locker": a job left."""
    return verb.lemma_.lower() == "clear" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in {"desk", "locker"} and mine(c)
        for c in verb.children
    )


def _ended(verb: Token) -> bool:
    """ "My knee ended my tennis days", "I ended things with Tom": "end" with an object,
    not "ended up in Leeds" nor "the party ended"."""
    return (
        verb.lemma_.lower() == "end"
        and any(c.dep_ == "dobj" for c in verb.children)
        and not _has_particle(verb, "up")
    )


def _dropped(verb: Token) -> bool:
    """ "dropped keto", "I dropped the macrobiotic thing": a bare "drop" with an object,
    not "dropped off the car" nor "dropped by the office"."""
    return (
        verb.lemma_.lower() == "drop"
        and any(
            c.dep_ == "dobj" or (c.dep_ == "npadvmod" and c.i == verb.i + 1) for c in verb.children
        )  # "I dropped CrossFit after ...", the name read as a modifier
        and not any(c.dep_ == "prt" for c in verb.children)
        and not (verb.i + 1 < len(verb.doc) and verb.nbor().lower_ in {"off", "by", "in"})
        and not any(c.dep_ == "prep" and c.lower_ in {"at", "with", "to"} for c in verb.children)
    )  # (nor "dropped my Corsa at the garage")


def _outgrown(tok: Token) -> bool:
    """A value named after a comma as what the speaker is no longer only: "I'm fully vegan
    now, not just dairy-free" (but not "not just vegan but also gluten-free")."""
    first = tok.left_edge
    if first.i + 1 >= tok.i or first.lower_ != "not" or first.i == 0:
        return False
    doc = tok.doc
    if doc[first.i + 1].lower_ not in {"just", "merely", "only"} or doc[first.i - 1].text != ",":
        return False
    return not any(t.lower_ == "but" for t in doc[tok.i + 1 : tok.sent.end])


def _acts_on_value(verb: Token | None) -> bool:
    """The verb has an object of its own, or one through a preposition, that is a name
    ("works for Airbus", "quit Google")."""
    if verb is None:
        return False
    for c in verb.children:
        objs = [c] if c.dep_ == "dobj" else [g for g in c.children if g.dep_ == "pobj"]
        if c.dep_ in {"dobj", "prep"} and any(o.pos_ == "PROPN" for o in objs):
            return True
    return False


def _my_one_is_a_pet(subj: Token, verb: Token) -> bool:
    """ "My new buddy is a hamster called Noodle": the speaker's someone is an animal, the
    speaker's pet."""
    return any(c.dep_ == "poss" and c.lower_ in FIRST_POSS for c in subj.children) and _is_a_pet(
        verb
    )


def _is_a_pet(verb: Token) -> bool:
    """ "... is a hamster (called Noodle)": a copula whose complement is an animal."""
    return verb.lemma_ == "be" and any(
        c.dep_ == "attr" and c.lemma_.lower() in lx.PET_NOUNS for c in verb.children
    )


def _opened_by_aux(verb: Token) -> bool:
    """A subjectless chat sentence opening with the verb's auxiliary ("Been playing ...")."""
    opener = verb.sent[0]
    return opener.dep_ in {"aux", "auxpass"} and opener.head.i == verb.i


def _swapping(tok: Token) -> bool:
    """A verb of swapping, also when the tagger took a chat opener's "Swapped" for an
    adjective or a name."""
    return tok.lemma_.lower() in _SWAPS or (
        tok.lower_ in _ENDING_OPENERS and tok.i == tok.sent.start
    )


def _swapped_as_adjective(noun: Token) -> bool:
    """ "swapped tennis for padel" after a comma, "swapped" tagged an adjective of
    "tennis": the noun is what was given up."""
    return any(
        c.dep_ == "amod" and c.i == noun.i - 1 and c.lemma_.lower() in _SWAPS for c in noun.children
    )


def _ended_by_opener(tok: Token) -> bool:
    """A subjectless chat sentence opening with an ending verb that the tagger took for
    a name ("Quit fencing last spring"): the phrase it is part of ended."""
    first = tok.sent[0]
    if first.i == tok.i or first.lower_ not in _ENDING_OPENERS:
        return False
    head = first.head
    if head.dep_ == "compound" and head.head.i == tok.i and head.i < tok.i:
        head = tok  # "Swapped Sunday football for padel": through the modifier between
    if head.i == tok.i and (first.dep_ in {"amod", "compound"} or first.pos_ != "VERB"):
        return True  # "Escaped Shell, BP hired me", "Stopped basketball": read as a modifier
    if first.pos_ in {"VERB", "AUX"}:
        return False
    cur = tok  # "Quit my job at Tesco", "Quit the vegan thing, I missed cheese": what
    # hangs from the opener ended
    for _ in range(6):
        if cur.head.i == first.i:
            return True
        if cur.head.i == cur.i or cur.head.pos_ in {"VERB", "AUX"}:
            return False
        cur = cur.head
    return False


def _after(tok: Token) -> bool:
    """ "After three years as a nurse ...", "After years in Seattle ...": a stint that
    ended."""
    cur = tok
    for _ in range(6):
        if cur.dep_ == "prep" and cur.lower_ in {"after", "before"}:
            lasted = any(t.ent_type_ == "DATE" for t in cur.subtree)  # "after years in ..."
            return lasted or not _a_moment_ago(tok.sent)  # (not "Sore after tennis last
            # night")
        # "after six years of being vegetarian", not "sore after swimming last night"
        gerund = cur.tag_ == "VBG" and cur.dep_ == "pcomp" and cur.head.lower_ == "of"
        if cur.head.i == cur.i or (cur.pos_ in {"VERB", "AUX"} and not gerund):
            return False
        cur = cur.head
    return False


def _a_moment_ago(sent: Span) -> bool:
    """The sentence tells of a moment just past ("last night", "this morning",
    "yesterday"), not of a stint: what came after is no end of it."""
    return any(
        t.ent_type_ == "TIME"
        or t.lower_ in {"yesterday", "today", "tonight", "earlier"}
        or (t.lower_ in _DAY_PARTS and any(c.lower_ in {"last", "this"} for c in t.children))
        for t in sent
    )


def _hailed(tok: Token, words: frozenset[str]) -> bool:
    """One of ``words`` speaks to the value: "Sorry dim sum, lasagne has stolen my
    heart", "Bye bye Lyon!" (a farewell), "hello Bergen" (a greeting), not to the one
    after the comma."""
    doc = tok.doc
    for t in reversed(doc[max(tok.sent.start, tok.i - 4) : tok.i]):  # ("goodbye to the old V70")
        if t.is_punct:
            return False
        if t.lower_ in words or (t.i > 0 and f"{doc[t.i - 1].lower_} {t.lower_}" in words):
            return True  # (and "so long Leeds", "rest easy Coco")
    return False


#: the parts of a day told with "this" or "last" ("last night", "this morning")
_DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})


def _recent(verb: Token) -> bool:
    """A past verb told as just now or today ("Water polo was brutal today", "Netball
    was great last night"): an episode of what still holds, not a state that ended."""
    return any(
        c.lower_ in {"just", "now", "finally", "recently", "today", "tonight", "yesterday"}
        or (
            c.lemma_.lower() in _DAY_PARTS and any(d.lower_ in {"this", "last"} for d in c.children)
        )
        for c in verb.children
    )


#: spans of time spent at a workplace ("first week at Bosch", "last day at Shell")
_FIRSTS = frozenset({"first", "second", "third", "1st", "2nd", "3rd"})


def _as_identity(tok: Token, verb: Token) -> bool:
    """ "As a barista I can make a mean flat white", "as a pilot I'm always jet-lagged":
    a fronted "as" that says what the subject is, whatever the rest claims."""
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ == "as"
        and prep.head.i == verb.i
        and prep.i < verb.i
        and not any(c.dep_ == "nsubj" for c in verb.children if c.i < prep.i)
    )


def _my_years_at(tok: Token) -> bool:
    """ "My years at IKEA taught me a lot": a stint told as past."""
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "at" or prep.head.lemma_.lower() not in _YEARS:
        return False
    if _stint(tok) == "first":
        return False  # "My first day at Unilever went really well": one begun
    return any(c.dep_ == "poss" and c.lower_ in FIRST_POSS | OUR for c in prep.head.children)


def _joined_a_firm(tok: Token, verb: Token) -> bool:
    """ "Joined Carlsberg last month", "I joined Zendesk this week" (the name taken for a
    person's); not "joined Tom for lunch", "joined Priya at the pub"."""
    if tok.ent_type_ != "PERSON":
        return True
    return tok.text not in lx.first_names() and not any(
        c.dep_ == "prep"
        and c.lower_ in {"for", "on", "at", "in", "with"}
        and not any(g.ent_type_ in {"DATE", "TIME"} for g in c.children)
        for c in verb.children
    )  # (but "... in the spring")


def _stint(tok: Token) -> str:
    """ "first" for "First week at Bosch done" or "my first month as a nurse", "last" for
    "Last day at Shell today", "" when ``tok`` is no place or title of a stint."""
    prep = tok.head if tok.dep_ == "pobj" else None
    noun = prep.head if prep is not None else None
    if tok.dep_ == "nsubj" and tok.head.dep_ == "pcomp":
        prep = tok.head.head  # "First week at Bosch done": the name read as a subject
        noun = prep.head
    start = tok.left_edge.i
    if (
        prep is None
        and tok.dep_ == "nsubj"
        and start >= 2
        and tok.doc[start - 1].lower_ in {"at", "as"}
    ):
        prep, noun = tok.doc[start - 1], tok.doc[start - 2]  # "First week at Stripe done",
        # "at" read as the mark of a clause ("My first week as a copywriter was a blur")
    if (
        prep is None
        or noun is None
        or prep.lower_ not in {"at", "as"}
        or noun.lemma_.lower() not in lx.STINT_NOUNS
    ):
        return ""
    words = {c.lower_ for c in noun.children if c.dep_ in {"amod", "nummod"}}
    if words & _FIRSTS:
        return "first"
    return "last" if "last" in words or "final" in words else ""


#: what a value, gone, is said to be ("Bruno's gone", "Keto's done")
_GONE = frozenset({"gone", "dead", "done", "finished", "over"})
#: what a firm does to anyone on its lists, employee or not
_MAILING = frozenset(
    {"send", "email", "mail", "call", "text", "message", "spam", "charge", "bill", "remind"}
    | {"deliver", "ship", "refund", "overcharge", "cancel", "delay"}  # a firm's customer
)
#: nouns whose "old" means a former one ("my old flat in Leeds"), not an aged one
_OLD_MEANS_FORMER = (
    lx.WORKMATES
    | lx.VEHICLE_NOUNS
    | frozenset(
        {"flat", "apartment", "house", "place", "job", "company", "employer", "firm", "car"}
        | {"home", "workplace", "ride"}
    )
)


#: words before "old" that mean aged and fondly kept, not former ("my trusty old Golf")
_FOND = frozenset(
    {"trusty", "faithful", "good", "dear", "beloved", "battered", "reliable", "same", "rusty"}
)


def _old_one(noun: Token, value: Token) -> bool:
    """``noun`` is called old in the sense of former: a workmate, a home, a job or a car
    ("my old colleagues"), or the value itself, named, after "my old" ("my old Civic")."""
    old = next((c for c in noun.children if c.dep_ == "amod" and c.lower_ == "old"), None)
    if old is None or (old.i > 0 and old.nbor(-1).lower_ in _FOND):
        return False  # (not "my trusty old Land Rover", aged and still driven)
    if noun.lemma_.lower() in _OLD_MEANS_FORMER:
        return True
    return (
        noun.i == value.i
        and noun.pos_ == "PROPN"
        and any(c.dep_ == "poss" and c.lower_ in FIRST_POSS | OUR for c in noun.children)
        and not any(c.lemma_.lower() in lx.PET_NOUNS for c in noun.children)
        and noun.ent_type_ != "PERSON"
        and noun.text not in lx.first_names()
    )  # not "my old dog Rex", aged


def _former(tok: Token) -> bool:
    """ "my ex Tom", "my former employer Bosch", "my previous flat in Leeds", "Jonah's
    my ex now"."""
    exes = {"ex", "ex-partner"}
    if tok.dep_ in {"poss", "appos"} and tok.head.lower_ in exes:
        return True
    if tok.dep_ == "nsubj" and any(
        c.dep_ == "attr"
        and (
            c.lower_ in exes
            or any(g.dep_ in {"amod", "compound"} and g.lower_ in _FORMER for g in c.children)
            or _old_one(c, tok)
        )
        for c in tok.head.children
    ):
        return True  # "Jonah is my ex now", "Pete is my ex boyfriend", "Starbucks is my
        # old job now"
    before = [t.lower_ for t in tok.doc[max(tok.sent.start, tok.i - 2) : tok.i]]
    if before == ["ex", "-"]:
        return True  # "I'm ex-vegan now", however the parser hung the "ex"
    # "Bumped into my old colleagues from Bosch", "from Bosch" hung on the verb
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ in {"from", "at"}
        and any(
            t.lemma_.lower() in lx.WORKMATES and t.head.i != tok.head.i and _old_one(t, tok)
            for t in tok.head.head.subtree
        )
    ):
        return True
    cur = tok
    for _ in range(4):
        if any(c.lower_ in _FORMER for c in cur.children if c.dep_ in {"amod", "compound"}):
            return True
        if _old_one(cur, tok):
            return True  # "my old colleagues from Bosch", "I miss my old Civic"
        if cur.head.i == cur.i or cur.head.pos_ not in _NOUNISH | {"ADP"}:
            return False
        if cur.head.lower_ in {"for", "to", "into"}:
            return False  # "Traded in the old car for a Corolla": what it went for
        cur = cur.head
    return False


def _of_a_thing(tok: Token, verb: Token) -> bool:
    """``tok`` describes a thing the verb acts on, not the speaker: "Stefan keeps sending
    me photos from Copenhagen"."""
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    return head.pos_ == "NOUN" and head.i != verb.i and head.dep_ in {"dobj", "dative"}


def _subject(
    tok: Token, verb: Token | None, ctx: Context, span: range = range(0)
) -> Referent | None:
    """Whom the object ``tok`` (of the mention's token ``span``) is a fact about (see the
    module docstring)."""
    if _here_in(tok):
        return Referent(ctx.speaker)  # "The neighbours here in Auckland are so friendly"
    if verb is not None and _found_there(verb):
        return Referent(ctx.speaker)  # "you'll find me on a tennis court": the speaker
    if verb is not None and _name_read_as_a_verb(tok, verb):
        return _subject(tok, tok.head, ctx, span)  # "seeing this guy Ravi", "Ravi" a verb
        # whose subject is "guy": the name is what the verb before it relates
    if _one_by_trade(tok) and not _said_to_be(tok):
        return None  # "a chat with the plumber", "the receptionist was off sick": someone
        # met, not a job held ("I'm a plumber", "started as a receptionist")
    if _done_by_another(tok):
        return None  # "the dentist running an hour late": the dentist's running
    if _an_animal_about(tok):
        return None  # "A dog at the pub stole my crisps", "There's a cat on the wall"
    if _my_car_is(tok):
        return Referent(ctx.speaker)  # "My car's a Clio": no car's Clio
    if _job_life(tok):
        return Referent(ctx.speaker)  # "Today's paramedic problem: ...": no day's job
    if _gathering_dust(tok):  # "The tennis racket's gathering dust": the speaker's, unless
        owners = [c.lower_ for c in tok.head.children if c.dep_ == "poss"]  # another's
        return Referent(ctx.speaker) if not owners or owners[0] in FIRST_POSS else None
    if verb is None and tok.dep_ == "ROOT":
        holder = next(
            (c for c in tok.lefts if c.dep_ in {"amod", "compound"} and c.lower_ in en.SOMEONE),
            None,
        )  # "My flatmate ditched keto", all read as one noun phrase: the flatmate's
        if holder is not None:
            return resolve(holder, ctx)
    owner = _possessor(tok, ctx, inside=span)
    if owner is not None and _where_i_live_with(tok):
        return Referent(ctx.speaker)  # "I moved back in with my parents in Trondheim"
    if owner is not None:
        return owner if owner.name else None
    if kept_elsewhere(tok):
        return Referent(ctx.speaker)  # "Oscar's living with my uncle now, he likes ..."
    if (verb is not None and _introduced_to(tok, verb)) or _written_off(tok):
        return Referent(ctx.speaker)  # "My daughter got me into Wet Leg": the speaker's;
        # "Derby's out, Nottingham is in": no one else's
    if verb is None:
        root = tok.sent.root  # "My cousin just qualified as a pharmacist", "qualified" an
        # adjective, "My brother's gone full carnivore", "carnivore" a modifier: the
        # root's subject is whom the sentence is about
        said_by = subject_token(root)
        if (
            said_by is not None
            and root.pos_ == "NOUN"
            and said_by.lemma_.lower() in en.SOMEONE
            and tok.i not in {t.i for t in said_by.subtree}
        ):
            return None  # "My mum swears by paleo", "swears" read as a noun
        if (
            said_by is None
            or root.pos_ not in {"ADJ", "VERB"}
            or (
                root.pos_ == "VERB"
                and (said_by.pos_ not in {"NOUN", "PROPN"} or tok.head.i != root.i)
            )  # but "First night in our flat in Lyon, and the neighbours are ..."
        ):
            return Referent(ctx.speaker)
        verb = root
    subj = subject_token(verb)
    if subj is not None and subj.i in span and subj.i != tok.i:
        subj = None  # a word of the object itself: "promoted to team lead", "team"/nsubj
    if subj is None and _opened_by_aux(verb):
        return Referent(ctx.speaker)  # a chat's "Been playing Wet Leg on repeat, she's ..."
    while subj is None and verb.dep_ in {
        "xcomp",
        "ccomp",
        "advcl",
        "conj",
        "pcomp",
        "acl",
        "acomp",
    }:
        if _me_made_to(verb) or opens_the_sentence(verb):
            return Referent(ctx.speaker)
        verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"}:  # "a cat called Miso": the noun's clause
            verb = _governor(verb) or verb
        subj = subject_token(verb)
    if subj is None or subj.i == tok.i or tok.i in {t.i for t in subj.subtree}:
        return Referent(ctx.speaker)
    if subj.lemma_.lower() in lx.PET_NOUNS and tok.i == subj.left_edge.i - 1:
        pet_of = _possessor(subj, ctx, climb=False)  # "Ziggy my cat has claimed the
        if pet_of is not None:  # laundry basket": the name of the speaker's cat
            return pet_of if pet_of.name else None
        if subj.left_edge.lower_ == "the":
            return Referent(ctx.speaker)  # "Coco the cat knocked my plant over again"
    if _home_is(verb):
        return Referent(ctx.speaker)  # "Said goodbye to Leeds, Lyon is home now"
    if _my_one_is_a_pet(subj, verb):
        return Referent(ctx.speaker)  # "My new buddy is a hamster called Noodle"
    low = subj.lower_
    if low in FIRST or low in WE or _first_person(subj) or _also_i(verb):
        return Referent(ctx.speaker)  # "I", "we", "my partner and I"
    if low.removesuffix("s") in WEEKDAYS and verb.lemma_ == "be":
        return Referent(ctx.speaker)  # "Every Friday is taco night now": the speaker's
    if subj.lemma_.lower() == "name":
        return _someones_name(subj, ctx)
    if low in SECOND | _STANDING_FOR:
        return None  # "you ...": not the speaker's; "mine retired": the speaker's somebody
    if subj.pos_ == "PRON" and low not in {"he", "she", "him", "her", "they", "them"}:
        return Referent(ctx.speaker)
    # a name acting on the speaker ("Kone made me an offer") is the speaker's business;
    # otherwise a name is another person's ("Julia adopted a hamster")
    own = {t.i for t in subj.subtree}  # "My flatmate Jess has been vegan": her "my"
    mine = any(
        t.lower_ in FIRST | WE | FIRST_POSS | OUR
        for t in _own_clause(verb)
        if t.i not in own and not (t.dep_ == "poss" and t.head.lemma_.lower() in en.KIN)
    )  # but "My best mate Jo has moved to Galway", "mate" read apart from Jo
    if (
        subj.pos_ == "PROPN"
        and subj.ent_type_ not in _PLACE_ENTS
        and mine
        and not _of_a_thing(tok, verb)
    ):
        return Referent(ctx.speaker)
    if low in {"they", "them"}:  # others ("They moved to Leeds"), unless of the speaker's
        return Referent(ctx.speaker) if mine else None  # doing ("They made me team lead")
    owner = _possessor(subj, ctx, climb=False)
    if owner is not None and subj.lemma_.lower() not in en.SOMEONE:
        return owner if owner.name else None
    if owner is not None and verb.lemma_ == "be" and tok.dep_ == "attr" and tok.pos_ == "PROPN":
        return owner if owner.name else None  # "My partner is Ines": the owner's partner
    named = tok.pos_ == "PROPN" and (tok.head.i == subj.i or tok.i == subj.i + 1)
    if subj.lemma_.lower() in en.KIN and named:
        return owner if owner is not None and owner.name else None  # "My husband Tom cooks"
    if subj.pos_ == "PROPN" and _opened_by_verb(subj):
        return Referent(ctx.speaker)  # "Left Shell, joined BP": no subject at all
    if (
        verb.lemma_.lower() in _REPLACING
        or (verb.lemma_ == "take" and _has_particle(verb, "over"))
        or (verb.lemma_ == "beat" and _beaten_by_a_value(verb))
        or _dethroned(verb)
    ):  # "The Strokes have taken over from Busted": the subject is the new value
        return Referent(ctx.speaker)
    referent = resolve(subj, ctx)
    if referent is not None:
        return referent
    if low in {"he", "she"} and _is_a_pet(verb):
        return Referent(ctx.speaker)  # "We got a puppy! She's a collie called Maple": no
        # one else was named for "she" to be
    if subj.pos_ == "PROPN" and _a_kind_first(subj):
        return Referent(ctx.speaker)  # "Bread is back, switched to a Mediterranean diet",
        # "Keto is going well"
    if subj.pos_ == "PROPN" and (
        subj.ent_type_ not in _PLACE_ENTS or subj.text in lx.first_names()
    ):  # "Olivia has a parrot": a person, though tagged a place
        if _pet_nearby(subj) and verb.lemma_.lower() not in _OWNING:
            return Referent(ctx.speaker)  # "Pickle just arrived, our first rabbit!"
        return Referent(_name(subj))
    if _my_someone(subj) and verb.lemma_ in {"be", "call", "name"}:
        return Referent(ctx.speaker)  # "The guy I'm seeing is called Tom"
    if subj.lemma_.lower() in en.SOMEONE or subj.ent_type_ == "PERSON" or _one_by_trade(subj):
        return None  # a person we cannot name ("the dentist was running late"): not the
        # speaker
    if _id_says(verb):
        return Referent(ctx.speaker)  # "The badge says Microsoft now": the speaker's badge
    if _a_thing_doing(subj, verb, tok) and not mine:
        return None  # "The cafe was playing Taylor Swift": the cafe's doing, no taste
    if subj.pos_ in {"NOUN", "PROPN"}:
        return Referent(ctx.speaker)  # "the new place is great", "Krakow has grown on me"
    return None


def _name_read_as_a_verb(tok: Token, verb: Token) -> bool:
    """A person's name right after "guy", "girl", ... that the tagger took for a verb of
    which that noun is the subject ("I've been seeing this guy Ravi")."""
    if tok.i != verb.i or tok.ent_type_ != "PERSON" or tok.dep_ not in {"ccomp", "xcomp", "conj"}:
        return False
    before = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    return (
        before is not None
        and before.lemma_.lower() in en.PEOPLE
        and before.dep_ == "nsubj"
        and before.head.i == tok.i
    )


def _run_down(tok: Token) -> bool:
    """The subject of a copula whose complement runs it down: "Sushi is disgusting",
    "Coldplay are so overrated", "Keane feels a bit dated now"."""
    verb = tok.head
    return tok.dep_ in {"nsubj", "nsubjpass"} and (
        verb.lower_ in _RUN_DOWN  # "overrated" read as a passive
        or (
            verb.lemma_ in {"be", "feel", "seem", "sound", "get"}
            and any(
                c.dep_ == "acomp"
                and c.lower_ in _RUN_DOWN
                and not any(g.dep_ == "poss" for g in c.children)  # no "my favourite"
                for c in verb.children
            )
        )
    )


#: words that run a taste down
_RUN_DOWN = lx.words(
    "disgusting gross overrated awful terrible horrible vile revolting nasty boring bland "
    "inedible overhyped soft dull dated stale samey cringe cheesy tame"
)


def _a_kind_first(subj: Token) -> bool:
    """A dish, a drink, a diet or a sport opening the sentence with a capital, tagged a
    name: no one."""
    opening = all(t.pos_ in {"ADV", "INTJ", "CCONJ"} for t in subj.doc[subj.sent.start : subj.i])
    return opening and subj.lower_ in _KINDS and subj.text not in lx.first_names()


#: (after an adverb or two: "Now dairy's gone too, full vegan")
_KINDS = lx.FOODS | lx.DRINKS | lx.DIETS | lx.SPORTS | lx.ALLERGENS


#: determiners of someone not yet named: "the plumber", "a waiter", "this barista"
_SOME = frozenset({"the", "a", "an", "this", "that", "some"})
_THIS = frozenset({"the", "this", "that"})
_A = frozenset({"a", "an", "some"})


def _with_article(tok: Token, articles: frozenset[str]) -> bool:
    """Whether ``tok`` has one of ``articles`` as its determiner."""
    return any(c.dep_ == "det" and c.lower_ in articles for c in tok.children)


def _one_by_trade(tok: Token) -> bool:
    """Someone named by a trade with an article ("the plumber who came to fix the leak",
    "called a locksmith", "the bus driver"): a person met, not the speaker's job (but a
    subject with "a" may be any of them: "People ask what a product manager does", and a
    fragment tells what the speaker is: "Officially a solicitor now")."""
    if tok.dep_ in {"dobj", "pobj"}:
        some = _SOME
    elif tok.dep_ in {"nsubj", "nsubjpass"}:
        some = _THIS
    else:
        return False
    return tok.lemma_.lower() in lx.JOB_HEADS and _with_article(tok, some)


def _an_animal_about(tok: Token) -> bool:
    """An animal met, not kept: one with "a" that does something ("A dog at the pub
    tried to steal my crisps") or that there is ("There's a ginger cat on the wall"),
    but not one that arrives or joins ("A new kitten joined the family")."""
    if tok.lemma_.lower() not in lx.PET_NOUNS or not _with_article(tok, _A):
        return False
    verb = tok.head
    if tok.dep_ == "attr":
        return any(c.dep_ == "expl" for c in verb.children)
    return (
        tok.dep_ in {"nsubj", "nsubjpass"}
        and not any(c.dep_ == "amod" and c.lower_ == "new" for c in tok.children)
        and verb.lemma_.lower() not in {"arrive", "join", "come"}
    )


def _done_by_another(tok: Token) -> bool:
    """A verb that qualifies someone or something else ("the dentist running late", "a
    guy cycling past"): what they do, not the speaker's activity."""
    head = tok.head
    return (
        tok.pos_ == "VERB"
        and tok.dep_ == "acl"
        and head.pos_ == "NOUN"
        and (head.lemma_.lower() in en.SOMEONE or _with_article(head, _SOME))
    )


def _said_to_be(tok: Token) -> bool:
    """What someone is, becomes or works as: "I'm a nurse", "became the team lead",
    "They made me a manager" (a clause of its own), "started as a waiter"."""
    return tok.dep_ in {"attr", "oprd", "acomp", "appos", "ccomp", "xcomp"} or (
        tok.dep_ == "pobj" and tok.head.lower_ == "as"
    )


#: what shows whom someone works for or what they are ("my badge says Microsoft")
_WORK_PAPERS = frozenset(
    {"badge", "lanyard", "payslip", "paycheck", "signature", "contract", "card", "tag", "title"}
)


def _id_says(verb: Token) -> bool:
    """ "The badge says Microsoft now", "my payslip reads Unilever": what is on the
    speaker's (or an unowned) work paper, not words someone said."""
    subj = subject_token(verb)
    return (
        verb.lemma_.lower() in {"say", "read"}
        and subj is not None
        and subj.lemma_.lower() in _WORK_PAPERS
        and all(
            c.lower_ in {"my", "our", "the"} for c in subj.children if c.dep_ in {"poss", "det"}
        )
    )


def _a_thing_doing(subj: Token, verb: Token, tok: Token) -> bool:
    """A thing with an article that does something to ``tok``, its object ("The cafe was
    playing Taylor Swift", "the shop was blasting Coldplay"): what the thing does, not a
    fact of the speaker's (but "The new flat is in Leeds", "Krakow has grown on me")."""
    return (
        subj.pos_ == "NOUN"
        and subj.lemma_.lower() not in en.SOMEONE
        and _with_article(subj, _SOME)
        and verb.lemma_.lower() not in {"be", "have"}
        and tok.dep_ == "dobj"
        and tok.head.i == verb.i
    )


def _someones_name(name: Token, ctx: Context) -> Referent | None:
    """ "I'm seeing someone new, his name is Karl", "We adopted a cat, her name is
    Pepper": someone or some animal of the speaker's (or of whoever owns it; the frames
    tell what); "her name is Ada" of a relative is the rules' kin fact, and of anyone
    else nobody's fact."""
    poss = next((c for c in name.children if c.dep_ == "poss"), None)
    if poss is None or poss.lower_ not in {"his", "her", "their"}:
        return None
    before = antecedent(poss)
    if before is None or before.lemma_.lower() not in _SOMEONE | lx.PET_NOUNS:
        return None
    owner = _possessor(before, ctx)  # "my neighbour's cat, her name is Mimi"
    if owner is not None:
        return owner if owner.name else None
    return Referent(ctx.speaker)


def _opened_by_verb(subj: Token) -> bool:
    """A name whose first word is a verb opening a subjectless sentence ("Left Shell,
    joined BP", tagged as the name "Left Shell")."""
    first = subj.sent[0]
    return first.i < subj.i and first.head.i == subj.i and first.lower_ in _ENDING_OPENERS


def _name(tok: Token) -> str:
    parts = [c.text for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    return " ".join([*parts, tok.text])


def _where_i_live_with(tok: Token) -> bool:
    """A place of the people the speaker moved in or lives with: "I moved in with my
    boyfriend in Leeds" (but "Oscar lives with my brother's family")."""
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.lower_ not in {"in", "near", "outside"}:
        return False
    people = prep.head
    if people.dep_ != "pobj" or people.head.lower_ != "with":
        return False
    verb = people.head.head
    subj = subject_token(verb) if verb.pos_ in {"VERB", "AUX"} else None
    return (
        verb.lemma_.lower() in _MOVES | _DWELLING
        and subj is not None
        and (subj.lower_ in FIRST or subj.lower_ in WE)
    )


def _possessor(
    tok: Token, ctx: Context, *, climb: bool = True, inside: range = range(0)
) -> Referent | None:
    """The owner named by a possessive on ``tok``'s noun chain: a Referent, a falsy one
    (empty name) for "your", or None when there is none. A possessive ``inside`` the
    name itself owns nothing ("Riverside Children's Clinic")."""
    cur = tok
    placed = False  # the way up passed a preposition: "my sister in Rome"
    for _ in range(5 if climb else 1):
        kin = cur.lemma_.lower()
        if placed and kin in en.KIN and kin not in lx.WORKMATES and not _former(cur):
            return resolve(cur, ctx) or Referent("")  # Rome is the sister's, not mine
        # "my cousin's rabbit Thumper": the possessive on the compound before the name
        compounds = [c for c in cur.children if c.dep_ == "compound"]
        for child in [g for h in (cur, *compounds) for g in h.children]:
            if (
                child.dep_ != "poss"
                or child.lemma_.lower() == "name"
                or child.i == tok.i
                or child.i in inside
            ):
                continue  # "his name's Milo", parsed with "name" a possessive of Milo;
                # "Jonah's my ex": Jonah is the value, not its owner
            if (_said_gone(child) and child.head.i != child.i + 3) or opening_word_is(child):
                continue  # "Clio's gone, BMW in the driveway": the Clio owns nothing; nor
                # does home in "Home's Dunedin now" (but "Lucy's gone vegan" is Lucy's, the
                # "'s" read as Lucy owning "vegan")
            if child.tag_ == "NNS" and any(d.lower_ in {"a", "an"} for d in child.children):
                continue  # "a beginners' fencing course", "a women's rugby team": a kind
            low = child.lower_
            if low in FIRST_POSS or low in OUR or guessed(child):
                return Referent(ctx.speaker)  # and "Guess whose badge says Netflix now?"
            if low in SECOND_POSS:
                return Referent("")
            if child.lemma_.lower() in en.KIN:
                return resolve(child, ctx) or Referent("")
            if child.ent_type_ in {"DATE", "TIME"}:
                return Referent("")  # "before Saturday's barbecue": a day's, no one's
            if child.pos_ == "PROPN" or child.ent_type_ == "PERSON":
                return Referent(child.text)
            return Referent("")
        if not climb or cur.head.i == cur.i:
            return None
        nxt = cur.head
        if nxt.pos_ in {"VERB", "AUX"}:
            return None
        placed = placed or cur.dep_ == "prep"
        cur = nxt
    return None
