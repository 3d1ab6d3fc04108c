"""What both metric engines share: stable community ids and NetworkX's betweenness scale.

Kept apart from :mod:`kg.analysis.metrics` (NetworkX) and :mod:`kg.analysis.fast` (igraph) so
that each engine imports it and neither imports the other.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["numbered", "rescale_betweenness"]


def numbered(groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """Number groups by size, largest first (ties by their smallest member): stable ids."""
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0] if g else ""))
    return {node: i for i, group in enumerate(ordered) for node in group}


def rescale_betweenness(
    raw: dict[str, float], n: int, sources: list[str] | None
) -> dict[str, float]:
    """Normalise summed single-source dependencies (ordered pairs) as NetworkX does.

    With sampled sources, sources and other nodes get different scales (a source cannot be an
    inner node of its own paths); see ``networkx.algorithms.centrality.betweenness._rescale``.
    """
    N = n - 1
    if N < 2:
        return dict.fromkeys(raw, 0.0)
    if sources is None:
        scale = 1 / (N * (N - 1))
        return {v: b * scale for v, b in raw.items()}
    k = len(sources)
    chosen = set(sources)
    scale_source = 1 / ((k - 1) * (N - 1)) if k > 1 else 0.0
    scale_other = 1 / (k * (N - 1))
    return {v: b * (scale_source if v in chosen else scale_other) for v, b in raw.items()}
