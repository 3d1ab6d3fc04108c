"""GraphML, and Gephi's spreadsheet CSV (a nodes table and an edges table).

Gephi's Data Laboratory (File > Import spreadsheet) recognises these columns by name: nodes
``Id``, ``Label``, ``Timeset``; edges ``Source``, ``Target``, ``Type`` (Directed/Undirected),
``Kind``, ``Id``, ``Label``, ``Weight``, ``Timeset``. Every other column becomes an attribute.
``Timeset`` holds Gephi's interval set, ``<[2017-01-01,2017-12-31];[2018-02-01,2018-02-28]>``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import networkx as nx

from kg.export.files import write_atomically
from kg.export.style import color_of, node_id, node_sizes, spells

__all__ = [
    "EDGE_COLUMNS",
    "NODE_COLUMNS",
    "csv_paths",
    "timeset",
    "write_gephi_csv",
    "write_graphml",
]

NODE_COLUMNS = ("Id", "Label", "Timeset")
"""The first columns of the nodes table; attributes follow."""
EDGE_COLUMNS = ("Source", "Target", "Type", "Kind", "Id", "Label", "Weight", "Timeset")
"""The first columns of the edges table; attributes follow."""

_NODE_SKIP = {"label", "dates", "viz"}
_EDGE_SKIP = {"label", "dates", "weight", "kind", "articles"}


def timeset(dates: Any) -> str:
    """Gephi's interval-set notation for the periods of some dates.

    >>> timeset(["2017", "2018-02-03"])
    '<[2017-01-01,2017-12-31];[2018-02-03,2018-02-03]>'
    """
    intervals = spells(dates or ())
    if not intervals:
        return ""
    return "<" + ";".join(f"[{s},{e}]" for s, e in intervals) + ">"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (tuple, list, set, frozenset)):
        return "|".join(str(v) for v in value)
    return str(value)


def _edge_rows(G: Any) -> list[tuple[Any, Any, dict[str, Any]]]:
    if G.is_multigraph():
        return [(u, v, d) for u, v, _, d in G.edges(keys=True, data=True)]
    return list(G.edges(data=True))


def csv_paths(path: Path) -> tuple[Path, Path]:
    """The nodes and edges files of a CSV export: ``graph.csv`` -> ``graph.nodes.csv``,
    ``graph.edges.csv``."""
    stem = path.with_suffix("") if path.suffix.lower() == ".csv" else path
    return stem.with_name(stem.name + ".nodes.csv"), stem.with_name(stem.name + ".edges.csv")


def write_gephi_csv(G: Any, path: Path) -> tuple[Path, Path]:
    """Write Gephi's spreadsheet tables (nodes and edges) next to ``path``; see :func:`csv_paths`.

    Raises:
        ExportError: a file cannot be written.
    """
    nodes_path, edges_path = csv_paths(Path(path))
    node_attrs = sorted({k for _, d in G.nodes(data=True) for k in d if k not in _NODE_SKIP})
    edge_attrs = sorted({k for *_, d in _edge_rows(G) for k in d if k not in _EDGE_SKIP})
    edge_type = "Directed" if G.is_directed() else "Undirected"

    def nodes(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([*NODE_COLUMNS, *node_attrs])
            for node, data in G.nodes(data=True):
                label = data.get("label") or node_id(str(node))
                first = [node_id(str(node)), label, timeset(data.get("dates"))]
                writer.writerow(first + [_cell(data.get(k)) for k in node_attrs])

    def edges(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([*EDGE_COLUMNS, *edge_attrs])
            for i, (u, v, data) in enumerate(_edge_rows(G)):
                kind = data.get("kind") or data.get("predicate") or "edge"
                first = [node_id(str(u)), node_id(str(v)), edge_type, kind, f"e{i}", kind]
                first += [_cell(data.get("weight", 1)), timeset(data.get("dates"))]
                writer.writerow(first + [_cell(data.get(k)) for k in edge_attrs])

    write_atomically(nodes_path, nodes)
    write_atomically(edges_path, edges)
    return nodes_path, edges_path


def _graphml_value(value: Any) -> Any:
    if isinstance(value, (tuple, list, set, frozenset)):
        return "|".join(str(v) for v in value)
    return value


def write_graphml(G: Any, path: Path) -> Path:
    """Write GraphML with readable labels, ``type``, colours and sizes (yEd, Gephi, Cytoscape).

    Raises:
        ExportError: the file cannot be written.
    """
    H = nx.MultiDiGraph() if G.is_directed() else nx.MultiGraph()
    sizes = node_sizes(G)
    for node, data in G.nodes(data=True):
        attrs = {k: _graphml_value(v) for k, v in data.items() if v is not None}
        attrs["label"] = data.get("label") or node_id(str(node))
        attrs["timeset"] = timeset(data.get("dates"))
        r, g, b = color_of(str(data.get("type", "")))
        attrs.update(r=r, g=g, b=b, size=round(sizes[node], 3))
        attrs.pop("dates", None)
        H.add_node(node_id(str(node)), **attrs)
    for u, v, data in _edge_rows(G):
        attrs = {k: _graphml_value(v) for k, v in data.items() if v is not None and k != "dates"}
        attrs["label"] = data.get("kind") or data.get("predicate") or "edge"
        attrs["timeset"] = timeset(data.get("dates"))
        H.add_edge(node_id(str(u)), node_id(str(v)), **attrs)
    write_atomically(Path(path), lambda tmp: nx.write_graphml(H, tmp))
    return Path(path)
