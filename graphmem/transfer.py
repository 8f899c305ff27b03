"""Export and import: every node and relationship of some users as JSON lines, and back
into any store, a lossless round trip (ids, properties, statuses, frozen flags and
their audit trails, closed versions, merges, conflicts, tombstones, passages,
documents; embeddings, or the means to recompute them).

The file, one JSON object a line::

    {"format": "graphmem-export", "version": 1, "graphmem": "0.1.0",
     "embedder": "all-MiniLM-L6-v2", "dimensions": 384, "embeddings": "f32le-base64",
     "exported_at": "...", "users": ["u1", "u2"]}
    {"node": "mem_…", "user_id": "u1", "label": "Memory", "props": {…}, "embedding": "…"}
    {"edge": "rel_…", "user_id": "u1", "type": "SUPERSEDES", "src": "…", "dst": "…",
     "props": {…}}
    {"end": "u1", "nodes": 812, "edges": 2040}
    … the next user's block …

A user's block holds their nodes (in id order) and the relationships leaving them, then
an ``end`` line with the counts, so a cut-off file is noticed before anything of that
user is written. Embeddings are the float32 vector's little-endian bytes in base64
(exact); exported without them (``"embeddings": null``), a node that had one says
``"embedded": true`` and the import computes it again with the engine's embedder.

An import writes each user's block as one atomic change set, with the ids, statuses and
times as exported: it restores records, it does not replay the write path (no
extraction, resolution or lifecycle rules run, and the write gates of a normal write do
not apply). It refuses a file of an unknown format version, and ids that already exist
unless ``replace`` (then the user's stored data is replaced, in the same atomic write).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
from pydantic import ValidationError

from graphmem.adding import episode_vector, sentences
from graphmem.codec import to_model
from graphmem.documents import chunk_context
from graphmem.embedding import Embedder, embed_distinct
from graphmem.errors import GraphMemError, InvalidInputError
from graphmem.lifecycle import START, TRANSITIONS
from graphmem.models import TransferReport
from graphmem.stores.base import LABELS, ChangeSet, EdgeRecord, NodeRecord, Store, Vector
from graphmem.timeutil import decode, utcnow
from graphmem.validation import Message

FORMAT = "graphmem-export"
#: the format version this code writes, and the versions it reads
VERSION = 1
READS = frozenset({1})
VECTOR_ENCODING = "f32le-base64"
PAGE = 500

#: called with the bytes (import) or nodes (export) done so far
Progress = Callable[[int], None]


def embedder_name(embedder: Embedder) -> str:
    """The name an export records for the embedder that made its vectors."""
    return str(getattr(embedder, "model_name", None) or type(embedder).__name__)


def _statuses(label: str) -> frozenset[str] | None:
    """The statuses a stored node of ``label`` may have (None: it has none)."""
    table = TRANSITIONS.get(label)
    if table is None:
        return None
    return frozenset(START.get(label, frozenset())) | {s for pair in table for s in pair}


def _encode_vector(vector: Vector) -> str:
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def _decode_vector(text: object, dim: int, where: str) -> Vector:
    if not isinstance(text, str):
        raise InvalidInputError(f"{where}: the embedding must be a base64 string")
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInputError(f"{where}: the embedding is not valid base64") from exc
    if len(raw) != 4 * dim:
        raise InvalidInputError(f"{where}: the embedding has {len(raw) // 4} dimensions, not {dim}")
    return np.frombuffer(raw, dtype="<f4").astype(np.float32)


# ---------------------------------------------------------------------------- export
def export_users(
    store: Store,
    out: IO[str],
    user_ids: Sequence[str],
    *,
    embedder: Embedder,
    embeddings: bool = True,
    version: str,
    progress: Progress | None = None,
) -> TransferReport:
    """Write the header and every listed user's block to ``out``."""
    header = {
        "format": FORMAT,
        "version": VERSION,
        "graphmem": version,
        "embedder": embedder_name(embedder),
        "dimensions": embedder.dim,
        "embeddings": VECTOR_ENCODING if embeddings else None,
        "exported_at": utcnow().isoformat(),
        "users": list(user_ids),
    }
    out.write(json.dumps(header, ensure_ascii=False) + "\n")
    users: dict[str, dict[str, int]] = {}
    done = 0
    for uid in user_ids:
        nodes = edges = 0
        after: str | None = None
        while True:
            page, rels = store.dump(uid, after=after, limit=PAGE)
            if not page:
                break
            for rec in page:
                out.write(_node_line(rec, embeddings))
            for edge in sorted(rels, key=lambda e: e.id):
                out.write(_edge_line(edge))
            nodes, edges, after = nodes + len(page), edges + len(rels), page[-1].id
            done += len(page)
            if progress is not None:
                progress(done)
        out.write(json.dumps({"end": uid, "nodes": nodes, "edges": edges}) + "\n")
        users[uid] = {"nodes": nodes, "edges": edges}
    return TransferReport(users=users, embeddings=embeddings)


def _node_line(rec: NodeRecord, embeddings: bool) -> str:
    line: dict[str, Any] = {
        "node": rec.id,
        "user_id": rec.user_id,
        "label": rec.label,
        "props": dict(sorted(rec.props.items())),
    }
    if rec.embedding is not None:
        if embeddings:
            line["embedding"] = _encode_vector(rec.embedding)
        else:
            line["embedded"] = True
    return json.dumps(line, ensure_ascii=False) + "\n"


def _edge_line(edge: EdgeRecord) -> str:
    line = {
        "edge": edge.id,
        "user_id": edge.user_id,
        "type": edge.type,
        "src": edge.src,
        "dst": edge.dst,
        "props": dict(sorted(edge.props.items())),
    }
    return json.dumps(line, ensure_ascii=False) + "\n"


@contextlib.contextmanager
def output_file(path: str | Path) -> Iterator[IO[str]]:
    """A file written atomically: a temporary file beside ``path``, renamed over it
    when the block ends normally, removed otherwise."""
    target = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
    except OSError as exc:
        raise InvalidInputError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def export_to(
    store: Store,
    target: str | Path | IO[str],
    user_ids: Sequence[str],
    *,
    embedder: Embedder,
    embeddings: bool = True,
    progress: Progress | None = None,
) -> TransferReport:
    """``export_users`` to a path (written atomically) or an open text stream."""
    if isinstance(target, str | Path):
        with output_file(target) as out:
            return export_to(
                store, out, user_ids, embedder=embedder, embeddings=embeddings, progress=progress
            )
    return export_users(
        store,
        target,
        user_ids,
        embedder=embedder,
        embeddings=embeddings,
        version=graphmem_version(),
        progress=progress,
    )


def import_from(
    store: Store,
    source: str | Path | IO[str],
    *,
    embedder: Embedder,
    replace: bool = False,
    reembed: bool | None = None,
    progress: Progress | None = None,
) -> TransferReport:
    """``import_lines`` from a path or an open text stream; ``progress`` gets the
    UTF-8 bytes read so far."""
    with open_lines(source, progress) as lines:
        return import_lines(store, lines, embedder=embedder, replace=replace, reembed=reembed)


def graphmem_version() -> str:
    from graphmem import __version__

    return __version__


# ---------------------------------------------------------------------------- import
@contextlib.contextmanager
def open_lines(
    source: str | Path | IO[str], progress: Progress | None = None
) -> Iterator[Iterator[tuple[int, str]]]:
    """The numbered lines of a path or an open text stream; ``progress`` gets the
    UTF-8 bytes read so far after each line."""

    def numbered(fh: IO[str]) -> Iterator[tuple[int, str]]:
        done = 0
        for number, line in enumerate(fh, 1):
            if progress is not None:
                done += len(line.encode("utf-8"))
                progress(done)
            yield number, line

    if not isinstance(source, str | Path):
        yield numbered(source)
        return
    try:
        fh = open(source, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InvalidInputError(f"cannot read {source}: {exc.strerror or exc}") from exc
    try:
        yield numbered(fh)
    except UnicodeDecodeError as exc:
        raise InvalidInputError(f"{source} is not UTF-8 text") from exc
    finally:
        fh.close()


@dataclass
class Header:
    """What an export's first line says."""

    embedder: str
    dimensions: int
    embeddings: bool
    users: list[str]


@dataclass
class _Block:
    user_id: str
    first_line: int
    nodes: list[NodeRecord] = field(default_factory=list)
    edges: list[EdgeRecord] = field(default_factory=list)
    #: nodes exported without their embedding that had one
    unembedded: list[str] = field(default_factory=list)


def read_header(line: str) -> Header:
    """The header of an export, or the error that says why it is not one we read."""
    try:
        head = json.loads(line)
    except json.JSONDecodeError:
        head = None
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise InvalidInputError(f"not a graphmem export: the first line has no format {FORMAT!r}")
    version = head.get("version")
    if version not in READS:
        raise InvalidInputError(
            f"export format version {version!r} is not known to this graphmem "
            f"(it reads {', '.join(map(str, sorted(READS)))}); upgrade graphmem to import it"
        )
    dims = head.get("dimensions")
    encoding = head.get("embeddings")
    if not isinstance(dims, int) or dims < 1 or encoding not in (VECTOR_ENCODING, None):
        raise InvalidInputError("the export header has bad dimensions or embeddings fields")
    users = head.get("users")
    if not isinstance(users, list) or not all(isinstance(u, str) for u in users):
        raise InvalidInputError("the export header has no list of users")
    return Header(str(head.get("embedder")), dims, encoding is not None, users)


def _blocks(lines: Iterator[tuple[int, str]], header: Header) -> Iterator[_Block]:
    """Each user's block, checked line by line, once its ``end`` line has been read."""
    block: _Block | None = None
    ids: set[str] = set()
    for number, text in lines:
        if not text.strip():
            continue
        where = f"line {number}"
        try:
            line = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"{where}: not JSON ({exc.msg})") from exc
        if not isinstance(line, dict):
            raise InvalidInputError(f"{where}: not a JSON object")
        uid = line.get("user_id", line.get("end"))
        if not isinstance(uid, str) or not uid:
            raise InvalidInputError(f"{where}: no user_id")
        if block is None:
            block, ids = _Block(uid, number), set()
        elif uid != block.user_id:
            raise InvalidInputError(
                f"{where}: user {uid!r} begins before the block of {block.user_id!r} ended"
            )
        if "node" in line:
            rec = _node(line, header, where)
            if rec.id in ids:
                raise InvalidInputError(f"{where}: node {rec.id!r} appears twice")
            ids.add(rec.id)
            block.nodes.append(rec)
            if line.get("embedded") is True and rec.embedding is None:
                block.unembedded.append(rec.id)
        elif "edge" in line:
            block.edges.append(_edge(line, where))
        elif "end" in line:
            if (line.get("nodes"), line.get("edges")) != (len(block.nodes), len(block.edges)):
                raise InvalidInputError(
                    f"{where}: the block of {uid!r} should hold {line.get('nodes')} nodes and "
                    f"{line.get('edges')} relationships, not {len(block.nodes)} and "
                    f"{len(block.edges)}"
                )
            for edge in block.edges:
                if edge.src not in ids or edge.dst not in ids:
                    raise InvalidInputError(
                        f"user {uid!r}: relationship {edge.id!r} joins a node not in the export"
                    )
            yield block
            block = None
        else:
            raise InvalidInputError(f"{where}: neither a node, a relationship nor an end line")
    if block is not None:
        raise InvalidInputError(
            f"the file ends inside the block of user {block.user_id!r} (from line "
            f"{block.first_line}): it was cut off; nothing of that user was imported"
        )


def _node(line: Mapping[str, Any], header: Header, where: str) -> NodeRecord:
    node_id, label, props = line.get("node"), line.get("label"), line.get("props")
    if not isinstance(node_id, str) or not node_id:
        raise InvalidInputError(f"{where}: a node needs a string id")
    if label not in LABELS or not isinstance(props, dict):
        raise InvalidInputError(f"{where}: node {node_id!r} needs a known label and props")
    emb = line.get("embedding")
    vector = None if emb is None else _decode_vector(emb, header.dimensions, where)
    rec = NodeRecord(node_id, str(line["user_id"]), str(label), props, vector)
    allowed = _statuses(rec.label)
    status = props.get("status")
    if (allowed is None and status is not None) or (allowed is not None and status not in allowed):
        raise InvalidInputError(f"{where}: a {label} cannot have status {status!r}")
    if rec.label not in ("Passage", "Tombstone"):
        try:
            to_model(rec)
        except (ValidationError, KeyError, ValueError, TypeError) as exc:
            detail = str(exc).splitlines()[0]
            raise InvalidInputError(
                f"{where}: node {node_id!r} is not a valid {label}: {detail}"
            ) from exc
    elif rec.label == "Tombstone":
        try:
            decode(props.get("deleted_at"))
        except (ValueError, TypeError) as exc:
            raise InvalidInputError(
                f"{where}: tombstone {node_id!r} has no valid deleted_at"
            ) from exc
    return rec


def _edge(line: Mapping[str, Any], where: str) -> EdgeRecord:
    fields = [line.get(k) for k in ("edge", "type", "src", "dst")]
    if not all(isinstance(f, str) and f for f in fields) or not isinstance(line.get("props"), dict):
        raise InvalidInputError(f"{where}: a relationship needs id, type, src, dst and props")
    edge_id, rel_type, src, dst = (str(f) for f in fields)
    return EdgeRecord(edge_id, rel_type, src, dst, str(line["user_id"]), dict(line["props"]))


def import_lines(
    store: Store,
    lines: Iterator[tuple[int, str]],
    *,
    embedder: Embedder,
    replace: bool = False,
    reembed: bool | None = None,
) -> TransferReport:
    """Import an export given as numbered lines (the header first): each user's block
    in one atomic write. ``reembed`` recomputes every embedding with ``embedder``; None
    does so only for nodes exported without theirs, and refuses vectors made by another
    embedder."""
    first = next(lines, None)
    if first is None:
        raise InvalidInputError("the file is empty: not a graphmem export")
    header = read_header(first[1])
    name = embedder_name(embedder)
    foreign = header.embeddings and (header.embedder, header.dimensions) != (name, embedder.dim)
    if foreign and not reembed:
        raise InvalidInputError(
            f"the export's vectors come from {header.embedder} ({header.dimensions} "
            f"dimensions); this engine embeds with {name} ({embedder.dim}): import with "
            "reembed to compute them again"
        )
    users: dict[str, dict[str, int]] = {}
    reembedded = 0
    for block in _blocks(lines, header):
        todo = [n.id for n in block.nodes if n.embedding is not None] if reembed else []
        count = _reembed(block, [*todo, *block.unembedded], embedder)
        changes = ChangeSet(block.user_id, add_nodes=block.nodes, add_edges=block.edges)
        if replace:
            changes.delete_nodes = _stored_ids(store, block.user_id)
        try:
            store.apply(changes)
        except GraphMemError as exc:
            existing = isinstance(exc, InvalidInputError) and "already exists" in str(exc)
            hint = " (import with replace to replace the user's data)" if existing else ""
            raise type(exc)(f"user {block.user_id!r} not imported: {exc}{hint}") from exc
        users[block.user_id] = {"nodes": len(block.nodes), "edges": len(block.edges)}
        reembedded += count
    return TransferReport(users=users, embeddings=header.embeddings, reembedded=reembedded)


def _stored_ids(store: Store, user_id: str) -> list[str]:
    ids: list[str] = []
    while True:
        page, _ = store.dump(user_id, after=ids[-1] if ids else None, limit=PAGE)
        if not page:
            return ids
        ids += [n.id for n in page]


# ---------------------------------------------------------------------------- re-embedding
def _reembed(block: _Block, ids: Sequence[str], embedder: Embedder) -> int:
    """Compute the vectors of ``ids`` the way the write path made them: a memory's
    from its text, an entity's from its name, an episode's as the mean of its sentences
    (with the speaker, or a chunk's document title and section, in front), a passage's
    from its sentence."""
    if not ids:
        return 0
    by_id = {n.id: n for n in block.nodes}
    titles = {n.id: str(n.props.get("title")) for n in block.nodes if n.label == "Document"}

    def message(rec: NodeRecord) -> Message:
        p = rec.props
        document = p.get("document_id")
        context = chunk_context(titles[document], p.get("section")) if document in titles else None
        return Message(
            text=str(p.get("text") or ""),
            at=utcnow(),
            speaker=p.get("speaker"),
            context=context,
        )

    wanted: dict[str, list[str]] = {}
    for node_id in ids:
        rec = by_id[node_id]
        p = rec.props
        if rec.label == "Memory":
            wanted[node_id] = [str(p.get("text") or "")]
        elif rec.label == "Entity":
            wanted[node_id] = [str(p.get("name") or "")]
        elif rec.label == "Episode":
            wanted[node_id] = [t for _, _, t in sentences(message(rec))]
        elif rec.label == "Passage":
            episode = by_id.get(str(p.get("episode_id")))
            if episode is None:
                raise InvalidInputError(f"passage {node_id!r}: its episode is not in the export")
            msg = message(episode)
            start, end = int(p.get("start", 0)), int(p.get("end", 0))
            label = msg.speaker or msg.context
            wanted[node_id] = [(f"{label}: " if label else "") + msg.text[start:end]]
        else:
            raise InvalidInputError(f"{rec.label} {node_id!r} has no embedding to compute")
    vectors = embed_distinct(embedder, [t for texts in wanted.values() for t in texts])
    for node_id, texts in wanted.items():
        rec = by_id[node_id]
        if rec.label == "Episode":
            rec.embedding = episode_vector(message(rec), vectors)
        else:
            rec.embedding = vectors[texts[0]]
    return len(wanted)
