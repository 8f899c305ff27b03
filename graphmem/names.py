"""Names that reach a store as identifiers, and the one rule for each.

A *snake name* (``lives_in``) is a predicate or a property name; a *relationship type*
(``LIVES_IN``) is a predicate in upper case. Relationship types cannot be Cypher
parameters, so everything that becomes one passes ``REL_TYPE_RE`` first (DESIGN §1).
"""

from __future__ import annotations

import re

from graphmem.errors import InvalidInputError

#: predicates and property names: lower-case snake_case, at most 64 characters
PREDICATE_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
#: relationship types: upper-case snake_case, at most 64 characters
REL_TYPE_RE = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")


def check_rel_type(rel_type: object) -> str:
    """Return ``rel_type`` if it is a safe relationship type, else raise."""
    if not isinstance(rel_type, str) or not REL_TYPE_RE.match(rel_type):
        raise InvalidInputError(
            f"relationship type {rel_type!r} is not allowed: it must match {REL_TYPE_RE.pattern}"
        )
    return rel_type


def check_prop_name(name: object) -> str:
    """Return ``name`` if it is a safe property name, else raise."""
    if not isinstance(name, str) or not PREDICATE_RE.match(name):
        raise InvalidInputError(f"property name {name!r} is not allowed")
    return name


def check_predicate(predicate: object) -> str:
    """Return ``predicate`` if it is a snake name (its upper case is then a safe
    relationship type), else raise."""
    if not isinstance(predicate, str) or not PREDICATE_RE.match(predicate):
        raise InvalidInputError(
            f"predicate {predicate!r} is not allowed: it must match {PREDICATE_RE.pattern}"
        )
    return predicate
