"""kg's Python API: the one module that wires the stages together.

>>> import kg
>>> graph = kg.KnowledgeGraph("memory")
>>> report = graph.build(["data/samples"])
>>> report.new >= 1, report.failed
(True, 0)
>>> [row[0] for row in graph.query("entity", name="Bima")][:1]  # doctest: +ELLIPSIS
[rdflib.term.URIRef('https://w3id.org/kg-indonesia/id/person/bima-arya-sugiarto')]
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, URIRef

from kg._build import Build, BuildProgress, Progress, Stop, Workers
from kg.analysis import (
    COMMUNITY_METHODS,
    ENGINES,
    PROJECTIONS,
    Analysis,
    Connection,
    MetricOptions,
    Metrics,
    Projection,
    analysis_triples,
    analysis_update,
    annotate,
    compute_metrics,
    connections,
    ego_network,
    find_entity,
    layout,
    project,
    view_facts,
)
from kg.errors import ExportError, KGError, LinkError, StoreError
from kg.export import (
    DATASET_FORMATS,
    GRAPH_EXPORTS,
    GRAPH_FORMATS,
    csv_paths,
    write_gephi_csv,
    write_gexf,
    write_graphml,
    write_html,
    write_rdf,
)
from kg.extract import extract as _extract
from kg.ingest import (
    Failure,
    FetchSettings,
    FieldMap,
    IngestOptions,
    default_cache_dir,
    load_field_map,
    parse_field_map,
    read_sources,
)
from kg.link import curation
from kg.link.curation import EntityView
from kg.link.resolve import Linker
from kg.link.wikidata import (
    LinkResult,
    WikidataClient,
    WikidataSettings,
    entity_type,
    link_all,
    link_update,
    unlinked_query,
)
from kg.model.closing import Closing
from kg.model.iri import article_iri
from kg.model.rdf import article_triples
from kg.model.records import Article, Extraction
from kg.model.shapes import ValidationReport, validate_graph
from kg.model.terms import FACTS_GRAPH, KG, KGR, LINKS_GRAPH, OWL, RELATIONS, SCHEMA, WD, EntityType
from kg.query import list_queries, run_query
from kg.store import ArticleGraph, Rows, Store, open_store, store_spec
from kg.store.serve import DEFAULT_PORT, ServerProcess
from kg.store.serve import serve as _serve

__all__ = [
    "COMMUNITY_METHODS",
    "ENGINES",
    "PROJECTIONS",
    "Analysis",
    "BuildProgress",
    "BuildReport",
    "Connection",
    "FetchSettings",
    "FieldMap",
    "IngestOptions",
    "KnowledgeGraph",
    "LinkReport",
    "MetricOptions",
    "Projection",
    "Rows",
    "Stats",
    "WikidataSettings",
    "default_cache_dir",
    "extract",
    "extract_files",
    "list_queries",
    "load_field_map",
    "parse_field_map",
    "serve",
    "to_article_graph",
]

log = logging.getLogger("kg")

METRIC_NAMES = tuple(Metrics.NAMES)
EXPORT_FORMATS = (*GRAPH_EXPORTS, *DATASET_FORMATS, *GRAPH_FORMATS)


def extract(text: str, **metadata: Any) -> Extraction:
    """Extract entities, relations and quotes from one article's text.

    Args:
        text: the article as published (dateline, body, credit lines).
        **metadata: any of ``title``, ``url``, ``published``, ``outlet``, ``authors``, ``source``.

    >>> ex = extract("Wali Kota Bogor Bima Arya Sugiarto menerima tamu di Bogor.")
    >>> [(r.predicate, ex.entity(r.object).name) for r in ex.relations]
    [('mayorOf', 'Kota Bogor')]
    """
    authors = metadata.pop("authors", ())
    article = Article(text, authors=tuple(authors), **metadata)
    return _extract(article)


def to_article_graph(extraction: Extraction) -> ArticleGraph:
    """The triples of one extraction, ready for a store."""
    iri, triples = article_triples(extraction)
    return ArticleGraph(iri, tuple(triples), extraction.article.content_hash)


def _bind(graph: Graph) -> None:
    graph.bind("kg", KG)
    graph.bind("kgr", KGR)
    graph.bind("schema", SCHEMA)


@dataclass
class ExtractReport:
    """What ``kg extract`` did: articles written, failures, the output path."""

    path: Path
    articles: int = 0
    failures: list[Failure] = field(default_factory=list)


def extract_files(sources: Sequence[str | Path], out: Path) -> ExtractReport:
    """Extract article files to one RDF file; the format follows the extension.

    ``.nq``/``.trig``/``.jsonld`` keep one named graph per article; ``.ttl``/``.nt`` hold their
    union.

    Raises:
        ExportError: unknown extension or unwritable file.
    """
    suffix = out.suffix.lower().lstrip(".")
    formats = {"ttl": "turtle", "nt": "nt", "nq": "nquads", "trig": "trig", "jsonld": "json-ld"}
    if suffix not in formats:
        raise ExportError(
            f"unknown output format {out.suffix!r}; use .ttl .nt .nq .trig or .jsonld"
        )
    report = ExtractReport(out)
    ds = Dataset()
    _bind(ds)
    for item in read_sources(sources):
        if isinstance(item, Failure):
            log.warning("%s", item.message)
            report.failures.append(item)
            continue
        iri, triples = article_triples(_extract(item))
        named = ds.graph(iri)
        for triple in triples:
            named.add(triple)
        report.articles += 1
    if suffix in ("ttl", "nt"):
        union = Graph()
        _bind(union)
        for s, p, o, _ in ds.quads((None, None, None, None)):
            union.add((s, p, o))
        data = union.serialize(format=formats[suffix], encoding="utf-8")
    else:
        data = ds.serialize(format=formats[suffix], encoding="utf-8")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc}; check the folder is writable") from exc
    return report


@dataclass
class BuildReport:
    """What a build did, per outcome, with the failures' one-line reasons."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    stopped: bool = False
    """True when ``strict`` stopped the build at its first failure."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def total(self) -> int:
        return self.new + self.changed + self.unchanged + self.failed

    def summary(self) -> str:
        rate = self.total / self.seconds if self.seconds else 0.0
        return (
            f"{self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
            f"{self.failed} failed in {self.seconds:.1f} s ({rate:.1f} articles/s)"
        )


def _extract_chunk(articles: Sequence[Article]) -> list[ArticleGraph | Failure]:
    """One task: extract articles and build their graphs; runs in a worker process or on Dask."""
    results: list[ArticleGraph | Failure] = []
    for article in articles:
        name = article.source or article.identity
        try:
            results.append(to_article_graph(_extract(article)))
        except KGError as exc:
            results.append(Failure(name, f"{name}: extraction failed ({exc}); check the text"))
        except Exception as exc:  # an extractor bug must not sink the other articles of a batch
            log.debug("extractor crashed on %s", name, exc_info=True)
            results.append(
                Failure(
                    name,
                    f"{name}: the extractor crashed ({type(exc).__name__}: {exc}); "
                    "report it with this article",
                )
            )
    return results


@dataclass(frozen=True)
class Stats:
    """Counts of a store: articles, entities by class, relations by predicate."""

    articles: int
    entities: dict[str, int]
    relations: dict[str, int]
    regions: int = 0
    """Provinces, regencies and cities the articles name."""
    regions_without_qid: int = 0
    """Those with no Wikidata item yet (``kg link --wikidata --types place`` finds them)."""


_STATS_ENTITIES = """
PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>
SELECT ?cls (COUNT(DISTINCT ?e) AS ?n) WHERE { ?a kg:mentions ?e . ?e a ?cls } GROUP BY ?cls
"""
_STATS_ARTICLES = """
PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>
SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a kg:NewsArticle }
"""
_STATS_REGIONS = f"""
PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>
SELECT (COUNT(DISTINCT ?e) AS ?n) (COUNT(DISTINCT ?linked) AS ?q) WHERE {{
  VALUES ?c {{ kg:Province kg:Regency kg:City }} ?a kg:mentions ?e . ?e a ?c .
  OPTIONAL {{ {{ ?e <{OWL.sameAs}> ?w }}
    UNION {{ GRAPH <{LINKS_GRAPH}> {{ ?e <{OWL.sameAs}> ?w }} }}
    FILTER(STRSTARTS(STR(?w), "{WD}")) BIND(?e AS ?linked) }}
}}
"""
_PREDICATES = " ".join(f"kg:{name}" for name in RELATIONS)
_STATS_RELATIONS = f"""
PREFIX kg: <https://w3id.org/kg-indonesia/ontology#>
SELECT ?p (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {_PREDICATES} }} ?s ?p ?o }} GROUP BY ?p
"""


LINK_TYPES = ("person", "organization", "place")
"""Entity types ``kg link --wikidata`` links by default (events are rarely Wikidata items)."""


@dataclass
class LinkReport:
    """What ``kg link --wikidata`` did: entities tried and each one's outcome."""

    results: list[LinkResult] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    def count(self, outcome: str) -> int:
        """How many results had this outcome: ``linked``, ``ambiguous`` or ``unmatched``."""
        return sum(1 for r in self.results if r.outcome == outcome)

    def summary(self) -> str:
        return (
            f"{len(self.results)} entities: {self.count('linked')} linked (owl:sameAs), "
            f"{self.count('ambiguous')} ambiguous (skos:closeMatch), "
            f"{self.count('unmatched')} unmatched; {self.requests} API requests "
            f"in {self.seconds:.1f} s"
        )


def _link_types(types: Iterable[str | EntityType]) -> list[EntityType]:
    kinds = []
    for value in types:
        name = value.value if isinstance(value, EntityType) else value.strip().capitalize()
        if name not in EntityType._value2member_map_:
            raise LinkError(
                f"unknown entity type {value!r}; use person, organization, place, event"
            )
        kinds.append(EntityType(name))
    return kinds


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


class KnowledgeGraph(Closing):
    """A knowledge graph in a store: build it from articles, query, analyse, export.

    Args:
        store: ``"memory"``, a directory (embedded Oxigraph), an ``http(s)://`` SPARQL query
            endpoint, or an open :class:`~kg.store.Store`. Default: ``$KG_STORE`` or ``./kg-data``.
        update_url: the SPARQL update endpoint of a remote store, when it differs.
        read_only: open an embedded store read-only.
        graph_store_url: the Graph Store Protocol endpoint of a remote store, for bulk loads.
    """

    def __init__(
        self,
        store: str | os.PathLike[str] | Store | None = None,
        *,
        update_url: str | None = None,
        read_only: bool = False,
        graph_store_url: str | None = None,
    ) -> None:
        self.store = open_store(
            store, update_url=update_url, read_only=read_only, graph_store_url=graph_store_url
        )
        self._linker: Linker | None = None  # read the curation graph once; merge/split reset it

    @property
    def linker(self) -> Linker:
        """Cross-article resolution with the user's curation decisions, for every write."""
        if self._linker is None:
            self._linker = Linker(self.store)
        return self._linker

    # -- building -----------------------------------------------------------------
    def add_article(self, article: Article) -> str:
        """Extract and store one article; returns ``new``, ``changed`` or ``unchanged``."""
        graph = to_article_graph(_extract(article))
        (linked,) = self.linker.link([graph])
        return self.store.write_articles([linked])[graph.iri]

    def build(
        self,
        sources: Iterable[str | Path],
        *,
        batch_size: int | None = None,
        workers: int | str | Executor | None = None,
        strict: bool = False,
        progress: Progress | None = None,
        ingest: IngestOptions | None = None,
    ) -> BuildReport:
        """Ingest articles from files, folders, globs, ``-``, URLs and feeds into the store.

        Articles already stored with the same content are counted unchanged and not extracted
        again; changed ones are replaced, new ones added. Extraction runs in tasks of 20-100
        articles on ``workers``; this process writes the store in batches, each batch one
        transaction. Bad inputs are reported in ``BuildReport.failures`` and the rest go on.

        Args:
            sources: what to read (see :func:`kg.ingest.read_sources`).
            batch_size: articles per write transaction (and at most per task); default: as
                many as fill the store's preferred write (``store.batch_quads`` quads: 400k
                on the embedded store, 20k on a SPARQL server).
            workers: processes to extract in (default: the number of cores; 1 = in this
                process), a Dask scheduler address (``tcp://host:8786``, needs ``kg[dask]``),
                or any :class:`concurrent.futures.Executor`.
            strict: stop at the first failure (``BuildReport.stopped`` tells).
            progress: called with a :class:`BuildProgress` as the build advances.
            ingest: how to read sources: JSON field mapping, fetching, size limits.

        Raises:
            ExtractionError: a worker process died or a task failed on the executor.
        """
        pool = Workers(workers)
        run = Build(
            self.store,
            BuildReport(),
            _extract_chunk,
            batch_size=batch_size,
            strict=strict,
            progress=progress,
            workers=pool,
            link=self.linker.link,
        )
        items = read_sources(sources, ingest, expect=run.expect)
        try:
            try:
                run.run(items)
            except Stop:
                run.stop()
        finally:
            items.close()
            pool.close()
        run.report.seconds = time.perf_counter() - run.started
        return run.report

    def remove(self, article: str | Article) -> bool:
        """Remove an article (an Article, its IRI or its URL) and the facts only it supports."""
        self._linker = None  # it remembers what the removed article named
        return self.store.remove_article(self._article_iri(article))

    # -- curation -----------------------------------------------------------------
    def entities(self, *, name: str | None = None, cls: str | None = None, limit: int = 50) -> Rows:
        """Entities with label, class and article count; filter by name text and class."""
        return curation.list_entities(self.store, name=name, cls=cls, limit=limit)

    def entity(self, ref: str) -> EntityView:
        """Everything the store says about one entity (its IRI or an unambiguous name)."""
        return curation.show(self.store, ref)

    def merge(self, source: str, target: str) -> int:
        """Merge entity ``source`` into ``target`` now and in every later build.

        Returns:
            How many article graphs were rewritten.
        """
        self._linker = None
        return curation.merge(self.store, source, target)

    def split(self, ref: str, articles: Sequence[str]) -> str:
        """Give an entity's mentions in these articles (IRIs or URLs) a node of their own."""
        iris = [str(self._article_iri(a)) for a in articles]
        self._linker = None
        return str(curation.split(self.store, ref, iris))

    def alias(self, ref: str, label: str) -> str:
        """Record another name of an entity; returns its IRI."""
        return str(curation.add_alias(self.store, ref, label))

    @staticmethod
    def _article_iri(article: str | Article) -> URIRef:
        if isinstance(article, Article):
            return article_iri(article)
        if article.startswith(str(KGR["article/"])):
            return URIRef(article)
        return article_iri(Article("", url=article))

    # -- reading ------------------------------------------------------------------
    def query(self, name_or_text: str, **params: str) -> Rows:
        """Run a ready query (``officials``), a ``.rq`` file or SPARQL text."""
        return run_query(self.store, name_or_text, params)

    def stats(self) -> Stats:
        """Counts of articles, entities by class and relations by predicate."""
        articles = self.store.select(_STATS_ARTICLES).rows[0][0]
        entities = {_local(c): int(str(n)) for c, n in self.store.select(_STATS_ENTITIES)}
        relations = {_local(p): int(str(n)) for p, n in self.store.select(_STATS_RELATIONS)}
        regions, linked = self.store.select(_STATS_REGIONS).rows[0]
        return Stats(
            int(str(articles or 0)),
            dict(sorted(entities.items())),
            dict(sorted(relations.items())),
            int(str(regions or 0)),
            int(str(regions or 0)) - int(str(linked or 0)),
        )

    def to_networkx(self, projection: Projection | None = None) -> Any:
        """The relation graph (or another projection) as a NetworkX graph; see :meth:`project`."""
        return project(self.store, projection)

    # -- analysis -------------------------------------------------------------------
    def project(self, projection: Projection | None = None) -> Any:
        """Project the facts graph to NetworkX: the relation, co-mention or article–entity
        graph, filtered by types, predicates, dates, weight and outlet (see
        :class:`~kg.analysis.Projection`)."""
        return project(self.store, projection)

    def analyze(
        self,
        projection: Projection | None = None,
        options: MetricOptions | None = None,
        *,
        save: bool = True,
        positions: bool = False,
    ) -> Analysis:
        """Compute metrics (degree, PageRank, betweenness, eigenvector, k-core, communities,
        components) of a projection; with ``save``, write them to the analysis graph.

        >>> graph = KnowledgeGraph("memory")
        >>> _ = graph.build(["data/samples/antara-bogor-uclg-aspac.txt"])
        >>> result = graph.analyze()
        >>> result.rows(top=1)[0]["entity"]
        'Kota Bogor'
        """
        projection = projection or Projection()
        G = project(self.store, projection)
        metrics = compute_metrics(G, options)
        annotate(G, metrics)
        if positions:
            for node, (x, y) in layout(G).items():
                G.nodes[node]["x"], G.nodes[node]["y"] = x, y
        if save:
            triples = analysis_triples(G, metrics, description=projection.describe())
            self.store.update(analysis_update(triples))
        return Analysis(G, metrics, projection.describe())

    def path(
        self, source: str, target: str, projection: Projection | None = None, *, limit: int = 5
    ) -> list[Connection]:
        """The shortest connections between two entities (names, aliases or IRIs, any case) in
        the relation graph; each hop carries its predicates and their articles and sentences.

        >>> graph = KnowledgeGraph("memory")
        >>> _ = graph.build(["data/samples"])
        >>> graph.path("Bima Arya Sugiarto", "UCLG ASPAC")[0].labels[1]
        'Kota Bogor'
        """
        projection = projection or Projection()
        if projection.kind != "relation":
            projection = dataclasses.replace(projection, kind="relation")
        a, _ = find_entity(self.store, source)
        b, _ = find_entity(self.store, target)
        return connections(self.store, project(self.store, projection), a, b, limit=limit)

    def ego(self, name: str, projection: Projection | None = None, *, radius: int = 1) -> Any:
        """The ego network of an entity (its name, an alias or its IRI) in a projection."""
        iri, _ = find_entity(self.store, name)
        return ego_network(project(self.store, projection), iri, radius=radius)

    def viz(
        self,
        path: str | Path,
        projection: Projection | None = None,
        options: MetricOptions | None = None,
        *,
        limit: int | None = 500,
    ) -> Path:
        """Write the browser view: one self-contained, offline HTML file (pan, zoom, search,
        facts and source articles on click, colour and filters by type and date).

        Args:
            limit: keep the ``limit`` entities of highest PageRank (None keeps all).
        """
        result = self.analyze(projection, options, save=False)
        G = result.graph
        if limit is not None and G.number_of_nodes() > limit:
            keep = sorted(G.nodes, key=lambda n: -result.metrics.pagerank.get(n, 0.0))[:limit]
            G = G.subgraph(keep).copy()
        for node, (x, y) in layout(G).items():
            G.nodes[node]["x"], G.nodes[node]["y"] = x, y
        facts, mentions, articles = view_facts(self.store, G)
        return write_html(G, Path(path), facts=facts, mentions=mentions, articles=articles)

    def facts(self) -> Graph:
        """The facts graph as an rdflib Graph (a copy)."""
        graph = Graph()
        _bind(graph)
        for s, p, o, g in self.store.quads():
            if g == FACTS_GRAPH:
                graph.add((s, p, o))
        return graph

    def validate(self) -> ValidationReport:
        """Check the facts graph against kg's SHACL shapes."""
        return validate_graph(self.facts())

    def export(
        self,
        path: str | Path,
        fmt: str | None = None,
        projection: Projection | None = None,
        options: MetricOptions | None = None,
    ) -> Path:
        """Write the graph to a file: ``gexf`` (Gephi), ``graphml``, ``csv`` (Gephi's nodes and
        edges tables, ``X.nodes.csv`` and ``X.edges.csv``; returns the nodes file) — a
        projection with its metrics and a layout — or ``nq``/``trig`` (every named graph),
        ``ttl``/``nt``/``jsonld`` (the facts graph). The format defaults to the extension.

        Raises:
            ExportError: unknown format or unwritable path.
        """
        path = Path(path)
        fmt = (fmt or path.suffix.lstrip(".")).lower()
        if fmt in GRAPH_EXPORTS:
            G = self.analyze(projection, options, save=False, positions=True).graph
            if fmt == "gexf":
                return write_gexf(G, path)
            if fmt == "graphml":
                return write_graphml(G, path)
            return write_gephi_csv(G, path)[0]
        if fmt in DATASET_FORMATS or fmt in GRAPH_FORMATS:
            return write_rdf(self.store, path, fmt)
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")

    @staticmethod
    def csv_paths(path: str | Path) -> tuple[Path, Path]:
        """The nodes and edges files a ``csv`` export writes for ``path``."""
        return csv_paths(Path(path))

    def link_wikidata(
        self,
        *,
        endpoint: str | None = None,
        limit: int | None = None,
        types: Iterable[str | EntityType] = LINK_TYPES,
        settings: WikidataSettings | None = None,
    ) -> LinkReport:
        """Link stored entities that have no Wikidata QID yet, online, through the Wikidata API.

        Each entity's label is searched (Indonesian, then English) and the candidates' types
        checked: exactly one compatible item gives ``owl:sameAs``, several give
        ``skos:closeMatch`` to each, none gives nothing. Links go to the links graph with their
        confidence and rule; entities already linked (by the shipped table or an earlier run)
        are skipped, so a second run only tries the new ones.

        Args:
            endpoint: the Wikidata API URL (default ``https://www.wikidata.org/w/api.php``).
            limit: try at most this many entities.
            types: entity types to link (``person``, ``organization``, ``place``, ``event``).
            settings: timeouts, retries, languages, User-Agent.

        Raises:
            LinkError: the API is unreachable or keeps failing (links found so far are kept).
        """
        settings = settings or WikidataSettings()
        if endpoint:
            settings = dataclasses.replace(settings, endpoint=endpoint)
        query = unlinked_query(_link_types(types), limit)
        rows = [
            (URIRef(str(e)), str(label), entity_type(cls))
            for e, label, cls in self.store.select(query)
            if e is not None and label is not None
        ]
        report, started, pending = LinkReport(), time.perf_counter(), []
        client = WikidataClient(settings)
        try:
            for result in link_all(client, rows):
                report.results.append(result)
                pending.append(result)
                if len(pending) >= 20:
                    self._write_links(pending, settings.endpoint)
        finally:
            self._write_links(pending, settings.endpoint)  # keep what was found before a failure
            report.requests, report.seconds = client.requests, time.perf_counter() - started
            client.close()
        return report

    def _write_links(self, pending: list[LinkResult], endpoint: str) -> None:
        update = link_update(pending, endpoint)
        if update is not None:
            self.store.update(update)
        pending.clear()

    def iter_articles(self) -> Iterator[str]:
        """IRIs of the stored articles."""
        rows = self.store.select(f"PREFIX kg: <{KG}> SELECT ?a WHERE {{ ?a a kg:NewsArticle }}")
        for (a,) in rows:
            yield str(a)

    # -- lifecycle ----------------------------------------------------------------
    def close(self) -> None:
        self.store.close()


def serve(
    store: str | os.PathLike[str] | None = None,
    *,
    port: int = DEFAULT_PORT,
    writable: bool = False,
) -> ServerProcess:
    """Serve an embedded store as a SPARQL 1.1 endpoint on 127.0.0.1 (Oxigraph's server).

    The store must not be open in this process meanwhile. Read-only unless ``writable``.

    Returns:
        The running server: ``.query_url``, ``.update_url``, ``.wait()``, ``.stop()``.

    Raises:
        StoreError: the store is not an embedded directory, or the server cannot start.
        StoreLockedError: another process holds the store.
    """
    spec = store_spec(store)
    if spec == "memory" or "://" in spec:
        raise StoreError(
            f"kg serve serves an embedded store directory, not {spec!r}; "
            "a SPARQL server is queried directly with --store URL"
        )
    return _serve(Path(spec), port=port, writable=writable)
