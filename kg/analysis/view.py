"""What the browser view shows beside the graph: each entity's facts with their sentences,
the articles that mention it, and those articles' headlines, dates and links; and a layout."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import networkx as nx

from kg.analysis.metrics import has_igraph, simple_view
from kg.analysis.projections import ENTITY_RELATIONS
from kg.model.periods import period
from kg.model.terms import SPARQL_PREFIXES, local_name
from kg.store.base import Store

__all__ = ["LAYOUT_NODES", "layout", "view_facts"]

LAYOUT_NODES = 3_000
"""Above this many nodes the layout needs igraph (NetworkX's spring layout is quadratic)."""


_STATEMENTS = f"""{SPARQL_PREFIXES}SELECT ?s ?p ?o ?a ?sentence WHERE {{
  VALUES ?p {{ {" ".join(f"kg:{name}" for name in ENTITY_RELATIONS)} }}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a .
  OPTIONAL {{ ?st kg:sentence ?sentence }}
}}"""

_MENTIONS = f"""{SPARQL_PREFIXES}SELECT ?a ?e WHERE {{ ?a kg:mentions ?e }}"""

_ARTICLES = f"""{SPARQL_PREFIXES}SELECT ?a (SAMPLE(?h) AS ?title) (SAMPLE(?d) AS ?date)
  (SAMPLE(?u) AS ?url) (SAMPLE(?pl) AS ?outlet)
WHERE {{
  ?a a kg:NewsArticle .
  OPTIONAL {{ ?a schema:headline ?h }}
  OPTIONAL {{ ?a schema:datePublished ?d }}
  OPTIONAL {{ ?a schema:url ?u }}
  OPTIONAL {{ ?a kg:publisher ?pub . ?pub rdfs:label ?pl }}
}} GROUP BY ?a"""


def _label(G: Any, node: str, labels: dict[str, str]) -> str:
    if node in G:
        return str(G.nodes[node].get("label", node))
    return labels.get(node, local_name(node))


def _date_key(value: str) -> str:
    try:
        return period(value)[0]
    except ValueError:
        return ""


def view_facts(
    store: Store, G: Any, *, max_evidence: int = 3, max_articles: int = 20
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[str]], dict[str, dict[str, str]]]:
    """The facts, mentioning articles and article details of G's nodes, for the browser view.

    Returns:
        ``(facts, mentions, articles)`` as :func:`kg.export.html.view_document` takes them.
    """
    nodes = {str(n) for n in G.nodes}
    articles: dict[str, dict[str, str]] = {}
    for row in store.select(_ARTICLES):
        a, title, date, url, outlet = (str(x) if x is not None else "" for x in row)
        articles[a] = {"title": title, "date": date, "url": url, "outlet": outlet}
    evidence: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
    for row in store.select(_STATEMENTS):
        s, p, o, a, sentence = (str(x) if x is not None else "" for x in row)
        if s in nodes or o in nodes:
            evidence[(s, local_name(p), o)].setdefault(a, sentence)
    facts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    labels = {str(n): str(d.get("label", n)) for n, d in G.nodes(data=True)}
    for (s, p, o), by_article in sorted(evidence.items()):
        items = sorted(
            by_article.items(),
            key=lambda x: _date_key(articles.get(x[0], {}).get("date", "")),
            reverse=True,
        )
        shown = [{"a": a, "s": sentence} for a, sentence in items[:max_evidence]]
        for node, other, direction in ((s, o, "out"), (o, s, "in")):
            if node in nodes:
                facts[node].append(
                    {
                        "p": p,
                        "dir": direction,
                        "other": other,
                        "otherLabel": _label(G, other, labels),
                        "evidence": shown,
                    }
                )
    mentions: dict[str, list[str]] = defaultdict(list)
    for article, entity in store.select(_MENTIONS):
        if str(entity) in nodes:
            mentions[str(entity)].append(str(article))
    for node, found in mentions.items():
        found.sort(key=lambda a: _date_key(articles.get(a, {}).get("date", "")), reverse=True)
        mentions[node] = found[:max_articles]
    used = {a for found in mentions.values() for a in found}
    used |= {ev["a"] for items in facts.values() for f in items for ev in f["evidence"]}
    return dict(facts), dict(mentions), {a: articles[a] for a in used if a in articles}


def _spring(H: Any, seed: int) -> dict[Any, tuple[float, float]]:
    """Spring layout of one connected graph, scaled so its area grows with its size."""
    n = H.number_of_nodes()
    if n <= 2:
        return {node: (1.2 * i, 0.0) for i, node in enumerate(sorted(H, key=str))}
    raw = nx.spring_layout(H, seed=seed, k=1.5 / math.sqrt(n), iterations=100, weight=None)
    span = max(max(abs(x), abs(y)) for x, y in raw.values()) or 1.0
    size = math.sqrt(n)
    return {node: (x / span * size, y / span * size) for node, (x, y) in raw.items()}


def _packed(H: Any, seed: int) -> dict[Any, tuple[float, float]]:
    """Lay out each connected component apart, then shelve them, largest first: disconnected
    pieces sit side by side instead of being flung to the edges."""
    parts = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(map(str, c))))
    placed: dict[Any, tuple[float, float]] = {}
    width = max(4.0, 2.2 * math.sqrt(sum(math.sqrt(len(c)) ** 2 for c in parts)))
    x = y = shelf = 0.0
    for part in parts:
        pos = _spring(H.subgraph(part), seed)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        w, h = max(xs) - min(xs) + 1.0, max(ys) - min(ys) + 1.0
        if x > 0 and x + w > width:
            x, y, shelf = 0.0, y + shelf, 0.0
        for node, (px, py) in pos.items():
            placed[node] = (x + px - min(xs), y + py - min(ys))
        x += w
        shelf = max(shelf, h)
    return placed


def layout(G: Any, *, seed: int = 42, scale: float | None = None) -> dict[str, tuple[float, float]]:
    """Node positions (force-directed, deterministic for a seed), centred, in ``±scale``
    (default ``150 × √nodes``, so node sizes and labels stay readable at any graph size).

    NetworkX's spring layout per connected component (packed side by side) up to
    :data:`LAYOUT_NODES` nodes; above, igraph's DrL when it is installed, else no positions
    (an empty dict; Gephi and the view then lay out themselves).
    """
    H = simple_view(G)
    n = H.number_of_nodes()
    if n == 0:
        return {}
    if n <= LAYOUT_NODES:
        pos = _packed(H, seed)
    elif has_igraph():
        import random

        import igraph as ig

        from kg.analysis.fast import to_igraph

        g, names = to_igraph(H)
        ig.set_random_number_generator(random.Random(seed))
        try:
            coords = g.layout_drl()
        finally:
            ig.set_random_number_generator(random)
        pos = {name: (float(x), float(y)) for name, (x, y) in zip(names, coords, strict=True)}
    else:
        return {}
    scale = scale or 150.0 * math.sqrt(n)
    cx = sum(x for x, _ in pos.values()) / n
    cy = sum(y for _, y in pos.values()) / n
    span = max(max(abs(x - cx), abs(y - cy)) for x, y in pos.values()) or 1.0
    return {
        node: ((x - cx) / span * scale, -(y - cy) / span * scale) for node, (x, y) in pos.items()
    }
