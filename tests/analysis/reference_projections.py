"""The projections (and the browser view's facts) as kg built them before the array path
(main at b581f6a): rdflib terms from ``Store.select``, pair counting in Python, NetworkX graphs
built edge by edge; with newcomer's rule that an article's credits are left out of its
mentions unless ``include_credits``.

Kept, like ``tests/query/reference/``, as the reference the new path must equal
(``tests/analysis/test_reference.py``); only the ``Projection`` class moved out (the new one
is passed in).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations
from typing import Any

import networkx as nx
from rdflib import Literal

from kg.analysis import Projection as _Projection
from kg.model.periods import period
from kg.model.terms import CLASS_PARENT, KG, RELATIONS, entity_type_of
from kg.store.base import Store

__all__ = ["bipartite_graph", "comention_graph", "project", "relation_graph", "view_facts"]

Projection = Any

PROJECTIONS = ("relation", "comention", "bipartite")
ENTITY_RELATIONS = tuple(name for name, spec in RELATIONS.items() if not spec.article)

_PREFIXES = """PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
"""

# ?ds: the article's date cut to a day; ?d0/?d1: the first and last day of the period it names,
# as strings ("2017-02-31" is fine: only the order matters).
_DATE = """OPTIONAL { ?a schema:datePublished ?date }
  BIND(SUBSTR(STR(?date), 1, 10) AS ?ds)
  BIND(IF(STRLEN(?ds) = 4, CONCAT(?ds, "-01-01"),
       IF(STRLEN(?ds) = 7, CONCAT(?ds, "-01"), ?ds)) AS ?d0)
  BIND(IF(STRLEN(?ds) = 4, CONCAT(?ds, "-12-31"),
       IF(STRLEN(?ds) = 7, CONCAT(?ds, "-31"), ?ds)) AS ?d1)"""


@lru_cache(maxsize=1 << 16)
def _period(value: str) -> tuple[str, str] | None:
    """The period of a date, or None when it is malformed (cached: dates repeat a lot)."""
    try:
        return period(value)
    except ValueError:
        return None


def _is_date(value: str) -> bool:
    return _period(value) is not None


def _classes(types: Iterable[str]) -> list[str]:
    """The given classes and all their subclasses."""
    wanted = set(types)
    out = set(wanted)
    for name in CLASS_PARENT:
        seen = name
        while seen in CLASS_PARENT:
            seen = CLASS_PARENT[seen]
            if seen in wanted:
                out.add(name)
    return sorted(out)


def _article_filters(projection: Projection) -> str:
    """SPARQL filters on the article ``?a`` (its date and outlet)."""
    out: list[str] = []
    if projection.since:
        out.append(f"FILTER(BOUND(?d1) && ?d1 >= {Literal(period(projection.since)[0]).n3()})")
    if projection.until:
        out.append(f"FILTER(BOUND(?d0) && ?d0 <= {Literal(period(projection.until)[1]).n3()})")
    if projection.outlet:
        value = projection.outlet.strip()
        iri = f"<{value}>" if value.startswith(("http://", "https://")) else "<urn:x-none>"
        out.append(
            "FILTER EXISTS { ?a kg:publisher ?pub . "
            "OPTIONAL { ?pub rdfs:label|skos:altLabel ?pl } "
            f"FILTER(?pub = {iri} || LCASE(STR(?pl)) = LCASE({Literal(value).n3()})) }}"
        )
    return "\n  ".join(out)


def _type_filter(var: str, types: tuple[str, ...]) -> str:
    if not types:
        return ""
    values = " ".join(f"kg:{name}" for name in _classes(types))
    return f"FILTER EXISTS {{ {var} a ?tc . VALUES ?tc {{ {values} }} }}"


_NO_CREDITS = "FILTER NOT EXISTS { ?a kg:author|kg:editor|kg:publisher ?e }"


def _mentions_query(projection: Projection) -> str:
    credits = "" if projection.include_credits else _NO_CREDITS
    return f"""{_PREFIXES}SELECT ?a ?e ?ds WHERE {{
  ?a kg:mentions ?e .
  {credits}
  {_DATE}
  {_article_filters(projection)}
  {_type_filter("?e", projection.types)}
}}"""


def _relations_query(projection: Projection) -> str:
    names = projection.predicates or ENTITY_RELATIONS
    values = " ".join(f"kg:{name}" for name in names)
    return f"""{_PREFIXES}SELECT DISTINCT ?s ?p ?o ?a ?ds WHERE {{
  VALUES ?p {{ {values} }}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a .
  {_DATE}
  {_article_filters(projection)}
  {_type_filter("?s", projection.types)}
  {_type_filter("?o", projection.types)}
}}"""


_ENTITIES = f"""{_PREFIXES}SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?cls)
WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{ ?a kg:mentions ?e }} }}
  OPTIONAL {{ ?e rdfs:label ?l }}
  OPTIONAL {{ ?e a ?c }}
}} GROUP BY ?e"""

_ALIASES = f"""{_PREFIXES}SELECT DISTINCT ?e ?alt WHERE {{ ?e skos:altLabel ?alt }}"""

_ARTICLES = f"""{_PREFIXES}SELECT ?a (SAMPLE(?h) AS ?headline) (SAMPLE(?u) AS ?url)
  (SAMPLE(?pl) AS ?outlet)
WHERE {{
  ?a a kg:NewsArticle .
  OPTIONAL {{ ?a schema:headline ?h }}
  OPTIONAL {{ ?a schema:url ?u }}
  OPTIONAL {{ ?a kg:publisher ?pub . ?pub rdfs:label ?pl }}
}} GROUP BY ?a"""


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _type_of(cls: str) -> str:
    try:
        return entity_type_of(cls).value
    except ValueError:
        return cls or "Thing"


def _entity_attrs(store: Store) -> dict[str, dict[str, Any]]:
    attrs: dict[str, dict[str, Any]] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for e, alt in store.select(_ALIASES):
        aliases[str(e)].append(str(alt))
    for e, label, cls in store.select(_ENTITIES):
        klass = _local(cls) if cls is not None else ""
        attrs[str(e)] = {
            "label": str(label) if label is not None else _local(e),
            "type": _type_of(klass),
            "class": klass,
            "iri": str(e),
            "aliases": tuple(sorted(aliases.get(str(e), ()))),
        }
    return attrs


def _mentions(store: Store, projection: Projection) -> list[tuple[str, str, str | None]]:
    return [
        (str(a), str(e), str(ds) if ds is not None else None)
        for a, e, ds in store.select(_mentions_query(projection))
    ]


def _sorted_dates(dates: Iterable[str]) -> tuple[str, ...]:
    """Distinct valid dates, oldest first (a malformed date in the data is ignored)."""
    keyed = [(p, d) for d in set(dates) if (p := _period(d)) is not None]
    return tuple(d for _, d in sorted(keyed))


def _edge_dates(attrs: dict[str, Any], dates: set[str]) -> None:
    ordered = _sorted_dates(dates)
    attrs["dates"] = ordered
    if ordered:
        attrs["first"], attrs["last"] = ordered[0], ordered[-1]


def _add_nodes(G: Any, entities: dict[str, dict[str, Any]], mentions: Any) -> None:
    """Give each node of G its entity attributes, article count and dates."""
    articles: dict[str, set[str]] = defaultdict(set)
    dates: dict[str, set[str]] = defaultdict(set)
    for a, e, ds in mentions:
        articles[e].add(a)
        if ds:
            dates[e].add(ds)
    for node in G.nodes:
        if G.nodes[node].get("bipartite") == 0:
            continue
        data = entities.get(node) or {
            "label": _local(node),
            "type": "Thing",
            "class": "",
            "iri": node,
            "aliases": (),
        }
        G.nodes[node].update(data)
        G.nodes[node]["articles"] = len(articles.get(node, ()))
        G.nodes[node]["dates"] = _sorted_dates(dates.get(node, ()))


def relation_graph(store: Store, projection: Projection | None = None) -> Any:
    """The relation graph: one edge per (subject, predicate, object), keyed by predicate.

    Edges carry ``kind`` and ``predicate`` (the relation's name), ``weight`` (supporting
    articles), ``articles``, ``dates`` and ``first``/``last``; nodes carry ``label``, ``type``
    (Person, Organization, Place, Event), ``class``, ``iri``, ``aliases``, ``articles``
    (mentioning articles) and ``dates``.
    """
    projection = projection or _Projection()
    support: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    dates: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in store.select(_relations_query(projection)):
        s, p, o, a, day = (str(x) if x is not None else None for x in row)
        key = (str(s), _local(p), str(o))
        support[key].add(str(a))
        if day is not None:
            dates[key].add(day)
    G = nx.MultiDiGraph(projection=projection.describe(), kind="relation")
    for (s, p, o), articles in sorted(support.items()):
        if len(articles) < projection.min_weight:
            continue
        attrs: dict[str, Any] = {"kind": p, "predicate": p, "weight": len(articles)}
        attrs["articles"] = tuple(sorted(articles))
        _edge_dates(attrs, dates[(s, p, o)])
        G.add_edge(s, o, key=p, **attrs)
    _add_nodes(G, _entity_attrs(store), _mentions(store, projection))
    return G


def comention_graph(store: Store, projection: Projection | None = None) -> Any:
    """The co-mention graph: entities linked when one article mentions both.

    Edges carry ``kind="comention"``, ``weight`` (shared articles), ``dates`` and
    ``first``/``last``; nodes as in :func:`relation_graph`.
    """
    projection = projection or _Projection()
    mentions = _mentions(store, projection)
    by_article: dict[str, set[str]] = defaultdict(set)
    article_date: dict[str, str] = {}
    for a, e, ds in mentions:
        by_article[a].add(e)
        if ds:
            article_date[a] = ds
    weight: dict[tuple[str, str], int] = defaultdict(int)
    dates: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a, entities in by_article.items():
        ds = article_date.get(a)
        for pair in combinations(sorted(entities), 2):
            weight[pair] += 1
            if ds:
                dates[pair].add(ds)
    G = nx.Graph(projection=projection.describe(), kind="comention")
    for (u, v), w in sorted(weight.items()):
        if w >= projection.min_weight:
            attrs: dict[str, Any] = {"kind": "comention", "weight": w}
            _edge_dates(attrs, dates[(u, v)])
            G.add_edge(u, v, **attrs)
    _add_nodes(G, _entity_attrs(store), mentions)
    return G


def bipartite_graph(store: Store, projection: Projection | None = None) -> Any:
    """The article–entity graph: articles (``bipartite=0``) linked to the entities they mention.

    Article nodes carry ``label`` (headline, else outlet and date), ``type="NewsArticle"``,
    ``iri``, ``url``, ``outlet`` and ``dates``; edges carry ``kind="mentions"`` and ``weight=1``.
    """
    projection = projection or _Projection()
    mentions = _mentions(store, projection)
    info = {str(a): (h, u, o) for a, h, u, o in store.select(_ARTICLES)}
    G = nx.Graph(projection=projection.describe(), kind="bipartite")
    for a, e, ds in sorted(mentions, key=lambda row: (row[0], row[1])):
        if a not in G:
            headline, url, outlet = info.get(a, (None, None, None))
            label = (
                str(headline)
                if headline
                else " ".join(x for x in (str(outlet) if outlet else "article", ds or "") if x)
            )
            G.add_node(a, bipartite=0, label=label, type="NewsArticle", iri=a)
            G.nodes[a].update(
                url=str(url or ""), outlet=str(outlet or ""), dates=(ds,) if ds else ()
            )
        attrs: dict[str, Any] = {"kind": "mentions", "weight": 1}
        _edge_dates(attrs, {ds} if ds else set())
        G.add_edge(a, e, **attrs)
        G.nodes[e]["bipartite"] = 1
    _add_nodes(G, _entity_attrs(store), mentions)
    return G


_BUILDERS = {
    "relation": relation_graph,
    "comention": comention_graph,
    "bipartite": bipartite_graph,
}


def project(store: Store, projection: Projection | None = None) -> Any:
    """Project the facts graph to NetworkX (see :class:`Projection`).

    Raises:
        AnalysisError: the projection's options are invalid.
    """
    projection = projection or _Projection()
    G = _BUILDERS[projection.kind](store, projection)
    G.graph["kg:namespace"] = str(KG)
    return G


def to_networkx(store: Store, projection: Projection | None = None) -> Any:
    """The relation graph (or another projection) as a NetworkX graph; see :func:`project`."""
    return project(store, projection)


# The browser view's facts, mentions and articles, as kg read them (kg/analysis/view.py).
_VIEW_PREFIXES = """PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
"""

_VIEW_STATEMENTS = f"""{_VIEW_PREFIXES}SELECT ?s ?p ?o ?a ?sentence WHERE {{
  VALUES ?p {{ {" ".join(f"kg:{name}" for name in ENTITY_RELATIONS)} }}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a .
  OPTIONAL {{ ?st kg:inSentence/kg:sentenceText ?sentence }}
}}"""

_VIEW_MENTIONS = f"""{_VIEW_PREFIXES}SELECT ?a ?e WHERE {{ ?a kg:mentions ?e }}"""

_VIEW_ARTICLES = f"""{_VIEW_PREFIXES}SELECT ?a (SAMPLE(?h) AS ?title) (SAMPLE(?d) AS ?date)
  (SAMPLE(?u) AS ?url) (SAMPLE(?pl) AS ?outlet)
WHERE {{
  ?a a kg:NewsArticle .
  OPTIONAL {{ ?a schema:headline ?h }}
  OPTIONAL {{ ?a schema:datePublished ?d }}
  OPTIONAL {{ ?a schema:url ?u }}
  OPTIONAL {{ ?a kg:publisher ?pub . ?pub rdfs:label ?pl }}
}} GROUP BY ?a"""


def _view_label(G: Any, node: str, labels: dict[str, str]) -> str:
    if node in G:
        return str(G.nodes[node].get("label", node))
    return labels.get(node, node.rsplit("/", 1)[-1])


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
    for row in store.select(_VIEW_ARTICLES):
        a, title, date, url, outlet = (str(x) if x is not None else "" for x in row)
        articles[a] = {"title": title, "date": date, "url": url, "outlet": outlet}
    evidence: dict[tuple[str, str, str], dict[str, str]] = defaultdict(dict)
    for row in store.select(_VIEW_STATEMENTS):
        s, p, o, a, sentence = (str(x) if x is not None else "" for x in row)
        if s in nodes or o in nodes:
            evidence[(s, p.rsplit("#", 1)[-1], o)].setdefault(a, sentence)
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
                        "otherLabel": _view_label(G, other, labels),
                        "evidence": shown,
                    }
                )
    mentions: dict[str, list[str]] = defaultdict(list)
    for article, entity in store.select(_VIEW_MENTIONS):
        if str(entity) in nodes:
            mentions[str(entity)].append(str(article))
    for node, found in mentions.items():
        found.sort(key=lambda a: _date_key(articles.get(a, {}).get("date", "")), reverse=True)
        mentions[node] = found[:max_articles]
    used = {a for found in mentions.values() for a in found}
    used |= {ev["a"] for items in facts.values() for f in items for ev in f["evidence"]}
    return dict(facts), dict(mentions), {a: articles[a] for a in used if a in articles}
