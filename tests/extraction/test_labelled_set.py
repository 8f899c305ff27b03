"""Precision, recall and date accuracy of SpacyExtractor on the hand-labelled set.

Each line of tests/data/extraction/*.jsonl is an utterance with the memories a careful
annotator expects (``expected``) and ones that are acceptable but not required
(``optional``: neither rewarded nor penalised). Matching is lenient on wording: same kind,
same subject, same predicate class (any predicate for events), and the head noun of the
expected object found in the predicted object (for events: anywhere in the text).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from graphmem.adding import extract_and_embed, with_frames
from graphmem.config import PredicateRegistry
from graphmem.embedding import Embedder
from graphmem.extraction.base import ExtractedMemory, Extraction, Utterance
from graphmem.extraction.frames import FrameMatcher
from graphmem.extraction.spacy_extractor import SpacyExtractor
from graphmem.validation import Message
from tests.extraction.extraction_data import load_rows, utterance

MIN_PRECISION, MIN_RECALL, MIN_DATE_ACCURACY = 0.85, 0.70, 0.90

_CLASSES = {
    "moved_to": "lives_in",
    "teaches_at": "works_at",
    "married_to": "spouse",
    "engaged_to": "spouse",
    "is_from": "from",
    "born_in": "from",
    "grew_up_in": "from",
    "prefers": "likes",
    "studies_at": "studies",
    "has_pet": "pet",
    "has_hobby": "hobby",
    "plays_sport": "plays",
    "plays_instrument": "plays",
    "speaks_language": "speaks",
    "learning_language": "speaks",
    "works_as": "is_a",
    "has_friend": "social",
    "has_partner": "social",
    "has_neighbour": "social",
    "has_roommate": "social",
    "has_colleague": "social",
    "has_boss": "social",
    "has_mentor": "social",
    "has_teammate": "social",
}
_FAMILY = re.compile(
    r"^has_(sister|brother|sibling|mother|father|parent|child|grand\w+|aunt|uncle|cousin"
    r"|niece|nephew)$"
)


def predicate_class(predicate: str) -> str:
    if predicate.startswith("favourite_"):
        return "favourite"
    if _FAMILY.match(predicate):
        return "family"
    return _CLASSES.get(predicate, predicate)


def _stem(word: str) -> str:
    """Crude singular stem so that "movies"/"movie" and "beaches"/"beach" compare equal."""
    if len(word) > 3 and not word.endswith("ss"):
        word = word.removesuffix("s").removesuffix("e")
    return word[:-1] + "i" if word.endswith("y") else word


def _words(text: str | None) -> list[str]:
    return [_stem(w) for w in re.findall(r"[a-z0-9]+", (text or "").lower().replace("'s", ""))]


def _subject(text: str) -> str:
    return " ".join(_words(text))


def matches(exp: dict[str, Any], mem: ExtractedMemory) -> bool:
    kind = "preference" if exp["predicate_class"] == "favourite" else exp["kind"]
    if mem.kind != kind or _subject(mem.subject) != _subject(exp["subject"]):
        return False
    if exp["kind"] != "event" and predicate_class(mem.predicate) != exp["predicate_class"]:
        return False
    if exp.get("polarity") and mem.polarity != exp["polarity"]:
        return False
    if bool(exp.get("ended")) != mem.ended:
        return False
    want = _words(exp["object"])
    got = _words(mem.object) + (_words(mem.text) if exp["kind"] == "event" else [])
    return bool(want) and (want[-1] in got or (bool(got) and got[-1] in want))


def date_ok(exp: dict[str, Any], mem: ExtractedMemory) -> bool:
    if mem.valid_from is None:
        return False
    want = exp["date"]
    return mem.valid_from.date().isoformat()[: len(want)] == want


#: written apart from the code and the knowledge-update benchmark by another author, for
#: the predicate frames: it measures how they do on wording nobody tuned them on
FRAMES_FILE = "frames.jsonl"


def rows_of(frames_set: bool) -> list[dict[str, Any]]:
    return [r for r in load_rows() if (r["file"] == FRAMES_FILE) == frames_set]


class WithFrames:
    """Extraction as ``add`` does it: the rules, then the predicate frames over the
    sentence vectors the write path computes."""

    def __init__(self, extractor: SpacyExtractor, embedder: Embedder) -> None:
        self.extractor, self.embedder = extractor, embedder
        self.frames = FrameMatcher(PredicateRegistry(), embedder.embed, embedder)

    def extract(self, utterances: Sequence[Utterance]) -> list[Extraction]:
        out: list[Extraction] = []
        with ThreadPoolExecutor(max_workers=1) as pool:
            for u in utterances:  # one at a time: each is its own turn, not a conversation
                msgs = [Message(u.text, u.at, u.speaker)]
                found, vectors = extract_and_embed(msgs, self.extractor, self.embedder, pool)
                out += with_frames(self.frames, msgs, found, vectors)
        return out


def score(
    extractor: SpacyExtractor | WithFrames, rows: list[dict[str, Any]], verbose: bool = False
) -> dict[str, float]:
    results = extractor.extract([utterance(r) for r in rows])
    tp = fp = fn = dated = dated_ok = 0
    by_kind: Counter[str] = Counter()
    for row, result in zip(rows, results, strict=True):
        preds = list(result.memories)
        used: set[int] = set()
        for exp in row["expected"]:
            hit = next((i for i, m in enumerate(preds) if i not in used and matches(exp, m)), None)
            if hit is None:
                fn += 1
                by_kind[f"fn_{exp['kind']}"] += 1
                if verbose:
                    print(f"MISS  {row['text']!r}: {exp}")
                continue
            used.add(hit)
            tp += 1
            if "date" in exp:
                dated += 1
                if date_ok(exp, preds[hit]):
                    dated_ok += 1
                elif verbose:
                    print(f"DATE  {row['text']!r}: {exp['date']} != {preds[hit].valid_from}")
        for i, mem in enumerate(preds):
            if i in used:
                continue
            if any(matches(o, mem) for o in row.get("optional", [])):
                continue
            fp += 1
            by_kind[f"fp_{mem.kind}"] += 1
            if verbose:
                print(f"EXTRA {row['text']!r}: {mem}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    accuracy = dated_ok / dated if dated else 1.0
    return {
        "utterances": len(rows),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "date_accuracy": accuracy,
        "dated": dated,
        **by_kind,
    }


def _report(name: str, result: dict[str, float]) -> None:
    print(
        f"\n{name}: {result['utterances']} utterances, precision {result['precision']:.3f}"
        f", recall {result['recall']:.3f}, date accuracy {result['date_accuracy']:.3f}"
        f" ({result['dated']} dated); tp={result['tp']} fp={result['fp']} fn={result['fn']}"
    )


def test_labelled_sets_have_enough_utterances() -> None:
    rows, frames = rows_of(False), rows_of(True)
    assert len(rows) >= 150 and sum(1 for r in rows if not r["expected"]) >= 30
    assert len(frames) >= 100 and sum(1 for r in frames if not r["expected"]) >= 20


def test_rules_precision_recall_and_dates(extractor: SpacyExtractor) -> None:
    result = score(extractor, rows_of(False))
    _report("labelled set, rules only", result)
    assert result["precision"] >= MIN_PRECISION
    assert result["recall"] >= MIN_RECALL
    assert result["date_accuracy"] >= MIN_DATE_ACCURACY


def test_with_frames_precision_recall_and_dates(
    extractor: SpacyExtractor, embedder: Embedder
) -> None:
    result = score(WithFrames(extractor, embedder), rows_of(False))
    _report("labelled set, rules and frames", result)
    assert result["precision"] >= 0.95
    assert result["recall"] >= 0.95
    assert result["date_accuracy"] >= MIN_DATE_ACCURACY


def test_frames_on_wording_written_apart(extractor: SpacyExtractor, embedder: Embedder) -> None:
    """A floor under today's figures on the independent set, not a target: they show how
    far the frames still are from the wording of people they were not written for."""
    result = score(WithFrames(extractor, embedder), rows_of(True))
    _report("independent frames set, rules and frames", result)
    assert result["precision"] >= 0.6
    assert result["recall"] >= 0.4


if __name__ == "__main__":
    import sys

    from graphmem.embedding import MiniLMEmbedder
    from graphmem.extraction.spacy_extractor import load_pipeline

    frames_set = "--frames-set" in sys.argv
    runner = WithFrames(SpacyExtractor(nlp=load_pipeline()), MiniLMEmbedder())
    print(score(runner, rows_of(frames_set), verbose=True))
