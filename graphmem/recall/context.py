"""Packing recalled hits into a prompt-ready block within a token budget."""

from __future__ import annotations

from collections.abc import Sequence

from graphmem.documents import chunk_context
from graphmem.models import Hit, Memory


def estimate_tokens(text: str) -> int:
    """A conservative token count for English text (about four characters a token)."""
    return max(1, (len(text) + 3) // 4)


def hit_line(hit: Hit) -> str:
    """One hit as a dated line with its sources."""
    node = hit.memory
    if isinstance(node, Memory):
        when, text = node.valid_from or node.created_at, node.text
    elif hit.chunk is not None:
        where = chunk_context(hit.chunk.title, hit.chunk.section)
        when, text = node.at, f"{where}: {node.text}"
    else:
        when, text = node.at, f"{node.speaker}: {node.text}" if node.speaker else node.text
    sources = f" (source: {', '.join(hit.sources)})" if hit.sources else ""
    return f"- [{when:%Y-%m-%d}] {' '.join(text.split())}{sources}"


def pack(hits: Sequence[Hit], budget_tokens: int) -> str:
    """The best hits, in rank order, as lines whose estimated tokens fit the budget; a
    hit too long for what is left is skipped in favour of shorter ones after it."""
    lines: list[str] = []
    used = 0
    for hit in hits:
        line = hit_line(hit)
        cost = estimate_tokens(line) + 1
        if used + cost <= budget_tokens:
            lines.append(line)
            used += cost
    return "\n".join(lines)
