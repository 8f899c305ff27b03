"""An in-memory vector index: one growable float32 matrix per (user, label).

Vectors are L2-normalised on insert, so a dot product is the cosine similarity.
Deleted rows are masked, not compacted; search over-fetches and widens when filters
reject candidates (``semantics.fetch_sizes``), so it never silently returns fewer hits
than exist. Ties rank in insertion order.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

import numpy as np
from threadpoolctl import ThreadpoolController

from graphmem.stores.base import Vector
from graphmem.stores.semantics import fetch_sizes


@functools.cache
def _controller() -> ThreadpoolController:
    return ThreadpoolController()


def products(matrix: np.ndarray, vector: Vector) -> np.ndarray:
    """``matrix @ vector`` on one BLAS thread: on two busy cores, idle BLAS threads
    spinning after a product starve the embedding model's threads (measured: search p95
    110 ms with the default BLAS threads, 21 ms with one), and waking them costs more
    than the product (a 1536 x 384 product between model calls: 2-7 ms, 0.15 ms on one)."""
    with _controller().limit(limits=1, user_api="blas"):
        result: np.ndarray = matrix @ np.asarray(vector, dtype=np.float32)
    return result


def normalise(vector: Vector) -> Vector:
    v = np.asarray(vector, dtype=np.float32).reshape(-1)
    norm = float(np.linalg.norm(v))
    return v / norm if norm > 0 else v


class VectorIndex:
    """Exact cosine search over one growable matrix."""

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._matrix = np.zeros((16, dim), dtype=np.float32)
        self._alive = np.zeros(16, dtype=bool)
        self._ids: list[str | None] = []
        self._row: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._row

    def put(self, node_id: str, vector: Vector) -> None:
        v = normalise(vector)
        if v.shape[0] != self.dim:
            raise ValueError(f"vector has dimension {v.shape[0]}, index has {self.dim}")
        row = self._row.get(node_id)
        if row is None:
            row = len(self._ids)
            if row == self._matrix.shape[0]:
                grow = max(16, row)
                self._matrix = np.vstack([self._matrix, np.zeros((grow, self.dim), np.float32)])
                self._alive = np.concatenate([self._alive, np.zeros(grow, dtype=bool)])
            self._ids.append(node_id)
            self._row[node_id] = row
        self._matrix[row] = v
        self._alive[row] = True

    def remove(self, node_id: str) -> None:
        row = self._row.pop(node_id, None)
        if row is not None:
            self._alive[row] = False
            self._ids[row] = None

    def get(self, node_id: str) -> Vector | None:
        row = self._row.get(node_id)
        return None if row is None else self._matrix[row].copy()

    def items(self) -> Iterator[tuple[str, Vector]]:
        for node_id, row in self._row.items():
            yield node_id, self._matrix[row]

    def search(
        self, query: Vector, k: int, accept: Callable[[str], bool] | None = None
    ) -> list[tuple[str, float]]:
        """Best ``k`` (id, cosine) pairs among rows that ``accept`` lets through."""
        n = len(self._ids)
        if n == 0 or k <= 0:
            return []
        q = normalise(query)
        scores = products(self._matrix[:n], q)
        scores = np.where(self._alive[:n], scores, -np.inf)
        out: list[tuple[str, float]] = []
        for fetch in fetch_sizes(k, most=n):
            top = np.argpartition(-scores, fetch - 1)[:fetch] if fetch < n else np.arange(n)
            top = top[np.lexsort((top, -scores[top]))]  # best first, ties by row
            out = []
            for row in top:
                node_id = self._ids[int(row)]
                if node_id is None or not np.isfinite(scores[row]):
                    continue
                if accept is None or accept(node_id):
                    out.append((node_id, float(scores[row])))
                    if len(out) == k:
                        return out
        return out
