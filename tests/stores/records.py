"""Nodes and vectors for the store tests."""

from __future__ import annotations

import numpy as np

from graphmem.stores.base import NodeRecord, Vector

DIM = 384  # the dimension the stores are opened with by default


def vec(*xs: float) -> Vector:
    """A vector of ``DIM`` dimensions that starts with ``xs`` (zeros after)."""
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(xs)] = xs
    return v


def memory(node_id: str, text: str, user: str = "u1", **props: object) -> NodeRecord:
    """A generated fact with ``text`` (and ``props``) and a vector."""
    base = {"text": text, "status": "generated", "kind": "fact", **props}
    return NodeRecord(node_id, user, "Memory", base, vec(1.0, float(len(text) % 3)))
