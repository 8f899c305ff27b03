"""graphmem as an MCP server: one store, one user, the memory tools an agent needs.

    graphmem --uri local:///data/mem --user alice mcp                        # stdio
    graphmem --uri local:///data/mem --user alice mcp --http 127.0.0.1:8765  # HTTP

The user is fixed when the server starts and no tool takes a user argument, so a
client can only read and write that user's memories. The models load once, before the
server answers anything; tool calls then run one at a time on worker threads (the
engine is not built for concurrent writers on one user). Every tool returns structured
content, whose JSON schema is published with the tool, and the same result as text for
hosts that show only text. A ``GraphMemError`` becomes a tool error carrying its
one-line message.

Streamable HTTP listens on a loopback address unless ``allow_remote`` is given: the
server has no authentication, so anyone who can reach the port can read and write the
user's memories.
"""

from __future__ import annotations

import contextlib
import ipaddress
import sys
import threading
from collections.abc import Iterator
from datetime import datetime
from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from mcp.types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, ConfigDict, Field

import graphmem
from graphmem.engine import GraphMem
from graphmem.errors import GraphMemError, InvalidInputError
from graphmem.extraction.base import Utterance
from graphmem.models import Entity, Episode, Hit, HitKind, Memory
from graphmem.timeutil import to_utc

__all__ = ["build_server", "parse_address", "serve", "warm_up"]

INSTRUCTIONS = (
    "Long-term memory of one user, kept by graphmem. Before answering anything that may "
    "depend on earlier conversations (who someone is, where they live, what they like, "
    "what happened when), call search_memory or get_context. When the user shares "
    "something that may matter later, call add_memory with those turns. Memories are "
    "versioned: a change closes the old fact instead of deleting it, memory_history shows "
    "how a fact changed, and as_of answers with what was true at a date."
)


# ---------------------------------------------------------------- tool schemas
class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MessageIn(_Out):
    """One conversation turn to remember."""

    content: str = Field(description="What was said.")
    speaker: str | None = Field(None, description="Who said it, e.g. 'Anna' or 'user'.")
    at: str | None = Field(None, description="When it was said (ISO-8601); default: now.")
    ref: str | None = Field(None, description="Your own id for the turn, returned as a source.")


class MemoryOut(_Out):
    """A fact, preference or event."""

    id: str
    kind: str
    text: str
    status: str = Field(description="generated or activated (current), superseded, merged, …")
    confidence: float
    source: str
    valid_from: str | None = Field(description="When it started to hold (ISO-8601).")
    valid_to: str | None = Field(description="When it stopped holding; null while current.")
    version: int
    frozen: bool
    sources: list[str] = Field(description="Refs of the turns it was drawn from.")


class EpisodeOut(_Out):
    """A stored conversation turn."""

    id: str
    text: str
    speaker: str | None
    ref: str | None
    at: str
    session_id: str | None


class AddOut(_Out):
    episodes: list[EpisodeOut] = Field(description="The turns stored.")
    memories: list[MemoryOut] = Field(description="New memories drawn from them.")
    corroborated: list[MemoryOut] = Field(description="Known memories the turns confirmed.")
    superseded: list[MemoryOut] = Field(description="Older memories these replaced.")
    already_stored: list[str] = Field(
        default_factory=list,
        description="Ids of the turns stored before (same session and ref): adding them "
        "again wrote nothing.",
    )


class HitOut(_Out):
    id: str
    kind: str = Field(description="fact, preference, event, or episode (a raw turn)")
    text: str
    speaker: str | None = Field(description="For an episode: who said it.")
    status: str
    score: float = Field(description="Higher is more relevant.")
    reason: str = Field(description="Why it was found.")
    sources: list[str] = Field(description="Refs of the turns it came from.")
    valid_from: str | None
    valid_to: str | None


class SearchOut(_Out):
    hits: list[HitOut]


class ContextOut(_Out):
    context: str = Field(description="One dated line per memory or turn, with its sources.")


class HistoryOut(_Out):
    versions: list[MemoryOut] = Field(description="Every version, newest first.")


class ForgetOut(_Out):
    removed: dict[str, int] = Field(description="Nodes removed, by label.")


# ---------------------------------------------------------------- conversions
def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _memory(m: Memory) -> MemoryOut:
    return MemoryOut(
        id=m.id,
        kind=m.kind.value,
        text=m.text,
        status=m.status.value,
        confidence=m.confidence,
        source=m.source,
        valid_from=_iso(m.valid_from),
        valid_to=_iso(m.valid_to),
        version=m.version,
        frozen=m.frozen,
        sources=list(m.refs),
    )


def _episode(e: Episode) -> EpisodeOut:
    return EpisodeOut(
        id=e.id,
        text=e.text,
        speaker=e.speaker,
        ref=e.ref,
        at=e.at.isoformat(),
        session_id=e.session_id,
    )


def _hit(h: Hit) -> HitOut:
    node = h.memory
    if isinstance(node, Memory):
        return HitOut(
            id=node.id,
            kind=node.kind.value,
            text=node.text,
            speaker=None,
            status=node.status.value,
            score=round(h.score, 4),
            reason=h.reason,
            sources=list(h.sources),
            valid_from=_iso(node.valid_from),
            valid_to=_iso(node.valid_to),
        )
    return HitOut(
        id=node.id,
        kind="episode",
        text=node.text,
        speaker=node.speaker,
        status=str(node.status),
        score=round(h.score, 4),
        reason=h.reason,
        sources=list(h.sources),
        valid_from=node.at.isoformat(),
        valid_to=None,
    )


def _day(value: str | None) -> str:
    return value[:10] if value else "?"


def _memory_line(m: MemoryOut) -> str:
    flags = m.kind + " · " + m.status + (" · frozen" if m.frozen else "")
    valid = f"valid {_day(m.valid_from)} to {_day(m.valid_to) if m.valid_to else 'now'}"
    sources = f"; sources {', '.join(m.sources)}" if any(m.sources) else ""
    return f"- [{flags}] {m.text} ({valid}{sources}) id={m.id}"


def _result(out: BaseModel, text: str) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=text)],
        structured_content=out.model_dump(mode="json"),
    )


# ---------------------------------------------------------------- the tools
class MemoryTools:
    """The tools, bound to one engine and one user. Each call holds one lock, so calls
    run one at a time, and turns a ``GraphMemError`` into a ``ToolError``."""

    def __init__(self, mem: GraphMem, user_id: str) -> None:
        self.mem = mem
        self.user_id = user_id
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def _call(self) -> Iterator[None]:
        with self._lock:
            try:
                yield
            except GraphMemError as exc:
                message = " ".join(str(exc).split())
                raise ToolError(f"{type(exc).__name__}: {message}") from exc

    def _require_memory(self, node_id: str) -> None:
        if not isinstance(self.mem.get(node_id, self.user_id), Memory):
            raise InvalidInputError(f"{node_id} is not a memory")

    @staticmethod
    def _as_memory(node: Memory | Entity) -> Memory:
        assert isinstance(node, Memory)  # checked by _require_memory
        return node

    def add_memory(
        self,
        messages: Annotated[
            list[MessageIn] | None,
            Field(description="The turns to remember, oldest first."),
        ] = None,
        text: Annotated[
            str | None, Field(description="A single statement to remember, instead of messages.")
        ] = None,
        session_id: Annotated[
            str | None, Field(description="Conversation id; consecutive turns are linked.")
        ] = None,
    ) -> Annotated[CallToolResult, AddOut]:
        with self._call():
            if (messages is None) == (text is None):
                raise InvalidInputError("give either messages or text")
            payload: object = text
            if messages is not None:
                payload = [m.model_dump(exclude_none=True) for m in messages]
            result = self.mem.add(payload, self.user_id, session_id=session_id)
        out = AddOut(
            episodes=[_episode(e) for e in result.episodes],
            memories=[_memory(m) for m in result.memories],
            corroborated=[_memory(m) for m in result.corroborated],
            superseded=[_memory(m) for m in result.superseded],
            already_stored=[e.id for e in result.already_stored],
        )
        new = len(out.episodes) - len(out.already_stored)
        lines = [f"Stored {new} turn(s)."]
        if out.already_stored:
            lines.append(f"{len(out.already_stored)} turn(s) were stored already (same ref).")
        for title, group in (
            ("New memories", out.memories),
            ("Confirmed again", out.corroborated),
            ("Superseded (kept in history)", out.superseded),
        ):
            if group:
                lines += [f"{title}:", *(_memory_line(m) for m in group)]
        return _result(out, "\n".join(lines))

    def search_memory(
        self,
        query: Annotated[str, Field(description="What you want to know, in plain words.")],
        k: Annotated[int, Field(ge=1, le=100, description="How many hits at most.")] = 10,
        as_of: Annotated[
            str | None, Field(description="Answer as of this date (ISO-8601); default: now.")
        ] = None,
        kinds: Annotated[
            list[HitKind] | None, Field(description="Only these kinds; default: all.")
        ] = None,
        include_archived: Annotated[
            bool, Field(description="Also return memories archived for lack of use.")
        ] = False,
    ) -> Annotated[CallToolResult, SearchOut]:
        with self._call():
            hits = self.mem.search(
                query,
                self.user_id,
                k=k,
                as_of=as_of,
                kinds=kinds,
                include_archived=include_archived,
            )
        out = SearchOut(hits=[_hit(h) for h in hits])
        lines = [
            f"{i}. [{h.kind} · {h.status} · {h.score:.3f}] "
            + (f"{h.speaker}: " if h.speaker else "")
            + h.text
            + (f" (sources {', '.join(h.sources)})" if any(h.sources) else "")
            + f" id={h.id} found by {h.reason}"
            for i, h in enumerate(out.hits, 1)
        ]
        return _result(out, "\n".join(lines) or "No memories match.")

    def get_context(
        self,
        query: Annotated[str, Field(description="What the answer is about.")],
        budget_tokens: Annotated[
            int, Field(ge=20, le=8000, description="Size limit of the block, in tokens.")
        ] = 400,
        as_of: Annotated[
            str | None, Field(description="As of this date (ISO-8601); default: now.")
        ] = None,
    ) -> Annotated[CallToolResult, ContextOut]:
        with self._call():
            block = self.mem.context(query, self.user_id, budget_tokens=budget_tokens, as_of=as_of)
        return _result(ContextOut(context=block), block or "No memories match.")

    def memory_history(
        self,
        memory_id: Annotated[str, Field(description="A memory id from another tool.")],
    ) -> Annotated[CallToolResult, HistoryOut]:
        with self._call():
            versions = self.mem.history(memory_id, self.user_id)
        out = HistoryOut(versions=[_memory(v) for v in versions])
        return _result(out, "\n".join(f"v{m.version} {_memory_line(m)[2:]}" for m in out.versions))

    def forget_memory(
        self,
        memory_id: Annotated[
            str, Field(description="The id of a memory or of a stored turn (episode).")
        ],
    ) -> Annotated[CallToolResult, ForgetOut]:
        with self._call():
            removed = self.mem.forget(memory_id, user_id=self.user_id, reason="forgotten via MCP")
        out = ForgetOut(removed=removed)
        counts = ", ".join(f"{n} {label}" for label, n in sorted(removed.items()))
        return _result(out, f"Forgotten: {counts or 'nothing'}.")

    def update_memory(
        self,
        memory_id: Annotated[str, Field(description="The id of the memory to correct.")],
        correction: Annotated[
            str, Field(description="The corrected statement, e.g. 'Anna lives in Munich now.'")
        ],
    ) -> Annotated[CallToolResult, MemoryOut]:
        with self._call():
            memory = self.mem.feedback(memory_id, correction, self.user_id)
        out = _memory(memory)
        return _result(
            out, "Corrected; the old version stays in the history.\n" + _memory_line(out)
        )

    def freeze_memory(
        self,
        memory_id: Annotated[str, Field(description="The id of the memory to protect.")],
        reason: Annotated[str, Field(description="Why, kept in its audit trail.")] = "",
    ) -> Annotated[CallToolResult, MemoryOut]:
        with self._call():
            self._require_memory(memory_id)
            node = self.mem.freeze(memory_id, self.user_id, reason=reason)
        out = _memory(self._as_memory(node))
        return _result(out, "Frozen.\n" + _memory_line(out))

    def unfreeze_memory(
        self,
        memory_id: Annotated[str, Field(description="The id of a frozen memory.")],
        reason: Annotated[str, Field(description="Why, kept in its audit trail.")] = "",
    ) -> Annotated[CallToolResult, MemoryOut]:
        with self._call():
            self._require_memory(memory_id)
            node = self.mem.unfreeze(memory_id, self.user_id, reason=reason)
        out = _memory(self._as_memory(node))
        return _result(out, "Unfrozen.\n" + _memory_line(out))


_READ = ToolAnnotations(read_only_hint=True, open_world_hint=False)
_WRITE = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=False)
_DESTROY = ToolAnnotations(read_only_hint=False, destructive_hint=True, open_world_hint=False)

DESCRIPTIONS = {
    "add_memory": (
        "Remember what was said. Pass the turns worth keeping as `messages` (each with "
        "`content`, and if known `speaker`, `at` = when it was said, `ref` = your id for the "
        "turn), or one statement as `text`. Each turn is stored, and facts, preferences and "
        "events are drawn from it; a fact that contradicts an older one (a move, a new job) "
        "closes the old one instead of deleting it. Call it when the user shares something "
        "about themselves, other people, plans or preferences that may matter later. Returns "
        "the stored turns, the new memories and those they superseded."
    ),
    "search_memory": (
        "Recall what is known about `query`. Call it before answering anything that may "
        "depend on earlier conversations. Returns hits, best first, each with its text, kind "
        "(fact, preference, event, or episode for a raw turn), status, score, the reason it "
        "was found, the refs of the turns it came from (`sources`) and when it held "
        "(`valid_from`, `valid_to`). `as_of` answers with what was true at a past date; "
        "`kinds` restricts the kinds; `include_archived` also returns long-unused memories."
    ),
    "get_context": (
        "A compact, prompt-ready block about `query`: one dated line per relevant memory or "
        "turn, with its sources, within `budget_tokens`. Use it to ground an answer in one "
        "call; use search_memory when you need ids, scores or validity."
    ),
    "memory_history": (
        "Every version of a memory, newest first: how a fact changed over time (superseded, "
        "corrected, merged), each with its validity. `memory_id` comes from search_memory or "
        "add_memory."
    ),
    "forget_memory": (
        "Remove a memory with all its versions, or a stored turn with the memories drawn only "
        "from it, when the user asks you to forget it. Only a tombstone (id, time, reason) "
        "remains; this cannot be undone. Fails on a frozen memory."
    ),
    "update_memory": (
        "Correct a memory the user says is wrong or out of date. `correction` is the corrected "
        "statement; it becomes the new current version and the old one stays in the history. "
        "Fails on a frozen memory."
    ),
    "freeze_memory": (
        "Protect a memory the user has confirmed: no update, merge or deletion is accepted "
        "until it is unfrozen. `reason` is kept in its audit trail."
    ),
    "unfreeze_memory": "Lift a freeze set by freeze_memory, so the memory can change again.",
}


def build_server(mem: GraphMem, user_id: str) -> MCPServer:
    """An MCP server whose tools act on ``mem`` for ``user_id`` only."""
    tools = MemoryTools(mem, user_id)
    server: MCPServer = MCPServer(
        "graphmem",
        title="graphmem memory",
        instructions=INSTRUCTIONS,
        version=graphmem.__version__,
        log_level="WARNING",
    )
    annotations = {
        "search_memory": _READ,
        "get_context": _READ,
        "memory_history": _READ,
        "forget_memory": _DESTROY,
    }
    for name, description in DESCRIPTIONS.items():
        server.add_tool(
            getattr(tools, name),
            name=name,
            description=description,
            annotations=annotations.get(name, _WRITE),
        )
    return server


def warm_up(mem: GraphMem) -> None:
    """Load the embedding model and the extractor now, so that the first tool call is
    as fast as the others."""
    mem.embedder.embed(["graphmem warm-up"])
    mem.extractor.extract([Utterance("I moved to Berlin last week.", to_utc(mem.clock()))])


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_address(text: str, *, allow_remote: bool = False) -> tuple[str, int]:
    """``HOST:PORT``, ``[IPv6]:PORT``, ``:PORT`` or ``PORT`` (host 127.0.0.1) as a
    (host, port) pair. A host that is not a loopback address is refused unless
    ``allow_remote``."""
    host, sep, port_text = text.strip().rpartition(":")
    if not sep:
        host, port_text = "", text.strip()
    host = host.removeprefix("[").removesuffix("]") or "127.0.0.1"
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise InvalidInputError(f"--http wants HOST:PORT with a port in 1..65535, got {text!r}")
    if not allow_remote and not _is_loopback(host):
        raise InvalidInputError(
            f"{host} is not a loopback address; the server has no authentication, so "
            "anyone who reaches it can read and write this user's memories "
            "(pass --allow-remote to serve there anyway)"
        )
    return host, int(port_text)


def _security(host: str) -> TransportSecuritySettings:
    """Host/Origin checks against DNS rebinding for a loopback server; none for a server
    deliberately exposed on another address (its clients use names we cannot know)."""
    if not _is_loopback(host):
        return TransportSecuritySettings(enable_dns_rebinding_protection=False)
    named = f"[{host}]" if ":" in host else host
    hosts = sorted({named, "127.0.0.1", "localhost", "[::1]"})
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[f"{h}:*" for h in hosts],
        allowed_origins=[f"http://{h}:*" for h in hosts],
    )


def serve(
    mem: GraphMem, user_id: str, *, http: str | None = None, allow_remote: bool = False
) -> None:
    """Serve ``mem`` for ``user_id`` over stdio, or over streamable HTTP at ``http``
    (``HOST:PORT``, path ``/mcp``) until the client hangs up or the process is stopped."""
    address = parse_address(http, allow_remote=allow_remote) if http is not None else None
    if address is None:
        # stdout is the protocol channel: anything a model loader prints goes to stderr
        with contextlib.redirect_stdout(sys.stderr):
            warm_up(mem)
        build_server(mem, user_id).run("stdio")
        return
    host, port = address
    warm_up(mem)
    if not _is_loopback(host):
        print(
            f"graphmem mcp: serving user {user_id!r} on {host}:{port} without authentication",
            file=sys.stderr,
        )
    build_server(mem, user_id).run(
        "streamable-http", host=host, port=port, transport_security=_security(host)
    )
