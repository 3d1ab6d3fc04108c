"""Analysis: projections of the facts graph to NetworkX, and metrics on them."""

from kg.analysis.projections import to_networkx

__all__ = ["to_networkx"]
