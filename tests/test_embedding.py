"""The ONNX runtime of the default embedder computes the same vectors as the
sentence-transformers reference, from the same installed weights."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from graphmem import InvalidInputError, MiniLMEmbedder

TEXTS = [
    "Caroline: I went to the LGBTQ support group yesterday and it was so powerful.",
    "Melanie: Nice!",
    "",
    "Héllo wörld, naïve café — 日本語のテキスト",
    "word " * 400,  # longer than the model's 256 tokens: truncated the same way
    "Where did Jon move to after he left Paris in May 2023?",
]


def test_onnx_matches_sentence_transformers() -> None:
    onnx = MiniLMEmbedder("onnx", batch_size=4).embed(TEXTS)
    torch = MiniLMEmbedder("torch").embed(TEXTS)
    assert onnx.shape == torch.shape == (len(TEXTS), 384)
    assert onnx.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    cosines = (onnx * torch).sum(axis=1)
    assert cosines.min() > 0.9999, cosines


def test_batching_does_not_change_vectors() -> None:
    one_by_one = np.vstack([MiniLMEmbedder(batch_size=1).embed([t]) for t in TEXTS])
    batched = MiniLMEmbedder(batch_size=8).embed(TEXTS)
    np.testing.assert_allclose(one_by_one, batched, atol=1e-5)


def test_export_is_cached_where_told_and_no_environment_is_read_or_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from graphmem import embedding

    monkeypatch.setenv("GRAPHMEM_CACHE_DIR", str(tmp_path / "ignored"))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    environ = dict(os.environ)
    cache = tmp_path / "given"
    monkeypatch.setattr(embedding, "_MODELS", {})
    MiniLMEmbedder(threads=1, cache_dir=cache).embed(["first use exports the graph"])
    exported = list(cache.glob("*.onnx"))
    assert len(exported) == 1
    stamp = exported[0].stat().st_mtime_ns
    monkeypatch.setattr(embedding, "_MODELS", {})
    MiniLMEmbedder(threads=1, cache_dir=cache).embed(["second use reads it"])
    assert [p.stat().st_mtime_ns for p in cache.glob("*.onnx")] == [stamp]
    assert dict(os.environ) == environ and not (tmp_path / "ignored").exists()


def test_unknown_runtime_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        MiniLMEmbedder("tensorflow")  # type: ignore[arg-type]
    assert MiniLMEmbedder().embed([]).shape == (0, 384)
