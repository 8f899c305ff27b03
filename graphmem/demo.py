"""The bundled demo conversation: loading it and feeding it to an engine."""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from graphmem.engine import GraphMem
from graphmem.models import AddResult


@dataclass(frozen=True)
class Question:
    text: str
    as_of: str | None = None


@dataclass(frozen=True)
class Demo:
    title: str
    sessions: list[dict[str, Any]]
    questions: list[Question]


def load_demo() -> Demo:
    raw = json.loads(
        resources.files("graphmem")
        .joinpath("data/demo_conversation.json")
        .read_text(encoding="utf-8")
    )
    questions = [Question(q["q"], q.get("as_of")) for q in raw["questions"]]
    return Demo(raw["title"], raw["sessions"], questions)


def ingest_demo(mem: GraphMem, user_id: str, demo: Demo) -> list[AddResult]:
    """Add each session of the demo as one batch; returns what each batch wrote."""
    results = []
    for session in demo.sessions:
        messages = [
            {"speaker": t["speaker"], "content": t["content"], "ref": t["ref"], "at": session["at"]}
            for t in session["turns"]
        ]
        results.append(mem.add(messages, user_id=user_id, session_id=session["id"]))
    return results
