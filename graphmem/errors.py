"""The errors graphmem raises.

Every error derives from one root, so ``except graphmem.GraphMemError`` catches them all::

    GraphMemError
    ├── InvalidInputError        bad arguments or input; nothing was written
    │   └── DuplicateRefError    a message's (session, ref) is stored with other content
    ├── NotFoundError            no such node for this user
    ├── FrozenError              the node is frozen (write-locked)
    ├── ConflictError            concurrent writes kept changing what this one read;
    │                            nothing was written; retrying is safe
    └── BackendError             the store failed; the operation was rolled back
        └── BackendUnavailableError   the store cannot be reached, opened or written
                                      in time (``outcome_unknown``: a write may have
                                      committed all the same)

``retryable`` tells whether the same call may succeed if made again unchanged:
``ConflictError`` and ``BackendUnavailableError`` are retryable. Retrying an ``add``
whose messages carry refs never stores anything twice (see ``GraphMem.add``).

Driver errors (sqlite3, neo4j, redis) are caught at the store boundary and re-raised
as ``BackendError`` from the original.
"""

from __future__ import annotations

__all__ = [
    "BackendError",
    "BackendUnavailableError",
    "ConflictError",
    "DuplicateRefError",
    "FrozenError",
    "GraphMemError",
    "InvalidInputError",
    "NotFoundError",
]


class GraphMemError(Exception):
    """Root of every error graphmem raises."""

    #: whether the same call, made again unchanged, may succeed
    retryable: bool = False


class InvalidInputError(GraphMemError, ValueError):
    """The caller passed something graphmem cannot accept. Nothing was written."""


class DuplicateRefError(InvalidInputError):
    """A message names a (session, ref) that is already stored with another text or
    speaker. Nothing was written. The same message added again is not an error: it is
    returned as already stored."""


class NotFoundError(GraphMemError, LookupError):
    """No node with that id exists for this user."""


class FrozenError(GraphMemError):
    """The node is frozen: no change is allowed until it is unfrozen."""


class ConflictError(GraphMemError):
    """Other writers kept changing what this write depends on (the current version of a
    fact, the last turn of a session, an entity, a node's status) through every retry
    the configuration allows (``Config.write_attempts``). Nothing was written; the
    call can be made again."""

    retryable = True


class BackendError(GraphMemError):
    """The store failed. The operation was rolled back."""


class BackendUnavailableError(BackendError):
    """The store cannot be reached, opened or written in time. When
    ``outcome_unknown`` is True the write was sent and its reply lost: it may have
    committed (the message says so); an ``add`` whose messages have refs can be
    retried safely, it stores nothing twice."""

    retryable = True

    def __init__(self, message: str, *, outcome_unknown: bool = False) -> None:
        super().__init__(message)
        self.outcome_unknown = outcome_unknown
