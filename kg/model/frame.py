"""A projection as arrays: nodes with their attributes, edges as index arrays.

A co-mention graph of 100k articles has 2.9 M edges; as a NetworkX graph it needs ~2 GB and
seconds per pass, as arrays ~100 MB. :class:`Frame` is what ``kg.analysis`` projects, and what
metrics, the layout and the exports (``kg.export``) read without ever making the NetworkX graph;
:meth:`Frame.to_networkx` makes it when a caller wants one, node for node, edge for edge and
attribute for attribute the graph the projection's documentation describes.

A frame reads like the parts of a NetworkX graph the analysis uses: ``nodes`` maps each node
to its attribute dict (in graph order), ``graph`` holds the graph's attributes, and
``number_of_nodes()``, ``number_of_edges()``, ``is_directed()``, ``is_multigraph()`` and
``degree(node)`` answer as NetworkX does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

__all__ = ["Frame", "first_seen"]


def first_seen(pairs: np.ndarray) -> np.ndarray:
    """Distinct values of ``pairs`` (an ``(m, 2)`` array read row by row) in order of first
    appearance: the order NetworkX gives nodes added by ``add_edge(u, v)`` for each row."""
    flat = pairs.reshape(-1)
    values, index = np.unique(flat, return_index=True)
    return values[np.argsort(index, kind="stable")]


@dataclass
class Frame:
    """A projection: nodes in graph order, and edges in the order they were added.

    Edge ``i`` runs from ``names[source[i]]`` to ``names[target[i]]``, carries ``weight[i]``
    supporting articles, the label ``labels[label[i]]`` (the predicate, or the projection's
    edge kind), the dates ``datesets[dateset[i]]`` (distinct, oldest first) and, in the relation
    projection, the supporting articles ``articles[i]``.
    """

    nodes: dict[str, dict[str, Any]]
    graph: dict[str, Any]
    source: np.ndarray
    target: np.ndarray
    weight: np.ndarray
    label: np.ndarray
    labels: tuple[str, ...]
    dateset: np.ndarray
    datesets: Sequence[tuple[str, ...]]
    articles: Sequence[tuple[str, ...]] | None = None
    directed: bool = False
    multigraph: bool = False
    predicates: bool = False
    """Edges carry ``predicate`` (= their label) besides ``kind``: the relation projection."""
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Views computed once and shared (the analysis keeps the simple view and igraph here)."""

    @property
    def names(self) -> list[str]:
        return list(self.nodes)

    def number_of_nodes(self) -> int:
        return len(self.nodes)

    def number_of_edges(self) -> int:
        return len(self.source)

    def is_directed(self) -> bool:
        return self.directed

    def is_multigraph(self) -> bool:
        return self.multigraph

    def degree(self, node: str) -> int:
        """Edges at a node (a self-loop counts twice), as ``G.degree(node)``."""
        if "degree" not in self.cache:
            n = len(self.nodes)
            counts = np.bincount(self.source, minlength=n) + np.bincount(self.target, minlength=n)
            self.cache["degree"] = dict(zip(self.nodes, counts.tolist(), strict=True))
        degree: int = self.cache["degree"][node]
        return degree

    def edge_data(self, i: int) -> dict[str, Any]:
        """The attributes of edge ``i`` as the NetworkX graph holds them."""
        kind = self.labels[int(self.label[i])]
        data: dict[str, Any] = {"kind": kind}
        if self.predicates:
            data["predicate"] = kind
        data["weight"] = int(self.weight[i])
        if self.articles is not None:
            data["articles"] = self.articles[i]
        dates = self.datesets[int(self.dateset[i])]
        data["dates"] = dates
        if dates:
            data["first"], data["last"] = dates[0], dates[-1]
        return data

    def edge_order(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The edges in the order NetworkX iterates them, with the ends it reports.

        Returns:
            ``(order, u, v)``: edge ``order[j]`` is the j-th, from node ``u[j]`` to ``v[j]``.
            An undirected graph reports each edge from the end that comes first in node order,
            during that node's turn; a multigraph groups parallel edges under the neighbour's
            first edge.
        """
        index = np.arange(len(self.source))
        if not self.directed:
            first = np.minimum(self.source, self.target)
            order = np.lexsort((index, first))
            other = np.maximum(self.source, self.target)[order]
            return order, first[order], other
        keys = self.source.astype(np.int64) * len(self.nodes) + self.target
        _, first_index, inverse = np.unique(keys, return_index=True, return_inverse=True)
        order = np.lexsort((index, first_index[inverse], self.source))
        return order, self.source[order], self.target[order]

    def edges(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """``(u, v, data)`` for every edge, in NetworkX's order (see :meth:`edge_order`)."""
        names = self.names
        order, u, v = self.edge_order()
        for i, a, b in zip(order.tolist(), u.tolist(), v.tolist(), strict=True):
            yield names[a], names[b], self.edge_data(i)

    def to_networkx(self) -> Any:
        """The NetworkX graph of this projection (Graph, or MultiDiGraph keyed by predicate)."""
        G: Any = nx.MultiDiGraph(**self.graph) if self.multigraph else nx.Graph(**self.graph)
        names = self.names
        G.add_nodes_from(self.nodes)  # in graph order, as adding the edges would
        sources, targets = self.source.tolist(), self.target.tolist()
        for i, (a, b) in enumerate(zip(sources, targets, strict=True)):
            data = self.edge_data(i)
            if self.multigraph:
                G.add_edge(names[a], names[b], key=data["kind"], **data)
            else:
                G.add_edge(names[a], names[b], **data)
        for node, data in self.nodes.items():
            G.nodes[node].update(data)
        return G

    def subgraph(self, keep: Sequence[str]) -> Frame:
        """The frame of some nodes (kept in graph order) and the edges between them."""
        wanted = set(keep)
        mask = np.fromiter((n in wanted for n in self.nodes), dtype=bool, count=len(self.nodes))
        position = np.cumsum(mask) - 1
        edges = mask[self.source] & mask[self.target]
        index = np.flatnonzero(edges)
        return Frame(
            nodes={n: d for n, d in self.nodes.items() if n in wanted},
            graph=dict(self.graph),
            source=position[self.source[index]],
            target=position[self.target[index]],
            weight=self.weight[index],
            label=self.label[index],
            labels=self.labels,
            dateset=self.dateset[index],
            datesets=self.datesets,
            articles=[self.articles[i] for i in index.tolist()] if self.articles else None,
            directed=self.directed,
            multigraph=self.multigraph,
            predicates=self.predicates,
        )
