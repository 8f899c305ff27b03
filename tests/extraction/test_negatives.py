"""Questions, hypotheticals, conditionals, negations and quotes never yield a positive
fact or preference."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graphmem.extraction.base import ExtractedMemory, Utterance
from graphmem.extraction.spacy_extractor import SpacyExtractor
from tests.extraction.extraction_data import load_rows, utterance

AT = datetime(2023, 5, 8, 13, 56, tzinfo=UTC)

QUESTIONS = [
    "Do you like jazz?",
    "Have you ever lived in Berlin?",
    "Are you a nurse?",
    "Is your sister still living in Denver?",
    "What's your favourite book?",
    "Don't you love summer?",
    "You work at the bank, right?",
    "Did you enjoy the concert last night?",
]
HYPOTHETICALS = [
    "If I moved to Rome, I would learn Italian.",
    "I might adopt a cat next year.",
    "I would love to visit Japan someday.",
    "I'd love to live by the sea one day.",
    "Maybe I'll become a teacher.",
    "I could see myself working at a museum.",
    "Unless it rains, I'll go hiking tomorrow.",
    "I wish I lived in Paris.",
    "I want to learn the piano.",
    "I'm planning to move to Chicago next year.",
    "I'm going to start a blog.",
    "I should really try yoga.",
    "Imagine if I were a pilot!",
    "I hope to work at a hospital someday.",
]
NEGATIONS = [
    "I don't live in Boston anymore.",
    "I'm not a nurse.",
    "I don't have any kids.",
    "I never went to college.",
    "I don't love horror movies.",
    "I don't work at the bakery now.",
    "I have no siblings.",
    "I never eat meat.",
]
QUOTES = [
    'My mom always says "I love gardening" whenever we visit.',
    'She told me, "I hate this city."',
    'He wrote "I live in Oslo" on his profile.',
    "Caroline said “I'm moving to Sweden” but she was joking.",
]


def _positive(mem: ExtractedMemory) -> bool:
    return mem.kind in {"fact", "preference"} and mem.polarity != "dislike"


@pytest.mark.parametrize("text", QUESTIONS + HYPOTHETICALS + NEGATIONS + QUOTES)
def test_no_positive_memory(extractor: SpacyExtractor, text: str) -> None:
    [result] = extractor.extract([Utterance(text, AT, speaker="Sam", addressee="Tim")])
    assert [m for m in result.memories if _positive(m)] == []


@pytest.mark.parametrize("text", QUESTIONS)
def test_questions_yield_nothing_at_all(extractor: SpacyExtractor, text: str) -> None:
    [result] = extractor.extract([Utterance(text, AT, speaker="Sam", addressee="Tim")])
    assert result.memories == ()


def test_negated_like_is_a_dislike_or_nothing(extractor: SpacyExtractor) -> None:
    [result] = extractor.extract([Utterance("I don't like coffee.", AT, speaker="Sam")])
    assert all(m.polarity == "dislike" for m in result.memories)


def test_labelled_negatives_hold(extractor: SpacyExtractor) -> None:
    rows = [r for r in load_rows() if r["file"] == "negatives.jsonl"]
    results = extractor.extract([utterance(r) for r in rows])
    wrong = [
        (row["text"], m)
        for row, result in zip(rows, results, strict=True)
        for m in result.memories
        if _positive(m)
    ]
    assert wrong == []
