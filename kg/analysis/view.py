"""What the browser view shows beside the graph: each entity's facts with their sentences,
the articles that mention it, and those articles' headlines, dates and links; and a layout."""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from typing import Any

import networkx as nx

from kg.analysis.metrics import has_igraph, simple_view
from kg.analysis.projections import ENTITY_RELATIONS
from kg.analysis.simple import SimpleGraph, simple_graph
from kg.model.frame import Frame
from kg.model.periods import period
from kg.model.terms import SPARQL_PREFIXES, local_name
from kg.store.base import Store

__all__ = ["LAYOUT_NODES", "layout", "view_facts"]

LAYOUT_NODES = 499
"""Above this many nodes the layout needs igraph: from 500 nodes NetworkX's spring layout
switches to a pure-Python solver (35-47 s on the 1,100-1,200 nodes of 1,000 synthetic
articles, where igraph takes well under a second)."""
LAYOUT_STEPS = 100
"""Fruchterman-Reingold steps on large graphs."""

_CHUNK = 500
"""IRIs per VALUES block: the view's queries read only what its nodes need."""
_STATEMENT_CHUNK = 5000
"""Nodes per statements query: each one scans the statements' parts whole, so fewer, larger
blocks (the default 500 nodes are one)."""


def _values(iris: list[str], chunk: int = _CHUNK) -> list[str]:
    return [
        " ".join(f"<{iri}>" for iri in iris[start : start + chunk])
        for start in range(0, len(iris), chunk)
    ]


def _statements(store: Store, nodes: list[str]) -> list[tuple[str | None, ...]]:
    """Each statement about one of the nodes (as subject or object), with its sentence.

    The nodes' statements are found by a lookup, then joined by hash with whole scans of the
    statements' other parts and of the sentences (as the projections read them): 14 s of CPU
    for the 130k statements of the top 500 entities of 100k articles, where looking each
    statement's parts up one by one took 22 s.
    """
    predicates = " ".join(f"kg:{name}" for name in ENTITY_RELATIONS)
    rows: set[tuple[str | None, ...]] = set()
    for values in _values(nodes, _STATEMENT_CHUNK):
        rows.update(
            store.select_values(
                f"""{SPARQL_PREFIXES}SELECT ?s ?p ?o ?a ?sentence WHERE {{
  {{ SELECT DISTINCT ?st WHERE {{
    VALUES ?node {{ {values} }} {{ ?st rdf:subject ?node }} UNION {{ ?st rdf:object ?node }}
  }} }}
  {{ SELECT ?st ?p WHERE {{ VALUES ?p {{ {predicates} }} ?st rdf:predicate ?p }} }}
  {{ SELECT ?st ?s WHERE {{ ?st rdf:subject ?s }} }}
  {{ SELECT ?st ?o WHERE {{ ?st rdf:object ?o }} }}
  {{ SELECT ?st ?a WHERE {{ ?st prov:wasDerivedFrom ?a }} }}
  OPTIONAL {{ SELECT ?st ?sentence WHERE {{ ?st kg:inSentence/kg:sentenceText ?sentence }} }}
}}"""
            )
        )
    return sorted(rows, key=lambda row: tuple(x or "" for x in row))


def _mentions(store: Store, nodes: list[str]) -> dict[str, list[str]]:
    """The articles that mention each node, in IRI order: one row per node, its articles
    joined by SPARQL (2.5x less work than one row per mention, which the top entities of a
    large store have hundreds of thousands of)."""
    found: dict[str, list[str]] = {}
    for values in _values(nodes):
        query = (
            f'{SPARQL_PREFIXES}SELECT ?e (GROUP_CONCAT(STR(?a); separator=" ") AS ?as) '
            f"WHERE {{ VALUES ?e {{ {values} }} ?a kg:mentions ?e }} GROUP BY ?e"
        )
        for entity, articles in store.select_values(query):
            if entity is not None and articles:
                found[entity] = sorted(set(articles.split(" ")))
    return found


def _dates(store: Store) -> dict[str, str]:
    query = f"{SPARQL_PREFIXES}SELECT ?a ?d WHERE {{ ?a schema:datePublished ?d }}"
    return {a: d for a, d in store.select_values(query) if a is not None and d is not None}


def _articles(
    store: Store, iris: list[str], *, scan: bool, dates: dict[str, str] | None = None
) -> dict[str, dict[str, str]]:
    """Title, date, URL and outlet of the given articles: looked up in blocks of
    :data:`_CHUNK`, or with ``scan`` read by whole scans of those properties (the cheaper way
    when most of a store's articles are shown: 1.6 s against 9 s of CPU for 72k of 100k)."""
    if scan:
        return _scanned_articles(store, iris, _dates(store) if dates is None else dates)
    out: dict[str, dict[str, str]] = {}
    for values in _values(iris):
        for row in store.select_values(
            f"""{SPARQL_PREFIXES}SELECT ?a (SAMPLE(?h) AS ?title) (SAMPLE(?d) AS ?date)
  (SAMPLE(?u) AS ?url) (SAMPLE(?pl) AS ?outlet)
WHERE {{
  VALUES ?a {{ {values} }}
  ?a a kg:NewsArticle .
  OPTIONAL {{ ?a schema:headline ?h }}
  OPTIONAL {{ ?a schema:datePublished ?d }}
  OPTIONAL {{ ?a schema:url ?u }}
  OPTIONAL {{ ?a kg:publisher ?pub . ?pub rdfs:label ?pl }}
}} GROUP BY ?a"""
        ):
            a, title, date, url, outlet = (x or "" for x in row)
            out[a] = {"title": title, "date": date, "url": url, "outlet": outlet}
    return out


def _scanned_articles(
    store: Store, iris: list[str], dates: dict[str, str]
) -> dict[str, dict[str, str]]:
    wanted = set(iris)
    found: dict[str, dict[str, str]] = {}
    for a, _ in store.select_values(
        f"{SPARQL_PREFIXES}SELECT ?a ?t WHERE {{ ?a a kg:NewsArticle }}"
    ):
        if a in wanted:
            found[a] = {"title": "", "date": dates.get(a, ""), "url": "", "outlet": ""}
    for key, pattern in (
        ("title", "?a schema:headline ?x"),
        ("url", "?a schema:url ?x"),
        ("outlet", "?a kg:publisher ?pub . ?pub rdfs:label ?x"),
    ):
        for a, x in store.select_values(f"{SPARQL_PREFIXES}SELECT ?a ?x WHERE {{ {pattern} }}"):
            if a in found and x and not found[a][key]:
                found[a][key] = x
    return found


def _label(G: Any, node: str, labels: dict[str, str]) -> str:
    if node in G:
        return str(G.nodes[node].get("label", node))
    return labels.get(node, local_name(node))


@lru_cache(maxsize=1 << 16)
def _date_key(value: str) -> str:
    """The first day of a date's period, for sorting newest first (cached: the top entities'
    hundreds of thousands of articles share a few thousand dates)."""
    try:
        return period(value)[0]
    except ValueError:
        return ""


def _facts(
    G: Any, rows: list[tuple[str | None, ...]], dates: dict[str, str], max_evidence: int
) -> dict[str, list[dict[str, Any]]]:
    """Each node's facts with up to ``max_evidence`` articles and sentences, newest first."""
    nodes = {str(n) for n in G.nodes}
    evidence: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
    for row in rows:
        s, p, o, a, sentence = (x or "" for x in row)
        evidence[(s, local_name(p), o)].setdefault(a, sentence)
    facts: dict[str, list[dict[str, Any]]] = defaultdict(list)
    labels = {str(n): str(d.get("label", n)) for n, d in G.nodes(data=True)}
    for (s, p, o), by_article in sorted(evidence.items()):
        items = sorted(
            by_article.items(), key=lambda x: _date_key(dates.get(x[0], "")), reverse=True
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
    return dict(facts)


def view_facts(
    store: Store, G: Any, *, max_evidence: int = 3, max_articles: int = 20
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[str]], dict[str, dict[str, str]]]:
    """The facts, mentioning articles and article details of G's nodes, for the browser view.

    Only G's statements and mentions are read (in blocks of :data:`_CHUNK` IRIs), and the
    details of the articles shown, so the view of the top entities of a 100k-article store
    reads thousands of rows, not millions. Articles of the same date come in IRI order.

    Returns:
        ``(facts, mentions, articles)`` as :func:`kg.export.html.view_document` takes them.
    """
    nodes = sorted(str(n) for n in G.nodes)
    dates = _dates(store)
    facts = _facts(G, _statements(store, nodes), dates, max_evidence)
    mentions = _mentions(store, nodes)
    for node, found in mentions.items():
        found.sort(key=lambda a: _date_key(dates.get(a, "")), reverse=True)
        mentions[node] = found[:max_articles]
    used = {a for found in mentions.values() for a in found}
    used |= {ev["a"] for items in facts.values() for f in items for ev in f["evidence"]}
    # scanning every article costs about what looking half of them up does
    details = _articles(store, sorted(used), scan=2 * len(used) > len(dates), dates=dates)
    return facts, dict(mentions), details


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


def _force_directed(S: SimpleGraph, seed: int) -> dict[str, tuple[float, float]]:
    """igraph's Fruchterman-Reingold with its grid (each step linear in nodes and edges)."""
    import random

    import igraph as ig

    ig.set_random_number_generator(random.Random(seed))
    try:
        coords = S.to_igraph().layout_fruchterman_reingold(niter=LAYOUT_STEPS, grid=True)
    finally:
        ig.set_random_number_generator(random)
    return {name: (float(x), float(y)) for name, (x, y) in zip(S.names, coords, strict=True)}


def layout(G: Any, *, seed: int = 42, scale: float | None = None) -> dict[str, tuple[float, float]]:
    """Node positions of a projection (a NetworkX graph or a :class:`~kg.analysis.frame.Frame`;
    force-directed, deterministic for a seed), centred, in ``±scale`` (default
    ``150 × √nodes``, so node sizes and labels stay readable at any graph size).

    NetworkX's spring layout per connected component (packed side by side) up to
    :data:`LAYOUT_NODES` nodes; above, igraph's Fruchterman-Reingold with a grid
    (:data:`LAYOUT_STEPS` steps; 8 s for 50k nodes and 2.9 M edges) when igraph is installed,
    else no positions (an empty dict; Gephi and the view then lay out themselves).
    """
    frame = G if isinstance(G, Frame) else None
    n = G.number_of_nodes()
    if n == 0:
        return {}
    if n <= LAYOUT_NODES:
        pos = _packed(simple_view(G if frame is None else frame.to_networkx()), seed)
    elif has_igraph():
        S = simple_graph(frame) if frame is not None else SimpleGraph.from_networkx(simple_view(G))
        pos = _force_directed(S, seed)
    else:
        return {}
    scale = scale or 150.0 * math.sqrt(n)
    cx = sum(x for x, _ in pos.values()) / n
    cy = sum(y for _, y in pos.values()) / n
    span = max(max(abs(x - cx), abs(y - cy)) for x, y in pos.values()) or 1.0
    return {
        node: ((x - cx) / span * scale, -(y - cy) / span * scale) for node, (x, y) in pos.items()
    }
