"""graphmem: a graph-based long-term memory engine for AI applications.

    import graphmem
    with graphmem.open("local:///tmp/mem") as mem:
        mem.add([{"speaker": "Anna", "content": "I moved to Berlin."}], user_id="u1")
        hits = mem.search("where does Anna live?", user_id="u1")

Importing graphmem loads no model and opens nothing.
"""

from __future__ import annotations

from graphmem.config import (
    Config,
    ConflictConfig,
    DocumentConfig,
    LifecyclePolicy,
    MergeConfig,
    PredicateRegistry,
    PredicateSpec,
    RecallConfig,
)
from graphmem.embedding import Embedder, MiniLMEmbedder
from graphmem.engine import GraphMem
from graphmem.errors import (
    BackendError,
    BackendUnavailableError,
    FrozenError,
    GraphMemError,
    InvalidInputError,
    NotFoundError,
)
from graphmem.extraction.base import Extraction, Extractor, Utterance
from graphmem.lifecycle import SweepReport
from graphmem.models import (
    AddResult,
    ChunkSource,
    Document,
    Entity,
    Episode,
    Hit,
    IngestReport,
    Kind,
    Memory,
    Stats,
    Status,
    Tombstone,
    TransferReport,
)
from graphmem.stores import default_uri, open_store
from graphmem.timeutil import Clock

__version__ = "0.1.0"

__all__ = [
    "AddResult",
    "BackendError",
    "BackendUnavailableError",
    "ChunkSource",
    "Clock",
    "Config",
    "ConflictConfig",
    "Document",
    "DocumentConfig",
    "Embedder",
    "Entity",
    "Episode",
    "Extraction",
    "Extractor",
    "FrozenError",
    "GraphMem",
    "GraphMemError",
    "Hit",
    "IngestReport",
    "InvalidInputError",
    "Kind",
    "LifecyclePolicy",
    "Memory",
    "MergeConfig",
    "MiniLMEmbedder",
    "NotFoundError",
    "PredicateRegistry",
    "PredicateSpec",
    "RecallConfig",
    "Stats",
    "Status",
    "SweepReport",
    "Tombstone",
    "TransferReport",
    "Utterance",
    "__version__",
    "open",
]


def open(
    uri: str | None = None,
    *,
    user_id: str | None = None,
    config: Config | None = None,
    embedder: Embedder | None = None,
    extractor: Extractor | None = None,
    clock: Clock | None = None,
    auth: tuple[str, str] | None = None,
) -> GraphMem:
    """Open a memory engine on the store named by ``uri``.

    ``uri`` defaults to the embedded store in ``~/.local/share/graphmem``
    (``local:///path`` picks another directory; ``neo4j://host:7687`` and
    ``falkordb://host:6379`` are servers, ``auth=(user, password)`` their credentials).
    ``user_id`` is used by calls that do not name one. Models load on first use;
    ``embedder``, ``extractor`` and ``clock`` can be injected.
    """
    dimensions = embedder.dim if embedder is not None else MiniLMEmbedder.dim
    store = open_store(uri if uri is not None else default_uri(), auth=auth, dimensions=dimensions)
    return GraphMem(
        store, config=config, embedder=embedder, extractor=extractor, clock=clock, user_id=user_id
    )
