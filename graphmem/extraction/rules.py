"""Dependency-parse rules: one spaCy ``Doc`` + its utterance context -> memory candidates.

Conventions (see also the module docstring of ``spacy_extractor``):
- relations are owned by the possessor: "my sister Anna" -> (speaker, has_sister, Anna);
- copulas -> ``is_a`` ("I'm a nurse"), normalised verbs -> ``lives_in``, ``works_at``,
  ``works_as``, ``married_to``, ``born_in``, ``grew_up_in``, ``is_from``, ``studies``...;
  other present-tense verbs -> their third-person form (+ particle/preposition);
- preferences -> ``likes``/``dislikes``/``prefers``/``favourite_<x>``;
- habits -> kind ``fact``, predicate ``habit``, object an -ing phrase ("running");
- past actions -> kind ``event``, predicate the past form ("went_to", "adopted").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from graphmem.extraction import english as en
from graphmem.extraction import lexicon as lx
from graphmem.extraction.base import ExtractedMemory
from graphmem.extraction.clauses import (
    FIRST,
    Context,
    Referent,
    clause_of_its_own,
    enduring,
    is_modal,
    is_negated,
    is_reported,
    mine,
    name_of,
    note_people,
    on_a_day,
    phrase,
    resolve,
    sentence_blocked,
    tokens,
)
from graphmem.extraction.copula import (
    adjective,
    became_favourite,
    called_kin,
    chosen_favourite,
    copula,
    favourite_appos,
    firms_of,
    kin,
    later_name,
    loved_by,
    parents_met,
)
from graphmem.extraction.memories import (
    Out,
    activity,
    first_child,
    is_habit,
    loose_object,
    midnight,
    obj_type,
    object_of,
    simple,
    subject_token,
    with_conj,
)
from graphmem.extraction.mentions import moved_from_a_stint, owned_in_passing
from graphmem.extraction.render import clause_tokens, render
from graphmem.extraction.temporal import DateMention, describe

if TYPE_CHECKING:
    from spacy.tokens import Token
else:
    Token = Any

_VERBISH = frozenset({"VERB", "AUX"})
_PRESENT = frozenset({"VBP", "VBZ"})


def extract_doc(doc: Any, ctx: Context) -> list[ExtractedMemory]:
    """All memory candidates of one parsed utterance, in text order, without duplicates."""
    out = Out()
    for sent in doc.sents:
        if sentence_blocked(sent):
            for tok in tokens(sent):  # "Can you plan a surprise for my fiancé Tobias?": still hers
                if _kin_noun(tok) and (mine(tok) or (tok.dep_ == "compound" and mine(tok.head))):
                    kin(tok, ctx, out)  # (also "my boyfriend Lorenzo", "my" read as Lorenzo's)
            _owned_asked_about(sent, ctx, out)
            parents_met(sent, ctx, out)  # "Any tips for meeting Jonas's parents?"
            continue
        note_people(sent, ctx)
        parents_met(sent, ctx, out)
        loved_by(sent, ctx, out)
        for tok in tokens(sent):
            if tok.i in ctx.quoted:
                continue
            if _kin_noun(tok):
                kin(tok, ctx, out)
            elif tok.pos_ == "NOUN" and tok.dep_ in {"appos", "npadvmod"}:
                favourite_appos(tok, ctx, out)
            elif tok.pos_ in _VERBISH and tok.dep_ not in _NOT_CLAUSE and not _wh(tok):
                subj = subject_token(tok)
                if subj is None or _accepted_proposal(tok, subj, ctx, out):
                    continue  # (read as what the speaker said: "Jakob proposed and I
                    # said yes!")
                if not is_reported(tok):
                    _clause(tok, subj, ctx, out)
    seen: set[tuple[str, str, str, str | None]] = set()
    unique: list[ExtractedMemory] = []
    for mem in out:
        key = (mem.kind, mem.subject, mem.predicate, mem.object)
        if key not in seen:
            seen.add(key)
            unique.append(mem)
    return unique


_NOT_CLAUSE = frozenset({"aux", "auxpass", "acl", "csubj", "amod"})


def _owned_asked_about(sent: Any, ctx: Context, out: Out) -> None:
    """A question or supposition still says which car the speaker has and where they
    work: "Where can I get cheap insurance for my Peugeot 208?", "How do I ask my boss at
    Fernhill Architects for a four-day week?"."""
    for mention, kind in owned_in_passing(sent, ctx):
        predicate, verb, object_type = _OWNED[kind]
        value = lx.with_make(mention.text) if kind == "vehicle" else mention.text
        text = f"{ctx.speaker} {verb} {value}."
        out.add("fact", text, Referent(ctx.speaker), predicate, value,
                object_type=object_type)  # fmt: skip


#: the fact a value owned in passing states, by its type: predicate, verb, object type
_OWNED = {
    "vehicle": ("drives", "drives", "thing"),
    "organization": ("works_at", "works at", "organization"),
    "diet": ("diet", "is", "concept"),
    "place": ("lives_in", "lives in", "place"),
}


def _wh(verb: Token) -> bool:
    """Embedded questions and wh-clauses ("how far I've come", "when I have kids")."""
    if verb.dep_ == "relcl":
        return verb.lemma_ not in en.LIKE_VERBS
    return any(c.tag_ in {"WRB", "WP", "WDT"} and c.i < verb.i for c in verb.children)


def _start_date(verb: Token, ctx: Context) -> DateMention | None:
    """When the state ``verb`` states began, if a past "since <date>" of its clause says
    so ("Since June, ramen has been my favourite", "Vegan since March!")."""
    mention = _clause_date(verb, ctx)
    if mention is None or mention.value >= midnight(ctx):
        return None
    first = min(i for i, m in ctx.date_at.items() if m is mention)
    since = mention.text.lower().startswith("since") or (
        first > 0 and verb.doc[first - 1].lower_ == "since"
    )
    return mention if since else None


def _clause_date(verb: Token, ctx: Context) -> DateMention | None:
    for tok in clause_tokens(verb):
        mention = ctx.date_at.get(tok.i)
        if mention is not None:
            return mention
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBISH:
        return _clause_date(verb.head, ctx)
    if verb.dep_ == "ROOT":
        for tok in verb.sent:
            if tok.i in ctx.date_at and clause_of_its_own(tok) is None:
                return ctx.date_at[tok.i]  # (not "I live in Porto and Mum visits in May")
    return None


# --- clauses --------------------------------------------------------------------------------


def _asked(verb: Token) -> str | None:
    """What a verb asks of the speaker, as the predicate a yes makes true: a proposal
    ("Jakob proposed", "popped the question", "asked me to marry him") an engagement, and
    "asked me out" or "asked me to be her girlfriend" a partner."""
    if verb.lemma_ == "propose" or (
        verb.lemma_ == "pop" and any(c.lemma_ == "question" for c in verb.children)
    ):
        return "engaged_to"
    if verb.lemma_ != "ask" or not any(
        c.dep_ == "dobj" and c.lower_ == "me" for c in verb.children
    ):
        return None
    if any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return "has_partner"
    for step in (c for c in verb.children if c.dep_ == "xcomp"):
        if step.lemma_ == "marry":
            return "engaged_to"
        kin = [en.KIN.get(c.lemma_.lower()) for c in step.children if c.dep_ == "attr"]
        if step.lemma_ == "be" and {"has_partner", "married_to"} & set(kin):
            return "has_partner"
    return None


def _accepted_proposal(verb: Token, subj: Token, ctx: Context, out: Out) -> bool:
    """ "Jakob proposed and I said yes!", "Theo popped the question, I said yes", "Priya
    asked me to be her girlfriend and I said yes": the speaker is engaged to, or the
    partner of, whoever asked."""
    asked = _asked(verb)
    if asked is None or is_negated(verb) or any(c.lower_ == "to" for c in verb.children):
        return False  # "Tom proposed to Anna": not to the speaker
    if subj.pos_ != "PROPN" and subj.text not in lx.first_names():
        return False
    if not any(  # and the speaker said yes
        t.lower_ == "yes" and any(c.lower_ == "i" for c in t.head.children) for t in verb.sent
    ):
        return False
    name = phrase(subj, ctx)
    if not name:
        return False
    if asked == "engaged_to":
        text = f"{ctx.speaker} is engaged to {name}."
    else:
        text = f"{ctx.speaker}'s partner is {name}."
    out.add("fact", text, Referent(ctx.speaker), asked, name, object_type="person")
    return True


def _clause(verb: Token, subj: Token, ctx: Context, out: Out) -> None:
    lemma = verb.lemma_.lower()
    if lemma == "see" and verb.tag_ == "VBG" and _someone_named(verb) and not on_a_day(verb):
        lemma = "date"  # "I'm seeing Noah now", not "I'm seeing the doctor" nor "I'm
        # seeing Coldplay next week"
    negated = is_negated(verb)
    if (
        lemma == "stand"
        and negated
        and any(c.lower_ in {"ca", "can", "could"} for c in verb.children)
    ):
        subject = resolve(subj, ctx)
        if subject is not None:
            _preference(verb, subject, ctx, out, "dislike", "dislikes", 0.8)
        return
    if lemma == "be" and chosen_favourite(verb, ctx, out):
        return  # "If I had to pick one favourite food, it'd be paella"
    if is_modal(verb) and not enduring(verb):
        return  # but "Queen will always be my favourite band"
    if lemma == "be":
        before = len(out)
        copula(verb, subj, negated, ctx, out)
        start = _start_date(verb, ctx) if len(out) > before else None
        if start is not None:  # "Since June, ramen has been my favourite"
            out[before:] = [
                replace(m, valid_from=start.value, begun_by=start.ends)
                if m.valid_from is None
                else m
                for m in out[before:]
            ]
        return
    if lemma in {"call", "name"} and verb.tag_ == "VBN" and called_kin(verb, subj, ctx, out):
        return
    if lemma == "become" and not negated:
        became_favourite(verb, subj, ctx, out)  # "they've become my favourite band"
    if any(c.dep_ == "conj" for c in subj.children) or any(
        c.dep_ == "nsubj" and c.i != subj.i and c.lower_ in FIRST for c in verb.children
    ):
        return  # "my husband and I" (or read as two subjects): a shared statement, not
        # one person's fact
    subject = resolve(subj, ctx)
    if subject is None:
        return
    if subj.lower_ == "you":
        subject = replace(subject, confidence=0.6)
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    acomp = first_child(verb, "acomp")
    if lemma == "get" and acomp is not None and acomp.lower_ in en.ADJ_RELATIONS:
        verb, aux = acomp, {"got"}  # "I got engaged to Helena"
    got = (
        aux & {"got", "get", "gets", "getting"}
        and verb.lower_ in en.ADJ_RELATIONS
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)
    )  # "got married to Tom", not a bare "got engaged" (no state of their own)
    if verb.tag_ == "VBN" and (aux & {"am", "'m", "is", "are", "'re"} or got) and not negated:
        adjective(verb, verb, subject, render(verb, ctx, subject), ctx, out)
        return
    if lemma in en.LIKE_VERBS:
        if verb.tag_ == "VBD" or aux & {"did", "was", "were"}:
            return  # past enjoyment is not a current preference
        polarity = en.LIKE_VERBS[lemma]
        confidence = 0.8
        if negated:
            if lemma not in en.NEGATABLE_LIKES or polarity != "like":
                return
            polarity, confidence = "dislike", 0.7
        predicate = "prefers" if lemma == "prefer" and not negated else f"{polarity}s"
        _preference(verb, subject, ctx, out, polarity, predicate, confidence)
        return
    if negated or _has_xcomp_governor(verb, lemma):
        if lemma == "tend" and not negated:
            xcomp = first_child(verb, "xcomp")
            if xcomp is not None:
                _habit(xcomp, verb, subject, ctx, out)
        return
    perfect = bool(aux & {"have", "'ve", "has", "'s"}) and verb.tag_ == "VBN"
    date = _clause_date(verb, ctx)
    past_date = date is not None and date.value < midnight(ctx)
    progressive = verb.tag_ == "VBG" and bool(aux & {"am", "'m", "is", "are", "'re", "been"})
    if (lemma == "bear" and verb.tag_ == "VBN" and aux & {"was", "were"}) or (
        lemma == "grow" and verb.tag_ == "VBD" and first_child(verb, "prt") is not None
    ):
        _facts(verb, subject, ctx, out, lemma)
    elif verb.tag_ in _PRESENT and past_date and verb.lower_ == verb.lemma_ and not aux:
        _event(verb, subject, ctx, out, lemma)  # "I quit smoking five months ago"
    elif verb.tag_ in _PRESENT or progressive or (perfect and lemma in {"live", "work"}):
        if is_habit(verb):
            _habit(verb, verb, subject, ctx, out)
        else:
            _facts(verb, subject, ctx, out, lemma)
    elif verb.tag_ == "VBD" or perfect:
        _event(verb, subject, ctx, out, lemma)


def _kin_noun(tok: Token) -> bool:
    """A relation noun or a kind of pet ("my sister Anna", "our spaniel Bruno"), also
    right before its name when the tagger takes it for an adjective ("My budgie Kiwi")."""
    if tok.pos_ != "NOUN" and not (tok.dep_ == "compound" and tok.head.pos_ == "PROPN"):
        return False
    lemma = tok.lemma_.lower()
    return lemma in en.KIN or lemma in lx.PET_NOUNS


def _someone_named(verb: Token) -> bool:
    """The verb's object is a person's name."""
    obj = first_child(verb, "dobj")
    return obj is not None and obj.pos_ == "PROPN" and obj.ent_type_ in {"PERSON", ""}


def _has_xcomp_governor(verb: Token, lemma: str) -> bool:
    """ "used to", "going to", "want to", "plan to": the complement is not asserted."""
    return (
        first_child(verb, "xcomp") is not None
        and lemma not in _ASPECT
        and (lemma in en.STOP_VERBS or lemma in en.REPORT_VERBS)
    )


_ASPECT = frozenset({"start", "begin", "stop", "quit", "continue", "finish", "keep"})


def _preference(
    verb: Token,
    subject: Referent,
    ctx: Context,
    out: Out,
    polarity: str,
    predicate: str,
    confidence: float,
) -> None:
    topics: list[str] = []
    dobj = first_child(verb, "dobj")
    xcomp = first_child(verb, "xcomp")
    if first_child(verb, "ccomp") is not None and dobj is None:
        return  # "I love how art lets us ...": no clean topic
    if dobj is not None:
        topics = [p for t in with_conj(dobj) if (p := phrase(t, ctx, lemma_head=True))]
    elif xcomp is not None and xcomp.pos_ in {"VERB", "AUX"}:
        xobj = first_child(xcomp, "dobj")
        if xcomp.lemma_ in en.REPORT_VERBS | {"admit", "say", "see"} or (
            xobj is not None and xobj.lower_ in en.PRONOUN_OBJECTS
        ):
            return
        topics = [activity(xcomp, ctx)]
    elif xcomp is not None:
        topics = [p for t in with_conj(xcomp) if (p := phrase(t, ctx, lemma_head=True))]
    elif (loose := loose_object(verb)) is not None:
        topics = [p for p in [phrase(loose, ctx, lemma_head=True)] if p]
    elif verb.dep_ == "relcl" and verb.head.lemma_ in {"something", "thing"}:
        holder = verb.head.head
        subj = first_child(holder, "nsubj") if holder.lemma_ == "be" else None
        if subj is not None and (p := phrase(subj, ctx, lemma_head=True)):
            word = en.third_person(verb.lemma_) if verb.tag_ == "VBP" else verb.lower_
            text = simple(subject, word, p)
            out.add(
                "preference",
                text,
                subject,
                predicate,
                p,
                polarity=polarity,
                confidence=confidence,
                object_type=obj_type(subj, "", "concept"),
            )
        return
    for topic in topics:
        if len(topics) == 1:
            text = render(verb, ctx, subject)
        else:
            text = simple(subject, en.third_person(verb.lemma_), topic)
        out.add(
            "preference",
            text,
            subject,
            predicate,
            topic,
            polarity=polarity,
            confidence=confidence,
            object_type=obj_type(dobj, "", "concept"),
        )


def _titles_worked_as(preps: list[Token]) -> list[Token]:
    return [
        title
        for prep in preps
        if prep.dep_ == "prep" and prep.lower_ == "as" and (title := object_of(prep)) is not None
    ]


def _facts(verb: Token, subject: Referent, ctx: Context, out: Out, lemma: str) -> None:
    prt = first_child(verb, "prt")
    full = f"{lemma} {prt.lower_}" if prt is not None else lemma
    date = _clause_date(verb, ctx)
    valid_from = date.value if date is not None else None
    begun_by = date.ends if date is not None else None
    text = render(verb, ctx, subject, date=date)
    dobj = first_child(verb, "dobj")
    preps = list(verb.children)
    if dobj is not None and (dobj.ent_type_ in {"TIME", "DATE"} or dobj.lemma_ in _SHIFTS):
        preps += list(dobj.children)  # "I work nights as a guard": when, not what
        dobj = None
    if lemma == "work":  # "I work as a chef at Nando's": the firm, said of the title
        preps += [p for title in _titles_worked_as(preps) for p in firms_of(title)]
    made: set[str] = set()
    for prep in preps:
        pobj = object_of(prep) if prep.dep_ == "prep" else None
        if pobj is None or pobj.i in ctx.date_at:
            continue
        pred = en.FACT_PREDICATES.get((full, prep.lower_))
        generic = pred is None and lemma not in en.STOP_VERBS and dobj is None and not made
        if generic and prep.lower_ in {"at", "in", "for", "with", "on"}:
            pred = en.snake(en.third_person(lemma), prt.lower_ if prt else "", prep.lower_)
        if pred in made:
            continue  # "I work at Deloitte in the audit team": the firm, not the team
        obj = phrase(pobj, ctx, with_in=pred in en.PLACE_PREDICATES)
        if pred and obj:
            made.add(pred)
            out.add(
                "fact",
                text,
                subject,
                pred,
                obj,
                valid_from=valid_from,
                begun_by=begun_by,
                object_type=obj_type(pobj, pred),
            )
            if full == "move" and verb.tag_ == "VBD":
                out.add(
                    "event",
                    text,
                    subject,
                    "moved_to",
                    obj,
                    valid_from=valid_from,
                    object_type=obj_type(pobj, "moved_to"),
                )
    if dobj is None:
        return
    pred = en.FACT_PREDICATES.get((full, ""))
    if pred == "has_partner" and verb.tag_ == "VBD":
        pred = None  # "I dated Leo at uni": no partner now
    if pred is None and lemma not in en.STOP_VERBS:
        pred = en.snake(en.third_person(lemma), prt.lower_ if prt else "")
    for tok in with_conj(dobj):
        obj = phrase(tok, ctx)
        if pred in en.PERSON_PREDICATES and tok.text[:1].isupper() and obj == tok.lower_:
            obj = tok.text  # "I've been dating Pia": a name, however it was tagged
        if pred and obj:
            many = len(with_conj(dobj)) > 1
            word = en.third_person(lemma) if many else ""
            out.add(
                "fact",
                simple(subject, word, obj) if many else text,
                subject,
                pred,
                obj,
                valid_from=valid_from,
                begun_by=begun_by,
                object_type=obj_type(tok, pred),
            )
    if lemma == "have" and dobj.lemma_.lower() in en.KIN and name_of(dobj) is None:
        name = later_name(dobj)  # "I have a girlfriend, her name is Priya"
        obj = phrase(name if name is not None else dobj, ctx)
        out.add("fact", text, subject, en.KIN[dobj.lemma_.lower()], obj, object_type="person")


#: times of work a verb's object can name ("I work weekends at the bakery")
_SHIFTS = frozenset({"night", "day", "weekend", "shift", "morning", "evening", "weekday"})


def _habit(action: Token, verb: Token, subject: Referent, ctx: Context, out: Out) -> None:
    words = [activity(action, ctx)]
    if first_child(action, "dobj") is None:
        for prep in action.children:
            pobj = object_of(prep) if prep.dep_ == "prep" else None
            if pobj is not None and pobj.i not in ctx.date_at and (p := phrase(pobj, ctx)):
                words.append(f"{prep.lower_} {p}")
                break
    out.add(
        "fact",
        render(verb, ctx, subject),
        subject,
        "habit",
        " ".join(words),
        object_type="concept",
    )


def _event(verb: Token, subject: Referent, ctx: Context, out: Out, lemma: str) -> None:
    if lemma in en.PAST_STOP:
        return
    date = _clause_date(verb, ctx)
    if date is not None and date.lasting:
        date = None  # "I've had a corgi for two months": how long, not when something happened
    valid_from = date.value if date is not None else None
    if date is None and any(c.lower_ == "just" for c in verb.children):
        valid_from = midnight(ctx)
    prt = first_child(verb, "prt")
    obj_tok: Token | None = first_child(verb, "dobj")
    prep_word = ""
    if obj_tok is None:
        preps = [c for c in verb.children if c.dep_ == "prep"]
        if lemma == "move":  # "moved from Tampere to Espoo": where to, first
            preps.sort(key=lambda p: p.lower_ not in {"to", "into"})
        for prep in preps:
            pobj = object_of(prep)
            if pobj is not None and pobj.i not in ctx.date_at:
                obj_tok, prep_word = pobj, prep.lower_
                break
    obj = phrase(obj_tok, ctx) if obj_tok is not None else None
    if obj_tok is None:
        xcomp = first_child(verb, "xcomp", "advcl")
        if xcomp is not None and xcomp.tag_ == "VBG":
            obj = activity(xcomp, ctx)
        elif xcomp is not None and xcomp.pos_ == "NOUN":
            obj = phrase(xcomp, ctx)
    if obj is None:
        return
    if lemma in en.LIGHT_VERBS and valid_from is None:
        return
    if lemma == "get" and verb.tag_ == "VBN" and first_child(verb, "aux") is not None:
        return  # "I've got two kids": possession, not an event
    form = verb.lower_ if verb.tag_ in {"VBD", "VBN"} else verb.lemma_
    pred = en.snake(form, prt.lower_ if prt else "", prep_word)
    text = render(verb, ctx, subject, date=date)
    if date is None and valid_from is not None:
        text = text[:-1] + " " + describe(valid_from, "day") + "."
    conf = 0.8 if valid_from is not None else 0.6
    mem = out.add(
        "event",
        text,
        subject,
        pred,
        obj,
        valid_from=valid_from,
        confidence=conf,
        object_type=obj_type(obj_tok, pred or ""),
    )
    onward = prt is not None and prt.lower_ == "on" and obj not in lx.place_names()
    firm = obj_tok is not None and moved_from_a_stint(obj_tok)  # "... moved to Ocado"
    if mem is not None and lemma == "move" and prep_word == "to" and not onward and not firm:
        # (not "I've moved on to Khruangbin", a taste; but "moved on to Berlin" is a move)
        out[-1] = replace(mem, predicate="moved_to")
        out.append(replace(mem, kind="fact", predicate="lives_in", object_type="place"))
