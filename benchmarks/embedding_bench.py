"""Embedding throughput of all-MiniLM-L6-v2 on real conversation turns.

Compares the two runtimes of ``MiniLMEmbedder`` (ONNX Runtime, the default, and
sentence-transformers on PyTorch) with 1 and 2 threads, on whole turns and on the
sentences ``add`` actually embeds, and checks that both runtimes give the same vectors.

    python benchmarks/embedding_bench.py --data ../shared/data/locomo/locomo-dev.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (
    RESULTS,
    command_line,
    machine_info,
    machine_markdown,
    utc_now,
    write_json,
    write_text,
)
from graphmem.adding import embedded_texts
from graphmem.embedding import MiniLMEmbedder
from graphmem.validation import parse_messages


def utc_now_dt() -> datetime:
    return datetime.now(UTC)


def load_turns(path: Path, limit: int) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        data = json.load(f)
    turns: list[dict[str, str]] = []
    for sample in data:
        conv = sample["conversation"]
        n = 1
        while f"session_{n}" in conv:
            turns += [{"speaker": t["speaker"], "content": t["text"]} for t in conv[f"session_{n}"]]
            n += 1
    return turns[:limit]


def rate(embedder: MiniLMEmbedder, texts: list[str], repeats: int) -> float:
    """Best texts/s of ``repeats`` runs (after one warm-up call)."""
    embedder.embed(texts[:8])
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        embedder.embed(texts)
        best = min(best, time.perf_counter() - start)
    return len(texts) / best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="LoCoMo-format JSON file")
    parser.add_argument("--turns", type=int, default=600)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, default=RESULTS / "embedding.json")
    parser.add_argument("--md", type=Path, default=RESULTS / "embedding.md")
    args = parser.parse_args(argv)

    msgs = parse_messages(
        load_turns(args.data, args.turns), default_at=utc_now_dt(), max_bytes=1 << 20
    )
    turns = [f"{m.speaker}: {m.text}" for m in msgs]
    sentences = embedded_texts(msgs)
    rows: list[dict[str, Any]] = []
    for runtime in ("onnx", "torch"):
        for threads in (1, 2):
            if runtime == "torch":
                import torch

                torch.set_num_threads(threads)
            embedder = MiniLMEmbedder(runtime, threads=threads)  # type: ignore[arg-type]
            rows.append(
                {
                    "runtime": runtime,
                    "threads": threads,
                    "turns_per_s": round(rate(embedder, turns, args.repeats), 1),
                    "sentences_per_s": round(rate(embedder, sentences, args.repeats), 1),
                }
            )
            print(rows[-1], flush=True)
    onnx = MiniLMEmbedder("onnx").embed(turns)
    ref = MiniLMEmbedder("torch").embed(turns)
    cosine = (onnx * ref).sum(axis=1)
    report = {
        "command": command_line("embedding_bench.py", argv),
        "date": utc_now(),
        "machine": machine_info(),
        "turns": len(turns),
        "sentences": len(sentences),
        "rows": rows,
        "onnx_vs_torch_cosine": {"min": float(cosine.min()), "mean": float(cosine.mean())},
    }
    write_json(args.json, report)
    lines = [
        "# Embedding throughput (all-MiniLM-L6-v2)",
        "",
        f"Command: `{report['command']}`  ",
        f"Machine: {machine_markdown(report['machine'])}  ",
        f"Date: {report['date']}",
        "",
        f"{len(turns)} LoCoMo turns (speaker name in front) and the {len(sentences)} "
        "sentences `add` embeds for them (an episode's vector is the mean of its "
        "sentences'); best of "
        f"{args.repeats} runs.",
        "",
        "| runtime | threads | turns/s | sentences/s | turns/s via sentences |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    per_turn = len(sentences) / len(turns)
    for r in rows:
        lines.append(
            f"| {r['runtime']} | {r['threads']} | {r['turns_per_s']} | "
            f"{r['sentences_per_s']} | {round(r['sentences_per_s'] / per_turn, 1)} |"
        )
    lines += [
        "",
        f"ONNX Runtime against sentence-transformers, same turns: cosine min "
        f"{cosine.min():.7f}, mean {cosine.mean():.7f}.",
        "",
    ]
    write_text(args.md, "\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
