"""kg: knowledge graphs from Indonesian news.

Read articles, extract who holds which office, memberships, agreements and events, store them
as RDF with provenance, and query, analyse and export the graph.

>>> import kg
>>> ex = kg.extract("Gubernur Lampung Rahmat Mirzani Djausal meninjau pasar.")
>>> [(r.predicate, ex.entity(r.object).name) for r in ex.relations]
[('governorOf', 'Lampung')]

``kg.extract`` is the extraction package (``kg.extract.COMPILED`` says whether it runs
mypyc-compiled); calling it extracts one text, as :func:`kg.api.extract` does. Every name here
loads on first use (:mod:`kg._lazy`), so ``import kg`` costs little until it is used.
"""

import typing

from kg import _lazy

if typing.TYPE_CHECKING:
    from kg import extract
    from kg.api import (
        Analysis,
        BuildReport,
        Connection,
        KnowledgeGraph,
        MetricOptions,
        Projection,
        Stats,
        extract_files,
        list_queries,
        to_article_graph,
    )
    from kg.errors import (
        ExportError,
        ExtractionError,
        Failure,
        IngestError,
        KGError,
        QueryError,
        StoreError,
        StoreLockedError,
        StoreNotFoundError,
        ValidationError,
    )
    from kg.model.records import Article, Entity, Extraction, Mention, Quote, Relation, Sentence
    from kg.store import Rows, Store, open_store

__version__: str
"""The version of the installed ``kg-indonesia`` distribution (``0.0.0`` in an uninstalled tree)."""

__all__ = [
    "Analysis",
    "Article",
    "BuildReport",
    "Connection",
    "Entity",
    "ExportError",
    "Extraction",
    "ExtractionError",
    "Failure",
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
    "StoreNotFoundError",
    "ValidationError",
    "__version__",
    "extract",
    "extract_files",
    "list_queries",
    "open_store",
    "to_article_graph",
]

_getattr, __dir__ = _lazy.lazy_exports(__name__)


def __getattr__(name: str) -> typing.Any:
    if name != "__version__":
        return _getattr(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("kg-indonesia")
    except PackageNotFoundError:  # running from a source tree without installation
        value = "0.0.0"
    globals()["__version__"] = value
    return value
