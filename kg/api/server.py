"""Serving an embedded store as a SPARQL 1.1 endpoint (Oxigraph's server, in a child process)."""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import StoreError
from kg.store import store_spec
from kg.store.serve import DEFAULT_PORT, ServerProcess
from kg.store.serve import serve as _serve

__all__ = ["DEFAULT_PORT", "ServerProcess", "serve"]


def serve(
    store: str | os.PathLike[str] | None = None,
    *,
    port: int = DEFAULT_PORT,
    writable: bool = False,
) -> ServerProcess:
    """Serve an embedded store as a SPARQL 1.1 endpoint on 127.0.0.1 (Oxigraph's server).

    The store must not be open in this process meanwhile. Read-only unless ``writable``.

    Returns:
        The running server: ``.query_url``, ``.update_url``, ``.wait()``, ``.stop()``.

    Raises:
        StoreError: the store is not an embedded directory, or the server cannot start.
        StoreLockedError: another process holds the store.
    """
    spec = store_spec(store)
    if spec == "memory" or "://" in spec:
        raise StoreError(
            f"kg serve serves an embedded store directory, not {spec!r}; "
            "a SPARQL server is queried directly with --store URL"
        )
    return _serve(Path(spec), port=port, writable=writable)
