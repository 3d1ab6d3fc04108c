"""Analysis: projections of the facts graph to NetworkX, metrics, paths, and their results.

Names load lazily (:mod:`kg._lazy`): reading :data:`PROJECTIONS` does not import NetworkX.

>>> from kg.analysis import MetricOptions, compute_metrics
>>> import networkx as nx
>>> compute_metrics(nx.star_graph(3), MetricOptions(engine="networkx")).degree[0]
3
"""

import typing

from kg import _lazy

if typing.TYPE_CHECKING:
    from kg.analysis.metrics import Metrics, annotate, compute_metrics, has_igraph, simple_view
    from kg.analysis.paths import (
        Connection,
        Evidence,
        Fact,
        connections,
        display_names,
        edge_rows,
        ego_network,
        evidence,
        find_entity,
    )
    from kg.analysis.projections import (
        ENTITY_RELATIONS,
        Projection,
        bipartite_graph,
        comention_graph,
        period,
        project,
        project_frame,
        relation_graph,
        to_networkx,
    )
    from kg.analysis.results import (
        METRIC_COLUMNS,
        Analysis,
        analysis_triples,
        analysis_update,
        betweenness_method,
        community_rows,
        metric_rows,
    )
    from kg.analysis.saving import save_analysis
    from kg.analysis.settings import (
        COMMUNITY_METHODS,
        ENGINES,
        MAX_FACTS,
        METRIC_NAMES,
        PROJECTIONS,
        MetricOptions,
    )
    from kg.analysis.view import layout, view_facts
    from kg.model.frame import Frame

__all__ = [
    "COMMUNITY_METHODS",
    "ENGINES",
    "ENTITY_RELATIONS",
    "MAX_FACTS",
    "METRIC_COLUMNS",
    "METRIC_NAMES",
    "PROJECTIONS",
    "Analysis",
    "Connection",
    "Evidence",
    "Fact",
    "Frame",
    "MetricOptions",
    "Metrics",
    "Projection",
    "analysis_triples",
    "analysis_update",
    "annotate",
    "betweenness_method",
    "bipartite_graph",
    "comention_graph",
    "community_rows",
    "compute_metrics",
    "connections",
    "display_names",
    "edge_rows",
    "ego_network",
    "evidence",
    "find_entity",
    "has_igraph",
    "layout",
    "metric_rows",
    "period",
    "project",
    "project_frame",
    "relation_graph",
    "save_analysis",
    "simple_view",
    "to_networkx",
    "view_facts",
]

__getattr__, __dir__ = _lazy.lazy_exports(__name__)
