"""Typed object mentions in a parsed sentence: places, organisations, people, pets,
foods, job titles... each with the types it can be read as and how sure that reading is.

A name the small spaCy model tags wrongly ("Bosch" as a person) keeps its other
plausible readings at a lower weight; the predicate frame that matches the sentence
decides which reading is used. Works on spaCy tokens but never imports spaCy.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graphmem.extraction import english as en
from graphmem.extraction import lexicon as lx
from graphmem.extraction.clauses import (
    FIRST,
    FIRST_POSS,
    SECOND,
    SECOND_POSS,
    Context,
    a_day,
    car_of,
    died,
    mine,
    names_the_place,
    sentence_entities,
    spaced,
    tokens,
    with_its_case,
)
from graphmem.extraction.temporal import HOLIDAYS, MONTHS, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token
else:
    Span = Token = Any


@dataclass(frozen=True)
class Mention:
    """A possible object in a sentence: its text, its token span in the doc and the
    types it may have, with a weight in (0, 1] for each."""

    text: str
    start: int  # first token index
    end: int  # one past the last token index
    readings: tuple[tuple[str, float], ...]
    #: the role the wording itself fixes ("no meat" states a diet, whatever negates it)
    role: str | None = None

    def weight(self, object_type: str) -> float:
        return max((w for t, w in self.readings if t == object_type), default=0.0)


#: NER label -> the object types a name so tagged may have
_NER_READINGS: dict[str, tuple[tuple[str, float], ...]] = {
    "GPE": (
        ("place", 1.0),
        ("team", 0.6),
        ("person", 0.5),
        ("organization", 0.4),
        ("pet", 0.3),  # "Mango", "Biscuit": the small model's pets are towns and firms
        ("artist", 0.4),  # and so are many bands ("Fontaines D.C.")
    ),
    "LOC": (("place", 1.0),),
    "FAC": (("place", 0.8), ("organization", 0.6), ("school", 0.4), ("artist", 0.4)),
    "ORG": (
        ("organization", 1.0),
        ("team", 0.8),
        ("place", 0.7),  # the small model takes many towns for companies
        ("artist", 0.6),
        ("work", 0.5),
        ("person", 0.3),
        ("pet", 0.3),
    ),
    "PERSON": (
        ("person", 1.0),
        ("artist", 0.8),
        ("pet", 0.5),
        ("organization", 0.5),
        ("work", 0.4),
        ("place", 0.4),
        ("team", 0.4),
    ),
    "NORP": (
        ("nationality", 1.0),
        ("team", 0.6),
        ("place", 0.5),
        ("artist", 0.4),
        ("person", 0.4),
        ("organization", 0.4),  # and some firms for nationalities ("Atlassian")
    ),
    "PRODUCT": (("vehicle", 0.7), ("work", 0.6), ("person", 0.5), ("organization", 0.4)),
    "WORK_OF_ART": (("work", 1.0), ("artist", 0.6), ("organization", 0.5)),
    "EVENT": (("work", 0.5),),
    "LANGUAGE": (("language", 1.0),),
}
#: a capitalised name the NER missed
_NAME_READINGS: tuple[tuple[str, float], ...] = (
    ("place", 0.6),
    ("organization", 0.6),
    ("person", 0.6),
    ("artist", 0.5),
    ("work", 0.5),
    ("team", 0.5),
    ("pet", 0.4),
)
#: the place reading of a name the gazetteer knows (``lexicon.place_names``)
_TOWN = 0.95
#: the pet reading of a name beside a named pet
_OTHER_PET = 0.1
_LEXICONS: tuple[tuple[frozenset[str], str], ...] = (
    (lx.FOODS, "food"),
    (lx.DRINKS, "drink"),
    (lx.SPORTS, "sport"),
    (lx.GENRES, "genre"),
    (lx.INSTRUMENTS, "instrument"),
    (lx.COLOURS, "colour"),
    (lx.LANGUAGES, "language"),
    (lx.DIETS, "diet"),
    (lx.ALLERGENS, "allergen"),
    (lx.ACTIVITIES, "activity"),
    (lx.FIELDS, "field"),
)
#: every lexicon phrase -> the object types it names
_LEXICON_TYPES: dict[str, tuple[str, ...]] = {}
for _words_of, _type in _LEXICONS:
    for _phrase in _words_of:
        _LEXICON_TYPES[_phrase] = (*_LEXICON_TYPES.get(_phrase, ()), _type)
_TYPE_ORDER = tuple(dict.fromkeys(t for _, t in _LEXICONS))
_CARS = lx.CAR_MAKES | lx.CAR_MODELS
#: every beginning of a lexicon phrase: a phrase can only start at a token in here
_STARTS = frozenset(p[:k] for p in (*_LEXICON_TYPES, *_CARS) for k in range(1, len(p) + 1))
_LONGEST = 5  # "five-a-side", five tokens
#: the words that open a noun phrase before its name ("the", "my", "this")
DETERMINERS = frozenset(
    {"a", "an", "the", "my", "our", "his", "her", "their", "your", "this", "that"}
)
_DIET_PHRASES = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(lx.DIET_PHRASES, key=len, reverse=True)) + r")\b"
)
_KEPT_OFF = "(" + "|".join(re.escape(p) for p in lx.DIET_GIVE_UP) + ")"
_GIVE_UP = re.compile(
    r"\b(?:stopped|stop|quit|quitting|gave up|give up|given up|giving up|cut out|cutting out"
    r"|eliminated|eliminating|(?:feel|feeling|felt|i'm|i’m) (?:so much |much |way )?better without"
    r"|cut|cutting|ditched|dropped|i'm off|i’m off|i am off|been off|staying off"
    r"|completely off|totally off|fully off"
    r"|said goodbye to|say goodbye to|saying goodbye to|said no to|say no to|kicked"
    r"|bye bye|bye-bye|goodbye|farewell to|(?:i'm|i’m|i am) done with|finished with"
    r"|cold turkey on|(?:took|taken|takes|taking|take|put|puts|putting) me off"
    r"|(?:living|life|live|lived|lives|months|years|going|gone) without)"
    r"\s+(?:eating\s+|having\s+|buying\s+|cooking with\s+)?(?:all\s+|any\s+)?"
    + _KEPT_OFF
    + r"\b(?!\s+(?:into|up|with|for (?:today|tonight|the day|the week|lent))\b)"
    # a habit kicked, a food swapped out: "Kicked my sugar habit", "Swapped carbs for veg"
    r"|\b(?:kicked|quit|ditched|dropped|broke|beat|gave up) (?:my|the) "
    + _KEPT_OFF
    + r" (?:habit|addiction)\b"
    r"|\b(?:swapped|swapping|swap|swaps|traded|replaced|substituted) (?:out )?(?:all )?"
    + _KEPT_OFF
    + r" (?:for|with)\b"
    # and what is gone from a diet: "Dairy made me ill, so it's gone from my diet"
    r"|\b" + _KEPT_OFF + r"\b[^.!?]{0,60}\b(?:it's|it’s|it is|they're|they’re|they are)"
    r" (?:gone from|out of|off) my (?:diet|plate|menu|life)\b"
    # a label read for it: "Reading every label for gluten these days"
    r"|\b(?:check|checks|checking|checked|read|reads|reading|scan|scanning) (?:every|each|all the"
    r"|the|food) labels? for " + _KEPT_OFF + r"\b"
    # kept away from, but not only at times ("I don't eat meat on Fridays"): a diet
    r"|\b(?:avoid|avoiding|avoids|steer clear of|steering clear of|not eating|not touching"
    r"|haven't touched|haven’t touched|haven't had|haven’t had|don't eat|don’t eat|do not eat"
    r"|no longer eat|zero|no more|don't touch|don’t touch|do not touch|never touch"
    r"|no longer touch|haven't eaten|haven’t eaten|have not eaten|hasn't eaten|don't do"
    r"|don’t do|doesn't do|doesn’t do|do not do|does not do|can't do|can’t do"
    r"|not a (?:crumb|bite|scrap|morsel|gram|drop|trace|speck) of"
    r"|(?<=since )i (?:last )?(?:had|ate|touched))\s+(?:any\s+)?"
    + _KEPT_OFF
    + r"\b(?!\s+(?:on|during|before|after|at|in the|until|till|when|if|tonight|today"
    r"|since (?:breakfast|lunch|dinner|this morning|last night|yesterday))\b)"
    # and what is off the menu or out of someone's life: "Dairy's out of my life now"
    r"|\b"
    + _KEPT_OFF
    + r"(?:'s|’s|'re|’re| is| are| has been| have been|'s been|’s been)\s+(?:off the menu"
    r"|off the table|off limits|off-limits"
    r"|out of my life|a no-go|banned|dead to me"
    r"|(?:not |never )?(?:passed|crossed|touched) my lips)"
    # "Hasn't passed my lips since Easter", "Cleared all the sugar out of the cupboards"
    r"|\b" + _KEPT_OFF + r" (?:hasn't|hasn’t|has not|haven't|haven’t|have not)"
    r" (?:passed|crossed|touched) my lips\b"
    r"|\b(?:cleared|cleaned|threw|thrown|binned|purged|emptied) (?:out )?(?:all )?(?:of )?"
    r"(?:the |my )?" + _KEPT_OFF + r" (?:out of|from) (?:the|my|our) (?:fridge|cupboards?"
    r"|kitchen|house|flat|pantry|shelves)\b"
    # "Gluten? Not for me anymore."
    r"|\b" + _KEPT_OFF + r"(?:\?|,|'s|’s| is| are)?\s+not for me (?:anymore|any more)\b"
    r"|\b" + _KEPT_OFF + r" (?:isn't|isn’t|wasn't|wasn’t|is not|was not|aren't|weren't) for me\b"
)
#: foods a diet keeps out: eating them again ends it
_KEPT_OUT = "|".join(
    sorted(
        set(lx.DIET_GIVE_UP)
        | lx.words("chicken beef pork fish bacon steak lamb ham turkey seafood burger cheese egg")
    )
)
_BACK_ON = re.compile(
    r"\b(?:eating|eat|eats|ate|having)\s+(" + _KEPT_OUT + r")s?\s+again\b"
    r"|\bback (?:on|to) (?:eating )?(?:red |white |fried |proper |real )?(" + _KEPT_OUT + r")s?\b"
    r"|\b(?:eating|eat|eats|ate) (?:literally |basically |pretty much |just about )?"
    r"(everything|anything) (?:again|now)\b"
    r"|\bback to eating (everything|anything)\b"  # "I'm back to eating everything"
    r"|\b(meat)[ -]?eater again\b"  # "I'm a meat eater again"
    r"|\b(" + _KEPT_OUT + r")s? (?:is|are|'s|’s) back on the menu\b"  # "Cheese is back on ..."
    r"|\b(?:had|ate|eaten|tried|having|eating) (?:a |an |some |my first )?(?:[a-z]+ )?("
    + _KEPT_OUT
    + r")s? for the first time in (?:years|ages|forever|a decade|a long time|\w+ years)\b"
)


#: a name ending in initials, whose last period is its own ("Fontaines D.C.")
_INITIALS_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$")


def _trimmed(text: str) -> str:
    """``text`` on one line without the punctuation around it, but with the period of
    initials that end it ("Fontaines D.C. in my headphones")."""
    text = " ".join(text.split()).strip(" ,;:!?\"'")
    kept = _INITIALS_END.search(text) is not None
    text = text.strip(" .,;:!?\"'")
    return text + "." if kept and text and not text.endswith(".") else text


def find_mentions(sent: Span, ctx: Context) -> list[Mention]:
    """Every typed mention of ``sent``, in text order; overlapping readings of one span
    are merged."""
    found: dict[tuple[int, int], dict[str, tuple[str, float]]] = {}
    fixed: dict[tuple[int, int], str] = {}

    def add(
        start: int, end: int, text: str, object_type: str, weight: float, role: str | None = None
    ) -> None:
        text = _trimmed(text)
        if not text or text in {ctx.speaker, ctx.addressee}:
            return
        slot = found.setdefault((start, end), {})
        if weight > slot.get(object_type, ("", 0.0))[1]:
            slot[object_type] = (text, weight)
        if role is not None:
            fixed[(start, end)] = role

    _names(sent, ctx, add)
    _and_the(sent, add)
    _towns_in_lower_case(sent, add)
    _lexicon(sent, add)
    _sport_verbs(sent, add)
    _titles(sent, add)
    _common_orgs(sent, add)
    _music_names(sent, add)
    _pets(sent, add)
    _diets(sent, add)
    if any(r.get("pet", ("", 0.0))[1] >= 1.0 for r in found.values()):
        for readings in found.values():  # "a puppy, we called him Biscuit": the name
            pet = readings.get("pet")
            if pet is not None and pet[1] < 1.0:
                # too weak to state a new pet, enough for one that ended: "we rehomed
                # Clover, and now we've got Socks, a cat"
                readings["pet"] = (pet[0], _OTHER_PET)
    for (start, end), readings in found.items():
        car = readings.get("vehicle")
        root = sent.doc[start:end].root
        if car is not None and (
            (root.dep_ == "pobj" and _with_a_firm(root.head)) or _joined_or_left(root)
        ):
            # "Started at BMW", "I've been at Audi since May", "I'm with Volvo now", "Marco
            # quit Ferrari": the firm, no car
            readings["vehicle"] = (car[0], min(car[1], _NOT_A_CAR))
        elif readings and acts_on_me(root) and root.text not in lx.first_names():
            # "Tesla offered me a job", "Klarna let me go" (tagged a person): the firm
            text = max(readings.values(), key=lambda tw: tw[1])[0]
            found[(start, end)] = {"organization": (text, 1.0)} | {
                kind: (t, min(w, _NOT_A_CAR))
                for kind, (t, w) in readings.items()
                if kind != "organization"
            }
        elif car is not None and (_car_name(car[0]) or _a_model_of_ours(car[0], start, sent)):
            for kind in ("artist", "person", "team", "place"):  # "Road trip in the Kia": no
                # band; "Handed the Countryman back": no one, and no town
                if kind in readings:
                    readings[kind] = (readings[kind][0], min(readings[kind][1], _NOT_A_CAR))
    for (start, end), readings in found.items():
        site = sent.doc[end] if end < sent.end else None
        if (
            site is not None
            and site.lemma_.lower() in _FIRM_SITES
            and sent.doc[end - 1].dep_ == "compound"
            and not _a_town(sent.doc[start:end].text)
        ):  # "The Zalando office has a rooftop terrace": a firm's, not a town (but "the
            # Berlin office")
            name = sent.doc[start:end].text
            found[(start, end)] = {"organization": (name, 1.0)} | {
                kind: (text, min(w, _FIRM_PLACE))
                for kind, (text, w) in readings.items()
                if kind != "organization"
            }
    for (start, end), readings in found.items():
        person = readings.get("person")
        if person is not None and start > sent.start and _kin_noun(sent.doc[start - 1]):
            found[(start, end)] = {"person": (person[0], 1.0)}  # "my uncle Pavel": no pet
        elif person is not None and _a_person_and_i(sent.doc[end - 1]):
            readings.pop("pet", None)  # "Ben and I got a puppy": a person, no pet
    for (start, end), readings in found.items():
        place = readings.get("place")
        if place is not None and _in_a_home(sent.doc[start:end].root):
            # "The new flat in Espoo gets the light": a place, whatever else it could be
            found[(start, end)] = {"place": (place[0], 1.0)} | {
                kind: (text, min(w, _NOT_A_CAR))
                for kind, (text, w) in readings.items()
                if kind != "place"
            }
    for (start, end), readings in found.items():
        span = sent.doc[start:end]
        if "nationality" in readings and _describes_a_thing(span.root):
            del readings["nationality"]  # "Korean fried chicken", but "a British citizen"
        if "place" in readings and _moved_on_to(span.root) and not _a_town(span.text):
            del readings["place"]  # "I've moved on to Big Thief": a taste, not a town
        if "place" in readings and commuted_to(span.root):
            del readings["place"]  # "The commute to Ocado is brutal": the workplace
        named = "artist" in readings or span.root.pos_ == "PROPN"  # ("Idles", a word)
        if named and (music_made_by(span.root) or music_made_by(span[-1])):
            # "Went to my first Haim concert", "Another Radiohead playlist made": whoever
            # made the music, no firm or town
            found[(start, end)] = {
                kind: (text, min(w, _NOT_A_MAKER))
                for kind, (text, w) in readings.items()
                if kind != "artist"
            } | {"artist": (readings.get("artist", (span.text, 0.0))[0], 1.0)}
    _names_given(sent, found)
    _the_of_a_band(sent, found)
    for start, end in found:
        town = lx.demonym_town(sent.doc[start:end].text)
        if town is not None:  # "I'm officially a Londoner now", "We're Mancunians now"
            found[(start, end)] = {"place": (town, 1.0)}
    mentions = []
    for (start, end), readings in sorted(found.items()):
        if not readings or _a_relative_by_kin(sent.doc[start:end]):
            continue
        text = max(readings.values(), key=lambda tw: tw[1])[0]
        readings_w = tuple((t, w) for t, (_, w) in readings.items())
        mentions.append(Mention(text, start, end, readings_w, fixed.get((start, end))))
    return [m for m in mentions if not _inside_larger(m, mentions)]


def _the_of_a_band(sent: Span, found: dict[tuple[int, int], dict[str, tuple[str, float]]]) -> None:
    """A name surely a band's keeps the "the" before it, at a sentence's start too: "The
    National is my favourite band" is The National, not National."""
    for (start, end), readings in list(found.items()):
        artist = readings.get("artist")
        if artist is None or artist[1] < 1.0 or start <= sent.start:
            continue
        the = sent.doc[start - 1]
        if the.lower_ != "the" or the.dep_ != "det" or the.head.i not in range(start, end):
            continue
        if not artist[0][:1].isupper() or (start - 1, end) in found:
            continue
        del found[(start, end)]
        found[(start - 1, end)] = readings | {"artist": (f"The {artist[0]}", artist[1])}


def _names_given(sent: Span, found: dict[tuple[int, int], dict[str, tuple[str, float]]]) -> None:
    """A thing named as it is introduced ("a startup called Lumio", "a firm named
    Brightpath") is the name: the noun's reading of its kind goes to the name. (A pet so
    named is dealt with by the pet rules.)"""
    for (start, end), readings in found.items():
        root = sent.doc[start:end].root
        given = [
            g
            for c in root.children
            if c.dep_ == "acl" and c.lower_ in {"called", "named"}
            for g in c.children
            if g.dep_ in {"oprd", "dobj", "attr", "npadvmod"} and g.pos_ == "PROPN"
        ]
        kinds = {k: r for k, r in readings.items() if k in _NAMED_KINDS}
        if not given or not kinds or "pet" in readings:
            continue
        name = next((k for k in found if k[0] <= given[0].i < k[1]), None)
        if name is None or name == (start, end):
            continue
        text = max(found[name].values(), key=lambda tw: tw[1])[0]
        for kind in kinds:
            found[name][kind] = (text, 1.0)
            del readings[kind]


#: the kinds of thing a name is given to as it is introduced: "a firm called ...", "a
#: band called ...", "a town called ..." (not "a teacher called Sam": a person)
_NAMED_KINDS = frozenset({"organization", "artist", "team", "place", "school"})


def owned_in_passing(sent: Span, ctx: Context) -> list[tuple[Mention, str]]:
    """The values ``sent`` presupposes are the speaker's, with their type, whatever it
    asks or supposes (see ``owned_type``)."""
    words = {t.lower_ for t in tokens(sent)}
    if not (words & _OWNING_WORDS or ("the" in words and words & _CARS)):
        return []  # (most questions: no mention need be looked for)
    out = []
    for mention in find_mentions(sent, ctx):
        kind = owned_type(mention, sent.doc[mention.start : mention.end].root)
        if kind:
            out.append((mention, kind))
    return out


#: the words without which a sentence presupposes nothing of the speaker's
_OWNING_WORDS = frozenset({"my", "our", "as", "where"})


def where_i(verb: Token) -> str | None:
    """The verb of a "where I live / work" clause on ``verb`` ("Arnhem is where I live",
    "from Greenwich, where I live now"), not "where I don't live"; else None."""
    for c in verb.children:
        lemma = c.lemma_.lower()
        if (
            c.pos_ == "VERB"
            and (lemma in lx.DWELLING_VERBS or lemma == "work")
            and any(g.lower_ == "where" for g in c.children)
            and any(g.dep_ == "nsubj" and g.lower_ in {"i", "we"} for g in c.children)
            and not any(g.dep_ == "neg" for g in c.children)
        ):
            return lemma
    return None


def owned_type(mention: Mention, root: Token) -> str:
    """``vehicle`` for a car called the speaker's ("my Peugeot 208"), ``place`` for where
    the speaker is said to live ("from Greenwich, where I live"), ``diet`` for what
    the speaker does something as ("What can I order as a vegetarian?"),
    ``organization`` for the firm of the speaker's workmates ("my boss at Fernhill
    Architects", "our Nike team"), else empty."""
    doc = root.doc
    before = doc[mention.start - 1] if mention.start > 0 else None
    said_mine = before is not None and before.lower_ in {"my", "our"} and before.head == root
    if mention.weight("vehicle") >= 1.0 and (said_mine or _the_car_in_use(mention, root)):
        return "vehicle"
    if mention.weight("place") >= 1.0 and where_i(root) in lx.DWELLING_VERBS:
        return "place"  # "How do I get to the airport from Greenwich, where I live now?"
    if mention.weight("diet") >= 0.9 and root.dep_ == "pobj" and root.head.lower_ == "as":
        verb = root.head.head
        while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
            verb = verb.head  # "order at a steakhouse as a vegetarian": "as" read as the noun's
        said_by = [c.lower_ for c in verb.children if c.dep_ == "nsubj"]
        if said_by == ["i"]:
            return "diet"  # "What can I order at a steakhouse as a vegetarian?"
    if mention.weight("organization") < 0.5:
        return ""
    if root.dep_ == "pobj" and root.head.lower_ == "at":
        mate = root.head.head
        if mate.pos_ in {"VERB", "AUX"}:  # "ask my boss at Fernhill for ...": the "at" read
            # as the verb's
            mate = next((c for c in mate.children if c.dep_ == "dobj"), mate)
    elif root.dep_ == "compound" and root.ent_type_ == "ORG":
        mate = root.head
    else:
        return ""
    return "organization" if mine(mate) and mate.lemma_.lower() in lx.WORKMATES else ""


def _the_car_in_use(mention: Mention, root: Token) -> bool:
    """A car named after "the" that the speaker looks after or travels in, so theirs:
    "The Fiesta needs a service again", "Parking the Kona in town is a nightmare", "Road
    trip in the Kia next week"; not "The Tesla at the show was amazing", nor "My boss
    drove the BMW" (someone else drove it)."""
    doc = root.doc
    the = doc[mention.start - 1] if mention.start > 0 else None
    if the is None or the.lower_ != "the" or the.head != root:
        return False
    if not (_car_name(mention.text) or _a_model_of_ours(mention.text, mention.start, root.sent)):
        return False
    head = root.head
    if root.dep_ in {"nsubj", "nsubjpass"}:
        needed = [c.lemma_.lower() for c in head.children if c.dep_ == "dobj"]
        verb = head.lemma_.lower()
        return verb in _CAR_TROUBLE or (
            verb in {"need", "make"} and any(n in _CAR_CARE for n in needed)
        )  # "needs new tyres", "is making a funny rattle"
    if root.dep_ == "dobj" and head.lemma_.lower() in _CARS_USED:
        said_by = [c.lower_ for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        return not said_by or said_by[0] in {"i", "we"}
    return root.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in _CAR_TRIPS


#: what a car of one's own does or needs, what one does with it, and what one takes in it
_CAR_TROUBLE = lx.words("break overheat stall rattle leak start")
_CAR_CARE = lx.words(
    "service mot tyre tire wash clean valet repair battery clutch noise rattle sound"
)
_CARS_USED = lx.words(
    "park wash clean service valet refuel charge crash scratch dent insure tax take bring"
)
_CAR_TRIPS = lx.words("trip drive journey commute ride")


def _in_a_home(tok: Token) -> bool:
    """A name that says where a home is: "the new flat in Espoo", "my place in Hamburg"."""
    prep = tok.head if tok.dep_ == "pobj" else None
    return (
        prep is not None
        and prep.lower_ == "in"
        and lx.SLOT_NOUNS.get(prep.head.lemma_.lower()) == ("place",)
    )


#: nouns a nationality can describe and still be someone's: "I'm a British citizen"
_NATIONALS = en.SOMEONE | lx.words("citizen citizens national nationals native expat person people")


def _describes_a_thing(tok: Token) -> bool:
    """A nationality word describing a thing ("Korean fried chicken", "an Italian film"),
    not someone."""
    head = tok.head
    return (
        tok.dep_ in {"amod", "compound"}
        and head.pos_ == "NOUN"
        and head.lemma_.lower() not in _NATIONALS
    )


def music_made_by(tok: Token) -> bool:
    """A name of whoever made the music the sentence speaks of: one that qualifies a
    song, album or concert ("Wet Leg songs", "a Haim concert", "Adele's album"), whose
    songs they are ("a playlist of Parcels", "songs by Haim"), who is listened to
    ("listening to Portishead"), played on repeat or said to be a band."""
    head = tok.head
    if _my_favourite_beside(tok):
        return True  # "Radiohead still my favourite band", no verb
    if tok.dep_ in {"compound", "poss", "nmod", "amod"}:
        return head.lower_ in lx.MUSIC_NOUNS or (
            tok.dep_ == "compound" and head.text.islower() and music_made_by(head)
        )  # "listening to Parcels nonstop", the adverb read as a noun the name qualifies
    if tok.dep_ == "dobj":
        # "I've got Idles on loop", "blasting Caribou", "went to see Slowdive live",
        # "playing Big Thief at home" where the sentence speaks of music
        lemma = head.lemma_.lower()
        return (
            on_repeat(head)
            or lemma in _MUSIC_PLAYING
            or (lemma == "see" and any(c.lower_ == "live" for c in head.children))
            or (lemma == "play" and _speaks_of_music(tok.sent))
        )
    if tok.dep_ in {"attr", "acomp"} and head.lemma_.lower() == "be":
        # "The band I'm into these days is Idles", "... is Slowdive" (an adjective)
        subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        return (
            (subj is not None and subj.lemma_.lower() in lx.MUSIC_MAKERS)
            or listening_summed_up(head)
            or _played_on(head)
            or _played_on(tok)  # (the place hung on the name)
        )
    if tok.dep_ == "nsubj" and head.lower_ == "live" and head.head.lemma_.lower() == "see":
        return True  # "Went to see Alvvays live", "live" read as a verb
    if (
        tok.dep_ in {"advcl", "xcomp"}
        and head.lemma_.lower() == "listen"
        and any(c.dep_ == "aux" and c.lower_ == "to" and c.i == tok.i - 1 for c in tok.children)
    ):
        return True  # "I've been listening to Radiohead a lot", read as "to" and a verb
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        # "Parcels are the only band I care about", "Phoenix is on repeat", "Pond is all
        # I listen to", "Idles just dropped an album"
        if any(c.dep_ == "dobj" and c.lemma_.lower() in lx.MUSIC_NOUNS for c in head.children):
            return head.lemma_.lower() in _RELEASING
        return on_repeat(head) or (
            head.lemma_.lower() in {"be", "become"}
            and any(
                c.dep_ == "attr"
                and (
                    c.lemma_.lower() in lx.MUSIC_MAKERS
                    or any(g.dep_ == "relcl" and g.lemma_.lower() == "listen" for g in c.children)
                )
                for c in head.children
            )
        )
    if _loved_in_music(tok):
        return True
    if tok.dep_ != "pobj":
        return False
    if head.lower_ in {"of", "by"}:
        return head.head.lower_ in lx.MUSIC_NOUNS
    return head.lower_ == "to" and head.head.lemma_.lower() == "listen"


#: words of loving or being hooked that take what is loved as an object or through a
#: preposition ("fallen for", "obsessed with", "hooked on", "can't get enough of")
_LOVING = frozenset(
    {"love", "adore", "fall", "obsess", "obsessed", "hook", "hooked", "enough", "discover", "crazy"}
)
#: the other things a name beside a word of music may be: a book, a show, a team
_OTHER_WORKS = lx.words(
    "book books novel novels author film films movie movies show shows series episode "
    "episodes season team match game games podcast"
)


def _loved_in_music(tok: Token) -> bool:
    """A name (no one's first name, no town) loved, fallen for or hooked on in a sentence
    that speaks of music and of nothing else one could love: the artist ("I've fallen hard
    for Wolf Alice, their new record is perfect", "Can't get enough of Big Thief, been
    listening nonstop"; not "Went to a gig with Callum")."""
    named = any(c.dep_ == "compound" for c in tok.children)  # ("Wolf Alice": no Alice)
    if not (tok.pos_ == "PROPN" or (named and tok.text[:1].isupper())):
        return False
    if tok.text in lx.first_names() and not named:
        return False
    if _a_town(tok.text):
        return False
    sent = tok.sent
    if not _speaks_of_music(sent) or any(t.lower_ in _OTHER_WORKS for t in sent):
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in {"for", "with", "on", "of", "about"}:
        head = head.head
    elif tok.dep_ != "dobj":
        return False
    return head.lemma_.lower() in _LOVING or head.lower_ in _LOVING


#: where music plays: "it's all Idles on my playlist", "... in my headphones"
_PLAYED_ON = lx.MUSIC_NOUNS | lx.LISTENED_ON


def _played_on(verb: Token) -> bool:
    """A "be" of what is on the speaker's playlist or in their headphones: "Lately it's
    all Vampire Weekend on my playlist"."""
    return any(
        c.dep_ == "prep"
        and c.lower_ in {"on", "in"}
        and any(g.lower_ in _PLAYED_ON or g.lemma_.lower() in _PLAYED_ON for g in c.children)
        for c in verb.children
    )


def listening_summed_up(verb: Token) -> bool:
    """A "be" whose subject sums up what the speaker listened to: "My year-end music stats
    were basically just Radiohead", "My Spotify Wrapped was all Idles"."""
    return any(
        (c.dep_ == "nsubj" and c.lemma_.lower() in {"stat", "stats"}
         and any(g.lower_ in {"music", "spotify", "listening"} for g in c.children))
        or (c.dep_ in {"nsubj", "csubj"} and c.lower_ == "wrapped")
        for c in verb.children
    )  # fmt: skip


def _my_favourite_beside(tok: Token) -> bool:
    """A verbless "X still my favourite band", however the parser hung "band" on X (a
    name, not "Ask me my favourite band")."""
    if tok.pos_ != "PROPN" and en.in_dictionary(tok.lower_):
        return False
    return any(
        c.dep_ in {"appos", "dobj"}
        and c.lemma_.lower() in lx.MUSIC_MAKERS
        and any(g.lower_ in en.FAVOURITE for g in c.children)
        and any(g.dep_ == "poss" and g.lower_ == "my" for g in c.children)
        for c in tok.children
    )


#: verbs of playing recorded music loud or online: their named object is an artist
_MUSIC_PLAYING = frozenset({"blast", "stream", "crank"})
#: verbs of an artist's putting out a record
_RELEASING = frozenset({"drop", "release", "put", "announce"})
#: words that say a sentence is about music
_MUSIC_WORDS = lx.MUSIC_NOUNS | lx.MUSIC_MAKERS | lx.ON_REPEAT | {"spotify", "listen", "music"}


def _speaks_of_music(sent: Span) -> bool:
    return any(t.lower_ in _MUSIC_WORDS or t.lemma_.lower() in _MUSIC_WORDS for t in sent)


def commuted_to(tok: Token) -> bool:
    """A name, not a town's, the speaker's commute goes to: the workplace."""
    prep = tok.head
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ == "pobj"
        and prep.lower_ == "to"
        and prep.head.lemma_.lower() == "commute"
        and not _a_town(tok.text)
    )


def _moved_on_to(tok: Token) -> bool:
    """``tok`` is what someone "moved on to" ("I've moved on to padel")."""
    verb = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "to" else None
    return (
        verb is not None
        and verb.lemma_.lower() == "move"
        and any(c.dep_ in {"prt", "advmod"} and c.lower_ == "on" for c in verb.children)
    )


def on_repeat(tok: Token) -> bool:
    """``tok`` is said to be played "on repeat" (or "on loop")."""
    return any(
        c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ in lx.ON_REPEAT for g in c.children)
        for c in tok.children
    )


def _inside_larger(m: Mention, mentions: list[Mention]) -> bool:
    """A span inside a longer one is part of it ("engineering" in "engineering manager",
    "Series" in "BMW 3 Series") when the longer one is sure of its type, or when the
    longer one has every reading of its own."""
    for other in mentions:
        if other is m or not (other.start <= m.start and m.end <= other.end):
            continue
        if other.end - other.start > m.end - m.start and max(w for _, w in other.readings) >= 0.9:
            return True
        if all(other.weight(t) >= w for t, w in m.readings):
            return True
    return False


#: words for a home, whatever the tagger makes of them ("flat")
_HOMES = frozenset({"flat", "apartment", "house", "home", "place", "condo"})


def _names(sent: Span, ctx: Context, add: Any) -> None:
    covered: set[int] = set()
    for ent, label in _split(_firms_joined(sentence_entities(sent))):
        readings = _NER_READINGS.get(label)
        if readings is None:
            continue
        ent = ent.doc[ent.start : with_its_case(ent.doc, ent.end)]  # "at Domino's"
        toks = [
            t
            for t in ent
            if (
                t.lower_ not in DETERMINERS or (not t.whitespace_ and t.i < ent.end - 1)
            )  # "A-Class"
            and (t.dep_ != "case" or t.i < ent.end - 1 or names_the_place(t))  # "Tom's";
            # but "St Mungo's Hospital", "at Sainsbury's"
            and not (t.pos_ == "AUX" and t.lower_ in _IS)  # "Daniel's been my husband"
            and (
                any(c.isalnum() for c in t.text)
                or (t.text in {"&", "-"} and ent.start < t.i < ent.end - 1)
            )
        ]  # no emoji: "date night w/ Tom ❤️"; but "Ernst & Young", "C-Class"
        if (
            toks
            and toks[0].i == sent.start
            and (toks[0].lower_ in lx.OPENING_VERBS or toks[0].tag_ == "VBG")
            and (len(toks) > 1 or toks[0].pos_ == "VERB")
        ):
            toks = toks[1:]  # a chat's subjectless "Joined Philips!", "Meet Biscuit!",
            # "Leaving Bristol was hard", "Split with Tom" (a verb tagged a person)
        if not toks:
            continue
        while len(toks) > 1 and (
            toks[0].pos_ == "ADV"
            or toks[0].lower_ in _INTERJECTIONS
            or (toks[0].pos_ in {"NOUN", "ADJ"} and toks[0].text[:1].islower())
        ):
            toks = toks[1:]  # "My gecko Pretzel", "Easily Haim", "Sorry Berlin": one name
        if len(toks) > 2 and opening_word_is(toks[0]):
            toks = toks[2:]  # "Home's Dunedin now", "Fave's Olivia Rodrigo", tagged one name
        end = ent.end
        cut = _time_after(toks)
        if cut:  # "Moved to Phoenix 2 weeks ago", tagged one name: Phoenix
            toks = toks[:-cut]
            end = toks[-1].i + 1 if toks else ent.end
        while (
            len(toks) > 1
            and (toks[-1].pos_ == "NOUN" or toks[-1].lower_ in _HOMES)
            and toks[-1].text[:1].islower()
        ):  # "Bristol life is treating me well", "our new Bristol flat" (tagged an
            # adjective): Bristol
            end, toks = toks[-1].i, toks[:-1]
        if not toks or any(t.lower_ in FIRST | SECOND | FIRST_POSS | SECOND_POSS for t in toks):
            continue
        if len(toks) == 1 and toks[0].lower_ in en.PRONOUN_OBJECTS:
            continue  # "Everything's gone quiet", tagged a person
        if _a_word_opening(toks, sent):
            continue  # "Home's in Auckland", tagged a firm
        name = spaced(toks)
        if name in _LEXICON_TYPES:
            continue  # "on the whole30 thing": a lexicon's word in lower case names nothing
        start, text = _with_the(toks[0].i, name, sent)
        covered.update(t.i for t in ent)
        firm = _firm(toks)
        for object_type, weight in readings:
            add(start, end, text, object_type, min(weight, _FIRM_PLACE) if firm else weight)
        if firm:
            add(start, end, text, "organization", 1.0)
        if label != "PERSON" and (
            toks[0].text in lx.first_names() or _named(toks[-1]) or _coined_and_i(toks)
        ):
            add(start, end, text, "person", 0.9)  # "Hedda" tagged a place, "Wiebke and I"
            # a firm
        if len(toks) == 1 and (
            _subject_beside_a_pet(toks[0]) or _named_the_pet(toks[0]) or _does_what_pets_do(toks[0])
        ):
            add(start, end, text, "pet", 1.0)  # "Button just arrived, ... with a dog"
        _town(start, end, text, add)
        _vehicle(start, end, text, add)
        if any(t.lower_ in lx.SCHOOL_WORDS for t in toks):
            add(start, end, text, "school", 1.0)
    run: list[Any] = []
    for tok in [*tokens(sent), None]:
        if tok is not None and tok.i not in covered and _name_like(tok, sent):
            run.append(tok)
            continue
        if len(run) > 1 and run[0].i == sent.start and run[0].lower_ in lx.OPENING_VERBS:
            run = run[1:]
        if _a_word_opening(run, sent):
            run = []  # "Fave's Olivia Rodrigo these days"
        if run:
            start, text = _with_the(run[0].i, " ".join(t.text for t in run), sent)
            end = run[-1].i + 1
            firm = _firm(run)
            for object_type, weight in _NAME_READINGS:
                add(start, end, text, object_type, min(weight, _FIRM_PLACE) if firm else weight)
            if firm:
                add(start, end, text, "organization", 1.0)
            if run[0].text in lx.first_names():
                add(start, end, text, "person", 0.9)
            if len(run) == 1 and (_named_the_pet(run[0]) or _does_what_pets_do(run[0])):
                add(start, end, text, "pet", 1.0)
            _town(start, end, text, add)
            _vehicle(start, end, text, add)
            if any(t.lower_ in lx.SCHOOL_WORDS for t in run):
                add(start, end, text, "school", 0.9)
            run = []


def _a_word_opening(toks: list[Token], sent: Span) -> bool:
    """A capitalised word alone at the start of its sentence that names a slot or a
    favourite, no name: "Home's in Auckland", "Fave's Olivia Rodrigo these days"."""
    return len(toks) == 1 and toks[0].i == sent.start and _slot_word(toks[0])


def _slot_word(tok: Token) -> bool:
    return tok.lower_ in lx.SLOT_NOUNS or tok.lower_ in en.FAVOURITE


_IS = frozenset({"'s", "’s"})


def opening_word_is(tok: Token) -> bool:
    """``tok`` is a slot or favourite word that opens its sentence, its "'s" "is" whatever
    the parser read: "Home's Dunedin now", "Fave's Olivia Rodrigo these days", "My fave's
    sushi now"."""
    sent = tok.sent
    mine = (  # (but "my bf's fave is burgers" is the boyfriend's)
        tok.i == sent.start + 1
        and tok.doc[sent.start].lower_ == "my"
        and tok.lower_ in en.FAVOURITE
    )
    return (
        (tok.i == sent.start or mine)
        and tok.i + 1 < sent.end
        and tok.doc[tok.i + 1].lower_ in _IS
        and _slot_word(tok)
    )


def _time_after(toks: list[Token]) -> int:
    """How many of a name's last words are a span of time the tagger ran into it: "2
    weeks ago" (3), "three days" (2), "a week ago" (2, the article already left out); 0
    when none (not "Peugeot 206")."""
    n = len(toks)
    k = n - 1 if toks[-1].lower_ == "ago" else n
    if k >= 3 and toks[k - 1].lemma_.lower() in _TIME_UNITS and toks[k - 2].like_num:
        return n - (k - 2)
    unit = toks[k - 1] if k >= 2 else None
    if (
        unit is not None
        and unit.lemma_.lower() in _TIME_UNITS
        and unit.i > 0
        and unit.doc[unit.i - 1].lower_ in {"a", "an"}
    ):
        return n - (k - 1)  # "Leo a week ago", its article left out of the name
    return 0


_TIME_UNITS = frozenset({"minute", "hour", "day", "week", "month", "year"})


def _firms_joined(entities: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """The entities, a firm's name the tagger cut in two joined again ("Lumen Dental"
    tagged a town and a firm: "Lumen" modifies "Dental"; see also
    ``_with_its_institution``)."""
    out: list[tuple[Any, str]] = []
    for ent, label in entities:
        if out and ent.start < out[-1][0].end:
            continue  # (joined to the entity before it)
        if out:
            prev, _ = out[-1]
            last = prev[-1]
            if (
                prev.end == ent.start
                and last.dep_ == "compound"
                and ent.start <= last.head.i < ent.end
                and ent[-1].lower_ in lx.FIRM_WORDS
            ):
                out[-1] = (ent.doc[prev.start : ent.end], "ORG")
                continue
        out.append(_with_its_institution(ent, label))
    return out


def _with_its_institution(ent: Any, label: str) -> tuple[Any, str]:
    """An entity cut at its possessive joined to the capitalised name of an institution
    after it: "St Mungo's Hospital", tagged "St Mungo's" and no more, "St Anne's Primary
    School", tagged a building and a school (else Mungo would own a hospital)."""
    last, doc = ent[-1], ent.doc
    if last.dep_ != "case" or ent.end >= len(doc):
        return ent, label
    owner, after = last.head, doc[ent.end]
    word = owner.head
    if (
        owner.dep_ != "poss"
        or word.i < ent.end
        or word.lower_ not in lx.FIRM_WORDS | lx.SCHOOL_WORDS | lx.INSTITUTION_WORDS
        or not all(t.text[:1].isupper() for t in doc[after.i : word.i + 1])
    ):
        return ent, label
    return doc[ent.start : word.i + 1], "ORG"


def _firm(toks: list[Token]) -> bool:
    """A name of two words or more whose last is a firm's ("Lumen Dental", "Bluefin
    Marine Labs"; ``lexicon.FIRM_WORDS``)."""
    return len(toks) > 1 and toks[-1].lower_ in lx.FIRM_WORDS


#: any reading of a firm's name as a place is at most this ("Northwind Freight")
_FIRM_PLACE = 0.3
#: the sites a firm's name qualifies: "the Zalando office", "Siemens HQ"
_FIRM_SITES = lx.words("office offices headquarters hq campus warehouse factory canteen intranet")


#: the artist reading of "<Name> and the <Name>": most such names are bands ("Florence
#: and the Machine", "Echo and the Bunnymen"), some are not ("London and the Midlands"),
#: so the names inside keep their own readings
_AND_THE = 0.85


def _and_the(sent: Span, add: Any) -> None:
    """ "Florence and the Machine", "Bob Marley and the Wailers": one band's name."""
    toks = list(tokens(sent))
    for i, tok in enumerate(toks[1:-2], start=1):
        if not (
            tok.lower_ == "and" and toks[i + 1].lower_ == "the" and toks[i - 1].pos_ == "PROPN"
        ):
            continue
        end = i + 2
        while end < len(toks) and toks[end].text[:1].isupper() and toks[end].is_alpha:
            end += 1
        start = i - 1
        while start > 0 and toks[start - 1].pos_ == "PROPN" and toks[start - 1].is_alpha:
            start -= 1
        if end == i + 2 or (start == 0 and toks[0].lower_ in lx.OPENING_VERBS):
            continue
        text = " ".join(t.text for t in toks[start:end])
        add(toks[start].i, toks[end - 1].i + 1, text, "artist", _AND_THE)


def _a_town(name: str) -> bool:
    """A name the gazetteer knows for a town or a country, and no given name."""
    return name in lx.place_names() and name.split()[0] not in lx.first_names()


def _town(start: int, end: int, text: str, add: Any) -> None:
    """A town's name is surely a place ("Toulouse" tagged a person), whatever else it
    may be."""
    if _a_town(text):
        add(start, end, text, "place", _TOWN)


#: prepositions a town written in lower case follows ("moved to lisbon")
_TO_A_PLACE = frozenset({"in", "to", "from", "near", "outside"})


def _joined_or_left(tok: Token) -> bool:
    """A bare name joined, quit or left ("joined Volvo", "quit Ferrari"): a firm; not "the
    Audi" or "my Golf" left somewhere."""
    return (
        tok.dep_ == "dobj"
        and tok.head.lemma_.lower() in {"join", "quit", "leave"}
        and not any(c.dep_ in {"det", "poss"} for c in tok.children)
    )


def acts_on_me(tok: Token) -> bool:
    """``tok`` is the subject of what a firm does to the speaker: "Tesla offered me a
    job", "BMW moved us to Munich", "Klarna let me go", "Meta laid me off", "Arup took
    me on", "Monzo pays my bills"."""
    verb = tok.head
    if tok.dep_ == "nsubj" and verb.lemma_.lower() == "make":  # "Canva made me an offer"
        offer = [c for c in verb.children if c.lemma_.lower() == "offer" and c.dep_ != "nsubj"]
        near = [*verb.children, *(g for o in offer for g in o.children)]
        return bool(offer) and any(t.lower_ in {"me", "us"} for t in near)
    if tok.dep_ != "nsubj" or verb.lemma_.lower() not in _DONE_BY_A_FIRM:
        return False
    if verb.lemma_.lower() == "let":  # "let me go": "me" the subject of "go"
        return any(
            c.lemma_ == "go" and any(g.lower_ in {"me", "us"} for g in c.children)
            for c in verb.children
        )
    if verb.lemma_.lower() == "pay" and any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in {"bill", "salary", "wage", "rent", "mortgage"}
        and any(g.dep_ == "poss" and g.lower_ in {"my", "our"} for g in c.children)
        for c in verb.children
    ):
        return True  # "Canva pays my bills at the moment"
    if verb.lemma_.lower() == "take" and not any(
        c.lower_ == "on" and (c.dep_ == "prt" or not list(c.children)) for c in verb.children
    ):
        return False  # but "Brightwater took me on": hired
    return any(c.dep_ in {"dobj", "dative"} and c.lower_ in {"me", "us"} for c in verb.children)


#: what a firm does to the people it employs (a car "gets me to Cornwall", "costs me")
_DONE_BY_A_FIRM = lx.words(
    "offer hire employ recruit poach promote move transfer relocate send post pay sack fire "
    "onboard train sponsor let lay take"
)


def _with_a_firm(prep: Token) -> bool:
    """A preposition that puts someone at a firm: "at", or "with" after "be"."""
    return prep.lower_ == "at" or (prep.lower_ == "with" and prep.head.lemma_ == "be")


def _towns_in_lower_case(sent: Span, add: Any) -> None:
    """A town written in lower case, as chat often is, right after a preposition of
    place or called home ("moved to lisbon last month", "we're in new york now", "munich
    is home now"): no NER sees it, and the parser may take it for a verb ("relocated to
    eindhoven")."""
    doc = sent.doc
    for tok in tokens(sent):
        placed = tok.i > sent.start and doc[tok.i - 1].lower_ in _TO_A_PLACE
        home = (  # "munich is home now"
            tok.dep_ in {"nsubj", "attr"}
            and tok.head.lemma_ == "be"
            and any(c.lower_ == "home" and c.i != tok.i for c in tok.head.children)
        )
        if not (placed or home) or not (tok.is_lower and tok.is_alpha):
            continue
        for n in (3, 2, 1):  # the longest name: "new york", not "new"
            words = doc[tok.i : min(tok.i + n, sent.end)]
            if len(words) < n or not all(t.is_lower and t.is_alpha for t in words):
                continue
            if _a_town(words.text.title()):
                add(tok.i, tok.i + n, words.text, "place", _TOWN)
                break


def _with_the(start: int, text: str, sent: Span) -> tuple[int, str]:
    """A name with the capital "The" before it inside a sentence: "now it's all The
    National", "I write for The Guardian"."""
    if start - 1 > sent.start and sent.doc[start - 1].text == "The":
        return start - 1, f"The {text}"
    return start, text


def _named(tok: Token) -> bool:
    """``tok`` is given as someone's name: "his name is Milo", "her name's Milo" (parsed
    with "name" a possessive of Milo)."""
    if any(c.dep_ == "poss" and c.lemma_.lower() == "name" for c in tok.children):
        return True
    head = tok.head
    return (
        tok.dep_ == "attr"
        and head.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.lemma_.lower() == "name" for c in head.children)
    )


#: marks no name runs across ("a rabbit called Coco, Peanut ...", "Blur → Pulp")
_CUTS = frozenset({",", "→", "->", "=>", "⟶"})


def _split(entities: list[tuple[Any, str]]) -> list[tuple[Any, str]]:
    """The entities, those the tagger ran across a "from"/"to", "for a", a comma or an
    arrow cut in two ("moved from Cadiz to Malaga", "a rabbit called Coco, Peanut sadly
    died", "traded my Focus for a Golf" are tagged one name)."""
    out = []
    for ent, label in entities:
        start = ent.start
        for tok in ent:
            cut = (
                (tok.pos_ == "ADP" and tok.lower_ in {"to", "from"})
                or tok.text in _CUTS
                or (tok.lower_ == "for" and tok.nbor(1).lower_ in {"a", "an"})  # "my Focus
            )  # for a Golf" (not "Teach for America")
            if cut and start < tok.i < ent.end - 1:
                out.append((ent.doc[start : tok.i], label))
                start = tok.i + 1
        out.append((ent.doc[start : ent.end], label))
    return out


_INTERJECTIONS = lx.words(
    "ugh wow omg haha lol yay oh hey hi hello yes yeah yep nope well ooh aww argh hmm "
    "phew oops yikes congrats thanks cheers sorry bye goodbye rip"
)


def _name_like(tok: Token, sent: Span) -> bool:
    if tok.lower_ in en.PRONOUN_OBJECTS:
        return False  # "Everything's gone quiet", capitalised as a sentence's first word
    if _not_any_more(tok, sent) or _named_the_pet(tok):
        return True  # "Not Lukas anymore - it's Jonas now", "Marble the cat learnt to open
        # doors", whatever the tagger made of it
    if tok.pos_ == "INTJ" and tok.i == sent.start and tok.text in lx.first_names():
        return and_i(tok)  # "Leah and I are getting divorced", tagged an interjection
    if _opens_a_name(tok, sent):
        return True  # "Wet Leg is on repeat", "Wet" tagged a verb
    if tok.text[:1].isupper() and tok.pos_ in {"NOUN", "ADJ", "X"} and _a_favourite_answered(tok):
        return True  # "Favourite band right now: Parcels", tagged a common noun
    if (
        tok.pos_ in {"NOUN", "ADJ", "ADV", "X", "VERB"}
        and tok.text[:1].isupper()
        and tok.i == sent.start
    ):
        # "Matteo and I ...", "Boots and I have parted ways", "Biscuit lives with my mum
        # now", tagged a common noun ("Tove and I got married", a verb)
        return (
            tok.text in lx.first_names()
            or and_i(tok)
            or kept_elsewhere(tok)
            or _dying_subject(tok)
            or _subject_beside_a_pet(tok)
            or _said_to_be_mine(tok)
            or replaces_a_name(tok)
            or (tok.is_upper and acts_on_me(tok))  # "IKEA let me go", tagged a noun
            or _coined_subject(tok)
        )
    if tok.pos_ == "NOUN" and _capital_inside(tok, sent):
        return True  # "now it's all Oasis": a capital inside a sentence, tagged a noun
    if (
        tok.pos_ in {"ADJ", "VERB", "ADV", "X"}
        and _capital_inside(tok, sent)
        and not en.in_dictionary(tok.lower_)
        and music_made_by(tok)
    ):
        return True  # "My go-to band these days is Slowdive", tagged an adjective
    if (
        tok.pos_ in {"ADV", "ADJ", "VERB", "X", "INTJ"}
        and _capital_inside(tok, sent)
        and tok.text in lx.first_names()
        and not en.in_dictionary(tok.lower_)
    ):
        return True  # "I married Sven last month", Sven tagged an adverb
    if (
        tok.pos_ == "ADJ"
        and tok.dep_ in {"amod", "compound"}
        and tok.head.i == tok.i + 1
        and tok.head.text[:1].isupper()
        and tok.ent_type_ not in {"NORP", "LANGUAGE"}
        and _capital_inside(tok, sent)
    ):
        return True  # "My employer, Pinecrest Media, ...": a name's first word, tagged an
        # adjective (not "my Italian teacher")
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.lower_ in FIRST:
        return False
    if tok.lower_ in en.KIN or tok.lower_ in _TITLES:
        return False  # "Dad retired from Siemens": a relative, named by kin
    if (
        tok.ent_type_ in {"DATE", "TIME"}
        and not _name_before_a_date(tok)
        and not _a_town(tok.text)  # "Moved out of Manchester, bit nomadic for now": a date
        and not _a_date_of_no_word(tok)
    ) or (tok.lower_ in _INTERJECTIONS):
        return False
    if tok.i == sent.start:  # "Unpacked the boxes", "Quit gaming": a capital, not a name
        return not _opening_word(tok.lower_)
    return True


def _a_date_of_no_word(tok: Token) -> bool:
    """A date the NER made of one coined name ("I got into Alvvays at the weekend"): no
    month, day, feast or word."""
    return (
        tok.ent_iob_ == "B"
        and (tok.i + 1 == len(tok.doc) or tok.doc[tok.i + 1].ent_iob_ != "I")
        and tok.is_alpha
        and tok.lower_.removesuffix("s") not in MONTHS.keys() | WEEKDAYS.keys() | HOLIDAYS.keys()
        and not en.in_dictionary(tok.lower_)
    )


def _opens_a_name(tok: Token, sent: Span) -> bool:
    """A capitalised word opening a sentence as the modifier of the capitalised name right
    after it, however tagged: a name's first word ("Wet Leg"; not "Sunny Barcelona",
    "Lovely Tom": a town's or a person's name after a word of praise)."""
    head = tok.head
    return (
        tok.i == sent.start
        and tok.dep_ in {"compound", "amod"}
        and tok.pos_ in {"ADJ", "VERB", "NOUN"}
        and tok.text[:1].isupper()
        and head.i == tok.i + 1
        and head.pos_ == "PROPN"
        and head.text[:1].isupper()
        and head.text not in lx.first_names()
        and not _a_town(head.text)
    )


def _coined_subject(tok: Token) -> bool:
    """A capitalised subject opening its sentence that is no word of the dictionary nor
    of a chat's fillers: a name, however tagged ("Coldplay is what I play most now",
    "Metallica are dead to me"; not "Music is my life", "Omg")."""
    low = tok.lower_
    return (
        tok.dep_ in {"nsubj", "nsubjpass"}
        and tok.head.pos_ in {"VERB", "AUX"}
        and tok.is_alpha
        and len(low) >= 3
        and not en.in_dictionary(low)
        and not en.in_dictionary(tok.lemma_.lower())  # "Beagles are chaos"
        and low not in _INTERJECTIONS
        and low not in _LEXICON_TYPES
        and not _opening_word(low)
    )


def _opening_word(low: str) -> bool:
    """A word (lower case) that opens a subjectless chat sentence as a verb or a filler
    rather than a name: "Unpacked", "Quit", "Slept", "Took"."""
    return (
        low in en.DROP_WORDS
        or low.endswith(("ed", "ing"))
        or low in lx.OPENING_VERBS
        or low in en.IRREGULAR_PAST
    )


#: what a name is said to be of the speaker's ("Radiohead is my band")
_MINE_AS = frozenset(lx.SLOT_NOUNS) | lx.PET_NOUNS | {"band", "team"} | en.FAVOURITE


def _said_to_be_mine(tok: Token) -> bool:
    """A capitalised subject said to be the speaker's band, car, home, pet ..., or to be
    a band or music played: "Radiohead is my band", "Parcels are the best band around",
    "Shame is on repeat", the name tagged a common noun."""
    return _my_favourite_beside(tok) or (
        tok.dep_ == "nsubj"
        and (
            music_made_by(tok)
            or (
                tok.head.lemma_ in {"be", "become"}
                and any(
                    c.dep_ == "attr" and c.lemma_.lower() in _MINE_AS and mine(c)
                    for c in tok.head.children
                )
            )
        )
    )


def _a_favourite_answered(tok: Token) -> bool:
    """The first word after a favourite asked or announced: "My favourite band these
    days? Parcels, no contest.", "Favourite band right now: Shame"."""
    doc = tok.doc
    if tok.i == 0 or doc[tok.i - 1].text not in {"?", ":"}:
        return False
    return any(t.lower_ in en.FAVOURITE for t in doc[max(0, tok.i - 8) : tok.i])


def replaces_a_name(tok: Token) -> bool:
    """``tok`` is the subject of a verb of replacing a named value: "Phoebe Bridgers has
    dethroned Radiohead", "Parcels have replaced Radiohead as my favourite" (a name,
    whatever it was tagged)."""
    if tok.dep_ != "nsubj":
        return False
    verb = tok.head
    if verb.lemma_.lower() == "take":  # "... but Idles have taken its place"
        return any(
            c.dep_ == "dobj"
            and c.lemma_.lower() == "place"
            and any(g.dep_ == "poss" and g.lower_ in {"its", "their"} for g in c.children)
            for c in verb.children
        )
    return verb.lemma_.lower() in lx.REPLACING_VERBS and any(
        c.dep_ == "dobj" and c.pos_ == "PROPN" for c in verb.children
    )


def _subject_beside_a_pet(tok: Token) -> bool:
    """A bare capitalised subject in a sentence about an animal ("Socks just arrived,
    first night with a tortoise in the house"): the animal's name, tagged a noun."""
    return (
        tok.dep_ == "nsubj"
        and tok.i == tok.sent.start
        and tok.head.lemma_ != "be"  # "Paris was lovely, the dog loved the beach"
        and not _a_person_and_i(tok)
        and tok.lemma_.lower() not in lx.PET_NOUNS
        and not any(c.dep_ in {"det", "poss", "amod", "compound", "prep"} for c in tok.children)
        and any(
            t.lemma_.lower() in lx.PET_NOUNS
            and t.i != tok.i
            and t.pos_ == "NOUN"
            and t.dep_ != "compound"  # not "the dog food"
            for t in tok.sent
        )
    )


def _named_the_pet(tok: Token) -> bool:
    """A capitalised word right before "the" and an animal that does something ("Pebble
    the dog learnt a trick", "Pebble" tagged an adjective): the animal's name, however
    tagged; not a command ("Walk the dog later", "Cancel the dog walker search")."""
    doc = tok.doc
    if not (tok.text[:1].isupper() and tok.is_alpha and tok.i + 3 < len(doc)):
        return False
    if doc[tok.i + 1].lower_ != "the" or tok.i + 3 >= tok.sent.end:
        return False  # (the sentence looked for only after "the")
    verb = doc[tok.i + 3]
    return (
        not _opening_word(tok.lower_)  # not "Took the cat to the vet"
        and doc[tok.i + 1].lower_ == "the"
        and doc[tok.i + 2].lemma_.lower() in lx.PET_NOUNS
        and (verb.tag_ in {"VBD", "VBZ", "MD"} or verb.pos_ == "AUX")
    )


def _does_what_pets_do(tok: Token) -> bool:
    """A bare name that barks or purrs ("Rocco keeps barking at the postman"), or that is
    taken to the vet ("Took Juniper to the vet"): an animal's name, however tagged."""
    if any(c.dep_ in {"det", "poss"} for c in tok.children):
        return False
    verb = tok.head
    if tok.dep_ == "nsubj":
        done = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]  # "keeps barking"
        return any(v.lemma_.lower() in _ANIMAL_VERBS for v in done)
    return (
        tok.dep_ == "dobj"
        and verb.lemma_.lower() in {"take", "bring"}
        and any(
            p.lower_ == "to" and any(o.lemma_.lower() in _FOR_ANIMALS for o in p.children)
            for p in verb.children
            if p.dep_ == "prep"
        )
    )


#: what only animals do
_ANIMAL_VERBS = frozenset({"bark", "meow", "miaow", "purr", "woof", "neigh", "whinny"})
#: where animals are taken
_FOR_ANIMALS = frozenset({"vet", "vets", "groomer", "groomers", "kennel", "kennels"})


def _dying_subject(tok: Token) -> bool:
    """A capitalised word with no article that died ("Captain passed away last week",
    "Nibbles died of old age", "Sheldon passed on"): a name the tagger took for a common
    noun."""
    verb = tok.head
    return (
        tok.dep_ == "nsubj"
        and tok.lower_ not in en.KIN
        and tok.lower_ not in _TITLES
        and not any(c.dep_ in {"det", "poss"} for c in tok.children)
        and died(verb)
    )


#: who a pet can go to live with: kin, "my ex", "a friend", "the neighbours"
_KEEPERS = frozenset(en.KIN) | {"ex", "friend", "neighbour", "neighbor", "flatmate"}
#: verbs of a pet living elsewhere -> the preposition naming the keeper
_KEPT_BY = {
    "live": {"with"},
    "stay": {"with"},
    "be": {"with"},
    "go": {"to"},
    "move": {"with", "to"},
    "retire": {"to"},
}
#: places that take in animals: "Gerald had to move to a reptile sanctuary"
_ANIMAL_HOMES = frozenset({"sanctuary", "shelter", "rescue", "aviary", "farm"})


def kept_elsewhere(tok: Token) -> bool:
    """``tok`` names a pet (a name or a pet noun) that lives with someone else now:
    "Biscuit lives with my mum now", "Mochi's with my ex", "The parrot went to my aunt",
    "Captain moved in with my brother", "I gave Ziggy to a friend" (not "Rex is with me",
    nor "Tom lives with my sister", a given name: maybe a person)."""
    if tok.dep_ == "nsubj":
        verb, lemma = tok.head, tok.head.lemma_.lower()
    elif tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"give", "hand"}:
        verb, lemma = tok.head, "go"  # "I gave Ziggy to a friend who keeps ferrets"
    elif tok.dep_ == "ROOT" and any(c.dep_ == "case" for c in tok.children):
        verb, lemma = tok, "be"  # "Mochi's with my ex now", the "'s" read as a case
    elif tok.dep_ == "poss" and tok.head.lower_ == "living":
        verb, lemma = tok.head, "live"  # "Mango's living with my mum", read as a noun
    else:
        return False
    live = [c for c in verb.children if c.dep_ in {"xcomp", "advcl"} and c.lemma_ == "live"]
    if lemma == "go" and live:
        verb, lemma = live[0], "live"  # "Pickles went to live with my brother"
    moved = [c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in _KEPT_BY]
    if lemma == "have" and moved:
        verb, lemma = moved[0], moved[0].lemma_.lower()  # "Gerald had to move to a sanctuary"
    if lemma not in _KEPT_BY:
        return False
    if not (tok.text[:1].isupper() or tok.lemma_.lower() in lx.PET_NOUNS):
        return False
    preps = [c for c in verb.children if c.dep_ in {"prep", "dative"}]
    # "moved in with", "went back to my dad's"
    preps += [g for c in verb.children if c.lower_ in {"in", "back"} for g in c.children]
    keepers = [
        g for p in preps if p.lower_ in _KEPT_BY[lemma] for g in p.children if g.dep_ == "pobj"
    ]
    if any(g.lemma_.lower() in _ANIMAL_HOMES for g in keepers):
        return True  # "Gerald had to move to a reptile sanctuary": no person does
    if tok.text in lx.first_names() and not any(
        t.lemma_.lower() in lx.PET_NOUNS or _owned(t) for t in tok.sent
    ):  # "Tom lives with my sister": a person, maybe a pet, maybe not (but "Ziggy's with
        return False  # my brother now, he's happier as an only cat", "Thelma went back to my
        # uncle, who owned her first": no one owns a person)
    return any(_a_keeper(g) for g in keepers)


def _owned(verb: Token) -> bool:
    """ "owned him", "owns her": said of an animal (or a thing), not of a person."""
    return verb.lemma_.lower() == "own" and any(
        c.dep_ == "dobj" and c.lower_ in {"him", "her", "it"} for c in verb.children
    )


def _a_keeper(place: Token) -> bool:
    """Someone a pet may live with, or their place: "my mum", "my ex", "my gran's house",
    "my parents' farm"."""
    return place.lemma_.lower() in _KEEPERS or any(
        c.dep_ == "poss" and c.lemma_.lower() in _KEEPERS for c in place.children
    )


def _not_any_more(tok: Token, sent: Span) -> bool:
    """A capitalised word between an opening "Not" and "anymore": "Not Lukas anymore"."""
    after = tok.doc[tok.i + 1] if tok.i + 1 < sent.end else None
    return (
        tok.i == sent.start + 1
        and tok.doc[sent.start].lower_ == "not"
        and tok.text[:1].isupper()
        and tok.is_alpha
        and after is not None
        and after.lower_ in {"anymore", "any"}
    )


def and_i(tok: Token) -> bool:
    """ "<Word> and I" / "<Word> and me": the word names a party, a person or a firm."""
    after = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3]]
    return after in (["and", "i"], ["and", "me"])


def _coined_and_i(toks: list[Token]) -> bool:
    """One word no dictionary has, the speaker's fellow subject: "<Wiebke> and I are very
    happy", "Me and <Wiebke> are going steady" (not "signed a lease in Hoboken and I've
    been here since")."""
    return (
        len(toks) == 1
        and (and_i(toks[0]) or _me_and(toks[0]))
        and toks[0].dep_ not in {"pobj", "dobj"}
        and not en.in_dictionary(toks[0].lower_)
        and toks[0].text not in lx.place_names()
    )


def _me_and(tok: Token) -> bool:
    """ "me and <Word>", "I and <Word>"."""
    before = [t.lower_ for t in tok.doc[max(tok.i - 2, 0) : tok.i]]
    return before in (["me", "and"], ["i", "and"])


def _a_person_and_i(tok: Token) -> bool:
    """ "Ben and I ...": a person's first name beside the speaker, who does what they
    do together ("Omar and I adopted a kitten"), not the animal (but "Biscuit and I")."""
    return and_i(tok) and tok.text in lx.first_names()


def _name_before_a_date(tok: Token) -> bool:
    """A name the tagger ran into the date after it: "I start at Lidl next week", "in
    Cardiff six months now"."""
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return (
        tok.ent_iob_ == "B"
        and tok.lower_ not in MONTHS
        and tok.lower_ not in WEEKDAYS
        and after is not None
        and after.ent_iob_ == "I"
        and (after.lower_ in {"next", "last", "this"} or (tok.pos_ == "PROPN" and after.like_num))
    )  # "We've been in Cardiff six months now"


def _capital_inside(tok: Token, sent: Span) -> bool:
    """A capitalised, not all-capital word inside a sentence, after a word that is not
    itself capitalised or a quote's opening, and not a kinship word ("my Mum")."""
    text = tok.text
    if not text[:1].isupper() or text.isupper() or tok.i <= sent.start:
        return False
    before = tok.doc[tok.i - 1]
    if before.is_punct and before.lower_ not in {",", ";", "-", "–", "—"}:
        return False  # after a quote, a colon, a bracket: a new sentence's capital (not
        # after a semicolon or a dash: "Not into Muse anymore; Idles are more my speed")
    return tok.lower_ not in en.KIN and tok.lower_ not in _TITLES


#: words written with a capital as a form of address or a title, not a name
_TITLES = frozenset({"mum", "mom", "dad", "grandma", "grandpa", "nan", "sir", "madam", "god"})


#: what a name is besides an artist where the sentence speaks of its music
_NOT_A_MAKER = 0.3
#: what a plain car make is otherwise (a band, a person, a team): hardly ever
_NOT_A_CAR = 0.1
#: car makes that are hardly anything else (not "Genesis", "Mini", "Seat", "Smart")
_PLAIN_MAKES = lx.CAR_MAKES - lx.words("genesis smart seat mini lotus jaguar lucid mg nio")


def _car_name(text: str) -> bool:
    """ "Kia", "Hyundai Kona": a make, and models of it, only."""
    words = text.lower().split()
    return bool(words) and words[0] in _PLAIN_MAKES and all(w in lx.CAR_MODELS for w in words[1:])


def _a_model_of_ours(text: str, start: int, sent: Span) -> bool:
    """A car model's name alone after "the", "my" or "our": "the Countryman", "my Civic"."""
    before = sent.doc[start - 1].lower_ if start > sent.start else ""
    words = text.lower().split()
    return before in {"the", "my", "our"} and bool(words) and all(w in lx.CAR_MODELS for w in words)


def _vehicle(start: int, end: int, text: str, add: Any) -> None:
    words = text.lower().split()
    if any(w in lx.CAR_MAKES or w in lx.CAR_MODELS for w in words):
        add(start, end, text, "vehicle", 1.0)


@functools.cache
def _lexicon_index() -> tuple[dict[str, tuple[int, ...]], frozenset[str]]:
    """Each phrase of ``_LEXICONS`` with the positions of the lexicons that hold it, and
    the car makes and models: built once, so that a phrase costs one lookup."""
    where: dict[str, list[int]] = {}
    for k, (words, _) in enumerate(_LEXICONS):
        for word in words:
            where.setdefault(word, []).append(k)
    return {w: tuple(ks) for w, ks in where.items()}, lx.CAR_MAKES | lx.CAR_MODELS


#: prefixes a lexicon word keeps its sense after ("ex-vegan", "semi-vegetarian")
_PREFIXES = frozenset({"ex", "semi", "non", "part", "full", "half", "pre", "post"})


def _lexicon(sent: Span, add: Any) -> None:
    """Lexicon phrases, longest first: "dairy-free" is a diet, not the allergen "dairy".
    Token strings are read once per sentence (a long turn has thousands of them)."""
    toks = list(tokens(sent))
    lows = [t.lower_ for t in toks]
    lemmas = [t.lemma_.lower() for t in toks]
    spaces = [t.whitespace_ for t in toks]
    doc = sent.doc
    covered: set[int] = set()
    # where a phrase may start: by its word, or, for one word, by its lemma
    by_word = [i for i, low in enumerate(lows) if low in _STARTS]
    by_lemma = [i for i, low in enumerate(lows) if low in _STARTS or lemmas[i] in _STARTS]
    for n in range(_LONGEST, 0, -1):
        for i in by_lemma if n == 1 else by_word:
            if i > len(toks) - n:
                break
            if any(j in covered for j in range(i, i + n)):
                continue
            last = i + n - 1
            words = " ".join(lows[i : i + n])
            written = (
                "".join(w + sp for w, sp in zip(lows[i:last], spaces[i:last], strict=True))
                + lows[last]
            )
            forms = {words, written, " ".join([*lows[i:last], lemmas[last]])}
            found = {t for form in forms for t in _LEXICON_TYPES.get(form, ())}
            if n == 1 and _in_a_name(toks, i):
                found = set()  # "Green Day", "Maroon 5", "Deep Purple": a band, no colour
            types = [t for t in _TYPE_ORDER if t in found]
            if n == 1 and toks[i].pos_ == "VERB" and "sport" in types and _no_sport(toks[i]):
                types = []  # "We're running out of milk", "I'm running late"
            if (
                n == 1
                and i > 1
                and lows[i - 1] == "-"
                and not spaces[i - 2]
                and lows[i - 2] not in _PREFIXES
            ):
                types = []  # "couch-surfing", "in-laws": no sport, no field
            if "language" in types and _of_a_thing(toks[last]):
                types.remove("language")  # "that new Italian place": no language
            if "activity" in types and last + 1 < len(toks) and lows[last + 1] == "dust":
                types.remove("activity")  # "my racket's collecting dust": no hobby
            a, b = toks[i].i, toks[last].i + 1
            for object_type in types:
                add(a, b, doc[a:b].text, object_type, 1.0)
            if "food" in types and i > 0 and _dish_modifier(toks[i - 1], toks[last]):
                add(a - 1, b, doc[a - 1 : b].text, "food", 1.0)  # "katsu curry"
            if "sport" in types and b < sent.end and doc[b].lower_ in lx.SPORTS:
                add(a, b + 1, doc[a : b + 1].text, "sport", 1.0)  # "five-a-side football"
                covered.add(last + 1)
            if n <= 2 and {words, written} & _CARS:  # (not "seats", a plural of Seat)
                end = b
                # "a Toyota Corolla", "my old VW Golf": take the make with its model
                while end < sent.end and (
                    doc[end].lower_ in lx.CAR_MODELS
                    or (doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper())
                    or doc[end].text[:1].isdigit()
                ):
                    end += 1
                add(a, end, doc[a:end].text, "vehicle", 1.0)
            if types:
                covered.update(range(i, i + n))


#: a way somewhere else a sport's verb may go ("ran into Tom", "dived into work")
_ELSEWHERE = frozenset({"into", "out", "over", "through", "by", "across", "after", "for", "off"})
#: objects of the sport itself: a time ("We ski every winter") or a distance; not a race
#: ("I ran my first marathon": one race run, no sport stated)
_SPORT_OBJECTS = lx.words(
    "day morning evening night weekend week month year winter summer spring autumn "
    "time lap length mile km kilometre"
)


def _sport_verbs(sent: Span, add: Any) -> None:
    """A sport said by its verb: "I swim instead", "We cycle most weekends"."""
    for tok in tokens(sent):
        sport = lx.SPORT_VERBS.get(tok.lemma_.lower())
        if sport is None or tok.pos_ != "VERB" or tok.tag_ == "VBG":
            continue  # "swimming" is the lexicon's
        if played(tok):
            add(tok.i, tok.i + 1, sport, "sport", 1.0)


def played(verb: Token) -> bool:
    """A sport's verb that says the sport is done ("I swim", "I've been surfing every
    weekend"), not something else run or climbed: an object ("run a shop", "errands to
    run"), a way elsewhere ("ran into Tom"), a thing doing it ("The meeting ran over"),
    nor a verb of no sport at all (``_no_sport``)."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.pos_ == "NOUN" and subj.lemma_.lower() not in en.SOMEONE:
        return False
    if (
        subj is None
        and verb.dep_ in {"relcl", "acl"}
        and verb.head.pos_ == "NOUN"
        and verb.head.lemma_.lower() not in _SPORT_OBJECTS
    ):
        return False  # "errands to run", "a business to run": the noun is what is run
    return not _no_sport(verb) and not any(
        (c.dep_ == "dobj" and c.lemma_.lower() not in _SPORT_OBJECTS)
        or (c.dep_ == "prep" and c.lower_ in _ELSEWHERE)
        for c in verb.children
    )


def _no_sport(verb: Token) -> bool:
    """A sport's verb in a sense of no sport: with a particle ("running out of milk"),
    late ("running late") or away ("The cat ran away"); not a chat's "Off to judo"."""
    return any(
        c.dep_ == "prt"
        or (
            c.dep_ in {"advmod", "prep"}
            and c.lower_ in {"late", "out", "away", "off"}
            and c.i > verb.i
        )
        or (c.lower_ == "on" and any(g.lower_ in _RUN_ON for g in c.children))
        for c in verb.children
    )


#: what someone runs on who is not running ("running on fumes", "on autopilot")
_RUN_ON = frozenset({"fumes", "empty", "autopilot", "caffeine", "coffee", "adrenaline"})


#: nouns a language's adjective goes with when the language is meant ("Italian class")
_LEARNING = frozenset({"class", "lesson", "course", "teacher", "tutor", "exam", "test"})


def _of_a_thing(tok: Token) -> bool:
    """A nationality word describing a noun ("Italian place", "Thai food"), not a
    language ("I speak Italian", "my Italian class")."""
    return (
        tok.dep_ in {"amod", "compound"}
        and tok.head.pos_ == "NOUN"
        and tok.head.lemma_.lower() not in _LEARNING
    )


def _in_a_name(toks: list[Token], i: int) -> bool:
    """A capitalised word that is part of a longer name: a capitalised name or a number
    right after it, or a capitalised name before it inside the sentence."""
    if not toks[i].text[:1].isupper():
        return False
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    named = nxt is not None and (nxt.text[:1].isupper() or nxt.text[:1].isdigit())
    if named and nxt is not None and nxt.pos_ in {"PROPN", "NUM"}:
        return True
    before = toks[i - 1] if i > 0 else None
    return before is not None and before.pos_ == "PROPN" and before.text[:1].isupper()


def _dish_modifier(tok: Token, food: Token) -> bool:
    """A noun naming a kind of a dish, before it: "katsu curry", "beef pho"; not before a
    name ("Meet Waffles, our budgie")."""
    return (
        food.text[:1].islower()
        and tok.dep_ == "compound"
        and tok.head.i == food.i
        and tok.pos_ in {"NOUN", "PROPN"}
        and tok.is_alpha
        and tok.ent_type_ not in _COUNTED
    )


#: entity types of a time or a number, never a kind of dish ("Friday pizza")
_COUNTED = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


def _compact(head: Token) -> tuple[int, int, str]:
    """A noun with its compound and adjectival modifiers ("senior software engineer")."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in {"compound", "amod", "nmod"} and child.lower_ not in DETERMINERS:
            left = min(left, child.left_edge.i)
    right = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                right = max(right, pobj.i + 1)
    toks = [t for t in head.doc[left:right] if t.lower_ not in DETERMINERS and t.dep_ != "poss"]
    while toks and toks[0].lower_ in en.DROP_WORDS | {"new", "old", "first", "current"}:
        toks = toks[1:]
    return left, right, " ".join(t.text for t in toks)


def _titles(sent: Span, add: Any) -> None:
    """Job titles by their head word and up to three modifier words before it ("QA
    engineer", "HR business partner", "team lead"), whatever the parse made of them."""
    doc = sent.doc
    for tok in tokens(sent):
        low, lemma = tok.lower_, tok.lemma_.lower()
        prev = doc[tok.i - 1].lower_ if tok.i > sent.start else ""
        pair = f"{prev} {low}"
        if not (
            low in lx.JOB_HEADS or lemma in lx.JOB_HEADS or pair in lx.JOB_HEADS or _served_as(tok)
        ):
            continue
        after = doc[tok.i + 1] if tok.i + 1 < sent.end else None
        if (
            after is not None
            and after.pos_ == "NOUN"
            and after.lower_ not in _ROLE_NOUNS | JOB_LIFE
            and after.ent_type_ not in {"DATE", "TIME"}  # "... to scientist yesterday"
        ):
            continue  # "the engineering team": a noun before another noun
        if _possessed(tok, sent):
            continue  # "my manager", "her teacher": another person, not a job held
        if car_of(tok) is not None:
            continue  # "a Skoda driver": a car driven, no job
        if prev in {"called", "named"} and tok.text[:1].isupper():
            continue  # "a guy called Dev": a name
        left = tok.i
        while (
            left > sent.start
            and tok.i - left < 3
            and (_modifier(doc[left - 1]) or _title_word_read_as_a_verb(doc[left - 1], tok))
        ):
            left -= 1
        while left < tok.i and left > sent.start and doc[left - 1].tag_ == "HYPH":
            left += 1  # "a full-time painter": not "time painter"
        right = tok.i + 1
        if (
            right + 1 < sent.end
            and doc[right].lower_ == "of"
            and doc[right + 1].pos_
            in {
                "NOUN",
                "PROPN",
            }
        ):
            right += 2  # "head of marketing"
        words = [t.text for t in doc[left:right]]
        ambiguous = {"partner", "owner", "head", "host", "agent", "server", "lead", "associate"}
        if len(words) == 1 and lemma in ambiguous and pair not in lx.JOB_HEADS:
            continue  # "my partner", "the host": not a job title alone
        if left == sent.start and words[0][:1].isupper() and not words[0].isupper():
            words[0] = words[0].lower()  # a capital only because it starts the sentence
        add(left, right, " ".join(words), "title", 1.0)


_ROLE_NOUNS = frozenset({"role", "position", "job", "title", "post", "gig"})
#: nouns a job heads in chat's "barista life", "dental nurse problems": the speaker's job
JOB_LIFE = frozenset({"life", "problems", "problem", "struggles", "perks"})


def _served_as(tok: Token) -> bool:
    """``tok`` heads what someone works as, whether or not it is a job we know."""
    prep = tok.head
    return (
        tok.pos_ == "NOUN"
        and tok.dep_ == "pobj"
        and prep.lower_ == "as"
        and prep.head.lemma_.lower() in en.SERVING_AS
    )


_NOMINAL = frozenset({"nsubj", "compound", "amod", "dobj", "pobj", "nmod"})


def _modifier(tok: Token) -> bool:
    """A word that can stand in a title before its head word: not a verb said of the
    speaker ("I became head chef", "my badge says senior nurse"), though a participle
    ("managing director") or a title's word read as a verb ("changed to lead developer",
    "promoted to team lead")."""
    return (
        (
            tok.pos_ in {"NOUN", "PROPN", "ADJ"}
            or tok.tag_ in {"VBG", "VBN"}
            or tok.dep_ in _NOMINAL
            or tok.lower_ in lx.JOB_MODIFIERS
        )
        and tok.lower_ not in DETERMINERS
        and tok.lower_ not in en.DROP_WORDS
        and tok.lower_ not in {"new", "old", "first", "current", "former", "ex", "next", "last"}
        and tok.lower_ not in FIRST | FIRST_POSS | SECOND | SECOND_POSS
        and tok.text[:1].isalpha()
    )


def _title_word_read_as_a_verb(word: Token, head: Token) -> bool:
    """A title's first word the tagger read as a verb after "to" with the title's head its
    object: "promoted to backend developer" ("backend" a verb)."""
    doc = word.doc
    return (
        word.tag_ == "VB"
        and word.i == head.i - 1
        and head.head == word
        and head.dep_ == "dobj"
        and word.i > word.sent.start
        and doc[word.i - 1].lower_ == "to"
    )


def _possessed(tok: Token, sent: Span) -> bool:
    """``tok`` has an owner ("my manager", "Tom's boss"), not a day ("Today's developer
    problem")."""
    if any(c.dep_ == "poss" and not a_day(c) for c in tok.children):
        return True
    before = sent.doc[max(sent.start, tok.i - 3) : tok.i]
    return any(
        (t.dep_ == "poss" and not a_day(t)) or t.lower_ in FIRST_POSS | SECOND_POSS for t in before
    )


def _common_orgs(sent: Span, add: Any) -> None:
    for tok in tokens(sent):
        if tok.pos_ != "NOUN" or tok.dep_ == "compound":
            continue
        lemma = tok.lemma_.lower()
        if lemma in lx.ORG_NOUNS:
            start, end, text = _compact(tok)
            if text:
                add(start, end, text, "organization", 0.7)
        if lemma in lx.SCHOOL_WORDS:
            start, end, text = _compact(tok)
            if text:
                add(start, end, text, "school", 0.7)
        if lemma in lx.VEHICLE_NOUNS:
            start, end, text = _compact(tok)
            if text:
                add(start, end, text, "vehicle", 0.3)


def _music_names(sent: Span, add: Any) -> None:
    """A capitalised name before a song, album or concert is whoever made it, known or
    not ("Which Beyoncé album should I play?", "two Big Thief records"): the tagger may
    read it as an adjective."""
    for tok in tokens(sent):
        if tok.dep_ not in {"compound", "amod", "nmod"} or tok.head.lower_ not in _MADE_MUSIC:
            continue
        if not tok.text[:1].isupper() or tok.ent_type_ in _NOT_MAKERS or tok.i == sent.start:
            continue
        start = tok.i
        while start - 1 > sent.start and _same_name(sent.doc[start - 1], tok):
            start -= 1  # "Fleetwood Mac album"
        add(start, tok.i + 1, sent.doc[start : tok.i + 1].text, "artist", 1.0)
    for tok in tokens(sent):  # "Coldplay on repeat all week", the name tagged a verb
        if tok.lower_ != "on" or not any(c.lower_ in lx.ON_REPEAT for c in tok.children):
            continue
        end = start = tok.i
        while start > sent.start and sent.doc[start - 1].text[:1].isupper():
            start -= 1
        if start == sent.start and sent.doc[start].lower_ in lx.OPENING_VERBS:
            start += 1  # "Had Muse on repeat"
        name = sent.doc[start:end]
        if name and all(t.is_alpha and t.lower_ not in FIRST for t in name):
            add(start, end, name.text, "artist", 1.0)


#: the music nouns whose capitalised modifier names who made the music (not "Spotify
#: playlist")
_MADE_MUSIC = lx.words("song songs album albums concert concerts gig gigs record records tour")
#: entity types no band has: "Christmas songs", "Irish songs", "the Glastonbury gig"
_NOT_MAKERS = frozenset({"DATE", "GPE", "NORP", "EVENT", "LANGUAGE", "FAC", "TIME"})


def _same_name(before: Token, tok: Token) -> bool:
    return before.head == tok.head and before.text[:1].isupper() and before.dep_ == tok.dep_


def _a_relative_by_kin(span: Span) -> bool:
    """A relative called by kin, with no article or possessive: "Nan says I should get a
    cat", "Mum keeps nagging me". Who speaks, not a value of anything."""
    tok = span.root
    return (
        len(span) == 1
        and tok.text[:1].isupper()
        and tok.lower_ in en.KIN
        and tok.lower_ not in en.PETS
        and not any(c.dep_ in {"det", "poss"} for c in tok.children)
    )


def _kin_noun(tok: Token) -> bool:
    """A word for a relative or friend, not a pet: "uncle" in "my uncle Pavel"."""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and lemma in en.KIN and lemma not in en.PETS


def _pets(sent: Span, add: Any) -> None:
    for tok in tokens(sent):
        lemma = tok.lemma_.lower()
        before_name = tok.dep_ == "amod" and tok.head.pos_ == "PROPN"  # "my ferret Ziggy"
        if (tok.pos_ not in {"NOUN", "PROPN"} and not before_name) or lemma not in lx.PET_NOUNS:
            continue
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
            continue  # "the dog conversation", "cat hair": no animal
        name = _pet_name(tok) or _name_near(tok, sent) or _only_name(sent)
        if name is not None and _a_person_and_i(name):
            name = None  # "Ben and I got a puppy": who got it, not its name
        if name is not None:
            add(name.i, name.i + 1, name.text, "pet", 1.0)
        elif tok.dep_ != "compound" and _held(tok):
            before = sent.doc[tok.i - 1] if tok.i > sent.start else tok
            if f"{before.lower_} {lemma}" in lx.PET_NOUNS:  # "a guinea pig", "a bearded dragon"
                add(tok.i - 1, tok.i + 1, f"{before.lower_} {lemma}", "pet", 0.8)
            else:
                add(tok.i, tok.i + 1, lemma, "pet", 0.8)  # "a little rabbit": the species


def _held(tok: Token) -> bool:
    """ "a dog", "our two cats", "the new puppy": one animal or some, not a kind ("I like
    cats")."""
    return tok.tag_ != "NNS" or any(c.dep_ in {"poss", "nummod"} for c in tok.children)


def _name_near(tok: Token, sent: Span) -> Token | None:
    """A capitalised name within three words of a pet noun ("Nugget the gecko", "my
    ferret Noodle", "Noodle, my ferret"), not a place or someone reached through a
    preposition ("My sister in Rome has a dog", "a puppy for Bella")."""
    first = tok.left_edge
    if first.lower_ == "the" and first.i > sent.start:
        name = sent.doc[first.i - 1]  # "Olive the guinea pig", whatever "Olive" was tagged
        tagged = name.pos_ in {"PROPN", "NOUN"} or (
            name.i == sent.start and (tok.head != name or name.text in lx.first_names())
        )  # not "Took the dog to the vet"
        if tagged and name.text[:1].isupper() and name.is_alpha and name.lower_ not in DETERMINERS:
            return name
    for dist in (1, 2, 3):
        for j in (tok.i + dist, tok.i - dist):
            if sent.start <= j < sent.end:
                other = sent.doc[j]
                if other.dep_ == "pobj" and tok.head != other:
                    continue  # (but "at the vet with my ferret Ziggy": its name)
                if not _tagged_name(other):
                    continue
                if j != sent.start or other.dep_ in {"nsubj", "appos", "npadvmod", "ROOT"}:
                    return other  # ("Rex my dog barks all day", "Rex" parsed as a verb)
    return None


def _tagged_name(tok: Token) -> bool:
    """A capitalised proper noun, or a word the tagger misread that is a person's name."""
    return tok.text[:1].isupper() and (
        tok.pos_ == "PROPN" or (tok.ent_type_ == "PERSON" and tok.is_alpha)
    )


def _only_name(sent: Span) -> Token | None:
    """The one name in a sentence about a pet ("Picked up Chutney from the shelter, the
    cutest gecko you've ever seen")."""
    names = [
        t
        for t in sent
        if _name_like(t, sent)
        and t.ent_type_ not in {"GPE", "LOC", "ORG", "DATE", "EVENT"}  # not "over Easter"
        and not (t.dep_ == "pobj" and t.head.lower_ == "with")  # "to the vet with Sarah"
    ]
    return names[0] if len(names) == 1 else None


def _pet_name(tok: Token) -> Token | None:
    """ "my dog Rex", "a kitten named Miso", "Rex, our dog", "her name is Pepper"."""
    for child in tok.children:
        if child.dep_ in {"appos", "compound"} and child.text[:1].isupper() and child.i > tok.i:
            return child
        if (
            child.dep_ in {"amod", "compound", "nmod"}
            and child.i == tok.i - 2
            and tok.doc[tok.i - 1].lower_ == "the"
            and _capital_inside(child, tok.sent)
        ):
            return child  # "It's Bramble the cat now", the name read as the cat's modifier
        if child.dep_ == "acl" and child.lower_ in {"named", "called"}:
            for grand in child.children:
                if grand.dep_ in {"oprd", "dobj", "attr", "npadvmod"} and grand.text[:1].isupper():
                    return grand
    head = tok.head
    if tok.dep_ == "appos" and head.text[:1].isupper() and head.pos_ == "PROPN":
        return head
    if tok.dep_ == "appos" and _capital_inside(head, tok.sent) and head.pos_ in {"ADJ", "NOUN"}:
        return head  # "I adopted Bramble, a little cat", the name tagged an adjective
    for other in tok.sent:
        if other.lemma_ == "name" and other.head.lemma_ == "be":  # "her name is Pepper"
            attr = next((c for c in other.head.children if c.dep_ in {"attr", "acomp"}), None)
            if attr is not None and attr.text[:1].isupper():
                return attr
        if other.lemma_ in {"call", "name"} and other.pos_ == "VERB":  # "we called him Rex"
            for child in other.children:
                if child.dep_ in {"oprd", "attr", "ccomp", "xcomp", "dobj"} and (
                    child.pos_ == "PROPN" and child.text[:1].isupper()
                ):
                    return child
    return None


#: a diet named outright ("keto", "gluten-free"), whose name a food kept out defers to
_NAMED_DIET = re.compile(
    r"\b(?:" + "|".join(re.escape(d) for d in sorted(lx.DIETS, key=len, reverse=True)) + r")\b"
)


def _diets(sent: Span, add: Any) -> None:
    """Diets named, or stated by the food they keep out ("No meat for me", "Cut out
    carbs completely") where the sentence names none ("Haven't touched carbs in months,
    being keto suits me" is keto, not low-carb)."""
    text = sent.text.lower()
    offset = sent.start_char
    implied = _NAMED_DIET.search(text) is None

    def token_span(a: int, b: int) -> tuple[int, int]:
        span = sent.doc.char_span(offset + a, offset + b, alignment_mode="expand")
        return (span.start, span.end) if span is not None else (sent.start, sent.start + 1)

    for m in _DIET_PHRASES.finditer(text) if implied else ():
        start, end = token_span(m.start(), m.end())
        add(start, end, lx.DIET_PHRASES[m.group(1)], "diet", 1.0, "new")
    for m in _GIVE_UP.finditer(text) if implied else ():
        start, end = token_span(m.start(), m.end())
        food = next(g for g in m.groups() if g)
        add(start, end, lx.DIET_GIVE_UP[food], "diet", 1.0, "new")
    for tok in tokens(sent):
        if tok.lower_ in lx.DIET_WORDS:  # its role as the sentence gives it
            add(tok.i, tok.i + 1, lx.DIET_WORDS[tok.lower_], "diet", 1.0)
        if tok.lemma_.lower() == "diet":
            named = _diet_name(tok)  # "I'm on a low-sugar diet", "doing the DASH diet"
            if named is not None:
                add(named[0], tok.i, sent.doc[named[0] : tok.i].text, "diet", 1.0)


#: words before "diet" that say how good or new it is, not which diet it is
_DIET_EPITHETS = lx.words(
    "healthy healthier balanced good bad strict new normal proper crazy weird special "
    "whole my your his her our their this that same usual changed switched"
)


def _diet_name(diet: Token) -> tuple[int, int] | None:
    """The words right before "diet" that name it, as a token span."""
    start = diet.i
    while start > diet.sent.start:
        prev = diet.doc[start - 1]
        if not prev.i < prev.head.i <= diet.i or prev.dep_ not in _DIET_PARTS:
            break
        start -= 1
    words = [t for t in diet.doc[start : diet.i] if t.is_alpha]
    if not words or any(t.lower_ in _DIET_EPITHETS for t in words):
        return None
    return start, diet.i


_DIET_PARTS = frozenset({"amod", "compound", "punct", "npadvmod", "nmod"})


def back_on(sent: Span) -> tuple[str, Token] | None:
    """The diet a sentence says someone stopped keeping ("eating meat again" ends
    "vegetarian", "I eat everything again" any diet, "I'm a meat eater again", "Had a
    steak for the first time in years"): the food they are back on and the word the
    saying of it starts at, or None."""
    m = _BACK_ON.search(sent.text.lower())
    if m is None:
        return None
    at = sent.start_char + m.start()
    start = next(t for t in tokens(sent) if t.idx + len(t) > at)
    return next(food for food in m.groups() if food), start


def years_at(tok: Token) -> bool:
    """ "Ten years at Lufthansa this spring": a counted stint at a firm."""
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "at" or prep.head.lemma_.lower() not in lx.STINT_NOUNS:
        return False
    return any(c.dep_ == "nummod" for c in prep.head.children)


def moved_from_a_stint(tok: Token) -> bool:
    """``tok``, no known place, is where the speaker moved after a stint the sentence
    counts at a firm: "After five years at Bosch I've moved to Ocado" (not "... moved to
    Munich"): a firm."""
    if tok.text in lx.place_names() or tok.ent_type_ in {"GPE", "LOC", "FAC"}:
        return False
    return any(
        t.dep_ == "pobj" and t.i != tok.i and t.pos_ == "PROPN" and years_at(t) for t in tok.sent
    )
