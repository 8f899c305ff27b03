"""Query text helpers shared by the read path."""

from __future__ import annotations

import re

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


def keywords(text: str) -> list[str]:
    """Content words of ``text``, lower-cased, stopwords dropped, first-seen order."""
    words = (w.strip("'").lower() for w in _WORD.findall(text))
    return list(dict.fromkeys(w for w in words if w and w not in STOPWORDS))
