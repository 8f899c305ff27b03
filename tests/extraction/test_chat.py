"""Chat written the way people text: asides, emoji, lower case, questions tacked on."""

from __future__ import annotations

import pytest

from graphmem.extraction.chat import plain


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
