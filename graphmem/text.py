"""Tokenising, in one place: what the keyword indexes receive (``query_terms``), the
terms keyword scoring counts (``index_terms``: the same words, stemmed), the content
words of a query (``keywords``), the entity keys it may name (``query_entity_keys``) and
the query without its dates (``strip_dates``). One word pattern serves them all."""

from __future__ import annotations

import functools
import re
from datetime import datetime
from typing import Any

from graphmem.codec import entity_key
from graphmem.extraction.temporal import find_dates

#: a word: letters, digits and underscores, with apostrophes inside ("don't", "Anna's")
_WORD = re.compile(r"[\w']+", re.UNICODE)

_STOPWORDS_TEXT = """
a about above after again against all am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for
from further had has have having he her here hers herself him himself his how i if in
into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours
yourself yourselves ever did does s t don't didn't what's who's i'm it's
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


def words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, quotes around them dropped, in order."""
    found = (w.strip("'").lower() for w in _WORD.findall(text))
    return [w for w in found if w]


def query_terms(text: str) -> list[str]:
    """The distinct lower-case word tokens of ``text`` (apostrophes split words) that hold
    a letter or a digit: all a keyword index is ever sent, so no query syntax of SQLite
    FTS5, Lucene or RediSearch can come from the caller (RediSearch refuses a lone "_"
    beside a number: "0|_")."""
    terms = (t for w in words(text) for t in w.split("'") if t.strip("_"))
    return list(dict.fromkeys(terms))


@functools.cache
def _porter() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("porter")


@functools.lru_cache(maxsize=65536)
def stem(term: str) -> str:
    """A lower-case word token reduced to its stem by the original Porter algorithm (the
    one SQLite's FTS5 ``porter`` tokenizer and Lucene's English analyzer apply)."""
    return str(_porter().stemWord(term))


@functools.lru_cache(maxsize=65536)
def index_terms(text: str) -> tuple[str, ...]:
    """The stemmed word tokens of ``text``, in order, repeats kept (a token the stemmer
    reduces to nothing, as a lone "s", left out): what keyword scoring counts in a
    document (``graphmem.stores.semantics.bm25``)."""
    stems = (stem(t) for w in words(text) for t in w.split("'") if t)
    return tuple(s for s in stems if s)


def keywords(text: str) -> list[str]:
    """Content words of ``text``, lower-cased, stopwords dropped, first-seen order."""
    return list(dict.fromkeys(w for w in words(text) if w not in STOPWORDS))


#: words that ask about the present ("Where is she based these days?")
NOW = re.compile(r"\b(now|currently|nowadays|these days|at the moment|at present|current)\b")


def query_keywords(query: str) -> list[str]:
    """The ``keywords`` of a query, without the words that say it asks about the present
    ("these days", "at the moment"): they say when, not what, and would find every turn
    that says "these days"."""
    return keywords(NOW.sub(" ", query.lower()))


def query_entity_keys(query: str, longest: int = 3) -> list[str]:
    """Entity keys of every 1..``longest``-word span of the query."""
    keys = [k for k in (entity_key(t) for t in query.split()) if k]
    grams = {
        " ".join(keys[i : i + n]) for n in range(1, longest + 1) for i in range(len(keys) - n + 1)
    }
    return sorted(g for g in grams if g not in STOPWORDS)


def strip_dates(query: str, at: datetime) -> str:
    """The query without its date expressions ("Where did Anna live in May 2023?" ->
    "Where did Anna live?"), to see what it asks whatever the time."""
    out, last = [], 0
    for m in find_dates(query, at):
        out.append(query[last : m.start])
        last = m.end
    out.append(query[last:])
    return " ".join("".join(out).split()).replace(" ?", "?")
