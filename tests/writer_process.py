"""A writer process for the reliability tests and ``benchmarks/reliability.py``:

    python -m tests.writer_process --uri URI --user U --worker 1 --adds 200 --remembers 200

It opens the store, then interleaves ``add`` calls (one turn each, with a ref, in one
session shared with the other writers) and ``remember`` calls that conflict (one
single-valued fact of one subject, a new value each time), and prints one JSON line per
acknowledged call (the ids it returned) and per error, flushed at once, so that a
parent that kills this process knows every write that was acknowledged. A retryable
error (``ConflictError``, ``BackendUnavailableError``) is retried, as a caller would
(an add with a ref stores nothing twice); with ``--until-done`` for up to
``--deadline`` seconds, so a server may be killed and restarted meanwhile.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import graphmem

CITIES = ["Paris", "Rome", "Oslo", "Lima", "Quito", "Delhi", "Berlin", "Tokyo", "Cairo", "Bern"]


Emit = Callable[[dict[str, Any]], None]


def _emit(record: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def _engine(uri: str, models: str, user: str) -> graphmem.GraphMem:
    if models == "real":
        return graphmem.open(uri, user_id=user)
    from tests.doubles import HashEmbedder, RuleExtractor

    return graphmem.open(uri, user_id=user, embedder=HashEmbedder(), extractor=RuleExtractor())


def _call(
    what: str, fn: Callable[[], Any], deadline: float, *, until_done: bool, emit: Emit
) -> tuple[Any, int]:
    """``fn()``, retried on retryable errors; (result or None, retries)."""
    retries = 0
    while True:
        try:
            return fn(), retries
        except graphmem.GraphMemError as exc:
            emit({"error": type(exc).__name__, "call": what, "message": str(exc)[:300]})
            if not exc.retryable or (not until_done and retries >= 5):
                return None, retries
            if time.monotonic() > deadline:
                return None, retries
            retries += 1
            time.sleep(min(2.0, 0.05 * 2**retries))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--user", default="shared")
    parser.add_argument("--worker", type=int, default=0)
    parser.add_argument("--adds", type=int, default=20)
    parser.add_argument("--remembers", type=int, default=20)
    parser.add_argument("--session", default="shared")
    parser.add_argument("--models", choices=["doubles", "real"], default="doubles")
    parser.add_argument("--until-done", action="store_true")
    parser.add_argument("--deadline", type=float, default=600.0)
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.deadline
    mem = None
    while mem is None:
        try:
            mem = _engine(args.uri, args.models, args.user)
        except graphmem.BackendUnavailableError as exc:  # a server restarting
            if not args.until_done or time.monotonic() > deadline:
                raise
            _emit({"error": type(exc).__name__, "call": "open", "message": str(exc)[:300]})
            time.sleep(0.2)
    _emit({"ready": args.worker})
    write_loop(
        mem,
        args.worker,
        adds=args.adds,
        remembers=args.remembers,
        session=args.session,
        until_done=args.until_done,
        deadline=deadline,
        emit=_emit,
    )
    mem.close()
    return 0


def write_loop(
    mem: graphmem.GraphMem,
    worker: int,
    *,
    adds: int,
    remembers: int,
    session: str = "shared",
    until_done: bool = False,
    deadline: float = float("inf"),
    emit: Emit = _emit,
) -> None:
    """The writer's calls, interleaved: an add of one turn with a ref, then a
    conflicting remember; ``emit`` gets one record per acknowledged call or error."""
    for i in range(max(adds, remembers)):
        city = CITIES[(worker * 3 + i) % len(CITIES)]
        if i < adds:
            ref = f"w{worker}:{i}"
            message = {"speaker": "Anna", "content": f"I moved to {city}.", "ref": ref}
            r, retries = _call(
                "add",
                lambda message=message: mem.add(message, session_id=session),
                deadline,
                until_done=until_done,
                emit=emit,
            )
            if r is not None:
                emit(
                    {
                        "ack": "add",
                        "ref": ref,
                        "retries": retries,
                        "episodes": [e.id for e in r.episodes],
                        "memories": [m.id for m in r.memories],
                        "already_stored": [e.id for e in r.already_stored],
                    }
                )
        if i < remembers:
            day = f"20{10 + i % 15}-0{1 + worker % 9}-1{i % 10}"
            m, retries = _call(
                "remember",
                lambda city=city, day=day: mem.remember(
                    f"Ben lives in {city}.",
                    subject="Ben",
                    predicate="lives_in",
                    object=city,
                    at=day,
                ),
                deadline,
                until_done=until_done,
                emit=emit,
            )
            if m is not None:
                emit({"ack": "remember", "retries": retries, "memories": [m.id]})
    emit({"done": worker})


if __name__ == "__main__":
    raise SystemExit(main())
