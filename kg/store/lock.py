"""Who may open an embedded store, and how: one lock file, ``kg.lock``, in the store directory.

A readers-writer lock on ``flock(2)``:

* a **writer** (``kg build``, ``kg load``, a curation command, ``kg serve``) holds it
  exclusively and writes who it is into the file (JSON: the command, its process id and, for
  ``kg serve``, where it listens);
* a **reader** (every read command, ``KnowledgeGraph(path, read_only=True)``) holds it shared,
  so several readers read at once, and no writer writes under them (Oxigraph's read-only open
  is undefined behaviour while another process writes).

An ``flock`` belongs to the open file, not to the process: a child that inherits the descriptor
keeps the lock held until it exits too. ``kg serve`` passes it to its Oxigraph server, so the
store stays locked for as long as anything can write to it, even after ``kill -9`` of
``kg serve`` (the server is killed with it, :mod:`kg.store.serve`). The lock is advisory and
POSIX-only: on Windows kg does not guard the store (Oxigraph's own lock still keeps a second
writer out).
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kg.errors import StoreLockedError, StoreNotFoundError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "LOCK_FILE",
    "WAIT_SECONDS",
    "Holder",
    "StoreLock",
    "holder_of",
    "is_store",
    "process_name",
    "require_store",
]

LOCK_FILE = "kg.lock"
WAIT_SECONDS = 5.0
"""How long an open waits for the lock before it fails naming the holder."""


def is_store(path: Path) -> bool:
    """Whether a directory holds an embedded store (RocksDB's ``CURRENT`` file)."""
    return (path / "CURRENT").is_file()


def require_store(path: Path) -> None:
    """Raise unless the directory holds an embedded store.

    Raises:
        StoreNotFoundError: it does not; the message names the path and the fix.
    """
    if not is_store(path):
        what = "a folder that holds no store" if path.is_dir() else "nothing"
        raise StoreNotFoundError(
            f"no store at {path} ({what} there); build one with `kg build SOURCES --store "
            f"{path}`, or point --store (or $KG_STORE) at an existing store"
        )


def process_name() -> str:
    """What this process is, for a lock holder's description: ``kg build``, ``python``."""
    path = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path()
    program = path.name
    kg_main = program == "__main__.py" and path.parent.name == "cli"  # python -m kg.cli
    if (program == "kg" or kg_main) and len(sys.argv) > 1:
        return f"kg {sys.argv[1]}"
    return f"a Python process ({program})" if program else "a Python process"


@dataclass(frozen=True)
class Holder:
    """The process that holds a store exclusively, as it described itself in the lock file."""

    command: str
    pid: int | None = None
    query_url: str | None = None
    update_url: str | None = None
    token: str | None = None

    @property
    def serving(self) -> bool:
        """Whether the holder is a ``kg serve`` (reads can go through it)."""
        return self.query_url is not None

    def describe(self) -> str:
        """``kg serve (pid 412) at http://127.0.0.1:7878/query``."""
        pid = f" (pid {self.pid})" if self.pid else ""
        where = f" at {self.query_url}" if self.query_url else ""
        return f"{self.command}{pid}{where}"


def _parse(text: str) -> Holder:
    try:
        data: dict[str, Any] = json.loads(text)
        return Holder(
            command=str(data.get("command") or "another kg process"),
            pid=int(data["pid"]) if data.get("pid") else None,
            query_url=data.get("query_url"),
            update_url=data.get("update_url"),
            token=data.get("token"),
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return Holder("another kg process")


def _try(handle: IO[str], operation: int) -> bool:
    try:
        fcntl.flock(handle, operation | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def holder_of(path: Path) -> Holder | None:
    """Who holds a store exclusively (None when nobody does, or only readers)."""
    lock = path / LOCK_FILE
    if fcntl is None or not lock.exists():
        return None
    with lock.open("r") as handle:
        if _try(handle, fcntl.LOCK_SH):
            return None
        return _parse(handle.read())


class StoreLock:
    """The lock of one store, held by this object until :meth:`release` (or its descriptor's
    last holder exits)."""

    def __init__(self, path: Path, *, shared: bool, command: str = "", **details: Any) -> None:
        self.path = path
        self.shared = shared
        self.handle: IO[str] | None = None
        self._details = {"command": command or "a kg process", "pid": os.getpid(), **details}

    def acquire(self, wait: float = WAIT_SECONDS) -> StoreLock:
        """Take the lock, waiting up to ``wait`` seconds.

        Raises:
            StoreLockedError: another process holds it (the message names it and the fix).
        """
        if fcntl is None:
            return self
        handle = (self.path / LOCK_FILE).open("a+")
        with contextlib.suppress(OSError):
            os.chmod(handle.name, 0o600)  # kg serve's write token is in it
        operation = fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX
        deadline = time.monotonic() + wait
        while not _try(handle, operation):
            if time.monotonic() >= deadline:
                handle.seek(0)
                text = handle.read()
                handle.close()
                raise self._refusal(text)
            time.sleep(0.05)
        if not self.shared:
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps(self._details))
            handle.flush()
        self.handle = handle
        return self

    def _refusal(self, text: str) -> StoreLockedError:
        if not self.shared and _readers_only(self.path):
            return StoreLockedError(
                f"store {self.path} is open for reading by another process (a kg query, a "
                "kg serve, a Python session); wait for it to finish or close it, then run this "
                "again"
            )
        holder = _parse(text)
        if holder.serving:
            return StoreLockedError(
                f"store {self.path} is being served by {holder.describe()}; query it there "
                f"(--store {holder.query_url}), or stop the server to write"
            )
        return StoreLockedError(
            f"store {self.path} is in use by {holder.describe()}; wait for it to finish "
            "(or stop it), then run this again"
        )

    def fileno(self) -> int | None:
        """The lock's descriptor, for a child process that must keep it held."""
        return self.handle.fileno() if self.handle is not None else None

    def release(self) -> None:
        """Let go of the lock (closing the descriptor releases it)."""
        if self.handle is not None:
            if not self.shared:  # the holder's details (a write token) go with it
                with contextlib.suppress(OSError):
                    self.handle.truncate(0)
            self.handle.close()
            self.handle = None


def _readers_only(path: Path) -> bool:
    """Whether the lock is held shared only (a shared lock can still be taken)."""
    with (path / LOCK_FILE).open("r") as handle:
        if _try(handle, fcntl.LOCK_SH):
            fcntl.flock(handle, fcntl.LOCK_UN)
            return True
        return False
