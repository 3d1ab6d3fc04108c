"""The knowledge graph in a store: build it from articles, curate, query, analyse, export."""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rdflib import Graph, URIRef

from kg.analysis import (
    MAX_FACTS,
    Analysis,
    Connection,
    MetricOptions,
    Projection,
    annotate,
    betweenness_method,
    compute_metrics,
    connections,
    display_names,
    edge_rows,
    ego_network,
    find_entity,
    layout,
    project,
    project_frame,
    save_analysis,
    view_facts,
)
from kg.analysis.metrics import DEFAULT_K, Metrics
from kg.api.build import Build, BuildReport, Progress, Stop, Workers
from kg.api.extraction import extract_chunk, to_article_graph
from kg.api.link import LINK_TYPES, LinkReport, link_wikidata
from kg.api.loading import LoadReport, is_loaded, load_rdf
from kg.errors import CurationError, ExportError
from kg.export import (
    DATASET_FORMATS,
    EXPORT_FORMATS,
    FACT_FORMATS,
    GRAPH_EXPORTS,
    GRAPH_FORMATS,
    csv_paths,
    export_format,
    write_facts,
    write_gephi_csv,
    write_gexf,
    write_graphml,
    write_html,
    write_rdf,
)
from kg.extract import EXTRACTOR
from kg.extract import extract as _extract
from kg.ingest import IngestOptions, read_sources
from kg.link import curation
from kg.link.curation import EntityView
from kg.link.resolve import Linker
from kg.link.wikidata import WikidataSettings
from kg.model.closing import Closing
from kg.model.facts import Facts
from kg.model.iri import article_iri
from kg.model.records import Article
from kg.model.shapes import ValidationReport, validate_graph
from kg.model.terms import FACTS_GRAPH, KGR, EntityType, bind_prefixes, local_name
from kg.query import (
    STREAM_PAGE,
    internal_query,
    iter_query,
    read_facts,
    run_query,
    stream_query,
)
from kg.store import Rows, Store, open_store
from kg.store.base import Stream

__all__ = ["ACCESS", "KnowledgeGraph", "Paths", "Stats", "StoreOptions"]

ACCESS = ("read", "write", "create")
"""How a command opens its store (:meth:`StoreOptions.open`)."""

log = logging.getLogger("kg")
T = TypeVar("T")


class _Stages(dict[str, float]):
    """The seconds each stage of an analysis or export took, each logged as it ends
    (``kg -v export ...`` prints them) with the CPU time it used in this thread and in the
    process's other threads: RocksDB compacts in threads of its own, so a projection that
    waits on a loaded machine, and one that shares it with a compaction, tell themselves
    apart."""

    def run(self, name: str, func: Callable[[], T]) -> T:
        started, cpu, own = time.perf_counter(), time.process_time(), time.thread_time()
        result = func()
        self[name] = time.perf_counter() - started
        own = time.thread_time() - own
        others = max(time.process_time() - cpu - own, 0.0)
        log.info(
            "%-8s %7.2f s (CPU %.1f s here, %.1f s in other threads)",
            name,
            self[name],
            own,
            others,
        )
        return result


def _report_sample(metrics: Metrics, nodes: int, options: MetricOptions | None) -> None:
    """Say so when betweenness was sampled from fewer sources than usual to bound its time."""
    k = metrics.betweenness_k
    if k and k < DEFAULT_K and (options is None or options.betweenness_k is None):
        log.warning(
            "betweenness %s to bound its time on %d edges; -k N (--betweenness-k) to choose",
            betweenness_method(metrics, nodes),
            sum(metrics.degree.values()) // 2,
        )


@dataclass(frozen=True)
class StoreOptions:
    """Where a knowledge graph is stored and how to open it (what ``--store`` and its companion
    options say).

    Args:
        location: ``"memory"``, a directory (embedded Oxigraph) or an ``http(s)://`` SPARQL
            query endpoint. Default: ``$KG_STORE`` or ``./kg-data``.
        update_url: the SPARQL update endpoint of a remote store, when it differs.
        graph_store_url: the Graph Store Protocol endpoint of a remote store, for bulk loads.
        read_only: open an embedded store read-only, whatever the command.
    """

    location: str | None = None
    update_url: str | None = None
    graph_store_url: str | None = None
    read_only: bool = False

    def open(self, access: str = "read") -> KnowledgeGraph:
        """The knowledge graph in this store (close it, or use it in a ``with`` block).

        Args:
            access: ``read`` (read-only: several readers at once, or through the ``kg serve``
                that holds the store), ``write`` (an existing store) or ``create`` (a store
                directory is made when missing: ``kg build``, ``kg load``).

        Raises:
            StoreNotFoundError: no store there (unless ``create``).
            StoreError: the store cannot be opened (StoreLockedError: another process has it).
        """
        if access not in ACCESS:
            raise ValueError(f"access must be one of {', '.join(ACCESS)}, not {access!r}")
        return KnowledgeGraph(
            self.location,
            update_url=self.update_url,
            read_only=self.read_only or access == "read",
            graph_store_url=self.graph_store_url,
            create=access == "create",
        )


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
    readers: dict[str, int] = field(default_factory=dict)
    """Articles per extractor that read them (``kg-rules/0.3``)."""

    @property
    def read_by_older(self) -> int:
        """Articles another extractor than this kg's read: the next build of their sources
        reads them again."""
        return sum(n for reader, n in self.readers.items() if reader != EXTRACTOR)

    @property
    def extractor(self) -> str:
        """This kg's extractor (``kg-rules/0.3``): the one that reads those articles again."""
        return EXTRACTOR


@dataclass(frozen=True)
class Paths(Sequence[Connection]):
    """The shortest connections between two entities, and a display name for each node.

    Indexes and iterates as its connections; ``names`` gives each node its label with its
    shortest acronym (``United Cities ... (UCLG ASPAC)``).
    """

    connections: tuple[Connection, ...]
    names: dict[str, str]

    def __getitem__(self, index: Any) -> Any:
        return self.connections[index]

    def __len__(self) -> int:
        return len(self.connections)


class KnowledgeGraph(Closing):
    """A knowledge graph in a store: build it from articles, query, analyse, export.

    Args:
        store: ``"memory"``, a directory (embedded Oxigraph), an ``http(s)://`` SPARQL query
            endpoint, or an open :class:`~kg.store.Store`. Default: ``$KG_STORE`` or ``./kg-data``.
        update_url: the SPARQL update endpoint of a remote store, when it differs.
        read_only: only read: an embedded store is opened read-only (several readers at once)
            or, while a ``kg serve`` holds it, through that server.
        graph_store_url: the Graph Store Protocol endpoint of a remote store, for bulk loads.
        create: make a new embedded store when the directory holds none (the default, for
            :meth:`build`); with ``create=False`` a missing store raises
            :class:`~kg.errors.StoreNotFoundError`, as it always does with ``read_only``.
    """

    def __init__(
        self,
        store: str | os.PathLike[str] | Store | None = None,
        *,
        update_url: str | None = None,
        read_only: bool = False,
        graph_store_url: str | None = None,
        create: bool = True,
    ) -> None:
        self.store = open_store(
            store,
            update_url=update_url,
            read_only=read_only,
            graph_store_url=graph_store_url,
            create=create,
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
                process), a Dask scheduler address (``tcp://host:8786``, needs
                ``kg-indonesia[dask]``), or any :class:`concurrent.futures.Executor`.
            strict: stop at the first failure (``BuildReport.stopped`` tells).
            progress: called with a :class:`~kg.api.BuildProgress` as the build advances.
            ingest: how to read sources: JSON field mapping, fetching, size limits
                (:func:`~kg.api.ingest_options`).

        Raises:
            StoreError: the store takes no writes (read-only, or a query-only URL): before any
                source is read.
            ExtractionError: a worker process died or a task failed on the executor.
        """
        self.store.check_writable()
        pool = Workers(workers)
        run = Build(
            self.store,
            BuildReport(),
            extract_chunk,
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
        """Remove an article (an Article, its IRI or its URL), or a graph :meth:`load` wrote
        (its IRI), and the facts only it supports."""
        self._linker = None  # it remembers what the removed article named
        if isinstance(article, str) and is_loaded(self.store, URIRef(article)):
            return self.store.remove_article(URIRef(article))
        return self.store.remove_article(self._article_iri(article))

    def load(
        self, path: str | Path, *, graph: str | None = None, fmt: str | None = None
    ) -> LoadReport:
        """Load an RDF file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) into a named
        graph of its own: queryable with the rest (its triples join the facts graph), never
        touching an article graph, replaced by a later load of the same graph and removed by
        :meth:`remove` with its IRI.

        Args:
            path: the file.
            graph: the graph's IRI (default ``…/id/graph/loaded/FILE-NAME``).
            fmt: its format when the extension does not tell (``ttl``, ``nq``, ``jsonld`` ...).

        Raises:
            IngestError: the file cannot be read or parsed.
            StoreError: the store takes no writes.
        """
        return load_rdf(self.store, Path(path), graph=graph, fmt=fmt)

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
            if not re.fullmatch(r"[\w/:.#-]+", article):  # spliced into updates: one IRI only
                raise CurationError(
                    f"{article!r} is not an article IRI; pass the IRI as the store names it "
                    "or the article's URL"
                )
            return URIRef(article)
        return article_iri(Article("", url=article))

    # -- reading ------------------------------------------------------------------
    def query(
        self,
        name_or_text: str,
        params: Mapping[str, str] | None = None,
        *,
        limit: int | None = None,
        after: str | None = None,
        **more: str,
    ) -> Rows:
        """Run a ready query (``officials``), a ``.rq`` file or SPARQL text, with parameters
        given as a mapping or as keywords (``graph.query("entity", name="Bima")``).

        A listing (``articles``, ``quotes``, ``entity``) returns one page: ``limit`` rows
        (default 50) after the cursor ``after``; ``Rows.next_cursor`` is the next page's
        cursor (None on the last page). Other queries return every row.
        """
        bound = {**(params or {}), **more}
        return run_query(self.store, name_or_text, bound, limit=limit, after=after)

    def iter_query(
        self,
        name_or_text: str,
        params: Mapping[str, str] | None = None,
        *,
        page_size: int = STREAM_PAGE,
        **more: str,
    ) -> Iterator[Rows]:
        """Every page of a query in turn, each read when the one before has been used (one
        page for a query that is not a listing): memory stays flat in the number of rows."""
        bound = {**(params or {}), **more}
        return iter_query(self.store, name_or_text, bound, page_size=page_size)

    def stream_query(
        self, name_or_text: str, params: Mapping[str, str] | None = None, **more: str
    ) -> Stream:
        """Every row of a query, as it is read, for a writer: its columns, and rows of cells
        ``(text, kind)`` (kind ``iri``, ``bnode``, ``""`` for a string, else the datatype IRI;
        ``kg.api.cell_json`` makes one a JSON value). No rdflib term is built, and on the
        embedded store a listing is one query, not a page at a time."""
        bound = {**(params or {}), **more}
        return stream_query(self.store, name_or_text, bound)

    def stats(self) -> Stats:
        """Counts of articles, entities by class and relations by predicate."""
        articles = self.store.select(internal_query("stats-articles")).rows[0][0]
        entities = self.store.select(internal_query("stats-entities"))
        relations = self.store.select(internal_query("stats-relations"))
        regions, linked = self.store.select(internal_query("stats-regions")).rows[0]
        readers = self.store.select(internal_query("stats-readers"))
        return Stats(
            int(str(articles or 0)),
            dict(sorted((local_name(c), int(str(n))) for c, n in entities)),
            dict(sorted((local_name(p), int(str(n))) for p, n in relations)),
            int(str(regions or 0)),
            int(str(regions or 0)) - int(str(linked or 0)),
            dict(sorted((str(r), int(str(n))) for r, n in readers)),
        )

    def iter_articles(self) -> Iterator[str]:
        """IRIs of the stored articles."""
        for (a,) in self.store.select(internal_query("article-iris")):
            yield str(a)

    def facts(self) -> Facts:
        """Every fact with its evidence: subject, predicate and object (IRIs and labels),
        confidence, how many articles support it, and per supporting statement its article,
        date, sentence and character offsets. ``.to_df()`` makes a pandas DataFrame.

        >>> graph = KnowledgeGraph("memory")
        >>> _ = graph.build(["data/samples/antara-bogor-uclg-aspac.txt"])
        >>> fact = next(f for f in graph.facts() if f.predicate == "mayorOf")
        >>> fact.subject_label, fact.object_label, fact.evidence[0].start is not None
        ('Bima Arya Sugiarto', 'Kota Bogor', True)
        """
        return read_facts(self.store)

    def facts_graph(self) -> Graph:
        """The facts graph as an rdflib Graph (a copy)."""
        graph = Graph()
        bind_prefixes(graph)
        for s, p, o, g in self.store.quads():
            if g == FACTS_GRAPH:
                graph.add((s, p, o))
        return graph

    def validate(self) -> ValidationReport:
        """Check the facts graph against kg's SHACL shapes."""
        return validate_graph(self.facts_graph())

    # -- analysis -------------------------------------------------------------------
    def project(self, projection: Projection | None = None) -> Any:
        """Project the facts graph to NetworkX: the relation, co-mention or article–entity
        graph, filtered by types, predicates, dates, weight and outlet (see
        :class:`~kg.analysis.Projection`)."""
        return project(self.store, projection)

    to_networkx = project
    """The relation graph (or another projection) as a NetworkX graph; see :meth:`project`."""

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
        if save:
            self.store.check_writable()  # before the work, not after it
        projection = projection or Projection()
        stages = _Stages()
        G = stages.run("project", lambda: project_frame(self.store, projection))
        log.info("%s: %d nodes, %d edges", projection.kind, len(G.nodes), G.number_of_edges())
        metrics = stages.run("metrics", lambda: compute_metrics(G, options))
        log.info("metrics: %s", ", ".join(f"{k} {v:.2f} s" for k, v in metrics.seconds.items()))
        _report_sample(metrics, G.number_of_nodes(), options)
        annotate(G, metrics)
        if positions:
            for node, (x, y) in stages.run("layout", lambda: layout(G)).items():
                G.nodes[node]["x"], G.nodes[node]["y"] = x, y
        result = Analysis(G, metrics, projection.describe(), stages)
        if save:
            self.save_analysis(result)
        return result

    def save_analysis(self, result: Analysis) -> tuple[int, int]:
        """Write an analysis's metrics to the analysis graph, only what changed (what
        :meth:`analyze` does with ``save``): so an analysis computed on a store opened
        read-only is saved by a short writable open afterwards (``kg analyze metrics``).

        Returns:
            The numbers of triples deleted and added (``result.seconds`` gains ``save``).

        Raises:
            StoreError: the store takes no writes.
        """
        self.store.check_writable()
        stages = _Stages()
        changed = stages.run(
            "save",
            lambda: save_analysis(
                self.store, result.frame, result.metrics, description=result.projection
            ),
        )
        result.seconds.update(stages)
        log.info("analysis graph: %d triples deleted, %d added", *changed)
        return changed

    def path(
        self, source: str, target: str, projection: Projection | None = None, *, limit: int = 5
    ) -> Paths:
        """The shortest connections between two entities (names, aliases or IRIs, any case) in
        the relation graph; each hop carries its predicates and their articles and sentences.

        >>> graph = KnowledgeGraph("memory")
        >>> _ = graph.build(["data/samples"])
        >>> found = graph.path("Bima Arya Sugiarto", "UCLG ASPAC")
        >>> found[0].labels[1], found.names[found[0].nodes[2]]
        ('Kota Bogor', 'United Cities and Local Governments Asia Pasific (UCLG ASPAC)')
        """
        projection = projection or Projection()
        if projection.kind != "relation":
            projection = dataclasses.replace(projection, kind="relation")
        a, _ = find_entity(self.store, source)
        b, _ = find_entity(self.store, target)
        G = project(self.store, projection)
        found = connections(self.store, G, a, b, limit=limit)
        return Paths(tuple(found), display_names(G))

    def ego(self, name: str, projection: Projection | None = None, *, radius: int = 1) -> Any:
        """The ego network of an entity (its name, an alias or its IRI) in a projection."""
        iri, _ = find_entity(self.store, name)
        return ego_network(project(self.store, projection), iri, radius=radius)

    def ego_links(
        self, name: str, projection: Projection | None = None, *, radius: int = 1
    ) -> list[dict[str, Any]]:
        """The links of an entity's ego network as rows (source, link, target, weight, first,
        last), heaviest first."""
        return edge_rows(self.ego(name, projection, radius=radius))

    def viz(
        self,
        path: str | Path,
        projection: Projection | None = None,
        options: MetricOptions | None = None,
        *,
        limit: int | None = 500,
        facts: int | None = MAX_FACTS,
    ) -> Path:
        """Write the browser view: one self-contained, offline HTML file (pan, zoom, search,
        facts and source articles on click, colour and filters by type and date).

        Args:
            limit: keep the ``limit`` entities of highest PageRank (None keeps all).
            facts: show each entity's ``facts`` facts supported by the most articles, and how
                many it has (None shows all; what is read grows with what is shown).
        """
        result = self.analyze(projection, options, save=False)
        stages = _Stages(result.seconds)
        frame = result.frame
        if limit is not None and frame.number_of_nodes() > limit:
            keep = sorted(frame.nodes, key=lambda n: -result.metrics.pagerank.get(n, 0.0))[:limit]
            frame = frame.subgraph(keep)
        G = frame.to_networkx()
        for node, (x, y) in stages.run("layout", lambda: layout(G)).items():
            G.nodes[node]["x"], G.nodes[node]["y"] = x, y
        shown, mentions, articles, counts = stages.run(
            "facts", lambda: view_facts(self.store, G, max_facts=facts)
        )
        return stages.run(
            "write",
            lambda: write_html(
                G,
                Path(path),
                facts=shown,
                mentions=mentions,
                articles=articles,
                fact_counts=counts,
            ),
        )

    def export(
        self,
        path: str | Path,
        fmt: str | None = None,
        projection: Projection | None = None,
        options: MetricOptions | None = None,
        *,
        with_ontology: bool = False,
    ) -> Path:
        """Write the graph to a file: ``gexf`` (Gephi), ``graphml``, ``csv`` (Gephi's nodes and
        edges tables, ``X.nodes.csv`` and ``X.edges.csv``; returns the nodes file) — a
        projection with its metrics and a layout — or ``nq``/``trig`` (every named graph),
        ``ttl``/``nt``/``jsonld`` (the facts graph; ``with_ontology`` adds kg's ontology so
        that it validates on its own), or ``facts.csv``/``facts.jsonl`` (:meth:`facts` as a
        table). The format defaults to the extension (``*.facts.csv``, ``*.jsonl``).

        Raises:
            ExportError: unknown format or unwritable path.
        """
        path = Path(path)
        fmt = (fmt or export_format(path.name)).lower()
        if with_ontology and fmt not in GRAPH_FORMATS:
            raise ExportError(
                f"--with-ontology goes with {', '.join(GRAPH_FORMATS)} (the facts graph), not {fmt}"
            )
        if fmt in FACT_FORMATS:
            return write_facts(self.facts(), path, fmt)
        if fmt in GRAPH_EXPORTS:
            result = self.analyze(projection, options, save=False, positions=True)
            stages = _Stages(result.seconds)
            if fmt == "gexf":
                return stages.run("write", lambda: write_gexf(result.frame, path))
            if fmt == "graphml":
                return stages.run("write", lambda: write_graphml(result.graph, path))
            return stages.run("write", lambda: write_gephi_csv(result.graph, path)[0])
        if fmt in DATASET_FORMATS or fmt in GRAPH_FORMATS:
            return write_rdf(self.store, path, fmt, with_ontology=with_ontology)
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")

    @staticmethod
    def csv_paths(path: str | Path) -> tuple[Path, Path]:
        """The nodes and edges files a ``csv`` export writes for ``path``."""
        return csv_paths(Path(path))

    # -- linking ------------------------------------------------------------------
    def link_wikidata(
        self,
        *,
        endpoint: str | None = None,
        limit: int | None = None,
        types: Iterable[str | EntityType] = LINK_TYPES,
        settings: WikidataSettings | None = None,
    ) -> LinkReport:
        """Link stored entities that have no Wikidata QID yet, online, through the Wikidata API.

        See :func:`kg.api.link.link_wikidata`.

        Raises:
            LinkError: the API is unreachable or keeps failing (links found so far are kept).
        """
        return link_wikidata(
            self.store, endpoint=endpoint, limit=limit, types=types, settings=settings
        )

    # -- lifecycle ----------------------------------------------------------------
    def close(self) -> None:
        self.store.close()
