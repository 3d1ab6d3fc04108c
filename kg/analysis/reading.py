"""What the projections read from a store, as plain strings, and their filters.

Every query here is shaped for the embedded Oxigraph store at 100k articles (10 M quads),
where decoding each returned string from RocksDB costs 5-10 us and dominates:

* no rdflib terms (:meth:`~kg.store.base.Store.select_values`);
* whole-property scans joined by hash, written as subqueries (Oxigraph otherwise looks each
  reified statement's subject, object and article up one by one: 3x slower);
* mentions grouped per article (each entity IRI decoded once per mention, each article once);
* credits taken out with ``MINUS`` (one hash join), not ``FILTER NOT EXISTS`` (three lookups
  per mention): 1.2-2 s against 6-10 s at 10k articles;
* the projection's filters read once per article or entity and applied here, in Python, with
  exactly the semantics they have in SPARQL (see :func:`date_bounds`).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from typing import Any

import numpy as np
from rdflib import Literal, URIRef

from kg.model.periods import period
from kg.model.terms import CLASS_PARENT, SPARQL_PREFIXES, EntityType, entity_type_of, local_name
from kg.store.base import Store, term_text

__all__ = [
    "ArticleFilter",
    "EntityFilter",
    "MentionTable",
    "Mentions",
    "Statements",
    "article_filter",
    "article_info",
    "date_bounds",
    "entity_attrs",
    "entity_filter",
    "local",
    "read_mentions",
    "read_statements",
    "sorted_dates",
]

_DATES = f"{SPARQL_PREFIXES}SELECT ?a ?date WHERE {{ ?a schema:datePublished ?date }}"

_MENTIONS = f"""{SPARQL_PREFIXES}SELECT ?a (GROUP_CONCAT(STR(?e); separator=" ") AS ?es)
WHERE {{ ?a kg:mentions ?e }} GROUP BY ?a"""

_MENTIONS_NO_CREDITS = f"""{SPARQL_PREFIXES}SELECT ?a (GROUP_CONCAT(STR(?e); separator=" ") AS ?es)
WHERE {{
  {{ ?a kg:mentions ?e }} MINUS {{ ?a kg:author|kg:editor|kg:publisher ?e }}
}} GROUP BY ?a"""

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


local = lru_cache(maxsize=4096)(local_name)
"""The local name of an IRI (after its last ``#``, else its last ``/``), cached: the statements
of 100k articles name their 12 predicates 300k times."""


@lru_cache(maxsize=1 << 16)
def _period(value: str) -> tuple[str, str] | None:
    """The period of a date, or None when it is malformed (cached: dates repeat a lot)."""
    try:
        return period(value)
    except ValueError:
        return None


def sorted_dates(dates: Any) -> tuple[str, ...]:
    """Distinct valid dates, oldest first (a malformed date in the data is ignored)."""
    keyed = [(p, d) for d in set(dates) if (p := _period(d)) is not None]
    return tuple(d for _, d in sorted(keyed))


@lru_cache(maxsize=1 << 16)
def date_bounds(day: str) -> tuple[str, str]:
    """The first and last day of the period an article's date names, as strings, computed as
    the projections always have in SPARQL: ``2017`` -> 2017-01-01..2017-12-31, ``2017-02`` ->
    2017-02-01..2017-02-31 (only the order of the strings matters), a day -> itself."""
    if len(day) == 4:
        return day + "-01-01", day + "-12-31"
    if len(day) == 7:
        return day + "-01", day + "-31"
    return day, day


def _classes(types: tuple[str, ...]) -> list[str]:
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


EntityFilter = Callable[[str], bool] | None
"""Whether an entity passes a projection's type filter (None: every entity passes)."""


def entity_filter(store: Store, types: tuple[str, ...]) -> EntityFilter:
    """Whether an entity has one of the classes (or a subclass); None keeps every entity."""
    if not types:
        return None
    values = " ".join(f"kg:{name}" for name in _classes(types))
    query = f"{SPARQL_PREFIXES}SELECT DISTINCT ?e WHERE {{ ?e a ?tc . VALUES ?tc {{ {values} }} }}"
    typed = {e for (e,) in store.select_values(query) if e is not None}
    return typed.__contains__


def _outlet_articles(store: Store, outlet: str) -> set[str]:
    value = outlet.strip()
    iri = "<urn:x-none>"  # a name or alias: it matches no outlet's IRI
    if value.startswith(("http://", "https://")):
        # bound as one term, like --param: an IRI that would break out matches nothing
        with contextlib.suppress(ValueError):
            iri = term_text(URIRef(value))
    query = (
        f"{SPARQL_PREFIXES}SELECT DISTINCT ?a WHERE {{ ?a kg:publisher ?pub . "
        "OPTIONAL { ?pub rdfs:label|skos:altLabel ?pl } "
        f"FILTER(?pub = {iri} || LCASE(STR(?pl)) = LCASE({Literal(value).n3()})) }}"
    )
    return {a for (a,) in store.select_values(query) if a is not None}


@dataclass(frozen=True)
class ArticleFilter:
    """The dates of each article that pass a projection's date range and outlet.

    An article dated ``2021-06`` passes a range when the month overlaps it; an article without
    a date passes only when there is no range.
    """

    dates: dict[str, list[str]]
    since: str | None
    until: str | None
    outlets: set[str] | None

    def passing(self, article: str) -> list[str | None]:
        """The article's passing dates (cut to the day); ``[None]`` when it passes undated."""
        if self.outlets is not None and article not in self.outlets:
            return []
        days: list[str | None] = [*self.dates.get(article, ())] or [None]
        if self.since is None and self.until is None:
            return days
        return [d for d in days if d is not None and self._in_range(d)]

    def _in_range(self, day: str) -> bool:
        first, last = date_bounds(day)
        return (self.since is None or last >= self.since) and (
            self.until is None or first <= self.until
        )


def article_filter(
    store: Store, *, since: str | None, until: str | None, outlet: str | None
) -> ArticleFilter:
    """Read every article's dates (and the outlet's articles) once."""
    dates: dict[str, list[str]] = defaultdict(list)
    for a, date in store.select_values(_DATES):
        if a is not None and date is not None:
            dates[a].append(date[:10])
    return ArticleFilter(
        dict(dates),
        period(since)[0] if since else None,
        period(until)[1] if until else None,
        _outlet_articles(store, outlet) if outlet else None,
    )


@dataclass(frozen=True)
class MentionTable:
    """The mentions as arrays, one row per (article, passing date, entity): ``entity`` indexes
    ``entities`` (sorted), ``article`` the articles, ``day`` the chronological valid ``days``
    (-1: no date, or a malformed one)."""

    entities: list[str]
    rank: dict[str, int]
    days: list[str]
    entity: np.ndarray
    article: np.ndarray
    day: np.ndarray


@dataclass(frozen=True)
class Mentions:
    """The mentions that pass a projection's filters: per article, its passing dates and the
    entities it mentions (sorted)."""

    articles: list[tuple[str, list[str | None], list[str]]]

    @cached_property
    def table(self) -> MentionTable:
        named = [names for _, _, names in self.articles]
        entities = sorted(set(chain.from_iterable(named)))
        rank = {e: i for i, e in enumerate(entities)}
        days = list(sorted_dates(d for _, found, _ in self.articles for d in found if d))
        day_id = {d: i for i, d in enumerate(days)}
        dated = [[day_id.get(d, -1) if d else -1 for d in found] for _, found, _ in self.articles]
        sizes = np.fromiter(map(len, named), dtype=np.int64, count=len(named))
        counts = np.fromiter(map(len, dated), dtype=np.int64, count=len(dated))
        flat = np.fromiter(
            map(rank.__getitem__, chain.from_iterable(named)), np.int64, int(sizes.sum())
        )
        flat_days = np.fromiter(chain.from_iterable(dated), np.int64, int(counts.sum()))
        # per article, its entities once per passing date (date by date), by numpy passes:
        # row j of article i's block is entity j % size of date j // size
        block = sizes * counts
        article = np.repeat(np.arange(len(named)), block)
        j = np.arange(len(article)) - np.repeat(np.cumsum(block) - block, block)
        size = np.maximum(sizes, 1)[article]
        entity = flat[(np.cumsum(sizes) - sizes)[article] + j % size]
        day = flat_days[(np.cumsum(counts) - counts)[article] + j // size]
        return MentionTable(entities, rank, days, entity, article, day)


def read_mentions(
    store: Store, articles: ArticleFilter, entities: EntityFilter, *, credits: bool = True
) -> Mentions:
    """Every article's mentioned entities, filtered; without its credits (authors, editors,
    publisher) unless ``credits``."""
    out = []
    for a, listed in store.select_values(_MENTIONS if credits else _MENTIONS_NO_CREDITS):
        if a is None or not listed:
            continue
        days = articles.passing(a)
        if not days:
            continue
        names = sorted(set(listed.split(" ")))
        if entities is not None:
            names = [e for e in names if entities(e)]
        if names:
            out.append((a, days, names))
    return Mentions(out)


def _statements_query(predicates: tuple[str, ...]) -> str:
    """Each statement's subject, predicate, object and article; the predicate as its number
    in ``predicates`` (an integer costs no string lookup to return: 300k fewer at 100k
    articles, 0.8 s of CPU)."""
    values = " ".join(f"(kg:{name} {i})" for i, name in enumerate(predicates))
    return f"""{SPARQL_PREFIXES}SELECT ?s ?p ?o ?a WHERE {{
  {{ SELECT ?st ?p WHERE {{ VALUES (?kind ?p) {{ {values} }} ?st rdf:predicate ?kind }} }}
  {{ SELECT ?st ?s WHERE {{ ?st rdf:subject ?s }} }}
  {{ SELECT ?st ?o WHERE {{ ?st rdf:object ?o }} }}
  {{ SELECT ?st ?a WHERE {{ ?st prov:wasDerivedFrom ?a }} }}
}}"""


@dataclass(frozen=True)
class Statements:
    """Passing statements as arrays, one row per (statement, passing date): ``subject`` and
    ``object`` index ``entities``, ``predicate`` the ``predicates`` (local names), ``article``
    the ``articles``, each list sorted; ``day`` indexes the chronological ``days`` (-1: none)."""

    entities: list[str]
    predicates: list[str]
    articles: list[str]
    days: list[str]
    subject: np.ndarray
    predicate: np.ndarray
    object: np.ndarray
    article: np.ndarray
    day: np.ndarray


def _numbered(values: Any) -> tuple[list[str], dict[str, int]]:
    """Distinct strings, sorted, and each one's number in that order."""
    names = sorted(set(values))
    return names, {name: i for i, name in enumerate(names)}


def _ints(rank: dict[str, int], values: Any, count: int) -> np.ndarray:
    return np.fromiter(map(rank.__getitem__, values), dtype=np.int64, count=count)


def read_statements(
    store: Store,
    predicates: tuple[str, ...],
    articles: ArticleFilter,
    entities: EntityFilter,
) -> Statements:
    """The statements of these predicates whose article and both entities pass the filters."""
    found = store.select_values(_statements_query(predicates))
    rows: list[Any] = [r for r in found if None not in r]  # every cell a string
    if entities is not None:
        rows = [r for r in rows if entities(r[0]) and entities(r[2])]
    count = len(rows)
    s_col, p_col, o_col, a_col = zip(*rows, strict=True) if rows else ((), (), (), ())
    # strings numbered by C-level passes (set, sort, map), not one dict update per row
    entity_names, entity_rank = _numbered(s_col + o_col)
    used, _ = _numbered(p_col)  # numbers into `predicates`, as strings
    predicate_names, predicate_rank = _numbered(predicates[int(i)] for i in used)
    kind = {i: predicate_rank[predicates[int(i)]] for i in used}
    article_names, article_rank = _numbered(a_col)
    passing = [articles.passing(a) for a in article_names]
    days = list(sorted_dates(d for found in passing for d in found if d))
    day_id = {d: i for i, d in enumerate(days)}
    dates = np.array([len(found) for found in passing] or [0], dtype=np.int64)
    flat = np.array([day_id.get(d, -1) if d else -1 for f in passing for d in f] or [0])
    article = _ints(article_rank, a_col, count)
    # one row per passing date of the statement's article; an article passing none drops out
    repeat = dates[article] if count else dates[:0]
    rows_of = np.repeat(np.arange(count), repeat)
    nth = np.arange(len(rows_of)) - np.repeat(np.cumsum(repeat) - repeat, repeat)
    day = flat[(np.cumsum(dates) - dates)[article[rows_of]] + nth] if len(rows_of) else rows_of
    return Statements(
        entity_names,
        predicate_names,
        article_names,
        days,
        _ints(entity_rank, s_col, count)[rows_of],
        _ints(kind, p_col, count)[rows_of],
        _ints(entity_rank, o_col, count)[rows_of],
        article[rows_of],
        day,
    )


def _type_of(cls: str) -> str:
    try:
        return entity_type_of(cls).value
    except ValueError:
        return cls or "Thing"


def entity_attrs(store: Store) -> dict[str, dict[str, Any]]:
    """Label, type, class, IRI and aliases of every mentioned entity."""
    attrs: dict[str, dict[str, Any]] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    for e, alt in store.select_values(_ALIASES):
        if e is not None and alt is not None:
            aliases[e].append(alt)
    for e, label, cls in store.select_values(_ENTITIES):
        if e is None:
            continue
        klass = local(cls) if cls is not None else ""
        attrs[e] = {
            "label": label if label is not None else local(e),
            "type": _type_of(klass),
            "class": klass,
            "iri": e,
            "aliases": tuple(sorted(aliases.get(e, ()))),
        }
    return attrs


def unknown_entity(node: str) -> dict[str, Any]:
    """The attributes of an entity the store says nothing about."""
    return {"label": local(node), "type": "Thing", "class": "", "iri": node, "aliases": ()}


def article_info(store: Store) -> dict[str, tuple[str | None, str | None, str | None]]:
    """Headline, URL and outlet of every article."""
    return {a: (h, u, o) for a, h, u, o in store.select_values(_ARTICLES) if a is not None}


def known_type(name: str) -> bool:
    """Whether a name is an entity type or class kg knows."""
    return name in CLASS_PARENT or name in EntityType._value2member_map_
