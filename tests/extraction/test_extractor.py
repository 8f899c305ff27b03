"""SpacyExtractor behaviour: contract, laziness, determinism, conventions."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from graphmem.extraction.base import Extraction, Extractor, Utterance
from graphmem.extraction.english import PREDICATE_RE
from graphmem.extraction.spacy_extractor import SpacyExtractor
from tests.extraction.extraction_data import load_rows, utterance

AT = datetime(2023, 5, 8, 13, 56, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


def _one(extractor: SpacyExtractor, text: str, **kw: str | None) -> Extraction:
    [result] = extractor.extract([Utterance(text, AT, **kw)])  # type: ignore[arg-type]
    return result


def test_importing_does_not_import_spacy() -> None:
    code = (
        "import sys; import graphmem.extraction.spacy_extractor as m; "
        "m.SpacyExtractor(); print('spacy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_is_an_extractor(extractor: SpacyExtractor) -> None:
    assert isinstance(extractor, Extractor)
    assert extractor.extract([]) == []


def test_one_extraction_per_utterance_in_order(extractor: SpacyExtractor) -> None:
    texts = ["I love hiking.", "Do you?", "I live in Berlin.", ""]
    results = extractor.extract([Utterance(t, AT, speaker="Ann") for t in texts])
    assert len(results) == 4
    assert results[0].memories[0].object == "hiking"
    assert results[1].memories == ()
    assert results[2].memories[0].object == "Berlin"
    assert results[3] == Extraction(entities=results[3].entities, clues=())


def test_deterministic(extractor: SpacyExtractor, nlp: object) -> None:
    rows = load_rows()
    batch = [utterance(r) for r in rows]
    first = extractor.extract(batch)
    again = SpacyExtractor(nlp=nlp, batch_size=7).extract(batch)
    assert first == again


def test_speaker_substitution_and_conjugation(extractor: SpacyExtractor) -> None:
    result = _one(extractor, "I love hiking.", speaker="Melanie")
    [mem] = result.memories
    assert (mem.kind, mem.subject, mem.predicate, mem.object, mem.polarity) == (
        "preference",
        "Melanie",
        "likes",
        "hiking",
        "like",
    )
    assert mem.text == "Melanie loves hiking."
    assert result.entities[0].name == "Melanie" and result.entities[0].type == "person"


def test_naming_ones_kin_states_the_relation(extractor: SpacyExtractor) -> None:
    for text, predicate, name, word in [
        ("My partner is Ines.", "has_partner", "Ines", "partner"),
        ("My husband is Tom.", "married_to", "Tom", "husband"),
    ]:
        [mem] = _one(extractor, text, speaker="Maya").memories
        assert (mem.subject, mem.predicate, mem.object) == ("Maya", predicate, name)
        assert mem.text == f"{name} is Maya's {word}."


def test_unknown_speaker_is_the_user(extractor: SpacyExtractor) -> None:
    [mem] = _one(extractor, "I'm a nurse.").memories
    assert mem.subject == "the user" and mem.text == "The user is a nurse."


def test_second_person_needs_an_addressee(extractor: SpacyExtractor) -> None:
    assert _one(extractor, "You are a teacher.", speaker="Ann").memories == ()
    [mem] = _one(extractor, "You are a teacher.", speaker="Ann", addressee="Bo").memories
    assert (mem.subject, mem.predicate, mem.object) == ("Bo", "works_as", "teacher")


def test_third_person_pronoun_needs_one_antecedent(extractor: SpacyExtractor) -> None:
    assert _one(extractor, "She lives in Oslo.", speaker="Ann").memories == ()
    mems = _one(extractor, "My sister Eva is great. She lives in Oslo.", speaker="Ann").memories
    assert ("Eva", "lives_in", "Oslo") in [(m.subject, m.predicate, m.object) for m in mems]


def test_family_convention(extractor: SpacyExtractor) -> None:
    mems = _one(extractor, "My sister Anna lives in Berlin.", speaker="Melanie").memories
    triples = [(m.subject, m.predicate, m.object) for m in mems]
    assert ("Melanie", "has_sister", "Anna") in triples
    assert ("Anna", "lives_in", "Berlin") in triples


def test_event_date_and_text(extractor: SpacyExtractor) -> None:
    text = "I went to a LGBTQ support group yesterday and it was so powerful."
    [mem] = _one(extractor, text, speaker="Caroline").memories
    assert mem.kind == "event" and mem.valid_from == datetime(2023, 5, 7, tzinfo=UTC)
    assert mem.text == "Caroline went to a LGBTQ support group on 7 May 2023."


def test_entities_are_typed_and_skip_dates(extractor: SpacyExtractor) -> None:
    result = _one(extractor, "Yesterday I flew from Berlin to Google's office.", speaker="Ann")
    names = {e.name: e.type for e in result.entities}
    assert names.get("Berlin") == "place"
    assert "Yesterday" not in names and "yesterday" not in names


def test_predicates_are_snake_case(extractor: SpacyExtractor) -> None:
    rows = load_rows()
    for result in extractor.extract([utterance(r) for r in rows]):
        for mem in result.memories:
            assert PREDICATE_RE.match(mem.predicate), mem
            assert mem.kind in {"fact", "preference", "event"}
            assert mem.text.endswith(".") and mem.text[0].isupper()
            assert mem.valid_from is None or mem.valid_from.tzinfo is not None
