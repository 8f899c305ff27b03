"""Entity resolution on write: exact key → alias → fuzzy name → name embedding, each
gated by entity type (DESIGN §4).

A name that resolves to an existing entity under a different surface form ("anna" for
"Anna") is kept as its own node, merged into the survivor at once (status ``merged``,
``MERGED_INTO {method, score}``), so every spelling seen stays inspectable and the
survivor gathers the provenance of all of them.

The lookups by spelling (key, alias, the fuzzy block) are re-checked atomically with the
write (``Writer.find_checked``): two writers creating the same new name at once do not
make two entities, one of them is planned again. The lookup by meaning (the name
embedding) is not re-checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rapidfuzz import fuzz, process

from graphmem.codec import entity_key
from graphmem.models import EntityStatus
from graphmem.stores.base import NodeRecord, Vector
from graphmem.writer import Writer

EmbedName = Callable[[str], Vector]
_LIVE = {"status": EntityStatus.ACTIVE}


def block_of(key: str) -> str:
    """The blocking key for fuzzy matching: names are only compared with names that
    start with the same two characters, so resolution stays cheap with many entities.
    It never ends with a space (a server's string index ignores one there)."""
    return key[:2].rstrip() or key[:2]


def types_compatible(a: str, b: str) -> bool:
    return a == b or "other" in (a, b)


class Resolver:
    """Resolves names to entity ids within one write operation."""

    def __init__(self, writer: Writer, embed_name: EmbedName) -> None:
        self.w = writer
        self.embed_name = embed_name
        self._cache: dict[tuple[str, str], str] = {}
        self._variant: str | None = None
        #: name -> the store's nearest live entities to its vector (``prefetch_vectors``)
        self._nearest: dict[str, list[tuple[str, float]]] = {}

    def resolve(
        self, name: str, etype: str = "other", *, episode_id: str | None = None
    ) -> str | None:
        """The id of the live entity ``name`` refers to, created if needed; the
        mention is linked to ``episode_id``."""
        name = " ".join(name.split())
        key = entity_key(name)
        if not key:
            return None
        cached = self._cache.get((name, etype))
        variant = None
        if cached is None:
            self._variant = None
            cached = self._resolve(name, key, etype)
            self._cache[(name, etype)] = cached
            variant = self._variant
        if episode_id is not None:
            self._mention(cached, episode_id)
            if variant is not None:
                self._mention(variant, episode_id)
        return cached

    def prefetch(self, names: Iterable[str]) -> None:
        """Read the entities every spelling step could match for ``names``, and the
        memories of those they spell, in four round trips rather than several per name."""
        keys = {entity_key(" ".join(n.split())) for n in names} - {""}
        if keys:
            self.w.prefetch("Entity", "key", keys)
            self.w.prefetch("Entity", "alias_keys", keys)
            self.w.prefetch("Entity", "block", {block_of(k) for k in keys})
            # the memories of the entities these names spell: what conflicts and
            # corroboration read (``Writer.live_memories``)
            named = self.w.prefetched("Entity", "key") + self.w.prefetched("Entity", "alias_keys")
            self.w.prefetch("Memory", "subject_id", named)

    def prefetch_vectors(self, vectors: dict[str, Vector]) -> None:
        """Ask the store for the entities nearest to each of these names' vectors at
        once (one round trip); the embedding step of ``resolve`` then reads them."""
        names = [n for n in vectors if n == " ".join(n.split()) and n not in self._nearest]
        if not names:
            return
        found = self.w.store.vector_searches(
            self.w.user_id, "Entity", [vectors[n] for n in names], 3, _LIVE
        )
        self._nearest.update(zip(names, found, strict=True))

    def needs_embedding(self, name: str, etype: str) -> bool:
        """False when ``name`` resolves by its spelling alone (key, alias or fuzzy match),
        so its embedding is not needed: the common case for names seen before."""
        key = entity_key(" ".join(name.split()))
        return bool(key) and self._match_name(key, etype) is None

    def resolved(self) -> list[str]:
        """Ids of the entities resolved so far, first-seen order."""
        return list(dict.fromkeys(self._cache.values()))

    def _mention(self, entity_id: str, episode_id: str) -> None:
        if self.w.has_link("MENTIONED_IN", entity_id, episode_id):
            return
        self.w.link("MENTIONED_IN", entity_id, episode_id, {"at": self.w.now_s})

    def _match_name(self, key: str, etype: str) -> tuple[NodeRecord, str, float] | None:
        """A live entity of a compatible type by exact key, alias or fuzzy spelling."""
        live = [EntityStatus.ACTIVE]
        for method, prop in (("exact_key", "key"), ("alias", "alias_keys")):
            found = [
                r
                for r in self.w.find_checked("Entity", prop, key, live, holds=prop != "key")
                if types_compatible(r.props.get("type", "other"), etype)
            ]
            if found:
                return min(found, key=lambda r: (r.props["created_at"], r.id)), method, 1.0
        by_key = {
            r.props["key"]: r
            for r in self.w.find_checked("Entity", "block", block_of(key), live)
            if types_compatible(r.props.get("type", "other"), etype)
        }
        best = (
            process.extractOne(
                key, list(by_key), scorer=fuzz.ratio, score_cutoff=self.w.config.merge.entity_fuzzy
            )
            if by_key
            else None
        )
        if best is not None:
            return by_key[best[0]], "fuzzy", float(best[1]) / 100.0
        return None

    def _resolve(self, name: str, key: str, etype: str) -> str:
        match = self._match_name(key, etype)
        if match is not None:
            return self._attach(match[0], name, key, etype, match[1], match[2])
        vector = self.embed_name(name)
        threshold = self.w.config.merge.entity_embedding
        nearest = self._nearest.get(name)
        if nearest is None:
            nearest = self.w.store.vector_search(self.w.user_id, "Entity", vector, 3, _LIVE)
        for node_id, score in nearest:
            rec = self.w.node(node_id)
            if (
                score >= threshold
                and rec is not None
                and types_compatible(rec.props.get("type", "other"), etype)
            ):
                return self._attach(rec, name, key, etype, "embedding", score)
        for rec in self.w.created("Entity"):  # not in the store's index yet
            if (
                rec.embedding is not None
                and float(rec.embedding @ vector) >= threshold
                and types_compatible(rec.props.get("type", "other"), etype)
            ):
                return self._attach(
                    rec, name, key, etype, "embedding", float(rec.embedding @ vector)
                )
        return self._create(name, key, etype, vector).id

    def _create(
        self, name: str, key: str, etype: str, vector: Vector | None, **extra: object
    ) -> NodeRecord:
        props = {
            "name": name,
            "key": key,
            "type": etype,
            "aliases": [],
            "alias_keys": [],
            "block": block_of(key),
            "status": EntityStatus.ACTIVE,
            "frozen": False,
            "created_at": self.w.now_s,
            "updated_at": self.w.now_s,
            **extra,
        }
        return self.w.create("Entity", props, embedding=vector, prefix="ent")

    def _attach(
        self, survivor: NodeRecord, name: str, key: str, etype: str, method: str, score: float
    ) -> str:
        """Resolve to ``survivor``; a new spelling becomes a merged variant node."""
        props = survivor.props
        if name == props["name"] or name in (props.get("aliases") or []):
            return survivor.id
        if props.get("frozen"):
            return survivor.id  # a frozen entity takes no new alias; mentions still link
        variant = self._create(
            name, key, etype, None, status=EntityStatus.MERGED, merged_into=survivor.id
        )
        self.w.link(
            "MERGED_INTO",
            variant.id,
            survivor.id,
            {"at": self.w.now_s, "method": method, "score": round(score, 4)},
        )
        aliases = [*props.get("aliases", []), name]
        alias_keys = sorted({*props.get("alias_keys", []), key})
        self.w.set(
            survivor.id, {"aliases": aliases, "alias_keys": alias_keys, "updated_at": self.w.now_s}
        )
        self._variant = variant.id
        return survivor.id
