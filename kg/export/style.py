"""What every graph export shares: colours by type, sizes by PageRank, spells from dates.

Nodes of a projection carry ``label``, ``type``, ``iri`` and ``dates`` (ISO dates of any
precision); edges carry ``kind``, ``weight`` and ``dates``; metrics, when computed, are more
node attributes (``pagerank``, ``community`` ...) and ``x``/``y`` a layout.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from kg.model.periods import period
from kg.model.terms import KGR

__all__ = [
    "TYPE_COLORS",
    "color_of",
    "node_id",
    "node_sizes",
    "spells",
    "xml_text",
]

TYPE_COLORS: dict[str, tuple[int, int, int]] = {
    "Person": (78, 121, 167),
    "Organization": (242, 142, 43),
    "Place": (89, 161, 79),
    "Event": (225, 87, 89),
    "NewsArticle": (156, 117, 95),
}
"""Colour of each entity type (Tableau 10): the same in Gephi and in the browser view."""
OTHER_COLOR = (160, 160, 160)
MAX_SPELLS = 64
"""More distinct dates than this on one node or edge collapse into one spell."""

_PREFIX = str(KGR)
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@lru_cache(maxsize=1 << 16)
def _period(value: str) -> tuple[str, str] | None:
    """The period of a date, None when malformed (cached: an export reads each date millions
    of times)."""
    try:
        return period(value)
    except ValueError:
        return None


def color_of(kind: str) -> tuple[int, int, int]:
    """The RGB colour of an entity type."""
    return TYPE_COLORS.get(kind, OTHER_COLOR)


def node_id(node: str) -> str:
    """A short, stable id for a node: its IRI without kg's resource prefix."""
    return node[len(_PREFIX) :] if node.startswith(_PREFIX) else node


def xml_text(value: object) -> str:
    """Text with the characters XML 1.0 forbids removed."""
    return _INVALID_XML.sub("", str(value))


def spells(dates: Iterable[str]) -> list[tuple[str, str]]:
    """Closed day intervals covering the periods the dates name, merged where they overlap.

    >>> spells(["2017", "2017-07-21", "2018-02"])
    [('2017-01-01', '2017-12-31'), ('2018-02-01', '2018-02-28')]
    """
    periods = [p for value in dates if (p := _period(value)) is not None]
    merged: list[tuple[str, str]] = []
    for start, end in sorted(periods):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    if len(merged) > MAX_SPELLS:
        return [(merged[0][0], max(end for _, end in merged))]
    return merged


def node_sizes(G: Any, *, smallest: float = 4.0, largest: float = 40.0) -> dict[Any, float]:
    """Node sizes by PageRank (area-like: square root), else by degree (G: a NetworkX graph or
    a :class:`~kg.analysis.frame.Frame`)."""
    key = "pagerank" if any("pagerank" in d for d in G.nodes.values()) else None
    values = {n: float(d.get(key, 0.0)) if key else float(G.degree(n)) for n, d in G.nodes.items()}
    top = max(values.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(values, smallest)
    return {n: smallest + (largest - smallest) * math.sqrt(v / top) for n, v in values.items()}
