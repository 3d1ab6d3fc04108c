"""Serving an embedded store as a SPARQL 1.1 endpoint (Oxigraph's server behind kg's front)."""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import StoreError
from kg.store import store_spec
from kg.store.serve import DEFAULT_PORT, QUERY_TIMEOUT, ServerProcess
from kg.store.serve import serve as _serve

__all__ = ["DEFAULT_PORT", "QUERY_TIMEOUT", "ServerProcess", "serve"]


def serve(
    store: str | os.PathLike[str] | None = None,
    *,
    port: int = DEFAULT_PORT,
    writable: bool = False,
    cors: bool = False,
    query_timeout: float = QUERY_TIMEOUT,
    allow_service: bool = False,
) -> ServerProcess:
    """Serve an embedded store as a SPARQL 1.1 endpoint on 127.0.0.1 (Oxigraph's server).

    The store must not be open for writing in this process meanwhile; while it is served,
    ``KnowledgeGraph(path, read_only=True)`` reads through the server. Queries without a
    ``GRAPH`` or ``FROM`` see the union of all graphs; kg's own client asks for the facts graph.

    Args:
        store: the store directory (default: ``$KG_STORE`` or ``./kg-data``).
        port: TCP port on 127.0.0.1; 0 picks a free one.
        writable: also take SPARQL Update and Graph Store writes, each with the write token
            (``server.token``, sent as ``Authorization: Bearer TOKEN``).
        cors: answer cross-origin requests from web pages.
        query_timeout: seconds before a query is abandoned.
        allow_service: let queries use ``SERVICE`` (the server then fetches what they name).

    Returns:
        The running server: ``.query_url``, ``.page_url``, ``.update_url``, ``.token``,
        ``.wait()``, ``.stop()``.

    Raises:
        StoreNotFoundError: no store in that directory.
        StoreError: not an embedded store directory, the port is taken, or the server fails.
        StoreLockedError: another process holds the store.
    """
    spec = store_spec(store)
    if spec == "memory" or "://" in spec:
        raise StoreError(
            f"kg serve serves an embedded store directory, not {spec!r}; "
            "a SPARQL server is queried directly with --store URL"
        )
    return _serve(
        Path(spec),
        port=port,
        writable=writable,
        cors=cors,
        query_timeout=query_timeout,
        allow_service=allow_service,
    )
