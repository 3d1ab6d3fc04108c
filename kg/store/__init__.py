"""Stores: where the graph lives. One option, ``--store``, picks the backend.

=====================  ==========================================================
``memory``             rdflib Dataset in memory (tests, notebooks)
a directory path       embedded Oxigraph on disk (the default: ``./kg-data`` or ``KG_STORE``)
``http(s)://...``      any SPARQL 1.1 server (query endpoint; ``--update-url`` for updates,
                       ``--graph-store-url`` for its Graph Store Protocol endpoint)
=====================  ==========================================================

Backends register by name in :data:`STORES` and are imported only when used.
"""

from __future__ import annotations

import os
from importlib import import_module
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.store.base import ArticleGraph, Rows, Store

__all__ = ["DEFAULT_STORE", "STORES", "ArticleGraph", "Rows", "Store", "open_store", "store_spec"]

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
) -> Store:
    """Open a store from its spec (see the module docstring).

    Raises:
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
        store = _backend("oxigraph")(Path(text), read_only=read_only)
    return store
