"""Cost of ``sweep`` against the number of memories, on the embedded store.

For each size N: write N memories for one user (in batches, through the engine's own
write path, with a cheap deterministic embedder: this benchmark measures the lifecycle,
not the embedding model), then time two sweeps: one 100 days later that archives all N,
and one 400 days after that which expires all N to tombstones. Prints a table and writes
JSON and markdown.

    python benchmarks/sweep_scale.py --sizes 1000 10000 100000
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

import graphmem
from benchmarks.common import (
    RESULTS,
    report_rows,
    store_uri,
)
from graphmem.models import Kind
from graphmem.versioning import Candidate, create_memory
from graphmem.writer import Writer

START = datetime(2024, 1, 1, tzinfo=UTC)


class HashEmbedder:
    """A deterministic 384-d embedder from text hashes (benchmark set-up only)."""

    dim = 384

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "little")
            v = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
            out[i] = v / np.linalg.norm(v)
        return out


def build(mem: graphmem.GraphMem, n: int, batch: int = 5000) -> float:
    """Write ``n`` memories; returns seconds taken."""
    t0 = time.perf_counter()
    rng = np.random.default_rng(7)
    kinds = [Kind.FACT, Kind.PREFERENCE, Kind.EVENT]
    for start in range(0, n, batch):
        w = Writer(mem.store, "bench", START, mem.config)
        size = min(batch, n - start)
        vectors = rng.standard_normal((size, 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        for j in range(size):
            i = start + j
            create_memory(
                w,
                Candidate(
                    kind=kinds[i % 3],
                    text=f"Person {i % 997} note {i}.",
                    source="import",
                    confidence=0.8,
                    embedding=vectors[j],
                ),
            )
        w.commit()
    return time.perf_counter() - t0


def run(sizes: list[int]) -> list[dict[str, float]]:
    rows: list[dict[str, float]] = []
    for n in sizes:
        with store_uri(None, f"sweep{n}") as uri:
            rows.append(_measure(uri, n))
    return rows


def _measure(uri: str, n: int) -> dict[str, float]:
    """Build ``n`` memories in ``uri`` and time an archive, an idle and an expire sweep."""
    with graphmem.open(uri, embedder=HashEmbedder(), clock=lambda: START, user_id="bench") as mem:
        build_s = build(mem, n)
        timings = []
        reports = []
        for days in (100, 100, 500):
            t0 = time.perf_counter()
            reports.append(mem.sweep(now=START + timedelta(days=days)))
            timings.append(time.perf_counter() - t0)
    archived, again, expired = reports
    moved_a, moved_x = sum(archived.counts.values()), sum(expired.counts.values())
    if moved_a != n or moved_x != n or again.moved:
        raise RuntimeError(f"unexpected sweep: archived {moved_a}, expired {moved_x} of {n}")
    return {
        "memories": n,
        "build_s": round(build_s, 2),
        "archive_sweep_s": round(timings[0], 3),
        "idle_sweep_s": round(timings[1], 3),
        "expire_sweep_s": round(timings[2], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--json", type=Path, default=RESULTS / "sweep_scale.json")
    parser.add_argument("--md", type=Path, default=RESULTS / "sweep_scale.md")
    args = parser.parse_args(argv)
    rows = run(args.sizes)
    report_rows(
        rows,
        title="sweep cost vs memories (embedded store)",
        heading="sweep cost vs number of memories",
        script="sweep_scale.py",
        argv=argv,
        json_path=args.json,
        md_path=args.md,
        notes=(
            "Archive sweep: every memory unused for 100 days moves generated → archived. "
            "Expire sweep: 400 days later every archived memory becomes a tombstone. "
            "Idle sweep: the same sweep again (idempotent, moves nothing)."
        ),
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
