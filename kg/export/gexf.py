"""Gephi export: GEXF 1.3, written directly (NetworkX writes 1.2draft and drops dynamics).

What Gephi shows at once:

* nodes labelled with the entity's name (never its IRI), the IRI as the ``iri`` attribute,
  ``type`` (Person, Organization, Place, Event) for partitioning, ``viz:color`` by type,
  ``viz:size`` by PageRank and ``viz:position`` from the layout, and every metric
  (``pagerank``, ``community`` ...) as an attribute;
* edges with ``kind`` and ``label`` = the predicate (``comention`` and ``mentions`` in the
  other projections), ``weight`` = supporting articles, and ``spells`` from the articles'
  dates;
* ``mode="dynamic"`` and ``timeformat="date"`` whenever dates are known, so Gephi's timeline
  filters by publication date.

The file is streamed, so a large co-mention graph does not build an XML tree in memory. A
:class:`~kg.model.frame.Frame` is written straight from its arrays: each distinct edge body
(attributes and spells: a function of the edge's label and dates only) is formatted once, so
the 2.9 M edges of the co-mention graph of 100k articles take one f-string each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from kg.export.files import write_atomically
from kg.export.style import color_of, node_id, node_sizes, spells, xml_text
from kg.model.frame import Frame

__all__ = ["GEXF_NS", "VIZ_NS", "write_gexf"]

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

# attributes that GEXF expresses natively, or that become spells
_NODE_NATIVE = {"label", "dates", "x", "y", "viz"}
_EDGE_NATIVE = {"label", "dates", "weight", "kind", "articles", "key", "id"}


def _attr_type(values: Iterable[Any]) -> str:
    kinds = {type(v) for v in values if v is not None}
    if kinds == {bool}:
        return "boolean"
    if kinds and kinds <= {int}:
        return "integer"
    if kinds and kinds <= {int, float}:
        return "double"
    return "string"


def _value(value: Any, kind: str) -> str:
    if kind == "boolean":
        return "true" if value else "false"
    if isinstance(value, (tuple, list, set, frozenset)):
        return "|".join(str(v) for v in value)
    if kind == "double":
        return repr(float(value))
    return xml_text(value)


def _declare(items: list[dict[str, Any]], native: set[str]) -> dict[str, str]:
    """Attribute name -> GEXF type, for every attribute some item carries."""
    names = sorted({k for data in items for k in data if k not in native})
    return {name: _attr_type(data.get(name) for data in items) for name in names}


@lru_cache(maxsize=1 << 16)
def _attvalue(name: str, value: str) -> str:
    """One attvalue line (cached: edges repeat the same dates and predicates millions of
    times)."""
    return f"          <attvalue for={quoteattr(name)} value={quoteattr(value)}/>\n"


def _attributes(out: IO[str], cls: str, declared: dict[str, str]) -> None:
    if not declared:
        return
    out.write(f'    <attributes class="{cls}" mode="static">\n')
    for name, kind in declared.items():
        out.write(
            f"      <attribute id={quoteattr(name)} title={quoteattr(name)} "
            f"type={quoteattr(kind)}/>\n"
        )
    out.write("    </attributes>\n")


def _attvalues(data: dict[str, Any], declared: dict[str, str]) -> str:
    values = [
        _attvalue(name, _value(data[name], kind))
        for name, kind in declared.items()
        if data.get(name) is not None
    ]
    if not values:
        return ""
    return "        <attvalues>\n" + "".join(values) + "        </attvalues>\n"


def _spells(dates: Iterable[str]) -> str:
    intervals = spells(dates)
    if not intervals:
        return ""
    lines = [f'          <spell start="{start}" end="{end}"/>\n' for start, end in intervals]
    return "        <spells>\n" + "".join(lines) + "        </spells>\n"


def _nodes(out: IO[str], G: Any, declared: dict[str, str], dynamic: bool) -> None:
    sizes = node_sizes(G)
    out.write("    <nodes>\n")
    for node, data in G.nodes.items():
        label = xml_text(data.get("label") or node_id(str(node)))
        out.write(f"      <node id={quoteattr(node_id(str(node)))} label={quoteattr(label)}>\n")
        out.write(_attvalues(data, declared))
        if dynamic:
            out.write(_spells(data.get("dates", ())))
        r, g, b = color_of(str(data.get("type", "")))
        out.write(f'        <viz:color r="{r}" g="{g}" b="{b}" a="1.0"/>\n')
        out.write(f'        <viz:size value="{sizes[node]:.3f}"/>\n')
        if "x" in data and "y" in data:
            out.write(
                f'        <viz:position x="{float(data["x"]):.3f}" '
                f'y="{float(data["y"]):.3f}" z="0.0"/>\n'
            )
        out.write("      </node>\n")
    out.write("    </nodes>\n")


def _edge_rows(G: Any) -> list[tuple[Any, Any, dict[str, Any]]]:
    if G.is_multigraph():
        return [(u, v, d) for u, v, _, d in G.edges(keys=True, data=True)]
    return list(G.edges(data=True))


def _edges(out: IO[str], G: Any, declared: dict[str, str], dynamic: bool) -> None:
    out.write("    <edges>\n")
    for i, (u, v, data) in enumerate(_edge_rows(G)):
        kind = xml_text(data.get("kind") or data.get("predicate") or "edge")
        weight = float(data.get("weight", 1.0))
        out.write(
            f'      <edge id="e{i}" source={quoteattr(node_id(str(u)))} '
            f"target={quoteattr(node_id(str(v)))} kind={quoteattr(kind)} "
            f'label={quoteattr(kind)} weight="{weight:g}">\n'
        )
        out.write(_attvalues(data, declared))
        if dynamic:
            out.write(_spells(data.get("dates", ())))
        out.write("      </edge>\n")
    out.write("    </edges>\n")


def _used(frame: Frame) -> list[int]:
    """The date tuples some edge of the frame has."""
    counts = np.bincount(frame.dateset, minlength=len(frame.datesets))
    return [int(i) for i in np.flatnonzero(counts)]


def _frame_edge_attrs(frame: Frame) -> dict[str, str]:
    """The edge attributes :func:`_declare` finds on the frame's edges, from its columns."""
    names = ["predicate"] if frame.predicates and len(frame.source) else []
    if any(frame.datesets[i] for i in _used(frame)):
        names += ["first", "last"]
    return dict.fromkeys(sorted(names), "string")


def _frame_edges(out: IO[str], frame: Frame, declared: dict[str, str], dynamic: bool) -> None:
    """The edges of a frame, in NetworkX's order, exactly as :func:`_edges` writes them."""
    order, u, v = frame.edge_order()
    names = list(frame.nodes)
    ends = [quoteattr(node_id(str(n))) for n in names]
    kinds = [quoteattr(xml_text(k or "edge")) for k in frame.labels]
    width = max(len(frame.datesets), 1)
    bodies, body = np.unique(frame.label[order] * width + frame.dateset[order], return_inverse=True)
    texts = [_frame_body(frame, int(b) // width, int(b) % width, declared, dynamic) for b in bodies]
    weights: dict[int, str] = {}

    def lines() -> Iterator[str]:
        rows = zip(
            u.tolist(),
            v.tolist(),
            frame.label[order].tolist(),
            frame.weight[order].tolist(),
            body.tolist(),
            strict=True,
        )
        for i, (a, b, k, w, t) in enumerate(rows):
            weight = weights.get(w) or weights.setdefault(w, f"{float(w):g}")
            yield (
                f'      <edge id="e{i}" source={ends[a]} target={ends[b]} kind={kinds[k]} '
                f'label={kinds[k]} weight="{weight}">\n{texts[t]}      </edge>\n'
            )

    out.write("    <edges>\n")
    out.writelines(lines())
    out.write("    </edges>\n")


def _frame_body(
    frame: Frame, label: int, dateset: int, declared: dict[str, str], dynamic: bool
) -> str:
    """What comes inside an edge of this label and these dates: attvalues, then spells."""
    dates = frame.datesets[dateset]
    data: dict[str, Any] = {"predicate": frame.labels[label]} if frame.predicates else {}
    if dates:
        data["first"], data["last"] = dates[0], dates[-1]
    return _attvalues(data, declared) + (_spells(dates) if dynamic else "")


def _dated(G: Any) -> bool:
    if any(spells(d.get("dates", ())) for d in G.nodes.values()):
        return True
    if isinstance(G, Frame):
        return any(spells(G.datesets[i]) for i in _used(G))
    return any(spells(d.get("dates", ())) for *_, d in _edge_rows(G))


def _write(out: IO[str], G: Any, description: str) -> None:
    dynamic = _dated(G)
    node_attrs = _declare(list(G.nodes.values()), _NODE_NATIVE)
    if isinstance(G, Frame):
        edge_attrs = _frame_edge_attrs(G)
    else:
        edge_attrs = _declare([d for *_, d in _edge_rows(G)], _EDGE_NATIVE)
    edge_type = "directed" if G.is_directed() else "undirected"
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n'
    )
    out.write(f'  <meta lastmodifieddate="{date.today().isoformat()}">\n')
    out.write("    <creator>kg</creator>\n")
    out.write(f"    <description>{escape(xml_text(description))}</description>\n")
    out.write("  </meta>\n")
    mode = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    out.write(f'  <graph defaultedgetype="{edge_type}"{mode}>\n')
    _attributes(out, "node", node_attrs)
    _attributes(out, "edge", edge_attrs)
    _nodes(out, G, node_attrs, dynamic)
    if isinstance(G, Frame):
        _frame_edges(out, G, edge_attrs, dynamic)
    else:
        _edges(out, G, edge_attrs, dynamic)
    out.write("  </graph>\n</gexf>\n")


def write_gexf(G: Any, path: Path) -> Path:
    """Write a projection (a NetworkX graph or a :class:`~kg.model.frame.Frame`) as GEXF 1.3
    for Gephi (atomically: a temp file, then a rename).

    Raises:
        ExportError: the file cannot be written.
    """
    path = Path(path)
    description = f"kg {G.graph.get('projection', G.graph.get('kind', 'graph'))} projection"
    if G.graph.get("betweenness_k"):
        description += (
            f"; betweenness sampled from {G.graph['betweenness_k']} of {G.number_of_nodes()} nodes"
        )

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", buffering=1 << 20) as out:
            _write(out, G, description)

    return write_atomically(path, write)
