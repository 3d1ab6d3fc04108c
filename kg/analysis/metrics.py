"""Metrics of a projection: centralities, cores, communities and components.

Every metric is computed on the projection's *simple undirected view*: parallel edges merged
(weights added), directions and self-loops dropped. Two engines give the same results within
tolerance (``tests/analysis/test_metrics.py`` checks it):

* ``networkx`` — always there; the reference.
* ``igraph`` — the optional fast path (``pip install 'kg-indonesia[fast]'``): 13× faster
  Louvain and 60-80× faster sampled betweenness on a 100k-article graph
  (``benchmarks/analysis.py``); the only engine with Leiden.

``auto`` picks igraph when it is installed and the graph has at least :data:`FAST_PATH_NODES`
nodes or :data:`FAST_PATH_EDGES` edges (NetworkX's exact betweenness alone took 12 s on the
1,078 nodes of 1,000 synthetic articles), so small graphs give the same answer everywhere.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from kg.analysis.normalise import numbered
from kg.analysis.settings import METRIC_NAMES, MetricOptions
from kg.analysis.simple import SimpleGraph, simple_graph
from kg.errors import AnalysisError
from kg.model.frame import Frame

__all__ = [
    "FAST_PATH_EDGES",
    "FAST_PATH_NODES",
    "Metrics",
    "annotate",
    "betweenness_sample",
    "compute_metrics",
    "has_igraph",
    "simple_view",
]

FAST_PATH_EDGES = 10_000
FAST_PATH_NODES = 1_000
EXACT_BETWEENNESS_NODES = 2_000
"""Up to this many nodes betweenness is exact; above, it samples ``k`` source nodes."""
DEFAULT_K = 500
SAMPLE_BUDGET = 25_000_000
"""Sampled sources × edges at most, by default: each source is one pass over every edge
(~0.15-0.2 us per edge with igraph on the 2-core machine of ``docs/analysis-benchmark.md``), so
graphs over 50,000 edges get fewer than 500 sources and betweenness stays near 5 s (100
sources on the relation graph of 100k articles, 25 on their co-mention graph)."""
MIN_K = 25


@dataclass(frozen=True)
class Metrics:
    """Per-node metrics of one projection, and what produced them."""

    engine: str
    degree: dict[str, int]
    weighted_degree: dict[str, float]
    pagerank: dict[str, float]
    betweenness: dict[str, float]
    eigenvector: dict[str, float]
    core: dict[str, int]
    community: dict[str, int]
    component: dict[str, int]
    modularity: float
    community_method: str
    betweenness_k: int | None
    seconds: dict[str, float] = field(default_factory=dict, compare=False)

    NAMES = METRIC_NAMES

    def node(self, node: str) -> dict[str, float | int]:
        """Every metric of one node."""
        return {name: getattr(self, name).get(node, 0) for name in self.NAMES}

    @property
    def communities(self) -> int:
        return len(set(self.community.values()))

    @property
    def components(self) -> int:
        return len(set(self.component.values()))


def has_igraph() -> bool:
    """Whether the optional fast path (python-igraph) is installed."""
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True


def simple_view(G: Any) -> Any:
    """The undirected simple graph of G: parallel edges merged (weights added), no self-loops."""
    H = nx.Graph()
    H.add_nodes_from(G.nodes)
    for u, v, w in G.edges(data="weight", default=1):
        if u == v:
            continue
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H


def betweenness_sample(options: MetricOptions, nodes: int, edges: int) -> int | None:
    """The number of betweenness sources: ``None`` for exact betweenness.

    >>> betweenness_sample(MetricOptions(), 49_572, 2_863_220)
    25
    >>> betweenness_sample(MetricOptions(), 46_551, 249_000)
    100
    >>> betweenness_sample(MetricOptions(), 1_500, 9_000) is None
    True
    """
    k = options.betweenness_k
    if k is None and nodes > EXACT_BETWEENNESS_NODES:
        k = max(MIN_K, min(DEFAULT_K, SAMPLE_BUDGET // max(edges, 1)))
    if k is not None and k >= nodes:
        k = None
    return k


def _sample(names: list[str], k: int | None, seed: int) -> list[str] | None:
    if k is None or k >= len(names):
        return None
    return random.Random(seed).sample(names, k)


def _nx_metrics(H: Any, options: MetricOptions, k: int | None, timed: Any) -> dict[str, Any]:
    if options.communities == "leiden":
        raise AnalysisError(
            "Leiden needs the igraph engine; install it with pip install 'kg-indonesia[fast]' "
            "and pass --engine igraph, or use --communities louvain"
        )
    out: dict[str, Any] = {}
    out["pagerank"] = timed("pagerank", lambda: nx.pagerank(H, weight="weight"))
    if k == 0:
        out["betweenness"] = dict.fromkeys(H, 0.0)
    else:
        out["betweenness"] = timed(
            "betweenness", lambda: nx.betweenness_centrality(H, k=k, seed=options.seed)
        )
    out["eigenvector"] = timed("eigenvector", lambda: _nx_eigenvector(H))
    out["core"] = timed("core", lambda: nx.core_number(H))
    groups = timed(
        "communities",
        lambda: nx.community.louvain_communities(
            H, weight="weight", resolution=options.resolution, seed=options.seed
        ),
    )
    out["community"] = numbered(groups)
    out["modularity"] = (
        nx.community.modularity(H, groups, weight="weight", resolution=options.resolution)
        if H.number_of_edges()
        else 0.0
    )
    out["component"] = timed("components", lambda: numbered(nx.connected_components(H)))
    return out


def _nx_eigenvector(H: Any) -> dict[str, float]:
    """Weighted eigenvector centrality, unit length.

    A connected graph uses NetworkX's ARPACK solver (scipy; seconds where the pure-Python power
    iteration takes minutes); a disconnected one the power iteration, which (like igraph) keeps
    the component of largest eigenvalue and sends the others to zero.
    """
    if H.number_of_edges() == 0:
        return dict.fromkeys(H, 0.0)
    try:
        if len(H) > 2 and nx.is_connected(H):
            result: dict[str, float] = nx.eigenvector_centrality_numpy(H, weight="weight")
        else:
            result = nx.eigenvector_centrality(H, max_iter=2000, weight="weight")
    except (nx.PowerIterationFailedConvergence, nx.AmbiguousSolution) as exc:
        raise AnalysisError(
            f"eigenvector centrality did not converge on {H.number_of_nodes()} nodes; "
            "try --engine igraph"
        ) from exc
    return {n: abs(v) for n, v in result.items()}


def _views(G: Any) -> tuple[Any, SimpleGraph]:
    """The simple view of a graph or frame: as NetworkX (built only when asked) and as arrays."""
    if isinstance(G, Frame):
        return None, simple_graph(G)
    H = simple_view(G)
    return H, SimpleGraph.from_networkx(H)


def _engine(options: MetricOptions, S: SimpleGraph) -> str:
    engine = options.engine
    if engine == "auto":
        big = S.number_of_edges() >= FAST_PATH_EDGES or S.number_of_nodes() >= FAST_PATH_NODES
        engine = (
            "igraph" if (big or options.communities == "leiden") and has_igraph() else "networkx"
        )
    if engine == "igraph" and not has_igraph():
        raise AnalysisError(
            "the igraph engine is not installed; pip install 'kg-indonesia[fast]' "
            "or use --engine networkx"
        )
    return engine


def compute_metrics(G: Any, options: MetricOptions | None = None) -> Metrics:
    """Compute every metric of a projection (a NetworkX graph or a
    :class:`~kg.analysis.frame.Frame`) on its simple undirected view.

    Raises:
        AnalysisError: an unknown option, igraph asked for but missing, Leiden without igraph.

    >>> import networkx as nx
    >>> m = compute_metrics(nx.path_graph(["a", "b", "c"]), MetricOptions(engine="networkx"))
    >>> m.degree["b"], round(m.betweenness["b"], 2), m.components
    (2, 1.0, 1)
    """
    options = options or MetricOptions()
    H, S = _views(G)
    engine = _engine(options, S)
    k = betweenness_sample(options, S.number_of_nodes(), S.number_of_edges())
    seconds: dict[str, float] = {}

    def timed(name: str, func: Callable[[], Any]) -> Any:
        started = time.perf_counter()
        result = func()
        seconds[name] = time.perf_counter() - started
        return result

    if engine == "igraph":
        from kg.analysis.fast import igraph_metrics

        values = igraph_metrics(S, options, _sample(S.names, k, options.seed), k == 0, timed)
    else:
        if H is None:  # a frame: its NetworkX view, exactly as the projection's graph gives it
            H = simple_view(G.to_networkx())
        values = _nx_metrics(H, options, k, timed)
    return Metrics(
        engine=engine,
        degree=S.degrees(),
        weighted_degree=S.strengths(),
        pagerank=values["pagerank"],
        betweenness=values["betweenness"],
        eigenvector=values["eigenvector"],
        core=values["core"],
        community=values["community"],
        component=values["component"],
        modularity=float(values["modularity"]),
        community_method=options.communities,
        betweenness_k=k,
        seconds=seconds,
    )


def annotate(G: Any, metrics: Metrics) -> Any:
    """Write every metric onto G's nodes as attributes (for GEXF, GraphML and the HTML view),
    and the engine, modularity and betweenness sample onto G (a graph or a frame)."""
    for node in G.nodes:
        G.nodes[node].update(metrics.node(node))
    G.graph["engine"] = metrics.engine
    G.graph["modularity"] = metrics.modularity
    if metrics.betweenness_k:
        G.graph["betweenness_k"] = metrics.betweenness_k
    return G
