"""The hand-labelled utterances of tests/data/extraction/*.jsonl."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from graphmem.extraction.base import Utterance

DATA = Path(__file__).resolve().parents[1] / "data" / "extraction"


def load_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(DATA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    row["file"] = path.name
                    rows.append(row)
    return rows


def utterance(row: dict[str, Any]) -> Utterance:
    at = datetime.fromisoformat(row["at"].replace("Z", "+00:00"))
    return Utterance(
        text=row["text"], at=at, speaker=row.get("speaker"), addressee=row.get("addressee")
    )
