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

from dataclasses import dataclass
from typing import Any

import numpy as np

from kg.analysis.arrays import Datesets, dates_of, datesets_for, distinct, pairs
from kg.analysis.reading import (
    ArticleFilter,
    EntityFilter,
    Mentions,
    article_filter,
    article_info,
    entity_attrs,
    entity_filter,
    known_type,
    read_mentions,
    read_statements,
    sorted_dates,
    unknown_entity,
)
from kg.analysis.settings import PROJECTIONS
from kg.errors import AnalysisError
from kg.model.frame import Frame, first_seen
from kg.model.periods import period
from kg.model.terms import CLASS_PARENT, KG, RELATIONS, EntityType
from kg.store.base import Store

__all__ = [
    "PROJECTIONS",
    "Projection",
    "bipartite_graph",
    "comention_graph",
    "period",
    "project",
    "project_frame",
    "relation_graph",
    "to_networkx",
]

ENTITY_RELATIONS = tuple(name for name, spec in RELATIONS.items() if not spec.article)


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
            if not known_type(name):
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


def _is_date(value: str) -> bool:
    try:
        period(value)
    except ValueError:
        return False
    return True


def _filters(store: Store, projection: Projection) -> tuple[ArticleFilter, EntityFilter]:
    """The projection's filters, each read once from the store."""
    articles = article_filter(
        store, since=projection.since, until=projection.until, outlet=projection.outlet
    )
    return articles, entity_filter(store, projection.types)


def _mentions(store: Store, projection: Projection) -> Mentions:
    """The mentions the projection keeps (its filters; credits only when asked)."""
    articles, entities = _filters(store, projection)
    return read_mentions(store, articles, entities, credits=projection.include_credits)


def _entity_nodes(
    store: Store, names: list[str], mentions: Mentions, first: dict[str, Any] | None = None
) -> dict[str, dict[str, Any]]:
    """Each entity node's attributes: label, type, class, IRI, aliases, mentioning articles and
    the dates they carry (``first`` goes before them, e.g. ``bipartite=1``)."""
    table = mentions.table
    rows = len(mentions.articles) or 1
    entities = len(table.entities)
    pairs = distinct(table.entity * rows + table.article)
    articles = np.bincount(pairs // rows, minlength=entities).tolist()
    datesets = datesets_for(table.days)
    dates = dates_of(table.entity, table.day, entities, table.days, datesets).tolist()
    rank = table.rank
    attrs = entity_attrs(store)
    nodes = {}
    for node in names:
        data = dict(first or {})
        data.update(attrs.get(node) or unknown_entity(node))
        i = rank.get(node)
        data["articles"] = articles[i] if i is not None else 0
        data["dates"] = datesets[dates[i]] if i is not None else ()
        nodes[node] = data
    return nodes


def _frame(
    kind: str, projection: Projection, nodes: dict[str, dict[str, Any]], **edges: Any
) -> Frame:
    graph = {"projection": projection.describe(), "kind": kind}
    arrays: dict[str, Any] = {
        name: np.asarray(edges.pop(name), dtype=np.int64)
        for name in ("source", "target", "weight", "label", "dateset")
    }
    return Frame(nodes=nodes, graph=graph, **arrays, **edges)


def relation_frame(store: Store, projection: Projection | None = None) -> Frame:
    """The relation graph as a :class:`~kg.analysis.frame.Frame` (see :func:`relation_graph`)."""
    projection = projection or Projection()
    articles, entities = _filters(store, projection)
    st = read_statements(store, projection.predicates or ENTITY_RELATIONS, articles, entities)
    n, kinds, count = len(st.entities) or 1, len(st.predicates) or 1, len(st.articles) or 1
    # edges in (subject, predicate, object) order of their strings: ranks keep that order
    keys, edge = np.unique((st.subject * kinds + st.predicate) * n + st.object, return_inverse=True)
    support = distinct(edge * count + st.article)
    weight = np.bincount(support // count, minlength=len(keys))
    datesets = datesets_for(st.days)
    dateset = dates_of(edge, st.day, len(keys), st.days, datesets)
    kept = np.flatnonzero(weight >= projection.min_weight)
    subject, predicate, obj = keys // (kinds * n), keys // n % kinds, keys % n
    ends = np.column_stack([subject[kept], obj[kept]])
    order = first_seen(ends)
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(len(order))
    used = distinct(predicate[kept])
    label = np.searchsorted(used, predicate[kept])
    names = [st.entities[i] for i in order.tolist()]
    mentions = read_mentions(store, articles, entities, credits=projection.include_credits)
    nodes = _entity_nodes(store, names, mentions)
    return _frame(
        "relation",
        projection,
        nodes,
        source=position[ends[:, 0]],
        target=position[ends[:, 1]],
        weight=weight[kept],
        label=label,
        labels=tuple(st.predicates[i] for i in used.tolist()),
        dateset=dateset[kept],
        datesets=datesets,
        articles=_supporting(support, count, kept, st.articles),
        directed=True,
        multigraph=True,
        predicates=True,
    )


def _supporting(
    support: np.ndarray, count: int, kept: np.ndarray, articles: list[str]
) -> list[tuple[str, ...]]:
    """The supporting articles of each kept edge, sorted: ``support`` holds the distinct
    ``edge * count + article`` (sorted, so by edge, then by article)."""
    owner = support // count
    names = [articles[i] for i in (support % count).tolist()]
    starts = np.searchsorted(owner, kept).tolist()
    ends = np.searchsorted(owner, kept, side="right").tolist()
    return [tuple(names[a:b]) for a, b in zip(starts, ends, strict=True)]


def comention_frame(store: Store, projection: Projection | None = None) -> Frame:
    """The co-mention graph as a :class:`~kg.analysis.frame.Frame` (see
    :func:`comention_graph`). Pairs are counted with numpy: 4.5 M pairs of 100k articles in
    about two seconds."""
    projection = projection or Projection()
    mentions = _mentions(store, projection)
    table = mentions.table
    # an article's pairs carry the last date it passes with, as they come
    last = [next((d for d in reversed(days) if d), None) for _, days, _ in mentions.articles]
    day_id = {d: i for i, d in enumerate(table.days)}
    sizes = [len(entities) for _, _, entities in mentions.articles]
    group = np.repeat(np.arange(len(sizes)), sizes)
    flat = np.fromiter(
        (table.rank[e] for _, _, entities in mentions.articles for e in entities),
        dtype=np.int64,
        count=int(sum(sizes)),
    )
    article_day = np.array([day_id.get(d, -1) if d else -1 for d in last], dtype=np.int64)
    left, right = pairs(group, flat)
    n = max(len(table.entities), 1)
    keys, inverse, counts = np.unique(
        flat[left] * n + flat[right], return_inverse=True, return_counts=True
    )
    pair_day = article_day[group[left]]
    del left, right
    kept = np.flatnonzero(counts >= projection.min_weight)
    datesets = datesets_for(table.days)
    dateset = dates_of(inverse, pair_day, len(keys), table.days, datesets)
    u, v = keys[kept] // n, keys[kept] % n
    order = first_seen(np.column_stack([u, v]))
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(len(order))
    nodes = _entity_nodes(store, [table.entities[i] for i in order.tolist()], mentions)
    return _frame(
        "comention",
        projection,
        nodes,
        source=position[u],
        target=position[v],
        weight=counts[kept],
        label=np.zeros(len(kept)),
        labels=("comention",),
        dateset=dateset[kept],
        datesets=datesets,
    )


def _article_node(article: str, day: str | None, info: tuple[str | None, ...]) -> dict[str, Any]:
    headline, url, outlet = info
    label = headline or " ".join(x for x in (outlet or "article", day or "") if x)
    return {
        "bipartite": 0,
        "label": label,
        "type": "NewsArticle",
        "iri": article,
        "url": url or "",
        "outlet": outlet or "",
        "dates": (day,) if day else (),
    }


def bipartite_frame(store: Store, projection: Projection | None = None) -> Frame:
    """The article–entity graph as a :class:`~kg.analysis.frame.Frame` (see
    :func:`bipartite_graph`)."""
    projection = projection or Projection()
    mentions = _mentions(store, projection)
    info = article_info(store)
    articles: dict[str, dict[str, Any]] = {}
    index: dict[str, int] = {}
    datesets = Datesets()
    source, target, dateset = [], [], []
    for a, days, entities in sorted(mentions.articles):
        day = days[0]
        articles[a] = _article_node(a, day, info.get(a, (None, None, None)))
        source_id = index.setdefault(a, len(index))
        edge_dates = datesets.id(sorted_dates([day] if day else []))
        for e in entities:
            source.append(source_id)
            target.append(index.setdefault(e, len(index)))
            dateset.append(edge_dates)
    named = _entity_nodes(
        store, [n for n in index if n not in articles], mentions, {"bipartite": 1}
    )
    nodes = {n: articles.get(n) or named[n] for n in index}
    return _frame(
        "bipartite",
        projection,
        nodes,
        source=source,
        target=target,
        weight=np.ones(len(source)),
        label=np.zeros(len(source)),
        labels=("mentions",),
        dateset=dateset,
        datesets=datesets,
    )


_BUILDERS = {
    "relation": relation_frame,
    "comention": comention_frame,
    "bipartite": bipartite_frame,
}


def project_frame(store: Store, projection: Projection | None = None) -> Frame:
    """Project the facts graph to a :class:`~kg.analysis.frame.Frame` (see :class:`Projection`):
    what the analysis, the layout and the exports read at any size.

    Raises:
        AnalysisError: the projection's options are invalid.
    """
    projection = projection or Projection()
    frame = _BUILDERS[projection.kind](store, projection)
    frame.graph["kg:namespace"] = str(KG)
    return frame


def relation_graph(store: Store, projection: Projection | None = None) -> Any:
    """The relation graph: one edge per (subject, predicate, object), keyed by predicate.

    Edges carry ``kind`` and ``predicate`` (the relation's name), ``weight`` (supporting
    articles), ``articles``, ``dates`` and ``first``/``last``; nodes carry ``label``, ``type``
    (Person, Organization, Place, Event), ``class``, ``iri``, ``aliases``, ``articles``
    (mentioning articles) and ``dates``.
    """
    return relation_frame(store, projection).to_networkx()


def comention_graph(store: Store, projection: Projection | None = None) -> Any:
    """The co-mention graph: entities linked when one article mentions both.

    Edges carry ``kind="comention"``, ``weight`` (shared articles), ``dates`` and
    ``first``/``last``; nodes as in :func:`relation_graph`.
    """
    return comention_frame(store, projection).to_networkx()


def bipartite_graph(store: Store, projection: Projection | None = None) -> Any:
    """The article–entity graph: articles (``bipartite=0``) linked to the entities they mention.

    Article nodes carry ``label`` (headline, else outlet and date), ``type="NewsArticle"``,
    ``iri``, ``url``, ``outlet`` and ``dates``; edges carry ``kind="mentions"`` and ``weight=1``.
    """
    return bipartite_frame(store, projection).to_networkx()


def project(store: Store, projection: Projection | None = None) -> Any:
    """Project the facts graph to NetworkX (see :class:`Projection`).

    Raises:
        AnalysisError: the projection's options are invalid.
    """
    return project_frame(store, projection).to_networkx()


def to_networkx(store: Store, projection: Projection | None = None) -> Any:
    """The relation graph (or another projection) as a NetworkX graph; see :func:`project`."""
    return project(store, projection)
