"""Projections of the facts graph to NetworkX, defined by SPARQL and predicate filters.

Three projections, each over the entities that articles mention:

* ``relation``: a MultiDiGraph with one edge per (subject, predicate, object) of the 12
  entity-to-entity relations; ``weight`` = supporting articles, ``first``/``last`` = the
  earliest and latest publication date seen, ``dates`` = every date seen.
* ``comention``: a Graph linking entities mentioned in the same article; ``weight`` = shared
  articles.
* ``bipartite``: a Graph of articles (``bipartite=0``) and the entities they mention
  (``bipartite=1``).

Only relations and mentions become edges: ``rdf:type``, labels and provenance never do. Every
projection takes the same filters (:class:`Projection`): entity types (a class and its
subclasses), predicates, a date range, a minimum edge weight and one outlet.

Dates keep the precision the article gives (``2017``, ``2017-07``, ``2017-07-21``); a date
range keeps an article when the period its date names overlaps the range.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from typing import Any

import networkx as nx
from rdflib import Literal

from kg.analysis.settings import PROJECTIONS
from kg.errors import AnalysisError
from kg.model.periods import period
from kg.model.terms import (
    CLASS_PARENT,
    KG,
    RELATIONS,
    SPARQL_PREFIXES,
    EntityType,
    entity_type_of,
    local_name,
)
from kg.store.base import Store

__all__ = [
    "PROJECTIONS",
    "Projection",
    "bipartite_graph",
    "comention_graph",
    "period",
    "project",
    "relation_graph",
    "to_networkx",
]

ENTITY_RELATIONS = tuple(name for name, spec in RELATIONS.items() if not spec.article)


# ?ds: the article's date cut to a day; ?d0/?d1: the first and last day of the period it names,
# as strings ("2017-02-31" is fine: only the order matters).
_DATE = """OPTIONAL { ?a schema:datePublished ?date }
  BIND(SUBSTR(STR(?date), 1, 10) AS ?ds)
  BIND(IF(STRLEN(?ds) = 4, CONCAT(?ds, "-01-01"),
       IF(STRLEN(?ds) = 7, CONCAT(?ds, "-01"), ?ds)) AS ?d0)
  BIND(IF(STRLEN(?ds) = 4, CONCAT(?ds, "-12-31"),
       IF(STRLEN(?ds) = 7, CONCAT(?ds, "-31"), ?ds)) AS ?d1)"""


@dataclass(frozen=True)
class Projection:
    """Which graph to project from the facts graph, and its filters.

    Args:
        kind: ``relation``, ``comention`` or ``bipartite``.
        types: entity classes to keep (``Person``, ``City`` ...; a class keeps its subclasses);
            empty keeps every entity.
        predicates: relation names to keep (``mayorOf`` ...); relation graph only.
        since: keep articles dated on or after this ISO date (``2017``, ``2017-07-01``).
        until: keep articles dated on or before this ISO date.
        min_weight: drop edges supported by fewer articles.
        outlet: keep articles of this outlet only (its name, an alias or its IRI).
        include_credits: keep an article's credits (its authors, editors and publisher) among
            the entities it mentions; they are the article's frame, not actors in its story,
            so by default a byline does not make its desk editor a co-mention of everyone.
    """

    kind: str = "relation"
    types: tuple[str, ...] = ()
    predicates: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    min_weight: int = 1
    outlet: str | None = None
    include_credits: bool = False

    def __post_init__(self) -> None:
        if self.kind not in PROJECTIONS:
            raise AnalysisError(
                f"unknown projection {self.kind!r}; use one of {', '.join(PROJECTIONS)}"
            )
        for name in self.predicates:
            if name not in ENTITY_RELATIONS:
                raise AnalysisError(
                    f"unknown predicate {name!r}; use one of {', '.join(ENTITY_RELATIONS)}"
                )
        for name in self.types:
            if name not in CLASS_PARENT and name not in EntityType._value2member_map_:
                known = ", ".join([t.value for t in EntityType] + sorted(CLASS_PARENT))
                raise AnalysisError(f"unknown entity type {name!r}; use one of {known}")
        for value in (self.since, self.until):
            if value is not None and not _is_date(value):
                raise AnalysisError(
                    f"bad date {value!r}; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2017-07-21)"
                )
        if self.min_weight < 1:
            raise AnalysisError(f"min_weight must be at least 1, not {self.min_weight}")

    def describe(self) -> str:
        """A one-line description (for reports and the analysis graph)."""
        parts = [self.kind]
        if self.types:
            parts.append("types=" + ",".join(self.types))
        if self.predicates:
            parts.append("predicates=" + ",".join(self.predicates))
        if self.since:
            parts.append(f"since={self.since}")
        if self.until:
            parts.append(f"until={self.until}")
        if self.min_weight > 1:
            parts.append(f"min_weight={self.min_weight}")
        if self.outlet:
            parts.append(f"outlet={self.outlet}")
        if self.include_credits:
            parts.append("with credits")
        return " ".join(parts)


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


def _mentions_query(projection: Projection) -> str:
    credits = "" if projection.include_credits else _NO_CREDITS
    return f"""{SPARQL_PREFIXES}SELECT ?a ?e ?ds WHERE {{
  ?a kg:mentions ?e .
  {credits}
  {_DATE}
  {_article_filters(projection)}
  {_type_filter("?e", projection.types)}
}}"""


_NO_CREDITS = "FILTER NOT EXISTS { ?a kg:author|kg:editor|kg:publisher ?e }"


def _relations_query(projection: Projection) -> str:
    names = projection.predicates or ENTITY_RELATIONS
    values = " ".join(f"kg:{name}" for name in names)
    return f"""{SPARQL_PREFIXES}SELECT DISTINCT ?s ?p ?o ?a ?ds WHERE {{
  VALUES ?p {{ {values} }}
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; prov:wasDerivedFrom ?a .
  {_DATE}
  {_article_filters(projection)}
  {_type_filter("?s", projection.types)}
  {_type_filter("?o", projection.types)}
}}"""


_ENTITIES = f"""{SPARQL_PREFIXES}SELECT ?e (SAMPLE(?l) AS ?label) (SAMPLE(?c) AS ?cls)
WHERE {{
  {{ SELECT DISTINCT ?e WHERE {{ ?a kg:mentions ?e }} }}
  OPTIONAL {{ ?e rdfs:label ?l }}
  OPTIONAL {{ ?e a ?c }}
}} GROUP BY ?e"""

_ALIASES = f"""{SPARQL_PREFIXES}SELECT DISTINCT ?e ?alt WHERE {{ ?e skos:altLabel ?alt }}"""

_ARTICLES = f"""{SPARQL_PREFIXES}SELECT ?a (SAMPLE(?h) AS ?headline) (SAMPLE(?u) AS ?url)
  (SAMPLE(?pl) AS ?outlet)
WHERE {{
  ?a a kg:NewsArticle .
  OPTIONAL {{ ?a schema:headline ?h }}
  OPTIONAL {{ ?a schema:url ?u }}
  OPTIONAL {{ ?a kg:publisher ?pub . ?pub rdfs:label ?pl }}
}} GROUP BY ?a"""


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
        klass = local_name(cls) if cls is not None else ""
        attrs[str(e)] = {
            "label": str(label) if label is not None else local_name(e),
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
            "label": local_name(node),
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
    projection = projection or Projection()
    support: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    dates: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for row in store.select(_relations_query(projection)):
        s, p, o, a, day = (str(x) if x is not None else None for x in row)
        key = (str(s), local_name(p), str(o))
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
    projection = projection or Projection()
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
    projection = projection or Projection()
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
    projection = projection or Projection()
    G = _BUILDERS[projection.kind](store, projection)
    G.graph["kg:namespace"] = str(KG)
    return G


def to_networkx(store: Store, projection: Projection | None = None) -> Any:
    """The relation graph (or another projection) as a NetworkX graph; see :func:`project`."""
    return project(store, projection)
