"""Ingesting files: chat logs as JSON lines, LoCoMo conversations, and documents.

- **JSON lines** (``.jsonl``, ``.ndjson``): one message a line, ``{"user_id"?,
  "session_id"?, "speaker" or "role", "content", "at"?, "ref"?}``; a line without
  ``user_id`` belongs to the default user, without ``session_id`` to the default session.
  The file is streamed: consecutive messages of one user and session are added in
  batches of at most ``batch_size``, so memory stays bounded whatever the file's size.
- **LoCoMo** (``--format locomo``, ``.json``): one user per conversation (its
  ``sample_id``), one ``add`` per session (``graphmem.locomo``).
- **Documents** (``.md``, ``.markdown``, ``.txt``): ``add_document`` with the path as
  the ref and the first heading (or the file name) as the title.

Running the same files again adds nothing: messages already stored under their
(user, session, ref) are skipped, and a message without a ref gets one made from its
speaker, text and time (``h:<hash>``, numbered if the same message repeats within a run
of its session); documents are known by their ref and text.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from graphmem.documents import default_title
from graphmem.errors import GraphMemError, InvalidInputError
from graphmem.locomo import read_locomo
from graphmem.models import IngestReport
from graphmem.stores.base import Store
from graphmem.timeutil import utcnow
from graphmem.validation import Validator, parse_messages

if TYPE_CHECKING:
    from graphmem.engine import GraphMem

Format = Literal["auto", "jsonl", "locomo", "document"]
FORMATS: tuple[str, ...] = ("auto", "jsonl", "locomo", "document")
_BY_SUFFIX = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "locomo",
    ".md": "document",
    ".markdown": "document",
    ".txt": "document",
}
LINE_KEYS = frozenset({"user_id", "session_id", "speaker", "role", "name", "content", "text"})
LINE_KEYS |= {"at", "ref"}
_COUNTS = ("read", "added", "skipped", "memories", "documents", "chunks")


@dataclass
class IngestStatus:
    """Where an ingest is, for a progress display."""

    bytes_done: int = 0
    bytes_total: int = 0
    messages: int = 0
    added: int = 0
    file: str = ""


@dataclass
class _Tally:
    users: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, user_id: str, **counts: int) -> None:
        row = self.users.setdefault(user_id, dict.fromkeys(_COUNTS, 0))
        for name, n in counts.items():
            row[name] += n


@dataclass
class _Line:
    number: int
    user_id: str
    session_id: str | None
    message: dict[str, Any]


def detect_format(path: Path, format: str) -> str:
    """The format to read ``path`` with: ``format`` unless it is ``auto``."""
    if format not in FORMATS:
        raise InvalidInputError(f"format must be one of {list(FORMATS)}, not {format!r}")
    if format != "auto":
        return format
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise InvalidInputError(
            f"{path}: cannot tell the format from the name; give one of jsonl, locomo, document"
        )
    return found


def stored_refs(store: Store, user_id: str, session_id: str, refs: Sequence[str]) -> set[str]:
    """Which of these refs the user's session already holds.

    Until ``add`` itself is idempotent by (user, session, ref) (issue 12), ingest skips
    the messages this returns; then this function goes and ingest relies on ``add``."""
    if not refs:
        return set()
    found = store.find(user_id, "Episode", {"session_id": session_id, "ref": list(refs)})
    return {str(r.props["ref"]) for r in found}


def ingest_files(
    mem: GraphMem,
    paths: Sequence[str | Path],
    *,
    user_id: str,
    format: str = "auto",
    session_id: str | None = None,
    source: str = "user",
    batch_size: int = 64,
    progress: Callable[[IngestStatus], None] | None = None,
) -> IngestReport:
    """Ingest ``paths`` in order (see the module); ``user_id`` is the default user."""
    check = Validator(mem.config)
    run = _Run(
        mem,
        check,
        user_id=check.user_id(user_id),
        session_id=check.session(session_id),
        source=check.source(source),
        batch_size=check.count(batch_size, "batch_size", high=10_000),
        progress=progress,
    )
    files = [Path(p) for p in paths]
    if not files:
        raise InvalidInputError("no files to ingest")
    kinds = [detect_format(p, format) for p in files]
    sizes = []
    for p in files:
        try:
            sizes.append(p.stat().st_size)
        except OSError as exc:
            raise InvalidInputError(f"cannot read {p}: {exc.strerror or exc}") from exc
    run.status.bytes_total = sum(sizes)
    started = time.perf_counter()
    run.report()
    for path, kind, size in zip(files, kinds, sizes, strict=True):
        run.status.file = str(path)
        base = run.status.bytes_done
        if kind == "jsonl":
            run.jsonl(path)
        elif kind == "locomo":
            run.locomo(path, size)
        else:
            run.document(path)
        run.status.bytes_done = base + size
        run.report()
    return IngestReport(
        files=tuple(str(p) for p in files),
        users=run.tally.users,
        seconds=round(time.perf_counter() - started, 3),
    )


def _made_ref(message: dict[str, Any]) -> str:
    """A ref for a message that has none, from its speaker, text and time."""
    parts = [message.get(k) for k in ("speaker", "name", "role", "content", "text", "at")]
    digest = hashlib.sha1(json.dumps(parts, default=str).encode("utf-8")).hexdigest()
    return f"h:{digest[:16]}"


class _Run:
    """One ingest: its settings, counts and progress."""

    def __init__(
        self,
        mem: GraphMem,
        check: Validator,
        *,
        user_id: str,
        session_id: str,
        source: str,
        batch_size: int,
        progress: Callable[[IngestStatus], None] | None,
    ) -> None:
        self.mem, self.check = mem, check
        self.user_id, self.session_id, self.source = user_id, session_id, source
        self.batch_size = batch_size
        self.progress = progress
        self.status = IngestStatus()
        self.tally = _Tally()

    def report(self) -> None:
        if self.progress is not None:
            self.progress(self.status)

    def add(self, user_id: str, session_id: str, messages: list[dict[str, Any]]) -> None:
        """Add one batch of a session, skipping the messages already stored."""
        known = stored_refs(self.mem.store, user_id, session_id, [m["ref"] for m in messages])
        fresh = [m for m in messages if m["ref"] not in known]
        memories = 0
        if fresh:
            result = self.mem.add(fresh, user_id, session_id=session_id, source=self.source)
            memories = len(result.memories)
        skipped = len(messages) - len(fresh)
        self.tally.add(
            user_id, read=len(messages), added=len(fresh), skipped=skipped, memories=memories
        )
        self.status.messages += len(messages)
        self.status.added += len(fresh)

    # ------------------------------------------------------------------ JSON lines
    def lines(self, path: Path) -> Iterator[tuple[int, str]]:
        """The file's lines, read one at a time, counting the bytes read."""
        done = self.status.bytes_done
        try:
            with open(path, "rb") as fh:
                for number, raw in enumerate(fh, 1):
                    done += len(raw)
                    self.status.bytes_done = done
                    try:
                        yield number, raw.decode("utf-8")
                    except UnicodeDecodeError as exc:
                        raise InvalidInputError(f"{path}:{number}: not UTF-8 text") from exc
        except OSError as exc:
            raise InvalidInputError(f"cannot read {path}: {exc.strerror or exc}") from exc

    def parse(self, text: str, number: int, where: str) -> _Line | None:
        """One line as a checked message (None for a blank line)."""
        if not text.strip():
            return None
        try:
            item = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"{where}: not JSON ({exc.msg})") from exc
        if not isinstance(item, dict):
            raise InvalidInputError(f"{where}: a line must be a JSON object")
        unknown = set(item) - LINE_KEYS
        if unknown:
            raise InvalidInputError(
                f"{where}: unknown keys {sorted(unknown)}; allowed: {sorted(LINE_KEYS)}"
            )
        check = self.check
        try:
            uid = check.user_id(item["user_id"]) if "user_id" in item else self.user_id
            session = item.get("session_id")
            session = None if session is None else check.session(session)
            message = {k: v for k, v in item.items() if k not in ("user_id", "session_id")}
            parse_messages(message, default_at=utcnow(), max_bytes=check.max_bytes)
        except InvalidInputError as exc:
            raise InvalidInputError(f"{where}: {exc}") from exc
        return _Line(number, uid, session, message)

    def jsonl(self, path: Path) -> None:
        batch: list[dict[str, Any]] = []
        key: tuple[str, str] | None = None
        repeats: dict[str, int] = {}
        first_line = 0
        added_before = self.status.added

        def flush() -> None:
            if key is None or not batch:
                return
            try:
                self.add(key[0], key[1], batch)
            except GraphMemError as exc:
                stored = self.status.added - added_before
                raise type(exc)(
                    f"{path}:{first_line}: {exc} ({stored} messages before it were stored; "
                    "running again skips them)"
                ) from exc
            batch.clear()
            self.report()

        for number, text in self.lines(path):
            try:
                line = self.parse(text, number, f"{path}:{number}")
            except InvalidInputError:
                flush()  # what came before the bad line is stored
                raise
            if line is None:
                continue
            line_key = (line.user_id, line.session_id or self.session_id)
            if line_key != key or len(batch) >= self.batch_size:
                flush()
                if line_key != key:
                    repeats.clear()
                key, first_line = line_key, number
            message = line.message
            if message.get("ref") is None:
                ref = _made_ref(message)
                repeats[ref] = repeats.get(ref, 0) + 1
                message["ref"] = ref if repeats[ref] == 1 else f"{ref}#{repeats[ref]}"
            batch.append(message)
        flush()

    # ------------------------------------------------------------------ LoCoMo
    def locomo(self, path: Path, size: int) -> None:
        conversations = list(read_locomo(path))
        turns = sum(len(c.turns) for c in conversations) or 1
        base, done = self.status.bytes_done, 0
        for conv in conversations:
            for session in conv.sessions:
                messages = session.messages()
                if messages:
                    self.add(conv.sample_id, session.session_id, messages)
                done += len(messages)
                self.status.bytes_done = base + size * done // turns
                self.report()

    # ------------------------------------------------------------------ documents
    def document(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise InvalidInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
        except UnicodeDecodeError as exc:
            raise InvalidInputError(f"{path} is not UTF-8 text") from exc
        uid, ref = self.user_id, str(path)
        before = self.mem.store.find(uid, "Document", {"ref": ref}, limit=1)
        title = None if default_title(text) else path.stem
        try:
            result = self.mem.add_document(text, uid, ref=ref, title=title, source=self.source)
        except GraphMemError as exc:
            raise type(exc)(f"{path}: {exc}") from exc
        self.status.messages += 1
        if before:
            self.tally.add(uid, read=1, skipped=1)
            return
        self.status.added += 1
        chunks, memories = len(result.episodes), len(result.memories)
        self.tally.add(uid, read=1, added=1, documents=1, chunks=chunks, memories=memories)
