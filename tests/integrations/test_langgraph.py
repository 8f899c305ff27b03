"""GraphMemStore behaves as LangGraph's BaseStore documents, on every store here, and
its namespaces are graphmem users that share nothing."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator

import pytest
from langgraph.store.base import (
    GetOp,
    InvalidNamespaceError,
    Item,
    ListNamespacesOp,
    MatchCondition,
    PutOp,
    SearchItem,
    SearchOp,
)

import graphmem
from graphmem.integrations.langgraph import GraphMemStore
from tests.conftest import FakeClock


@pytest.fixture
def lg(mem: graphmem.GraphMem) -> Iterator[GraphMemStore]:
    """A store with a prefix of its own, so a shared server store keeps tests apart."""
    store = GraphMemStore(mem, prefix=f"lg{uuid.uuid4().hex[:8]}")
    yield store
    for ns in store.list_namespaces(limit=1000):
        mem.store.delete_user(store.user_id(ns))
    mem.store.delete_user(store.registry_user)


def test_a_namespace_maps_to_one_graphmem_user(mem: graphmem.GraphMem) -> None:
    store = GraphMemStore(mem)
    assert store.user_id(("memories", "alice")) == "langgraph:memories.alice"
    assert store.user_id(("memories",)) != store.user_id(("memories", "alice"))
    assert store.registry_user == "langgraph"


def test_put_then_get_returns_the_value_as_put(lg: GraphMemStore, clock: FakeClock) -> None:
    value = {"content": "Anna moved to Berlin.", "tags": ["home", "move"], "meta": {"n": 1}}
    lg.put(("memories", "anna"), "m1", value)
    item = lg.get(("memories", "anna"), "m1")
    assert isinstance(item, Item)
    assert (item.namespace, item.key, item.value) == (("memories", "anna"), "m1", value)
    assert item.created_at == item.updated_at == clock.now


def test_get_of_a_missing_key_or_namespace_returns_none(lg: GraphMemStore) -> None:
    lg.put(("memories", "anna"), "m1", {"content": "Anna likes tea."})
    assert lg.get(("memories", "anna"), "m2") is None
    assert lg.get(("memories", "ben"), "m1") is None


def test_put_over_a_key_replaces_the_value_and_keeps_its_creation_time(
    lg: GraphMemStore, mem: graphmem.GraphMem, clock: FakeClock
) -> None:
    ns = ("memories", "anna")
    lg.put(ns, "home", {"content": "Anna lives in Berlin."})
    first = clock.now
    later = clock.advance(days=1)
    lg.put(ns, "home", {"content": "Anna lives in Munich."})
    item = lg.get(ns, "home")
    assert item is not None and item.value == {"content": "Anna lives in Munich."}
    assert (item.created_at, item.updated_at) == (first, later)
    found = lg.search(ns, query="Where does Anna live?")
    assert [(i.key, i.value["content"]) for i in found] == [("home", "Anna lives in Munich.")]
    hits = mem.search("Berlin", user_id=lg.user_id(ns), kinds=["episode"])
    assert all("Berlin" not in h.memory.text for h in hits)  # the old text is forgotten


def test_delete_and_put_none_remove_the_item(lg: GraphMemStore) -> None:
    ns = ("notes",)
    lg.put(ns, "a", {"content": "Buy oat milk."})
    lg.put(ns, "b", {"content": "Call the plumber."})
    lg.delete(ns, "a")
    lg.batch([PutOp(ns, "b", None)])
    assert lg.get(ns, "a") is None and lg.get(ns, "b") is None
    assert lg.search(ns) == []
    lg.delete(ns, "never-there")  # deleting a missing item is not an error


def test_namespaces_are_isolated(lg: GraphMemStore, mem: graphmem.GraphMem) -> None:
    anna, ben = ("memories", "anna"), ("memories", "ben")
    lg.put(anna, "home", {"content": "I live in Lisbon.", "owner": "anna"})
    lg.put(ben, "home", {"content": "I live in Oslo.", "owner": "ben"})
    assert lg.get(anna, "home").value["owner"] == "anna"  # type: ignore[union-attr]
    assert lg.get(ben, "home").value["owner"] == "ben"  # type: ignore[union-attr]
    for ns in (anna, ben):
        found = lg.search(ns, query="Where do I live?")
        assert [i.namespace for i in found] == [ns]
    # graphmem recall, entities and memories stay inside each namespace's user
    assert all("Oslo" not in h.memory.text for h in mem.search("Oslo", user_id=lg.user_id(anna)))
    assert "Lisbon" not in {e.name for e in mem.entities(user_id=lg.user_id(ben))}


@pytest.mark.real_models  # extraction and ranking by meaning
def test_an_item_is_an_episode_with_its_key_as_ref(
    lg: GraphMemStore, mem: graphmem.GraphMem
) -> None:
    ns = ("memories", "maya")
    lg.put(ns, "turn-7", {"content": "Maya works at the bakery in Porto.", "source": "chat"})
    hits = mem.search("Where does Maya work?", user_id=lg.user_id(ns), k=3)
    assert hits and hits[0].sources == ("turn-7",)
    assert any(m.refs == ("turn-7",) for m in mem.memories(user_id=lg.user_id(ns)))


def test_search_with_a_query_ranks_items_through_recall(lg: GraphMemStore) -> None:
    ns = ("memories", "leo")
    lg.put(ns, "job", {"content": "Leo works as a nurse at the hospital."})
    lg.put(ns, "pet", {"content": "Leo has a grey cat called Miso."})
    lg.put(ns, "food", {"content": "Leo loves spicy ramen."})
    found = lg.search(ns, query="What pet does Leo have?", limit=2)
    assert len(found) == 2 and all(isinstance(i, SearchItem) for i in found)
    assert found[0].key == "pet"
    assert found[0].score is not None and found[1].score is not None
    assert found[0].score >= found[1].score
    rest = lg.search(ns, query="What pet does Leo have?", limit=1, offset=1)
    assert [i.key for i in rest] == [found[1].key]


def test_search_by_prefix_covers_the_namespaces_below_it_only(lg: GraphMemStore) -> None:
    lg.put(("docs", "a"), "1", {"content": "The office opens at nine."})
    lg.put(("docs", "b"), "1", {"content": "The office closes at six."})
    lg.put(("mail",), "1", {"content": "The office moved to the harbour."})
    found = lg.search(("docs",), query="When does the office open?")
    assert {i.namespace for i in found} == {("docs", "a"), ("docs", "b")}
    assert {i.namespace for i in lg.search(())} == {("docs", "a"), ("docs", "b"), ("mail",)}


def test_search_without_a_query_lists_newest_first_with_limit_and_offset(
    lg: GraphMemStore, clock: FakeClock
) -> None:
    ns = ("events",)
    for key in ("e1", "e2", "e3"):
        lg.put(ns, key, {"content": f"Event {key} happened."})
        clock.advance(minutes=1)
    assert [i.key for i in lg.search(ns)] == ["e3", "e2", "e1"]
    assert [i.key for i in lg.search(ns, limit=1, offset=1)] == ["e2"]
    assert all(i.score is None for i in lg.search(ns))


@pytest.mark.real_models  # extraction and ranking by meaning
def test_search_filter_matches_values_exactly_and_with_operators(lg: GraphMemStore) -> None:
    ns = ("tasks",)
    lg.put(ns, "t1", {"content": "Write a report.", "status": "open", "prio": 1, "who": {"id": 7}})
    lg.put(ns, "t2", {"content": "Book the flights.", "status": "done", "prio": 3})
    lg.put(ns, "t3", {"content": "Pay the rent.", "status": "open", "prio": 5})

    def keys(flt: dict[str, object], query: str | None = None) -> set[str]:
        return {i.key for i in lg.search(ns, filter=flt, query=query)}

    assert keys({"status": "open"}) == {"t1", "t3"}
    assert keys({"prio": {"$gt": 1}}) == {"t2", "t3"}
    assert keys({"prio": {"$gte": 1, "$lt": 5}}) == {"t1", "t2"}
    assert keys({"status": {"$ne": "open"}}) == {"t2"}
    assert keys({"who": {"id": 7}}) == {"t1"}
    assert keys({"prio": {"$lte": "high"}}) == set()  # a comparison across types is false
    ranked = lg.search(ns, filter={"status": "open"}, query="Which bill must be paid?")
    assert ranked[0].key == "t3" and {i.key for i in ranked} <= {"t1", "t3"}


def test_list_namespaces_with_prefix_suffix_wildcards_depth_and_paging(
    lg: GraphMemStore,
) -> None:
    for ns in [("a", "b", "c"), ("a", "b", "d", "e"), ("a", "b", "d", "i"), ("a", "b", "f")]:
        lg.put(ns, "k", {"content": "x"})
    lg.put(("a", "c", "f"), "k", {"content": "x"})
    # the example of BaseStore.list_namespaces' documentation
    assert lg.list_namespaces(prefix=("a", "b"), max_depth=3) == [
        ("a", "b", "c"),
        ("a", "b", "d"),
        ("a", "b", "f"),
    ]
    assert lg.list_namespaces(suffix=("f",)) == [("a", "b", "f"), ("a", "c", "f")]
    assert lg.list_namespaces(prefix=("a", "*", "f")) == [("a", "b", "f"), ("a", "c", "f")]
    assert lg.list_namespaces(prefix=("a", "b", "d"), suffix=("i",)) == [("a", "b", "d", "i")]
    assert lg.list_namespaces(max_depth=1) == [("a",)]
    assert lg.list_namespaces(limit=2, offset=1) == [("a", "b", "d", "e"), ("a", "b", "d", "i")]


def test_a_namespace_leaves_the_list_with_its_last_item(lg: GraphMemStore) -> None:
    lg.put(("x",), "1", {"content": "one"})
    lg.put(("x",), "2", {"content": "two"})
    lg.delete(("x",), "1")
    assert lg.list_namespaces() == [("x",)]
    lg.delete(("x",), "2")
    assert lg.list_namespaces() == []
    lg.put(("x",), "3", {"content": "three"})
    assert lg.list_namespaces() == [("x",)]


def test_batch_runs_ops_in_order_and_returns_their_results(lg: GraphMemStore) -> None:
    ns = ("batch",)
    results = lg.batch(
        [
            PutOp(ns, "k", {"content": "The garden needs water."}),
            GetOp(ns, "k"),
            SearchOp(ns, query="garden"),
            ListNamespacesOp(match_conditions=(MatchCondition("prefix", ns),)),
            PutOp(ns, "k", None),
            GetOp(ns, "k"),
        ]
    )
    assert results[0] is None and isinstance(results[1], Item)
    assert [i.key for i in results[2]] == ["k"]  # type: ignore[union-attr]
    assert results[3] == [ns] and results[4] is None and results[5] is None


def test_async_variants_behave_like_the_sync_ones(lg: GraphMemStore) -> None:
    ns = ("async", "u1")

    async def scenario() -> None:
        await lg.aput(ns, "k", {"content": "Zoe plays the cello."})
        item = await lg.aget(ns, "k")
        assert item is not None and item.value == {"content": "Zoe plays the cello."}
        found = await lg.asearch(("async",), query="Which instrument does Zoe play?")
        assert [i.key for i in found] == ["k"]
        assert await lg.alist_namespaces(prefix=("async",)) == [ns]
        await lg.adelete(ns, "k")
        assert await lg.aget(ns, "k") is None

    asyncio.run(scenario())


def test_index_fields_choose_the_text_graphmem_stores(
    lg: GraphMemStore, mem: graphmem.GraphMem
) -> None:
    ns = ("profiles",)
    lg.put(ns, "p", {"memo": "Iris studies marine biology.", "id": 42}, index=["memo"])
    lg.put(ns, "q", {"food": "sushi"})
    hits = mem.search("biology food", user_id=lg.user_id(ns), kinds=["episode"])
    texts = {h.sources[0]: h.memory.text for h in hits}
    assert texts["p"] == "Iris studies marine biology."
    assert texts["q"] == '{"food": "sushi"}'  # no content field: the value's JSON
    assert lg.get(ns, "p").value == {"memo": "Iris studies marine biology.", "id": 42}  # type: ignore[union-attr]


def test_invalid_namespaces_keys_and_ttls_are_refused(lg: GraphMemStore) -> None:
    with pytest.raises(InvalidNamespaceError):
        lg.put(("a.b",), "k", {"content": "x"})
    with pytest.raises(InvalidNamespaceError):
        lg.put((), "k", {"content": "x"})
    with pytest.raises(InvalidNamespaceError):
        lg.batch([PutOp((), "k", {"content": "x"})])
    with pytest.raises(graphmem.InvalidInputError):
        lg.put(("a",), " padded ", {"content": "x"})
    with pytest.raises(graphmem.InvalidInputError):
        lg.put(("a",), "k", {"content": object()})
    with pytest.raises(NotImplementedError):
        lg.put(("a",), "k", {"content": "x"}, ttl=5)
    assert lg.list_namespaces() == []  # nothing was written


def test_an_item_whose_value_was_never_recorded_reads_as_its_text(
    lg: GraphMemStore, mem: graphmem.GraphMem
) -> None:
    # what an interrupted put leaves: the item's episode, without the value beside it
    ns = ("memories", "kim")
    lg.put(ns, "other", {"content": "Kim likes tea."})
    mem.add({"content": "Kim moved to Oslo.", "ref": "k"}, lg.user_id(ns), session_id="item:k")
    item = lg.get(ns, "k")
    assert item is not None and item.value == {"content": "Kim moved to Oslo."}
    assert item.created_at == item.updated_at
