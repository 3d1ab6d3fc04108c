"""Stores: where the graph lives. One option, ``--store``, picks the backend.

=====================  ==========================================================
``memory``             rdflib Dataset in memory (tests, notebooks)
a directory path       embedded Oxigraph on disk (the default: ``./kg-data`` or ``KG_STORE``)
``http(s)://...``      any SPARQL 1.1 server (query endpoint; ``--update-url`` for updates,
                       ``--graph-store-url`` for its Graph Store Protocol endpoint)
=====================  ==========================================================

Backends register by name in :data:`STORES` and are imported only when used.

Only a writer that may create (``kg build``, ``kg load``: ``create=True``) makes a new store
directory; every other open of a directory that holds no store raises
:class:`~kg.errors.StoreNotFoundError`. A directory that ``kg serve`` holds is reached through
that server (:func:`kg.store.lock.holder_of`): reads always, writes when it serves writable.
"""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path
from typing import Any

from kg.errors import StoreError, StoreLockedError
from kg.store.base import ArticleGraph, Rows, Store
from kg.store.lock import Holder, holder_of, is_store, require_store

__all__ = [
    "DEFAULT_STORE",
    "STORES",
    "ArticleGraph",
    "Rows",
    "Store",
    "open_store",
    "require_store",
    "store_spec",
]

DEFAULT_STORE = "kg-data"

STORES: dict[str, str] = {
    "memory": "kg.store.memory:MemoryStore",
    "oxigraph": "kg.store.oxigraph:OxigraphStore",
    "sparql": "kg.store.sparql:SparqlStore",
}
"""Backend name -> "module:class"."""


def store_spec(spec: str | os.PathLike[str] | None) -> str:
    """The store a command uses: the given one, else ``$KG_STORE``, else ``./kg-data``."""
    if spec is not None and str(spec):
        return str(spec)
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def _backend(name: str) -> Any:
    module, _, cls = STORES[name].partition(":")
    return getattr(import_module(module), cls)


def open_store(
    spec: str | os.PathLike[str] | Store | None = None,
    *,
    update_url: str | None = None,
    read_only: bool = False,
    graph_store_url: str | None = None,
    create: bool = True,
) -> Store:
    """Open a store from its spec (see the module docstring).

    Args:
        spec: ``memory``, a directory, an ``http(s)://`` query endpoint, or an open store.
        update_url: the SPARQL update endpoint of a remote store.
        read_only: only read: a directory is opened read-only (several readers at once), or
            through the ``kg serve`` that holds it.
        graph_store_url: the Graph Store Protocol endpoint of a remote store.
        create: make a new store when the directory holds none (otherwise that is an error).

    Raises:
        StoreNotFoundError: no store in the directory (and ``create`` is off, or ``read_only``).
        StoreError: the store cannot be opened (StoreLockedError when another process holds it).

    >>> store = open_store("memory")
    >>> len(store.select("SELECT * WHERE { ?s ?p ?o }"))
    0
    """
    if isinstance(spec, Store):
        return spec
    text = store_spec(spec)
    if text == "memory":
        store: Store = _backend("memory")()
    elif text.startswith(("http://", "https://")):
        store = _backend("sparql")(text, update_url, graph_store_url=graph_store_url)
    elif "://" in text:
        raise StoreError(
            f"unsupported store {text!r}; use memory, a directory path, or an http(s):// endpoint"
        )
    else:
        store = _open_directory(Path(text), read_only=read_only, create=create and not read_only)
    return store


def _open_directory(path: Path, *, read_only: bool, create: bool) -> Store:
    if not create:
        require_store(path)
    elif not is_store(path) and path.is_dir() and any(path.iterdir()):
        raise StoreError(
            f"{path} is a folder that holds other files, not a kg store; "
            "pick a new or empty folder with --store"
        )
    holder = holder_of(path)
    if holder is not None and holder.serving:
        if read_only or holder.update_url:
            return _through_server(path, holder, read_only=read_only)
        raise StoreLockedError(
            f"store {path} is served read-only by {holder.describe()}; stop it to write, or "
            "serve it with `kg serve --writable` (writes then go through it)"
        )
    try:
        store: Store = _backend("oxigraph")(path, read_only=read_only)
    except StoreLockedError:
        holder = holder_of(path)  # a kg serve that started meanwhile: go through it
        if holder is None or not holder.serving or not (read_only or holder.update_url):
            raise
        return _through_server(path, holder, read_only=read_only)
    return store


def _through_server(path: Path, holder: Holder, *, read_only: bool) -> Store:
    query_url = holder.query_url or ""
    update_url = None if read_only else holder.update_url
    store: Store = _backend("sparql")(
        query_url,
        update_url,
        graph_store_url=query_url.removesuffix("/query") + "/store" if update_url else None,
        token=holder.token if update_url else None,
        query_only=update_url is None,
    )
    mode = "reading and writing" if update_url else "reading"
    store.note = f"{path} is served by kg serve; {mode} through {query_url}"
    return store
