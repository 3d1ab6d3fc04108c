"""A total deadline for fetching one URL, which timeouts alone cannot give.

``requests`` times out each wait for bytes, not a whole answer: a server that sends one byte a
second, in its headers or its body, never trips a ten-second timeout. Here every socket a fetch
opens or reuses is watched by a :class:`Deadline`; when the deadline passes, a timer shuts the
socket down, the blocked read returns at once, and the fetch reports the deadline.

Mount :class:`DeadlineAdapter` on a Session and run each fetch inside ``with deadline:``.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.poolmanager import PoolManager

__all__ = ["Deadline", "DeadlineAdapter"]

_current = threading.local()


class Deadline:
    """The end of one fetch's time; shuts down the sockets the fetch is using when it passes.

    >>> with Deadline(60) as deadline:
    ...     0 < deadline.remaining() <= 60
    True
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds  # set again on entering
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True

    def remaining(self) -> float:
        """Seconds left (0 once passed)."""
        return max(0.0, self.end - time.monotonic())

    def watch(self, sock: socket.socket) -> None:
        """Shut this socket down if the deadline passes while it is in use."""
        with self._lock:
            if self.expired:
                _shut(sock)
            else:
                self._sockets.add(sock)

    def release(self) -> None:
        """The sockets in use are done with (back in the pool, or closed): leave them alone."""
        with self._lock:
            self._sockets.clear()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)
            self._sockets.clear()

    def __enter__(self) -> Deadline:
        self._previous = getattr(_current, "deadline", None)
        _current.deadline = self
        self.end = time.monotonic() + self.seconds
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        self.release()
        _current.deadline = self._previous


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed already, or never connected
        sock.shutdown(socket.SHUT_RDWR)


def _watch(sock: socket.socket | None) -> None:
    deadline: Deadline | None = getattr(_current, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.watch(sock)


class _Watched:
    """A connection whose socket the running fetch's deadline watches, new or reused."""

    sock: socket.socket | None

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()  # type: ignore[misc]
        _watch(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch(self.sock)  # a kept-alive connection: the new one is watched on connecting
        super().request(*args, **kwargs)  # type: ignore[misc]


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class DeadlineAdapter(HTTPAdapter):
    """An adapter whose connections (direct or through an HTTP proxy) the deadline watches."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> PoolManager:
        manager: PoolManager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = _POOLS
        return manager
