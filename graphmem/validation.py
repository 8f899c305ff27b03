"""Validation of everything callers pass to the engine, in one place: arguments in,
clean values out, or a clear ``InvalidInputError`` before anything is written.

The checks are methods of a ``Validator`` built from the engine's ``Config``, so no call
can forget a configured limit (the largest text); ``parse_messages`` and ``check_text``
are also functions, for callers without an engine.

The input domain is closed, the same on every store: text (content, queries, reasons)
may hold any character but NUL and lone surrogates (which UTF-8, and so no store, can
encode); names and ids (users, speakers, roles, refs, entity names, node ids) may hold
no control character at all (``C0``, ``DEL``, ``C1``) and no lone surrogate; times are
whatever ``timeutil.to_utc`` accepts (years 1 to 9999 in UTC).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graphmem.codec import entity_key
from graphmem.config import Config
from graphmem.errors import InvalidInputError
from graphmem.models import EPISODE, HIT_KINDS, Kind
from graphmem.names import check_predicate
from graphmem.timeutil import to_utc

MESSAGE_KEYS = frozenset({"speaker", "role", "content", "text", "at", "ref", "name"})
SOURCE_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
SESSION_RE = re.compile(r"^[\w.:@/-]{1,128}$")
MAX_K = 1000
#: characters no text may hold: NUL, and lone surrogates (not encodable as UTF-8)
_BAD_TEXT = re.compile("[\x00\ud800-\udfff]")
#: characters no name or id may hold: control characters and lone surrogates
_BAD_NAME = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _refuse(found: re.Match[str] | None, what: str) -> None:
    if found is not None:
        char = found.group(0)
        kind = "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
        raise InvalidInputError(f"{what} contains {kind} (U+{ord(char):04X})")


def check_name(value: object, what: str, *, max_len: int = 512) -> str:
    """A name or id: a non-empty string of at most ``max_len`` characters without
    control characters or lone surrogates (kept as given)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(f"{what} must be a non-empty string")
    if len(value) > max_len:
        raise InvalidInputError(f"{what} is longer than {max_len} characters")
    _refuse(_BAD_NAME.search(value), what)
    return value


@dataclass(frozen=True)
class Message:
    """One validated input message."""

    text: str
    at: datetime
    speaker: str | None = None
    role: str | None = None
    ref: str | None = None
    #: put in front of each sentence when it is embedded if there is no speaker (a
    #: document chunk's title and section)
    context: str | None = None


def check_time(value: object, what: str) -> datetime:
    if not isinstance(value, datetime | date | str):
        raise InvalidInputError(f"{what} must be a datetime, a date or an ISO-8601 string")
    return to_utc(value, what=what)


def check_text(text: object, *, what: str, max_bytes: int) -> str:
    """Non-empty text of at most ``max_bytes`` UTF-8 bytes, without NUL or lone
    surrogates, stripped."""
    if not isinstance(text, str):
        raise InvalidInputError(f"{what} must be a string, not {type(text).__name__}")
    if not text.strip():
        raise InvalidInputError(f"{what} is empty")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > max_bytes:
        raise InvalidInputError(f"{what} is {size} bytes; the limit is {max_bytes}")
    _refuse(_BAD_TEXT.search(text), what)
    return text.strip()


def check_id(value: object, what: str) -> str:
    """An id (a user's, a node's): a name of at most 256 characters that does not
    start or end with white space (a server's string index ignores it there, so
    ``"u1 "`` could reach ``"u1"``'s nodes)."""
    name = check_name(value, what, max_len=256)
    if name != name.strip():
        raise InvalidInputError(f"{what} starts or ends with white space")
    return name


def _optional_name(value: object, what: str, *, fold: bool = True) -> str | None:
    """A name (its runs of white space folded to one space, if ``fold``) or an id."""
    if value is None:
        return None
    if fold and isinstance(value, str):
        value = " ".join(value.split())
    return check_name(value, what).strip()


def parse_messages(messages: object, *, default_at: datetime, max_bytes: int) -> list[Message]:
    """Validate ``messages`` (a string, a message dict, or a list of those)."""
    items: Sequence[Any]
    if isinstance(messages, str | Mapping):
        items = [messages]
    elif isinstance(messages, list | tuple):
        items = messages
    else:
        raise InvalidInputError(
            f"messages must be a string, a dict or a list of them, not {type(messages).__name__}"
        )
    if not items:
        raise InvalidInputError("messages is empty")
    out = []
    for i, item in enumerate(items):
        where = f"message {i}"
        if isinstance(item, str):
            out.append(Message(check_text(item, what=where, max_bytes=max_bytes), default_at))
            continue
        if not isinstance(item, Mapping):
            raise InvalidInputError(f"{where} must be a string or a dict")
        unknown = set(item) - MESSAGE_KEYS
        if unknown:
            raise InvalidInputError(
                f"{where} has unknown keys {sorted(map(str, unknown))}; "
                f"allowed: {sorted(MESSAGE_KEYS)}"
            )
        if "content" in item and "text" in item:
            raise InvalidInputError(f"{where} has both 'content' and 'text'")
        content = item.get("content", item.get("text"))
        at_value = item.get("at")
        at = default_at if at_value is None else check_time(at_value, f"{where} 'at'")
        speaker = _optional_name(item.get("speaker", item.get("name")), f"{where} speaker")
        out.append(
            Message(
                text=check_text(content, what=f"{where} content", max_bytes=max_bytes),
                at=at,
                speaker=speaker,
                role=_optional_name(item.get("role"), f"{where} role"),
                ref=_optional_name(item.get("ref"), f"{where} ref", fold=False),
            )
        )
    return out


@dataclass(frozen=True)
class DirectMemory:
    """The validated arguments of ``remember``."""

    text: str
    kind: Kind
    subject: str | None
    predicate: str | None
    object: str | None
    polarity: str | None
    at: datetime | None
    source: str
    confidence: float
    sources: list[str]


@dataclass(frozen=True)
class Revision:
    """The validated arguments of ``update``: None keeps the old value."""

    text: str | None = None
    object: str | None = None
    confidence: float | None = None
    source: str | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class DocumentInput:
    """The validated arguments of ``add_document``; ``title`` is "" when not given."""

    text: str
    title: str
    ref: str | None
    at: datetime
    source: str


class Validator:
    """Every check of the engine's arguments; limits and defaults come from its
    configuration (the largest text, whether search returns episodes)."""

    def __init__(self, config: Config) -> None:
        self.max_bytes = config.max_message_bytes
        self.max_document_bytes = config.documents.max_bytes
        self.include_episodes = config.recall.include_episodes

    def user_id(self, user_id: object) -> str:
        if not isinstance(user_id, str) or not user_id.strip():
            raise InvalidInputError("user_id is required: a non-empty string")
        return check_id(user_id, "user_id")

    def node_id(self, node_id: object, what: str = "id") -> str:
        if not isinstance(node_id, str) or not node_id:
            raise InvalidInputError(f"{what} must be a non-empty string")
        return check_id(node_id, what)

    def ids(self, ids: object, what: str) -> list[str]:
        """A list or tuple of node ids, without repeats, in the given order."""
        if isinstance(ids, str) or not isinstance(ids, list | tuple):
            raise InvalidInputError(f"{what} must be a list of ids")
        return list(dict.fromkeys(self.node_id(i, f"each of {what}") for i in ids))

    def reason(self, reason: object) -> str:
        """A free-text reason for the audit trail (may be empty)."""
        if not isinstance(reason, str):
            raise InvalidInputError(f"reason must be a string, not {type(reason).__name__}")
        if len(reason) > 1000:
            raise InvalidInputError("reason must be at most 1000 characters")
        _refuse(_BAD_TEXT.search(reason), "reason")
        return reason

    def source(self, source: object) -> str:
        if not isinstance(source, str) or not SOURCE_RE.match(source):
            raise InvalidInputError(f"source must match {SOURCE_RE.pattern}, got {source!r}")
        return source

    def session(self, session_id: object) -> str:
        """The session id, or ``"default"`` for None."""
        if session_id is None:
            return "default"
        if not isinstance(session_id, str) or not SESSION_RE.match(session_id):
            raise InvalidInputError(f"session_id must match {SESSION_RE.pattern}")
        return session_id

    def kind(self, kind: object) -> Kind:
        if not isinstance(kind, str) or kind not in {k.value for k in Kind}:
            raise InvalidInputError(f"kind must be one of {[k.value for k in Kind]}")
        return Kind(kind)

    def confidence(self, confidence: object) -> float:
        if (
            isinstance(confidence, bool)
            or not isinstance(confidence, int | float)
            or not math.isfinite(confidence)
            or not 0.0 <= confidence <= 1.0
        ):
            raise InvalidInputError(f"confidence must be a number in [0, 1], got {confidence!r}")
        return float(confidence)

    def polarity(self, polarity: object) -> str | None:
        if polarity not in (None, "like", "dislike", "ended"):
            raise InvalidInputError("polarity must be 'like', 'dislike' or 'ended'")
        return polarity

    def k(self, k: object) -> int:
        """How many hits a search returns."""
        return self.count(k, "k", high=MAX_K)

    def count(self, value: object, what: str, *, high: int | None = None) -> int:
        """A whole number from 1 (to ``high``)."""
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidInputError(f"{what} must be a positive integer")
        if high is not None and value > high:
            raise InvalidInputError(f"{what} must be an integer in [1, {high}]")
        return value

    def kinds(self, kinds: object) -> frozenset[str]:
        """What a search may return: memory kinds and ``episode``; None means all of them
        (episodes only if the recall configuration includes them)."""
        if kinds is None:
            return HIT_KINDS if self.include_episodes else HIT_KINDS - {EPISODE}
        if isinstance(kinds, str) or not isinstance(kinds, Sequence | set | frozenset):
            raise InvalidInputError("kinds must be a list of strings")
        if not all(isinstance(x, str) for x in kinds):
            raise InvalidInputError("kinds must be a list of strings")
        unknown = set(kinds) - HIT_KINDS
        if unknown:
            raise InvalidInputError(f"unknown kinds {sorted(unknown)}; known: {sorted(HIT_KINDS)}")
        return frozenset(kinds)

    def time(self, value: object, what: str) -> datetime:
        return check_time(value, what)

    def optional_time(self, value: object, what: str) -> datetime | None:
        return None if value is None else self.time(value, what)

    def text(self, value: object, what: str = "text") -> str:
        return check_text(value, what=what, max_bytes=self.max_bytes)

    def optional_text(self, value: object, what: str) -> str | None:
        return None if value is None else self.text(value, what)

    def name(self, value: object, what: str) -> str | None:
        """An entity name (subject, object): text with a letter or digit, its spaces
        folded; None stays None."""
        if value is None:
            return None
        name = " ".join(self.text(value, what).split())
        check_name(name, what, max_len=self.max_bytes)
        if not entity_key(name):
            raise InvalidInputError(f"{what} has no letters or digits")
        return name

    def messages(self, messages: object, default_at: datetime) -> list[Message]:
        return parse_messages(messages, default_at=default_at, max_bytes=self.max_bytes)

    def direct_memory(
        self,
        text: object,
        *,
        subject: object,
        predicate: object,
        object: object,
        kind: object,
        polarity: object,
        at: object,
        source: object,
        confidence: object,
        sources: object,
    ) -> DirectMemory:
        """The arguments of ``remember``."""
        if (predicate is None) != (subject is None):
            raise InvalidInputError("subject and predicate go together: give both or neither")
        if polarity == "ended" and (
            predicate is None or kind not in ("fact", Kind.FACT, "preference", Kind.PREFERENCE)
        ):
            raise InvalidInputError(
                "polarity 'ended' records that a fact or preference stopped holding: one"
                " with a subject and a predicate"
            )
        if polarity in ("like", "dislike") and kind not in ("preference", Kind.PREFERENCE):
            raise InvalidInputError("polarity 'like' or 'dislike' is for preferences")
        return DirectMemory(
            text=self.text(text),
            kind=self.kind(kind),
            subject=self.name(subject, "subject"),
            predicate=check_predicate(predicate) if predicate is not None else None,
            object=self.name(object, "object"),
            polarity=self.polarity(polarity),
            at=self.optional_time(at, "at"),
            source=self.source(source),
            confidence=self.confidence(confidence),
            sources=self.ids(sources, "sources"),
        )

    def revision(
        self, *, text: object, object: object, confidence: object, source: object, at: object
    ) -> Revision:
        """The arguments of ``update``."""
        return Revision(
            text=self.optional_text(text, "text"),
            object=self.name(object, "object"),
            confidence=None if confidence is None else self.confidence(confidence),
            source=None if source is None else self.source(source),
            at=self.optional_time(at, "at"),
        )

    def document(
        self, text: object, *, title: object, ref: object, at: datetime, source: object
    ) -> DocumentInput:
        """The arguments of ``add_document`` (``at`` already checked)."""
        return DocumentInput(
            text=check_text(text, what="document text", max_bytes=self.max_document_bytes),
            title=_optional_name(title, "title") or "",
            ref=_optional_name(ref, "ref", fold=False),
            at=at,
            source=self.source(source),
        )
