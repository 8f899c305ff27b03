"""Chat as the parser can read it: what a message says, in the shape of written English.

People write to each other and to assistants in a register the parser was not trained
on: "ngl working at channel 4 is so chill", "rip nibbles 🐹 got a bunny now", "i've
taken up swimming, which goggles don't fog?". Three steps, each keeping every character
offset of the message (clues and sentence vectors are matched by offset):

- :func:`plain` blanks what is no word of the sentence (emoji, "lol", "ngl", "tbh"),
  writes the pronoun "i" as "I" and "bc" as "as", character for character;
- :func:`split_questions`, a pipe that runs before the parser, starts a new sentence
  where a statement ends in a question tacked on after a comma ("I've taken up
  swimming, which goggles don't fog?"), so that the question does not make the
  statement a question too;
- :func:`truecased` gives a message written all in lower case the capitals the parser
  and the entity recogniser need, for a second parse ("alfie and i broke up").
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from graphmem.extraction import english as en
from graphmem.extraction import lexicon as lx
from graphmem.extraction.lexicon import words

#: chat's interjections and asides: no part of what the sentence says
ASIDES = words(
    "lol lmao lmfao rofl ngl tbh tbf omg omfg btw fyi imo imho idk smh ikr jk fwiw istg tho "
    "haha hahaha hehe xd"
)
_ASIDE = re.compile(
    r"(?i)(?<![\w'’])(" + "|".join(sorted(ASIDES, key=len, reverse=True)) + r")(?![\w'’])"
)
_I = re.compile(r"(?<![\w'’.])i(?=$|[\s,!?;:'’]|\.(?!e\.))")  # not "i.e."
#: chat's "bc" for "because", written "as" (the same length: offsets are kept); not "BC"
_BECAUSE = re.compile(r"(?<![\w'’/])bc(?![\w'’/])")
#: an abbreviation whose last period a sentence's own follows ("I moved to D.C..", a
#: value ending in a period written before a full stop): the tokenizer would cut it
_ABBREVIATION_STOP = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){2,})\.(?=\s|$)")


def _emoji(ch: str) -> bool:
    """A pictograph, a symbol of its kind, or a part that joins or modifies one."""
    code = ord(ch)
    return (
        (unicodedata.category(ch) == "So" and code >= 0x2000)  # not "°" nor "©"
        or 0x1F000 <= code <= 0x1FAFF
        or code in {0x200D, 0xFE0F}
        or 0x1F3FB <= code <= 0x1F3FF
    )


def plain(text: str) -> str:
    """``text`` with the same length, asides and emoji blanked, "i" written "I", "bc"
    written "as", a full stop right after an abbreviation's last period blanked.

    A blank between two words becomes a comma ("rip nibbles 🐹 got a bunny" ->
    "rip nibbles , got a bunny") so that the parser sees where one thought ends; at the
    edge of a sentence it is only space.
    """
    text = _ABBREVIATION_STOP.sub(r"\1 ", text)  # "D.C.." -> "D.C. "
    if text.isascii() and not (_ASIDE.search(text) or _I.search(text) or _BECAUSE.search(text)):
        return text
    chars = list(text)
    spans = [m.span() for m in _ASIDE.finditer(text)]
    i = 0
    while i < len(chars):
        if _emoji(chars[i]) and not chars[i].isalnum():
            j = i
            while j < len(chars) and (_emoji(chars[j]) or chars[j] in "\u200d\ufe0f"):
                j += 1
            spans.append((i, j))
            i = j
        else:
            i += 1
    for start, end in sorted(spans):
        before = text[:start].rstrip()
        after = text[end:].lstrip()
        mark = "," if before[-1:].isalnum() and after[:1].isalnum() else " "
        chars[start:end] = [mark] + [" "] * (end - start - 1)
    out = _BECAUSE.sub("as", "".join(chars))
    return _I.sub("I", out)


#: words that open a question
OPENERS = words(
    "what which how where who whose when why is are was were do does did can could should "
    "would will shall have has any anyone anybody anything ideas thoughts tips suggestions "
    "advice recommendations help"
)  # not "right?" nor "no?": a statement with a tag question asks whether it holds


def _told_not_to(doc: Any, start: int) -> bool:
    """A sentence that opens with "Don't" and a verb: "Don't laugh, but ..."."""
    words_ = [t.lower_ for t in doc[start : start + 3]]
    return words_[:2] == ["do", "n't"] and len(words_) == 3 and words_[2] not in _TAGGED


#: the pronouns a tag question ends with
_TAGGED = words("i you he she it we they")
#: the words of a tag question or a bid for agreement ("..., right?", "..., no?")
_TAG_WORDS = words("right yeah yes no eh huh ok okay correct true innit isn't aren't")
#: words that may join a question to the statement before it
_JOINS = words("so but and or then")


def _opens_question(tokens: list[Any]) -> bool:
    words_ = [t.lower_ for t in tokens if not t.is_space]
    if words_[:1] and words_[0] in _JOINS:
        words_ = words_[1:]
    return bool(words_) and words_[0] in OPENERS


def _subjectless_denial(doc: Any, start: int) -> bool:
    """A chat's statement without its subject that opens like a question: "Haven't
    touched my racket since May, ..." (not "Haven't you heard?")."""
    words_ = doc[start : start + 3]
    return (
        len(words_) == 3
        and words_[0].lower_ in OPENERS
        and words_[1].lower_ in {"n't", "not"}
        and (
            words_[2].tag_ in {"VBN", "VBD", "VBG"}
            or (words_[0].lower_ == "did" and words_[2].tag_ == "VB")  # "Didn't renew ..."
        )
    )


def split_questions(doc: Any) -> Any:
    """Start a sentence at a question tacked on after a comma, semicolon or dash to a
    statement ("Now that I'm doing keto, tapas nights are a minefield, which dishes are
    safe to order?"), unless the sentence opens as a question itself ("Should I move to
    Porto, or is Lisbon better?"). A question mark ends its sentence: "My favourite food
    these days? Pizza." answers the question, not a part of it."""
    if "?" not in doc.text:
        return doc  # (most text: no token need be looked at)
    texts = [t.text for t in doc]
    start = 0
    for i, text in enumerate(texts):
        if text in {".", "!"} or (text == "?" and i > start):
            if text == "?":
                _split_tail(doc, texts, start, i)
                if i + 1 < len(doc) and not doc[i + 1].is_punct:
                    doc[i + 1].is_sent_start = True
            start = i + 1
    return doc


def split_after_colons(doc: Any) -> Any:
    """Start a sentence after a colon or a dash that introduces a clause with a subject of
    its own ("Since a few of you asked: Tobias and I split up", "Big news: I moved to
    Lyon", "I should've told you sooner — Tom and I separated"; not an aside between two
    dashes), or after chat's pause ("...") before a clause said in the past ("famous last
    words... moved to Phoenix"), so that the words before are not read as its verb's
    ("asked Tobias", "words moved"). A list or a plan after a colon is left alone ("My
    top three: Muse, Blur and Pulp", "The plan: move to Lisbon"). A sentence opening with
    "<Name> and I" is kept whole."""
    _keep_and_i(doc)
    text = doc.text  # (made anew from the tokens at each access)
    if not any(mark in text for mark in (":", "..", "…", "—", "–", " - ")):
        return doc
    for i, tok in enumerate(doc[:-2]):
        pause = tok.text in _PAUSES
        # (not after words broken off: "so Rosa is — well, she's my partner now")
        dash = _spaced_dash(tok) and not doc[i - 1].tag_.startswith(("VB", "MD", "DT", "IN"))
        if (tok.text != ":" and not pause and not dash) or i == 0:
            continue
        tail: list[Any] = []
        for t in doc[i + 1 :]:
            if t.text in {".", "!", "?", ":"} or t.text in _PAUSES or t.is_sent_start:
                break  # (or where a question was split off)
            if _spaced_dash(t):
                tail = [] if dash else tail  # an aside between two dashes stays
                break
            tail.append(t)
        if not tail:
            continue
        verb = next(
            (k for k, t in enumerate(tail) if t.tag_.startswith("VB") or t.tag_ == "MD"), None
        )
        if verb is None:
            continue
        subject = any(t.tag_ in _SUBJECT_TAGS for t in tail[:verb])
        if subject or (pause and verb == 0 and tail[0].tag_ in {"VBD", "VBN"}):
            doc[i + 1].is_sent_start = True
            for t in tail[1:]:  # one sentence up to its end ("Tobias and I split up")
                t.is_sent_start = False
    return doc


def _keep_and_i(doc: Any) -> None:
    """A sentence goes on past the name of "<Name> and I" ("Since April. Nico and I
    fizzled out", "Last month Lena and I made it official"): the parser would end it at
    the name."""
    for i in range(len(doc) - 2):
        name, conj, me = doc[i], doc[i + 1], doc[i + 2]
        if not (name.text[:1].isupper() and conj.lower_ == "and" and me.lower_ in {"i", "me"}):
            continue
        opening = i == 0 or doc[i - 1].text in {".", "!", "?"}
        if opening or name.text in lx.first_names() or not en.in_dictionary(name.lower_):
            # (not "I quit it at Easter and I'm gluten-free now")
            conj.is_sent_start = False
            me.is_sent_start = False


#: chat's pause between two thoughts
_PAUSES = frozenset({"...", "…", "....", ".."})
#: a dash between two thoughts ("I should've told you sooner — Tom and I split up")
_DASHES = frozenset({"—", "–", "-"})


def _spaced_dash(tok: Any) -> bool:
    """A dash with a space on either side: not the hyphen of "gluten-free"."""
    return (
        tok.text in _DASHES
        and bool(tok.whitespace_)
        and tok.i > 0
        and bool(tok.doc[tok.i - 1].whitespace_)
    )


#: the tags (the tagger's: parts of speech come after the parser) of a word that can be
#: a subject
_SUBJECT_TAGS = frozenset({"PRP", "NN", "NNS", "NNP", "NNPS"})


def _split_tail(doc: Any, texts: list[str], start: int, end: int) -> None:
    if (
        _opens_question(list(doc[start : min(start + 2, end)]))
        and not _told_not_to(doc, start)
        and not _subjectless_denial(doc, start)
    ):
        return
    cut = None
    for i in range(end - 1, start + 2, -1):
        if texts[i] in {",", ";"} or (
            texts[i] in {"-", "–", "—"} and doc[i - 1].whitespace_  # not "second-hand"
        ):
            cut = i
            break
    if cut is None or cut + 1 >= end:
        return
    tail = [t.lower_ for t in doc[cut + 1 : end] if not t.is_space]
    if not tail:
        return
    if (len(tail) <= 3 and tail[-1] in _TAGGED) or (len(tail) <= 3 and set(tail) & _TAG_WORDS):
        return  # a tag question asks whether the statement holds: "You love jazz, don't
        # you?", "You live in Leeds, right?"
    if not _opens_question(list(doc[cut + 1 : cut + 3])) and len(tail) > 3:
        return  # a short tail is a question of its own: "..., too cheesy?", "ideas?"
    doc[cut + 1].is_sent_start = True


def truecased(written: str, doc: Any, known: frozenset[str] = frozenset()) -> str | None:
    """The text of a message ``written`` all in lower case and parsed as ``doc`` ("alfie
    and i broke up", "first week in chicago done"), with capitals where written English
    has them: at the start of each sentence (and "rip nibbles" as "RIP Nibbles"); on the
    given names and towns of graphmem's lists that the tagger read as nouns (not "will",
    "mark" or "reading" as verbs); on a noun the dictionary (``known``) lacks where a
    firm is named ("first day at deliveroo", "since joining unilever", "i quit tesco");
    on a name given after a noun ("a puppy called pepper").
    A message with some capitals of its own is treated the same when its writer evidently
    does not capitalise ("priya and i split, seeing Lucía now": it begins in lower case or
    writes "i"); the capitals written are kept. ``None`` when the writer capitalises or
    there is nothing to capitalise. Same length."""
    if any(c.isupper() for c in written) and not _writes_lower(written):
        return None
    chars = list(doc.text)

    def capital(i: int) -> None:
        chars[i] = chars[i].upper()

    for sent in doc.sents:
        first = next((t for t in sent if t.is_alpha), None)
        if first is not None:
            capital(first.idx)
        if first is not None and first.lower_ == "rip" and first.i + 1 < sent.end:
            for k in range(first.idx, first.idx + 3):  # "rip nibbles": RIP Nibbles
                capital(k)
            if doc[first.i + 1].is_alpha:
                capital(doc[first.i + 1].idx)
    names, places = lx.first_names(), lx.place_names()
    i = 0
    while i < len(doc):
        tok = doc[i]
        if not tok.is_alpha or tok.pos_ not in _NAMEABLE or tok.is_stop:
            i += 1
            continue
        for n in (3, 2, 1):  # the longest town: "new york", not "new"
            span = doc[i : i + n]
            if (
                len(span) == n
                and all(t.is_alpha for t in span)
                and span.text.title() in places
                and span[-1].dep_ not in {"compound", "amod"}  # not "my guinea pig"
                and not any(c.dep_ == "compound" for c in span[0].lefts)  # "new york"
            ):
                for t in span:
                    capital(t.idx)
                i += n
                break
        else:
            if (
                tok.text.title() in names
                or (tok.lower_ not in known and _at_a_firm(tok))
                or _at_work(tok)
                or _named_so(tok)
                or _named_after_a_partner(tok)
            ):
                capital(tok.idx)
            i += 1
    text = "".join(chars)
    return text if text != doc.text else None


def _writes_lower(written: str) -> bool:
    """Whether the writer of ``written`` leaves out capitals: the message begins with a
    word in lower case (not "iPhone"), or says "i" for "I"."""
    first = re.search(r"[^\W\d_]+", written)
    return (first is not None and first.group().islower()) or _I.search(written) is not None


def _at_a_firm(tok: Any) -> bool:
    """After "at", "for" or "with", or as what is joined, quit or left: where a firm is
    named."""
    if tok.i == 0:
        return False
    before = tok.doc[tok.i - 1]
    return before.lower_ in {"at", "for", "with"} or before.lemma_ in _FIRM_VERBS


def _named_so(tok: Any) -> bool:
    """The name after a noun "called" or "named": "a puppy called pepper", "a guy named
    dev" (not "got called names")."""
    doc = tok.doc
    return (
        tok.i >= 2
        and doc[tok.i - 1].lower_ in {"called", "named"}
        and doc[tok.i - 2].pos_ == "NOUN"
    )


def _named_after_a_partner(tok: Any) -> bool:
    """The name right after "my bf", "my husband" ...: "my bf jay made me breakfast" (a
    name that is also a word), when a verb, a comma or "and" follows it."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 2].lower_ != "my" or doc[tok.i - 1].lower_ not in _PARTNERS:
        return False
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return after is not None and (after.pos_ in {"VERB", "AUX"} or after.lower_ in {",", "and"})


#: what a partner is called, before the partner's name: the person slot's nouns
_PARTNERS = frozenset(noun for noun, kinds in lx.SLOT_NOUNS.items() if kinds == ("person",)) - {
    "ex",
    "relationship",
}


def _at_work(tok: Any) -> bool:
    """Right after "my manager at", "a shift at", "work at", "started at": a firm, even
    when its name is a word ("my boss at amazon", "started at costa today"), but not "my
    boss at work", "started at noon"."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].lower_ != "at" or tok.lower_ in _NOT_FIRMS:
        return False
    return doc[tok.i - 2].lemma_.lower() in lx.WORKMATES | _WORK_NOUNS | {"start"}


#: nouns of work that a firm's name follows: "a shift at", "my job at"
_WORK_NOUNS = frozenset({"job", "work", "internship", "contract", "role"})
#: words after "at" that name no firm
_NOT_FIRMS = frozenset(lx.SLOT_NOUNS) | words(
    "home school uni university college night lunch weekend weekends moment least all "
    "first last times church hospital desk noon midnight dawn dusk lunchtime"
)
#: verbs whose object is often a firm: "since joining unilever", "i quit tesco"
_FIRM_VERBS = frozenset({"join", "quit", "leave"})


#: the parts of speech a lower-case name is read as
_NAMEABLE = frozenset({"NOUN", "PROPN", "ADJ"})
