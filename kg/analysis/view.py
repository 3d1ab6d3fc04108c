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
from kg.analysis.settings import MAX_FACTS
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


def _statements(store: Store, nodes: list[str]) -> list[tuple[str, ...]]:
    """Each statement about one of the nodes (as subject or object): subject, predicate,
    object, article and sentence ("" when it has none).

    The nodes' statements are found by a lookup, then joined by hash with whole scans of the
    statements' other parts and of the sentences (as the projections read them): 12 s of CPU
    for the 130k statements of the top 500 entities of 100k articles, where looking each
    statement's parts up one by one took 16 s without the sentences, and looking up only the
    sentences shown (100 facts an entity) after a scan without them 25 s in all.
    """
    predicates = " ".join(f"kg:{name}" for name in ENTITY_RELATIONS)
    rows: set[tuple[str, ...]] = set()
    for values in _values(nodes, _STATEMENT_CHUNK):
        for s, p, o, a, sentence in store.select_values(
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
        ):
            if s is not None and p is not None and o is not None and a is not None:
                rows.add((s, p, o, a, sentence or ""))
    return sorted(rows)


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
    when more than an eighth of a store's articles are shown: 1.6 s against 9 s of CPU
    for 72k of 100k)."""
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


FactKey = tuple[str, str, str]


def _shown_facts(
    nodes: set[str], support: dict[FactKey, dict[str, str]], max_facts: int | None
) -> tuple[dict[str, list[tuple[FactKey, str]]], dict[str, int]]:
    """Each node's facts with their direction (``out`` from the node, ``in`` to it), and how
    many it has: all of them, or the ``max_facts`` supported by the most articles (ties in
    fact order), listed in fact order."""
    by_node: dict[str, list[tuple[FactKey, str]]] = defaultdict(list)
    for fact in sorted(support):
        for node, direction in ((fact[0], "out"), (fact[2], "in")):
            if node in nodes:
                by_node[node].append((fact, direction))
    counts = {node: len(found) for node, found in by_node.items()}
    if max_facts is not None:
        for node, found in by_node.items():
            if len(found) > max_facts:
                ranked = sorted(range(len(found)), key=lambda i: -len(support[found[i][0]]))
                by_node[node] = [found[i] for i in sorted(ranked[:max_facts])]
    return dict(by_node), counts


def _facts(
    G: Any,
    rows: list[tuple[str, ...]],
    dates: dict[str, str],
    *,
    max_evidence: int,
    max_facts: int | None,
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """Each node's facts (see :func:`_shown_facts`) with up to ``max_evidence`` articles and
    sentences, newest first, and each node's number of facts."""
    support: dict[FactKey, dict[str, str]] = defaultdict(dict)
    for s, p, o, a, sentence in rows:  # sorted: each article's smallest sentence comes first
        support[(s, local_name(p), o)].setdefault(a, sentence)
    shown, counts = _shown_facts({str(n) for n in G.nodes}, support, max_facts)
    evidence: dict[FactKey, list[str]] = {}
    for fact in {f for found in shown.values() for f, _ in found}:
        by_date = sorted(support[fact], key=lambda a: _date_key(dates.get(a, "")), reverse=True)
        evidence[fact] = by_date[:max_evidence]  # same date: IRI order (the sort is stable)
    labels = {str(n): str(d.get("label", n)) for n, d in G.nodes(data=True)}
    facts: dict[str, list[dict[str, Any]]] = {}
    for node, found in shown.items():
        facts[node] = []
        for fact, direction in found:
            s, p, o = fact
            other = o if direction == "out" else s
            items = [{"a": a, "s": support[fact][a]} for a in evidence[fact]]
            facts[node].append(
                {
                    "p": p,
                    "dir": direction,
                    "other": other,
                    "otherLabel": _label(G, other, labels),
                    "evidence": items,
                }
            )
    return facts, counts


def view_facts(
    store: Store,
    G: Any,
    *,
    max_evidence: int = 3,
    max_articles: int = 20,
    max_facts: int | None = MAX_FACTS,
) -> tuple[
    dict[str, list[dict[str, Any]]],
    dict[str, list[str]],
    dict[str, dict[str, str]],
    dict[str, int],
]:
    """The facts, mentioning articles and article details of G's nodes, for the browser view.

    Only G's statements and mentions are read (in blocks of :data:`_CHUNK` IRIs), and the
    details of the articles shown (by lookup, or by whole scans when they are more than an
    eighth of the store's). Each node shows
    up to ``max_facts`` facts (those supported by the most articles; None shows all), each
    with its ``max_evidence`` newest articles, and its ``max_articles`` newest mentioning
    articles. Articles of the same date come in IRI order.

    Returns:
        ``(facts, mentions, articles, fact_counts)`` as :func:`kg.export.html.view_document`
        takes them (``fact_counts``: each node's number of facts, shown or not).
    """
    nodes = sorted(str(n) for n in G.nodes)
    dates = _dates(store)
    facts, counts = _facts(
        G,
        _statements(store, nodes),
        dates,
        max_evidence=max_evidence,
        max_facts=max_facts,
    )
    mentions = _mentions(store, nodes)
    for node, found in mentions.items():
        found.sort(key=lambda a: _date_key(dates.get(a, "")), reverse=True)
        mentions[node] = found[:max_articles]
    used = {a for found in mentions.values() for a in found}
    used |= {ev["a"] for items in facts.values() for f in items for ev in f["evidence"]}
    # scanning every article costs about what looking an eighth of them up does (1.6 s of CPU
    # for the 100k articles of a store, against 9 s to look up 72k of them)
    details = _articles(store, sorted(used), scan=8 * len(used) > len(dates), dates=dates)
    return facts, dict(mentions), details, counts


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
