"""When a stored version counts as true: the one rule for "valid at time t", shared by
``get(id, as_of=t)`` and by ``search(..., as_of=t)``.

Times are compared as stored strings (``graphmem.timeutil``), which sort as times.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graphmem.models import LIVE_STATUSES, EntityStatus, Status
from graphmem.stores.base import NodeRecord, Where

#: the store filter for current memory versions (recallable by default, eligible to
#: conflict) and for entities that are no merged spelling
CURRENT_MEMORIES: Where = {"status": sorted(LIVE_STATUSES)}
LIVE_ENTITIES: Where = {"status": EntityStatus.ACTIVE}

#: statuses of nodes that are no version of record: their content lives on in another
#: node (merged) or is gone (expired)
NOT_OF_RECORD = frozenset({Status.MERGED, Status.EXPIRED})


def of_record(props: Mapping[str, Any]) -> bool:
    """Whether a memory is a version of record: not merged into another, not expired,
    not withdrawn by the user (``retract``)."""
    return props.get("status") not in NOT_OF_RECORD and not props.get("retracted_at")


def valid_at(props: Mapping[str, Any], t: str | None) -> bool:
    """Whether a memory version holds at ``t`` (a stored time string), or now (None):
    a version of record that, now, no newer version has superseded or, at ``t``, whose
    validity, from ``valid_from`` (else when it was recorded) up to ``valid_to``
    (exclusive), contains ``t``."""
    if not of_record(props):
        return False
    if t is None:
        return props.get("status") != Status.SUPERSEDED
    start = str(props.get("valid_from") or props.get("created_at") or "")
    end = props.get("valid_to")
    return start <= t and (end is None or t < str(end))


def said_by(props: Mapping[str, Any], t: str) -> bool:
    """Whether an episode had been said at ``t``."""
    return bool(props.get("at")) and str(props["at"]) <= t


def newest_first(versions: Iterable[NodeRecord]) -> list[NodeRecord]:
    """The versions of a chain, newest first (by version, then time recorded, then id)."""
    return sorted(
        versions,
        key=lambda r: (int(r.props.get("version", 1)), str(r.props.get("created_at")), r.id),
        reverse=True,
    )


def version_at(versions: Iterable[NodeRecord], t: str) -> NodeRecord | None:
    """The version of a chain valid at ``t`` (the newest, if several overlap)."""
    return next((v for v in newest_first(versions) if valid_at(v.props, t)), None)
