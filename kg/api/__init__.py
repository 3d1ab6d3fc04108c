"""kg's Python API: the one package that wires the stages together.

=================  ===========================================================================
``graph``          :class:`KnowledgeGraph`: a store to build, curate, query, analyse, export
``extraction``     :func:`extract` one text, :func:`extract_files` to an RDF file, build tasks
``build``          the build loop: workers, batches, progress, :class:`BuildReport`
``link``           linking entities to Wikidata online
``loading``        loading a user's RDF file into a graph of its own
``server``         :func:`serve` a store as a SPARQL endpoint
=================  ===========================================================================

Names load on first use (:mod:`kg._lazy`), so ``import kg.api`` is cheap.

>>> import kg
>>> graph = kg.KnowledgeGraph("memory")
>>> report = graph.build(["data/samples"])
>>> report.new >= 1, report.failed
(True, 0)
>>> [row[0] for row in graph.query("entity", name="Bima")][:1]  # doctest: +ELLIPSIS
[rdflib.term.URIRef('https://w3id.org/kg-indonesia/id/person/bima-arya-sugiarto')]
"""

import typing

from kg import _lazy

if typing.TYPE_CHECKING:
    from kg.analysis import (
        COMMUNITY_METHODS,
        ENGINES,
        MAX_FACTS,
        METRIC_NAMES,
        PROJECTIONS,
        Analysis,
        Connection,
        MetricOptions,
        Projection,
    )
    from kg.api.build import BuildProgress, BuildReport, ingest_options
    from kg.api.choices import LINK_TYPES
    from kg.api.extraction import ExtractReport, extract, extract_files, to_article_graph
    from kg.api.graph import KnowledgeGraph, Paths, Stats, StoreOptions
    from kg.api.link import LinkReport
    from kg.api.loading import LoadReport
    from kg.api.server import serve
    from kg.errors import Failure
    from kg.export import EXPORT_FORMATS, export_format
    from kg.ingest import (
        FetchSettings,
        FieldMap,
        IngestOptions,
        default_cache_dir,
        load_field_map,
        parse_field_map,
    )
    from kg.link.wikidata import WikidataSettings
    from kg.query import list_queries
    from kg.store import Rows
    from kg.store.base import cell_json, plain

__all__ = [
    "COMMUNITY_METHODS",
    "ENGINES",
    "EXPORT_FORMATS",
    "LINK_TYPES",
    "MAX_FACTS",
    "METRIC_NAMES",
    "PROJECTIONS",
    "Analysis",
    "BuildProgress",
    "BuildReport",
    "Connection",
    "ExtractReport",
    "Failure",
    "FetchSettings",
    "FieldMap",
    "IngestOptions",
    "KnowledgeGraph",
    "LinkReport",
    "LoadReport",
    "MetricOptions",
    "Paths",
    "Projection",
    "Rows",
    "Stats",
    "StoreOptions",
    "WikidataSettings",
    "cell_json",
    "default_cache_dir",
    "export_format",
    "extract",
    "extract_files",
    "ingest_options",
    "list_queries",
    "load_field_map",
    "parse_field_map",
    "plain",
    "serve",
    "to_article_graph",
]

__getattr__, __dir__ = _lazy.lazy_exports(__name__)
