"""Shared fixtures: one spaCy pipeline and one extractor per test session."""

from __future__ import annotations

from typing import Any

import pytest

from graphmem.extraction.spacy_extractor import SpacyExtractor, load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Any:
    return load_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp: Any) -> SpacyExtractor:
    return SpacyExtractor(nlp=nlp)
