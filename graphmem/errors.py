"""The errors graphmem raises.

Every error derives from one root, so ``except graphmem.GraphMemError`` catches them all::

    GraphMemError
    ├── InvalidInputError        bad arguments or input; nothing was written
    ├── NotFoundError            no such node for this user
    ├── FrozenError              the node is frozen (write-locked)
    └── BackendError             the store failed; the operation was rolled back
        └── BackendUnavailableError   the store cannot be reached or opened

Driver errors (sqlite3, neo4j, redis) are caught at the store boundary and re-raised
as ``BackendError`` from the original.
"""

from __future__ import annotations

__all__ = [
    "BackendError",
    "BackendUnavailableError",
    "FrozenError",
    "GraphMemError",
    "InvalidInputError",
    "NotFoundError",
]


class GraphMemError(Exception):
    """Root of every error graphmem raises."""


class InvalidInputError(GraphMemError, ValueError):
    """The caller passed something graphmem cannot accept. Nothing was written."""


class NotFoundError(GraphMemError, LookupError):
    """No node with that id exists for this user."""


class FrozenError(GraphMemError):
    """The node is frozen: no change is allowed until it is unfrozen."""


class BackendError(GraphMemError):
    """The store failed. The operation was rolled back."""


class BackendUnavailableError(BackendError):
    """The store cannot be reached, opened or written."""
