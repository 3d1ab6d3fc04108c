"""The browser view: one self-contained HTML file (no network), drawn by Cytoscape.js.

Cytoscape.js (MIT, ``assets/cytoscape.min.js``, licence in ``assets/cytoscape.LICENSE.txt``)
is vendored from npm (see ``assets/README.md``) and inlined with the page's script and the
graph's data, so the file works offline and can be mailed around.

The page pans and zooms, finds an entity by name or alias, shows a clicked entity's facts with
their sentences and its source articles, colours by type, and filters by type and date.
"""

from __future__ import annotations

import html
import json
import re
from importlib.resources import files
from pathlib import Path
from typing import Any

from kg.errors import ExportError
from kg.export.files import write_atomically
from kg.export.style import color_of, node_id, node_sizes, spells

__all__ = ["VIEW_LIBRARY", "view_document", "write_html"]

VIEW_LIBRARY = "cytoscape 3.34.4"
_PLACEHOLDER = re.compile(r"/\*KG_(TITLE|DATA|APP|LIBRARY)\*/")
_METRICS = ("pagerank", "degree", "weighted_degree", "betweenness", "core", "community")


def _asset(name: str) -> str:
    try:
        return files("kg.export").joinpath("assets").joinpath(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(
            f"the browser view's asset {name} is missing from the installation; reinstall kg"
        ) from exc


def _hex(kind: str) -> str:
    r, g, b = color_of(kind)
    return f"#{r:02x}{g:02x}{b:02x}"


def _edge_rows(G: Any) -> list[tuple[Any, Any, dict[str, Any]]]:
    if G.is_multigraph():
        return [(u, v, d) for u, v, _, d in G.edges(keys=True, data=True)]
    return list(G.edges(data=True))


def _nodes(
    G: Any,
    facts: dict[str, list[dict[str, Any]]],
    mentions: dict[str, list[str]],
    fact_counts: dict[str, int],
) -> Any:
    sizes = node_sizes(G, smallest=10.0, largest=40.0)
    out = []
    for i, (node, data) in enumerate(G.nodes(data=True)):
        kind = str(data.get("type", ""))
        articles = mentions.get(str(node), [])
        shown = facts.get(str(node), [])
        out.append(
            {
                "id": node_id(str(node)),
                "label": str(data.get("label") or node_id(str(node))),
                "type": kind,
                "cls": str(data.get("class", "")),
                "iri": str(data.get("iri", node)),
                "color": _hex(kind),
                "size": round(sizes[node], 2),
                "x": round(float(data.get("x", (i % 20) * 60)), 2),
                "y": round(float(data.get("y", (i // 20) * 60)), 2),
                "aliases": list(data.get("aliases", ())),
                "metrics": {k: data[k] for k in _METRICS if k in data},
                "periods": spells(data.get("dates", ())),
                "facts": [dict(f, other=node_id(str(f["other"]))) for f in shown],
                "factCount": fact_counts.get(str(node), len(shown)),
                "articles": articles,
                "articleCount": int(data.get("articles", len(articles))),
            }
        )
    return out


def view_document(
    G: Any,
    *,
    facts: dict[str, list[dict[str, Any]]] | None = None,
    mentions: dict[str, list[str]] | None = None,
    articles: dict[str, dict[str, str]] | None = None,
    fact_counts: dict[str, int] | None = None,
    title: str = "kg — knowledge graph",
) -> str:
    """The HTML page of a projection.

    Args:
        G: the projection (nodes with ``label``/``type``/``dates``, and ``x``/``y`` and metrics
            when computed).
        facts: per node IRI, its facts: ``{"p": predicate, "dir": "out"|"in", "other": IRI,
            "otherLabel": name, "evidence": [{"a": article IRI, "s": sentence}]}``.
        mentions: per node IRI, the IRIs of articles that mention it (newest first).
        articles: per article IRI, ``{"title", "date", "url", "outlet"}``.
        fact_counts: per node IRI, its number of facts when ``facts`` shows only some.
        title: the page title.
    """
    nodes = _nodes(G, facts or {}, mentions or {}, fact_counts or {})
    edges = []
    for i, (u, v, data) in enumerate(_edge_rows(G)):
        edges.append(
            {
                "id": f"e{i}",
                "source": node_id(str(u)),
                "target": node_id(str(v)),
                "label": str(data.get("kind") or data.get("predicate") or ""),
                "weight": data.get("weight", 1),
                "periods": spells(data.get("dates", ())),
            }
        )
    counts: dict[str, int] = {}
    for n in nodes:
        counts[n["type"]] = counts.get(n["type"], 0) + 1
    periods = [p for n in nodes for p in n["periods"]]
    payload = {
        "projection": str(G.graph.get("projection", G.graph.get("kind", ""))),
        "directed": bool(G.is_directed()),
        "nodes": nodes,
        "edges": edges,
        "articles": articles or {},
        "types": [{"name": k, "color": _hex(k), "count": counts[k]} for k in sorted(counts)],
        "dateRange": [min(p[0] for p in periods), max(p[1] for p in periods)] if periods else None,
        "maxWeight": max((e["weight"] for e in edges), default=1),
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/").replace("<!--", "<\\u0021--")
    parts = {
        "TITLE": html.escape(title),
        "DATA": text,
        "APP": _asset("view.js"),
        "LIBRARY": _asset("cytoscape.min.js"),
    }
    # one pass, so nothing inserted is searched for placeholders again
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("view.html"))


def write_html(G: Any, path: Path, **kwargs: Any) -> Path:
    """Write the browser view of a projection to one HTML file; see :func:`view_document`.

    Raises:
        ExportError: the file cannot be written.
    """
    path = Path(path)
    page = view_document(G, **kwargs)
    return write_atomically(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
