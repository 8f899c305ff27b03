"""Keyword scoring, the one every store uses (``semantics.bm25``): Porter stems, Okapi
BM25 with FTS5's idf over the user's own counts."""

from __future__ import annotations

import math

import pytest

from graphmem.stores.base import KeywordDocs
from graphmem.stores.semantics import bm25
from graphmem.text import index_terms


def test_bodies_and_terms_are_stemmed_alike() -> None:
    assert index_terms("Anna moved; she's moving") == ("anna", "move", "she", "move")
    docs = KeywordDocs(total=3, bodies={"a": "Anna moves often", "b": "Ben stays"})
    assert [i for i, _ in bm25(docs, ["moved"], 5)] == ["a"]


def test_a_candidate_holding_no_term_is_no_match() -> None:
    docs = KeywordDocs(total=2, bodies={"a": "the cat", "b": "a dog"})
    assert bm25(docs, ["dog"], 5)[0][0] == "b" and len(bm25(docs, ["dog"], 5)) == 1
    assert bm25(docs, ["bird"], 5) == [] and bm25(docs, [], 5) == []


def test_the_score_is_okapi_bm25_with_fts5_idf() -> None:
    docs = KeywordDocs(total=10, bodies={"a": "jazz jazz piano", "b": "jazz"})
    scores = dict(bm25(docs, ["jazz", "piano"], 5))
    avgdl = (3 + 1) / 2

    def part(tf: int, dl: int, df: int) -> float:
        idf = math.log((10 - df + 0.5) / (df + 0.5))
        return idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * dl / avgdl))

    assert scores["a"] == pytest.approx(part(2, 3, 2) + part(1, 3, 1))
    assert scores["b"] == pytest.approx(part(1, 1, 2))


def test_rarer_terms_weigh_more_and_ties_go_by_id() -> None:
    bodies = {f"d{i}": "common words here" for i in range(8)} | {"r1": "rare", "r0": "rare"}
    ranked = bm25(KeywordDocs(total=10, bodies=bodies), ["common", "rare"], 10)
    assert [i for i, _ in ranked][:2] == ["r0", "r1"]
