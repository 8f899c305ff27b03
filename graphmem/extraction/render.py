"""Render a clause of a spaCy parse as a standalone third-person sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphmem.extraction import english as en
from graphmem.extraction.clauses import (
    FIRST,
    FIRST_POSS,
    SECOND,
    SECOND_POSS,
    Context,
    Referent,
)
from graphmem.extraction.temporal import DateMention, describe

if TYPE_CHECKING:
    from spacy.tokens import Token
else:
    Token = Any

_CONTRACTIONS = {
    "'m": "am",
    "'re": "are",
    "'ve": "have",
    "'ll": "will",
    "n't": "not",
    "'d": "would",
    "ca": "can",
    "wo": "will",
    "’m": "am",
    "’re": "are",
    "’ve": "have",
    "’ll": "will",
    "n’t": "not",
}
_SUBCLAUSE = frozenset(
    {
        "conj",
        "advcl",
        "parataxis",
        "ccomp",
        "csubj",
        "cc",
        "punct",
        "intj",
        "mark",
        "discourse",
        "dep",
        "preconj",
        "meta",
    }
)
_VOCATIVE = frozenset({"npadvmod", "appos", "intj", "dep", "attr", "conj"})


def clause_tokens(verb: Token) -> list[Token]:
    """The verb's own clause: its subtree minus coordinated and subordinate clauses."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in _SUBCLAUSE and not (child.dep_ == "punct" and child.text in "-'"):
                nominal = tok.pos_ not in {"VERB", "AUX"}
                if not (nominal and child.dep_ in {"conj", "cc"}):
                    continue
            stack.append(child)
    out.sort(key=lambda t: t.i)
    return out


def render(
    verb: Token,
    ctx: Context,
    subject: Referent | None,
    *,
    date: DateMention | None = None,
    third: bool = True,
) -> str:
    """The verb's clause as a standalone third-person sentence."""
    toks = clause_tokens(verb)
    subj_tokens: set[int] = set()
    subj_head = None
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            subj_head = child
            subj_tokens = {t.i for t in child.subtree}
    plural = subj_head is not None and (
        subj_head.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in subj_head.children)
    )
    pieces: list[tuple[int, str]] = []
    finite_done = not third or plural
    if subject is not None and subj_head is None:
        pieces.append((-1, subject.text))
    date_prep = None
    for tok in toks:
        if tok.i in subj_tokens:
            if subj_head is not None and tok.i == subj_head.i and subject is not None:
                pieces.append((tok.i, subject.text))
            elif subject is None:
                pieces.append((tok.i, _surface(tok, ctx)))
            continue
        if tok.i in ctx.date_at or tok.head.i in ctx.date_at:
            continue
        if tok.text == ctx.addressee and tok.dep_ in _VOCATIVE:
            continue
        if subj_head is not None and tok.i < subj_head.i and tok.i not in subj_tokens:
            continue  # "Hey Caroline, so glad you ...": only the clause proper
        if (tok.tag_ in {"WRB", "WP", "WDT"} and tok.head.i == verb.i) or (
            tok.text == "-" and tok.whitespace_
        ):
            continue
        if tok.dep_ == "prep" and _only_dates(tok, ctx):
            date_prep = tok.lower_
            continue
        if tok.lower_ in en.DROP_WORDS and tok.dep_ in {"advmod", "intj", "discourse"}:
            continue
        if tok.is_punct and tok.text not in {"-", "'", "&", ","}:
            continue
        word = _surface(tok, ctx)
        if not finite_done and tok.tag_ in {"VBP", "VBZ", "VBD", "MD"} and tok.i != -1:
            finite_done = True
            if tok.tag_ == "VBP":
                word = en.third_person(tok.lemma_) if tok.lemma_ != "be" else "is"
        pieces.append((tok.i, word))
    if date is not None:
        when = describe(date.value, date.granularity, with_preposition=date.adverbial)
        if not date.adverbial:
            when = f"{date.text.split()[0].lower()} {when}"
        elif date_prep in {"since", "until", "till", "by", "before", "after"}:
            when = f"{date_prep} {describe(date.value, date.granularity, with_preposition=False)}"
        pieces.append((10**6, when))
    return _join(pieces, verb.doc)


def _only_dates(prep: Token, ctx: Context) -> bool:
    kids = list(prep.children)
    return bool(kids) and all(k.i in ctx.date_at for k in kids)


def _surface(tok: Token, ctx: Context) -> str:
    low = tok.lower_
    if low in FIRST:
        return ctx.speaker if low != "myself" else "themself"
    if low in FIRST_POSS:
        return en.possessive(ctx.speaker)
    if ctx.addressee and low in SECOND:
        return ctx.addressee
    if ctx.addressee and low in SECOND_POSS:
        return en.possessive(ctx.addressee)
    return _CONTRACTIONS.get(low, tok.text)


def _join(pieces: list[tuple[int, str]], doc: Any) -> str:
    out: list[str] = []
    prev = -2
    for index, word in pieces:
        if out and index == prev + 1 and index >= 0 and not doc[prev].whitespace_:
            attach = word.startswith("'") or doc[index].lower_ not in _CONTRACTIONS
            out.append(word if attach else " " + word)
        else:
            out.append((" " if out else "") + word)
        prev = index
    text = "".join(out).strip().rstrip(",").replace(" ,", ",")
    if not text:
        return text
    return text[0].upper() + text[1:] + "."
