"""Everything that differs between Neo4j and FalkorDB, and nothing else.

A dialect runs a statement (and maps driver errors to graphmem errors at this
boundary, within the configured ``Timeouts``), knows its vector and fulltext index
conventions, and applies and inspects its schema. A write whose reply is lost (a
timeout, a connection cut after the statement was sent) raises
``BackendUnavailableError`` with ``outcome_unknown``: it may have committed. The
statements themselves are files under ``cypher/<dialect>/`` that override
``cypher/common/`` (see ``statements.py``). Drivers are imported lazily.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from graphmem.config import Timeouts
from graphmem.errors import BackendError, BackendUnavailableError, InvalidInputError
from graphmem.stores.cypher.statements import Statements, Vector32

Record = dict[str, Any]

UNKNOWN = "the write may or may not have committed: retrying an add with refs is safe"


class Dialect(ABC):
    """One Cypher server product."""

    name: str
    #: take write locks on the nodes a change set touches before checking it
    locks_nodes: bool = False

    def __init__(self) -> None:
        self.statements = Statements(self.name)

    @abstractmethod
    def run(self, query: str, params: dict[str, Any], *, write: bool) -> list[Record]:
        """Run one statement (one transaction) and return its records."""

    def send(self, query: str, params: dict[str, Any]) -> None:
        """Run a write whose outcome the caller does not need (see
        ``Store.apply_unconfirmed``); a dialect may return before the server answers, as
        long as its next statement waits for that answer first."""
        self.run(query, params, write=True)

    def start(self, query: str, params: dict[str, Any]) -> Callable[[], list[Record]]:
        """Start a read and return what waits for its records (call it exactly once); a
        dialect may run the read at once."""
        records = self.run(query, params, write=False)
        return lambda: records

    @abstractmethod
    def vector_params(self, label: str) -> dict[str, Any]:
        """Parameters naming the vector index of ``label``."""

    @abstractmethod
    def similarity(self, score: float) -> float:
        """The index's score as cosine similarity (higher is better)."""

    @abstractmethod
    def keyword_params(self, label: str, terms: Sequence[str]) -> dict[str, Any]:
        """Parameters naming the fulltext index of ``label`` and the escaped query."""

    @abstractmethod
    def schema_status(self) -> dict[str, bool]:
        """Each schema statement name and whether what it creates is present."""

    @abstractmethod
    def wait_for_indexes(self, seconds: int) -> None:
        """Block until the indexes are online."""

    @abstractmethod
    def close(self) -> None: ...

    def apply_schema(self, dimensions: int, seconds: int = 300) -> list[str]:
        """Create what is missing (idempotent); returns the statement names run."""
        missing = [name for name, ok in self.schema_status().items() if not ok]
        for name in missing:
            try:
                self.run(self.statements.get(name), {"dimensions": dimensions}, write=True)
            except BackendError:
                # another process opening the same fresh store may have created it first
                if not self.schema_status().get(name):
                    raise
        if missing:
            self.wait_for_indexes(seconds)
        return missing


class Neo4jDialect(Dialect):
    """Neo4j 5 through the official driver; every statement is a managed transaction,
    retried by the driver when the error is retryable."""

    name = "neo4j"
    locks_nodes = True

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str] | None,
        database: str | None,
        timeouts: Timeouts | None = None,
    ) -> None:
        super().__init__()
        try:
            import neo4j
        except ImportError as exc:  # pragma: no cover - neo4j is a dependency
            raise BackendUnavailableError("the neo4j driver is not installed") from exc
        self._neo4j = neo4j
        # failures reach the caller as graphmem errors; keep the driver's log quiet
        logging.getLogger("neo4j").addHandler(logging.NullHandler())
        self.database = database
        self.timeouts = timeouts or Timeouts()
        with self._mapped("connect to", write=False):
            self.driver = neo4j.GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=self.timeouts.connect,
                connection_acquisition_timeout=self.timeouts.connect + self.timeouts.statement,
                max_transaction_retry_time=self.timeouts.statement,
            )
            self.driver.verify_connectivity()

    @contextlib.contextmanager
    def _mapped(self, what: str, *, write: bool) -> Iterator[None]:
        exc_mod = self._neo4j.exceptions
        try:
            yield
        except exc_mod.IncompleteCommit as exc:
            raise BackendUnavailableError(
                f"Neo4j lost the connection while committing: {UNKNOWN} ({exc})",
                outcome_unknown=True,
            ) from exc
        except (exc_mod.ServiceUnavailable, exc_mod.SessionExpired, exc_mod.AuthError) as exc:
            raise BackendUnavailableError(f"cannot {what} Neo4j: {exc}") from exc
        except exc_mod.ConstraintError as exc:
            raise InvalidInputError(f"Neo4j refused the write: {exc}") from exc
        except (exc_mod.Neo4jError, exc_mod.DriverError) as exc:
            code = str(getattr(exc, "code", "") or "")
            if "TransactionTimedOut" in code or "TransactionTimedOutClientConfiguration" in code:
                raise BackendUnavailableError(
                    f"Neo4j stopped the statement after {self.timeouts.statement} s "
                    "(Timeouts.statement); it was rolled back"
                ) from exc
            raise BackendError(f"Neo4j failed: {exc}") from exc

    def run(self, query: str, params: dict[str, Any], *, write: bool) -> list[Record]:
        routing = self._neo4j.RoutingControl.WRITE if write else self._neo4j.RoutingControl.READ
        with self._mapped("query", write=write):
            result = self.driver.execute_query(
                self._neo4j.Query(query, timeout=self.timeouts.statement),
                params,
                routing_=routing,
                database_=self.database,
            )
        return [dict(r) for r in result.records]

    def vector_params(self, label: str) -> dict[str, Any]:
        return {"index": f"{label.lower()}_embedding"}

    def similarity(self, score: float) -> float:
        return 2.0 * score - 1.0  # Neo4j's cosine score is (1 + cos) / 2

    def keyword_params(self, label: str, terms: Sequence[str]) -> dict[str, Any]:
        # quoted terms are plain text to Lucene's parser; \w+ tokens hold no quote
        return {"index": f"{label.lower()}_fulltext", "query": " OR ".join(f'"{t}"' for t in terms)}

    def schema_status(self) -> dict[str, bool]:
        present = {
            r["name"]: r["state"]
            for name in ("admin/show_indexes", "admin/show_constraints")
            for r in self.run(self.statements.get(name), {}, write=False)
        }
        return {
            name: present.get(name.split("/", 1)[1]) == "ONLINE"
            for name in self.statements.names("schema")
        }

    def wait_for_indexes(self, seconds: int) -> None:
        self.run(self.statements.get("admin/await_indexes"), {"seconds": seconds}, write=False)

    def close(self) -> None:
        with self._mapped("close", write=False):
            self.driver.close()


class _Unparsed(Exception):
    """A reply value of a type ``_value`` leaves to the client."""


def _text(v: Any) -> str:
    return v.decode() if isinstance(v, bytes) else str(v)


def _value(cell: Any) -> Any:
    """One value of a ``--compact`` reply, for the types graphmem's statements return (the
    client's generic parser took a third of a search's client time)."""
    return _decode(*cell)


def _decode(kind: int, value: Any) -> Any:
    """The value of a ``--compact`` cell ``[kind, value]``; strings and nulls, the
    commonest cells of a list (half of a search's 15,000 cells are nulls), are decoded in
    place."""
    if kind == 6:
        return [
            v if k == 2 and type(v) is str else None if k == 1 else _decode(k, v) for k, v in value
        ]
    if kind == 2:
        return value if type(value) is str else _text(value)
    if kind == 1:
        return None
    if kind == 5:
        return float(value)
    if kind == 3:
        return int(value)
    if kind == 4:
        return _text(value) == "true"
    if kind == 10:
        return {_text(value[i]): _value(value[i + 1]) for i in range(0, len(value), 2)}
    if kind == 12:
        return [float(v) for v in value]
    raise _Unparsed(kind)


def _records(reply: list[Any]) -> list[Record]:
    """The rows of a ``--compact`` reply (header, rows, statistics) as records."""
    if len(reply) < 3:
        return []
    keys = [_text(h[1]) for h in reply[0]]
    return [dict(zip(keys, [_decode(k, v) for k, v in row], strict=True)) for row in reply[1]]


class _Vector32Formats(dict[int, str]):
    """``%`` formats of a float32 vector by length: ``[%.9g,...]``."""

    def __missing__(self, n: int) -> str:
        self[n] = "[" + ",".join(["%.9g"] * n) + "]"
        return self[n]


_VECTOR32 = _Vector32Formats()


def _quoted(s: str) -> str:
    """A string as the client quotes it: in double quotes, backslashes and double quotes
    escaped."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _param(v: Any) -> str:
    """One parameter value as the client writes it, with a fast path for the exact
    types a search sends most (strings, ints and lists of them: 160 seed maps, 300 ids)."""
    t = type(v)
    if t is str:
        return _quoted(v)
    if t is int:
        return str(v)
    if t is Vector32:  # 9 digits: exact for float32, a third of repr's time
        return _VECTOR32[len(v)] % tuple(v)
    if t is list and v and all(type(x) is float for x in v):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ",".join([_param(x) for x in v]) + "]"
    if isinstance(v, dict):
        for k in v:
            if not isinstance(k, str) or not k or "`" in k:
                raise ValueError(f"map key {k!r} cannot be written as a Cypher identifier")
        return "{" + ",".join([f"`{k}`:{_param(x)}" for k, x in v.items()]) + "}"
    from falkordb.helpers import stringify_param_value

    return str(stringify_param_value(v))


def _header(params: dict[str, Any]) -> str:
    """The parameters as FalkorDB's ``CYPHER name=value ...`` prefix, as the client
    writes it, except that a list of floats (an embedding) is written by Python's own
    list repr: the client's per-value conversion took most of an ``add``'s write time."""
    if not params:
        return ""
    return "CYPHER " + " ".join([f"{k}={_param(v)}" for k, v in params.items()]) + " "


class FalkorDBDialect(Dialect):
    """FalkorDB through its Redis-protocol client. One statement is one query, which
    FalkorDB runs atomically; writes to a graph are serialised."""

    name = "falkordb"

    def __init__(
        self,
        host: str,
        port: int,
        graph: str,
        auth: tuple[str, str] | None = None,
        timeouts: Timeouts | None = None,
    ) -> None:
        super().__init__()
        try:
            import falkordb
            import redis.exceptions
            from redis.backoff import NoBackoff
            from redis.retry import Retry
        except ImportError as exc:
            raise BackendUnavailableError(
                "the falkordb client is not installed: pip install 'graphmem[falkordb]'"
            ) from exc
        self._redis_errors = redis.exceptions
        self.timeouts = timeouts or Timeouts()
        #: connections with a write sent by ``send`` whose answer is still to read
        self._sent: list[Any] = []
        self._sent_lock = threading.Lock()
        user, password = auth if auth is not None else (None, None)
        with self._mapped("connect to", write=False):
            self.db = falkordb.FalkorDB(
                host=host,
                port=port,
                username=user,
                password=password,
                socket_connect_timeout=self.timeouts.connect,
                socket_timeout=self.timeouts.statement,
                # never resend a statement: a write whose reply was lost may have
                # committed, and graphmem reports that instead of writing twice
                retry=Retry(NoBackoff(), 0),
            )
            self.db.connection.ping()
            self.graph = self.db.select_graph(graph)
        self.run(self.statements.get("admin/touch"), {}, write=True)

    @contextlib.contextmanager
    def _mapped(self, what: str, *, write: bool) -> Iterator[None]:
        errors = self._redis_errors
        try:
            yield
        except errors.AuthenticationError as exc:
            raise BackendUnavailableError(f"cannot {what} FalkorDB: {exc}") from exc
        except (errors.ConnectionError, errors.TimeoutError) as exc:
            timed_out = isinstance(exc, errors.TimeoutError)
            why = f"no reply within {self.timeouts.statement} s" if timed_out else str(exc)
            if write and not _before_sending(exc):
                raise BackendUnavailableError(
                    f"FalkorDB did not answer a write ({why}): {UNKNOWN}", outcome_unknown=True
                ) from exc
            raise BackendUnavailableError(f"cannot {what} FalkorDB: {why}") from exc
        except errors.ResponseError as exc:
            if "timed out" in str(exc).lower():
                raise BackendUnavailableError(
                    f"FalkorDB stopped the statement after {self.timeouts.statement} s "
                    "(Timeouts.statement)"
                ) from exc
            raise BackendError(f"FalkorDB failed: {exc}") from exc
        except errors.RedisError as exc:
            raise BackendError(f"FalkorDB failed: {exc}") from exc
        except ValueError as exc:  # the client refuses a parameter it cannot encode
            raise InvalidInputError(f"FalkorDB cannot take this value: {exc}") from exc

    def send(self, query: str, params: dict[str, Any]) -> None:
        """Send the write on a connection of its own and return; its answer is read (and
        dropped) before this dialect sends anything else, so the server has run it by
        then. The write overlaps what the caller does next (a search's recall
        bookkeeping: the next query's embedding)."""
        conn = self._sent_alone(query, params, write=True)
        with self._sent_lock:
            self._sent.append(conn)

    def _settle(self) -> None:
        """Wait for the answers of the writes ``send`` sent, and drop them: a refused or
        failed one is not reported (a connection that failed is closed)."""
        if not self._sent:
            return
        with self._sent_lock:
            sent, self._sent = self._sent, []
        pool = self.db.connection.connection_pool
        for conn in sent:
            try:
                conn.read_response()
            except self._redis_errors.ResponseError:
                continue  # refused (a conflict, a frozen node): dropped, as ``send`` says
            except (self._redis_errors.RedisError, OSError):
                conn.disconnect()
            finally:
                pool.release(conn)

    def start(self, query: str, params: dict[str, Any]) -> Callable[[], list[Record]]:
        """Send the read on a connection of its own and return what reads its answer:
        the caller's work in between overlaps the server's."""
        conn = self._sent_alone(query, params, write=False)
        pool = self.db.connection.connection_pool

        def records() -> list[Record]:
            try:
                with self._mapped("query", write=False), no_collection():
                    return self._records(conn.read_response())
            except BaseException:
                conn.disconnect()
                raise
            finally:
                pool.release(conn)

        return records

    def _sent_alone(self, query: str, params: dict[str, Any], *, write: bool) -> Any:
        """A connection taken from the pool, with the statement sent on it (after the
        answers to earlier writes are read); the caller reads the answer and releases it."""
        self._settle()
        pool = self.db.connection.connection_pool
        with self._mapped("query", write=write), no_collection():
            args = self._args(query, params, write)
            conn = pool.get_connection()
            try:
                conn.send_command(*args)
            except BaseException:
                conn.disconnect()
                pool.release(conn)
                raise
        return conn

    def run(self, query: str, params: dict[str, Any], *, write: bool) -> list[Record]:
        self._settle()
        with self._mapped("query", write=write), no_collection():
            # the raw reply (a list per cell) is freed while the collector is still off,
            # so that only the records are young objects when it resumes: alive then, it
            # was scanned and promoted (1-2 ms of every search)
            return self._records(self.graph.execute_command(*self._args(query, params, write)))

    def _args(self, query: str, params: dict[str, Any], write: bool) -> list[Any]:
        """The command that runs a statement."""
        if write:  # FalkorDB never times out a write itself: the socket timeout does
            return ["GRAPH.QUERY", self.graph.name, _header(params) + query, "--compact"]
        timeout = max(1, int(self.timeouts.statement * 1000))
        command = ["GRAPH.RO_QUERY", self.graph.name, _header(params) + query, "--compact"]
        return [*command, "timeout", timeout]

    def _records(self, reply: Any) -> list[Record]:
        """The records of a reply (an error it holds raised)."""
        if reply and isinstance(reply[0], self._redis_errors.ResponseError):
            raise reply[0]
        try:
            return _records(reply)
        except _Unparsed:  # a type graphmem's statements never return: the client's way
            from falkordb.query_result import QueryResult

            result = QueryResult(self.graph, reply)
        keys = [h[1] for h in result.header]
        return [dict(zip(keys, row, strict=True)) for row in result.result_set]

    def vector_params(self, label: str) -> dict[str, Any]:
        return {"label": label}

    def similarity(self, score: float) -> float:
        return 1.0 - score  # FalkorDB returns the cosine distance

    def keyword_params(self, label: str, terms: Sequence[str]) -> dict[str, Any]:
        # RediSearch: '|' is OR; \w+ tokens carry none of its operators
        return {"label": label, "query": "|".join(terms)}

    def schema_status(self) -> dict[str, bool]:
        present: set[tuple[str, str, str]] = set()
        for row in self.run(self.statements.get("admin/show_indexes"), {}, write=False):
            for prop, kinds in (row.get("types") or {}).items():
                for kind in kinds:
                    present.add((str(kind).lower(), str(row["label"]).lower(), str(prop)))
        out = {}
        for name in self.statements.names("schema"):
            kind, label, prop = name.split("/", 1)[1].split("_", 2)
            out[name] = (kind, label, prop) in present
        return out

    def wait_for_indexes(self, seconds: int) -> None:
        """FalkorDB builds an index in the background, and a query that needs one still
        under construction fails ("Invalid arguments for procedure"): poll until every
        index is operational."""
        deadline = time.monotonic() + seconds
        statement = self.statements.get("admin/show_indexes")
        while any(r.get("status") != "OPERATIONAL" for r in self.run(statement, {}, write=False)):
            if time.monotonic() > deadline:
                raise BackendUnavailableError(f"FalkorDB indexes not ready after {seconds} s")
            time.sleep(0.01)

    def close(self) -> None:
        self._settle()
        with self._mapped("close", write=False):
            self.db.connection.close()


@contextlib.contextmanager
def no_collection() -> Iterator[None]:
    """The cyclic garbage collector paused while a statement's parameters are written and
    its reply parsed (as Mercurial's ``util.nogc`` does for large structures): both are
    tens of thousands of containers without cycles, alive for milliseconds, and a
    collection meanwhile moved them to the oldest generation, whose full collections
    (over every object of the process: 100 ms and more once the models are loaded)
    then ran every few searches. The collector is re-enabled only if it was enabled."""
    enabled = gc.isenabled()
    if enabled:
        gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _before_sending(exc: Exception) -> bool:
    """Whether a redis connection error happened while connecting, before the
    statement was sent (so a write certainly did not commit)."""
    return "connecting to" in str(exc) or "Connection refused" in str(exc)
