"""Gephi export (GEXF) of a NetworkX projection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import ExportError

__all__ = ["write_gexf"]


def write_gexf(G: Any, path: Path) -> Path:
    """Write a graph as GEXF for Gephi (node labels are the entities' names)."""
    H = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        H.add_node(node, **{k: v for k, v in data.items() if v is not None})
    for u, v, key, data in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, label=data.get("predicate", key), **data)
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        nx.write_gexf(H, tmp)
        tmp.replace(path)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc}; check the folder is writable") from exc
    return path
