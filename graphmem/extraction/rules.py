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

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from graphmem.extraction import english as en
from graphmem.extraction.base import ExtractedMemory
from graphmem.extraction.clauses import (
    ENTITY_TYPES,
    Context,
    FIRST,
    SECOND,
    Referent,
    clause_tokens,
    is_modal,
    is_negated,
    is_reported,
    name_of,
    note_people,
    owner_of,
    phrase,
    render,
    resolve,
    sentence_blocked,
)
from graphmem.extraction.temporal import DateMention, describe

if TYPE_CHECKING:
    from spacy.tokens import Token
else:
    Token = Any

_VERBISH = frozenset({"VERB", "AUX"})
_PRESENT = frozenset({"VBP", "VBZ"})
_FAV = frozenset({"favourite", "favorite"})


def extract_doc(doc: Any, ctx: Context) -> list[ExtractedMemory]:
    """All memory candidates of one parsed utterance, in text order, without duplicates."""
    out: list[ExtractedMemory] = []
    for sent in doc.sents:
        if sentence_blocked(sent):
            continue
        note_people(sent, ctx)
        for tok in sent:
            if tok.i in ctx.quoted:
                continue
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in en.KIN:
                _kin(tok, ctx, out)
            elif tok.pos_ in _VERBISH and tok.dep_ not in _NOT_CLAUSE and not _wh(tok):
                subj = _subject_token(tok)
                if subj is not None and not is_reported(tok):
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


def _wh(verb: Token) -> bool:
    """Embedded questions and wh-clauses ("how far I've come", "when I have kids")."""
    if verb.dep_ == "relcl":
        return verb.lemma_ not in en.LIKE_VERBS
    return any(c.tag_ in {"WRB", "WP", "WDT"} and c.i < verb.i for c in verb.children)


def _subject_token(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBISH:
        for child in verb.head.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child
    for child in verb.lefts:  # "Tim is my neighbour" is sometimes parsed Tim/npadvmod
        if child.dep_ == "npadvmod" and child.ent_type_ == "PERSON" and child.i == verb.i - 1:
            return child
    return None


def _child(tok: Token, *deps: str) -> Token | None:
    for child in tok.children:
        if child.dep_ in deps:
            return child
    return None


def _pobj(prep: Token) -> Token | None:
    return _child(prep, "pobj", "pcomp")


def _with_conj(tok: Token) -> list[Token]:
    items = [tok]
    for child in tok.children:
        if child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN"}:
            items.append(child)
    return items


def _obj_type(tok: Token | None, predicate: str, default: str = "thing") -> str:
    if tok is not None and tok.ent_type_ in ENTITY_TYPES:
        return ENTITY_TYPES[tok.ent_type_]
    if predicate in en.PLACE_PREDICATES:
        return "place"
    if predicate in en.ORG_PREDICATES:
        return "organization"
    return default


def _clause_date(verb: Token, ctx: Context) -> DateMention | None:
    for tok in clause_tokens(verb):
        mention = ctx.date_at.get(tok.i)
        if mention is not None:
            return mention
    if verb.dep_ == "conj" and verb.head.pos_ in _VERBISH:
        return _clause_date(verb.head, ctx)
    if verb.dep_ == "ROOT":
        for tok in verb.sent:
            if tok.i in ctx.date_at:
                return ctx.date_at[tok.i]
    return None


def _mem(kind: str, text: str, subject: Referent, predicate: str | None, obj: str | None,
         **kw: Any) -> ExtractedMemory | None:  # fmt: skip
    if predicate is None or not en.PREDICATE_RE.match(predicate):
        return None
    if obj is not None and obj.lower() == subject.name.lower():
        return None
    conf = min(subject.confidence, kw.pop("confidence", 0.8))
    return ExtractedMemory(kind=kind, text=text, subject=subject.name, predicate=predicate,
                           object=obj, confidence=conf, subject_type=subject.type, **kw)  # fmt: skip


def _add(out: list[ExtractedMemory], mems: Iterable[ExtractedMemory | None]) -> None:
    out.extend(m for m in mems if m is not None)


def _simple(subject: Referent, verb: str, obj: str, date: DateMention | None = None) -> str:
    when = f" {describe(date.value, date.granularity)}" if date else ""
    text = f"{subject.text} {verb} {obj}{when}".strip()
    return text[0].upper() + text[1:] + "."


# --- relations named by nouns --------------------------------------------------------------


def _kin(tok: Token, ctx: Context, out: list[ExtractedMemory]) -> None:
    """ "my sister Anna", "a brother named Leo" (object of have)."""
    named = name_of(tok)
    if named is None:
        return
    owner_name = owner_of(tok, ctx)
    if owner_name is None and tok.dep_ == "dobj" and tok.head.lemma_ == "have":
        subj = _subject_token(tok.head)
        ref = resolve(subj, ctx) if subj is not None else None
        if ref is None or is_negated(tok.head) or is_modal(tok.head):
            return
        owner_name = ref.name
    if owner_name is None:
        return
    word = tok.lower_ if tok.tag_ != "NNS" else tok.lemma_.lower()
    predicate = en.KIN[tok.lemma_.lower()]
    owner = Referent(owner_name)
    text = f"{named} is {en.possessive(owner_name)} {word}."
    kind = "thing" if tok.lemma_.lower() in en.PETS else "person"
    _add(out, [_mem("fact", text, owner, predicate, named, object_type=kind)])


# --- clauses --------------------------------------------------------------------------------


def _clause(verb: Token, subj: Token, ctx: Context, out: list[ExtractedMemory]) -> None:
    lemma = verb.lemma_.lower()
    negated = is_negated(verb)
    if lemma == "stand" and negated and any(c.lower_ in {"ca", "can", "could"} for c in verb.children):
        subject = resolve(subj, ctx)
        if subject is not None:
            _preference(verb, subject, ctx, out, "dislike", "dislikes", 0.8)
        return
    if is_modal(verb):
        return
    if lemma == "be":
        _copula(verb, subj, negated, ctx, out)
        return
    if any(c.dep_ == "conj" for c in subj.children):
        return  # "my husband and I": a shared statement, not one person's fact
    subject = resolve(subj, ctx)
    if subject is None:
        return
    if subj.lower_ == "you":
        subject = replace(subject, confidence=0.6)
    aux = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if verb.tag_ == "VBN" and aux & {"am", "'m", "is", "are", "'re"} and not negated:
        _adjective(verb, verb, subject, render(verb, ctx, subject), ctx, out)
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
            xcomp = _child(verb, "xcomp")
            if xcomp is not None:
                _habit(xcomp, verb, subject, ctx, out)
        return
    perfect = bool(aux & {"have", "'ve", "has", "'s"}) and verb.tag_ == "VBN"
    date = _clause_date(verb, ctx)
    past_date = date is not None and date.value < _midnight(ctx)
    progressive = verb.tag_ == "VBG" and bool(aux & {"am", "'m", "is", "are", "'re", "been"})
    if (lemma == "bear" and verb.tag_ == "VBN" and aux & {"was", "were"}) or (
        lemma == "grow" and verb.tag_ == "VBD" and _child(verb, "prt") is not None
    ):
        _facts(verb, subject, ctx, out, lemma)
    elif verb.tag_ in _PRESENT and past_date and verb.lower_ == verb.lemma_ and not aux:
        _event(verb, subject, ctx, out, lemma)  # "I quit smoking five months ago"
    elif verb.tag_ in _PRESENT or progressive or (perfect and lemma in {"live", "work"}):
        if _is_habit(verb):
            _habit(verb, verb, subject, ctx, out)
        else:
            _facts(verb, subject, ctx, out, lemma)
    elif verb.tag_ == "VBD" or perfect:
        _event(verb, subject, ctx, out, lemma)


def _has_xcomp_governor(verb: Token, lemma: str) -> bool:
    """ "used to", "going to", "want to", "plan to": the complement is not asserted."""
    return _child(verb, "xcomp") is not None and lemma not in _ASPECT and (
        lemma in en.STOP_VERBS or lemma in en.REPORT_VERBS
    )


_ASPECT = frozenset({"start", "begin", "stop", "quit", "continue", "finish", "keep"})


def _preference(verb: Token, subject: Referent, ctx: Context, out: list[ExtractedMemory],
                polarity: str, predicate: str, confidence: float) -> None:  # fmt: skip
    topics: list[str] = []
    dobj = _child(verb, "dobj")
    xcomp = _child(verb, "xcomp")
    if _child(verb, "ccomp") is not None and dobj is None:
        return  # "I love how art lets us ...": no clean topic
    if dobj is not None:
        topics = [p for t in _with_conj(dobj) if (p := phrase(t, ctx, lemma_head=True))]
    elif xcomp is not None and xcomp.pos_ in {"VERB", "AUX"}:
        xobj = _child(xcomp, "dobj")
        if xcomp.lemma_ in en.REPORT_VERBS | {"admit", "say", "see"} or (
            xobj is not None and xobj.lower_ in en.PRONOUN_OBJECTS
        ):
            return
        topics = [_activity(xcomp, ctx)]
    elif xcomp is not None:
        topics = [p for t in _with_conj(xcomp) if (p := phrase(t, ctx, lemma_head=True))]
    elif (loose := _loose_object(verb)) is not None:
        topics = [p for p in [phrase(loose, ctx, lemma_head=True)] if p]
    elif verb.dep_ == "relcl" and verb.head.lemma_ in {"something", "thing"}:
        holder = verb.head.head
        subj = _child(holder, "nsubj") if holder.lemma_ == "be" else None
        if subj is not None and (p := phrase(subj, ctx, lemma_head=True)):
            word = en.third_person(verb.lemma_) if verb.tag_ == "VBP" else verb.lower_
            text = _simple(subject, word, p)
            _add(out, [_mem("preference", text, subject, predicate, p, polarity=polarity,
                            confidence=confidence, object_type=_obj_type(subj, "", "concept"))])  # fmt: skip
        return
    for topic in topics:
        if len(topics) == 1:
            text = render(verb, ctx, subject)
        else:
            text = _simple(subject, en.third_person(verb.lemma_), topic)
        _add(out, [_mem("preference", text, subject, predicate, topic, polarity=polarity,
                        confidence=confidence, object_type=_obj_type(dobj, "", "concept"))])  # fmt: skip


def _loose_object(verb: Token) -> Token | None:
    """A mis-parsed object right after the verb ("I hate cilantro": cilantro/advmod/JJ)."""
    for child in verb.rights:
        if child.dep_ in {"advmod", "acomp", "oprd", "npadvmod", "attr"} and child.i == verb.i + 1:
            if child.pos_ in {"NOUN", "PROPN", "ADJ"} and child.lower_ not in en.DROP_WORDS:
                return child
    return None


def _activity(verb: Token, ctx: Context) -> str:
    """ "to play the guitar" -> "playing guitar"."""
    words = [en.gerund(verb.lemma_)]
    prt = _child(verb, "prt")
    if prt is not None:
        words.append(prt.lower_)
    dobj = _child(verb, "dobj", "attr")
    if dobj is not None and (p := phrase(dobj, ctx)):
        words.append(p)
    return " ".join(words)


def _copula(verb: Token, subj: Token, negated: bool, ctx: Context,
            out: list[ExtractedMemory]) -> None:  # fmt: skip
    if verb.tag_ == "VBD" or any(c.dep_ == "aux" for c in verb.children):
        return  # "I was a nurse", "I have been a nurse": not a present fact
    attr = _child(verb, "attr")
    acomp = _child(verb, "acomp")
    fav = any(c.lower_ in _FAV for c in subj.children) or (
        attr is not None and any(c.lower_ in _FAV for c in attr.children)
    )
    subject = None if fav else resolve(subj, ctx)
    if subject is None:
        if not negated and subj.lower_ not in FIRST | SECOND:
            _favourite(subj, attr if attr is not None else acomp, ctx, out, verb)
        return
    if attr is not None and attr.lemma_ == "fan":
        prep = _child(attr, "prep")
        topic = _pobj(prep) if prep is not None and prep.lower_ == "of" else None
        if topic is not None and (p := phrase(topic, ctx, lemma_head=True)):
            pol = "dislike" if negated else "like"
            _add(out, [_mem("preference", render(verb, ctx, subject), subject, f"{pol}s", p,
                            polarity=pol, object_type=_obj_type(topic, "", "concept"))])  # fmt: skip
        return
    if negated:
        return
    if attr is not None and attr.lemma_.lower() in en.KIN and owner_of(attr, ctx):
        owner = Referent(owner_of(attr, ctx) or "")
        _add(out, [_mem("fact", render(verb, ctx, subject), owner, en.KIN[attr.lemma_.lower()],
                        subject.name, object_type=subject.type)])  # fmt: skip
        return
    text = render(verb, ctx, subject)
    if attr is not None and attr.lemma_ == "member":
        prep = _child(attr, "prep")
        pobj = _pobj(prep) if prep is not None and prep.lower_ == "of" else None
        obj = phrase(pobj, ctx) if pobj is not None else None
        _add(out, [_mem("fact", text, subject, "member_of", obj, object_type="organization")]
             if obj else [])  # fmt: skip
    elif attr is not None and (
        attr.lemma_.lower() in en.STOP_ATTRS
        or _child(attr, "poss") is not None
        or attr.tag_ in {"NNS", "NNPS"}
    ):
        pass
    elif attr is not None and attr.pos_ in {"NOUN", "PROPN"}:
        obj = phrase(attr, ctx)
        _add(out, [_mem("fact", text, subject, "is_a", obj, object_type="concept")] if obj else [])
        for prep in attr.children:
            pobj = _pobj(prep) if prep.dep_ == "prep" and prep.lower_ in {"at", "for"} else None
            if pobj is not None and pobj.ent_type_ in {"ORG", "FAC"}:
                _add(out, [_mem("fact", text, subject, "works_at", phrase(pobj, ctx),
                                object_type="organization")])  # fmt: skip
    elif attr is not None and attr.like_num:
        _add(out, [_mem("fact", text, subject, "age", attr.text, object_type="other")])
    if acomp is not None:
        _adjective(verb, acomp, subject, text, ctx, out)
    for prep in verb.children:
        pobj = _pobj(prep) if prep.dep_ == "prep" else None
        obj = phrase(pobj, ctx) if pobj is not None else None
        if obj and prep.lower_ == "from":
            _add(out, [_mem("fact", text, subject, "is_from", obj, object_type="place")])
        elif obj and prep.lower_ == "into":
            p = phrase(pobj, ctx, lemma_head=True) if pobj is not None else None
            _add(out, [_mem("preference", text, subject, "likes", p, polarity="like",
                            object_type=_obj_type(pobj, "", "concept"))])  # fmt: skip


def _adjective(verb: Token, acomp: Token, subject: Referent, text: str, ctx: Context,
               out: list[ExtractedMemory]) -> None:  # fmt: skip
    adj = acomp.lower_ if acomp.tag_ == "VBN" else acomp.lemma_.lower()
    prep = _child(acomp, "prep")
    pobj = _pobj(prep) if prep is not None else None
    obj = phrase(pobj, ctx, lemma_head=adj in en.LIKE_ADJ) if pobj is not None else None
    if adj in en.ADJ_RELATIONS and obj and prep is not None and prep.lower_ == "to":
        pred = en.ADJ_RELATIONS[adj]
        _add(out, [_mem("fact", text, subject, pred, obj, object_type=_obj_type(pobj, pred))])
    elif adj in en.LIKE_ADJ and obj and prep is not None and prep.lower_ == en.LIKE_ADJ[adj]:
        _add(out, [_mem("preference", text, subject, "likes", obj, polarity="like",
                        object_type=_obj_type(pobj, "", "concept"))])  # fmt: skip
    elif adj in en.STATE_ADJ:
        _add(out, [_mem("fact", text, subject, "is_a", adj, object_type="concept")])
    elif adj == "old":
        num = next((t for t in acomp.subtree if t.like_num), None)
        if num is not None:
            _add(out, [_mem("fact", text, subject, "age", num.text, object_type="other")])


def _favourite(subj: Token, attr: Token | None, ctx: Context, out: list[ExtractedMemory],
               verb: Token) -> None:  # fmt: skip
    """ "My favourite book is Dune", "Jazz is my favourite kind of music"."""
    if attr is None:
        return
    if any(c.lower_ in _FAV for c in subj.children):
        category, topic = subj, attr
    elif any(c.lower_ in _FAV for c in attr.children):
        category, topic = attr, subj
    else:
        if subj.lemma_ == "name" and attr.pos_ == "PROPN":
            kin = _child(subj, "poss")
            owner = owner_of(kin, ctx) if kin is not None else None
            if kin is not None and owner and kin.lemma_.lower() in en.KIN:
                obj = phrase(attr, ctx)
                text = f"{obj} is {en.possessive(owner)} {kin.lower_}."
                _add(out, [_mem("fact", text, Referent(owner), en.KIN[kin.lemma_.lower()], obj,
                                object_type="person")])  # fmt: skip
        return
    holder = owner_of(category, ctx)
    obj = phrase(topic, ctx)
    if holder is None or obj is None:
        return
    head = category
    if head.lemma_.lower() in en.CLASS_NOUNS:
        prep = _child(head, "prep")
        head = (_pobj(prep) if prep is not None else None) or head
    pred = en.snake("favourite", head.lemma_)
    text = render(verb, ctx, None)
    _add(out, [_mem("preference", text, Referent(holder), pred, obj, polarity="like",
                    object_type=_obj_type(topic, "", "concept"))])  # fmt: skip


def _facts(verb: Token, subject: Referent, ctx: Context, out: list[ExtractedMemory],
           lemma: str) -> None:  # fmt: skip
    prt = _child(verb, "prt")
    full = f"{lemma} {prt.lower_}" if prt is not None else lemma
    date = _clause_date(verb, ctx)
    valid_from = date.value if date is not None else None
    text = render(verb, ctx, subject, date=date)
    dobj = _child(verb, "dobj")
    made = False
    for prep in verb.children:
        pobj = _pobj(prep) if prep.dep_ == "prep" else None
        if pobj is None or pobj.i in ctx.date_at:
            continue
        pred = en.FACT_PREDICATES.get((full, prep.lower_))
        if pred is None and lemma not in en.STOP_VERBS and dobj is None and not made:
            if prep.lower_ in {"at", "in", "for", "with", "on"}:
                pred = en.snake(en.third_person(lemma), prt.lower_ if prt else "", prep.lower_)
        obj = phrase(pobj, ctx, with_in=pred in en.PLACE_PREDICATES)
        if pred and obj:
            made = True
            _add(out, [_mem("fact", text, subject, pred, obj, valid_from=valid_from,
                            object_type=_obj_type(pobj, pred))])  # fmt: skip
            if full == "move" and verb.tag_ == "VBD":
                _add(out, [_mem("event", text, subject, "moved_to", obj, valid_from=valid_from,
                                object_type=_obj_type(pobj, "moved_to"))])  # fmt: skip
    if dobj is None:
        return
    pred = en.FACT_PREDICATES.get((full, ""))
    if pred is None and lemma not in en.STOP_VERBS:
        pred = en.snake(en.third_person(lemma), prt.lower_ if prt else "")
    for tok in _with_conj(dobj):
        obj = phrase(tok, ctx)
        if pred and obj:
            many = len(_with_conj(dobj)) > 1
            word = en.third_person(lemma) if many else ""
            _add(out, [_mem("fact", _simple(subject, word, obj) if many else text, subject, pred,
                            obj, valid_from=valid_from, object_type=_obj_type(tok, pred))])  # fmt: skip
    if lemma == "have" and dobj.lemma_.lower() in en.KIN and name_of(dobj) is None:
        obj = phrase(dobj, ctx)
        _add(out, [_mem("fact", text, subject, en.KIN[dobj.lemma_.lower()], obj,
                        object_type="person")] if obj else [])  # fmt: skip


def _is_habit(verb: Token) -> bool:
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
            pobj = _pobj(child)
            if pobj is not None and pobj.tag_ == "NNS" and pobj.lemma_.lower() in {
                "weekend", "monday", "tuesday", "wednesday", "thursday", "friday",
                "saturday", "sunday", "weekday"}:  # fmt: skip
                return True
    return False


def _habit(action: Token, verb: Token, subject: Referent, ctx: Context,
           out: list[ExtractedMemory]) -> None:  # fmt: skip
    words = [_activity(action, ctx)]
    if _child(action, "dobj") is None:
        for prep in action.children:
            pobj = _pobj(prep) if prep.dep_ == "prep" else None
            if pobj is not None and pobj.i not in ctx.date_at and (p := phrase(pobj, ctx)):
                words.append(f"{prep.lower_} {p}")
                break
    _add(out, [_mem("fact", render(verb, ctx, subject), subject, "habit", " ".join(words),
                    object_type="concept")])  # fmt: skip


def _event(verb: Token, subject: Referent, ctx: Context, out: list[ExtractedMemory],
           lemma: str) -> None:  # fmt: skip
    if lemma in en.PAST_STOP:
        return
    date = _clause_date(verb, ctx)
    valid_from = date.value if date is not None else None
    if date is None and any(c.lower_ == "just" for c in verb.children):
        valid_from = _midnight(ctx)
    prt = _child(verb, "prt")
    obj_tok: Token | None = _child(verb, "dobj")
    prep_word = ""
    if obj_tok is None:
        for prep in verb.children:
            pobj = _pobj(prep) if prep.dep_ == "prep" else None
            if pobj is not None and pobj.i not in ctx.date_at:
                obj_tok, prep_word = pobj, prep.lower_
                break
    obj = phrase(obj_tok, ctx) if obj_tok is not None else None
    if obj_tok is None:
        xcomp = _child(verb, "xcomp", "advcl")
        if xcomp is not None and xcomp.tag_ == "VBG":
            obj = _activity(xcomp, ctx)
        elif xcomp is not None and xcomp.pos_ == "NOUN":
            obj = phrase(xcomp, ctx)
    if obj is None:
        return
    if lemma in en.LIGHT_VERBS and valid_from is None:
        return
    if lemma == "get" and verb.tag_ == "VBN" and _child(verb, "aux") is not None:
        return  # "I've got two kids": possession, not an event
    form = verb.lower_ if verb.tag_ in {"VBD", "VBN"} else verb.lemma_
    pred = en.snake(form, prt.lower_ if prt else "", prep_word)
    text = render(verb, ctx, subject, date=date)
    if date is None and valid_from is not None:
        text = text[:-1] + " " + describe(valid_from, "day") + "."
    conf = 0.8 if valid_from is not None else 0.6
    mem = _mem("event", text, subject, pred, obj, valid_from=valid_from, confidence=conf,
               object_type=_obj_type(obj_tok, pred or ""))  # fmt: skip
    if mem is not None and lemma == "move" and prep_word == "to" and obj:
        fact = replace(mem, kind="fact", predicate="lives_in", object_type="place")
        _add(out, [fact, replace(mem, predicate="moved_to")])
        return
    _add(out, [mem])


def _midnight(ctx: Context) -> Any:
    at = ctx.at
    return at.replace(hour=0, minute=0, second=0, microsecond=0)
