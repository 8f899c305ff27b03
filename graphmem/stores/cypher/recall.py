"""The three recall reads of the Cypher store (``Store.seeds``, ``spread``, ``expand``),
each one statement: composed from the named fragments in ``cypher/*/recall/`` and their
rows decoded into the store interface's results.

The seeds statement runs one fragment per part the request asks for (``recall/named``;
``recall/vector`` per label; ``recall/keyword`` per label), each a unit subquery with
its own result column (``{{var}}``), and returns them all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from graphmem.stores.base import (
    VECTOR_LABELS,
    ExpandRequest,
    Expansion,
    Gain,
    KeywordDocs,
    NodeRecord,
    SeedRequest,
    SeedResult,
    SpreadRequest,
    Where,
)
from graphmem.stores.cypher.statements import Statements
from graphmem.stores.semantics import FULLTEXT, Offers, fetch_sizes, where_filters

Record = dict[str, Any]


def where_param(where: Where | None) -> list[dict[str, Any]]:
    """``where`` as the ``$where`` of the read statements (see ``read/find``)."""
    return [
        {"name": f.name, "values": list(f.values), "null": f.null} for f in where_filters(where)
    ]


class SeedStatement:
    """The seeds statement for one request, and how to read its row."""

    def __init__(
        self,
        st: Statements,
        request: SeedRequest,
        user_id: str,
        vector: list[float],
        vector_index: Callable[[str], str],
        fulltext_index: Callable[[str], str],
        fulltext: Callable[[Sequence[str]], str],
    ) -> None:
        self.request = request
        self.fetch = next(fetch_sizes(request.k, most=10_000))
        self.vector_labels = [
            (label, where) for label, where in request.vector_labels if label in VECTOR_LABELS
        ]
        self.keyword_labels = [
            label for label in dict.fromkeys(request.keyword_labels) if label in FULLTEXT
        ]
        if not request.terms:
            self.keyword_labels = []
        parts: list[str] = []
        columns: list[str] = []
        if request.entity_keys:
            parts.append(st.get("recall/named"))
            columns += ["ByKey", "ByAlias"]
        for i, (label, _) in enumerate(self.vector_labels):
            parts.append(st.render("recall/vector", label=label, var=f"V{i}"))
            columns += [f"V{i}", f"V{i}_exact"]
        for i, label in enumerate(self.keyword_labels):
            parts.append(st.render("recall/keyword", label=label, var=f"K{i}"))
            columns += [f"K{i}", f"K{i}_total"]
        self.text = "\n".join([*parts, "RETURN " + ", ".join(columns)]) if columns else ""
        labels = [label for label, _ in self.vector_labels]
        self.params: dict[str, Any] = {
            "user_id": user_id,
            "entity_keys": list(request.entity_keys),
            "entity_where": where_param(request.entity_where),
            "vector": vector,
            "fetch": self.fetch,
            "k": request.k,
            "wheres": {label: where_param(where) for label, where in self.vector_labels},
            "vector_indexes": {label: vector_index(label) for label in labels},
            "fulltext_indexes": {label: fulltext_index(label) for label in self.keyword_labels},
            "fulltext": fulltext(request.terms) if self.keyword_labels else "",
        }

    def hits(
        self, row: Record, i: int, similarity: Callable[[float], float]
    ) -> list[tuple[str, float, Any]]:
        """The ``i``-th vector part's hits as (id, cosine, episode id), best first: the
        index's ``k`` best, or the exact ranking when the index could not deliver ``k``."""
        chosen = row[f"V{i}_exact"] or row[f"V{i}"]
        return sorted(
            ((str(h[0]), similarity(float(h[1])), h[2]) for h in chosen),
            key=lambda h: (-h[1], h[0]),
        )[: self.request.k]

    def result(self, row: Record, similarity: Callable[[float], float]) -> SeedResult:
        out = SeedResult()
        if self.request.entity_keys:
            for column in ("ByKey", "ByAlias"):
                for entity_id, name in sorted(row[column], key=lambda r: str(r[0])):
                    out.named.setdefault(str(entity_id), str(name))
        for i, (label, _) in enumerate(self.vector_labels):
            ranked = self.hits(row, i, similarity)
            if label == "Passage":
                out.vector[label] = [(str(episode), score) for _, score, episode in ranked]
            else:
                out.vector[label] = [(node_id, score) for node_id, score, _ in ranked]
        for i, _ in enumerate(self.keyword_labels):
            out.keyword.total += int(row[f"K{i}_total"])
            for node_id, body in row[f"K{i}"]:
                out.keyword.bodies[str(node_id)] = str(body or "")
        return out


def keyword_docs(rows: Sequence[Record]) -> KeywordDocs:
    """Keyword candidates from the rows of a seeds statement with keyword parts only."""
    docs = KeywordDocs()
    for row in rows:
        for key, value in row.items():
            if key.endswith("_total"):
                docs.total += int(value)
            elif key.startswith("K"):
                docs.bodies.update({str(i): str(b or "") for i, b in value})
    return docs


def spread_params(user_id: str, req: SpreadRequest) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "seeds": list(req.seeds),
        "entity_weight": req.entity_weight,
        "entity_limit": max(req.entity_limit, 0),
    }


def gains(row: Record, req: SpreadRequest) -> list[Gain]:
    """The row of ``recall/spread`` (what the seeds reach) weighed as every store does
    (``semantics.Offers``)."""
    offers = Offers(req)
    for node_id, is_next, via in row["direct"]:
        offers.along(str(node_id), 1 if is_next else 0, str(via))
    for via, members in row["shared"]:
        offers.shared([str(m) for m in members], [str(s) for s in via])
    return offers.gains()


def expand_params(user_id: str, req: ExpandRequest) -> dict[str, Any]:
    return {
        "user_id": user_id,
        "ids": list(dict.fromkeys(req.ids)),
        "fields": {label: list(fields) for label, fields in req.fields.items()},
        "entities": list(dict.fromkeys(req.entities)),
        "sources": bool(req.sources),
        "source_fields": list(req.source_fields),
        "keys": list(req.keys),
    }


def expansion(
    row: Record, req: ExpandRequest, user_id: str, label_of: Callable[[Sequence[str]], str]
) -> Expansion:
    out = Expansion()
    source_fields = list(req.source_fields)
    order = {e: i for i, e in enumerate(dict.fromkeys(req.entities))}
    for node_id, labels, values in row["found"]:
        label = label_of(labels)
        rec = _record(str(node_id), user_id, label, req.fields.get(label, ()), values)
        out.records[rec.id] = rec
        if req.sources and rec.label == "Episode":
            out.sources[rec.id] = []
    linked: dict[str, set[str]] = {}
    for node_id, entity_id in [*row["about"], *row["mentions"]]:
        if str(node_id) in out.records and str(entity_id) in order:
            linked.setdefault(str(node_id), set()).add(str(entity_id))
    out.linked = {i: sorted(es, key=order.__getitem__) for i, es in linked.items()}
    sources: dict[str, dict[str, NodeRecord]] = {}
    for episode_id, memory_id, values in row["sources"]:
        if str(episode_id) in out.sources:
            rec = _record(str(memory_id), user_id, "Memory", source_fields, values)
            sources.setdefault(str(episode_id), {})[rec.id] = rec
    for episode_id, memories in sources.items():
        out.sources[episode_id] = [memories[m] for m in sorted(memories)]
    memory = req.fields.get("Memory", ())
    keyed = (_record(str(i), user_id, "Memory", memory, v) for i, _, v in row["keyed"])
    out.keyed = sorted(keyed, key=lambda r: r.id)
    return out


def _record(
    node_id: str, user_id: str, label: str, fields: Sequence[str], values: Sequence[Any]
) -> NodeRecord:
    props = {f: v for f, v in zip(fields, values, strict=True) if v is not None}
    return NodeRecord(node_id, user_id, label, props)
