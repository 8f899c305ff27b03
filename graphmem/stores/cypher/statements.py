"""Named Cypher statements, read once from the top-level ``cypher/`` folder.

A statement ``read/get`` of dialect ``neo4j`` is the file ``cypher/neo4j/read/get.cypher``
if it exists, else ``cypher/common/read/get.cypher``. Installed from a wheel the folder is
``graphmem/_cypher``; in a source checkout it is ``<repo>/cypher``.

Values always travel as ``$parameters``. The only text ever substituted into a
statement is a ``{{placeholder}}`` whose value passed the label / relationship type
allow-list (``^[A-Z][A-Za-z0-9_]{0,63}$`` per part, ``:``-joined for label sets) or,
for a ``{{prop}}``, the property name allow-list (``names.PREDICATE_RE``): see
``render``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from graphmem.errors import BackendError, InvalidInputError
from graphmem.names import PREDICATE_RE

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_IDENT = re.compile(r"^[A-Z][A-Za-z0-9_]{0,63}(:[A-Z][A-Za-z0-9_]{0,63})*$")


class Vector32(list[float]):
    """An embedding as a statement parameter: float32 values, which every statement
    reads into a vector (FalkorDB's ``vecf32``), so a dialect that writes parameters as
    text may write them with 9 significant digits, exact for float32."""


def cypher_root() -> Path:
    """Where the statements live: inside the installed package, or the repository."""
    package = Path(__file__).resolve().parents[2]
    for candidate in (package / "_cypher", package.parent / "cypher"):
        if (candidate / "common").is_dir():
            return candidate
    raise BackendError(f"graphmem's Cypher statements are missing (looked in {package})")


@functools.cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8").strip()


class Statements:
    """The statements of one dialect, loaded by name and cached."""

    def __init__(self, dialect: str, root: Path | None = None) -> None:
        self.dialect = dialect
        self.root = root or cypher_root()

    def path(self, name: str) -> Path:
        for folder in (self.dialect, "common"):
            path = self.root / folder / f"{name}.cypher"
            if path.is_file():
                return path
        raise BackendError(f"no Cypher statement {name!r} for {self.dialect}")

    def has(self, name: str) -> bool:
        return any((self.root / f / f"{name}.cypher").is_file() for f in (self.dialect, "common"))

    def get(self, name: str) -> str:
        """The statement text; fails if it still has placeholders (use ``render``)."""
        text = _read(self.path(name))
        if _PLACEHOLDER.search(text):
            raise BackendError(f"statement {name!r} needs identifiers: use render()")
        return text

    def render(self, name: str, **identifiers: str) -> str:
        """The statement with its ``{{placeholders}}`` replaced by checked identifiers."""
        for key, value in identifiers.items():
            allowed = PREDICATE_RE if key == "prop" else _IDENT
            if not isinstance(value, str) or not allowed.match(value):
                raise InvalidInputError(f"{key} {value!r} is not an allowed identifier")

        def substitute(match: re.Match[str]) -> str:
            try:
                return identifiers[match.group(1)]
            except KeyError:
                raise BackendError(f"statement {name!r} needs {match.group(1)}") from None

        return _PLACEHOLDER.sub(substitute, _read(self.path(name)))

    def names(self, folder: str) -> list[str]:
        """Statement names under ``folder`` for this dialect (dialect files win)."""
        found: dict[str, None] = {}
        for base in (self.dialect, "common"):
            directory = self.root / base / folder
            if directory.is_dir():
                for path in sorted(directory.glob("*.cypher")):
                    found[f"{folder}/{path.stem}"] = None
        return sorted(found)
