"""Rules for relations stated with nouns and "be": kinship ("my sister Anna"),
identities ("I'm a nurse"), states ("I'm allergic to X"), favourites ("my favourite
book is Dune") and "be"-preferences ("I'm into X", "I'm a fan of X")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphmem.extraction import english as en
from graphmem.extraction import lexicon as lx
from graphmem.extraction.clauses import (
    FIRST,
    SECOND,
    Context,
    Referent,
    car_of,
    enduring,
    ent_text,
    forced_choice,
    is_modal,
    is_negated,
    mine,
    name_like,
    name_of,
    owner_of,
    phrase,
    resolve,
    tokens,
)
from graphmem.extraction.memories import Out, first_child, obj_type, object_of, subject_token
from graphmem.extraction.render import render

if TYPE_CHECKING:
    from spacy.tokens import Token
else:
    Token = Any

_FAV = en.FAVOURITE


def kin(tok: Token, ctx: Context, out: Out) -> None:
    """ "my sister Anna", "a brother named Leo" (object of have), "Mango, my new parrot"."""
    named = name_of(tok)
    if named is None and tok.dep_ == "appos" and name_like(tok.head):
        named = ent_text(tok.head)  # "Mango, my new parrot", "Bramble, my spaniel"
    if named is None and (bracket := _bracketed(tok)) is not None:
        named = ent_text(bracket)  # "Bramble (my rabbit) chewed through ..."
    if named is None and (before := _named_before_a_comma(tok)) is not None:
        named = ent_text(before)  # "Say hello to Pickle, our new rabbit!", the kin noun
        # read as the verb's object
    after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if named is None and after is not None and _named_beside(tok, after):
        named = ent_text(after)  # "My fiancé Rahul wants ...", the noun read as a modifier
    if named is None and after is not None and _capital_right_after(tok, after):
        named = after.text  # "my boyfriend Raj fixed the shelf", the name tagged an adverb
    if named is None:
        return
    if named.startswith(f"{tok.text} "):
        named = named[len(tok.text) + 1 :]  # "My gecko Toast", tagged one firm's name
    owner_name = owner_of(tok, ctx)
    if owner_name is None and tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
        owner_name = owner_of(tok.head, ctx)  # "my fiance Luca", "my" read as Luca's
    if owner_name is None and tok.dep_ == "dobj" and tok.head.lemma_ == "have":
        subj = subject_token(tok.head)
        ref = resolve(subj, ctx) if subj is not None else None
        if ref is None or is_negated(tok.head) or is_modal(tok.head):
            return
        owner_name = ref.name
    if owner_name is not None:
        _kin_fact(tok, named, owner_name, out)


def parents_met(sent: Any, ctx: Context, out: Out) -> None:
    """Whose parents the speaker meets is the speaker's partner: "Meeting Freya's parents
    this weekend, I'm terrified" ("Meeting" read as part of the name), "We're meeting
    Jonas's folks for lunch" (not "Mum met Tom's parents", nor "I never met ...")."""
    for noun in tokens(sent):
        if noun.lemma_.lower() not in _PARENTS and noun.lower_ not in _PARENTS:
            continue
        owner = next((c for c in noun.children if c.dep_ == "poss"), None)
        if owner is None or owner.pos_ != "PROPN":
            continue
        opening = [c for c in owner.lefts if c.dep_ == "compound"]
        if opening and opening[0].lower_ in {"meeting", "met"} and opening[0].i == sent.start:
            name = owner.text  # the sentence's subjectless opening verb
        elif noun.dep_ == "dobj" and noun.head.lemma_.lower() == "meet":
            verb = noun.head
            subj = subject_token(verb)
            if is_negated(verb) or (subj is not None and subj.lower_ not in {"i", "we"}):
                continue
            name = ent_text(owner)
        else:
            continue
        text = f"{en.possessive(ctx.speaker)} partner is {name}."
        out.add("fact", text, Referent(ctx.speaker), "has_partner", name, object_type="person")


def loved_by(sent: Any, ctx: Context, out: Out) -> None:
    """Whoever, named, loves the speaker, or said or told the speaker so, is the partner:
    "Ravi said he loves me!", "Ravi told me he loves me" (not "Mum loves me", nor "Ravi
    loves me like a brother", nor "Does Ravi love me?")."""
    for verb in tokens(sent):
        if verb.lemma_.lower() != "love" or is_negated(verb) or is_modal(verb):
            continue
        if not any(c.dep_ == "dobj" and c.lower_ == "me" for c in verb.children):
            continue
        if any(c.dep_ == "prep" for c in verb.children):
            continue  # "... loves me like a brother", "... for who I am"
        subj = subject_token(verb)
        if subj is not None and subj.lower_ in {"he", "she"} and verb.dep_ == "ccomp":
            teller = verb.head
            told = teller.lemma_.lower() in {"say", "tell"} and not is_negated(teller)
            subj = subject_token(teller) if told else None
        if subj is None or subj.pos_ == "PRON" or subj.lower_ in en.KIN:
            continue
        if any(c.dep_ == "poss" for c in subj.children):
            continue  # "my mum", "Tom's sister"
        ref = resolve(subj, ctx)
        if ref is None or ref.name == ctx.speaker:
            continue
        text = f"{en.possessive(ctx.speaker)} partner is {ref.name}."
        out.add("fact", text, Referent(ctx.speaker), "has_partner", ref.name, object_type="person")


#: a partner's family, as met
_PARENTS = frozenset({"parent", "parents", "family", "folk", "folks", "mum", "mom", "dad"})


def _named_as_kin(subj: Token, attr: Token | None, ctx: Context) -> bool:
    """A capitalised name said to be someone's kin or pet ("Olu is my boyfriend")."""
    return (
        attr is not None
        and subj.text[:1].isupper()
        and name_like(subj)
        and subj.lower_ not in en.KIN
        and attr.lemma_.lower() in en.KIN
        and owner_of(attr, ctx) is not None
    )


def _named_before_a_comma(tok: Token) -> Token | None:
    """The name right before ", my rabbit" when the parser hung the kin noun (said with
    "my" or "our", and no subject) elsewhere than on the name."""
    if not mine(tok) or tok.dep_ in {"nsubj", "nsubjpass", "appos", "poss"}:
        return None
    start = tok.left_edge.i
    if start < 2 or tok.doc[start - 1].text != ",":
        return None
    name = tok.doc[start - 2]
    if name.pos_ != "PROPN" or name.lower_ in en.KIN or not name.text[:1].isupper():
        return None
    return name


def _bracketed(tok: Token) -> Token | None:
    """The name before a bracketed "(my rabbit)" that says what it is, if ``tok`` is
    that kin noun said with "my" or "our"."""
    if not mine(tok):
        return None
    opening = next((c for c in tok.lefts if c.text == "("), None)
    if opening is None or opening.i == tok.sent.start:
        return None
    before = tok.doc[opening.i - 1]
    return before if name_like(before) else None


def _capital_right_after(tok: Token, after: Token) -> bool:
    """A capitalised word in mid-sentence right after "my"/"our" and a kin noun, whatever
    the tagger made of it ("my boyfriend Raj", Raj an adverb; "my boyfriend Will", a
    modal): a name."""
    return (
        after.text[:1].isupper()
        and after.is_alpha
        and after.lower_ != "i"
        and after.ent_type_ not in {"DATE", "TIME", "GPE", "LOC", "NORP", "ORG"}
        and mine(tok)
    )


def _named_beside(tok: Token, after: Token) -> bool:
    """The small parser's "My fiancé Rahul is lovely": the kin noun a modifier of the
    verb whose subject is the name right after it."""
    if after.pos_ != "PROPN":
        return False
    if after.dep_ == "poss" and tok.dep_ in {"nsubj", "npadvmod"}:
        return True  # "My girlfriend Amara's birthday is in May": the kin noun read apart
    return tok.dep_ == "npadvmod" and after.dep_ == "nsubj" and after.head == tok.head


def called_kin(verb: Token, subj: Token, ctx: Context, out: Out) -> bool:
    """ "My wife is called Anna", "Our dog is named Rex": the owner's relation, named."""
    name = first_child(verb, "oprd")
    holder = owner_of(subj, ctx)
    if (
        name is None
        or name.pos_ != "PROPN"
        or holder is None
        or subj.lemma_.lower() not in en.KIN
        or is_negated(verb)
    ):
        return False
    named = phrase(name, ctx)
    if named:
        _kin_fact(subj, named, holder, out)
    return bool(named)


def _kin_fact(tok: Token, named: str, owner_name: str, out: Out) -> None:
    """``named`` is ``owner_name``'s ``tok`` (a kin noun: sister, partner, cat)."""
    word = tok.lower_ if tok.tag_ != "NNS" else tok.lemma_.lower()
    noun = [c.lower_ for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
    text = f"{named} is {en.possessive(owner_name)} {' '.join([*noun, word])}."  # guinea pig
    lemma = tok.lemma_.lower()
    pet = lemma in en.PETS or lemma in lx.PET_NOUNS  # "my budgie Kiwi" as "my dog Rex"
    relation = en.KIN.get(lemma, "has_pet" if pet else "")
    if relation:
        kind = "thing" if pet else "person"
        out.add("fact", text, Referent(owner_name), relation, named, object_type=kind)


def _a_name(tok: Token) -> bool:
    """A proper noun, or a capitalised word no dictionary has ("My partner is Ugo", Ugo
    tagged an adjective)."""
    return tok.pos_ == "PROPN" or (
        tok.text[:1].isupper() and not tok.is_upper and not en.in_dictionary(tok.lower_)
    )


def copula(verb: Token, subj: Token, negated: bool, ctx: Context, out: Out) -> None:
    if verb.tag_ == "VBD" or (
        any(c.dep_ == "aux" for c in verb.children) and not (enduring(verb) or _since(verb))
    ):
        return  # "I was a nurse", "I have been a nurse": not a present fact (but "They've
        # been my favourite band since March" still holds)
    attr = first_child(verb, "attr")
    acomp = first_child(verb, "acomp")
    fav = any(c.lower_ in _FAV for c in subj.children) or (
        attr is not None and any(c.lower_ in _FAV for c in attr.children)
    )
    subject = None if fav else resolve(subj, ctx)
    if subject is None and not fav and _named_as_kin(subj, attr, ctx):
        words = [t for t in subj.lefts if t.dep_ == "compound"] + [subj]
        subject = Referent(" ".join(t.text for t in words))  # "Olu is my boyfriend now":
        # a name, whoever is said to be one's kin (not "Daniel's" of "Daniel's been ...")
    if subject is None and subj.lower_ == "we" and attr is not None and not negated:
        town = _town_of(attr)  # "We're Mancunians now": where the speaker's household lives
        if town is not None:
            text = render(verb, ctx, Referent(ctx.speaker))
            out.add("fact", text, Referent(ctx.speaker), "lives_in", town, object_type="place")
        return
    if subject is None:
        if not negated and subj.lower_ not in FIRST | SECOND:
            _favourite(subj, attr if attr is not None else acomp, ctx, out, verb)
        return
    if attr is not None and attr.lemma_ == "fan":
        prep = first_child(attr, "prep")
        topic = object_of(prep) if prep is not None and prep.lower_ == "of" else None
        if topic is not None and (p := phrase(topic, ctx, lemma_head=True)):
            pol = "dislike" if negated else "like"
            out.add(
                "preference",
                render(verb, ctx, subject),
                subject,
                f"{pol}s",
                p,
                polarity=pol,
                object_type=obj_type(topic, "", "concept"),
            )
        return
    if negated:
        return
    holder = owner_of(subj, ctx)
    # the parser sometimes takes the name for an adjective ("My girlfriend is Sara")
    name = attr if attr is not None else acomp
    if holder and name is not None and _a_name(name) and subj.lemma_.lower() in en.KIN:
        named = phrase(name, ctx) if name.pos_ == "PROPN" else name.text
        if named:  # "My husband is Tom": Tom is the speaker's husband
            _kin_fact(subj, named, holder, out)
        return
    if attr is not None and attr.lemma_.lower() in en.KIN and owner_of(attr, ctx):
        owner = Referent(owner_of(attr, ctx) or "")
        relation = en.KIN[attr.lemma_.lower()]
        text = render(verb, ctx, subject)
        if relation in en.PARTNERS and subject.name == ctx.speaker != owner.name:
            owner, subject = subject, Referent(owner.name)  # "I'm Leo's girlfriend now": Leo
            # is the speaker's partner, told from the speaker's side
        out.add("fact", text, owner, relation, subject.name, object_type=subject.type)
        return
    text = render(verb, ctx, subject)
    # vague, possessed or plural attributes ("a thing", "my life", "friends") say nothing
    # durable about the subject
    vague = attr is not None and (
        attr.lemma_.lower() in en.STOP_ATTRS
        or ((held_by := first_child(attr, "poss")) is not None and not _a_group_s(held_by))
        or attr.tag_ in {"NNS", "NNPS"}
        or any(c.dep_ == "det" and c.lower_ in {"that", "this"} for c in attr.children)
    )  # (nor "I'm that person now": a demonstrative points, it names no kind)
    if attr is not None and attr.lemma_ == "member":
        prep = first_child(attr, "prep")
        pobj = object_of(prep) if prep is not None and prep.lower_ == "of" else None
        obj = phrase(pobj, ctx) if pobj is not None else None
        out.add("fact", text, subject, "member_of", obj, object_type="organization")
    elif attr is not None and (town := _town_of(attr)) is not None:
        # "I'm officially a Londoner now": where the speaker lives
        out.add("fact", text, subject, "lives_in", town, object_type="place")
    elif attr is not None and (sport := _sport_of(attr)) is not None:
        # "I'm a keen cyclist": a sport the speaker does (not "a runner at the BBC", a job)
        out.add("fact", text, subject, "plays_sport", sport, object_type="concept")
    elif attr is not None and (car := car_of(attr)) is not None:
        # "I'm a Skoda driver now", "a proud Tesla owner": no job
        out.add("fact", text, subject, "drives", lx.with_make(car), object_type="thing")
    elif attr is not None and not vague and attr.pos_ in {"NOUN", "PROPN"}:
        obj = phrase(attr, ctx)
        if first_child(attr, "poss") is not None:  # "the team's new account manager": the
            # role, without the group it is held in
            obj = " ".join(t.text for t in [*attr.lefts, attr] if t.dep_ == "compound" or t == attr)
        said = _identity(attr.lemma_.lower(), obj)
        out.add("fact", text, subject, said, obj, object_type="concept")
        for prep in firms_of(attr):  # "I'm a chef at Nando's"
            if (firm := object_of(prep)) is not None:
                out.add(
                    "fact", text, subject, "works_at", phrase(firm, ctx), object_type="organization"
                )
    elif attr is not None and not vague and attr.like_num:
        out.add("fact", text, subject, "age", attr.text, object_type="other")
    if acomp is not None:
        adjective(verb, acomp, subject, text, ctx, out)
    for prep in verb.children:
        pobj = object_of(prep) if prep.dep_ == "prep" else None
        obj = phrase(pobj, ctx) if pobj is not None else None
        if obj and prep.lower_ == "from" and prep.i > verb.i:
            # (not "Tom from work is vegan": the name's "from", read as the verb's)
            out.add("fact", text, subject, "is_from", obj, object_type="place")
        elif pobj is not None and prep.lower_ == "on" and (diet := _diet_of(pobj)):
            out.add("fact", text, subject, "diet", diet, object_type="concept")
        elif obj and pobj is not None and prep.lower_ == "with" and _with_now(verb, pobj):
            out.add("fact", text, subject, "has_partner", obj, object_type="person")
        elif obj and prep.lower_ == "into":
            p = phrase(pobj, ctx, lemma_head=True) if pobj is not None else None
            out.add(
                "preference",
                text,
                subject,
                "likes",
                p,
                polarity="like",
                object_type=obj_type(pobj, "", "concept"),
            )


def _with_now(verb: Token, pobj: Token) -> bool:
    """ "I'm with Dev these days", "She's with Marco now": a person one is with, as a
    state that holds now, is a partner (not "I'm with Tom at the cafe", nor "I'm with
    Vodafone now")."""
    person = (
        pobj.ent_type_ == "PERSON"
        or (pobj.ent_type_ == "" and pobj.text in lx.first_names())
        or (pobj.ent_type_ == "GPE" and pobj.text not in lx.place_names())
    )  # (a name the NER took for a place that is none: "I'm with Nina now")
    after = " ".join(t.lower_ for t in pobj.doc[pobj.i + 1 : pobj.i + 3])
    now = any(c.lower_ in {"now", "nowadays"} for c in verb.children) or after.startswith(
        ("now", "these days", "nowadays")
    )  # (the parser may hang "these days" on a clause after it)
    others = [c for c in verb.children if c.dep_ == "prep" and c.i != pobj.head.i]
    return pobj.pos_ == "PROPN" and person and now and not others


def _diet_of(noun: Token) -> str | None:
    """The diet a noun names, itself or by the word before it: "(on) keto", "(on) the
    whole30 thing", "(on) a pescatarian kick"; None for any other noun."""
    if noun.lower_ in lx.DIETS:
        return noun.lower_
    for word in noun.children:
        said = noun.doc[word.left_edge.i : word.i + 1].text.lower()
        if word.dep_ in {"compound", "amod"} and word.i < noun.i and said in lx.DIETS:
            return said
    return None


def _since(verb: Token) -> bool:
    """A present perfect that goes on to now: "have been ... since March"."""
    return (
        verb.tag_ == "VBN"
        and any(c.lower_ in {"has", "have", "'s", "'ve"} for c in verb.children)
        and any(
            c.lower_ == "since"
            or (c.dep_ == "advcl" and any(g.lower_ == "since" for g in c.children))
            for c in verb.children
        )
    )


def adjective(
    verb: Token,
    acomp: Token,
    subject: Referent,
    text: str,
    ctx: Context,
    out: Out,
) -> None:
    adj = acomp.lower_ if acomp.tag_ == "VBN" else acomp.lemma_.lower()
    said = acomp.doc[acomp.left_edge.i : acomp.i + 1].text.lower()
    prep = first_child(acomp, "prep")
    pobj = object_of(prep) if prep is not None else None
    obj = phrase(pobj, ctx, lemma_head=adj in en.LIKE_ADJ) if pobj is not None else None
    if adj in en.ADJ_RELATIONS and obj and prep is not None and prep.lower_ == "to":
        pred = en.ADJ_RELATIONS[adj]
        kind = "person" if pred in en.PERSON_PREDICATES else obj_type(pobj, pred)
        out.add("fact", text, subject, pred, obj, object_type=kind)
    elif adj in en.LIKE_ADJ and obj and prep is not None and prep.lower_ == en.LIKE_ADJ[adj]:
        out.add(
            "preference",
            text,
            subject,
            "likes",
            obj,
            polarity="like",
            object_type=obj_type(pobj, "", "concept"),
        )
    elif adj in en.STATE_ADJ or said in lx.DIETS:
        said = adj if adj in en.STATE_ADJ else said  # "I'm gluten-free now"
        out.add("fact", text, subject, _identity(said), said, object_type="concept")
    elif adj == "old":
        num = next((t for t in acomp.subtree if t.like_num), None)
        if num is not None:
            out.add("fact", text, subject, "age", num.text, object_type="other")


#: one name of a favourite's predicate, the catalogue's (``favourite_colour``; a meal or a
#: dish is a food, so a later "my favourite food" replaces it)
_BRITISH = {
    "color": "colour",
    "movie": "film",
    "show": "tv_show",
    "flavor": "flavour",
    "meal": "food",
    "dish": "food",
}


#: the groups a role is held in: "I'm the team's new account manager"
_GROUPS = frozenset(
    {"team", "company", "firm", "department", "office", "school", "startup", "agency", "club"}
)


def _a_group_s(owner: Token) -> bool:
    """A possessive of the group a role is held in ("the team's"), not a person's."""
    return owner.lemma_.lower() in _GROUPS and owner.pos_ == "NOUN"


def _town_of(attr: Token) -> str | None:
    """The town whose people ``attr`` names ("Londoner", "New Yorkers"), else None."""
    before = attr.doc[attr.i - 1].lower_ + " " if attr.i > attr.sent.start else ""
    return lx.demonym_town(before + attr.lower_) or lx.demonym_town(attr.lower_)


def _sport_of(attr: Token) -> str | None:
    sport = lx.SPORT_PEOPLE.get(attr.lemma_.lower())
    if sport is None or sport not in lx.SPORTS or any(c.dep_ == "prep" for c in attr.children):
        return None
    return sport


def firms_of(title: Token) -> list[Token]:
    """The "at Tesco" of "a chef at Tesco", "a nurse at the Royal Free": a firm by its
    name (not "a carer for my mum")."""
    return [
        prep
        for prep in title.children
        if prep.dep_ == "prep"
        and prep.lower_ in {"at", "for"}
        and (firm := object_of(prep)) is not None
        and (firm.ent_type_ in {"ORG", "FAC"} or firm.pos_ == "PROPN")
    ]


def _identity(word: str, said: str | None = None) -> str:
    """ "I'm a nurse" is a job (``works_as``), "I'm vegan" a diet, anything else ``is_a``
    (``said``: the phrase, for a two-word head: "I'm cabin crew now")."""
    if word in lx.DIETS:
        return "diet"
    if word in lx.JOB_HEADS or " ".join((said or "").lower().split()[-2:]) in lx.JOB_HEADS:
        return "works_as"
    return "is_a"


def named_kin(name: Token) -> Token | None:
    """Whose name "name" is: "my sister's name is Ada" ("my sister name is Ada"), or with
    "her"/"his" the unnamed relative the sentence spoke of before ("I have a girlfriend
    now, her name's Priya")."""
    poss = first_child(name, "poss")
    said_as_modifier = next(
        (c for c in name.children if c.dep_ == "compound" and c.lemma_.lower() in en.KIN), None
    )
    if said_as_modifier is not None and poss is not None and poss.pos_ == "PRON":
        return said_as_modifier  # a learner's "My husband name is Ahmed", no "'s"
    if poss is None or poss.lower_ not in {"her", "his", "their"}:
        return poss
    kin = antecedent(poss)
    return kin if kin is not None and kin.lemma_.lower() in en.KIN else None


def antecedent(poss: Token) -> Token | None:
    """The unnamed noun a "her"/"his" refers back to: the sentence's last noun before it
    ("I have a girlfriend now, her name is Priya"; "my son's teacher, her name ...": the
    teacher)."""
    before = [t for t in poss.sent if t.i < poss.i and t.tag_ in {"NN", "NNS"}]
    if not before or name_of(before[-1]) is not None:
        return None
    return before[-1]


def later_name(kin: Token) -> Token | None:
    """The name the sentence gives ``kin`` further on: "a girlfriend, her name is Priya"
    (also as the small parser reads "her name's Priya": "name" a possessive of Priya)."""
    for name in kin.sent:
        if name.i <= kin.i or name.lemma_ != "name" or named_kin(name) != kin:
            continue
        if name.dep_ == "poss" and name.head.pos_ == "PROPN":
            return name.head
        if name.dep_ == "nsubj" and name.head.lemma_ == "be":
            attr = first_child(name.head, "attr")
            if attr is not None and attr.pos_ == "PROPN":
                return attr
    return None


def _had_by_speaker(kin: Token, ctx: Context) -> str | None:
    """ "I have a girlfriend", "I've got a new boyfriend", a chat's "Got a boyfriend now":
    the speaker's relative."""
    verb = kin.head
    if kin.dep_ != "dobj" or verb.lemma_.lower() not in {"have", "get", "got", "meet", "met"}:
        return None
    subj = subject_token(verb)
    if subj is None and verb.i == verb.sent.start and verb.text[:1].isupper():
        return ctx.speaker  # the chat's dropped "I've"
    return ctx.speaker if subj is not None and subj.lower_ in FIRST else None


def _favourite(subj: Token, attr: Token | None, ctx: Context, out: Out, verb: Token) -> None:
    """ "My favourite book is Dune", "Jazz is my favourite kind of music"."""
    if attr is None:
        return
    if any(c.lower_ in _FAV for c in subj.children):
        category, topic = subj, attr
    elif subj.lower_ in {"it", "they"} and any(c.lower_ in _FAV for c in attr.children):
        # "Saw Idles live. They're my favourite band now", "it's my favourite thing to eat"
        said = _said_before(subj, ctx) if attr.lemma_ == "thing" else _named_before(subj)
        if said is not None:
            kind = _kind_of(said, ctx) if attr.lemma_ == "thing" else ""
            if kind:
                _bare_favourite(kind, said, attr, None, ctx, out)
            else:
                _favourite_fact(attr, said, None, ctx, out)
        return
    elif any(c.lower_ in _FAV for c in attr.children):
        category, topic = attr, subj
    elif subj.lower_ in _FAV and (kind := _kind_of(attr, ctx)):
        _bare_favourite(kind, attr, subj, render(verb, ctx, None), ctx, out, ctx.speaker)
        return  # a chat's "Favourite is falafel now"
    elif attr.lower_ in _FAV and (kind := _kind_of(subj, ctx)):
        _bare_favourite(kind, subj, attr, render(verb, ctx, None), ctx, out)
        return  # "Kebab is my favourite now": the lexicon says of what
    elif (
        attr.lower_ in _FAV and subj.lower_ in {"it", "they"} and (said := _said_before(subj, ctx))
    ):
        _bare_favourite(_kind_of(said, ctx), said, attr, None, ctx, out)
        return  # "I'm hooked on dim sum, it's my favourite now"
    else:
        if subj.lemma_ == "name" and attr.pos_ == "PROPN":
            kin = named_kin(subj)
            owner = (
                owner_of(kin, ctx) or owner_of(subj, ctx) or _had_by_speaker(kin, ctx)
                if kin is not None
                else None
            )  # (the name's owner: "My husband name is Ahmed")
            if kin is not None and owner and kin.lemma_.lower() in en.KIN:
                obj = phrase(attr, ctx)
                text = f"{obj} is {en.possessive(owner)} {kin.lower_}."
                out.add(
                    "fact",
                    text,
                    Referent(owner),
                    en.KIN[kin.lemma_.lower()],
                    obj,
                    object_type="person",
                )
        return
    _favourite_fact(category, topic, render(verb, ctx, None), ctx, out)


#: lexicons that say what a bare favourite is a favourite of
_KINDS = (
    (lx.FOODS, "food"),
    (lx.DRINKS, "drink"),
    (lx.SPORTS, "sport"),
    (lx.GENRES, "genre"),
    (lx.COLOURS, "colour"),
)


def _kind_of(topic: Token, ctx: Context) -> str:
    """What a lexicon says ``topic`` (its phrase, or its head word) is: "food", "sport"."""
    names = {(phrase(topic, ctx) or "").lower(), topic.lower_, topic.lemma_.lower()}
    return next((kind for words, kind in _KINDS if names & words), "")


def _said_before(it: Token, ctx: Context) -> Token | None:
    """The last word before "it"/"they" in its sentence or the one before that a lexicon
    says what it is ("Croissants for breakfast again, they're my favourite"; "Made ramen
    on Saturday. Honestly it's my favourite thing to eat now"; also a dish the tagger
    took for a verb, "introduced me to burritos")."""
    before = [t for t in _told_before(it) if t.pos_ in {"NOUN", "PROPN", "VERB"}]
    return next((t for t in reversed(before) if _kind_of(t, ctx)), None)


def _named_before(it: Token) -> Token | None:
    """The last name before "it"/"they" in its sentence or the one before ("took me to
    see Elbow, and they have become my favourite band")."""
    before = [
        t
        for t in _told_before(it)
        if (t.pos_ == "PROPN" or _capitalised_noun(t))
        and t.ent_type_ not in {"DATE", "GPE", "LOC", "FAC", "TIME"}
        and t.lower_ not in en.KIN
    ]  # "Saw Idles in Leeds. They're ...": Idles; "my nan's lasagne ... it's": no nan
    return before[-1] if before else None


def _as_written(obj: str, topic: Token) -> str:
    """``obj``, a phrase of ``topic`` that reads it (partly) lower-cased, as the sentence
    writes it: "Perfect Days", not "Perfect days"."""
    sent = topic.sent
    at = sent.text.lower().find(obj.lower())
    if at < 0:
        return obj
    return sent.text[at : at + len(obj)]


def _capitalised_noun(tok: Token) -> bool:
    """A title the tagger read as common nouns: "Saw Past Lives last night" (not a
    sentence's first word)."""
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start


def _told_before(it: Token) -> list[Token]:
    """The words before ``it`` in its sentence and the sentence before."""
    start = it.sent.start
    if start > 0:
        start = it.doc[start - 1].sent.start
    return list(it.doc[start : it.i])


def chosen_favourite(verb: Token, ctx: Context, out: Out) -> bool:
    """ "If I had to pick one favourite food, it'd be paella": the speaker's favourite
    food is paella. False when ``verb`` states no forced choice."""
    category = forced_choice(verb)
    if category is None:
        return False
    topic = first_child(verb, "attr") or first_child(verb, "acomp")
    if topic is None:
        return True
    if category.lemma_.lower() in {"one", "thing"}:  # "If I had to pick one, it'd be pho"
        kind = _kind_of(topic, ctx) or ("food" if category.head.lemma_ == "eat" else "")
        if kind:
            _bare_favourite(kind, topic, category, None, ctx, out, ctx.speaker)
    elif any(c.lower_ in _FAV for c in category.children):
        _favourite_fact(category, topic, None, ctx, out, holder=ctx.speaker)
    return True


def became_favourite(verb: Token, subj: Token, ctx: Context, out: Out) -> None:
    """ "Burritos have become my favourite", "they've become my favourite band": a taste
    that holds now, its topic the subject or, for "it"/"they", the thing named before."""
    attr = first_child(verb, "attr") or first_child(verb, "acomp")
    if attr is None or not (attr.lower_ in _FAV or any(c.lower_ in _FAV for c in attr.children)):
        return
    topic: Token | None = subj
    if subj.lower_ in {"it", "they"}:
        topic = _said_before(subj, ctx) if attr.lower_ in _FAV else _named_before(subj)
    if topic is None:
        return
    if attr.lower_ in _FAV:
        _bare_favourite(_kind_of(topic, ctx), topic, attr, None, ctx, out)
    else:
        _favourite_fact(attr, topic, None, ctx, out)


def _bare_favourite(
    kind: str,
    topic: Token,
    favourite: Token,
    text: str | None,
    ctx: Context,
    out: Out,
    unowned: str | None = None,
) -> None:
    """``topic`` is the favourite ``kind`` of whoever "my"/"her" before ``favourite`` is
    (``unowned`` when nothing is before it)."""
    owned = any(c.dep_ == "poss" for c in favourite.children)
    holder = owner_of(favourite, ctx) if owned else unowned
    # a dish the tagger took for a verb ("a place that does falafel wraps") is its word
    obj = topic.lower_ if topic.pos_ == "VERB" else phrase(topic, ctx)
    if not holder or obj is None:
        return
    if text is None:
        text = f"{obj} is {en.possessive(holder)} favourite {kind}."
    out.add(
        "preference",
        text,
        Referent(holder),
        f"favourite_{kind}",
        obj,
        polarity="like",
        object_type="concept",
    )


#: favourites that are someone named, never a common noun
_MAKERS = frozenset({"band", "singer", "artist", "group", "musician", "rapper", "author"})


def favourite_appos(tok: Token, ctx: Context, out: Out) -> None:
    """ "Bought tickets to see Radiohead, my favourite band!": a name and, beside it,
    the favourite it is."""
    if not any(c.lower_ in _FAV for c in tok.children):
        return
    if tok.dep_ == "appos":
        head = tok.head
        maker = tok.lemma_.lower() in _MAKERS
        if maker and (head.pos_ != "PROPN" or head.ent_type_ in {"GPE", "LOC", "FAC"}):
            # "OOO tomorrow, flying out to see BTS in Seoul, my favourite group": the
            # name before it, not a word far back or the town
            head = _named_before(tok) or head
        owned = any(c.dep_ == "poss" for c in head.children)
        if maker and head.pos_ == "NOUN" and owned:
            return  # "how I clean my flat, my favourite band": the band is not the flat
        _favourite_fact(tok, head, None, ctx, out)
        return
    # "I'm making my famous chili tonight, my favourite meal": beside the verb's object
    made = [c for c in tok.head.children if c.dep_ == "dobj"] if tok.head.pos_ == "VERB" else []
    if made and _kind_of(made[0], ctx):
        _favourite_fact(tok, made[0], None, ctx, out)


def _favourite_fact(
    category: Token,
    topic: Token,
    text: str | None,
    ctx: Context,
    out: Out,
    holder: str | None = None,
) -> None:
    """``topic`` is its owner's favourite of ``category`` ("band", "kind of music"), said
    in ``text`` (or, when None, in a sentence of its own); the owner is the possessive
    before ``category``, or ``holder`` when given."""
    holder = holder or owner_of(category, ctx)
    obj = phrase(topic, ctx)
    if holder is None or obj is None:
        return
    if topic.text[:1].isupper() and not _kind_of(topic, ctx):
        obj = _as_written(obj, topic)  # "Queen is my favourite band", "Saw Past Lives,
        # it's my favourite film": a name the tagger took for nouns
    if text is None:
        text = f"{obj} is {en.possessive(holder)} favourite {category.lower_}."
    head = category
    if head.lemma_.lower() in en.CLASS_NOUNS:
        prep = first_child(head, "prep")
        head = (object_of(prep) if prep is not None else None) or head
    pred = en.snake("favourite", _BRITISH.get(head.lemma_.lower(), head.lemma_))
    out.add(
        "preference",
        text,
        Referent(holder),
        pred,
        obj,
        polarity="like",
        object_type=obj_type(topic, "", "concept"),
    )
