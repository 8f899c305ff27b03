"""The Cypher store over Neo4j or FalkorDB: ``CypherStore`` with one ``Dialect`` each.

The Cypher itself lives in the top-level ``cypher/`` folder as named statements.
"""

from __future__ import annotations

from graphmem.stores.cypher.dialects import Dialect, FalkorDBDialect, Neo4jDialect
from graphmem.stores.cypher.store import CypherStore

__all__ = ["CypherStore", "Dialect", "FalkorDBDialect", "Neo4jDialect"]
