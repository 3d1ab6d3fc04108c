"""kg: knowledge graphs from Indonesian news.

Read articles, extract who holds which office, memberships, agreements and events, store them
as RDF with provenance, and query, analyse and export the graph.

>>> import kg
>>> ex = kg.extract("Gubernur Lampung Rahmat Mirzani Djausal meninjau pasar.")
>>> [(r.predicate, ex.entity(r.object).name) for r in ex.relations]
[('governorOf', 'Lampung')]
"""

from importlib.metadata import PackageNotFoundError, version

from kg.api import (
    Analysis,
    BuildReport,
    Connection,
    KnowledgeGraph,
    MetricOptions,
    Projection,
    Stats,
    extract,
    extract_files,
    list_queries,
    to_article_graph,
)
from kg.errors import (
    ExportError,
    ExtractionError,
    IngestError,
    KGError,
    QueryError,
    StoreError,
    StoreLockedError,
    ValidationError,
)
from kg.model.records import Article, Entity, Extraction, Mention, Quote, Relation, Sentence
from kg.store import Rows, Store, open_store

try:
    __version__ = version("kg")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

__all__ = [
    "Analysis",
    "Article",
    "BuildReport",
    "Connection",
    "Entity",
    "ExportError",
    "Extraction",
    "ExtractionError",
    "IngestError",
    "KGError",
    "KnowledgeGraph",
    "Mention",
    "MetricOptions",
    "Projection",
    "QueryError",
    "Quote",
    "Relation",
    "Rows",
    "Sentence",
    "Stats",
    "Store",
    "StoreError",
    "StoreLockedError",
    "ValidationError",
    "__version__",
    "extract",
    "extract_files",
    "list_queries",
    "open_store",
    "to_article_graph",
]
