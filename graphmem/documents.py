"""Documents (notes, policies, manuals): split into bounded chunks by headings and
paragraphs, kept as one ``Document`` node with one chunk ``Episode`` per chunk
(``(chunk)-[:PART_OF {position}]->(document)``, consecutive chunks linked ``NEXT``), and
extracted like any other episodes, in one atomic write.

A chunk is a slice of the document's text: it never crosses a heading, holds whole
paragraphs while they fit in ``DocumentConfig.chunk_chars`` characters (a longer
paragraph is cut between sentences, a longer sentence between words), and the first
chunk of a section starts at the section's heading line, so the heading is part of its
text. Each chunk records its position (1 = first), its offsets in the document and its
section (the heading path, ``"Leave > Parental leave"``); its sentences are embedded
with the document title and section in front (``chunk_context``), as a turn's are with
its speaker.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from graphmem.adding import Embed, Models, Planned, passage_min_words, plan_add
from graphmem.codec import new_id
from graphmem.config import Config
from graphmem.errors import DuplicateRefError, InvalidInputError
from graphmem.extraction.base import Extraction
from graphmem.stores.base import NodeRecord, Store, Vector
from graphmem.timeutil import encode
from graphmem.validation import DocumentInput, Message
from graphmem.writer import Writer, write

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SPACE = re.compile(r"\s+")
#: separates the title and headings of a chunk's section path
SECTION_SEP = " > "


@dataclass(frozen=True)
class Chunk:
    """One chunk: ``text`` is ``document[start:end]``; ``section`` the heading path."""

    position: int
    start: int
    end: int
    text: str
    section: tuple[str, ...]


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    level: int = 0  # a heading's level; 0 for a paragraph
    title: str = ""


def _blocks(text: str) -> list[_Block]:
    """Headings and paragraphs (runs of non-blank lines; a fenced code block is part
    of its paragraph whatever blank lines it holds), with offsets into ``text``."""
    out: list[_Block] = []
    para: list[tuple[int, int]] = []  # (start, end) of the paragraph's lines
    fence: str | None = None

    def flush() -> None:
        if para:
            out.append(_Block(para[0][0], para[-1][1]))
            para.clear()

    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        body = line.rstrip("\r\n")
        end = start + len(body.rstrip())
        opened = _FENCE.match(body)
        if fence is not None:
            para.append((start, end))
            if opened and opened.group(1) == fence:
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            para.append((start, end))
            continue
        if not body.strip():
            flush()
            continue
        heading = _ATX.match(body)
        if heading:
            flush()
            title = _SPACE.sub(" ", heading.group(2) or "").strip()
            out.append(_Block(start, end, len(heading.group(1)), title))
            continue
        setext = _SETEXT.match(body)
        if setext and len(para) == 1:
            first = para[0]
            para.clear()
            title = _SPACE.sub(" ", text[first[0] : first[1]]).strip()
            level = 1 if setext.group(1)[0] == "=" else 2
            out.append(_Block(first[0], end, level, title))
            continue
        para.append((start + len(body) - len(body.lstrip()), end))
    flush()
    return out


def _pieces(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` of at most ``limit`` characters: whole sentences
    where they fit, else cuts between words (a word longer than ``limit`` is cut)."""
    if end - start <= limit:
        return [(start, end)]
    units: list[tuple[int, int]] = []
    at = start
    for m in _SENTENCE_END.finditer(text, start, end):
        units.append((at, m.start()))
        at = m.end()
    units.append((at, end))
    small: list[tuple[int, int]] = []
    for a, b in units:
        while b - a > limit:
            cut = text.rfind(" ", a, a + limit + 1)
            cut = cut if cut > a else a + limit
            small.append((a, cut))
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if b > a:
            small.append((a, b))
    out: list[tuple[int, int]] = []
    for a, b in small:
        if out and b - out[-1][0] <= limit:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def split_document(text: str, max_chars: int) -> list[Chunk]:
    """The chunks of a markdown or plain-text document, in order (see the module)."""
    chunks: list[Chunk] = []
    path: list[tuple[int, str]] = []  # (level, title) of the open headings
    heading_start: int | None = None  # where the headings of the next chunk begin
    span: tuple[int, int] | None = None

    def section() -> tuple[str, ...]:
        return tuple(title for _, title in path if title)

    def flush() -> None:
        nonlocal span
        if span is not None:
            a, b = span
            chunks.append(Chunk(len(chunks) + 1, a, b, text[a:b], section()))
            span = None

    for block in _blocks(text):
        if block.level:
            flush()
            path = [(lv, t) for lv, t in path if lv < block.level] + [(block.level, block.title)]
            if heading_start is None:
                heading_start = block.start
            continue
        for a, b in _pieces(text, block.start, block.end, max_chars):
            if span is None:
                opening = heading_start if heading_start is not None else a
                span = (opening if b - opening <= max_chars else a, b)
                heading_start = None
            elif b - span[0] <= max_chars:
                span = (span[0], b)
            else:
                flush()
                span = (a, b)
    flush()
    return chunks


def default_title(text: str) -> str | None:
    """A document's first top-level heading, if it has one."""
    for block in _blocks(text):
        if block.level == 1 and block.title:
            return block.title
    return None


def chunk_context(title: str, section: str | None) -> str:
    """What a chunk's sentences are embedded with in front: the document title and the
    chunk's section (a section that repeats the title is not repeated)."""
    parts = [title]
    for heading in (section or "").split(SECTION_SEP):
        if heading and heading != parts[-1]:
            parts.append(heading)
    return SECTION_SEP.join(parts)


def content_hash(text: str) -> str:
    """The SHA-256 of a document's text: an unchanged document added again is known."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chunk_messages(doc: DocumentInput, chunks: Sequence[Chunk], ref: str) -> list[Message]:
    """The chunks as messages for the write path: refs ``<ref>#<position>``, embedded
    with the title and section in front."""
    return [
        Message(
            text=c.text,
            at=doc.at,
            ref=f"{ref}#{c.position}",
            context=chunk_context(doc.title, SECTION_SEP.join(c.section) or None),
        )
        for c in chunks
    ]


@dataclass(frozen=True)
class Split:
    """A document ready for the write path: titled, cut into chunks, with its id and
    its chunks as messages."""

    doc: DocumentInput
    chunks: list[Chunk]
    document_id: str
    msgs: list[Message]


def split_for_write(doc: DocumentInput, chunk_chars: int) -> Split:
    """``doc`` with its title (given, else its first top-level heading, its ref, or
    "Untitled") split into chunks of at most ``chunk_chars``."""
    if not doc.title:
        doc = replace(doc, title=default_title(doc.text) or doc.ref or "Untitled")
    chunks = split_document(doc.text, chunk_chars)
    if not chunks:
        raise InvalidInputError("the document has no text besides its headings")
    document_id = new_id("doc")
    return Split(doc, chunks, document_id, chunk_messages(doc, chunks, doc.ref or document_id))


def plan_document(
    w: Writer,
    split: Split,
    extractions: Sequence[Extraction],
    *,
    embed: Embed,
    known: dict[str, Vector],
    passage_min_words: int | None,
) -> tuple[NodeRecord, Planned | None]:
    """Plan the ``Document`` node, its chunk episodes (a session of their own, named by
    the document's id) and what was extracted from them into ``w``; or, when a document
    of the same ref is stored (by another writer since ``stored_document`` looked: the
    read is re-checked with the commit), that one and nothing planned."""
    doc, chunks, msgs = split.doc, split.chunks, split.msgs
    if doc.ref is not None:
        stored = same_document(w.find_checked("Document", "ref", doc.ref), doc)
        if stored is not None:
            return stored, None
    document = w.create(
        "Document",
        {
            "title": doc.title,
            "ref": doc.ref,
            "source": doc.source,
            "at": encode(doc.at),
            "chars": len(doc.text),
            "chunks": len(chunks),
            "sha256": content_hash(doc.text),
            "created_at": w.now_s,
            "updated_at": w.now_s,
        },
        node_id=split.document_id,
    )
    planned = plan_add(
        w,
        msgs,
        extractions,
        session=document.id,
        source=doc.source,
        embed=embed,
        known=known,
        passage_min_words=passage_min_words,
    )
    for chunk, episode_id in zip(chunks, planned.episodes, strict=True):
        w.set(
            episode_id,
            {
                "document_id": document.id,
                "document_title": doc.title,  # so recall names it without another read
                "position": chunk.position,
                "section": SECTION_SEP.join(chunk.section) or None,
                "start": chunk.start,
                "end": chunk.end,
            },
        )
        w.link("PART_OF", episode_id, document.id, {"position": chunk.position})
    return document, planned


def stored_document(store: Store, user_id: str, doc: DocumentInput) -> NodeRecord | None:
    """The user's document already stored under ``doc.ref`` with the same text, if
    any (adding it again adds nothing); the same ref with other text is refused."""
    if doc.ref is None:
        return None
    return same_document(store.find(user_id, "Document", {"ref": doc.ref}, limit=1), doc)


def same_document(found: Sequence[NodeRecord], doc: DocumentInput) -> NodeRecord | None:
    """The first of ``found`` (documents stored under ``doc.ref``) if it holds the same
    text; another text under the same ref is a ``DuplicateRefError``."""
    if not found:
        return None
    if found[0].props.get("sha256") != content_hash(doc.text):
        raise DuplicateRefError(
            f"a different document with ref {doc.ref!r} is stored ({found[0].id}): "
            "delete it first, or give this one another ref"
        )
    return found[0]


def stored_chunks(store: Store, user_id: str, document_id: str) -> list[NodeRecord]:
    """A document's chunk episodes, in order."""
    return store.find(user_id, "Episode", {"session_id": document_id}, order_by="seq")


def add_document(
    store: Store, config: Config, models: Models, user_id: str, doc: DocumentInput, now: datetime
) -> tuple[str, Planned | None, list[str]]:
    """Store ``doc`` in one atomic write, or find it stored under its ref: the
    document's id, what was planned (None if it was stored already), its chunks' ids."""
    stored = stored_document(store, user_id, doc)
    if stored is not None:
        return stored.id, None, [r.id for r in stored_chunks(store, user_id, stored.id)]
    split = split_for_write(doc, config.documents.chunk_chars)
    extractions, known, embed = models.prepare(split.msgs)
    document, planned = write(
        store,
        user_id,
        now,
        config,
        lambda w: plan_document(
            w,
            split,
            extractions,
            embed=embed,
            known=known,
            passage_min_words=passage_min_words(config),
        ),
    )
    if planned is None:  # stored meanwhile by another writer
        return document.id, None, [r.id for r in stored_chunks(store, user_id, document.id)]
    return document.id, planned, planned.episodes
