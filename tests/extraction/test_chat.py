"""Chat written the way people text: asides, emoji, lower case, questions tacked on."""

from __future__ import annotations

import pytest

from graphmem.extraction.chat import plain
from graphmem.extraction.spacy_extractor import SpacyExtractor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rip nibbles 🐹 got a bunny now", "rip nibbles , got a bunny now"),
        ("ngl working at channel 4 is chill lol", "    working at channel 4 is chill    "),
        ("i'm at ikea now, i think", "I'm at ikea now, I think"),
        ("so happy 🎉🎉", "so happy   "),
        ("25°C and sunny, Idris and I went out", "25°C and sunny, Idris and I went out"),
        ("Olivia lives in Iowa", "Olivia lives in Iowa"),  # no word is an aside
        ("i.e. the usual", "i.e. the usual"),
    ],
)
def test_asides_and_emoji_are_blanked_and_every_offset_kept(text: str, expected: str) -> None:
    out = plain(text)
    assert out == expected
    assert len(out) == len(text)


@pytest.mark.parametrize(
    ("text", "second"),
    [
        ("Since a few of you asked: Tobias and I split up.", "Tobias and I split up."),
        ("Big news: we moved to Lyon!", "we moved to Lyon!"),
        ("My top three: Muse, Blur and Pulp.", None),  # a list, no clause
        ("The plan: move to Lisbon next year.", None),  # no subject: a plan
        ("We met at 10:30 and talked.", None),
        ("Famous last words... moved to Phoenix.", "moved to Phoenix."),  # chat's pause
        ("I was going to... move to Lisbon.", None),  # a plan, broken off
    ],
)
def test_a_clause_after_a_colon_or_a_pause_is_a_sentence_of_its_own(
    text: str, second: str | None, extractor: SpacyExtractor
) -> None:
    sents = [s.text for s in extractor.nlp(text).sents]
    if second is None:
        assert len(sents) == 1, sents
    else:
        assert sents[-1] == second, sents
