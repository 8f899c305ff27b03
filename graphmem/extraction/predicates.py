"""The default predicate catalogue: common personal facts and preferences, each described
by example sentences, the type of its object and whether it holds one value at a time
(``graphmem/data/predicates.json``; ``docs/predicates.md`` is its readable table).

The frame matcher (``graphmem.extraction.frames``) compares each sentence of a turn with
these examples through the sentence vectors the write path computes anyway, so a fact is
found however it is worded, as long as the sentence holds an object of the right type.
``counter`` sentences look alike but state no such fact (a trip, a wish, a meal out);
with the catalogue's ``none`` sentences (small talk) they pull a sentence away from every
predicate. ``questions`` ask for a predicate's value; recall uses them to see which fact
a query asks about. Users add predicates or replace these by name in
``Config(predicates=PredicateRegistry(frames=[...]))``.

The catalogue is read on first use, never at import.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from graphmem.config import PredicateSpec


@functools.cache
def _catalogue() -> tuple[tuple[PredicateSpec, ...], tuple[str, ...]]:
    text = resources.files("graphmem").joinpath("data/predicates.json").read_text("utf-8")
    data = json.loads(text)
    specs = tuple(PredicateSpec.model_validate(item) for item in data["predicates"])
    return specs, tuple(data["none"])


def default_predicates() -> tuple[PredicateSpec, ...]:
    """The default predicate frames, in catalogue order."""
    return _catalogue()[0]


@functools.cache
def default_by_name() -> dict[str, PredicateSpec]:
    """The default predicate frames by name (shared: do not change it)."""
    return {s.name: s for s in default_predicates()}


def none_examples() -> tuple[str, ...]:
    """Sentences that resemble personal facts but state none: small talk, questions,
    plans and wishes. They form the "none" class of the frame matcher."""
    return _catalogue()[1]


def markdown_table(specs: tuple[PredicateSpec, ...] | None = None) -> str:
    """The catalogue as the readable table of ``docs/predicates.md``."""
    specs = specs if specs is not None else default_predicates()
    lines = [
        "# Predicates",
        "",
        "The predicate frames graphmem ships (`graphmem/data/predicates.json`; regenerate this",
        "page with `python -m graphmem.extraction.predicates > docs/predicates.md`). A sentence",
        "close to a predicate's examples that holds an object of its type states it; a",
        "single-valued predicate holds one value at a time, so a new one closes the old; an",
        "*ends* text records that a fact stopped holding. Add or replace predicates with",
        "`Config(predicates=PredicateRegistry(frames=[PredicateSpec(...)]))`.",
        "",
        "| predicate | kind | object | one value | what it records | memory text (Anna, X) "
        "| ends | examples | asked by |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in specs:
        cells = [
            f"`{s.name}`" + (f" (slot `{s.slot}`)" if s.slot else ""),
            s.kind,
            s.object,
            "yes" if s.single else "no",
            s.about,
            s.render(s.text, "Anna", "X"),
            s.render(s.ended, "Anna", "X") if s.ended else "—",
            f"{len(s.examples)}, e.g. “{s.examples[0]}”",
            f"{len(s.questions)}, e.g. “{s.questions[0]}”" if s.questions else "—",
        ]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - the documentation generator
    print(markdown_table(), end="")
