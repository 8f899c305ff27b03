"""Store implementations and the URI that picks one.

- ``local:///path/to/dir`` — the embedded store (SQLite, mirrored in memory) in a directory.
- ``neo4j://host:7687``, ``neo4j+s://``, ``neo4j+ssc://``, ``bolt://``, ``bolt+s://``,
  ``bolt+ssc://`` — Neo4j 5 through the official driver; ``?database=name`` picks a
  database; credentials come from ``auth=(user, password)``, never from the URI.
- ``falkordb://host:6379/graph`` — FalkorDB; the graph name defaults to ``graphmem``.

Cypher stores create their schema (constraints, indexes) on first open.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from graphmem.config import Timeouts
from graphmem.errors import InvalidInputError
from graphmem.stores.base import Store

if TYPE_CHECKING:
    from graphmem.stores.cypher import CypherStore

DEFAULT_DIR = Path("~/.local/share/graphmem")
NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")
SCHEMES = ("local", *NEO4J_SCHEMES, "falkordb")
DEFAULT_GRAPH = "graphmem"
Auth = tuple[str, str]


def default_uri() -> str:
    """The embedded store in ``~/.local/share/graphmem``."""
    return f"local://{DEFAULT_DIR.expanduser()}"


def open_store(
    uri: str,
    *,
    auth: Auth | None = None,
    dimensions: int = 384,
    timeouts: Timeouts | None = None,
) -> Store:
    """Open the store named by ``uri``. ``auth`` is (user, password) for a server;
    ``dimensions`` is the embedder's, for the vector indexes of a server; ``timeouts``
    bound a server's connect and statement times."""
    timeouts = timeouts or Timeouts()
    if not isinstance(uri, str) or not uri.strip():
        raise InvalidInputError("the store URI must be a non-empty string")
    parts = urlsplit(uri.strip())
    if parts.scheme not in SCHEMES:
        raise InvalidInputError(
            f"unsupported store URI {uri!r}: expected one of "
            + ", ".join(f"{s}://..." for s in SCHEMES)
        )
    if auth is not None and (
        not isinstance(auth, tuple) or len(auth) != 2 or not all(isinstance(a, str) for a in auth)
    ):
        raise InvalidInputError("auth must be a (user, password) tuple of strings")
    if parts.scheme == "local":
        return _open_local(uri, parts.query, parts.fragment, parts.netloc + parts.path)
    if parts.fragment or parts.username is not None or parts.password is not None:
        raise InvalidInputError(
            f"store URI {uri!r} takes no fragment and no credentials: pass auth=(user, password)"
        )
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:
        raise InvalidInputError(f"store URI {uri!r} has a bad port") from exc
    if not host:
        raise InvalidInputError(f"store URI {uri!r} has no host")
    if parts.scheme == "falkordb":
        return _open_falkordb(uri, parts.query, host, port, parts.path, auth, dimensions, timeouts)
    return _open_neo4j(uri, parts.query, parts.path, auth, dimensions, timeouts)


def _open_local(uri: str, query: str, fragment: str, raw_path: str) -> Store:
    if query or fragment:
        raise InvalidInputError(f"store URI {uri!r} takes no query or fragment")
    path = unquote(raw_path)
    if not path:
        raise InvalidInputError(f"store URI {uri!r} has no path: use local:///path/to/dir")
    from graphmem.stores.embedded import EmbeddedStore

    return EmbeddedStore(path)


def _options(uri: str, query: str, allowed: tuple[str, ...]) -> dict[str, str]:
    try:
        parsed = parse_qs(query, keep_blank_values=True, strict_parsing=bool(query))
    except ValueError as exc:
        raise InvalidInputError(f"store URI {uri!r} has a malformed query") from exc
    unknown = set(parsed) - set(allowed)
    if unknown or any(len(v) != 1 or not v[0] for v in parsed.values()):
        raise InvalidInputError(
            f"store URI {uri!r} takes only {', '.join(allowed) or 'no'} options, once each"
        )
    return {k: v[0] for k, v in parsed.items()}


def _open_neo4j(
    uri: str, query: str, path: str, auth: Auth | None, dimensions: int, timeouts: Timeouts
) -> Store:
    options = _options(uri, query, ("database",))
    if path not in ("", "/"):
        raise InvalidInputError(f"store URI {uri!r}: name the database with ?database=name")
    from graphmem.stores.cypher import CypherStore, Neo4jDialect

    base = uri.strip().split("?", 1)[0]
    dialect = Neo4jDialect(base, auth, options.get("database"), timeouts)
    return _with_schema(CypherStore(dialect, uri.strip(), dimensions=dimensions))


def _open_falkordb(
    uri: str,
    query: str,
    host: str,
    port: int | None,
    path: str,
    auth: Auth | None,
    dimensions: int,
    timeouts: Timeouts,
) -> Store:
    _options(uri, query, ())
    graph = unquote(path.strip("/")) or DEFAULT_GRAPH
    if "/" in graph or not graph.strip():
        raise InvalidInputError(f"store URI {uri!r}: the path is one graph name")
    from graphmem.stores.cypher import CypherStore, FalkorDBDialect

    dialect = FalkorDBDialect(host, port or 6379, graph, auth, timeouts)
    return _with_schema(CypherStore(dialect, uri.strip(), dimensions=dimensions))


def _with_schema(store: CypherStore) -> Store:
    """Create a server store's missing schema on first open."""
    try:
        store.apply_schema()
    except BaseException:
        store.close()
        raise
    return store
