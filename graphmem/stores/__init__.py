"""Store implementations and the URI that picks one.

``local:///path/to/dir`` — the embedded store (networkx + SQLite + numpy) in a directory.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from graphmem.errors import InvalidInputError
from graphmem.stores.base import Store

DEFAULT_DIR = Path("~/.local/share/graphmem")
SCHEMES = ("local",)


def default_uri() -> str:
    """The embedded store in ``~/.local/share/graphmem``."""
    return f"local://{DEFAULT_DIR.expanduser()}"


def open_store(uri: str) -> Store:
    """Open the store named by ``uri``."""
    if not isinstance(uri, str) or not uri.strip():
        raise InvalidInputError("the store URI must be a non-empty string")
    parts = urlsplit(uri.strip())
    if parts.scheme not in SCHEMES:
        raise InvalidInputError(
            f"unsupported store URI {uri!r}: expected one of "
            + ", ".join(f"{s}://..." for s in SCHEMES)
        )
    if parts.query or parts.fragment:
        raise InvalidInputError(f"store URI {uri!r} takes no query or fragment")
    path = unquote(parts.netloc + parts.path)
    if not path:
        raise InvalidInputError(f"store URI {uri!r} has no path: use local:///path/to/dir")
    from graphmem.stores.embedded import EmbeddedStore

    return EmbeddedStore(path)
