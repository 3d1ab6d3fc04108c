"""The HTTP front of ``kg serve``: the only port clients reach, in front of Oxigraph's server.

Oxigraph's server has no access control: any client, a web page's form included, can send it
``update=DROP ALL``, and its ``SERVICE`` makes it fetch any address a query names. So
``kg serve`` binds the port itself and passes each request on to its Oxigraph child
(:mod:`kg.store.serve`) only after three checks:

* a **write** (a SPARQL Update on any path, or anything but GET, HEAD, OPTIONS and a POSTed
  query) needs ``Authorization: Bearer TOKEN``, the token ``kg serve --writable`` prints at
  start; a read-only server takes no writes at all. A cross-site form cannot set that header,
  and a script on another origin must ask first (CORS), which the server does not grant
  unless ``--cors``; even then it does not know the token.
* a query or update that uses ``SERVICE`` is refused unless ``--allow-service``: the keyword is
  looked for the way SPARQL's grammar sees the text (after ``\\u`` escapes are undone, outside
  strings, IRIs and comments), so an escape or a string cannot smuggle it past.
* request bodies must say their length (no chunked uploads; HTTP 411 names the fix).

Oxigraph itself listens on a loopback port that browsers refuse to connect to (the Fetch
standard's "bad ports", such as 6665-6669), so a web page cannot reach it around the front.
"""

from __future__ import annotations

import hmac
import http.client
import itertools
import logging
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.store.sparql_text import uses_keyword

__all__ = ["BROWSER_BLOCKED_PORTS", "Front", "FrontSettings", "uses_service"]

log = logging.getLogger("kg.store")

BROWSER_BLOCKED_PORTS = (6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080, 6000, 6566, 4190)
"""Unprivileged ports every browser refuses to connect to (fetch.spec.whatwg.org, "bad port"):
the inner Oxigraph server listens on one of them."""

_BODY_LIMIT = 64 * 1024 * 1024
"""Largest query or update text taken (RDF uploads to /store are streamed, not limited)."""
_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "te",
        "trailer",
        "upgrade",
        "proxy-connection",
    }
)


def uses_service(text: str) -> bool:
    """Whether SPARQL text calls ``SERVICE`` (escapes undone; IRIs, strings, comments skipped).

    >>> uses_service('SELECT * { ?s <http://x/SERVICE> "SERVICE" } # SERVICE')
    False
    """
    return uses_keyword(text, "SERVICE")


class FrontSettings:
    """What the front lets through, where it passes requests on, and how long a query may run.

    Args:
        inner_port: the Oxigraph child's port.
        token: the write token (None: no writes at all).
        allow_service: let ``SERVICE`` through.
        query_timeout: seconds a query may take, its answer included.
        restart: kills the child and starts another (given the port to reuse); returns its
            port. Killing is the only way to stop a query Oxigraph is evaluating.
    """

    def __init__(
        self,
        *,
        inner_port: int,
        token: str | None,
        allow_service: bool,
        query_timeout: float,
        restart: Callable[[int], int],
    ) -> None:
        self.inner_port = inner_port
        self.token = token
        self.allow_service = allow_service
        self.query_timeout = query_timeout
        self.restart = restart


class _Watch:
    """The queries in flight and their deadlines; a query past its deadline gets the server
    restarted (its core freed), and the queries cut short by that are asked again once."""

    def __init__(self, settings: FrontSettings) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        self.deadlines: dict[int, float] = {}
        self.expired: set[int] = set()
        self.generation = 0
        self.stopped = threading.Event()

    def begin(self, key: int) -> int:
        with self.lock:
            self.deadlines[key] = time.monotonic() + self.settings.query_timeout
            return self.generation

    def end(self, key: int) -> bool:
        """Forget a query; True when it ran past its deadline."""
        with self.lock:
            self.deadlines.pop(key, None)
            if key in self.expired:
                self.expired.discard(key)
                return True
            return False

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            now = time.monotonic()
            with self.lock:
                late = {k for k, deadline in self.deadlines.items() if deadline < now}
                if not late:
                    continue
                self.expired |= late
                for key in late:
                    del self.deadlines[key]
                self.generation += 1
            try:
                self.settings.inner_port = self.settings.restart(self.settings.inner_port)
            except Exception:  # the server is gone: kg serve's wait() ends, and says why
                log.exception("kg serve: could not restart the SPARQL server")
                return


class _Handler(BaseHTTPRequestHandler):
    server: _FrontServer
    protocol_version = "HTTP/1.0"  # one request per connection: no keep-alive bookkeeping

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("kg serve: " + format, *args)

    def do_GET(self) -> None:
        self._handle(body=b"")

    do_HEAD = do_GET
    do_OPTIONS = do_GET

    def do_POST(self) -> None:
        self._handle_with_body()

    do_PUT = do_POST
    do_DELETE = do_POST
    do_PATCH = do_POST

    def _handle_with_body(self) -> None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self._refuse(411, "send the body with a Content-Length (chunked uploads are refused)")
            return
        length = int(self.headers.get("Content-Length") or 0)
        kind = self.headers.get_content_type()
        textual = kind in (
            "application/x-www-form-urlencoded",
            "application/sparql-query",
            "application/sparql-update",
        )
        if textual and length > _BODY_LIMIT:
            self._refuse(413, f"a query or update of over {_BODY_LIMIT} bytes is refused")
            return
        if textual or length <= 1 << 20:
            self._handle(body=self.rfile.read(length))
        else:
            self._handle(body=None, length=length)  # an RDF upload, streamed through

    def _texts(self, body: bytes | None) -> tuple[list[str], list[str], list[str]]:
        """The queries and updates a request carries: queries in its URL, queries in its body,
        updates anywhere."""
        params = parse_qs(urlsplit(self.path).query)
        posted: list[str] = []
        updates = list(params.get("update", []))
        if body:
            kind = self.headers.get_content_type()
            text = body.decode("utf-8", "replace")
            if kind == "application/x-www-form-urlencoded":
                form = parse_qs(text)
                posted += form.get("query", [])
                updates += form.get("update", [])
            elif kind == "application/sparql-query":
                posted.append(text)
            elif kind == "application/sparql-update":
                updates.append(text)
        return list(params.get("query", [])), posted, updates

    def _handle(self, *, body: bytes | None, length: int = 0) -> None:
        settings = self.server.settings
        in_url, posted, updates = self._texts(body)
        if self.command in ("GET", "HEAD", "OPTIONS"):
            query = bool(in_url)
            write = bool(updates)
        else:  # only a POSTed query reads; anything else sent with a body writes
            query = self.command == "POST" and bool(posted) and not updates
            write = not query
        if write:
            if settings.token is None:
                self._refuse(403, "this kg serve is read-only; start it with --writable to write")
                return
            if not self._authorised(settings.token):
                self._refuse(
                    401,
                    "writes need the token kg serve printed at start: send "
                    "`Authorization: Bearer TOKEN` (kg reads it from $KG_SPARQL_TOKEN)",
                )
                return
        if not settings.allow_service and any(uses_service(t) for t in in_url + posted + updates):
            self._refuse(
                403,
                "SERVICE is off on this server (it would fetch any address a client names); "
                "start kg serve with --allow-service to allow it",
            )
            return
        if query and body is not None:
            self._query(body)
        else:  # writes and pages: no deadline, never asked twice
            self._forward(body, length)

    def _authorised(self, token: str) -> bool:
        scheme, _, given = self.headers.get("Authorization", "").partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token)

    def _refuse(self, status: int, message: str) -> None:
        data = f"kg serve: {message}\n".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if status == 401:
            self.send_header("WWW-Authenticate", 'Bearer realm="kg serve"')
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _query(self, body: bytes) -> None:
        """Pass a query on under its deadline; ask again once when another query's timeout
        restarted the server under it."""
        watch = self.server.watch
        for attempt in (1, 2):
            key = next(self.server.keys)
            generation = watch.begin(key)
            outcome = self._forward(body, len(body))
            if watch.end(key):  # this one ran past its deadline
                if outcome is False:
                    self._refuse(
                        503,
                        f"the query ran past the server's timeout "
                        f"({watch.settings.query_timeout:g} s) and was stopped; narrow it "
                        "(LIMIT, filters) or raise kg serve --query-timeout",
                    )
                return
            if outcome is not False:  # answered, or the client went away
                return
            if generation == watch.generation or attempt == 2:
                self._refuse(502, "the SPARQL server failed; try again")
                return

    def _forward(self, body: bytes | None, length: int) -> bool | None:
        """Pass the request on and its answer back. Returns True when answered, None when
        the client went away, False when the inner server failed before answering."""
        settings = self.server.settings
        inner = http.client.HTTPConnection("127.0.0.1", settings.inner_port)
        answered = False
        try:
            inner.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            for name, value in self.headers.items():
                if name.lower() not in _HOP_BY_HOP and name.lower() != "content-length":
                    inner.putheader(name, value)
            size = len(body) if body is not None else length
            if size or self.command in ("POST", "PUT", "PATCH"):
                inner.putheader("Content-Length", str(size))
            inner.endheaders()
            if body is None:
                self._stream(self.rfile, inner.sock, length)
            elif body:
                inner.send(body)
            response = inner.getresponse()
            answered = True
            self.send_response_only(response.status, response.reason)
            for name, value in response.getheaders():
                if name.lower() not in _HOP_BY_HOP:
                    self.send_header(name, value)
            self.end_headers()
            while chunk := response.read(1 << 16):
                self.wfile.write(chunk)
            return True
        except (OSError, http.client.HTTPException) as exc:
            log.info("kg serve: %s %s failed: %s", self.command, self.path, exc)
            self.close_connection = True
            return None if answered else False
        finally:
            inner.close()

    @staticmethod
    def _stream(source: Any, target: socket.socket, length: int) -> None:
        while length > 0:
            chunk = source.read(min(length, 1 << 16))
            if not chunk:
                break
            target.sendall(chunk)
            length -= len(chunk)


class _FrontServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a port in use is an error, never shared

    def __init__(self, sock: socket.socket, settings: FrontSettings) -> None:
        self.settings = settings
        self.watch = _Watch(settings)
        self.keys = itertools.count()
        super().__init__(sock.getsockname()[:2], _Handler, bind_and_activate=False)
        self.socket.close()
        self.socket = sock


class Front:
    """The front on an already bound socket, serving in a thread of its own."""

    def __init__(self, sock: socket.socket, settings: FrontSettings) -> None:
        sock.listen(128)
        self.server = _FrontServer(sock, settings)
        self.thread = threading.Thread(
            target=self.server.serve_forever, name="kg-serve-front", daemon=True
        )
        self.watchdog = threading.Thread(
            target=self.server.watch.run, name="kg-serve-watchdog", daemon=True
        )

    def start(self) -> None:
        self.thread.start()
        self.watchdog.start()

    def stop(self) -> None:
        self.server.watch.stopped.set()
        if self.thread.is_alive():
            self.server.shutdown()
        self.server.server_close()
