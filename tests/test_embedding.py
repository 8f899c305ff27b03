"""The ONNX runtime of the default embedder computes the same vectors as the
sentence-transformers reference, from the same installed weights."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from graphmem import InvalidInputError, MiniLMEmbedder
from graphmem.embedding import SHARE, embed_alongside

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


def test_kept_vectors_are_the_embedded_ones_and_a_new_embedder_reads_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    texts = ["I moved to Porto in May.", "My dog is called Rolo."]
    first = MiniLMEmbedder(cache_dir=tmp_path).embed_kept(texts)
    np.testing.assert_array_equal(first, MiniLMEmbedder().embed(texts))
    (kept,) = tmp_path.glob("vectors-*.npy")

    def no_model(self: MiniLMEmbedder, texts: Sequence[str]) -> np.ndarray:
        raise AssertionError("embedded again")

    with monkeypatch.context() as m:
        m.setattr(MiniLMEmbedder, "embed", no_model)
        np.testing.assert_array_equal(MiniLMEmbedder(cache_dir=tmp_path).embed_kept(texts), first)
        with pytest.raises(AssertionError):  # other texts, or other vectors, are not kept
            MiniLMEmbedder(cache_dir=tmp_path).embed_kept(texts[:1])
        with pytest.raises(AssertionError):
            MiniLMEmbedder(batch_size=2, cache_dir=tmp_path).embed_kept(texts)
    kept.write_bytes(b"not an array")
    np.testing.assert_array_equal(MiniLMEmbedder(cache_dir=tmp_path).embed_kept(texts), first)
    assert np.load(kept).shape == (2, 384)


def test_embedders_are_equal_when_they_make_the_same_vectors(tmp_path: Path) -> None:
    assert MiniLMEmbedder() == MiniLMEmbedder(cache_dir=tmp_path)
    assert hash(MiniLMEmbedder()) == hash(MiniLMEmbedder(cache_dir=tmp_path))
    assert MiniLMEmbedder() != MiniLMEmbedder(threads=2)
    assert MiniLMEmbedder() != MiniLMEmbedder("torch")


def test_unknown_runtime_is_refused() -> None:
    with pytest.raises(InvalidInputError):
        MiniLMEmbedder("tensorflow")  # type: ignore[arg-type]
    assert MiniLMEmbedder().embed([]).shape == (0, 384)


class _Recording:
    """A deterministic embedder that notes which thread embedded each text."""

    dim = 4

    def __init__(self) -> None:
        self.threads: dict[str, str] = {}
        self.lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        with self.lock:
            self.threads.update((t, threading.current_thread().name) for t in texts)
        rows = np.array([[len(t), t.count("a"), 1.0, 0.0] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_embed_alongside_shares_the_texts_between_the_pool_and_the_caller() -> None:
    texts = [f"text {'a' * i}" for i in range(10 * SHARE)] + ["text "]  # one repeated
    embedder = _Recording()
    release = threading.Event()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pool") as pool:

        def work() -> str:
            # the pool embeds its first share and is held there: the rest is left
            # for the caller, which takes the shares the pool has not started
            deadline = time.monotonic() + 10
            while not embedder.threads and time.monotonic() < deadline:
                time.sleep(0.001)
            return "parsed"

        slow = embedder.embed

        def held(share: Sequence[str]) -> np.ndarray:
            out = slow(share)
            if threading.current_thread().name.startswith("pool"):
                release.wait(10)
            return out

        embedder.embed = held  # type: ignore[method-assign]
        timer = threading.Timer(0.5, release.set)
        timer.start()
        done, vectors = embed_alongside(embedder, texts, pool, work)
        timer.cancel()
    by = dict(embedder.threads)
    assert done == "parsed"
    assert set(vectors) == set(texts)
    for text, row in vectors.items():
        np.testing.assert_allclose(row, slow([text])[0])
    pooled = [t for t, name in by.items() if name.startswith("pool")]
    assert len(pooled) == SHARE  # the one share the pool began; the caller did the rest
    assert all(by[t] == threading.current_thread().name for t in set(texts) - set(pooled))


def test_embed_alongside_cancels_the_pools_shares_when_the_work_fails() -> None:
    embedder = _Recording()
    gate = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(gate.wait, 10)  # the worker is busy, so no share has started

        def work() -> None:
            raise InvalidInputError("bad message")

        with pytest.raises(InvalidInputError):
            embed_alongside(embedder, ["one", "two", "three"], pool, work)
        gate.set()
    assert embedder.threads == {}


class _Counting:
    """A hashable embedder double equal to any other of its kind, counting the texts it
    embeds between them."""

    dim = 4
    texts = 0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        _Counting.texts += len(texts)
        return np.ones((len(texts), self.dim), dtype=np.float32) / 2

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Counting)

    def __hash__(self) -> int:
        return 0


def test_equal_embedders_embed_the_predicate_examples_once() -> None:
    from graphmem.config import PredicateRegistry
    from graphmem.extraction.frames import FrameMatcher

    registry = PredicateRegistry()
    first, second = _Counting(), _Counting()
    before = _Counting.texts
    FrameMatcher(registry, first.embed, first).table()
    once = _Counting.texts - before
    assert once > 100
    FrameMatcher(registry, second.embed, second).table()
    assert _Counting.texts - before == once
