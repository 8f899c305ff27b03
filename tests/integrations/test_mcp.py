"""The real ``graphmem mcp`` server, started as a subprocess and driven by the official
MCP SDK client over stdio and streamable HTTP, with the real models (offline)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.types import CallToolResult

import graphmem
from graphmem.cli import main
from graphmem.errors import InvalidInputError
from graphmem.integrations.mcp import parse_address

pytestmark = pytest.mark.anyio

GRAPHMEM = str(Path(sys.executable).with_name("graphmem"))
FIVE_TOOLS = {"add_memory", "search_memory", "get_context", "memory_history", "forget_memory"}
CONVERSATION = [
    {"speaker": "Maya", "content": "I moved to Porto in September.", "ref": "S1:1",
     "at": "2024-09-20T10:00:00Z"},
    {"speaker": "Leo", "content": "Nice! I still work at the bakery in Lisbon.", "ref": "S1:2",
     "at": "2024-09-20T10:01:00Z"},
    {"speaker": "Maya", "content": "I love surfing on weekends.", "ref": "S1:3",
     "at": "2024-09-20T10:02:00Z"},
]  # fmt: skip


@pytest.fixture(scope="module")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mcp-store")


def _env(store: Path, user: str) -> dict[str, str]:
    return {
        **os.environ,
        "GRAPHMEM_URI": f"local://{store}",
        "GRAPHMEM_USER": user,
        "HF_HUB_OFFLINE": "1",
    }


@contextlib.asynccontextmanager
async def _stdio_session(store: Path, user: str) -> AsyncIterator[ClientSession]:
    """``graphmem mcp`` for ``user`` on ``store``, over stdio; its stderr goes to a log."""
    params = StdioServerParameters(command=GRAPHMEM, args=["mcp"], env=_env(store, user))
    with (store.parent / f"mcp-{user}.log").open("w") as log:
        async with (
            stdio_client(params, errlog=log) as (read, write),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            yield session


async def _call(session: ClientSession, tool: str, **arguments: Any) -> CallToolResult:
    result = await session.call_tool(tool, arguments)
    assert isinstance(result, CallToolResult)
    return result


async def _ok(session: ClientSession, tool: str, **arguments: Any) -> dict[str, Any]:
    """The structured result of a call that must succeed (its text must be there too)."""
    result = await _call(session, tool, **arguments)
    assert not result.is_error, result.content
    assert result.content and result.content[0].type == "text"
    assert result.structured_content is not None
    return result.structured_content


@pytest.fixture(scope="module")
async def maya(store_dir: Path) -> AsyncIterator[ClientSession]:
    """One server for user ``maya`` for the whole module."""
    async with _stdio_session(store_dir, "maya") as session:
        yield session


@pytest.fixture(scope="module")
async def added(maya: ClientSession) -> dict[str, Any]:
    """The short conversation, added once."""
    return await _ok(maya, "add_memory", messages=CONVERSATION, session_id="chat-1")


async def test_lists_the_tools_with_descriptions_and_no_user_argument(
    maya: ClientSession,
) -> None:
    tools = {t.name: t for t in (await maya.list_tools()).tools}
    assert set(tools) >= FIVE_TOOLS
    assert {"update_memory", "freeze_memory", "unfreeze_memory"} <= set(tools)
    for tool in tools.values():
        assert tool.description and len(tool.description) > 40
        assert tool.output_schema is not None
        names = set(tool.input_schema.get("properties", {}))
        assert not names & {"user", "user_id", "uid", "tenant"}, tool.name


async def test_add_memory_stores_the_turns_and_returns_the_new_memories(
    added: dict[str, Any],
) -> None:
    assert [e["ref"] for e in added["episodes"]] == ["S1:1", "S1:2", "S1:3"]
    texts = [m["text"] for m in added["memories"]]
    assert any("Porto" in t for t in texts) and any("surfing" in t for t in texts)


async def test_search_memory_finds_the_memory_with_its_source_ref(
    maya: ClientSession, added: dict[str, Any]
) -> None:
    out = await _ok(maya, "search_memory", query="Where does Maya live?", k=5)
    memories = [h for h in out["hits"] if h["kind"] != "episode"]
    best = memories[0]
    assert "Porto" in best["text"] and best["sources"] == ["S1:1"]
    assert best["status"] == "generated" and best["valid_to"] is None
    assert best["valid_from"].startswith("2024-09") and best["reason"]
    assert out["hits"][0]["sources"] == ["S1:1"]  # the turn itself ranks first
    only_facts = await _ok(maya, "search_memory", query="Where does Maya live?", kinds=["fact"])
    assert {h["kind"] for h in only_facts["hits"]} == {"fact"}


async def test_get_context_returns_a_dated_block_with_sources(
    maya: ClientSession, added: dict[str, Any]
) -> None:
    result = await _call(maya, "get_context", query="Where does Maya live?", budget_tokens=120)
    block = result.structured_content["context"]  # type: ignore[index]
    assert result.content[0].text == block  # type: ignore[union-attr]
    lines = block.splitlines()
    assert lines[0].startswith("- [2024-09-") and "Porto" in lines[0] and "S1:1" in lines[0]
    assert len(block) <= 120 * 4


async def test_update_history_freeze_and_forget_a_memory(maya: ClientSession) -> None:
    turn = {"speaker": "Nina", "content": "I work at the museum in Faro."}
    added = await _ok(maya, "add_memory", messages=[turn])
    [job] = [m for m in added["memories"] if "museum" in m["text"]]
    new = await _ok(
        maya, "update_memory", memory_id=job["id"], correction="Nina works at the library now."
    )
    history = await _ok(maya, "memory_history", memory_id=new["id"])
    assert [(v["version"], v["status"]) for v in history["versions"]] == [
        (2, "generated"),
        (1, "superseded"),
    ]
    assert history["versions"][1]["valid_to"] is not None

    assert (await _ok(maya, "freeze_memory", memory_id=new["id"], reason="confirmed"))["frozen"]
    refused = await _call(maya, "update_memory", memory_id=new["id"], correction="Nina is away.")
    assert refused.is_error and "FrozenError" in refused.content[0].text  # type: ignore[union-attr]
    await _ok(maya, "unfreeze_memory", memory_id=new["id"])

    forgotten = await _ok(maya, "forget_memory", memory_id=new["id"])
    assert forgotten["removed"] == {"Memory": 2}
    out = await _ok(maya, "search_memory", query="Where does Nina work?", kinds=["fact"])
    assert all("library" not in h["text"] for h in out["hits"])


async def test_graphmem_errors_come_back_as_one_line_tool_errors(maya: ClientSession) -> None:
    missing = await _call(maya, "memory_history", memory_id="mem_missing")
    text = missing.content[0].text  # type: ignore[union-attr]
    assert missing.is_error and "NotFoundError" in text and "\n" not in text
    both = await _call(maya, "add_memory", text="hello", messages=[{"content": "hi"}])
    assert both.is_error and "InvalidInputError" in both.content[0].text  # type: ignore[union-attr]
    bad_date = await _call(maya, "search_memory", query="Porto", as_of="next Tuesday-ish")
    assert bad_date.is_error and "InvalidInputError" in bad_date.content[0].text  # type: ignore[union-attr]


async def test_a_server_for_another_user_sees_nothing_of_the_first(
    store_dir: Path, maya: ClientSession, added: dict[str, Any]
) -> None:
    porto = next(m for m in added["memories"] if "Porto" in m["text"])
    async with _stdio_session(store_dir, "omar") as omar:
        assert (await _ok(omar, "search_memory", query="Where does Maya live?"))["hits"] == []
        assert (await _ok(omar, "get_context", query="Maya Porto surfing"))["context"] == ""
        foreign = await _call(omar, "memory_history", memory_id=porto["id"])
        assert foreign.is_error and "NotFoundError" in foreign.content[0].text  # type: ignore[union-attr]
        refused = await _call(omar, "forget_memory", memory_id=porto["id"])
        assert refused.is_error
        await _ok(omar, "add_memory", text="Omar plays chess every Sunday.")
        found = await _ok(omar, "search_memory", query="What does Omar play?")
        assert all("Maya" not in h["text"] for h in found["hits"]) and found["hits"]
    # both servers wrote to the one store; each saw only its own user
    with graphmem.open(f"local://{store_dir}") as mem:
        assert mem.stats(user_id="maya").episodes >= 3
        assert mem.stats(user_id="omar").episodes == 1
        assert mem.get(porto["id"], user_id="maya").id == porto["id"]  # still there


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[str]:
    """``graphmem mcp --http`` on a free loopback port; yields its URL once it answers."""
    port = _free_port()
    log = (tmp_path / "mcp-http.log").open("w")
    proc = subprocess.Popen(
        [GRAPHMEM, "mcp", "--http", f"127.0.0.1:{port}"],
        env=_env(tmp_path / "store", "hana"),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((tmp_path / "mcp-http.log").read_text()[-2000:])
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


async def test_streamable_http_answers_the_same_calls(http_server: str) -> None:
    async with (
        streamable_http_client(http_server) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        assert {t.name for t in (await session.list_tools()).tools} >= FIVE_TOOLS
        added = await _ok(session, "add_memory", messages=CONVERSATION)
        assert [e["ref"] for e in added["episodes"]] == ["S1:1", "S1:2", "S1:3"]
        out = await _ok(session, "search_memory", query="Where does Leo work?", kinds=["fact"])
        assert "bakery" in out["hits"][0]["text"] and out["hits"][0]["sources"] == ["S1:2"]
        context = await _ok(session, "get_context", query="Where does Leo work?")
        assert "(source: S1:2)" in context["context"]


def test_http_address_parsing_defaults_to_loopback_and_refuses_other_hosts() -> None:
    assert parse_address("8765") == ("127.0.0.1", 8765)
    assert parse_address(":8765") == ("127.0.0.1", 8765)
    assert parse_address("localhost:9000") == ("localhost", 9000)
    assert parse_address("[::1]:9000") == ("::1", 9000)
    assert parse_address("0.0.0.0:80", allow_remote=True) == ("0.0.0.0", 80)
    for bad in ("0.0.0.0:80", "192.0.2.7:80", "example.org:80", "127.0.0.1:0", "127.0.0.1:x"):
        with pytest.raises(InvalidInputError):
            parse_address(bad)


def test_mcp_command_refuses_a_public_address_before_loading_anything(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--uri", f"local://{tmp_path}", "mcp", "--http", "0.0.0.0:8765"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("error: InvalidInputError")
    assert "--allow-remote" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "graphmem.db").exists()  # the store was not even opened
