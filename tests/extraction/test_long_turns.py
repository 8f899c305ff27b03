"""Long turns: extraction reads each entity and sentence from the tokens around it,
never by walking every entity of the document (which made a 120 KB turn take minutes),
and a long text is parsed in pieces joined into one document. Add time against size is
measured in ``benchmarks/add_scaling.py``, not here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from graphmem.extraction.base import Utterance
from graphmem.extraction.clauses import ent_text, entity_of, sentence_entities
from graphmem.extraction.spacy_extractor import PIECE, SpacyExtractor, pieces

AT = datetime(2023, 5, 8, tzinfo=UTC)
TURN = (
    "My sister Anna moved to New York City in May 2021. Ben works at the Red Cross in "
    "Lisbon now. Last week I met Dr. Maria Lopez at a cafe in Paris, France! "
    "We visited the Golden Gate Bridge with Tom and Jerry Smith.\n"
)


def test_entities_read_from_the_tokens_are_the_documents(nlp: Any) -> None:
    doc = nlp(TURN * 3)
    for sent in doc.sents:
        assert [(e.start, e.end, label) for e, label in sentence_entities(sent)] == [
            (e.start, e.end, e.label_) for e in sent.ents
        ]
    for tok in doc:
        found = next(
            ((e.start, e.end, e.label_) for e in doc.ents if e.start <= tok.i < e.end), None
        )
        assert entity_of(tok) == found
    assert ent_text(next(t for t in doc if t.text == "York")) == "New York City"


@given(st.text(st.sampled_from("ab .!?\n"), max_size=400), st.integers(4, 60))
@settings(max_examples=300, deadline=None)
def test_pieces_join_back_into_the_text(text: str, size: int) -> None:
    parts = pieces(text, size)
    assert "".join(parts) == text
    assert all(len(p) <= size for p in parts[:-1])


def test_a_long_turn_is_parsed_in_pieces_into_one_document(extractor: SpacyExtractor) -> None:
    long = TURN * (2 * PIECE // len(TURN) + 2)
    [doc] = list(extractor._parse([long]))
    assert doc.text == long and len(pieces(long)) > 2
    [whole] = extractor.extract([Utterance(long, AT, "Anna")])
    [short] = extractor.extract([Utterance(TURN, AT, "Anna")])
    assert {(m.subject, m.predicate, m.object) for m in short.memories} <= {
        (m.subject, m.predicate, m.object) for m in whole.memories
    }
