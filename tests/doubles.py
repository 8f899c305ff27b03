"""Fast in-process stand-ins for the two models, for tests whose behaviour does not
depend on them (in the spirit of httpx's ``MockTransport``). Both are deterministic,
load nothing and take microseconds. Tests of ranking quality, entity resolution by
meaning and extraction itself use the real models instead."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from graphmem.extraction.base import ExtractedEntity, ExtractedMemory, Extraction, Utterance
from graphmem.stores.base import Vector

_TOKEN = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


class HashEmbedder:
    """Bag-of-words vectors: each word (lower-cased, a plural ``s`` dropped) adds to
    two of ``dim`` coordinates chosen by a hash that is the same in every process.
    Texts sharing words are similar; the same text always gets the same vector."""

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        self.calls = 0

    def embed(self, texts: Sequence[str]) -> Vector:
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _TOKEN.findall(text.lower()):
                digest = hashlib.blake2b(_stem(word).encode(), digest_size=8).digest()
                for i in (0, 4):
                    bucket = int.from_bytes(digest[i : i + 3], "little") % self.dim
                    out[row, bucket] += 1.0 if digest[i + 3] & 1 else -1.0
            norm = float(np.linalg.norm(out[row]))
            if norm == 0:
                out[row, 0], norm = 1.0, 1.0
            out[row] /= norm
        return out


_NAME = r"(?P<o>[A-Z][\w'-]*(?: [A-Z][\w'-]*)*)"
_PLACE = re.compile(r"\b(?:in|to|from) " + _NAME)
#: (pattern, kind, predicate, object type, polarity, statement)
_RULES = [
    (re.compile(r"\bI (?:live|lived) in " + _NAME), "fact", "lives_in", "place", None, "lives in"),
    (
        re.compile(r"\bI (?:moved|am moving) to " + _NAME),
        "fact",
        "lives_in",
        "place",
        None,
        "lives in",
    ),
    (
        re.compile(r"\bI work at (?:the |a )?(?P<o>\w+)"),
        "fact",
        "works_at",
        "organization",
        None,
        "works at",
    ),
    (
        re.compile(r"\bI (?:love|like|adore|enjoy) (?P<o>[\w ]+?)[.!]"),
        "preference",
        "likes",
        "thing",
        "like",
        "likes",
    ),
]


class RuleExtractor:
    """A handful of fixed first-person patterns ("I live in X", "I moved to X", "I work
    at X", "I love X"), the speaker and capitalised places after "in", "to" or "from"
    as entities. Nothing else is extracted."""

    def extract(self, utterances: Sequence[Utterance]) -> list[Extraction]:
        return [self._one(u) for u in utterances]

    def _one(self, u: Utterance) -> Extraction:
        speaker = u.speaker or "the user"
        entities = {speaker: ExtractedEntity(speaker, "person")}
        memories = []
        for pattern, kind, predicate, otype, polarity, verb in _RULES:
            for m in pattern.finditer(u.text):
                obj = m.group("o").strip()
                memories.append(
                    ExtractedMemory(
                        kind=kind,
                        text=f"{speaker} {verb} {obj}.",
                        subject=speaker,
                        predicate=predicate,
                        object=obj,
                        polarity=polarity,
                        object_type=otype,
                    )
                )
                entities.setdefault(obj, ExtractedEntity(obj, otype))
        for m in _PLACE.finditer(u.text):
            entities.setdefault(m.group("o"), ExtractedEntity(m.group("o"), "place"))
        return Extraction(entities=tuple(entities.values()), memories=tuple(memories))
