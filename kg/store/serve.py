"""Serve an embedded store as a SPARQL 1.1 endpoint: Oxigraph's server behind kg's front.

``kg serve`` binds the port clients use itself (127.0.0.1; a port in use is an error at once)
and runs :class:`~kg.store.front.Front` on it, which checks every request (write token,
``SERVICE``) and passes it on to ``oxigraph serve-read-only`` (or ``serve`` when writable), a
child process on a loopback port browsers cannot reach. Oxigraph gives the endpoints
(``/query``, ``/update`` when writable, ``/store`` for the Graph Store Protocol), the query page
at ``/`` (YASGUI), the query timeout (``--timeout-s``) and the union default graph, so a
generic client that names no graph sees every graph (kg's own client names the facts graph).

The store stays locked (:mod:`kg.store.lock`, exclusively: no other writer, and readers go
through this server) for as long as anything can write to it: the Oxigraph child inherits the
lock's descriptor, and it is started through a tiny launcher that asks the kernel to kill it
when its parent dies (``PR_SET_PDEATHSIG``), so ``kill -9`` of ``kg serve`` takes the server
with it instead of leaving it running on an unlocked store.

Before it reports ready, the server must prove it is the one this call started: the child
printed that it listens on its port (no other process can hold that port then), the front
answers through it, and a quad read from the directory itself is found through it (same store).
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO

import pyoxigraph as ox
import requests

from kg.errors import StoreError, StoreLockedError
from kg.model.closing import Closing
from kg.store.front import BROWSER_BLOCKED_PORTS, Front, FrontSettings
from kg.store.lock import StoreLock, require_store

__all__ = ["DEFAULT_PORT", "QUERY_TIMEOUT", "ServerProcess", "oxigraph_binary", "serve"]

log = logging.getLogger("kg.store")

DEFAULT_PORT = 7878
QUERY_TIMEOUT = 30.0
"""Seconds a query may run before the server abandons it (``--query-timeout``)."""

# Run as ``python -I -S -c _LAUNCHER PARENT_PID BINARY ARGS...``: ask to be SIGKILLed when the
# parent thread dies, make sure the parent has not died already, then become the server.
_LAUNCHER = """
import ctypes, os, signal, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(1, signal.SIGKILL, 0, 0, 0) != 0:  # PR_SET_PDEATHSIG
    sys.exit("kg serve: cannot tie the server to kg serve (prctl failed)")
if os.getppid() != int(sys.argv[1]):
    sys.exit("kg serve: kg serve ended before its server started")
os.execv(sys.argv[2], sys.argv[2:])
"""


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


def _bind(port: int) -> socket.socket:
    """The front's listening socket on 127.0.0.1 (port 0: any free one).

    Raises:
        StoreError: the port is in use or not allowed.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        raise StoreError(
            f"port {port} on 127.0.0.1 is in use by another program ({exc.strerror}); "
            "pick another with --port, or --port 0 for any free one"
        ) from exc
    return sock


def _free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _sample_quad(path: Path) -> ox.Quad | None:
    """One quad of the store, read from the directory (None when empty): the same-store check.

    Raises:
        StoreLockedError: a program that does not use kg's lock has the store open.
    """
    try:
        store = ox.Store(str(path))
    except OSError as exc:
        if "lock" in str(exc).lower():
            raise StoreLockedError(
                f"store {path} is in use by another program that opened it without kg; "
                "stop it, then run kg serve again"
            ) from exc
        raise StoreError(f"cannot open store {path}: {exc}; check the path") from exc
    try:
        return next(iter(store.quads_for_pattern(None, None, None, None)), None)
    finally:
        del store


def _flush_log(path: Path) -> None:
    """Move what a writable server left in RocksDB's write-ahead log into the store's files.

    Oxigraph's server ends on SIGTERM without flushing, and a read-only open replays the whole
    log every time (12 s on a 10k-article store after a benchmark's writes); a writable open
    replays it once and writes it out, leaving an empty log. A failure is logged, not raised:
    the data is safe in the log either way.
    """
    try:
        store = ox.Store(str(path))
        try:
            store.flush()
        finally:
            del store
    except OSError as exc:
        log.warning("kg serve: could not flush the write-ahead log of %s: %s", path, exc)


class ServerProcess(Closing):
    """A running ``kg serve``: the front on :attr:`port` and its Oxigraph child.

    Attributes:
        url: ``http://127.0.0.1:PORT``; the query page (YASGUI) is at ``url + "/"``.
        query_url, update_url, graph_store_url: the endpoints (``update_url`` None unless
            writable).
        token: the write token (None unless writable): ``Authorization: Bearer TOKEN``.
        process: the Oxigraph child.
    """

    def __init__(self, path: Path, sock: socket.socket, *, writable: bool) -> None:
        self.path = path
        self.port: int = sock.getsockname()[1]
        self.writable = writable
        self.url = f"http://127.0.0.1:{self.port}"
        self.page_url = f"{self.url}/"
        self.query_url = f"{self.url}/query"
        self.update_url = f"{self.url}/update" if writable else None
        self.graph_store_url = f"{self.url}/store"
        self.token = secrets.token_urlsafe(24) if writable else None
        self.process: subprocess.Popen[bytes] | None = None
        self.front: Front | None = None
        self._sock = sock
        self._lock: StoreLock | None = None
        self._log: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115  (closed by stop)
        self._keeper: threading.Thread | None = None
        self._stopped = threading.Event()
        self._command: list[str] = []
        self._restarting = threading.Lock()

    # -- start ----------------------------------------------------------------------
    def _start(self, *, cors: bool, query_timeout: float, allow_service: bool) -> None:
        self._lock = StoreLock(
            self.path,
            shared=False,
            command="kg serve",
            query_url=self.query_url,
            update_url=self.update_url,
            token=self.token,
        ).acquire()
        sample = _sample_quad(self.path)
        self._command = [
            oxigraph_binary(),
            "serve" if self.writable else "serve-read-only",
            "--location",
            str(self.path),
            "--union-default-graph",
            "--timeout-s",
            str(max(1, round(query_timeout))),
            *(["--cors"] if cors else []),
        ]
        settings = FrontSettings(
            inner_port=self._launch(),
            token=self.token,
            allow_service=allow_service,
            query_timeout=query_timeout,
            restart=self._restart,
        )
        self.front = Front(self._sock, settings)
        self.front.start()
        self._check_same_store(sample)

    def _launch(self, first: int | None = None) -> int:
        """Start the Oxigraph child on a free browser-blocked port; returns the port.

        Raises:
            StoreError: every such port is taken, or the child failed.
        """
        ports = [first] if first is not None else []
        for inner in ports + [p for p in BROWSER_BLOCKED_PORTS if p != first and _free(p)]:
            self._spawn([*self._command, "--bind", f"127.0.0.1:{inner}"])
            if self._listening(inner, 30):
                return inner
        self.stop()
        raise StoreError(
            f"no port for the SPARQL server of {self.path}: ports "
            f"{', '.join(map(str, BROWSER_BLOCKED_PORTS))} on 127.0.0.1 are all taken; "
            "stop another kg serve"
        )

    def _restart(self, port: int) -> int:
        """Kill the child (a query ran past the timeout: only that frees its core) and start
        another on the same store; returns its port."""
        with self._restarting:
            process = self.process
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
            if self._keeper is not None:
                self._keeper.join(timeout=5)
            log.warning("kg serve: a query ran past the timeout; restarted the SPARQL server")
            return self._launch(port)

    def _spawn(self, command: list[str]) -> None:
        """Start the child from a thread that lives as long as the server: the kernel's
        parent-death signal follows the thread that started a process, not the process."""
        started = threading.Event()

        def keep() -> None:
            self._log.seek(0)
            self._log.truncate()
            launcher = [sys.executable, "-I", "-S", "-c", _LAUNCHER, str(os.getpid())]
            self.process = subprocess.Popen(
                # elsewhere than Linux nothing kills the server with kg serve (README)
                [*launcher, *command] if sys.platform.startswith("linux") else command,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env={**os.environ, "RUST_BACKTRACE": "0"},
                pass_fds=[fd] if (fd := self._lock_fd()) is not None else [],
            )
            started.set()
            self.process.wait()

        self._keeper = threading.Thread(target=keep, name="kg-serve-child", daemon=True)
        self._keeper.start()
        started.wait()

    def _lock_fd(self) -> int | None:
        return self._lock.fileno() if self._lock is not None else None

    def _output(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")

    def _listening(self, inner: int, seconds: float) -> bool:
        """Wait for the child to say it listens on ``inner``; False when the port was taken
        meanwhile (try the next).

        Raises:
            StoreError: the child failed otherwise, or never answered.
        """
        assert self.process is not None
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if f"Listening for requests at http://127.0.0.1:{inner}" in self._output():
                return True
            if self.process.poll() is not None:
                message = self._output().strip()
                if "address already in use" in message.lower():
                    return False
                self.stop()
                if "lock" in message.lower():
                    raise StoreLockedError(f"store {self.path} is in use: {message[-300:]}")
                raise StoreError(f"the SPARQL server for {self.path} exited: {message[-500:]}")
            time.sleep(0.02)
        self.stop()
        raise StoreError(f"the SPARQL server for {self.path} did not start in {seconds:.0f} s")

    def _check_same_store(self, sample: ox.Quad | None) -> None:
        """Ask, through the front, for a quad read from the directory: it must be there."""
        if sample is None:
            query = "ASK {}"
        else:
            graph = sample.graph_name
            pattern = f"{sample.subject} {sample.predicate} {sample.object}"
            query = (
                f"ASK {{ GRAPH {graph} {{ {pattern} }} }}"
                if isinstance(graph, ox.NamedNode)
                else f"ASK {{ {pattern} }}"
            )
        try:
            response = requests.post(
                self.query_url,
                data={"query": query},
                headers={"Accept": "application/sparql-results+json"},
                timeout=30,
            )
            found = response.ok and response.json().get("boolean") is True
        except (requests.RequestException, ValueError) as exc:
            self.stop()
            raise StoreError(f"the SPARQL server for {self.path} does not answer: {exc}") from exc
        if not found:
            self.stop()
            raise StoreError(
                f"the server at {self.url} does not serve {self.path} (a quad of the store is "
                "missing there); stop whatever else listens there and try again"
            )

    # -- run and stop -----------------------------------------------------------------
    def wait(self) -> int:
        """Block until the server stops (or Ctrl-C); stop it in any case. Returns the
        Oxigraph server's exit code (0 when stopped by :meth:`stop`)."""
        try:
            while not self._stopped.is_set():
                process = self.process
                exited = process is not None and process.poll() is not None
                if exited and process is not None and not self._restarting.locked():
                    return process.returncode
                self._stopped.wait(0.2)
            return 0
        finally:
            self.stop()

    def close(self) -> None:
        """Stop the server and release the store."""
        self.stop()

    def stop(self) -> None:
        """Stop the front and the server, flush what a writable one wrote, then release the
        store."""
        self._stopped.set()
        if self.front is not None:
            self.front.stop()
            self.front = None
        else:
            self._sock.close()
        process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._keeper is not None:
            self._keeper.join(timeout=5)
        if self._lock is not None:
            if self.writable and process is not None:
                _flush_log(self.path)  # still under the lock: no writer can come between
            self._lock.release()  # the child has exited: nothing holds the descriptor now
            self._lock = None
        with contextlib.suppress(ValueError):
            self._log.close()


def serve(
    path: Path,
    *,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    cors: bool = False,
    query_timeout: float = QUERY_TIMEOUT,
    allow_service: bool = False,
) -> ServerProcess:
    """Start a SPARQL 1.1 server on an embedded store directory, on 127.0.0.1.

    Args:
        path: the store directory (``kg build --store DIR`` made it).
        port: the TCP port; 0 picks a free one.
        writable: also accept SPARQL Update and Graph Store writes, with the write token.
        cors: answer cross-origin requests (Oxigraph's ``--cors``).
        query_timeout: seconds before a query is abandoned.
        allow_service: let queries use ``SERVICE`` (the server then fetches what they name).

    Raises:
        StoreNotFoundError: no store there.
        StoreError: the port is taken, or the binary is missing or failed.
        StoreLockedError: another process holds the store.
    """
    require_store(path)
    server = ServerProcess(path, _bind(port), writable=writable)
    try:
        server._start(cors=cors, query_timeout=query_timeout, allow_service=allow_service)
    except BaseException:
        server.stop()
        raise
    log.info("serving %s at %s", path, server.query_url)
    return server
