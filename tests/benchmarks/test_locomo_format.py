"""The LoCoMo recall benchmark on small hand-written data: evidence-id
normalisation, recall over distinct refs, BM25, fusion, and one end-to-end run."""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from benchmarks.locomo_recall import (
    BM25,
    CATEGORIES,
    CLI_SYSTEM,
    SYSTEMS,
    distinct_refs,
    load_conversations,
    main,
    neighbour_smooth,
    normalise_evidence,
    recall_at_k,
    rrf,
    tokenize,
)


def test_normalise_evidence_splits_and_cleans() -> None:
    kept, dropped = normalise_evidence(
        ["D1:3", "D8:6; D9:17", "D1:3 D1:4", "D:11:26", "D", "D01:05", "d2 : 7", "D8:6"]
    )
    assert kept == ["D1:3", "D8:6", "D9:17", "D1:4", "D11:26", "D1:5", "D2:7"]
    assert dropped == ["D"]


def test_normalise_evidence_drops_unknown_ids() -> None:
    kept, dropped = normalise_evidence(["D1:1", "D1:2, D7:9", ""], known={"D1:1", "D1:2"})
    assert kept == ["D1:1", "D1:2"]
    assert dropped == ["D7:9", ""]


def test_distinct_refs_keeps_first_occurrence_and_cuts_at_k() -> None:
    ranked = [("D1:1", "D1:2"), (), ("D1:2", "", "D1:3"), ("D1:1", "D2:1"), ("D2:2",)]
    assert distinct_refs(ranked, 10) == ["D1:1", "D1:2", "D1:3", "D2:1", "D2:2"]
    assert distinct_refs(ranked, 3) == ["D1:1", "D1:2", "D1:3"]
    assert distinct_refs(iter([]), 5) == []


def test_recall_at_k() -> None:
    ranked = ["D1:1", "D1:2", "D1:3", "D2:1", "D2:2", "D2:3"]
    assert recall_at_k(["D1:2"], ranked, 5) == 1.0
    assert recall_at_k(["D1:2", "D2:3"], ranked, 5) == 0.5
    assert recall_at_k(["D1:2", "D2:3"], ranked, 6) == 1.0
    assert recall_at_k(["D9:9"], ranked, 10) == 0.0
    assert recall_at_k(["D1:1", "D1:1"], ranked, 1) == 1.0  # duplicates count once
    with pytest.raises(ValueError):
        recall_at_k([], ranked, 5)


def test_tokenize_lowercases_and_drops_stopwords() -> None:
    assert tokenize("What did Anna BUY in Berlin, on 8 May?") == [
        "anna",
        "buy",
        "berlin",
        "8",
        "may",
    ]


def test_bm25_matches_the_okapi_formula() -> None:
    docs = [
        tokenize("Anna bought a red bike in Berlin"),
        tokenize("Ben likes pottery and painting"),
        tokenize("Anna paints; painting calms Anna"),
        tokenize("the weather was nice"),
    ]
    bm = BM25(docs, k1=1.5, b=0.75)
    scores = bm.scores(tokenize("Where does Anna paint?"))
    # only "anna" and "paint" are query terms; "paint" matches nothing ("paints" differs)
    avgdl = sum(len(d) for d in docs) / len(docs)
    idf = math.log(1 + (4 - 2 + 0.5) / (2 + 0.5))
    expected = [
        idf * tf * 2.5 / (tf + 1.5 * (0.25 + 0.75 * len(doc) / avgdl))
        for doc, tf in ((docs[0], 1), (docs[2], 2))
    ]
    assert scores[0] == pytest.approx(expected[0])
    assert scores[2] == pytest.approx(expected[1])
    assert scores[1] == scores[3] == 0.0
    assert int(np.argmax(bm.scores(tokenize("pottery painting")))) == 1
    assert bm.scores(tokenize("unknown words only")).sum() == 0.0


def test_rrf_and_neighbour_smoothing() -> None:
    a = np.array([3.0, 2.0, 1.0])
    b = np.array([1.0, 2.0, 3.0])
    fused = rrf(a, b, k=60)
    assert fused == pytest.approx([1 / 61 + 1 / 63, 2 / 62, 1 / 63 + 1 / 61])
    smoothed = neighbour_smooth(np.array([1.0, 0.0, 0.0, 4.0]), [1, 1, 2, 2])
    # turns 0-1 are session 1, turns 2-3 session 2: no smoothing across the boundary
    assert smoothed == pytest.approx([1.0, 0.5, 2.0, 4.0])


def _turn(dia_id: str, speaker: str, text: str, **extra: str) -> dict[str, str]:
    return {"speaker": speaker, "dia_id": dia_id, "text": text, **extra}


def _tiny_locomo() -> list[dict[str, Any]]:
    """Hand-written data in the LoCoMo layout (not taken from LoCoMo)."""
    conversation = {
        "speaker_a": "Ines",
        "speaker_b": "Tomas",
        "session_1_date_time": "3:12 pm on 4 March, 2022",
        "session_1": [
            _turn("D1:1", "Ines", "Hi Tomas! I just adopted a grey kitten called Pixel."),
            _turn("D1:2", "Tomas", "Congratulations! I started training for a marathon."),
            _turn(
                "D1:3",
                "Ines",
                "Here is Pixel asleep on my keyboard.",
                blip_caption="a photo of a grey cat sleeping on a laptop keyboard",
            ),
        ],
        "session_2_date_time": "9:40 am on 20 April, 2022",
        "session_2": [
            _turn("D2:1", "Tomas", "I ran my first half marathon in Lisbon last Sunday."),
            _turn("D2:2", "Ines", "Amazing! Pixel knocked my plant off the shelf again."),
            _turn("D2:3", "Tomas", "Cats will be cats. I am moving to Porto in June."),
        ],
    }
    qa = [
        {"question": "What is the name of Ines's kitten?", "answer": "Pixel",
         "evidence": ["D1:1"], "category": 4},
        {"question": "Where did Tomas run a half marathon?", "answer": "Lisbon",
         "evidence": ["D2:1; D1:2"], "category": 1},
        {"question": "When did Tomas run his first half marathon?", "answer": "April 2022",
         "evidence": ["D:2:1", "D"], "category": 2},
        {"question": "What did Ines's dog eat?", "adversarial_answer": "shoes",
         "evidence": ["D1:1"], "category": 5},
        {"question": "Would Ines like more pets?", "answer": "Likely yes",
         "evidence": [], "category": 3},
    ]  # fmt: skip
    return [{"sample_id": "tiny-1", "conversation": conversation, "qa": qa}]


def test_load_conversations_reads_the_layout(tmp_path: Path) -> None:
    data = tmp_path / "tiny.json"
    data.write_text(json.dumps(_tiny_locomo()), encoding="utf-8")
    (conv,) = load_conversations(data)
    assert conv.sample_id == "tiny-1"
    assert [s.number for s in conv.sessions] == [1, 2]
    assert len(conv.turns) == 6
    assert conv.turns[2].text.endswith("[shared image: a photo of a grey cat sleeping on a "
                                       "laptop keyboard]")  # fmt: skip
    assert conv.turns[3].dated.startswith("[20 April 2022] Tomas: I ran")
    assert [q.evidence for q in conv.questions] == [("D1:1",), ("D2:1", "D1:2"), ("D2:1",)]
    assert conv.dropped_evidence == 1  # the bare "D"
    assert conv.skipped_questions == 1  # category 3 without evidence


def test_end_to_end_on_tiny_data(tmp_path: Path) -> None:
    data = tmp_path / "tiny.json"
    data.write_text(json.dumps(_tiny_locomo()), encoding="utf-8")
    out_json, out_md, out_png = tmp_path / "r.json", tmp_path / "r.md", tmp_path / "r.png"
    code = main(
        [
            "--data",
            str(data),
            "--uri",
            f"local://{tmp_path / 'store'}",
            "--json",
            str(out_json),
            "--md",
            str(out_md),
            "--png",
            str(out_png),
            "--quiet",
            "--ingest-cli",
        ]
    )
    assert code == 0
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert set(report["systems"]) == {*SYSTEMS, CLI_SYSTEM}
    # `graphmem ingest --format locomo` stores what the benchmark's own add calls do
    assert report["ingest_cli"]["episodes"] == 6
    assert report["ingest_cli"]["identical_rankings"] == report["questions"] == 3
    assert report["systems"][CLI_SYSTEM] == report["systems"]["graphmem"]
    for name, res in report["systems"].items():
        assert set(res["overall"]) == {"recall@5", "recall@10"}
        assert set(res["per_category"]) == set(CATEGORIES)
        for cat in CATEGORIES:
            for k in ("recall@5", "recall@10"):
                assert 0.0 <= res["per_category"][cat][k] <= 1.0
        if not name.startswith("graphmem"):  # six turns: every baseline's top 10 holds them all
            assert res["overall"]["recall@10"] == 1.0
    assert report["questions"] == 3
    assert report["systems"]["bm25"]["per_category"]["3"]["questions"] == 0
    assert report["ingest_episodes_per_s"] > 0
    assert set(report["search_ms"]) >= {"p50", "p95"}
    assert report["search_ms"]["p50"] <= report["search_ms"]["p95"]
    assert {"cpu_count", "python", "platform"} <= set(report["machine"])
    assert report["command"].startswith("python benchmarks/locomo_recall.py --data ")
    datetime.fromisoformat(report["date"].replace("Z", "+00:00"))
    md = out_md.read_text(encoding="utf-8")
    assert "| graphmem |" in md and report["command"] in md
    assert out_png.read_bytes().startswith(b"\x89PNG")
