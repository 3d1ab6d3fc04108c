"""The settings of an analysis, and the names they choose from (no NetworkX needed to read them).

:class:`MetricOptions` says how to compute metrics; :class:`~kg.analysis.projections.Projection`
which graph to compute them on.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import AnalysisError

__all__ = [
    "COMMUNITY_METHODS",
    "ENGINES",
    "MAX_FACTS",
    "METRIC_NAMES",
    "PROJECTIONS",
    "MetricOptions",
]

ENGINES = ("auto", "networkx", "igraph")
COMMUNITY_METHODS = ("louvain", "leiden")
PROJECTIONS = ("relation", "comention", "bipartite")
MAX_FACTS = 100
"""Facts shown per entity in the browser view: those supported by the most articles (the view
says how many there are). The top 500 entities of 100k synthetic articles have 121,947 facts:
shown whole, they made a 45 MB page and cost the sentences of 130,800 statements."""
METRIC_NAMES = (
    "degree",
    "weighted_degree",
    "pagerank",
    "betweenness",
    "eigenvector",
    "core",
    "community",
    "component",
)
"""The per-entity metrics of :class:`~kg.analysis.metrics.Metrics`, in column order."""


@dataclass(frozen=True)
class MetricOptions:
    """How to compute metrics.

    Args:
        engine: ``auto``, ``networkx`` or ``igraph``.
        betweenness_k: source nodes sampled for betweenness; ``None`` = exact up to
            :data:`~kg.analysis.metrics.EXACT_BETWEENNESS_NODES` nodes, else 500 or, on graphs
            of more than 50,000 edges, ``25,000,000 / edges`` (at least 25; see
            :func:`~kg.analysis.metrics.betweenness_sample`); ``0`` skips betweenness.
        communities: ``louvain`` or ``leiden`` (igraph only).
        resolution: the modularity resolution of the community detection.
        seed: the random seed (betweenness samples, community detection).
    """

    engine: str = "auto"
    betweenness_k: int | None = None
    communities: str = "louvain"
    resolution: float = 1.0
    seed: int = 42

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise AnalysisError(f"unknown engine {self.engine!r}; use one of {', '.join(ENGINES)}")
        if self.communities not in COMMUNITY_METHODS:
            raise AnalysisError(
                f"unknown community method {self.communities!r}; use louvain or leiden"
            )
        if self.betweenness_k is not None and self.betweenness_k < 0:
            raise AnalysisError(f"betweenness k must be >= 0, not {self.betweenness_k}")
