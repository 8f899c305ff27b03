"""The embedded store (the default): an SQLite file as the source of truth
(``sqlite``), mirrored in memory (``mirror``) for graph reads and vector search, behind
the ``Store`` protocol (``store``)."""

from __future__ import annotations

from graphmem.stores.embedded.store import EmbeddedStore

__all__ = ["EmbeddedStore"]
