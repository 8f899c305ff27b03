"""Who each utterance of a batch speaks to, from the turns around it: in a two-party
batch each speaker addresses the other; otherwise a turn answers the previous speaker.
Second-person mentions ("you live in Rome") resolve to the addressee."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from graphmem.extraction.base import Utterance


def with_addressees(utterances: Sequence[Utterance]) -> list[Utterance]:
    """The utterances with ``addressee`` filled in where it was unknown."""
    speakers = list(dict.fromkeys(u.speaker for u in utterances if u.speaker))
    out = []
    previous: str | None = None
    for u in utterances:
        addressee = u.addressee
        if addressee is None and len(speakers) == 2 and u.speaker in speakers:
            addressee = speakers[1 - speakers.index(u.speaker)]
        elif addressee is None and previous and previous != u.speaker:
            addressee = previous
        out.append(replace(u, addressee=addressee))
        previous = u.speaker or previous
    return out
