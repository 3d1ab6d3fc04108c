"""Serve an embedded store as a SPARQL 1.1 endpoint, with Oxigraph's own HTTP server.

``oxigraph serve-read-only --location DIR`` (or ``serve`` when writable) runs as a child
process bound to 127.0.0.1, so YASGUI, Gephi's SPARQL import, rdflib or kg itself
(``--store http://127.0.0.1:PORT/query``) can query the graph while it is served. Endpoints:
``/query``, ``/update`` (writable only) and ``/store`` (Graph Store Protocol).

A read-only Oxigraph server does not lock the store, and a write under it is undefined
behaviour, so ``kg serve`` holds ``kg-serve.lock`` in the store directory for as long as it
runs; a writer that finds it held is told where the store is being served. The server inherits
the locked file (the lock lasts while either process lives) and, on Linux, is killed by the
kernel when ``kg serve`` dies, even by ``kill -9``: no server is left reading a store that a
build may then write.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import requests

from kg.errors import StoreError, StoreLockedError
from kg.model.closing import Closing

try:
    import fcntl
except ImportError:  # Windows: no advisory lock, the read-only server is unguarded there
    fcntl = None  # type: ignore[assignment]

__all__ = ["DEFAULT_PORT", "LOCK_FILE", "ServerProcess", "oxigraph_binary", "serve", "served_at"]

log = logging.getLogger("kg.store")

DEFAULT_PORT = 7878
LOCK_FILE = "kg-serve.lock"
_PR_SET_PDEATHSIG = 1


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server binary (the PyPI package ``oxigraph``).

    Raises:
        StoreError: not installed.
    """
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError(
            "the `oxigraph` server binary is not installed; `pip install oxigraph` "
            "(kg depends on it, so reinstalling kg also brings it)"
        )
    return found


def served_at(path: Path) -> str | None:
    """The URL ``kg serve`` serves this store at, when a ``kg serve`` holds it, else None."""
    lock = path / LOCK_FILE
    if fcntl is None or not lock.exists():
        return None
    with lock.open("r+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return handle.read().strip() or "an unknown port"
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _check_free(path: Path) -> None:
    """Open and close the store once: a store another process holds cannot be served."""
    try:
        store = ox.Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreLockedError(
                f"store {path} is in use by another process (a kg build, a Python session or "
                "another kg serve); stop it, then run kg serve again"
            ) from exc
        raise StoreError(f"cannot open store {path}: {exc}; check the path") from exc
    del store


class ServerProcess(Closing):
    """A running ``oxigraph`` server on a store directory; stop it with :meth:`stop`."""

    def __init__(
        self,
        path: Path,
        port: int,
        writable: bool,
        process: subprocess.Popen[bytes],
        log: IO[bytes],
        lock: IO[str] | None,
    ) -> None:
        self.path = path
        self.port = port
        self.writable = writable
        self.process = process
        self.url = f"http://127.0.0.1:{port}"
        self.query_url = f"{self.url}/query"
        self.update_url = f"{self.url}/update" if writable else None
        self.graph_store_url = f"{self.url}/store"
        self._log = log
        self._lock = lock

    def _wait_ready(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self._failed()
            with contextlib.suppress(requests.RequestException):
                response = requests.get(self.query_url, params={"query": "ASK {}"}, timeout=2)
                if response.status_code == 200:
                    return
            time.sleep(0.05)
        self.stop()
        raise StoreError(f"the SPARQL server for {self.path} did not answer in {seconds:.0f} s")

    def _failed(self) -> None:
        self._log.seek(0)
        message = self._log.read().decode("utf-8", "replace").strip()[-500:]
        self.stop()
        if "address" in message.lower() and "in use" in message.lower():
            raise StoreError(f"port {self.port} is in use; pick another with --port")
        if "lock" in message.lower():
            raise StoreLockedError(f"store {self.path} is in use by another process: {message}")
        raise StoreError(f"the SPARQL server for {self.path} exited: {message}")

    def wait(self) -> int:
        """Block until the server exits (or Ctrl-C); stop it in any case."""
        try:
            return self.process.wait()
        finally:
            self.stop()

    def close(self) -> None:
        """Stop the server and release the store."""
        self.stop()

    def stop(self) -> None:
        """Stop the server and release the store."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._lock is not None:
            self._lock.close()  # releases the flock
            self._lock = None
        self._log.close()


def _hold_lock(path: Path, url: str) -> IO[str] | None:
    """Lock ``kg-serve.lock`` (exclusive) and write the URL served into it."""
    if fcntl is None:
        return None
    lock = (path / LOCK_FILE).open("a+")
    fcntl.flock(lock, fcntl.LOCK_EX)
    lock.truncate(0)
    lock.write(url)
    lock.flush()
    return lock


def _die_with_parent(parent: int) -> None:
    """In the server's process, before it runs: be killed when the parent dies (Linux)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def serve(path: Path, *, port: int = DEFAULT_PORT, writable: bool = False) -> ServerProcess:
    """Start a SPARQL 1.1 server on an embedded store directory, on 127.0.0.1.

    Args:
        path: the store directory (``kg build --store DIR`` made it).
        port: the TCP port; 0 picks a free one.
        writable: also accept SPARQL Update and Graph Store writes.

    Raises:
        StoreError: no store there, the port is taken, or the binary is missing.
        StoreLockedError: another process holds the store.
    """
    if not path.is_dir():
        raise StoreError(f"no store at {path}; build one first with `kg build --store {path}`")
    if served_at(path):
        raise StoreLockedError(f"store {path} is already served at {served_at(path)}")
    binary = oxigraph_binary()
    _check_free(path)
    port = port or _free_port()
    command = "serve" if writable else "serve-read-only"
    log_file = tempfile.TemporaryFile()  # noqa: SIM115  (closed by ServerProcess.stop)
    lock = _hold_lock(path, f"http://127.0.0.1:{port}/query")
    parent = os.getpid()
    linux = sys.platform.startswith("linux")
    process = subprocess.Popen(
        [binary, command, "--location", str(path), "--bind", f"127.0.0.1:{port}"],
        stdout=log_file,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "RUST_BACKTRACE": "0"},
        pass_fds=(lock.fileno(),) if lock is not None else (),
        preexec_fn=(lambda: _die_with_parent(parent)) if linux else None,  # noqa: PLW1509
    )
    server = ServerProcess(path, port, writable, process, log_file, lock)
    server._wait_ready(30)
    log.info("serving %s at %s (%s)", path, server.query_url, command)
    return server
